// The few browser facts the entry files need, kept out of the testable start functions.

/**
 * The app's translations. The path is relative to the page (assets/<location>.html), so the file is
 * assets/translations/en.json: Zendesk serves only assets/, so the build copies app-manifest/translations there.
 * @returns {Promise<{en: object}>} dictionaries keyed by locale, as createTranslator takes them
 */
export async function loadDictionaries(fetchImpl = globalThis.fetch) {
  try {
    const response = await fetchImpl('translations/en.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { en: await response.json() };
  } catch (err) {
    console.warn('[adapter] translations could not be loaded:', err?.name ?? 'Error');
    return { en: {} }; // the translator falls back to keys; the app still works
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
