// Short-lived SIP credentials from the contact center's credential endpoint (docs/telephony.md, "Credential
// endpoint"), through the ZAF proxy with the secure token: the browser never holds a long-lived secret.
import { TelephonyError } from '../connector.js';
import { postToTelephonyBackend } from './backend-request.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * Asks for this agent's credentials once.
 * @param {{request(o: object): Promise<any>}} client  the ZAF client
 * @param {{telephonyUrl: string, agent: {id: number, email?: string}}} o
 * @returns {Promise<{username: string, password: string, expiresAt: number, sipUri: string, wsUri: string,
 *   displayName: string, iceServers: object[], domain: string, callerId: string}>}  rejects with a TelephonyError:
 *   NOT_CONFIGURED (no telephonyUrl), CREDENTIALS_REFUSED (401/403), CREDENTIALS_UNAVAILABLE (network, 5xx,
 *   a malformed answer), INSECURE_TRANSPORT (ws:// to a host that is not this machine)
 */
export async function fetchSipCredentials(client, { telephonyUrl, agent }) {
  if (typeof telephonyUrl !== 'string' || !/^https:\/\/[^\s/]+/.test(telephonyUrl)) {
    throw new TelephonyError('NOT_CONFIGURED', 'the telephonyUrl setting must be an https URL');
  }
  let answer;
  try {
    answer = await postToTelephonyBackend(client, telephonyUrl, 'credentials', {
      agentId: agent.id,
      email: agent.email ?? null,
    });
  } catch (err) {
    const status = Number(err?.status ?? 0);
    if (status === 401 || status === 403)
      throw new TelephonyError('CREDENTIALS_REFUSED', `the credential endpoint answered ${status}`);
    throw new TelephonyError(
      'CREDENTIALS_UNAVAILABLE',
      `the credential endpoint could not be reached (status ${status})`,
    );
  }
  return checkedCredentials(typeof answer === 'string' ? safeJson(answer) : answer);
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The answer's fields, checked; ws:// is accepted only for a loopback host (the sandbox). */
export function checkedCredentials(c) {
  const bad = (what) => new TelephonyError('CREDENTIALS_UNAVAILABLE', `the credential answer has no valid ${what}`);
  if (c === null || typeof c !== 'object') throw bad('body');
  for (const key of ['username', 'password', 'sipUri', 'wsUri'])
    if (typeof c[key] !== 'string' || c[key] === '') throw bad(key);
  if (!Number.isSafeInteger(c.expiresAt) || c.expiresAt <= 0) throw bad('expiresAt');
  const sip = /^sips?:([^@]+)@([^;>?]+)/.exec(c.sipUri);
  if (!sip) throw bad('sipUri');
  let ws;
  try {
    ws = new URL(c.wsUri);
  } catch {
    throw bad('wsUri');
  }
  if (ws.protocol === 'ws:' && !LOOPBACK.has(ws.hostname)) {
    throw new TelephonyError(
      'INSECURE_TRANSPORT',
      'ws:// is refused for a SIP server that is not on this machine; use wss://',
    );
  }
  if (ws.protocol !== 'wss:' && ws.protocol !== 'ws:') throw bad('wsUri');
  return {
    username: c.username,
    password: c.password,
    expiresAt: c.expiresAt,
    sipUri: c.sipUri,
    wsUri: c.wsUri,
    displayName: typeof c.displayName === 'string' ? c.displayName : '',
    iceServers: Array.isArray(c.iceServers) ? JSON.parse(JSON.stringify(c.iceServers)) : [],
    domain: sip[2],
    // The number the agent's outbound calls show (optional, E.164): callDialing's `line`, TPE's from_line (D391).
    // Anything else is left out rather than written to Zendesk as a line.
    callerId: typeof c.callerId === 'string' && E164.test(c.callerId) ? c.callerId : '',
  };
}

/**
 * When to fetch new credentials: at 80 % of the remaining lifetime, at least 30 s before expiry, never in the past.
 * @param {number} expiresAtSec  unix seconds
 * @param {number} nowMs
 */
export function refreshDelayMs(expiresAtSec, nowMs) {
  const left = expiresAtSec * 1000 - nowMs;
  return Math.max(1000, Math.min(left * 0.8, left - 30_000));
}

/** Retry delay after the n-th failure (0-based): 1 s doubling to 60 s; refused tokens retry slowly (5 min). */
export function retryDelayMs(attempt, code) {
  if (code === 'CREDENTIALS_REFUSED' || code === 'INSECURE_TRANSPORT' || code === 'NOT_CONFIGURED') return 300_000;
  return Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6));
}
