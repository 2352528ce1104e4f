// The ticket fields the app's requirements created (app-manifest/requirements.json) map themselves (issue 17 item 8).
// When Zendesk installs the app it creates those fields; ZAF answers `client.get('requirement:<identifier>')` with
// `{requirement_id, …}` for each (seen in Zendesk's own public apps, e.g. its Shopify app; docs/install.md §5). Their
// ids become the `fieldMap` entries of their session data, so an installed app writes them without the admin copying
// ids; the admin's `fieldMap` setting covers what the requirements do not (a local `zcli apps:server` has none, and
// custom data keys). A requirement ZAF does not know (no installation, an older framework) is simply left out.

/** requirements.json identifier → the session datum it holds (docs/install.md §5: snake_case of the datum). */
export const REQUIREMENT_DATA = Object.freeze({
  session_type: 'sessionType',
  from_number: 'fromNumber',
  duration: 'duration',
  wait_time: 'waitTime',
  queue_name: 'queueName',
  session_id: 'sessionId',
  hold_time: 'holdTime',
  csat: 'csat',
  verification: 'verification',
  feedback: 'feedback',
});

/**
 * {datum: field id} of the requirements ZAF knows, in one `get`; {} when it knows none or fails.
 * @param {{get(paths: string[]): Promise<any>}} client
 * @returns {Promise<Record<string, number>>}
 */
export async function requirementFieldIds(client) {
  const paths = Object.keys(REQUIREMENT_DATA).map((key) => `requirement:${key}`);
  let answer;
  try {
    answer = await client.get(paths);
  } catch {
    return {};
  }
  /** @type {Record<string, number>} */
  const ids = {};
  for (const [key, datum] of Object.entries(REQUIREMENT_DATA)) {
    const id = Number(answer?.[`requirement:${key}`]?.requirement_id);
    if (Number.isSafeInteger(id) && id > 0) ids[datum] = id;
  }
  return ids;
}

/**
 * The settings with the requirements' field ids in `fieldMap` (they win for their data: they are the fields the app
 * made) and in a non-empty `ticketFieldIds` (so TR-12 does not report them missing). A `fieldMap` that is not a JSON
 * object is left as it is: the core reports it to the agent (SETTING_INVALID) rather than the shim guessing.
 * @param {{[name: string]: any}} settings
 * @param {Record<string, number>} ids
 * @returns {{[name: string]: any}}
 */
export function withRequirementFields(settings, ids) {
  if (Object.keys(ids).length === 0) return settings;
  const map = jsonObjectSetting(settings.fieldMap);
  if (map === null) return settings;
  /** @type {{[name: string]: any}} */
  const out = { ...settings, fieldMap: JSON.stringify({ ...map, ...ids }) };
  const listed = typeof settings.ticketFieldIds === 'string' ? settings.ticketFieldIds.trim() : '';
  if (listed !== '') {
    const have = new Set(listed.split(',').map((s) => s.trim()));
    const missing = Object.values(ids).filter((id) => !have.has(String(id)));
    if (missing.length) out.ticketFieldIds = [listed, ...missing].join(',');
  }
  return out;
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
