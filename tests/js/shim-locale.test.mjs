// The app speaks the agent's Zendesk language: the dictionaries follow currentUser.locale, not the
// browser's language, and Norwegian (no / nb / nb-NO) finds no.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { agentLocale, loadDictionaries } from '../../js-shim/app/browser-support.js';
import { createTranslator } from '../../js-shim/view/i18n.js';
import { createFakeZaf } from './helpers/fake-zaf.mjs';
import { repoRoot } from './helpers/build-paths.mjs';

// Serves app-manifest/translations as the app's assets/translations would be.
async function fetchTranslations(url) {
  const file = path.join(repoRoot, 'app-manifest', url);
  try {
    const text = await readFile(file, 'utf8');
    return { ok: true, status: 200, json: async () => JSON.parse(text) };
  } catch {
    return { ok: false, status: 404, json: async () => null };
  }
}

for (const [locale, file] of [
  ['de', 'de'],
  ['it', 'it'],
  ['no', 'no'],
  ['nb', 'no'],
  ['nb-NO', 'no'],
  ['zh-TW', 'zh-tw'],
]) {
  test(`i18n: an agent whose Zendesk locale is ${locale} sees the adapter in ${file}`, async () => {
    const client = createFakeZaf({ currentUser: { id: 5, name: 'Sam', locale, groups: [] } });
    const wanted = await agentLocale(client);
    assert.equal(wanted, locale);
    const dictionaries = await loadDictionaries(fetchTranslations, wanted);
    const expected = JSON.parse(
      await readFile(path.join(repoRoot, 'app-manifest/translations', `${file}.json`), 'utf8'),
    );
    const t = createTranslator(dictionaries, wanted);
    assert.equal(t('ui.main.dialPad'), expected.ui.main.dialPad);
    assert.notEqual(
      t('ui.main.dialPad'),
      JSON.parse(await readFile(path.join(repoRoot, 'app-manifest/translations/en.json'), 'utf8')).ui.main.dialPad,
    );
  });
}
