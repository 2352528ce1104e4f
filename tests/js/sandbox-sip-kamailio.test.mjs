// The sandbox's SIP server (sandbox/sip): a REAL Kamailio started on free ports, driven by a raw SIP-over-WebSocket
// client (tests/js/helpers/sip-ws-client.mjs) and by JsSIP in node (signalling only). Pins what Kamailio checks:
// ephemeral credentials, From/To = the credential's user, customer X-/PAI headers stripped and PAI asserted, IVR and
// queue routes, 404 / 408, JSON-RPC refused to browsers, a clear message when the port is taken.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ephemeralCredentials } from '../../sandbox/cti/credentials.mjs';
import { startKamailio, assertPortFree } from '../../sandbox/sip/kamailio.mjs';
import { ivrRoute } from '../../sandbox/sip/ivr.mjs';
import { freePort } from '../../sandbox/server.mjs';
import { connectSip, webSocketClass } from './helpers/sip-ws-client.mjs';

const CUSTOMER = '+14155550123';
let kam;
const clients = [];

before(async () => {
  try {
    kam = await startKamailio({ wsPort: await freePort(), ringTimeoutSec: 1 });
  } catch (err) {
    if (err.code === 'MISSING')
      throw new Error(`${err.message}\n(these tests need a real Kamailio; CI installs it with scripts/setup)`, {
        cause: err,
      });
    throw err;
  }
});
after(async () => {
  for (const c of clients) c.close();
  await kam?.stop();
});

const creds = (user, o = {}) => ephemeralCredentials({ secret: kam.secret, user, ...o });
async function client(user) {
  const c = await connectSip({ wsUri: kam.wsUri, user });
  clients.push(c);
  return c;
}
/** A registered UA for `user` (valid credentials). */
async function registered(user) {
  const c = await client(user);
  assert.equal(await c.register(creds(user)), 200, `${user} registers`);
  return { c, creds: creds(user) };
}

test("REGISTER: valid ephemeral credentials → 200; none → a challenge; wrong, expired or another user's → 403", async () => {
  const c = await client('agent-41');
  assert.equal(await c.register({}), 401, 'no credentials: challenged');
  assert.equal(await c.register(creds('agent-41')), 200);
  assert.equal(
    await c.register({
      ...creds('agent-41'),
      password: creds('agent-41').password.replace(/^./, (x) => (x === 'A' ? 'B' : 'A')),
    }),
    403,
    'wrong password',
  );
  assert.equal(
    await c.register(creds('agent-41', { lifetimeSec: -5 })),
    403,
    'expired (signed correctly, expiry in the past)',
  );
  assert.equal(await c.register(creds('agent-42')), 403, "another user's credentials for agent-41's To");
  const forged = ephemeralCredentials({ secret: 'ab'.repeat(32), user: 'agent-41' });
  assert.equal(await c.register(forged), 403, 'signed with another secret');
});

test('JsSIP in node registers with the credentials (username "<expiry>:<user>") and is refused with expired ones', async () => {
  globalThis.WebSocket ??= await webSocketClass();
  const { default: JsSIP } = await import('jssip');
  const attempt = (c) =>
    new Promise((resolve) => {
      const ua = new JsSIP.UA({
        sockets: [new JsSIP.WebSocketInterface(kam.wsUri)],
        uri: 'sip:agent-43@127.0.0.1',
        authorization_user: c.username,
        password: c.password,
        register: true,
        session_timers: false,
      });
      ua.on('registered', () => resolve({ ok: true, ua }));
      ua.on('registrationFailed', (e) => resolve({ ok: false, cause: e.cause, status: e.response?.status_code, ua }));
      ua.start();
    });
  const good = await attempt(creds('agent-43'));
  good.ua.stop();
  assert.equal(good.ok, true);
  const expired = await attempt(creds('agent-43', { lifetimeSec: -1 }));
  expired.ua.stop();
  assert.equal(expired.ok, false);
  assert.equal(expired.status, 403);
});

test('a customer INVITE loses its X- headers and P-Asserted-Identity; the proxy asserts the authenticated caller', async () => {
  const agent = await registered('agent-51');
  const { c: customer, creds: cc } = await registered(CUSTOMER);
  const call = customer.invite({
    to: 'sip:agent-51@127.0.0.1',
    headers: [
      'X-Queue-Id: vip',
      'X-Attr-reserved_verified_customer: true',
      'x-session-type: voicemail',
      'P-Asserted-Identity: <sip:+18005550000@127.0.0.1>',
    ],
    ...cc,
  });
  const invite = await agent.c.nextRequest('INVITE');
  assert.deepEqual(
    invite.names.filter((n) => /^x-/i.test(n)),
    [],
    'no X- header of the caller reaches the agent',
  );
  assert.deepEqual(invite.all('p-asserted-identity'), [`<sip:${CUSTOMER}@127.0.0.1>`]);
  assert.equal(invite.get('proxy-authorization'), undefined, 'credentials are consumed by the proxy');
  agent.c.reply(invite, 486, 'Busy Here');
  assert.equal((await call).status, 486);
});

test("the From user must be the credential's user: a customer cannot call as an agent", async () => {
  await registered('agent-52');
  const { c: customer, creds: cc } = await registered('+14155550124');
  const { status } = await customer.invite({ to: 'sip:agent-52@127.0.0.1', from: 'sip:agent-9@127.0.0.1', ...cc });
  assert.equal(status, 403);
});

test('an agent INVITE keeps its X- headers (agents are trusted); its PAI is still the authenticated user', async () => {
  const customer = await registered('+14155550125');
  const { c: agent, creds: ac } = await registered('agent-53');
  const call = agent.invite({
    to: 'sip:+14155550125@127.0.0.1',
    headers: ['X-Ticket-Id: 42', 'P-Asserted-Identity: <sip:+18005550000@127.0.0.1>'],
    ...ac,
  });
  const invite = await customer.c.nextRequest('INVITE');
  assert.equal(invite.get('x-ticket-id'), '42');
  assert.deepEqual(invite.all('p-asserted-identity'), ['<sip:agent-53@127.0.0.1>']);
  customer.c.reply(invite, 603, 'Decline');
  assert.equal((await call).status, 603);
});

test('ivr-<token>: the IVR headers are added, the request URI becomes the target agent, and the route is one-time', async () => {
  const agent = await registered('agent-54');
  const { c: customer, creds: cc } = await registered('+14155550126');
  const route = ivrRoute({
    to: 54,
    queue: { id: 'q-billing', name: 'Billing' },
    menuPath: 'Main > Billing',
    language: 'pt-BR',
    sessionType: 'voicemail',
    attributes: { reserved_verified_customer: 'true', reserved_bad_actor: false },
  });
  await kam.rpc.setIvrRoute('t1', route);
  const call = customer.invite({ to: 'sip:ivr-t1@127.0.0.1', headers: ['X-Queue-Id: spoofed'], ...cc });
  const invite = await agent.c.nextRequest('INVITE');
  assert.match(invite.uri, /^sip:agent-54@/, 'R-URI rewritten to the target');
  assert.deepEqual(
    {
      queueId: invite.all('x-queue-id'),
      queueName: invite.get('x-queue-name'),
      menuPath: invite.get('x-menu-path'),
      language: invite.get('x-language'),
      sessionType: invite.get('x-session-type'),
      verified: invite.get('x-attr-reserved_verified_customer'),
      badActor: invite.get('x-attr-reserved_bad_actor'),
    },
    {
      queueId: ['q-billing'],
      queueName: 'Billing',
      menuPath: 'Main > Billing',
      language: 'pt-BR',
      sessionType: 'voicemail',
      verified: 'true',
      badActor: 'false',
    },
  );
  agent.c.reply(invite, 486, 'Busy Here');
  assert.equal((await call).status, 486);
  assert.equal((await customer.invite({ to: 'sip:ivr-t1@127.0.0.1', ...cc })).status, 404, 'the token was used once');
  assert.equal((await customer.invite({ to: 'sip:ivr-never@127.0.0.1', ...cc })).status, 404, 'unknown token');
});

test('queue-<id> rings the queue agent with X-Queue-Id / X-Queue-Name; an unknown queue → 404', async () => {
  const kim = await registered('agent-6');
  const { c: customer, creds: cc } = await registered('+14155550127');
  const call = customer.invite({ to: 'sip:queue-q-billing@127.0.0.1', ...cc });
  const invite = await kim.c.nextRequest('INVITE');
  assert.equal(invite.get('x-queue-id'), 'q-billing');
  assert.equal(invite.get('x-queue-name'), 'Billing');
  kim.c.reply(invite, 486, 'Busy Here');
  assert.equal((await call).status, 486);
  assert.equal((await customer.invite({ to: 'sip:queue-nope@127.0.0.1', ...cc })).status, 404);
});

test('an unregistered callee → 404; a registered callee that never answers → 408 after the ring timeout', async () => {
  const { c: customer, creds: cc } = await registered('+14155550128');
  assert.equal((await customer.invite({ to: 'sip:agent-999@127.0.0.1', ...cc })).status, 404);
  const silent = await registered('agent-55');
  const started = Date.now();
  const call = customer.invite({ to: 'sip:agent-55@127.0.0.1', timeoutMs: 5000, ...cc });
  const invite = await silent.c.nextRequest('INVITE');
  silent.c.reply(invite, 180, 'Ringing'); // rings, never answered (ringTimeoutSec: 1 in this file)
  assert.equal((await call).status, 408);
  assert.ok(await silent.c.nextRequest('CANCEL'), 'the callee stops ringing');
  assert.ok(Date.now() - started < 4000);
});

test('JSON-RPC: answered for the sandbox server, refused with an Origin header (a browser page) or off /RPC', async () => {
  assert.equal((await kam.rpc.call('core.version')).startsWith('kamailio'), true);
  const body = JSON.stringify({
    jsonrpc: '2.0',
    method: 'htable.sets',
    params: ['ivr', 'ivr-x::target', 'agent-1'],
    id: 1,
  });
  const fromPage = await fetch(`http://127.0.0.1:${kam.wsPort}/RPC`, {
    method: 'POST',
    headers: { Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
    body,
  });
  assert.equal(fromPage.status, 403);
  const elsewhere = await fetch(`http://127.0.0.1:${kam.wsPort}/rpc`, { method: 'POST', body });
  assert.equal(elsewhere.status, 404);
  assert.equal(
    (await kam.rpc.get('ivr', 'ivr-x::target').catch(() => null))?.item?.value,
    undefined,
    'nothing was stored',
  );
});

test("a taken port is refused with a clear message; Kamailio's log never shows the shared secret", async () => {
  await assert.rejects(
    startKamailio({ wsPort: kam.wsPort }),
    (err) => err.code === 'PORT_TAKEN' && /port \d+ .*already in use/.test(err.message) && /--no-sip/.test(err.message),
  );
  await assert.rejects(assertPortFree(kam.wsPort, 'x'), /already in use/);
  assert.ok(!kam.logTail(200).includes(kam.secret), 'the secret is redacted from the log');
});
