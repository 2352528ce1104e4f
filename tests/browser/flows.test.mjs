// Browser tests: the real app (dist/app) in the sandbox workspace, driven in headless Chromium. Each test checks
// what the agent SEES (text in the top bar, the sidebar, the workspace) and what Zendesk RECEIVED (the stand-in's
// request log), that every request is one Zendesk documents, and saves a screenshot to test-results/screenshots/.
// Each test starts from the seed (stand-in reset), its own settings and a fresh browser context.
//
// Run: node scripts/build-app.mjs && node --test tests/browser/
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

/** Run `body(s)` in a new session; screenshot and close whatever happens. */
const flow = (t, options, body) => inSession(env, t, options, body);

const putsTo = (log, ticketId) =>
  log.filter((e) => e.method === 'PUT' && pathOf(e) === `/api/v2/tickets/${ticketId}.json`);
const callComment = (entry) => bodyOf(entry)?.ticket?.comment ?? null;
/** The PUT to the ticket that carries the call's comment: its one comment, written once the call is over (D420). */
async function waitForCallWrite(s, ticketId) {
  await hangUpAndWrapUp(s, ticketId);
  return s.waitForRequest(
    (e) => e.method === 'PUT' && pathOf(e) === `/api/v2/tickets/${ticketId}.json` && callComment(e) != null,
    `PUT /api/v2/tickets/${ticketId}.json with the call comment`,
  );
}
const ticketOfHash = (hash) => Number(/^#\/tickets\/(\d+)$/.exec(hash)?.[1]);
const optionKeys = (list) =>
  list.locator('[role=radio]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));

// ---- FO-3c: two contacts share the number ------------------------------------------------------------------------
test('FO-3c dial pad: two contacts share the number, choose Ada and ticket 39, Call', async (t) => {
  await flow(t, { settings: { promptSelectOpenTicket: true } }, async (s) => {
    const bar = s.topBar.locator('body');
    await s.openTopBar();
    await s.key('dialPad').click();
    await s.key('number').fill('+1 415 555 0100');
    // Enter searches at once (the typing-pause search has its own test below).
    await s.key('number').press('Enter');

    const contacts = s.key('contacts');
    await seeText(contacts, 'Ada Lovelace');
    await seeText(contacts, '<img src=x onerror=alert(1)>');
    // Newest contact first: user 8 (created 2025-06-01) above Ada (2024-02-01).
    assert.deepEqual(await optionKeys(contacts), ['contact-8', 'contact-7']);
    assert.equal(await s.key('call').isDisabled(), true, 'no Call before the contact is chosen');
    const search = await s.waitForRequest(
      (e) => e.method === 'GET' && pathOf(e) === '/api/v2/search.json',
      'the phone search',
    );
    assert.match(decodeURIComponent(search.url), /phone:\*4155550100/);

    await s.key('contact-7').click();
    const tickets = s.key('tickets');
    await seeText(tickets, 'Moving house');
    const offered = await optionKeys(tickets);
    assert.ok(offered.includes('ticket-39'), `ticket 39 offered: ${offered}`);
    for (const solvedOrClosed of ['ticket-41', 'ticket-45', 'ticket-46', 'ticket-50']) {
      assert.ok(!offered.includes(solvedOrClosed), `${solvedOrClosed} is not offered: ${offered}`);
    }
    await s.key('ticket-39').click();
    await eventually(async () => assert.equal(await s.key('call').isEnabled(), true));
    await s.key('call').click();

    // The agent sees the call on ticket 39, and the workspace went to ticket 39.
    await seeText(bar, 'Ada Lovelace');
    await seeText(bar, '#39');
    await s.page.waitForFunction(() => location.hash === '#/tickets/39', null, { timeout: SEE_TIMEOUT });
    assert.ok(
      (await s.page.evaluate(() => window.sandbox.routes)).some((r) => r.kind === 'ticket' && Number(r.id) === 39),
    );

    // Zendesk received: a private call comment on ticket 39, the call's one comment.
    const put = await waitForCallWrite(s, 39);
    const comment = callComment(put);
    assert.equal(comment.public, false);
    assert.match(comment.body, /Type: Outbound Call/);
    assert.match(comment.body, /\+14155550100/);
    assert.equal(put.status, 200);
    await seeText(s.page.getByTestId('ticket-subject'), 'Moving house');
    await seeText(s.page.getByTestId('ticket-description'), 'Type: Outbound Call');

    assertRequestsDocumented(await s.log());
  });
});

// ---- FO-2: the search after the typing pause ----------------------------------------------------------------------
test('FO-2 the typing pause starts the contact search', async (t) => {
  await flow(t, {}, async (s) => {
    await s.openTopBar();
    await s.key('dialPad').click();
    await s.key('number').pressSequentially('4155550199', { delay: 15 });
    await s.waitForRequest((e) => pathOf(e) === '/api/v2/search.json', 'the phone search after the typing pause', 4000);
    await seeText(s.key('contacts'), 'Grace Hopper', 3000);
    assertRequestsDocumented(await s.log());
  });
});

// ---- TB-3: the team requires a ticket ID ---------------------------------------------------------------------------
test('TB-3 team-required ticket ID: Call disabled until 42 is entered, then the call goes to ticket 42', async (t) => {
  await flow(
    t,
    { settings: { teamTicketEntryEnabled: true, teamTicketEntryGroups: '{"12":"required"}' } },
    async (s) => {
      const bar = s.topBar.locator('body');
      await s.openTopBar();
      await s.key('dialPad').click();
      await s.key('number').fill('+1 415 555 0199');
      await s.key('number').press('Enter');

      await s.key('ticketIdInput').waitFor({ timeout: SEE_TIMEOUT });
      await seeText(bar, 'Required');
      // TB-3 in the agent's words, without the rule id (rule ids stay in the audit trail).
      await seeText(bar, 'Your team requires a ticket ID for outbound calls.');
      assert.ok(!(await bar.textContent()).includes('TB-3'), 'no rule id in the agent view');
      assert.equal(await s.key('call').isDisabled(), true, 'Call is disabled while the required ticket ID is empty');

      await s.key('ticketIdInput').fill('42');
      await seeText(bar, 'Router keeps rebooting', 6000);
      await eventually(async () => assert.equal(await s.key('call').isEnabled(), true), 3000);
      await s.key('call').click();
      await seeText(bar, '#42');

      const put = await waitForCallWrite(s, 42);
      assert.equal(callComment(put).public, false);
      assert.match(callComment(put).body, /Type: Outbound Call/);
      assert.ok(putsTo(await s.log(), 42).length >= 1);
      assertRequestsDocumented(await s.log());
    },
  );
});

// ---- FO-5b: click-to-call from a user profile --------------------------------------------------------------------
test('FO-5b click-to-call on the profile of user 7 opens the top bar prefilled, Call writes the ticket', async (t) => {
  await flow(t, { hash: '#/users/7' }, async (s) => {
    const bar = s.topBar.locator('body');
    await seeText(s.page.getByTestId('user-name'), 'Ada Lovelace');
    await s.page.click('[data-testid=click-to-call][data-user-id="7"]');
    await s.page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });

    await eventually(async () => assert.equal(await s.key('number').inputValue(), '+1 415 555 0100'));
    await seeText(s.key('contacts'), 'Ada Lovelace');
    const contactKeys = await optionKeys(s.key('contacts'));
    assert.deepEqual(contactKeys, ['contact-7'], 'click-to-call names the user: no chooser for the other contact');
    await eventually(async () => assert.equal(await s.key('call').isEnabled(), true));
    const planned = (await bar.textContent()).match(/#(\d+)/);
    assert.ok(planned, 'the top bar names the ticket the call goes to');
    const ticketId = Number(planned[1]);
    await s.key('call').click();
    await seeText(bar, `#${ticketId}`);
    await s.page.waitForFunction((id) => location.hash === `#/tickets/${id}`, ticketId, { timeout: SEE_TIMEOUT });

    const put = await waitForCallWrite(s, ticketId);
    assert.equal(callComment(put).public, false);
    assert.match(callComment(put).body, /Phone: \+14155550100/);
    const log = await s.log();
    assert.ok(
      log.some((e) => e.method === 'GET' && pathOf(e) === '/api/v2/users/7.json'),
      'the user was read',
    );
    assertRequestsDocumented(await s.log());
  });
});

// ---- FO-5d: the ticket's Call menu, "Enter new number" -----------------------------------------------------------
test('FO-5d ticket 42 Call menu "Enter new number": use-entered-number checked, +1 212 555 0199 goes to ticket 42', async (t) => {
  await flow(t, { settings: { allowDialEnteredNumber: true }, hash: '#/tickets/42' }, async (s) => {
    const bar = s.topBar.locator('body');
    const menu = s.sidebar.locator('body');
    await seeText(menu, 'Ada Lovelace');
    await seeText(menu, 'Enter new number');
    await s.sidebar.locator('.call-menu__enter').click();
    await s.page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });

    await s.key('useEnteredBox').waitFor({ timeout: SEE_TIMEOUT });
    await eventually(async () => assert.equal(await s.key('useEnteredBox').isChecked(), true));
    await seeText(bar, 'Use the entered number');
    await seeText(bar, '#42');

    await s.key('number').fill('+1 212 555 0199');
    await s.key('number').press('Enter'); // search now rather than after the typing pause
    await seeText(bar, 'Dials +1 212 555 0199');
    await eventually(async () => assert.equal(await s.key('call').isEnabled(), true));
    await s.key('call').click();
    await seeText(bar, '+1 212 555 0199');
    await seeText(bar, '#42');

    const put = await waitForCallWrite(s, 42);
    assert.equal(callComment(put).public, false);
    assert.ok(JSON.stringify(bodyOf(put)).includes('+12125550199'), 'the dialled number is in the PUT body');
    const log = await s.log();
    assert.ok(
      !log.some((e) => /^\/api\/v2\/users\/7(\.json|\/identities)/.test(pathOf(e)) && e.method !== 'GET'),
      'the number is not saved to the contact',
    );
    assertRequestsDocumented(log);
  });
});

// ---- IN-1 / PF-1: an inbound call ------------------------------------------------------------------------------------
async function ringInbound(
  s,
  {
    ani,
    menuPath = 'Main > Billing > Invoices',
    queueId = 'q-billing',
    queueName = 'Billing',
    language = 'de',
    attributes = {},
  },
) {
  const p = s.page;
  await p.fill('[data-testid=sim-ani]', ani);
  await p.fill('[data-testid=sim-menu-path]', menuPath);
  await p.fill('[data-testid=sim-queue-id]', queueId);
  await p.fill('[data-testid=sim-queue-name]', queueName);
  await p.fill('[data-testid=sim-language]', language);
  await p.fill('[data-testid=sim-attributes]', JSON.stringify(attributes));
  await p.click('[data-testid=sim-ring]');
  assert.equal(await p.getByTestId('sim-error').textContent(), '');
  await p.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });
}

test('IN-1/PF-1 inbound call from Jürgen (+49 30 5550 1234): flags, queue, menu, language, latest unsolved ticket 53', async (t) => {
  await flow(t, {}, async (s) => {
    const bar = s.topBar.locator('body');
    await ringInbound(s, {
      ani: '+49 30 5550 1234',
      attributes: { reserved_verified_customer: true, reserved_bad_actor: true },
    });

    await seeText(bar, 'Incoming call');
    await seeText(bar, 'Jürgen Weiß');
    await s.topBar.locator('[data-flag=verified_customer]').waitFor({ timeout: SEE_TIMEOUT });
    assert.deepEqual(
      await s.topBar.locator('[data-flag]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flag'))),
      ['verified_customer', 'bad_actor'],
    );
    await seeText(s.topBar.locator('[data-flag=verified_customer]'), 'Verified customer');
    await seeText(s.topBar.locator('[data-flag=bad_actor]'), 'Bad actor');
    await seeText(bar, 'Billing');
    await seeText(bar, 'Main > Billing > Invoices');
    const lookup = s.key('lookup');
    await seeText(lookup, '#53');
    await seeText(lookup, 'Rückruf wegen Rechnung');
    await seeText(lookup, 'Pending');
    assert.equal(await s.key('answer').isEnabled(), true);
    assert.equal(await s.key('decline').isEnabled(), true);

    // Zendesk received the phone search, the caller's tickets and the call's ticket write.
    const search = await s.waitForRequest(
      (e) => e.method === 'GET' && pathOf(e) === '/api/v2/search.json',
      'the caller search',
    );
    assert.match(decodeURIComponent(search.url), /phone:\*3055501234/);
    await s.waitForRequest(
      (e) => e.method === 'GET' && pathOf(e) === '/api/v2/users/10/tickets/requested.json',
      "the caller's tickets",
    );
    const write = await s.waitForRequest(
      (e) =>
        ['POST', 'PUT'].includes(e.method) && /^\/api\/v2\/tickets(\/\d+)?\.json$/.test(pathOf(e)) && e.status < 300,
      'a ticket write for the call',
    );
    const written = JSON.stringify(bodyOf(write));
    assert.match(written, /Verified customer/); // PF-1 flags in words in the note (issue 18)
    assert.match(written, /Bad actor/);
    assert.match(written, /Main > Billing > Invoices/);
    assert.ok(
      !(await s.log()).some((e) => e.method === 'POST' && pathOf(e) === '/api/v2/users.json'),
      'no new contact for a known caller',
    );

    // The ticket is popped in the workspace.
    await s.page.waitForFunction(() => /^#\/tickets\/\d+$/.test(location.hash), null, { timeout: SEE_TIMEOUT });
    const routes = await s.page.evaluate(() => window.sandbox.routes);
    assert.ok(
      routes.some((r) => r.kind === 'ticket'),
      `routeTo a ticket: ${JSON.stringify(routes)}`,
    );
    const popped = Number(routes.find((r) => r.kind === 'ticket').id);
    assert.equal(ticketOfHash(await s.page.evaluate(() => location.hash)), popped);
    if (write.method === 'PUT')
      assert.equal(pathOf(write), `/api/v2/tickets/${popped}.json`, 'the popped ticket is the written one');
    else assert.equal(write.status, 201);
    await seeText(s.page.getByTestId('ticket-requester'), 'Jürgen Weiß');
    assertRequestsDocumented(await s.log());
    // Sam is a plain agent: the stand-in answered every request with that role's permissions (docs/zendesk-requests.md).
    assert.ok(
      (await s.log()).every((e) => e.role === 'agent' && e.status < 400),
      'every request ran, and was allowed, as a plain agent',
    );
  });
});

test('IN-1 inbound call from a second phone identity (+49 171 5550 2233) is recognised as Jürgen', async (t) => {
  await flow(t, {}, async (s) => {
    await ringInbound(s, { ani: '+49 171 5550 2233', attributes: {} });
    await s.waitForRequest((e) => pathOf(e) === '/api/v2/users/10/tickets/requested.json', "the caller's tickets");
    await seeText(s.topBar.locator('body'), 'Jürgen Weiß', 4000);
    await seeText(s.key('lookup'), '#53', 1000);
    assert.ok(
      !(await s.log()).some((e) => e.method === 'POST' && pathOf(e) === '/api/v2/users.json'),
      'no duplicate contact',
    );
  });
});

// ---- hostile and unusual strings -------------------------------------------------------------------------------------
test('hostile strings: markup names and subjects, a 10 KB subject and an RTL name render as text', async (t) => {
  await flow(t, { settings: { promptSelectOpenTicket: true } }, async (s) => {
    const hostile = '<img src=x onerror=alert(1)>';
    const number = s.key('number');
    await s.openTopBar();
    await s.key('dialPad').click();

    // User 8: the markup name as literal text, and its ticket 51's markup subject.
    await number.fill('+1 415 555 0100');
    await number.press('Enter');
    const contacts = s.key('contacts');
    await seeText(contacts, hostile);
    assert.equal(await s.key('contact-8').locator('bdi.cti-choice__title').textContent(), hostile);
    await s.key('contact-8').click();
    // One open ticket: the top bar names it (auto) rather than listing it.
    await seeText(s.topBar.locator('body'), '"><script>alert("subject")</script>');
    assert.equal(
      await s.topBar.locator('bdi.cti-ticket__subject').first().textContent(),
      '"><script>alert("subject")</script>',
    );

    // Grace: ticket 55's 10 KB subject, as text, cut to its display length; its tooltip carries the first 5,000
    // characters (a text of any length is cut before it reaches the page: docs/security.md).
    await number.fill('+1 415 555 0199');
    await number.press('Enter');
    await seeText(s.key('contacts'), 'Grace Hopper');
    await s.key('contact-12').click(); // user 8 was chosen for the other number: not offered for this one
    await seeText(s.topBar.locator('body'), '#55');
    const subject = s.topBar.locator('bdi.cti-ticket__subject').first();
    const subjectText = await subject.textContent();
    assert.equal(subjectText.length, 501, 'the 10 KB subject is shown cut: 500 characters and "…"');
    assert.ok(subjectText.startsWith('Automated alert from PBX export') && subjectText.endsWith('…'));
    const tooltip = await subject.getAttribute('title');
    assert.equal(tooltip.length, 5001, 'the tooltip carries the first 5,000 characters');
    assert.ok(tooltip.startsWith(subjectText.slice(0, 500)));
    const box = await s.page.getByTestId('topbar-iframe').boundingBox();
    assert.ok(box && box.width <= 800, `the long subject does not blow up the top bar (width ${box?.width})`);

    // Noa: the RTL name, isolated in a <bdi>.
    await number.fill('+972 3-555-0123');
    await number.press('Enter');
    await seeText(s.key('contacts'), 'נועה כהן');
    assert.equal(await s.key('contact-9').locator('bdi.cti-choice__title').textContent(), 'נועה כהן');

    // Nothing was parsed as markup, nothing ran.
    await s.screenshot(`${t.name} (rtl)`);
    for (const tag of ['img', 'script', 'svg', 'iframe']) {
      assert.equal(await s.topBar.locator(`#app ${tag}`).count(), 0, `no <${tag}> in the app's view`);
    }
    assert.equal(await s.topBar.locator('img').count(), 0, 'no <img> anywhere in the top-bar frame');
    assert.equal(await s.page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
    assert.deepEqual(s.dialogs, [], 'no alert/confirm/prompt dialog');
    assert.deepEqual(s.pageErrors, [], 'no uncaught page errors');
    assert.deepEqual(s.consoleErrors, [], 'no console errors');

    const log = await s.log();
    for (const digits of ['4155550100', '4155550199', '35550123']) {
      assert.ok(
        log.some((e) => pathOf(e) === '/api/v2/search.json' && e.url.includes(digits)),
        `searched ${digits}`,
      );
    }
    assert.ok(!log.some((e) => e.method !== 'GET'), 'looking numbers up writes nothing');
    assertRequestsDocumented(log);
  });
});
