// Translation lookup for every user-visible string (app-manifest/translations/<locale>.json, all under "ui").
// The core sends codes with parameters (and, for the contract, English messages); the shim turns the codes into
// the agent's language here and never shows the core's English.

/**
 * @param {Record<string, object>} dictionaries  locale → parsed translations JSON (shape of en.json)
 * @param {string} [locale]  the agent's locale (`pt-BR`, `de`, ...)
 * @returns {(key: string, params?: object) => string}  missing key → the key itself
 */
export function createTranslator(dictionaries, locale) {
  const chain = localeChain(dictionaries ?? {}, locale);
  function t(key, params = {}) {
    for (const dictionary of chain) {
      const text = lookUp(dictionary, key);
      if (text !== undefined) return fill(text, params);
    }
    return key;
  }
  // The agent's locale as given (`pt-BR`), for what the browser names in it (Intl.DisplayNames, issue 18).
  t.locale = typeof locale === 'string' ? locale : '';
  return t;
}

/**
 * The text of a core error `{code, params}`: `ui.errors.<code>`; a code the locale files do not know shows the
 * translated "Something went wrong (CODE)", never the core's English `message` (tests/js/translations.test.mjs
 * checks that every code the core sends is translated).
 * @param {(key: string, params?: object) => string} t
 * @param {{code?: string, params?: object}} [error]
 */
export function errorText(t, { code, params } = {}) {
  return translatedOr(t, `ui.errors.${code}`, t('ui.banner.unknown', { code: code ?? '' }), paramsOf(params));
}

/**
 * Same for warnings: `ui.warnings.<code>`.
 * @param {(key: string, params?: object) => string} t
 * @param {{code?: string, params?: object}} [warning]
 */
export function warningText(t, { code, params } = {}) {
  return translatedOr(t, `ui.warnings.${code}`, t('ui.banner.unknown', { code: code ?? '' }), paramsOf(params));
}

/**
 * The reason of a core decision `{rule, reason, code, params}` in the agent's language: `ui.decisions.<code>`.
 * The rule id is for the admins' audit trail, not for the agent; with no translated code, nothing is shown.
 */
export function decisionText(t, decision) {
  const code = decision?.code;
  if (typeof code !== 'string' || code === '') return null;
  const text = t(`ui.decisions.${code}`, paramsOf(decision.params));
  return text === `ui.decisions.${code}` ? null : text;
}

/**
 * A sync-list write's label `{labelCode, labelParams}`: `ui.sync.label.<code>`. A write without `labelCode` (a
 * view from a core without label codes, or a test's) shows its `label` as given.
 */
export function writeLabelText(t, write) {
  const code = write?.labelCode;
  if (typeof code === 'string' && code !== '') {
    const text = t(`ui.sync.label.${code}`, paramsOf(write.labelParams));
    return text !== `ui.sync.label.${code}` ? text : t('ui.sync.label.UPDATE_NEW_TICKET');
  }
  return String(write?.label ?? '');
}

/**
 * A write's error `{errorCode, errorParams}`: `ui.sync.error.<code>`. The core always sends `errorCode` (null for
 * none); a write without the field (a view from a core without error codes) shows `error` as a code or as given.
 */
export function writeErrorText(t, write) {
  if (write?.error == null || write.error === '') return null;
  if (!Object.hasOwn(write, 'errorCode')) return translatedOr(t, `ui.sync.error.${write.error}`, String(write.error));
  const code = write.errorCode ?? write.error;
  const shown = /^[A-Z][A-Z0-9_]*$/.test(String(code)) ? code : '?';
  return translatedOr(t, `ui.sync.error.${code}`, t('ui.banner.unknown', { code: shown }), paramsOf(write.errorParams));
}

function paramsOf(params) {
  return params && typeof params === 'object' ? params : {};
}

/** t(key, params) when the key exists, else `fallback` (a string from the core, or another text). */
export function translatedOr(t, key, fallback, params = {}) {
  const text = t(key, params);
  return text === key ? String(fallback ?? key) : text;
}

// Exact locale, then its language (`pt-br` → `pt`), then English; a key missing in one falls through to the
// next, so a partial translation never shows a raw key where English exists.
// Norwegian arrives as `no`, `nb`, `nn` or `nb-NO` depending on where the locale comes from; our file is `no`,
// Zendesk's own code for it.
const ALIASES = { nb: 'no', nn: 'no' };

function localeChain(dictionaries, locale) {
  const byName = new Map(Object.entries(dictionaries).map(([name, dict]) => [normalise(name), dict]));
  const exact = normalise(locale ?? '');
  const language = exact.split('-')[0];
  const names = [exact, language, ALIASES[language], 'en'];
  return [...new Set(names)].filter((name) => name && byName.has(name)).map((name) => byName.get(name));
}

function normalise(name) {
  return String(name).trim().toLowerCase().replace(/_/g, '-');
}

// Nested objects (`{"ui": {"main": {"dialPad": "..."}}}`), own properties only (no `__proto__` walking). Zendesk's
// long form `{"title": "...", "value": "..."}` is read as its value.
function lookUp(dictionary, key) {
  let node = dictionary;
  for (const part of String(key).split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  if (node !== null && typeof node === 'object' && typeof node.value === 'string') return node.value;
  return typeof node === 'string' ? node : undefined;
}

// One pass, so a parameter that itself contains `{{x}}` is never expanded: params are plain text. The caller puts
// the result in textContent. A missing parameter renders empty rather than as a raw placeholder.
function fill(text, params) {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name) =>
    params && Object.hasOwn(params, name) && params[name] != null ? String(params[name]) : '',
  );
}

/**
 * A setting as the admin knows it: its label in the app's settings page (`app.parameters.<name>.label`, issue 18
 * D372), the setting's key only when it has none (a tuning setting that is no longer in the manifest).
 * @param {(key: string, params?: object) => string} t
 * @param {string} name
 */
export function settingLabel(t, name) {
  return translatedOr(t, `app.parameters.${name}.label`, name);
}
