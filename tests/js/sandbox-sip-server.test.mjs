// The sandbox server with its SIP parts (startSandbox({sip})): a REAL Kamailio on free ports. Pins the credential
// endpoint behind the ZAF proxy (secure-only substitution, the token never in an answer, the journal or the log),
// the workspace's ZAF host routing whitelisted hosts to that proxy, the customer phone's credentials, the IVR
// route into Kamailio, and the sandbox's settings defaults.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../../sandbox/server.mjs';
import { createZafHost } from '../../sandbox/workspace/zaf-host.js';
import { createZendeskStandIn } from '../../sandbox/zendesk/stand-in.mjs';
import { connectSip } from './helpers/sip-ws-client.mjs';

const TOKEN = `tok-${Math.random().toString(36).slice(2)}-sandbox`;
const CTI = 'https://cti.example.com/v1/sip/credentials';
let sandbox;
let appDir;
const printed = [];
const consoleMethods = ['log', 'error', 'warn', 'info'];
const originalConsole = Object.fromEntries(consoleMethods.map((m) => [m, console[m]]));

before(async () => {
  appDir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-sip-app-'));
  await mkdir(path.join(appDir, 'assets'), { recursive: true });
  const manifest = {
    name: 'Agent Adapter',
    version: '1.0.0',
    domainWhitelist: ['cti.example.com', 'other.example.com'],
    location: { support: { top_bar: { url: 'assets/top_bar.html' } } },
    parameters: [
      { name: 'telephonyConnector', type: 'text', default: 'simulator' },
      { name: 'telephonyToken', type: 'text', secure: true },
    ],
  };
  await writeFile(path.join(appDir, 'manifest.json'), JSON.stringify(manifest));
  // everything the sandbox prints while these tests run is checked for the token
  for (const m of consoleMethods) console[m] = (...args) => printed.push(args.map(String).join(' '));
  try {
    sandbox = await startSandbox({
      port: 0,
      appDir,
      standIn: createZendeskStandIn({}),
      sip: { wsPort: 0 },
      telephonyToken: TOKEN,
    });
  } catch (err) {
    if (err.code === 'MISSING')
      throw new Error(`${err.message}\n(these tests need a real Kamailio; CI installs it with scripts/setup)`, {
        cause: err,
      });
    throw err;
  }
});
after(async () => {
  await sandbox?.close();
  Object.assign(console, originalConsole);
  await rm(appDir, { recursive: true, force: true });
  assert.ok(!printed.join('\n').includes(TOKEN), 'the token was never printed');
});

const post = (route, body) =>
  fetch(`${sandbox.url}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
const bearer = { Authorization: 'Bearer {{setting.telephonyToken}}' };
async function proxied(request) {
  const response = await post('/sandbox/zaf-proxy', {
    url: CTI,
    method: 'POST',
    secure: true,
    headers: bearer,
    body: JSON.stringify({ agentId: 5 }),
    ...request,
  });
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.ok(!text.includes(TOKEN), 'the token is never in a proxy answer');
  const answer = JSON.parse(text);
  return { ...answer, json: answer.body ? JSON.parse(answer.body) : null };
}

test('/sandbox/config: the sandbox defaults to the sip connector and its CTI; overrides and ?telephony still win', async () => {
  const config = await (await fetch(`${sandbox.url}/sandbox/config`)).json();
  assert.equal(config.metadata.settings.telephonyConnector, 'sip');
  assert.equal(config.metadata.settings.telephonyUrl, 'https://cti.example.com/v1');
  assert.ok(!('telephonyToken' in config.metadata.settings));
  assert.ok(!JSON.stringify(config).includes(TOKEN), 'the token is not in the page config');
  assert.deepEqual(config.domainWhitelist, ['cti.example.com', 'other.example.com']);
  assert.equal(config.sip.wsUri, sandbox.sip.wsUri);
  await (await post('/sandbox/settings', { telephonyConnector: 'simulator' })).arrayBuffer();
  assert.equal(
    (await (await fetch(`${sandbox.url}/sandbox/config`)).json()).metadata.settings.telephonyConnector,
    'simulator',
  );
  await (await post('/sandbox/settings', {})).arrayBuffer();
});

test('credentials through the proxy: secure request with the token → 200, and they REGISTER with Kamailio', async () => {
  const issuedAt = Math.floor(Date.now() / 1000);
  const { status, json } = await proxied({});
  assert.equal(status, 200);
  assert.match(json.username, /^\d+:agent-5$/);
  assert.ok(json.expiresAt >= issuedAt + 600 && json.expiresAt <= issuedAt + 602, 'default lifetime 10 min');
  assert.equal(json.username.split(':')[0], String(json.expiresAt));
  assert.deepEqual(
    {
      sipUri: json.sipUri,
      wsUri: json.wsUri,
      displayName: json.displayName,
      iceServers: json.iceServers,
      callerId: json.callerId,
    },
    {
      sipUri: 'sip:agent-5@127.0.0.1',
      wsUri: sandbox.sip.wsUri,
      displayName: 'Sam Agent',
      iceServers: [],
      callerId: '+18005550100', // the support line outbound calls show (D391)
    },
  );
  const ua = await connectSip({ wsUri: json.wsUri, user: 'agent-5' });
  try {
    assert.equal(await ua.register({ username: json.username, password: json.password }), 200);
  } finally {
    ua.close();
  }
});

test('the token is substituted only for secure requests: not secure, missing or wrong → 401', async () => {
  assert.equal((await proxied({ secure: false })).status, 401, 'a non-secure request keeps the literal placeholder');
  assert.equal((await proxied({ headers: {} })).status, 401);
  assert.equal((await proxied({ headers: { Authorization: 'Bearer nope' } })).status, 401);
  await (await post('/sandbox/secure-settings', { telephonyToken: 'a-wrong-token' })).arrayBuffer();
  try {
    assert.equal((await proxied({})).status, 401, 'the admin typed a wrong token');
  } finally {
    await (await post('/sandbox/secure-settings', { telephonyToken: TOKEN })).arrayBuffer();
  }
  assert.equal(
    (await fetch(`${sandbox.url}/sandbox/secure-settings`)).status,
    404,
    'secure settings are never read back',
  );
  const journal = await (await fetch(`${sandbox.url}/sandbox/zaf-proxy`)).text();
  assert.ok(journal.includes('cti.example.com') && !journal.includes(TOKEN), 'the journal keeps URLs, never the token');
});

test('the proxy reaches only the CTI: another whitelisted host, a host off the whitelist or plain http → status 0', async () => {
  for (const url of [
    'https://other.example.com/v1/sip/credentials',
    'https://evil.example.com/x?t={{setting.telephonyToken}}',
    'http://cti.example.com/v1/sip/credentials',
    'https://cti.example.com@evil.example.com/',
  ]) {
    assert.equal((await proxied({ url })).status, 0, url);
  }
  assert.equal((await proxied({ url: 'https://cti.example.com/v1/other' })).status, 404);
  assert.equal((await post('/sandbox/zaf-proxy', [1])).status, 400);
});

test('the CTI checks the agent id and its lifetime option is honoured', async () => {
  for (const body of ['{"agentId":"5"}', '{"agentId":-1}', 'not json', '{}']) {
    assert.equal((await proxied({ body })).status, 400, body);
  }
  assert.equal((await proxied({ body: '{"agentId":7}' })).status, 403, 'an end user gets no SIP credentials');
  assert.equal((await proxied({ body: '{"agentId":6}' })).json.sipUri, 'sip:agent-6@127.0.0.1');
  assert.equal((await post('/sandbox/cti', { credentialLifetimeSec: 0 })).status, 400);
  await (await post('/sandbox/cti', { credentialLifetimeSec: 20 })).arrayBuffer();
  try {
    const { json } = await proxied({});
    assert.ok(json.expiresAt - Date.now() / 1000 <= 21);
  } finally {
    await (await post('/sandbox/cti', { credentialLifetimeSec: 600 })).arrayBuffer();
  }
});

test('the workspace ZAF host sends whitelisted requests to /sandbox/zaf-proxy as written (placeholders intact)', async () => {
  const seen = [];
  const fetchImpl = (url, init) => {
    seen.push({ url, body: init.body });
    return fetch(new URL(url, sandbox.url), init);
  };
  const frame = {
    messages: [],
    postMessage(m) {
      this.messages.push(JSON.parse(m));
    },
  };
  const origin = 'http://127.0.0.1:1';
  const host = createZafHost({
    origin,
    metadata: {},
    currentUser: { id: 5 },
    fetchImpl,
    domainWhitelist: ['cti.example.com'],
  });
  host.register({ guid: 'g', location: 'top_bar', target: () => frame });
  const ask = (key, message) => host.receive({ origin, source: frame, data: JSON.stringify({ key, message }) });
  ask('request:1', {
    url: CTI,
    type: 'POST',
    secure: true,
    headers: bearer,
    contentType: 'application/json',
    data: JSON.stringify({ agentId: 5 }),
  });
  ask('request:2', { url: 'https://elsewhere.example.com/x', type: 'GET' });
  const answer = async (key) => {
    for (let i = 0; i < 100 && !frame.messages.some((m) => m.key.startsWith(`zaf.${key}.`)); i++)
      await new Promise((r) => setTimeout(r, 20));
    return frame.messages.find((m) => m.key.startsWith(`zaf.${key}.`));
  };
  const done = await answer('request:1');
  assert.equal(done.key, 'zaf.request:1.done');
  assert.match(done.message.responseArgs[0].username, /:agent-5$/);
  assert.equal((await answer('request:2')).key, 'zaf.request:2.fail', 'a host off the whitelist is unreachable');
  assert.equal(seen.length, 1, 'only the whitelisted request left the page');
  assert.equal(seen[0].url, '/sandbox/zaf-proxy');
  assert.ok(
    seen[0].body.includes('{{setting.telephonyToken}}') && !seen[0].body.includes(TOKEN),
    'the page sends the placeholder, never the token',
  );
});

test('the customer phone registers as its E.164 number with the carrier credentials; other numbers → 400', async () => {
  for (const bad of ['14155550123', '+0123', 'agent-5', '+1 415 555 0123', '']) {
    assert.equal(
      (await fetch(`${sandbox.url}/sandbox/phone/credentials?number=${encodeURIComponent(bad)}`)).status,
      400,
      bad,
    );
  }
  const creds = await (await fetch(`${sandbox.url}/sandbox/phone/credentials?number=%2B14155550199`)).json();
  assert.equal(creds.sipUri, 'sip:+14155550199@127.0.0.1');
  const ua = await connectSip({ wsUri: creds.wsUri, user: '+14155550199' });
  try {
    assert.equal(await ua.register({ username: creds.username, password: creds.password }), 200);
  } finally {
    ua.close();
  }
});

test('/sandbox/ivr stores a one-time route in Kamailio with checked headers; header injection → 400', async () => {
  const response = await post('/sandbox/ivr', {
    to: 6,
    queue: { id: 'q-billing', name: 'Billing' },
    menuPath: 'Main > Billing',
    language: 'en',
    sessionType: 'voicemail',
    attributes: { reserved_repeat_customer: 'true' },
  });
  assert.equal(response.status, 200);
  const { route, uri, target } = await response.json();
  assert.match(route, /^ivr-[0-9a-f]{24}$/);
  assert.equal(uri, `sip:${route}@127.0.0.1`);
  assert.equal(target, 'agent-6');
  const stored = await sandbox.sip.rpc.get('ivr', `${route}::headers`);
  assert.equal(
    stored.item.value,
    'X-Queue-Id: q-billing\r\nX-Queue-Name: Billing\r\nX-Menu-Path: Main > Billing\r\nX-Language: en\r\nX-Session-Type: voicemail\r\nX-Attr-reserved_repeat_customer: true\r\n',
  );
  for (const bad of [
    { menuPath: 'a\r\nX-Evil: 1' },
    { attributes: { 'a b': 'x' } },
    { sessionType: 'fax' },
    { to: 'agent-x' },
    { language: 'en\n' },
    [1],
  ]) {
    assert.equal((await post('/sandbox/ivr', bad)).status, 400, JSON.stringify(bad));
  }
});

test('/sandbox/ivr uses the X- header names of the sipHeaders setting (what the admin configured)', async () => {
  await (
    await post('/sandbox/settings', { sipHeaders: JSON.stringify({ queueId: 'X-Skill', menuPath: 'Not-X-Header' }) })
  ).arrayBuffer();
  try {
    const { route } = await (await post('/sandbox/ivr', { queue: { id: 'q1', name: 'Q' }, menuPath: 'M' })).json();
    const stored = (await sandbox.sip.rpc.get('ivr', `${route}::headers`)).item.value;
    assert.match(stored, /^X-Skill: q1\r\n/);
    assert.match(stored, /\r\nX-Menu-Path: M\r\n/, 'a non-X- name is ignored: customers could set it themselves');
  } finally {
    await (await post('/sandbox/settings', {})).arrayBuffer();
  }
});
