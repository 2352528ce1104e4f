// Strings from Zendesk and callers are data (ARCHITECTURE.md "Boundaries"): the view puts them in as text only.
// Hostile markup and right-to-left overrides must appear literally and run nothing; huge strings appear cut to
// their display length, whole (up to the tooltip's length) in the element's title, and run nothing either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { createH, DISPLAY_CHARS, displayText, TITLE_CHARS } from '../../js-shim/view/dom.js';
import { createTranslator } from '../../js-shim/view/i18n.js';
import { createView } from '../../js-shim/view/render.js';

const en = JSON.parse(readFileSync(new URL('../../app-manifest/translations/en.json', import.meta.url), 'utf8'));
const HOSTILE = '<img src=x onerror="globalThis.__pwned=1">';
const RTL = 'שלום עולם \u202Efdp.exe\u202C مرحبا';
const HUGE = 'A'.repeat(5 * 1024) + '<b>bold?</b>' + 'Z'.repeat(5 * 1024); // ~10 KB

function setup() {
  // runScripts: a handler that slipped into the DOM as markup would run here.
  const dom = new JSDOM('<!DOCTYPE html><body><div id="app"></div></body>', { runScripts: 'dangerously' });
  const root = dom.window.document.getElementById('app');
  const view = createView(root, { t: createTranslator({ en }, 'en'), onEvent: () => {}, now: () => 0 });
  return { dom, root, view };
}

function frame(over) {
  return {
    screen: 'main',
    ready: true,
    agent: { id: 5, name: HOSTILE },
    connector: { name: HOSTILE, state: 'online' },
    settingsProblems: [{ setting: HOSTILE, code: 'SETTING_INVALID', message: HOSTILE }],
    banner: { code: 'WRITE_FAILED', kind: 'error', params: { label: HOSTILE, error: RTL } },
    sync: {
      pending: 1,
      failed: 0,
      writes: [{ key: HOSTILE, kind: 'createTicket', label: HUGE, state: HOSTILE, error: HOSTILE }],
    },
    outbound: null,
    call: null,
    ...over,
  };
}

function assertInert(dom, root, expected) {
  const doc = dom.window.document;
  assert.equal(doc.querySelectorAll('img, script, iframe, a, object').length, 0, 'no element from the data');
  assert.equal(dom.window.__pwned, undefined);
  assert.equal(globalThis.__pwned, undefined);
  for (const el of doc.querySelectorAll('*')) {
    for (const { name } of el.attributes) assert.ok(!/^on/i.test(name), `no ${name} attribute on <${el.localName}>`);
  }
  for (const text of expected) {
    if (text.length <= DISPLAY_CHARS) {
      assert.ok(root.textContent.includes(text), `shows literally: ${text.slice(0, 40)}`);
      continue;
    }
    assert.ok(!root.textContent.includes(text), `a huge text is not put in the page whole: ${text.slice(0, 40)}`);
    assert.ok(root.textContent.includes(displayText(text)), `shows its beginning, cut: ${text.slice(0, 40)}`);
    const titles = [...doc.querySelectorAll('[title]')].map((el) => el.getAttribute('title'));
    assert.ok(titles.includes(displayText(text, TITLE_CHARS)), `its tooltip carries it: ${text.slice(0, 40)}`);
  }
}

test('FO-3c / FO-4 hostile contact name, RTL and 10 KB subjects render as text on the outbound screen', () => {
  const { dom, root, view } = setup();
  view.render(
    frame({
      screen: 'outbound',
      outbound: {
        source: 'dialpad',
        numberText: HOSTILE,
        searching: false,
        number: { e164: null, display: HOSTILE, isPlaceholder: true, valid: false },
        useEnteredNumber: { offered: false, checked: false },
        contact: {
          options: [
            { id: 1, name: HOSTILE, createdAt: HOSTILE, matchedPhone: HOSTILE },
            { id: 2, name: RTL, createdAt: null, matchedPhone: null },
          ],
          selected: null,
          willCreate: false,
        },
        ticket: {
          mode: 'list',
          required: true,
          selected: null,
          ticketIdText: '',
          checking: false,
          options: [
            { value: 41, subject: RTL, status: HOSTILE, updatedAt: HOSTILE },
            { value: 42, subject: HUGE, status: 'open', updatedAt: null },
          ],
        },
        errors: [{ code: HOSTILE, message: HOSTILE }],
        warnings: [{ code: 'X', message: RTL }],
        canCall: false,
        decision: { rule: HOSTILE, reason: HOSTILE, code: 'FROM_TICKET_MENU', params: { ticket: HOSTILE } },
      },
    }),
  );
  assertInert(dom, root, [HOSTILE, RTL, HUGE]);
  assert.equal(root.querySelector('input[data-key="number"]').value, HOSTILE);
  assert.equal(root.querySelector('input[data-key="number"]').getAttribute('placeholder'), HOSTILE);
  assert.equal(root.querySelector('[role="radio"] .cti-choice__title').textContent, HOSTILE);
  // The RTL subject is isolated, so it cannot reorder "#41" and the status around it.
  const subject = [...root.querySelectorAll('.cti-ticket__subject')].find((el) => el.textContent === RTL);
  assert.equal(subject.localName, 'bdi');
});

test('PF-1 / IN-1 hostile caller data on the incoming and call screens stays text', () => {
  const { dom, root, view } = setup();
  const call = {
    id: HOSTILE,
    direction: 'inbound',
    state: 'ringing',
    held: false,
    muted: false,
    number: { e164: null, display: HOSTILE },
    contact: { id: 7, name: HOSTILE },
    contactOptions: [
      { id: 8, name: RTL },
      { id: 9, name: HUGE },
    ],
    flags: [HOSTILE, 'bad_actor'],
    ticket: { id: 42, subject: RTL, status: HOSTILE },
    lookup: { matches: 2, latestUnsolvedTicket: { id: 43, subject: HUGE, status: 'open' } },
    decision: { rule: 'TR-3', reason: HOSTILE, code: 'OPEN_TICKET_APPENDED', params: { ticket: HOSTILE } },
    queueName: HOSTILE,
    menuPath: RTL,
    language: HUGE,
    startedAtMs: 0,
    connectedAtMs: null,
    endedAtMs: null,
    durationSec: 0,
    note: HOSTILE,
    can: { answer: true, decline: true },
  };
  view.render(frame({ screen: 'incoming', call }));
  assertInert(dom, root, [HOSTILE, RTL, HUGE]);
  view.render(frame({ screen: 'call', call: { ...call, state: 'connected', connectedAtMs: 0 } }));
  assertInert(dom, root, [HOSTILE, RTL]);
  assert.equal(root.querySelector('textarea[data-key="note"]').value, HOSTILE);
  view.destroy();
});

test('BA-1 / settings main screen: hostile settings problems, sync labels and banner params stay text', () => {
  const { dom, root, view } = setup();
  view.render(frame({}));
  assertInert(dom, root, [HOSTILE, RTL, HUGE]);
});

test('ARCHITECTURE boundary, dom.js h(): text only; refuses on* and URL attributes and script-capable tags', () => {
  const { window } = new JSDOM('');
  const h = createH(window.document);
  const el = h('p', { text: HOSTILE, attrs: { title: HOSTILE, 'aria-label': HOSTILE } });
  assert.equal(el.textContent, HOSTILE);
  assert.equal(el.children.length, 0);
  assert.equal(el.getAttribute('title'), HOSTILE);
  assert.equal(h('div', {}, [HOSTILE, null, false, [RTL]]).textContent, HOSTILE + RTL);
  assert.throws(() => h('div', { attrs: { onclick: 'x()' } }), /not allowed/);
  assert.throws(() => h('div', { attrs: { OnMouseOver: 'x()' } }), /not allowed/);
  assert.throws(() => h('div', { attrs: { href: 'javascript:x()' } }), /not allowed/);
  assert.throws(() => h('div', { attrs: { style: 'background:url(x)' } }), /not allowed/);
  assert.throws(() => h('div', { attrs: { 'a b': '1' } }), /not allowed/);
  for (const tag of ['script', 'img', 'iframe', 'a', 'svg', 'object', 'style'])
    assert.throws(() => h(tag), /not allowed/, tag);
});

test('ARCHITECTURE boundary: the view source never parses markup (no innerHTML, outerHTML, insertAdjacentHTML, document.write)', () => {
  const dir = new URL('../../js-shim/view/', import.meta.url);
  for (const file of readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|setAttribute\(\s*['"]on/, file);
  }
});
