// What another tab may ask the writing tab to do: the closed set.
//
// A BroadcastChannel has no sender identity: any script running on the app's origin (another Zendesk tab's copy of
// this app, or anything injected into one) can post on the agent's channel. So the writer treats every forwarded
// event as untrusted input. It accepts only what a follower legitimately sends: the agent's own actions, as the
// view emits them on a click or a keystroke (docs/adapter-protocol.md "Agent actions"), and the ZAF events a
// follower's Zendesk hands it for the agent (click-to-call, the pane shown again, the ticket's Call menu and its
// ask for the requester's numbers). Each
// is checked against its shape here — its type, no field it does not have, each value's type and size — and then
// meets the core's own input checks like any event (a refused event changes nothing).
//
// Everything else from another tab — the connector's events (a ringing call, a hang-up), HTTP answers, ticks,
// restore, registration, leader commands, unknown types — is dropped: those only ever come from the writer's own
// I/O. Drops are counted by reason, never logged with their content (forwarded events hold callers' numbers and
// notes).
//
// The one answer that goes the other way besides the view: the writer's answer to a ticket sidebar of another tab
// (`sidebarNumbers`, the requester's phone numbers). ZAF delivers instance events only within one Zendesk tab, so
// the writer posts it on the channel and the tab whose sidebar asked hands it on; it too is checked here.

/** The longest text an agent action carries from another tab (UTF-16 units; the core cuts to its own budgets). */
export const MAX_NUMBER_TEXT = 1024; // the number box, the ticket-ID box, a transfer target (the core keeps 256 bytes)
export const MAX_NOTE_TEXT = 60_000; // the call note (the textarea's maxlength; the core keeps 60,000 bytes)
const MAX_ID_TEXT = 64;
export const MAX_GUID_TEXT = 128; // a ZAF instance guid (36 characters); the core takes at most 128 bytes
export const MAX_SIDEBAR_NUMBERS = 50; // as many as the core sends

const id = (v) =>
  (Number.isSafeInteger(v) && v >= 0) || (typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_TEXT);
const nullable = (check) => (v) => v === null || check(v);
const text = (max) => (v) => typeof v === 'string' && v.length <= max;
const bool = (v) => typeof v === 'boolean';
const ticketChoice = (v) => v === 'new' || v === 'none' || id(v);

/** type → {field: check}; an event may carry exactly these fields besides `type` (each may be absent). */
export const FORWARDABLE_EVENTS = Object.freeze({
  // ZAF, as the follower's bridge reports it (zaf/bridge.js)
  dialout: { number: nullable(text(MAX_NUMBER_TEXT)), userId: nullable(id), ticketId: nullable(id) },
  paneActivated: {},
  talkPartnerError: { code: nullable(text(64)) },
  callMenu: { ticketId: nullable(id), number: nullable(text(MAX_NUMBER_TEXT)) },
  requesterNumbersWanted: { ticketId: id, requesterId: id, replyTo: text(MAX_GUID_TEXT) },
  // the view (view/render.js and view/screens/*)
  openDialPad: {},
  numberChanged: { text: text(MAX_NUMBER_TEXT) },
  lookUpNumber: {},
  contactChosen: { contactId: id },
  ticketChosen: { value: ticketChoice },
  useEnteredNumberChanged: { checked: bool },
  ticketIdChanged: { text: text(MAX_NUMBER_TEXT) },
  callClicked: {},
  cancelClicked: {},
  answerClicked: {},
  declineClicked: {},
  hangUpClicked: {},
  callBackClicked: {},
  holdClicked: {},
  muteClicked: {},
  transferClicked: { target: text(MAX_NUMBER_TEXT) },
  noteChanged: { text: text(MAX_NOTE_TEXT) },
  wrapUpDone: {},
  retryWrites: {},
  retryWrite: { key: text(256) },
  discardWrite: { key: text(256) },
  retryLookups: {},
  answerWaitingClicked: { callId: text(256) },
  declineWaitingClicked: { callId: text(256) },
  switchCallClicked: { callId: text(256) },
  dismissBanner: {},
  // the agent's console (issue 18): the status chooser and the home screen's recent calls
  agentStatusChosen: { status: (v) => v === 'available' || v === 'away' },
  recentCallClicked: {
    callId: text(256),
    action: (v) => v === 'callBack' || v === 'openTicket' || v === 'handled',
  },
  // issue 18 (D370): the keypad of a connected call, the wrap-up code, the call's ticket opened
  digitsPressed: { digits: (v) => typeof v === 'string' && /^[0-9*#]{1,32}$/.test(v) },
  wrapUpCodeChosen: { code: text(100) },
  openTicketClicked: { ticketId: id },
  // issue 18 (D342, D343): the consult (warm) transfer and the conference
  consultClicked: { target: text(128) },
  transferDirectoryOpened: {}, // the shim's own (D432): the writer asks its connector, the core never sees it
  consultCompleteClicked: {},
  consultCancelClicked: {},
  conferenceClicked: {},
});

/**
 * Checks an event another tab forwarded.
 * @param {unknown} event
 * @returns {{ok: true, event: object} | {ok: false, reason: string}}  ok: a fresh object with only the known fields
 *   (nothing of the sender's object — prototype, getters — goes further); otherwise why it was dropped:
 *   `not-an-event`, `not-an-agent-action` (a known protocol event only the writer's own I/O may produce, or an
 *   unknown type), `unknown-field`, `bad-value`
 */
export function checkForwardedEvent(event) {
  if (!isPlainObject(event) || typeof event.type !== 'string') return { ok: false, reason: 'not-an-event' };
  const shape = Object.hasOwn(FORWARDABLE_EVENTS, event.type) ? FORWARDABLE_EVENTS[event.type] : null;
  if (!shape) return { ok: false, reason: 'not-an-agent-action' };
  const clean = { type: event.type };
  for (const [name, value] of Object.entries(event)) {
    if (name === 'type') continue;
    if (!Object.hasOwn(shape, name)) return { ok: false, reason: 'unknown-field' };
    if (!shape[name](value)) return { ok: false, reason: 'bad-value' };
    clean[name] = value;
  }
  return { ok: true, event: clean };
}

/**
 * Checks the writer's answer to a ticket sidebar, as a tab other than the writer receives it:
 * {type: 'sidebarNumbers', to, ticketId, requesterId, numbers, state}.
 * @param {unknown} msg
 * @returns {{ok: true, answer: {to: string, ticketId: number|string, requesterId: number|string, numbers: string[],
 *   state: 'loaded'|'failed'}} | {ok: false, reason: string}}  a fresh answer, or why it was dropped (`bad-value`)
 */
export function checkSidebarNumbers(msg) {
  const m = isPlainObject(msg) ? msg : {};
  const numbers = Array.isArray(m.numbers) ? m.numbers : null;
  const ok =
    text(MAX_GUID_TEXT)(m.to) &&
    id(m.ticketId) &&
    id(m.requesterId) &&
    (m.state === 'loaded' || m.state === 'failed') &&
    numbers !== null &&
    numbers.length <= MAX_SIDEBAR_NUMBERS &&
    numbers.every(text(MAX_NUMBER_TEXT));
  if (!ok) return { ok: false, reason: 'bad-value' };
  const { to, ticketId, requesterId, state } = m;
  return { ok: true, answer: { to, ticketId, requesterId, numbers: [...numbers], state } };
}

/** The message types of the agent's tab channel (tab-channel.js); anything else is dropped as `unknown-message`. */
export const CHANNEL_MESSAGE_TYPES = Object.freeze(['lease', 'view', 'hello', 'event', 'command', 'sidebarNumbers']);

/**
 * Counts what the writer dropped, by reason; read-only outside (debug: window.adapterTopBar.droppedTabMessages()).
 * @returns {{drop(reason: string): void, counts(): Record<string, number>}}
 */
export function createDropCounter() {
  const counts = new Map();
  return {
    drop(reason) {
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    },
    counts: () => Object.fromEntries(counts),
  };
}

/** @returns {v is Record<string, any>} */
function isPlainObject(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
