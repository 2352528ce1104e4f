// The SIP user agent's life: credentials → JsSIP UA → registered (online) / disconnected (offline), fresh
// credentials before they expire, slow retries when the token is refused. It knows nothing about calls: the
// connector is told `onOnline(ua, credentials)`, `onOffline(code)` and `onSession(e)`.
import { fetchSipCredentials, refreshDelayMs, retryDelayMs } from './credentials.js';

/**
 * @param {object} o
 * @param {{UA: new (config: object) => any, WebSocketInterface: new (url: string) => any}} o.jssip
 * @param {object} o.client   the ZAF client (credentials through its proxy)
 * @param {string} o.telephonyUrl
 * @param {{id: number, email?: string}} o.agent
 * @param {{setTimeout: Function, clearTimeout: Function, now: () => number}} o.clock
 * @param {(state: {online: boolean, code: string|null}) => void} o.onState
 * @param {(e: object) => void} o.onSession  JsSIP newRTCSession from the network
 * @param {(code: string) => void} [o.onTransportLost]  the WebSocket closed (calls on it are lost)
 */
export function createRegistration({
  jssip,
  client,
  telephonyUrl,
  agent,
  clock,
  onState,
  onSession,
  onTransportLost = () => {},
}) {
  let ua = null;
  let credentials = null;
  let timer = null;
  let attempt = 0;
  let stopped = false;
  let refetchedAfterRefusal = false;
  let state = { online: false, code: 'CONNECTING' };

  const setState = (online, code) => {
    if (state.online === online && state.code === code) return;
    state = { online, code };
    onState(state);
  };
  const later = (ms, fn) => {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      if (!stopped) fn();
    }, ms);
  };

  async function fetchAndRegister() {
    let fresh;
    try {
      fresh = await fetchSipCredentials(client, { telephonyUrl, agent });
    } catch (err) {
      if (stopped) return;
      const code = err?.code ?? 'CREDENTIALS_UNAVAILABLE';
      if (!ua || !state.online) setState(false, code); // a registered UA stays online on its current credentials
      later(retryDelayMs(attempt++, code), fetchAndRegister);
      return;
    }
    if (stopped) return;
    attempt = 0;
    const changedServer = credentials && (credentials.wsUri !== fresh.wsUri || credentials.sipUri !== fresh.sipUri);
    credentials = fresh;
    if (ua && !changedServer) {
      ua.set('authorization_user', fresh.username);
      ua.set('password', fresh.password);
      ua.register();
    } else {
      if (ua) ua.stop();
      ua = newUa(fresh);
      ua.start();
    }
    later(refreshDelayMs(fresh.expiresAt, clock.now()), fetchAndRegister);
  }

  function newUa(c) {
    const next = new jssip.UA({
      sockets: [new jssip.WebSocketInterface(c.wsUri)],
      uri: c.sipUri,
      authorization_user: c.username,
      password: c.password,
      display_name: c.displayName || undefined,
      register: true,
      session_timers: false,
      user_agent: 'zendesk-cti-adapter',
    });
    next.on('registered', () => {
      refetchedAfterRefusal = false;
      if (next === ua) setState(true, null);
    });
    next.on('unregistered', () => next === ua && !stopped && setState(false, 'REGISTRATION_FAILED'));
    next.on('registrationFailed', (e) => {
      if (next !== ua || stopped) return;
      const status = e?.response?.status_code ?? 0;
      setState(false, status === 401 || status === 403 ? 'CREDENTIALS_REFUSED' : 'REGISTRATION_FAILED');
      // Expired or revoked credentials: fetch new ones once; JsSIP retries the rest itself on reconnect.
      if ((status === 401 || status === 403) && !refetchedAfterRefusal) {
        refetchedAfterRefusal = true;
        later(0, fetchAndRegister);
      }
    });
    next.on('disconnected', () => {
      if (next !== ua || stopped) return;
      onTransportLost('TRANSPORT_LOST');
      setState(false, 'TRANSPORT_LOST'); // JsSIP reconnects with its own backoff and registers again
    });
    next.on('newRTCSession', (e) => {
      if (next === ua && !stopped && e?.originator === 'remote') onSession(e);
    });
    return next;
  }

  return {
    start: () => fetchAndRegister(),
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
      if (ua) {
        try {
          ua.unregister({ all: false });
        } catch {
          // closing anyway
        }
        ua.stop();
      }
    },
    ua: () => ua,
    credentials: () => credentials,
    state: () => state,
  };
}
