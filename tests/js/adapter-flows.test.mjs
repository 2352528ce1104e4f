// Agent flows end to end through the shim: the real WASM core, loop, view (jsdom) and simulator, with a fake ZAF
// client answering recorded Zendesk responses. Each test asserts what the agent sees and what Zendesk received,
// and that every request the app made is a documented Zendesk endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentedOperation } from './helpers/openapi.mjs';
import { startAgent, zendeskFixture } from './helpers/agent-harness.mjs';
import { createFakeZaf } from './helpers/fake-zaf.mjs';
import { JSDOM } from 'jsdom';
import { startTicketSidebar } from '../../js-shim/app/ticket-sidebar.js';

const search = await zendeskFixture('search-two-contacts.json');
const user7 = await zendeskFixture('user-7.json');
const tickets7 = await zendeskFixture('tickets-requested-7.json');
const ticket42 = await zendeskFixture('ticket-42-with-users.json');

const onlyAda = { ...search, results: [search.results[0]], count: 1 };
const ticketsUrl7 = /^\/api\/v2\/users\/7\/tickets\/requested\.json\?sort_by=updated_at&sort_order=desc/;

/** Zendesk answers: the recorded reads, and an echo for ticket updates/creates. */
function scriptZendesk(client, { searchBody = search } = {}) {
  client.respond(/^\/api\/v2\/search\.json\?query=role%3Aend-user%20phone%3A%2A4155550100$/, {
    status: 200,
    body: searchBody,
  });
  client.respond('GET /api/v2/users/7.json', { status: 200, body: user7 });
  client.respond(ticketsUrl7, { status: 200, body: tickets7 });
  client.respond(/^\/api\/v2\/tickets\/42\.json\?include=users$/, { status: 200, body: ticket42 });
  client.respond((e) => e.method === 'PUT' && /^\/api\/v2\/tickets\/\d+\.json$/.test(e.url), {
    status: 200,
    body: { ticket: { id: 1, requester_id: 7, status: 'open' }, audit: {} },
  });
  client.respond((e) => e.method === 'POST' && e.url === '/api/v2/tickets.json', {
    status: 201,
    body: {
      ticket: {
        id: 120,
        requester_id: 7,
        status: 'new',
        subject: 'Outbound Call',
        created_at: '2026-11-23T09:00:00Z',
        updated_at: '2026-11-23T09:00:00Z',
        tags: ['ccaas'],
      },
    },
  });
}

function assertEveryRequestDocumented(agent) {
  for (const r of agent.requests()) {
    assert.ok(documentedOperation(r.method, r.url), `${r.method} ${r.url} is not a documented Zendesk endpoint`);
  }
}

const puts = (agent, id) =>
  agent.requests().filter((r) => r.method === 'PUT' && r.url === `/api/v2/tickets/${id}.json`);
const routeTos = (agent) => agent.invokes('routeTo').map((c) => c.args);

test('FO-5b: click-to-call on a contact prefills, appends to the latest open ticket of this integration, pops it', async () => {
  const agent = await startAgent();
  scriptZendesk(agent.client);
  agent.client.fire('voice.dialout', { number: '+14155550100', userId: 7, ticketId: null });
  await agent.settle();

  assert.equal(agent.invokes('popover').length, 1, 'the popover opens on dial-out');
  assert.equal(agent.view().screen, 'outbound');
  assert.equal(agent.el('number').value, '+14155550100');
  assert.equal(agent.el('call').disabled, false);
  await agent.click('call');

  assert.equal(agent.connector.calls().length, 1, 'the connector dials');
  assert.equal(agent.connector.calls()[0].number ?? agent.connector.calls()[0].to ?? '+14155550100', '+14155550100');
  assert.equal(puts(agent, 42).length, 1, 'FO-1b/TR-4: the call joins ticket 42, the most recent open one');
  // The reopening goes now; the call's standard data waits for its end: one comment per call (D420).
  assert.equal(puts(agent, 42)[0].body.ticket.comment, undefined);
  assert.deepEqual(routeTos(agent), [['ticket', 42]]);

  await agent.wait(3000); // the simulator's callee answers
  assert.equal(agent.view().call.state, 'connected');
  await agent.click('hangUp');
  assert.equal(agent.view().screen, 'wrapUp');
  // TR-10: ticket 42 is already the calling agent's (tickets-requested-7.json): no lone assignment PUT is sent.
  const all = puts(agent, 42)
    .map((r) => JSON.stringify(r.body))
    .join('\n');
  assert.doesNotMatch(all, /"assignee_id"/, "TR-10: Zendesk already shows ticket 42 as the agent's");
  assert.equal(puts(agent, 42).length, 1, "the reopening; the call's comment waits for the wrap-up (D334, D420)");
  await agent.click('done');
  assert.equal(puts(agent, 42).length, 2, "the reopening and the call's one comment, nothing more");
  const one = puts(agent, 42)[1].body.ticket.comment;
  assert.equal(one.public, false);
  assert.match(one.body, /^Call ID: out-[^\n]+\nType: Outbound Call\n[\s\S]*\n\nCall finished \(out-/);
  assertEveryRequestDocumented(agent);
});

test('FO-3c: dial pad, two contacts share the number, the agent chooses, calls; note on the chosen ticket; pop', async () => {
  const agent = await startAgent({ settings: { promptSelectOpenTicket: true } });
  scriptZendesk(agent.client);
  await agent.click('dialPad');
  assert.equal(agent.el('number').getAttribute('placeholder'), '(415) 123-4567');
  await agent.type('number', '(415) 555-0100');
  await agent.wait(400); // the typing pause
  const searches = agent.requests().filter((r) => r.url.startsWith('/api/v2/search.json'));
  assert.equal(searches.length, 1, 'one search, after typing stopped');

  // Newest contact first; the hostile name is text, not markup.
  const options = [...agent.el('contacts').querySelectorAll('[data-key^="contact-"]')].map((e) =>
    e.getAttribute('data-key'),
  );
  assert.deepEqual(options, ['contact-8', 'contact-7']);
  assert.ok(agent.el('contact-8').textContent.includes('<img src=x onerror="globalThis.__pwned=1">'));
  assert.equal(agent.document.querySelector('img'), null);
  assert.equal(agent.window.__pwned, undefined);
  assert.equal(agent.el('call').disabled, true, 'FO-3c: Call waits for the choice');

  await agent.click('contact-7');
  assert.ok(agent.el('ticket-39'), "the chosen contact's open tickets are offered");
  await agent.click('ticket-39');
  assert.equal(agent.el('call').disabled, false);
  await agent.click('call');
  assert.equal(puts(agent, 39).length, 1);
  assert.deepEqual(routeTos(agent), [['ticket', 39]]);

  await agent.wait(3000);
  await agent.type('note', 'Promised a callback <b>Monday</b>');
  await agent.click('hangUp');
  await agent.click('done');
  const note = puts(agent, 39).find((r) => r.body.ticket.comment?.body?.includes('Agent note'));
  assert.ok(note, "the agent's note lands on the chosen ticket");
  // One comment for the call (D334, D420): its standard data, then its summary and the note as typed, one blank line
  // apart; no marker in the ticket (D335).
  assert.match(
    note.body.ticket.comment.body,
    /^Call ID: out-[^\n]+\nType: Outbound Call\n(?:[^\n]+\n)*?[^\n]+\n\nCall finished \(out-[^)]+\)\. Duration [^\n]+\n(Recording[^\n]+\n)?\nAgent note:\nPromised a callback <b>Monday<\/b>$/,
  );
  assert.equal(agent.view().screen, 'main');
  assert.equal(agent.view().sync.pending, 0);
  assertEveryRequestDocumented(agent);
});

test('TB-3: a team that must enter a ticket ID cannot call until it names an open ticket', async () => {
  const agent = await startAgent({
    settings: { teamTicketEntryEnabled: true, teamTicketEntryGroups: '{"12": "required"}' },
  });
  scriptZendesk(agent.client, { searchBody: onlyAda });
  await agent.click('dialPad');
  await agent.type('number', '+1 415 555 0100');
  await agent.wait(400);
  assert.ok(agent.el('ticketIdInput'), 'TB-2: the ticket-ID box replaces the ticket list');
  assert.equal(agent.el('useEnteredBox'), null);
  assert.equal(agent.el('call').disabled, true);
  await agent.type('ticketIdInput', '42');
  await agent.wait(400);
  assert.equal(agent.el('call').disabled, false);
  await agent.click('call');
  assert.equal(puts(agent, 42).length, 1, 'TB-6: appended to ticket 42');
  assertEveryRequestDocumented(agent);
});

test('FO-5d: the ticket Call menu\'s "Enter new number" dials the typed number on that ticket', async () => {
  const agent = await startAgent({ settings: { allowDialEnteredNumber: true } });
  scriptZendesk(agent.client);
  agent.client.fire('adapter.callMenu', { ticketId: 42, number: null });
  await agent.settle();
  assert.equal(agent.invokes('popover').length, 1);
  assert.equal(agent.el('useEnteredBox').checked, true);
  await agent.type('number', '+1 212 555 0199');
  await agent.wait(400);
  await agent.click('call');
  assert.equal(agent.connector.calls().length, 1);
  assert.ok(puts(agent, 42)[0], 'the call joins the ticket of the menu');
  await agent.wait(3000); // the simulator's callee answers
  await agent.click('hangUp');
  await agent.click('done');
  const note = puts(agent, 42).find((r) => r.body.ticket.comment);
  assert.ok(note, "the call's one comment, at its end (D420)");
  assert.match(note.body.ticket.comment.body, /\+12125550199/, 'FO-1e: the dialled number is written in the note');
  assert.equal(agent.requests().filter((r) => r.method === 'PUT' && r.url.startsWith('/api/v2/users')).length, 0);
  assertEveryRequestDocumented(agent);
});

// FO-5c: the ticket sidebar next to the top bar (linked fake ZAF clients), the top bar running the real core.
async function openSidebar(agent) {
  const dom = new JSDOM('<!doctype html><div id="app"></div>');
  const root = dom.window.document.getElementById('app');
  const client = createFakeZaf({
    instanceGuid: 'side-1',
    instances: { 'side-1': { location: 'ticket_sidebar' }, 'guid-self': { location: 'top_bar' } },
    data: { ticket: { id: 42, requester: { id: 7, name: 'Ada Lovelace' } } },
  });
  client.linkInstance('guid-self', agent.client); // the sidebar's triggers reach the top bar …
  agent.client.linkInstance('side-1', client); // … and the top bar's answer reaches the sidebar
  const t = (key) => key;
  const sidebar = await startTicketSidebar({ client, root, t, log: { warn() {} }, timers: agent.clock });
  await agent.settle();
  const texts = () => [...root.querySelectorAll('button')].map((b) => b.textContent);
  return { client, root, sidebar, texts };
}
const identities7 = /^\/api\/v2\/users\/7\/identities\.json\?type%5B%5D=phone_number&per_page=100$/;

test("FO-5c: the sidebar's numbers come from the top bar's core: one identities request, sent by the top bar", async () => {
  const agent = await startAgent();
  agent.client.respond(identities7, {
    status: 200,
    body: {
      identities: [
        { id: 1, type: 'phone_number', value: '+1 415 555 0100', primary: false },
        { id: 2, type: 'email', value: 'ada@example.com', primary: true },
        { id: 3, type: 'phone_number', value: '+44 20 7946 0958', primary: true },
      ],
    },
  });
  const side = await openSidebar(agent);
  assert.deepEqual(side.texts(), ['+44 20 7946 0958', '+1 415 555 0100', 'ui.callMenu.enterNewNumber']);
  assert.deepEqual(side.client.calls('request'), [], 'the sidebar sent no request');
  assert.deepEqual(
    agent.requests().map((r) => r.url),
    ['/api/v2/users/7/identities.json?type%5B%5D=phone_number&per_page=100'],
  );
  // Asked again (another sidebar, a reload of this one): answered from what the core has, no second request.
  const again = await openSidebar(agent);
  assert.deepEqual(again.texts(), side.texts());
  assert.equal(agent.requests().length, 1);
  assertEveryRequestDocumented(agent);
});

test('FO-5c: Zendesk failing the sidebar\'s lookup: retried by the core, then "could not load" with Retry, which loads them', async () => {
  const agent = await startAgent();
  let failing = true;
  agent.client.respond((e) => failing && identities7.test(e.url), { status: 503, body: { error: 'Unavailable' } });
  agent.client.respond(identities7, {
    status: 200,
    body: { identities: [{ id: 3, type: 'phone_number', value: '+44 20 7946 0958', primary: true }] },
  });
  const side = await openSidebar(agent);
  assert.match(side.root.textContent, /ui\.callMenu\.loading/);
  for (let i = 0; i < 8 && !/loadFailed/.test(side.root.textContent); i++) await agent.wait(60_000);
  assert.match(side.root.textContent, /ui\.callMenu\.loadFailed/);
  assert.equal(agent.requests().length, 8, "the lookup's tries, with backoff");
  failing = false;
  side.root.querySelector('.call-menu__retry').click();
  await agent.settle();
  assert.deepEqual(side.texts(), ['+44 20 7946 0958', 'ui.callMenu.enterNewNumber']);
  assert.deepEqual(side.client.calls('request'), []);
  side.sidebar.stop();
});

test('TB-7: "Enter new number" is refused when the agent\'s team enters ticket IDs', async () => {
  const agent = await startAgent({
    settings: {
      allowDialEnteredNumber: true,
      teamTicketEntryEnabled: true,
      teamTicketEntryGroups: '{"11": "optional"}',
    },
  });
  scriptZendesk(agent.client);
  agent.client.fire('adapter.callMenu', { ticketId: 42, number: null });
  await agent.settle();
  assert.equal(agent.view().outbound.errors[0].code, 'TEAM_ENTRY_INCOMPATIBLE');
  assert.equal(agent.el('call').disabled, true);
  assert.ok(agent.document.body.textContent.length > 0);
  assertEveryRequestDocumented(agent);
});

test("IN-1/PF-1/TR-3: an inbound call pops the caller's open ticket from this queue and shows the flags", async () => {
  const agent = await startAgent();
  scriptZendesk(agent.client, { searchBody: onlyAda });
  agent.connector.ringInbound({
    ani: '+1 415 555 0100',
    dnis: '+18005550000',
    sessionType: 'ivr',
    menuPath: 'Billing',
    queue: { id: 'billing', name: 'Billing' },
    language: 'en',
    attributes: { reserved_verified_customer: 'true', reserved_repeat_customer: true },
  });
  await agent.settle();
  assert.equal(agent.view().screen, 'incoming');
  assert.equal(agent.invokes('popover').length, 1);
  const flags = [...agent.document.querySelectorAll('[data-flag]')].map((e) => e.getAttribute('data-flag'));
  assert.deepEqual(flags, ['verified_customer', 'repeat_customer']);
  assert.equal(agent.view().call.lookup.latestUnsolvedTicket.id, 42, 'IN-1: latest unsolved ticket');
  assert.ok(agent.el('lookup').textContent.includes('Router keeps rebooting'));
  assert.equal(puts(agent, 42).length, 0, 'TR-3/TR-6: nothing written to it while the call rings');
  assert.deepEqual(routeTos(agent), [['ticket', 42]], 'TR-13: popped');

  await agent.click('answer');
  assert.equal(agent.view().call.state, 'connected');
  assert.equal(puts(agent, 42).length, 1, 'TR-3: same customer, queue and channel: appended once answered');
  assert.equal(puts(agent, 42)[0].body.ticket.status, 'open');
  assert.deepEqual(routeTos(agent), [['ticket', 42]], 'TR-13: popped once');
  assertEveryRequestDocumented(agent);
});

test('A 429 from Zendesk is waited out (Retry-After) and the agent sees the write pending, then saved', async () => {
  const agent = await startAgent();
  let first = true;
  // The first update meets a rate limit (first match wins, so this goes before the usual answers).
  agent.client.respond((e) => e.method === 'PUT' && first && !(first = false), {
    status: 429,
    retryAfter: 7,
    body: { error: 'TooManyRequests' },
  });
  scriptZendesk(agent.client);
  agent.client.fire('voice.dialout', { number: '+14155550100', userId: 7, ticketId: null });
  await agent.settle();
  await agent.click('call');
  // The refused reopening, and the call's comment held for its end (D420).
  assert.equal(agent.view().sync.pending, 2);
  assert.equal(agent.view().sync.state, 'paused');
  const wait = agent.view().sync.pausedUntilMs - agent.clock.now();
  assert.ok(wait >= 7000 && wait <= 10500, `the agent is told when writing resumes (${wait} ms)`);
  await agent.wait(6900);
  assert.equal(puts(agent, 42).length, 1, 'not retried before Retry-After');
  await agent.wait(3600); // Retry-After 7 s plus at most 3.5 s of jitter
  const sent = puts(agent, 42);
  assert.ok(sent.length >= 2);
  assert.deepEqual(sent[1].body, sent[0].body, 'the same write again, before any later update of that ticket');
  await agent.wait(1000);
  assert.equal(agent.view().sync.pending, 1, "only the call's comment, held while the call lasts (D420)");
  await agent.click('hangUp');
  await agent.click('done');
  await agent.wait(1000);
  assert.equal(agent.view().sync.pending, 0);
  assert.equal(agent.view().sync.state, 'saved');
});
