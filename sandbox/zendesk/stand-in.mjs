// Zendesk REST stand-in for the local sandbox (issue 5).
//
// A library: the sandbox HTTP server mounts it with
//   const zd = createZendeskStandIn({ stateFile });
//   http.createServer(async (req, res) => { if (!(await zd.handle(req, res))) serveSomethingElse(req, res); });
// It answers the Zendesk requests the core makes (docs/adapter-protocol.md, "Zendesk requests the core makes") and a
// few neighbours, shaped as Zendesk's OpenAPI description and the recorded fixtures in tests/js/fixtures/zendesk.
// Every route it serves is listed in STAND_IN_ROUTES; tests check each against the stored OAS.
//
// Node built-ins only.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSeed, escapeHtml, SEED_VERSION } from './seed.mjs';

export { defaultSeed };

const JSON_TYPE = 'application/json; charset=utf-8';
const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const TICKET_TYPES = ['problem', 'incident', 'question', 'task'];
const USER_ROLES = ['end-user', 'agent', 'admin'];
const VOICE_VIA = { 44: 'voicemail', 45: 'inbound', 46: 'outbound' };
const MAX_PAGE_SIZE = 100;
const MAX_OFFSET_RECORDS = 10000;

// ---------------------------------------------------------------------------------------------------------------
// Routes. `path` uses the OAS template and parameter names; `example` is a concrete URL (tests feed it to
// documentedOperation and to the stand-in itself).

export const STAND_IN_ROUTES = Object.freeze(
  [
    {
      method: 'GET',
      path: '/api/v2/search',
      example: '/api/v2/search.json?query=role%3Aend-user%20phone%3A*4155550100',
      handler: 'search',
    },
    { method: 'GET', path: '/api/v2/users/{user_id}', example: '/api/v2/users/7.json', handler: 'showUser' },
    { method: 'POST', path: '/api/v2/users', example: '/api/v2/users.json', handler: 'createUser' },
    {
      method: 'GET',
      path: '/api/v2/users/{user_id}/identities',
      example: '/api/v2/users/7/identities.json?type[]=phone_number',
      handler: 'listIdentities',
    },
    {
      method: 'GET',
      path: '/api/v2/users/{user_id}/tickets/requested',
      example: '/api/v2/users/7/tickets/requested.json?sort_by=updated_at&sort_order=desc&per_page=100',
      handler: 'requestedTickets',
    },
    {
      method: 'GET',
      path: '/api/v2/tickets',
      example: '/api/v2/tickets.json?external_id=call-77',
      handler: 'listTickets',
    },
    {
      method: 'GET',
      path: '/api/v2/tickets/{ticket_id}',
      example: '/api/v2/tickets/42.json?include=users',
      handler: 'showTicket',
    },
    { method: 'POST', path: '/api/v2/tickets', example: '/api/v2/tickets.json', handler: 'createTicket' },
    { method: 'PUT', path: '/api/v2/tickets/{ticket_id}', example: '/api/v2/tickets/42.json', handler: 'updateTicket' },
    {
      method: 'GET',
      path: '/api/v2/tickets/{ticket_id}/comments',
      example: '/api/v2/tickets/42/comments.json?sort_order=desc&per_page=100',
      handler: 'listComments',
    },
    {
      method: 'POST',
      path: '/api/v2/channels/voice/tickets',
      example: '/api/v2/channels/voice/tickets.json',
      handler: 'createVoiceTicket',
    },
    {
      method: 'POST',
      path: '/api/v2/channels/voice/agents/{agent_id}/tickets/{ticket_id}/display',
      example: '/api/v2/channels/voice/agents/5/tickets/42/display.json',
      handler: 'displayTicket',
    },
    {
      method: 'POST',
      path: '/api/v2/channels/voice/agents/{agent_id}/users/{user_id}/display',
      example: '/api/v2/channels/voice/agents/5/users/7/display.json',
      handler: 'displayUser',
    },
    {
      method: 'GET',
      path: '/api/v2/job_statuses/{job_status_id}',
      example: '/api/v2/job_statuses/82de0b044094f0c67893ac9fe64f1a99.json',
      handler: 'showJobStatus',
    },
  ].map((r) => Object.freeze(r)),
);

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function segmentsOf(pathname) {
  const segments = pathname.split('/');
  segments[segments.length - 1] = segments[segments.length - 1].replace(/\.json$/, '');
  return segments;
}

const COMPILED_ROUTES = STAND_IN_ROUTES.map((route) => ({ ...route, segments: segmentsOf(route.path) }));

// Ids are integers, except job status ids (hex strings).
function matchRoute(method, pathname) {
  const segments = segmentsOf(pathname);
  for (const route of COMPILED_ROUTES) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const t = route.segments[i];
      const m = /^\{(.+)\}$/.exec(t);
      if (!m) ok = t === segments[i];
      else if (m[1] === 'job_status_id') ok = /^[A-Za-z0-9_-]+$/.test(segments[i]) && (params[m[1]] = segments[i]);
      else ok = /^\d{1,15}$/.test(segments[i]) && (params[m[1]] = Number(segments[i])) > 0;
    }
    if (ok) return { route, params };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers.

const clone = (v) => structuredClone(v);
const digitsOf = (phone) => String(phone ?? '').replace(/\D/g, '');
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isId = (v) => Number.isSafeInteger(v) && v > 0;

class HttpAnswer {
  constructor(status, body, headers = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}
const answer = (status, body, headers) => new HttpAnswer(status, body, headers);
const notFound = () => answer(404, { error: 'RecordNotFound', description: 'Not found' });
const invalidEndpoint = (method, pathname) =>
  answer(404, {
    error: 'InvalidEndpoint',
    description: `Not found: ${method} ${pathname} is not a route of the sandbox Zendesk stand-in`,
  });
const parameterMissing = (name) =>
  answer(400, {
    error: 'ParameterMissing',
    description: `Missing or invalid parameter: ${name} (an object is required)`,
  });
const badPagination = (description) => answer(400, { error: 'InvalidPaginationParameter', description });

/** 422 RecordInvalid with Zendesk's `details` shape: {field: [{description, error}]}. */
function recordInvalid(field, description, error = 'InvalidValue', topDescription = 'Record validation errors') {
  return answer(422, {
    error: 'RecordInvalid',
    description: topDescription,
    details: { [field]: [{ description, error }] },
  });
}

function normalizeTags(tags) {
  const out = [];
  for (const tag of tags) {
    for (const part of String(tag).toLowerCase().split(/\s+/)) if (part && !out.includes(part)) out.push(part);
  }
  return out;
}

function toId(value) {
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return value;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

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

const NO_FAULTS = Object.freeze({
  rate429: null,
  status500: null,
  dropResponse: null,
  latencyMs: 0,
  accountLimit: null,
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

// ---------------------------------------------------------------------------------------------------------------

/**
 * @param {object} [options]
 * @param {string|null} [options.stateFile]  JSON file: loaded at start if present, rewritten atomically after each write
 * @param {object} [options.seed]            initial data when no state file exists (defaultSeed() shape)
 * @param {() => number} [options.now]       clock, milliseconds since the epoch
 * @param {string|null} [options.baseUrl]    origin used in `url`, `Location`, `next_page`, `links`; default: the request's Host
 */
export function createZendeskStandIn({ stateFile = null, seed = defaultSeed(), now = Date.now, baseUrl = null } = {}) {
  const pristine = clone(seed);
  let st = loadState() ?? clone(pristine);
  let entries = [];
  let faults = { ...NO_FAULTS };

  function loadState() {
    if (!stateFile || !existsSync(stateFile)) return null;
    let data;
    try {
      data = JSON.parse(readFileSync(stateFile, 'utf8'));
    } catch (err) {
      throw new Error(
        `Zendesk stand-in: state file ${stateFile} is not valid JSON (${err.message}); delete it to start from the seed`,
        { cause: err },
      );
    }
    if (
      !isObject(data) ||
      data.version !== SEED_VERSION ||
      !Array.isArray(data.users) ||
      !Array.isArray(data.tickets) ||
      !isObject(data.comments)
    ) {
      throw new Error(
        `Zendesk stand-in: ${stateFile} is not a version-${SEED_VERSION} stand-in state file; delete it to start from the seed`,
      );
    }
    return data;
  }

  function persist() {
    if (!stateFile) return;
    mkdirSync(path.dirname(path.resolve(stateFile)), { recursive: true });
    const tmp = `${stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(st));
    renameSync(tmp, stateFile);
  }

  const iso = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const nextId = (kind) => {
    const id = st.next_ids[kind];
    st.next_ids[kind] = id + 1;
    return id;
  };
  const findUser = (id) => st.users.find((u) => u.id === id) ?? null;
  const findTicket = (id) => st.tickets.find((t) => t.id === id) ?? null;
  const isAgent = (id) => ['agent', 'admin'].includes(findUser(id)?.role);
  const phonesOf = (user) => [user.phone, ...(st.extra_phones?.[user.id] ?? [])].filter((p) => p != null && p !== '');

  // ---- rendering ----
  const renderUser = (ctx, user) => ({ url: `${ctx.base}/api/v2/users/${user.id}.json`, ...clone(user) });
  const renderTicket = (ctx, ticket) => ({ url: `${ctx.base}/api/v2/tickets/${ticket.id}.json`, ...clone(ticket) });
  const renderGroup = (ctx, group) => ({ url: `${ctx.base}/api/v2/groups/${group.id}.json`, ...clone(group) });

  // A page of tickets (offset pagination) as Zendesk answers it, or the page's own error answer.
  function ticketsAnswer(ctx, page) {
    if (page instanceof HttpAnswer) return page;
    return answer(200, {
      tickets: page.items.map((t) => renderTicket(ctx, t)),
      ...sideloads(ctx, page.items),
      next_page: page.next_page,
      previous_page: page.previous_page,
      count: page.count,
    });
  }

  function sideloads(ctx, tickets, extraUserIds = []) {
    const include = new Set(
      String(ctx.query.get('include') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    const out = {};
    if (include.has('users')) {
      const ids = [];
      for (const t of tickets)
        for (const id of [t.requester_id, t.submitter_id, t.assignee_id, ...(t.collaborator_ids ?? [])])
          if (id != null && !ids.includes(id)) ids.push(id);
      for (const id of extraUserIds) if (id != null && !ids.includes(id)) ids.push(id);
      out.users = ids
        .map(findUser)
        .filter(Boolean)
        .map((u) => renderUser(ctx, u));
    }
    if (include.has('groups')) {
      const ids = [...new Set(tickets.map((t) => t.group_id).filter((id) => id != null))];
      out.groups = st.groups.filter((g) => ids.includes(g.id)).map((g) => renderGroup(ctx, g));
    }
    return out;
  }

  function pageUrl(ctx, changes) {
    const params = new URLSearchParams(ctx.query);
    for (const [k, v] of Object.entries(changes)) {
      if (v == null) params.delete(k);
      else params.set(k, String(v));
    }
    return `${ctx.base}${ctx.pathname}?${params.toString().replace(/%5B/g, '[').replace(/%5D/g, ']')}`;
  }

  // Offset pagination: `per_page` (≤ 100), `page` (1-based); the first 10,000 records only.
  function offsetPage(ctx, items) {
    const perPage = Math.min(
      MAX_PAGE_SIZE,
      Math.max(1, Number.parseInt(ctx.query.get('per_page') ?? '100', 10) || 100),
    );
    const page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
    if ((page - 1) * perPage >= MAX_OFFSET_RECORDS) {
      return answer(400, {
        error: 'InvalidPaginationDepth',
        description: 'Offset pagination is limited to the first 10,000 records. Use cursor pagination instead.',
      });
    }
    const start = (page - 1) * perPage;
    return {
      items: items.slice(start, start + perPage),
      next_page: start + perPage < items.length ? pageUrl(ctx, { page: page + 1 }) : null,
      previous_page: page > 1 ? pageUrl(ctx, { page: page - 1 }) : null,
      count: items.length,
    };
  }

  // Cursor pagination (`page[size]`, `page[after]`, `page[before]`); `items` are sorted by `cmp`, `keyOf` gives the
  // sort key the opaque cursor carries.
  function cursorPage(ctx, items, cmp, keyOf) {
    const size = ctx.query.has('page[size]') ? Number(ctx.query.get('page[size]')) : MAX_PAGE_SIZE;
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      return badPagination(`page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const encode = (item) => Buffer.from(JSON.stringify([keyOf(item), item.id])).toString('base64url');
    const decode = (name) => {
      const raw = ctx.query.get(name);
      try {
        const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
        if (Array.isArray(v) && v.length === 2 && isId(v[1])) return { key: v[0], id: v[1] };
      } catch {
        // fall through
      }
      throw badPagination(`${name} is not a cursor this endpoint gave out`);
    };
    const asPos = (c) => ({ __key: c.key, id: c.id });
    let page;
    if (ctx.query.has('page[after]')) {
      const c = asPos(decode('page[after]'));
      page = items.filter((it) => cmp(it, c) > 0).slice(0, size);
    } else if (ctx.query.has('page[before]')) {
      const c = asPos(decode('page[before]'));
      const before = items.filter((it) => cmp(it, c) < 0);
      page = before.slice(Math.max(0, before.length - size));
    } else {
      page = items.slice(0, size);
    }
    const first = page[0];
    const last = page[page.length - 1];
    const hasMore = last ? items.some((it) => cmp(it, last) > 0) : false;
    const hasPrev = first ? items.some((it) => cmp(it, first) < 0) : false;
    const afterCursor = last ? encode(last) : null;
    const beforeCursor = first ? encode(first) : null;
    return {
      items: page,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        next: hasMore ? pageUrl(ctx, { 'page[after]': afterCursor, 'page[before]': null }) : null,
        prev: hasPrev ? pageUrl(ctx, { 'page[before]': beforeCursor, 'page[after]': null }) : null,
      },
    };
  }

  // ---- comments and audits ----
  function makeComment(input, { authorId, via, createdAt, auditId }) {
    const body = input.body != null ? String(input.body) : String(input.html_body ?? '').replace(/<[^>]*>/g, '');
    return {
      id: nextId('comment'),
      type: 'Comment',
      author_id: isId(toId(input.author_id)) ? toId(input.author_id) : authorId,
      body,
      html_body:
        input.html_body != null
          ? String(input.html_body)
          : `<div class="zd-comment" dir="auto"><p dir="auto">${escapeHtml(body)}</p></div>`,
      plain_body: body,
      public: input.public === undefined ? true : Boolean(input.public),
      attachments: [],
      audit_id: auditId,
      via: clone(via),
      created_at: createdAt,
      metadata: { system: { client: 'sandbox-zendesk-stand-in' }, custom: {} },
    };
  }

  function makeVoiceComment(vc, { authorId, via, createdAt, auditId }) {
    const lines = [];
    const rel = via?.source?.rel;
    lines.push(
      `${rel === 'outbound' ? 'Outbound call to' : rel === 'voicemail' ? 'Voicemail from' : 'Inbound call from'} ${rel === 'outbound' ? (vc.to ?? '') : (vc.from ?? '')}`.trim(),
    );
    if (vc.started_at != null) lines.push(`Time of call: ${vc.started_at}`);
    if (vc.answered_by_id != null)
      lines.push(`Answered by: ${findUser(toId(vc.answered_by_id))?.name ?? vc.answered_by_id}`);
    if (vc.call_duration != null) lines.push(`Length of phone call: ${vc.call_duration} seconds`);
    if (vc.location) lines.push(`Location: ${vc.location}`);
    if (vc.recording_url) lines.push(`Listen to the recording: ${vc.recording_url}`);
    if (vc.transcription_text) lines.push(`Transcription: ${vc.transcription_text}`);
    const body = lines.join('\n');
    return {
      ...makeComment({ body, public: vc.public ?? false }, { authorId, via, createdAt, auditId }),
      type: 'VoiceComment',
      data: {
        from: vc.from ?? null,
        to: vc.to ?? null,
        recording_url: vc.recording_url ?? null,
        recording_type: vc.recording_type ?? null,
        started_at: vc.started_at ?? null,
        call_duration: vc.call_duration ?? null,
        answered_by_id: toId(vc.answered_by_id) ?? null,
        transcription_text: vc.transcription_text ?? null,
        location: vc.location ?? null,
      },
    };
  }

  function validateComment(comment, field = 'comment') {
    if (!isObject(comment)) return recordInvalid('base', 'Description: cannot be blank', 'BlankValue');
    const text = comment.body ?? comment.html_body;
    if (typeof text !== 'string' || text.trim() === '')
      return recordInvalid(field, 'Comment: cannot be blank', 'BlankValue');
    if (comment.public !== undefined && typeof comment.public !== 'boolean')
      return recordInvalid(field, 'Comment: public must be true or false');
    return null;
  }

  function validateVoiceComment(vc) {
    if (!isObject(vc)) return recordInvalid('voice_comment', 'Voice comment: must be an object');
    if (vc.call_duration != null && !Number.isSafeInteger(Number(vc.call_duration)))
      return recordInvalid('voice_comment', 'Voice comment: call_duration must be an integer (seconds)');
    if (vc.started_at != null && Number.isNaN(Date.parse(vc.started_at)))
      return recordInvalid('voice_comment', 'Voice comment: started_at must be an ISO 8601 time');
    if (vc.answered_by_id != null && !isAgent(toId(vc.answered_by_id)))
      return recordInvalid('voice_comment', 'Voice comment: answered_by_id is not an agent');
    return null;
  }

  // Shared field checks for create and update. Returns an HttpAnswer or null.
  function validateTicketFields(t) {
    if (t.status !== undefined && !STATUSES.includes(t.status))
      return recordInvalid('status', `Status: ${t.status} is not a valid status`);
    if (t.priority !== undefined && t.priority !== null && !PRIORITIES.includes(t.priority))
      return recordInvalid('priority', 'Priority: is invalid');
    if (t.type !== undefined && t.type !== null && !TICKET_TYPES.includes(t.type))
      return recordInvalid('type', 'Type: is invalid');
    if (t.requester_id !== undefined && !findUser(toId(t.requester_id)))
      return recordInvalid('requester', 'Requester: is invalid', 'InvalidValue');
    if (t.submitter_id !== undefined && !findUser(toId(t.submitter_id)))
      return recordInvalid('submitter', 'Submitter: is invalid', 'InvalidValue');
    if (t.assignee_id !== undefined && t.assignee_id !== null && !isAgent(toId(t.assignee_id)))
      return recordInvalid('assignee', 'Assignee: is not an agent', 'InvalidValue');
    if (t.group_id !== undefined && t.group_id !== null && !st.groups.some((g) => g.id === toId(t.group_id)))
      return recordInvalid('group', 'Group: is invalid', 'InvalidValue');
    if (t.tags !== undefined && !Array.isArray(t.tags)) return recordInvalid('tags', 'Tags: must be an array');
    for (const key of ['additional_tags', 'remove_tags'])
      if (t[key] !== undefined && !Array.isArray(t[key])) return recordInvalid('tags', `${key}: must be an array`);
    if (t.custom_fields !== undefined) {
      if (!Array.isArray(t.custom_fields) || !t.custom_fields.every((f) => isObject(f) && isId(toId(f.id)))) {
        return recordInvalid('custom_fields', 'Custom fields: each entry needs a numeric id');
      }
    }
    if (t.subject !== undefined && t.subject !== null && typeof t.subject !== 'string')
      return recordInvalid('subject', 'Subject: must be a string');
    if (
      t.external_id !== undefined &&
      t.external_id !== null &&
      typeof t.external_id !== 'string' &&
      typeof t.external_id !== 'number'
    ) {
      return recordInvalid('external_id', 'External id: must be a string');
    }
    return null;
  }

  function mergeCustomFields(current, updates) {
    const out = current.map((f) => ({ ...f }));
    for (const f of updates) {
      const id = toId(f.id);
      const existing = out.find((x) => x.id === id);
      if (existing) existing.value = f.value ?? null;
      else out.push({ id, value: f.value ?? null });
    }
    return out;
  }

  function newAudit(ticketId, authorId, via, createdAt) {
    return {
      id: nextId('audit'),
      ticket_id: ticketId,
      created_at: createdAt,
      author_id: authorId,
      metadata: { system: { client: 'sandbox-zendesk-stand-in' }, custom: {} },
      via: clone(via),
      events: [],
    };
  }

  function commentEvent(c) {
    return {
      id: c.id,
      type: c.type,
      author_id: c.author_id,
      body: c.body,
      html_body: c.html_body,
      plain_body: c.plain_body,
      public: c.public,
      attachments: [],
      audit_id: c.audit_id,
      ...(c.data ? { data: clone(c.data) } : {}),
    };
  }

  // Create a ticket (POST /tickets and the TPE voice route). `t` is the request's ticket object, already checked.
  function insertTicket(t, via) {
    const createdAt = iso();
    const currentUser = st.current_user_id;
    const id = Math.max(nextId('ticket'), ...st.tickets.map((x) => x.id + 1));
    st.next_ids.ticket = id + 1;
    const requesterId = t.requester_id !== undefined ? toId(t.requester_id) : currentUser;
    const submitterId = t.submitter_id !== undefined ? toId(t.submitter_id) : currentUser;
    const assigneeId = t.assignee_id != null ? toId(t.assignee_id) : null;
    const audit = newAudit(id, submitterId, via, createdAt);
    const comments = [];
    if (t.comment) comments.push(makeComment(t.comment, { authorId: submitterId, via, createdAt, auditId: audit.id }));
    if (t.voice_comment)
      comments.push(makeVoiceComment(t.voice_comment, { authorId: submitterId, via, createdAt, auditId: audit.id }));
    const description = comments[0]?.body ?? '';
    const subject =
      typeof t.subject === 'string' && t.subject !== '' ? t.subject : description.split('\n')[0].slice(0, 150);
    const ticket = {
      id,
      external_id: t.external_id != null ? String(t.external_id) : null,
      via: clone(via),
      created_at: createdAt,
      updated_at: createdAt,
      generated_timestamp: Math.floor(now() / 1000),
      type: t.type ?? null,
      subject,
      raw_subject: subject,
      description,
      priority: t.priority ?? null,
      status: t.status ?? (assigneeId != null ? 'open' : 'new'),
      recipient: null,
      requester_id: requesterId,
      submitter_id: submitterId,
      assignee_id: assigneeId,
      organization_id: null,
      group_id:
        t.group_id != null
          ? toId(t.group_id)
          : assigneeId != null
            ? (findUser(assigneeId)?.default_group_id ?? null)
            : null,
      collaborator_ids: [],
      follower_ids: [],
      email_cc_ids: [],
      forum_topic_id: null,
      problem_id: null,
      has_incidents: false,
      is_public: comments[0]?.public ?? true,
      due_at: t.due_at ?? null,
      tags: normalizeTags([...(t.tags ?? []), ...(t.additional_tags ?? [])]),
      custom_fields: mergeCustomFields([], t.custom_fields ?? []),
      satisfaction_rating: null,
      sharing_agreement_ids: [],
      custom_status_id: null,
      followup_ids: [],
      ticket_form_id: null,
      brand_id: 1,
      allow_channelback: false,
      allow_attachments: true,
      from_messaging_channel: false,
    };
    if (t.via_followup_source_id != null) {
      const source = findTicket(toId(t.via_followup_source_id));
      if (source) source.followup_ids = [...(source.followup_ids ?? []), id];
    }
    st.tickets.push(ticket);
    st.comments[id] = comments;
    for (const field of [
      'subject',
      'status',
      'priority',
      'type',
      'requester_id',
      'assignee_id',
      'group_id',
      'tags',
      'custom_fields',
    ]) {
      if (ticket[field] != null && !(Array.isArray(ticket[field]) && ticket[field].length === 0)) {
        audit.events.push({ id: nextId('audit'), type: 'Create', field_name: field, value: clone(ticket[field]) });
      }
    }
    for (const c of comments) audit.events.push(commentEvent(c));
    return { ticket, audit };
  }

  // ---- handlers: each returns an HttpAnswer; `ctx.changed = true` when state changed. Rule: check everything,
  // then change — a handler that answers ≥ 400 must not have touched `st` (carryOut keeps no copy to roll back). ----
  const handlers = {
    search(ctx) {
      const empty = { results: [], facets: null, next_page: null, previous_page: null, count: 0 };
      const query = (ctx.query.get('query') ?? '').trim();
      let role = null;
      let phone = null;
      for (const token of query.split(/\s+/).filter(Boolean)) {
        const m = /^([a-z_]+):(.*)$/i.exec(token);
        if (!m) return answer(200, empty); // free text: not modelled
        const [, key, value] = m;
        if (key === 'role') role = value;
        else if (key === 'type' && value === 'user') continue;
        else if (key === 'phone') phone = value;
        else return answer(200, empty);
      }
      // `phone:<digits>`: the stored number with every non-digit removed equals the digits;
      // `phone:*<digits>`: it ends with them. Anything else (a `+`, spaces, dashes) matches nothing.
      const term = phone == null ? null : /^(\*?)(\d+)$/.exec(phone);
      if (!term) return answer(200, empty);
      const [, star, digits] = term;
      const found = st.users.filter(
        (u) =>
          (role == null || u.role === role) &&
          phonesOf(u).some((p) => (star ? digitsOf(p).endsWith(digits) : digitsOf(p) === digits)),
      );
      const sortBy = ctx.query.get('sort_by');
      if (sortBy === 'updated_at' || sortBy === 'created_at') {
        const dir = ctx.query.get('sort_order') === 'asc' ? 1 : -1;
        found.sort((a, b) => dir * (a[sortBy] < b[sortBy] ? -1 : a[sortBy] > b[sortBy] ? 1 : a.id - b.id));
      } else {
        found.sort((a, b) => a.id - b.id);
      }
      const page = offsetPage(ctx, found);
      if (page instanceof HttpAnswer) return page;
      return answer(200, {
        results: page.items.map((u) => ({ ...renderUser(ctx, u), result_type: 'user' })),
        facets: null,
        next_page: page.next_page,
        previous_page: page.previous_page,
        count: page.count,
      });
    },

    showUser(ctx) {
      const user = findUser(ctx.params.user_id);
      return user ? answer(200, { user: renderUser(ctx, user) }) : notFound();
    },

    // Creates a user; never touches an existing one (an existing email or external_id is a 422, as in Zendesk).
    createUser(ctx) {
      const u = ctx.body?.user;
      if (!isObject(u)) return parameterMissing('user');
      if (typeof u.name !== 'string' || u.name.trim() === '')
        return recordInvalid('name', 'Name: is too short (minimum one character)', 'BlankValue');
      const role = u.role ?? 'end-user';
      if (!USER_ROLES.includes(role)) return recordInvalid('role', `Role: ${role} is not a valid role`);
      if (u.phone != null && (typeof u.phone !== 'string' || digitsOf(u.phone) === ''))
        return recordInvalid('phone', 'Phone: is invalid');
      if (u.email != null) {
        if (typeof u.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(u.email))
          return recordInvalid('email', `Email: ${u.email} is not properly formatted`);
        if (st.users.some((x) => x.email && x.email.toLowerCase() === u.email.toLowerCase())) {
          return recordInvalid('email', `Email: ${u.email} is already being used by another user`, 'DuplicateValue');
        }
      }
      if (
        u.external_id != null &&
        st.users.some((x) => x.external_id != null && String(x.external_id) === String(u.external_id))
      ) {
        return recordInvalid('external_id', 'External has already been taken', 'DuplicateValue');
      }
      const createdAt = iso();
      const phone = u.phone ?? null;
      const shared = phone != null && st.users.some((x) => phonesOf(x).some((p) => digitsOf(p) === digitsOf(phone)));
      const user = {
        id: Math.max(nextId('user'), ...st.users.map((x) => x.id + 1)),
        name: u.name,
        email: u.email ?? null,
        created_at: createdAt,
        updated_at: createdAt,
        time_zone: u.time_zone ?? 'Pacific Time (US & Canada)',
        iana_time_zone: 'America/Los_Angeles',
        phone,
        shared_phone_number: phone == null ? null : shared,
        photo: null,
        locale_id: 1,
        locale: u.locale ?? 'en-US',
        organization_id: u.organization_id ?? null,
        role,
        verified: Boolean(u.verified),
        external_id: u.external_id != null ? String(u.external_id) : null,
        tags: normalizeTags(Array.isArray(u.tags) ? u.tags : []),
        alias: '',
        active: true,
        shared: false,
        shared_agent: false,
        last_login_at: null,
        two_factor_auth_enabled: null,
        signature: null,
        details: typeof u.details === 'string' ? u.details : '',
        notes: typeof u.notes === 'string' ? u.notes : '',
        role_type: null,
        custom_role_id: null,
        moderator: false,
        ticket_restriction: role === 'end-user' ? 'requested' : null,
        only_private_comments: false,
        restricted_agent: role === 'end-user',
        suspended: false,
        default_group_id: null,
        report_csv: false,
        user_fields: isObject(u.user_fields) ? clone(u.user_fields) : {},
      };
      st.next_ids.user = user.id + 1;
      st.users.push(user);
      ctx.changed = true;
      return answer(201, { user: renderUser(ctx, user) }, { Location: `${ctx.base}/api/v2/users/${user.id}.json` });
    },

    // Email and phone identities, derived from the user's email and phone(s); `type[]=phone_number` filters.
    listIdentities(ctx) {
      const user = findUser(ctx.params.user_id);
      if (!user) return notFound();
      const types = [...ctx.query.getAll('type[]'), ...ctx.query.getAll('type')];
      const identities = [];
      const stamp = { created_at: user.created_at, updated_at: user.updated_at };
      const identityUrl = (id) => `${ctx.base}/api/v2/users/${user.id}/identities/${id}.json`;
      if (user.email) {
        const id = 900000 + user.id * 10;
        identities.push({
          url: identityUrl(id),
          id,
          user_id: user.id,
          type: 'email',
          value: user.email,
          verified: user.verified,
          primary: true,
          deliverable_state: 'deliverable',
          undeliverable_count: 0,
          verification_method: user.verified ? 'full' : 'none',
          verified_at: null,
          ...stamp,
        });
      }
      phonesOf(user).forEach((value, i) => {
        const id = 900000 + user.id * 10 + 1 + i;
        identities.push({
          url: identityUrl(id),
          id,
          user_id: user.id,
          type: 'phone_number',
          value,
          verified: user.verified,
          primary: i === 0,
          undeliverable_count: 0,
          verification_method: user.verified ? 'full' : 'none',
          verified_at: null,
          ...stamp,
        });
      });
      const list = types.length ? identities.filter((x) => types.includes(x.type)) : identities;
      return answer(200, { identities: list, next_page: null, previous_page: null, count: list.length });
    },

    requestedTickets(ctx) {
      const user = findUser(ctx.params.user_id);
      if (!user) return notFound();
      const sortBy = ['id', 'created_at', 'updated_at', 'status', 'subject'].includes(ctx.query.get('sort_by'))
        ? ctx.query.get('sort_by')
        : 'id';
      const dir = ctx.query.get('sort_order') === 'desc' ? -1 : 1;
      const keyOf = (t) => (sortBy === 'status' ? STATUSES.indexOf(t.status) : t[sortBy]);
      const keyFor = (x) => (x.__key !== undefined ? x.__key : keyOf(x));
      const cmp = (a, b) => {
        const ka = keyFor(a);
        const kb = keyFor(b);
        const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
        return dir * c;
      };
      const tickets = st.tickets.filter((t) => t.requester_id === user.id).sort(cmp);
      const cursorKeys = [...ctx.query.keys()].filter((k) => k.startsWith('page['));
      let page;
      if (cursorKeys.length) {
        if (ctx.query.has('page'))
          return badPagination(
            'Use either offset pagination (page) or cursor pagination (page[size], page[after], page[before]), not both',
          );
        try {
          page = cursorPage(ctx, tickets, cmp, keyOf);
        } catch (err) {
          if (err instanceof HttpAnswer) return err;
          throw err;
        }
        if (page instanceof HttpAnswer) return page;
        return answer(200, {
          tickets: page.items.map((t) => renderTicket(ctx, t)),
          ...sideloads(ctx, page.items),
          meta: page.meta,
          links: page.links,
        });
      }
      page = offsetPage(ctx, tickets);
      return ticketsAnswer(ctx, page);
    },

    // ListTickets. `external_id`: every ticket carrying it (Zendesk does not keep external ids unique); without it,
    // every ticket. Offset pagination, ascending id.
    listTickets(ctx) {
      const externalId = ctx.query.get('external_id');
      const tickets = st.tickets
        .filter((t) => externalId == null || t.external_id === externalId)
        .sort((a, b) => a.id - b.id);
      const page = offsetPage(ctx, tickets);
      return ticketsAnswer(ctx, page);
    },

    showTicket(ctx) {
      const ticket = findTicket(ctx.params.ticket_id);
      if (!ticket) return notFound();
      return answer(200, { ticket: renderTicket(ctx, ticket), ...sideloads(ctx, [ticket]) });
    },

    createTicket(ctx) {
      const t = ctx.body?.ticket;
      if (!isObject(t)) return parameterMissing('ticket');
      const problem =
        validateComment(t.comment) ??
        validateTicketFields(t) ??
        (t.voice_comment !== undefined ? validateVoiceComment(t.voice_comment) : null);
      if (problem) return problem;
      const { ticket, audit } = insertTicket(t, { channel: 'api', source: { from: {}, to: {}, rel: null } });
      ctx.changed = true;
      return answer(
        201,
        { ticket: renderTicket(ctx, ticket), audit },
        { Location: `${ctx.base}/api/v2/tickets/${ticket.id}.json` },
      );
    },

    updateTicket(ctx) {
      const ticket = findTicket(ctx.params.ticket_id);
      if (!ticket) return notFound();
      const t = ctx.body?.ticket;
      if (!isObject(t)) return parameterMissing('ticket');
      if (ticket.status === 'closed') {
        return answer(422, {
          error: 'RecordInvalid',
          description: 'Status: closed prevents ticket update',
          details: {
            status: [{ description: 'Status: closed prevents ticket update', error: 'ClosedPreventsUpdate' }],
          },
        });
      }
      if (
        t.safe_update === true &&
        t.updated_stamp !== undefined &&
        Date.parse(t.updated_stamp) !== Date.parse(ticket.updated_at)
      ) {
        return answer(409, {
          error: 'UpdateConflict',
          description:
            'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
        });
      }
      const problem =
        (t.comment !== undefined ? validateComment(t.comment) : null) ??
        validateTicketFields(t) ??
        (t.voice_comment !== undefined ? validateVoiceComment(t.voice_comment) : null);
      if (problem) return problem;

      const updatedAt = iso();
      const via = { channel: 'api', source: { from: {}, to: {}, rel: null } };
      const audit = newAudit(ticket.id, st.current_user_id, via, updatedAt);
      const change = (field, value) => {
        const previous = ticket[field];
        if (JSON.stringify(previous) === JSON.stringify(value)) return;
        ticket[field] = value;
        audit.events.push({
          id: nextId('audit'),
          type: 'Change',
          field_name: field,
          value: clone(value),
          previous_value: clone(previous),
        });
      };
      if (t.subject !== undefined) {
        change('subject', t.subject ?? '');
        ticket.raw_subject = ticket.subject;
      }
      for (const field of ['priority', 'type', 'due_at']) if (t[field] !== undefined) change(field, t[field]);
      if (t.external_id !== undefined) change('external_id', t.external_id == null ? null : String(t.external_id));
      if (t.requester_id !== undefined) change('requester_id', toId(t.requester_id));
      if (t.group_id !== undefined) change('group_id', t.group_id == null ? null : toId(t.group_id));
      if (t.assignee_id !== undefined) change('assignee_id', t.assignee_id == null ? null : toId(t.assignee_id));
      if (t.status !== undefined) change('status', t.status);
      else if (ticket.status === 'new' && ticket.assignee_id != null) change('status', 'open'); // assigning opens a new ticket
      if (t.tags !== undefined) change('tags', normalizeTags(t.tags));
      if (t.additional_tags !== undefined) change('tags', normalizeTags([...ticket.tags, ...t.additional_tags]));
      if (t.remove_tags !== undefined) {
        const remove = normalizeTags(t.remove_tags);
        change(
          'tags',
          ticket.tags.filter((x) => !remove.includes(x)),
        );
      }
      if (t.custom_fields !== undefined)
        change('custom_fields', mergeCustomFields(ticket.custom_fields ?? [], t.custom_fields));
      const comments = st.comments[ticket.id] ?? (st.comments[ticket.id] = []);
      if (t.comment !== undefined) {
        const c = makeComment(t.comment, {
          authorId: st.current_user_id,
          via,
          createdAt: updatedAt,
          auditId: audit.id,
        });
        comments.push(c);
        audit.events.push(commentEvent(c));
      }
      if (t.voice_comment !== undefined) {
        const c = makeVoiceComment(t.voice_comment, {
          authorId: st.current_user_id,
          via: {
            channel: 'voice',
            source: {
              from: { phone: t.voice_comment.from ?? null },
              to: { phone: t.voice_comment.to ?? null },
              rel: null,
            },
          },
          createdAt: updatedAt,
          auditId: audit.id,
        });
        comments.push(c);
        audit.events.push(commentEvent(c));
      }
      ticket.updated_at = updatedAt;
      ticket.generated_timestamp = Math.floor(now() / 1000);
      ctx.changed = true;
      return answer(200, { ticket: renderTicket(ctx, ticket), audit });
    },

    listComments(ctx) {
      const ticket = findTicket(ctx.params.ticket_id);
      if (!ticket) return notFound();
      // Offset pagination (`per_page` ≤ 100, `page`) over the comments oldest first, or newest first with
      // sort_order=desc (so a client checking its last writes reads one page).
      const comments = clone(st.comments[ticket.id] ?? []);
      if (ctx.query.get('sort_order') === 'desc') comments.reverse();
      const page = offsetPage(ctx, comments);
      if (page instanceof HttpAnswer) return page;
      const include = String(ctx.query.get('include') ?? '').split(',');
      const users = include.includes('users')
        ? {
            users: [...new Set(page.items.map((c) => c.author_id))]
              .map(findUser)
              .filter(Boolean)
              .map((u) => renderUser(ctx, u)),
          }
        : {};
      return answer(200, {
        comments: page.items,
        ...users,
        next_page: page.next_page,
        previous_page: page.previous_page,
        count: page.count,
      });
    },

    // Talk Partner Edition: a ticket with a voice comment. `display_to_agent` is checked before anything is created.
    createVoiceTicket(ctx) {
      if (!isObject(ctx.body)) return parameterMissing('ticket');
      const { display_to_agent: displayTo } = ctx.body;
      const t = ctx.body.ticket;
      if (displayTo !== undefined && displayTo !== null && !isAgent(toId(displayTo))) {
        return recordInvalid(
          'display_to_agent',
          'display_to_agent: is not a valid agent',
          'InvalidValue',
          'display_to_agent is invalid',
        );
      }
      if (!isObject(t)) return parameterMissing('ticket');
      const viaId = toId(t.via_id);
      if (!VOICE_VIA[viaId])
        return recordInvalid(
          'via_id',
          'Via: via_id is required and must be 44 (voicemail), 45 (inbound call) or 46 (outbound call)',
          'InvalidValue',
        );
      if (viaId === 44 && t.voice_comment == null)
        return recordInvalid(
          'voice_comment',
          'Voice comment: is required for a voicemail ticket (via_id 44)',
          'BlankValue',
        );
      if (t.comment == null && t.voice_comment == null)
        return recordInvalid('base', 'Description: cannot be blank', 'BlankValue');
      const problem =
        (t.comment != null ? validateComment(t.comment) : null) ??
        validateTicketFields(t) ??
        (t.voice_comment != null ? validateVoiceComment(t.voice_comment) : null);
      if (problem) return problem;
      const vc = t.voice_comment ?? {};
      const rel = VOICE_VIA[viaId];
      const via = { channel: 'voice', source: { from: { phone: vc.from ?? null }, to: { phone: vc.to ?? null }, rel } };
      const { ticket } = insertTicket(t, via);
      ctx.changed = true;
      if (displayTo != null)
        ctx.event = {
          type: 'displayed_to_agent',
          agent_id: toId(displayTo),
          ticket_id: ticket.id,
          via: 'display_to_agent',
        };
      return answer(
        201,
        { ticket: renderTicket(ctx, ticket) },
        { Location: `${ctx.base}/api/v2/tickets/${ticket.id}.json` },
      );
    },

    displayTicket(ctx) {
      const { agent_id: agentId, ticket_id: ticketId } = ctx.params;
      if (!isAgent(agentId) || !findTicket(ticketId)) return notFound();
      ctx.event = { type: 'displayed_to_agent', agent_id: agentId, ticket_id: ticketId };
      return answer(200, {});
    },

    displayUser(ctx) {
      const { agent_id: agentId, user_id: userId } = ctx.params;
      if (!isAgent(agentId) || !findUser(userId)) return notFound();
      ctx.event = { type: 'displayed_to_agent', agent_id: agentId, user_id: userId };
      return answer(200, {});
    },

    showJobStatus(ctx) {
      const job = (st.job_statuses ?? []).find((j) => j.id === ctx.params.job_status_id);
      if (!job) return notFound();
      return answer(200, { job_status: { ...clone(job), url: `${ctx.base}/api/v2/job_statuses/${job.id}.json` } });
    },
  };

  function send(res, result, extraHeaders = {}) {
    const payload = JSON.stringify(result.body);
    res.writeHead(result.status, {
      'Content-Type': JSON_TYPE,
      'Content-Length': Buffer.byteLength(payload),
      ...result.headers,
      ...extraHeaders,
    });
    res.end(payload);
  }

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
      body,
      base: originOf(req),
      changed: false,
      event: null,
    };
    let result;
    try {
      result = handlers[match.route.handler](ctx);
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

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);

    let result;
    let extraHeaders = {};
    const rate = faults.rate429;
    const s500 = faults.status500;
    const drop = faults.dropResponse;
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
        result = answer(500, { error: 'InternalServerError', description: 'Something went wrong (sandbox fault)' });
      } else {
        result = carryOut({ req, url, method, pathname, body, malformed, entry });
        fail500 = hit500;
      }
    }
    if (fail500) {
      entry.appliedStatus = result.status;
      result = answer(500, { error: 'InternalServerError', description: 'Something went wrong (sandbox fault)' });
      extraHeaders = {};
    }
    entry.status = result.status;
    // dropResponse: whatever was decided (and done) stands, but the connection closes without an answer; the
    // client sees a network error. `status` in the log is the answer that was never delivered.
    if (hits(drop, method, pathname)) {
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
     * Every /api/v2 request received, in order: {at, method, url, status, body[, event][, appliedStatus][, dropped]}.
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
     * `match` (string contained in, or RegExp tested against, "METHOD /path") limits a fault to some requests;
     * the every-Nth count runs over the matching requests since the fault was set. Keys left out keep their value.
     */
    setFaults(next = {}) {
      faults = {
        rate429: 'rate429' in next ? checkFault(next.rate429, 'rate429') : faults.rate429,
        status500: 'status500' in next ? checkFault(next.status500, 'status500') : faults.status500,
        dropResponse: 'dropResponse' in next ? checkFault(next.dropResponse, 'dropResponse') : faults.dropResponse,
        latencyMs: 'latencyMs' in next ? Math.max(0, Number(next.latencyMs) || 0) : faults.latencyMs,
        accountLimit: 'accountLimit' in next ? checkAccountLimit(next.accountLimit) : faults.accountLimit,
      };
    },
    /** A copy of the data: users, tickets, comments (by ticket id), groups, job statuses. */
    state: () => clone(st),
    /** Back to the seed (and the state file rewritten); faults off, log cleared. */
    reset() {
      st = clone(pristine);
      faults = { ...NO_FAULTS };
      entries = [];
      persist();
    },
  };
}
