// Real calls when things move or break: a blind transfer between two agents' browsers, the SIP server
// crashing mid-call and coming back, and credentials replaced before they expire or refused after a rotation.
// Kamailio, the customer phone and the app are real (see sip-calls.test.mjs); each test asserts what the agents saw,
// what the customer's phone saw, and what Zendesk received.
//
// Run: node scripts/build-app.mjs && node --test tests/browser/sip-resilience.test.mjs
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { assertRequestsDocumented, eventually, seeText } from './helpers.mjs';
import { CALL_TIMEOUT, finishWrapUp, growth, startSipEnv } from './sip-helpers.mjs';

const GRACE = '+14155550199'; // Grace Hopper (user 12)
const KIM = 6; // the second agent

let env;
before(async () => {
  env = await startSipEnv();
});
afterEach(async () => {
  await env?.closePages();
  if (!env.sandbox.sip.running()) await env.sandbox.sip.restart();
  await env.post('cti', { credentialLifetimeSec: 600 });
});
after(async () => {
  await env?.close();
});

const bodies = (ticketId) => env.comments(ticketId).map((c) => String(c?.body ?? ''));
const credentialFetches = () =>
  env.sandbox.zafProxy.journal().filter((e) => e.url.endsWith('/sip/credentials') && e.status === 200);

/** Grace calls `agent`, who answers; returns the connected view. */
async function answered(agent, phone) {
  await phone.callAgent();
  await agent.waitForView((v) => {
    assert.equal(v.screen, 'incoming');
    assert.equal(v.call?.contact?.name, 'Grace Hopper');
  }, CALL_TIMEOUT);
  await agent.key('answer').click();
  await phone.waitCall('connected');
  return agent.waitForView((v) => {
    assert.equal(v.call?.state, 'connected');
    assert.ok(v.call?.ticket?.id);
    // Nothing failed; the call's one comment on Grace's ticket waits for its end, pending, never "saved" (D420).
    assert.equal(v.sync?.failed, 0, 'writes failed');
  }, CALL_TIMEOUT);
}

// Issue 18 item 3 on real SIP (D341, D342), on the blind-transfer test's pages (no new browsers: the CI budget): the
// directory from the registrar (Kim registered: available), a consult call that shows Kim the caller, then the
// attended transfer — REFER with Replaces through Kamailio: the customer's phone replaces the consult leg at Kim's,
// whose call goes on under the same id with the customer's audio. First a consult Sam cancels while Kim's phone
// rings (D430): nothing of it at Kim's — no wrap-up, no recent call, nothing written to Zendesk. The agents' states
// reach the sandbox's backend (D434): busy on a call, wrapUp in the wrap-up (D435), available again after it.
async function consultThenComplete(sam, kim, phone) {
  const cti = env.sandbox.cti;
  await answered(sam, phone);
  await eventually(() => assert.equal(cti.status(KIM), 'available', 'Kim is free again after her wrap-up'));
  await eventually(() => assert.equal(cti.status(5), 'busy', 'Sam is on a call'));
  await sam.waitForView((v) => {
    const kimEntry = v.call?.transfer?.targets?.find((x) => x.id === String(KIM));
    assert.equal(kimEntry?.availability, 'available');
    assert.equal(v.call.transfer.can.conference, false, 'the sip connector does not mix (D343)');
  }, CALL_TIMEOUT);
  const writes = async () => (await env.log()).filter((e) => e.method !== 'GET').length;
  const kimsRecent = ((await kim.view()).recentCalls ?? []).length;
  const writesBefore = await writes();
  await sam.key('transfer').fill(String(KIM));
  await sam.key('consultButton').click();
  await kim.waitForView((v) => assert.equal(v.screen, 'incoming'), CALL_TIMEOUT);
  await sam.key('consultCancel').click();
  await kim.waitForView((v) => {
    assert.equal(v.screen, 'main');
    assert.equal((v.recentCalls ?? []).length, kimsRecent, 'no call of the consult to call back');
  }, CALL_TIMEOUT);
  await sam.waitForView((v) => assert.equal(v.call?.held, false), CALL_TIMEOUT);
  assert.equal(await writes(), writesBefore, 'nothing written for a consult that was cancelled');

  await sam.key('transfer').fill(String(KIM));
  await sam.key('consultButton').click();

  // Kim's phone rings with Grace's call data (X-Consult-Caller); she answers and talks with Sam.
  await kim.waitForView((v) => {
    assert.equal(v.screen, 'incoming');
    assert.equal(v.call?.number?.e164, GRACE);
  }, CALL_TIMEOUT);
  await kim.key('answer').click();
  await sam.waitForView((v) => {
    assert.equal(v.call?.transfer?.consult?.state, 'connected');
    assert.equal(v.call?.held, true);
  }, CALL_TIMEOUT);
  await eventually(() => assert.equal(cti.status(KIM), 'busy', 'Kim is on the consult call'));
  const kimsCall = (await kim.callIds())[0];

  const transfersBefore = (await phone.state()).transfers;
  await sam.key('consultComplete').click();
  await sam.waitForView((v) => assert.equal(v.call?.endReason, 'transferred'), CALL_TIMEOUT);
  // Grace's phone followed the REFER (with Replaces): Kim's consult leg became Grace's call, same id, media flowing.
  await eventually(async () => assert.equal((await phone.state()).transfers, transfersBefore + 1), CALL_TIMEOUT);
  await growth(async () => (await kim.stats(kimsCall)).inboundBytes);
  assert.deepEqual(await kim.callIds(), [kimsCall]);
  assert.equal((await kim.view()).call?.state, 'connected');
  assert.deepEqual(await sam.callIds(), []);
  const ticketId = (await sam.view()).call?.ticket?.id;
  await finishWrapUp(sam);
  await kim.key('hangUp').click();
  await phone.waitCall('ended');
  // The consult call became Grace's call at Kim's (D430): wrapped up and recorded as hers, the ticket assigned to her.
  await kim.waitForView((v) => assert.equal(v.screen, 'wrapUp'), CALL_TIMEOUT);
  await eventually(() => assert.equal(cti.status(KIM), 'wrapUp', 'the backend knows Kim is in her wrap-up (D435)'));
  await finishWrapUp(kim);
  await eventually(() => assert.equal(env.ticket(ticketId).assignee_id, KIM), 10_000);
}

test('TR-10 blind transfer to a second agent: the customer is connected to Kim, whose browser rings; the ticket is assigned to Kim; then a consult transfer (D342)', async (t) => {
  const sam = await env.agent(t);
  const kim = await env.agent(t, { agentId: KIM, resetFirst: false });
  const phone = await env.phone(GRACE);
  const connected = await answered(sam, phone);
  const ticketId = connected.call.ticket.id;

  await sam.key('transfer').fill(String(KIM));
  await sam.key('transferButton').click();
  await sam.key('transferConfirm').click(); // the transfer is named before it goes (issue 18, D370)

  // Kim's browser rings with the same caller; she answers and talks to the customer.
  await kim.page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: CALL_TIMEOUT });
  await kim.waitForView((v) => {
    assert.equal(v.screen, 'incoming');
    assert.equal(v.call?.number?.e164, GRACE);
    assert.equal(v.call?.contact?.name, 'Grace Hopper');
  }, CALL_TIMEOUT);
  await kim.key('answer').click();
  await kim.waitForView((v) => assert.equal(v.call?.state, 'connected'), CALL_TIMEOUT);
  await growth(async () => (await kim.stats()).inboundBytes);
  assert.equal((await phone.state()).transfers, 1, 'the customer phone followed the REFER');

  // Sam's leg ended as a transfer: his wrap-up says so and his connector holds no call.
  await sam.waitForView((v) => {
    assert.equal(v.screen, 'wrapUp');
    assert.equal(v.call?.endReason, 'transferred');
  }, CALL_TIMEOUT);
  await seeText(sam.key('outcome'), 'Transferred');
  assert.deepEqual(await sam.callIds(), []);
  await finishWrapUp(sam);

  // Kim hangs up; Zendesk: the call's ticket ends assigned to Kim (TR-10: the agent who has the customer now).
  await kim.key('hangUp').click();
  await phone.waitCall('ended');
  await kim.waitForView((v) => assert.equal(v.screen, 'wrapUp'));
  await finishWrapUp(kim);
  const kimsTicket = (await kim.view()).call?.ticket?.id ?? ticketId;
  await eventually(
    () => assert.equal(env.ticket(ticketId).assignee_id, KIM, `ticket ${ticketId} assigned to Kim`),
    10_000,
  );
  assert.equal(kimsTicket, ticketId, "Kim's call joined the transferred call's ticket");
  assertRequestsDocumented(await env.log());

  await consultThenComplete(sam, kim, phone);
});

test('the SIP server crashes mid-call: the agent sees the phone offline and the call failed, keeps the note, and is back when the server is', async (t) => {
  const agent = await env.agent(t);
  const phone = await env.phone(GRACE);
  const connected = await answered(agent, phone);
  const ticketId = connected.call.ticket.id;
  await agent.key('note').fill('Refund promised, call back Friday');

  await env.sandbox.sip.crash();
  // The agent: the connector offline, the call ended `failed`, the wrap-up says so, the note still there.
  const failed = await agent.waitForView((v) => {
    assert.equal(v.connector?.state, 'offline');
    assert.equal(v.screen, 'wrapUp');
    assert.equal(v.call?.endReason, 'failed');
  }, CALL_TIMEOUT);
  assert.equal(failed.call.note, 'Refund promised, call back Friday');
  await seeText(agent.key('outcome'), 'The call failed');
  assert.deepEqual(await agent.callIds(), []);
  await phone.waitCall('ended'); // the customer's phone lost the call too

  // The server comes back: the agent's phone registers again by itself, and calls work again.
  await env.sandbox.sip.restart();
  await agent.waitRegistered(45_000);
  await agent.waitForView((v) => assert.equal(v.connector?.state, 'online'));
  await finishWrapUp(agent);
  assert.ok(
    bodies(ticketId).some((b) => b.includes('Refund promised, call back Friday')),
    "the agent's note reached Zendesk",
  );

  await phone.page.waitForSelector('body[data-registration=registered]', { timeout: 45_000 });
  await phone.callAgent();
  await agent.waitForView((v) => assert.equal(v.screen, 'incoming'), CALL_TIMEOUT);
});

test('credentials are replaced before they expire, and fetched again when the server refuses them', async (t) => {
  // Short-lived credentials (35 s): the app fetches new ones about every 5 s (30 s before expiry) and registers
  // with them, without going offline.
  await env.post('cti', { credentialLifetimeSec: 35 });
  const agent = await env.agent(t);
  const fetchesBefore = credentialFetches().length;
  await eventually(
    () =>
      assert.ok(
        credentialFetches().length >= fetchesBefore + 2,
        `${credentialFetches().length - fetchesBefore} fetches`,
      ),
    15_000,
    250,
  );
  assert.deepEqual(await agent.registration(), { online: true, code: null });
  for (const e of credentialFetches()) assert.ok(e.secure, 'through the proxy as a secure request');
  assert.ok(
    !JSON.stringify(env.sandbox.zafProxy.journal()).includes(env.sandbox.sip.secret),
    'no secret in the journal',
  );

  // The contact center rotates its secret: every credential issued before is refused (like expired ones). The
  // app's REGISTER gets 403, it fetches new credentials once, and is registered again.
  await env.post('cti', { credentialLifetimeSec: 600 });
  const beforeRotation = credentialFetches().length;
  await env.sandbox.sip.restart({ rotateSecret: true });
  await agent.waitRegistered(45_000);
  assert.ok(credentialFetches().length > beforeRotation, 'new credentials were fetched');

  // And a call works on them: the agent dials the customer, who answers.
  const phone = await env.phone(GRACE, { autoAnswer: true });
  await agent.openPopover();
  await agent.key('dialPad').click();
  await agent.key('number').fill(GRACE);
  await agent.key('number').press('Enter');
  await seeText(agent.key('contacts'), 'Grace Hopper');
  await agent.key('call').click();
  await phone.waitCall('connected');
  await agent.waitForView((v) => assert.equal(v.call?.state, 'connected'), CALL_TIMEOUT);
});
