// The SIP connector's own app settings (sipHeaders, sipTransferTargets, sipIceServers, sipDtmf), read once at
// start. An admin's mistake is never replaced by a silent default: every invalid value becomes a structured
// problem ({setting, code, message}) and the connector stays offline until the settings are fixed, because a
// wrong header name would mislabel every call and a wrong template would transfer callers to the wrong place.

/** Header names the connector reads IVR data from, unless sipHeaders overrides them. */
export const DEFAULT_SIP_HEADERS = Object.freeze({
  queueId: 'X-Queue-Id',
  queueName: 'X-Queue-Name',
  menuPath: 'X-Menu-Path',
  language: 'X-Language',
  sessionType: 'X-Session-Type',
  attributePrefix: 'X-Attr-',
  // A consult call from another agent names the caller it is about (D342): the target's card shows that caller.
  consultCaller: 'X-Consult-Caller',
});

/** How a transfer target becomes a SIP URI, unless sipTransferTargets overrides them. */
export const DEFAULT_TRANSFER_TARGETS = Object.freeze({
  agent: 'sip:agent-{id}@{domain}',
  queue: 'sip:queue-{id}@{domain}',
  number: 'sip:{number}@{domain}',
});

const TEMPLATE_FIELDS = { agent: '{id}', queue: '{id}', number: '{number}' };
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/; // an RFC 3261 token
const ICE_KEYS = new Set(['urls', 'username', 'credential', 'credentialType']);
const ICE_URL = /^(stun|stuns|turn|turns):[^\s]{1,512}$/;
const DTMF_MODES = ['rfc4733', 'info'];

/**
 * @param {Record<string, unknown>} settings  the app's settings (metadata().settings)
 * @returns {{headers: typeof DEFAULT_SIP_HEADERS, transferTargets: typeof DEFAULT_TRANSFER_TARGETS,
 *   iceServers: object[], dtmf: 'rfc4733'|'info', problems: {setting: string, code: string, message: string}[]}}
 */
export function parseSipSettings(settings = {}) {
  const problems = [];
  const problem = (setting, message) => problems.push({ setting, code: 'SIP_SETTING_INVALID', message });

  const headers = { ...DEFAULT_SIP_HEADERS };
  const headerOverrides = jsonSetting(settings, 'sipHeaders', {}, problem);
  if (isPlainObject(headerOverrides)) {
    for (const [key, value] of Object.entries(headerOverrides)) {
      if (!Object.hasOwn(DEFAULT_SIP_HEADERS, key))
        problem('sipHeaders', `unknown key "${clip(key)}"; expected ${Object.keys(DEFAULT_SIP_HEADERS).join(', ')}`);
      else if (typeof value !== 'string' || !HEADER_NAME.test(value))
        problem('sipHeaders', `"${key}" must be a SIP header name (letters, digits, "-"), at most 64 characters`);
      else headers[key] = value;
    }
  } else if (headerOverrides !== undefined) problem('sipHeaders', 'expected a JSON object of header names');

  const transferTargets = { ...DEFAULT_TRANSFER_TARGETS };
  const targetOverrides = jsonSetting(settings, 'sipTransferTargets', {}, problem);
  if (isPlainObject(targetOverrides)) {
    for (const [key, value] of Object.entries(targetOverrides)) {
      if (!Object.hasOwn(DEFAULT_TRANSFER_TARGETS, key))
        problem('sipTransferTargets', `unknown key "${clip(key)}"; expected agent, queue, number`);
      else if (!validTemplate(value, TEMPLATE_FIELDS[key])) {
        problem(
          'sipTransferTargets',
          `"${key}" must be a sip: or sips: URI template containing ${TEMPLATE_FIELDS[key]} (and optionally {domain})`,
        );
      } else transferTargets[key] = value;
    }
  } else if (targetOverrides !== undefined) problem('sipTransferTargets', 'expected a JSON object of URI templates');

  let iceServers = [];
  const ice = jsonSetting(settings, 'sipIceServers', [], problem);
  if (Array.isArray(ice)) {
    const bad = ice.findIndex((server) => !validIceServer(server));
    if (bad >= 0)
      problem(
        'sipIceServers',
        `entry ${bad} is not an ICE server {urls: "stun:…"|"turn:…"|[…], username?, credential?}`,
      );
    else iceServers = JSON.parse(JSON.stringify(ice));
  } else if (ice !== undefined) problem('sipIceServers', 'expected a JSON array of ICE servers');

  const dtmfRaw = String(settings.sipDtmf ?? '');
  const dtmf = dtmfRaw === '' ? 'rfc4733' : dtmfRaw;
  if (!DTMF_MODES.includes(dtmf)) problem('sipDtmf', `expected "rfc4733" or "info", got "${clip(String(dtmfRaw))}"`);

  return {
    headers,
    transferTargets,
    iceServers,
    dtmf: DTMF_MODES.includes(dtmf) ? /** @type {'rfc4733'|'info'} */ (dtmf) : 'rfc4733',
    problems,
  };
}

// A multiline-JSON setting: empty means the default; text that is not JSON is a problem (undefined returned).
function jsonSetting(settings, name, fallback, problem) {
  const raw = settings[name];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return fallback;
  if (typeof raw !== 'string') return raw; // already parsed (a test, or a host that parses JSON settings)
  try {
    return JSON.parse(raw);
  } catch {
    problem(name, 'is not valid JSON');
    return undefined;
  }
}

function validTemplate(value, field) {
  if (typeof value !== 'string' || value.length > 256 || !/^sips?:/.test(value) || !value.includes(field)) return false;
  return (value.match(/\{[^}]*\}/g) ?? []).every((p) => p === field || p === '{domain}');
}

function validIceServer(server) {
  if (!isPlainObject(server) || !Object.keys(server).every((k) => ICE_KEYS.has(k))) return false;
  const urls = Array.isArray(server.urls) ? server.urls : [server.urls];
  if (urls.length === 0 || !urls.every((u) => typeof u === 'string' && ICE_URL.test(u))) return false;
  return ['username', 'credential'].every((k) => server[k] === undefined || typeof server[k] === 'string');
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const clip = (s) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
