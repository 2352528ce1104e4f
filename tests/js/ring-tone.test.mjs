// Issue 18 item 1 (D356): an incoming call rings in the simulator as in the sip connector — a WebAudio tone (no
// audio file), from the ring until the agent answers or declines or the caller gives up, and silent until a gesture
// on the page has unlocked audio (the browser's autoplay rule); then the desktop notification is the ring.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRingTone } from '../../js-shim/telephony/ring-tone.js';
import { createSimulatorConnector } from '../../js-shim/telephony/simulator/connector.js';

// A WebAudio stand-in that records what would sound.
function fakeAudio() {
  const made = [];
  class AudioContext {
    constructor() {
      this.state = 'running';
      this.currentTime = 0;
      this.destination = {};
      this.closed = false;
      this.oscillators = [];
      made.push(this);
    }
    createGain() {
      return { gain: { value: 0, setValueAtTime() {} }, connect() {} };
    }
    createOscillator() {
      const o = { frequency: { value: 0 }, connect() {}, started: false, start: () => (o.started = true), stop() {} };
      this.oscillators.push(o);
      return o;
    }
    close() {
      this.closed = true;
      return Promise.resolve();
    }
  }
  const sounding = () => made.filter((c) => !c.closed).length;
  return { AudioContext, made, sounding };
}

const timers = { setInterval: () => 1, clearInterval: () => {} };

test('the tone is two WebAudio oscillators (440 + 480 Hz), only after a gesture unlocked audio', () => {
  const audio = fakeAudio();
  const userActivation = { hasBeenActive: false };
  const tone = createRingTone({ AudioContext: audio.AudioContext, navigator: { userActivation }, ...timers });
  tone.start();
  assert.equal(tone.state(), 'blocked', 'no gesture yet: no AudioContext at all (it would stay suspended)');
  assert.equal(audio.made.length, 0);
  tone.stop();
  userActivation.hasBeenActive = true; // the agent clicked in the app (status, Answer, Dial pad …)
  tone.start();
  tone.start(); // a second ringing call: still one tone
  assert.equal(tone.state(), 'playing');
  assert.equal(audio.made.length, 1);
  assert.deepEqual(
    audio.made[0].oscillators.map((o) => [o.frequency.value, o.started]),
    [
      [440, true],
      [480, true],
    ],
  );
  tone.stop();
  assert.equal(tone.state(), 'off');
  assert.equal(audio.sounding(), 0);
});

test('the simulator rings from callRinging until answer, decline or the caller hanging up', async () => {
  const audio = fakeAudio();
  const tone = createRingTone({ AudioContext: audio.AudioContext, navigator: {}, ...timers });
  const sim = createSimulatorConnector({ recordingBaseUrl: null, ringTone: tone });
  await sim.start(() => {});
  const first = sim.ringInbound({ ani: '+14155550100' });
  assert.equal(tone.state(), 'playing');
  await sim.answer({ callId: first });
  assert.equal(tone.state(), 'off', 'answered: silent');
  const second = sim.ringInbound({ ani: '+14155550101' });
  assert.equal(tone.state(), 'playing');
  await sim.decline({ callId: second });
  assert.equal(tone.state(), 'off', 'declined: silent');
  const third = sim.ringInbound({ ani: '+14155550102' });
  sim.callerAbandons(third);
  assert.equal(tone.state(), 'off', 'the caller gave up: silent');
  const fourth = sim.ringInbound({ ani: '+14155550103' });
  await sim.stop();
  assert.equal(tone.state(), 'off', 'the connector stopped: silent');
  assert.equal(audio.sounding(), 0);
  assert.ok(fourth);
});
