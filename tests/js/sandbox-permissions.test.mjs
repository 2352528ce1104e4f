// The stand-in answers as Zendesk does for the agent's role (issue 17 item 4, sandbox/zendesk/permissions.mjs):
// Create User is for admins and agents whose role may manage end users; an agent creates end users only.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createZendeskStandIn } from '../../sandbox/zendesk/stand-in.mjs';

async function serve(t) {
  const zd = createZendeskStandIn();
  const server = http.createServer(async (req, res) => {
    if (!(await zd.handle(req, res))) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const call = async (role, method, url, body) => {
    const headers = { 'Content-Type': 'application/json' };
    if (role) headers['X-Sandbox-Role'] = role;
    const res = await fetch(origin + url, { method, headers, body: body && JSON.stringify(body) });
    return { status: res.status, json: await res.json() };
  };
  return { zd, call };
}

const newCaller = (n, role) => ({ user: { name: `Caller ${n}`, phone: `+1415555${n}`, ...(role ? { role } : {}) } });

test('a custom role that may not add end users gets 403 Forbidden on a user create, and nothing is created', async (t) => {
  const { zd, call } = await serve(t);
  const before = zd.state().users.length;
  const refused = await call('agent-no-end-users', 'POST', '/api/v2/users.json', newCaller('0177'));
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error, 'Forbidden');
  assert.match(refused.json.description, /You do not have access/);
  assert.equal(zd.state().users.length, before);
  assert.equal(zd.log().at(-1).role, 'agent-no-end-users');
  // The same role may still read and write tickets: everything else the app sends is allowed for agents.
  const ticket = await call('agent-no-end-users', 'POST', '/api/v2/tickets.json', {
    ticket: { subject: 'Call', comment: { body: 'Phone: +14155550177', public: false } },
  });
  assert.equal(ticket.status, 201);
  assert.equal((await call('agent-no-end-users', 'GET', '/api/v2/tickets.json?external_id=x')).status, 200);
});

test('a plain agent creates end users but no agent or admin; an admin and an API token (no role) may', async (t) => {
  const { call } = await serve(t);
  assert.equal((await call('agent', 'POST', '/api/v2/users.json', newCaller('0178'))).status, 201);
  assert.equal((await call('agent', 'POST', '/api/v2/users.json', newCaller('0179', 'agent'))).status, 403);
  assert.equal((await call('admin', 'POST', '/api/v2/users.json', newCaller('0180', 'agent'))).status, 201);
  assert.equal((await call(null, 'POST', '/api/v2/users.json', newCaller('0181'))).status, 201);
});

test('an account without Talk Partner Edition refuses its API to everyone; reset brings it back', async (t) => {
  const { zd, call } = await serve(t);
  const voiceTicket = { ticket: { via_id: 45, comment: { body: 'Call', public: false } } };
  assert.equal((await call('agent', 'POST', '/api/v2/channels/voice/tickets.json', voiceTicket)).status, 201);
  zd.setAccount({ talkPartnerEdition: false });
  for (const role of ['agent', 'admin', null]) {
    const refused = await call(role, 'POST', '/api/v2/channels/voice/tickets.json', voiceTicket);
    assert.equal(refused.status, 403, String(role));
    assert.equal((await call(role, 'POST', '/api/v2/channels/voice/agents/5/tickets/42/display.json')).status, 403);
  }
  assert.equal((await call('agent', 'POST', '/api/v2/tickets.json', voiceTicket)).status, 201, 'plain tickets work');
  zd.reset();
  assert.equal((await call('agent', 'POST', '/api/v2/channels/voice/tickets.json', voiceTicket)).status, 201);
});
