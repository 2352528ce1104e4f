// The top-bar app: the whole event → core → (view, effects) loop (docs/adapter-protocol.md). The core decides;
// this file only wires sources of events (ZAF, the connector, the view, timers, HTTP results) to the core and
// the core's answers to the view and the effect executor.
//
// Every collaborator is injected so node tests can drive the loop with fakes. The view, translator and
// telephony command table default to the real modules, loaded lazily so that a caller who injects them does
// not need those files.
import { AdapterCoreError } from '../core/rules-engine.js';
import { createAdapterSession } from '../core/adapter-session.js';
import { createEffectExecutor } from '../effects/executor.js';
import { readPersistedState } from '../effects/persisted-state.js';
import { loadAdapterModule } from '../wasm-loader.js';
import { createZafBridge } from '../zaf/bridge.js';
import { createDispatchQueue } from './dispatch-queue.js';

/**
 * @param {object} o
 * @param {object} o.client          initialised ZAF client
 * @param {Function} o.createModule  Emscripten factory of the core
 * @param {object} [o.moduleOptions] {wasmUrl, wasmBinary} for loadAdapterModule
 * @param {object} o.connector       telephony connector ({name?, start(emit), stop(), dial(...), ...})
 * @param {Element} o.root           where the view draws
 * @param {Storage} o.storage        localStorage (or a fake)
 * @param {object} o.dictionaries    translations, handed to createTranslator
 * @param {Function} [o.createView]        (root, {t, onEvent}) → {render(view)}
 * @param {Function} [o.createTranslator]  (dictionaries, locale) → t
 * @param {object} [o.telephonyCommands]   effect command → connector method
 * @param {Function} [o.createSession]     (module) → {dispatch(event) → {view, effects}, close?()}
 * @param {() => number} [o.now]
 * @param {{setTimeout, clearTimeout}} [o.timers]
 * @param {{warn: Function}} [o.log]
 * @returns {Promise<{dispatch(event: object): Promise<void>, view(): object|null, idle(): Promise<void>,
 *   stop(): void}>}
 *   dispatch resolves when that event's effects have settled; idle when every effect started so far has.
 */
export async function startTopBar({
  client,
  createModule,
  moduleOptions = {},
  connector,
  root,
  storage,
  dictionaries,
  createView,
  createTranslator,
  telephonyCommands,
  createSession = createAdapterSession,
  now = Date.now,
  timers,
  log = console,
}) {
  createView ??= (await import('../view/render.js')).createView;
  createTranslator ??= (await import('../view/i18n.js')).createTranslator;
  telephonyCommands ??= (await import('../telephony/connector.js')).TELEPHONY_COMMANDS;

  const zaf = createZafBridge(client, { now });
  let stopped = false;
  let ready = false;
  let lastView = null;
  const early = []; // events that arrive while the core loads; replayed after appRegistered
  const post = createDispatchQueue(processEvent, log);

  /** Every event gets the shim's clock when it happens; the core never reads a clock. */
  function dispatch(event) {
    if (stopped) return Promise.resolve();
    const stamped = { ...event, nowMs: now() };
    if (!ready) {
      early.push(stamped);
      return Promise.resolve();
    }
    return post(stamped).then(() => undefined);
  }

  // Subscribe first so that a click-to-call that woke the app is not lost while the WASM compiles.
  const unsubscribe = [
    zaf.onDialout((d) => dispatch({ type: 'dialout', ...d })),
    zaf.onPaneActivated(() => dispatch({ type: 'paneActivated' })),
    zaf.onCallMenu((m) => dispatch({ type: 'callMenu', ...m })),
  ];

  let module, settings, agent;
  try {
    [module, { settings, agent }] = await Promise.all([
      loadAdapterModule(createModule, moduleOptions),
      zaf.registration(),
    ]);
  } catch (err) {
    for (const off of unsubscribe) off();
    throw err; // the entry file shows that the app could not start
  }
  const session = createSession(module);
  const t = createTranslator(dictionaries, agent.locale);
  const view = createView(root, { t, onEvent: (event) => dispatch(event) });
  const executor = createEffectExecutor({ zaf, connector, dispatch, t, storage, timers, now, telephonyCommands, log });

  function processEvent(event) {
    if (stopped) return undefined;
    let answer;
    try {
      answer = session.dispatch(event);
    } catch (err) {
      showFailure(err); // the core changed nothing; the agent sees why and the loop goes on
      return undefined;
    }
    draw(answer.view);
    return track(executor.execute(answer.effects));
  }

  // Effects still running (requests, ZAF invokes, telephony commands): idle() waits for all of them, including
  // the ones their results lead to. For tests and callers of the handle; the loop itself never waits on it.
  const inFlight = new Set();
  function track(promise) {
    inFlight.add(promise);
    promise.finally(() => inFlight.delete(promise));
    return promise;
  }
  async function idle() {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  }

  function draw(model) {
    lastView = model ?? lastView;
    try {
      view.render(lastView);
    } catch (err) {
      log.warn('[adapter] render failed:', err?.name ?? 'Error'); // still perform the effects
    }
  }

  // An INVALID_REQUEST (or INTERNAL) answer is shown like a core banner: {code, kind, params}; the view
  // translates ui.banner.<code>. Only the core's message goes to the view, never the event.
  function showFailure(err) {
    const isCore = err instanceof AdapterCoreError || err?.name === 'AdapterCoreError';
    log.warn('[adapter] the core refused an event:', isCore ? err.code : err?.name ?? 'Error');
    const banner = {
      code: isCore && err.code ? err.code : 'INTERNAL',
      kind: 'error',
      params: { message: isCore ? String(err.message ?? '') : '' },
    };
    draw({ ...(lastView ?? emptyView()), banner });
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
  // (written on every state change) cannot overwrite unsent writes with an empty state. Then whatever arrived
  // while loading, in arrival order.
  ready = true;
  const state = readPersistedState(storage, log);
  if (state != null) dispatch({ type: 'restore', state });
  dispatch({ type: 'appRegistered', settings, agent, connector: { name: connectorName(connector, settings) } });
  for (const event of early.splice(0)) post(event);

  return {
    dispatch,
    view: () => lastView,
    idle,
    stop() {
      if (stopped) return;
      stopped = true;
      for (const off of unsubscribe) off();
      executor.stop();
      try {
        connector.stop?.();
      } catch (err) {
        log.warn('[adapter] telephony connector did not stop:', err?.name ?? 'Error');
      }
      session.close?.();
    },
  };
}

function connectorName(connector, settings) {
  if (typeof connector?.name === 'string' && connector.name) return connector.name;
  const fromSettings = settings.telephonyConnector;
  return typeof fromSettings === 'string' && fromSettings ? fromSettings : 'simulator';
}

/** What the view gets if the very first event fails (the core has drawn nothing yet). */
function emptyView() {
  return {
    screen: 'main',
    ready: false,
    agent: null,
    connector: null,
    settingsProblems: [],
    banner: null,
    sync: { pending: 0, failed: 0, writes: [] },
    outbound: null,
    call: null,
  };
}
