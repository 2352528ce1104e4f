// The caller data of an inbound INVITE (callRinging fields) and the callEnded reason of a SIP outcome. Pure
// functions of what JsSIP hands the connector, so each mapping is pinned by a test without a network.
//
// Everything read from SIP is caller data: it stays data (strings, never markup), is cut to a fixed size, and
// attribute objects are built so that a "__proto__" key is an ordinary key.

export const SESSION_TYPES = ['ivr', 'inbound_app', 'inbound_web', 'scheduled_app', 'scheduled_web', 'voicemail'];
export const MAX_TEXT = 256; // ani, dnis, language, queue id/name
export const MAX_MENU_PATH = 1024;
export const MAX_ATTRIBUTES = 64;
export const MAX_ATTRIBUTE_KEY = 128;
export const MAX_ATTRIBUTE_VALUE = 1024;

/** A string cut to `max` code points, control characters removed (a header value may carry anything). */
export function capped(value, max = MAX_TEXT) {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return [...value.replace(/[\u0000-\u001f\u007f]/g, '')].slice(0, max).join('');
}

/** The user part of a SIP/tel URI inside a header value (`"Ann" <sip:+1415@host>;tag=1`, `<tel:+1415;x=1>`). */
export function uriUser(headerValue) {
  if (typeof headerValue !== 'string') return '';
  const inAngles = /<([^>]*)>/.exec(headerValue);
  const uri = (inAngles ? inAngles[1] : headerValue.split(';')[0]).trim();
  const m = /^(?:sips?:([^@;?>]*)@|tel:([^;?>]*))/i.exec(uri);
  const user = m ? (m[1] ?? m[2]) : '';
  try {
    return decodeURIComponent(user);
  } catch {
    return user; // a stray '%' stays as written
  }
}

/**
 * The header lines of a raw SIP message, names as written. JsSIP's own header map "headerizes" names
 * (`X-Attr-reserved_verified_customer` → `X-Attr-Reserved-Verified-Customer`), which would change attribute keys.
 * @param {string} raw
 * @returns {[string, string][]}
 */
export function rawHeaders(raw) {
  if (typeof raw !== 'string') return [];
  const head = raw
    .split(/\r?\n\r?\n/, 1)[0]
    .split(/\r?\n/)
    .slice(1); // without the request line
  /** @type {[string, string][]} */
  const out = [];
  for (const line of head) {
    if (/^[ \t]/.test(line) && out.length > 0)
      out[out.length - 1][1] += ` ${line.trim()}`; // folded line
    else {
      const colon = line.indexOf(':');
      if (colon > 0) out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return out;
}

/**
 * The callRinging event of an INVITE offered to this agent.
 * - ani: P-Asserted-Identity's user part (set by the SIP edge), else the From user part;
 * - dnis: the request URI's user part;
 * - queue, menuPath, language, sessionType, attributes: from the headers named by sipHeaders
 *   (`<attributePrefix><key>: value` → attributes[key]; "true"/"false" become booleans).
 * @param {{getHeader(name: string): string|undefined, from?: {uri?: {user?: string}}, ruri?: {user?: string},
 *   data?: string}} request  JsSIP's IncomingRequest
 * @param {string} callId
 * @param {typeof import('./settings.js').DEFAULT_SIP_HEADERS} names
 */
export function ringingFromInvite(request, callId, names) {
  const header = (name) => {
    const v = request.getHeader?.(name);
    return typeof v === 'string' ? v.trim() : '';
  };
  const pai = uriUser(header('P-Asserted-Identity'));
  const from = capped(pai || String(request.from?.uri?.user ?? ''));
  // A consult call (D342): the agent who consults names the caller; the target sees that caller, and who asks.
  const consultCaller = names.consultCaller ? header(names.consultCaller) : '';
  const consult = /^\+?[0-9]{3,32}$/.test(consultCaller);
  const ani = consult ? consultCaller : from;
  const dnis = capped(String(request.ruri?.user ?? ''));
  const queueId = capped(header(names.queueId));
  const queueName = capped(header(names.queueName));
  const queue = queueId || queueName ? { id: queueId || queueName, name: queueName } : null;
  const type = header(names.sessionType).toLowerCase();
  return {
    type: 'callRinging',
    callId,
    ani,
    dnis,
    sessionType: SESSION_TYPES.includes(type) ? type : 'ivr',
    menuPath: capped(header(names.menuPath), MAX_MENU_PATH),
    queue,
    language: capped(header(names.language)),
    attributes: consult
      ? { ...attributesOf(request, names.attributePrefix), consultedBy: from }
      : attributesOf(request, names.attributePrefix),
    // An internal call until the caller is transferred onto it (D430): nothing is written for it before that.
    ...(consult ? { consult: true } : {}),
  };
}

function attributesOf(request, prefix) {
  const lower = prefix.toLowerCase();
  const entries = [];
  for (const [name, value] of rawHeaders(request.data)) {
    if (entries.length >= MAX_ATTRIBUTES) break;
    if (name.length <= prefix.length || name.slice(0, prefix.length).toLowerCase() !== lower) continue;
    const key = capped(name.slice(prefix.length), MAX_ATTRIBUTE_KEY);
    const text = capped(value, MAX_ATTRIBUTE_VALUE);
    entries.push([key, text === 'true' ? true : text === 'false' ? false : text]);
  }
  // Object.fromEntries defines own properties, so "__proto__" is a key like any other; the JSON round trip
  // gives the core plain JSON.
  return JSON.parse(JSON.stringify(Object.fromEntries(entries)));
}

// JsSIP's causes (lib/Constants.js `causes`), by value.
const CAUSE = {
  BYE: 'Terminated',
  CANCELED: 'Canceled',
  REJECTED: 'Rejected',
  BUSY: 'Busy',
  UNAVAILABLE: 'Unavailable',
  NO_ANSWER: 'No Answer',
};
const CALLEE_DID_NOT_ANSWER = new Set([CAUSE.BUSY, CAUSE.UNAVAILABLE, CAUSE.REJECTED, CAUSE.NO_ANSWER]);

/**
 * The callEnded reason of a JsSIP `ended` / `failed` event (docs/telephony.md, "callEnded").
 * @param {object} o
 * @param {'inbound'|'outbound'} o.direction
 * @param {boolean} o.connected      the call had been answered
 * @param {string} o.sessionType     the callRinging sessionType (inbound)
 * @param {'local'|'remote'|'system'} o.originator
 * @param {string} o.cause           JsSIP cause (`Terminated`, `Canceled`, `Busy`…)
 * @param {number|null} [o.status]   the SIP status of the final response, when one ended the call
 * @param {boolean} [o.transportLost] the WebSocket went away with the call
 * @returns {'completed'|'abandoned'|'voicemail'|'no_answer'|'failed'}
 */
export function endReason({
  direction,
  connected,
  sessionType,
  originator,
  cause,
  status = null,
  transportLost = false,
}) {
  if (transportLost) return 'failed';
  if (connected) return cause === CAUSE.BYE ? 'completed' : 'failed';
  if (direction === 'inbound') {
    // The caller hung up before anyone answered: abandoned (TR-6), or a message left when the backend said so.
    if (originator === 'remote' && cause === CAUSE.CANCELED)
      return sessionType === 'voicemail' ? 'voicemail' : 'abandoned';
    // The agent declined or let it ring out (JsSIP's no-answer timer).
    if (originator === 'local' && (cause === CAUSE.REJECTED || cause === CAUSE.NO_ANSWER || cause === CAUSE.CANCELED))
      return 'abandoned';
    return 'failed';
  }
  if (originator === 'local' && cause === CAUSE.CANCELED) return 'no_answer'; // the agent cancelled while dialing
  if (originator === 'remote' && (CALLEE_DID_NOT_ANSWER.has(cause) || status === 487)) return 'no_answer';
  return 'failed';
}
