// Narrows where the page may connect, once the app knows. The package's pages carry a Content-Security-Policy
// written at build time (scripts/build-app.mjs); it cannot name the SIP server, which the contact center's
// credential endpoint names only at run time (docs/telephony.md §5), so it admits `wss:` and loopback `ws:`.
// A second policy added here takes effect at once and for the rest of the page's life — every connection must
// satisfy both, and a policy can never be removed — so once the connector is known the page may reach only its
// own origin and, for the sip connector, the one SIP server it was told about.

/**
 * @param {Document} document
 * @param {string[]} sources  CSP source expressions allowed besides 'self'
 * @returns {boolean} whether the policy was added
 */
export function narrowConnectSources(document, sources = []) {
  const head = document?.head;
  if (!head) return false;
  const meta = document.createElement('meta');
  meta.setAttribute('http-equiv', 'Content-Security-Policy');
  meta.setAttribute('content', `connect-src ${["'self'", ...sources].join(' ')}`);
  head.append(meta);
  return true;
}

/**
 * The CSP source of a WebSocket URL: its scheme, host and port (`wss://sip.example.com:7443`); null for anything
 * that is not ws: or wss:.
 */
export function socketSource(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'wss:' && parsed.protocol !== 'ws:') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * JsSIP with a WebSocketInterface that narrows the page's connect sources to the first SIP server it is asked
 * for, before that socket opens. A later server elsewhere (the credential endpoint moved it) stays blocked until
 * the page reloads.
 * @param {{WebSocketInterface: new (...args: any[]) => any}} jssip
 * @param {Document} document
 */
export function jssipWithConnectPolicy(jssip, document) {
  let narrowed = false;
  const Base = jssip.WebSocketInterface;
  class WebSocketInterface extends Base {
    constructor(url, ...rest) {
      const source = socketSource(url);
      if (!narrowed && source) narrowed = narrowConnectSources(document, [source]);
      super(url, ...rest);
    }
  }
  return { ...jssip, WebSocketInterface };
}
