// The top bar in several tabs of one agent (js-shim/app/top-bar.js with js-shim/app/writer-lease.js): one tab
// writes (the leader: core session, connector, requests), the others mirror its view and forward the agent's
// events to it, and take over when it goes. Sessions are TEST DOUBLES as in shim-top-bar.test.mjs; the lease is
// the real one over a shared fake localStorage, a fake BroadcastChannel hub and a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTopBar } from '../../js-shim/app/top-bar.js';
import { createWriterLease, leaseKey, SETTLE_MS } from '../../js-shim/app/writer-lease.js';
import { snapshotEnvelope, stateKey } from '../../js-shim/effects/persisted-state.js';
import { createFakeClock } from './helpers/fake-clock.mjs';
import { createFakeZaf, createMemoryStorage } from './helpers/fake-zaf.mjs';

const quiet = { warn() {} };

function fakeSession(script = () => ({})) {
  const events = [];
  return {
    events,
    closed: false,
    types: () => events.map((e) => e.type),
    dispatch(event) {
      events.push(structuredClone(event));
      const answer = script(event, events.length) ?? {};
      return {
        view: answer.view ?? { screen: 'main', seq: events.length, last: event.type },
        effects: answer.effects ?? [],
      };
    },
    close() {
      this.closed = true;
    },
  };
}

function fakeView() {
  const rendered = [];
  const factory = (root, { onEvent }) => {
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
    start(emit) {
      this.emit = emit;
      calls.push('start');
    },
    stop() {
      calls.push('stop');
    },
    hangUp(args) {
      calls.push(['hangUp', args]);
      return Promise.resolve();
    },
  };
}

/** One agent's browser: shared storage, a BroadcastChannel hub and a clock; tabs start in it. */
function createBrowser() {
  const clock = createFakeClock();
  const storage = createMemoryStorage();
  const endpoints = new Set();

  function openChannel() {
    const listeners = new Set();
    const endpoint = { deliver: (msg) => [...listeners].forEach((fn) => fn(structuredClone(msg))) };
    endpoints.add(endpoint);
    return {
      posted: [],
      post(msg) {
        this.posted.push(structuredClone(msg));
        for (const other of endpoints) if (other !== endpoint) queueMicrotask(() => other.deliver(msg));
      },
      subscribe(fn) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
      close() {
        endpoints.delete(endpoint);
      },
    };
  }

  const settle = async () => {
    for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
  };

  async function openTab(tabId, { script } = {}) {
    const sessions = [];
    const view = fakeView();
    const zaf = createFakeZaf();
    const connector = fakeConnector();
    const channel = openChannel();
    const commandLog = [];
    // A tab's timers; a killed tab's never fire again.
    let dead = false;
    const timers = {
      setTimeout: (fn, ms) => clock.setTimeout(() => dead || fn(), ms),
      clearTimeout: (id) => clock.clearTimeout(id),
    };
    const starting = startTopBar({
      client: zaf,
      createModule: async () => ({}),
      connector,
      root: {},
      storage,
      dictionaries: {},
      createView: view,
      createTranslator: () => (k) => k,
      telephonyCommands: { hangUp: 'hangUp' },
      createSession: () => {
        const s = fakeSession(script);
        sessions.push(s);
        return s;
      },
      tabs: ({ agentId }) => ({
        channel,
        lease: createWriterLease({ agentId, tabId, storage, channel, timers, now: clock.now, log: quiet }),
      }),
      leaderCommands: { simulator: (payload) => commandLog.push([tabId, payload]) },
      now: clock.now,
      timers,
      log: quiet,
    });
    // The lease takes SETTLE_MS to confirm a claim: move the clock while the tab starts.
    await settle();
    await clock.advance(SETTLE_MS + 1);
    const handle = await starting;
    await settle();
    /** The tab is killed: no pagehide, no timer, no message ever again. */
    const kill = () => {
      dead = true;
      channel.close();
    };
    return {
      id: tabId,
      handle,
      sessions,
      view,
      zaf,
      connector,
      channel,
      commandLog,
      kill,
      session: () => sessions.at(-1),
    };
  }

  return {
    clock,
    storage,
    openTab,
    openChannel,
    settle,
    lease: () => JSON.parse(storage.map.get(leaseKey(5)) ?? 'null'),
  };
}

// What the core asked of Zendesk: the writer's own listing of the ticket fields when it started (D355) left out.
const coreRequests = (zaf) => zaf.calls('request').filter((r) => !String(r.url).startsWith('/api/v2/ticket_fields'));

test('one tab leads (core, connector), the other follows: no core, no connector, no request; it mirrors the view', async () => {
  const b = createBrowser();
  const a = await b.openTab('A');
  const f = await b.openTab('B');
  assert.equal(a.handle.role(), 'leader');
  assert.equal(f.handle.role(), 'follower');
  assert.deepEqual(a.session().types(), ['appRegistered']);
  assert.deepEqual(a.connector.calls, ['start']);
  assert.equal(f.sessions.length, 0, 'no core session in the follower');
  assert.deepEqual(f.connector.calls, [], 'no connector in the follower');
  assert.deepEqual(f.zaf.calls('request'), []);

  // The follower asked for the current view and draws it, marked as a follower's.
  assert.deepEqual(a.view.rendered.at(-1), {
    screen: 'main',
    seq: 1,
    last: 'appRegistered',
    writer: { role: 'leader' },
  });
  assert.deepEqual(f.view.rendered.at(-1), {
    screen: 'main',
    seq: 1,
    last: 'appRegistered',
    writer: { role: 'follower' },
  });
  assert.equal(f.view.rendered[0].ready, false, 'before the first view arrives: an empty one');
  assert.deepEqual(f.handle.view().writer, { role: 'follower' });

  // Every later view of the leader reaches the follower.
  await a.handle.dispatch({ type: 'openDialPad' });
  await b.settle();
  assert.equal(f.view.rendered.at(-1).last, 'openDialPad');
});

test('the follower forwards view events and ZAF events to the leader, which stamps them with its clock', async () => {
  const b = createBrowser();
  const a = await b.openTab('A');
  const f = await b.openTab('B');
  b.clock.advance(0);
  f.view.onEvent({ type: 'noteChanged', text: 'call back after 5' });
  f.zaf.fire('voice.dialout', { number: '+15551234567', userId: 300, ticketId: 42 });
  f.zaf.fire('adapter.callMenu', { ticketId: 42, number: null });
  f.zaf.fire('pane.activated');
  await b.settle();
  assert.deepEqual(a.session().events.slice(1), [
    { type: 'noteChanged', text: 'call back after 5', nowMs: b.clock.now() },
    { type: 'dialout', number: '+15551234567', userId: 300, ticketId: 42, nowMs: b.clock.now() },
    { type: 'callMenu', ticketId: 42, number: null, nowMs: b.clock.now() },
    { type: 'paneActivated', nowMs: b.clock.now() },
  ]);
  assert.equal(f.view.rendered.at(-1).last, 'paneActivated', 'and sees the result');
  assert.equal(f.sessions.length, 0);
});

test('leader commands (the sandbox simulator controls) run only in the tab that writes: never sent to, or taken from, another tab', async () => {
  const b = createBrowser();
  const a = await b.openTab('A');
  const f = await b.openTab('B');
  f.handle.command('simulator', { command: 'ringInbound', args: [{ callId: 'c1' }] });
  a.handle.command('simulator', { command: 'goOffline', args: [] });
  await b.settle();
  assert.deepEqual(a.commandLog, [['A', { command: 'goOffline', args: [] }]]);
  assert.deepEqual(f.commandLog, []);
  assert.equal(f.channel.posted.filter((m) => m.type === 'command').length, 0, 'the follower sent none');
});

// Tab channel as an attack surface: any script on the app's origin can post on the agent's channel.
test('a hostile tab: only agent actions of the closed set reach the writer; the rest is dropped and counted, never dispatched', async () => {
  const b = createBrowser();
  const a = await b.openTab('A');
  await b.openTab('B');
  const hostile = b.openChannel();
  const to = 'A';
  const refused = [
    // what only the writer's own I/O produces
    { type: 'event', to, event: { type: 'callRinging', callId: 'x1', ani: '+15550001' } },
    { type: 'event', to, event: { type: 'callConnected', callId: 'x1' } },
    { type: 'event', to, event: { type: 'connectorState', state: 'online' } },
    { type: 'event', to, event: { type: 'httpResponse', requestId: 'r1', status: 200, body: {} } },
    { type: 'event', to, event: { type: 'tick' } },
    { type: 'event', to, event: { type: 'restore', state: { version: 1, writes: [] } } },
    { type: 'event', to, event: { type: 'appRegistered', settings: {}, agent: { id: 5 } } },
    { type: 'event', to, event: { type: 'telephonyFailed', callId: 'x1', command: 'dial', code: 'X' } },
    { type: 'event', to, event: { type: 'noSuchEvent' } },
    // agent actions, malformed
    { type: 'event', to, event: { type: 'noteChanged', text: 'x'.repeat(60_001) } },
    { type: 'event', to, event: { type: 'noteChanged', text: 7 } },
    { type: 'event', to, event: { type: 'callClicked', nowMs: 1 } },
    { type: 'event', to, event: { type: 'contactChosen', contactId: { id: 1 } } },
    { type: 'event', to, event: { type: 'dialout', number: '+1', userId: -1, ticketId: null } },
    { type: 'event', to, event: 'callClicked' },
    { type: 'event', to, event: null },
    // commands and unknown messages
    { type: 'command', to, name: 'simulator', payload: { command: 'ringInbound', args: [{ callId: 'x2' }] } },
    { type: 'command', to, name: '__proto__', payload: null },
    { type: 'effects', to, effects: [{ type: 'request', id: 'r9', method: 'DELETE', url: '/api/v2/tickets/1.json' }] },
  ];
  for (const msg of refused) hostile.post(msg);
  await b.settle();
  assert.deepEqual(a.session().types(), ['appRegistered'], 'none reached the core');
  assert.deepEqual(a.commandLog, [], 'no command ran');
  assert.deepEqual(coreRequests(a.zaf), [], 'no Zendesk request');
  assert.deepEqual(a.handle.droppedTabMessages(), {
    'not-an-agent-action': 9,
    'bad-value': 4,
    'unknown-field': 1,
    'not-an-event': 2,
    command: 2,
    'unknown-message': 1,
  });

  // An agent action of the closed set goes through, as a fresh object with its known fields only.
  hostile.post({ type: 'event', to, event: { type: 'noteChanged', text: 'typed in another tab' } });
  await b.settle();
  assert.deepEqual(a.session().events.at(-1), {
    type: 'noteChanged',
    text: 'typed in another tab',
    nowMs: b.clock.now(),
  });
});

// FO-5c: the ticket sidebar's numbers come from the writer's core. ZAF delivers instance events only within one
// Zendesk tab, so an answer for a sidebar of another tab goes through the tab channel to the tab it asked from.
const answerNumbers = (e) =>
  e.type === 'requesterNumbersWanted'
    ? {
        effects: [
          {
            type: 'sidebarNumbers',
            to: e.replyTo,
            ticketId: e.ticketId,
            requesterId: e.requesterId,
            numbers: ['+49 30 1234'],
            state: 'loaded',
          },
        ],
      }
    : {};
const sidebarAnswers = (zaf) =>
  zaf
    .calls('trigger')
    .filter((c) => c.name === 'adapter.sidebarNumbers')
    .map((c) => [c.instanceGuid, c.data]);

test("FO-5c: a follower tab's sidebar asks; the writer's core answers and the follower hands the numbers to that sidebar", async () => {
  const b = createBrowser();
  const a = await b.openTab('A', { script: answerNumbers });
  const f = await b.openTab('B');
  f.zaf.fire('adapter.requesterNumbersWanted', { ticketId: 42, requesterId: 300, replyTo: 'side-B' });
  await b.settle();
  await a.handle.idle();
  await b.settle();
  assert.deepEqual(a.session().events.at(-1), {
    type: 'requesterNumbersWanted',
    ticketId: 42,
    requesterId: 300,
    replyTo: 'side-B',
    nowMs: b.clock.now(),
  });
  const answer = { ticketId: 42, requesterId: 300, numbers: ['+49 30 1234'], state: 'loaded' };
  assert.deepEqual(sidebarAnswers(f.zaf), [['side-B', answer]]);
  assert.deepEqual(sidebarAnswers(a.zaf), [], "the writer's tab has no such sidebar");
  assert.equal(f.sessions.length, 0, 'the follower asked no core of its own');
  assert.deepEqual(f.zaf.calls('request'), []);

  // The writer's own sidebar is answered in its tab; nothing goes on the channel for it.
  const posted = a.channel.posted.length;
  a.zaf.fire('adapter.requesterNumbersWanted', { ticketId: 42, requesterId: 300, replyTo: 'side-A' });
  await b.settle();
  await a.handle.idle();
  assert.deepEqual(sidebarAnswers(a.zaf), [['side-A', answer]]);
  assert.equal(a.channel.posted.slice(posted).filter((m) => m.type === 'sidebarNumbers').length, 0);
});

test('a sidebarNumbers message from the channel reaches only a sidebar of this tab that asked, and only well formed', async () => {
  const b = createBrowser();
  await b.openTab('A'); // the writer: its core does not answer here, the hostile channel does
  const f = await b.openTab('B');
  f.zaf.fire('adapter.requesterNumbersWanted', { ticketId: 42, requesterId: 300, replyTo: 'side-B' });
  await b.settle();
  const hostile = b.openChannel();
  const base = { type: 'sidebarNumbers', to: 'side-B', ticketId: 42, requesterId: 300, state: 'loaded' };
  hostile.post({ ...base, numbers: [{ toString: 1 }] });
  hostile.post({ ...base, numbers: ['+1'], state: 'maybe' });
  hostile.post({ ...base, numbers: Array(51).fill('+1') });
  hostile.post({ ...base, to: 'side-elsewhere', numbers: ['+1 555 0100'] });
  await b.settle();
  assert.deepEqual(sidebarAnswers(f.zaf), [], 'nothing malformed, nothing for a sidebar that did not ask here');
  assert.deepEqual(f.handle.droppedTabMessages(), { 'bad-value': 3 });
  hostile.post({ ...base, numbers: ['+1 555 0100'], extra: 'ignored' });
  hostile.post({ ...base, numbers: ['+1 555 0199'] });
  await b.settle();
  assert.deepEqual(
    sidebarAnswers(f.zaf),
    [['side-B', { ticketId: 42, requesterId: 300, numbers: ['+1 555 0100'], state: 'loaded' }]],
    'once: a sidebar asks for one answer',
  );
});

test('takeover: the leader goes; the follower creates the core, restores the snapshot, registers, starts the connector', async () => {
  const b = createBrowser();
  const snapshot = { version: 1, calls: [{ id: 'c1', note: 'n' }] };
  const a = await b.openTab('A', {
    script: (e) => (e.type === 'noteChanged' ? { effects: [{ type: 'persist', state: snapshot }] } : {}),
  });
  const f = await b.openTab('B');
  await a.handle.dispatch({ type: 'noteChanged', text: 'n' });
  assert.deepEqual(JSON.parse(b.storage.map.get(stateKey(5))), snapshotEnvelope(snapshot, 5));

  a.handle.stop(); // pagehide: released
  assert.equal(a.session().closed, true);
  assert.deepEqual(a.connector.calls, ['start', 'stop']);
  // What the agent does in the gap waits for the next writer.
  f.view.onEvent({ type: 'holdClicked' });
  await b.settle();
  await b.clock.advance(SETTLE_MS + 1);
  await b.settle();
  assert.equal(f.handle.role(), 'leader');
  assert.deepEqual(f.session().types(), ['restore', 'appRegistered', 'holdClicked']);
  assert.deepEqual(f.session().events[0].state, snapshot);
  assert.deepEqual(f.connector.calls, ['start']);
  assert.deepEqual(f.view.rendered.at(-1).writer, { role: 'leader' });
  assert.equal(b.lease().owner, 'B');
  assert.equal(b.lease().epoch, 2);
  // While it claimed, the view said so.
  assert.ok(f.view.rendered.some((v) => v.writer?.takingOver === true));
});

test('takeover after a silent death: the lease expires, the follower takes over within ~8 s', async () => {
  const b = createBrowser();
  const a = await b.openTab('A');
  const f = await b.openTab('B');
  a.kill(); // no pagehide, no more renewals
  const started = b.clock.now();
  for (let i = 0; i < 100 && f.handle.role() !== 'leader'; i++) {
    await b.clock.advance(100);
    await b.settle();
  }
  assert.equal(f.handle.role(), 'leader');
  assert.ok(b.clock.now() - started <= 8200, `took ${b.clock.now() - started} ms`);
});

test('fencing in the loop: a leader whose lease was taken performs no outside effect and becomes a follower', async () => {
  const b = createBrowser();
  const a = await b.openTab('A', {
    script: (e) =>
      e.type === 'callClicked'
        ? {
            effects: [
              { type: 'request', id: 'r1', method: 'POST', url: '/api/v2/tickets.json', body: {} },
              { type: 'telephony', command: 'hangUp', callId: 'c1' },
            ],
          }
        : {},
  });
  // Another tab took over while this one was frozen.
  b.storage.map.set(leaseKey(5), JSON.stringify({ owner: 'X', epoch: 7, expiresAtMs: b.clock.now() + 6000 }));
  await a.handle.dispatch({ type: 'callClicked' });
  await b.settle();
  assert.deepEqual(coreRequests(a.zaf), [], 'no request');
  assert.deepEqual(a.connector.calls, ['start', 'stop'], 'no telephony command; the connector stopped');
  assert.equal(a.session().closed, true);
  assert.equal(a.handle.role(), 'follower');
  assert.deepEqual(a.view.rendered.at(-1).writer, { role: 'follower' });
  // What it does next goes to the writer X over the channel.
  a.view.onEvent({ type: 'muteClicked' });
  assert.deepEqual(a.channel.posted.at(-1), { type: 'event', to: 'X', event: { type: 'muteClicked' } });
});

test('views of an older writer never replace a newer one', async () => {
  const b = createBrowser();
  const a = await b.openTab('A');
  const f = await b.openTab('B');
  const before = f.view.rendered.length;
  a.channel.post({ type: 'view', epoch: 0, view: { screen: 'call', stale: true } });
  await b.settle();
  assert.equal(f.view.rendered.length, before);
  assert.notEqual(f.handle.view().screen, 'call');
});

test('alone (no tabs given) the app always writes and its view has no writer field', async () => {
  const view = fakeView();
  const session = fakeSession();
  const handle = await startTopBar({
    client: createFakeZaf(),
    createModule: async () => ({}),
    connector: fakeConnector(),
    root: {},
    storage: createMemoryStorage(),
    dictionaries: {},
    createView: view,
    createTranslator: () => (k) => k,
    telephonyCommands: {},
    createSession: () => session,
    log: quiet,
  });
  assert.equal(handle.role(), 'leader');
  assert.equal('writer' in view.rendered.at(-1), false);
  const ran = [];
  handle.command('nothing', 1);
  assert.deepEqual(ran, []);
  handle.stop();
});

test('the tab channel (BroadcastChannel): other tabs hear a post, the sender does not; malformed messages are dropped', async () => {
  const { openTabChannel, channelName } = await import('../../js-shim/app/tab-channel.js');
  const name = channelName(`test-${process.pid}`);
  const a = openTabChannel(name, { log: quiet });
  const b = openTabChannel(name, { log: quiet });
  const heardA = [];
  const heardB = [];
  a.subscribe((m) => heardA.push(m));
  b.subscribe((m) => heardB.push(m));
  b.subscribe(() => {
    throw new Error('a failing listener does not stop the others');
  });
  a.post({ type: 'hello' });
  a.post('not an object');
  a.post({ no: 'type' });
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(heardB, [{ type: 'hello' }]);
  assert.deepEqual(heardA, []);
  a.close();
  b.close();
  a.post({ type: 'after close' }); // ignored, no throw
  const none = openTabChannel(name, { BroadcastChannel: null }); // a browser without it
  none.post({ type: 'x' });
  assert.equal(typeof none.subscribe(() => {}), 'function');
});
