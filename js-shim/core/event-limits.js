// How large an event may be when the shim hands it to the core (UTF-8 bytes of its JSON text). Everything the
// core reads comes from outside: Zendesk's answers, the phone system, stored state, the agent's typing. An event
// over its limit is refused before the core parses it, with a structured error (code EVENT_TOO_LARGE), so that a
// huge input costs neither the parse nor the core's memory; the loop then handles it like any refused event (a
// refused httpResponse goes in again as a failed request, a refused restore is kept aside).

const KIB = 1024;
const MIB = 1024 * KIB;

/** Bytes per event type; any type not named here gets DEFAULT_EVENT_BYTES. */
export const EVENT_BYTE_LIMITS = Object.freeze({
  httpResponse: 32 * MIB, // the core's own limit for a Zendesk answer (a search page of 100 full records fits)
  restore: 8 * MIB, // more than a browser's whole localStorage (about 5 M characters per origin)
  appRegistered: 1 * MIB, // the app's settings, JSON settings included
});
/** Agent actions (a call note of 60,000 characters, escaped), connector events, ticks, ZAF events. */
export const DEFAULT_EVENT_BYTES = 512 * KIB;

export const limitOf = (type) =>
  Object.hasOwn(EVENT_BYTE_LIMITS, type) ? EVENT_BYTE_LIMITS[type] : DEFAULT_EVENT_BYTES;

/**
 * @param {string} type   the event's type
 * @param {string} json   its JSON text as it would cross
 * @returns {null|{code: 'EVENT_TOO_LARGE', message: string, path: string, params: {type: string, bytes: number, limit: number}}}
 *   null when it fits
 */
export function eventSizeProblem(type, json) {
  const limit = limitOf(type);
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: most texts are decided without encoding them.
  if (json.length * 3 <= limit) return null;
  const bytes = json.length > limit ? json.length : new TextEncoder().encode(json).length;
  if (bytes <= limit) return null;
  const shown = json.length > limit ? `more than ${limit}` : String(bytes);
  return {
    code: 'EVENT_TOO_LARGE',
    message: `the ${String(type).slice(0, 40)} event is ${shown} bytes of JSON; at most ${limit} are accepted`,
    path: '/',
    params: { type: String(type).slice(0, 40), bytes, limit },
  };
}
