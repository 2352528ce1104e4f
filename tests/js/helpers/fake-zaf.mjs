// A fake ZAF client for node tests, shaped like the real SDK (zendesk_app_framework_sdk lib/client.js and ZAF's
// documented client API):
// - get(path | [paths]) resolves {<path>: value, errors: {}}; a single unknown path rejects like the SDK;
// - metadata() resolves {appId, installationId, name, settings, version};
// - context() resolves {instanceGuid, product} (no account: the tests that need one set it);
// - on/off/trigger/invoke/request as the SDK's; instance(guid) returns a child client that records on the
//   same log with its own instanceGuid;
// - request() honours httpCompleteResponse: success → {responseJSON, responseText, status, headers},
//   failure → rejects with a jQuery-like xhr {status, statusText, responseJSON, responseText, readyState,
//   getResponseHeader}; without it, success resolves with the parsed body only.
// Answers are asynchronous (a microtask or later), as they come over postMessage in the app.
//
// Test controls: log (every call), calls(kind), fire(name, payload), respond(matcher, response),
// linkInstance(guid, otherFake) to deliver triggers to another fake (the sidebar → top bar hand-off).
import { readFileSync } from 'node:fs';

// Unless a test scripts it, the account's ticket fields are an installed app's: the ten its requirements created
// (ids 360101…, as in the sandbox's seed), so the app finds them at registration (js-shim/zaf/ticket-fields.js).
const INSTALLED_FIELDS = /^\/api\/v2\/ticket_fields\.json\?/;
function installedTicketFields() {
  const declared = JSON.parse(
    readFileSync(new URL('../../../app-manifest/requirements.json', import.meta.url), 'utf8'),
  );
  const ticket_fields = Object.values(declared.ticket_fields).map((f, i) => ({
    id: 360101 + i,
    type: f.type,
    title: f.title,
    raw_title: f.title,
    active: true,
    creator_user_id: -1,
    creator_app_name: 'Agent Adapter',
  }));
  return { ticket_fields, meta: { has_more: false, after_cursor: null, before_cursor: null }, links: { next: null } };
}

const DEFAULT_USER = {
  id: 5,
  name: 'Sam Agent',
  email: 'sam@example.com',
  role: 'agent',
  locale: 'en-US',
  groups: [
    { id: 11, name: 'Support' },
    { id: 12, name: 'Sales' },
  ],
  timeZone: { name: 'Copenhagen', ianaName: 'Europe/Copenhagen', offset: 60, formattedOffset: 'GMT+01:00' },
};

/**
 * @param {object} [o]
 * @param {object} [o.currentUser]
 * @param {object} [o.settings]      metadata().settings
 * @param {object} [o.instances]     {<guid>: {location, ...}} for get('instances')
 * @param {object} [o.data]          other get() paths, e.g. {'ticket.id': 7, 'ticket.requester': {...}}
 * @param {string} [o.instanceGuid]  this client's own instance guid
 */
export function createFakeZaf({
  currentUser = DEFAULT_USER,
  settings = {},
  instances = {},
  data = {},
  instanceGuid = 'guid-self',
} = {}) {
  const log = [];
  const responders = [];
  const links = new Map();
  const children = new Map();
  let requestCount = 0;

  function makeClient(guid) {
    const handlers = new Map();
    const values = () => ({ currentUser, instances, ...data });

    const client = {
      instanceGuid: guid,
      ready: true,

      async get(paths) {
        const list = Array.isArray(paths) ? paths : [paths];
        log.push({ kind: 'get', instanceGuid: guid, paths: list });
        await tick();
        const result = { errors: {} };
        for (const path of list) {
          const value = lookup(values(), path);
          if (value === undefined)
            result.errors[path] = { name: 'APIUnavailable', message: `"${path}" Could not find handler` };
          else result[path] = structuredClone(value);
        }
        if (!Array.isArray(paths) && result.errors[paths])
          throw new Error(`"${paths}" ${result.errors[paths].message}`);
        return result;
      },

      /** The instance's context: its own guid, as ZAF's context() gives it (instanceGuid, location, …). */
      async context() {
        await tick();
        return { instanceGuid: guid, product: 'support' };
      },

      async metadata() {
        await tick();
        return {
          appId: 0,
          installationId: 1,
          name: 'Agent Adapter',
          version: '0.1.0',
          settings: structuredClone(settings),
        };
      },

      on(name, handler) {
        log.push({ kind: 'on', instanceGuid: guid, name });
        if (!handlers.has(name)) handlers.set(name, []);
        handlers.get(name).push(handler);
      },

      off(name, handler) {
        log.push({ kind: 'off', instanceGuid: guid, name });
        const list = handlers.get(name) ?? [];
        const i = list.indexOf(handler);
        if (i >= 0) list.splice(i, 1);
      },

      /** Test control: the host fires a ZAF event at this client (synchronously, like the SDK's triggerEvent). */
      fire(name, payload) {
        for (const handler of [...(handlers.get(name) ?? [])]) handler.call(client, payload);
      },

      subscriberCount(name) {
        return (handlers.get(name) ?? []).length;
      },

      trigger(name, payload) {
        log.push({ kind: 'trigger', instanceGuid: guid, name, data: structuredClone(payload) });
        const target = links.get(guid);
        if (target) queueMicrotask(() => target.fire(name, structuredClone(payload)));
      },

      async invoke(name, ...args) {
        log.push({ kind: 'invoke', instanceGuid: guid, name, args });
        await tick();
        return { errors: {} };
      },

      request(options) {
        const opts = typeof options === 'string' ? { url: options } : options;
        const id = ++requestCount;
        const entry = {
          kind: 'request',
          id,
          instanceGuid: guid,
          method: (opts.type ?? 'GET').toUpperCase(),
          url: opts.url,
          body: parseData(opts.data),
          options: opts,
        };
        log.push(entry);
        return answer(entry, opts);
      },

      instance(childGuid) {
        if (!childGuid || typeof childGuid !== 'string')
          throw new Error('The instance method expects an `instanceGuid` string.');
        if (childGuid === guid) return client;
        if (guid !== instanceGuid) return root.instance(childGuid);
        if (!children.has(childGuid)) children.set(childGuid, makeClient(childGuid));
        return children.get(childGuid);
      },
    };
    return client;
  }

  async function answer(entry, opts) {
    const responder = responders.find((r) => r.matches(entry));
    const response = responder
      ? responder.response
      : INSTALLED_FIELDS.test(entry.url)
        ? { status: 200, body: installedTicketFields() }
        : { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
    if (response.wait) await response.wait;
    await tick();
    const headers = { ...(response.headers ?? {}) };
    if (response.retryAfter != null) headers['Retry-After'] = String(response.retryAfter);
    if (response.timeout) throw { status: 0, statusText: 'timeout', readyState: 0, responseText: '' };
    if (response.networkError) throw { status: 0, statusText: 'error', readyState: 0, responseText: '' };
    const body = response.body === undefined ? null : response.body;
    const responseText = body === null ? '' : JSON.stringify(body);
    if (response.status >= 200 && response.status < 400) {
      if (!opts.httpCompleteResponse) return structuredClone(body);
      return { responseJSON: structuredClone(body), responseText, status: response.status, headers };
    }
    const xhr = {
      status: response.status,
      statusText: 'error',
      readyState: 4,
      responseText,
      getResponseHeader: (name) => headerValue(headers, name),
    };
    if (body !== null) xhr.responseJSON = structuredClone(body);
    throw xhr;
  }

  const root = makeClient(instanceGuid);
  return Object.assign(root, {
    log,
    /** Every logged call of one kind ('get', 'on', 'off', 'trigger', 'invoke', 'request'). */
    calls: (kind) => log.filter((e) => e.kind === kind),
    /**
     * Scripts an answer. matcher: exact url, "METHOD url", RegExp on the url, or (entry) => boolean.
     * response: {status, body, retryAfter?, headers?, networkError?, timeout?, wait?: Promise}. First match wins.
     */
    respond(matcher, response) {
      responders.push({ matches: toMatcher(matcher), response });
    },
    /** Triggers on instance(guid) are delivered to `target` (another fake) as events. */
    linkInstance(guid, target) {
      links.set(guid, target);
    },
  });
}

/** A Map-backed stand-in for localStorage (the app's other browser-provided dependency). */
export function createMemoryStorage(initial = {}, { quotaExceeded = false } = {}) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem(key, value) {
      if (quotaExceeded) {
        const err = new Error('The quota has been exceeded.');
        err.name = 'QuotaExceededError';
        throw err;
      }
      map.set(key, String(value));
    },
    removeItem: (key) => void map.delete(key),
  };
}

function toMatcher(matcher) {
  if (typeof matcher === 'function') return matcher;
  if (matcher instanceof RegExp) return (e) => matcher.test(e.url);
  const m = /^(GET|POST|PUT|PATCH|DELETE) (.*)$/.exec(matcher);
  if (m) return (e) => e.method === m[1] && e.url === m[2];
  return (e) => e.url === matcher;
}

// ZAF paths are dotted ('ticket.requester'); a test may give either the dotted key or the nested object.
function lookup(values, path) {
  if (Object.hasOwn(values, path)) return values[path];
  let value = values;
  for (const part of path.split('.')) {
    if (value == null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = value[part];
  }
  return value;
}

function parseData(data) {
  if (data == null) return null;
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function headerValue(headers, name) {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return null;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
