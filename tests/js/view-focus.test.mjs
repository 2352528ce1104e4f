// render(view) runs after every event, including the ones the agent's own typing causes. The element being
// typed in must stay the same element, keep focus and caret, and never be overwritten by a model that is one
// keystroke behind (events are queued).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { createTranslator } from '../../js-shim/view/i18n.js';
import { createView } from '../../js-shim/view/render.js';
import { outboundModel, viewFrame } from './helpers/view-models.mjs';

const en = JSON.parse(readFileSync(new URL('../../app-manifest/translations/en.json', import.meta.url), 'utf8'));

function setup() {
  const dom = new JSDOM('<!DOCTYPE html><div id="app"></div>');
  const root = dom.window.document.getElementById('app');
  const events = [];
  const noTimers = { setTimeout: () => 0, clearTimeout() {}, setInterval: () => 0, clearInterval() {} };
  const view = createView(root, {
    t: createTranslator({ en }, 'en'),
    onEvent: (e) => events.push(e),
    now: () => 0,
    timers: noTimers,
  });
  const type = (el, text, caret = text.length) => {
    el.value = text;
    el.setSelectionRange(caret, caret);
    el.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
  };
  return { dom, doc: dom.window.document, root, events, view, type, $: (s) => root.querySelector(s) };
}

function outbound(numberText, over = {}) {
  return viewFrame({
    screen: 'outbound',
    outbound: outboundModel({
      numberText,
      ...(numberText ? { number: { e164: null, display: numberText, isPlaceholder: false, valid: false } } : {}),
      ...over,
    }),
  });
}

test('FO-2 typing: the number box keeps identity, focus and caret across renders, even one keystroke behind', () => {
  const s = setup();
  s.view.render(outbound(''));
  const input = s.$('input[data-key="number"]');
  input.focus();
  s.type(input, '+1415', 3); // caret in the middle: the agent is correcting a digit

  s.view.render(outbound('+141', { errors: [{ code: 'NUMBER_INVALID', message: 'x' }], searching: true })); // lagging model
  assert.equal(s.$('input[data-key="number"]'), input, 'same element');
  assert.equal(s.doc.activeElement, input, 'still focused');
  assert.equal(input.value, '+1415', 'not overwritten by the older text');
  assert.equal(input.selectionStart, 3);
  assert.equal(input.selectionEnd, 3);

  // The next answers add a banner above, a chooser below, and drop the error: still the same box.
  s.view.render({
    ...outbound('+1415', {
      contact: {
        options: [
          { id: 1, name: 'A', createdAt: null, matchedPhone: '+1415' },
          { id: 2, name: 'B', createdAt: null, matchedPhone: '+1415' },
        ],
        selected: null,
        willCreate: false,
      },
    }),
    banner: { code: 'LOOKUP_FAILED', kind: 'error', params: { status: 500 } },
  });
  assert.equal(s.$('input[data-key="number"]'), input);
  assert.equal(s.doc.activeElement, input);
  assert.equal(input.selectionStart, 3);
  assert.deepEqual(s.events, [{ type: 'numberChanged', text: '+1415' }]);
});

test('FO-2: an input without focus shows what the core says (e.g. the dial pad or a Call-menu entry)', () => {
  const s = setup();
  s.view.render(outbound('+1'));
  const input = s.$('input[data-key="number"]');
  s.view.render(outbound('+1 212 555 0142'));
  assert.equal(s.$('input[data-key="number"]'), input);
  assert.equal(input.value, '+1 212 555 0142');
});

test("FO-5c: a box left focused while the agent used another part of Zendesk takes the Call menu's number", () => {
  const s = setup();
  s.view.render(outbound('+1'));
  const input = s.$('input[data-key="number"]');
  input.focus();
  s.doc.hasFocus = () => false; // the top-bar frame lost focus to the ticket's Call menu; activeElement stays
  s.view.render(outbound('+1 212 555 0142'));
  assert.equal(input.value, '+1 212 555 0142');
});

test('TB-2 typing: the ticket-ID box keeps focus and caret while the core checks the ticket', () => {
  const s = setup();
  const tb = (text, checking) =>
    outbound('+12125550142', {
      ticket: { mode: 'idEntry', required: true, selected: null, options: [], ticketIdText: text, checking },
    });
  s.view.render(tb('', false));
  const box = s.$('input[data-key="ticketIdInput"]');
  box.focus();
  s.type(box, '#42');
  s.view.render(tb('#4', true));
  s.view.render(tb('#42', true));
  assert.equal(s.$('input[data-key="ticketIdInput"]'), box);
  assert.equal(s.doc.activeElement, box);
  assert.equal(box.value, '#42');
  assert.equal(box.selectionStart, 3);
});

test('TR-11 note: the note box survives the call ending mid-sentence (call → wrap-up) with focus and caret', () => {
  const s = setup();
  const c = (state, note) => ({
    id: 'c',
    direction: 'inbound',
    state,
    held: false,
    muted: false,
    number: { e164: null, display: '+1' },
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
    connectedAtMs: state === 'connected' ? 0 : null,
    endedAtMs: null,
    durationSec: 12,
    note,
    can: {
      hangUp: state === 'connected',
      hold: state === 'connected',
      mute: state === 'connected',
      transfer: state === 'connected',
    },
  });
  s.view.render(viewFrame({ screen: 'call', call: c('connected', '') }));
  const note = s.$('textarea[data-key="note"]');
  note.focus();
  s.type(note, 'Customer wants a call', 8);
  s.view.render(viewFrame({ screen: 'call', call: c('connected', 'Customer wants') }));
  s.view.render(viewFrame({ screen: 'wrapUp', call: c('ended', 'Customer wants a call') }));
  assert.equal(s.$('textarea[data-key="note"]'), note, 'same textarea in wrap-up');
  assert.equal(s.doc.activeElement, note);
  assert.equal(note.value, 'Customer wants a call');
  assert.equal(note.selectionStart, 8);
  assert.deepEqual(s.events, [{ type: 'noteChanged', text: 'Customer wants a call' }]);
});

test("TR-10 transfer: the target typed is the agent's own text and survives renders", () => {
  const s = setup();
  const connected = viewFrame({
    screen: 'call',
    call: {
      id: 'c',
      direction: 'inbound',
      state: 'connected',
      held: false,
      muted: false,
      number: { e164: null, display: '+1' },
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
      connectedAtMs: 0,
      endedAtMs: null,
      durationSec: 0,
      note: '',
      can: { hangUp: true, hold: true, mute: true, transfer: true },
    },
  });
  s.view.render(connected);
  const target = s.$('input[data-key="transfer"]');
  target.focus();
  s.type(target, 'agent-12');
  s.view.render({ ...connected, call: { ...connected.call, held: true } });
  assert.equal(s.$('input[data-key="transfer"]'), target);
  assert.equal(target.value, 'agent-12');
  assert.equal(s.doc.activeElement, target);
  target.dispatchEvent(new s.dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  // issue 18 (D371): Enter asks first; the confirming button has the focus, and it sends the typed target.
  assert.deepEqual(s.events, []);
  const confirm = s.$('[data-key="transferConfirm"]');
  assert.equal(s.doc.activeElement, confirm);
  confirm.click();
  assert.deepEqual(s.events, [{ type: 'transferClicked', target: 'agent-12' }]);
});
