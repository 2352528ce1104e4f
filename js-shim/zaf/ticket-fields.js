// The account's ticket fields (`GET /api/v2/ticket_fields`, "Allowed for: Anyone", zendesk-support-oas.yaml), read
// once at registration to find the fields the app's requirements created (requirements.js, D355): by title and type,
// an active field first, one an app created (`creator=true`: `creator_user_id` -1, `creator_app_name`) before one
// an admin made by hand. Cursor pages of 100, ordered by id, followed by their cursor (never by a URL from the
// answer); a field list that does not end within MAX_PAGES is taken as unread rather than as complete.
import { REQUIREMENT_FIELDS } from './requirements.js';

const MAX_PAGES = 20; // 2,000 fields; Zendesk's own limit for an account is lower
const FIRST_PAGE = '/api/v2/ticket_fields.json?creator=true&page[size]=100';

/**
 * @typedef {{ids: Record<string, number>, existing: number[]|null,
 *   missing: typeof REQUIREMENT_FIELDS[number][], ambiguous: typeof REQUIREMENT_FIELDS[number][],
 *   unreadable: boolean}} FieldDiscovery
 */

/**
 * Every ticket field of the account, or null when Zendesk did not give the whole list (an error, a refusal, more
 * than MAX_PAGES pages).
 * @param {(r: {id: string, method: string, url: string}) => Promise<{status: number, body: any}>} request
 * @returns {Promise<object[]|null>}
 */
export async function listTicketFields(request) {
  const fields = [];
  let url = FIRST_PAGE;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await request({ id: `ticket-fields-${page}`, method: 'GET', url });
    const body = answer?.body;
    if (answer?.status !== 200 || !Array.isArray(body?.ticket_fields)) return null;
    fields.push(...body.ticket_fields.filter((f) => f && typeof f === 'object'));
    const cursor = body.meta?.after_cursor;
    if (body.meta?.has_more !== true) return fields;
    if (typeof cursor !== 'string' || cursor === '') return null;
    url = `${FIRST_PAGE}&page[after]=${encodeURIComponent(cursor)}`;
  }
  return null;
}

/**
 * The requirement fields found in `fields` (null: the list could not be read).
 * @param {object[]|null} fields
 * @returns {FieldDiscovery}
 */
export function findRequirementFields(fields) {
  if (fields === null) return { ids: {}, existing: null, missing: [], ambiguous: [], unreadable: true };
  /** @type {Record<string, number>} */
  const ids = {};
  const missing = [];
  const ambiguous = [];
  const usable = fields.filter((f) => Number.isSafeInteger(f.id) && f.id > 0 && f.active !== false);
  for (const wanted of REQUIREMENT_FIELDS) {
    // raw_title is the title as created (title may be a dynamic-content rendering of it).
    const same = usable.filter((f) => (f.raw_title ?? f.title) === wanted.title && f.type === wanted.type);
    const byApp = same.filter(
      (f) => f.creator_user_id === -1 || (typeof f.creator_app_name === 'string' && f.creator_app_name !== ''),
    );
    const chosen = byApp.length > 0 ? byApp : same;
    if (chosen.length === 1) ids[wanted.datum] = chosen[0].id;
    else (chosen.length === 0 ? missing : ambiguous).push(wanted);
  }
  return { ids, existing: usable.map((f) => f.id), missing, ambiguous, unreadable: false };
}
