// The top-bar loop's plumbing: event sources → session.dispatch → view.render + effect executor.
//
// The session here is a TEST DOUBLE (an object whose dispatch(event) returns scripted {view, effects}), so these
// tests check only the shim's wiring: ordering, timestamps, persistence, error handling. The real WASM core is
// exercised end to end by other tests (tests/js/wasm-*.test.mjs and the browser tests), not here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTopBar } from '../../js-shim/app/top-bar.js';
import { AdapterCoreError } from '../../js-shim/core/rules-engine.js';
import { LEGACY_STORAGE_KEY, snapshotEnvelope, stateKey } from '../../js-shim/effects/persisted-state.js';
import { createFakeZaf, createMemoryStorage } from './helpers/fake-zaf.mjs';
import { REQUIREMENT_FIELDS } from '../../js-shim/zaf/requirements.js';

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

/** A clock the test moves by hand. */
function clock(startMs = T0) {
  let ms = startMs;
  const now = () => ms;
  now.advance = (d) => (ms += d);
  return now;
}

/** Test double of the adapter session: records events, answers with script(event) or a plain view. */
function fakeSession(script = () => ({})) {
  const events = [];
  return {
    events,
    closed: false,
    types: () => events.map((e) => e.type),
    dispatch(event) {
      events.push(structuredClone(event));
      const answer = script(event, events.length) ?? {};
      return { view: answer.view ?? { screen: 'main', seq: events.length }, effects: answer.effects ?? [] };
    },
    close() {
      this.closed = true;
    },
  };
}

/** Fake view factory: records every rendered view and exposes onEvent to play the agent. */
function fakeView() {
  const rendered = [];
  const factory = (root, { t, onEvent }) => {
    factory.root = root;
    factory.t = t;
    factory.onEvent = onEvent;
    return { render: (view) => rendered.push(structuredClone(view)) };
  };
  factory.rendered = rendered;
  return factory;
}

function fakeConnector() {
  const calls = [];
  return {
    name: 'simulator',
    calls,
    emit: null,
    start(emit) {
      this.emit = emit;
      calls.push(['start']);
    },
    stop() {
      calls.push(['stop']);
    },
    dial(args) {
      calls.push(['dial', args]);
      return Promise.resolve();
    },
    hangUp(args) {
      calls.push(['hangUp', args]);
      return Promise.resolve();
    },
  };
}

const quiet = { warn() {} };

async function start({
  session = fakeSession(),
  storage = createMemoryStorage(),
  zaf = createFakeZaf({ settings: { defaultCallingCode: '49', telephonyToken: 'x' } }),
  connector = fakeConnector(),
  now = clock(),
  timers,
  log = quiet,
} = {}) {
  const view = fakeView();
  const translatorCalls = [];
  const handle = await startTopBar({
    client: zaf,
    createModule: async () => ({ fake: 'module' }),
    moduleOptions: {},
    connector,
    root: { id: 'app' },
    storage,
    dictionaries: { en: { ui: {} } },
    createView: view,
    createTranslator: (dictionaries, locale) => {
      translatorCalls.push(locale);
      return (key) => key;
    },
    telephonyCommands: { dial: 'dial', hangUp: 'hangUp' },
    createSession: () => session,
    now,
    timers,
    log,
  });
  await handle.idle();
  return { handle, session, storage, zaf, connector, view, now, translatorCalls };
}

const FOUND_FIELDS = Object.fromEntries(REQUIREMENT_FIELDS.map((f, i) => [f.datum, 360101 + i]));
const FOUND_IDS = Object.values(FOUND_FIELDS).join(',');

test('start-up: appRegistered with settings (no secrets), agent and connector name; first view drawn', async () => {
  const { session, view, connector, zaf, translatorCalls } = await start();
  assert.deepEqual(session.events, [
    {
      type: 'appRegistered',
      // D355: the ten fields the installation created, found in the account's ticket fields, and the ids it has.
      settings: { defaultCallingCode: '49', fieldMap: JSON.stringify(FOUND_FIELDS), ticketFieldIds: FOUND_IDS },
      agent: { id: 5, name: 'Sam Agent', groupIds: [11, 12], locale: 'en-US', utcOffsetMinutes: 60 },
      connector: { name: 'simulator' },
      nowMs: T0,
    },
  ]);
  assert.deepEqual(view.rendered, [{ screen: 'main', seq: 1 }]);
  assert.deepEqual(translatorCalls, ['en-US']);
  assert.deepEqual(view.root, { id: 'app' });
  assert.deepEqual(connector.calls, [['start']]);
  assert.deepEqual(
    zaf
      .calls('on')
      .map((c) => c.name)
      .sort(),
    [
      'adapter.callMenu',
      'adapter.requesterNumbersWanted',
      'app.willDestroy',
      'pane.activated',
      'voice.dialout',
      'voice.error',
    ],
  );
});

test(
  'IN-1 (D388): a slow ticket-fields listing keeps no one waiting: appRegistered goes in after 1.5 s with the settings as given, and the agent’s clicks reach the core',
  { timeout: 10_000 },
  async () => {
    const zaf = createFakeZaf({ settings: { defaultCallingCode: '49', telephonyToken: 'x' } });
    let release;
    const listed = new Promise((resolve) => (release = resolve));
    // Zendesk's ticket-fields listing hangs; only the first page is held, the fake's own fields answer it afterwards.
    let held = false;
    zaf.respond((entry) => /\/api\/v2\/ticket_fields\.json/.test(entry.url) && !held && (held = true), {
      wait: listed,
      status: 500,
      body: { error: 'InternalError' },
    });
    const session = fakeSession();
    const begun = Date.now();
    const handle = await startTopBar({
      client: zaf,
      createModule: async () => ({ fake: 'module' }),
      moduleOptions: {},
      connector: fakeConnector(),
      root: { id: 'app' },
      storage: createMemoryStorage(),
      dictionaries: { en: { ui: {} } },
      createView: fakeView(),
      createTranslator: () => (key) => key,
      telephonyCommands: { dial: 'dial', hangUp: 'hangUp' },
      createSession: () => session,
      now: clock(),
      log: quiet,
    });
    const waited = Date.now() - begun;
    assert.ok(waited >= 1400 && waited < 4000, `the console started after ${waited} ms`);
    assert.deepEqual(session.types(), ['appRegistered'], 'registered while the listing still hangs');
    assert.deepEqual(session.events[0].settings, { defaultCallingCode: '49' }, 'the settings as given, no secret');
    handle.dispatch({ type: 'dialPadClicked' });
    assert.deepEqual(session.types(), ['appRegistered', 'dialPadClicked'], 'the agent is not kept waiting either');
    release();
    await handle.idle();
    handle.stop();
  },
);

test('persist writes storage; after a reload the snapshot goes back first as restore, then appRegistered', async () => {
  const storage = createMemoryStorage();
  const snapshot = { version: 1, writes: [{ keys: ['k1'], kind: 'updateTicket', url: '/api/v2/tickets/1.json' }] };
  const first = await start({
    storage,
    session: fakeSession((e) =>
      e.type === 'appRegistered' ? { effects: [{ type: 'persist', state: snapshot }] } : {},
    ),
  });
  assert.deepEqual(
    JSON.parse(storage.map.get(stateKey(5))),
    snapshotEnvelope(snapshot, 5),
    "kept under the agent's own key, in its envelope",
  );
  first.handle.stop();

  const now = clock(T0 + 60_000);
  const second = await start({ storage, now });
  assert.deepEqual(second.session.types(), ['restore', 'appRegistered']);
  assert.deepEqual(second.session.events[0], { type: 'restore', state: snapshot, nowMs: T0 + 60_000 });
});

/** The banner the agent sees last (the core's fake views have none, so a shown one is the shim's). */
const lastBanner = (view) => view.rendered.at(-1)?.banner ?? null;

test('stored state that is no snapshot envelope of this version, agent and account is not restored: moved aside, the agent told', async () => {
  const writes = { version: 1, writes: [{ keys: ['k'], kind: 'updateTicket', url: '/api/v2/tickets/1.json' }] };
  const cases = {
    corrupt: '{not json',
    version: JSON.stringify(writes), // no envelope: an older version of the app
    'version 2': JSON.stringify({ ...snapshotEnvelope(writes, 5), version: 2 }),
    agent: JSON.stringify(snapshotEnvelope(writes, 6)),
    account: JSON.stringify(snapshotEnvelope(writes, 5, 'other-account')),
  };
  for (const [name, text] of Object.entries(cases)) {
    const storage = createMemoryStorage({ [stateKey(5)]: text });
    const { session, view } = await start({ storage });
    assert.deepEqual(session.types(), ['appRegistered'], `${name}: never replayed`);
    assert.equal(storage.map.get(`${stateKey(5)}:unrestored`), text, `${name}: kept aside as it was`);
    assert.equal(storage.map.has(stateKey(5)), false, `${name}: not read again`);
    assert.deepEqual(
      lastBanner(view),
      { code: 'SNAPSHOT_DISCARDED', kind: 'error', params: { reason: name.split(' ')[0] } },
      name,
    );
  }
});

test('the snapshot notice stays until the agent dismisses it', async () => {
  const storage = createMemoryStorage({ [stateKey(5)]: '[]' });
  const { view, handle } = await start({ storage });
  await handle.dispatch({ type: 'numberChanged', text: '1' });
  assert.equal(lastBanner(view)?.code, 'SNAPSHOT_DISCARDED', 'a later view keeps it');
  await handle.dispatch({ type: 'dismissBanner' });
  assert.equal(lastBanner(view), null);
});

test('a snapshot under the old shared key (no envelope, no agent) is never restored: kept aside, the agent told', async () => {
  const legacy = { version: 1, writes: [{ keys: ['old'], kind: 'updateTicket', url: '/api/v2/tickets/2.json' }] };
  const storage = createMemoryStorage({ [LEGACY_STORAGE_KEY]: JSON.stringify(legacy) });
  const { session, view } = await start({ storage });
  assert.deepEqual(session.types(), ['appRegistered']);
  assert.deepEqual(JSON.parse(storage.map.get(`${stateKey(5)}:unrestored`)), legacy);
  assert.equal(storage.map.has(LEGACY_STORAGE_KEY), false, 'the old key is gone');
  assert.equal(lastBanner(view)?.code, 'SNAPSHOT_DISCARDED');
});

test('a snapshot of another agent is not restored', async () => {
  const storage = createMemoryStorage({ [stateKey(6)]: JSON.stringify(snapshotEnvelope({ version: 1 }, 6)) });
  const { session, view } = await start({ storage });
  assert.deepEqual(session.types(), ['appRegistered']);
  assert.equal(lastBanner(view), null, "another agent's own key is none of this agent's business");
});

test('the snapshot is bound to the account the ZAF context names', async () => {
  const storage = createMemoryStorage();
  const zaf = createFakeZaf({ settings: {} });
  zaf.context = async () => ({ account: { subdomain: 'acme' } });
  const session = fakeSession((e) =>
    e.type === 'appRegistered' ? { effects: [{ type: 'persist', state: { version: 1 } }] } : {},
  );
  await start({ storage, zaf, session });
  assert.deepEqual(JSON.parse(storage.map.get(stateKey(5))), snapshotEnvelope({ version: 1 }, 5, 'acme'));
});

test('a refused event with numbers of its own (EVENT_TOO_LARGE) shows them to the agent, not the English message', async () => {
  const params = { type: 'noteChanged', bytes: 1048590, limit: 524288 };
  const session = fakeSession((e) => {
    if (e.type === 'noteChanged')
      throw new AdapterCoreError({ code: 'EVENT_TOO_LARGE', message: 'too large', path: '/', params });
    return {};
  });
  const { view, handle } = await start({ session });
  await handle.dispatch({ type: 'noteChanged', text: 'x' });
  assert.deepEqual(lastBanner(view), { code: 'EVENT_TOO_LARGE', kind: 'error', params });
});

test('voice.dialout → dialout event with number, userId, ticketId and nowMs', async () => {
  const { zaf, session, now, handle } = await start();
  now.advance(1234);
  zaf.fire('voice.dialout', { number: '+15551234567', userId: 300, ticketId: 42 });
  await handle.idle();
  assert.deepEqual(session.events.at(-1), {
    type: 'dialout',
    number: '+15551234567',
    userId: 300,
    ticketId: 42,
    nowMs: T0 + 1234,
  });
});

test('TPE: voice.error → talkPartnerError with its code as text (null when none), stamped like every event', async () => {
  const { zaf, session, now, handle } = await start();
  now.advance(7);
  zaf.fire('voice.error', { code: 'SUBSCRIBE_FAILED' });
  zaf.fire('voice.error', { code: { nested: true } });
  await handle.idle();
  assert.deepEqual(session.events.slice(-2), [
    { type: 'talkPartnerError', code: 'SUBSCRIBE_FAILED', nowMs: T0 + 7 },
    { type: 'talkPartnerError', code: null, nowMs: T0 + 7 },
  ]);
});

test('adapter.callMenu → callMenu, pane.activated → paneActivated; view and connector events are stamped too', async () => {
  const { zaf, session, view, connector, handle } = await start();
  zaf.fire('adapter.callMenu', { ticketId: 42, number: null });
  zaf.fire('pane.activated');
  view.onEvent({ type: 'numberChanged', text: '030 1234' });
  connector.emit({ type: 'callRinging', callId: 'c1', ani: '+4930123' });
  await handle.idle();
  assert.deepEqual(session.events.slice(1), [
    { type: 'callMenu', ticketId: 42, number: null, nowMs: T0 },
    { type: 'paneActivated', nowMs: T0 },
    { type: 'numberChanged', text: '030 1234', nowMs: T0 },
    { type: 'callRinging', callId: 'c1', ani: '+4930123', nowMs: T0 },
  ]);
});

test('a request effect comes back as httpResponse (429, Retry-After 7) through the loop', async () => {
  const zaf = createFakeZaf();
  zaf.respond('GET /api/v2/search.json?query=x', { status: 429, body: { error: 'TooManyRequests' }, retryAfter: 7 });
  const session = fakeSession((e) =>
    e.type === 'lookUpNumber'
      ? { effects: [{ type: 'request', id: 'r1', method: 'GET', url: '/api/v2/search.json?query=x', body: null }] }
      : {},
  );
  const { handle } = await start({ zaf, session });
  await handle.dispatch({ type: 'lookUpNumber' });
  assert.deepEqual(session.events.at(-1), {
    type: 'httpResponse',
    requestId: 'r1',
    status: 429,
    body: { error: 'TooManyRequests' },
    retryAfterSec: 7,
    nowMs: T0,
  });
});

test('scheduleTick through the loop: the timer dispatches tick with the clock at that time', async () => {
  const pending = [];
  const timers = { setTimeout: (fn, ms) => pending.push({ fn, ms }) && pending.length, clearTimeout: () => {} };
  const session = fakeSession((e) =>
    e.type === 'appRegistered' ? { effects: [{ type: 'scheduleTick', atMs: T0 + 250 }] } : {},
  );
  const { now, handle } = await start({ session, timers });
  assert.deepEqual(
    pending.map((p) => p.ms),
    [250],
  );
  now.advance(250);
  pending[0].fn();
  await handle.idle();
  assert.deepEqual(session.events.at(-1), { type: 'tick', nowMs: T0 + 250 });
});

test('events arriving while effects execute are dispatched after them, in arrival order', async () => {
  const timeline = [];
  const connector = fakeConnector();
  // The connector answers dial synchronously with two events, as a simulator may.
  connector.dial = (args) => {
    timeline.push(`dial ${args.callId}`);
    connector.emit({ type: 'callDialing', callId: args.callId });
    connector.emit({ type: 'callConnected', callId: args.callId });
    return Promise.resolve();
  };
  const session = fakeSession((e) => {
    timeline.push(`core ${e.type}`);
    if (e.type === 'callClicked') {
      return {
        effects: [
          { type: 'telephony', command: 'dial', callId: 'c1', number: '+4930123' },
          { type: 'popover', action: 'show' },
        ],
      };
    }
    return {};
  });
  const zaf = createFakeZaf();
  const originalInvoke = zaf.invoke;
  zaf.invoke = (name, ...args) => {
    timeline.push(`invoke ${name}`);
    return originalInvoke(name, ...args);
  };
  const { handle, view } = await start({ session, connector, zaf });
  timeline.length = 0;
  view.onEvent({ type: 'callClicked' });
  await handle.idle();
  assert.deepEqual(timeline, [
    'core callClicked',
    'dial c1',
    'invoke popover',
    'core callDialing',
    'core callConnected',
  ]);
});

test('an AdapterCoreError is shown as an error banner and the loop keeps going', async () => {
  const session = fakeSession((e) => {
    if (e.type === 'ticketIdChanged')
      throw new AdapterCoreError({ code: 'INVALID_REQUEST', message: 'expected string', path: '/text' });
    return { view: { screen: 'outbound', banner: null, seq: e.type } };
  });
  const warnings = [];
  const { handle, view } = await start({ session, log: { warn: (...a) => warnings.push(a.join(' ')) } });
  await handle.dispatch({ type: 'openDialPad' });
  await handle.dispatch({ type: 'ticketIdChanged', text: 12 });
  assert.deepEqual(view.rendered.at(-1), {
    screen: 'outbound',
    seq: 'openDialPad',
    banner: { code: 'INVALID_REQUEST', kind: 'error', params: { message: 'expected string' } },
  });
  assert.equal(handle.view().banner.code, 'INVALID_REQUEST');
  await handle.dispatch({ type: 'dismissBanner' });
  assert.deepEqual(view.rendered.at(-1), { screen: 'outbound', banner: null, seq: 'dismissBanner' });
  assert.deepEqual(session.types().slice(-3), ['openDialPad', 'ticketIdChanged', 'dismissBanner']);
  assert.ok(
    warnings.some((w) => w.includes('INVALID_REQUEST')),
    'reported by code',
  );
  assert.ok(
    warnings.every((w) => !w.includes('"text"') && !w.includes('12')),
    'the event itself is never logged',
  );
});

test('an error on the very first event still draws a (minimal) view with the banner', async () => {
  const session = fakeSession(() => {
    throw new AdapterCoreError({ code: 'INVALID_REQUEST', message: 'bad settings', path: '/settings' });
  });
  const { view, handle } = await start({ session });
  assert.equal(view.rendered.length, 1);
  assert.equal(view.rendered[0].ready, false);
  assert.deepEqual(view.rendered[0].banner, {
    code: 'INVALID_REQUEST',
    kind: 'error',
    params: { message: 'bad settings' },
  });
  assert.equal(handle.view().screen, 'main');
});

test('ZAF events that arrive while the core loads are replayed after appRegistered', async () => {
  const zaf = createFakeZaf();
  const session = fakeSession();
  let release;
  const gate = new Promise((r) => (release = r));
  const view = fakeView();
  const starting = startTopBar({
    client: zaf,
    createModule: async () => {
      await gate;
      return {};
    },
    connector: fakeConnector(),
    root: {},
    storage: createMemoryStorage(),
    dictionaries: {},
    createView: view,
    createTranslator: () => (k) => k,
    telephonyCommands: {},
    createSession: () => session,
    now: () => T0,
    log: quiet,
  });
  await new Promise((r) => setTimeout(r, 5));
  zaf.fire('voice.dialout', { number: '+1', userId: null, ticketId: null });
  release();
  const handle = await starting;
  await handle.idle();
  assert.deepEqual(session.types(), ['appRegistered', 'dialout']);
});

test('stop(): unsubscribes from ZAF, stops the connector, closes the session, ignores later events', async () => {
  const { handle, zaf, connector, session } = await start();
  handle.stop();
  zaf.fire('voice.dialout', { number: '+1' });
  await handle.dispatch({ type: 'openDialPad' });
  assert.deepEqual(session.types(), ['appRegistered']);
  assert.equal(zaf.subscriberCount('voice.dialout'), 0);
  assert.deepEqual(connector.calls.at(-1), ['stop']);
  assert.equal(session.closed, true);
});

test('with the real adapter-session wrapper: an INVALID_REQUEST answer becomes a banner, the next event works', async () => {
  // A stand-in for the embind module (module.Adapter with dispatch(json) → json), not the WASM core.
  const seen = [];
  class Adapter {
    dispatch(json) {
      const event = JSON.parse(json);
      seen.push(event.type);
      if (event.type === 'contactChosen')
        return JSON.stringify({
          error: { code: 'INVALID_REQUEST', message: 'contactId: required', path: '/contactId' },
        });
      return JSON.stringify({ view: { screen: 'main', ready: true, banner: null }, effects: [] });
    }
    delete() {}
  }
  const view = fakeView();
  const handle = await startTopBar({
    client: createFakeZaf(),
    createModule: async () => ({ Adapter }),
    connector: fakeConnector(),
    root: {},
    storage: createMemoryStorage(),
    dictionaries: {},
    createView: view,
    createTranslator: () => (k) => k,
    telephonyCommands: {},
    now: () => T0,
    log: quiet,
  });
  await handle.dispatch({ type: 'contactChosen' });
  assert.equal(handle.view().banner.code, 'INVALID_REQUEST');
  await handle.dispatch({ type: 'paneActivated' });
  assert.equal(handle.view().banner, null);
  assert.deepEqual(seen, ['appRegistered', 'contactChosen', 'paneActivated']);
  handle.stop();
});

test('the connector is started before the first event; what it emits at start waits for appRegistered', async () => {
  const connector = fakeConnector();
  let started = false;
  connector.start = (emit) => {
    started = true;
    connector.emit = emit;
    emit({ type: 'connectorState', state: 'online' });
    return Promise.resolve();
  };
  connector.hangUp = (args) =>
    started ? Promise.resolve(connector.calls.push(['hangUp', args])) : Promise.reject(new Error('NOT_STARTED'));
  const session = fakeSession((e) =>
    e.type === 'restore' ? { effects: [{ type: 'telephony', command: 'hangUp', callId: 'c7' }] } : {},
  );
  const storage = createMemoryStorage({ [stateKey(5)]: JSON.stringify(snapshotEnvelope({ version: 1 }, 5)) });
  await start({ session, connector, storage });
  assert.deepEqual(session.types(), ['restore', 'appRegistered', 'connectorState']);
  assert.deepEqual(connector.calls, [['hangUp', { callId: 'c7' }]]);
});

test('a snapshot the core refuses to restore is kept aside before the next persist replaces it', async () => {
  const snapshot = { version: 1, writes: [{ keys: ['k'], kind: 'updateTicket' }] };
  const storage = createMemoryStorage({ [stateKey(5)]: JSON.stringify(snapshotEnvelope(snapshot, 5)) });
  const session = fakeSession((e) => {
    if (e.type === 'restore') throw new AdapterCoreError({ code: 'INVALID_REQUEST', message: 'bad', path: '/state' });
    return e.type === 'appRegistered' ? { effects: [{ type: 'persist', state: { version: 1, writes: [] } }] } : {};
  });
  await start({ storage, session });
  assert.deepEqual(JSON.parse(storage.map.get(`${stateKey(5)}:unrestored`)), snapshot);
  assert.deepEqual(JSON.parse(storage.map.get(stateKey(5))), snapshotEnvelope({ version: 1, writes: [] }, 5));
});

test('app.willDestroy (ZAF removes the instance): the tick timer is cleared, the connector stopped, later events ignored', async () => {
  const pending = new Map();
  let nextId = 0;
  const timers = {
    setTimeout: (fn, ms) => (pending.set(++nextId, { fn, ms }), nextId),
    clearTimeout: (id) => pending.delete(id),
  };
  const session = fakeSession((e) =>
    e.type === 'appRegistered' ? { effects: [{ type: 'scheduleTick', atMs: T0 + 250 }] } : {},
  );
  const { zaf, connector, handle } = await start({ session, timers });
  assert.equal(pending.size, 1, 'a tick is scheduled');
  zaf.fire('app.willDestroy');
  assert.equal(pending.size, 0, 'no timer left to fire into a destroyed app');
  assert.deepEqual(connector.calls.at(-1), ['stop'], 'the connector closed its sockets');
  assert.equal(session.closed, true);
  zaf.fire('voice.dialout', { number: '+1' });
  await handle.dispatch({ type: 'openDialPad' });
  assert.deepEqual(session.types(), ['appRegistered']);
  assert.equal(zaf.subscriberCount('app.willDestroy'), 0);
});

// ---- the transfer directory kept fresh (D432) and a restored consult leg checked with the connector (D431) ----------

/** Timers the test fires by hand, by their delay. */
function manualTimers() {
  const pending = new Map();
  let next = 0;
  return {
    pending,
    setTimeout(f, ms) {
      pending.set(++next, { f, ms });
      return next;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    delays: () => [...pending.values()].map((t) => t.ms),
    fire(ms) {
      for (const [id, t] of [...pending]) {
        if (t.ms !== ms) continue;
        pending.delete(id);
        t.f();
      }
    },
  };
}

const connectedView = { screen: 'call', call: { id: 'c1', state: 'connected' } };

test('D432 the transfer directory is asked when the call connects, every 30 s while it lasts, and when the box opens if 10 s old; never twice at once, never after the call', async () => {
  const timers = manualTimers();
  const now = clock();
  const connector = fakeConnector();
  let answers = 0;
  let fail = false;
  connector.directory = () => {
    answers += 1;
    return fail
      ? Promise.reject(new Error('503'))
      : Promise.resolve({ agents: [{ id: 6, name: 'Kim' }], consult: true });
  };
  let onCall = false;
  const session = fakeSession((e) => {
    if (e.type === 'callConnected') onCall = true;
    if (e.type === 'callEnded') onCall = false;
    return onCall ? { view: connectedView } : {};
  });
  const { handle } = await start({ session, connector, timers, now });
  const asked = () => session.events.filter((e) => e.type === 'transferDirectory').length;

  connector.emit({ type: 'callConnected', callId: 'c1' });
  await handle.idle();
  await new Promise((r) => setImmediate(r));
  assert.equal(answers, 1, 'asked when the call first shows connected');
  assert.equal(asked(), 1);
  assert.deepEqual(timers.delays().filter((ms) => ms === 30_000).length, 1, 'the next in 30 s');

  handle.dispatch({ type: 'transferDirectoryOpened' });
  await new Promise((r) => setImmediate(r));
  assert.equal(answers, 1, 'the box opened right after: the answer is fresh');
  assert.ok(!session.types().includes('transferDirectoryOpened'), 'the core never sees it');

  now.advance(10_000);
  handle.dispatch({ type: 'transferDirectoryOpened' });
  await new Promise((r) => setImmediate(r));
  assert.equal(answers, 2, 'opened 10 s later: asked again');

  fail = true;
  now.advance(30_000);
  timers.fire(30_000);
  await new Promise((r) => setImmediate(r));
  assert.equal(answers, 3);
  assert.equal(asked(), 2, 'a failed ask dispatches nothing: the core keeps its copy and ages it');
  assert.equal(timers.delays().filter((ms) => ms === 30_000).length, 1, 'and asks again later');

  connector.emit({ type: 'callEnded', callId: 'c1' });
  await handle.idle();
  assert.equal(timers.delays().filter((ms) => ms === 30_000).length, 0, 'nothing asked once the call is over');
  handle.dispatch({ type: 'transferDirectoryOpened' });
  await new Promise((r) => setImmediate(r));
  assert.equal(answers, 3);
  handle.stop();
});

test('D431 a consult leg restored from the snapshot stays only if the connector still has it; otherwise it goes in as ended', async () => {
  for (const [consults, expectEnded] of [
    [undefined, true],
    [() => [], true],
    [() => ['c1'], false],
  ]) {
    const storage = createMemoryStorage();
    const snapshot = { version: 1, calls: [{ id: 'c1' }] };
    const consultView = {
      screen: 'call',
      call: { id: 'c1', state: 'connected', transfer: { consult: { target: '6', state: 'connected' } } },
    };
    const first = await start({
      storage,
      session: fakeSession((e) =>
        e.type === 'appRegistered' ? { effects: [{ type: 'persist', state: snapshot }] } : {},
      ),
    });
    first.handle.stop();
    const connector = fakeConnector();
    if (consults) connector.consults = consults;
    const session = fakeSession((e) => (e.type === 'restore' ? { view: consultView } : {}));
    const { handle } = await start({ storage, session, connector });
    await new Promise((r) => setImmediate(r));
    await handle.idle();
    const ended = session.events.filter((e) => e.type === 'consultChanged');
    assert.deepEqual(
      ended.map(({ nowMs, ...e }) => e),
      expectEnded ? [{ type: 'consultChanged', callId: 'c1', state: 'ended' }] : [],
    );
    handle.stop();
  }
});
