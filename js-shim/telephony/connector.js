// The seam between the adapter and a contact-center backend. Every connector (the embedded simulator, an http/
// WebSocket connector for a real platform) implements this one interface, so the shim and the core never know
// which backend they talk to. docs/telephony.md is the guide for writing one.

/**
 * A telephony event, as a connector hands it to `emit` (no `nowMs`: the shim stamps it with its own clock).
 * The types and fields are the "Telephony" table of docs/adapter-protocol.md:
 * @typedef {(
 *   {type: 'connectorState', state: 'online'|'offline'} |
 *   {type: 'callRinging', callId: string|number, ani: string, dnis: string, sessionType: string, menuPath: string,
 *     queue: {id: string|number, name: string}|null, language: string, attributes: object} |
 *   {type: 'callDialing', callId: string|number, line?: string} |
 *   {type: 'callConnected', callId: string|number} |
 *   {type: 'callAttributes', callId: string|number, attributes: object} |
 *   {type: 'callHoldChanged', callId: string|number, held: boolean} |
 *   {type: 'callMuteChanged', callId: string|number, muted: boolean} |
 *   {type: 'callTransferred', callId: string|number, toAgentId: number|null,
 *     durationSec?: number, waitSec?: number, holdSec?: number} |
 *   {type: 'callEnded', callId: string|number, reason: 'completed'|'abandoned'|'voicemail'|'no_answer'|'failed',
 *     durationSec: number, waitSec: number, holdSec: number, recordingUrl: string|null, recordingBytes: number} |
 *   {type: 'consultChanged', callId: string|number, state: 'dialing'|'connected'|'conference'|'ended'}
 * )} TelephonyEvent
 */

/**
 * What every connector implements. Every method returns a Promise; a command the backend cannot carry out
 * (unknown or ended call, wrong state, offline) rejects with a TelephonyError rather than throwing.
 * @typedef {object} TelephonyConnector
 * @property {string} name  shown in the view (`connector.name`) and matched against the `telephonyConnector` setting
 * @property {(emit: (event: TelephonyEvent) => void) => Promise<void>} start  begin delivering events, in order
 * @property {() => Promise<void>} stop  stop delivering events and release timers/sockets
 * @property {(a: {callId: string, number: string, extension?: string}) => Promise<void>} dial
 *   outbound call; `callId` is chosen by the adapter, so later events can name it. `extension` is informative:
 *   the adapter itself sends it with `sendDigits` once the call is connected.
 * @property {(a: {callId: string}) => Promise<void>} answer
 * @property {(a: {callId: string}) => Promise<void>} decline
 * @property {(a: {callId: string}) => Promise<void>} hangUp
 * @property {(a: {callId: string}) => Promise<void>} hold
 * @property {(a: {callId: string}) => Promise<void>} resume
 * @property {(a: {callId: string}) => Promise<void>} mute
 * @property {(a: {callId: string}) => Promise<void>} unmute
 * @property {(a: {callId: string, target: string}) => Promise<void>} transfer
 * @property {(a: {callId: string, digits: string}) => Promise<void>} sendDigits
 * @property {(a: {callId: string, status: 'available'|'away'}) => Promise<void>} setStatus  the agent's status
 *   (callId is ""); a backend with routing stops offering calls while away
 * @property {(a: {callId: string, target: string}) => Promise<void>} consult  hold the caller, call the target
 *   (consultChanged follows; D342)
 * @property {(a: {callId: string}) => Promise<void>} completeTransfer  the caller joins the target and leaves
 *   this agent (callTransferred follows)
 * @property {(a: {callId: string}) => Promise<void>} cancelConsult  hang up the consult leg, resume the caller
 * @property {(a: {callId: string}) => Promise<void>} conference  the caller, the agent and the target together
 *   (a connector that cannot reports `conference: false` in its directory and rejects it)
 * @property {() => Promise<TransferDirectory|null>} [directory]  optional (D341): the agents with their availability,
 *   the queues' logged-in agents and what the connector can do; the shim asks when a call connects and hands it to
 *   the core as the event `transferDirectory`
 */

/**
 * @typedef {{agents: {id: string|number, name: string, availability: 'available'|'away'|'busy'|'wrapUp'|'offline'|'unknown'}[],
 *   queues: {id: number, loggedInAgents: number}[], consult: boolean, conference: boolean}} TransferDirectory
 */

// The adapter's `telephony` effect `command` → the connector method that performs it: the one list lives in
// commands.js. The shim's effect executor (js-shim/effects/executor.js) calls that method with the effect's other
// fields ({callId, number, ...}).
export { TELEPHONY_COMMANDS } from './commands.js';
import { TELEPHONY_COMMAND_NAMES } from './commands.js';

/** Event type → its fields besides `type` (docs/adapter-protocol.md, "Telephony"); callTransferred's timings are
 *  optional (the core times the call itself without them), the simulator sends them; so is callDialing's `line`, the
 *  number the call goes out on (the caller id the customer sees; TPE's call record needs it, D391). */
export const TELEPHONY_EVENTS = Object.freeze({
  connectorState: ['state'],
  callRinging: ['callId', 'ani', 'dnis', 'sessionType', 'menuPath', 'queue', 'language', 'attributes'],
  callDialing: ['callId', 'line'],
  callConnected: ['callId'],
  callAttributes: ['callId', 'attributes'],
  callHoldChanged: ['callId', 'held'],
  callMuteChanged: ['callId', 'muted'],
  callTransferred: ['callId', 'toAgentId', 'durationSec', 'waitSec', 'holdSec'],
  callEnded: ['callId', 'reason', 'durationSec', 'waitSec', 'holdSec', 'recordingUrl', 'recordingBytes'],
  consultChanged: ['callId', 'state'],
});

export const CONNECTOR_METHODS = Object.freeze(['start', 'stop', ...TELEPHONY_COMMAND_NAMES]);

/** A command the connector refused; `code` lets the shim tell the agent why without parsing messages. */
export class TelephonyError extends Error {
  /**
   * @param {'NOT_STARTED'|'OFFLINE'|'UNKNOWN_CALL'|'CALL_ENDED'|'WRONG_STATE'|'BAD_ARGUMENT'|'UNKNOWN_COMMAND'|string} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'TelephonyError';
    this.code = code;
  }
}

/**
 * Throws a TypeError naming the first thing a connector lacks; returns the connector otherwise.
 * Called once when the shim picks a connector, so a half-written backend fails at start, not mid-call.
 * @template T
 * @param {T & {name?: unknown}} obj
 * @returns {T}
 */
export function assertConnector(obj) {
  if (obj === null || typeof obj !== 'object') {
    throw new TypeError(`a telephony connector must be an object, got ${obj === null ? 'null' : typeof obj}`);
  }
  if (typeof obj.name !== 'string' || obj.name === '') {
    throw new TypeError('telephony connector has no name (a non-empty string)');
  }
  for (const method of CONNECTOR_METHODS) {
    if (typeof obj[method] !== 'function') {
      throw new TypeError(`telephony connector "${obj.name}" is missing method ${method}()`);
    }
  }
  return obj;
}
