// The shim's checks at its trust boundaries (docs/security.md): who may host the app, what another tab may ask
// the writer to do, how large an event may be, and the pages' Content-Security-Policy. The browser side of each
// (the real SDK, a hostile frame, CSP violations) is in tests/browser/trust-boundaries.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zendeskHost } from '../../js-shim/zaf/zendesk-host.js';
import { checkForwardedEvent, FORWARDABLE_EVENTS, MAX_NOTE_TEXT } from '../../js-shim/app/tab-messages.js';
import { DEFAULT_EVENT_BYTES, eventSizeProblem, EVENT_BYTE_LIMITS } from '../../js-shim/core/event-limits.js';
import { createAdapterSession } from '../../js-shim/core/adapter-session.js';
import { AdapterCoreError } from '../../js-shim/core/rules-engine.js';
import { socketSource } from '../../js-shim/app/connect-policy.js';
import { CONTENT_SECURITY_POLICY, withContentSecurityPolicy } from '../../scripts/lib/content-security-policy.mjs';
import { ZAF_SDK_URL } from '../../scripts/lib/zaf-sdk.mjs';
import { loadCoreModule } from './helpers/build-paths.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---- who may host the app ------------------------------------------------------------------------------------
const at = (search, { hash = '', origin = 'https://1234.apps.zdusercontent.com' } = {}) => ({ search, hash, origin });

test('host: a Zendesk origin with an app guid starts the ZAF client, in the query or the #hash as the SDK reads them', () => {
  assert.deepEqual(zendeskHost(at('?origin=https%3A%2F%2Facme.zendesk.com&app_guid=8c1f-22')), {
    ok: true,
    origin: 'https://acme.zendesk.com',
    appGuid: '8c1f-22',
  });
  assert.equal(zendeskHost(at('', { hash: '#origin=https://acme-eu.zendesk.com&app_guid=g1' })).ok, true);
});

test('host: any other origin, a look-alike, a port, a path or a missing guid gets nothing', () => {
  const refused = {
    'https://evil.example': 'not-zendesk',
    'https://acme.zendesk.com.evil.example': 'not-zendesk',
    'https://evil.example/acme.zendesk.com': 'not-zendesk',
    'http://acme.zendesk.com': 'not-zendesk',
    'https://acme.zendesk.com:8443': 'not-zendesk',
    'https://a.b.zendesk.com': 'not-zendesk',
    'https://user@acme.zendesk.com': 'not-zendesk',
    'https://acme.zendesk.com/': 'not-zendesk',
    'https://acme.zopim.com': 'not-zendesk', // the SDK's own list admits it; the app does not
    'http://127.0.0.1:8766': 'not-zendesk', // loopback, but the app was not loaded from there
  };
  for (const [origin, reason] of Object.entries(refused)) {
    assert.deepEqual(
      zendeskHost(at(`?origin=${encodeURIComponent(origin)}&app_guid=g1`)),
      { ok: false, reason },
      origin,
    );
  }
  assert.deepEqual(zendeskHost(at('?app_guid=g1')), { ok: false, reason: 'no-origin' });
  assert.deepEqual(
    zendeskHost(at('?origin=%E0%A4%A&app_guid=g1')),
    { ok: false, reason: 'no-origin' },
    'a broken escape',
  );
  assert.deepEqual(zendeskHost(at('?origin=https://acme.zendesk.com')), { ok: false, reason: 'bad-app-guid' });
  assert.deepEqual(zendeskHost(at('?origin=https://acme.zendesk.com&app_guid=%3Cscript%3E')), {
    ok: false,
    reason: 'bad-app-guid',
  });
  assert.deepEqual(zendeskHost(at('?origin=https://acme.zendesk.com&app_guid=g1'), { framed: false }), {
    ok: false,
    reason: 'not-framed',
  });
});

test('host: the sandbox is its loopback origin hosting an app it serves itself, nothing else', () => {
  const sandbox = { origin: 'http://127.0.0.1:8766' };
  assert.equal(
    zendeskHost({ ...sandbox, search: '?origin=http%3A%2F%2F127.0.0.1%3A8766&app_guid=sandbox-top-bar' }).ok,
    true,
  );
  assert.equal(
    zendeskHost({ ...sandbox, search: '?origin=http%3A%2F%2F127.0.0.1%3A9999&app_guid=g' }).ok,
    false,
    'another port',
  );
  assert.equal(
    zendeskHost({ origin: 'http://localhost:4567', search: '?origin=http://localhost:4567&app_guid=g' }).ok,
    true,
  );
  assert.equal(
    zendeskHost({ origin: 'https://evil.example', search: '?origin=http://127.0.0.1:8766&app_guid=g' }).ok,
    false,
  );
});

// ---- what another tab may send -------------------------------------------------------------------------------
test('tab channel: the closed set is exactly the agent actions the view emits and the ZAF events the bridge forwards', () => {
  const viewDir = path.join(repo, 'js-shim', 'view');
  const files = [
    ...readdirSync(viewDir).map((f) => path.join(viewDir, f)),
    ...readdirSync(path.join(viewDir, 'screens')).map((f) => path.join(viewDir, 'screens', f)),
  ];
  const emitted = new Set();
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/emit\(\{\s*type:\s*'([A-Za-z]+)'/g)) emitted.add(m[1]);
  }
  const zaf = ['dialout', 'talkPartnerError', 'paneActivated', 'callMenu', 'requesterNumbersWanted'];
  assert.deepEqual(Object.keys(FORWARDABLE_EVENTS).sort(), [...emitted, ...zaf].sort());
  // and the protocol's table of agent actions says the same
  const doc = readFileSync(path.join(repo, 'docs', 'adapter-protocol.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Agent actions'), doc.indexOf('### Telephony'));
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  const documented = rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]));
  assert.ok(documented.length >= 25, 'the table was read');
  for (const name of documented) assert.ok(Object.hasOwn(FORWARDABLE_EVENTS, name), `${name} is in the closed set`);
});

test('tab channel: a forwarded event is rebuilt from its known fields; wrong types, sizes and extra fields are refused', () => {
  const note = { type: 'noteChanged', text: 'x'.repeat(MAX_NOTE_TEXT) };
  assert.deepEqual(checkForwardedEvent(note), { ok: true, event: note });
  assert.deepEqual(checkForwardedEvent({ type: 'ticketChosen', value: 'new' }).ok, true);
  assert.deepEqual(checkForwardedEvent({ type: 'ticketChosen', value: 42 }).ok, true);
  assert.deepEqual(checkForwardedEvent({ type: 'dialout', number: '+1', userId: null, ticketId: '42' }).ok, true);
  assert.deepEqual(checkForwardedEvent({ type: 'noteChanged', text: `${note.text}x` }), {
    ok: false,
    reason: 'bad-value',
  });
  assert.deepEqual(checkForwardedEvent({ type: 'useEnteredNumberChanged', checked: 'yes' }), {
    ok: false,
    reason: 'bad-value',
  });
  assert.deepEqual(checkForwardedEvent({ type: 'contactChosen', contactId: 1.5 }), { ok: false, reason: 'bad-value' });
  assert.deepEqual(checkForwardedEvent({ type: 'hangUpClicked', callId: 'c1' }), {
    ok: false,
    reason: 'unknown-field',
  });
  assert.deepEqual(checkForwardedEvent({ type: 'callEnded', callId: 'c1' }), {
    ok: false,
    reason: 'not-an-agent-action',
  });
  assert.deepEqual(checkForwardedEvent({ type: 'toString' }), { ok: false, reason: 'not-an-agent-action' });
  assert.deepEqual(checkForwardedEvent(['callClicked']), { ok: false, reason: 'not-an-event' });
  const sneaky = Object.create({ polluted: true });
  sneaky.type = 'callClicked';
  assert.deepEqual(checkForwardedEvent(sneaky), { ok: false, reason: 'not-an-event' }, 'only plain objects');
  const withProto = JSON.parse('{"type":"callClicked","__proto__":{"x":1}}');
  assert.deepEqual(checkForwardedEvent(withProto), { ok: false, reason: 'unknown-field' });
});

// ---- how large an event may be -------------------------------------------------------------------------------
test('event size: each type has a byte limit, counted in UTF-8; an event over it is refused before the core parses it', () => {
  assert.equal(
    eventSizeProblem('noteChanged', JSON.stringify({ type: 'noteChanged', text: 'é'.repeat(200_000) })),
    null,
  );
  const over = JSON.stringify({ type: 'noteChanged', text: 'é'.repeat(300_000) }); // 600 KB of UTF-8, 300 K units
  assert.deepEqual(eventSizeProblem('noteChanged', over)?.params, {
    type: 'noteChanged',
    bytes: Buffer.byteLength(over),
    limit: DEFAULT_EVENT_BYTES,
  });
  assert.equal(eventSizeProblem('httpResponse', 'x'.repeat(20 * 1024 * 1024)), null, 'a large Zendesk answer fits');
  assert.equal(
    eventSizeProblem('httpResponse', 'x'.repeat(EVENT_BYTE_LIMITS.httpResponse + 1))?.code,
    'EVENT_TOO_LARGE',
  );

  const crossed = [];
  const session = createAdapterSession({
    Adapter: class {
      dispatch(json) {
        crossed.push(json.length);
        return '{"view":{},"effects":[]}';
      }
      delete() {}
    },
  });
  assert.throws(
    () => session.dispatch({ type: 'callRinging', callId: 'c1', ani: '1'.repeat(DEFAULT_EVENT_BYTES) }),
    (err) => err instanceof AdapterCoreError && err.code === 'EVENT_TOO_LARGE' && err.params.type === 'callRinging',
  );
  assert.deepEqual(crossed, [], 'the core never saw it');
  session.dispatch({ type: 'callRinging', callId: 'c1', ani: '+15550100' });
  assert.equal(crossed.length, 1);
});

test('event size (D438): the core keeps the same limits itself — a host that does not measure gets the same refusal, and nothing changes', async () => {
  const module = await loadCoreModule();
  const adapter = new module.Adapter();
  try {
    const dispatch = (text) => JSON.parse(adapter.dispatch(text));
    dispatch('{"type":"appRegistered","nowMs":1,"agent":{"id":5}}');
    const before = dispatch('{"type":"paneActivated","nowMs":2}').view;
    // An event of exactly `bytes` bytes of UTF-8 JSON: its type, and an unknown field (ignored) to fill it.
    const ofSize = (type, bytes) => {
      const head = JSON.stringify({ type, nowMs: 3, pad: '' });
      return `${head.slice(0, -2)}${'x'.repeat(bytes - Buffer.byteLength(head))}"}`;
    };
    for (const type of ['tick', 'noteChanged', 'restore', 'appRegistered']) {
      const limit = EVENT_BYTE_LIMITS[type] ?? DEFAULT_EVENT_BYTES;
      const text = ofSize(type, limit + 1);
      const shim = eventSizeProblem(type, text);
      const core = dispatch(text).error;
      assert.equal(core?.code, 'EVENT_TOO_LARGE', type);
      assert.deepEqual(core.params, shim.params, `${type}: the core's numbers are the shim's`);
      assert.notEqual(dispatch(ofSize(type, limit)).error?.code, 'EVENT_TOO_LARGE', `${type} at its limit`);
    }
    // Past the largest limit the core refuses the text unread, so it cannot name the type.
    const huge = dispatch(ofSize('httpResponse', EVENT_BYTE_LIMITS.httpResponse + 1)).error;
    assert.equal(huge.code, 'EVENT_TOO_LARGE');
    assert.deepEqual(huge.params, {
      type: '',
      bytes: EVENT_BYTE_LIMITS.httpResponse + 1,
      limit: EVENT_BYTE_LIMITS.httpResponse,
    });
    assert.deepEqual(dispatch('{"type":"paneActivated","nowMs":2}').view, before, 'no refusal changed anything');
  } finally {
    adapter.delete();
  }
});

// ---- the pages' Content-Security-Policy ----------------------------------------------------------------------
test('CSP: no inline script or eval, wasm compiles, connections only to the package and a SIP WebSocket, no plugins or <base>', () => {
  const directives = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
  );
  assert.deepEqual(directives['default-src'], ["'none'"]);
  // Scripts from the package, and ZAF's SDK from its one CDN URL (the path limits it to that file).
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'", ZAF_SDK_URL]);
  assert.ok(!CONTENT_SECURITY_POLICY.includes("'unsafe-inline'") && !CONTENT_SECURITY_POLICY.includes("'unsafe-eval'"));
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  assert.deepEqual(directives['connect-src'], ["'self'", 'wss:', 'ws://127.0.0.1:*', 'ws://localhost:*']);
});

test('CSP: every page of assets/ gets it before anything it governs; a page with inline script or handlers fails the build', () => {
  for (const page of ['top_bar.html', 'background.html', 'ticket_sidebar.html']) {
    const html = withContentSecurityPolicy(readFileSync(path.join(repo, 'assets', page), 'utf8'), page);
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    assert.ok(meta > 0 && meta < html.indexOf('<link') && meta < html.indexOf('<script'), page);
  }
  const page = (body) => `<html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
  assert.throws(() => withContentSecurityPolicy(page('<script>alert(1)</script>'), 'p'), /inline <script>/);
  assert.throws(() => withContentSecurityPolicy(page('<button onclick="x()">'), 'p'), /inline event handler/);
  assert.throws(() => withContentSecurityPolicy(page('<div style="color:red">'), 'p'), /style attribute/);
  assert.doesNotThrow(() => withContentSecurityPolicy(page('<script type="module" src="a.js"></script>'), 'p'));
});

test('CSP at run time: the SIP server a socket is opened to becomes the one connect source besides the package', () => {
  assert.equal(socketSource('wss://sip.example.com:7443/ws?x=1'), 'wss://sip.example.com:7443');
  assert.equal(socketSource('ws://127.0.0.1:5066'), 'ws://127.0.0.1:5066');
  assert.equal(socketSource('https://sip.example.com'), null);
  assert.equal(socketSource('not a url'), null);
});

// ---- texts of Zendesk answers --------------------------------------------------------------------------------
test("Zendesk answers: a string longer than Zendesk's longest text (64 KB) is cut before the core sees it; pairs stay whole", async () => {
  const { boundTexts, MAX_ANSWER_TEXT, toHttpResponse } = await import('../../js-shim/zaf/http-response.js');
  const huge = 'N'.repeat(1024 * 1024);
  const answer = toHttpResponse(
    'r1',
    { status: 200, responseJSON: { results: [{ name: huge, tags: [huge], notes: 'short' }] } },
    0,
  );
  assert.equal(answer.body.results[0].name.length, MAX_ANSWER_TEXT);
  assert.equal(answer.body.results[0].tags[0].length, MAX_ANSWER_TEXT);
  assert.equal(answer.body.results[0].notes, 'short');
  const emoji = `${'a'.repeat(3)}\u{1F600}`; // the pair sits at units 3 and 4
  assert.equal(boundTexts(emoji, 4), 'aaa', 'the pair is not split');
  assert.deepEqual(boundTexts({ [huge]: 1 }, 8), { NNNNNNNN: 1 }, 'keys too');
  let deep = {};
  const top = deep;
  for (let i = 0; i < 100_000; i++) deep = deep.next = {};
  assert.doesNotThrow(() => boundTexts(top, 8), 'no recursion');
});
