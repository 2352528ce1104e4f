// The stand-in's Zendesk rate limits (sandbox/zendesk/limits.mjs, setFaults `limits`): one count per endpoint
// class, Zendesk's headers on every answer, 429 + Retry-After from the class that is full, off by default.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createZendeskStandIn } from '../../sandbox/zendesk/stand-in.mjs';

const START = Date.parse('2026-11-22T10:00:00Z'); // on a minute: the per-minute counts start fresh

async function withStandIn(t, fn) {
  const clock = { ms: START };
  const zd = createZendeskStandIn({ now: () => clock.ms });
  const server = http.createServer((req, res) => zd.handle(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const call = async (method, url, body, user = '5') => {
    const headers = { 'X-Sandbox-User': user };
    if (body) headers['Content-Type'] = 'application/json';
    const res = await fetch(origin + url, { method, headers, body: body && JSON.stringify(body) });
    await res.text();
    return { status: res.status, h: (name) => res.headers.get(name) };
  };
  return fn({ zd, clock, call });
}

const note = (body) => ({ ticket: { comment: { body, public: false } } });

test('limits: off by default — no rate-limit headers, nothing refused', (t) =>
  withStandIn(t, async ({ call }) => {
    const r = await call('GET', '/api/v2/tickets/42.json');
    assert.equal(r.status, 200);
    assert.equal(r.h('x-rate-limit'), null);
  }));

test('limits: Update Ticket per account (all users), the plan limit on everything, Zendesk headers and Retry-After', (t) =>
  withStandIn(t, async ({ zd, clock, call }) => {
    assert.throws(() => zd.setFaults({ limits: { plan: 'gold' } }), /plan/);
    zd.setFaults({ limits: { plan: 'team', updateTicketPerMinute: 2 } });
    clock.ms += 15_000; // 45 s to the next minute
    const first = await call('PUT', '/api/v2/tickets/42.json', note('a'), '5');
    assert.equal(first.status, 200);
    assert.equal(first.h('x-rate-limit'), '200'); // Team
    assert.equal(first.h('x-rate-limit-remaining'), '199');
    assert.equal(first.h('ratelimit-remaining'), '199');
    assert.equal(first.h('ratelimit-reset'), '45');
    assert.equal((await call('PUT', '/api/v2/tickets/43.json', note('b'), '6')).status, 200);
    // A third update by a third agent: the account's Update Ticket limit, until the minute turns.
    const refused = await call('PUT', '/api/v2/tickets/44.json', note('c'), '7');
    assert.equal(refused.status, 429);
    assert.equal(refused.h('retry-after'), '45');
    assert.equal(refused.h('x-rate-limit-remaining'), '198', 'a refused request is not counted');
    // Other requests are not Update Ticket: they go on, under the plan's limit.
    assert.equal(
      (await call('POST', '/api/v2/tickets.json', { ticket: { subject: 's', comment: { body: 'b' } } })).status,
      201,
    );
    clock.ms += 45_000;
    assert.equal((await call('PUT', '/api/v2/tickets/44.json', note('c'), '7')).status, 200);
    assert.deepEqual(zd.limitStats().refused, { general: 0, updateTicket: 1, app: 0, perTicket: 0 });
  }));

test('limits: High Volume, apps per user, 30 updates per ticket per user per 10 minutes', (t) =>
  withStandIn(t, async ({ zd, clock, call }) => {
    zd.setFaults({ limits: { highVolume: true, appPerMinutePerUser: 3 } });
    assert.deepEqual(zd.limitStats().refused.app, 0);
    const got = await call('GET', '/api/v2/tickets/42.json', null, 'a');
    assert.equal(got.h('x-rate-limit'), '2500');
    await call('GET', '/api/v2/tickets/42.json', null, 'a');
    await call('GET', '/api/v2/tickets/42.json', null, 'a');
    assert.equal((await call('GET', '/api/v2/tickets/42.json', null, 'a')).status, 429, 'the 4th of user a');
    assert.equal((await call('GET', '/api/v2/tickets/42.json', null, 'b')).status, 200, 'user b has its own');
    zd.setFaults({ limits: { updatesPerTicketPer10Minutes: 2, updateTicketPerMinute: 300 } });
    for (const user of ['a', 'a']) {
      clock.ms += 60_000;
      assert.equal((await call('PUT', '/api/v2/tickets/42.json', note('x'), user)).status, 200);
    }
    clock.ms += 60_000;
    const third = await call('PUT', '/api/v2/tickets/42.json', note('y'), 'a');
    assert.equal(third.status, 429);
    assert.equal(third.h('retry-after'), String(10 * 60 - 120), 'until the first of the two leaves the 10 minutes');
    assert.equal((await call('PUT', '/api/v2/tickets/42.json', note('z'), 'b')).status, 200, 'per user');
    zd.reset();
    assert.equal((await call('PUT', '/api/v2/tickets/42.json', note('w'), 'a')).status, 200);
  }));
