// Issue 18 items 3, 4, 6 in the shim (D370–D372): the call's keypad, the transfer's confirming step, the wrap-up
// codes and "Open ticket", the caller's language by name, team groups named in the settings, and a bad setting
// named as the admin's settings page names it. jsdom, hand-built view models (docs/adapter-protocol.md "View").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { createTranslator, settingLabel } from '../../js-shim/view/i18n.js';
import { createView } from '../../js-shim/view/render.js';
import { withTeamGroupIds } from '../../js-shim/zaf/team-groups.js';
import { viewFrame } from './helpers/view-models.mjs';

const read = (locale) =>
  JSON.parse(readFileSync(new URL(`../../app-manifest/translations/${locale}.json`, import.meta.url), 'utf8'));
const en = read('en');
const de = read('de');

function setup({ lang = 'en', dictionaries = { en } } = {}) {
  const dom = new JSDOM(`<!DOCTYPE html><html lang="${lang}"><div id="app"></div></html>`);
  const root = dom.window.document.getElementById('app');
  const events = [];
  const timers = { setTimeout: () => 0, clearTimeout: () => {}, setInterval: () => 0, clearInterval: () => {} };
  const view = createView(root, { t: createTranslator(dictionaries, lang), onEvent: (e) => events.push(e), timers });
  return {
    dom,
    root,
    events,
    view,
    $: (s) => root.querySelector(s),
    $$: (s) => [...root.querySelectorAll(s)],
    button: (label) => [...root.querySelectorAll('button')].find((b) => b.textContent === label),
  };
}

const connected = (over = {}) => ({
  id: 'call-1',
  direction: 'inbound',
  state: 'connected',
  number: { e164: '+14155550100', display: '+1 415 555 0100' },
  contact: { id: 7, name: 'Ada' },
  contactOptions: [],
  flags: [],
  ticket: { id: 42, subject: 'Router', status: 'open' },
  language: 'de',
  connectedAtMs: Date.now(),
  note: '',
  can: { answer: false, decline: false, hangUp: true, hold: true, mute: true, transfer: true },
  ...over,
});

test('issue 18 keypad: folded until opened; each key and each typed digit sends its tone, echoed for the agent', () => {
  const s = setup();
  s.view.render(viewFrame({ screen: 'call', call: connected() }));
  const toggle = s.$('[data-key="keypadToggle"]');
  assert.equal(toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(s.$('[data-key="keypad"]'), null);
  toggle.click();
  assert.equal(s.$('[data-key="keypadToggle"]').getAttribute('aria-expanded'), 'true');
  const keys = s.$$('[data-key="keypad"] button').map((b) => b.textContent);
  assert.deepEqual(keys, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
  assert.equal(s.dom.window.document.activeElement, s.$('[data-key="tone-1"]'), 'focus on the first key');
  s.$('[data-key="tone-4"]').click();
  s.$('[data-key="keypad"]').dispatchEvent(new s.dom.window.KeyboardEvent('keydown', { key: '#', bubbles: true }));
  s.$('[data-key="keypad"]').dispatchEvent(new s.dom.window.KeyboardEvent('keydown', { key: 'x', bubbles: true }));
  assert.deepEqual(s.events, [
    { type: 'digitsPressed', digits: '4' },
    { type: 'digitsPressed', digits: '#' },
  ]);
  assert.equal(s.$('[data-key="keypadEcho"]').textContent, '4#');

  // A new call starts folded, with nothing echoed.
  s.view.render(viewFrame({ screen: 'call', call: connected({ id: 'call-2' }) }));
  assert.equal(s.$('[data-key="keypad"]'), null);
  // Not connected: the keypad cannot be opened.
  s.view.render(viewFrame({ screen: 'call', call: connected({ id: 'call-2', state: 'dialing' }) }));
  assert.equal(s.$('[data-key="keypadToggle"]').disabled, true);
});

test('issue 18 transfer: the target is named in a confirming step; Cancel keeps the caller and the typed target', () => {
  const s = setup();
  s.view.render(viewFrame({ screen: 'call', call: connected() }));
  const target = s.$('input[data-key="transfer"]');
  target.value = '+4930123456';
  target.dispatchEvent(new s.dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  assert.match(s.$('[data-key="transferAsk"]').textContent, /Transfer the caller to \+4930123456\?/);
  assert.equal(s.$('[data-key="transferAsk"]').getAttribute('role'), 'alertdialog');
  s.button('Cancel').click();
  assert.equal(s.$('[data-key="transferAsk"]'), null);
  assert.equal(s.dom.window.document.activeElement, target);
  assert.equal(target.value, '+4930123456');
  assert.deepEqual(s.events, [], 'nothing sent before the confirmation');
  s.button('Transfer').click();
  s.button('Transfer now').click();
  assert.deepEqual(s.events, [{ type: 'transferClicked', target: '+4930123456' }]);
});

test('issue 18 caller card: the language by its name in the agent language, the code when unknown', () => {
  const s = setup({ lang: 'de', dictionaries: { en, de } });
  s.view.render(viewFrame({ screen: 'call', call: connected({ language: 'pt-BR' }) }));
  assert.equal(s.$('.cti-caller__language').textContent, 'Sprache: Portugiesisch (Brasilien)');
  s.view.render(viewFrame({ screen: 'call', call: connected({ language: 'english please' }) }));
  assert.equal(s.$('.cti-caller__language').textContent, 'Sprache: english please');
  s.view.render(viewFrame({ screen: 'call', call: connected({ language: '' }) }));
  assert.equal(s.$('.cti-caller__language'), null);
});

test('issue 18 wrap-up (D370): codes to choose, Done waits for a required one, Open ticket → openTicketClicked', () => {
  const s = setup();
  const ended = (chosen) =>
    connected({
      state: 'ended',
      durationSec: 42,
      can: {},
      wrapUp: { codes: ['Resolved', 'Callback needed'], required: true, chosen },
    });
  s.view.render(viewFrame({ screen: 'wrapUp', call: ended(null) }));
  assert.equal(s.$('[data-key="wrapUpCodes"] .cti-section__title').textContent, 'Wrap-up code (required)');
  const options = s.$$('[data-key="wrapUpCodes"] [role="radio"]');
  assert.deepEqual(
    options.map((o) => o.textContent),
    ['Resolved', 'Callback needed'],
  );
  assert.equal(s.button('Done').disabled, true);
  assert.equal(s.button('Done').title, 'Choose a wrap-up code first');
  options[1].click();
  s.view.render(viewFrame({ screen: 'wrapUp', call: ended('Callback needed') }));
  assert.equal(s.$$('[data-key="wrapUpCodes"] [role="radio"]')[1].getAttribute('aria-checked'), 'true');
  assert.equal(s.button('Done').disabled, false);
  s.button('Open ticket #42').click();
  s.button('Done').click();
  assert.deepEqual(s.events, [
    { type: 'wrapUpCodeChosen', code: 'Callback needed' },
    { type: 'openTicketClicked', ticketId: 42 },
    { type: 'wrapUpDone' },
  ]);

  // No codes listed, no ticket: neither the chooser nor the link.
  s.view.render(viewFrame({ screen: 'wrapUp', call: connected({ state: 'ended', ticket: null, can: {} }) }));
  assert.equal(s.$('[data-key="wrapUpCodes"]'), null);
  assert.equal(s.$('[data-key="openTicket"]'), null);
  assert.equal(s.button('Done').disabled, false);
});

test('issue 18 settings (D372): team groups by name become the agent own group ids; ids and other teams as given', () => {
  const groups = [
    { id: 360001, name: 'Billing' },
    { id: 360002, name: 'Tier 2 Support' },
  ];
  const named = { teamTicketEntryGroups: '{"billing": "required", " Tier 2 Support ": "optional", "Sales": "off"}' };
  assert.deepEqual(JSON.parse(withTeamGroupIds(named, groups).teamTicketEntryGroups), {
    360001: 'required',
    360002: 'optional',
  });
  const mixed = { teamTicketEntryGroups: { 360009: 'required', Billing: 'optional' } };
  assert.deepEqual(JSON.parse(withTeamGroupIds(mixed, groups).teamTicketEntryGroups), {
    360009: 'required',
    360001: 'optional',
  });
  const ids = { teamTicketEntryGroups: '{"360001": "required"}' };
  assert.equal(withTeamGroupIds(ids, groups), ids, 'ids only: unchanged');
  const broken = { teamTicketEntryGroups: '{not json' };
  assert.equal(withTeamGroupIds(broken, groups), broken, 'the core reports it');
  assert.equal(withTeamGroupIds({}, groups).teamTicketEntryGroups, undefined);
});

test('issue 18 settings (D372): a bad setting is named by its label in the agent language', () => {
  const tDe = createTranslator({ en, de }, 'de');
  assert.equal(settingLabel(tDe, 'wrapUpCodes'), 'Abschlusscodes');
  assert.equal(settingLabel(createTranslator({ en }, 'en'), 'batchWindowSeconds'), 'batchWindowSeconds');
});
