// The contact center's backend, as far as the app needs it: short-lived SIP credentials for an agent, in the TURN
// REST style Kamailio's auth_ephemeral checks (docs/telephony.md, "Credential endpoint"):
//   username = "<expiry unix s>:<user>", password = base64(HMAC-SHA1(shared secret, username)).
// The app reaches it only through the (sandbox's) ZAF proxy, with the account's API token as a secure setting.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_CREDENTIAL_LIFETIME_SEC = 600;
const E164 = /^\+[1-9][0-9]{6,14}$/;

/** {username, password, expiresAt} for `user`, valid `lifetimeSec` from `nowMs`. */
export function ephemeralCredentials({
  secret,
  user,
  lifetimeSec = DEFAULT_CREDENTIAL_LIFETIME_SEC,
  nowMs = Date.now(),
}) {
  const expiresAt = Math.floor(nowMs / 1000) + lifetimeSec;
  const username = `${expiresAt}:${user}`;
  const password = createHmac('sha1', secret).update(username).digest('base64');
  return { username, password, expiresAt };
}

export const isE164 = (v) => typeof v === 'string' && E164.test(v);

function sameSecret(given, expected) {
  const a = Buffer.from(String(given));
  const b = Buffer.from(String(expected));
  return a.length === b.length && timingSafeEqual(a, b);
}

const json = (status, value) => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

/**
 * The stand-in CTI. handle({method, path, headers, body}) → {status, headers, body}, as the ZAF proxy forwards it.
 * @param {object} o
 * @param {string} o.token                  the account's API token (the app's secure setting telephonyToken)
 * @param {() => object|null} o.sip         the running SIP server {secret, wsUri, domain}, or null (sandbox --no-sip)
 * @param {(id: number) => object|null} o.agent   the Zendesk user with that id ({name, role}), or null
 * @param {() => object[]} [o.agents]  the account's users (the directory lists its agents and admins)
 * @param {number} [o.lifetimeSec]
 * @param {Array} [o.iceServers]
 */
export function createCti({
  token,
  sip,
  agent,
  agents = () => [],
  lifetimeSec = DEFAULT_CREDENTIAL_LIFETIME_SEC,
  iceServers = [],
}) {
  const options = { lifetimeSec };
  function handle({ method, path, headers = {}, body }) {
    if (path !== '/v1/sip/credentials' && path !== '/v1/sip/directory') return json(404, { error: 'NotFound' });
    if (method !== 'POST') return json(405, { error: 'MethodNotAllowed' });
    const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    const m = /^Bearer (.+)$/.exec(typeof auth === 'string' ? auth : '');
    if (!m || !sameSecret(m[1], token))
      return json(401, { error: 'Unauthorized', description: 'the API token was refused' });
    let request;
    try {
      request = typeof body === 'string' && body !== '' ? JSON.parse(body) : {};
    } catch {
      return json(400, { error: 'InvalidJSON' });
    }
    const agentId = request?.agentId;
    if (!Number.isSafeInteger(agentId) || agentId <= 0)
      return json(400, { error: 'InvalidAgentId', description: 'agentId must be a positive integer' });
    const user = agent(agentId);
    if (!user || !['agent', 'admin'].includes(user.role))
      return json(403, { error: 'NotAnAgent', description: `user ${agentId} is not an agent here` });
    const server = sip();
    if (!server)
      return json(503, { error: 'SipUnavailable', description: 'the sandbox runs without its SIP server (--no-sip)' });
    if (path === '/v1/sip/directory') return directory(server);
    const sipUser = `agent-${agentId}`;
    const credentials = ephemeralCredentials({
      secret: server.secret,
      user: sipUser,
      lifetimeSec: options.lifetimeSec,
    });
    return json(200, {
      ...credentials,
      sipUri: `sip:${sipUser}@${server.domain}`,
      wsUri: server.wsUri,
      displayName: typeof user.name === 'string' ? user.name : sipUser,
      iceServers,
    });
  }
  // The directory (D341) from the registrar: every agent of the account, `available` while Kamailio has a
  // registration for agent-<id>, else `offline`. A registrar cannot tell away (the app answers 480) or on a call.
  async function directory(server) {
    const list = [];
    for (const user of agents()) {
      if (!['agent', 'admin'].includes(user?.role) || !Number.isSafeInteger(user.id)) continue;
      let registered = false;
      try {
        await server.rpc.call('ul.lookup', ['location', `agent-${user.id}`]);
        registered = true;
      } catch {
        // not registered (or the registrar did not answer): offline
      }
      list.push({
        id: user.id,
        name: String(user.name ?? user.id),
        availability: registered ? 'available' : 'offline',
      });
    }
    return json(200, { agents: list, queues: [] });
  }

  return {
    handle,
    /** Tests: a shorter lifetime for the credentials handed out from now on. */
    setLifetime(sec) {
      if (!Number.isInteger(sec) || sec < 1 || sec > 86400)
        throw new RangeError('credential lifetime must be 1-86400 s');
      options.lifetimeSec = sec;
    },
    lifetime: () => options.lifetimeSec,
  };
}
