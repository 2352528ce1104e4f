// The few browser facts the entry files need, kept out of the testable start functions.
import { createTranslator } from '../view/i18n.js';
import { zendeskHost } from '../zaf/zendesk-host.js';

/**
 * The ZAF client, started only when Zendesk hosts the page (zaf/zendesk-host.js). Otherwise nothing is posted to
 * any frame — the SDK is never initialised — and the page says, in the browser's language, that the app runs
 * inside Zendesk.
 * @param {{init(): object|false}} ZAFClient  the SDK's global
 * @param {Element|null} root
 * @returns {Promise<object|null>}
 */
export async function startZafClient(ZAFClient, root) {
  const host = zendeskHost(globalThis.location, { framed: globalThis.parent !== globalThis.self });
  const client = host.ok ? ZAFClient.init() : false;
  if (client) return client;
  console.warn('[adapter] not started: the page is not hosted by Zendesk', host.ok ? '' : `(${host.reason})`);
  if (root) {
    const t = createTranslator(await loadDictionaries(globalThis.fetch), globalThis.navigator?.language);
    showStartFailure(root, t('ui.start.notInZendesk'));
  }
  return null;
}

/**
 * The app's translations: English (every key's last fallback) plus the agent's locale file and its language, e.g.
 * for `pt-BR` translations/pt-br.json and translations/pt.json when they exist (Zendesk names translation files in
 * lower case). The path is relative to the page (assets/<location>.html), so the files are assets/translations/*.json:
 * Zendesk serves only assets/, so the build copies app-manifest/translations there.
 * @param {Function} [fetchImpl]
 * @param {string|Promise<string>} [locale]  the agent's locale (currentUser.locale); without it, the browser's
 *   language, the best guess before the ZAF client has answered
 * @returns {Promise<Record<string, object>>} dictionaries keyed by locale, as createTranslator takes them; always `en`
 */
export async function loadDictionaries(fetchImpl = globalThis.fetch, locale = globalThis.navigator?.language) {
  const wanted = await Promise.resolve(locale).catch(() => undefined);
  const [en, ...others] = await Promise.all([
    fetchDictionary(fetchImpl, 'en', true),
    ...localeFiles(wanted).map((name) => fetchDictionary(fetchImpl, name, false)),
  ]);
  const dictionaries = { en: en ?? {} }; // no English: the translator falls back to keys; the app still works
  localeFiles(wanted).forEach((name, i) => {
    if (others[i]) dictionaries[name] = others[i];
  });
  return dictionaries;
}

// `pt-BR` → ['pt-br', 'pt']; English and anything that is not a locale name (it becomes part of a URL) → none.
function localeFiles(locale) {
  const name = typeof locale === 'string' ? locale.trim().toLowerCase().replace(/_/g, '-') : '';
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,3})?$/.test(name)) return [];
  const language = name.split('-')[0];
  const alias = { nb: 'no', nn: 'no' }[language]; // Norwegian: our file is no.json (i18n.js maps the same way)
  return [...new Set([name, language, alias].filter(Boolean))].filter((n) => n !== 'en');
}

async function fetchDictionary(fetchImpl, name, required) {
  try {
    const response = await fetchImpl(`translations/${name}.json`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const dictionary = await response.json();
    return dictionary !== null && typeof dictionary === 'object' ? dictionary : null;
  } catch (err) {
    // Only English is expected to exist; most locales have no file of their own.
    if (required) console.warn('[adapter] translations could not be loaded:', err?.name ?? 'Error');
    return null;
  }
}

/**
 * localStorage, or an in-memory stand-in when the browser blocks storage in third-party iframes (accessing
 * window.localStorage then throws). State then survives only until reload, which is the best available.
 */
export function browserStorage() {
  try {
    const storage = globalThis.localStorage;
    if (storage) return storage;
  } catch {
    // SecurityError: storage disabled for this frame
  }
  const memory = new Map();
  return {
    getItem: (key) => (memory.has(key) ? memory.get(key) : null),
    setItem: (key, value) => void memory.set(key, String(value)),
    removeItem: (key) => void memory.delete(key),
  };
}

/** A plain-text message in the app's root, for when the app cannot start at all. */
export function showStartFailure(root, text) {
  if (root) root.textContent = text;
}

/** The agent's Zendesk locale (`currentUser.locale`), falling back to the browser's when ZAF cannot say. */
export function agentLocale(client) {
  return client
    .get('currentUser.locale')
    .then((answer) => answer?.['currentUser.locale'] ?? globalThis.navigator?.language)
    .catch(() => globalThis.navigator?.language);
}
