// The writer lease (js-shim/app/writer-lease.js): one writing tab per agent. Several leases share one fake
// localStorage, one fake BroadcastChannel hub and one fake clock; a tab can be frozen (its timers and messages
// wait, as in a background tab the browser froze) to play a stale leader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createWriterLease,
  HEARTBEAT_MS,
  LEASE_MS,
  leaseKey,
  SETTLE_MS,
  STALE_LEADER_MS,
} from '../../js-shim/app/writer-lease.js';
import { createFakeClock } from './helpers/fake-clock.mjs';
import { createMemoryStorage } from './helpers/fake-zaf.mjs';

const quiet = { warn() {} };

/** Tabs of one agent: shared storage, channel hub, clock (and, optionally, Web Locks). */
function createWorld({ locks = null } = {}) {
  const clock = createFakeClock();
  const storage = createMemoryStorage();
  const endpoints = new Set();
  const tabs = [];

  function tab(tabId) {
    const state = { frozen: false, deferred: [], inbox: [] };
    const timers = {
      setTimeout: (fn, ms) => clock.setTimeout(() => (state.frozen ? state.deferred.push(fn) : fn()), ms),
      clearTimeout: (id) => clock.clearTimeout(id),
    };
    const listeners = new Set();
    const endpoint = {
      deliver(msg) {
        if (state.frozen) state.inbox.push(msg);
        else for (const fn of [...listeners]) fn(structuredClone(msg));
      },
    };
    endpoints.add(endpoint);
    const channel = {
      post(msg) {
        for (const other of endpoints) if (other !== endpoint) queueMicrotask(() => other.deliver(msg));
      },
      subscribe(fn) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    };
    const pageEvents = new EventTarget();
    const roles = [];
    const lease = createWriterLease({
      agentId: 5,
      tabId,
      storage,
      channel,
      timers,
      now: clock.now,
      locks,
      pageEvents,
      log: quiet,
    });
    lease.subscribe((role, info) => roles.push([role, info.reason ?? info.epoch ?? null]));
    const t = {
      id: tabId,
      lease,
      roles,
      pageEvents,
      get frozen() {
        return state.frozen;
      },
      freeze() {
        state.frozen = true;
      },
      /** Wakes up: what waited runs, timers first (as a thawed page's overdue timers do). */
      thaw() {
        state.frozen = false;
        for (const fn of state.deferred.splice(0)) fn();
        for (const msg of state.inbox.splice(0)) endpoint.deliver(msg);
      },
      close() {
        endpoints.delete(endpoint);
      },
    };
    tabs.push(t);
    return t;
  }

  const stored = () => JSON.parse(storage.map.get(leaseKey(5)) ?? 'null');
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  /** Starts a tab's lease while moving the clock on, so a claim's settle time passes. */
  async function start(t) {
    const role = t.lease.start();
    await clock.advance(SETTLE_MS + 1);
    await settle();
    return role;
  }
  return { clock, storage, tabs, tab, stored, settle, start };
}

test('the first tab leads with epoch 1; the second follows; the lease names the leader', async () => {
  const w = createWorld();
  const a = w.tab('A');
  const b = w.tab('B');
  assert.equal(await w.start(a), 'leader');
  assert.equal(await w.start(b), 'follower');
  assert.equal(a.lease.epoch(), 1);
  assert.equal(b.lease.epoch(), null);
  assert.deepEqual(w.stored(), { owner: 'A', epoch: 1, expiresAtMs: w.stored().expiresAtMs });
  assert.ok(w.stored().expiresAtMs > w.clock.now());
  assert.deepEqual(a.roles, [
    ['claiming', null],
    ['leader', 1],
  ]);
  assert.deepEqual(b.lease.leader(), { owner: 'A', alive: true });
});

test('the heartbeat keeps the lease: a minute later the same tab leads and the follower never claimed', async () => {
  const { w, a, b } = await twoStartedTabs();
  for (let s = 0; s < 60; s++) {
    await w.clock.advance(1000);
    assert.ok(w.stored().expiresAtMs - w.clock.now() > LEASE_MS - HEARTBEAT_MS - 1, 'always renewed ahead');
  }
  assert.equal(a.lease.role(), 'leader');
  assert.equal(b.lease.role(), 'follower');
  assert.equal(w.stored().epoch, 1);
  assert.deepEqual(b.roles, []);
});

test('takeover on expiry: a leader that stops renewing is replaced within LEASE + HEARTBEAT + SETTLE', async () => {
  const { w, a, b } = await twoStartedTabs();
  a.freeze();
  const frozenAt = w.clock.now();
  while (b.lease.role() !== 'leader') {
    await w.clock.advance(100);
    assert.ok(w.clock.now() - frozenAt <= LEASE_MS + HEARTBEAT_MS + SETTLE_MS + 100, 'took over in time');
  }
  assert.equal(b.lease.epoch(), 2);
  assert.equal(w.stored().owner, 'B');
});

test('fencing: a stale leader that wakes up demotes itself before writing, and stays a follower', async () => {
  const { w, a, b } = await twoStartedTabs();
  a.freeze();
  await w.clock.advance(LEASE_MS + HEARTBEAT_MS + SETTLE_MS + 100);
  assert.equal(b.lease.role(), 'leader');
  // Still frozen, A believes it leads; the first thing it does on waking — a write — is fenced.
  assert.equal(a.lease.role(), 'leader');
  assert.equal(a.lease.fence(), false, 'the lease is not its own any more');
  assert.equal(a.lease.role(), 'follower');
  assert.deepEqual(a.roles.at(-1), ['follower', 'superseded']);
  a.thaw();
  await w.clock.advance(30_000);
  assert.equal(a.lease.role(), 'follower');
  assert.equal(b.lease.role(), 'leader');
  assert.equal(w.stored().epoch, 2);
});

test('a stale leader woken by its heartbeat also demotes itself (no write needed)', async () => {
  const { w, a, b } = await twoStartedTabs();
  a.freeze();
  await w.clock.advance(LEASE_MS + HEARTBEAT_MS + SETTLE_MS + 100);
  a.thaw(); // its overdue heartbeat runs
  await w.settle();
  assert.equal(a.lease.role(), 'follower');
  assert.equal(b.lease.role(), 'leader');
});

test('release on pagehide: the lease is marked released and a follower takes over at once, not at expiry', async () => {
  const { w, a, b } = await twoStartedTabs();
  await w.clock.advance(500);
  a.pageEvents.dispatchEvent(new Event('pagehide'));
  assert.equal(a.lease.role(), 'follower');
  assert.equal(w.stored().released, true);
  await w.settle(); // the 'released' message arrives
  await w.clock.advance(SETTLE_MS + 1);
  assert.equal(b.lease.role(), 'leader', 'well before the old lease would have expired');
  assert.equal(w.stored().epoch, 2);
  // A hidden page claims nothing any more.
  await w.clock.advance(60_000);
  assert.equal(a.lease.role(), 'follower');
  assert.deepEqual(a.roles.at(-1), ['follower', 'released']);
});

test('back from the back/forward cache (pageshow persisted), a tab competes again', async () => {
  const w = createWorld();
  const a = w.tab('A');
  await w.start(a);
  a.pageEvents.dispatchEvent(new Event('pagehide'));
  await w.clock.advance(10_000);
  assert.equal(a.lease.role(), 'follower');
  const shown = new Event('pageshow');
  shown.persisted = true;
  a.pageEvents.dispatchEvent(shown);
  await w.clock.advance(SETTLE_MS + 1);
  assert.equal(a.lease.role(), 'leader');
  assert.equal(w.stored().epoch, 2);
});

test('stop() releases: the next tab does not wait for the expiry', async () => {
  const { w, a, b } = await twoStartedTabs();
  a.lease.stop();
  await w.settle();
  await w.clock.advance(SETTLE_MS + 1);
  assert.equal(b.lease.role(), 'leader');
});

test('tabs claiming the same released lease at once: exactly one leads', async () => {
  const w = createWorld();
  const a = w.tab('A');
  await w.start(a);
  const others = ['B', 'C', 'D'].map((id) => w.tab(id));
  for (const t of others) await w.start(t);
  a.lease.release();
  await w.settle();
  await w.clock.advance(SETTLE_MS + 1);
  await w.settle();
  const leaders = w.tabs.filter((t) => t.lease.role() === 'leader').map((t) => t.id);
  assert.equal(leaders.length, 1, `leaders: ${leaders}`);
  assert.equal(w.stored().owner, leaders[0]);
});

test('two (or more) leases never both believe they lead: a seeded random schedule of freezes, reloads and time', async () => {
  let seed = 20260501;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const w = createWorld();
  let next = 0;
  for (let i = 0; i < 3; i++) await w.start(w.tab(`T${next++}`));
  let leaderSeen = 0;
  for (let step = 0; step < 400; step++) {
    const live = w.tabs.filter((t) => !t.closed);
    const t = live[Math.floor(random() * live.length)];
    const r = random();
    if (r < 0.15) t.frozen ? t.thaw() : t.freeze();
    else if (r < 0.2 && live.length > 1) {
      // The tab is closed or reloaded: pagehide, gone; sometimes a new tab opens.
      t.pageEvents.dispatchEvent(new Event('pagehide'));
      t.close();
      t.closed = true;
      if (random() < 0.8) void w.tab(`T${next++}`).lease.start();
    } else if (r < 0.25) t.lease.fence();
    await w.clock.advance(Math.floor(random() * 3000));
    await w.settle();

    // Whoever may write — leads by its own belief and is named by the stored lease — is one tab at most, and
    // the stored owner is either that tab or a frozen/closed one that will demote itself on waking.
    const stored = w.stored();
    const writers = w.tabs.filter(
      (x) => !x.closed && x.lease.role() === 'leader' && stored?.owner === x.id && stored.epoch === x.lease.epoch(),
    );
    assert.ok(writers.length <= 1, `step ${step}: ${writers.map((x) => x.id)}`);
    const awakeLeaders = w.tabs.filter((x) => !x.closed && !x.frozen && x.lease.role() === 'leader');
    assert.ok(awakeLeaders.length <= 1, `step ${step}: awake leaders ${awakeLeaders.map((x) => x.id)}`);
    if (awakeLeaders.length === 1) leaderSeen++;
  }
  assert.ok(leaderSeen > 100, `some tab led most of the time (${leaderSeen}/400)`);
});

// ---- with Web Locks ----------------------------------------------------------------------------------------------
/** An exclusive lock manager as navigator.locks behaves for one name: FIFO, ifAvailable, abort, crash. */
/** The usual start: tab A (which leads) and tab B (which follows), both started, no Web Locks. */
async function twoStartedTabs() {
  const w = createWorld();
  const a = w.tab('A');
  const b = w.tab('B');
  await w.start(a);
  await w.start(b);
  return { w, a, b };
}

function createFakeLocks() {
  const queue = [];
  let held = null;
  function grantNext() {
    while (!held && queue.length > 0) {
      const request = queue.shift();
      held = request;
      Promise.resolve()
        .then(() => request.callback({ name: 'lock' }))
        .then(
          (value) => finish(request, () => request.resolve(value)),
          (err) => finish(request, () => request.reject(err)),
        );
    }
  }
  function finish(request, settle) {
    if (held === request) {
      held = null;
      grantNext();
    }
    settle();
  }
  return {
    get held() {
      return held !== null;
    },
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        if (options.steal) {
          const robbed = held;
          held = null;
          robbed?.reject(Object.assign(new Error('stolen'), { name: 'AbortError' }));
          if (robbed) robbed.resolve = robbed.reject = () => {};
          queue.unshift({ callback, resolve, reject });
          grantNext();
          return;
        }
        if (options.ifAvailable && (held || queue.length > 0)) {
          Promise.resolve()
            .then(() => callback(null))
            .then(resolve, reject);
          return;
        }
        const request = { callback, resolve, reject };
        options.signal?.addEventListener('abort', () => {
          const i = queue.indexOf(request);
          if (i < 0) return;
          queue.splice(i, 1);
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        });
        queue.push(request);
        grantNext();
      });
    },
    /** The holder's tab died: the browser frees its lock without any word from it. */
    crashHolder() {
      held = null;
      grantNext();
    },
  };
}

test('Web Locks: a throttled leader whose lease lapsed is not pushed out; it renews at its next write', async () => {
  const locks = createFakeLocks();
  const w = createWorld({ locks });
  const a = w.tab('A');
  const b = w.tab('B');
  assert.equal(await w.start(a), 'leader');
  assert.equal(await w.start(b), 'follower');
  a.freeze(); // timers a minute apart in a hidden tab: here, none at all
  await w.clock.advance(60_000);
  assert.equal(b.lease.role(), 'follower', 'the lock is still held');
  assert.deepEqual(b.lease.leader(), { owner: 'A', alive: true });
  a.thaw();
  assert.equal(a.lease.fence(), true);
  assert.ok(w.stored().expiresAtMs > w.clock.now());
});

test('Web Locks: a hung leader (lock held, lease lapsed for STALE_LEADER_MS) has its lock stolen and is fenced out', async () => {
  const locks = createFakeLocks();
  const w = createWorld({ locks });
  const a = w.tab('A');
  const b = w.tab('B');
  await w.start(a);
  await w.start(b);
  a.freeze();
  await w.clock.advance(LEASE_MS + 60_000);
  assert.equal(b.lease.role(), 'follower', 'a minute late is still a throttled leader');
  await w.clock.advance(STALE_LEADER_MS);
  await w.settle();
  assert.equal(b.lease.role(), 'leader');
  assert.equal(w.stored().epoch, 2);
  a.thaw();
  await w.settle();
  assert.equal(a.lease.role(), 'follower');
  assert.equal(a.lease.fence(), false);
});

test('Web Locks: a closing leader hands over at once; a crashed one as soon as the browser frees its lock', async () => {
  const locks = createFakeLocks();
  const w = createWorld({ locks });
  const a = w.tab('A');
  const b = w.tab('B');
  const c = w.tab('C');
  await w.start(a);
  await w.start(b);
  await w.start(c);
  a.pageEvents.dispatchEvent(new Event('pagehide'));
  await w.settle();
  assert.equal(b.lease.role(), 'leader', 'first in the queue');
  assert.equal(c.lease.role(), 'follower');
  assert.equal(w.stored().epoch, 2);

  // B's tab dies: no pagehide, the lease still looks valid, but the lock is free.
  b.freeze();
  locks.crashHolder();
  await w.settle();
  assert.equal(c.lease.role(), 'leader');
  assert.equal(w.stored().owner, 'C');
  assert.equal(w.stored().epoch, 3);
  b.thaw();
  assert.equal(b.lease.fence(), false);
  assert.equal(b.lease.role(), 'follower');
});
