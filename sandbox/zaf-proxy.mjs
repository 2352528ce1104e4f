// The sandbox's stand-in for Zendesk's server-side request proxy (client.request to a domainWhitelist host). As in
// Zendesk: `{{setting.NAME}}` placeholders are substituted only for secure requests, from secure settings kept on
// this server (never sent to a page, never logged), and only hosts in the manifest's domainWhitelist are reached.
// cti.example.com is played by the in-process contact-center stand-in (sandbox/cti); any other host is unreachable
// from the sandbox (status 0, like a network error).
const PLACEHOLDER = /\{\{\s*setting\.([A-Za-z0-9_]+)\s*\}\}/g;
const CTI_HOST = 'cti.example.com';
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

const substitute = (value, secure) =>
  value.replace(PLACEHOLDER, (m, name) => (Object.hasOwn(secure, name) ? String(secure[name]) : m));

/**
 * @param {object} o
 * @param {() => string[]} o.whitelist       the manifest's domainWhitelist
 * @param {() => object} o.secureSettings    {name: value} of the secure settings
 * @param {{handle: Function}} o.cti
 * @returns {(request: object) => {status, headers, body}}  status 0 = unreachable; journal() without secrets
 */
export function createZafProxy({ whitelist, secureSettings, cti }) {
  const journal = [];
  function proxy(request) {
    const r = request !== null && typeof request === 'object' && !Array.isArray(request) ? request : {};
    const method = String(r.method ?? 'GET').toUpperCase();
    const secure = r.secure === true;
    const settings = secure ? secureSettings() : {};
    let url;
    try {
      url = new URL(substitute(String(r.url ?? ''), settings));
    } catch {
      return note(r, method, secure, { status: 0, error: 'BadURL' });
    }
    if (url.protocol !== 'https:' || !whitelist().includes(url.hostname) || !METHODS.has(method)) {
      return note(r, method, secure, { status: 0, error: 'NotWhitelisted' });
    }
    if (url.hostname !== CTI_HOST) return note(r, method, secure, { status: 0, error: 'Unreachable' });
    const headers = {};
    if (r.headers && typeof r.headers === 'object') {
      for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers[k] = substitute(v, settings);
    }
    const body = typeof r.body === 'string' ? substitute(r.body, settings) : undefined;
    const answer = cti.handle({ method, path: url.pathname, headers, body });
    // the directory asks the registrar (D341): its answer comes later
    return typeof answer?.then === 'function'
      ? answer.then((a) => note(r, method, secure, a))
      : note(r, method, secure, answer);
  }
  /** The journal keeps the URL as the app wrote it (placeholders, not values), the method and the outcome. */
  function note(r, method, secure, answer) {
    journal.push({
      at: Date.now(),
      method,
      url: String(r.url ?? '').slice(0, 500),
      secure,
      status: answer.status,
      error: answer.error,
    });
    if (journal.length > 200) journal.shift();
    return { status: answer.status, headers: answer.headers ?? {}, body: answer.body ?? '' };
  }
  return { proxy, journal: () => journal.slice() };
}
