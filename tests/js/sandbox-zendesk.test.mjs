// The sandbox's Zendesk REST stand-in (sandbox/zendesk/stand-in.mjs), over real HTTP.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZendeskStandIn, STAND_IN_ROUTES } from '../../sandbox/zendesk/stand-in.mjs';
import { defaultSeed } from '../../sandbox/zendesk/seed.mjs';
import { documentedOperation, KNOWN_MISSING_FROM_STORED_OAS } from './helpers/openapi.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/zendesk');
const fixture = (name) => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
const START = Date.parse('2026-11-22T10:00:00Z');

// A stand-in behind a real server on port 0; `clock.ms` drives its `now`.
async function serve(options = {}) {
  const clock = { ms: START };
  const zd = createZendeskStandIn({ now: () => clock.ms, ...options });
  const server = http.createServer(async (req, res) => {
    if (!(await zd.handle(req, res))) {
      res.writeHead(418, { 'Content-Type': 'text/plain' });
      res.end('not the stand-in');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  async function call(method, url, body, headers = {}) {
    const init = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(url.startsWith('http') ? url : origin + url, init);
    const text = await res.text();
    const json = res.headers.get('content-type')?.startsWith('application/json') && text ? JSON.parse(text) : null;
    return { status: res.status, headers: res.headers, json, text };
  }
  const close = () => new Promise((resolve) => server.close(resolve));
  return { zd, clock, origin, call, close };
}

async function withStandIn(t, options, fn) {
  const s = await serve(options);
  t.after(s.close);
  return fn(s);
}

const searchPath = (q) => `/api/v2/search.json?query=${encodeURIComponent(q)}`;
const ids = (list) => list.map((x) => x.id);

test('phone search: "*<digits>" matches stored numbers whose digits end with them, in any format', (t) =>
  withStandIn(t, {}, async ({ call }) => {
    const both = await call('GET', searchPath('role:end-user phone:*4155550100'));
    assert.equal(both.status, 200);
    assert.equal(both.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(ids(both.json.results), [7, 8]);
    assert.deepEqual(
      both.json.results.map((u) => u.phone),
      ['+1 415 555 0100', '(415) 555-0100'],
    );
    assert.ok(both.json.results.every((u) => u.result_type === 'user' && u.role === 'end-user'));
    assert.equal(both.json.count, 2);
    assert.equal(both.json.next_page, null);
    assert.equal(both.json.previous_page, null);
    assert.equal(both.json.facets, null);

    // A different number, and a near miss, find neither.
    assert.deepEqual(ids((await call('GET', searchPath('role:end-user phone:*4155550199'))).json.results), [12]);
    assert.deepEqual((await call('GET', searchPath('role:end-user phone:*4155550101'))).json.results, []);
    // Without the star, the digits must be the whole number.
    assert.deepEqual(ids((await call('GET', searchPath('role:end-user phone:4155550100'))).json.results), [8]);
    assert.deepEqual(ids((await call('GET', searchPath('role:end-user phone:14155550100'))).json.results), [7]);
    // Zendesk wants digits only: a `+` or spaces match nothing here; other queries give nothing.
    assert.equal((await call('GET', searchPath('role:end-user phone:+14155550100'))).json.count, 0);
    assert.equal((await call('GET', searchPath('Ada Lovelace'))).json.count, 0);
    // The role filter applies: the agent has no phone, and no end user is an agent.
    assert.equal((await call('GET', searchPath('role:agent phone:*4155550100'))).json.count, 0);
    // A second phone identity is searched too; the `.json` suffix is optional.
    const second = await call('GET', `/api/v2/search?query=${encodeURIComponent('role:end-user phone:*17155502233')}`);
    assert.deepEqual(ids(second.json.results), [10]);
  }));

test('search results carry the fields of the recorded fixture', (t) =>
  withStandIn(t, {}, async ({ call }) => {
    const recorded = fixture('search-two-contacts.json');
    const live = (await call('GET', searchPath('role:end-user phone:*4155550100'))).json;
    assert.deepEqual(Object.keys(live).sort(), Object.keys(recorded).sort());
    for (const [i, r] of recorded.results.entries()) {
      for (const key of Object.keys(r)) assert.ok(key in live.results[i], `result ${i} has ${key}`);
    }
    const user7 = fixture('user-7.json').user;
    const shown = (await call('GET', '/api/v2/users/7.json')).json.user;
    for (const [key, value] of Object.entries(user7)) {
      if (key !== 'url') assert.deepEqual(shown[key], value, `user 7 ${key}`);
    }
    assert.match(shown.url, /\/api\/v2\/users\/7\.json$/);
  }));

test("a contact's requested tickets: sorted desc by updated_at, offset and cursor pagination", (t) =>
  withStandIn(t, {}, async ({ call, origin }) => {
    const all = await call(
      'GET',
      '/api/v2/users/7/tickets/requested.json?sort_by=updated_at&sort_order=desc&per_page=100',
    );
    assert.equal(all.status, 200);
    const updated = all.json.tickets.map((x) => x.updated_at);
    assert.deepEqual(updated, [...updated].sort().reverse());
    assert.deepEqual(ids(all.json.tickets), [43, 41, 42, 44, 39, 46, 50, 45]);
    assert.equal(all.json.count, 8);
    assert.equal(all.json.next_page, null);
    // Every status is represented.
    assert.deepEqual([...new Set(all.json.tickets.map((x) => x.status))].sort(), [
      'closed',
      'hold',
      'new',
      'open',
      'pending',
      'solved',
    ]);

    // Default order is ascending (by id when sort_by is absent).
    const asc = await call('GET', '/api/v2/users/7/tickets/requested');
    assert.deepEqual(ids(asc.json.tickets), [39, 41, 42, 43, 44, 45, 46, 50]);

    // Offset: page 2 of 3.
    const offset = await call(
      'GET',
      '/api/v2/users/7/tickets/requested.json?sort_by=updated_at&sort_order=desc&per_page=3&page=2',
    );
    assert.deepEqual(ids(offset.json.tickets), [44, 39, 46]);
    assert.match(offset.json.next_page, /page=3/);
    assert.match(offset.json.previous_page, /page=1/);

    // Cursor: follow links.next to the end, then links.prev back.
    let url = '/api/v2/users/7/tickets/requested.json?sort_by=updated_at&sort_order=desc&page[size]=3';
    const pages = [];
    for (let guard = 0; url && guard < 10; guard++) {
      const page = await call('GET', url);
      assert.equal(page.status, 200);
      assert.deepEqual(Object.keys(page.json.meta).sort(), ['after_cursor', 'before_cursor', 'has_more']);
      pages.push(page.json);
      url = page.json.meta.has_more ? page.json.links.next : null;
      if (url) assert.ok(url.startsWith(origin) && url.includes('page[after]='), url);
    }
    assert.deepEqual(
      pages.map((p) => ids(p.tickets)),
      [
        [43, 41, 42],
        [44, 39, 46],
        [50, 45],
      ],
    );
    assert.equal(pages[0].links.prev, null);
    assert.equal(pages[2].links.next, null);
    const back = await call('GET', pages[2].links.prev);
    assert.deepEqual(ids(back.json.tickets), [44, 39, 46]);

    // Mixing the two styles, a bad cursor and an oversized page are refused; an unknown user is 404.
    assert.equal((await call('GET', '/api/v2/users/7/tickets/requested?page=1&page[size]=2')).status, 400);
    assert.equal(
      (await call('GET', '/api/v2/users/7/tickets/requested?page[size]=2&page[after]=nonsense')).status,
      400,
    );
    assert.equal((await call('GET', '/api/v2/users/7/tickets/requested?page[size]=101')).status, 400);
    assert.equal((await call('GET', '/api/v2/users/999/tickets/requested')).json.error, 'RecordNotFound');

    // Shape of the recorded fixture.
    const recorded = fixture('tickets-requested-7.json').tickets[0];
    for (const key of Object.keys(recorded)) assert.ok(key in all.json.tickets[0], `ticket has ${key}`);
  }));

test('show ticket with include=users sideloads requester, submitter and assignee', (t) =>
  withStandIn(t, {}, async ({ call }) => {
    const res = await call('GET', '/api/v2/tickets/42.json?include=users');
    assert.equal(res.status, 200);
    const recorded = fixture('ticket-42-with-users.json');
    for (const key of Object.keys(recorded.ticket)) {
      if (key !== 'url' && key !== 'tags')
        assert.deepEqual(res.json.ticket[key], recorded.ticket[key], `ticket ${key}`);
    }
    assert.deepEqual(res.json.ticket.tags, ['ccaas', 'ccaas_voice', 'ccaas_queue_billing', 'voice_inbound_ivr']);
    assert.deepEqual(ids(res.json.users), [7, 5]);
    assert.deepEqual(
      res.json.users.map((u) => u.role),
      ['end-user', 'agent'],
    );
    // Without include, no sideload; an unknown ticket is 404.
    assert.equal('users' in (await call('GET', '/api/v2/tickets/42')).json, false);
    const missing = await call('GET', '/api/v2/tickets/999.json');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { error: 'RecordNotFound', description: 'Not found' });
  }));

test('create ticket → show round-trip, with Location, audit and the first comment', (t) =>
  withStandIn(t, {}, async ({ call, origin, zd }) => {
    const created = await call('POST', '/api/v2/tickets.json', {
      ticket: {
        subject: 'Inbound call +1 415 555 0100',
        requester_id: 7,
        assignee_id: 5,
        external_id: 'call-77',
        tags: ['ccaas', 'ccaas_voice'],
        custom_fields: [{ id: 360001, value: '+14155550100' }],
        comment: { body: 'Call 00:02:13 from +14155550100', public: false },
      },
    });
    assert.equal(created.status, 201);
    const ticket = created.json.ticket;
    assert.equal(created.headers.get('location'), `${origin}/api/v2/tickets/${ticket.id}.json`);
    assert.equal(created.json.audit.ticket_id, ticket.id);
    assert.ok(created.json.audit.events.some((e) => e.type === 'Comment' && e.public === false));
    assert.equal(ticket.status, 'open'); // assigned on creation
    assert.equal(ticket.created_at, '2026-11-22T10:00:00Z');

    const shown = await call('GET', `/api/v2/tickets/${ticket.id}.json?include=users`);
    assert.deepEqual(shown.json.ticket, ticket);
    assert.equal(shown.json.ticket.subject, 'Inbound call +1 415 555 0100');
    assert.equal(shown.json.ticket.external_id, 'call-77');
    assert.equal(shown.json.ticket.description, 'Call 00:02:13 from +14155550100');
    assert.deepEqual(shown.json.ticket.custom_fields, [{ id: 360001, value: '+14155550100' }]);
    assert.deepEqual(ids(shown.json.users), [7, 5]);

    const comments = await call('GET', `/api/v2/tickets/${ticket.id}/comments.json`);
    assert.equal(comments.json.comments.length, 1);
    assert.equal(comments.json.comments[0].public, false);
    assert.equal(comments.json.comments[0].body, 'Call 00:02:13 from +14155550100');
    assert.ok(zd.state().tickets.some((x) => x.id === ticket.id));

    // A create without a comment is refused, and creates nothing.
    const before = zd.state().tickets.length;
    const refused = await call('POST', '/api/v2/tickets', { ticket: { subject: 'no comment' } });
    assert.equal(refused.status, 422);
    assert.equal(refused.json.error, 'RecordInvalid');
    assert.equal(zd.state().tickets.length, before);
  }));

test('update ticket: appends a comment, merges custom fields by id, replaces tags, bumps updated_at', (t) =>
  withStandIn(t, {}, async ({ call, clock }) => {
    const before = (await call('GET', '/api/v2/tickets/42/comments')).json.comments.length;
    clock.ms += 60_000;
    const res = await call('PUT', '/api/v2/tickets/42.json', {
      ticket: {
        status: 'open',
        tags: ['ccaas', 'cti_call'],
        custom_fields: [
          { id: 360002, value: '133' },
          { id: 360003, value: 'billing' },
        ],
        comment: { body: 'Call 00:02:13 from +15551234567', public: false },
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.ticket.status, 'open');
    assert.deepEqual(res.json.ticket.tags, ['ccaas', 'cti_call']);
    assert.deepEqual(res.json.ticket.custom_fields, [
      { id: 360001, value: '+1 415 555 0111' },
      { id: 360002, value: '133' },
      { id: 360003, value: 'billing' },
    ]);
    assert.equal(res.json.ticket.updated_at, '2026-11-22T10:01:00Z');
    assert.ok(
      res.json.audit.events.some(
        (e) => e.type === 'Change' && e.field_name === 'status' && e.previous_value === 'pending',
      ),
    );
    const comments = (await call('GET', '/api/v2/tickets/42/comments')).json.comments;
    assert.equal(comments.length, before + 1);
    assert.deepEqual([comments.at(-1).body, comments.at(-1).public], ['Call 00:02:13 from +15551234567', false]);

    // safe_update with a stale stamp is a conflict.
    const stale = await call('PUT', '/api/v2/tickets/42', {
      ticket: { status: 'pending', safe_update: true, updated_stamp: '2026-11-20T09:30:00Z' },
    });
    assert.equal(stale.status, 409);
    // An assignee who is not an agent is refused.
    assert.equal((await call('PUT', '/api/v2/tickets/42', { ticket: { assignee_id: 7 } })).status, 422);
  }));

test('closed tickets (also the merged one) refuse updates with 422 and stay unchanged', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    const merged = (await call('GET', '/api/v2/tickets/46')).json.ticket;
    assert.equal(merged.status, 'closed');
    assert.ok(merged.tags.includes('closed_by_merge'));
    for (const id of [45, 46]) {
      const before = zd.state();
      const res = await call('PUT', `/api/v2/tickets/${id}.json`, {
        ticket: { comment: { body: 'late note', public: false }, status: 'open' },
      });
      assert.equal(res.status, 422);
      assert.equal(res.json.error, 'RecordInvalid');
      assert.equal(res.json.description, 'Status: closed prevents ticket update');
      assert.deepEqual(zd.state().tickets, before.tickets);
      assert.deepEqual(zd.state().comments, before.comments);
    }
  }));

test('merge (TR-9, D444): sources closed with closed_by_merge and a comment naming the target, which names them back', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    assert.equal((await call('POST', '/api/v2/tickets/42/merge.json', {})).status, 400); // ids are required
    assert.equal((await call('POST', '/api/v2/tickets/42/merge.json', { ids: [42] })).status, 422); // not into itself
    assert.equal((await call('POST', '/api/v2/tickets/42/merge.json', { ids: [46] })).status, 422); // closed already
    const before = zd.state().comments[42]?.length ?? 0;
    const res = await call('POST', '/api/v2/tickets/42/merge.json', { ids: [50] });
    assert.equal(res.status, 200);
    assert.equal(res.json.job_status.status, 'completed');
    assert.deepEqual(res.json.job_status.results, [{ action: 'merge', id: 50, status: 'Merged', success: true }]);
    const source = (await call('GET', '/api/v2/tickets/50')).json.ticket;
    assert.equal(source.status, 'closed');
    assert.ok(source.tags.includes('closed_by_merge'));
    const newest = (await call('GET', '/api/v2/tickets/50/comments.json?sort_order=desc')).json.comments[0];
    assert.match(newest.plain_body, /merged into request #42 /);
    assert.equal(newest.public, false);
    const target = zd.state().comments[42];
    assert.equal(target.length, before + 1);
    assert.match(target.at(-1).body, /^Request #50 ".*" was closed and merged into this request\.$/);
    const late = await call('PUT', '/api/v2/tickets/50.json', { ticket: { comment: { body: 'late', public: false } } });
    assert.equal(late.status, 422); // a merged ticket refuses updates: how a client finds out
    const job = await call('GET', `/api/v2/job_statuses/${res.json.job_status.id}.json`);
    assert.equal(job.json.job_status.job_type, 'TicketMergeJob');
  }));

test('TPE voice tickets: via_id is required; the voice comment is stored; display_to_agent pops', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    const count = zd.state().tickets.length;
    const noVia = await call('POST', '/api/v2/channels/voice/tickets.json', {
      ticket: { comment: { body: 'Call' }, requester_id: 7 },
    });
    assert.equal(noVia.status, 422);
    const badVia = await call('POST', '/api/v2/channels/voice/tickets.json', {
      ticket: { via_id: 4, comment: { body: 'Call' } },
    });
    assert.equal(badVia.status, 422);
    const voicemailWithoutComment = await call('POST', '/api/v2/channels/voice/tickets', {
      ticket: { via_id: 44, comment: { body: 'VM' } },
    });
    assert.equal(voicemailWithoutComment.status, 422);
    const badDisplay = await call('POST', '/api/v2/channels/voice/tickets', {
      display_to_agent: 7,
      ticket: { via_id: 45, comment: { body: 'Call' } },
    });
    assert.equal(badDisplay.status, 422);
    assert.equal(zd.state().tickets.length, count);

    const res = await call('POST', '/api/v2/channels/voice/tickets.json', {
      display_to_agent: 5,
      ticket: {
        via_id: 45,
        requester_id: 7,
        subject: 'Inbound call +14155550100',
        tags: ['ccaas', 'ccaas_voice'],
        comment: { body: 'Inbound call', public: false },
        voice_comment: {
          from: '+14155550100',
          to: '+14155550000',
          recording_url: 'https://recordings.example.com/1.mp3',
          started_at: '2026-11-22T09:55:00Z',
          call_duration: 40,
          answered_by_id: 5,
          location: 'San Francisco, CA',
        },
      },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.json), ['ticket']);
    assert.equal(res.json.ticket.via.channel, 'voice');
    assert.equal(res.json.ticket.via.source.rel, 'inbound');
    const comments = (await call('GET', `/api/v2/tickets/${res.json.ticket.id}/comments`)).json.comments;
    assert.deepEqual(
      comments.map((c) => c.type),
      ['Comment', 'VoiceComment'],
    );
    assert.equal(comments[1].data.call_duration, 40);
    assert.equal(comments[1].data.recording_url, 'https://recordings.example.com/1.mp3');
    assert.deepEqual(zd.displays(), [
      { type: 'displayed_to_agent', agent_id: 5, ticket_id: res.json.ticket.id, via: 'display_to_agent' },
    ]);
  }));

test('TPE display: 200 {} when agent and ticket/user exist, 404 otherwise; pops are logged', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    const ok = await call('POST', '/api/v2/channels/voice/agents/5/tickets/42/display.json');
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json, {});
    assert.equal(ok.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal((await call('POST', '/api/v2/channels/voice/agents/5/users/7/display')).status, 200);
    assert.equal((await call('POST', '/api/v2/channels/voice/agents/5/tickets/999/display.json')).status, 404);
    assert.equal((await call('POST', '/api/v2/channels/voice/agents/7/tickets/42/display.json')).status, 404); // 7 is no agent
    assert.equal((await call('POST', '/api/v2/channels/voice/agents/999/users/7/display.json')).status, 404);
    assert.deepEqual(zd.displays(), [
      { type: 'displayed_to_agent', agent_id: 5, ticket_id: 42 },
      { type: 'displayed_to_agent', agent_id: 5, user_id: 7 },
    ]);
    const log = zd.log();
    assert.deepEqual(
      log.map((e) => e.status),
      [200, 200, 404, 404, 404],
    );
    assert.equal(log[0].method, 'POST');
    assert.equal(log[0].url, '/api/v2/channels/voice/agents/5/tickets/42/display.json');
    assert.equal(log[0].at, START);
    assert.deepEqual(log[0].event, { type: 'displayed_to_agent', agent_id: 5, ticket_id: 42 });
    zd.clearLog();
    assert.deepEqual(zd.log(), []);
  }));

test('faults: every Nth request answers 429 with Retry-After, or 500; latency delays answers', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    zd.setFaults({ rate429: { everyNth: 2, retryAfterSec: 7 } });
    const first = await call('GET', '/api/v2/users/7.json');
    const second = await call('PUT', '/api/v2/tickets/42.json', {
      ticket: { comment: { body: 'throttled', public: false } },
    });
    assert.equal(first.status, 200);
    assert.equal(second.status, 429);
    assert.equal(second.headers.get('retry-after'), '7');
    assert.equal(second.json.error, 'TooManyRequests');
    assert.equal(second.headers.get('content-type'), 'application/json; charset=utf-8');
    // The throttled write did nothing, and is in the log.
    assert.ok(!zd.state().comments[42].some((c) => c.body === 'throttled'));
    assert.deepEqual(
      zd.log().map((e) => e.status),
      [200, 429],
    );
    assert.deepEqual(zd.log()[1].body, { ticket: { comment: { body: 'throttled', public: false } } });

    // A fault can be limited to some requests.
    zd.setFaults({ rate429: { everyNth: 1, retryAfterSec: 3, match: 'PUT /api/v2/tickets/' } });
    assert.equal((await call('GET', '/api/v2/tickets/42')).status, 200);
    assert.equal((await call('PUT', '/api/v2/tickets/42', { ticket: { status: 'open' } })).status, 429);

    zd.setFaults({ rate429: null, status500: { everyNth: 1 } });
    const broken = await call('GET', '/api/v2/tickets/42');
    assert.equal(broken.status, 500);
    zd.setFaults({ status500: null, latencyMs: 60 });
    const started = Date.now();
    assert.equal((await call('GET', '/api/v2/tickets/42')).status, 200);
    assert.ok(Date.now() - started >= 50);
    zd.setFaults({ latencyMs: 0 });
  }));

test('a write refused by the route changes nothing, however late in the checks it fails', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    const refused = [
      ['POST', '/api/v2/users.json', { user: { name: 'Dup', phone: '+15550001111', email: 'ada@example.com' } }, 422],
      [
        'POST',
        '/api/v2/tickets.json',
        { ticket: { subject: 's', comment: { body: 'b' }, tags: ['x'], assignee_id: 7 } },
        422,
      ],
      ['PUT', '/api/v2/tickets/42.json', { ticket: { comment: { body: 'note' }, tags: ['x'], status: 'bogus' } }, 422],
      [
        'PUT',
        '/api/v2/tickets/42.json',
        { ticket: { comment: { body: 'note' }, safe_update: true, updated_stamp: '2020-01-01T00:00:00Z' } },
        409,
      ],
      [
        'POST',
        '/api/v2/channels/voice/tickets.json',
        { ticket: { via_id: 45, comment: { body: 'c' }, voice_comment: { from: '+1', answered_by_id: 7 } } },
        422,
      ],
    ];
    const before = zd.state();
    for (const [method, url, body, status] of refused) {
      assert.equal((await call(method, url, body)).status, status, `${method} ${url}`);
      assert.deepEqual(zd.state(), before, `${method} ${url} ${JSON.stringify(body)} changed nothing`);
    }
  }));

test('faults: status500 {applied: true} carries the write out, then answers 500; a plain status500 changes nothing', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    assert.throws(() => zd.setFaults({ status500: { everyNth: 1, applied: 'yes' } }), /applied/);
    const put = (body) => call('PUT', '/api/v2/tickets/42.json', { ticket: { comment: { body, public: false } } });
    const bodies = () => zd.state().comments[42].map((c) => c.body);
    zd.setFaults({ status500: { everyNth: 1, match: 'PUT ' } });
    assert.equal((await put('refused')).status, 500);
    assert.ok(!bodies().includes('refused'));
    assert.deepEqual([zd.log().at(-1).status, 'appliedStatus' in zd.log().at(-1)], [500, false]);

    zd.setFaults({ status500: { everyNth: 2, applied: true, match: 'PUT ' } });
    assert.equal((await call('GET', '/api/v2/tickets/42.json')).status, 200); // not matched, not counted
    assert.equal((await put('first')).status, 200);
    const failed = await put('landed anyway');
    assert.equal(failed.status, 500);
    assert.equal(failed.json.error, 'InternalServerError');
    assert.ok(bodies().includes('landed anyway'), 'the write happened');
    const entry = zd.log().at(-1);
    assert.deepEqual([entry.status, entry.appliedStatus], [500, 200]);
    // A request the route refuses (45 is closed) stays refused behind the 500: nothing changes.
    const before = zd.state().comments[45];
    assert.equal(
      (await call('PUT', '/api/v2/tickets/45.json', { ticket: { comment: { body: 'closed', public: false } } })).status,
      422,
    );
    const closed = await call('PUT', '/api/v2/tickets/45.json', {
      ticket: { comment: { body: 'closed', public: false } },
    });
    assert.equal(closed.status, 500);
    assert.equal(zd.log().at(-1).appliedStatus, 422);
    assert.deepEqual(zd.state().comments[45], before);
  }));

test('faults: dropResponse carries the request out, then closes the connection without an answer', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    assert.throws(() => zd.setFaults({ dropResponse: { everyNth: 0 } }), /everyNth/);
    zd.setFaults({ dropResponse: { everyNth: 2, match: 'PUT /api/v2/tickets/' } });
    const put = (body) => call('PUT', '/api/v2/tickets/42.json', { ticket: { comment: { body, public: false } } });
    assert.equal((await call('GET', '/api/v2/tickets/42.json')).status, 200); // not matched
    assert.equal((await put('answered')).status, 200);
    await assert.rejects(put('dropped'), TypeError); // fetch: the network error a browser reports as status 0
    assert.ok(
      zd.state().comments[42].some((c) => c.body === 'dropped'),
      'the dropped request was carried out',
    );
    const entry = zd.log().at(-1);
    assert.deepEqual([entry.method, entry.status, entry.dropped], ['PUT', 200, true]);
    assert.equal(zd.log().filter((e) => e.dropped).length, 1);
    // The next request gets a fresh connection and an answer; reset turns the fault off.
    assert.equal((await put('after')).status, 200);
    zd.reset();
    assert.equal((await put('x')).status, 200);
    assert.equal((await put('y')).status, 200);
    // Without match every request counts, reads too; a refusal by another fault can be dropped as well.
    zd.setFaults({ dropResponse: { everyNth: 1 }, rate429: { everyNth: 1, retryAfterSec: 5 } });
    await assert.rejects(call('GET', '/api/v2/users/7.json'), TypeError);
    assert.deepEqual([zd.log().at(-1).status, zd.log().at(-1).dropped], [429, true]);
  }));

test('list tickets by external_id: every ticket carrying it, TicketsResponse shape, offset pages', (t) =>
  withStandIn(t, {}, async ({ call }) => {
    const create = async (externalId, body) =>
      (
        await call('POST', '/api/v2/tickets.json', {
          ticket: { subject: body, external_id: externalId, comment: { body } },
        })
      ).json.ticket.id;
    const odd = 'call/7 +1&x=ü';
    const a = await create(odd, 'first');
    const b = await create(odd, 'second'); // Zendesk does not keep external ids unique
    await create('call-8', 'other');
    const res = await call('GET', `/api/v2/tickets.json?external_id=${encodeURIComponent(odd)}`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ['count', 'next_page', 'previous_page', 'tickets']);
    assert.deepEqual(ids(res.json.tickets), [a, b]);
    assert.deepEqual(
      res.json.tickets.map((x) => x.external_id),
      [odd, odd],
    );
    assert.equal(res.json.count, 2);
    assert.equal(res.json.next_page, null);
    assert.match(res.json.tickets[0].url, new RegExp(`/api/v2/tickets/${a}\\.json$`));
    // Nothing carries it: an empty list; the match is exact.
    assert.deepEqual((await call('GET', '/api/v2/tickets?external_id=call-9')).json, {
      tickets: [],
      next_page: null,
      previous_page: null,
      count: 0,
    });
    assert.equal((await call('GET', '/api/v2/tickets?external_id=CALL-8')).json.count, 0);
    // Pages of one; without external_id every ticket is listed, ascending id.
    const page2 = await call('GET', `/api/v2/tickets.json?external_id=${encodeURIComponent(odd)}&per_page=1&page=2`);
    assert.deepEqual(ids(page2.json.tickets), [b]);
    assert.match(page2.json.previous_page, /page=1/);
    const all = (await call('GET', '/api/v2/tickets.json')).json;
    assert.deepEqual(
      ids(all.tickets),
      [...ids(all.tickets)].sort((x, y) => x - y),
    );
    assert.ok(ids(all.tickets).includes(42) && ids(all.tickets).includes(b));
  }));

test('list comments: sort_order=desc gives the newest first; per_page and page cut offset pages', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    for (const body of ['one', 'two', 'three'])
      await call('PUT', '/api/v2/tickets/42.json', { ticket: { comment: { body, public: false } } });
    const total = zd.state().comments[42].length;
    const desc = (await call('GET', '/api/v2/tickets/42/comments.json?sort_order=desc&per_page=2')).json;
    assert.deepEqual(
      desc.comments.map((c) => c.body),
      ['three', 'two'],
    );
    assert.equal(desc.count, total);
    assert.match(desc.next_page, /sort_order=desc/);
    assert.match(desc.next_page, /page=2/);
    assert.equal(desc.previous_page, null);
    const next = (await call('GET', desc.next_page)).json;
    assert.deepEqual(
      next.comments.map((c) => c.body),
      total > 3 ? ['one', zd.state().comments[42].at(-4).body] : ['one'],
    );
    const asc = (await call('GET', '/api/v2/tickets/42/comments.json')).json;
    assert.deepEqual(asc.comments.at(-1).body, 'three');
    assert.equal(asc.next_page, null);
    // At most 100 a page, whatever is asked.
    for (let i = 0; i < 100; i++)
      await call('PUT', '/api/v2/tickets/42.json', { ticket: { comment: { body: `n${i}`, public: false } } });
    const capped = (await call('GET', '/api/v2/tickets/42/comments.json?sort_order=desc&per_page=500')).json;
    assert.equal(capped.comments.length, 100);
    assert.equal(capped.comments[0].body, 'n99');
    assert.notEqual(capped.next_page, null);
  }));

test('faults: accountLimit caps ticket creates/updates per sliding minute, 429 with the Retry-After until a slot frees', (t) =>
  withStandIn(t, {}, async ({ call, zd, clock }) => {
    assert.throws(() => zd.setFaults({ accountLimit: { writesPerMinute: 0 } }), /writesPerMinute/);
    zd.setFaults({ accountLimit: { writesPerMinute: 3 } });
    const put = (body = 'x') =>
      call('PUT', '/api/v2/tickets/42.json', { ticket: { comment: { body, public: false } } });
    // Three writes at 0 s, 10 s and 20 s: a create, a TPE voice ticket and an update.
    assert.equal(
      (await call('POST', '/api/v2/tickets.json', { ticket: { subject: 's', comment: { body: 'b' } } })).status,
      201,
    );
    clock.ms += 10_000;
    const voice = {
      ticket: {
        via_id: 45,
        requester_id: 7,
        voice_comment: { from: '+14155550100', to: '+18005550000', call_duration: 5 },
      },
    };
    assert.equal((await call('POST', '/api/v2/channels/voice/tickets.json', voice)).status, 201);
    clock.ms += 10_000;
    assert.equal((await put('third')).status, 200);
    // Reads are not ticket writes: never limited.
    assert.equal((await call('GET', '/api/v2/tickets/42.json')).status, 200);
    assert.equal(
      (await call('POST', '/api/v2/users.json', { user: { name: 'New', phone: '+15555550123', role: 'end-user' } }))
        .status,
      201,
    );
    // The 4th write at 20.5 s: the oldest (0 s) leaves the window at 60 s → Retry-After 40 (whole seconds, rounded up).
    clock.ms += 500;
    const refused = await put('refused');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '40');
    assert.equal(refused.headers.get('x-rate-limit'), '3');
    assert.equal(refused.json.error, 'TooManyRequests');
    assert.ok(!zd.state().comments[42].some((c) => c.body === 'refused'), 'a refused write changes nothing');
    // Refused writes do not use up the window: just before 60 s still refused, with Retry-After 1; at 60 s accepted.
    clock.ms += 39_000;
    const late = await put('late');
    assert.equal(late.status, 429);
    assert.equal(late.headers.get('retry-after'), '1');
    clock.ms += 500; // 60 s after the first write
    assert.equal((await put('landed')).status, 200);
    // The window now holds 10 s, 20 s and 60 s: the next slot frees at 70 s.
    const next = await put('again');
    assert.equal(next.status, 429);
    assert.equal(next.headers.get('retry-after'), '10');
    assert.deepEqual(zd.log().filter((e) => e.status === 429).length, 3);
    // Off again (and reset turns it off too).
    zd.setFaults({ accountLimit: null });
    assert.equal((await put('free')).status, 200);
    zd.setFaults({ accountLimit: { writesPerMinute: 1 } });
    zd.reset();
    assert.equal((await put('a')).status, 200);
    assert.equal((await put('b')).status, 200);
  }));

test('state file: written atomically after writes and loaded by a new stand-in', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zd-stand-in-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = path.join(dir, 'nested', 'zendesk-state.json');

  const first = await serve({ stateFile });
  assert.equal(existsSync(stateFile), false); // nothing written before a write
  await first.call('GET', '/api/v2/tickets/42');
  assert.equal(existsSync(stateFile), false);
  const created = await first.call('POST', '/api/v2/users.json', {
    user: { name: 'Caller: 15551234567', phone: '+15551234567', role: 'end-user' },
  });
  assert.equal(created.status, 201);
  await first.call('PUT', '/api/v2/tickets/42.json', {
    ticket: { comment: { body: 'persisted note', public: false } },
  });
  await first.close();
  assert.deepEqual(readdirSync(path.dirname(stateFile)), ['zendesk-state.json']); // no temp file left behind

  const second = await serve({ stateFile });
  t.after(second.close);
  second.clock.ms += 60_000; // past the search index's delay: the user created above is listed by search
  assert.equal(
    (await second.call('GET', `/api/v2/users/${created.json.user.id}.json`)).json.user.name,
    'Caller: 15551234567',
  );
  const found = await second.call('GET', searchPath('role:end-user phone:*5551234567'));
  assert.deepEqual(ids(found.json.results), [created.json.user.id]);
  const comments = (await second.call('GET', '/api/v2/tickets/42/comments')).json.comments;
  assert.equal(comments.at(-1).body, 'persisted note');

  // reset() goes back to the seed and rewrites the file.
  second.zd.reset();
  assert.equal((await second.call('GET', `/api/v2/users/${created.json.user.id}`)).status, 404);
  assert.equal(JSON.parse(readFileSync(stateFile, 'utf8')).users.length, defaultSeed().users.length);

  // A file that is not a stand-in state file is refused rather than overwritten.
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, '{"hello": 1}');
  assert.throws(() => createZendeskStandIn({ stateFile: bad }), /not a version-1 stand-in state file/);
});

test('users: create (201, never touching an existing user), identities with type[] filter', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    const ada = zd.state().users.find((u) => u.id === 7);
    const res = await call('POST', '/api/v2/users', {
      user: { name: 'Caller: 14155550100', phone: '+14155550100', role: 'end-user', external_id: 'ccaas-1' },
    });
    assert.equal(res.status, 201);
    assert.equal(res.json.user.phone, '+14155550100');
    assert.equal(res.json.user.shared_phone_number, true);
    assert.deepEqual(
      zd.state().users.find((u) => u.id === 7),
      ada,
    );
    assert.equal(
      (await call('POST', '/api/v2/users', { user: { name: 'Again', external_id: 'ccaas-1' } })).status,
      422,
    );
    assert.equal(
      (await call('POST', '/api/v2/users', { user: { name: 'Dup', email: 'ADA@example.com' } })).status,
      422,
    );
    assert.equal((await call('POST', '/api/v2/users', { user: { phone: '+1555' } })).status, 422);

    const all = (await call('GET', '/api/v2/users/10/identities.json')).json.identities;
    assert.deepEqual(
      all.map((i) => i.type),
      ['email', 'phone_number', 'phone_number'],
    );
    const phones = (await call('GET', '/api/v2/users/10/identities.json?type[]=phone_number')).json.identities;
    assert.deepEqual(
      phones.map((i) => [i.user_id, i.type, i.value, i.primary]),
      [
        [10, 'phone_number', '+49 30 5550 1234', true],
        [10, 'phone_number', '+49 171 5550 2233', false],
      ],
    );
    assert.equal((await call('GET', '/api/v2/users/999/identities')).status, 404);
  }));

// D433: the app's transfer directory lists the account's agents with List Users when the telephony backend keeps
// none: the stand-in answers it as the OAS documents (role filters, both paginations, 100 a page at most), refuses
// an end user as it refuses them everything the app sends, and counts it in the rate limits like every request.
test('D433 List Users: role[] filter, cursor pages to the end, offset pages, permission_set and external_id, 403 for an end user, 429 under the limit', (t) =>
  withStandIn(t, {}, async ({ call, zd, origin }) => {
    const agentsUrl = '/api/v2/users.json?role[]=agent&role[]=admin&page[size]=1';
    const pages = [];
    for (let url = agentsUrl; url && pages.length < 5;) {
      const page = await call('GET', url);
      assert.equal(page.status, 200, page.text);
      pages.push(page.json);
      url = page.json.meta.has_more ? page.json.links.next : null;
      if (url) assert.ok(url.startsWith(origin) && url.includes(`page[after]=${page.json.meta.after_cursor}`), url);
    }
    const agents = zd
      .state()
      .users.filter((u) => u.role !== 'end-user')
      .map((u) => u.id);
    assert.deepEqual(
      pages.map((p) => ids(p.users)),
      agents.map((id) => [id]),
      'every agent and admin once, by id, one a page',
    );
    assert.deepEqual(agents, [5, 6]);
    assert.equal(pages.at(-1).meta.has_more, false);
    assert.deepEqual(
      ids((await call('GET', '/api/v2/users.json?role=admin')).json.users),
      [6],
      'one role, offset pages',
    );
    const everyone = (await call('GET', '/api/v2/users.json?per_page=2&page=2')).json;
    assert.equal(everyone.count, zd.state().users.length);
    assert.match(everyone.next_page, /page=3/);
    assert.equal(everyone.users.length, 2);
    assert.deepEqual(ids((await call('GET', '/api/v2/users.json?external_id=CRM-DE-1001')).json.users), [10]);
    assert.deepEqual((await call('GET', '/api/v2/users.json?permission_set=123')).json.users, []);

    // Refused as Zendesk refuses: both paginations at once, a page over 100, a cursor it did not give out.
    for (const bad of ['page=1&page[size]=2', 'page[size]=101', 'page[size]=2&page[after]=nonsense']) {
      const res = await call('GET', `/api/v2/users.json?role[]=agent&${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.json.error, 'InvalidPaginationParameter', bad);
    }
    // "Allowed for Admins, Agents and Light Agents": any agent role, not an end user.
    for (const role of ['agent', 'agent-no-end-users', 'admin'])
      assert.equal((await call('GET', agentsUrl, undefined, { 'X-Sandbox-Role': role })).status, 200, role);
    assert.equal((await call('GET', agentsUrl, undefined, { 'X-Sandbox-Role': 'end-user' })).status, 403);

    // Counted by the account's limit like every request: over it, 429 with Retry-After.
    zd.setFaults({ limits: { generalPerMinute: 1 } });
    assert.equal((await call('GET', agentsUrl)).status, 200);
    const limited = await call('GET', agentsUrl);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  }));

// Zendesk's search lists a new user only once it is indexed (minutes at worst); the core's exactly-once checks
// must not rely on it (D290). Show Many Users reads the record at once.
test('search index delay: a new user is searchable only after the delay (default 60 s); show_many finds it at once', (t) =>
  withStandIn(t, {}, async ({ call, clock, zd }) => {
    const created = await call('POST', '/api/v2/users.json', {
      user: { name: 'Caller: 15557654321', phone: '+15557654321', role: 'end-user', external_id: 'Ns:Caller:1' },
    });
    assert.equal(created.status, 201);
    const search = async () => ids((await call('GET', searchPath('role:end-user phone:*5557654321'))).json.results);
    assert.deepEqual(await search(), [], 'not yet indexed');
    const byExternal = await call('GET', '/api/v2/users/show_many.json?external_ids=ns%3Acaller%3A1,nobody');
    assert.equal(byExternal.status, 200);
    assert.deepEqual(ids(byExternal.json.users), [created.json.user.id], 'external ids compare without case');
    assert.deepEqual(ids((await call('GET', `/api/v2/users/show_many?ids=7,${created.json.user.id}`)).json.users), [
      7,
      created.json.user.id,
    ]);
    assert.equal((await call('GET', '/api/v2/users/show_many.json')).status, 400);
    clock.ms += 59_000;
    assert.deepEqual(await search(), []);
    clock.ms += 1_000;
    assert.deepEqual(await search(), [created.json.user.id], 'indexed after 60 s');

    zd.setSearchIndexDelay(0);
    const other = await call('POST', '/api/v2/users.json', { user: { name: 'Now', phone: '+15550001111' } });
    assert.deepEqual(ids((await call('GET', searchPath('phone:*5550001111'))).json.results), [other.json.user.id]);
    zd.setSearchIndexDelay(10_000);
    zd.advanceClock(10_000); // the stand-in's own clock control (the sandbox's /sandbox/clock)
    const late = await call('POST', '/api/v2/users.json', { user: { name: 'Late', phone: '+15550002222' } });
    assert.deepEqual(ids((await call('GET', searchPath('phone:*5550002222'))).json.results), []);
    zd.advanceClock(10_000);
    assert.deepEqual(ids((await call('GET', searchPath('phone:*5550002222'))).json.results), [late.json.user.id]);
  }));

// Zendesk's Ticketing API introduction, "Idempotency": a repeat within two hours gets the first answer (hit) and
// creates nothing; the same key with another body is refused; after two hours the key is forgotten.
test('Idempotency-Key on ticket creates: miss, then hit with the same answer; another body 400; kept two hours', (t) =>
  withStandIn(t, {}, async ({ call, clock, zd }) => {
    const body = { ticket: { subject: 'Call', comment: { body: 'Call ID: c-1', public: false }, requester_id: 7 } };
    const key = { 'Idempotency-Key': 'zendesk-cti-adapter:5:c-1/createTicket' };
    const before = zd.state().tickets.length;
    const first = await call('POST', '/api/v2/tickets.json', body, key);
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('x-idempotency-lookup'), 'miss');
    const again = await call('POST', '/api/v2/tickets.json', structuredClone(body), key);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('x-idempotency-lookup'), 'hit');
    assert.equal(again.json.ticket.id, first.json.ticket.id);
    assert.equal(zd.state().tickets.length, before + 1, 'one ticket for two requests');
    const changed = await call('POST', '/api/v2/tickets.json', { ticket: { ...body.ticket, subject: 'Other' } }, key);
    assert.equal(changed.status, 400);
    assert.equal(changed.json.error, 'IdempotentRequestError');
    assert.equal(zd.state().tickets.length, before + 1);
    assert.deepEqual(
      zd
        .log()
        .filter((e) => e.method === 'POST')
        .map((e) => [e.idempotencyKey, e.idempotencyLookup ?? null, e.status]),
      [
        [key['Idempotency-Key'], 'miss', 201],
        [key['Idempotency-Key'], 'hit', 201],
        [key['Idempotency-Key'], null, 400],
      ],
    );
    clock.ms += 2 * 3600 * 1000;
    const expired = await call('POST', '/api/v2/tickets.json', body, key);
    assert.equal(expired.headers.get('x-idempotency-lookup'), 'miss');
    assert.notEqual(expired.json.ticket.id, first.json.ticket.id, 'after two hours the key is new again');
    // Without the header nothing is kept: each request creates.
    assert.equal((await call('POST', '/api/v2/tickets.json', body)).headers.get('x-idempotency-lookup'), null);
  }));

test('errors: unknown route 404 InvalidEndpoint, malformed JSON 400, other paths not handled', (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    const unknown = await call('GET', '/api/v2/macros.json');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error, 'InvalidEndpoint');
    assert.equal(unknown.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal((await call('DELETE', '/api/v2/tickets/42.json')).json.error, 'InvalidEndpoint');
    const malformed = await call('PUT', '/api/v2/tickets/42.json', '{"ticket": {');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error, 'Unprocessable Entity');
    assert.equal(zd.log().at(-1).body, '{"ticket": {');
    assert.equal((await call('PUT', '/api/v2/tickets/42.json', { nope: 1 })).status, 400);
    const job = await call('GET', '/api/v2/job_statuses/82de0b044094f0c67893ac9fe64f1a99.json');
    assert.equal(job.json.job_status.status, 'completed');
    assert.equal((await call('GET', '/api/v2/job_statuses/nope')).status, 404);

    const other = await call('GET', '/index.html');
    assert.equal(other.status, 418);
    assert.ok(zd.log().every((e) => e.url.startsWith('/api/v2')));
  }));

test('every route the stand-in serves is a documented Zendesk operation', (t) =>
  withStandIn(t, {}, async ({ call }) => {
    const exceptions = KNOWN_MISSING_FROM_STORED_OAS.map((m) => `${m.method} ${m.path}`);
    for (const route of STAND_IN_ROUTES) {
      const op = documentedOperation(route.method, route.example);
      assert.ok(op, `${route.method} ${route.example} is documented`);
      assert.equal(op.path, route.path, `${route.method} ${route.example} maps to the route's template`);
      if (op.source)
        assert.ok(exceptions.includes(`${route.method} ${route.path}`), `${route.path} is a listed exception`);
      // The route table is the router: each example is served (not "InvalidEndpoint").
      const body =
        route.method === 'GET'
          ? undefined
          : route.path === '/api/v2/users'
            ? { user: { name: 'Route check' } }
            : route.path.includes('/display')
              ? undefined
              : route.path === '/api/v2/channels/voice/tickets'
                ? { ticket: { via_id: 45, comment: { body: 'route check' } } }
                : route.path === '/api/v2/calls'
                  ? { call: CALL_RECORD }
                  : route.path.endsWith('/merge')
                    ? { ids: [50] }
                    : { ticket: { comment: { body: 'route check' } } };
      const res = await call(route.method, route.example, body);
      assert.ok(res.status < 400, `${route.method} ${route.example} answered ${res.status} ${res.text}`);
    }
    const served = STAND_IN_ROUTES.filter((r) => documentedOperation(r.method, r.example)?.source);
    assert.deepEqual(
      served.map((r) => r.path),
      ['/api/v2/users/{user_id}/tickets/requested', '/api/v2/calls'],
    );
  }));

// The mandatory fields of TPE's call object (creating-a-call-record-in-zendesk) and a disposition (D421).
const CALL_RECORD = Object.freeze({
  app_id: 735264019863524,
  from_line: '+14155550123',
  to_line: '+18005550100',
  call_started_at: '2026-09-21T10:00:00Z',
  direction: 'inbound',
});

test("TPE's call object: mandatory fields checked (422), the record kept, refused without TPE (403)", (t) =>
  withStandIn(t, {}, async ({ call, zd }) => {
    assert.equal((await call('POST', '/api/v2/calls.json', CALL_RECORD)).status, 400); // not wrapped in `call`
    for (const field of Object.keys(CALL_RECORD)) {
      const { [field]: _dropped, ...missing } = CALL_RECORD;
      const res = await call('POST', '/api/v2/calls.json', { call: missing });
      assert.equal(res.status, 422, field);
      assert.ok(res.json.details[field], field);
    }
    assert.equal(
      (await call('POST', '/api/v2/calls.json', { call: { ...CALL_RECORD, ticket_id: 999999 } })).status,
      422,
    );
    const ok = await call('POST', '/api/v2/calls.json', {
      call: { ...CALL_RECORD, ticket_id: 42, call_disposition: 'Resolved' },
    });
    assert.equal(ok.status, 201);
    assert.equal(ok.json.call.call_disposition, 'Resolved');
    assert.deepEqual(
      zd.state().calls.map((c) => [c.ticket_id, c.call_disposition]),
      [[42, 'Resolved']],
    );
    // As every route: an end user is refused, and the rate limits count the call object's creates (D422).
    const asEndUser = await call('POST', '/api/v2/calls.json', { call: CALL_RECORD }, { 'X-Sandbox-Role': 'end-user' });
    assert.equal(asEndUser.status, 403);
    zd.setFaults({ limits: { appPerMinutePerUser: 1 } });
    assert.equal((await call('POST', '/api/v2/calls.json', { call: CALL_RECORD })).status, 201);
    const limited = await call('POST', '/api/v2/calls.json', { call: CALL_RECORD });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(zd.state().calls.length, 2); // the refused create kept nothing
    zd.setFaults({ limits: null });
    zd.setAccount({ talkPartnerEdition: false });
    assert.equal((await call('POST', '/api/v2/calls.json', { call: CALL_RECORD })).status, 403);
  }));

test('seed: the demo cast and edge cases are present, ids stable', () => {
  const seed = defaultSeed();
  const user = (id) => seed.users.find((u) => u.id === id);
  assert.deepEqual([user(5).name, user(5).role], ['Sam Agent', 'agent']);
  assert.deepEqual(
    seed.group_memberships.filter((m) => m.user_id === 5).map((m) => m.group_id),
    [11, 12],
  );
  assert.deepEqual(
    seed.groups.map((g) => [g.id, g.name]),
    [
      [11, 'Support'],
      [12, 'Sales'],
    ],
  );
  assert.equal(user(8).name, '<img src=x onerror=alert(1)>');
  assert.match(user(9).name, /[\u0590-\u05FF\u0600-\u06FF]/);
  assert.equal(user(10).locale, 'de');
  assert.equal(user(11).locale, 'no');
  const longest = Math.max(...seed.tickets.map((x) => x.subject.length));
  assert.equal(longest, 10240);
  assert.ok(seed.tickets.some((x) => x.custom_fields.some((f) => f.id === 360001 && /^\+[\d ]+$/.test(f.value))));
  for (const tag of ['ccaas', 'ccaas_voice', 'ccaas_queue_billing'])
    assert.ok(
      seed.tickets.some((x) => x.tags.includes(tag)),
      tag,
    );
  assert.deepEqual(defaultSeed(), seed); // deterministic
  assert.notEqual(defaultSeed().users, seed.users); // a fresh copy each time
});
