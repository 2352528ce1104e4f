// The translation files (app-manifest/translations/<locale>.json): every locale has exactly en.json's keys, every
// value is non-empty text with en's {{placeholders}} and no rule id, the app settings table of
// docs/adapter-protocol.md is fully described under app.parameters, and the translator picks the agent's locale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createTranslator } from '../../js-shim/view/i18n.js';

const dirUrl = new URL('../../app-manifest/translations/', import.meta.url);
const LOCALES = ['en', 'de', 'it', 'no', 'zh-tw', 'es', 'fr', 'ja', 'pt-br'];
// Zendesk locale ids: `de`, `zh-tw`, `pt-br` (file name without `.json`).
const ZENDESK_LOCALE = /^[a-z]{2,3}(-\w{2,3})?$/;

const files = readdirSync(dirUrl).sort();
const raw = Object.fromEntries(files.map((f) => [f, readFileSync(new URL(f, dirUrl), 'utf8')]));
const parsed = {};
for (const f of files) {
  try {
    parsed[f] = JSON.parse(raw[f]);
  } catch {
    parsed[f] = undefined; // reported by the "valid JSON" test
  }
}
const en = parsed['en.json'];
const localeFiles = files.filter((f) => f !== 'en.json' && parsed[f] !== undefined);

/** Leaves of a nested object as [dotted path, value]; arrays and null count as (bad) leaves. */
function leaves(node, prefix = '') {
  return Object.entries(node).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}
/** Every path (objects too), so a key that is an object in en and a string elsewhere is reported. */
function paths(node, prefix = '') {
  return Object.entries(node).flatMap(([k, v]) => {
    const p = `${prefix}${k}`;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? [`${p}{}`, ...paths(v, `${p}.`)] : [p];
  });
}
// Same pattern as js-shim/view/i18n.js fill().
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const placeholders = (s) => [...new Set([...String(s).matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
const RULE_ID = /\b(?:FO|TB|TR|RC|SF|BA|PF|UA|RS|AH|IN)-\d+[a-z]?\b|\bSF\b|\bD\d+\b/g;
const ruleIds = (s) => [...new Set(String(s).match(RULE_ID) ?? [])].sort();

test('translations: all nine locales exist (en, de, it, no, zh-tw, es, fr, ja, pt-br)', () => {
  const names = files.map((f) => f.replace(/\.json$/, ''));
  const missing = LOCALES.filter((l) => !names.includes(l));
  assert.deepEqual(missing, [], `missing translation files: ${missing.join(', ')}`);
});

test('translations: file names are Zendesk locale ids (<locale>.json, lowercase)', () => {
  const bad = files.filter((f) => !f.endsWith('.json') || !ZENDESK_LOCALE.test(f.slice(0, -'.json'.length)));
  assert.deepEqual(bad, [], `not <zendesk-locale>.json: ${bad.join(', ')}`);
});

test('translations: every file is valid JSON holding an object', () => {
  const bad = files.filter((f) => parsed[f] === null || typeof parsed[f] !== 'object' || Array.isArray(parsed[f]));
  assert.deepEqual(bad, [], `invalid JSON or not an object: ${bad.join(', ')}`);
});

test('translations: every locale has exactly the keys of en.json (missing/extra reported by path)', () => {
  const enPaths = new Set(paths(en));
  const problems = [];
  for (const f of localeFiles) {
    const own = new Set(paths(parsed[f]));
    const missing = [...enPaths].filter((p) => !own.has(p));
    const extra = [...own].filter((p) => !enPaths.has(p));
    if (missing.length) problems.push(`${f} missing: ${missing.join(', ')}`);
    if (extra.length) problems.push(`${f} extra: ${extra.join(', ')}`);
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('translations: every value is a non-empty string', () => {
  const problems = [];
  for (const f of files.filter((n) => parsed[n] !== undefined)) {
    for (const [p, v] of leaves(parsed[f])) {
      if (typeof v !== 'string' || v.trim() === '') problems.push(`${f}: ${p} = ${JSON.stringify(v)}`);
    }
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('translations: each value has the same {{placeholders}} as en, and no broken braces', () => {
  const enLeaves = new Map(leaves(en));
  const problems = [];
  for (const f of files.filter((n) => parsed[n] !== undefined)) {
    for (const [p, v] of leaves(parsed[f])) {
      if (typeof v !== 'string') continue;
      const broken = v.replace(PLACEHOLDER, '').match(/\{\{|\}\}/);
      if (broken) problems.push(`${f}: ${p} has a malformed placeholder`);
      if (!enLeaves.has(p) || f === 'en.json') continue;
      const want = placeholders(enLeaves.get(p));
      const got = placeholders(v);
      if (want.join() !== got.join())
        problems.push(`${f}: ${p} has {{${got.join('}}, {{')}}}, en has {{${want.join('}}, {{')}}}`);
    }
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('translations: app.name is present; every app.parameters entry has a label (and helpText)', () => {
  const problems = [];
  for (const f of files.filter((n) => parsed[n] !== undefined)) {
    const app = parsed[f].app;
    if (typeof app?.name !== 'string' || !app.name.trim()) problems.push(`${f}: app.name missing`);
    const params = app?.parameters;
    if (params === null || typeof params !== 'object') {
      problems.push(`${f}: app.parameters missing`);
      continue;
    }
    for (const [name, entry] of Object.entries(params)) {
      if (typeof entry?.label !== 'string' || !entry.label.trim())
        problems.push(`${f}: app.parameters.${name}.label missing`);
      if (typeof entry?.helpText !== 'string' || !entry.helpText.trim())
        problems.push(`${f}: app.parameters.${name}.helpText missing`);
    }
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('Agent language: no rule id (FO-1b, TB-1, BA-1, D1, ...) in the settings help or anything the agent reads', () => {
  // Rule ids are for the admins' audit trail (the core's decision.rule, the audit note), not for the settings
  // help or the agent's view.
  const problems = [];
  for (const f of files.filter((n) => parsed[n] !== undefined)) {
    for (const [p, v] of leaves(parsed[f])) {
      const ids = ruleIds(v);
      if (ids.length) problems.push(`${f}: ${p} has ${ids.join(', ')}`);
    }
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('translations: every row of the "App settings" table in docs/adapter-protocol.md is in app.parameters', () => {
  const doc = readFileSync(new URL('../../docs/adapter-protocol.md', import.meta.url), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('App settings'));
  assert.ok(section, 'docs/adapter-protocol.md has an "App settings" section');
  const names = [...section.matchAll(/^\|\s*`([A-Za-z0-9_]+)`\s*\|/gm)].map((m) => m[1]);
  assert.ok(names.length >= 20, `found only ${names.length} settings rows`);
  const params = Object.keys(en.app.parameters);
  assert.deepEqual(
    names.filter((n) => !params.includes(n)),
    [],
    'settings without app.parameters.<name> in en.json',
  );
  assert.deepEqual(
    params.filter((n) => !names.includes(n)),
    [],
    'app.parameters entries that are not in the settings table',
  );
  const help = en.app.parameters;
  // D372: the batch window is a tuning knob with its default, no longer an admin setting; the wrap-up codes are.
  assert.equal(help.batchWindowSeconds, undefined);
  assert.match(help.wrapUpCodes.helpText, /one per line/);
  assert.match(help.wrapUpCodes.helpText, /Default: empty\./);
  assert.match(help.telephonyToken.helpText, /encrypted/);
  assert.match(help.telephonyToken.helpText, /never visible to agents/);
  for (const name of ['teamTicketEntryGroups', 'fieldMap']) {
    const example = help[name].helpText.match(/\{"[^{}]*\}/);
    assert.ok(example, `${name} help gives a JSON example`);
    assert.doesNotThrow(() => JSON.parse(example[0]), `${name} example is valid JSON`);
  }
});

test('translations: app.parameters names match the manifest parameters (when app-manifest/manifest.json exists)', (t) => {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('../../app-manifest/manifest.json', import.meta.url), 'utf8'));
  } catch (err) {
    if (err?.code === 'ENOENT') return t.skip('no app-manifest/manifest.json');
    throw err;
  }
  const declared = (manifest.parameters ?? []).map((p) => p.name).sort();
  assert.deepEqual(Object.keys(en.app.parameters).sort(), declared);
});

// The translator as the shim uses it: dictionaries keyed by file name (`zh-tw`, `pt-br`, `no`).
const dictionaries = Object.fromEntries(
  files.filter((f) => parsed[f] !== undefined).map((f) => [f.slice(0, -'.json'.length), parsed[f]]),
);
const PROBE = 'ui.outbound.createTicket'; // translated differently in every locale
/** Which dictionary the translator picked for `locale`, told by the probe text. */
function picked(locale) {
  const text = createTranslator(dictionaries, locale)(PROBE);
  const hits = Object.entries(dictionaries).filter(([, d]) => d.ui?.outbound?.createTicket === text);
  return hits.length === 1 ? hits[0][0] : `ambiguous: ${hits.map(([n]) => n).join(', ')}`;
}

test('i18n locale choice: the probe string differs in every locale', () => {
  const values = Object.values(dictionaries).map((d) => d.ui?.outbound?.createTicket);
  assert.equal(new Set(values).size, values.length);
});

test('i18n locale choice: de-DE/de → de, nb-NO → no, zh-TW → zh-tw, pt-BR → pt-br, xx → en', () => {
  assert.equal(picked('de-DE'), 'de');
  assert.equal(picked('de'), 'de');
  assert.equal(picked('nb-NO'), 'no');
  assert.equal(picked('zh-TW'), 'zh-tw');
  assert.equal(picked('pt-BR'), 'pt-br');
  assert.equal(picked('xx'), 'en');
});

// Zendesk's code for Norwegian is `no` (the file is no.json); a browser or profile may say `nb`, `nn` or `nb-NO`,
// which i18n.js maps to `no`.
test('i18n locale choice: Zendesk\'s Norwegian "no" → no; "nb" and "nn" → no', () => {
  assert.equal(picked('no'), 'no');
  assert.equal(picked('nb'), 'no');
  assert.equal(picked('nn'), 'no');
});
