// BA-1 outbox in the view (js-shim/view/screens/sync.js), in jsdom: the status line under the header on every
// screen ("All changes saved" / "3 waiting" / "Paused … next try in 12 s" / "1 failed"), the list it opens, each
// write's text with Copy, per-write Retry and the two-click Discard, and the follower-tab notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { createTranslator } from '../../js-shim/view/i18n.js';
import { createView } from '../../js-shim/view/render.js';
import { outboundModel, viewFrame } from './helpers/view-models.mjs';

const frame = (over = {}) => viewFrame({ sync: sync(), ...over });

const en = JSON.parse(readFileSync(new URL('../../app-manifest/translations/en.json', import.meta.url), 'utf8'));
const NOW = Date.parse('2026-11-23T12:00:00Z');
const HOSTILE = '<img src=x onerror="globalThis.__pwned=1">';

/** A view with a hand-driven clock: tick() runs the 1 s interval, fire() the pending timeouts. */
function setup({ clipboard, runScripts } = {}) {
  const dom = new JSDOM('<!DOCTYPE html><body><div id="app"></div></body>', runScripts ? { runScripts } : {});
  const { document } = dom.window;
  const root = document.getElementById('app');
  const events = [];
  let now = NOW;
  const intervals = new Map();
  const timeouts = new Map();
  let nextId = 1;
  const timers = {
    setTimeout: (fn) => (timeouts.set(nextId, fn), nextId++),
    clearTimeout: (id) => timeouts.delete(id),
    setInterval: (fn) => (intervals.set(nextId, fn), nextId++),
    clearInterval: (id) => intervals.delete(id),
  };
  const view = createView(root, {
    t: createTranslator({ en }, 'en'),
    onEvent: (e) => events.push(e),
    now: () => now,
    timers,
    ...(clipboard !== undefined ? { clipboard: () => clipboard } : {}),
  });
  const $ = (s) => root.querySelector(s);
  const $$ = (s) => [...root.querySelectorAll(s)];
  return {
    dom,
    document,
    root,
    events,
    view,
    intervals,
    $,
    $$,
    /** Moves the clock by `ms` and runs the interval(s) once, as one second of the real ticker would. */
    tick(ms = 1000) {
      now += ms;
      for (const fn of [...intervals.values()]) fn();
    },
    fireTimeouts() {
      const due = [...timeouts.values()];
      timeouts.clear();
      for (const fn of due) fn();
    },
    status: () => $('.cti-syncbar__status').textContent,
    countdown: () => $('.cti-syncbar__countdown')?.textContent ?? null,
    toggle: () => $('.cti-syncbar__toggle'),
    button: (label, within = root) => [...within.querySelectorAll('button')].find((b) => b.textContent === label),
  };
}

function sync(over = {}) {
  return { state: 'saved', pending: 0, failed: 0, pausedUntilMs: null, writes: [], ...over };
}

function write(over = {}) {
  return {
    key: 'c1:note',
    kind: 'updateTicket',
    label: 'Add note to ticket #42',
    state: 'pending',
    error: null,
    attempts: 0,
    nextAttemptMs: null,
    text: null,
    batched: false,
    ...over,
  };
}

const NOTE = 'Caller wants a refund.\nOrder 1234\n\n  — call back Monday';
const failedNote = (over = {}) =>
  write({ state: 'failed', error: 'HTTP 422: invalid field', attempts: 3, text: NOTE, ...over });

function call(over = {}) {
  return {
    id: 'call-1',
    direction: 'inbound',
    state: 'connected',
    held: false,
    muted: false,
    number: { e164: '+14155550100', display: '+1 415 555 0100' },
    contact: null,
    contactOptions: [],
    flags: [],
    ticket: { id: 42, subject: 'Refund', status: 'open' },
    lookup: null,
    decision: null,
    startedAtMs: NOW - 60_000,
    connectedAtMs: NOW - 30_000,
    endedAtMs: null,
    durationSec: 0,
    note: '',
    can: { answer: false, decline: false, hangUp: true, hold: true, mute: true, transfer: true },
    ...over,
  };
}

const SCREENS = {
  main: {},
  outbound: { outbound: outboundModel() },
  incoming: { call: call({ state: 'ringing', connectedAtMs: null }) },
  call: { call: call() },
  wrapUp: { call: call({ state: 'ended', durationSec: 95 }) },
};

test('BA-1 status line: saved / N waiting / paused with countdown / N failed, in a polite live region', () => {
  const s = setup();
  s.view.render(frame());
  assert.equal(s.status(), 'All changes saved in Zendesk');
  assert.equal(s.$('.cti-syncbar__status').getAttribute('aria-live'), 'polite');
  assert.ok(s.$('.cti-syncbar--saved'));
  assert.equal(s.countdown(), null);

  const three = [write(), write({ key: 'b' }), write({ key: 'c' })];
  s.view.render(frame({ sync: sync({ state: 'pending', pending: 3, writes: three }) }));
  assert.equal(s.status(), '3 waiting');
  assert.ok(s.$('.cti-syncbar--pending'));

  s.view.render(frame({ sync: sync({ state: 'paused', pending: 3, pausedUntilMs: NOW + 12_000, writes: [write()] }) }));
  assert.equal(s.status(), "Paused by Zendesk's rate limit");
  assert.equal(s.countdown(), 'next try in 12 s');
  assert.equal(s.toggle().textContent, "Paused by Zendesk's rate limit—next try in 12 s");
  assert.ok(s.$('.cti-syncbar--paused'));

  s.view.render(frame({ sync: sync({ state: 'failed', failed: 1, writes: [failedNote()] }) }));
  assert.equal(s.status(), '1 failed');
  assert.ok(s.$('.cti-syncbar--failed'));
  assert.equal(s.countdown(), null);

  s.view.render(frame({ sync: sync({ state: 'failed', failed: 1, pending: 2, writes: [failedNote()] }) }));
  assert.equal(s.status(), '1 failed · 2 waiting');

  // A failure outranks the pause in `state`; the pause still shows while writes wait behind it.
  const pausedToo = { state: 'failed', failed: 1, pending: 2, pausedUntilMs: NOW + 4000, writes: [failedNote()] };
  s.view.render(frame({ sync: sync(pausedToo) }));
  assert.equal(s.status(), "1 failed · Paused by Zendesk's rate limit");
  assert.equal(s.countdown(), 'next try in 4 s');
  assert.ok(s.$('.cti-syncbar--failed'));
});

test('BA-1 status line: an older view.sync without state/pausedUntilMs is read from its counts', () => {
  const s = setup();
  s.view.render(frame({ sync: { pending: 2, failed: 0, writes: [] } }));
  assert.equal(s.status(), '2 waiting');
  s.view.render(frame({ sync: { pending: 0, failed: 1, writes: [] } }));
  assert.equal(s.status(), '1 failed');
  s.view.render(frame({ sync: null }));
  assert.equal(s.status(), 'All changes saved in Zendesk');
  s.view.render(frame({ sync: { state: '<b>', pending: 'x', failed: -4, writes: 'no' } }));
  assert.equal(s.status(), 'All changes saved in Zendesk');
});

test('BA-1 status line is on every screen, under the header, and the same element across screens', () => {
  const s = setup();
  let first = null;
  for (const [screen, over] of Object.entries(SCREENS)) {
    s.view.render(frame({ screen, ...over, sync: sync({ state: 'pending', pending: 1, writes: [write()] }) }));
    const bar = s.$('.cti-syncbar');
    assert.ok(bar, `${screen}: status line`);
    assert.equal(bar.previousElementSibling, s.$('.cti-header'), `${screen}: right under the header`);
    assert.equal(s.status(), '1 waiting', screen);
    first ??= bar;
    assert.equal(bar, first, `${screen}: kept by the keyed patch`);
  }
  s.view.destroy();
});

test('BA-1 paused countdown: only the countdown changes each second; "next try now" at zero, then no ticker', () => {
  const s = setup();
  s.view.render(frame({ sync: sync({ state: 'paused', pending: 1, pausedUntilMs: NOW + 2500, writes: [write()] }) }));
  const live = s.$('.cti-syncbar__status');
  assert.equal(s.countdown(), 'next try in 3 s');
  assert.equal(s.intervals.size, 1, 'a ticker runs while a countdown does');
  s.tick();
  assert.equal(s.countdown(), 'next try in 2 s');
  s.tick();
  assert.equal(s.countdown(), 'next try in 1 s');
  assert.equal(s.$('.cti-syncbar__status'), live);
  assert.equal(live.textContent, "Paused by Zendesk's rate limit", 'the live region does not change every second');
  s.tick();
  assert.equal(s.countdown(), 'next try now');
  assert.equal(s.intervals.size, 0, 'nothing left to count');

  // The core lifts the pause: no countdown, no ticker.
  s.view.render(frame({ sync: sync({ state: 'pending', pending: 1, writes: [write({ state: 'inFlight' })] }) }));
  assert.equal(s.countdown(), null);
  assert.equal(s.intervals.size, 0);
});

test('BA-1 paused countdown during a connected call: one ticker for elapsed time and countdown', () => {
  const s = setup();
  s.view.render(
    frame({
      screen: 'call',
      call: call(),
      sync: sync({ state: 'paused', pending: 1, pausedUntilMs: NOW + 5000, writes: [write()] }),
    }),
  );
  assert.equal(s.intervals.size, 1);
  assert.equal(s.$('[data-key="elapsed"]').textContent, '0:30');
  s.tick(5000);
  assert.equal(s.countdown(), 'next try now');
  assert.equal(s.$('[data-key="elapsed"]').textContent, '0:35');
  assert.equal(s.intervals.size, 1, 'the call still needs its clock');
  s.view.destroy();
  assert.equal(s.intervals.size, 0);
});

test('BA-1 list: label, state, checking hint, error, attempts with the next-attempt countdown, batched', () => {
  const s = setup();
  s.view.render(
    frame({
      sync: sync({
        state: 'failed',
        pending: 3,
        failed: 1,
        writes: [
          write({ key: 'a', label: 'Create ticket: Outbound Call', kind: 'createTicket', state: 'inFlight' }),
          write({ key: 'b', label: 'Update ticket #42', state: 'checking', attempts: 1 }),
          write({ key: 'c', label: 'Add note to ticket #43', batched: true }),
          failedNote({ key: 'd', nextAttemptMs: NOW + 30_000 }),
        ],
      }),
    }),
  );
  const items = s.$$('.cti-write');
  assert.deepEqual(
    items.map((li) => li.querySelector('.cti-write__state').textContent),
    ['Sending', 'Checking', 'In next batch', 'Failed'],
  );
  assert.equal(items[1].querySelector('.cti-write__hint').textContent, en.ui.sync.checking);
  assert.equal(items[1].querySelector('.cti-write__attempts').textContent, 'Attempts: 1');
  assert.equal(items[0].querySelector('.cti-write__attempts'), null, 'nothing to say before the first attempt');
  assert.equal(items[3].querySelector('.cti-write__error').textContent, 'HTTP 422: invalid field');
  assert.equal(items[3].querySelector('.cti-write__attempts').textContent, 'Attempts: 3 · next try in 30 s');
  assert.ok(items[3].classList.contains('cti-write--failed'));
  // Retry and Discard only on the failed write; Copy only where there is text.
  assert.deepEqual(
    items.map((li) => [...li.querySelectorAll('button')].map((b) => b.textContent)),
    [[], [], [], ['Copy text', 'Retry', 'Discard']],
  );
  s.tick(10_000);
  assert.equal(items[3].querySelector('.cti-write__next').textContent, 'next try in 20 s');
  s.view.destroy();
});

test('BA-1 list: a note that did not reach Zendesk shows its text as typed, line breaks kept', () => {
  const s = setup();
  s.view.render(frame({ sync: sync({ state: 'failed', failed: 1, writes: [failedNote()] }) }));
  const text = s.$('.cti-write__text');
  assert.equal(text.textContent, NOTE);
  assert.equal(text.children.length, 0, 'one text node, no markup');
  const css = readFileSync(new URL('../../assets/adapter.css', import.meta.url), 'utf8');
  assert.match(css, /\.cti-write__text \{[^}]*white-space: pre-wrap/, 'line breaks are drawn');
});

test('BA-1 Retry on one write → retryWrite {key}; Retry all → retryWrites', () => {
  const s = setup();
  s.view.render(
    frame({
      sync: sync({
        state: 'failed',
        failed: 2,
        writes: [failedNote({ key: 'k1' }), failedNote({ key: 'k2', text: null })],
      }),
    }),
  );
  const [, second] = s.$$('.cti-write');
  s.button('Retry', second).click();
  s.button('Retry all').click();
  assert.deepEqual(s.events, [{ type: 'retryWrite', key: 'k2' }, { type: 'retryWrites' }]);
  // The Retry button names its write for screen readers.
  const retry = s.button('Retry', second);
  assert.equal(s.document.getElementById(retry.getAttribute('aria-describedby')).textContent, 'Add note to ticket #42');
});

test('BA-1 Discard asks first: one click arms it (same element, focus kept), the next sends discardWrite', () => {
  const s = setup();
  const view = frame({ sync: sync({ state: 'failed', failed: 1, writes: [failedNote()] }) });
  s.view.render(view);
  const discard = s.button('Discard');
  discard.focus();
  discard.click();
  assert.deepEqual(s.events, [], 'nothing is lost on the first click');
  assert.equal(s.$('[data-key="discard"]'), discard, 'the same button');
  assert.equal(s.document.activeElement, discard, 'focus stays for the confirming click');
  assert.equal(discard.textContent, 'Discard for good');
  assert.ok(discard.classList.contains('c-btn--primary') && discard.classList.contains('c-btn--danger'));
  const warning = s.$('.cti-write__warning');
  assert.equal(warning.textContent, en.ui.sync.discardWarning);
  assert.equal(warning.getAttribute('role'), 'alert');
  assert.equal(discard.getAttribute('aria-describedby'), warning.id);
  assert.equal(s.$('.cti-write__text').textContent, NOTE, 'the note text stays shown until the agent confirms');
  assert.equal(s.button('Retry'), undefined, 'one decision at a time');

  // A render from the core (another event) keeps the confirmation armed.
  s.view.render({ ...view });
  assert.equal(s.button('Discard for good'), discard);

  discard.click();
  assert.deepEqual(s.events, [{ type: 'discardWrite', key: 'c1:note' }]);
  assert.equal(discard.textContent, 'Discard', 'disarmed again until the core drops the write');

  // The core drops it and counts it: the list says so.
  s.view.render(frame({ sync: sync({ discarded: 1 }) }));
  assert.equal(s.$('.cti-sync [data-key="discarded"]').textContent, 'Discarded by you: 1');
  assert.equal(s.status(), 'All changes saved in Zendesk');
});

test('BA-1 Discard: Keep disarms it (focus back on Discard); a write that is no longer failed forgets it', () => {
  const s = setup();
  const failedView = frame({ sync: sync({ state: 'failed', failed: 1, writes: [failedNote()] }) });
  s.view.render(failedView);
  s.button('Discard').click();
  s.button('Keep').click();
  assert.deepEqual(s.events, []);
  assert.equal(s.$('.cti-write__warning'), null);
  assert.equal(s.document.activeElement, s.button('Discard'));

  s.button('Discard').click();
  // The core retries it on its own: the write is pending now, then fails again. It must not come back armed.
  s.view.render(frame({ sync: sync({ state: 'pending', pending: 1, writes: [failedNote({ state: 'inFlight' })] }) }));
  assert.equal(s.button('Discard'), undefined);
  s.view.render(failedView);
  assert.equal(s.button('Discard for good'), undefined);
  assert.ok(s.button('Discard'));
});

test('BA-1 Copy: navigator.clipboard.writeText gets the note text; "Copied" for a moment', async () => {
  const copied = [];
  const s = setup({ clipboard: { writeText: async (text) => void copied.push(text) } });
  s.view.render(frame({ sync: sync({ state: 'failed', failed: 1, writes: [failedNote()] }) }));
  const copy = s.button('Copy text');
  copy.click();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(copied, [NOTE]);
  assert.equal(copy.textContent, 'Copied');
  assert.equal(s.$('[data-key="copy"]'), copy, 'same element');
  s.fireTimeouts();
  assert.equal(copy.textContent, 'Copy text');
  assert.deepEqual(s.events, [], 'copying sends nothing to the core');
});

test("BA-1 Copy uses the page's navigator.clipboard by default", async () => {
  const s = setup();
  const copied = [];
  Object.defineProperty(s.dom.window.navigator, 'clipboard', {
    configurable: true,
    value: { writeText: (text) => (copied.push(text), Promise.resolve()) },
  });
  s.view.render(frame({ sync: sync({ state: 'failed', failed: 1, writes: [failedNote()] }) }));
  s.button('Copy text').click();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(copied, [NOTE]);
});

test('BA-1 Copy without a clipboard (or refused): the text is selected, the agent told to press Ctrl+C', async () => {
  for (const clipboard of [null, { writeText: () => Promise.reject(new Error('NotAllowedError')) }]) {
    const s = setup({ clipboard });
    s.view.render(frame({ sync: sync({ state: 'failed', failed: 1, writes: [failedNote()] }) }));
    s.button('Copy text').click();
    await new Promise((r) => setImmediate(r));
    assert.equal(s.$('.cti-write__copyhint').textContent, en.ui.sync.copyManual);
    assert.equal(String(s.dom.window.getSelection()), NOTE, 'the note text is selected');
    assert.equal(s.button('Copied'), undefined);
  }
});

test('BA-1 on a call screen the status line opens and closes the list (aria-expanded, aria-controls)', () => {
  const s = setup();
  const failedSync = sync({ state: 'failed', failed: 1, writes: [failedNote()] });
  const view = frame({ screen: 'call', call: call(), sync: failedSync });
  s.view.render(view);
  const toggle = s.toggle();
  assert.equal(toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(s.$('.cti-syncpanel'), null, 'closed at first');
  assert.equal(s.$('.cti-write'), null);
  toggle.focus();
  toggle.click();
  const panel = s.$('.cti-syncpanel');
  assert.ok(panel);
  assert.equal(toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(toggle.getAttribute('aria-controls'), panel.id);
  assert.equal(s.document.activeElement, toggle, 'focus stays on the toggle');
  assert.equal(panel.querySelector('.cti-write__label').textContent, 'Add note to ticket #42');
  assert.equal(panel.querySelector('.cti-write__text').textContent, NOTE);
  s.button('Retry', panel).click();
  s.button('Retry all', panel).click();
  assert.deepEqual(s.events, [{ type: 'retryWrite', key: 'c1:note' }, { type: 'retryWrites' }]);
  // Stays open across the core's renders and through wrap-up; empty list says so.
  s.view.render(frame({ screen: 'wrapUp', call: call({ state: 'ended' }), sync: sync() }));
  assert.equal(s.$('.cti-syncpanel .cti-small').textContent, 'Nothing is waiting.');
  s.toggle().click();
  assert.equal(s.$('.cti-syncpanel'), null);
  assert.equal(s.toggle().getAttribute('aria-expanded'), 'false');
});

test('BA-1 on the main screen the list is the sync section; the status line takes focus there', () => {
  const s = setup();
  s.view.render(frame({ sync: sync({ state: 'pending', pending: 1, writes: [write()] }) }));
  const toggle = s.toggle();
  assert.equal(toggle.hasAttribute('aria-expanded'), false);
  const section = s.$('.cti-sync');
  assert.equal(toggle.getAttribute('aria-controls'), section.id);
  assert.equal(s.$('.cti-syncpanel'), null, 'no second list on main');
  toggle.click();
  assert.equal(s.document.activeElement, section.querySelector('h2'));
  assert.equal(s.$$('.cti-write').length, 1);
  // One live region for the state: the section's copy of the summary is plain text. (The pane's announcer of calls
  // and the agent's status, issue 18, is the other one.)
  assert.equal(s.$$('[aria-live]:not([data-testid="announce"]), [role="status"]').length, 1);
});

test('BA-1 typing a note during a call: the status line and its panel never take the textarea away', () => {
  const s = setup();
  const view = (syncState) => frame({ screen: 'call', call: call({ note: 'Ca' }), sync: syncState });
  s.view.render(view(sync()));
  s.toggle().click(); // open the list
  const note = s.$('textarea[data-key="note"]');
  note.focus();
  note.value = 'Caller';
  note.setSelectionRange(4, 4);
  s.view.render(view(sync({ state: 'paused', pending: 1, pausedUntilMs: NOW + 3000, writes: [write({ text: 'x' })] })));
  s.tick();
  s.view.render(view(sync({ state: 'failed', failed: 1, writes: [failedNote()] })));
  assert.equal(s.$('textarea[data-key="note"]'), note);
  assert.equal(s.document.activeElement, note);
  assert.equal(note.value, 'Caller');
  assert.equal(note.selectionStart, 4);
  s.view.destroy();
});

test('writer: a follower says another tab handles the calls (every screen), then taking over; leader: none', () => {
  const s = setup();
  for (const [screen, over] of Object.entries(SCREENS)) {
    s.view.render(frame({ screen, ...over, writer: { role: 'follower' } }));
    const notice = s.$('.cti-writer');
    assert.ok(notice, screen);
    assert.equal(notice.textContent, en.ui.writer.follower);
    assert.equal(notice.getAttribute('role'), 'status');
    assert.equal(notice.previousElementSibling, s.$('.cti-header'), `${screen}: at the top`);
  }
  // The leader tab went away and this one claims the writer role (js-shim/app/top-bar.js writerOf()).
  const notice = s.$('.cti-writer');
  s.view.render(frame({ writer: { role: 'follower', takingOver: true } }));
  assert.equal(s.$('.cti-writer'), notice, 'the same live region');
  assert.equal(notice.textContent, en.ui.writer.takingOver);
  s.view.render(frame({ writer: { role: 'leader' } }));
  assert.equal(s.$('.cti-writer'), null);
  s.view.render(frame({ writer: undefined }));
  assert.equal(s.$('.cti-writer'), null);
  s.view.destroy();
});

test('BA-1 hostile label, error, text and key are text: nothing parsed, run or put in a selector', async () => {
  const copied = [];
  const s = setup({ runScripts: 'dangerously', clipboard: { writeText: async (t) => void copied.push(t) } });
  const evil = failedNote({
    key: `"] ${HOSTILE}`,
    label: HOSTILE,
    error: HOSTILE,
    text: `${HOSTILE}\n<script>globalThis.__pwned=2</script>`,
    kind: HOSTILE,
    attempts: HOSTILE,
    nextAttemptMs: HOSTILE,
  });
  for (const screen of ['main', 'call']) {
    s.view.render(frame({ screen, call: call(), sync: sync({ state: 'failed', failed: 1, writes: [evil] }) }));
    if (screen === 'call' && !s.$('.cti-syncpanel')) s.toggle().click();
    const li = s.$('.cti-write');
    assert.equal(li.querySelector('.cti-write__label').textContent, HOSTILE);
    assert.equal(li.querySelector('.cti-write__error').textContent, HOSTILE);
    assert.equal(li.querySelector('.cti-write__text').textContent, evil.text);
    assert.equal(li.querySelector('.cti-write__attempts'), null, 'non-numeric attempts/time are ignored');
  }
  s.button('Copy text').click();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(copied, [evil.text]);
  s.button('Discard').click();
  s.button('Discard for good').click();
  s.button('Retry').click();
  assert.deepEqual(s.events, [
    { type: 'discardWrite', key: evil.key },
    { type: 'retryWrite', key: evil.key },
  ]);
  const doc = s.document;
  assert.equal(doc.querySelectorAll('img, script, iframe, a, object').length, 0);
  assert.equal(s.dom.window.__pwned, undefined);
  for (const el of doc.querySelectorAll('*')) {
    for (const { name } of el.attributes) assert.ok(!/^on/i.test(name), `no ${name} on <${el.localName}>`);
  }
});
