// Text handed to the core is made well-formed first: one bad record must not take the console down.
//
// Why: a JavaScript string may hold an unpaired UTF-16 surrogate (a customer name cut in the middle of an emoji by
// some other system, a caller attribute, a pasted note). JSON.stringify writes such a surrogate as the escape
// "\udXXX"; the core's JSON parser (nlohmann) refuses that escape, so the WHOLE event was refused as "malformed
// JSON" — the Zendesk answer carrying the name was dropped, its lookup never finished and the call, the Call menu
// and the abandoned-call record waiting on it failed with it. A lone surrogate cannot be UTF-8 at all, so it
// becomes U+FFFD (the replacement character), as TextEncoder and String.prototype.toWellFormed do; keys and values
// alike, wherever they sit in the event.
//
// Fast path: since ES2019, JSON.stringify writes a well-formed surrogate pair as the raw characters and only a lone
// surrogate as a "\ud800"…"\udfff" escape, so JSON text without "\ud" needs no work. With it, the escapes are
// rewritten in the text, never the object walked. "\ud" may also be an escaped backslash followed by the letters
// "ud800" (the string `\ud800`): backslash pairs are consumed first, left to right, so only a real escape matches.

/** A backslash pair (an escaped backslash), or the escape of a lone surrogate: JSON.stringify writes lower case. */
const BACKSLASH_PAIR_OR_SURROGATE_ESCAPE = /\\\\|\\ud[89a-f][0-9a-f]{2}/g;
const REPLACEMENT_ESCAPE = '\\ufffd';

/**
 * JSON text of `value` that the core's parser accepts: lone surrogates (in keys and string values) are U+FFFD.
 * @param {unknown} value
 * @returns {string|undefined} undefined where JSON.stringify gives undefined
 */
export function toCoreJson(value) {
  const text = JSON.stringify(value);
  if (typeof text !== 'string' || !text.includes('\\ud')) return text;
  return text.replace(BACKSLASH_PAIR_OR_SURROGATE_ESCAPE, (m) => (m.length === 2 ? m : REPLACEMENT_ESCAPE));
}

// A surrogate pair, or else one half alone; left to right, so a half that is part of a pair is never taken alone.
// Only for engines without String.prototype.toWellFormed (before Chrome 111, Safari 16.4); no lookbehind, which
// Safari before 16.4 cannot even parse.
const PAIR_OR_LONE_SURROGATE = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/**
 * The string with every lone surrogate replaced by U+FFFD. For raw text given to the module: Emscripten's string
 * conversion would pair a lone surrogate with whatever code unit follows it (a closing quote included).
 * @param {string} text
 * @returns {string}
 */
export function wellFormedText(text) {
  if (typeof text !== 'string') return text;
  return typeof text.toWellFormed === 'function'
    ? text.toWellFormed()
    : text.replace(PAIR_OR_LONE_SURROGATE, (m) => (m.length === 2 ? m : '\ufffd'));
}
