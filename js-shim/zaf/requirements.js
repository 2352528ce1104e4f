// The ticket fields the app's requirements created (app-manifest/requirements.json) map themselves (issue 17 item 8,
// issue 18 item 6). Zendesk creates those fields when it installs the app; the app finds their ids in the account's
// own list of ticket fields (ticket-fields.js: `GET /api/v2/ticket_fields`, documented for "Anyone" in the Support
// OAS) by each field's title and type, so the admin types no id. ZAF's `requirement:<identifier>` is not in the
// platform reference (zendesk-platform.md), so it is not used (D355). An id the admin typed in `fieldMap` for a datum
// overrides the one found; a field that is not found is reported to the admin by its title, never guessed.

/** requirements.json's ticket fields: identifier, the session datum it holds, and its title and type there. */
export const REQUIREMENT_FIELDS = Object.freeze(
  [
    ['session_type', 'sessionType', 'Session type', 'text'],
    ['from_number', 'fromNumber', 'Session "From" number', 'text'],
    ['duration', 'duration', 'Session duration (seconds)', 'integer'],
    ['wait_time', 'waitTime', 'Session wait time (seconds)', 'integer'],
    ['queue_name', 'queueName', 'Session queue', 'text'],
    ['session_id', 'sessionId', 'Session call/chat ID', 'text'],
    ['hold_time', 'holdTime', 'Session hold time (seconds)', 'integer'],
    ['csat', 'csat', 'Session CSAT', 'text'],
    ['verification', 'verification', 'Session verification', 'text'],
    ['feedback', 'feedback', 'Session feedback', 'textarea'],
  ].map(([key, datum, title, type]) => Object.freeze({ key, datum, title, type })),
);

/** requirements.json identifier → the session datum it holds (docs/install.md §5: snake_case of the datum). */
export const REQUIREMENT_DATA = Object.freeze(Object.fromEntries(REQUIREMENT_FIELDS.map((f) => [f.key, f.datum])));

/**
 * The settings with the found fields in `fieldMap` (under an entry the admin typed for the same datum: the typed id
 * is the override) and, when the admin listed no `ticketFieldIds`, the ids of every field the account has (so TR-12
 * reports a typed id that names no field). Problems: the requirement fields not found (or found twice) that no typed
 * id stands in for, by their titles, for the admin (the agent's view lists them with the settings' problems).
 * A `fieldMap` that is not a JSON object is left as it is: the core reports it (SETTING_INVALID), nothing is guessed.
 * @param {{[name: string]: any}} settings
 * @param {import('./ticket-fields.js').FieldDiscovery} found
 * @returns {{settings: {[name: string]: any}, problems: object[]}}
 */
export function withRequirementFields(settings, found) {
  const map = jsonObjectSetting(settings.fieldMap);
  if (map === null) return { settings, problems: [] };
  const typed = (datum) => Object.hasOwn(map, datum);
  /** @type {{[name: string]: any}} */
  const out = { ...settings };
  // The admin's typed ids win over the ones found.
  if (Object.keys(found.ids).some((datum) => !typed(datum))) out.fieldMap = JSON.stringify({ ...found.ids, ...map });
  const listed = typeof settings.ticketFieldIds === 'string' ? settings.ticketFieldIds.trim() : '';
  if (listed === '' && found.existing) out.ticketFieldIds = found.existing.join(',');
  const problems = [];
  const titles = (list) =>
    list
      .filter((f) => !typed(f.datum))
      .map((f) => `“${f.title}”`)
      .join(', ');
  const missing = titles(found.missing);
  if (missing) problems.push(problem('TICKET_FIELDS_MISSING', { fields: missing }));
  const twice = titles(found.ambiguous);
  if (twice) problems.push(problem('TICKET_FIELDS_AMBIGUOUS', { fields: twice }));
  if (found.unreadable && REQUIREMENT_FIELDS.some((f) => !typed(f.datum)))
    problems.push(problem('TICKET_FIELDS_UNREADABLE', {}));
  return { settings: out, problems };
}

function problem(code, params) {
  return { setting: 'fieldMap', code, params, message: `${code} ${params.fields ?? ''}`.trim() };
}

/**
 * A multiline JSON-object setting as ZAF hands it (text, or already an object): {} when it is not set, null when it
 * is not a JSON object (left as given for the core to report, never guessed at).
 * @param {unknown} given
 * @returns {{[key: string]: any}|null}
 */
export function jsonObjectSetting(given) {
  if (given === undefined || given === null || given === '') return {};
  let parsed = given;
  if (typeof given === 'string') {
    try {
      parsed = JSON.parse(given);
    } catch {
      return null;
    }
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
}
