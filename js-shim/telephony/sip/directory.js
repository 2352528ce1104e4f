// The transfer directory of the sip connector (D341): the contact center's list of agents with their presence and
// the queues' logged-in agents, from `POST {telephonyUrl}/sip/directory` through the ZAF proxy with the secure
// token, as the credentials come (docs/telephony.md, "Directory endpoint"). A backend without the endpoint (404)
// says it keeps no list of agents (`agents: null`): the core lists the account's agents from Zendesk instead, with
// availability unknown (D433); queues from the transferTargets setting and typed targets work as ever. One that fails for a
// passing reason (network, 5xx, an answer that is not JSON) rejects, so the core keeps its last copy, which it
// shows as unknown once it is too old (D432), instead of an empty directory that looks like nobody is there.

import { postToTelephonyBackend } from './backend-request.js';

const AVAILABILITY = new Set(['available', 'away', 'busy', 'wrapUp', 'offline', 'unknown']);
const MAX_AGENTS = 200;

/**
 * @param {{request(o: object): Promise<any>}} client  the ZAF client
 * @param {{telephonyUrl: string, agent: {id: number}}} o
 * @returns {Promise<{agents: {id: number|string, name: string, availability: string}[]|null,
 *   queues: {id: number, loggedInAgents: number}[]}>}  agents null: no endpoint (404); rejects when the backend
 *   failed
 */
export async function fetchSipDirectory(client, { telephonyUrl, agent }) {
  let answer;
  try {
    answer = await postToTelephonyBackend(client, telephonyUrl, 'directory', { agentId: agent.id });
  } catch (err) {
    if (err?.status === 404) return { agents: null, queues: [] };
    throw err;
  }
  return checkedDirectory(typeof answer === 'string' ? JSON.parse(answer) : answer);
}

/** The answer's entries that are well formed (ids, names, an availability the protocol names), bounded. */
export function checkedDirectory(d) {
  const agents = (Array.isArray(d?.agents) ? d.agents : [])
    .filter(
      (a) =>
        (Number.isSafeInteger(a?.id) && a.id > 0) || (typeof a?.id === 'string' && a.id !== '' && a.id.length <= 128),
    )
    .slice(0, MAX_AGENTS)
    .map((a) => ({
      id: a.id,
      name: typeof a.name === 'string' ? a.name.slice(0, 100) : String(a.id),
      availability: AVAILABILITY.has(a.availability) ? a.availability : 'unknown',
    }));
  const queues = (Array.isArray(d?.queues) ? d.queues : [])
    .filter(
      (q) => Number.isSafeInteger(q?.id) && q.id > 0 && Number.isSafeInteger(q.loggedInAgents) && q.loggedInAgents >= 0,
    )
    .slice(0, MAX_AGENTS)
    .map((q) => ({ id: q.id, loggedInAgents: q.loggedInAgents }));
  return { agents, queues };
}
