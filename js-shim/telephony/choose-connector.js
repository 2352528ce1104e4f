// Which connector the top bar runs, from the telephonyConnector setting: `sip` (the default), `simulator` only
// when chosen explicitly (a demo must never run on a real account by accident), anything else an offline
// connector and a problem the agent and admin see, never the simulator. Both real connectors are files of their own
// that the top bar imports only when chosen: the production entry carries neither JsSIP nor the demo simulator.
import { TELEPHONY_COMMAND_NAMES } from './commands.js';
import { TelephonyError } from './connector.js';
import { createEventOutbox } from './event-outbox.js';

/**
 * @param {object} o
 * @param {Record<string, unknown>} o.settings
 * @param {() => Promise<object>} o.loadSip           imports ./sip/load.js (a separate chunk)
 * @param {(loaded: object) => object} o.createSip    builds the sip connector from the loaded module
 * @param {() => Promise<object>} o.loadSimulator     imports ./simulator/load.js (a separate chunk)
 * @param {(loaded: object) => object} o.createSimulator  builds the simulator (and its sandbox controls) from it
 * @returns {Promise<{name: string, connector: object, problems: object[]}>}
 */
export async function chooseConnector({ settings, loadSip, createSip, loadSimulator, createSimulator }) {
  const raw = settings?.telephonyConnector;
  const name = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : 'sip';
  if (name === 'simulator') {
    return { name, connector: lazyConnector(name, async () => createSimulator(await loadSimulator())), problems: [] };
  }
  if (name === 'sip')
    return { name, connector: lazyConnector(name, async () => createSip(await loadSip())), problems: [] };
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  return {
    name: 'none',
    connector: offlineConnector('CONNECTOR_UNKNOWN'),
    problems: [
      {
        setting: 'telephonyConnector',
        code: 'CONNECTOR_UNKNOWN',
        message: `"${shown}" is not a connector; expected sip or simulator`,
      },
    ],
  };
}

/**
 * A connector built on first use: the top bar draws and its core runs while the connector's code (the sip
 * connector's JsSIP chunk, ~270 KB, or the simulator's) is still loading, so the idle top bar starts as fast as
 * without it. start() and every command wait for it; a chunk that cannot load leaves the connector offline and
 * commands refused with CONNECTOR_UNAVAILABLE. `current()` is the real connector once built (null before);
 * `loaded()` resolves with it once built (and rejects when it cannot be).
 * @param {string} name
 * @param {() => Promise<object>} build
 */
export function lazyConnector(name, build) {
  let real = null;
  let failed = null;
  let loading = null;
  const load = () =>
    (loading ??= build().then(
      (c) => (real = c),
      (err) => {
        failed = err;
        throw new TelephonyError('CONNECTOR_UNAVAILABLE', 'the telephony connector could not be loaded');
      },
    ));
  let fallback = null; // the offline stand-in once loading failed
  return {
    name,
    current: () => real,
    loaded: load,
    start(emit) {
      return load().then(
        (c) => c.start(emit),
        () => {
          fallback = offlineConnector('CONNECTOR_UNAVAILABLE');
          return fallback.start(emit);
        },
      );
    },
    stop() {
      if (real) return real.stop();
      if (fallback) return fallback.stop();
      return loading
        ? loading.then(
            (c) => c.stop(),
            () => undefined,
          )
        : Promise.resolve();
    },
    ...Object.fromEntries(TELEPHONY_COMMAND_NAMES.map((m) => [m, (args) => load().then((c) => c[m](args))])),
    // The transfer directory (D341), where the loaded connector has one; null otherwise.
    directory: () => load().then((c) => (typeof c.directory === 'function' ? c.directory() : null)),
    // The consult legs it still has after a reload (D431): none where it cannot say.
    consults: () =>
      load().then(
        (c) => (typeof c.consults === 'function' ? c.consults() : []),
        () => [],
      ),
    // The agent's state as the view shows it, for a backend's presence (D434), where the loaded connector tells one.
    presence: (state) => load().then((c) => (typeof c.presence === 'function' ? c.presence(state) : undefined)),
    failure: () => failed,
  };
}

/** A connector that stays offline and refuses every command with `code`. */
export function offlineConnector(code) {
  const outbox = createEventOutbox();
  const refuse = () => Promise.reject(new TelephonyError(code, 'no telephony connector is configured'));
  return {
    name: 'none',
    start(emit) {
      outbox.attach(emit);
      outbox.setOnline(false);
      return Promise.resolve();
    },
    stop() {
      outbox.detach();
      return Promise.resolve();
    },
    ...Object.fromEntries(TELEPHONY_COMMAND_NAMES.map((m) => [m, refuse])),
  };
}
