// Browser tests for "every number on the contact is callable from every entry point; changing the
// number re-plans the contact and ticket choice; extensions are kept and dialled". Each test reproduces a bug a
// tester met in the sandbox: what the agent SEES in the top bar and the sidebar, what Zendesk RECEIVED (the
// stand-in's log) and what it did NOT receive, and that every request is one Zendesk documents.
//
// Seed: Ada (7) and user 8 share +1 415 555 0100; Grace (12) has +1 415 555 0199 and ticket 55; Jürgen (10) has
// +49 30 5550 1234 as `phone` and +49 171 5550 2233 as a second phone identity, and ticket 53 (pending, ours).
//
// Run: node scripts/build-app.mjs && node --test tests/browser/entry-points.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRequestsDocumented,
  bodyOf,
  eventually,
  hangUpAndWrapUp,
  inSession,
  pathOf,
  SEE_TIMEOUT,
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

const flow = (t, options, body) => inSession(env, t, options, body);

const JUERGEN_SECOND = '+49 171 5550 2233';
const JUERGEN_SECOND_E164 = '+4917155502233';
const NOT_ON_CONTACT = 'This number is not on the chosen contact.';

const commentOf = (entry) => bodyOf(entry)?.ticket?.comment ?? null;
const writes = (log) => log.filter((e) => e.method !== 'GET');
const callWrites = (log) => writes(log).filter((e) => commentOf(e) != null);
/**
 * The request that carries the call's comment to ticket `ticketId` (a PUT, once the call is over: D420), or to a new
 * ticket (POST).
 */
async function waitForCallComment(s, ticketId = null) {
  if (ticketId !== null) await hangUpAndWrapUp(s, ticketId);
  const path = ticketId === null ? '/api/v2/tickets.json' : `/api/v2/tickets/${ticketId}.json`;
  return s.waitForRequest(
    (e) => e.method === (ticketId === null ? 'POST' : 'PUT') && pathOf(e) === path && commentOf(e) != null,
    `${ticketId === null ? 'POST' : 'PUT'} ${path} with the call comment`,
  );
}
const errorsShown = (s) => s.topBar.locator('.cti-message--error').allTextContents();
const callEnabled = async (s) => eventually(async () => assert.equal(await s.key('call').isEnabled(), true));

// ---- bug 1: a chosen contact stuck after the number changed ---------------------------------------------------------
test('FO-2/FO-3: a contact chosen for one number is re-planned when another number is typed', async (t) => {
  await flow(t, { settings: { promptSelectOpenTicket: true } }, async (s) => {
    const bar = s.topBar.locator('body');
    await s.openTopBar();
    await s.key('dialPad').click();
    await s.key('number').fill('+1 415 555 0100');
    await s.key('number').press('Enter');
    await seeText(s.key('contacts'), 'Ada Lovelace');
    await s.key('contact-7').click(); // FO-3c: two contacts share the number; the agent chooses Ada
    await seeText(s.key('tickets'), 'Moving house');
    await s.key('ticket-39').click();
    await callEnabled(s);

    // Another number, typed: the search runs after the typing pause (no Enter).
    await s.key('number').fill('+1 415 555 0199');
    await s.waitForRequest(
      (e) => pathOf(e) === '/api/v2/search.json' && decodeURIComponent(e.url).includes('phone:*4155550199'),
      'the search for the new number after the typing pause',
    );
    await seeText(s.key('contacts'), 'Grace Hopper');
    await eventually(async () => assert.equal(await s.key('contact-12').getAttribute('aria-checked'), 'true'));
    assert.equal(await s.key('contact-7').count(), 0, 'Ada was chosen for the other number: she is not offered');
    await seeText(bar, '#55'); // Grace's open ticket, not Ada's ticket 39
    assert.deepEqual(await errorsShown(s), [], 'no error: the old contact did not stick');
    await callEnabled(s);
    assert.deepEqual(callWrites(await s.log()), [], 'nothing written before Call');

    await s.key('call').click();
    const put = await waitForCallComment(s, 55);
    assert.match(commentOf(put).body, /\+14155550199/);
    const log = await s.log();
    assert.ok(
      !log.some((e) => e.method !== 'GET' && pathOf(e) === '/api/v2/tickets/39.json'),
      "nothing on Ada's ticket 39",
    );
    assert.ok(!log.some((e) => e.method === 'POST' && pathOf(e) === '/api/v2/users.json'), 'no contact created');
    await seeText(bar, 'Grace Hopper');
    assertRequestsDocumented(log);
  });
});

// ---- bug 2: a contact's second number refused ----------------------------------------------------------------------
test("FO-5b: click-to-call on a contact's second phone identity is callable", async (t) => {
  await flow(t, { hash: '#/users/10' }, async (s) => {
    const bar = s.topBar.locator('body');
    await seeText(s.page.getByTestId('user-name'), 'Jürgen Weiß');
    await s.page.click(`[data-testid=click-to-call][data-user-id="10"][data-number="${JUERGEN_SECOND}"]`);
    await s.page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });

    await eventually(async () => assert.equal(await s.key('number').inputValue(), JUERGEN_SECOND));
    await seeText(s.key('contacts'), 'Jürgen Weiß');
    await seeText(s.key('contacts'), `Matches ${JUERGEN_SECOND}`);
    await callEnabled(s);
    assert.ok(!(await bar.textContent()).includes('Number not on this contact'));
    assert.deepEqual(await errorsShown(s), []);
    await seeText(bar, '#53');
    const identities = await s.waitForRequest(
      (e) => e.method === 'GET' && pathOf(e) === '/api/v2/users/10/identities.json',
      "the contact's phone identities",
    );
    assert.equal(identities.status, 200);

    await s.key('call').click();
    const put = await waitForCallComment(s, 53);
    assert.ok(commentOf(put).body.includes(JUERGEN_SECOND_E164), 'the note names the number dialled');
    assert.ok(!commentOf(put).body.includes('not saved on the contact'), 'his own number is not an "entered" one');
    const log = await s.log();
    assert.ok(
      !log.some((e) => e.method !== 'GET' && pathOf(e).startsWith('/api/v2/users')),
      'no contact created or changed',
    );
    assertRequestsDocumented(log);
  });
});

test("FO-5c: the ticket sidebar's Call menu lists the requester's second number, and it is callable", async (t) => {
  await flow(t, { hash: '#/tickets/53' }, async (s) => {
    const bar = s.topBar.locator('body');
    const menu = s.sidebar.locator('body');
    await seeText(menu, 'Jürgen Weiß');
    await seeText(menu, '+49 30 5550 1234');
    await seeText(menu, JUERGEN_SECOND);
    assert.deepEqual(await s.sidebar.locator('.call-menu__number').allTextContents(), [
      '+49 30 5550 1234',
      JUERGEN_SECOND,
    ]);
    await s.sidebar.locator('.call-menu__number', { hasText: JUERGEN_SECOND }).click();
    await s.page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });

    await seeText(s.key('contacts'), `Matches ${JUERGEN_SECOND}`);
    await seeText(bar, '#53');
    await callEnabled(s);
    assert.deepEqual(await errorsShown(s), []);
    await s.key('call').click();

    const put = await waitForCallComment(s, 53); // FO-5c: the call goes to the ticket it was started from
    assert.ok(commentOf(put).body.includes(JUERGEN_SECOND_E164));
    const log = await s.log();
    assert.ok(
      !log.some((e) => e.method !== 'GET' && pathOf(e).startsWith('/api/v2/users')),
      'no contact created or changed',
    );
    assertRequestsDocumented(log);
  });
});

test("FO-5c and the request budget: the sidebar's numbers come from the top bar's core; the sidebar sends no request", async (t) => {
  await flow(t, { hash: '#/tickets/53' }, async (s) => {
    await seeText(s.sidebar.locator('body'), JUERGEN_SECOND);
    assert.deepEqual(await s.sidebar.locator('.call-menu__number').allTextContents(), [
      '+49 30 5550 1234',
      JUERGEN_SECOND,
    ]);
    // What the workspace's ZAF host saw: who triggered whom, and which instance sent each request.
    const journal = await s.page.evaluate(() => window.sandbox.host.journal());
    const guidOf = (location) => journal.find((e) => e.kind === 'registered' && e.location === location)?.guid;
    const [sidebar, topBar] = [guidOf('ticket_sidebar'), guidOf('top_bar')];
    assert.ok(sidebar && topBar, 'both instances registered');
    const triggers = journal.filter((e) => e.kind === 'trigger').map((e) => [e.name, e.from, e.guid]);
    assert.deepEqual(
      triggers.filter(([name]) => name !== 'adapter.callMenu'),
      [
        ['adapter.requesterNumbersWanted', sidebar, topBar],
        ['adapter.sidebarNumbers', topBar, sidebar],
      ],
    );
    assert.deepEqual(
      journal.filter((e) => e.kind === 'request' && e.guid === sidebar),
      [],
      'no REST request from the sidebar',
    );
    const identities = journal.filter(
      (e) => e.kind === 'request' && /\/api\/v2\/users\/10\/identities\.json/.test(e.url),
    );
    assert.deepEqual(
      identities.map((e) => [e.guid, e.method]),
      [[topBar, 'GET']],
      "one identities request, sent by the top bar's core",
    );
    const log = await s.log();
    assert.equal(log.filter((e) => pathOf(e) === '/api/v2/users/10/identities.json').length, 1);
    assertRequestsDocumented(log);
  });
});

// ---- bug 3: "Enter new number" opened into an error under default settings -----------------------------------------
test('FO-5d/FO-1e off: "Enter new number" opens without an error, refuses a number not on the requester with the reason, dials his second number', async (t) => {
  await flow(t, { hash: '#/tickets/53' }, async (s) => {
    const bar = s.topBar.locator('body');
    await seeText(s.sidebar.locator('body'), 'Enter new number');
    await s.sidebar.locator('.call-menu__enter').click();
    await s.page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });

    await seeText(bar, '#53');
    await seeText(s.key('contacts'), 'Jürgen Weiß');
    assert.deepEqual(await errorsShown(s), [], 'nothing typed yet: no error');
    assert.ok(!(await bar.textContent()).includes('Number not on this contact'));
    assert.equal(await s.key('useEnteredBox').count(), 0, 'FO-1e is off: no "use entered number" box');
    assert.equal(await s.key('call').isDisabled(), true, 'no number yet');

    await s.key('number').fill('+1 212 555 0142');
    await s.key('number').press('Enter');
    await seeText(s.topBar.locator('.cti-messages'), NOT_ON_CONTACT);
    await seeText(s.key('contacts'), 'Number not on this contact');
    assert.equal(await s.key('call').isDisabled(), true);
    assert.deepEqual(writes(await s.log()), [], 'a refused number writes nothing');

    await s.key('number').fill(JUERGEN_SECOND);
    await s.key('number').press('Enter');
    await seeText(s.key('contacts'), `Matches ${JUERGEN_SECOND}`);
    await eventually(async () => assert.deepEqual(await errorsShown(s), []));
    await callEnabled(s);
    await s.key('call').click();

    const put = await waitForCallComment(s, 53);
    assert.ok(commentOf(put).body.includes(JUERGEN_SECOND_E164));
    assert.ok(!commentOf(put).body.includes('+12125550142'), 'the refused number is nowhere');
    const log = await s.log();
    assert.equal(callWrites(log).length, 1, 'one call comment, for the call that was placed');
    assert.ok(
      !log.some((e) => e.method !== 'GET' && pathOf(e).startsWith('/api/v2/users')),
      'no contact created or changed',
    );
    assertRequestsDocumented(log);
  });
});

// ---- bug 4: a typed extension dropped silently ---------------------------------------------------------------------
test('FO-2: a typed "ext 12" is shown, dialled after connect and written in the call note', async (t) => {
  await flow(t, {}, async (s) => {
    const bar = s.topBar.locator('body');
    await s.openTopBar();
    await s.key('dialPad').click();
    await s.key('number').fill('+1 415 555 0199 ext 12');
    await s.key('number').press('Enter');
    await seeText(bar, 'Dials +1 415 555 0199 ext. 12');
    await seeText(s.key('contacts'), 'Grace Hopper');
    assert.deepEqual(await errorsShown(s), []);
    const search = await s.waitForRequest((e) => pathOf(e) === '/api/v2/search.json', 'the phone search');
    assert.match(decodeURIComponent(search.url), /phone:\*4155550199$/, 'the number is searched without the extension');
    await callEnabled(s);
    await s.key('call').click();

    await seeText(bar, 'ext. 12'); // the call screen shows it too
    await seeText(bar, 'On call'); // the simulator's callee answers after 3 s
    const frame = s.page.frames().find((f) => f.url().includes('/app/assets/top_bar.html'));
    const placed = await eventually(async () => {
      const calls = await frame.evaluate(() => window.adapterTopBar.simulatorCalls());
      const call = calls.find((c) => c.direction === 'outbound');
      assert.equal(call?.digits, '12', 'the extension was sent as DTMF once connected');
      return call;
    });
    assert.equal(placed.number, '+14155550199');

    const create = await waitForCallComment(s); // Grace's ticket 55 is not ours (TR-4): a new ticket
    assert.match(commentOf(create).body, /Extension: 12/);
    assertRequestsDocumented(await s.log());
  });
});
