// The HOST side of the ZAF v2 iframe protocol, as the sandbox workspace plays it for the app's iframes
// (ZAF's postMessage protocol between the host page and an app iframe; the app side is the real npm
// zendesk_app_framework_sdk).
//
// One host serves every app iframe of the page. Each iframe is an *instance* {guid, location}; its URL carries
// app_guid=<guid>, so the SDK's root client in that iframe has instanceGuid === guid. Messages from an iframe are
// matched to their instance by event.source; a message may still *address* another instance (instanceGuid of a
// child client made with client.instance(guid)): invoke/get/trigger then act on that instance, while the reply
// goes back to the iframe that asked (its pending promise lives there).
//
// No DOM here: the workspace passes callbacks (`actions`) for what ZAF actions do to the page, and each instance
// gives a `target()` returning its window, so node tests can drive the host with fake windows.
// Data from Zendesk (the stand-in) only ever travels as JSON through postMessage; nothing is parsed as markup.

const ZAF_EVENT_QUEUE_LIMIT = 50; // events kept for an instance until it subscribes (or loads)
// ZAF retries a request Zendesk answered 429 by itself, after the answer's Retry-After, unless the request says
// `autoRetry: false` (Zendesk's "Making API requests from a Zendesk app"). How many times is not documented; the
// stand-in retries this many times, so an app that forgets `autoRetry: false` sees its 429s late or never.
const ZAF_AUTO_RETRIES = 3;
const SYMBOL_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/; // an XML id of the icon's <symbol>s
const ZAF_RETRY_AFTER_DEFAULT_SEC = 60; // a 429 without a readable Retry-After

/**
 * @param {object} o
 * @param {{addEventListener?: Function, removeEventListener?: Function}} [o.win]  where messages arrive
 * @param {string} o.origin            the workspace's origin (the iframes' `origin` parameter)
 * @param {object} o.metadata          {appId, installationId, name, settings, version}
 * @param {object} o.currentUser       what get('currentUser') answers
 * @param {string} [o.subdomain]
 * @param {Function} [o.fetchImpl]     fetch, for the request proxy (same-origin /api/v2/..., and /sandbox/zaf-proxy)
 * @param {string[]} [o.domainWhitelist]  the manifest's domainWhitelist: requests to these hosts go through the
 *   sandbox server's stand-in for Zendesk's proxy (POST /sandbox/zaf-proxy), which substitutes secure settings
 * @param {object} [o.actions]         page side effects: popover(instance, arg), routeTo(kind, id),
 *   notify(message, kind, durationMs), preloadPane(instance), resize(instance, size), log(entry)
 * @param {(ms: number) => Promise<void>} [o.sleep]  how ZAF's own 429 retries wait (tests pass a fake clock)
 * @param {Record<string, string>} [o.sessionHeaders]  what Zendesk's session cookie tells it about the agent, as
 *   headers on every /api/v2 request (the stand-in's X-Sandbox-Role, sandbox/zendesk/permissions.mjs); the app's own
 *   headers cannot override them
 */
export function createZafHost({
  win,
  origin,
  metadata,
  currentUser,
  subdomain = 'sandbox',
  fetchImpl,
  domainWhitelist = [],
  actions = {},
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  sessionHeaders = {},
}) {
  const instances = new Map(); // guid → instance record
  const journal = []; // what the host saw and did, for the workspace's activity log and tests

  function note(entry) {
    journal.push({ at: Date.now(), ...entry });
    if (journal.length > 500) journal.splice(0, journal.length - 500);
    actions.log?.(entry);
  }

  /**
   * @param {{guid: string, location: string, target: () => object|null, context?: object, data?: () => object}} spec
   *   target(): the iframe's window (null while it has none); context: extra context fields (ticketId);
   *   data(): extra get() values for this instance, e.g. {ticket: {id, requester}}
   */
  function register({ guid, location, target, context = {}, data = () => ({}) }) {
    const instance = { guid, location, target, context, data, registered: false, subscriptions: new Map(), queue: [] };
    instances.set(guid, instance);
    return instance;
  }

  function unregister(guid) {
    instances.delete(guid);
  }

  function instanceOfSource(source) {
    if (!source) return null;
    for (const instance of instances.values()) if (instance.target() === source) return instance;
    return null;
  }

  function send(instance, message) {
    const target = instance.target();
    if (!target) return false;
    target.postMessage(JSON.stringify(message), origin);
    return true;
  }

  function contextOf(instance) {
    return {
      instanceGuid: instance.guid,
      product: 'support',
      account: { subdomain },
      location: instance.location,
      ...instance.context,
    };
  }

  function instancesValue() {
    const all = {};
    for (const i of instances.values())
      all[i.guid] = { instanceGuid: i.guid, location: i.location, host: 'zendesk', product: 'support' };
    return all;
  }

  /** Fires the ZAF event `name` at an instance; kept until it subscribes when it does not listen yet. */
  function fire(guid, name, payload) {
    const instance = instances.get(guid);
    if (!instance) return false;
    const message = { key: `zaf.${name}`, message: payload };
    if (instance.registered && (instance.subscriptions.get(name) ?? 0) > 0 && send(instance, message)) {
      note({ kind: 'event', guid, name });
      return true;
    }
    instance.queue.push({ name, message });
    if (instance.queue.length > ZAF_EVENT_QUEUE_LIMIT) instance.queue.shift();
    note({ kind: 'event-queued', guid, name });
    return false;
  }

  function flush(instance, name) {
    const keep = [];
    for (const item of instance.queue) {
      if (item.name === name && send(instance, item.message)) note({ kind: 'event', guid: instance.guid, name });
      else keep.push(item);
    }
    instance.queue = keep;
  }

  // ---- incoming messages ------------------------------------------------------------------------------------
  /** One postMessage from an app iframe: {data, origin, source} as a MessageEvent has them. */
  function receive(event) {
    if (event.origin !== origin) return;
    const from = instanceOfSource(event.source);
    if (!from) return;
    let data = event.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        return;
      }
    }
    if (!data || typeof data !== 'object') return;
    // The instance a message is about: a child client's guid, else the sender itself.
    const about = (typeof data.instanceGuid === 'string' && instances.get(data.instanceGuid)) || from;

    if (typeof data.request === 'string' && data.id != null) return answerCall(from, about, data);
    const key = typeof data.key === 'string' ? data.key : '';
    if (key === 'iframe.handshake') return handshake(from);
    if (key.startsWith('iframe.on:') || key.startsWith('iframe.off:')) return subscription(about, key, data.message);
    if (key.startsWith('iframe.trigger:'))
      return instanceTrigger(from, about, key.slice('iframe.trigger:'.length), data.message);
    if (/^request:\d+$/.test(key)) return proxyRequest(from, key, data.message);
    // __track__, session.live, iframe.reply:<hook>, and anything else: nothing to do in the sandbox.
  }

  function handshake(instance) {
    instance.registered = true;
    send(instance, { key: 'zaf.app.registered', message: { metadata, context: contextOf(instance) } });
    note({ kind: 'registered', guid: instance.guid, location: instance.location });
    // Events fired before it loaded wait for its subscriptions; nothing else to do yet.
  }

  function subscription(instance, key, message) {
    const on = key.startsWith('iframe.on:');
    const name = key.slice(on ? 'iframe.on:'.length : 'iframe.off:'.length);
    if (name.startsWith('request:')) return; // the SDK's own request callbacks: answered by key, not subscribed
    const count = Number(message?.subscriberCount);
    instance.subscriptions.set(name, Number.isFinite(count) ? count : on ? 1 : 0);
    if (on) flush(instance, name);
  }

  function instanceTrigger(from, target, name, payload) {
    note({ kind: 'trigger', from: from.guid, guid: target.guid, name });
    fire(target.guid, name, payload);
  }

  // ---- get / set / invoke -----------------------------------------------------------------------------------
  function answerCall(from, about, { id, request, params }) {
    let result;
    try {
      if (request === 'get') result = get(about, Array.isArray(params) ? params : []);
      else if (request === 'set') result = set(about, params);
      else if (request === 'invoke') result = invoke(about, params);
      else return send(from, { id, error: { name: 'APIUnavailable', message: `unknown request ${String(request)}` } });
    } catch (err) {
      return send(from, { id, error: { name: err?.name ?? 'Error', message: String(err?.message ?? err) } });
    }
    send(from, { id, result });
  }

  function get(instance, paths) {
    const values = { currentUser, instances: instancesValue(), ...instance.data() };
    const result = { errors: {} };
    for (const path of paths) {
      const value = lookup(values, String(path));
      if (value === undefined)
        result.errors[path] = { name: 'APIUnavailable', message: 'Could not find handler', path };
      else result[path] = value;
    }
    return result;
  }

  // What the sandbox plays of `set`: the top-bar icon's symbol (`iconSymbol`, top_bar and nav_bar apps), an id of a
  // <symbol> of the app's icon_top_bar.svg. Anything else is refused as Zendesk refuses an unknown path.
  function set(instance, params) {
    const result = { errors: {} };
    for (const [path, value] of Object.entries(params ?? {})) {
      if (
        path === 'iconSymbol' &&
        instance.location === 'top_bar' &&
        typeof value === 'string' &&
        SYMBOL_ID.test(value)
      ) {
        note({ kind: 'set', guid: instance.guid, name: path, args: [value] });
        actions.iconSymbol?.(instance, value);
        result[path] = value;
      } else {
        result.errors[path] = { name: 'APIUnavailable', message: 'set is not played by the sandbox', path };
      }
    }
    return result;
  }

  function invoke(instance, params) {
    const result = { errors: {} };
    for (const [name, rawArgs] of Object.entries(params ?? {})) {
      const args = Array.isArray(rawArgs) ? rawArgs : [rawArgs];
      note({ kind: 'invoke', guid: instance.guid, name, args: name === 'notify' ? [] : args });
      switch (name) {
        case 'popover':
          actions.popover?.(instance, args[0] ?? 'show');
          break;
        case 'routeTo':
          actions.routeTo?.(String(args[0]), args[1]);
          break;
        case 'notify':
          actions.notify?.(String(args[0] ?? ''), typeof args[1] === 'string' ? args[1] : 'notice', args[2]);
          break;
        case 'preloadPane':
          actions.preloadPane?.(instance);
          break;
        case 'resize':
          actions.resize?.(instance, args[0]);
          break;
        case 'track':
          break; // the SDK's usage tracking
        default:
          result.errors[name] = { name: 'APIUnavailable', message: 'Could not find handler', path: name };
      }
    }
    return result;
  }

  // ---- the request proxy: client.request(options) → fetch on the workspace's own origin ----------------------
  async function proxyRequest(from, key, options) {
    const opts = typeof options === 'string' ? { url: options } : (options ?? {});
    const method = String(opts.type ?? opts.method ?? 'GET').toUpperCase();
    note({ kind: 'request', guid: from.guid, method, url: String(opts.url ?? '') });
    let args;
    try {
      args = await performRequest(opts, method);
      // ZAF's own retries: the app sees a 429 only when it asked not to be retried, or after the last retry.
      for (let retry = 1; opts.autoRetry !== false && args.xhr?.status === 429 && retry <= ZAF_AUTO_RETRIES; retry++) {
        const waitSec = retryAfterSeconds(args.xhr.headers);
        note({ kind: 'request-auto-retry', guid: from.guid, method, url: String(opts.url ?? ''), retry, waitSec });
        await sleep(waitSec * 1000);
        args = await performRequest(opts, method);
      }
    } catch (err) {
      args = {
        ok: false,
        xhr: {
          status: 0,
          statusText: err?.name === 'AbortError' ? 'timeout' : 'error',
          readyState: 0,
          responseText: '',
          headers: {},
        },
      };
    }
    const { ok, data, xhr, complete } = args;
    if (ok) {
      const responseArgs = opts.httpCompleteResponse ? [complete] : [data, 'success', xhr];
      send(from, { key: `zaf.${key}.done`, message: { responseArgs } });
    } else {
      send(from, {
        key: `zaf.${key}.fail`,
        message: { responseArgs: [xhr, xhr.statusText === 'timeout' ? 'timeout' : 'error', xhr.statusText] },
      });
    }
  }

  async function performRequest(opts, method) {
    const remote = whitelistedUrl(opts.url);
    if (remote) return proxyRemote(opts, method, remote);
    const url = proxiedUrl(opts.url, method, opts.data);
    if (url === null) {
      // The sandbox plays only this Zendesk and the whitelisted contact center: another host is unreachable.
      note({ kind: 'request-refused', url: String(opts.url ?? '') });
      return { ok: false, xhr: { status: 0, statusText: 'error', readyState: 0, responseText: '', headers: {} } };
    }
    const headers = { ...(opts.headers && typeof opts.headers === 'object' ? opts.headers : {}), ...sessionHeaders };
    const body = requestBody(opts, method, headers);
    const response = await withTimeout(opts, (signal) =>
      fetchImpl(url, { method, headers, body, signal, credentials: 'same-origin' }),
    );
    const responseHeaders = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return answerOf(opts, response.status, response.statusText, response.text, responseHeaders);
  }

  /**
   * A whitelisted host: as in Zendesk, the request leaves from the server, which substitutes {{setting.X}} of
   * secure settings when secure is true (the page never has them). Status 0 = the host is unreachable.
   */
  async function proxyRemote(opts, method, url) {
    const headers = {};
    for (const [k, v] of Object.entries(opts.headers && typeof opts.headers === 'object' ? opts.headers : {}))
      headers[k] = String(v);
    const body = requestBody(opts, method, headers);
    const request = { url, method, headers, body, secure: opts.secure === true };
    const response = await withTimeout(opts, (signal) =>
      fetchImpl('/sandbox/zaf-proxy', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        signal,
        credentials: 'same-origin',
      }),
    );
    const answer = await response.json();
    if (!response.ok || !answer || !(answer.status > 0)) {
      return { ok: false, xhr: { status: 0, statusText: 'error', readyState: 0, responseText: '', headers: {} } };
    }
    return answerOf(opts, answer.status, '', String(answer.body ?? ''), answer.headers ?? {});
  }

  function requestBody(opts, method, headers) {
    if (method === 'GET' || method === 'HEAD' || opts.data == null) return undefined;
    headers['Content-Type'] =
      typeof opts.contentType === 'string' ? opts.contentType : 'application/x-www-form-urlencoded; charset=UTF-8';
    if (typeof opts.data === 'string') return opts.data;
    if (/json/i.test(opts.contentType ?? '')) return JSON.stringify(opts.data);
    return new URLSearchParams(opts.data).toString();
  }

  async function withTimeout(opts, run) {
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    const timer =
      Number(opts.timeout) > 0 && controller ? setTimeout(() => controller.abort(), Number(opts.timeout)) : null;
    try {
      const response = await run(controller?.signal);
      // read the body inside the timeout too
      const text = await response.text();
      return {
        status: response.status,
        statusText: response.statusText,
        ok: response.ok,
        headers: response.headers,
        text,
        json: async () => JSON.parse(text),
      };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  function answerOf(opts, status, statusTextIn, responseText, responseHeaders) {
    let responseJSON;
    try {
      responseJSON = responseText.trim() === '' ? undefined : JSON.parse(responseText);
    } catch {
      responseJSON = undefined;
    }
    const statusText = statusTextIn || (status >= 200 && status < 300 ? 'OK' : 'error');
    const xhr = { status, statusText, readyState: 4, responseText, headers: responseHeaders };
    if (responseJSON !== undefined) xhr.responseJSON = responseJSON;
    const ok = (status >= 200 && status < 300) || status === 304;
    const data =
      opts.dataType === 'text' ? responseText : (responseJSON ?? (responseText === '' ? null : responseText));
    const complete = { responseJSON: responseJSON ?? null, responseText, status, headers: responseHeaders };
    return { ok, data, xhr, complete };
  }

  /** An absolute https URL whose host is in the domainWhitelist (as written: placeholders are the server's job). */
  function whitelistedUrl(raw) {
    if (typeof raw !== 'string' || !/^https:\/\//i.test(raw)) return null;
    const host = /^https:\/\/([^/:?#]+)/i.exec(raw)?.[1]?.toLowerCase();
    return host && domainWhitelist.includes(host) ? raw : null;
  }

  /** Same-origin /api/v2/... only (relative or absolute on this origin); null for anything else. */
  function proxiedUrl(raw, method, data) {
    if (typeof raw !== 'string' || raw === '') return null;
    let url;
    try {
      url = new URL(raw, origin);
    } catch {
      return null;
    }
    if (url.origin !== origin || !url.pathname.startsWith('/api/v2/')) return null;
    if ((method === 'GET' || method === 'HEAD') && data != null && data !== '') {
      // jQuery appends GET data to the query string.
      const extra = typeof data === 'string' ? new URLSearchParams(data) : new URLSearchParams(data);
      for (const [k, v] of extra) url.searchParams.append(k, v);
    }
    return url.pathname + url.search;
  }

  const listener = (event) => receive(event);
  win?.addEventListener?.('message', listener);

  return {
    register,
    unregister,
    receive,
    fire,
    instance: (guid) => instances.get(guid) ?? null,
    instances: () =>
      [...instances.values()].map((i) => ({ guid: i.guid, location: i.location, registered: i.registered })),
    subscriptions: (guid) => Object.fromEntries(instances.get(guid)?.subscriptions ?? []),
    journal: () => journal.slice(),
    close() {
      win?.removeEventListener?.('message', listener);
    },
  };
}

/** Retry-After in whole seconds (Zendesk sends seconds), or the default when it is missing or unreadable. */
function retryAfterSeconds(headers) {
  const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const seconds = Number.parseInt(String(raw ?? ''), 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : ZAF_RETRY_AFTER_DEFAULT_SEC;
}

// ZAF paths are dotted ('currentUser.locale', 'ticket.requester').
function lookup(values, path) {
  let value = values;
  for (const part of path.split('.')) {
    if (value == null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = value[part];
  }
  return value;
}
