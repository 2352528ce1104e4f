// The effect executor: each effect type performs its one I/O call, results come back as events, failures are
// reported without data and never thrown. Uses the real ZAF bridge over the fake ZAF client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEffectExecutor } from '../../js-shim/effects/executor.js';
import { STORAGE_KEY, snapshotEnvelope, stateKey } from '../../js-shim/effects/persisted-state.js';
import { createZafBridge } from '../../js-shim/zaf/bridge.js';
import { createFakeZaf, createMemoryStorage } from './helpers/fake-zaf.mjs';

const NOW = Date.UTC(2026, 10, 22, 10, 0, 0);

function fakeTimers() {
  const live = new Map();
  let next = 1;
  return {
    live,
    setTimeout(fn, ms) {
      live.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(id) {
      live.delete(id);
    },
    fireAll() {
      for (const [id, { fn }] of [...live]) {
        live.delete(id);
        fn();
      }
    },
  };
}

function recordingLog() {
  const warnings = [];
  return { warnings, warn: (...args) => warnings.push(args.map(String).join(' ')) };
}

function setup({
  connector = {},
  storage = createMemoryStorage(),
  zafClient = createFakeZaf(),
  telephonyCommands,
  agentId,
  fence,
} = {}) {
  const dispatched = [];
  const timers = fakeTimers();
  const log = recordingLog();
  const executor = createEffectExecutor({
    zaf: createZafBridge(zafClient, { now: () => NOW }),
    connector,
    dispatch: (e) => dispatched.push(e),
    t: (key, params) => `${key}${params && Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`,
    storage,
    timers,
    now: () => NOW,
    log,
    ...(telephonyCommands ? { telephonyCommands } : {}),
    ...(agentId !== undefined ? { agentId } : {}),
    ...(fence ? { fence } : {}),
  });
  return { executor, dispatched, timers, log, storage, zafClient };
}

test('request effects → httpResponse events: 200, 404, 429 (Retry-After: 7), network failure (0)', async () => {
  const zafClient = createFakeZaf();
  zafClient.respond('/api/v2/users/1.json', { status: 200, body: { user: { id: 1 } } });
  zafClient.respond('/api/v2/users/2.json', { status: 404, body: { error: 'RecordNotFound' } });
  zafClient.respond('/api/v2/users/3.json', { status: 429, body: { error: 'TooManyRequests' }, retryAfter: 7 });
  zafClient.respond('/api/v2/users/4.json', { networkError: true });
  const { executor, dispatched } = setup({ zafClient });
  await executor.execute(
    [1, 2, 3, 4].map((n) => ({
      type: 'request',
      id: `q${n}`,
      method: 'GET',
      url: `/api/v2/users/${n}.json`,
      body: null,
    })),
  );
  const byId = Object.fromEntries(dispatched.map((e) => [e.requestId, e]));
  assert.deepEqual(byId.q1, {
    type: 'httpResponse',
    requestId: 'q1',
    status: 200,
    body: { user: { id: 1 } },
    retryAfterSec: null,
  });
  assert.deepEqual(byId.q2, {
    type: 'httpResponse',
    requestId: 'q2',
    status: 404,
    body: { error: 'RecordNotFound' },
    retryAfterSec: null,
  });
  assert.deepEqual(byId.q3, {
    type: 'httpResponse',
    requestId: 'q3',
    status: 429,
    body: { error: 'TooManyRequests' },
    retryAfterSec: 7,
  });
  assert.deepEqual(byId.q4, { type: 'httpResponse', requestId: 'q4', status: 0, body: null, retryAfterSec: null });
});

test('requests run concurrently: the second starts before the first answers, and may finish first', async () => {
  let release;
  const zafClient = createFakeZaf();
  zafClient.respond('/slow', { status: 200, body: { n: 1 }, wait: new Promise((r) => (release = r)) });
  zafClient.respond('/fast', { status: 200, body: { n: 2 } });
  const { executor, dispatched } = setup({ zafClient });
  const done = executor.execute([
    { type: 'request', id: 'slow', method: 'GET', url: '/slow', body: null },
    { type: 'request', id: 'fast', method: 'GET', url: '/fast', body: null },
  ]);
  assert.deepEqual(
    zafClient.calls('request').map((r) => r.url),
    ['/slow', '/fast'],
    'both sent at once',
  );
  // The fast answer lands while the slow one is still held (polled, not a fixed sleep: a loaded machine may take
  // longer than any fixed wait to run the fast request's continuation).
  for (let waited = 0; dispatched.length === 0 && waited < 5000; waited += 5) {
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.deepEqual(
    dispatched.map((e) => e.requestId),
    ['fast'],
  );
  release();
  await done;
  assert.deepEqual(
    dispatched.map((e) => e.requestId),
    ['fast', 'slow'],
  );
});

test('scheduleTick: one timer; a later scheduleTick replaces the earlier; it dispatches tick', async () => {
  const { executor, dispatched, timers } = setup();
  await executor.execute([{ type: 'scheduleTick', atMs: NOW + 5000 }]);
  assert.deepEqual(
    [...timers.live.values()].map((t) => t.ms),
    [5000],
  );
  await executor.execute([{ type: 'scheduleTick', atMs: NOW + 1000 }]);
  assert.deepEqual(
    [...timers.live.values()].map((t) => t.ms),
    [1000],
    'the earlier timer was cleared',
  );
  await executor.execute([{ type: 'scheduleTick', atMs: NOW - 50 }]);
  assert.deepEqual(
    [...timers.live.values()].map((t) => t.ms),
    [0],
    'a time in the past fires at once',
  );
  timers.fireAll();
  assert.deepEqual(dispatched, [{ type: 'tick' }]);
  executor.stop();
  assert.equal(timers.live.size, 0);
});

test('persist writes the state as JSON under agent-adapter-state, in its versioned envelope; a full storage is reported, not thrown', async () => {
  const { executor, storage } = setup();
  await executor.execute([{ type: 'persist', state: { version: 1, writes: [] } }]);
  assert.deepEqual(JSON.parse(storage.map.get(STORAGE_KEY)), {
    format: 'agent-adapter-snapshot',
    version: 1,
    agentId: null,
    account: null,
    state: { version: 1, writes: [] },
  });

  const full = setup({ storage: createMemoryStorage({}, { quotaExceeded: true }) });
  await full.executor.execute([{ type: 'persist', state: { note: 'call me at +4930123' } }]);
  assert.equal(full.log.warnings.length, 1);
  assert.match(full.log.warnings[0], /QuotaExceededError/);
  assert.doesNotMatch(full.log.warnings[0], /4930123/);
});

test("persist with an agent id writes that agent's key and drops the old shared one", async () => {
  const { executor, storage } = setup({ agentId: 5, storage: createMemoryStorage({ [STORAGE_KEY]: '{"version":1}' }) });
  await executor.execute([{ type: 'persist', state: { version: 1, writes: [] } }]);
  assert.deepEqual(JSON.parse(storage.map.get(stateKey(5))), snapshotEnvelope({ version: 1, writes: [] }, 5));
  assert.equal(storage.map.has(STORAGE_KEY), false);
});

test('fencing: a tab that is no longer the writer performs no outside effect of the batch; asked once per batch', async () => {
  const calls = [];
  let writer = false;
  const fence = () => {
    calls.push('fence');
    return writer;
  };
  const connector = { hangUp: (a) => calls.push(['hangUp', a]) };
  const { executor, zafClient, storage, timers } = setup({ connector, fence, agentId: 5 });
  const batch = [
    { type: 'request', id: 'w', method: 'PUT', url: '/api/v2/tickets/1.json', body: {} },
    { type: 'routeTo', target: 'ticket', id: 1 },
    { type: 'popover', action: 'show' },
    { type: 'notify', code: 'X', kind: 'notice', params: {} },
    { type: 'telephony', command: 'hangUp', callId: 'c1' },
    { type: 'persist', state: { version: 1 } },
    { type: 'scheduleTick', atMs: NOW + 100 },
  ];
  await executor.execute(batch);
  assert.deepEqual(calls, ['fence']);
  assert.deepEqual(
    zafClient.log.filter((e) => e.kind !== 'on'),
    [],
  );
  assert.equal(storage.map.size, 0);
  assert.equal(timers.live.size, 0, 'not even the tick: the tab stepped down');

  // A batch of local effects only does not ask.
  await executor.execute([{ type: 'scheduleTick', atMs: NOW + 100 }]);
  assert.deepEqual(calls, ['fence']);
  assert.equal(timers.live.size, 1);

  writer = true;
  await executor.execute(batch);
  assert.deepEqual(calls, ['fence', 'fence', ['hangUp', { callId: 'c1' }]]);
  assert.ok(storage.map.has(stateKey(5)));
  assert.deepEqual(
    zafClient.calls('request').map((r) => r.url),
    ['/api/v2/tickets/1.json'],
  );
});

test('routeTo, popover and notify (translated ui.notify.<code> with params) in effect order', async () => {
  const { executor, zafClient } = setup();
  await executor.execute([
    { type: 'routeTo', target: 'ticket', id: 42 },
    { type: 'popover', action: 'show' },
    { type: 'notify', code: 'WRITE_FAILED', kind: 'error', params: { ticketId: 42 } },
  ]);
  assert.deepEqual(
    zafClient.calls('invoke').map(({ name, args }) => [name, ...args]),
    [
      ['routeTo', 'ticket', 42],
      ['popover', 'show'],
      ['notify', 'ui.notify.WRITE_FAILED {"ticketId":42}', 'error'],
    ],
  );
});

test('telephony effects call the connector method named by the command table, with the effect arguments', async () => {
  const calls = [];
  const connector = {
    placeCall: async (args) => calls.push(['placeCall', args]),
    transfer: async (args) => calls.push(['transfer', args]),
    sendDigits: async (args) => calls.push(['sendDigits', args]),
  };
  const { executor, dispatched } = setup({
    connector,
    telephonyCommands: { dial: 'placeCall', transfer: 'transfer', sendDigits: 'sendDigits' },
  });
  await executor.execute([
    { type: 'telephony', command: 'dial', callId: 'c1', number: '+4930123', extension: '12' },
    { type: 'telephony', command: 'transfer', callId: 'c1', target: 'queue-3' },
    { type: 'telephony', command: 'sendDigits', callId: 'c1', digits: '1#' },
  ]);
  assert.deepEqual(calls, [
    ['placeCall', { callId: 'c1', number: '+4930123', extension: '12' }],
    ['transfer', { callId: 'c1', target: 'queue-3' }],
    ['sendDigits', { callId: 'c1', digits: '1#' }],
  ]);
  assert.deepEqual(dispatched, []);
});

test('without a command table the protocol names are the method names', async () => {
  const calls = [];
  const { executor } = setup({ connector: { hangUp: (a) => calls.push(a) } });
  await executor.execute([{ type: 'telephony', command: 'hangUp', callId: 'c9' }]);
  assert.deepEqual(calls, [{ callId: 'c9' }]);
});

test('FO-6: a rejected or throwing telephony command goes back to the core as telephonyFailed (code, no data), warns without data, and later effects still run', async () => {
  const connector = {
    dial: async () => {
      throw Object.assign(new Error('cannot reach +4930123'), { name: 'TelephonyError', code: 'OFFLINE' });
    },
    answer: () => {
      throw new TypeError('sync failure');
    },
  };
  const { executor, dispatched, log, storage } = setup({ connector });
  await executor.execute([
    { type: 'telephony', command: 'dial', callId: 'c1', number: '+4930123' },
    { type: 'telephony', command: 'answer', callId: 'c1' },
    { type: 'telephony', command: 'teleport', callId: 'c1' },
    { type: 'persist', state: { ok: true } },
  ]);
  // The core ends a refused dial without writing anything; it needs the call, the command and the code only.
  assert.deepEqual(dispatched, [
    { type: 'telephonyFailed', callId: 'c1', command: 'dial', code: 'OFFLINE' },
    { type: 'telephonyFailed', callId: 'c1', command: 'answer', code: 'ERROR' },
  ]);
  assert.equal(log.warnings.length, 3);
  assert.ok(
    log.warnings.some((w) => /telephony dial failed: TelephonyError OFFLINE/.test(w)),
    log.warnings.join('\n'),
  );
  for (const w of log.warnings) assert.doesNotMatch(w, /4930123/);
  assert.ok(storage.map.has(STORAGE_KEY), 'the effect after the failures ran');
});

test('unknown effect types are ignored with a warning', async () => {
  const { executor, log, dispatched } = setup();
  await executor.execute([{ type: 'launchRocket' }, null]);
  assert.equal(log.warnings.length, 2);
  assert.match(log.warnings[0], /launchRocket/);
  assert.deepEqual(dispatched, []);
});

test('nothing logged ever carries a request body', async () => {
  const zafClient = createFakeZaf();
  zafClient.respond(() => true, { status: 500, body: { error: 'secret-ish +4930123' } });
  const { executor, log, dispatched } = setup({ zafClient });
  await executor.execute([
    {
      type: 'request',
      id: 'w',
      method: 'PUT',
      url: '/api/v2/tickets/1.json',
      body: { ticket: { comment: { body: 'caller +4930123' } } },
    },
  ]);
  assert.equal(dispatched[0].status, 500);
  assert.deepEqual(log.warnings, []);
});
