// Where the core's `persist` snapshot lives between page loads (docs/adapter-protocol.md: persist → restore).
// One key per agent, JSON text: every Zendesk tab of one agent reads the same snapshot (the tab that takes over
// writing restores it). Storage is localStorage in the app and a Map-backed fake in tests; every call is guarded
// because localStorage throws when full (QuotaExceededError) or when the browser blocks third-party storage.
//
// Stored state is input like any other: another agent who shares the browser profile, another Zendesk account
// served from the same app origin, an older version of the app or a damaged write may have left it. So the
// snapshot is kept in an envelope that names its format version, the agent and the account it belongs to, and a
// snapshot whose envelope does not match this agent, this account and this version — or that is no envelope at
// all — is never restored: it is moved aside (one key, the latest, so that the writes it holds can still be looked
// into) and the agent is told. The core then checks what it does restore like any event.

/** The format of the envelope; a snapshot of any other version is not restored. */
export const SNAPSHOT_FORMAT = 'agent-adapter-snapshot';
export const SNAPSHOT_VERSION = 1;

/** Before snapshots were kept per agent, this one key held the snapshot; it is never restored. */
export const LEGACY_STORAGE_KEY = 'agent-adapter-state';
/** @deprecated the key of the legacy snapshot; use stateKey(agentId) */
export const STORAGE_KEY = LEGACY_STORAGE_KEY;

/** The snapshot's key for one agent; without an agent id (tests of the executor alone) the legacy key. */
export function stateKey(agentId) {
  return agentId == null ? LEGACY_STORAGE_KEY : `${LEGACY_STORAGE_KEY}:${agentId}`;
}

/** Where a snapshot that was not restored is kept (the latest one). */
export const asideKey = (agentId) => `${stateKey(agentId)}:unrestored`;
/** When it was set aside (ms since the epoch, as text), beside it. */
export const asideTimeKey = (agentId) => `${asideKey(agentId)}:at`;
/**
 * How long a snapshot set aside is kept: a week to look into a refusal, then it goes, with the callers' numbers and
 * the notes it holds — nothing the agent wrote stays in the browser for ever (issue 17 item 8, D332).
 */
export const ASIDE_KEEP_MS = 7 * 24 * 3600 * 1000;

/**
 * Whom a snapshot belongs to: the agent's id and the Zendesk account (its subdomain), as strings; null account
 * when the host did not say (a test's fake ZAF client).
 */
export function snapshotOwner(agentId, account) {
  return { agentId: agentId == null ? null : String(agentId), account: account == null ? null : String(account) };
}

/**
 * The stored form of a snapshot: the state in an envelope naming the format version, the agent and the account.
 * @param {unknown} state
 * @param {string|number|null} [agentId]
 * @param {string|null} [account]
 */
export function snapshotEnvelope(state, agentId = null, account = null) {
  const owner = snapshotOwner(agentId, account);
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, agentId: owner.agentId, account: owner.account, state };
}

/** @returns {boolean} whether the snapshot was stored * @param {any} storage
 * @param {unknown} state
 * @param {{warn: Function}} [log]
 * @param {string|number|null} [agentId]
 * @param {string|null} [account]
 */
export function writePersistedState(storage, state, log = console, agentId = null, account = null) {
  try {
    storage.setItem(stateKey(agentId), JSON.stringify(snapshotEnvelope(state, agentId, account)));
  } catch (err) {
    // The error name only: the snapshot holds callers' numbers and notes.
    log.warn('[adapter] could not persist state:', err?.name ?? 'Error');
    return false;
  }
  // The shared key of versions before per-agent snapshots is never restored; once this agent has its own, it goes.
  if (agentId != null) {
    try {
      storage.removeItem?.(LEGACY_STORAGE_KEY);
    } catch {
      // nothing lost: it is never read
    }
  }
  return true;
}

/**
 * The agent's last snapshot, if it is this agent's, this account's and of this version.
 * @returns {{state: unknown|null, discarded: null|'corrupt'|'version'|'agent'|'account'}}  state null: nothing to
 *   restore; discarded: why a stored snapshot was not restored (it has been moved aside; the agent should be told)
 * @param {any} storage
 * @param {{warn: Function}} [log]
 * @param {string|number|null} [agentId]
 * @param {string|null} [account]
 * @param {number} [nowMs] the shim's clock: a snapshot set aside long enough ago is removed first (ASIDE_KEEP_MS)
 */
export function readPersistedState(storage, log = console, agentId = null, account = null, nowMs = Date.now()) {
  expireAside(storage, agentId, nowMs, log);
  let key = stateKey(agentId);
  let text = readKey(storage, key, log);
  if (text == null && agentId != null) {
    // The shared key of versions before per-agent snapshots: never restored, but not dropped without a word.
    key = LEGACY_STORAGE_KEY;
    text = readKey(storage, key, log);
  }
  if (text == null) return { state: null, discarded: null };
  const discarded = problemOf(text, snapshotOwner(agentId, account));
  if (discarded === null) return { state: JSON.parse(text).state, discarded: null };
  moveAside(storage, key, asideKey(agentId), text, log);
  stampAside(storage, agentId, nowMs, log);
  log.warn('[adapter] stored state not restored:', discarded); // the reason only, never the content
  return { state: null, discarded };
}

/**
 * A snapshot the core refused to restore is kept aside (one, the latest) before the core's next `persist`
 * replaces it: the writes it holds are not lost without a trace, and the refusal can be looked into.
 * @param {any} storage
 * @param {unknown} state
 * @param {{warn: Function}} [log]
 * @param {string|number|null} [agentId]
 * @param {number} [nowMs]
 */
export function setAsideSnapshot(storage, state, log = console, agentId = null, nowMs = Date.now()) {
  try {
    storage.setItem(asideKey(agentId), JSON.stringify(state));
  } catch (err) {
    log.warn('[adapter] could not keep the unrestored snapshot:', err?.name ?? 'Error');
    return;
  }
  stampAside(storage, agentId, nowMs, log);
}

function stampAside(storage, agentId, nowMs, log) {
  try {
    storage.setItem(asideTimeKey(agentId), String(nowMs));
  } catch (err) {
    log.warn('[adapter] could not date the unrestored snapshot:', err?.name ?? 'Error');
  }
}

// A snapshot set aside more than ASIDE_KEEP_MS ago goes. One without a date (set aside by an earlier version, or its
// date unreadable or in the future) is dated now, so it too goes a week later.
function expireAside(storage, agentId, nowMs, log) {
  if (readKey(storage, asideKey(agentId), log) == null) return;
  const at = Number(readKey(storage, asideTimeKey(agentId), log));
  if (!Number.isSafeInteger(at) || at <= 0 || at > nowMs) return stampAside(storage, agentId, nowMs, log);
  if (nowMs - at < ASIDE_KEEP_MS) return;
  for (const key of [asideKey(agentId), asideTimeKey(agentId)]) {
    try {
      storage.removeItem?.(key);
    } catch (err) {
      log.warn('[adapter] could not remove the unrestored snapshot:', err?.name ?? 'Error');
    }
  }
}

function problemOf(text, owner) {
  let envelope;
  try {
    envelope = JSON.parse(text);
  } catch {
    return 'corrupt';
  }
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) return 'corrupt';
  // No envelope (a version before envelopes) or another format version: not this version's snapshot.
  if (envelope.format !== SNAPSHOT_FORMAT || envelope.version !== SNAPSHOT_VERSION) return 'version';
  if (!Object.hasOwn(envelope, 'state') || envelope.state === null || typeof envelope.state !== 'object')
    return 'corrupt';
  if (envelope.agentId !== owner.agentId) return 'agent';
  if (envelope.account !== owner.account) return 'account';
  return null;
}

function moveAside(storage, key, aside, text, log) {
  try {
    storage.setItem(aside, text);
  } catch (err) {
    log.warn('[adapter] could not keep the stored state aside:', err?.name ?? 'Error');
  }
  try {
    storage.removeItem?.(key); // never read again, whether or not it could be kept aside
  } catch (err) {
    log.warn('[adapter] could not remove the stored state:', err?.name ?? 'Error');
  }
}

function readKey(storage, key, log) {
  try {
    return storage?.getItem(key) ?? null;
  } catch (err) {
    log.warn('[adapter] could not read persisted state:', err?.name ?? 'Error');
    return null;
  }
}
