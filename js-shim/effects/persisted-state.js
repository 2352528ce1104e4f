// Where the core's `persist` snapshot lives between page loads (docs/adapter-protocol.md: persist → restore).
// One key, JSON text. Storage is localStorage in the app and a Map-backed fake in tests; both calls are guarded
// because localStorage throws when full (QuotaExceededError) or when the browser blocks third-party storage.

export const STORAGE_KEY = 'agent-adapter-state';

/** @returns {boolean} whether the snapshot was stored */
export function writePersistedState(storage, state, log = console) {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(state));
    return true;
  } catch (err) {
    // The error name only: the snapshot holds callers' numbers and notes.
    log.warn('[adapter] could not persist state:', err?.name ?? 'Error');
    return false;
  }
}

/** @returns {unknown|null} the last snapshot, or null when there is none or it is unreadable */
export function readPersistedState(storage, log = console) {
  let text;
  try {
    text = storage?.getItem(STORAGE_KEY);
  } catch (err) {
    log.warn('[adapter] could not read persisted state:', err?.name ?? 'Error');
    return null;
  }
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    log.warn('[adapter] persisted state is not JSON; ignored');
    return null;
  }
}
