// The translator (js-shim/view/i18n.js): locale fallback, placeholders as plain text, and the core's error
// codes turned into the agent's language (never the core's English message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createTranslator, errorText, warningText } from '../../js-shim/view/i18n.js';

const en = JSON.parse(readFileSync(new URL('../../app-manifest/translations/en.json', import.meta.url), 'utf8'));

const dictionaries = {
  en: { ui: { hello: 'Hello {{name}}', only: { en: 'English only' }, long: { title: 'desc', value: 'Long form' } } },
  de: { ui: { hello: 'Hallo {{name}}' } },
  pt: { ui: { hello: 'Olá {{name}}' } },
  'pt-BR': { ui: { hello: 'Oi {{name}}' } },
};

test('i18n: exact locale first, then its language, then English (pt-BR → pt-br, pt-PT → pt)', () => {
  assert.equal(createTranslator(dictionaries, 'pt-BR')('ui.hello', { name: 'A' }), 'Oi A');
  assert.equal(createTranslator(dictionaries, 'pt_br')('ui.hello', { name: 'A' }), 'Oi A');
  assert.equal(createTranslator(dictionaries, 'pt-PT')('ui.hello', { name: 'A' }), 'Olá A');
  assert.equal(createTranslator(dictionaries, 'de-AT')('ui.hello', { name: 'A' }), 'Hallo A');
});

test('i18n: a key missing in de falls back to en; an unknown locale uses en; unknown key → the key', () => {
  const de = createTranslator(dictionaries, 'de');
  assert.equal(de('ui.only.en'), 'English only');
  assert.equal(createTranslator(dictionaries, 'xx-YY')('ui.hello', { name: 'B' }), 'Hello B');
  assert.equal(createTranslator(dictionaries, undefined)('ui.hello', { name: 'C' }), 'Hello C');
  assert.equal(de('ui.nope.missing'), 'ui.nope.missing');
  assert.equal(de('ui.only'), 'ui.only', 'an object is not a string');
  assert.equal(de('ui.__proto__.toString'), 'ui.__proto__.toString', 'no prototype walking');
  assert.equal(createTranslator(dictionaries, 'en')('ui.long'), 'Long form', "Zendesk's {title, value} form");
});

test('i18n: {{x}} is filled as plain text, once, and a missing param renders empty', () => {
  const t = createTranslator({ en: { ui: { two: '{{a}} and {{ b }}', dollars: 'x{{a}}y' } } }, 'en');
  assert.equal(t('ui.two', { a: '<b>{{b}}</b>', b: 'B' }), '<b>{{b}}</b> and B', 'a value is never expanded again');
  assert.equal(t('ui.two', { a: 1 }), '1 and ');
  assert.equal(t('ui.dollars', { a: '$& $1' }), 'x$& $1y', 'replacement patterns are text too');
});

test('FO-2/TB-4 errors: errorText uses ui.errors.<code>, never the core English message', () => {
  const t = createTranslator({ en }, 'de');
  assert.equal(errorText(t, { code: 'NUMBER_INVALID', message: 'number is not valid' }), en.ui.errors.NUMBER_INVALID);
  assert.equal(
    errorText(t, { code: 'SOMETHING_NEW', message: 'core says so' }),
    en.ui.banner.unknown.replace('{{code}}', 'SOMETHING_NEW'),
  );
  assert.equal(warningText(t, { code: 'NO_TICKET_NO_RECORDING', message: 'x' }), en.ui.warnings.NO_TICKET_NO_RECORDING);
});

test('FO/TB planOutbound error/warning codes and banner/notify codes all have English text under "ui"', () => {
  const errors = [
    'NUMBER_INVALID',
    'NUMBER_NOT_ON_CONTACT',
    'ENTERED_NUMBER_DISABLED',
    'CONTACT_NUMBERS_NOT_LOADED',
    'CONTACT_REQUIRED',
    'TICKET_REQUIRED',
    'TICKET_NOT_FOUND',
    'TICKET_NOT_LINKABLE',
    'TEAM_ENTRY_INCOMPATIBLE',
    'CHOICE_NOT_ALLOWED',
    'CONTACT_NOT_FOUND',
    'TICKET_ID_INVALID',
    'TICKET_PHONE_MISSING',
  ];
  const warnings = [
    'NO_TICKET_NO_RECORDING',
    'ENTERED_NUMBER_NOT_SAVED',
    'ENTRY_TICKET_NOT_OPEN',
    'ENTRY_TICKET_NOT_APPENDED',
    'TICKET_FIELD_PHONE_EMPTY',
    'NUMBER_FROM_TICKET',
  ];
  const notices = [
    'WRITE_FAILED',
    'POP_FAILED',
    'CALL_FAILED',
    'LOOKUP_FAILED',
    'SETTING_INVALID',
    'CONNECTOR_OFFLINE',
    'RATE_LIMITED',
  ];
  for (const code of errors) assert.equal(typeof en.ui.errors[code], 'string', code);
  for (const code of warnings) assert.equal(typeof en.ui.warnings[code], 'string', code);
  for (const code of notices) {
    assert.equal(typeof en.ui.banner[code], 'string', `banner ${code}`);
    assert.equal(typeof en.ui.notify[code], 'string', `notify ${code}`);
  }
  assert.equal(en.app.name, 'Agent Adapter');
  for (const field of ['short_description', 'long_description', 'installation_instructions'])
    assert.ok(en.app[field], field);
});

test('every literal ui.* key the view uses exists in en.json (no raw key ever reaches the agent)', () => {
  const t = createTranslator({ en }, 'en');
  const dir = new URL('../../js-shim/view/', import.meta.url);
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'));
  const keys = new Set();
  for (const file of files) {
    for (const m of readFileSync(new URL(file, dir), 'utf8').matchAll(/'(ui\.[A-Za-z0-9_.]+)'/g)) keys.add(m[1]);
  }
  assert.ok(keys.size > 50, `found ${keys.size} keys`);
  for (const key of keys) assert.notEqual(t(key), key, `${key} is missing from en.json`);
});
