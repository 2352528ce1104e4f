// Team ticket-ID entry by group name (issue 18 item 6, D372). The admin may key `teamTicketEntryGroups` by a
// Zendesk group's name ({"Billing": "required"}) as well as by its id; the core takes ids. ZAF's currentUser.groups
// gives the signed-in agent's groups with their names, and an agent's entry depends only on the agent's own groups,
// so each name is turned into the id of the agent's group of that name (compared trimmed, case-insensitively).
// A name none of the agent's groups has is another team's and is left out for this agent; a key that is an id, or
// a setting that is not a JSON object, is passed on as given (the core reports what it cannot read).
import { jsonObjectSetting } from './requirements.js';

/**
 * @param {{[name: string]: any}} settings
 * @param {unknown} groups  ZAF currentUser.groups: [{id, name}]
 * @returns {{[name: string]: any}}
 */
export function withTeamGroupIds(settings, groups) {
  const entries = jsonObjectSetting(settings?.teamTicketEntryGroups);
  if (entries === null) return settings;
  const keys = Object.keys(entries);
  if (keys.every((key) => /^[0-9]+$/.test(key.trim()))) return settings; // ids only: as before
  /** @type {Map<string, number>} */
  const idByName = new Map();
  for (const g of Array.isArray(groups) ? groups : []) {
    if (g && typeof g === 'object' && typeof g.name === 'string' && Number.isSafeInteger(Number(g.id))) {
      idByName.set(g.name.trim().toLowerCase(), Number(g.id));
    }
  }
  /** @type {{[key: string]: unknown}} */
  const out = {};
  for (const key of keys) {
    if (/^[0-9]+$/.test(key.trim())) {
      out[key] = entries[key];
      continue;
    }
    const id = idByName.get(key.trim().toLowerCase());
    if (id !== undefined && !Object.hasOwn(out, String(id))) out[String(id)] = entries[key];
  }
  return { ...settings, teamTicketEntryGroups: JSON.stringify(out) };
}
