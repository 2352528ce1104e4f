// Hostile data in one record never takes the console down, in the sandbox: a contact whose name holds an
// unpaired UTF-16 surrogate (half an emoji; JSON allows it as an escape, JavaScript as a string, UTF-8 not at all).
// The core used to refuse every event carrying that name as "malformed JSON": the inbound call stayed "Unknown
// caller" with nothing written, the abandoned call left no record, the Call menu never found its contact.
// Now the agent sees the name with U+FFFD and Zendesk receives every write.
//
// Run: node scripts/build-app.mjs && node --test tests/browser/hostile-text.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRequestsDocumented,
  bodyOf,
  eventually,
  hangUpAndWrapUp,
  pathOf,
  seeText,
  startEnv,
  SEE_TIMEOUT,
} from './helpers.mjs';

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

const NUMBER = '+1 312 555 0147';
const SHOWN_NAME = 'Rosa \ufffd Parks';

/** A request to the stand-in as another Zendesk client would send it; `json` is JSON text, sent as it is. */
async function standIn(method, url, json) {
  const res = await fetch(`${env.url}${url}`, { method, headers: { 'content-type': 'application/json' }, body: json });
  assert.ok(res.ok, `${method} ${url}: HTTP ${res.status}`);
  return res.json();
}

const ticketWrites = (log) =>
  log.filter(
    (e) => ['POST', 'PUT'].includes(e.method) && /^\/api\/v2\/tickets(\/\d+)?\.json$/.test(pathOf(e)) && e.status < 300,
  );
const commentOf = (entry) => bodyOf(entry)?.ticket?.comment?.body ?? '';

test('Hostile text: a contact named with half an emoji: the call shows U+FFFD, the abandoned call and a Call-menu dial are written', async (t) => {
  const s = await env.newSession(t);
  try {
    // The contact and one open ticket of theirs, made through the stand-in's API. "\ud83d" is JSON's escape of the
    // lone surrogate: the stand-in keeps it and serves it back in every answer, as Zendesk would.
    const { user } = await standIn(
      'POST',
      '/api/v2/users.json',
      `{"user": {"name": "Rosa \\ud83d Parks", "phone": "${NUMBER}", "role": "end-user"}}`,
    );
    assert.equal(user.name, 'Rosa \ud83d Parks', 'the stand-in holds the lone surrogate');
    const { ticket } = await standIn(
      'POST',
      '/api/v2/tickets.json',
      JSON.stringify({
        ticket: {
          requester_id: user.id,
          subject: 'Bus pass renewal',
          comment: { body: 'Asked about her bus pass.' },
          status: 'open',
        },
      }),
    );
    // Zendesk's search lists a new user only once indexed (the stand-in: 60 s): she became a customer a minute ago.
    await standIn('POST', '/sandbox/clock', '{"advanceMs": 60000}');
    // The workspace reads its lists once: load it again to show the new ticket; then only the app's requests count.
    await s.page.reload();
    await s.page.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
    env.sandbox.standIn.clearLog();
    const bar = s.topBar.locator('body');

    // An inbound call from her number: the agent sees who is calling.
    const p = s.page;
    await p.fill('[data-testid=sim-ani]', NUMBER);
    await p.fill('[data-testid=sim-attributes]', '{}');
    await p.click('[data-testid=sim-ring]');
    assert.equal(await p.getByTestId('sim-error').textContent(), '');
    await p.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });
    await seeText(bar, 'Incoming call');
    await seeText(bar, SHOWN_NAME);
    assert.ok(!(await bar.textContent()).includes('could not handle'), 'no "malformed JSON" error for the agent');
    const callWrite = await s.waitForRequest((e) => ticketWrites([e]).length === 1, "the call's ticket write");
    assert.match(commentOf(callWrite), /Type: IVR Call/);

    // TR-6: she hangs up before the agent answers: the abandoned call is recorded.
    await p.click('[data-testid=sim-abandon]');
    assert.equal(await p.getByTestId('sim-error').textContent(), '');
    await s.waitForRequest(
      (e) =>
        ticketWrites([e]).length === 1 &&
        // the create's description, or a comment on the ticket the ring created that names its call (D335)
        /^(Call \S+\n)?Abandoned: the customer left before the call was answered\./.test(commentOf(e)),
      'the abandoned-call record',
    );
    await s.key('dialPad').waitFor({ timeout: SEE_TIMEOUT }); // back on the main screen, ready
    assert.equal(await s.key('starting').count(), 0, 'the top bar is ready');

    // FO-5c: her ticket's Call menu, her number: the top bar finds her and the call is written to that ticket.
    await p.evaluate((id) => {
      location.hash = `#/tickets/${id}`;
    }, ticket.id);
    const menu = s.sidebar.locator('body');
    await seeText(menu, 'Rosa');
    await s.sidebar.locator('.call-menu__number').first().click();
    await p.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });
    await seeText(bar, SHOWN_NAME);
    await seeText(bar, `#${ticket.id}`);
    await eventually(async () => assert.equal(await s.key('call').isEnabled(), true));
    await s.key('call').click();
    await hangUpAndWrapUp(s, ticket.id); // the call's one comment is written at Done (D420)
    const dialled = await s.waitForRequest(
      (e) =>
        e.method === 'PUT' &&
        pathOf(e) === `/api/v2/tickets/${ticket.id}.json` &&
        /Type: Outbound Call/.test(commentOf(e)),
      `the outbound call's comment on ticket ${ticket.id}`,
    );
    assert.equal(dialled.status, 200);

    assert.deepEqual(s.pageErrors, [], 'no uncaught page errors');
    assertRequestsDocumented(await s.log());
  } finally {
    await s.screenshot().catch(() => {});
    await s.close();
  }
});
