// The contact center's backend, as far as the app needs it: short-lived SIP credentials for an agent, in the TURN
// REST style Kamailio's auth_ephemeral checks (docs/telephony.md, "Credential endpoint"):
//   username = "<expiry unix s>:<user>", password = base64(HMAC-SHA1(shared secret, username)).
// The app reaches it only through the (sandbox's) ZAF proxy, with the account's API token as a secure setting.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_CREDENTIAL_LIFETIME_SEC = 600;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const STATUSES = new Set(['available', 'away', 'busy', 'wrapUp']);
// An agent's status as the directory's availability: the same words, wrap-up its own (D435: not free yet, soon).
const AVAILABILITY = { available: 'available', away: 'away', busy: 'busy', wrapUp: 'wrapUp' };

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
 * @param {string} [o.callerId]  the number the agents' outbound calls show (the sandbox's support line, E.164)
 */
export function createCti({
  token,
  sip,
  agent,
  agents = () => [],
  lifetimeSec = DEFAULT_CREDENTIAL_LIFETIME_SEC,
  iceServers = [],
  callerId = '+18005550100',
}) {
  const options = { lifetimeSec };
  // What each agent's app last said (POST /v1/sip/status, D434): available, away, busy (ringing or on a call) or
  // wrapUp. Kept while the sandbox runs; the directory reads it for the registered agents.
  const statuses = new Map();
  const endpoints = new Set(['/v1/sip/credentials', '/v1/sip/directory', '/v1/sip/status']);
  function handle({ method, path, headers = {}, body }) {
    if (!endpoints.has(path)) return json(404, { error: 'NotFound' });
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
    if (path === '/v1/sip/status') {
      if (!STATUSES.has(request?.status))
        return json(400, { error: 'InvalidStatus', description: `status must be one of ${[...STATUSES].join(', ')}` });
      statuses.set(agentId, request.status);
      return json(200, { agentId, status: request.status });
    }
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
      callerId,
    });
  }
  // The directory (D341) from the registrar: every agent of the account, `offline` without a registration for
  // agent-<id> in Kamailio; a registered one as its app last said (D434, D435): `away`, `busy` on a call, `wrapUp`
  // in its wrap-up, else `available`.
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
        availability: registered ? (AVAILABILITY[statuses.get(user.id)] ?? 'available') : 'offline',
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
    /** Tests: the status an agent's app last posted (D434), or null. */
    status: (agentId) => statuses.get(agentId) ?? null,
  };
}
