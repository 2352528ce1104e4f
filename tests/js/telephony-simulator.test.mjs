// The simulator connector plays calls as docs/telephony.md says, with a fake clock so every second is exact.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createSimulatorConnector } from '../../js-shim/telephony/simulator/connector.js';
import {
  assertConnector,
  TELEPHONY_COMMANDS,
  TELEPHONY_EVENTS,
  TelephonyError,
} from '../../js-shim/telephony/connector.js';

// A clock whose time moves only when the test says so; timers fire in time order.
function fakeClock(startMs = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let nowMs = startMs;
  let seq = 0;
  const timers = new Map();
  return {
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: nowMs + ms, fn });
      return seq;
    },
    clearTimeout: (id) => void timers.delete(id),
    now: () => nowMs,
    tick(ms) {
      const until = nowMs + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= until).sort(([ia, a], [ib, b]) => a.at - b.at || ia - ib)[0];
        if (!due) break;
        timers.delete(due[0]);
        nowMs = due[1].at;
        due[1].fn();
      }
      nowMs = until;
    },
    pending: () => timers.size,
  };
}

// Events are delivered on a microtask; a macrotask turn lets all of them through.
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function startSimulator(options = {}) {
  const clock = fakeClock();
  const sim = createSimulatorConnector({ clock, ...options });
  const events = [];
  await sim.start((event) => events.push(event));
  await settle();
  assert.deepEqual(events.splice(0), [{ type: 'connectorState', state: 'online' }]);
  return {
    clock,
    sim,
    events,
    async advance(ms) {
      clock.tick(ms);
      await settle();
    },
    take() {
      assertProtocol(events);
      return events.splice(0);
    },
  };
}

// Every event is one of docs/adapter-protocol.md's telephony events, with exactly its fields and no nowMs.
function assertProtocol(events) {
  for (const event of events) {
    const fields = TELEPHONY_EVENTS[event.type];
    assert.ok(fields, `unknown event type ${event.type}`);
    assert.deepEqual(Object.keys(event).sort(), ['type', ...fields].sort(), event.type);
  }
}

const ended = (events) => events.filter((e) => e.type === 'callEnded');

async function connectedOutbound(t, callId = 'out-5-1') {
  await t.sim.dial({ callId, number: '+12125550142' });
  await t.advance(3000);
  assert.deepEqual(t.take(), [
    { type: 'callDialing', callId, line: '+18005550100' },
    { type: 'callConnected', callId },
  ]);
}

test('SF-2 / TR-11: outbound dial → connected → hold 5 s → resume → hang up: one callEnded with durations and an https recording', async () => {
  const t = await startSimulator();
  const dialed = t.sim.dial({ callId: 'out-5-1', number: '+12125550142', extension: '89' });
  assert.deepEqual(t.events, [], 'events never arrive inside the command call');
  await dialed;
  await settle();
  // callDialing at once, with the line the call goes out on (D391: TPE's call record names it as from_line)
  assert.deepEqual(t.take(), [{ type: 'callDialing', callId: 'out-5-1', line: '+18005550100' }], 'callDialing at once');
  await t.advance(2999);
  assert.deepEqual(t.take(), []);
  await t.advance(1);
  assert.deepEqual(t.take(), [{ type: 'callConnected', callId: 'out-5-1' }], 'callee answers after answerAfterMs');

  await t.advance(10_000);
  await t.sim.hold({ callId: 'out-5-1' });
  await t.advance(5_000);
  await t.sim.resume({ callId: 'out-5-1' });
  await t.advance(20_000);
  await t.sim.hangUp({ callId: 'out-5-1' });
  await t.advance(600_000);

  assert.deepEqual(t.take(), [
    { type: 'callHoldChanged', callId: 'out-5-1', held: true },
    { type: 'callHoldChanged', callId: 'out-5-1', held: false },
    {
      type: 'callEnded',
      callId: 'out-5-1',
      reason: 'completed',
      durationSec: 35, // 10 talking + 5 held + 20 talking: hold is included
      waitSec: 3,
      holdSec: 5,
      recordingUrl: 'https://recordings.example.com/sim/out-5-1.mp3',
      recordingBytes: 35 * 16000,
    },
  ]);
  assert.equal(t.clock.pending(), 0, 'no timer left behind');
  await assert.rejects(t.sim.hangUp({ callId: 'out-5-1' }), { code: 'CALL_ENDED' });
  await t.advance(1000);
  assert.deepEqual(t.take(), [], 'callEnded exactly once');
});

test('SF-2: hold periods are summed, and a hold still running at hang-up counts', async () => {
  const t = await startSimulator();
  await connectedOutbound(t);
  for (const ms of [2000, 3000]) {
    await t.sim.hold({ callId: 'out-5-1' });
    await t.advance(ms);
    await t.sim.resume({ callId: 'out-5-1' });
    await t.advance(1000);
  }
  await t.sim.hold({ callId: 'out-5-1' });
  await t.sim.hold({ callId: 'out-5-1' }); // already held: no second event
  await t.advance(4000);
  await t.sim.hangUp({ callId: 'out-5-1' });
  await settle();
  const events = t.take();
  assert.equal(events.filter((e) => e.type === 'callHoldChanged').length, 5);
  assert.deepEqual(
    ended(events).map(({ durationSec, holdSec }) => ({ durationSec, holdSec })),
    [{ durationSec: 11, holdSec: 9 }],
  );
});

test('no answer: the callee never answers → callEnded no_answer after the timeout, no recording', async () => {
  const t = await startSimulator({ noAnswerAfterMs: 30_000 });
  t.sim.setAnswerBehaviour({ noAnswer: true });
  await t.sim.dial({ callId: 'out-5-2', number: '+12125550142' });
  await t.advance(29_999);
  assert.deepEqual(t.take(), [{ type: 'callDialing', callId: 'out-5-2', line: '+18005550100' }]);
  await t.advance(1);
  assert.deepEqual(t.take(), [
    {
      type: 'callEnded',
      callId: 'out-5-2',
      reason: 'no_answer',
      durationSec: 0,
      waitSec: 30,
      holdSec: 0,
      recordingUrl: null,
      recordingBytes: 0,
    },
  ]);
  t.sim.setAnswerBehaviour({ noAnswer: false, answerAfterMs: 500 });
  await t.sim.dial({ callId: 'out-5-3', number: '+12125550142' });
  await t.advance(500);
  assert.deepEqual(
    t.take().map((e) => e.type),
    ['callDialing', 'callConnected'],
  );
});

test('the agent hangs up while dialing → no_answer, no recording', async () => {
  const t = await startSimulator();
  await t.sim.dial({ callId: 'out-5-4', number: '+12125550142' });
  await t.advance(1500);
  await t.sim.hangUp({ callId: 'out-5-4' });
  await t.advance(10_000);
  const [dialing, end, ...rest] = t.take();
  assert.equal(dialing.type, 'callDialing');
  assert.deepEqual(rest, [], 'the callee no longer answers a cancelled call');
  assert.deepEqual([end.reason, end.waitSec, end.recordingUrl], ['no_answer', 2, null]);
});

test('inbound: ring with the caller data → answer → the caller hangs up', async () => {
  const t = await startSimulator();
  const callId = t.sim.ringInbound({
    ani: '+15135557611',
    dnis: '+18005550100',
    menuPath: 'Support > Billing',
    queue: { id: 'q-billing', name: 'Billing' },
    language: 'en-US',
    attributes: { reserved_repeat_customer: true },
  });
  await t.advance(4000);
  assert.deepEqual(t.take(), [
    {
      type: 'callRinging',
      callId,
      ani: '+15135557611',
      dnis: '+18005550100',
      sessionType: 'ivr',
      menuPath: 'Support > Billing',
      queue: { id: 'q-billing', name: 'Billing' },
      language: 'en-US',
      attributes: { reserved_repeat_customer: true },
    },
  ]);
  await t.sim.answer({ callId });
  await t.advance(60_000);
  t.sim.remoteHangUp(callId);
  await settle();
  assert.deepEqual(t.take(), [
    { type: 'callConnected', callId },
    {
      type: 'callEnded',
      callId,
      reason: 'completed',
      durationSec: 60,
      waitSec: 4,
      holdSec: 0,
      recordingUrl: `https://recordings.example.com/sim/${callId}.mp3`,
      recordingBytes: 60 * 16000,
    },
  ]);
  assert.deepEqual(
    t.sim.calls().map(({ callId: id, direction, state, endReason }) => ({ id, direction, state, endReason })),
    [{ id: callId, direction: 'inbound', state: 'ended', endReason: 'completed' }],
  );
});

test("an integer call id from the backend is still found when the core's commands name it as a string", async () => {
  const t = await startSimulator();
  t.sim.ringInbound({ ani: '+15135557611', callId: 7001 });
  await t.sim.answer({ callId: '7001' });
  await settle();
  assert.deepEqual(t.take().at(-1), { type: 'callConnected', callId: 7001 });
  assert.throws(() => t.sim.ringInbound({ ani: '+1', callId: '7001' }), /already in use/);
});

test('TR-6 abandoned: the caller gives up while ringing → abandoned with waitSec and no recording', async () => {
  const t = await startSimulator();
  const callId = t.sim.ringInbound({ ani: '+15135557611' });
  await t.advance(12_000);
  t.sim.callerAbandons(callId);
  await settle();
  assert.deepEqual(ended(t.take()), [
    {
      type: 'callEnded',
      callId,
      reason: 'abandoned',
      durationSec: 0,
      waitSec: 12,
      holdSec: 0,
      recordingUrl: null,
      recordingBytes: 0,
    },
  ]);
  assert.throws(() => t.sim.callerAbandons(callId), { code: 'CALL_ENDED' });
});

test('TR-6 abandoned: the agent declines a ringing call → abandoned, never connected', async () => {
  const t = await startSimulator();
  const callId = t.sim.ringInbound({ ani: '+15135557611' });
  await t.advance(3000);
  await t.sim.decline({ callId });
  await settle();
  const events = t.take();
  assert.deepEqual(
    events.map((e) => e.type),
    ['callRinging', 'callEnded'],
  );
  assert.deepEqual([events[1].reason, events[1].waitSec, events[1].recordingUrl], ['abandoned', 3, null]);
});

test('TR-5 voicemail: the ringing caller leaves a message → callEnded voicemail with the message recording', async () => {
  const t = await startSimulator();
  const callId = t.sim.ringInbound({ ani: '+15135557611', sessionType: 'ivr' });
  await t.advance(8000);
  t.sim.sendToVoicemail(callId, { messageSec: 25 });
  await settle();
  assert.deepEqual(ended(t.take()), [
    {
      type: 'callEnded',
      callId,
      reason: 'voicemail',
      durationSec: 25, // the message: TPE voice_comment.call_duration
      waitSec: 8,
      holdSec: 0,
      recordingUrl: `https://recordings.example.com/sim/${callId}.mp3`,
      recordingBytes: 25 * 16000,
    },
  ]);
  // A voicemail session can also be offered to the agent as such.
  t.sim.ringInbound({ ani: '+15135557611', sessionType: 'voicemail', callId: 'vm-1' });
  await settle();
  assert.equal(t.take()[0].sessionType, 'voicemail');
  assert.throws(() => t.sim.ringInbound({ ani: '+1', sessionType: 'fax' }), /sessionType must be one of/);
});

test('PF-1 attributes: attributes arriving mid-call → callAttributes, merged in the snapshot', async () => {
  const t = await startSimulator();
  const callId = t.sim.ringInbound({ ani: '+15135557611', attributes: { reserved_verified_customer: true } });
  await t.sim.answer({ callId });
  const attributes = { reserved_bad_actor: true, bad_actor: 'yes' };
  t.sim.setAttributes(callId, attributes);
  attributes.reserved_bad_actor = false; // the caller's object is copied, not kept
  await settle();
  assert.deepEqual(t.take().slice(2), [
    { type: 'callAttributes', callId, attributes: { reserved_bad_actor: true, bad_actor: 'yes' } },
  ]);
  assert.deepEqual(t.sim.calls()[0].attributes, {
    reserved_verified_customer: true,
    reserved_bad_actor: true,
    bad_actor: 'yes',
  });
  assert.throws(() => t.sim.setAttributes(callId, ['not', 'an', 'object']), /attributes must be an object/);
});

test("TR-10/SF-2 transfer: callTransferred with the receiving agent and this agent's timings, then nothing more", async () => {
  const t = await startSimulator();
  await connectedOutbound(t);
  await t.advance(20_000);
  await t.sim.hold({ callId: 'out-5-1' });
  await t.advance(12_000);
  await t.sim.transfer({ callId: 'out-5-1', target: '42' });
  await t.advance(600_000);
  assert.deepEqual(t.take(), [
    { type: 'callHoldChanged', callId: 'out-5-1', held: true },
    // connected 32 s with the 12 s on hold (SF-2: hold included), 3 s dialing before the callee answered
    { type: 'callTransferred', callId: 'out-5-1', toAgentId: 42, durationSec: 32, waitSec: 3, holdSec: 12 },
  ]);
  await assert.rejects(t.sim.hangUp({ callId: 'out-5-1' }), { code: 'CALL_ENDED' });
  assert.throws(() => t.sim.remoteHangUp('out-5-1'), { code: 'CALL_ENDED' });
  await settle();
  assert.deepEqual(t.take(), [], 'no callEnded after a transfer');

  // A queue or an outside number is no Zendesk agent: toAgentId null (the core accepts only a positive id).
  const callId = t.sim.ringInbound({ ani: '+15135557611' });
  await t.sim.answer({ callId });
  await t.sim.transfer({ callId, target: 'queue-sales' });
  await settle();
  assert.deepEqual(t.take().at(-1), {
    type: 'callTransferred',
    callId,
    toAgentId: null,
    durationSec: 0,
    waitSec: 0,
    holdSec: 0,
  });
});

test('mute and unmute → callMuteChanged; repeating one is not news', async () => {
  const t = await startSimulator();
  await connectedOutbound(t);
  await t.sim.mute({ callId: 'out-5-1' });
  await t.sim.mute({ callId: 'out-5-1' });
  await t.sim.unmute({ callId: 'out-5-1' });
  await t.sim.sendDigits({ callId: 'out-5-1', digits: '89#' });
  await settle();
  assert.deepEqual(t.take(), [
    { type: 'callMuteChanged', callId: 'out-5-1', muted: true },
    { type: 'callMuteChanged', callId: 'out-5-1', muted: false },
  ]);
  assert.equal(t.sim.calls()[0].digits, '89#');
  await assert.rejects(t.sim.sendDigits({ callId: 'out-5-1', digits: '1; rm -rf' }), { code: 'BAD_ARGUMENT' });
});

test('commands on unknown, ended or wrong-state calls reject with a clear error and never throw', async () => {
  const t = await startSimulator();
  // Every command about a call (dial makes one; setStatus, the agent's status, names none).
  for (const method of Object.values(TELEPHONY_COMMANDS).filter((m) => m !== 'dial' && m !== 'setStatus')) {
    let answer;
    assert.doesNotThrow(() => {
      answer = t.sim[method]({ callId: 'nope', target: '42', digits: '1' });
    }, method);
    await assert.rejects(answer, (error) => {
      assert.ok(error instanceof TelephonyError, method);
      assert.equal(error.code, 'UNKNOWN_CALL');
      assert.match(error.message, /no call "nope"/);
      return true;
    });
  }
  for (const bad of [undefined, null, 'out-1']) {
    await assert.rejects(t.sim.hangUp(bad), { code: 'BAD_ARGUMENT' });
  }
  await t.sim.dial({ callId: 'out-5-9', number: '+12125550142' });
  await assert.rejects(t.sim.answer({ callId: 'out-5-9' }), {
    code: 'WRONG_STATE',
    message: /is dialing, not ringing/,
  });
  await assert.rejects(t.sim.hold({ callId: 'out-5-9' }), { code: 'WRONG_STATE' });
  await assert.rejects(t.sim.dial({ callId: 'out-5-9', number: '+1' }), {
    code: 'BAD_ARGUMENT',
    message: /already in use/,
  });
  await assert.rejects(t.sim.dial({ callId: '', number: '+1' }), { code: 'BAD_ARGUMENT' });
  await assert.rejects(t.sim.dial({ callId: 'out-5-10' }), { code: 'BAD_ARGUMENT', message: /needs a number/ });

  const idle = createSimulatorConnector({ clock: fakeClock() });
  await assert.rejects(idle.hangUp({ callId: 'x' }), { code: 'NOT_STARTED' });
});

test('a connector that lacks a method is named by assertConnector', () => {
  assert.equal(assertConnector(createSimulatorConnector({ clock: fakeClock() })).name, 'simulator');
  const noop = async () => {};
  const complete = { name: 'acme', start: noop, stop: noop };
  for (const method of Object.values(TELEPHONY_COMMANDS)) complete[method] = noop;
  assert.equal(assertConnector(complete), complete);
  const { resume, ...noResume } = complete;
  assert.throws(() => assertConnector(noResume), {
    name: 'TypeError',
    message: 'telephony connector "acme" is missing method resume()',
  });
  assert.throws(() => assertConnector({ ...complete, sendDigits: 'yes' }), /missing method sendDigits\(\)/);
  assert.throws(() => assertConnector({ ...complete, name: '' }), /has no name/);
  assert.throws(() => assertConnector(null), /must be an object, got null/);
});

test("callers' numbers and attributes are hostile data: passed on unchanged, never interpreted", async () => {
  const t = await startSimulator();
  const ani = '<img src=x onerror=alert(1)>"; DROP TABLE users; --';
  const attributes = JSON.parse('{"__proto__": {"polluted": true}, "reserved_bad_actor": "\\"><script>x</script>"}');
  const callId = t.sim.ringInbound({ ani, menuPath: '{{setting.telephonyToken}}', attributes });
  await settle();
  const [ringing] = t.take();
  assert.equal(ringing.ani, ani);
  assert.equal(ringing.menuPath, '{{setting.telephonyToken}}');
  assert.ok(Object.hasOwn(ringing.attributes, '__proto__'), '"__proto__" stays an ordinary key');
  assert.equal(Object.getPrototypeOf(ringing.attributes), Object.prototype);
  assert.equal({}.polluted, undefined);
  t.sim.setAttributes(callId, attributes);
  assert.equal(Object.getPrototypeOf(t.sim.calls()[0].attributes), Object.prototype);
  assert.equal(t.sim.calls()[0].ani, ani);

  // A hostile call id cannot reshape the recording URL.
  t.sim.ringInbound({ ani: '+1', callId: '../../evil?x=1#' });
  await t.sim.answer({ callId: '../../evil?x=1#' });
  t.sim.remoteHangUp('../../evil?x=1#');
  await settle();
  assert.equal(ended(t.take())[0].recordingUrl, 'https://recordings.example.com/sim/..%2F..%2Fevil%3Fx%3D1%23.mp3');
  assert.throws(() => t.sim.ringInbound({ ani: 15135557611 }), /ani must be a string/);
});

test('offline: connectorState offline, commands refused, what happens meanwhile arrives after online', async () => {
  const t = await startSimulator();
  await connectedOutbound(t);
  t.sim.goOffline();
  t.sim.goOffline(); // once is news, twice is not
  assert.equal(t.sim.online, false);
  await settle();
  assert.deepEqual(t.take(), [{ type: 'connectorState', state: 'offline' }]);
  await assert.rejects(t.sim.hold({ callId: 'out-5-1' }), { code: 'OFFLINE' });
  await t.advance(5000);
  t.sim.remoteHangUp('out-5-1');
  await settle();
  assert.deepEqual(t.take(), [], 'nothing reaches the adapter while offline');
  t.sim.goOnline();
  assert.equal(t.sim.online, true);
  await settle();
  const events = t.take();
  assert.deepEqual(
    events.map((e) => e.type),
    ['connectorState', 'callEnded'],
  );
  assert.equal(events[0].state, 'online');
  assert.equal(events[1].durationSec, 5);
});

test('delivery: in order, asynchronous, and one failing emit does not stop the rest', async () => {
  const clock = fakeClock();
  const errors = [];
  const sim = createSimulatorConnector({
    clock,
    onEmitError: (error, event) => errors.push([error.message, event.type]),
  });
  const seen = [];
  await sim.start((event) => {
    seen.push(event.type);
    if (event.type === 'callDialing') throw new Error('adapter refused');
  });
  await sim.dial({ callId: 'out-1', number: '+12125550142' });
  clock.tick(3000); // callConnected is queued behind callDialing even though no microtask ran in between
  await settle();
  assert.deepEqual(seen, ['connectorState', 'callDialing', 'callConnected']);
  assert.deepEqual(errors, [['adapter refused', 'callDialing']]);
  await sim.stop();
  assert.equal(clock.pending(), 0);
  await assert.rejects(sim.hangUp({ callId: 'out-1' }), { code: 'NOT_STARTED' });
});

test('TR-11: a recording base URL that is not https is refused at creation (D31)', () => {
  assert.throws(() => createSimulatorConnector({ recordingBaseUrl: 'http://recordings.example.com/' }), /https/);
});

test('D79: the demo in an installed app (recordingBaseUrl null) invents no recording link', async () => {
  const t = await startSimulator({ recordingBaseUrl: null });
  await t.sim.dial({ callId: 'out-5-1', number: '+14155550100' });
  await t.advance(3000);
  await t.advance(10_000);
  await t.sim.hangUp({ callId: 'out-5-1' });
  await t.advance(1000);
  const end = t.take().find((e) => e.type === 'callEnded');
  assert.deepEqual([end.reason, end.durationSec, end.recordingUrl, end.recordingBytes], ['completed', 10, null, 0]);
  assert.throws(() => createSimulatorConnector({ recordingBaseUrl: 'http://insecure/' }), TypeError);
});

test('D342 consult: the caller held, the target answers as a callee does; completed, the call leaves for the target with its timings', async () => {
  const t = await startSimulator();
  await connectedOutbound(t);
  await t.advance(10_000);
  await t.sim.consult({ callId: 'out-5-1', target: '6' });
  await assert.rejects(t.sim.completeTransfer({ callId: 'out-5-1' }), { code: 'WRONG_STATE' });
  await t.advance(3000);
  await t.sim.completeTransfer({ callId: 'out-5-1' });
  await t.advance(60_000);
  assert.deepEqual(t.take(), [
    { type: 'callHoldChanged', callId: 'out-5-1', held: true },
    { type: 'consultChanged', callId: 'out-5-1', state: 'dialing' },
    { type: 'consultChanged', callId: 'out-5-1', state: 'connected' },
    { type: 'callTransferred', callId: 'out-5-1', toAgentId: 6, durationSec: 13, waitSec: 3, holdSec: 3 },
  ]);
});

test('D342/D343 consult: cancelled (the caller back), a target who hangs up, and the conference', async () => {
  const t = await startSimulator({ answerAfterMs: 0 });
  const callId = t.sim.ringInbound({ ani: '+15135557611' });
  await t.sim.answer({ callId });
  await t.sim.consult({ callId, target: '7' });
  await t.advance(0);
  await t.sim.cancelConsult({ callId });
  await t.sim.consult({ callId, target: '8' });
  await t.advance(0);
  t.sim.consultHangsUp(callId);
  await t.sim.consult({ callId, target: '6' });
  await t.advance(0);
  await t.sim.conference({ callId });
  await settle();
  assert.deepEqual(
    t
      .take()
      .slice(2)
      .map((e) => [e.type, e.held ?? e.state]),
    [
      ['callHoldChanged', true],
      ['consultChanged', 'dialing'],
      ['consultChanged', 'connected'],
      ['consultChanged', 'ended'],
      ['callHoldChanged', false],
      ['callHoldChanged', true],
      ['consultChanged', 'dialing'],
      ['consultChanged', 'connected'],
      ['consultChanged', 'ended'],
      ['consultChanged', 'dialing'],
      ['consultChanged', 'connected'],
      ['callHoldChanged', false],
      ['consultChanged', 'conference'],
    ],
  );
  assert.equal(t.sim.calls()[0].consult.state, 'conference');
  const d = await t.sim.directory();
  assert.deepEqual(d.agents[0], { id: 6, name: 'Alex Rivera', availability: 'available' });
  assert.equal(d.consult && d.conference, true);
  t.sim.setDirectory({ agents: [{ id: 9, name: 'Kim', availability: 'offline' }] });
  assert.deepEqual((await t.sim.directory()).agents, [{ id: 9, name: 'Kim', availability: 'offline' }]);
  assert.throws(() => t.sim.setDirectory({ agents: [{ id: 9, name: 'Kim', availability: 'dnd' }] }), /availability/);
});
