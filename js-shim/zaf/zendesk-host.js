// Who may host the app. The ZAF SDK starts with whatever `origin` and `app_guid` the page's URL names, and its
// first act is to post a handshake to window.parent for that origin; its own origin list admits many domains
// besides Zendesk's. So before the SDK runs, the app checks the URL itself and starts only under Zendesk:
//
// - `origin` is exactly https://<subdomain>.zendesk.com (no port, no path, no user part);
// - or, for the local sandbox, a loopback origin (http://127.0.0.1:<port> or http://localhost:<port>) that is
//   also the origin the app itself was loaded from: the sandbox serves the workspace and the app from one local
//   server. Zendesk serves an installed app's files from its own servers, never from the agent's loopback, so in
//   a production install this branch cannot match: a page elsewhere cannot make the app load from 127.0.0.1.
// - `app_guid` is an instance id (letters, digits, hyphens);
// - the page is framed (a host exists at all).
//
// The parameters are read exactly as the SDK reads them (lib/utils.js queryParameters: the query string first,
// then the #hash; `+` is a space; the last of repeated keys wins), so that the origin checked here is the origin
// the SDK will talk to.

const ZENDESK_ORIGIN = /^https:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.zendesk\.com$/;
const LOOPBACK_ORIGIN = /^http:\/\/(?:127\.0\.0\.1|localhost)(?::\d{1,5})?$/;
const APP_GUID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * @param {{search?: string, hash?: string, origin?: string}} location  the page's location
 * @param {{framed?: boolean}} [o]  whether the page has a parent frame
 * @returns {{ok: true, origin: string, appGuid: string} | {ok: false, reason: 'not-framed'|'no-origin'|'not-zendesk'|'bad-app-guid'}}
 */
export function zendeskHost(location, { framed = true } = {}) {
  if (!framed) return { ok: false, reason: 'not-framed' };
  const query = parameters(String(location?.search ?? '').slice(1));
  const hash = parameters(String(location?.hash ?? '').slice(1));
  const origin = query.origin || hash.origin;
  const appGuid = query.app_guid || hash.app_guid;
  if (!origin) return { ok: false, reason: 'no-origin' };
  const sandbox = LOOPBACK_ORIGIN.test(origin) && origin === location?.origin;
  if (!ZENDESK_ORIGIN.test(origin) && !sandbox) return { ok: false, reason: 'not-zendesk' };
  if (!appGuid || !APP_GUID.test(appGuid)) return { ok: false, reason: 'bad-app-guid' };
  return { ok: true, origin, appGuid };
}

function parameters(text) {
  const result = Object.create(null);
  if (!text) return result;
  for (const pair of text.split('&')) {
    const [key, value] = pair.split('=');
    const k = decode(key);
    if (k !== null) result[k] = decode(value) ?? '';
  }
  return result;
}

// decodeURIComponent throws on a broken escape; the SDK would throw too and start nothing, so null refuses it.
function decode(s) {
  try {
    return decodeURIComponent((s || '').replace(/\+/g, ' '));
  } catch {
    return null;
  }
}
