// A transfer target as the adapter names it → the SIP URI of the blind REFER, by the sipTransferTargets
// templates. The kinds are read as the simulator reads them: a positive integer or all-digit string is a Zendesk
// agent id, `+` and digits a phone number, anything else a queue id.

/**
 * @param {string|number} target
 * @param {{agent: string, queue: string, number: string}} templates
 * @param {string} domain  the SIP domain of the agent's credentials
 * @returns {{uri: string, toAgentId: number|null}|null}  null for a target that is no target
 */
export function transferUri(target, templates, domain) {
  const text = typeof target === 'number' && Number.isSafeInteger(target) ? String(target) : target;
  if (typeof text !== 'string' || text === '' || text.length > 128) return null;
  // Values are data, not URI syntax: "@", ";" or ">" cannot reshape the URI. A leading '+' is a valid user-part
  // character that registrars compare literally, so it stays as is.
  const fill = (template, field, value) =>
    template.replaceAll(field, encodeURIComponent(value).replace(/^%2B/, '+')).replaceAll('{domain}', domain);
  if (/^[1-9][0-9]{0,15}$/.test(text) && Number.isSafeInteger(Number(text))) {
    return { uri: fill(templates.agent, '{id}', text), toAgentId: Number(text) };
  }
  if (/^\+[0-9]{2,20}$/.test(text)) return { uri: fill(templates.number, '{number}', text), toAgentId: null };
  return { uri: fill(templates.queue, '{id}', text), toAgentId: null };
}
