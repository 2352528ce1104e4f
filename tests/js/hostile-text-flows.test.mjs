// Hostile data in one record never takes the console down: text holding an unpaired UTF-16 surrogate
// (legal in a JavaScript string, impossible in UTF-8) reaches the core from Zendesk's answers, the connector and a
// restored snapshot. It used to be refused as "malformed JSON" with the whole event, so the lookup it answered
// never finished. Here the real WASM core, shim and view (jsdom): the agent sees the text with U+FFFD, and the
// calls, the Call menu and the abandoned-call record that follow still work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAgent, zendeskFixture } from './helpers/agent-harness.mjs';
import { createMemoryStorage } from './helpers/fake-zaf.mjs';

const search = await zendeskFixture('search-two-contacts.json');
const user7 = await zendeskFixture('user-7.json');
const tickets7 = await zendeskFixture('tickets-requested-7.json');
const ticket42 = await zendeskFixture('ticket-42-with-users.json');

// Half of "🐞" (U+1F41E is \ud83d\udc1e): what a system that cuts text by UTF-16 units leaves behind.
const HALF_EMOJI = '\ud83d';
const LONE_LOW = '\udc1e';
const REPLACED = '\ufffd';

const ada = search.results[0];
const adaHostile = { ...search, results: [{ ...ada, name: `Ada ${HALF_EMOJI} Lovelace` }], count: 1 };

function scriptZendesk(client, searchBody = adaHostile) {
  client.respond(/^\/api\/v2\/search\.json\?query=role%3Aend-user%20phone%3A%2A4155550100$/, {
    status: 200,
    body: searchBody,
  });
  client.respond('GET /api/v2/users/7.json', {
    status: 200,
    body: { user: { ...user7.user, name: `Ada ${HALF_EMOJI} Lovelace` } },
  });
  client.respond(/^\/api\/v2\/users\/7\/tickets\/requested\.json\?/, { status: 200, body: tickets7 });
  client.respond(/^\/api\/v2\/tickets\/42\.json\?include=users$/, { status: 200, body: ticket42 });
  client.respond('POST /api/v2/tickets.json', {
    status: 201,
    body: { ticket: { id: 95, requester_id: 7, status: 'new', tags: ['ccaas'] } },
  });
  client.respond((e) => e.method === 'PUT' && /^\/api\/v2\/tickets\/\d+\.json$/.test(e.url), {
    status: 200,
    body: { ticket: { id: 1, requester_id: 7, status: 'open' }, audit: {} },
  });
}

const puts = (agent, id) =>
  agent.requests().filter((r) => r.method === 'PUT' && r.url === `/api/v2/tickets/${id}.json`);
const comments = (agent, id) => puts(agent, id).map((r) => r.body.ticket.comment?.body ?? '');
const banner = (agent) => agent.view().banner;
const shown = (agent) => agent.invokes('routeTo').map((c) => c.args);

test('Hostile text/IN-1: a contact named with half an emoji: the call shows "Ada U+FFFD Lovelace"; abandoned call, Call menu and the next call still work', async () => {
  const agent = await startAgent();
  scriptZendesk(agent.client);

  // An inbound call from Ada's number: the search answer carries the broken name.
  const first = agent.connector.ringInbound({ ani: '+1 415 555 0100', dnis: '+18005550000' });
  await agent.settle();
  assert.equal(banner(agent), null, 'no "malformed JSON" banner');
  assert.equal(agent.view().screen, 'incoming');
  assert.deepEqual(agent.view().call.contact, { id: 7, name: `Ada ${REPLACED} Lovelace` });
  assert.ok(
    agent.document.body.textContent.includes(`Ada ${REPLACED} Lovelace`),
    'the agent sees the caller, not "Unknown caller"',
  );
  // TR-3: the open ticket 39 is shown while the call rings; nothing is written to it before the call is answered.
  assert.equal(comments(agent, 39).length, 0, 'TR-6: the open ticket 39 is not written for a ringing call');

  // TR-6: the caller gives up; the abandoned-call record is written as a new ticket, never on the open ticket 39.
  agent.connector.callerAbandons(first);
  await agent.wait(1000);
  assert.equal(agent.view().screen, 'main');
  assert.equal(comments(agent, 39).length, 0, 'D71: the open ticket is not reopened by an abandoned call');
  const abandoned = agent.requests().filter((r) => r.method === 'POST' && r.url === '/api/v2/tickets.json');
  assert.equal(abandoned.length, 1, 'one new ticket for the abandoned call');
  assert.match(abandoned[0].body.ticket.comment.body, /^Abandoned: the customer left before the call was answered\./);
  assert.ok(abandoned[0].body.ticket.tags.includes('ccaas_abandoned'));
  assert.ok(abandoned[0].body.ticket.tags.includes('voice_inbound_ivr'));

  // FO-5c: the ticket's Call menu on the same contact (its search answer is as broken).
  agent.client.fire('adapter.callMenu', { ticketId: 42, number: '+1 415 555 0100' });
  await agent.settle();
  assert.equal(banner(agent), null);
  assert.equal(agent.view().screen, 'outbound');
  assert.equal(agent.el('call').disabled, false, 'Call is offered');
  await agent.click('call');
  assert.equal(agent.connector.calls().filter((c) => c.direction === 'outbound').length, 1, 'the connector dials');
  assert.deepEqual(comments(agent, 42), [''], "ticket 42 reopened; the call's note waits for its end (D420)");
  await agent.wait(3000);
  await agent.click('hangUp');
  await agent.click('done');
  assert.match(comments(agent, 42).at(-1), /Type: Outbound Call/, "the call's one comment on ticket 42");
  assert.equal(agent.view().screen, 'main');

  // And the next inbound call rings as usual.
  agent.connector.ringInbound({ ani: '+1 415 555 0100' });
  await agent.settle();
  assert.equal(agent.view().screen, 'incoming');
  assert.equal(agent.view().call.contact.name, `Ada ${REPLACED} Lovelace`);
  assert.equal(banner(agent), null);
  assert.equal(agent.view().sync.failed, 0);
});

test('Hostile text/PF-1: attribute keys and values with lone surrogates (and "__proto__"): the call rings with its flags', async () => {
  const agent = await startAgent();
  scriptZendesk(agent.client, { ...search, results: [ada], count: 1 });
  // JSON.parse makes "__proto__" an own key, as a connector's decoded message would.
  const attributes = JSON.parse('{"__proto__": "p", "reserved_verified_customer": "true"}');
  attributes[`${LONE_LOW}key`] = `value ${HALF_EMOJI}`;
  const id = agent.connector.ringInbound({ ani: '+1 415 555 0100', menuPath: `Billing ${LONE_LOW}`, attributes });
  await agent.settle();
  assert.equal(banner(agent), null);
  assert.equal(agent.view().screen, 'incoming');
  assert.equal(agent.view().call.menuPath, `Billing ${REPLACED}`);
  const flags = [...agent.document.querySelectorAll('[data-flag]')].map((e) => e.getAttribute('data-flag'));
  assert.deepEqual(flags, ['verified_customer']);
  assert.deepEqual(
    shown(agent),
    [['ticket', 39]],
    'the rules ran: the open ticket 39 is shown (written once answered, D71)',
  );

  await agent.click('answer');
  assert.equal(comments(agent, 39).length, 1, 'the call is recorded');
  agent.connector.setAttributes(id, { [`${HALF_EMOJI}`]: LONE_LOW, reserved_repeat_customer: 'true' });
  await agent.settle();
  assert.equal(banner(agent), null);
  const later = [...agent.document.querySelectorAll('[data-flag]')].map((e) => e.getAttribute('data-flag'));
  assert.deepEqual(later, ['verified_customer', 'repeat_customer'], 'PF-1 mid-call attributes still arrive');
});

test('Hostile text: a persisted snapshot holding lone surrogates is restored after a reload, not set aside; the note reaches Zendesk', async () => {
  const storage = createMemoryStorage();
  const before = await startAgent({ storage });
  scriptZendesk(before.client, { ...search, results: [ada], count: 1 });
  const id = before.connector.ringInbound({
    ani: '+1 415 555 0100',
    attributes: { 'KEY-MARK': 'VALUE-MARK', reserved_verified_customer: 'true' },
  });
  await before.settle();
  await before.click('answer');
  await before.type('note', 'NOTE-MARK');
  before.connector.remoteHangUp(id);
  await before.wait(1000);
  assert.equal(before.view().screen, 'wrapUp');
  before.app.stop();

  // The snapshot as another version of the page, or another tab, could have stored it: the same call with text
  // that is no longer well-formed (JSON text: the escapes parse back into lone surrogates).
  const [key] = [...storage.map.keys()].filter((k) => storage.getItem(k).includes('NOTE-MARK'));
  assert.ok(key, 'the wrap-up is persisted');
  const hostile = storage
    .getItem(key)
    .replace('NOTE-MARK', 'Note \\ud83d')
    .replace('KEY-MARK', 'key \\udc1e')
    .replace('VALUE-MARK', 'value \\ud83d');
  assert.ok(
    JSON.parse(hostile).state.calls.some((c) => c.note === `Note ${HALF_EMOJI}`),
    'in the snapshot envelope',
  );
  storage.setItem(key, hostile);

  const after = await startAgent({ storage });
  scriptZendesk(after.client, { ...search, results: [ada], count: 1 });
  await after.settle();
  assert.equal(banner(after), null, 'the snapshot is not refused');
  assert.equal(storage.getItem(`${key}:unrestored`), null, 'nothing set aside');
  assert.equal(after.view().screen, 'wrapUp', 'the wrap-up survives the reload');
  assert.equal(after.el('note').value, `Note ${REPLACED}`);
  await after.click('done');
  const note = comments(after, 39).find((body) => body.includes('Agent note'));
  assert.ok(note, "the agent's note is written");
  // With the call's summary as one closing comment (D334), no marker (D335).
  assert.match(note, /\n\nAgent note:\nNote \uFFFD$/);
  assert.ok(!note.includes('[cti-ref:'));
  assert.equal(after.view().sync.failed, 0);
});

test("Hostile text: the agent's own name and a setting with lone surrogates: the top bar gets ready and calls ring", async () => {
  const agent = await startAgent({
    currentUser: {
      id: 5,
      name: `Sam ${HALF_EMOJI}`,
      locale: 'en-US',
      groups: [{ id: 11, name: `Support ${LONE_LOW}` }],
    },
    settings: { titleTemplate: `{{CALL_TYPE}} ${HALF_EMOJI} {{PHONE_NUMBER}}` },
  });
  scriptZendesk(agent.client, { ...search, results: [ada], count: 1 });
  assert.equal(agent.view().ready, true, 'appRegistered is accepted');
  assert.equal(agent.el('starting'), null);
  assert.equal(agent.view().agent.name, `Sam ${REPLACED}`);
  agent.connector.ringInbound({ ani: '+1 415 555 0100' });
  await agent.settle();
  assert.equal(agent.view().screen, 'incoming');
  assert.equal(agent.view().call.contact.name, 'Ada Lovelace');
  assert.deepEqual(
    shown(agent),
    [['ticket', 39]],
    'the rules ran: the open ticket 39 is shown (written once answered, D71)',
  );
});

test('Hostile text/IN-1: a Zendesk answer the core cannot read (nested past its limit) is not waited on for ever: the search is retried', async () => {
  const agent = await startAgent();
  let deep = 'bottom';
  for (let i = 0; i < 70; i++) deep = { d: deep };
  let unreadable = 2; // the first two search answers carry the nested record
  agent.client.respond((e) => e.url.startsWith('/api/v2/search.json') && unreadable-- > 0, {
    status: 200,
    body: { ...search, results: [{ ...ada, user_fields: deep }], count: 1 },
  });
  scriptZendesk(agent.client, { ...search, results: [ada], count: 1 });
  agent.connector.ringInbound({ ani: '+1 415 555 0100' });
  await agent.settle();
  await agent.wait(10_000);
  const searches = agent.requests().filter((r) => r.url.startsWith('/api/v2/search.json'));
  assert.equal(searches.length, 3, 'searched again after each unreadable answer');
  assert.deepEqual(agent.view().call.contact, { id: 7, name: 'Ada Lovelace' });
  assert.deepEqual(
    shown(agent),
    [['ticket', 39]],
    "the call's rules ran: its open ticket is shown (written once answered, D71)",
  );
});
