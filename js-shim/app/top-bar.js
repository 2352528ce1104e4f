// The top-bar app: wires the sources of events (ZAF, the view, and through core-loop.js the connector, timers and
// HTTP results) to the core, and the core's answers to the view. The core decides; this file decides nothing.
//
// One writer per agent across Zendesk tabs (writer-lease.js): the tab holding the lease runs the core loop (the
// leader) and broadcasts every view it draws; the others (followers) run no core, no connector and send no
// request: they draw the leader's views and forward the agent's clicks, typing and ZAF events to it. When the
// leader goes, a follower takes over and restores the persisted snapshot. Without `tabs` the app is alone and
// always leads (node tests, the agent harness).
//
// Every collaborator is injected so node tests can drive the loop with fakes. The view, translator and
// telephony command table default to the real modules, loaded lazily so that a caller who injects them does
// not need those files.
import { AdapterCoreError } from '../core/rules-engine.js';
import { createAdapterSession } from '../core/adapter-session.js';
import { loadAdapterModule } from '../wasm-loader.js';
import { createZafBridge } from '../zaf/bridge.js';
import { createAttention } from './attention.js';
import { startCoreLoop } from './core-loop.js';
import { createSidebarAnswers } from './sidebar-answers.js';
import { CHANNEL_MESSAGE_TYPES, checkForwardedEvent, createDropCounter } from './tab-messages.js';

/**
 * @param {object} o
 * @param {object} o.client          initialised ZAF client
 * @param {import('../../types/adapter-core').CreateAdapterCore} o.createModule  Emscripten factory of the core
 * @param {object} [o.moduleOptions] {wasmUrl, wasmBinary} for loadAdapterModule
 * @param {object} [o.connector]     telephony connector ({name?, start(emit), stop(), dial(...), ...})
 * @param {(a: {settings: object, agent: object, client: object, log: object, setProblems: (p: object[]) => void})
 *   => Promise<object>} [o.createConnector]  builds the connector once the settings are known (instead of
 *   `connector`); setProblems shows the connector's own problems (settings, credentials) with the core's
 * @param {Element} o.root           where the view draws
 * @param {Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>} o.storage        localStorage (or a fake)
 * @param {object} o.dictionaries    translations, handed to createTranslator
 * @param {Function} [o.createView]        (root, {t, onEvent}) → {render(view)}
 * @param {Function} [o.createTranslator]  (dictionaries, locale) → t
 * @param {object} [o.telephonyCommands]   effect command → connector method (default: js-shim/telephony/commands.js)
 * @param {Function} [o.createSession]     (module) → {dispatch(event) → {view, effects}, close?()}
 * @param {Function|null} [o.tabs]  ({agentId}) → {lease, channel}: the writer lease (writer-lease.js) and the tab
 *   channel (tab-channel.js) of this agent; without it this tab always writes
 * @param {Record<string, (payload: unknown) => void>} [o.leaderCommands]  what only the writing tab can do
 *   (the sandbox's simulator controls); command(name, payload) runs it there
 * @param {() => number} [o.now]
 * @param {() => number} [o.clockMs]  a monotonic clock in ms for renderStats (performance.now)
 * @param {{setTimeout, clearTimeout}} [o.timers]
 * @param {{warn: Function}} [o.log]
 * @returns {Promise<{dispatch(event: object): Promise<void>, command(name: string, payload: unknown): void,
 *   view(): object|null, role(): string, idle(): Promise<void>, stop(): void, renderStats(): object,
 *   droppedTabMessages(): object}>}
 *   dispatch resolves when that event's effects have settled (in the writing tab); idle when every effect
 *   started so far has.
 */
export async function startTopBar({
  client,
  createModule,
  moduleOptions = {},
  connector,
  createConnector = undefined,
  root,
  storage,
  dictionaries,
  createView,
  createTranslator,
  telephonyCommands,
  createSession = createAdapterSession,
  tabs = null,
  clockMs = () => globalThis.performance?.now() ?? Date.now(),
  leaderCommands = {},
  now = Date.now,
  timers,
  log = console,
}) {
  createView ??= (await import('../view/render.js')).createView;
  createTranslator ??= (await import('../view/i18n.js')).createTranslator;

  const zaf = createZafBridge(client, { now });
  let stopped = false;
  // What the agent did before a writer was known (the core loading, the lease deciding, the leader gone):
  // {event, stamped} or {command, payload}, in arrival order; handed to whoever writes next.
  const waiting = [];
  let route = (item) => void waiting.push(item);

  /** An agent event (view, ZAF): stamped now, carried out here or by the writing tab. */
  function agentEvent(event) {
    if (stopped) return Promise.resolve();
    return route({ event, stamped: { ...event, nowMs: now() } }) ?? Promise.resolve();
  }

  // Which of this tab's ticket sidebars asked for their requester's numbers, and where the writer's answers go.
  let tabChannel = null; // known once the agent is
  const sidebars = createSidebarAnswers({ zaf, channel: () => tabChannel, log });

  // ZAF destroys the instance (app.willDestroy): everything this tab holds ends with it — the tick timer and the
  // effects in flight (the loop), the connector's sockets and registration, the writer lease (handed over at once,
  // not after its expiry), the tab channel. It may come while the app is still starting: it stops once started.
  let destroyRequested = false;
  let stopAll = () => {
    destroyRequested = true;
  };
  const offDestroy = zaf.onWillDestroy(() => stopAll());
  // Subscribe first so that a click-to-call that woke the app is not lost while the WASM compiles.
  const unsubscribe = [
    offDestroy,
    zaf.onDialout((d) => agentEvent({ type: 'dialout', ...d })),
    zaf.onVoiceError((e) => agentEvent({ type: 'talkPartnerError', ...e })),
    zaf.onPaneActivated(() => agentEvent({ type: 'paneActivated' })),
    zaf.onCallMenu((m) => agentEvent({ type: 'callMenu', ...m })),
    zaf.onRequesterNumbersWanted((w) => {
      sidebars.asked(w.replyTo);
      return agentEvent({ type: 'requesterNumbersWanted', ...w });
    }),
  ];

  let module, settings, agent, account, appId;
  try {
    [module, { settings, agent, account, appId }] = await Promise.all([
      loadAdapterModule(createModule, moduleOptions),
      zaf.registration(),
    ]);
  } catch (err) {
    for (const off of unsubscribe) off();
    throw err; // the entry file shows that the app could not start
  }
  // The connector's own problems (unknown connector, SIP settings, refused credentials), shown with the core's.
  let connectorProblems = [];
  // The requirement fields found in the account (D355): listed once, when this tab first writes; the fields not found
  // are the shim's own problems, shown with the core's.
  let fieldsFound = null;
  let fieldProblems = [];
  let registered = Promise.resolve(); // the writing term's appRegistered has gone in (at most 1.5 s, D388)
  let fieldsApplied = Promise.resolve(); // the writing term's core has the ticket fields found (D355, D388)
  let drawable = false; // the view exists (problems may be set while the connector is being built)
  const setProblems = (problems) => {
    connectorProblems = Array.isArray(problems) ? problems : [];
    if (drawable) render();
  };
  if (createConnector) {
    try {
      connector = await createConnector({ settings, agent, client, log, setProblems });
    } catch (err) {
      for (const off of unsubscribe) off();
      throw err;
    }
  }
  const t = createTranslator(dictionaries, agent.locale);
  const doc = root.ownerDocument;
  // The page speaks the agent's language (screen readers, hyphenation, the browser's translate offer).
  if (doc?.documentElement && typeof agent.locale === 'string' && agent.locale !== '')
    doc.documentElement.lang = agent.locale;
  // "Notify me of calls" is the shim's own business (attention.js), not an event of the core's.
  const view = createView(root, {
    t,
    onEvent: (event) => agentEvent(event),
    askNotifications: () => void attention.ask(),
  });
  const attention = createAttention({
    zaf,
    t,
    document: doc,
    Notification: doc?.defaultView?.Notification,
    leading: () => leading,
    redraw: () => render(),
  });
  drawable = true;
  const { lease = null, channel = null } = tabs ? tabs({ agentId: agent.id }) : {};
  tabChannel = channel;

  let term = null; // the core loop, while this tab writes
  let leading = false; // set before the loop starts: its first answers come while it is being created
  let model = null; // the view model last drawn: this tab's core's, or the leader's
  let modelEpoch = -1; // the lease epoch of the leader whose view a follower shows
  let shown = null; // what was rendered (the model with this tab's writer role)
  let takingOver = false;
  // A notice of the shim's own (the stored snapshot was not restored), shown while the core has no banner of its
  // own, until the agent dismisses it.
  let notice = null;
  const dropped = createDropCounter(); // what other tabs sent that this tab refused (tab-messages.js)
  // How long drawing takes (building the DOM; the browser lays it out after): every input is cut to a display
  // length before it reaches the page, so this stays small whatever Zendesk or a caller sends.
  /** @type {{count: number, lastMs: number, maxMs: number, recentMs: number[]}} */
  let renders = { count: 0, lastMs: 0, maxMs: 0, recentMs: [] };

  // ---- drawing ---------------------------------------------------------------------------------------------
  function render() {
    let base = withNotice(model ?? emptyView());
    // The shim's own: the requirement fields not found (requirements.js), the connector's.
    const own = [...fieldProblems, ...connectorProblems];
    if (own.length) base = { ...base, settingsProblems: [...(base.settingsProblems ?? []), ...own] };
    shown = lease ? { ...base, writer: writerOf() } : base;
    // Set by the shim, as `writer`; only where the browser has notifications at all.
    const notifications = attention.permission();
    if (notifications !== 'unsupported') shown = { ...shown, notifications };
    const started = clockMs();
    try {
      view.render(shown);
    } catch (err) {
      log.warn('[adapter] render failed:', err?.name ?? 'Error'); // still perform the effects
    }
    attention.update(shown);
    const took = clockMs() - started;
    const recentMs = [...renders.recentMs.slice(-31), took]; // the last 32
    renders = { count: renders.count + 1, lastMs: took, maxMs: Math.max(renders.maxMs, took), recentMs };
  }

  function writerOf() {
    if (leading) return { role: 'leader' };
    return takingOver ? { role: 'follower', takingOver: true } : { role: 'follower' };
  }

  function withNotice(base) {
    return notice && !base.banner ? { ...base, banner: notice } : base;
  }

  /** A view from this tab's core: drawn, and sent to the agent's other tabs. */
  function drawOwn(next) {
    model = next ?? model;
    render();
    if (!lease || !leading) return;
    modelEpoch = lease.epoch() ?? modelEpoch;
    channel?.post({ type: 'view', epoch: modelEpoch, view: withNotice(model) });
  }

  /** Dismiss closes the banner shown: the notice only when no banner of the core's covers it. */
  function dismissNotice() {
    if (!model?.banner) notice = null;
  }

  /** The stored snapshot was moved aside unrestored (persisted-state.js): the agent is told, whatever the reason. */
  function snapshotDiscarded(reason) {
    notice = { code: 'SNAPSHOT_DISCARDED', kind: 'error', params: { reason } };
  }

  // An INVALID_REQUEST (or INTERNAL) answer is shown like a core banner: {code, kind, params}; the view
  // translates ui.banner.<code>. Only the core's message goes to the view, never the event.
  function showFailure(err) {
    const isCore = err instanceof AdapterCoreError || err?.name === 'AdapterCoreError';
    log.warn('[adapter] the core refused an event:', isCore ? err.code : (err?.name ?? 'Error'));
    const banner = {
      code: isCore && err.code ? err.code : 'INTERNAL',
      kind: 'error',
      params: isCore && err.params ? { ...err.params } : { message: isCore ? String(err.message ?? '') : '' },
    };
    drawOwn({ ...(model ?? emptyView()), banner });
  }

  // ---- leading and following ---------------------------------------------------------------------------------
  function lead() {
    if (leading || stopped) return;
    takingOver = false;
    leading = true;
    fieldsFound ??= zaf.requirementFields(settings).then(
      (found) => {
        fieldProblems = found.problems;
        return found.settings;
      },
      () => settings, // no listing: the settings as given (requirementFields itself never rejects)
    );
    term = startCoreLoop({
      module,
      createSession,
      zaf,
      connector,
      storage,
      settings,
      foundSettings: fieldsFound, // appRegistered again once the account's ticket fields are listed (D388)
      agent,
      account,
      appId,
      t,
      telephonyCommands,
      timers,
      now,
      fence: () => (lease ? lease.fence() : true),
      onView: drawOwn,
      onRefused: showFailure,
      onSnapshotDiscarded: snapshotDiscarded,
      sidebarNumbers: (answer) => sidebars.deliver(answer),
      log,
    });
    registered = term.started;
    fieldsApplied = term.fieldsApplied;
    if (!leading) {
      // Fenced out while starting (another tab had just taken over): follow() ran before `term` was set.
      term.stop();
      term = null;
      return;
    }
    route = carryOut;
    for (const item of waiting.splice(0)) carryOut(item);
  }

  function follow() {
    takingOver = false;
    leading = false;
    if (term) {
      term.stop(); // its late HTTP answers and ticks are dropped: the new writer restores from the snapshot
      term = null;
    }
    route = forward;
    render();
    channel?.post({ type: 'hello' }); // the writer answers with its current view
    for (const item of waiting.splice(0)) forward(item);
  }

  function carryOut(item) {
    if (item.command !== undefined) return runCommand(item.command, item.payload);
    if (item.event?.type === 'dismissBanner') dismissNotice();
    return term.dispatchStamped(item.stamped);
  }

  /**
   * To the writing tab; kept for the next writer while there is none (it may be this tab). Leader commands are
   * never sent: the writer takes none from another tab (tab-messages.js), so one given here runs only if this tab
   * becomes the writer while it waits.
   */
  function forward(item) {
    const { owner, alive } = lease.leader();
    if (item.command !== undefined) {
      if (!alive || owner === lease.tabId) waiting.push(item);
      else log.warn('[adapter] a leader command runs only in the writing tab; ignored here:', String(item.command));
      return undefined;
    }
    if (!alive || owner === lease.tabId) {
      waiting.push(item);
      return undefined;
    }
    channel?.post({ type: 'event', to: owner, event: item.event });
    return undefined;
  }

  function runCommand(name, payload) {
    const fn = Object.hasOwn(leaderCommands, name) ? leaderCommands[name] : null;
    if (typeof fn !== 'function') return log.warn('[adapter] unknown tab command ignored:', String(name));
    try {
      fn(payload);
    } catch (err) {
      log.warn(`[adapter] tab command ${String(name)} failed:`, err?.name ?? 'Error');
    }
    return undefined;
  }

  // Another tab's messages are untrusted input (tab-messages.js): events addressed to this writer must be agent
  // actions of the closed set; commands, and any message type the channel does not have, are dropped and counted.
  function onTabMessage(msg) {
    if (stopped) return;
    if (!CHANNEL_MESSAGE_TYPES.includes(msg.type)) return dropped.drop('unknown-message');
    const mine = leading && msg.to === lease.tabId;
    if (msg.type === 'view' && !leading) {
      // Views of a writer that has since been replaced may still be on their way: never go back to them.
      if (!Number.isSafeInteger(msg.epoch) || msg.epoch < modelEpoch || !msg.view) return;
      modelEpoch = msg.epoch;
      model = msg.view;
      render();
    } else if (msg.type === 'hello' && leading) {
      if (model) channel.post({ type: 'view', epoch: modelEpoch, view: model });
    } else if (msg.type === 'event' && mine) {
      const checked = checkForwardedEvent(msg.event);
      if (!checked.ok) return dropped.drop(checked.reason);
      if (checked.event.type === 'dismissBanner') dismissNotice();
      term.dispatch(checked.event); // stamped by the writer's clock, in the order it hears them
    } else if (msg.type === 'command' && mine) {
      dropped.drop('command'); // leader commands come from this tab only
    } else if (msg.type === 'sidebarNumbers' && !leading) {
      const reason = sidebars.fromChannel(msg); // the writer's answer to a sidebar of this tab, if one asked
      if (reason) dropped.drop(reason);
    } else if (msg.type === 'lease' && msg.kind === 'takeover' && !leading) {
      for (const item of waiting.splice(0)) forward(item); // a writer again: what waited goes to it
    }
  }

  function onRole(role) {
    if (stopped) return;
    if (role === 'leader') lead();
    else if (role === 'claiming') {
      takingOver = true;
      render();
    } else follow();
  }

  // ---- start ---------------------------------------------------------------------------------------------------
  const offChannel = channel?.subscribe(onTabMessage);
  const offLease = lease?.subscribe(onRole);
  if (!lease) lead();
  else if ((await lease.start()) !== 'leader' && route !== forward) follow();

  await registered; // a writing tab has registered its core (with the ticket fields, or after at most 1.5 s)

  const handle = {
    dispatch: (event) => agentEvent(event),
    /** Runs a leader command here when this tab writes, else in the writing tab. */
    command(name, payload) {
      if (!stopped) route({ command: name, payload });
    },
    view: () => shown,
    role: () => (leading ? 'leader' : 'follower'),
    /** {count, lastMs, maxMs, recentMs: the last 32} of this tab's renders (performance.now() where there is one). */
    renderStats: () => ({ ...renders, recentMs: [...renders.recentMs] }),
    /** How many messages from other tabs this tab refused, by reason (never their content). */
    droppedTabMessages: () => dropped.counts(),
    async idle() {
      await fieldsApplied; // the ticket fields listed and given to the core (D388)
      await term?.idle();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const off of unsubscribe) off();
      attention.stop();
      offLease?.();
      offChannel?.();
      lease?.stop(); // a writing tab hands over at once
      term?.stop();
      term = null;
      leading = false;
      channel?.close();
    },
  };
  stopAll = () => handle.stop();
  if (destroyRequested) handle.stop();
  return handle;
}

/** What the view gets before any core has drawn (the very first event failed, or no writer has spoken yet). */
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
