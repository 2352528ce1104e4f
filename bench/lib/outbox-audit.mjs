// Judges a simulation from what Zendesk (the stand-in) ended up holding, not from what the adapters believe:
// lost = something the calls should have written is not there; duplicated = it is there more than once.
//
// - a call is recorded once: a ticket created with external_id = the call id, or (TR-3) a "Call ID: <id>"
//   comment appended to an earlier ticket — exactly one of the two, once;
// - the agent's note text (unique per call) is in exactly one comment, on the call's ticket;
// - every `[cti-ref:xxxxxxxx]` marker the adapters sent is in exactly one comment;
// - a number new to Zendesk got exactly one contact; a known caller got none.
// Delay: from a call's end to the last write naming the call (its id in the body, or its contact) that the
// stand-in carried out (2xx, also when the answer was then lost or replaced by a 500).
import { quantile } from './stats.mjs';

export const MARKER = /\[cti-ref:[0-9a-f]{8}\]/g;
const CALL_ID = /sim-\d{5}/g;
const digitsOf = (phone) => String(phone ?? '').replace(/\D/g, '');
const carriedOut = (e) => e.method !== 'GET' && (e.appliedStatus ?? e.status) < 400;

/**
 * @param {object} o
 * @param {object} o.state        zd.state() at the end
 * @param {object[]} o.log        zd.log()
 * @param {object[]} o.calls      the scenario's calls, each with `endedAt` (fake ms) once its callEnded was sent
 * @param {object} o.seedState    the state the stand-in started from
 * @param {Set<string>} o.markersSent
 */
export function auditOutbox({ state, log, calls, seedState, markersSent }) {
  const ticketsByExternalId = new Map();
  for (const t of state.tickets) if (t.external_id != null) push(ticketsByExternalId, t.external_id, t);

  // Every comment, indexed by the call ids and markers it names (one pass instead of calls × comments).
  const commentsByCall = new Map();
  const markerCount = new Map();
  for (const [ticketId, comments] of Object.entries(state.comments)) {
    for (const c of comments) {
      const body = String(c.body ?? '');
      for (const id of new Set(body.match(CALL_ID) ?? [])) push(commentsByCall, id, { ticketId: Number(ticketId), body });
      for (const m of body.match(MARKER) ?? []) markerCount.set(m, (markerCount.get(m) ?? 0) + 1);
    }
  }

  const lost = { calls: [], notes: [], markers: [], contacts: [] };
  const duplicated = { calls: [], notes: [], markers: [], contacts: [] };
  const misplacedNotes = [];
  let appended = 0;
  for (const call of calls) {
    const created = ticketsByExternalId.get(call.id) ?? [];
    const mentions = commentsByCall.get(call.id) ?? [];
    const createdIds = new Set(created.map((t) => t.id));
    const records = mentions.filter((c) => !createdIds.has(c.ticketId) && c.body.includes(`Call ID: ${call.id}\n`));
    const n = created.length + records.length;
    if (n === 0) lost.calls.push(call.id);
    if (n > 1) duplicated.calls.push(`${call.id} ×${n}`);
    if (!created.length && records.length) appended++;
    const home = new Set([...createdIds, ...records.map((c) => c.ticketId)]);
    const notes = mentions.filter((c) => c.body.includes(call.note));
    if (notes.length === 0) lost.notes.push(call.id);
    if (notes.length > 1) duplicated.notes.push(`${call.id} ×${notes.length}`);
    if (notes.length && !notes.some((c) => home.has(c.ticketId))) misplacedNotes.push(call.id);
  }
  for (const m of markersSent) {
    const n = markerCount.get(m) ?? 0;
    if (n === 0) lost.markers.push(m);
    if (n > 1) duplicated.markers.push(`${m} ×${n}`);
  }

  const usersByDigits = new Map();
  for (const u of state.users) if (u.phone) push(usersByDigits, digitsOf(u.phone), u);
  const seedCount = (digits) => seedState.users.filter((u) => digitsOf(u.phone) === digits).length;
  for (const digits of new Set(calls.map((c) => c.digits))) {
    const isNew = calls.some((c) => c.digits === digits && c.kind === 'new');
    const expected = isNew ? 1 : seedCount(digits);
    const n = (usersByDigits.get(digits) ?? []).length;
    if (n < expected) lost.contacts.push(digits);
    if (n > expected) duplicated.contacts.push(`${digits} ×${n}`);
  }

  // The last carried-out write naming each call, and each new number's contact create.
  const lastWrite = new Map();
  const firstCallOf = new Map(calls.filter((c) => c.kind === 'new').map((c) => [c.digits, c.id]));
  for (const e of log) {
    if (!carriedOut(e)) continue;
    const ids = new Set(JSON.stringify(e.body ?? null).match(CALL_ID) ?? []);
    if (e.method === 'POST' && /^\/api\/v2\/users(\.json)?$/.test(e.url.split('?')[0])) {
      const id = firstCallOf.get(digitsOf(e.body?.user?.phone));
      if (id) ids.add(id);
    }
    for (const id of ids) lastWrite.set(id, Math.max(lastWrite.get(id) ?? -Infinity, e.at));
  }
  const delayOf = calls.filter((c) => c.endedAt != null && lastWrite.has(c.id)).map((c) => ({ call: c.id, ms: Math.max(0, lastWrite.get(c.id) - c.endedAt) }));
  const delays = delayOf.map((d) => d.ms).sort((a, b) => a - b);
  const slowest = delayOf.sort((a, b) => b.ms - a.ms).slice(0, 3);

  const count = (o) => Object.values(o).reduce((n, list) => n + list.length, 0);
  return {
    lost: count(lost),
    duplicated: count(duplicated),
    misplacedNotes: misplacedNotes.length,
    details: { lost: firstFew(lost), duplicated: firstFew(duplicated), misplacedNotes: misplacedNotes.slice(0, 10) },
    byKind: { lost: counts(lost), duplicated: counts(duplicated) },
    callsAppendedToEarlierTicket: appended,
    markersSent: markersSent.size,
    delayMs: { p50: quantile(delays, 0.5), p90: quantile(delays, 0.9), max: delays.at(-1) ?? null, calls: delays.length, slowest },
  };
}

function push(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
const counts = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.length]));
const firstFew = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.slice(0, 10)]));
