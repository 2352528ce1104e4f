// Translation lookup for every user-visible string (app-manifest/translations/<locale>.json, all under "ui").
// The core sends codes and English messages; the shim turns codes into the agent's language here.

/**
 * @param {Record<string, object>} dictionaries  locale → parsed translations JSON (shape of en.json)
 * @param {string} [locale]  the agent's locale (`pt-BR`, `de`, ...)
 * @returns {(key: string, params?: object) => string}  missing key → the key itself
 */
export function createTranslator(dictionaries, locale) {
  const chain = localeChain(dictionaries ?? {}, locale);
  return function t(key, params = {}) {
    for (const dictionary of chain) {
      const text = lookUp(dictionary, key);
      if (text !== undefined) return fill(text, params);
    }
    return key;
  };
}

/**
 * The text of a core error `{code, message}`: `ui.errors.<code>` when translated, else the core's English
 * message (a new code in the core still says something useful before it is translated).
 */
export function errorText(t, { code, message } = {}) {
  return translatedOr(t, `ui.errors.${code}`, message);
}

/** Same for warnings: `ui.warnings.<code>`, else the core's message. */
export function warningText(t, { code, message } = {}) {
  return translatedOr(t, `ui.warnings.${code}`, message);
}

/** t(key, params) when the key exists, else `fallback` (a string from the core, or another text). */
export function translatedOr(t, key, fallback, params = {}) {
  const text = t(key, params);
  return text === key ? String(fallback ?? key) : text;
}

// Exact locale, then its language (`pt-br` → `pt`), then English; a key missing in one falls through to the
// next, so a partial translation never shows a raw key where English exists.
// Norwegian arrives as `no`, `nb`, `nn` or `nb-NO` depending on where the locale comes from; our file is `nb`.
const ALIASES = { no: 'nb', nn: 'nb' };

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
