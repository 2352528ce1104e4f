// Real calls: the app on the `sip` connector in the sandbox workspace and the customer phone page, both
// JsSIP in headless Chromium with fake audio devices, through the sandbox's Kamailio (started by this file on free
// ports). Nothing is simulated between the two browsers: SIP over WebSocket, ICE and DTLS-SRTP media.
// Each test asserts what the agent saw (the top bar), what the customer's phone saw, and what Zendesk received.
//
// Run: node scripts/build-app.mjs && node --test tests/browser/sip-calls.test.mjs
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { assertRequestsDocumented, eventually, pathOf, seeText, SEE_TIMEOUT } from './helpers.mjs';
import { allSaved, CALL_TIMEOUT, finishWrapUp, growth, growthOver, startSipEnv } from './sip-helpers.mjs';

const GRACE = '+14155550199'; // Grace Hopper (user 12), the only contact with this number
const STRANGER = '+14155550177'; // nobody in Zendesk has this number

let env;
before(async () => {
  env = await startSipEnv();
});
afterEach(async () => {
  await env?.closePages();
});
after(async () => {
  await env?.close();
});

const bodies = (ticketId) => env.comments(ticketId).map((c) => String(c?.body ?? ''));

test('IN-1/SF-2 inbound from a known caller: ring, caller card, answer, media both ways, hold, mute, hang up, the note with the duration', async (t) => {
  const agent = await env.agent(t);
  const phone = await env.phone(GRACE);
  await phone.callAgent({ queueName: 'Billing', menuPath: 'Main > Billing' });

  // Ringing: the agent's popover opens with the caller's card (IN-1 found Grace) and the ring tone plays;
  // the customer hears it ring.
  await agent.page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: CALL_TIMEOUT });
  const ringing = await agent.waitForView((v) => {
    assert.equal(v.screen, 'incoming');
    assert.equal(v.call?.number?.e164, GRACE, 'ani from the INVITE (P-Asserted-Identity set by the SIP server)');
    assert.equal(v.call?.contact?.name, 'Grace Hopper');
  }, CALL_TIMEOUT);
  assert.equal(ringing.call.queueName, 'Billing', 'the queue from the IVR header');
  assert.equal(ringing.call.menuPath, 'Main > Billing');
  await seeText(agent.key('caller'), 'Grace Hopper');
  assert.equal((await agent.media()).ringing, true, 'the ring tone plays while the call rings');
  await phone.waitCall('ringing-out');
  const search = await env.waitForRequest(
    (e) => e.method === 'GET' && pathOf(e) === '/api/v2/search.json',
    'the IN-1 caller search',
  );
  assert.match(decodeURIComponent(search.url), /4155550199/);

  // Answer: both sides connected, the ring tone stops, the agent hears the customer, audio flows both ways.
  await agent.key('answer').click();
  await phone.waitCall('connected');
  const connected = await agent.waitForView((v) => {
    assert.equal(v.call?.state, 'connected');
    assert.ok(v.call?.ticket?.id, 'the call has its ticket');
  }, CALL_TIMEOUT);
  const ticketId = connected.call.ticket.id;
  assert.equal((await agent.media()).ringing, false, 'the ring tone stopped');
  await growth(async () => (await agent.stats()).inboundBytes);
  await growth(async () => (await phone.stats()).inBytes);
  assert.ok((await agent.media()).remoteLiveTracks >= 1, "the customer's audio is played to the agent");

  // Hold stops the media both ways (the customer does not hear the agent), resume restarts it.
  await agent.key('hold').click();
  await agent.waitForView((v) => assert.equal(v.call?.held, true));
  await phone.page.waitForSelector('[data-testid=phone-on-hold]:not([hidden])', { timeout: SEE_TIMEOUT });
  await new Promise((r) => setTimeout(r, 500)); // packets already in flight when the hold began
  assert.ok(
    (await growthOver(async () => (await phone.stats()).inBytes, 1500)) < 200,
    'the customer receives nothing on hold',
  );
  assert.ok(
    (await growthOver(async () => (await agent.stats()).inboundBytes, 1500)) < 200,
    'the agent receives nothing on hold',
  );
  await agent.key('hold').click(); // the same button resumes
  await agent.waitForView((v) => assert.equal(v.call?.held, false));
  await phone.page.waitForSelector('[data-testid=phone-on-hold][hidden]', { state: 'attached', timeout: SEE_TIMEOUT });
  await growth(async () => (await phone.stats()).inBytes);
  await growth(async () => (await agent.stats()).inboundBytes);

  // Mute: the microphone's track stops (the peer connection sends silence), and comes back on unmute. (Whether
  // the customer hears silence cannot be read here: headless Chromium plays no audio, so no audio levels.)
  await agent.key('mute').click();
  await agent.waitForView((v) => assert.equal(v.call?.muted, true));
  assert.deepEqual(await agent.microphone(), { tracks: 1, sending: 1, enabled: 0 }, 'muted: the track is off');
  await agent.key('mute').click();
  await agent.waitForView((v) => assert.equal(v.call?.muted, false));
  assert.deepEqual(await agent.microphone(), { tracks: 1, sending: 1, enabled: 1 }, 'unmuted: the track is on');
  await growth(async () => (await phone.stats()).inBytes);

  // The agent writes a note and hangs up: the customer's call ends, the wrap-up shows the duration.
  await agent.key('note').fill('Asked about the March invoice');
  await agent.key('hangUp').click();
  await phone.waitCall('ended');
  const wrapUp = await agent.waitForView((v) => assert.equal(v.screen, 'wrapUp'));
  assert.ok(wrapUp.call.durationSec >= 3, `duration ${wrapUp.call.durationSec} s`);
  assert.equal((await phone.state()).endCause, 'Terminated', 'the customer saw the agent hang up (BYE)');
  await agent.screenshot('wrap-up');
  await finishWrapUp(agent);

  // Zendesk received: the ticket on Grace, assigned to the agent, the call-finished note with the duration and
  // the agent's note.
  const ticket = env.ticket(ticketId);
  assert.equal(ticket.requester_id, 12);
  assert.equal(ticket.assignee_id, 5, 'TR-10: the agent who answered');
  const finished = bodies(ticketId).filter((b) => b.includes('Call finished ('));
  assert.equal(finished.length, 1, 'one call-finished note');
  assert.match(
    finished[0],
    new RegExp(`\\(${wrapUp.call.durationSec} s|0:0${wrapUp.call.durationSec}|${wrapUp.call.durationSec}`),
  );
  assert.ok(
    bodies(ticketId).some((b) => b.includes('Asked about the March invoice')),
    "the agent's note is on the ticket",
  );
  assert.deepEqual(agent.pageErrors, []);
  assertRequestsDocumented(await env.log());
});

test('FO/TR-4 outbound from the dial pad: the customer answers, the extension is dialled as digits, the ticket is written', async (t) => {
  const agent = await env.agent(t);
  const phone = await env.phone(GRACE, { autoAnswer: true });
  await agent.openPopover();
  await agent.key('dialPad').click();
  await agent.key('number').fill('+1 415 555 0199 ext 42');
  await agent.key('number').press('Enter');
  await seeText(agent.key('contacts'), 'Grace Hopper');
  await agent.waitForView((v) => assert.ok(v.outbound?.canCall ?? true));
  await agent.key('call').click();

  // The customer's phone rang and answered by itself; the agent is connected, audio flows both ways.
  await phone.waitCall('connected');
  const connected = await agent.waitForView((v) => {
    assert.equal(v.call?.state, 'connected');
    assert.equal(v.call?.direction, 'outbound');
    assert.ok(v.call?.ticket?.id, 'the call has its ticket');
  }, CALL_TIMEOUT);
  const ticketId = connected.call.ticket.id;
  await growth(async () => (await agent.stats()).inboundBytes);
  await growth(async () => (await phone.stats()).inBytes);
  assert.ok((await agent.media()).remoteLiveTracks >= 1, "the customer's audio is played to the agent (outbound too)");
  // D60: the extension goes as digits once the call is connected (SIP INFO here, so the phone page can show them).
  await phone.page.waitForFunction(() => window.customerPhone.state().dtmfReceived === '42', null, {
    timeout: CALL_TIMEOUT,
  });

  await agent.key('hangUp').click();
  await phone.waitCall('ended');
  await agent.waitForView((v) => assert.equal(v.screen, 'wrapUp'));
  await finishWrapUp(agent);

  const ticket = env.ticket(ticketId);
  assert.equal(ticket.requester_id, 12, 'on the contact the agent called');
  const texts = bodies(ticketId);
  assert.ok(
    texts.some((b) => /Type: Outbound Call/.test(b) && b.includes('+14155550199')),
    `the outbound call comment: ${JSON.stringify(texts)}`,
  );
  assert.ok(
    texts.some((b) => b.includes('Extension: 42')),
    'D60: the extension in the first note',
  );
  // D334: the ticket the call created holds the call's data as its description; with no note, code or recording
  // no closing comment repeats that the answered call finished.
  assert.equal(texts.filter((b) => b.includes('Call finished (')).length, 0);
  assert.equal(phone.page.isClosed(), false);
  assertRequestsDocumented(await env.log());
});

test('TR-6 the caller hangs up before the agent answers: the call ends abandoned and gets its own ticket', async (t) => {
  const agent = await env.agent(t);
  const phone = await env.phone(GRACE);
  await phone.callAgent();
  await agent.waitForView((v) => {
    assert.equal(v.screen, 'incoming');
    assert.equal(v.call?.contact?.name, 'Grace Hopper');
  }, CALL_TIMEOUT);
  await phone.page.click('[data-testid=phone-cancel]');
  await phone.waitCall('ended');

  // The agent's incoming call went away, the ring tone stopped; Zendesk got a new ticket marked abandoned.
  await agent.waitForView((v) => assert.notEqual(v.screen, 'incoming'), CALL_TIMEOUT);
  assert.equal((await agent.media()).ringing, false, 'the ring tone stopped');
  // Zendesk holds one ticket for the call on Grace with TR-6's tag and marker (created at ring, or at the end).
  await agent.waitForView(allSaved, 30_000);
  const ticketId = await eventually(() => {
    const mine = env.sandbox.standIn
      .state()
      .tickets.filter((x) => x.external_id && (x.tags ?? []).some((tag) => /_abandoned$/.test(tag)));
    assert.equal(mine.length, 1, 'one ticket tagged abandoned');
    return mine[0].id;
  }, CALL_TIMEOUT);
  assert.equal(env.ticket(ticketId).requester_id, 12);
  assert.ok(
    bodies(ticketId).some((b) => /^(Call \S+\n)?Abandoned/.test(b)), // an added note names its call (D335)
    `an abandoned marker: ${JSON.stringify(bodies(ticketId))}`,
  );
  assert.ok(
    !bodies(ticketId).some((b) => b.includes('Call finished (')),
    'no call-finished note for a call nobody took',
  );
  assert.match((await phone.state()).endCause ?? '', /Canceled/);
});

test("FO: the customer rejects the agent's call: it ends no_answer, the agent sees it, nothing is lost", async (t) => {
  const agent = await env.agent(t);
  const phone = await env.phone(STRANGER);
  await agent.openPopover();
  await agent.key('dialPad').click();
  await agent.key('number').fill(STRANGER);
  await agent.key('number').press('Enter');
  await agent.waitForView((v) => assert.ok(v.outbound), CALL_TIMEOUT);
  await agent.key('call').click();
  await phone.waitCall('ringing-in');
  await phone.page.click('[data-testid=phone-reject]');
  await phone.waitCall('ended');

  // The agent sees the call end as not answered (not as a call that was talked), with nothing left to save.
  const ended = await agent.waitForView((v) => {
    assert.equal(v.screen, 'wrapUp');
    assert.equal(v.call?.endReason, 'no_answer');
    assert.equal(v.call?.connectedAtMs, null);
  }, CALL_TIMEOUT);
  await seeText(agent.key('outcome'), 'Not answered');
  assert.deepEqual(await agent.callIds(), [], 'no call left on the connector');
  assert.equal((await phone.state()).endCause, 'Rejected', "the customer's phone rejected it (486)");
  await finishWrapUp(agent);
  // Zendesk holds the outbound call's record on the ticket the call was planned on, with a 0-second duration.
  const texts = bodies(ended.call.ticket.id);
  assert.ok(
    texts.some((b) => /Type: Outbound Call/.test(b) && b.includes(STRANGER)),
    JSON.stringify(texts),
  );
  assert.ok(
    texts.some((b) => b.includes('Duration 0m 0s')),
    JSON.stringify(texts),
  );
});

test('TR-5 the customer leaves a voicemail: the agent is offered it, the caller hangs up, Zendesk gets a voicemail ticket', async (t) => {
  const agent = await env.agent(t);
  const phone = await env.phone(GRACE);
  await phone.callAgent({ voicemail: true });
  await agent.waitForView((v) => {
    assert.equal(v.screen, 'incoming');
    assert.equal(v.call?.contact?.name, 'Grace Hopper');
    assert.equal(v.call?.sessionType, 'voicemail');
  }, CALL_TIMEOUT);
  // Offered as a voicemail, not as a live call with Answer (issue 18 item 3).
  await seeText(agent.key('title'), 'Voicemail');
  assert.equal(await agent.key('answer').textContent(), 'Take voicemail');
  await phone.waitCall('ringing-out');
  await phone.page.click('[data-testid=phone-cancel]'); // the message is left: the caller hangs up
  await phone.waitCall('ended');
  await agent.waitForView((v) => assert.notEqual(v.screen, 'incoming'), CALL_TIMEOUT);
  await agent.waitForView(allSaved, 30_000);
  const ticketId = await eventually(() => {
    const vm = env.sandbox.standIn
      .state()
      .tickets.filter((x) => x.requester_id === 12 && (x.tags ?? []).some((tag) => /voicemail/.test(tag)));
    assert.equal(vm.length, 1, 'one voicemail ticket');
    return vm[0].id;
  }, CALL_TIMEOUT);
  assert.ok(
    !(env.ticket(ticketId).tags ?? []).some((tag) => /_abandoned$/.test(tag)),
    'a voicemail is not an abandoned call',
  );
  assert.deepEqual(await agent.callIds(), []);
});
