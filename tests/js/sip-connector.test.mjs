// The sip connector against a fake JsSIP (tests/js/helpers/sip-fake-jssip.mjs): docs/telephony.md's rules.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createSipConnector } from '../../js-shim/telephony/sip/connector.js';
import { assertConnector } from '../../js-shim/telephony/connector.js';
import { causes, fakeJsSIP } from './helpers/sip-fake-jssip.mjs';

const settle = () => new Promise((r) => setImmediate(r));
const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

function fakeClock() {
  let nowMs = NOW;
  let seq = 0;
  const timers = new Map();
  return {
    setTimeout: (fn, ms) => (timers.set(++seq, { at: nowMs + ms, fn }), seq),
    clearTimeout: (id) => void timers.delete(id),
    now: () => nowMs,
    async tick(ms) {
      const until = nowMs + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        timers.delete(due[0]);
        nowMs = due[1].at;
        due[1].fn();
        await settle();
      }
      nowMs = until;
      await settle();
    },
  };
}

function credentialsAnswer(over = {}) {
  return {
    username: `${NOW / 1000 + 600}:agent-5`,
    password: 'pw',
    expiresAt: NOW / 1000 + 600,
    sipUri: 'sip:agent-5@127.0.0.1',
    wsUri: 'ws://127.0.0.1:5066',
    displayName: 'Sam Agent',
    iceServers: [],
    ...over,
  };
}

function fakeMedia() {
  const m = { denied: null, released: 0, ringing: false, tracks: [] };
  m.getMicrophone = async () => {
    if (m.denied) throw Object.assign(new Error('x'), { name: m.denied });
    const track = { enabled: true, kind: 'audio' };
    m.tracks.push(track);
    return { getAudioTracks: () => [track], getTracks: () => [track] };
  };
  m.release = () => void (m.released += 1);
  m.played = [];
  m.playRemote = (session) => void m.played.push(session);
  m.ringStart = () => void (m.ringing = true);
  m.ringStop = () => void (m.ringing = false);
  return m;
}

async function started({ settings = {}, answers = [credentialsAnswer()], register = true } = {}) {
  const jssip = fakeJsSIP();
  const clock = fakeClock();
  const media = fakeMedia();
  const requests = [];
  const client = {
    request: async (o) => {
      requests.push(o);
      const a = answers.length > 1 ? answers.shift() : answers[0];
      if (a instanceof Error || a?.status) throw a;
      return a;
    },
  };
  const problems = [];
  const sip = createSipConnector({
    jssip,
    client,
    media,
    clock,
    agent: { id: 5, email: 'sam.agent@example.com' },
    settings: { telephonyUrl: 'https://cti.example.com/v1', ...settings },
    onProblems: (p) => problems.push(p),
  });
  const events = [];
  await sip.start((e) => events.push(e));
  await settle();
  const ua = jssip.uas[0];
  if (register && ua) {
    ua.connect();
    ua.register200();
    await settle();
  }
  return { sip, jssip, ua, clock, media, requests, events, problems, take: () => events.splice(0) };
}

test('interface: the sip connector has every method assertConnector wants', () => {
  assertConnector(createSipConnector({ jssip: fakeJsSIP(), client: {}, agent: { id: 5 }, media: fakeMedia() }));
});

test('order rule 1: connectorState offline comes first, online after REGISTER 200; nothing synchronous from start', async () => {
  const jssip = fakeJsSIP();
  const events = [];
  const sip = createSipConnector({
    jssip,
    client: { request: async () => credentialsAnswer() },
    media: fakeMedia(),
    clock: fakeClock(),
    agent: { id: 5 },
    settings: { telephonyUrl: 'https://cti.example.com/v1' },
  });
  const starting = sip.start((e) => events.push(e));
  assert.deepEqual(events, [], 'nothing emitted from inside start');
  await starting;
  await settle();
  jssip.uas[0].connect();
  jssip.uas[0].register200();
  await settle();
  assert.deepEqual(events, [
    { type: 'connectorState', state: 'offline' },
    { type: 'connectorState', state: 'online' },
  ]);
});

test('credentials: POST {telephonyUrl}/sip/credentials through the ZAF proxy with the secure token placeholder', async () => {
  const { requests, ua } = await started();
  assert.equal(requests.length, 1);
  const r = requests[0];
  assert.equal(r.url, 'https://cti.example.com/v1/sip/credentials');
  assert.equal(r.type, 'POST');
  assert.equal(r.secure, true);
  assert.equal(r.headers.Authorization, 'Bearer {{setting.telephonyToken}}');
  assert.deepEqual(JSON.parse(r.data), { agentId: 5, email: 'sam.agent@example.com' });
  assert.equal(ua.config.authorization_user, credentialsAnswer().username);
  assert.equal(ua.config.uri, 'sip:agent-5@127.0.0.1');
});

test('credentials: fetched again before expiry (80 % of the lifetime) and the UA re-registers with them', async () => {
  const fresh = credentialsAnswer({ username: 'new:agent-5', password: 'pw2', expiresAt: NOW / 1000 + 1200 });
  const { ua, clock, requests } = await started({ answers: [credentialsAnswer(), fresh] });
  await clock.tick(479_000);
  assert.equal(requests.length, 1);
  await clock.tick(2_000);
  assert.equal(requests.length, 2);
  assert.deepEqual(ua.sets, [
    ['authorization_user', 'new:agent-5'],
    ['password', 'pw2'],
  ]);
  assert.equal(ua.registerCalls, 1);
});

test('credentials: 401 → offline with CREDENTIALS_REFUSED, retried slowly, commands reject with that code', async () => {
  const { sip, jssip, take, problems, clock, requests } = await started({
    answers: [{ status: 401 }],
    register: false,
  });
  assert.equal(jssip.uas.length, 0);
  assert.deepEqual(take(), [{ type: 'connectorState', state: 'offline' }]);
  assert.deepEqual(problems.at(-1), [{ setting: 'telephonyUrl', code: 'CREDENTIALS_REFUSED', message: '' }]);
  await assert.rejects(sip.dial({ callId: 'o1', number: '+14155550123' }), { code: 'CREDENTIALS_REFUSED' });
  await clock.tick(60_000);
  assert.equal(requests.length, 1, 'no tight retry loop');
  await clock.tick(300_000);
  assert.equal(requests.length, 2);
});

test('credentials: ws:// to a host that is not this machine is refused (INSECURE_TRANSPORT), no UA created', async () => {
  const { jssip, problems } = await started({
    answers: [credentialsAnswer({ wsUri: 'ws://sip.example.com:5066' })],
    register: false,
  });
  assert.equal(jssip.uas.length, 0);
  assert.equal(problems.at(-1)[0].code, 'INSECURE_TRANSPORT');
});

test('settings: an invalid SIP setting keeps the connector offline with a structured problem', async () => {
  const { jssip, problems, take, sip } = await started({ settings: { sipDtmf: 'loud' }, register: false });
  assert.equal(jssip.uas.length, 0);
  assert.equal(problems[0][0].setting, 'sipDtmf');
  assert.deepEqual(take(), [{ type: 'connectorState', state: 'offline' }]);
  await assert.rejects(sip.answer({ callId: 'x' }), { code: 'SIP_SETTING_INVALID' });
});

test('inbound: INVITE → callRinging; answer → callConnected; remote BYE → callEnded completed with timings', async () => {
  const { sip, ua, take, clock, media } = await started();
  take();
  const s = ua.ring({
    from: '+14155550123',
    headers: [
      ['X-Queue-Id', 'q1'],
      ['X-Queue-Name', 'Support'],
    ],
  });
  await settle();
  const [ringing] = take();
  assert.equal(ringing.type, 'callRinging');
  assert.equal(ringing.ani, '+14155550123');
  assert.deepEqual(ringing.queue, { id: 'q1', name: 'Support' });
  assert.equal(media.ringing, true, 'ring tone while ringing');
  await clock.tick(4000);
  await sip.answer({ callId: ringing.callId });
  assert.ok(s.calls[0][1].mediaStream, 'JsSIP answers with the microphone stream acquired first');
  s.accept();
  await settle();
  assert.equal(media.ringing, false);
  await clock.tick(10_000);
  s.remoteBye();
  await settle();
  assert.deepEqual(take(), [
    { type: 'callConnected', callId: ringing.callId },
    {
      type: 'callEnded',
      callId: ringing.callId,
      reason: 'completed',
      durationSec: 10,
      waitSec: 4,
      holdSec: 0,
      recordingUrl: null,
      recordingBytes: 0,
    },
  ]);
});

test('issue 18 / D361: while the agent is away a new INVITE is refused with 480 and never rings here', async () => {
  const { sip, ua, take, media } = await started();
  take();
  await sip.setStatus({ callId: '', status: 'away' });
  const refused = ua.ring({ from: '+14155550123' });
  await settle();
  assert.deepEqual(take(), [], 'no callRinging');
  assert.deepEqual(refused.calls.at(-1), ['terminate', { status_code: 480, reason_phrase: 'Temporarily Unavailable' }]);
  assert.equal(media.ringing, false, 'no ring tone');
  await sip.setStatus({ callId: '', status: 'available' });
  ua.ring({ from: '+14155550123' });
  await settle();
  assert.equal(take()[0]?.type, 'callRinging', 'available again: calls ring');
  await assert.rejects(sip.setStatus({ callId: '', status: 'asleep' }), { code: 'BAD_ARGUMENT' });
});

test('mic denied: answer rejects MEDIA_DENIED, the call is still ringing (no 480), answer works after permission', async () => {
  const { sip, ua, take, media } = await started();
  take();
  const s = ua.ring();
  await settle();
  const [{ callId }] = take();
  media.denied = 'NotAllowedError';
  await assert.rejects(sip.answer({ callId }), { code: 'MEDIA_DENIED' });
  assert.deepEqual(s.calls, [], 'JsSIP answer() not called, so it cannot reply 480');
  media.denied = 'NotFoundError';
  await assert.rejects(sip.answer({ callId }), { code: 'MEDIA_UNAVAILABLE' });
  media.denied = null;
  await sip.answer({ callId });
  s.accept();
  await settle();
  assert.deepEqual(take(), [{ type: 'callConnected', callId }]);
});

test('caller CANCEL before answer → exactly one callEnded abandoned, and nothing after it', async () => {
  const { sip, ua, take } = await started();
  take();
  const s = ua.ring();
  await settle();
  const [{ callId }] = take();
  s.remoteFail(causes.CANCELED);
  s.remoteFail(causes.CANCELED);
  await settle();
  const out = take();
  assert.equal(out.length, 1);
  assert.equal(out[0].reason, 'abandoned');
  await assert.rejects(sip.hangUp({ callId }), { code: 'UNKNOWN_CALL' });
});

test("D391: an outbound call's callDialing names the caller id the backend gave (E.164 only), for TPE's call record", async () => {
  for (const [callerId, line] of [
    ['+18005550100', '+18005550100'],
    ['support <script>', ''],
    [18005550100, ''],
  ]) {
    const { sip, take } = await started({ answers: [credentialsAnswer({ callerId })] });
    take();
    await sip.dial({ callId: 'out-1', number: '+14155550123' });
    await settle();
    assert.deepEqual(take(), [{ type: 'callDialing', callId: 'out-1', line }], String(callerId));
  }
});

test('decline → abandoned; outbound 486 → no_answer; agent cancels own outbound → no_answer', async () => {
  const { sip, ua, take } = await started();
  take();
  ua.ring();
  await settle();
  const [{ callId }] = take();
  await sip.decline({ callId });
  await settle();
  assert.equal(take()[0].reason, 'abandoned');

  await sip.dial({ callId: 'out-1', number: '+14155550123' });
  await settle();
  assert.deepEqual(take(), [{ type: 'callDialing', callId: 'out-1', line: '' }]); // the backend named no caller id
  assert.equal(ua.sessions.at(-1).target, 'sip:+14155550123@127.0.0.1');
  ua.sessions.at(-1).remoteFail(causes.BUSY, 486);
  await settle();
  assert.equal(take()[0].reason, 'no_answer');

  await sip.dial({ callId: 'out-2', number: '+14155550123' });
  await sip.hangUp({ callId: 'out-2' });
  await settle();
  assert.deepEqual(
    take().map((e) => e.reason ?? e.type),
    ['callDialing', 'no_answer'],
  );
});

test('outbound: the remote audio is routed to the speaker (the peer connection exists when call() returns)', async () => {
  const { sip, ua, media } = await started();
  await sip.dial({ callId: 'o', number: '+14155550123' });
  assert.deepEqual(media.played, [ua.sessions.at(-1)]);
});

test('hold/resume via JsSIP hold/unhold → callHoldChanged, hold time counted; hold stops sending, mute on the local track', async () => {
  const { sip, ua, take, clock, media } = await started();
  take();
  await sip.dial({ callId: 'o', number: '+14155550123' });
  const s = ua.sessions.at(-1);
  s.accept();
  await settle();
  const sender = s.connection.getSenders()[0];
  assert.equal(sender.track, media.tracks.at(-1), 'the microphone is sent');
  await sip.hold({ callId: 'o' });
  await settle();
  assert.equal(sender.track, null, 'on hold the caller hears nothing of the agent (no RTP sent)');
  await clock.tick(5000);
  await sip.resume({ callId: 'o' });
  await settle();
  assert.equal(sender.track, media.tracks.at(-1), 'resumed: the microphone is sent again');
  await sip.mute({ callId: 'o' });
  assert.deepEqual(sip.debug.microphone('o'), { tracks: 1, sending: 1, enabled: 0 });
  assert.equal(media.tracks.at(-1).enabled, false);
  await sip.unmute({ callId: 'o' });
  await sip.hangUp({ callId: 'o' });
  await settle();
  const out = take();
  assert.deepEqual(
    out.slice(0, 6).map((e) => [e.type, e.held ?? e.muted ?? null]),
    [
      ['callDialing', null],
      ['callConnected', null],
      ['callHoldChanged', true],
      ['callHoldChanged', false],
      ['callMuteChanged', true],
      ['callMuteChanged', false],
    ],
  );
  assert.equal(out[6].reason, 'completed');
  assert.equal(out[6].holdSec, 5);
});

test('transfer: blind REFER by template; callTransferred {toAgentId} once NOTIFY 2xx; nothing after it', async () => {
  const { sip, ua, take } = await started();
  take();
  await sip.dial({ callId: 'o', number: '+14155550123' });
  const s = ua.sessions.at(-1);
  s.accept();
  await settle();
  take();
  const p = sip.transfer({ callId: 'o', target: '6' });
  const sub = s.referSubscribers[0];
  assert.equal(s.calls.find((c) => c[0] === 'refer')[1], 'sip:agent-6@127.0.0.1');
  sub.emit('requestSucceeded', {});
  await p;
  sub.emit('accepted', {});
  await settle();
  const out = take();
  assert.equal(out.length, 1, 'the BYE of the transferred leg sends no callEnded');
  assert.equal(out[0].type, 'callTransferred');
  assert.equal(out[0].toAgentId, 6);
});

test('transfer: a refused REFER rejects TRANSFER_FAILED and the call stays connected', async () => {
  const { sip, ua } = await started();
  await sip.dial({ callId: 'o', number: '+14155550123' });
  const s = ua.sessions.at(-1);
  s.accept();
  const p = sip.transfer({ callId: 'o', target: 'sales' });
  assert.equal(s.calls.find((c) => c[0] === 'refer')[1], 'sip:queue-sales@127.0.0.1');
  s.referSubscribers[0].emit('requestFailed', {});
  await assert.rejects(p, { code: 'TRANSFER_FAILED' });
  await sip.hold({ callId: 'o' });
});

test('sendDigits: RFC 4733 by default (JsSIP RFC2833), INFO when sipDtmf is info; bad digits rejected', async () => {
  for (const [setting, transport] of [
    ['', 'RFC2833'],
    ['info', 'INFO'],
  ]) {
    const { sip, ua } = await started({ settings: { sipDtmf: setting } });
    await sip.dial({ callId: 'o', number: '+14155550123' });
    ua.sessions.at(-1).accept();
    await sip.sendDigits({ callId: 'o', digits: '12,#' });
    assert.deepEqual(ua.sessions.at(-1).calls.at(-1), ['sendDTMF', '12,#', { transportType: transport }]);
    await assert.rejects(sip.sendDigits({ callId: 'o', digits: '1<x>' }), { code: 'BAD_ARGUMENT' });
  }
});

test('order rule 5: WebSocket lost → calls end failed, then connectorState offline; online again on re-register', async () => {
  const { ua, take } = await started();
  take();
  ua.ring();
  await settle();
  const [{ callId }] = take();
  ua.disconnect();
  await settle();
  const out = take();
  assert.deepEqual(
    out.map((e) => e.type),
    ['callEnded', 'connectorState'],
  );
  assert.equal(out[0].reason, 'failed');
  assert.equal(out[0].callId, callId);
  ua.connect();
  ua.register200();
  await settle();
  assert.deepEqual(take(), [{ type: 'connectorState', state: 'online' }]);
});

test('REGISTER 401 after expiry → credentials fetched again once', async () => {
  const { ua, requests, take, clock } = await started();
  take();
  ua.registrationFail(401, causes.AUTHENTICATION_ERROR);
  await clock.tick(0);
  assert.equal(requests.length, 2);
  assert.equal(ua.registerCalls, 1, 're-registers with the new credentials');
  ua.registrationFail(401, causes.AUTHENTICATION_ERROR);
  await clock.tick(0);
  assert.equal(requests.length, 2, 'only once');
});

test('rules: commands never throw synchronously; unknown call → UNKNOWN_CALL; emit throwing does not stop delivery', async () => {
  const { sip } = await started();
  const r = sip.hold(null);
  assert.ok(r instanceof Promise);
  await assert.rejects(r, { code: 'BAD_ARGUMENT' });
  await assert.rejects(sip.hold({ callId: 'nope' }), { code: 'UNKNOWN_CALL' });
});

test('debug: registration state, live call ids and per call byte counters for browser tests', async () => {
  const { sip, ua } = await started();
  await sip.dial({ callId: 'o', number: '+14155550123' });
  assert.deepEqual(sip.debug.registration(), { online: true, code: null });
  assert.deepEqual(sip.debug.callIds(), ['o']);
  assert.deepEqual(await sip.debug.stats('o'), { inboundBytes: 100, outboundBytes: 200 });
  await sip.stop();
  assert.equal(ua.stopped, true);
  assert.equal(ua.unregistered, true);
});

test('cold start: the sip connector is built on first use, so the top bar does not wait for the JsSIP chunk', async () => {
  const { chooseConnector } = await import('../../js-shim/telephony/choose-connector.js');
  let release;
  const chunk = new Promise((r) => (release = r));
  let built = 0;
  const fake = {
    start: async (emit) => emit({ type: 'connectorState', state: 'online' }),
    stop: async () => {},
    dial: async (a) => a,
  };
  const chosen = await chooseConnector({
    settings: { telephonyConnector: 'sip' },
    loadSip: () => chunk,
    createSimulator: () => assert.fail('never the simulator'),
    createSip: () => ((built += 1), fake),
  });
  assert.equal(chosen.name, 'sip', 'chosen before the chunk arrived');
  assert.equal(built, 0);
  const events = [];
  const starting = chosen.connector.start((e) => events.push(e));
  const dialled = chosen.connector.dial({ callId: 'x', number: '+1' });
  release({});
  await starting;
  assert.deepEqual(
    await dialled,
    { callId: 'x', number: '+1' },
    'a command given while loading waits for the connector',
  );
  assert.deepEqual(events, [{ type: 'connectorState', state: 'online' }]);
  assert.equal(built, 1);
});

test('cold start: a JsSIP chunk that cannot load leaves the connector offline and refuses commands, never a throw', async () => {
  const { chooseConnector } = await import('../../js-shim/telephony/choose-connector.js');
  const chosen = await chooseConnector({
    settings: {},
    loadSip: () => Promise.reject(new Error('chunk 404')),
    createSimulator: () => assert.fail('never the simulator'),
    createSip: () => assert.fail('not built'),
  });
  const events = [];
  await chosen.connector.start((e) => events.push(e));
  await settle();
  assert.deepEqual(events, [{ type: 'connectorState', state: 'offline' }]);
  await assert.rejects(chosen.connector.dial({ callId: 'x', number: '+1' }), { code: 'CONNECTOR_UNAVAILABLE' });
  await chosen.connector.stop();
});

// ---- consult (warm) transfer: REFER with Replaces (D342) ----------------------------------------------------

async function answeredCall(ctx, from = '+14155550123') {
  const s = ctx.ua.ring({ from });
  await settle();
  const callId = ctx.take().find((e) => e.type === 'callRinging').callId;
  await ctx.sip.answer({ callId });
  s.accept();
  await settle();
  ctx.take();
  return { callId, s };
}

test('D342 consult: the caller is held, the target is called on the same microphone with the caller named; completed by REFER with Replaces', async () => {
  const ctx = await started();
  const { callId, s } = await answeredCall(ctx);
  await ctx.sip.consult({ callId, target: '6' });
  const leg = ctx.ua.sessions.at(-1);
  assert.ok(s.calls.some((c) => c[0] === 'hold'));
  assert.equal(leg.target, 'sip:agent-6@127.0.0.1');
  assert.deepEqual(leg.options.extraHeaders, ['X-Consult-Caller: +14155550123']);
  assert.equal(leg.options.mediaStream.getAudioTracks()[0], ctx.media.tracks[0], 'the same microphone');
  assert.equal(ctx.media.tracks.length, 1, 'not asked for again');
  await settle();
  assert.deepEqual(
    ctx.take().map((e) => [e.type, e.held ?? e.state]),
    [
      ['callHoldChanged', true],
      ['consultChanged', 'dialing'],
    ],
  );
  await assert.rejects(ctx.sip.completeTransfer({ callId }), { code: 'WRONG_STATE' }, 'not while the target rings');
  leg.accept();
  await settle();
  assert.deepEqual(ctx.take(), [{ type: 'consultChanged', callId, state: 'connected' }]);

  const done = ctx.sip.completeTransfer({ callId });
  const refer = s.calls.find((c) => c[0] === 'refer');
  assert.equal(refer[1], 'sip:agent-6@127.0.0.1');
  assert.equal(refer[2].replaces, leg, 'Replaces names the consult leg');
  s.referSubscribers[0].emit('requestSucceeded', {});
  await done;
  s.referSubscribers[0].emit('accepted', {});
  await settle();
  const out = ctx.take();
  assert.deepEqual(
    out.map((e) => e.type),
    ['callTransferred'],
    'one terminal event; the consult leg says nothing more',
  );
  assert.equal(out[0].toAgentId, 6);
  assert.equal(leg.isEnded(), false, 'the target hangs up the replaced leg itself');
  await ctx.clock.tick(3000);
  assert.equal(leg.isEnded(), true, 'or it is hung up after 3 s');
  assert.deepEqual(ctx.take(), []);
});

test('D342 consult: Back to caller hangs up the leg and resumes the caller; a target that declines ends the leg only', async () => {
  const ctx = await started();
  const { callId, s } = await answeredCall(ctx);
  await ctx.sip.consult({ callId, target: '6' });
  const leg = ctx.ua.sessions.at(-1);
  leg.accept();
  await settle();
  ctx.take();
  await ctx.sip.cancelConsult({ callId });
  await settle();
  assert.equal(leg.isEnded(), true);
  assert.ok(s.calls.some((c) => c[0] === 'unhold'));
  assert.deepEqual(
    ctx.take().map((e) => [e.type, e.held ?? e.state]),
    [
      ['consultChanged', 'ended'],
      ['callHoldChanged', false],
    ],
  );

  await ctx.sip.consult({ callId, target: '7' });
  const second = ctx.ua.sessions.at(-1);
  second.remoteFail(causes.BUSY, 486);
  await settle();
  assert.deepEqual(
    ctx.take().map((e) => [e.type, e.held ?? e.state]),
    [
      ['callHoldChanged', true],
      ['consultChanged', 'dialing'],
      ['consultChanged', 'ended'],
    ],
  );
  await ctx.sip.resume({ callId }); // the call is still the agent's
  await assert.rejects(ctx.sip.conference({ callId }), { code: 'NOT_SUPPORTED' });
});

test('D342/D430 consult target: the consult call shows the caller it is about, as an internal call; the caller replacing it continues the same call, now the caller’s (TR-10)', async () => {
  const ctx = await started();
  const consult = ctx.ua.ring({ from: 'agent-6', headers: [['X-Consult-Caller', '+14155550123']] });
  await settle();
  const ringing = ctx.take().find((e) => e.type === 'callRinging');
  assert.equal(ringing.ani, '+14155550123');
  assert.equal(ringing.attributes.consultedBy, 'agent-6');
  assert.equal(ringing.consult, true, 'nothing is written for it until the caller is transferred onto it');
  await ctx.sip.answer({ callId: ringing.callId });
  consult.accept();
  await settle();
  ctx.take();

  // The caller's INVITE with Replaces: JsSIP asks the replaced session, the connector accepts and answers.
  let replacement = null;
  consult.emit('replaces', {
    accept: (init) => {
      replacement = new (Object.getPrototypeOf(consult).constructor)(ctx.ua, 'incoming', { request: {} });
      ctx.ua.sessions.push(replacement);
      init(replacement);
      ctx.ua.emit('newRTCSession', { originator: 'remote', session: replacement, request: replacement.request });
    },
    reject: () => assert.fail('rejected'),
  });
  await settle();
  assert.ok(
    replacement.calls.some((c) => c[0] === 'answer'),
    'answered at once',
  );
  assert.deepEqual(
    ctx.take(),
    [{ type: 'consultChanged', callId: ringing.callId, state: 'transferred' }],
    'the core learns the consult call is the caller’s now',
  );
  replacement.accept();
  consult.remoteBye(); // the consulting agent's leg goes
  await settle();
  assert.deepEqual(ctx.take(), [], 'the call goes on under its id: no new ring, no end');
  replacement.remoteBye();
  await settle();
  const end = ctx.take();
  assert.equal(end.length, 1);
  assert.equal(end[0].type, 'callEnded');
  assert.equal(end[0].callId, ringing.callId);
  assert.equal(end[0].reason, 'completed');
});

test("D341 directory: the backend's agents with their presence, consult yes, conference no; none without the endpoint", async () => {
  const answers = [
    credentialsAnswer(),
    {
      agents: [
        { id: 6, name: 'Kim', availability: 'available' },
        { id: 'x', name: 'Bo', availability: 'dnd' },
        { id: 7, name: 'Lee', availability: 'wrapUp' },
        { name: 'no id' },
      ],
      queues: [{ id: 2, loggedInAgents: 1 }],
    },
  ];
  const ctx = await started({ answers });
  const d = await ctx.sip.directory();
  assert.deepEqual(d, {
    agents: [
      { id: 6, name: 'Kim', availability: 'available' },
      { id: 'x', name: 'Bo', availability: 'unknown' },
      { id: 7, name: 'Lee', availability: 'wrapUp' }, // D435
    ],
    queues: [{ id: 2, loggedInAgents: 1 }],
    consult: true,
    conference: false,
  });
  const asked = ctx.requests.at(-1);
  assert.equal(asked.url, 'https://cti.example.com/v1/sip/directory');
  assert.equal(asked.secure, true);
  assert.equal(asked.headers.Authorization, 'Bearer {{setting.telephonyToken}}');

  const none = await started({ answers: [credentialsAnswer(), Object.assign(new Error('404'), { status: 404 })] });
  // D433: no endpoint is no list of agents (null): the core lists the account's agents from Zendesk instead.
  assert.deepEqual(await none.sip.directory(), { agents: null, queues: [], consult: true, conference: false });
  // D432: a backend that fails for a passing reason rejects, so the core keeps (and ages) its last copy.
  const failing = await started({ answers: [credentialsAnswer(), Object.assign(new Error('503'), { status: 503 })] });
  await assert.rejects(failing.sip.directory());
});

test('D437 presence: a status the backend failed to take is sent again 30 s later (not after a 404), and again once registered after a lost connection', async () => {
  const unavailable = Object.assign(new Error('503'), { status: 503 });
  const ctx = await started({ answers: [credentialsAnswer(), unavailable, { ok: true }] });
  const posted = () => ctx.requests.filter((r) => r.url.endsWith('/sip/status')).map((r) => JSON.parse(r.data).status);
  await ctx.sip.presence('wrapUp'); // the backend is down a moment
  assert.deepEqual(posted(), ['wrapUp']);
  await ctx.sip.presence('available'); // the agent is free again: the latest goes, the failed one is not retried
  await ctx.clock.tick(30_000);
  assert.deepEqual(posted(), ['wrapUp', 'available']);
  await ctx.clock.tick(60_000);
  assert.deepEqual(posted(), ['wrapUp', 'available'], 'taken: not sent again');

  const down = await started({ answers: [credentialsAnswer(), unavailable, { ok: true }] });
  const downPosted = () => down.requests.filter((r) => r.url.endsWith('/sip/status')).length;
  await down.sip.presence('wrapUp');
  await down.clock.tick(29_000);
  assert.equal(downPosted(), 1);
  await down.clock.tick(1_000); // the same state, tried again: the others' directories would show it stale
  assert.equal(downPosted(), 2);
  await down.clock.tick(60_000);
  assert.equal(downPosted(), 2);
  // The connection lost and registered again: the backend is told again what it may have lost.
  down.ua.disconnect();
  await settle();
  down.ua.connect();
  down.ua.register200();
  await settle();
  assert.equal(downPosted(), 3);

  const without = await started({ answers: [credentialsAnswer(), Object.assign(new Error('404'), { status: 404 })] });
  await without.sip.presence('onCall');
  await without.clock.tick(120_000);
  assert.equal(without.requests.filter((r) => r.url.endsWith('/sip/status')).length, 1, 'no endpoint: not asked');
});

test('D431 consults(): the calls with a consult leg on the line; none after a reload (the sessions went with the page)', async () => {
  const ctx = await started();
  assert.deepEqual(ctx.sip.consults(), []);
  const { callId } = await answeredCall(ctx);
  await ctx.sip.consult({ callId, target: '6' });
  assert.deepEqual(ctx.sip.consults(), [String(callId)]);
  await ctx.sip.cancelConsult({ callId });
  assert.deepEqual(ctx.sip.consults(), []);
});

test('D434 presence: the view’s state goes to the backend as a status (on a call: busy), once per change, the latest winning; a failing backend affects no call', async () => {
  const ctx = await started({ answers: [credentialsAnswer(), { ok: true }] });
  const posted = () => ctx.requests.filter((r) => r.url.endsWith('/sip/status')).map((r) => JSON.parse(r.data));
  await ctx.sip.presence('available');
  await ctx.sip.presence('available'); // no change: nothing sent
  await ctx.sip.presence('ringing');
  await ctx.sip.presence('onCall'); // busy still: nothing sent
  await ctx.sip.presence('wrapUp');
  await ctx.sip.presence('away');
  assert.deepEqual(posted(), [
    { agentId: 5, status: 'available' },
    { agentId: 5, status: 'busy' },
    { agentId: 5, status: 'wrapUp' },
    { agentId: 5, status: 'away' },
  ]);
  const asked = ctx.requests.find((r) => r.url.endsWith('/sip/status'));
  assert.equal(asked.url, 'https://cti.example.com/v1/sip/status');
  assert.equal(asked.secure, true);
  assert.equal(asked.type, 'POST');
  await assert.rejects(ctx.sip.presence('lunch'), /unknown state/);

  const failing = await started({ answers: [credentialsAnswer(), Object.assign(new Error('404'), { status: 404 })] });
  await failing.sip.presence('onCall'); // resolves: the backend's failure is no error of the agent's
  assert.equal(failing.requests.filter((r) => r.url.endsWith('/sip/status')).length, 1);
});
