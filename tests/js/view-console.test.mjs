// The agent's console in the view (issue 18 items 1, 2 and 5), on jsdom: the status radio group chosen with the
// arrow keys, the home screen's recent calls (events of their buttons, one-line texts with their whole text in a
// title), the one live region's announcements, and where focus goes when the control used leaves with its screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { createTranslator } from '../../js-shim/view/i18n.js';
import { createView } from '../../js-shim/view/render.js';
import { outboundModel, viewFrame } from './helpers/view-models.mjs';

const en = JSON.parse(readFileSync(new URL('../../app-manifest/translations/en.json', import.meta.url), 'utf8'));
const NOW = Date.parse('2026-09-21T12:00:00Z');

function setup() {
  const dom = new JSDOM('<!DOCTYPE html><div id="app"></div>');
  const root = dom.window.document.getElementById('app');
  const events = [];
  const noTimers = { setTimeout: () => 0, clearTimeout() {}, setInterval: () => 0, clearInterval() {} };
  const view = createView(root, {
    t: createTranslator({ en }, 'en'),
    onEvent: (e) => events.push(e),
    now: () => NOW,
    timers: noTimers,
  });
  const key = (k, init = {}) => new dom.window.KeyboardEvent('keydown', { key: k, bubbles: true, ...init });
  return { dom, doc: dom.window.document, root, events, view, key, $: (s) => root.querySelector(s) };
}

const LONG = `Invoice dispute about the annual plan renewal ${'and more '.repeat(30)}`;
const status = (chosen, current = chosen) => ({ agentStatus: { chosen, current } });
const recent = [
  {
    callId: 'm-1',
    kind: 'missed',
    number: { e164: '+14155550199', display: '(415) 555-0199' },
    contact: null,
    ticket: null,
    atMs: NOW - 5 * 60_000,
    durationSec: 0,
    handled: false,
  },
  {
    callId: 'c-1',
    kind: 'inbound',
    number: { e164: '+14155550100', display: '(415) 555-0100' },
    contact: { id: 7, name: 'Ada Lovelace-Byron of a very long family name' },
    ticket: { id: 90, subject: LONG },
    atMs: NOW - 60 * 60_000,
    durationSec: 75,
    handled: true,
  },
];

test('issue 18.1: the status radio group — arrows choose, the current status shows while on a call', () => {
  const { view, events, $, key } = setup();
  view.render(viewFrame(status('available')));
  const available = $('[role=radio][data-status=available]');
  assert.equal(available.getAttribute('aria-checked'), 'true');
  assert.equal(available.getAttribute('tabindex'), '0');
  available.dispatchEvent(key('ArrowRight'));
  assert.deepEqual(events, [{ type: 'agentStatusChosen', status: 'away' }]);
  view.render(viewFrame(status('away')));
  assert.equal($('[data-status=away]').getAttribute('aria-checked'), 'true');
  assert.equal($('[data-current]'), null, 'no second status when nothing overrides the chosen one');
  view.render(viewFrame(status('available', 'onCall')));
  assert.equal($('[data-current]').textContent, 'On a call');
});

test('issue 18.2: recent calls — missed first to handle, Call back / ticket / Handled events, one-line texts titled', () => {
  const { view, events, $ } = setup();
  view.render(viewFrame({ ...status('available'), recentCalls: recent }));
  assert.match($('.cti-recent .cti-section__title').textContent, /Recent calls.*1 to handle/);
  const [missed, answered] = [...$('.cti-recent__list').children];
  assert.equal(missed.dataset.kind, 'missed');
  assert.match(missed.textContent, /Missed.*\(415\) 555-0199.*5 min ago/);
  assert.deepEqual(
    [...answered.querySelectorAll('.cti-recent__when span')].map((e) => e.textContent),
    ['1 h ago', '1:15'],
  );
  assert.match(missed.textContent, /No ticket/);
  assert.equal(answered.querySelector('[data-action=handled]'), null, 'an answered call has nothing to handle');
  const ticket = answered.querySelector('button.cti-recent__ticket');
  assert.equal(ticket.getAttribute('title'), `Ticket #90 ${LONG}`, 'the whole subject on hover');
  const caller = answered.querySelector('.cti-recent__caller');
  assert.equal(caller.getAttribute('title'), 'Ada Lovelace-Byron of a very long family name');
  assert.equal(
    answered.querySelector('[data-action=callBack]').getAttribute('aria-label'),
    'Call back Ada Lovelace-Byron of a very long family name',
  );
  missed.querySelector('[data-action=callBack]').click();
  ticket.click();
  missed.querySelector('[data-action=handled]').click();
  assert.deepEqual(events, [
    { type: 'recentCallClicked', callId: 'm-1', action: 'callBack' },
    { type: 'recentCallClicked', callId: 'c-1', action: 'openTicket' },
    { type: 'recentCallClicked', callId: 'm-1', action: 'handled' },
  ]);
});

test('issue 18.5: one live region announces an incoming call, its connection and end, and a status change', () => {
  const { view, $ } = setup();
  const said = () => $('[data-testid=announce]').textContent;
  view.render(viewFrame(status('available')));
  assert.equal($('[data-testid=announce]').getAttribute('aria-live'), 'polite');
  assert.equal(said(), '');
  const call = { id: 'c-1', direction: 'inbound', state: 'ringing', contact: { id: 7, name: 'Ada' }, can: {} };
  view.render(viewFrame({ ...status('available', 'ringing'), screen: 'incoming', call }));
  assert.equal(said(), 'Incoming call from Ada');
  view.render(viewFrame({ ...status('available', 'onCall'), screen: 'call', call: { ...call, state: 'connected' } }));
  assert.equal(said(), 'Call connected');
  view.render(viewFrame({ ...status('available', 'wrapUp'), screen: 'wrapUp', call: { ...call, state: 'ended' } }));
  assert.equal(said(), 'Call ended');
  view.render(viewFrame(status('away')));
  assert.equal(said(), 'Your status: Away');
  assert.equal([...$('.cti').querySelectorAll('[data-testid=announce]')].length, 1);
});

test('issue 18.5: focus goes on when the pressed control leaves — Dial pad → number, Answer → Hang up → note → Dial pad', () => {
  const { view, doc, $ } = setup();
  const focusedKey = () => doc.activeElement?.getAttribute('data-key') ?? doc.activeElement?.tagName;
  view.render(viewFrame(status('available')));
  $('[data-key=dialPad]').focus();
  view.render(
    viewFrame({
      screen: 'outbound',
      outbound: outboundModel({ number: { e164: null, display: '', isPlaceholder: true, valid: false } }),
    }),
  );
  assert.equal(focusedKey(), 'number');
  const call = { id: 'c-1', direction: 'inbound', state: 'ringing', can: { answer: true, decline: true } };
  view.render(viewFrame({ screen: 'incoming', call }));
  $('[data-key=answer]').focus();
  view.render(viewFrame({ screen: 'call', call: { ...call, state: 'connected', can: { hangUp: true } } }));
  assert.equal(focusedKey(), 'hangUp');
  view.render(viewFrame({ screen: 'wrapUp', call: { ...call, state: 'ended', can: {} } }));
  assert.equal(focusedKey(), 'note');
  view.render(viewFrame());
  assert.equal(focusedKey(), 'dialPad');
});

test('issue 18.5: focus the agent put outside the pane is never moved', () => {
  const { view, doc, $ } = setup();
  const outside = doc.createElement('input');
  doc.body.append(outside);
  view.render(viewFrame());
  outside.focus();
  view.render(viewFrame({ screen: 'incoming', call: { id: 'c-1', direction: 'inbound', state: 'ringing', can: {} } }));
  assert.equal(doc.activeElement, outside);
  assert.ok($('[data-key=answer]'));
});
