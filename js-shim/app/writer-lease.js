// One writer per agent across Zendesk tabs. Every tab runs the top-bar app; only one per agent may write to
// Zendesk, drive the phone and pop tickets (the leader); the others mirror its view (followers).
//
// The contract is a lease in localStorage, `agent-adapter-lease:<agentId>` = {owner: tabId, epoch, expiresAtMs}:
// - the leader renews it every HEARTBEAT_MS, LEASE_MS ahead, so a tab that dies without a word loses it after
//   at most LEASE_MS;
// - a tab takes over when the lease is expired or released: it writes itself in with epoch + 1, waits SETTLE_MS
//   and reads it back, and leads only if it still reads itself (localStorage has no compare-and-set: of tabs
//   claiming at once the last write wins, and every claimant reads that one);
// - the epoch is the fencing token: before each write the leader re-reads the lease (fence()); a lease that is not
//   its own any more (another tab took over while this one was frozen) demotes it, and it writes nothing.
// BroadcastChannel messages {type: 'lease', kind: 'takeover'|'released'} let the other tabs react at once rather
// than at their next poll. The leader releases the lease on `pagehide`, so a reload or a closed tab hands over
// without waiting for the expiry.
//
// Where the browser has Web Locks, the leader also holds the lock `agent-adapter-writer:<agentId>` for its whole
// term and followers queue for it: a closing tab hands over the moment the browser frees its lock, and a live
// leader whose timers a background tab throttles (to one a minute after five hidden minutes) is not pushed out
// because its lease ran out; it renews at its next write. Then the lock, not the expiry, decides who may claim —
// except that a leader whose lease has lapsed for STALE_LEADER_MS (well beyond a throttled minute) is taken for
// hung, and its lock is stolen.
//
// Everything is injected (storage, channel, timers, clock, locks, page events) so node tests drive it.

export const LEASE_MS = 6000;
export const HEARTBEAT_MS = 2000;
export const SETTLE_MS = 150;
export const STALE_LEADER_MS = 90_000;

export const leaseKey = (agentId) => `agent-adapter-lease:${agentId}`;
export const lockName = (agentId) => `agent-adapter-writer:${agentId}`;

const SYSTEM_TIMERS = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id),
};

/**
 * @param {object} o
 * @param {string|number} o.agentId
 * @param {string} o.tabId        unique per tab (per page load)
 * @param {Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>} o.storage     localStorage, shared by the agent's tabs
 * @param {{post(msg): void, subscribe(fn): () => void}|null} [o.channel]  the agent's tab channel (tab-channel.js)
 * @param {{setTimeout, clearTimeout}} [o.timers]
 * @param {() => number} [o.now]
 * @param {{request: Function}|null} [o.locks]   navigator.locks, when the browser has it
 * @param {{addEventListener, removeEventListener}|null} [o.pageEvents]  the window, for pagehide/pageshow
 * @param {number} [o.leaseMs]       how long a lease lasts (tests shorten the timings)
 * @param {number} [o.heartbeatMs]
 * @param {number} [o.settleMs]
 * @param {number} [o.staleLeaderMs]
 * @param {{warn: Function}} [o.log]
 */
export function createWriterLease({
  agentId,
  tabId,
  storage,
  channel = null,
  timers = SYSTEM_TIMERS,
  now = Date.now,
  locks = null,
  pageEvents = null,
  leaseMs = LEASE_MS,
  heartbeatMs = HEARTBEAT_MS,
  settleMs = SETTLE_MS,
  staleLeaderMs = STALE_LEADER_MS,
  log = console,
}) {
  const key = leaseKey(agentId);
  const listeners = new Set();
  /** @type {'follower' | 'claiming' | 'leader'} */
  let role = 'follower';
  let epoch = 0; // ours while leading
  let running = false; // started and not paused by pagehide
  let timer = null;
  let unsubscribe = null;
  let releaseLock = null; // resolves the held Web Lock's promise
  let lockWait = null; // this tab's queued lock request (its AbortController when there is one)
  let warnedStorage = false;

  // ---- the stored lease ----------------------------------------------------------------------------------
  /** The stored lease; null when there is none (or it is not one); undefined when storage cannot be read. */
  function read() {
    let text;
    try {
      text = storage.getItem(key);
    } catch (err) {
      storageProblem(err);
      return undefined;
    }
    if (text == null) return null;
    try {
      const lease = JSON.parse(text);
      return lease && typeof lease === 'object' && typeof lease.owner === 'string' && Number.isSafeInteger(lease.epoch)
        ? lease
        : null;
    } catch {
      return null;
    }
  }

  function write(lease) {
    try {
      storage.setItem(key, JSON.stringify(lease));
      return true;
    } catch (err) {
      storageProblem(err);
      return false;
    }
  }

  // Without readable storage the tabs cannot agree; each acts alone (the app keeps working, as before leases).
  function storageProblem(err) {
    if (warnedStorage) return;
    warnedStorage = true;
    log.warn('[adapter] the writer lease cannot use storage:', err?.name ?? 'Error');
  }

  const isFree = (lease) => lease === null || lease.released === true || lease.expiresAtMs <= now();
  const isMine = (lease) => lease?.owner === tabId && lease.epoch === epoch && lease.released !== true;

  // ---- role changes --------------------------------------------------------------------------------------
  function setRole(next, info = {}) {
    if (next === role) return;
    role = next;
    for (const fn of [...listeners]) {
      try {
        fn(next, info);
      } catch (err) {
        log.warn('[adapter] writer role listener failed:', err?.name ?? 'Error');
      }
    }
  }

  function lead(nextEpoch) {
    epoch = nextEpoch;
    channel?.post({ type: 'lease', kind: 'takeover', owner: tabId, epoch });
    setRole('leader', { epoch });
  }

  function demote(reason) {
    if (role !== 'leader') return;
    freeLock();
    setRole('follower', { reason });
    if (running && locks) queueForLock();
  }

  // ---- claiming ------------------------------------------------------------------------------------------
  /** Lockless takeover: write, settle, read back. */
  async function claim() {
    if (role !== 'follower' || !running) return;
    const current = read();
    if (current !== undefined && !isFree(current)) return;
    const mine = { owner: tabId, epoch: (current?.epoch ?? 0) + 1, expiresAtMs: now() + leaseMs };
    setRole('claiming');
    if (!write(mine) || current === undefined) return lead(mine.epoch); // cannot coordinate: act alone
    await sleep(settleMs);
    const after = read();
    // paused or stopped meanwhile (setRole ran while this waited: the cast stops tsc narrowing across the await)
    if (/** @type {string} */ (role) !== 'claiming') return;
    if (after?.owner === mine.owner && after.epoch === mine.epoch && !after.released) lead(mine.epoch);
    else setRole('follower', { reason: 'lost-claim' });
  }

  /** Takeover while holding the Web Lock: the previous holder is gone, whatever its lease still says. */
  function claimWithLock() {
    const current = read();
    const next = (current?.epoch ?? 0) + 1;
    write({ owner: tabId, epoch: next, expiresAtMs: now() + leaseMs });
    lead(next);
  }

  /**
   * Asks for the Web Lock: `wait` queues behind the holder, otherwise only a free lock is taken. Resolves once the
   * browser has answered (granted, refused or queued), never with the lock's whole term. Only called when the
   * browser has Web Locks.
   * @param {{wait: boolean, steal?: boolean}} o
   */
  function requestLock({ wait, steal = false }) {
    const webLocks = /** @type {{request: Function}} */ (locks);
    const controller = wait && typeof AbortController === 'function' ? new AbortController() : null;
    const ticket = controller ?? {};
    if (wait) lockWait = ticket;
    let answered;
    const decided = new Promise((resolve) => (answered = resolve));
    const options = steal
      ? { steal: true }
      : wait
        ? controller
          ? { signal: controller.signal }
          : {}
        : { ifAvailable: true };
    Promise.resolve()
      .then(() => {
        const request = webLocks.request(lockName(agentId), options, (lock) => {
          if (lockWait === ticket) lockWait = null;
          answered();
          if (!lock || !running || role === 'leader') return undefined; // refused, or no longer wanted
          const held = new Promise((resolve) => (releaseLock = resolve));
          claimWithLock();
          return held;
        });
        if (wait) answered(); // queued: a follower until the browser grants it
        return request;
      })
      .catch((err) => {
        if (lockWait === ticket) lockWait = null;
        if (err?.name !== 'AbortError') log.warn('[adapter] writer lock request failed:', err?.name ?? 'Error');
      })
      .finally(answered);
    return decided;
  }

  function queueForLock() {
    if (lockWait || !running || role === 'leader') return;
    void requestLock({ wait: true });
  }

  function freeLock() {
    releaseLock?.();
    releaseLock = null;
  }

  function cancelLockWait() {
    if (lockWait && typeof lockWait.abort === 'function') lockWait.abort();
    lockWait = null;
  }

  // ---- heartbeat, poll, messages -------------------------------------------------------------------------
  function beat() {
    timer = null;
    if (!running) return;
    if (role === 'leader') fence();
    else if (role === 'follower' && !locks) claimIfFree();
    else if (role === 'follower') lockedFollowerBeat();
    timer = timers.setTimeout(beat, heartbeatMs);
  }

  function lockedFollowerBeat() {
    const current = read();
    const hung = current && !current.released && now() - current.expiresAtMs > staleLeaderMs;
    if (hung) void requestLock({ wait: false, steal: true });
    else queueForLock(); // in case a request failed
  }

  function claimIfFree() {
    const current = read();
    if (current === undefined || isFree(current)) void claim();
  }

  function onMessage(msg) {
    if (msg?.type !== 'lease' || msg.owner === tabId) return;
    if (msg.kind === 'takeover' && role === 'leader')
      fence(); // was it us who lost?
    else if (msg.kind === 'released' && role === 'follower' && running && !locks) claimIfFree();
  }

  function onPageHide() {
    pause(); // first: a released leader must not queue for the lock again
    release();
  }

  function onPageShow(event) {
    if (event?.persisted) resume(); // back from the back/forward cache
  }

  function pause() {
    running = false;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    cancelLockWait();
    if (role === 'claiming') setRole('follower', { reason: 'paused' });
  }

  async function resume() {
    if (running) return role;
    running = true;
    if (locks) {
      // Decide at once when the lock is free; otherwise wait in the queue as a follower.
      await requestLock({ wait: false });
      if (role !== 'leader') queueForLock();
    } else {
      const current = read();
      if (current === undefined || isFree(current)) await claim();
    }
    if (running && timer === null) timer = timers.setTimeout(beat, heartbeatMs);
    return role;
  }

  // ---- the handle ----------------------------------------------------------------------------------------
  /**
   * Before a write: is this tab still the writer? Re-reads the lease; renews it when a heartbeat is due; demotes
   * this tab (and answers false) when the stored lease is another's.
   */
  function fence() {
    if (role !== 'leader') return false;
    const current = read();
    if (current === undefined) return true; // storage unreadable: nobody can take over through it either
    if (!isMine(current)) {
      demote('superseded');
      return false;
    }
    if (current.expiresAtMs - now() < leaseMs - heartbeatMs / 2) write({ ...current, expiresAtMs: now() + leaseMs });
    return true;
  }

  /** Gives the lease up (pagehide, stop): the others may take over at once. */
  function release() {
    if (role !== 'leader') return;
    const current = read();
    if (isMine(current)) write({ ...current, expiresAtMs: 0, released: true });
    channel?.post({ type: 'lease', kind: 'released', owner: tabId, epoch });
    demote('released');
  }

  return {
    /** Starts (first decision included); resolves with the role: 'leader' or 'follower'. */
    async start() {
      if (!unsubscribe) {
        const off = channel?.subscribe(onMessage);
        pageEvents?.addEventListener?.('pagehide', onPageHide);
        pageEvents?.addEventListener?.('pageshow', onPageShow);
        unsubscribe = () => {
          off?.();
          pageEvents?.removeEventListener?.('pagehide', onPageHide);
          pageEvents?.removeEventListener?.('pageshow', onPageShow);
        };
      }
      return resume();
    },
    fence,
    release,
    /** Releases the lease if held and stops for good. */
    stop() {
      pause();
      release();
      unsubscribe?.();
      unsubscribe = null;
      listeners.clear();
    },
    role: () => role,
    epoch: () => (role === 'leader' ? epoch : null),
    tabId,
    /** The tab that writes now, as the lease says: {owner, alive}; alive = it may still be there. */
    leader() {
      const current = read();
      if (!current || current.released) return { owner: null, alive: false };
      // With Web Locks a lapsed lease may belong to a live, throttled leader (see the top of this file).
      return { owner: current.owner, alive: locks ? true : current.expiresAtMs > now() };
    },
    /** fn(role, info) on every change of this tab's role ('claiming' before a lockless takeover). */
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };

  function sleep(ms) {
    return new Promise((resolve) => timers.setTimeout(resolve, ms));
  }
}

/** A tab id unique among the agent's tabs (one per page load). */
export function newTabId(random = () => Math.random(), now = Date.now) {
  const uuid = globalThis.crypto?.randomUUID?.();
  return uuid ? `tab-${uuid}` : `tab-${now().toString(36)}-${Math.floor(random() * 2 ** 40).toString(36)}`;
}
