// Judges a simulation from what Zendesk (the stand-in) ended up holding, not from what the adapters believe:
// lost = something that happened is not there; duplicated = it is there more than once; invented = it is there
// but never happened, or the agent never saw it.
//
// `calls` is the ground truth (call-simulation.mjs): every call with `expectRecord` — it rang and the agent saw it
// and did not decline it, or an outbound dial the connector placed — and every call without (`why`: a dial
// refused or never confirmed, a second call the agent declined, a call the agent's view never showed).
// - a call that happened is recorded once: a ticket created with external_id = the call id, or (TR-3) a
//   "Call ID: <id>" comment appended to an earlier ticket — exactly one of the two, once;
// - the note the agent typed on it (unique text naming `label`: the scenario's call) is in exactly one comment,
//   on the call's ticket;
// - every comment the adapters added to a ticket (a PUT's comment, by its text, which names its call: D335) is on
//   that ticket exactly once;
// - a number new to Zendesk whose call happened got exactly one contact; a known caller got none;
// - invented: a ticket or comment naming a call that did not happen; a contact for a number only such calls
//   had; a ticket, comment or contact the stand-in did not start with that names no call at all.
// Delay: from a call's end to the last write naming the call (its id in the body, or its contact) that the
// stand-in carried out (2xx, also when the answer was then lost or replaced by a 500).
import { quantile } from './stats.mjs';

// A comment as the audit knows it: its ticket and its text with white space evened out (Zendesk may trim it).
export const commentKey = (ticketId, body) =>
  `${ticketId}\n${String(body ?? '')
    .trim()
    .split(/\s+/)
    .join(' ')}`;
// The comment a request effect adds to an existing ticket (PUT /api/v2/tickets/{id}), as commentKey, or null.
export function commentSent(effect) {
  const id = /^\/api\/v2\/tickets\/(\d+)(\.json)?$/.exec(String(effect.url ?? '').split('?')[0])?.[1];
  const body = effect.body?.ticket?.comment?.body;
  return effect.method === 'PUT' && id && typeof body === 'string' ? commentKey(Number(id), body) : null;
}
// scenario calls (sim-), second callers (sw-), and the ids the adapter gives its outbound calls
const CALL_ID = /\b(?:sim|sw)-\d{5}\b|\bout-\d+-\d+-\d+\b/g;
const digitsOf = (phone) => String(phone ?? '').replace(/\D/g, '');
const carriedOut = (e) => e.method !== 'GET' && (e.appliedStatus ?? e.status) < 400;

/**
 * @param {object} o
 * @param {object} o.state        zd.state() at the end
 * @param {object[]} o.log        zd.log()
 * @param {object[]} o.calls      {id, label, kind (new | known | repeat), digits, note (typed text or null),
 *                                expectRecord, why, endedAt (fake ms, or null)}
 * @param {object} o.seedState    the state the stand-in started from
 * @param {Set<string>} o.commentsSent  commentSent of every comment the adapters sent
 */
export function auditOutbox({ state, log, calls, seedState, commentsSent }) {
  const seedTickets = new Set(seedState.tickets.map((t) => t.id));
  const seedComments = new Set(
    Object.values(seedState.comments ?? {})
      .flat()
      .map((c) => c.id),
  );
  const seedUsers = new Set(seedState.users.map((u) => u.id));
  const ticketsByExternalId = new Map();
  for (const t of state.tickets) if (t.external_id != null) push(ticketsByExternalId, t.external_id, t);

  // Every comment, indexed by the call ids it names and by its text (one pass instead of calls × comments).
  const known = new Set(calls.flatMap((c) => [c.id, c.label]));
  const commentsByCall = new Map();
  const commentCount = new Map();
  const unnamed = []; // comments the stand-in did not start with that name no call of the simulation (TR-6's
  // "The customer left…" names none: it must be on the record's ticket of a call that happened)
  for (const [ticketId, comments] of Object.entries(state.comments)) {
    for (const c of comments) {
      const body = String(c.body ?? '');
      const ids = new Set(body.match(CALL_ID) ?? []);
      for (const id of ids) push(commentsByCall, id, { ticketId: Number(ticketId), body });
      const key = commentKey(ticketId, body);
      commentCount.set(key, (commentCount.get(key) ?? 0) + 1);
      if (![...ids].some((id) => known.has(id)) && !seedComments.has(c.id))
        unnamed.push({ ticketId: Number(ticketId), body });
    }
  }

  const lost = { calls: [], notes: [], comments: [], contacts: [] };
  const duplicated = { calls: [], notes: [], comments: [], contacts: [] };
  const invented = { calls: [], contacts: [], other: [] };
  const homes = new Set(); // tickets holding the record of a call that happened
  const misplacedNotes = [];
  let appended = 0;
  for (const call of calls) {
    const created = ticketsByExternalId.get(call.id) ?? [];
    const mentions = commentsByCall.get(call.id) ?? [];
    const createdIds = new Set(created.map((t) => t.id));
    const records = mentions.filter((c) => !createdIds.has(c.ticketId) && c.body.includes(`Call ID: ${call.id}\n`));
    const n = created.length + records.length;
    if (!call.expectRecord) {
      // nothing at all may name a call that did not happen: no ticket, no record, no later comment
      if (created.length || mentions.length)
        invented.calls.push(`${call.id} (${call.why}): ${created.length} tickets, ${mentions.length} comments`);
      continue;
    }
    if (n === 0) lost.calls.push(call.id);
    if (n > 1) duplicated.calls.push(`${call.id} ×${n}`);
    if (!created.length && records.length) appended++;
    const home = new Set([...createdIds, ...records.map((c) => c.ticketId)]);
    for (const id of home) homes.add(id);
    if (call.note == null) continue; // the agent typed no note on it (a call it never spoke on)
    const notes = (commentsByCall.get(call.label) ?? []).filter((c) => c.body.includes(call.note));
    if (notes.length === 0) lost.notes.push(call.id);
    if (notes.length > 1) duplicated.notes.push(`${call.id} ×${notes.length}`);
    if (notes.length && !notes.some((c) => home.has(c.ticketId))) misplacedNotes.push(call.id);
  }
  for (const key of commentsSent) {
    const n = commentCount.get(key) ?? 0;
    const shown = key.slice(0, 80);
    if (n === 0) lost.comments.push(shown);
    if (n > 1) duplicated.comments.push(`${shown} ×${n}`);
  }
  for (const c of unnamed)
    if (!homes.has(c.ticketId)) invented.other.push(`comment on #${c.ticketId}: ${c.body.slice(0, 60)}`);
  // A ticket the stand-in did not start with is the record of some call (created for it, or its calls appended).
  for (const t of state.tickets) {
    if (seedTickets.has(t.id) || (t.external_id != null && known.has(t.external_id))) continue;
    invented.other.push(`ticket #${t.id} (external_id ${t.external_id ?? 'none'})`);
  }

  // Contacts: one for each new number whose call happened, none for a number only calls that did not happen had.
  const usersByDigits = new Map();
  for (const u of state.users) if (u.phone) push(usersByDigits, digitsOf(u.phone), u);
  const seedCount = (digits) => seedState.users.filter((u) => digitsOf(u.phone) === digits).length;
  const happened = calls.filter((c) => c.expectRecord);
  const happenedDigits = new Set(happened.map((c) => c.digits));
  for (const digits of happenedDigits) {
    const expected = Math.max(1, seedCount(digits)); // a caller Zendesk did not know gets one, from the first call
    const n = (usersByDigits.get(digits) ?? []).length;
    if (n < expected) lost.contacts.push(digits);
    if (n > expected) duplicated.contacts.push(`${digits} ×${n}`);
  }
  for (const u of state.users) {
    if (seedUsers.has(u.id) || happenedDigits.has(digitsOf(u.phone))) continue;
    const call = calls.find((c) => c.digits === digitsOf(u.phone));
    if (call) invented.contacts.push(`${digitsOf(u.phone)} (${call.why})`);
    else invented.other.push(`user #${u.id} (${u.phone ?? 'no phone'})`);
  }

  // The last carried-out write naming each call, and each new number's contact create.
  const lastWrite = new Map();
  const firstCallOf = new Map();
  for (const c of happened) if (c.kind === 'new' && !firstCallOf.has(c.digits)) firstCallOf.set(c.digits, c.id);
  for (const e of log) {
    if (!carriedOut(e)) continue;
    const ids = new Set(JSON.stringify(e.body ?? null).match(CALL_ID) ?? []);
    if (e.method === 'POST' && /^\/api\/v2\/users(\.json)?$/.test(e.url.split('?')[0])) {
      const id = firstCallOf.get(digitsOf(e.body?.user?.phone));
      if (id) ids.add(id);
    }
    for (const id of ids) lastWrite.set(id, Math.max(lastWrite.get(id) ?? -Infinity, e.at));
  }
  const delayOf = happened
    .filter((c) => c.endedAt != null && lastWrite.has(c.id))
    .map((c) => ({ call: c.id, ms: Math.max(0, lastWrite.get(c.id) - c.endedAt) }));
  const delays = delayOf.map((d) => d.ms).sort((a, b) => a - b);
  const slowest = delayOf.sort((a, b) => b.ms - a.ms).slice(0, 3);

  const count = (o) => Object.values(o).reduce((n, list) => n + list.length, 0);
  return {
    lost: count(lost),
    duplicated: count(duplicated),
    invented: count(invented),
    misplacedNotes: misplacedNotes.length,
    callsExpected: happened.length,
    callsThatMustLeaveNothing: calls.length - happened.length,
    notesTyped: happened.filter((c) => c.note != null).length,
    details: {
      lost: firstFew(lost),
      duplicated: firstFew(duplicated),
      invented: firstFew(invented),
      misplacedNotes: misplacedNotes.slice(0, 10),
    },
    byKind: { lost: counts(lost), duplicated: counts(duplicated), invented: counts(invented) },
    callsAppendedToEarlierTicket: appended,
    commentsSent: commentsSent.size,
    delayMs: {
      p50: quantile(delays, 0.5),
      p90: quantile(delays, 0.9),
      max: delays.at(-1) ?? null,
      calls: delays.length,
      slowest,
    },
  };
}

function push(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
const counts = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.length]));
const firstFew = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.slice(0, 10)]));
