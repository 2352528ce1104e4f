// Zendesk's rate limits as the account sees them (zendesk-platform.md §4, "Rate limits"), off unless set: the
// plan's general limit on every API request, the Update Ticket endpoint's own limit per account (100 a minute, 300
// with High Volume), the apps limit per user (100 a minute), and 30 updates per ticket per user per 10 minutes.
// Each limit is a class with its own count; a request is counted by every class it belongs to, and refused (429,
// not counted anywhere) by the first that is full. Every answer carries the account-wide headers Zendesk documents
// (x-rate-limit, x-rate-limit-remaining, ratelimit-limit, ratelimit-remaining, ratelimit-reset); a 429 carries
// Retry-After in whole seconds. The per-minute limits count in clock minutes ("remaining in the current minute",
// ratelimit-reset = seconds to the next one); the per-ticket limit is a sliding 10 minutes.
import { answer } from './http-answer.mjs';
import { isObject } from './values.mjs';

const MINUTE = 60_000;
const TEN_MINUTES = 10 * MINUTE;
const UPDATE_TICKET = /^PUT \/api\/v2\/tickets\/(\d+)(\.json)?$/;

// The Support API's requests per minute by Suite plan; High Volume raises it to 2,500 (and Update Ticket to 300).
export const PLAN_LIMITS = Object.freeze({
  team: 200,
  growth: 400,
  professional: 400,
  enterprise: 700,
  enterprise_plus: 2500,
});

function positive(value, name) {
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`setLimits: ${name} must be a positive integer`);
  return value;
}

/**
 * The limits from their settings: {plan? ('enterprise'), highVolume? (false), generalPerMinute?,
 * updateTicketPerMinute?, appPerMinutePerUser? (100), updatesPerTicketPer10Minutes? (30)}; the explicit numbers
 * win over what the plan and High Volume give.
 */
export function checkLimits(config) {
  if (config == null) return null;
  if (!isObject(config)) throw new TypeError('setLimits: expected an object or null');
  const plan = config.plan ?? 'enterprise';
  if (!Object.hasOwn(PLAN_LIMITS, plan)) throw new TypeError(`setLimits: unknown plan ${plan}`);
  const highVolume = config.highVolume === true;
  return {
    general: positive(config.generalPerMinute ?? (highVolume ? 2500 : PLAN_LIMITS[plan]), 'generalPerMinute'),
    updateTicket: positive(config.updateTicketPerMinute ?? (highVolume ? 300 : 100), 'updateTicketPerMinute'),
    app: positive(config.appPerMinutePerUser ?? 100, 'appPerMinutePerUser'),
    perTicket: positive(config.updatesPerTicketPer10Minutes ?? 30, 'updatesPerTicketPer10Minutes'),
  };
}

/** @param {() => number} now  the stand-in's clock */
export function createLimits(now) {
  let limits = null;
  let minute = -1; // the clock minute the per-minute counts are for
  let general = 0;
  let updateTicket = 0;
  let app = new Map(); // user → requests this minute
  const perTicket = new Map(); // `${user} ${ticket}` → accepted update times (sliding 10 minutes)
  const stats = { accepted: 0, refused: { general: 0, updateTicket: 0, app: 0, perTicket: 0 } };

  function roll(t) {
    const m = Math.floor(t / MINUTE);
    if (m === minute) return;
    minute = m;
    general = 0;
    updateTicket = 0;
    app = new Map();
  }

  function headers(t, remaining) {
    const reset = String(Math.max(1, Math.ceil(((minute + 1) * MINUTE - t) / 1000)));
    return {
      'x-rate-limit': String(limits.general),
      'x-rate-limit-remaining': String(Math.max(0, remaining)),
      'ratelimit-limit': String(limits.general),
      'ratelimit-remaining': String(Math.max(0, remaining)),
      'ratelimit-reset': reset,
    };
  }

  function refuse(t, which, retryAfterSec, description) {
    stats.refused[which]++;
    return {
      refused: answer(429, { error: 'TooManyRequests', description: `${description} (sandbox limit)` }),
      headers: { ...headers(t, limits.general - general), 'Retry-After': String(Math.max(1, retryAfterSec)) },
    };
  }

  return {
    set(config) {
      limits = checkLimits(config);
      minute = -1;
      perTicket.clear();
      stats.accepted = 0;
      for (const k of Object.keys(stats.refused)) stats.refused[k] = 0;
    },
    reset() {
      this.set(null);
    },
    current: () => (limits ? { ...limits } : null),
    stats: () => structuredClone(stats),
    /**
     * Counts one request, or refuses it: {refused: HttpAnswer|null, headers} (headers for the answer either way;
     * none when the limits are off).
     * @param {string} user  who asks (the sandbox's X-Sandbox-User; one user for requests without it)
     */
    check(method, pathname, user) {
      if (!limits) return { refused: null, headers: {} };
      const t = now();
      roll(t);
      const toNextMinute = Math.ceil(((minute + 1) * MINUTE - t) / 1000);
      const ticket = UPDATE_TICKET.exec(`${method} ${pathname}`)?.[1];
      const appCount = app.get(user) ?? 0;
      if (general >= limits.general)
        return refuse(t, 'general', toNextMinute, `Rate limit of ${limits.general} requests per minute exceeded`);
      if (appCount >= limits.app)
        return refuse(t, 'app', toNextMinute, `App rate limit of ${limits.app} requests per minute per user exceeded`);
      if (ticket !== undefined) {
        if (updateTicket >= limits.updateTicket)
          return refuse(
            t,
            'updateTicket',
            toNextMinute,
            `Update Ticket limit of ${limits.updateTicket} per minute exceeded`,
          );
        const key = `${user} ${ticket}`;
        const times = (perTicket.get(key) ?? []).filter((at) => at > t - TEN_MINUTES);
        perTicket.set(key, times);
        if (times.length >= limits.perTicket) {
          const wait = Math.ceil((times[times.length - limits.perTicket] + TEN_MINUTES - t) / 1000);
          return refuse(t, 'perTicket', wait, `Ticket ${ticket} was updated ${limits.perTicket} times in 10 minutes`);
        }
        times.push(t);
        updateTicket++;
      }
      general++;
      app.set(user, appCount + 1);
      stats.accepted++;
      return { refused: null, headers: headers(t, limits.general - general) };
    },
  };
}
