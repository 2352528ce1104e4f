// Performs the effects the core returns (docs/adapter-protocol.md, "Effects"). It decides nothing: each effect
// maps to one I/O call, and results come back to the core as events through `dispatch`.
//
// Effects are *started* in order, synchronously, and never awaited one by one: a slow Zendesk request must not
// hold back the popover or a telephony command that follows it, and requests run concurrently. execute()
// returns a promise that settles when everything it started has finished (tests and the loop's handle use it).
//
// Failures are reported with console.warn and no data (bodies, numbers and notes are personal data).
//
// Fencing: only one tab per agent may write (js-shim/app/writer-lease.js). Before a batch that reaches outside
// the tab (Zendesk, the phone, the workspace, the stored snapshot) the executor asks `fence()`, which re-reads the
// lease; a tab that lost it performs none of them, so a stale writer that wakes up cannot write twice.
import { TELEPHONY_COMMANDS } from '../telephony/commands.js';
import { writePersistedState } from './persisted-state.js';
import { createTickTimer } from './tick-timer.js';

// Effects that act outside this tab. scheduleTick only arms a local timer. A sidebar's numbers are answered by the
// writing tab only, like everything else the core says to Zendesk's other locations.
const FENCED = new Set(['request', 'routeTo', 'popover', 'notify', 'telephony', 'persist', 'sidebarNumbers']);

/** What a failure may say in a log line: its class and a code like OFFLINE, never its message (it may hold data). */
function describe(err) {
  const code = typeof err?.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(err.code) ? ` ${err.code}` : '';
  return `${err?.name ?? 'Error'}${code}`;
}

/**
 * @param {object} deps
 * @param {ReturnType<import('../zaf/bridge.js').createZafBridge>} deps.zaf
 * @param {object} deps.connector          telephony connector (dial/answer/... methods returning promises)
 * @param {(event: object) => unknown} deps.dispatch  hands result events back to the loop
 * @param {(key: string, params?: object) => string} deps.t  translator
 * @param {{setItem(k: string, v: string): void}} deps.storage
 * @param {{setTimeout: Function, clearTimeout: Function}} [deps.timers]
 * @param {() => number} [deps.now]
 * @param {Record<string, string>|Map<string, string>} [deps.telephonyCommands]  effect command → method name
 * @param {{warn: Function}} [deps.log]
 * @param {string|number|null} [deps.agentId]  whose snapshot `persist` writes (persisted-state.js)
 * @param {string|null} [deps.account]  the Zendesk account (subdomain) the snapshot is bound to with the agent
 * @param {() => boolean} [deps.fence]  whether this tab may still write; asked before each batch that does
 * @param {(answer: import('../core/protocol.js').SidebarNumbersEffect) => unknown} [deps.sidebarNumbers]  hands a
 *   ticket sidebar its requester's numbers (top-bar.js: to the sidebar in this tab, or through the tab channel to
 *   the tab it asked from); by default triggered on the instance through this tab's ZAF client
 */
export function createEffectExecutor({
  zaf,
  connector,
  dispatch,
  t,
  storage,
  // Wrapped, not copied: a browser's setTimeout called as a method of another object throws "Illegal invocation"
  // (node does not mind, which is why only the browser tests caught it).
  timers = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (id) => globalThis.clearTimeout(id) },
  now = Date.now,
  telephonyCommands = TELEPHONY_COMMANDS,
  log = console,
  agentId = null,
  account = null,
  fence = () => true,
  sidebarNumbers = (answer) => zaf.sendSidebarNumbers(answer),
}) {
  const tickTimer = createTickTimer({ timers, now, onTick: () => dispatch({ type: 'tick' }) });

  /** Wraps a possibly-async call so a rejection is reported, never thrown. */
  function guarded(label, fn) {
    try {
      return Promise.resolve(fn()).then(
        () => undefined,
        (err) => log.warn(`[adapter] ${label} failed:`, describe(err)),
      );
    } catch (err) {
      log.warn(`[adapter] ${label} failed:`, describe(err));
      return undefined;
    }
  }

  const handlers = {
    // zaf.request resolves (never rejects) to {requestId, status, body, retryAfterSec}.
    request: (e) =>
      zaf
        .request(e)
        .then((response) => dispatch({ type: 'httpResponse', ...response }))
        .catch((err) => log.warn('[adapter] request result could not be dispatched:', err?.name ?? 'Error')),
    routeTo: (e) => guarded('routeTo', () => zaf.routeTo(e.target, e.id)),
    popover: () => guarded('popover', () => zaf.showPopover()),
    notify: (e) => guarded('notify', () => zaf.notify(t(`ui.notify.${e.code}`, e.params ?? {}), e.kind)),
    telephony: (e) => {
      const method = commandMethod(telephonyCommands, e.command);
      if (!method || typeof connector?.[method] !== 'function') {
        log.warn('[adapter] unknown telephony command:', String(e.command));
        return undefined;
      }
      const { type, command, ...args } = e; // {callId, number, extension, target, digits} as the core gave them
      // A refused command goes back to the core: a dial the connector refuses must end the attempt (nothing is
      // written for a call that did not happen), and the agent is told why.
      const refused = (err) => {
        log.warn(`[adapter] telephony ${method} failed:`, describe(err));
        return dispatch({ type: 'telephonyFailed', callId: e.callId, command: e.command, code: errorCode(err) });
      };
      try {
        return Promise.resolve(connector[method](args))
          .then(() => undefined, refused)
          .catch(() => undefined);
      } catch (err) {
        return Promise.resolve()
          .then(() => refused(err))
          .catch(() => undefined);
      }
    },
    scheduleTick: (e) => {
      tickTimer.schedule(e.atMs);
      return undefined;
    },
    sidebarNumbers: (e) => guarded('sidebarNumbers', () => sidebarNumbers(e)),
    persist: (e) => {
      writePersistedState(storage, e.state, log, agentId, account);
      return undefined;
    },
  };

  function allowed() {
    let ok = false;
    try {
      ok = fence() === true;
    } catch (err) {
      log.warn('[adapter] writer check failed:', err?.name ?? 'Error');
    }
    if (!ok) log.warn('[adapter] another tab writes for this agent now; effects not performed');
    return ok;
  }

  return {
    /** Starts every effect in order; resolves when all started work has settled. Never rejects. */
    execute(effects) {
      const started = [];
      const list = Array.isArray(effects) ? effects : [];
      if (list.some((e) => FENCED.has(e?.type)) && !allowed()) return Promise.resolve();
      for (const effect of list) {
        const handler = Object.hasOwn(handlers, effect?.type) ? handlers[effect.type] : null;
        if (!handler) {
          log.warn('[adapter] unknown effect type ignored:', String(effect?.type));
          continue;
        }
        try {
          const pending = handler(effect);
          if (pending) started.push(pending);
        } catch (err) {
          log.warn(`[adapter] ${effect.type} effect failed:`, err?.name ?? 'Error');
        }
      }
      return Promise.all(started).then(() => undefined);
    },

    /** Cancels the pending tick (the app is going away). */
    stop() {
      tickTimer.cancel();
    },
  };
}

/** The connector's error code (TelephonyError codes such as OFFLINE), or ERROR; never its message (it may hold data). */
function errorCode(err) {
  return typeof err?.code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(err.code) ? err.code : 'ERROR';
}

function commandMethod(commands, command) {
  if (commands instanceof Map) return commands.get(command);
  return commands && Object.hasOwn(commands, command) ? commands[command] : undefined;
}
