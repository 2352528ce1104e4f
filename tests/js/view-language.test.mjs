// The agent's own language everywhere. The core sends codes with parameters; the view shows
// them from the locale files (app-manifest/translations), never the core's English or a rule id; every code the
// core can send has a text in all nine locales; the generated note texts are up to date (D81).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { createTranslator, decisionText, errorText, writeErrorText, writeLabelText } from '../../js-shim/view/i18n.js';
import { createView } from '../../js-shim/view/render.js';
import { outboundModel, viewFrame } from './helpers/view-models.mjs';

const root = new URL('../../', import.meta.url);
const LOCALES = ['en', 'de', 'es', 'fr', 'it', 'ja', 'no', 'pt-br', 'zh-tw'];
const dictionaries = Object.fromEntries(
  LOCALES.map((l) => [l, JSON.parse(readFileSync(new URL(`app-manifest/translations/${l}.json`, root), 'utf8'))]),
);
const texts = JSON.parse(readFileSync(new URL('wasm/core/text/texts.json', root), 'utf8'));
const coreSources = ['wasm/core/src/', 'wasm/core/src/live/'].flatMap((dir) =>
  readdirSync(new URL(dir, root))
    .filter((f) => f.endsWith('.cpp'))
    .map((f) => readFileSync(new URL(dir + f, root), 'utf8')),
);
const codesIn = (pattern) => [...new Set(coreSources.flatMap((src) => [...src.matchAll(pattern)].map((m) => m[1])))];

test('Agent language: the generated note texts and ui.decisions are up to date with wasm/core/text/texts.json', () => {
  execFileSync(process.execPath, [new URL('scripts/gen-note-text.mjs', root).pathname, '--check'], { stdio: 'pipe' });
});

test('Agent language: every decision code the core sends has its text in all nine locales, without a rule id', () => {
  const codes = codesIn(/NoteKey::([A-Z][A-Z0-9_]+)/g);
  assert.ok(codes.length >= 40, `found ${codes.length} decision codes`);
  const problems = [];
  for (const locale of LOCALES) {
    for (const code of codes) {
      const text = dictionaries[locale].ui.decisions?.[code];
      if (typeof text !== 'string' || !text) problems.push(`${locale}: ui.decisions.${code} missing`);
      else if (/\b[A-Z]{2}-\d+[a-z]?\b/.test(text)) problems.push(`${locale}: ui.decisions.${code} names a rule`);
    }
  }
  assert.deepEqual(problems, []);
});

test('Agent language: every error, warning, sync label and write error code the core sends is translated', () => {
  const errors = codesIn(/\berror\("([A-Z][A-Z0-9_]+)"/g);
  const warnings = codesIn(/\bwarn\("([A-Z][A-Z0-9_]+)"/g);
  assert.ok(errors.length >= 10 && warnings.length >= 6);
  const problems = [];
  for (const locale of LOCALES) {
    const ui = dictionaries[locale].ui;
    for (const c of errors) if (!ui.errors[c]) problems.push(`${locale}: ui.errors.${c}`);
    for (const c of warnings) if (!ui.warnings[c]) problems.push(`${locale}: ui.warnings.${c}`);
    for (const c of ['CREATE_CONTACT', 'CREATE_TICKET', 'UPDATE_TICKET', 'UPDATE_NEW_TICKET', 'CALL', 'CALL_RECORD'])
      if (!ui.sync.label[c]) problems.push(`${locale}: ui.sync.label.${c}`);
    for (const c of ['NO_ANSWER', 'TICKET_GONE', 'HTTP', 'LOOKUP_FAILED', 'MAYBE_RECORDED'])
      if (!ui.sync.error[c]) problems.push(`${locale}: ui.sync.error.${c}`);
  }
  assert.deepEqual(problems, []);
});

test('Agent language: de and ja texts are real translations, not English copies', () => {
  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    const same = Object.entries(texts.decisions).filter(([, byLocale]) => byLocale[locale] === byLocale.en);
    assert.deepEqual(
      same.map(([k]) => k),
      [],
      `${locale}: decisions equal to English`,
    );
    const sameNotes = Object.entries(texts.notes).filter(
      ([k, byLocale]) => byLocale[locale] === byLocale.en && !['hms', 'ms', 'type'].includes(k),
    );
    assert.ok(sameNotes.length <= 3, `${locale}: notes equal to English: ${sameNotes.map(([k]) => k)}`);
  }
});

test('Agent language: the translator shows codes in de and ja, never the English reason or the rule id', () => {
  const decision = {
    rule: 'TR-10',
    reason: 'ticket 100 is already linked to this session',
    code: 'TICKET_ALREADY_LINKED',
    params: { ticket: '100' },
  };
  const de = createTranslator(dictionaries, 'de');
  const ja = createTranslator(dictionaries, 'ja');
  assert.equal(decisionText(de, decision), 'Ticket 100 ist bereits mit dieser Sitzung verknüpft');
  assert.equal(decisionText(ja, decision), 'チケット 100 はこのセッションに関連付け済みです');
  assert.equal(decisionText(de, { rule: 'TR-3', reason: 'English only' }), null, 'no code: nothing, not English');
  const write = {
    label: 'Update ticket #42',
    labelCode: 'UPDATE_TICKET',
    labelParams: { ticket: '42' },
    error: 'HTTP 500',
    errorCode: 'HTTP',
    errorParams: { status: '500', detail: '' },
  };
  assert.equal(writeLabelText(de, write), 'Ticket #42 aktualisieren');
  assert.equal(writeLabelText(ja, write), 'チケット #42 を更新');
  assert.match(writeErrorText(de, write), /^Zendesk antwortete mit Fehler 500\./);
  assert.equal(
    errorText(de, { code: 'TICKET_NOT_FOUND', message: 'Ticket 9 was not found.' }),
    dictionaries.de.ui.errors.TICKET_NOT_FOUND,
  );
});

function render(locale, model) {
  const dom = new JSDOM('<!DOCTYPE html><div id="app"></div>');
  const el = dom.window.document.getElementById('app');
  const view = createView(el, {
    t: createTranslator(dictionaries, locale),
    onEvent: () => {},
    now: () => Date.parse('2026-11-23T12:00:00Z'),
    timers: { setTimeout: () => 0, clearTimeout: () => {}, setInterval: () => 0, clearInterval: () => {} },
  });
  view.render(model);
  return el;
}

test('Agent language: the outbound view shows the decision and the sync list its labels in the agent locale (de, ja)', () => {
  const model = viewFrame({
    screen: 'outbound',
    outbound: outboundModel({
      decision: {
        rule: 'FO-1b',
        reason: '2 open tickets offered to the agent',
        code: 'OPEN_TICKETS_OFFERED',
        params: { count: '2' },
      },
      warnings: [{ code: 'NO_TICKET_NO_RECORDING', message: 'Nothing is written.' }],
    }),
    sync: {
      state: 'failed',
      pending: 0,
      failed: 1,
      writes: [
        {
          key: 'k',
          kind: 'createTicket',
          label: 'Create ticket: Router',
          labelCode: 'CREATE_TICKET',
          labelParams: { subject: 'Router' },
          state: 'failed',
          error: 'no answer from Zendesk',
          errorCode: 'NO_ANSWER',
          errorParams: {},
          attempts: 1,
        },
      ],
    },
  });
  for (const [locale, want] of [
    ['de', '2 offene Tickets zur Auswahl'],
    ['ja', '未解決チケット2件から選べます'],
  ]) {
    const el = render(locale, model);
    assert.equal(el.querySelector('.cti-decision').textContent, want);
    const text = el.textContent;
    assert.ok(!text.includes('FO-1b'), `${locale}: no rule id`);
    assert.ok(!text.includes('offered to the agent'), `${locale}: no English reason`);
    assert.ok(text.includes(dictionaries[locale].ui.warnings.NO_TICKET_NO_RECORDING));
  }
  const main = viewFrame({ sync: model.sync });
  const de = render('de', main);
  assert.equal(de.querySelector('.cti-write__label').textContent, 'Ticket anlegen: Router');
  assert.equal(de.querySelector('.cti-write__error').textContent, 'Keine Antwort von Zendesk.');
  const ja = render('ja', {
    ...main,
    banner: {
      code: 'WRITE_FAILED',
      kind: 'error',
      params: {
        label: 'Create ticket: Router',
        error: 'no answer from Zendesk',
        labelCode: 'CREATE_TICKET',
        labelParams: { subject: 'Router' },
        errorCode: 'NO_ANSWER',
        errorParams: {},
      },
    },
  });
  const banner = ja.querySelector('.cti-banner__text').textContent;
  assert.ok(banner.includes('チケットを作成: Router'), banner);
  assert.ok(!banner.includes('Create ticket') && !banner.includes('no answer'), banner);
});
