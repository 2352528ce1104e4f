// The outbound screen (FO / TB) drawn from hand-built view models (docs/adapter-protocol.md "View"), in jsdom:
// what the agent sees, and which protocol events their clicks and keys send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { createTranslator } from '../../js-shim/view/i18n.js';
import { createView } from '../../js-shim/view/render.js';
import { outboundModel, viewFrame } from './helpers/view-models.mjs';

const frame = (outbound) => viewFrame({ screen: 'outbound', outbound });
const outbound = outboundModel;

const en = JSON.parse(readFileSync(new URL('../../app-manifest/translations/en.json', import.meta.url), 'utf8'));
const NOW = Date.parse('2026-11-23T12:00:00Z');

function setup({ timers } = {}) {
  const dom = new JSDOM('<!DOCTYPE html><div id="app"></div>');
  const { document } = dom.window;
  const root = document.getElementById('app');
  const events = [];
  const view = createView(root, {
    t: createTranslator({ en }, 'en'),
    onEvent: (e) => events.push(e),
    now: () => NOW,
    ...(timers ? { timers } : {}),
  });
  const key = (name, opts = {}) =>
    new dom.window.KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...opts });
  return {
    dom,
    document,
    root,
    events,
    view,
    key,
    $: (s) => root.querySelector(s),
    $$: (s) => [...root.querySelectorAll(s)],
  };
}

const validNumber = {
  e164: '+14155550100',
  display: '+1 415 555 0100',
  isPlaceholder: false,
  valid: true,
  extension: null,
};
const callButton = (s) => s.$$('.cti-actions button').find((b) => b.textContent === en.ui.outbound.call);

test('FO-2: a typed extension is shown with the number that will be dialled', () => {
  const s = setup();
  s.view.render(frame(outbound({ numberText: '+1 415 555 0100 ext 12', number: { ...validNumber, extension: '12' } })));
  assert.match(s.root.textContent, /Dials\s*\+1 415 555 0100\s*ext\. 12/);
  s.view.render(
    viewFrame({
      screen: 'call',
      call: {
        id: 'out-1',
        direction: 'outbound',
        state: 'dialing',
        held: false,
        muted: false,
        number: { e164: '+14155550100', display: '+1 415 555 0100', extension: '12' },
        contact: null,
        contactOptions: [],
        flags: [],
        ticket: null,
        lookup: null,
        decision: null,
        queueName: '',
        menuPath: '',
        language: '',
        startedAtMs: 0,
        connectedAtMs: null,
        endedAtMs: null,
        durationSec: 0,
        note: '',
        can: { answer: false, decline: false, hangUp: true, hold: false, mute: false, transfer: false },
      },
    }),
  );
  assert.match(s.root.textContent, /\+1 415 555 0100\s*ext\. 12/);
});

test('FO-2: no number → placeholder (415) 123-4567 in the box and Call disabled', () => {
  const s = setup();
  s.view.render(frame(outbound()));
  const input = s.$('input[data-key="number"]');
  assert.equal(input.getAttribute('placeholder'), '(415) 123-4567');
  assert.equal(input.value, '');
  assert.equal(input.getAttribute('type'), 'tel');
  assert.equal(callButton(s).disabled, true);
  assert.equal(s.$('[role="radiogroup"]'), null, 'no chooser without contacts');
});

test('FO-2: a typed, valid number shows no placeholder and what will be dialled', () => {
  const s = setup();
  s.view.render(frame(outbound({ numberText: '415 555 0100', number: validNumber })));
  const input = s.$('input[data-key="number"]');
  assert.equal(input.value, '415 555 0100');
  assert.equal(input.hasAttribute('placeholder'), false);
  assert.match(s.root.textContent, /Dials \+1 415 555 0100/);
});

test('FO-3c: two contacts share the number → newest first with matched phones; arrows move, Enter chooses', () => {
  const s = setup();
  const contact = {
    options: [
      { id: 8, name: 'Ada (new)', createdAt: '2026-11-22T12:00:00Z', matchedPhone: '+1 415-555-0100' },
      { id: 7, name: 'Ada (old)', createdAt: '2020-01-01T00:00:00Z', matchedPhone: '(415) 555 0100' },
    ],
    selected: null,
    willCreate: false,
  };
  s.view.render(
    frame(
      outbound({
        numberText: '+14155550100',
        number: validNumber,
        contact,
        errors: [{ code: 'CONTACT_REQUIRED', message: 'choose' }],
      }),
    ),
  );

  const group = s.$('[role="radiogroup"]');
  assert.ok(group, 'a radio group');
  const options = s.$$('[role="radiogroup"] [role="radio"]');
  assert.deepEqual(
    options.map((o) => o.querySelector('.cti-choice__title').textContent),
    ['Ada (new)', 'Ada (old)'],
    'order as given',
  );
  assert.match(options[0].textContent, /Matches \+1 415-555-0100/);
  assert.match(options[1].textContent, /Matches \(415\) 555 0100/);
  assert.match(options[0].textContent, /created 1 d ago/);
  assert.deepEqual(
    options.map((o) => o.getAttribute('aria-checked')),
    ['false', 'false'],
  );
  assert.deepEqual(
    options.map((o) => o.getAttribute('tabindex')),
    ['0', '-1'],
    'one tab stop',
  );
  assert.equal(callButton(s).disabled, true);
  assert.match(s.root.textContent, new RegExp(en.ui.errors.CONTACT_REQUIRED.replace(/[.()]/g, '\\$&')));

  options[0].focus();
  options[0].dispatchEvent(s.key('ArrowDown'));
  assert.equal(s.document.activeElement, options[1], 'ArrowDown moves focus');
  assert.equal(s.events.length, 0, 'moving does not choose');
  options[1].dispatchEvent(s.key('Enter'));
  assert.deepEqual(s.events, [{ type: 'contactChosen', contactId: 7 }]);
  options[1].dispatchEvent(s.key('ArrowDown'));
  assert.equal(s.document.activeElement, options[0], 'wraps around');
  options[0].dispatchEvent(s.key(' '));
  assert.deepEqual(s.events.at(-1), { type: 'contactChosen', contactId: 8 });

  // The core answers with the choice: the option is checked, keeps focus, and Call is enabled.
  s.view.render(
    frame(
      outbound({
        numberText: '+14155550100',
        number: validNumber,
        contact: { ...contact, selected: 8 },
        canCall: true,
      }),
    ),
  );
  assert.equal(s.$('[role="radio"][aria-checked="true"]'), options[0], 'same element, now checked');
  assert.equal(s.document.activeElement, options[0]);
  assert.equal(callButton(s).disabled, false);
  callButton(s).click();
  assert.deepEqual(s.events.at(-1), { type: 'callClicked' });
});

test('FO-3: a contact without the dialled number says so; FO-3a: "a new contact will be created"', () => {
  const s = setup();
  const ada = {
    options: [{ id: 7, name: 'Ada', createdAt: null, matchedPhone: null }],
    selected: 7,
    willCreate: false,
  };
  s.view.render(
    frame(
      outbound({
        number: validNumber,
        contact: ada,
        errors: [{ code: 'NUMBER_NOT_ON_CONTACT', message: 'Only numbers stored on the contact can be dialled.' }],
      }),
    ),
  );
  assert.match(s.$('[role="radio"]').textContent, /Number not on this contact/);
  assert.equal(s.$('[role="radio"]').getAttribute('aria-checked'), 'true');
  // FO-5d: nothing typed yet, or the contact's other numbers still being loaded: no verdict on the number.
  s.view.render(frame(outbound({ contact: ada })));
  assert.doesNotMatch(s.$('[role="radio"]').textContent, /Number not on this contact/);
  s.view.render(frame(outbound({ number: validNumber, contact: ada, searching: true })));
  assert.doesNotMatch(s.$('[role="radio"]').textContent, /Number not on this contact/);
  s.view.render(frame(outbound({ number: validNumber, contact: { options: [], selected: null, willCreate: true } })));
  assert.match(s.root.textContent, /a new contact will be created/);
});

test('FO-1b/c/d: ticket list shows #id subject, status and updated time, "Create new ticket", "Do not create a ticket"', () => {
  const s = setup();
  const ticket = {
    mode: 'list',
    required: true,
    selected: null,
    ticketIdText: '',
    checking: false,
    options: [
      { value: 42, subject: 'Router', status: 'open', updatedAt: '2026-11-23T11:55:00Z' },
      { value: 'new', subject: null, status: null, updatedAt: null },
      { value: 'none', subject: null, status: null, updatedAt: null },
    ],
  };
  s.view.render(
    frame(outbound({ number: validNumber, ticket, warnings: [{ code: 'NO_TICKET_NO_RECORDING', message: 'x' }] })),
  );
  const options = s.$$('[data-key="tickets"] [role="radio"]');
  assert.equal(options.length, 3);
  assert.equal(options[0].querySelector('.cti-ticket__id').textContent, '#42');
  assert.equal(options[0].querySelector('.cti-ticket__subject').textContent, 'Router');
  assert.equal(options[0].querySelector('.cti-status').textContent, 'Open');
  assert.match(options[0].textContent, /Updated 5 min ago/);
  assert.equal(options[1].textContent, 'Create new ticket');
  assert.equal(options[2].textContent, 'Do not create a ticket');
  assert.match(s.$('.cti-message--warning').textContent, /no recording/);
  options[0].click();
  options[1].dispatchEvent(s.key('Enter'));
  options[2].click();
  assert.deepEqual(s.events, [
    { type: 'ticketChosen', value: 42 },
    { type: 'ticketChosen', value: 'new' },
    { type: 'ticketChosen', value: 'none' },
  ]);
});

test('FO-1b off: auto mode is one line naming the decided ticket, with the decision reason by its code, no rule id (TR-4)', () => {
  const s = setup();
  s.view.render(
    frame(
      outbound({
        number: validNumber,
        ticket: {
          mode: 'auto',
          required: false,
          selected: 42,
          options: [{ value: 42, subject: 'Router', status: 'pending', updatedAt: null }],
        },
        decision: {
          rule: 'TR-4',
          reason: 'English reason',
          code: 'NEWEST_INTEGRATION_TICKET',
          params: { ticket: '42' },
        },
      }),
    ),
  );
  assert.match(s.$('.cti-auto').textContent, /The call is added to #42RouterPending/);
  assert.equal(s.$('.cti-decision').textContent, 'most recently updated open ticket created by this integration: 42');
});

test('TB-2/TB-3: ticket-ID box instead of the list, "Required", no use-entered-number box; typing sends ticketIdChanged', () => {
  const s = setup();
  s.view.render(
    frame(
      outbound({
        numberText: '+12125550142',
        number: validNumber,
        useEnteredNumber: { offered: false, checked: false },
        ticket: { mode: 'idEntry', required: true, selected: null, options: [], ticketIdText: '', checking: true },
        errors: [{ code: 'TICKET_REQUIRED', message: 'a ticket ID is required' }],
      }),
    ),
  );
  const box = s.$('input[data-key="ticketIdInput"]');
  assert.ok(box, 'the ticket-ID box');
  assert.equal(box.getAttribute('aria-required'), 'true');
  assert.equal(s.$('.cti-required').textContent, 'Required');
  assert.equal(s.$(`label[for="${box.id}"]`).textContent.startsWith('Ticket ID'), true);
  assert.equal(s.$('input[type="checkbox"]'), null, 'TB-2: entered number not offered');
  assert.equal(s.$('[data-key="tickets"]'), null, 'no FO list');
  assert.equal(s.$('[data-key="checking"]').textContent, 'Checking the ticket…');
  assert.equal(s.$('.cti-message--error').textContent, en.ui.errors.TICKET_REQUIRED);
  assert.equal(callButton(s).disabled, true, 'TB-3: Call waits for the ID');

  box.value = '#42';
  box.dispatchEvent(new s.dom.window.Event('input', { bubbles: true }));
  assert.deepEqual(s.events, [{ type: 'ticketIdChanged', text: '#42' }]);

  // TB-6: the core found ticket 42 → it is shown under the box and Call is enabled.
  s.view.render(
    frame(
      outbound({
        numberText: '+12125550142',
        number: validNumber,
        ticket: {
          mode: 'idEntry',
          required: true,
          selected: 42,
          options: [{ value: 42, subject: 'Printer', status: 'hold', updatedAt: null }],
          ticketIdText: '#42',
          checking: false,
        },
        canCall: true,
      }),
    ),
  );
  assert.equal(s.$('[data-key="found"]').textContent, '#42PrinterOn-hold');
  assert.equal(callButton(s).disabled, false);
});

test('TB-1 optional: the box says "(optional)" and that empty means a new ticket', () => {
  const s = setup();
  s.view.render(
    frame(
      outbound({
        ticket: { mode: 'idEntry', required: false, selected: 'new', options: [], ticketIdText: '', checking: false },
      }),
    ),
  );
  assert.equal(s.$('.cti-required'), null);
  assert.match(s.root.textContent, /\(optional\)/);
  assert.match(s.root.textContent, /Leave empty to create a new ticket/);
  assert.equal(s.$('input[data-key="ticketIdInput"]').hasAttribute('aria-required'), false);
});

test('FO-1e: "use entered number" only when offered; ticking sends useEnteredNumberChanged', () => {
  const s = setup();
  s.view.render(frame(outbound({ useEnteredNumber: { offered: true, checked: false } })));
  const box = s.$('input[type="checkbox"]');
  assert.ok(box);
  assert.equal(s.$(`label[for="${box.id}"]`).textContent, en.ui.outbound.useEnteredNumber);
  box.click();
  assert.deepEqual(s.events, [{ type: 'useEnteredNumberChanged', checked: true }]);
  s.view.render(frame(outbound({ useEnteredNumber: { offered: true, checked: true } })));
  assert.equal(s.$('input[type="checkbox"]').checked, true);
});

test('FO-2/FO-3c errors and warnings are shown by translated code; an unknown code never shows the core English', () => {
  const s = setup();
  s.view.render(
    frame(
      outbound({
        numberText: '12',
        number: { e164: null, display: '12', isPlaceholder: false, valid: false },
        errors: [
          { code: 'NUMBER_INVALID', message: 'not a phone number' },
          { code: 'BRAND_NEW', message: 'core English text' },
        ],
        warnings: [{ code: 'ENTERED_NUMBER_NOT_SAVED', message: 'x' }],
      }),
    ),
  );
  const texts = s.$$('.cti-message').map((li) => li.textContent);
  assert.deepEqual(texts, [
    en.ui.errors.NUMBER_INVALID,
    en.ui.banner.unknown.replace('{{code}}', 'BRAND_NEW'),
    en.ui.warnings.ENTERED_NUMBER_NOT_SAVED,
  ]);
  assert.equal(s.$('input[data-key="number"]').getAttribute('aria-invalid'), 'true');
  assert.equal(
    s.$('input[data-key="number"]').hasAttribute('placeholder'),
    false,
    'an invalid number is not a placeholder',
  );
});

test('FO-5a: dial pad keys append and send the whole text; backspace; holding 0 gives +', () => {
  const pending = [];
  const timers = {
    setTimeout: (fn) => pending.push(fn),
    clearTimeout: (id) => (pending[id - 1] = null),
    setInterval: () => 0,
    clearInterval: () => {},
  };
  const s = setup({ timers });
  s.view.render(frame(outbound()));
  const keys = s.$$('.cti-dialpad button');
  assert.deepEqual(
    keys.map((k) => k.querySelector('.cti-dialpad__digit').textContent),
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'],
  );
  const pad = (d) => keys.find((k) => k.querySelector('.cti-dialpad__digit').textContent === d);

  const zero = pad('0');
  zero.dispatchEvent(new s.dom.window.Event('pointerdown'));
  pending.at(-1)(); // the hold lasted long enough
  s.view.render(frame(outbound({ numberText: '+' }))); // the core answers while the key is still held
  zero.dispatchEvent(new s.dom.window.Event('pointerup'));
  zero.click(); // the click that ends the long press adds nothing
  pad('4').click();
  pad('1').click();
  zero.dispatchEvent(new s.dom.window.Event('pointerdown'));
  zero.dispatchEvent(new s.dom.window.Event('pointerup')); // short press
  zero.click();
  s.$('[data-key="backspace"]').click();
  assert.deepEqual(s.events, [
    { type: 'numberChanged', text: '+' },
    { type: 'numberChanged', text: '+4' },
    { type: 'numberChanged', text: '+41' },
    { type: 'numberChanged', text: '+410' },
    { type: 'numberChanged', text: '+41' },
  ]);
  assert.equal(s.$('input[data-key="number"]').value, '+41');
});

test('FO-5b: with a prefilled entry the dial pad starts folded and can be unfolded (drawing only, no event)', () => {
  const s = setup();
  s.view.render(frame(outbound({ source: 'contact', numberText: '+14155550100', number: validNumber })));
  assert.equal(s.$('.cti-dialpad'), null);
  const toggle = s.$('[data-key="padToggle"]');
  assert.equal(toggle.getAttribute('aria-expanded'), 'false');
  toggle.click();
  assert.ok(s.$('.cti-dialpad'));
  assert.equal(s.$('[data-key="padToggle"]').getAttribute('aria-expanded'), 'true');
  assert.deepEqual(s.events, []);
});

test('FO-5a: Enter in the number box sends lookUpNumber; typing sends numberChanged; FO-6: Escape cancels', () => {
  const s = setup();
  s.view.render(frame(outbound()));
  const input = s.$('input[data-key="number"]');
  input.value = '+1415';
  input.dispatchEvent(new s.dom.window.Event('input', { bubbles: true }));
  input.dispatchEvent(s.key('Enter'));
  input.dispatchEvent(s.key('Escape'));
  s.$$('.cti-actions button')
    .find((b) => b.textContent === 'Cancel')
    .click();
  assert.deepEqual(s.events, [
    { type: 'numberChanged', text: '+1415' },
    { type: 'lookUpNumber' },
    { type: 'cancelClicked' },
    { type: 'cancelClicked' },
  ]);
});

test('FO-3b searching: the indicator follows view.outbound.searching', () => {
  const s = setup();
  s.view.render(frame(outbound({ searching: true })));
  assert.equal(s.$('[data-key="searching"]').textContent, 'Searching contacts…');
  assert.equal(s.$('[data-key="searching"]').getAttribute('role'), 'status');
  s.view.render(frame(outbound({ searching: false })));
  assert.equal(s.$('[data-key="searching"]').textContent, '');
});

test('FO-2: a plan-less outbound view (core still waiting) draws without contact/ticket fields', () => {
  const s = setup();
  s.view.render(
    frame({
      source: 'dialpad',
      numberText: '',
      number: { e164: null, display: '(415) 123-4567', isPlaceholder: true, valid: false },
      canCall: false,
      searching: true,
    }),
  );
  assert.equal(s.$('input[data-key="number"]').getAttribute('placeholder'), '(415) 123-4567');
  assert.equal(callButton(s).disabled, true);
});
