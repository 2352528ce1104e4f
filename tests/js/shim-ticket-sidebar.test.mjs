// The ticket sidebar's Call menu (jsdom), FO-5c: it sends no Zendesk request of its own. It asks the top-bar
// instance for its requester's phone numbers (adapter.requesterNumbersWanted, replyTo = its own instance guid),
// draws the numbers the top bar's core answers as text, and hands the chosen number (or "Enter new number") to the
// top bar, then opens the top bar's popover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { ANSWER_TIMEOUT_MS, startTicketSidebar } from '../../js-shim/app/ticket-sidebar.js';
import { createFakeClock } from './helpers/fake-clock.mjs';
import { createFakeZaf } from './helpers/fake-zaf.mjs';

const HOSTILE = '<img src=x onerror="globalThis.pwned=1">';
const quiet = { warn() {} };

// A translator stand-in that interpolates params, so the test also sees what a real one would put in text.
const t = (key, params = {}) =>
  `${key}${Object.values(params)
    .map((v) => ` ${v}`)
    .join('')}`;

/** A sidebar of ticket 42 (requester 300) next to a top bar that records what it is asked and answers by hand. */
function setup({ requesterName = 'Ada Caller', instances } = {}) {
  const dom = new JSDOM('<!DOCTYPE html><div id="app"></div>', { runScripts: 'outside-only' });
  const root = dom.window.document.getElementById('app');
  const zaf = createFakeZaf({
    instanceGuid: 'side-1',
    instances: instances ?? {
      'side-1': { location: 'ticket_sidebar' },
      'top-1': { location: 'top_bar' },
      'bg-1': { location: 'background' },
    },
    data: { ticket: { id: 42, requester: { id: 300, name: requesterName, email: 'ada@example.com' } } },
  });
  const topBar = createFakeZaf({ instanceGuid: 'top-1' });
  zaf.linkInstance('top-1', topBar);
  const asks = [];
  topBar.on('adapter.requesterNumbersWanted', (d) => asks.push(d));
  /** The top bar answers: the core's sidebarNumbers effect as bridge.sendSidebarNumbers triggers it. */
  const answer = (payload) => zaf.fire('adapter.sidebarNumbers', { ticketId: 42, requesterId: 300, ...payload });
  const clock = createFakeClock(); // the sidebar's wait for an answer runs on it
  const start = () => startTicketSidebar({ client: zaf, root, t, log: quiet, timers: clock });
  return { dom, root, zaf, asks, answer, clock, start };
}

const buttons = (root) => [...root.querySelectorAll('button')];
const texts = (root) => buttons(root).map((b) => b.textContent);
const settle = () => new Promise((r) => setTimeout(r, 10));

test("FO-5c: the sidebar asks the top bar for its requester's numbers (reply to its own instance) and sends no request", async () => {
  const { root, zaf, asks, start } = setup();
  await start();
  await settle();
  assert.deepEqual(asks, [{ ticketId: 42, requesterId: 300, replyTo: 'side-1' }]);
  assert.deepEqual(
    zaf.calls('trigger').map((c) => [c.instanceGuid, c.name]),
    [['top-1', 'adapter.requesterNumbersWanted']],
  );
  assert.deepEqual(zaf.calls('request'), [], 'no REST call from the sidebar');
  assert.match(root.textContent, /ui\.callMenu\.loading/);
  assert.deepEqual(texts(root), ['ui.callMenu.enterNewNumber'], 'a new number can be called while numbers load');
  assert.match(root.textContent, /Ada Caller/);
});

test('FO-5c: the top bar\'s answer draws one button per number, in its order, plus "Enter new number"', async () => {
  const { root, answer, start } = setup();
  const sidebar = await start();
  answer({ numbers: ['+49 30 1234', '+1 555 0100'], state: 'loaded' });
  assert.deepEqual(texts(root), ['+49 30 1234', '+1 555 0100', 'ui.callMenu.enterNewNumber']);
  assert.deepEqual(sidebar.numbers(), ['+49 30 1234', '+1 555 0100']);
  assert.doesNotMatch(root.textContent, /ui\.callMenu\.loading/);
  assert.equal(buttons(root)[0].title, 'ui.callMenu.callNumber +49 30 1234');
});

test("an answer for another ticket or requester (another sidebar's) is not drawn here", async () => {
  const { root, answer, start } = setup();
  await start();
  answer({ ticketId: 43, numbers: ['+1 555 0199'], state: 'loaded' });
  answer({ requesterId: 301, numbers: ['+1 555 0198'], state: 'loaded' });
  assert.deepEqual(texts(root), ['ui.callMenu.enterNewNumber']);
  assert.match(root.textContent, /ui\.callMenu\.loading/);
});

test('FO-5c: Zendesk did not give the numbers after the core\'s tries: "could not load" with Retry, which asks again', async () => {
  const { root, zaf, asks, answer, start } = setup();
  await start();
  answer({ numbers: [], state: 'failed' });
  assert.match(root.textContent, /ui\.callMenu\.loadFailed/);
  assert.deepEqual(texts(root), ['ui.callMenu.enterNewNumber', 'ui.callMenu.retry']);
  root.querySelector('.call-menu__retry').click();
  await settle();
  assert.equal(asks.length, 2, 'Retry asks the top bar again');
  assert.match(root.textContent, /ui\.callMenu\.loading/);
  answer({ numbers: ['+1 555 0100'], state: 'loaded' });
  assert.deepEqual(texts(root), ['+1 555 0100', 'ui.callMenu.enterNewNumber']);
  assert.deepEqual(zaf.calls('request'), []);
});

test('no answer from the top bar in time: "could not load" with Retry; a late answer still draws', async () => {
  const { root, answer, clock, start } = setup();
  await start();
  await clock.advance(ANSWER_TIMEOUT_MS - 1);
  assert.match(root.textContent, /ui\.callMenu\.loading/);
  await clock.advance(1);
  assert.match(root.textContent, /ui\.callMenu\.loadFailed/);
  assert.ok(root.querySelector('.call-menu__retry'));
  answer({ numbers: ['+1 555 0100'], state: 'loaded' });
  assert.deepEqual(texts(root), ['+1 555 0100', 'ui.callMenu.enterNewNumber']);
});

test('clicking a number triggers adapter.callMenu on the top-bar instance and shows its popover', async () => {
  const { root, zaf, answer, start } = setup();
  await start();
  answer({ numbers: ['+49 30 1234', '+1 555 0100'], state: 'loaded' });
  buttons(root)[1].click();
  await settle();
  assert.deepEqual(zaf.calls('trigger').at(-1), {
    kind: 'trigger',
    instanceGuid: 'top-1',
    name: 'adapter.callMenu',
    data: { ticketId: 42, number: '+1 555 0100' },
  });
  assert.deepEqual(
    zaf.calls('invoke').map(({ instanceGuid, name, args }) => [instanceGuid, name, ...args]),
    [['top-1', 'popover', 'show']],
  );
});

test('"Enter new number" hands number null to the top bar', async () => {
  const { root, zaf, start } = setup();
  await start();
  buttons(root).at(-1).click();
  await settle();
  assert.deepEqual(
    zaf.calls('trigger').map((c) => [c.instanceGuid, c.name, c.data]),
    [
      ['top-1', 'adapter.requesterNumbersWanted', { ticketId: 42, requesterId: 300, replyTo: 'side-1' }],
      ['top-1', 'adapter.callMenu', { ticketId: 42, number: null }],
    ],
  );
});

test('a hostile requester name and phone value are rendered as text, never as markup', async () => {
  const { dom, root, zaf, answer, start } = setup({ requesterName: HOSTILE });
  await start();
  answer({ numbers: [HOSTILE], state: 'loaded' });
  await settle();
  assert.equal(root.querySelector('img'), null);
  assert.equal(dom.window.pwned, undefined);
  assert.equal(buttons(root)[0].textContent, HOSTILE);
  assert.equal(root.querySelector('.call-menu__requester').textContent, HOSTILE);
  assert.ok(root.innerHTML.includes('&lt;img'), 'the markup is escaped in the DOM');
  buttons(root)[0].click();
  await settle();
  assert.equal(zaf.calls('trigger').at(-1).data.number, HOSTILE, 'handed on as data; the top bar core decides');
});

test('no top-bar instance: the menu says so, asks nothing, and Retry looks for the top bar again', async () => {
  const { root, zaf, asks, start } = setup({ instances: { 'side-1': { location: 'ticket_sidebar' } } });
  await start();
  assert.match(root.textContent, /ui\.callMenu\.noTopBar/);
  assert.deepEqual(zaf.calls('trigger'), []);
  buttons(root)[0].click(); // "Enter new number"
  await settle();
  assert.deepEqual(zaf.calls('trigger'), []);
  assert.match(root.textContent, /ui\.callMenu\.noTopBar/);
  root.querySelector('.call-menu__retry').click();
  await settle();
  assert.equal(zaf.calls('get').filter((g) => g.paths.includes('instances')).length, 3, 'looked again');
  assert.deepEqual(asks, []);
  assert.deepEqual(zaf.calls('request'), []);
});

test('a ticket without a requester: only "Enter new number", nothing asked', async () => {
  const { root, zaf, asks, start } = setup();
  zaf.get = async () => ({ 'ticket.id': 42, 'ticket.requester': null, errors: {} });
  await start();
  await settle();
  assert.deepEqual(texts(root), ['ui.callMenu.enterNewNumber']);
  assert.deepEqual(asks, []);
  assert.equal(root.querySelector('.call-menu__message'), null);
});
