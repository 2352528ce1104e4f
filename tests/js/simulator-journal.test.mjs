// The simulator journal (js-shim/telephony/simulator/journal.js): the simulated contact center keeps its live calls
// when the writing tab reloads or another tab takes over, as a real backend would; the core (which restored the
// calls from its snapshot) hears nothing new from the takeover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journalSimulator, JOURNAL_KEY } from '../../js-shim/telephony/simulator/journal.js';
import { playSimulatorControl } from '../../js-shim/telephony/simulator/controls.js';
import { createSimulatorConnector } from '../../js-shim/telephony/simulator/connector.js';
import { createFakeClock } from './helpers/fake-clock.mjs';
import { createMemoryStorage } from './helpers/fake-zaf.mjs';

const quiet = { warn() {} };
const flush = () => new Promise((r) => setImmediate(r));

/** One tab's simulator, journaled, started; `events` is what the core would hear. */
async function tab(storage, clock) {
  const simulator = createSimulatorConnector({ clock });
  const journal = journalSimulator(simulator, { storage, log: quiet });
  const events = [];
  await journal.connector.start((e) => events.push(e));
  await flush();
  return {
    simulator,
    journal,
    connector: journal.connector,
    events,
    types: () => events.map((e) => `${e.type}${e.callId ? ` ${e.callId}` : ''}`),
  };
}

test('an answered inbound call survives the tab: the next simulator has it connected, the core hears nothing new', async () => {
  const storage = createMemoryStorage();
  const clock = createFakeClock();
  const first = await tab(storage, clock);
  first.simulator.ringInbound({
    callId: 'c1',
    ani: '+4930555',
    dnis: '100',
    sessionType: 'ivr',
    menuPath: 'Main',
    queue: { id: 'q', name: 'Q' },
    language: 'de',
    attributes: { vip: true },
  });
  await flush();
  await first.connector.answer({ callId: 'c1' });
  await flush();
  assert.deepEqual(first.types(), ['connectorState', 'callRinging c1', 'callConnected c1']);
  assert.equal(JSON.parse(storage.map.get(JOURNAL_KEY)).calls.c1.state, 'connected');

  await first.connector.stop(); // the tab reloads
  const second = await tab(storage, clock);
  assert.deepEqual(second.types(), ['connectorState'], 'no ringing, no connected: the core has the call already');
  const [call] = second.simulator.calls();
  assert.equal(call.callId, 'c1');
  assert.equal(call.state, 'connected');
  assert.equal(call.ani, '+4930555');
  assert.deepEqual(call.attributes, { vip: true });

  // The agent hangs up after the reload: the call ends, and the journal forgets it.
  await second.connector.hangUp({ callId: 'c1' });
  await flush();
  assert.equal(second.events.at(-1).type, 'callEnded');
  assert.equal(second.events.at(-1).reason, 'completed');
  assert.deepEqual(JSON.parse(storage.map.get(JOURNAL_KEY)).calls, {});
});

test('a ringing inbound call rings on in the next tab; a connected outbound call is connected there at once', async () => {
  const storage = createMemoryStorage();
  const clock = createFakeClock();
  const first = await tab(storage, clock);
  first.simulator.ringInbound({
    callId: 'in1',
    ani: '+1',
    dnis: '',
    sessionType: 'ivr',
    menuPath: '',
    queue: null,
    language: '',
    attributes: {},
  });
  await first.connector.dial({ callId: 'out1', number: '+4930123' });
  await clock.advance(3000); // the callee answers
  await flush();
  assert.ok(first.types().includes('callConnected out1'));
  await first.connector.stop();

  const second = await tab(storage, clock);
  await clock.advance(10);
  await flush();
  assert.deepEqual(second.types(), ['connectorState'], 'neither callRinging nor callDialing/callConnected again');
  const states = Object.fromEntries(second.simulator.calls().map((c) => [c.callId, c.state]));
  assert.deepEqual(states, { in1: 'ringing', out1: 'connected' });
  // Later events are news again.
  await second.connector.answer({ callId: 'in1' });
  await flush();
  assert.equal(second.types().at(-1), 'callConnected in1');
});

test('the answer behaviour set through the sandbox control is kept for the next tab', async () => {
  const storage = createMemoryStorage();
  const clock = createFakeClock();
  const first = await tab(storage, clock);
  playSimulatorControl(
    first.simulator,
    { command: 'setAnswerBehaviour', args: [{ answerAfterMs: 0, noAnswer: true }] },
    { setAnswerBehaviour: first.journal.setAnswerBehaviour, log: quiet },
  );
  await first.connector.stop();
  const second = await tab(storage, clock);
  await second.connector.dial({ callId: 'o2', number: '+4930123' });
  await clock.advance(60_000);
  await flush();
  assert.equal(second.events.at(-1).type, 'callEnded');
  assert.equal(second.events.at(-1).reason, 'no_answer');
});

test('controls naming no call act on the newest live call; unknown controls are ignored', async () => {
  const storage = createMemoryStorage();
  const clock = createFakeClock();
  const t = await tab(storage, clock);
  playSimulatorControl(t.simulator, { command: 'ringInbound', args: [{ callId: 'a', ani: '+1' }] }, { log: quiet });
  playSimulatorControl(t.simulator, { command: 'ringInbound', args: [{ callId: 'b', ani: '+2' }] }, { log: quiet });
  playSimulatorControl(t.simulator, { command: 'remoteHangUp', args: [null] }, { log: quiet });
  playSimulatorControl(t.simulator, { command: 'start', args: [] }, { log: quiet });
  await flush();
  assert.deepEqual(t.types(), ['connectorState', 'callRinging a', 'callRinging b', 'callEnded b']);
});

test('hold and mute survive the tab (the core keeps them too): the call is held and muted again, silently', async () => {
  const storage = createMemoryStorage();
  const clock = createFakeClock();
  const first = await tab(storage, clock);
  first.simulator.ringInbound({ callId: 'h1', ani: '+4930555' });
  await first.connector.answer({ callId: 'h1' });
  await first.connector.hold({ callId: 'h1' });
  await first.connector.mute({ callId: 'h1' });
  await first.connector.dial({ callId: 'o1', number: '+4930123' });
  await clock.advance(3000);
  await first.connector.hold({ callId: 'o1' });
  await flush();
  await first.connector.stop();

  const second = await tab(storage, clock);
  await clock.advance(10);
  await flush();
  assert.deepEqual(second.types(), ['connectorState'], 'nothing is news to the core');
  const calls = Object.fromEntries(second.simulator.calls().map((c) => [c.callId, c]));
  assert.deepEqual([calls.h1.state, calls.h1.held, calls.h1.muted], ['connected', true, true]);
  assert.deepEqual([calls.o1.state, calls.o1.held, calls.o1.muted], ['connected', true, false]);
  // Resuming after the reload is news: the core hears the hold end.
  await second.connector.resume({ callId: 'h1' });
  await flush();
  assert.deepEqual(second.events.at(-1), { type: 'callHoldChanged', callId: 'h1', held: false });
});

// A tab on an answered call c1 that has just placed a consult leg to agent 6 (D431's journal tests).
async function consultingInFirstTab() {
  const storage = createMemoryStorage();
  const clock = createFakeClock();
  const first = await tab(storage, clock);
  first.simulator.ringInbound({ callId: 'c1', ani: '+1' });
  await flush();
  await first.connector.answer({ callId: 'c1' });
  await first.connector.consult({ callId: 'c1', target: '6' });
  return { storage, clock, first };
}

test('D431 a consult leg on the line survives the tab: placed again in the next simulator, the core hears nothing new; Complete works there', async () => {
  const { storage, clock, first } = await consultingInFirstTab();
  await clock.advance(3000); // the target answers
  await flush();
  assert.deepEqual(first.connector.consults(), ['c1']);
  assert.deepEqual(JSON.parse(storage.map.get(JOURNAL_KEY)).calls.c1.consult, { target: '6', state: 'connected' });

  await first.connector.stop(); // the tab reloads
  const second = await tab(storage, clock);
  assert.deepEqual(second.connector.consults(), ['c1'], 'the journal says the leg is kept: the core keeps showing it');
  await clock.advance(0);
  await flush();
  assert.deepEqual(second.types(), ['connectorState'], 'no ring, no hold, no consult events: the core has them');
  assert.deepEqual(second.simulator.calls()[0].consult, { target: '6', state: 'connected' });
  await second.connector.completeTransfer({ callId: 'c1' });
  await flush();
  assert.equal(second.events.at(-1).type, 'callTransferred');
  assert.deepEqual(second.connector.consults(), []);
});

test('D431 a consult leg that ended is not taken up; a conference is not rebuilt and reads as ended', async () => {
  const { storage, clock, first } = await consultingInFirstTab();
  first.simulator.consultHangsUp('c1');
  await flush();
  assert.deepEqual(first.connector.consults(), []);
  await first.connector.consult({ callId: 'c1', target: '7' });
  await clock.advance(3000);
  await first.connector.conference({ callId: 'c1' });
  await flush();
  await first.connector.stop();
  const second = await tab(storage, clock);
  assert.deepEqual(second.connector.consults(), []);
  assert.equal(second.simulator.calls()[0].consult, null);
});
