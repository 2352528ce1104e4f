// Issue 18 item 3 in the view (D341–D343): the transfer directory searched by name and driven by the arrow keys, a
// typed number still transferring as before, Consult, and the consult panel's Complete, Conference and Back to
// caller. jsdom, hand-built view models (docs/adapter-protocol.md "View": call.transfer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { createTranslator } from '../../js-shim/view/i18n.js';
import { createView } from '../../js-shim/view/render.js';
import { matchingTargets } from '../../js-shim/view/screens/transfer-directory.js';
import { viewFrame } from './helpers/view-models.mjs';

const en = JSON.parse(readFileSync(new URL('../../app-manifest/translations/en.json', import.meta.url), 'utf8'));

function setup() {
  const dom = new JSDOM(`<!DOCTYPE html><html lang="en"><div id="app"></div></html>`);
  const root = dom.window.document.getElementById('app');
  const events = [];
  const timers = { setTimeout: () => 0, clearTimeout: () => {}, setInterval: () => 0, clearInterval: () => {} };
  const view = createView(root, { t: createTranslator({ en }, 'en'), onEvent: (e) => events.push(e), timers });
  const $ = (s) => root.querySelector(s);
  const key = (el, k) => el.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: k, bubbles: true }));
  const type = (el, text) => {
    el.value = text;
    el.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
  };
  return { dom, root, events, view, $, key, type, focused: () => dom.window.document.activeElement };
}

const DIRECTORY = {
  targets: [
    { kind: 'queue', id: '2', name: 'Billing', availability: null },
    { kind: 'agent', id: '6', name: 'Alex Rivera', availability: 'available' },
    { kind: 'agent', id: '9', name: 'Zoë Ålund', availability: 'unknown' },
    { kind: 'agent', id: '8', name: 'Tom Becker', availability: 'away' },
  ],
  can: { consult: true, conference: true },
  consult: null,
};

const call = (transfer) => ({
  id: 'call-1',
  direction: 'inbound',
  state: 'connected',
  number: { e164: '+14155550100', display: '+1 415 555 0100' },
  contact: { id: 7, name: 'Ada' },
  contactOptions: [],
  flags: [],
  ticket: null,
  connectedAtMs: Date.now(),
  note: '',
  can: { answer: false, decline: false, hangUp: true, hold: true, mute: true, transfer: true },
  transfer,
});

test('D341 directory: arrow keys open and move through queues and agents with their availability in words; typing searches by name, accents aside', () => {
  const s = setup();
  s.view.render(viewFrame({ screen: 'call', call: call(DIRECTORY) }));
  const box = s.$('input[data-key="transfer"]');
  assert.equal(box.getAttribute('role'), 'combobox');
  assert.equal(box.getAttribute('aria-expanded'), 'false');
  s.key(box, 'ArrowDown');
  const rows = () => [...s.root.querySelectorAll('[role="option"]')].map((o) => o.textContent);
  assert.deepEqual(rows(), ['BillingQueue', 'Alex RiveraAvailable', 'Zoë ÅlundAvailability unknown', 'Tom BeckerAway']);
  assert.equal(s.$('input[data-key="transfer"]').getAttribute('aria-expanded'), 'true');
  s.key(box, 'ArrowDown');
  const active = s.$('[role="option"][aria-selected="true"]');
  assert.equal(active.dataset.target, '6');
  assert.equal(box.getAttribute('aria-activedescendant'), active.id);
  s.key(box, 'ArrowUp');
  s.key(box, 'ArrowUp'); // wraps to the last
  assert.equal(s.$('[role="option"][aria-selected="true"]').dataset.target, '8');
  s.key(box, 'Escape');
  assert.equal(s.$('[role="listbox"]'), null);

  s.type(box, 'zoe al');
  assert.deepEqual(rows(), ['Zoë ÅlundAvailability unknown']);
  assert.deepEqual(
    matchingTargets(DIRECTORY.targets, '6').map((t) => t.id),
    ['6'],
    'an id typed in full finds its entry',
  );
  assert.deepEqual(s.events, [], 'browsing sends nothing');
});

test('D342 directory: Enter chooses the highlighted agent, focus goes to Consult, which consults that agent by id', () => {
  const s = setup();
  s.view.render(viewFrame({ screen: 'call', call: call(DIRECTORY) }));
  const box = s.$('input[data-key="transfer"]');
  s.type(box, 'alex');
  s.key(box, 'ArrowDown');
  s.key(box, 'Enter');
  assert.equal(box.value, 'Alex Rivera');
  assert.equal(s.$('[role="listbox"]'), null);
  assert.equal(s.focused(), s.$('[data-key="consultButton"]'));
  assert.deepEqual(s.events, [], 'choosing sends nothing');
  s.$('[data-key="consultButton"]').click();
  assert.deepEqual(s.events, [{ type: 'consultClicked', target: '6' }]);
});

test('D341 blind transfer from the directory names the chosen target; a typed number still works', () => {
  const s = setup();
  s.view.render(viewFrame({ screen: 'call', call: call(DIRECTORY) }));
  const box = s.$('input[data-key="transfer"]');
  s.key(box, 'ArrowDown');
  s.key(box, 'Enter'); // Billing, the queue
  s.$('[data-key="transferButton"]').click();
  assert.match(s.$('[data-key="transferAsk"]').textContent, /Transfer the caller to Billing\?/);
  s.$('[data-key="transferConfirm"]').click();
  assert.deepEqual(s.events, [{ type: 'transferClicked', target: '2' }]);

  s.type(box, '+4930123456');
  s.key(box, 'Enter'); // nothing highlighted: the typed number, as before
  assert.match(s.$('[data-key="transferAsk"]').textContent, /Transfer the caller to \+4930123456\?/);
  s.$('[data-key="transferConfirm"]').click();
  assert.deepEqual(s.events.at(-1), { type: 'transferClicked', target: '+4930123456' });
});

test('D342/D343 consult panel: Complete once the target answered, Conference where the connector can, Back to caller', () => {
  const s = setup();
  const consult = (state, can = DIRECTORY.can) => ({
    ...DIRECTORY,
    can: { ...can, consult: false },
    consult: { target: '6', name: 'Alex Rivera', state },
  });
  s.view.render(viewFrame({ screen: 'call', call: call(consult('dialing')) }));
  assert.equal(s.$('input[data-key="transfer"]'), null, 'the panel replaces the transfer box');
  assert.match(s.$('[data-key="consultState"]').textContent, /Calling Alex Rivera… The caller is on hold\./);
  assert.equal(s.$('[data-key="consultComplete"]').disabled, true);
  assert.equal(s.$('[data-key="conference"]'), null);

  s.view.render(viewFrame({ screen: 'call', call: call(consult('connected')) }));
  assert.match(s.$('[data-key="consultState"]').textContent, /Talking with Alex Rivera/);
  s.$('[data-key="conference"]').click();
  s.$('[data-key="consultComplete"]').click();
  s.$('[data-key="consultCancel"]').click();
  assert.deepEqual(s.events, [
    { type: 'conferenceClicked' },
    { type: 'consultCompleteClicked' },
    { type: 'consultCancelClicked' },
  ]);

  s.view.render(viewFrame({ screen: 'call', call: call(consult('connected', { conference: false })) }));
  assert.equal(s.$('[data-key="conference"]'), null, 'hidden where the connector cannot');
  s.view.render(viewFrame({ screen: 'call', call: call(consult('conference')) }));
  assert.equal(s.$('[data-key="consultCancel"]').textContent, 'Remove {{target}}'.replace('{{target}}', 'Alex Rivera'));
});
