// The sandbox workspace: sandbox/server.mjs over real HTTP, and the ZAF host side
// (sandbox/workspace/zaf-host.js) driven by the REAL npm ZAF SDK client through fake windows: the host has no DOM,
// so node can play both frames of the postMessage protocol without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, appConfig, directoryOf } from '../../sandbox/server.mjs';
import { createZafHost } from '../../sandbox/workspace/zaf-host.js';
import { createZendeskStandIn } from '../../sandbox/zendesk/stand-in.mjs';
import { ZAF_SDK_LOCAL_PATH, ZAF_SDK_URL } from '../../scripts/lib/zaf-sdk.mjs';

const ORIGIN = 'http://127.0.0.1:8766';

// ---- server -----------------------------------------------------------------------------------------------------
/** A tiny app dir (independent of the real build): manifest with a secure and an unset parameter, a few assets. */
async function fakeAppDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-app-'));
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  const manifest = {
    name: 'Agent Adapter',
    version: '9.8.7',
    location: {
      support: {
        top_bar: { url: 'assets/top_bar.html', size: { width: '320px', height: '480px' } },
        background: { url: 'assets/background.html' },
      },
    },
    parameters: [
      { name: 'defaultCallingCode', type: 'text', default: '1' },
      { name: 'auditNote', type: 'checkbox', default: false },
      { name: 'teamTicketPhoneFieldId', type: 'number' },
      { name: 'telephonyToken', type: 'text', secure: true },
    ],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(path.join(dir, 'assets', 'top_bar.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(dir, 'assets', 'adapter-core.js'), 'export default 1;');
  await writeFile(path.join(dir, 'assets', 'adapter-core.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(path.join(dir, 'assets', 'icon_top_bar.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

async function withSandbox(fn, options = {}) {
  const appDir = await fakeAppDir();
  const standIn = createZendeskStandIn({});
  const sandbox = await startSandbox({ port: 0, appDir, standIn, ...options });
  try {
    await fn(sandbox, standIn, appDir);
  } finally {
    await sandbox.close();
    await rm(appDir, { recursive: true, force: true });
  }
}

test('serves the workspace page, its scripts and the app files with the right content types', async () => {
  await withSandbox(async ({ url }) => {
    const expect = {
      '/': 'text/html',
      '/workspace/workspace.js': 'text/javascript',
      '/workspace/zaf-host.js': 'text/javascript',
      '/workspace/workspace.css': 'text/css',
      '/app/assets/top_bar.html': 'text/html',
      '/app/assets/adapter-core.js': 'text/javascript',
      '/app/assets/adapter-core.wasm': 'application/wasm',
      '/app/assets/icon_top_bar.svg': 'image/svg+xml',
      '/app/manifest.json': 'application/json',
    };
    for (const [p, type] of Object.entries(expect)) {
      const response = await fetch(url + p);
      assert.equal(response.status, 200, p);
      assert.ok(response.headers.get('content-type').startsWith(type), `${p}: ${response.headers.get('content-type')}`);
    }
    const page = await (await fetch(`${url}/`)).text();
    assert.match(page, /data-testid="topbar-app-icon"/);
    assert.match(page, /src="\/workspace\/workspace\.js"/);
  });
});

test("ZAF's SDK: the pages' CDN URL points at the local npm copy (served at the CDN's path), or stays as packaged with zafSdk: 'cdn'", async () => {
  const page = `<!doctype html><meta charset="utf-8"><script src="${ZAF_SDK_URL}"></script>`;
  const withPage = (options, fn) =>
    withSandbox(async (sandbox, _standIn, appDir) => {
      await writeFile(path.join(appDir, 'assets', 'sdk_page.html'), page);
      await fn(sandbox);
    }, options);
  await withPage({}, async ({ url }) => {
    const html = await (await fetch(`${url}/app/assets/sdk_page.html`)).text();
    assert.equal(html, page.replace(ZAF_SDK_URL, ZAF_SDK_LOCAL_PATH));
    const sdk = await fetch(url + ZAF_SDK_LOCAL_PATH);
    assert.equal(sdk.status, 200);
    assert.ok(sdk.headers.get('content-type').startsWith('text/javascript'));
    assert.match(await sdk.text(), /ZAFClient/);
  });
  await withPage({ zafSdk: 'cdn' }, async ({ url }) => {
    assert.equal(await (await fetch(`${url}/app/assets/sdk_page.html`)).text(), page);
  });
});

test('does not serve files outside the app and workspace folders', async () => {
  await withSandbox(async ({ url }) => {
    for (const p of [
      '/app/../package.json',
      '/app/%2e%2e/package.json',
      '/app/..%2f..%2fpackage.json',
      '/workspace/..%2fserver.mjs',
      '/app/assets/missing.js',
    ]) {
      const response = await fetch(url + p);
      assert.equal(response.status, 404, p);
      await response.arrayBuffer();
    }
  });
});

test('/api/v2 goes to the Zendesk stand-in; /sandbox/log, /faults and /reset reach it too', async () => {
  await withSandbox(async ({ url }) => {
    const ada = await (await fetch(`${url}/api/v2/users/7.json`)).json();
    assert.equal(ada.user.name, 'Ada Lovelace');
    const unknown = await fetch(`${url}/api/v2/nothing/here.json`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('content-type').split(';')[0], 'application/json');
    await unknown.arrayBuffer();

    const log = await (await fetch(`${url}/sandbox/log`)).json();
    assert.ok(
      log.some((e) => e.method === 'GET' && e.url.startsWith('/api/v2/users/7')),
      JSON.stringify(log),
    );

    const set = await fetch(`${url}/sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ rate429: { everyNth: 1, retryAfterSec: 7 } }),
    });
    assert.equal(set.status, 200);
    await set.arrayBuffer();
    const limited = await fetch(`${url}/api/v2/users/7.json`);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    await limited.arrayBuffer();
    const bad = await fetch(`${url}/sandbox/faults`, { method: 'POST', body: '{nope' });
    assert.equal(bad.status, 400);
    await bad.arrayBuffer();

    assert.equal((await fetch(`${url}/sandbox/reset`, { method: 'POST' })).status, 200);
    assert.equal((await fetch(`${url}/api/v2/users/7.json`)).status, 200, 'reset turns the faults off');
  });
});

test("/sandbox/search-index and /sandbox/clock set the stand-in's search delay and move its clock (D292)", async () => {
  await withSandbox(async ({ url }) => {
    const post = async (p, body) => {
      const res = await fetch(`${url}${p}`, { method: 'POST', body: JSON.stringify(body) });
      await res.arrayBuffer();
      return res.status;
    };
    const search = async () =>
      (await (await fetch(`${url}/api/v2/search.json?query=${encodeURIComponent('phone:*5550003333')}`)).json()).count;
    const created = await fetch(`${url}/api/v2/users.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { name: 'New', phone: '+15550003333' } }),
    });
    assert.equal(created.status, 201);
    await created.arrayBuffer();
    assert.equal(await search(), 0, 'not indexed yet (60 s by default)');
    assert.equal(await post('/sandbox/clock', { advanceMs: 60_000 }), 200);
    assert.equal(await search(), 1);
    assert.equal(await post('/sandbox/search-index', { delayMs: 0 }), 200);
    assert.equal(await post('/sandbox/search-index', { delayMs: -1 }), 400);
    assert.equal(await post('/sandbox/clock', {}), 400);
  });
});

test('/sandbox/config: manifest defaults, overrides from the settings file, never a secure setting', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-settings-'));
  const settingsFile = path.join(dir, 'settings.json');
  await writeFile(
    settingsFile,
    JSON.stringify({ auditNote: true, telephonyToken: 'x', teamTicketPhoneFieldId: 360001 }),
  );
  try {
    await withSandbox(
      async ({ url }) => {
        const config = await (await fetch(`${url}/sandbox/config`)).json();
        assert.deepEqual(config.metadata, {
          appId: 1,
          installationId: 1,
          name: 'Agent Adapter',
          version: '9.8.7',
          // the sandbox's own defaults (real calls through its CTI) sit between the manifest's and the overrides
          settings: {
            defaultCallingCode: '1',
            auditNote: true,
            teamTicketPhoneFieldId: 360001,
            telephonyConnector: 'sip',
            telephonyUrl: 'https://cti.example.com/v1',
          },
        });
        assert.deepEqual(config.locations.top_bar, {
          url: '/app/assets/top_bar.html',
          size: { width: '320px', height: '480px' },
        });
        const post = await fetch(`${url}/sandbox/settings`, {
          method: 'POST',
          body: JSON.stringify({ defaultCallingCode: '44' }),
        });
        assert.equal(post.status, 200);
        await post.arrayBuffer();
        const again = await (await fetch(`${url}/sandbox/config`)).json();
        assert.equal(again.metadata.settings.defaultCallingCode, '44');
        assert.equal(again.metadata.settings.auditNote, false);
      },
      { settingsFile },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the directory lists users with all their phone numbers and tickets newest first', () => {
  const directory = directoryOf({
    users: [
      { id: 7, name: 'Ada', phone: '+1 415 555 0100' },
      { id: 8, name: 'No phone', phone: null },
    ],
    extra_phones: { 7: ['+1 415 555 0101', '+1 415 555 0100'] },
    tickets: [
      { id: 1, updated_at: '2026-01-01T00:00:00Z' },
      { id: 2, updated_at: '2026-02-01T00:00:00Z' },
    ],
    comments: { 2: [{ id: 9, body: 'hi' }] },
  });
  assert.deepEqual(
    directory.users.map((u) => u.phones),
    [['+1 415 555 0100', '+1 415 555 0101'], []],
  );
  assert.deepEqual(
    directory.tickets.map((t) => [t.id, t.comments.length]),
    [
      [2, 1],
      [1, 0],
    ],
  );
  assert.deepEqual(directoryOf(null), { users: [], tickets: [] });
});

test('appConfig reads the real built manifest when there is one', async (t) => {
  let config;
  try {
    config = await appConfig(path.resolve('dist/app'));
  } catch {
    return t.skip('dist/app is not built');
  }
  assert.equal(config.metadata.settings.telephonyConnector, 'sip'); // the package's default (D61)
  assert.ok(!('telephonyToken' in config.metadata.settings));
  assert.ok(config.locations.top_bar && config.locations.background && config.locations.ticket_sidebar);
});

// ---- the ZAF host against the real SDK ----------------------------------------------------------------------------
const require = createRequire(import.meta.url);
const SDK_DIR = path.dirname(require.resolve('zendesk_app_framework_sdk/lib/client.js'));

/**
 * One app "iframe": a fake window holding a real SDK client (a fresh copy of the SDK module, as each iframe loads
 * its own). Messages cross asynchronously, as postMessage does, with origin and source set like a browser's.
 */
function appFrame(parent, guid) {
  const listeners = [];
  const frame = {
    Promise,
    parent: null,
    addEventListener: (type, fn) => type === 'message' && listeners.push(fn),
    removeEventListener() {},
    // host → app
    postMessage(data, targetOrigin) {
      assert.equal(targetOrigin, ORIGIN);
      setImmediate(() => listeners.forEach((fn) => fn({ data, origin: ORIGIN, source: parent })));
    },
  };
  frame.parent = parent;
  for (const key of Object.keys(require.cache)) if (key.startsWith(SDK_DIR)) delete require.cache[key];
  const previous = globalThis.window;
  globalThis.window = frame;
  try {
    const Client = require('zendesk_app_framework_sdk/lib/client.js');
    frame.client = new Client({ origin: ORIGIN, appGuid: guid });
  } finally {
    globalThis.window = previous;
  }
  return frame;
}

/** The workspace window: what the apps post to it goes to the host as a MessageEvent-like object. */
function workspace(options = {}) {
  const calls = { popover: [], routeTo: [], notify: [], preloadPane: [] };
  const fetches = [];
  // One workspace window; each app frame gets its own `parent` handle so the host can tell who posted (a
  // browser gives event.source; here the frame's parent reference stands in for that).
  const host = createZafHost({
    origin: ORIGIN,
    metadata: {
      appId: 1,
      installationId: 1,
      name: 'Agent Adapter',
      version: '0.1.0',
      settings: { defaultCallingCode: '1' },
    },
    currentUser: { id: 5, name: 'Sam Agent', locale: 'de', groups: [{ id: 11, name: 'Support' }] },
    fetchImpl: async (url, init) => {
      fetches.push({ url, ...init });
      return (options.respond ?? (() => new Response('{}', { status: 200 })))(url, init);
    },
    sleep: options.sleep,
    actions: {
      popover: (i, a) => calls.popover.push([i.guid, a]),
      routeTo: (k, id) => calls.routeTo.push([k, id]),
      notify: (m, k) => calls.notify.push([m, k]),
      preloadPane: (i) => calls.preloadPane.push(i.guid),
    },
  });
  function add(guid, location, extra = {}) {
    const record = { frame: null };
    host.register({ guid, location, target: () => record.frame, ...extra });
    const parent = {
      postMessage(data, targetOrigin) {
        assert.equal(targetOrigin, ORIGIN);
        setImmediate(() => host.receive({ data, origin: ORIGIN, source: record.frame }));
      },
    };
    record.frame = appFrame(parent, guid);
    return record.frame.client;
  }
  return { host, add, calls, fetches };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

test('handshake: the SDK gets zaf.app.registered with metadata and context; get answers currentUser and instances', async () => {
  const { host, add } = workspace();
  const client = add('top-1', 'top_bar');
  const metadata = await client.metadata();
  assert.equal(metadata.settings.defaultCallingCode, '1');
  assert.deepEqual(await client.context(), {
    instanceGuid: 'top-1',
    product: 'support',
    account: { subdomain: 'sandbox' },
    location: 'top_bar',
  });
  assert.equal((await client.get('currentUser.locale'))['currentUser.locale'], 'de');
  assert.equal((await client.get('currentUser')).currentUser.groups[0].id, 11);
  assert.equal((await client.get('instances')).instances['top-1'].location, 'top_bar');
  await assert.rejects(client.get('ticket.id'), /"ticket.id" Could not find handler/);
  assert.deepEqual(host.instances(), [{ guid: 'top-1', location: 'top_bar', registered: true }]);
});

test('events wait until the app subscribes, then arrive as zaf.<name>', async () => {
  const { host, add } = workspace();
  const client = add('top-1', 'top_bar');
  host.fire('top-1', 'voice.dialout', { number: '+14155550100', userId: 7, ticketId: null }); // before it loaded
  await client.metadata();
  const got = [];
  client.on('voice.dialout', (d) => got.push(d));
  await settle();
  assert.deepEqual(got, [{ number: '+14155550100', userId: 7, ticketId: null }]);
  host.fire('top-1', 'voice.dialout', { number: '2', userId: null, ticketId: 3 });
  await settle();
  assert.equal(got.length, 2);
  assert.deepEqual(host.subscriptions('top-1')['voice.dialout'], 1);
});

test('invoke: popover, routeTo, notify reach the page; unknown actions fail like ZAF', async () => {
  const { add, calls } = workspace();
  const client = add('top-1', 'top_bar');
  await client.invoke('popover', 'show');
  await client.invoke('routeTo', 'ticket', '42');
  await client.invoke('notify', '<b>saved</b>', 'error');
  await assert.rejects(client.invoke('frobnicate'), /Could not find handler/);
  assert.deepEqual(calls.popover, [['top-1', 'show']]);
  assert.deepEqual(calls.routeTo, [['ticket', '42']]);
  assert.deepEqual(calls.notify, [['<b>saved</b>', 'error']]);
});

test('instances: the background preloads the top bar; the sidebar triggers an event on it', async () => {
  const { add, calls } = workspace();
  const top = add('top-1', 'top_bar');
  const background = add('bg-1', 'background');
  const sidebar = add('side-1', 'ticket_sidebar', {
    context: { ticketId: 42 },
    data: () => ({ ticket: { id: 42, requester: { id: 7, name: 'Ada' } } }),
  });
  await top.metadata();
  const menu = [];
  top.on('adapter.callMenu', (m) => menu.push(m));

  // As background.js does: find the top bar first (a child client made before registration would never send).
  const { instances } = await background.get('instances');
  assert.deepEqual(Object.keys(instances), ['top-1', 'bg-1', 'side-1']);
  await background.instance('top-1').invoke('preloadPane');
  assert.deepEqual(calls.preloadPane, ['top-1'], 'acts on the addressed instance, answers the caller');

  const answer = await sidebar.get(['ticket.id', 'ticket.requester']);
  assert.equal(answer['ticket.id'], 42);
  assert.equal(answer['ticket.requester'].name, 'Ada');
  assert.equal((await sidebar.context()).ticketId, 42);
  sidebar.instance('top-1').trigger('adapter.callMenu', { ticketId: 42, number: null });
  await settle();
  assert.deepEqual(menu, [{ ticketId: 42, number: null }]);
});

test('request proxy: same-origin /api/v2 only; done with httpCompleteResponse; fail with an xhr and Retry-After', async () => {
  const { add, fetches } = workspace({
    respond: (url) => {
      if (url.startsWith('/api/v2/users/7.json'))
        return new Response(JSON.stringify({ user: { id: 7 } }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      return new Response(JSON.stringify({ error: 'TooManyRequests' }), {
        status: 429,
        headers: { 'Retry-After': '7', 'Content-Type': 'application/json' },
      });
    },
  });
  const client = add('top-1', 'top_bar');

  assert.deepEqual(await client.request({ url: '/api/v2/users/7.json', type: 'GET' }), { user: { id: 7 } });
  const complete = await client.request({ url: '/api/v2/users/7.json', type: 'GET', httpCompleteResponse: true });
  assert.equal(complete.status, 200);
  assert.deepEqual(complete.responseJSON, { user: { id: 7 } });
  assert.equal(complete.headers['content-type'], 'application/json');

  const failure = await client
    .request({
      url: '/api/v2/tickets.json',
      type: 'POST',
      contentType: 'application/json',
      data: '{"ticket":{}}',
      httpCompleteResponse: true,
      autoRetry: false,
    })
    .then(
      () => assert.fail('should fail'),
      (xhr) => xhr,
    );
  assert.equal(failure.status, 429);
  assert.equal(failure.headers['retry-after'], '7');
  assert.deepEqual(failure.responseJSON, { error: 'TooManyRequests' });
  const post = fetches.at(-1);
  assert.deepEqual(
    [post.method, post.body, post.headers['Content-Type']],
    ['POST', '{"ticket":{}}', 'application/json'],
  );

  // Another host (the telephony backend) and a non-API path never reach fetch: a network-error xhr.
  const count = fetches.length;
  for (const url of ['https://cti.example.com/calls', '/sandbox/reset', 'http://127.0.0.1:9999/api/v2/users/7.json']) {
    const xhr = await client.request({ url, type: 'POST' }).then(
      () => assert.fail(url),
      (x) => x,
    );
    assert.equal(xhr.status, 0, url);
  }
  assert.equal(fetches.length, count);
});

test('request proxy retries a 429 itself after Retry-After, as ZAF does, unless the request says autoRetry: false', async () => {
  let answers = 0;
  const waits = [];
  const { add, fetches, host } = workspace({
    sleep: async (ms) => waits.push(ms),
    respond: () =>
      ++answers <= 2
        ? new Response('{"error":"TooManyRequests"}', { status: 429, headers: { 'Retry-After': '5' } })
        : new Response('{"ticket":{"id":9}}', { status: 201, headers: { 'Content-Type': 'application/json' } }),
  });
  const client = add('top-1', 'top_bar');
  const options = { url: '/api/v2/tickets.json', type: 'POST', data: '{}', httpCompleteResponse: true };

  // By default the app never sees the two 429s: ZAF waited 5 s twice and sent the request three times.
  const created = await client.request(options);
  assert.equal(created.status, 201);
  assert.deepEqual(waits, [5000, 5000]);
  assert.equal(fetches.length, 3);
  assert.equal(host.journal().filter((e) => e.kind === 'request-auto-retry').length, 2);

  // autoRetry: false hands the first 429 to the app, with its Retry-After, after one request.
  answers = 0;
  const xhr = await client.request({ ...options, autoRetry: false }).then(
    () => assert.fail('should fail'),
    (x) => x,
  );
  assert.equal(xhr.status, 429);
  assert.equal(xhr.headers['retry-after'], '5');
  assert.equal(fetches.length, 4);
  assert.equal(waits.length, 2);
});

test('the host ignores strangers: another origin, an unknown frame, tracking and session messages', async () => {
  const { host, add } = workspace();
  const client = add('top-1', 'top_bar');
  await client.metadata();
  const frame = host.instance('top-1').target();
  const sent = [];
  const original = frame.postMessage;
  frame.postMessage = (data, origin) => {
    sent.push(JSON.parse(data));
    original.call(frame, data, origin);
  };
  host.receive({
    data: JSON.stringify({ id: 99, request: 'get', params: ['currentUser'] }),
    origin: 'http://evil.example',
    source: frame,
  });
  host.receive({
    data: JSON.stringify({ id: 98, request: 'get', params: ['currentUser'] }),
    origin: ORIGIN,
    source: {},
  });
  host.receive({ data: JSON.stringify({ key: '__track__', message: {} }), origin: ORIGIN, source: frame });
  host.receive({ data: JSON.stringify({ key: 'session.live', message: {} }), origin: ORIGIN, source: frame });
  host.receive({ data: 'not json', origin: ORIGIN, source: frame });
  await settle();
  assert.deepEqual(sent, []);
});
