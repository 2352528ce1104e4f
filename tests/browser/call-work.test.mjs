// Issue 18 items 3, 4 and 6 in the sandbox, in the 320 px top bar (D354, D370–D372): one inbound call from Jürgen
// with the language by its name, his other recent tickets on the caller card (one opened with a click), the keypad's
// tones reaching the phone (the simulator's journal), a transfer that asks
// before the caller leaves, the admin's required wrap-up code written on the closing note and as a tag, Open ticket,
// and a bad setting named by its label. One page for all of it; the simulator answers at once, so no clock is needed.
//
// Run: node scripts/build-app.mjs && node --test tests/browser/call-work.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRequestsDocumented,
  bodyOf,
  eventually,
  hangUpAndWrapUp,
  inSession,
  pathOf,
  seeText,
  startEnv,
} from './helpers.mjs';

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

const SETTINGS = {
  wrapUpCodes: 'Resolved\nCallback needed\nWrong number\n---',
  wrapUpCodeRequired: true,
};

// Nothing in the top bar is wider than its 320 px, and no button's label is cut ("Tra…").
async function fitsIn320(s) {
  const frame = s.page.frames().find((f) => f.url().includes('/app/assets/top_bar.html'));
  const report = await frame.evaluate(() => ({
    width: document.documentElement.clientWidth,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    clipped: [...document.querySelectorAll('button')]
      .filter((b) => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
      .map((b) => b.textContent),
  }));
  assert.ok(report.width <= 320, `the top bar is ${report.width} px wide`);
  assert.equal(report.overflow, 0, 'no horizontal scrolling');
  assert.deepEqual(report.clipped, [], 'no clipped button');
  return frame;
}

// The simulator rings a call from Berlin, which the agent answers.
async function answeredCall(s) {
  await s.page.fill('[data-testid=sim-ani]', '+49 30 5550 1234');
  await s.page.fill('[data-testid=sim-attributes]', '{}');
  await s.page.click('[data-testid=sim-ring]');
  await seeText(s.topBar.locator('body'), 'Incoming call');
  await s.key('answer').click();
  await seeText(s.topBar.locator('body'), 'On call');
}

test('issue 18 in the call and its wrap-up at 320 px: keypad, transfer confirmation, language by name, required wrap-up code, Open ticket, settings named by label', async (t) => {
  await inSession(env, t, { settings: SETTINGS }, async (s) => {
    const bar = s.topBar.locator('body');
    // D372: the bad line is reported in the admin's words (the setting's label), before any call.
    await s.openTopBar();
    await seeText(bar, 'The setting “Wrap-up codes” is invalid');

    const p = s.page;
    await p.fill('[data-testid=sim-ani]', '+49 30 5550 1234');
    await p.fill('[data-testid=sim-language]', 'de');
    await p.fill('[data-testid=sim-attributes]', '{}');
    await p.click('[data-testid=sim-ring]');
    assert.equal(await p.getByTestId('sim-error').textContent(), '');
    await seeText(bar, 'Incoming call');
    await seeText(bar, 'German'); // not "de"
    await s.key('answer').click();
    await seeText(bar, 'On call');
    await seeText(s.key('caller'), 'Language: German');
    const frame = await fitsIn320(s);

    // IN-1 caller card (D354): Jürgen's other tickets under the call's own (a new one), newest first, each on one
    // line with its status (the whole subject in its title and accessible name); one click opens that ticket.
    const card = s.topBar.locator('.cti-card-tickets');
    await seeText(card, 'Recent tickets');
    const listed = card.locator('.cti-card-tickets__open');
    assert.deepEqual(await listed.evaluateAll((bs) => bs.map((b) => b.dataset.ticketId)), ['53', '56', '57', '58']);
    const whole = 'Ticket #56 Gutschrift für doppelte Abbuchung im September';
    const long = card.locator('[data-ticket-id="56"]');
    assert.equal(await long.getAttribute('title'), whole);
    assert.equal(await card.getByRole('button', { name: whole }).count(), 1);
    assert.ok(await long.evaluate((b) => b.firstElementChild.scrollWidth > b.firstElementChild.clientWidth), 'cut');
    await seeText(card, 'Solved');
    await seeText(card, 'Closed');
    await p.evaluate(() => (location.hash = ''));
    await card.locator('[data-ticket-id="57"]').click();
    await p.waitForFunction(() => location.hash === '#/tickets/57', null, { timeout: 10_000 });
    await fitsIn320(s);

    // The keypad: folded, then each key a tone the phone hears.
    await s.key('keypadToggle').click();
    for (const k of ['1', '2', '#']) await s.key(`tone-${k}`).click();
    await seeText(s.key('keypadEcho'), '12#');
    await eventually(async () => {
      const calls = await frame.evaluate(() => window.adapterTopBar.simulatorCalls());
      assert.equal(calls.find((c) => c.direction === 'inbound')?.digits, '12#');
    });
    await fitsIn320(s);

    // A transfer is named before it goes; Cancel keeps the caller.
    await s.key('transfer').fill('6');
    await s.key('transferButton').click();
    await seeText(s.key('transferAsk'), 'Transfer the caller to 6?');
    await fitsIn320(s);
    await s.key('transferCancel').click();
    assert.equal(await s.key('transferAsk').count(), 0);
    await seeText(bar, 'On call');

    // Wrap-up: Done waits for the required code; the code goes on the closing note and onto the ticket as a tag.
    await s.key('note').fill('Rückruf am Montag');
    await s.key('hangUp').click();
    await seeText(bar, 'Call ended');
    await seeText(s.key('wrapUpCodes'), 'Wrap-up code (required)');
    assert.equal(await s.key('done').isDisabled(), true);
    await s.topBar.getByRole('radio', { name: 'Callback needed' }).click();
    await eventually(async () => assert.equal(await s.key('done').isEnabled(), true));
    await fitsIn320(s);

    const open = s.key('openTicket');
    const label = await open.textContent();
    const ticketId = Number(/#(\d+)/.exec(label)?.[1]);
    assert.ok(ticketId > 0, `Open ticket names the call's ticket (${label})`);
    await p.evaluate(() => (location.hash = ''));
    await open.click();
    await p.waitForFunction((id) => location.hash === `#/tickets/${id}`, ticketId, { timeout: 10_000 });

    await s.key('done').click();
    const put = await s.waitForRequest(
      (e) =>
        e.method === 'PUT' &&
        pathOf(e) === `/api/v2/tickets/${ticketId}.json` &&
        /Wrap-up: Callback needed/.test(bodyOf(e)?.ticket?.comment?.body ?? ''),
      'the closing note with the wrap-up code',
    );
    const ticket = bodyOf(put).ticket;
    // One closing comment (D334): the call's summary, then the code and the note; no marker (D335).
    assert.match(
      ticket.comment.body,
      /^Call finished \([^)]+\)\.[^\n]*\n\nWrap-up: Callback needed\nAgent note:\nRückruf am Montag$/,
    );
    assert.ok(!ticket.comment.body.includes('[cti-ref:'));
    assert.equal(ticket.comment.public, false);
    assert.ok(ticket.tags.includes('wrapup_callback_needed'), ticket.tags.join(' '));
    assertRequestsDocumented(await s.log());
  });
});

// Issue 18 item 3 (D341–D343) on the same page: the transfer directory at 320 px — the admin's queue (AH-1) and the
// simulator's agents with their availability, chosen with the arrow keys and by searching — in one call: a consult
// with Tom that goes back to the caller (off hold again), then a consult with Alex that is completed (the caller
// leaves for Alex).
test('issue 18 transfer directory at 320 px: arrow keys and search choose; consult then back to the caller; consult then complete', async (t) => {
  const settings = { transferTargets: '[{"id": 2, "name": "Billing", "inBusinessHours": true}]' };
  await inSession(env, t, { settings }, async (s) => {
    const bar = s.topBar.locator('body');
    const p = s.page;
    await s.openTopBar();
    // Consult targets answer at once (the simulated callee's answer time).
    await p.fill('[data-testid=sim-answer-after]', '0');
    await p.click('[data-testid=sim-set-answer]');
    await answeredCall(s);

    // The list: the admin's queue, then the agents, the available first, each with its availability in words.
    const box = s.key('transfer');
    await box.press('ArrowDown');
    const list = s.key('transferList');
    await seeText(list, 'BillingQueue');
    await seeText(list, 'Alex RiveraAvailable');
    await seeText(list, 'Tom BeckerAway');
    let frame = await fitsIn320(s);
    for (let i = 0; i < 3; i++) await box.press('ArrowDown'); // Billing → Alex → Priya → Tom
    await box.press('Enter');
    assert.equal(await box.inputValue(), 'Tom Becker');
    await s.key('consultButton').click();
    await seeText(s.key('consultState'), 'Talking with Tom Becker. The caller is on hold.');
    await seeText(bar, 'On hold');
    await fitsIn320(s);
    // D431: a reload keeps the consult leg (the snapshot; the simulator's journal places it again), and Back to
    // caller still works on it.
    await p.reload();
    await p.waitForSelector('body[data-ready=true]');
    await s.openTopBar();
    await seeText(s.key('consultState'), 'Talking with Tom Becker. The caller is on hold.');
    frame = await fitsIn320(s);
    await eventually(async () => {
      const calls = await frame.evaluate(() => window.adapterTopBar.simulatorCalls());
      assert.equal(String(calls.at(-1)?.consult?.target), '8', 'the leg to Tom placed again after the reload');
    });
    await s.key('consultCancel').click();
    await eventually(async () => assert.equal(await s.key('held').count(), 0, 'the caller is back, off hold'));
    assert.equal(await s.key('consultState').count(), 0);

    // Searching by name, then Consult and Complete: the caller leaves for Alex.
    await box.fill('ale');
    await box.press('ArrowDown');
    await box.press('Enter');
    assert.equal(await box.inputValue(), 'Alex Rivera');
    await s.key('consultButton').click();
    await seeText(s.key('consultState'), 'Talking with Alex Rivera');
    await s.key('consultComplete').click();
    await seeText(bar, 'Transferred');
    const calls = await frame.evaluate(() => window.adapterTopBar.simulatorCalls());
    assert.equal(calls.at(-1).state, 'transferred');
    assert.equal(calls.at(-1).toAgentId, 6);
    await fitsIn320(s);
  });
});

// D433 and D432 on the same page: a telephony backend that keeps no list of agents (the simulator told so) gets the
// account's agents from Zendesk — one listing, availability unknown in words — and the transfer box opened again
// after 10 s asks the connector afresh (its availability shown), without listing Zendesk's users again.
test('D433 transfer directory: agents from Zendesk when the backend keeps none; D432: the box opened 10 s later asks the backend again', async (t) => {
  await inSession(env, t, { clock: true }, async (s) => {
    const p = s.page;
    await s.openTopBar();
    await p.evaluate(() => window.sandbox.simulate('setDirectory', [{ agents: null, queues: [] }]));
    await answeredCall(s);

    const box = s.key('transfer');
    await box.press('ArrowDown');
    const list = s.key('transferList');
    await seeText(list, 'Kim SupervisorAvailability unknown'); // the account's admin; Sam, the agent, not listed
    const listings = async () =>
      (await s.log()).filter((e) => e.method === 'GET' && pathOf(e) === '/api/v2/users.json').length;
    assert.equal(await listings(), 1);

    await p.evaluate(() =>
      window.sandbox.simulate('setDirectory', [
        { agents: [{ id: 6, name: 'Kim Supervisor', availability: 'wrapUp' }], queues: [] },
      ]),
    );
    await s.context.clock.fastForward(10_000);
    await box.press('Escape');
    await box.blur();
    await box.focus(); // the agent turns to the transfer box again: the backend is asked (the answer is 10 s old)
    await box.press('ArrowDown');
    await seeText(list, 'Kim SupervisorWrap-up'); // D435: in her wrap-up, in the words of the agent's own status
    assert.equal(await listings(), 1, 'Zendesk’s users are not listed again');
    assertRequestsDocumented(await s.log());
  });
});

// Issue 18 item 4 (D420–D422) on the same page: Kari (+47 22 55 50 10) has an open billing ticket, 54, which the
// call joins (TR-3). The answer's PUT reopens and assigns without a comment; the call's standard data, its summary,
// the code and the agent's note are ONE comment, written at Done; with Talk Partner Edition on, the call is recorded
// in TPE's call object with the chosen code as its disposition (the stand-in checks the mandatory fields as Zendesk
// does). Zendesk's first answer to the record is a 500: the comment does not wait for it, the record is listed as
// failed with why a Retry could record it twice, and the agent's Retry records it once.
test('issue 18 one comment on an existing ticket, and the TPE call record with the wrap-up code', async (t) => {
  await inSession(
    env,
    t,
    { settings: { useTalkPartnerEdition: true, wrapUpCodes: 'Resolved\nCallback needed' } },
    async (s) => {
      const bar = s.topBar.locator('body');
      const p = s.page;
      await s.openTopBar();
      await p.fill('[data-testid=sim-ani]', '+47 22 55 50 10');
      await p.fill('[data-testid=sim-queue-id]', 'billing');
      await p.fill('[data-testid=sim-attributes]', '{}');
      await p.click('[data-testid=sim-ring]');
      assert.equal(await p.getByTestId('sim-error').textContent(), '');
      await seeText(bar, 'Incoming call');
      await s.key('answer').click();
      await seeText(bar, 'On call');
      const atAnswer = await s.waitForRequest(
        (e) => e.method === 'PUT' && pathOf(e) === '/api/v2/tickets/54.json' && e.status < 300,
        "the answer's update of ticket 54",
      );
      assert.equal(bodyOf(atAnswer).ticket.assignee_id, 5); // TR-10
      assert.equal(bodyOf(atAnswer).ticket.status, 'open');
      assert.equal(bodyOf(atAnswer).ticket.comment, undefined); // no comment while the call lasts

      await s.key('note').fill('Refund agreed.');
      await s.key('hangUp').click();
      await seeText(bar, 'Call ended');
      await s.topBar.getByRole('radio', { name: 'Resolved' }).click();
      await env.sandbox.standIn.setFaults({ status500: { everyNth: 1, match: 'POST /api/v2/calls' } });
      await s.key('done').click();
      const isRecord = (e) => e.method === 'POST' && pathOf(e) === '/api/v2/calls.json';
      const refused = await s.waitForRequest(isRecord, "the call's record in TPE's call object");
      assert.equal(refused.status, 500);
      const call = bodyOf(refused).call;
      assert.deepEqual([call.call_disposition, call.ticket_id, call.direction], ['Resolved', 54, 'inbound']);
      assert.equal(call.app_id, 1); // ZAF's metadata().appId

      // What the agent wrote does not wait for the record: one comment, with the code and the note.
      const isComment = (e) =>
        e.method === 'PUT' && pathOf(e) === '/api/v2/tickets/54.json' && bodyOf(e)?.ticket?.comment;
      const landed = await s.waitForRequest((e) => isComment(e) && e.status < 300, 'the one comment');
      const body = bodyOf(landed).ticket.comment.body;
      assert.match(body, /^Call ID: /); // who called, the number, when: the standard data first …
      assert.match(body, /\+4722555010/);
      assert.match(body, /\n\nCall finished \(/); // … then how the call went, the code and the note
      assert.match(body, /\n\nWrap-up: Resolved\nAgent note:\nRefund agreed\.$/);
      assert.equal((await s.log()).filter(isComment).length, 1, 'one comment for the call');

      // The record is listed as failed, saying why a Retry could record the call twice; Retry records it.
      await seeText(bar, '1 failed');
      const item = s.topBar.locator('[data-key$="/callRecord"]');
      await seeText(item, 'Call record');
      await seeText(item, 'may be recorded already');
      await env.sandbox.standIn.setFaults({ status500: null });
      await item.locator('[data-key=retry]').click();
      await seeText(bar, 'All changes saved');
      const records = (await s.log()).filter(isRecord);
      assert.deepEqual(
        records.map((e) => e.status),
        [500, 201],
      );
      assert.deepEqual(bodyOf(records[1]), bodyOf(refused)); // the same record, sent again only when asked
      assert.equal(env.sandbox.standIn.state().calls.length, 1);

      // D391: an outbound call is recorded too, from the line the simulator names (its support line) to Ada.
      await s.key('dialPad').click();
      await s.key('number').fill('+1 415 555 0100');
      await s.key('number').press('Enter');
      await s.key('contact-7').click();
      await eventually(async () => assert.equal(await s.key('call').isEnabled(), true));
      await s.key('call').click();
      await seeText(bar, 'On call');
      await s.key('hangUp').click();
      await s.topBar.getByRole('radio', { name: 'Callback needed' }).click();
      await s.key('done').click();
      const outbound = await s.waitForRequest(
        (e) => isRecord(e) && bodyOf(e).call.direction === 'outbound',
        "the outbound call's record",
      );
      const { from_line: fromLine, to_line: toLine, call_disposition: code } = bodyOf(outbound).call;
      assert.deepEqual([fromLine, toLine, code], ['+18005550100', '+14155550100', 'Callback needed']);
      assertRequestsDocumented(await s.log());
    },
  );
});

// TR-8 (D445) in the sandbox: Hang up and call back on Jürgen's call. The call is hung up, the dial pad opens with his
// number and the call's ticket, saying before Call that the callback joins that ticket (TR-8), and the callback's
// dial is written there — with FO-1a on, which would otherwise make a new ticket for an outbound call.
test('TR-8: Hang up and call back opens the dial pad on the call’s ticket, says so, and the callback is written there', async (t) => {
  await inSession(env, t, { settings: { doNotAppendToOpenTicket: true } }, async (s) => {
    const bar = s.topBar.locator('body');
    await s.openTopBar();
    await answeredCall(s);
    await seeText(s.key('ticket'), '#');
    const ticketId = Number(/#(\d+)/.exec(await s.key('ticket').textContent())?.[1]);
    assert.ok(ticketId > 0, 'the call has its ticket');
    await fitsIn320(s);

    await s.key('callBack').click();
    await seeText(bar, 'call back on ticket');
    await seeText(bar, `#${ticketId}`);
    await fitsIn320(s);
    await eventually(async () => assert.equal(await s.key('call').isEnabled(), true));
    const creates = (await s.log()).filter((e) => e.method === 'POST' && pathOf(e) === '/api/v2/tickets.json').length;
    await s.key('call').click();
    // A call joining a ticket writes its one comment when the agent is done with it (D420).
    await hangUpAndWrapUp(s, ticketId);
    const put = await s.waitForRequest(
      (e) =>
        e.method === 'PUT' &&
        pathOf(e) === `/api/v2/tickets/${ticketId}.json` &&
        /Outbound Call/.test(bodyOf(e)?.ticket?.comment?.body ?? ''),
      `the callback's comment on ticket #${ticketId}`,
    );
    assert.match(bodyOf(put).ticket.comment.body, /Outbound Call/);
    const createsAfter = (await s.log()).filter(
      (e) => e.method === 'POST' && pathOf(e) === '/api/v2/tickets.json',
    ).length;
    assert.equal(createsAfter, creates, 'no new ticket for the callback');
    assertRequestsDocumented(await s.log());
  });
});
