// The writing tab's loop (docs/adapter-protocol.md): events → the core session → its view and effects. It runs
// only while this tab is the agent's writer (writer-lease.js); a tab that takes over starts a new one, which
// restores the last persisted snapshot, and a tab that loses the lease stops its own.
//
// Events are stamped with the shim's clock as they arrive (the core never reads a clock) and go through one queue
// (dispatch-queue.js). Results of this loop's own I/O — HTTP answers, ticks, the connector's events — come back
// through the same dispatch; once the loop is stopped they are dropped: they belong to a term that is over.
import { createEffectExecutor } from '../effects/executor.js';
import { readPersistedState, setAsideSnapshot } from '../effects/persisted-state.js';
import { createDispatchQueue } from './dispatch-queue.js';

/** How long appRegistered waits for the account's ticket fields before it goes in without them (D388). */
const FIELDS_WAIT_MS = 1500;
/** The transfer directory is asked again this often while a call is connected (D432). */
export const DIRECTORY_REFRESH_MS = 30_000;
/** Opening the transfer box asks again only when the last answer is at least this old (D432). */
export const DIRECTORY_FRESH_MS = 10_000;
/**
 * Asked of the view, not of the core: opening the transfer box wants a fresh directory (D432). The shim's own; the
 * core never sees it.
 */
export const DIRECTORY_OPENED = 'transferDirectoryOpened';

/**
 * @param {object} o
 * @param {object} o.module            the loaded core module
 * @param {Function} o.createSession   (module) → {dispatch(event) → {view, effects}, close?()}
 * @param {object} o.zaf               the ZAF bridge
 * @param {object} o.connector
 * @param {Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>} o.storage
 * @param {object} o.settings          appRegistered.settings
 * @param {Promise<object>} [o.foundSettings]  the settings with the ticket fields found in the account (D355): when
 *   they come, appRegistered goes in again with them (the core keeps its state; docs/adapter-protocol.md)
 * @param {object} o.agent             appRegistered.agent
 * @param {string|null} [o.account]    the Zendesk account (subdomain): the persisted snapshot is bound to it
 * @param {number|null} [o.appId]      appRegistered.appId: ZAF's app id (TPE's call record, D421)
 * @param {(key: string, params?: object) => string} o.t
 * @param {object} [o.telephonyCommands]  effect command → connector method (the executor's default otherwise)
 * @param {{setTimeout, clearTimeout}} [o.timers]
 * @param {() => number} o.now
 * @param {() => boolean} [o.fence]    may this tab still write? (the executor asks before each write)
 * @param {(view: object) => void} o.onView         every answer's view
 * @param {(err: unknown) => void} o.onRefused      the core refused an event (it changed nothing)
 * @param {(reason: string) => void} [o.onSnapshotDiscarded]  the stored snapshot was not this agent's, this
 *   account's or this version's, or was damaged: it was moved aside, not restored (persisted-state.js)
 * @param {(answer: object) => unknown} [o.sidebarNumbers]  delivers a `sidebarNumbers` effect (the executor's
 *   default otherwise: triggered on the instance through this tab's ZAF client)
 * @param {{warn: Function}} o.log
 */
export function startCoreLoop({
  module,
  createSession,
  zaf,
  connector,
  storage,
  settings,
  foundSettings,
  agent,
  account = null,
  appId = null,
  t,
  telephonyCommands,
  timers,
  now,
  fence,
  onView,
  onRefused,
  onSnapshotDiscarded = () => {},
  sidebarNumbers = undefined,
  log,
}) {
  const session = createSession(module);
  let active = true;
  let ready = false;
  const early = []; // what the connector emits while it starts; after appRegistered
  const post = createDispatchQueue(process, log);

  /** An event as it happens: stamped with the shim's clock now. */
  function dispatch(event) {
    return dispatchStamped({ ...event, nowMs: now() });
  }

  /** An event stamped earlier (it waited while the app loaded or the writer changed). */
  function dispatchStamped(event) {
    if (!active) return Promise.resolve();
    if (!ready) {
      early.push(event);
      return Promise.resolve();
    }
    return post(event).then(() => undefined);
  }

  const executor = createEffectExecutor({
    zaf,
    connector,
    dispatch,
    t,
    storage,
    timers,
    now,
    telephonyCommands,
    log,
    agentId: agent?.id ?? null,
    account,
    fence,
    sidebarNumbers,
  });

  function process(event) {
    if (!active) return undefined;
    if (event.type === DIRECTORY_OPENED) return directoryWanted();
    let answer;
    try {
      answer = session.dispatch(event);
    } catch (err) {
      // A snapshot the core cannot read would be overwritten by its next persist: keep it aside first.
      if (event.type === 'restore') setAsideSnapshot(storage, event.state, log, agent?.id ?? null, now());
      onRefused(err); // the core changed nothing; the agent sees why and the loop goes on
      // A Zendesk answer the core cannot read (beyond its nesting or size limits) would leave its request waiting
      // for ever, and the call or write behind it with it. It goes in again as no usable answer, like a
      // network error (status 0, no body), which the core retries or reports.
      if (event.type === 'httpResponse' && !(event.status === 0 && event.body == null)) {
        const { requestId, nowMs } = event;
        return process({ type: 'httpResponse', requestId, status: 0, body: null, retryAfterSec: null, nowMs });
      }
      return undefined;
    }
    onView(answer.view);
    askDirectory(answer.view);
    reportPresence(answer.view);
    if (event.type === 'restore') reconcileConsult(answer.view);
    return track(executor.execute(answer.effects));
  }

  // The transfer directory (D341, D432): asked of the connector when a call first shows connected, again every
  // DIRECTORY_REFRESH_MS while it stays connected, and when the agent opens the transfer box if the last answer is
  // older than DIRECTORY_FRESH_MS; one question at a time, so a slow backend is never asked twice at once. Handed
  // to the core as the event transferDirectory (which dates it: availability older than the core's limit reads
  // unknown). A failed ask dispatches nothing: the core's copy ages. A connector without directory() has none.
  const clock = timers ?? { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (id) => clearTimeout(id) };
  let directoryFor = null; // the connected call the directory is kept fresh for
  let directoryAskedAt = -Infinity;
  let directoryAsking = false;
  let directoryTimer = null;
  function askDirectory(view) {
    if (typeof connector.directory !== 'function') return;
    const call = view?.call;
    if (call?.state !== 'connected') {
      directoryFor = null;
      clock.clearTimeout(directoryTimer);
      return;
    }
    if (call.id === directoryFor) return;
    directoryFor = call.id;
    fetchDirectory();
  }
  function directoryWanted() {
    if (directoryFor !== null && now() - directoryAskedAt >= DIRECTORY_FRESH_MS) fetchDirectory();
  }
  function fetchDirectory() {
    if (!active || directoryAsking) return;
    directoryAsking = true;
    directoryAskedAt = now();
    clock.clearTimeout(directoryTimer);
    Promise.resolve()
      .then(() => connector.directory())
      .then((d) => {
        if (d && typeof d === 'object') dispatch({ type: 'transferDirectory', ...d });
      })
      .catch((err) => log.warn('[adapter] transfer directory not read:', err?.name ?? 'Error'))
      .finally(() => {
        directoryAsking = false;
        clock.clearTimeout(directoryTimer);
        if (active && directoryFor !== null) directoryTimer = clock.setTimeout(fetchDirectory, DIRECTORY_REFRESH_MS);
      });
  }

  // The agent's state as the view shows it (available, away, ringing, onCall, wrapUp) goes to a connector that tells
  // its backend (D434: the sip connector's status endpoint, so other agents' directories show it), when it changes.
  // The core's own setStatus (available/away, D361) is unchanged: this is the shim reading the view it draws.
  let presence = null;
  function reportPresence(view) {
    const current = view?.agentStatus?.current;
    if (typeof current !== 'string' || current === presence || typeof connector.presence !== 'function') return;
    presence = current;
    Promise.resolve()
      .then(() => connector.presence(current))
      .catch((err) => log.warn('[adapter] agent state not told to the backend:', err?.name ?? 'Error'));
  }

  // A consult leg restored from the snapshot (D431) is on the line only if the connector still has it: the
  // simulator's journal keeps it, the sip connector loses its sessions with the page. One the connector does not
  // report goes in as ended (the notice names the target; the caller stays on hold with the agent): never a
  // consult shown connected that nobody is on. A connector without consults() keeps none.
  function reconcileConsult(view) {
    const call = view?.call;
    if (!call?.transfer?.consult) return;
    Promise.resolve()
      .then(() => (typeof connector.consults === 'function' ? connector.consults() : []))
      .catch(() => [])
      .then((ids) => {
        const kept = Array.isArray(ids) && ids.some((id) => String(id) === String(call.id));
        if (!kept) dispatch({ type: 'consultChanged', callId: call.id, state: 'ended' });
      });
  }

  // Effects still running (requests, ZAF invokes, telephony commands): idle() waits for all of them, including
  // the ones their results lead to. For tests and callers of the handle; the loop itself never waits on it.
  const inFlight = new Set();
  function track(promise) {
    inFlight.add(promise);
    promise.finally(() => inFlight.delete(promise));
    return promise;
  }

  // The connector starts before the first event so that telephony effects of restore/appRegistered find it
  // running; what it emits meanwhile (connectorState) waits in `early` until the core is registered.
  // Not awaited: a connector may keep its start promise open while it runs.
  try {
    Promise.resolve(connector.start((event) => dispatch(event))).catch((err) =>
      log.warn('[adapter] telephony connector did not start:', err?.name ?? 'Error'),
    );
  } catch (err) {
    log.warn('[adapter] telephony connector did not start:', err?.name ?? 'Error');
  }

  // Start-up order: the snapshot goes in before appRegistered, so that the first answer's persist effect
  // (written on every state change) cannot overwrite unsent writes with an empty state. Then what the connector
  // and the agent said while starting, in order; meanwhile they wait in `early`. appRegistered waits for the ticket
  // fields found in the account (D355), but at most FIELDS_WAIT_MS: a slow or failing Zendesk must not keep a ringing
  // call off the console. Fields that come later go in as a second appRegistered; the core keeps its state (D388).
  const registerWith = (resolved) =>
    dispatch({
      type: 'appRegistered',
      settings: resolved,
      agent,
      connector: { name: connectorName(connector, resolved) },
      ...(appId == null ? {} : { appId }),
    });
  function register(resolved) {
    if (!active) return;
    ready = true;
    const { state, discarded } = readPersistedState(storage, log, agent?.id ?? null, account, now());
    if (discarded) onSnapshotDiscarded(discarded);
    if (state != null) dispatch({ type: 'restore', state });
    registerWith(resolved);
    for (const event of early.splice(0)) post(event);
  }
  const found = Promise.resolve(foundSettings ?? settings).catch(() => settings);
  const first = foundSettings
    ? new Promise((resolve) => {
        const wait = setTimeout(() => resolve(settings), FIELDS_WAIT_MS); // wall time: not the core's tick timers
        found.then((f) => {
          clearTimeout(wait);
          resolve(f);
        });
      })
    : Promise.resolve(settings);
  const started = first.then(register);
  const fieldsApplied = Promise.all([first, found, started]).then(([was, latest]) => {
    if (active && latest !== was) registerWith(latest);
  });

  return {
    /** Resolves once appRegistered has gone in (with the ticket fields found, or without them after FIELDS_WAIT_MS). */
    started,
    /** Resolves once the settings with the ticket fields found have gone in. */
    fieldsApplied,
    dispatch,
    dispatchStamped,
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    /** Ends this term: no more events, effects, ticks or connector events. */
    stop() {
      if (!active) return;
      active = false;
      clock.clearTimeout(directoryTimer);
      executor.stop();
      try {
        Promise.resolve(connector.stop?.()).catch((err) =>
          log.warn('[adapter] telephony connector did not stop:', err?.name ?? 'Error'),
        );
      } catch (err) {
        log.warn('[adapter] telephony connector did not stop:', err?.name ?? 'Error');
      }
      session.close?.();
    },
  };
}

function connectorName(connector, settings) {
  if (typeof connector?.name === 'string' && connector.name) return connector.name;
  const fromSettings = settings?.telephonyConnector;
  return typeof fromSettings === 'string' && fromSettings ? fromSettings : 'simulator';
}
