// Browser tests of "transfers, reloads and shared numbers keep the call's facts": the real app in the
// sandbox workspace, in headless Chromium, driven through the agent's controls and the workspace's telephony
// controls. Each test reproduces one failure a tester met and asserts what the agent sees (duration, caller name,
// ticket subject) and what the Zendesk stand-in received (the call-finished comment, the assignee).
//
// Waits are on what the app shows (the view model through window.adapterTopBar, read-only), never sleeps.
//
// Run: node scripts/build-app.mjs && node --test tests/browser/call-facts.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRequestsDocumented,
  bodyOf,
  eventually,
  inSession,
  pathOf,
  ringFrom,
  screenshot,
  SEE_TIMEOUT,
  seeText,
  startEnv,
  topBarFrame,
} from './helpers.mjs';

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

const GRACE = '+1 415 555 0199'; // Grace Hopper (user 12), the only contact with this number
const SHARED = '+1 415 555 0100'; // Ada Lovelace (7) and user 8 share it (TR-2)
const KIM = 6; // another agent (Kim Supervisor): the transfer's receiving agent
const DURATION_FIELD = 360002; // "Call duration (seconds)" in the seed
const UNKNOWN = 'Unknown caller';
const NO_SUBJECT = '(no subject)';
const RECORDING = 'https://recordings.example.com/cc/grace-1.mp3'; // the contact centre's link to a call's recording

// ---- helpers ------------------------------------------------------------------------------------------------------
const flow = (t, options, body) => inSession(env, t, options, body);

/** Waits until `check(view)` holds (it throws while not); returns the view. */
async function waitForView(page, check, timeout = SEE_TIMEOUT) {
  return eventually(async () => {
    const frame = await topBarFrame(page);
    const view = await frame.evaluate(() => window.adapterTopBar.view());
    check(view);
    return view;
  }, timeout);
}

const allSaved = (view) => {
  assert.equal(view?.sync?.pending, 0, 'writes pending');
  assert.equal(view?.sync?.failed, 0, 'writes failed');
};
// A live call on an existing ticket: all is saved but its one comment, held in the outbox until its end (D420).
const savedButItsComment = (view) => {
  assert.equal(view?.sync?.failed, 0, 'writes failed');
  assert.deepEqual(
    view?.sync?.writes?.map((w) => [w.state, w.attempts]),
    [['pending', 0]],
    "only the call's comment waits",
  );
};

async function openPopover(page) {
  if ((await page.getAttribute('[data-testid=topbar-popover]', 'data-open')) !== 'true')
    await page.click('[data-testid=topbar-app-icon]');
  await page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });
}

/** A caller rings through the workspace's telephony controls, and the popover opens for it. */
async function ringAndOpen(page, ani) {
  const id = await ringFrom(page, ani);
  await page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });
  return id;
}

/** Rings from `ani`, answers, and waits until the call has its ticket and everything is saved. */
async function answeredCall(s, ani) {
  await ringAndOpen(s.page, ani);
  await waitForView(s.page, (v) => assert.equal(v.screen, 'incoming'));
  await s.key('answer').click();
  return waitForView(s.page, (v) => {
    assert.equal(v.call?.state, 'connected');
    assert.ok(v.call?.ticket?.id, 'the call has its ticket');
    allSaved(v);
  });
}

/** The comments Zendesk now holds on the ticket, oldest first. */
const commentsOn = (ticketId) => env.sandbox.standIn.state().comments?.[ticketId] ?? [];
const bodiesWith = (ticketId, text) => commentsOn(ticketId).filter((c) => String(c?.body ?? '').includes(text));
const ticketInZendesk = (ticketId) => env.sandbox.standIn.state().tickets.find((x) => x.id === ticketId);

/** After a reload: the app is back (leader again) and shows `screen`. */
async function reloaded(page, screen) {
  await page.reload();
  await page.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
  const view = await waitForView(page, (v) => assert.equal(v.screen, screen));
  await openPopover(page);
  return view;
}

/** What the agent sees of the caller and the ticket: the name (never "Unknown caller") and the subject. */
async function seeCallerAndTicket(s, name, subject) {
  await seeText(s.key('caller'), name);
  await seeText(s.key('ticket'), subject);
  assert.ok(!(await s.key('caller').textContent()).includes(UNKNOWN), 'the caller is not "Unknown caller"');
  assert.ok(!(await s.key('ticket').textContent()).includes(NO_SUBJECT), 'the ticket keeps its subject');
}

// ---- after a transfer: duration and the call-finished record ------------------------------------------------------
test("SF-2/TR-11/TR-10 transfer: the wrap-up shows the call's duration; Zendesk gets the call-finished note once and the receiving agent as assignee", async (t) => {
  await flow(t, { settings: { fieldMap: JSON.stringify({ duration: DURATION_FIELD }) } }, async (s) => {
    const connected = await answeredCall(s, GRACE);
    const ticketId = connected.call.ticket.id;
    await seeText(s.key('elapsed'), '0:02'); // two seconds on the call

    await s.key('transfer').fill(String(KIM));
    await s.key('transferButton').click();
    await s.key('transferConfirm').click(); // the transfer is named before it goes (issue 18, D370)
    const wrapUp = await waitForView(s.page, (v) => assert.equal(v.screen, 'wrapUp'));
    // What the agent sees: the time on the call, not 0:00.
    assert.ok(wrapUp.call.durationSec >= 2, `duration ${wrapUp.call.durationSec} s`);
    const shown = await seeText(s.key('duration'), 'Duration');
    assert.ok(!shown.includes('0:00'), `the wrap-up shows ${JSON.stringify(shown)}`);
    await screenshot(s.page, `${t.name} (wrap-up)`);

    await s.key('note').fill('Passed to Kim for the refund');
    await s.key('done').click();
    await waitForView(
      s.page,
      (v) => {
        assert.equal(v.screen, 'main');
        allSaved(v);
      },
      30_000,
    );

    // What Zendesk received: the call-finished note once, with the duration; the SF-2 field; then the transfer
    // and the receiving agent as the ticket's assignee, which the wrap-up note did not undo.
    const finished = bodiesWith(ticketId, 'Call finished (');
    assert.equal(finished.length, 1, 'one call-finished note');
    assert.match(finished[0].body, /Duration 0m [0-9]+s \(hold included\)/);
    assert.equal(bodiesWith(ticketId, `Call transferred to agent ${KIM}.`).length, 1);
    assert.equal(bodiesWith(ticketId, 'Passed to Kim for the refund').length, 1);
    const ticket = ticketInZendesk(ticketId);
    assert.equal(ticket.assignee_id, KIM, 'TR-10: assigned to the receiving agent');
    const duration = ticket.custom_fields.find((f) => f.id === DURATION_FIELD)?.value;
    assert.equal(String(duration), String(wrapUp.call.durationSec), 'SF-2: the duration field');
    const log = await s.log();
    const assignments = log.filter(
      (e) =>
        e.method === 'PUT' &&
        pathOf(e) === `/api/v2/tickets/${ticketId}.json` &&
        bodyOf(e)?.ticket?.assignee_id !== undefined,
    );
    assert.equal(bodyOf(assignments.at(-1)).ticket.assignee_id, KIM, "the last assignment written is the transfer's");
    assertRequestsDocumented(log);
  });
});

// ---- a reload during wrap-up: caller and subject ---------------------------------------------------------------
test("reload during wrap-up: the caller's name, the ticket's subject and the duration stay; the call's one closing comment has the note and the recording, no marker (D334, D335)", async (t) => {
  await flow(t, {}, async (s) => {
    const connected = await answeredCall(s, GRACE);
    const ticketId = connected.call.ticket.id;
    const subject = ticketInZendesk(ticketId).subject;
    const earlier = commentsOn(ticketId).length;
    await seeText(s.key('elapsed'), '0:01');
    // The caller hangs up; the contact centre gives its recording of the call.
    await s.page.fill('[data-testid=sim-recording-url]', RECORDING);
    await s.page.click('[data-testid=sim-hang-up]');
    const wrapUp = await waitForView(s.page, (v) => {
      assert.equal(v.screen, 'wrapUp');
      // The call's closing comment waits for the agent's note: pending, never "saved" before Zendesk has it.
      assert.equal(v.sync.pending, 1, 'the closing comment waits for the wrap-up');
      assert.notEqual(v.sync.state, 'saved');
    });
    await seeCallerAndTicket(s, 'Grace Hopper', subject);
    await s.key('note').fill('Reload-proof note');
    await waitForView(s.page, (v) => assert.equal(v.call?.note, 'Reload-proof note'));

    const back = await reloaded(s.page, 'wrapUp');
    await screenshot(s.page, `${t.name} (after reload)`);
    assert.equal(back.call.contact?.name, 'Grace Hopper');
    assert.equal(back.call.ticket?.subject, subject);
    assert.equal(back.call.durationSec, wrapUp.call.durationSec, 'the same duration');
    await seeCallerAndTicket(s, 'Grace Hopper', subject);
    assert.equal(await s.key('note').inputValue(), 'Reload-proof note');

    await s.key('done').click();
    await waitForView(
      s.page,
      (v) => {
        assert.equal(v.screen, 'main');
        allSaved(v);
      },
      30_000,
    );
    // One comment for the call's end: its summary, the recording as a link with its length, the agent's note.
    const added = commentsOn(ticketId).slice(earlier);
    assert.equal(added.length, 1, `one closing comment: ${JSON.stringify(added.map((c) => c.body))}`);
    const closing = String(added[0].body);
    assert.match(closing, /^Call finished \(/);
    const d = wrapUp.call.durationSec;
    const length = `${Math.floor(d / 60)}:${String(d % 60).padStart(2, '0')}`; // "0:01", as players show it
    assert.ok(closing.includes(`Recording (${length}): ${RECORDING}`), closing);
    assert.match(closing, /Agent note:\nReload-proof note$/);
    assert.equal(added[0].public, false, 'a private comment');
    for (const c of commentsOn(ticketId)) assert.ok(!String(c.body).includes('[cti-ref:'), 'no marker in the ticket');
  });
});

// ---- a reload mid-call, inbound and outbound -----------------------------------------------------------------------
test("reload mid-call, inbound: the caller's name and the ticket's subject stay", async (t) => {
  await flow(t, {}, async (s) => {
    const connected = await answeredCall(s, GRACE);
    const subject = ticketInZendesk(connected.call.ticket.id).subject;
    await seeCallerAndTicket(s, 'Grace Hopper', subject);
    const back = await reloaded(s.page, 'call');
    assert.equal(back.call.contact?.name, 'Grace Hopper');
    assert.equal(back.call.ticket?.subject, subject);
    await seeCallerAndTicket(s, 'Grace Hopper', subject);
  });
});

test("reload mid-call, outbound (click-to-call Ada): the contact's name and the ticket's subject stay", async (t) => {
  await flow(t, { hash: '#/users/7' }, async (s) => {
    await seeText(s.page.getByTestId('user-name'), 'Ada Lovelace');
    await s.page.click('[data-testid=click-to-call][data-user-id="7"]');
    await s.page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });
    await eventually(async () => assert.equal(await s.key('call').isEnabled(), true));
    await s.key('call').click();
    const connected = await waitForView(s.page, (v) => {
      assert.equal(v.call?.state, 'connected');
      assert.ok(v.call?.ticket?.id);
      savedButItsComment(v);
    });
    const subject = ticketInZendesk(connected.call.ticket.id).subject;
    await seeCallerAndTicket(s, 'Ada Lovelace', subject);
    const back = await reloaded(s.page, 'call');
    assert.equal(back.call.contact?.name, 'Ada Lovelace');
    assert.equal(back.call.ticket?.subject, subject);
    await seeCallerAndTicket(s, 'Ada Lovelace', subject);
  });
});

// ---- a shared number: the agent chooses the contact ------------------------------------------------------------
test('TR-2/TR-10 shared number: the agent answers and chooses Ada; her ticket is created, assigned to the agent and shown', async (t) => {
  await flow(t, {}, async (s) => {
    await ringAndOpen(s.page, SHARED);
    await waitForView(s.page, (v) => assert.equal(v.screen, 'incoming'));
    await s.key('answer').click();
    await waitForView(s.page, (v) => {
      assert.equal(v.call?.state, 'connected');
      assert.equal(v.call?.contactOptions?.length, 2, 'the agent is asked who is calling');
    });
    await s.key('contact-7').click();
    const linked = await waitForView(s.page, (v) => {
      assert.ok(v.call?.ticket?.id, 'the call has its ticket while it lasts');
      allSaved(v);
    });
    const ticketId = linked.call.ticket.id;
    await seeText(s.key('caller'), 'Ada Lovelace');
    await seeText(s.key('ticket'), `#${ticketId}`);
    await s.page.waitForFunction((id) => location.hash === `#/tickets/${id}`, ticketId, { timeout: SEE_TIMEOUT });

    await s.key('hangUp').click();
    await waitForView(s.page, (v) => assert.equal(v.screen, 'wrapUp'));
    await s.key('done').click();
    await waitForView(
      s.page,
      (v) => {
        assert.equal(v.screen, 'main');
        allSaved(v);
      },
      30_000,
    );

    const ticket = ticketInZendesk(ticketId);
    assert.equal(ticket.requester_id, 7, 'on the contact the agent chose');
    assert.equal(ticket.assignee_id, 5, 'TR-10: assigned to the agent who answered');
    // D334: the ticket the call created holds the call's data as its description; without a note, code or
    // recording no closing comment repeats that the call finished.
    assert.equal(bodiesWith(ticketId, 'Call finished (').length, 0);
    assertRequestsDocumented(await s.log());
  });
});
