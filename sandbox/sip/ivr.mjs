// The sandbox's IVR/ACD: the customer phone page tells it the caller's journey (queue, menu path, language, session
// type, attributes) and gets a one-time route ivr-<token>; Kamailio, dialled at sip:ivr-<token>@127.0.0.1, adds the
// journey as X- headers and rings the target agent. The headers are built HERE from checked values: no CR/LF or
// other control character can reach the SIP message, header names come from a fixed set.
import { randomBytes } from 'node:crypto';
import { DEFAULT_SIP_HEADERS as DEFAULT_HEADER_NAMES } from '../../js-shim/telephony/sip/settings.js';
import { SESSION_TYPES } from '../../js-shim/telephony/sip/sip-message.js';

// The names and session types the app's sip connector reads: one definition, so the IVR cannot drift from it.
export { DEFAULT_HEADER_NAMES, SESSION_TYPES };
const MAX_TEXT = 200;
const MAX_ATTRIBUTES = 20;
const HEADER_NAME = /^X-[A-Za-z0-9-]{1,60}$/;

export class IvrError extends Error {
  constructor(description) {
    super(description);
    this.name = 'IvrError';
  }
}

function text(value, what, { optional = true, max = MAX_TEXT } = {}) {
  if (value === undefined || value === null || value === '') {
    if (optional) return null;
    throw new IvrError(`${what} is required`);
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    throw new IvrError(`${what} must be a string`);
  const s = String(value);
  // control characters would split the SIP header (CR/LF) or corrupt it: this pattern looks for them on purpose
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) throw new IvrError(`${what} must not contain control characters`);
  if (s.length > max) throw new IvrError(`${what} is longer than ${max} characters`);
  return s.trim() === '' ? null : s;
}

/**
 * Header names: the defaults, overridden by the app's sipHeaders setting when it names X- headers (the sandbox
 * plays the IVR the admin configured; a name that is not X-... is ignored: Kamailio strips only X- headers from
 * customers, so only those are trustworthy).
 */
export function headerNamesFrom(sipHeadersSetting) {
  let overrides = {};
  try {
    overrides =
      typeof sipHeadersSetting === 'string' ? JSON.parse(sipHeadersSetting || '{}') : (sipHeadersSetting ?? {});
  } catch {}
  const names = { ...DEFAULT_HEADER_NAMES };
  for (const key of Object.keys(DEFAULT_HEADER_NAMES)) {
    const v = overrides?.[key];
    if (typeof v !== 'string') continue;
    if (key === 'attributePrefix' ? /^X-[A-Za-z0-9-]{0,40}$/.test(v) : HEADER_NAME.test(v)) names[key] = v;
  }
  return names;
}

/** The checked journey → {target, headers} (headers: "Name: value\r\n" lines). Throws IvrError. */
export function ivrRoute(journey, names = DEFAULT_HEADER_NAMES) {
  if (journey === null || typeof journey !== 'object' || Array.isArray(journey))
    throw new IvrError('expected a JSON object');
  const to = journey.to ?? 5;
  const agentId = typeof to === 'string' && /^agent-\d+$/.test(to) ? Number(to.slice(6)) : Number(to);
  if (!Number.isSafeInteger(agentId) || agentId <= 0)
    throw new IvrError('to must be an agent id (a positive integer or agent-<id>)');
  const lines = [];
  const add = (name, value) => value !== null && lines.push(`${name}: ${value}`);
  const queue = journey.queue ?? null;
  if (queue !== null && (typeof queue !== 'object' || Array.isArray(queue)))
    throw new IvrError('queue must be {id, name} or null');
  if (queue) {
    const id = text(queue.id, 'queue.id', { optional: false, max: 64 });
    add(names.queueId, id);
    add(names.queueName, text(queue.name, 'queue.name') ?? id);
  }
  add(names.menuPath, text(journey.menuPath, 'menuPath'));
  const language = text(journey.language, 'language', { max: 35 });
  if (language !== null && !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language))
    throw new IvrError('language must be a language tag like en or pt-BR');
  add(names.language, language);
  const sessionType = text(journey.sessionType, 'sessionType', { max: 32 }) ?? 'ivr';
  if (!SESSION_TYPES.includes(sessionType))
    throw new IvrError(`sessionType must be one of ${SESSION_TYPES.join(', ')}`);
  add(names.sessionType, sessionType);
  const attributes = journey.attributes ?? {};
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes))
    throw new IvrError('attributes must be an object');
  const entries = Object.entries(attributes);
  if (entries.length > MAX_ATTRIBUTES) throw new IvrError(`at most ${MAX_ATTRIBUTES} attributes`);
  for (const [key, value] of entries) {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(key)) throw new IvrError('attribute names are letters, digits, _ . - (1-64)');
    add(`${names.attributePrefix}${key}`, text(value, `attributes.${key}`, { optional: false }));
  }
  return { target: `agent-${agentId}`, headers: lines.map((l) => `${l}\r\n`).join('') };
}

/** A fresh route token (the dialled user part is ivr-<token>). */
export const newIvrToken = () => randomBytes(12).toString('hex');
