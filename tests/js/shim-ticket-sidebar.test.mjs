// The ticket sidebar's Call menu (jsdom): it lists the requester's phone numbers as text and hands the chosen
// number (or "Enter new number") to the top-bar instance, then opens the top bar's popover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { startTicketSidebar } from '../../js-shim/app/ticket-sidebar.js';
import { createFakeZaf } from './helpers/fake-zaf.mjs';

const HOSTILE = '<img src=x onerror="globalThis.pwned=1">';
const IDENTITIES_URL = '/api/v2/users/300/identities.json?type[]=phone_number';
const quiet = { warn() {} };

// A translator stand-in that interpolates params, so the test also sees what a real one would put in text.
const t = (key, params = {}) =>
  `${key}${Object.values(params)
    .map((v) => ` ${v}`)
    .join('')}`;

function setup({ requesterName = 'Ada Caller', identities } = {}) {
  const dom = new JSDOM('<!DOCTYPE html><div id="app"></div>', { runScripts: 'outside-only' });
  const root = dom.window.document.getElementById('app');
  const zaf = createFakeZaf({
    instanceGuid: 'side-1',
    instances: {
      'side-1': { location: 'ticket_sidebar' },
      'top-1': { location: 'top_bar' },
      'bg-1': { location: 'background' },
    },
    data: { ticket: { id: 42, requester: { id: 300, name: requesterName, email: 'ada@example.com' } } },
  });
  zaf.respond(IDENTITIES_URL, {
    status: 200,
    body: {
      identities: identities ?? [
        { id: 1, type: 'phone_number', value: '+1 555 0100', primary: false },
        { id: 2, type: 'email', value: 'ada@example.com', primary: true },
        { id: 3, type: 'phone_number', value: '+49 30 1234', primary: true },
        { id: 4, type: 'phone_number', value: '+1 555 0100', primary: false },
      ],
    },
  });
  return { dom, root, zaf };
}

const buttons = (root) => [...root.querySelectorAll('button')];
const settle = () => new Promise((r) => setTimeout(r, 10));

test('one button per distinct phone number (primary first) plus "Enter new number"; one identities request', async () => {
  const { root, zaf } = setup();
  const result = await startTicketSidebar({ client: zaf, root, t, log: quiet });
  assert.deepEqual(result, { ticketId: 42, numbers: ['+49 30 1234', '+1 555 0100'] });
  assert.deepEqual(
    buttons(root).map((b) => b.textContent),
    ['+49 30 1234', '+1 555 0100', 'ui.callMenu.enterNewNumber'],
  );
  assert.deepEqual(zaf.calls('get')[0].paths, ['ticket.id', 'ticket.requester']);
  assert.deepEqual(
    zaf.calls('request').map((r) => [r.method, r.url]),
    [['GET', IDENTITIES_URL]],
  );
  assert.match(root.textContent, /Ada Caller/);
});

test('clicking a number triggers adapter.callMenu on the top-bar instance and shows its popover', async () => {
  const { root, zaf } = setup();
  await startTicketSidebar({ client: zaf, root, t, log: quiet });
  buttons(root)[1].click();
  await settle();
  assert.deepEqual(zaf.calls('trigger'), [
    { kind: 'trigger', instanceGuid: 'top-1', name: 'adapter.callMenu', data: { ticketId: 42, number: '+1 555 0100' } },
  ]);
  assert.deepEqual(
    zaf.calls('invoke').map(({ instanceGuid, name, args }) => [instanceGuid, name, ...args]),
    [['top-1', 'popover', 'show']],
  );
});

test('"Enter new number" hands number null to the top bar', async () => {
  const { root, zaf } = setup();
  await startTicketSidebar({ client: zaf, root, t, log: quiet });
  buttons(root).at(-1).click();
  await settle();
  assert.deepEqual(
    zaf.calls('trigger').map((c) => [c.instanceGuid, c.name, c.data]),
    [['top-1', 'adapter.callMenu', { ticketId: 42, number: null }]],
  );
  assert.deepEqual(
    zaf.calls('invoke').map(({ name, args }) => [name, ...args]),
    [['popover', 'show']],
  );
});

test('the hand-off reaches the top bar as an adapter.callMenu event (linked fakes)', async () => {
  const { root, zaf } = setup();
  const topBar = createFakeZaf({ instanceGuid: 'top-1' });
  zaf.linkInstance('top-1', topBar);
  const received = [];
  topBar.on('adapter.callMenu', (d) => received.push(d));
  await startTicketSidebar({ client: zaf, root, t, log: quiet });
  buttons(root)[0].click();
  await settle();
  assert.deepEqual(received, [{ ticketId: 42, number: '+49 30 1234' }]);
});

test('a hostile requester name and phone value are rendered as text, never as markup', async () => {
  const { dom, root, zaf } = setup({
    requesterName: HOSTILE,
    identities: [{ id: 1, type: 'phone_number', value: HOSTILE, primary: true }],
  });
  await startTicketSidebar({ client: zaf, root, t, log: quiet });
  await settle();
  assert.equal(root.querySelector('img'), null);
  assert.equal(dom.window.pwned, undefined);
  assert.equal(buttons(root)[0].textContent, HOSTILE);
  assert.ok(root.querySelector('.call-menu__requester').textContent === HOSTILE);
  assert.ok(root.innerHTML.includes('&lt;img'), 'the markup is escaped in the DOM');
  buttons(root)[0].click();
  await settle();
  assert.equal(zaf.calls('trigger')[0].data.number, HOSTILE, 'handed on as data; the top bar core decides');
});

test('when the identities request fails the menu still offers "Enter new number" and says why', async () => {
  const { root, zaf } = setup();
  const failing = createFakeZaf({
    instanceGuid: 'side-1',
    instances: { 'top-1': { location: 'top_bar' } },
    data: { 'ticket.id': 42, 'ticket.requester': { id: 300, name: 'Ada' } },
  });
  failing.respond(() => true, { status: 403, body: { error: 'Forbidden' } });
  await startTicketSidebar({ client: failing, root, t, log: quiet });
  assert.deepEqual(
    buttons(root).map((b) => b.textContent),
    ['ui.callMenu.enterNewNumber'],
  );
  assert.match(root.textContent, /ui\.callMenu\.loadFailed/);
  assert.equal(zaf.calls('request').length, 0);
});

test('no top-bar instance: the menu says so and nothing is triggered', async () => {
  const { root } = setup();
  const lonely = createFakeZaf({
    instanceGuid: 'side-1',
    instances: { 'side-1': { location: 'ticket_sidebar' } },
    data: { 'ticket.id': 5, 'ticket.requester': { id: 300, name: 'Ada' } },
  });
  lonely.respond(IDENTITIES_URL, { status: 200, body: { identities: [] } });
  await startTicketSidebar({ client: lonely, root, t, log: quiet });
  buttons(root)[0].click();
  await settle();
  assert.deepEqual(lonely.calls('trigger'), []);
  assert.match(root.textContent, /ui\.callMenu\.noTopBar/);
});
