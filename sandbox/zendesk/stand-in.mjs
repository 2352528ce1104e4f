// Zendesk REST stand-in for the local sandbox.
//
// A library: the sandbox HTTP server mounts it with
//   const zd = createZendeskStandIn({ stateFile });
//   http.createServer(async (req, res) => { if (!(await zd.handle(req, res))) serveSomethingElse(req, res); });
// It answers the Zendesk requests the core makes (docs/adapter-protocol.md, "Zendesk requests the core makes") and a
// few neighbours, shaped as Zendesk's OpenAPI description and the recorded fixtures in tests/js/fixtures/zendesk.
// Every route it serves is listed in STAND_IN_ROUTES; tests check each against the stored OAS.
//
// This file puts the parts together; each has one job: routes.mjs (which route a request is), users.mjs,
// tickets.mjs and voice.mjs (the resources, over records.mjs and ticket-records.mjs, with pagination.mjs),
// faults.mjs (what the sandbox injects), persistence.mjs (the state file), http-answer.mjs (answers on the wire).
// Node built-ins only.
import { answer, invalidEndpoint, readBody, send } from './http-answer.mjs';
import { createFaults } from './faults.mjs';
import { createIdempotencyKeys } from './idempotency.mjs';
import { mergeHandlers } from './merge.mjs';
import { loadStateFile, writeStateFile } from './persistence.mjs';
import { actingRole, DEFAULT_ACCOUNT, refusal } from './permissions.mjs';
import { createRecords } from './records.mjs';
import { matchRoute, WRITE_METHODS } from './routes.mjs';
import { defaultSeed } from './seed.mjs';
import { createTicketRecords } from './ticket-records.mjs';
import { ticketFieldHandlers } from './ticket-fields.mjs';
import { ticketHandlers } from './tickets.mjs';
import { userHandlers } from './users.mjs';
import { clone } from './values.mjs';
import { voiceHandlers } from './voice.mjs';

export { defaultSeed };

export const DEFAULT_SEARCH_INDEX_DELAY_MS = 60_000;

function checkDelay(ms) {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new TypeError('searchIndexDelayMs must be a non-negative integer');
  return ms;
}
export { STAND_IN_ROUTES } from './routes.mjs';

// Who asks, for the per-user limits (limits.mjs): the sandbox's X-Sandbox-User plays the agent's session (as
// X-Sandbox-Role plays its role); requests without it share one user, as an API token's would.
const userOf = (req) => String(req.headers?.['x-sandbox-user'] ?? 'token').slice(0, 64);

/**
 * @param {object} [options]
 * @param {string|null} [options.stateFile]  JSON file: loaded at start if present, rewritten atomically after each write
 * @param {object} [options.seed]            initial data when no state file exists (defaultSeed() shape)
 * @param {() => number} [options.now]       clock, milliseconds since the epoch
 * @param {string|null} [options.baseUrl]    origin used in `url`, `Location`, `next_page`, `links`; default: the request's Host
 * @param {number} [options.searchIndexDelayMs]  how long a new user or ticket stays out of search results (60000)
 */
export function createZendeskStandIn({
  stateFile = null,
  seed = defaultSeed(),
  now: baseNow = Date.now,
  baseUrl = null,
  searchIndexDelayMs = DEFAULT_SEARCH_INDEX_DELAY_MS,
} = {}) {
  const pristine = clone(seed);
  // One object for the stand-in's life, changed in place (reset() too): every part below holds it.
  const st = loadStateFile(stateFile) ?? clone(pristine);
  let entries = [];
  // The stand-in's clock: the given one, moved on by advanceClock() (tests cross the search delay without sleeping).
  let clockOffsetMs = 0;
  const now = () => baseNow() + clockOffsetMs;
  // Zendesk's search lists a new record only once it is indexed, which can take minutes; show, list and
  // show_many read the record itself at once. Reads of `search.indexDelayMs` happen per request.
  const search = { indexDelayMs: checkDelay(searchIndexDelayMs) };
  const faults = createFaults(now);
  let account = { ...DEFAULT_ACCOUNT }; // the plan's features (permissions.mjs): Talk Partner Edition
  const keys = createIdempotencyKeys(now);
  const persist = () => writeStateFile(stateFile, st);

  const records = createRecords(st, now);
  const ticketRecords = createTicketRecords(st, records, now);
  const handlers = {
    ...userHandlers(st, records, { now, search }),
    ...ticketHandlers(st, records, ticketRecords, now),
    ...mergeHandlers(st, records, ticketRecords),
    ...voiceHandlers(st, records, ticketRecords),
    ...ticketFieldHandlers(st),
  };

  function originOf(req) {
    if (baseUrl) return baseUrl.replace(/\/+$/, '');
    const proto = String(req.headers['x-forwarded-proto'] ?? (req.socket?.encrypted ? 'https' : 'http'))
      .split(',')[0]
      .trim();
    return `${proto}://${req.headers.host ?? 'localhost'}`;
  }

  // The request itself, through the route table: an HttpAnswer. A refused write changes nothing because every
  // handler checks everything before it changes anything (no copy of the state per write: with thousands of
  // tickets, as in bench/outbox-sim.mjs, that copy was most of the run time).
  function carryOut({ req, url, method, pathname, body, malformed, entry }) {
    const match = matchRoute(method, pathname);
    if (!match) return invalidEndpoint(method, pathname);
    const refused = refusal(entry.role ?? null, match.route, body, account);
    if (refused) return refused;
    if (malformed && WRITE_METHODS.has(method)) {
      return answer(400, {
        error: 'Unprocessable Entity',
        description: `The request body is not valid JSON: ${malformed}`,
      });
    }
    const ctx = {
      req,
      query: url.searchParams,
      pathname,
      params: match.params,
      role: entry.role ?? null, // the acting agent's role (permissions.mjs), for answers that depend on it
      body,
      base: originOf(req),
      changed: false,
      event: null,
    };
    let result;
    try {
      const run = () => handlers[match.route.handler](ctx);
      // Only the Ticketing API's ticket create documents Idempotency-Key; elsewhere the header is ignored.
      result = match.route.handler === 'createTicket' ? keys.apply(req, body, entry, run) : run();
      if (ctx.changed && result.status < 400) persist();
    } catch (err) {
      result = answer(500, { error: 'InternalServerError', description: `stand-in bug: ${err.message}` });
    }
    if (ctx.event && result.status < 400) entry.event = ctx.event;
    return result;
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    const pathname = url.pathname;
    if (pathname !== '/api/v2' && !pathname.startsWith('/api/v2/')) return false;
    const method = String(req.method ?? 'GET').toUpperCase();
    const entry = { at: now(), method, url: req.url, status: null, body: null };
    const role = actingRole(req);
    if (role) entry.role = role; // who asked (permissions.mjs): the sandbox agent's role, absent for an API token
    entries.push(entry);

    let raw;
    try {
      raw = await readBody(req);
    } catch (err) {
      entry.status = 400;
      entry.body = `request body unreadable: ${err.message}`;
      if (!res.headersSent && !res.destroyed)
        send(res, answer(400, { error: 'Unprocessable Entity', description: 'The request body could not be read' }));
      return true;
    }
    let body = null;
    let malformed = null;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch (err) {
        malformed = err.message;
      }
    }
    entry.body = malformed ? raw : body;

    await faults.delay();
    const { result, extraHeaders, appliedStatus } = faults.apply(
      method,
      pathname,
      () => carryOut({ req, url, method, pathname, body, malformed, entry }),
      userOf(req),
    );
    if (appliedStatus !== undefined) entry.appliedStatus = appliedStatus;
    entry.status = result.status;
    // dropResponse: whatever was decided (and done) stands, but the connection closes without an answer; the
    // client sees a network error. `status` in the log is the answer that was never delivered.
    if (faults.drops(method, pathname)) {
      entry.dropped = true;
      req.socket?.destroy();
      return true;
    }
    send(res, result, extraHeaders);
    return true;
  }

  return {
    handle,
    /**
     * Every /api/v2 request received, in order: {at, method, url, status, body[, role][, event][, appliedStatus][, dropped]}.
     * `role`: the acting agent's role (permissions.mjs) when the request carried one.
     * `status` is the answer decided (for a dropped one: never delivered); `appliedStatus` the real outcome of a
     * request answered 500 by status500 {applied: true}.
     */
    log: () => clone(entries),
    clearLog() {
      entries = [];
    },
    /** The "displayed to agent" events (TPE pops and voice tickets with display_to_agent), in order. */
    displays: () => entries.filter((e) => e.event?.type === 'displayed_to_agent').map((e) => clone(e.event)),
    /**
     * rate429: {everyNth, retryAfterSec, match?} | null; status500: {everyNth, match?, applied?} | null (with
     * `applied: true` the request is carried out first, then answered 500; the log entry keeps the real status as
     * `appliedStatus`); dropResponse: {everyNth, match?} | null — the request is carried out (or refused by
     * another fault) as usual, then the connection is closed without an answer, so the client sees a network
     * error; the log entry gets `dropped: true`; latencyMs;
     * accountLimit: {writesPerMinute, windowMs? (60000), match?} | null — an account-wide sliding-window limit on
     * ticket creates/updates (POST /tickets, PUT /tickets/{id}, POST /channels/voice/tickets; `match` to change
     * which): a write beyond it answers 429 with Retry-After = whole seconds until the oldest write in the window
     * leaves it; refused writes do not count. Checked before the other faults.
     * limits: {plan? ('team'|'growth'|'professional'|'enterprise'|'enterprise_plus', default 'enterprise'),
     * highVolume?, generalPerMinute?, updateTicketPerMinute?, appPerMinutePerUser? (100),
     * updatesPerTicketPer10Minutes? (30)} | null — Zendesk's limits per endpoint class (limits.mjs): the plan's
     * general limit on every request, Update Ticket per account (100, 300 with High Volume), apps per user
     * (X-Sandbox-User), updates per ticket per user; every answer then carries x-rate-limit, x-rate-limit-remaining,
     * ratelimit-limit, ratelimit-remaining and ratelimit-reset, a 429 Retry-After. Off by default. Checked first.
     * `match` (string contained in, or RegExp tested against, "METHOD /path") limits a fault to some requests;
     * the every-Nth count runs over the matching requests since the fault was set. Keys left out keep their value.
     */
    setFaults(next = {}) {
      faults.set(next);
    },
    /** What the limits (setFaults `limits`) let through and refused, by class, since they were set. */
    limitStats: () => faults.limits.stats(),
    /** The account's features: {talkPartnerEdition: boolean} (default true); keys left out keep their value. */
    setAccount(next = {}) {
      if ('talkPartnerEdition' in next) account.talkPartnerEdition = next.talkPartnerEdition !== false;
    },
    /**
     * How long a new user or ticket stays out of search results (ms; 0: at once). Zendesk's own delay is not
     * fixed (seconds to minutes); the default, 60000, is longer than the core's 10 s wait before it checks.
     */
    setSearchIndexDelay(ms) {
      search.indexDelayMs = checkDelay(ms);
    },
    /** Moves the stand-in's clock on by `ms` (record times, the search delay, kept idempotency keys, faults). */
    advanceClock(ms) {
      if (!Number.isSafeInteger(ms) || ms < 0) throw new TypeError('advanceClock: ms must be a non-negative integer');
      clockOffsetMs += ms;
    },
    /** A copy of the data: users, tickets, comments (by ticket id), groups, job statuses. */
    state: () => clone(st),
    /** Back to the seed (and the state file rewritten); faults off, the account's features back, log cleared. */
    reset() {
      for (const key of Object.keys(st)) delete st[key];
      Object.assign(st, clone(pristine));
      faults.reset();
      account = { ...DEFAULT_ACCOUNT };
      keys.reset();
      search.indexDelayMs = checkDelay(searchIndexDelayMs);
      entries = [];
      persist();
    },
  };
}
