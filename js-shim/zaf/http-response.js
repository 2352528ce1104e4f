// Turns what ZAF's client.request settles with into the protocol's httpResponse fields
// (docs/adapter-protocol.md, "I/O results"). Pure: the clock is a parameter, so Retry-After dates are testable.
//
// With httpCompleteResponse: true the SDK resolves with {responseJSON, responseText, status, headers} and
// rejects with a jQuery-like xhr {status, statusText, responseJSON, responseText, getResponseHeader?}. The xhr
// crosses a postMessage boundary as JSON, so getResponseHeader may be missing and headers may be an object or
// the raw header text; every shape is read defensively. Nothing here logs: bodies and headers may carry
// personal data.

const MAX_RETRY_AFTER_SEC = 24 * 3600; // the core refuses larger values (adapter.cpp httpResponse)

/**
 * The longest text of a Zendesk answer handed to the core (UTF-16 units). Zendesk's longest texts are comment
 * bodies (64 KB); a name or a subject is far shorter. A longer string in an answer (a record another system wrote,
 * a hostile one) is cut here, so that the core's work and the view it draws stay bounded (docs/security.md).
 */
export const MAX_ANSWER_TEXT = 65_536;

/**
 * @param {string} requestId  the request effect's id
 * @param {unknown} outcome   the resolved value or the rejection reason of client.request
 * @param {number} nowMs      the shim's clock, for Retry-After given as an HTTP date
 * @returns {{requestId: string, status: number, body: unknown, retryAfterSec: number|null,
 *   idempotencyLookup?: 'hit'|'miss', rateLimit?: {limit: number|null, remaining: number|null,
 *   resetSec: number|null}}}
 */
export function toHttpResponse(requestId, outcome, nowMs) {
  const status = statusOf(outcome);
  if (status === 0) return { requestId, status: 0, body: null, retryAfterSec: null };
  const response = {
    requestId,
    status,
    body: boundTexts(bodyOf(outcome), MAX_ANSWER_TEXT),
    retryAfterSec: parseRetryAfter(headerOf(outcome, 'retry-after'), nowMs),
  };
  // Zendesk's answer to a request sent with an Idempotency-Key: `hit` when it is the first request's answer
  // again. Only present when Zendesk said it, so every other answer keeps its shape.
  const lookup = String(headerOf(outcome, 'x-idempotency-lookup') ?? '')
    .trim()
    .toLowerCase();
  if (lookup === 'hit' || lookup === 'miss') response.idempotencyLookup = lookup;
  const rateLimit = rateLimitOf(outcome);
  if (rateLimit) response.rateLimit = rateLimit;
  return response;
}

const MAX_RATE_COUNT = 10_000_000; // the core refuses larger counts

/**
 * Zendesk's account-wide rate-limit headers (x-rate-limit, x-rate-limit-remaining; the Ticketing API's
 * ratelimit-limit, ratelimit-remaining, ratelimit-reset), for the core's pacing (D381): {limit, remaining,
 * resetSec}, each a whole number or null; null when the answer has none of them, so other answers keep their shape.
 */
export function rateLimitOf(outcome) {
  const read = (names, most) => {
    for (const name of names) {
      const text = String(headerOf(outcome, name) ?? '').trim();
      if (/^\d+$/.test(text)) return Math.min(Number(text), most);
    }
    return null;
  };
  const limit = read(['x-rate-limit', 'ratelimit-limit'], MAX_RATE_COUNT);
  const remaining = read(['x-rate-limit-remaining', 'ratelimit-remaining'], MAX_RATE_COUNT);
  const resetSec = read(['ratelimit-reset'], MAX_RETRY_AFTER_SEC);
  return limit == null && remaining == null && resetSec == null ? null : { limit, remaining, resetSec };
}

// 0 covers network errors, timeouts (jQuery reports statusText 'timeout' with status 0), aborted requests and
// anything that is not an xhr at all (an Error thrown by a host or a harness).
function statusOf(outcome) {
  if (!outcome || typeof outcome !== 'object') return 0;
  if (outcome.statusText === 'timeout') return 0;
  const status = Number(outcome.status);
  return Number.isInteger(status) && status >= 100 && status <= 999 ? status : 0;
}

function bodyOf(outcome) {
  if (outcome.responseJSON !== undefined) return outcome.responseJSON ?? null;
  if (typeof outcome.responseText === 'string' && outcome.responseText.trim() !== '') {
    try {
      return JSON.parse(outcome.responseText);
    } catch {
      return null; // an HTML error page from a proxy is not data the core can use
    }
  }
  return null;
}

/**
 * `value` with every string (keys included) longer than `max` cut to it, never between the halves of a surrogate
 * pair; objects and arrays are changed in place (the parsed answer is this module's own). Iterative: an answer
 * nested deeper than the stack is refused by the core, not by a RangeError here.
 */
export function boundTexts(value, max) {
  const cut = (text) => {
    if (text.length <= max) return text;
    const last = text.charCodeAt(max - 1);
    return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
  };
  if (typeof value === 'string') return cut(value);
  if (value === null || typeof value !== 'object') return value;
  const pending = [value];
  while (pending.length) {
    const node = pending.pop();
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (typeof child === 'string' && child.length > max) node[key] = cut(child);
      else if (child !== null && typeof child === 'object') pending.push(child);
      if (!Array.isArray(node) && key.length > max) {
        node[cut(key)] = node[key];
        delete node[key];
      }
    }
  }
  return value;
}

/** Reads one header, case-insensitively, from any of the shapes a ZAF host hands back. */
export function headerOf(outcome, name) {
  const wanted = name.toLowerCase();
  if (typeof outcome.getResponseHeader === 'function') {
    try {
      const value = outcome.getResponseHeader(name);
      if (value != null) return String(value);
    } catch {
      // a proxied xhr may throw for headers the browser hides from scripts
    }
  }
  const headers = outcome.headers;
  if (typeof headers === 'string') {
    for (const line of headers.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
    }
  } else if (headers && typeof headers === 'object') {
    if (typeof headers.get === 'function') return headers.get(name) ?? null; // a fetch Headers object
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() === wanted) return Array.isArray(value) ? String(value[0]) : String(value);
    }
  }
  return null;
}

/**
 * Retry-After is either delta-seconds ("7") or an HTTP date (RFC 9110 §10.2.3).
 * @returns {number|null} whole seconds from now, clamped to what the core accepts; null when absent or unreadable
 */
export function parseRetryAfter(value, nowMs) {
  if (value == null) return null;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SEC);
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - nowMs) / 1000)), MAX_RETRY_AFTER_SEC);
}
