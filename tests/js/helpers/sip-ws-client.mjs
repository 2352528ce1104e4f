// A minimal SIP-over-WebSocket user agent for node tests against the sandbox's real Kamailio: signalling only (no
// media), every header under the test's control (JsSIP cannot send an INVITE without a WebRTC stack, and the trust
// tests must send headers a well-behaved UA never would). Digest auth (qop=auth) for 401/407 challenges.
import { createHash, randomBytes } from 'node:crypto';

/** WebSocket: Node 22's global, else undici's (a dev dependency through jsdom) for Node 20. */
export async function webSocketClass() {
  if (typeof globalThis.WebSocket === 'function') return globalThis.WebSocket;
  return (await import('undici')).WebSocket;
}

const md5 = (s) => createHash('md5').update(s).digest('hex');
const rand = (n = 8) => randomBytes(n).toString('hex');
const COMPACT = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type' };

export function parseMessage(text) {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 4);
  const [first, ...lines] = head.split('\r\n');
  const headers = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const raw = line.slice(0, colon).trim();
    headers.push([COMPACT[raw.toLowerCase()] ?? raw.toLowerCase(), line.slice(colon + 1).trim(), raw]);
  }
  const m = /^SIP\/2\.0 (\d{3}) (.*)$/.exec(first);
  const get = (name) => headers.find(([n]) => n === name.toLowerCase())?.[1];
  const all = (name) => headers.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v);
  if (m) return { kind: 'response', status: Number(m[1]), reason: m[2], headers, get, all, body };
  const [method, uri] = first.split(' ');
  return { kind: 'request', method, uri, headers, get, all, body, names: headers.map(([, , raw]) => raw) };
}

function digest(challenge, { method, uri, username, password }) {
  const param = (k) => new RegExp(`${k}="?([^",]+)"?`).exec(challenge)?.[1];
  const realm = param('realm');
  const nonce = param('nonce');
  const cnonce = rand(4);
  const nc = '00000001';
  const qop = /qop="?[^"]*auth/.test(challenge) ? 'auth' : null;
  const ha1 = md5(`${username}:${realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const response = qop ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  return `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5${qop ? `, qop=auth, nc=${nc}, cnonce="${cnonce}"` : ''}`;
}

const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 9 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n');

/**
 * connectSip({wsUri, user, domain}) → a UA for `user`@domain on its own WebSocket.
 * ua.register({username, password, to}) → final status; ua.invite({to, from, headers, username, password}) →
 * {status, reason, response}; ua.nextRequest(method) → the next request of that method it received;
 * ua.reply(request, status) answers it; ua.close().
 */
export async function connectSip({ wsUri, user, domain = '127.0.0.1' }) {
  const WebSocket = await webSocketClass();
  const ws = new WebSocket(wsUri, 'sip');
  const host = `${rand(4)}.invalid`;
  const waiting = []; // {match(msg), resolve}
  const received = [];
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error(`WebSocket ${wsUri} failed`)), { once: true });
  });
  ws.addEventListener('message', async (event) => {
    const text =
      typeof event.data === 'string'
        ? event.data
        : Buffer.from((await event.data.arrayBuffer?.()) ?? event.data).toString();
    const msg = parseMessage(text);
    const i = waiting.findIndex((w) => w.match(msg));
    if (i >= 0) waiting.splice(i, 1)[0].resolve(msg);
    else received.push(msg);
  });

  function wait(match, timeoutMs = 4000, what = 'a SIP message') {
    const j = received.findIndex(match);
    if (j >= 0) return Promise.resolve(received.splice(j, 1)[0]);
    return new Promise((resolve, reject) => {
      const entry = { match, resolve };
      waiting.push(entry);
      setTimeout(() => {
        const k = waiting.indexOf(entry);
        if (k >= 0) {
          waiting.splice(k, 1);
          reject(new Error(`timed out waiting for ${what}`));
        }
      }, timeoutMs);
    });
  }

  /** Send a request; answer one 401/407 challenge with the credentials; resolve with the final response. */
  async function transaction({ method, uri, from, to, extra = [], body = '', username, password, timeoutMs }) {
    const callId = rand(8);
    const fromTag = rand(4);
    let cseq = 1;
    let auth = null;
    for (;;) {
      const branch = `z9hG4bK${rand(6)}`;
      const lines = [
        `${method} ${uri} SIP/2.0`,
        `Via: SIP/2.0/WS ${host};branch=${branch};rport`,
        'Max-Forwards: 70',
        `From: <${from}>;tag=${fromTag}`,
        `To: <${to}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} ${method}`,
        `Contact: <sip:${user}@${host};transport=ws>`,
        ...(method === 'REGISTER' ? ['Expires: 300'] : []),
        ...(auth ? [auth] : []),
        ...extra,
        ...(body ? ['Content-Type: application/sdp'] : []),
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ];
      ws.send(lines.join('\r\n'));
      const matchFinal = (m) =>
        m.kind === 'response' &&
        m.get('call-id') === callId &&
        m.get('cseq') === `${cseq} ${method}` &&
        m.status >= 200;
      const response = await wait(matchFinal, timeoutMs, `the answer to ${method}`);
      if (method === 'INVITE') ackFor(response, { uri, branch, cseq });
      if ((response.status === 401 || response.status === 407) && !auth && username) {
        const challenge = response.get(response.status === 401 ? 'www-authenticate' : 'proxy-authenticate');
        auth = `${response.status === 401 ? 'Authorization' : 'Proxy-Authorization'}: ${digest(challenge, { method, uri, username, password })}`;
        cseq += 1;
        continue;
      }
      return { status: response.status, reason: response.reason, response };
    }
  }

  // ACK for a non-2xx final answer (hop by hop, same branch); a 2xx is ACKed end to end, not needed by these tests
  function ackFor(response, { uri, branch, cseq }) {
    if (response.status < 300) return;
    ws.send(
      [
        `ACK ${uri} SIP/2.0`,
        `Via: SIP/2.0/WS ${host};branch=${branch};rport`,
        'Max-Forwards: 70',
        `From: ${response.get('from')}`,
        `To: ${response.get('to')}`,
        `Call-ID: ${response.get('call-id')}`,
        `CSeq: ${cseq} ACK`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
  }

  const aor = `sip:${user}@${domain}`;
  return {
    aor,
    register: ({ username, password, to = aor } = {}) =>
      transaction({ method: 'REGISTER', uri: `sip:${domain}`, from: to, to, username, password }).then((r) => r.status),
    invite: ({ to, from = aor, headers = [], username, password, timeoutMs }) =>
      transaction({ method: 'INVITE', uri: to, from, to, extra: headers, body: SDP, username, password, timeoutMs }),
    nextRequest: (method, timeoutMs = 4000) =>
      wait((m) => m.kind === 'request' && m.method === method, timeoutMs, `an incoming ${method}`),
    reply(request, status, reason = 'Answer') {
      const lines = [`SIP/2.0 ${status} ${reason}`];
      for (const [name, value, raw] of request.headers) {
        if (['via', 'from', 'call-id', 'cseq', 'record-route'].includes(name)) lines.push(`${raw}: ${value}`);
        if (name === 'to') lines.push(`${raw}: ${value}${/;tag=/.test(value) ? '' : `;tag=${rand(4)}`}`);
      }
      lines.push('Content-Length: 0', '', '');
      ws.send(lines.join('\r\n'));
    },
    close: () => ws.close(),
  };
}
