// Faults the sandbox can inject, for tests and benchmarks of what the app does when Zendesk misbehaves: a 429
// every Nth request, a 500 (before or after the request is carried out), a dropped answer, latency, and an
// account-wide ticket-write limit (a sliding window), and Zendesk's own limits per endpoint class with its headers
// (limits.mjs). createFaults() keeps the current set and decides, per request, what happens before and after it is
// carried out.
import { answer } from './http-answer.mjs';
import { createLimits } from './limits.mjs';
import { isObject } from './values.mjs';

function faultMatches(fault, method, pathname) {
  if (!fault.match) return true;
  const subject = `${method} ${pathname}`;
  return fault.match instanceof RegExp ? fault.match.test(subject) : subject.includes(String(fault.match));
}

// Counts a matching request against an every-Nth fault; true when this one is the Nth.
function hits(fault, method, pathname) {
  return Boolean(fault && faultMatches(fault, method, pathname) && ++fault.count % fault.everyNth === 0);
}

function checkFault(fault, name) {
  if (fault == null) return null;
  if (!isObject(fault) || !Number.isSafeInteger(fault.everyNth) || fault.everyNth < 1) {
    throw new TypeError(`setFaults: ${name}.everyNth must be a positive integer`);
  }
  if (fault.applied !== undefined && typeof fault.applied !== 'boolean')
    throw new TypeError(`setFaults: ${name}.applied must be true or false`);
  return { ...fault, count: 0 };
}

export const NO_FAULTS = Object.freeze({
  rate429: null,
  status500: null,
  dropResponse: null,
  latencyMs: 0,
  accountLimit: null,
  limits: null,
});

// The ticket writes an account-wide limit counts: creates (plain and Talk Partner Edition) and updates.
const TICKET_WRITE =
  /^(POST \/api\/v2\/tickets(\.json)?|PUT \/api\/v2\/tickets\/\d+(\.json)?|POST \/api\/v2\/channels\/voice\/tickets(\.json)?)$/;

function checkAccountLimit(limit) {
  if (limit == null) return null;
  if (!isObject(limit) || !Number.isSafeInteger(limit.writesPerMinute) || limit.writesPerMinute < 1) {
    throw new TypeError('setFaults: accountLimit.writesPerMinute must be a positive integer');
  }
  const windowMs = limit.windowMs ?? 60_000;
  if (!Number.isSafeInteger(windowMs) || windowMs < 1)
    throw new TypeError('setFaults: accountLimit.windowMs must be a positive integer');
  return { writesPerMinute: limit.writesPerMinute, windowMs, match: limit.match ?? TICKET_WRITE, accepted: [] };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const serverError = () =>
  answer(500, { error: 'InternalServerError', description: 'Something went wrong (sandbox fault)' });

/**
 * @param {() => number} now  the stand-in's clock (the account limit's window runs on it)
 */
export function createFaults(now) {
  let faults = { ...NO_FAULTS };
  const limits = createLimits(now);
  return {
    limits,
    /** See createZendeskStandIn().setFaults for the shapes. Keys left out keep their value. */
    set(next = {}) {
      if ('limits' in next) limits.set(next.limits); // first: a bad shape throws before anything changes
      faults = {
        rate429: 'rate429' in next ? checkFault(next.rate429, 'rate429') : faults.rate429,
        status500: 'status500' in next ? checkFault(next.status500, 'status500') : faults.status500,
        dropResponse: 'dropResponse' in next ? checkFault(next.dropResponse, 'dropResponse') : faults.dropResponse,
        latencyMs: 'latencyMs' in next ? Math.max(0, Number(next.latencyMs) || 0) : faults.latencyMs,
        accountLimit: 'accountLimit' in next ? checkAccountLimit(next.accountLimit) : faults.accountLimit,
        limits: 'limits' in next ? next.limits : faults.limits,
      };
    },
    reset() {
      faults = { ...NO_FAULTS };
      limits.reset();
    },
    /** The injected latency, waited before anything else. */
    async delay() {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    },
    /**
     * Runs one request through the faults: `carryOut()` performs it (or is never called when a fault refuses it).
     * `user` is who asks, for the per-user limits.
     * @returns {{result: import('./http-answer.mjs').HttpAnswer, extraHeaders: object, appliedStatus?: number}}
     */
    apply(method, pathname, carryOut, user = 'token') {
      const limited = limits.check(method, pathname, user);
      if (limited.refused) return { result: limited.refused, extraHeaders: limited.headers };
      const { result, extraHeaders, appliedStatus } = this.applyFaults(method, pathname, carryOut);
      const out = { result, extraHeaders: { ...limited.headers, ...extraHeaders } };
      return appliedStatus === undefined ? out : { ...out, appliedStatus };
    },
    applyFaults(method, pathname, carryOut) {
      let result;
      let extraHeaders = {};
      const rate = faults.rate429;
      const s500 = faults.status500;
      const limit = faults.accountLimit;
      let fail500 = false; // status500 {applied: true}: carried out, then answered 500 (a Zendesk 5xx is ambiguous)
      let overLimitSec = null;
      if (limit && faultMatches(limit, method, pathname)) {
        // Sliding window: the writes let through in the last windowMs. Over the limit, the write is refused (and
        // not counted) until the oldest one in the window leaves it.
        const t = now();
        while (limit.accepted.length && limit.accepted[0] <= t - limit.windowMs) limit.accepted.shift();
        if (limit.accepted.length >= limit.writesPerMinute)
          overLimitSec = Math.max(1, Math.ceil((limit.accepted[0] + limit.windowMs - t) / 1000));
        else limit.accepted.push(t);
      }
      if (overLimitSec != null) {
        result = answer(429, {
          error: 'TooManyRequests',
          description: `Account rate limit of ${limit.writesPerMinute} ticket writes per minute exceeded (sandbox fault). Retry after ${overLimitSec} seconds.`,
        });
        extraHeaders = {
          'Retry-After': String(overLimitSec),
          'X-Rate-Limit': String(limit.writesPerMinute),
          'X-Rate-Limit-Remaining': '0',
        };
      } else if (hits(rate, method, pathname)) {
        const retryAfter = rate.retryAfterSec ?? 60;
        result = answer(429, {
          error: 'TooManyRequests',
          description: `Rate limit exceeded (sandbox fault). Retry after ${retryAfter} seconds.`,
        });
        extraHeaders = { 'Retry-After': String(retryAfter), 'X-Rate-Limit': '700', 'X-Rate-Limit-Remaining': '0' };
      } else {
        const hit500 = hits(s500, method, pathname);
        if (hit500 && !s500.applied) {
          result = serverError();
        } else {
          result = carryOut();
          fail500 = hit500;
        }
      }
      if (fail500) return { result: serverError(), extraHeaders: {}, appliedStatus: result.status };
      return { result, extraHeaders };
    },
    /** dropResponse: whatever was decided (and done) stands, but the connection closes without an answer. */
    drops(method, pathname) {
      return hits(faults.dropResponse, method, pathname);
    },
  };
}
