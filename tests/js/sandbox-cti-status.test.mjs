// The sandbox's contact-center stand-in keeps each agent's status (POST /v1/sip/status, D434) and its directory
// shows it for the registered agents: away, busy on a call, wrapUp in the wrap-up (D435), else available; offline
// without a registration. A fake registrar stands in for Kamailio's `ul.lookup`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCti } from '../../sandbox/cti/credentials.mjs';

const users = [
  { id: 5, name: 'Sam Agent', role: 'agent' },
  { id: 6, name: 'Kim', role: 'agent' },
  { id: 7, name: 'Alex', role: 'admin' },
  { id: 8, name: 'Bo', role: 'agent' },
  { id: 9, name: 'Ada', role: 'end-user' },
];
const registered = new Set(['agent-5', 'agent-6', 'agent-7']);
const cti = createCti({
  token: 't0k',
  sip: () => ({
    secret: 's',
    wsUri: 'ws://127.0.0.1:5066',
    domain: '127.0.0.1',
    rpc: { call: async (_method, [, user]) => (registered.has(user) ? {} : Promise.reject(new Error('404'))) },
  }),
  agent: (id) => users.find((u) => u.id === id) ?? null,
  agents: () => users,
});
const post = (path, body) =>
  cti.handle({ method: 'POST', path, headers: { Authorization: 'Bearer t0k' }, body: JSON.stringify(body) });

test('D434 sandbox CTI: the status each app posts is what the directory shows other agents', async () => {
  assert.equal(post('/v1/sip/status', { agentId: 6, status: 'busy' }).status, 200);
  assert.equal(post('/v1/sip/status', { agentId: 7, status: 'wrapUp' }).status, 200);
  assert.equal(post('/v1/sip/status', { agentId: 8, status: 'away' }).status, 200); // not registered: offline wins
  assert.equal(post('/v1/sip/status', { agentId: 6, status: 'lunch' }).status, 400);
  assert.equal(post('/v1/sip/status', { agentId: 9, status: 'away' }).status, 403); // not an agent
  const answer = await post('/v1/sip/directory', { agentId: 5 });
  const availability = Object.fromEntries(JSON.parse(answer.body).agents.map((a) => [a.name, a.availability]));
  assert.deepEqual(availability, { 'Sam Agent': 'available', Kim: 'busy', Alex: 'wrapUp', Bo: 'offline' });
  post('/v1/sip/status', { agentId: 6, status: 'away' });
  const again = JSON.parse((await post('/v1/sip/directory', { agentId: 5 })).body);
  assert.equal(again.agents.find((a) => a.id === 6).availability, 'away');
});
