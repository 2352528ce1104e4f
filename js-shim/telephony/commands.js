// The telephony commands the core emits as `telephony` effects (docs/adapter-protocol.md, "Effects"), each performed
// by the connector method of the same name. This is the one list: the connector interface (connector.js), the
// effect executor, the lazy and offline connectors (choose-connector.js), the simulator and the sip connector take
// it from here. tests/js/telephony-commands.test.mjs checks it against the protocol document and the core's effects.

/** Every command, in the protocol document's order. */
export const TELEPHONY_COMMAND_NAMES = Object.freeze([
  'dial',
  'answer',
  'decline',
  'hangUp',
  'hold',
  'resume',
  'mute',
  'unmute',
  'transfer',
  'sendDigits',
  'setStatus',
  'consult',
  'completeTransfer',
  'cancelConsult',
  'conference',
]);

/** The `telephony` effect's `command` → the connector method that performs it (the executor's default table). */
export const TELEPHONY_COMMANDS = Object.freeze(Object.fromEntries(TELEPHONY_COMMAND_NAMES.map((c) => [c, c])));

/**
 * A connector's command methods, checked against the list: a connector that misses a command or adds one the core
 * never sends fails when it is built, not when the agent first presses the button.
 * @template {Record<string, Function>} T
 * @param {string} connectorName  for the error message
 * @param {T} methods  command name → method
 * @returns {T}
 */
export function commandMethods(connectorName, methods) {
  const missing = TELEPHONY_COMMAND_NAMES.filter((c) => typeof methods[c] !== 'function');
  const extra = Object.keys(methods).filter((k) => !TELEPHONY_COMMAND_NAMES.includes(k));
  if (missing.length || extra.length) {
    throw new TypeError(
      `telephony connector "${connectorName}": ${[
        missing.length ? `missing ${missing.join(', ')}` : '',
        extra.length ? `not a telephony command: ${extra.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}`,
    );
  }
  return methods;
}
