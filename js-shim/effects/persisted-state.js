// Where the core's `persist` snapshot lives between page loads (docs/adapter-protocol.md: persist → restore).
// One key per agent, JSON text: two agents who share a browser profile never restore each other's writes, and
// every Zendesk tab of one agent reads the same snapshot (the tab that takes over writing restores it).
// Storage is localStorage in the app and a Map-backed fake in tests; every call is guarded because
// localStorage throws when full (QuotaExceededError) or when the browser blocks third-party storage.

/** Before snapshots were kept per agent, this one key held the snapshot; it is read once, for migration. */
export const LEGACY_STORAGE_KEY = 'agent-adapter-state';
/** @deprecated the key of the legacy snapshot; use stateKey(agentId) */
export const STORAGE_KEY = LEGACY_STORAGE_KEY;

/** The snapshot's key for one agent; without an agent id (tests of the executor alone) the legacy key. */
export function stateKey(agentId) {
  return agentId == null ? LEGACY_STORAGE_KEY : `${LEGACY_STORAGE_KEY}:${agentId}`;
}

/**
 * @param {{setItem(key: string, value: string): void, removeItem?(key: string): void}} storage
 * @param {unknown} state
 * @param {{warn: Function}} [log]
 * @param {string|number|null} [agentId]
 * @returns {boolean} whether the snapshot was stored
 */
export function writePersistedState(storage, state, log = console, agentId = null) {
  try {
    storage.setItem(stateKey(agentId), JSON.stringify(state));
  } catch (err) {
    // The error name only: the snapshot holds callers' numbers and notes.
    log.warn('[adapter] could not persist state:', err?.name ?? 'Error');
    return false;
  }
  // The per-agent snapshot now holds whatever the legacy one had (it was restored first): the legacy key goes,
  // so that it is never restored again, into this agent or another.
  if (agentId != null) {
    try {
      storage.removeItem?.(LEGACY_STORAGE_KEY);
    } catch {
      // nothing lost: the per-agent key is read first
    }
  }
  return true;
}

/**
 * @returns {unknown|null} the agent's last snapshot (or, when it has none yet, the legacy one), or null when
 *   there is none or it is unreadable
 * @param {{getItem(key: string): string|null}} storage
 * @param {{warn: Function}} [log]
 * @param {string|number|null} [agentId]
 */
export function readPersistedState(storage, log = console, agentId = null) {
  const own = readKey(storage, stateKey(agentId), log);
  if (own.found || agentId == null) return own.value;
  return readKey(storage, LEGACY_STORAGE_KEY, log).value;
}

/**
 * A snapshot the core refused to restore is kept aside (one, the latest) before the core's next `persist`
 * replaces it: the writes it holds are not lost without a trace, and the refusal can be looked into.
 * @param {{setItem(key: string, value: string): void}} storage
 * @param {unknown} state
 * @param {{warn: Function}} [log]
 * @param {string|number|null} [agentId]
 */
export function setAsideSnapshot(storage, state, log = console, agentId = null) {
  try {
    storage.setItem(`${stateKey(agentId)}:unrestored`, JSON.stringify(state));
  } catch (err) {
    log.warn('[adapter] could not keep the unrestored snapshot:', err?.name ?? 'Error');
  }
}

function readKey(storage, key, log) {
  let text;
  try {
    text = storage?.getItem(key);
  } catch (err) {
    log.warn('[adapter] could not read persisted state:', err?.name ?? 'Error');
    return { found: false, value: null };
  }
  if (text == null) return { found: false, value: null };
  try {
    return { found: true, value: JSON.parse(text) };
  } catch {
    log.warn('[adapter] persisted state is not JSON; ignored');
    return { found: true, value: null };
  }
}
