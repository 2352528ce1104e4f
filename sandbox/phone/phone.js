// The customer phone page: the caller's side of real calls in the sandbox. JsSIP on the sandbox's Kamailio,
// registered as the caller's E.164 number with the sandbox carrier's short-lived credentials
// (/sandbox/phone/credentials). Calls to the agent go through the sandbox IVR: POST /sandbox/ivr with the journey,
// then dial the one-time sip:ivr-<token>@… it answers (Kamailio adds the X- headers; anything this page would add
// itself is stripped there). Answers the agent's outbound calls, accepts blind transfers (REFER) by itself, shows
// DTMF received by SIP INFO. Bundled by esbuild when the sandbox serves /phone/phone.js.
//
// window.customerPhone (tests): state() a copy of the call state, events() the event log, getStats() RTP byte
// counters of the current call. All text from the other party and the server goes to the DOM with textContent.
import JsSIP from 'jssip';

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const MEDIA = { audio: true, video: false };
const PC_CONFIG = { iceServers: [] }; // all on 127.0.0.1: host candidates only, no STUN lookups
const MAX_EVENTS = 500;
const t0 = performance.now();

const state = {
  number: null,
  registration: 'not connected', // not connected | connecting | registered | failed | unregistered
  call: 'idle', // idle | calling | ringing-out | ringing-in | connected | ended
  direction: null, // outgoing | incoming
  remote: null,
  onHold: false,
  endCause: null,
  endStatus: null,
  dtmfReceived: '',
  dtmfSent: '',
  transfers: 0,
};
const events = [];
let ua = null;
let session = null;

function log(type, data = {}) {
  const entry = { t: Math.round(performance.now() - t0), type, ...data };
  events.push(entry);
  if (events.length > MAX_EVENTS) events.shift();
  const li = document.createElement('li');
  li.textContent = `${entry.t} ms ${type} ${Object.keys(data).length ? JSON.stringify(data) : ''}`;
  const list = $('phone-events');
  list.prepend(li);
  while (list.children.length > 100) list.lastChild.remove();
}

function render() {
  $('phone-registration').textContent = state.number ? `${state.registration} (${state.number})` : state.registration;
  $('phone-call-state').textContent = state.call;
  $('phone-on-hold').hidden = !state.onHold;
  $('phone-remote').textContent = state.remote ?? '';
  $('phone-end-cause').textContent = state.endCause
    ? `${state.endCause}${state.endStatus ? ` (${state.endStatus})` : ''}`
    : '';
  $('phone-dtmf-received').textContent = state.dtmfReceived;
  const live = session && !session.isEnded();
  $('phone-answer').disabled = state.call !== 'ringing-in';
  $('phone-reject').disabled = state.call !== 'ringing-in';
  $('phone-cancel').disabled = !(state.call === 'calling' || state.call === 'ringing-out');
  $('phone-hang-up').disabled = state.call !== 'connected';
  $('phone-dtmf-send').disabled = state.call !== 'connected';
  const canCall = state.registration === 'registered' && !live;
  $('phone-call').disabled = !canCall;
  $('phone-voicemail').disabled = !canCall;
  document.body.dataset.call = state.call;
  document.body.dataset.registration = state.registration;
}

function error(text) {
  $('phone-error').textContent = text;
  if (text) log('error', { text });
}

// ---- registration -----------------------------------------------------------------------------------------------
async function connect() {
  error('');
  const number = $('phone-number').value.trim();
  if (ua) {
    ua.stop();
    ua = null;
  }
  state.number = number;
  state.registration = 'connecting';
  render();
  let creds;
  try {
    const response = await fetch(`/sandbox/phone/credentials?number=${encodeURIComponent(number)}`);
    creds = await response.json();
    if (!response.ok) throw new Error(creds?.description ?? `HTTP ${response.status}`);
  } catch (err) {
    state.registration = 'failed';
    render();
    return error(`Could not get credentials: ${err.message}`);
  }
  ua = new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(creds.wsUri)],
    uri: creds.sipUri,
    authorization_user: creds.username,
    password: creds.password,
    display_name: number,
    register: true,
    session_timers: false,
    user_agent: 'sandbox-customer-phone',
  });
  const thisUa = ua;
  ua.on('connected', () => log('ws-connected'));
  ua.on('disconnected', () => {
    log('ws-disconnected');
    // A carrier's gateway drops its calls when it loses the SIP server (the media here is browser to browser and
    // would go on without signalling, which no real phone network does): end the call as lost.
    if (thisUa === ua && session && !session.isEnded()) {
      try {
        session.terminate({ cause: JsSIP.C.causes.CONNECTION_ERROR });
      } catch {
        // already gone with its transport
      }
    }
  });
  ua.on('registered', () => {
    if (thisUa !== ua) return;
    state.registration = 'registered';
    log('registered', { number });
    render();
  });
  ua.on('unregistered', () => {
    if (thisUa !== ua) return;
    state.registration = 'unregistered';
    render();
  });
  ua.on('registrationFailed', (e) => {
    if (thisUa !== ua) return;
    state.registration = 'failed';
    log('registrationFailed', { cause: e.cause });
    render();
  });
  ua.on('newRTCSession', (e) => {
    if (e.originator !== 'remote') return;
    if (session && !session.isEnded()) {
      // one call at a time, like a plain phone: a second caller hears busy
      e.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return log('rejected-busy');
    }
    wire(e.session, 'incoming', e.request);
  });
  ua.start();
}

// ---- calls ------------------------------------------------------------------------------------------------------
function wire(s, direction, request) {
  session = s;
  Object.assign(state, { direction, onHold: false, endCause: null, endStatus: null, dtmfReceived: '', dtmfSent: '' });
  const remoteUser = s.remote_identity?.uri?.user ?? '';
  const display = s.remote_identity?.display_name;
  state.remote = display && display !== remoteUser ? `${display} <${remoteUser}>` : remoteUser;
  state.call = direction === 'incoming' ? 'ringing-in' : 'calling';
  log('newRTCSession', {
    direction,
    remote: state.remote,
    referredBy: request?.getHeader?.('Referred-By') ?? undefined,
  });
  const mine = (fn) => (e) => {
    if (session === s) fn(e);
    render();
  };
  s.on('peerconnection', (e) => {
    e.peerconnection.addEventListener('track', (ev) => {
      if (session === s && ev.streams[0]) $('phone-audio').srcObject = ev.streams[0];
    });
  });
  s.on(
    'progress',
    mine(() => {
      if (direction === 'outgoing') state.call = 'ringing-out';
      log('progress');
    }),
  );
  s.on(
    'accepted',
    mine(() => {
      state.call = 'connected';
      log('accepted');
    }),
  );
  s.on(
    'confirmed',
    mine(() => log('confirmed')),
  );
  s.on(
    'hold',
    mine((e) => {
      if (e.originator === 'remote') state.onHold = true;
      log('hold', { originator: e.originator });
    }),
  );
  s.on(
    'unhold',
    mine((e) => {
      if (e.originator === 'remote') state.onHold = false;
      log('unhold', { originator: e.originator });
    }),
  );
  s.on(
    'newDTMF',
    mine((e) => {
      if (e.originator === 'remote') state.dtmfReceived += e.dtmf.tone;
      log('dtmf', { originator: e.originator, tone: e.dtmf.tone });
    }),
  );
  s.on('refer', (e) => {
    // a blind transfer: the agent hands this caller to Refer-To; the phone follows it, as a phone would
    const target = e.request.refer_to?.uri?.toString() ?? '';
    log('refer', { target });
    state.transfers += 1;
    e.accept((next) => wire(next, 'outgoing', null), { mediaConstraints: MEDIA, pcConfig: PC_CONFIG });
  });
  const end = (kind) =>
    mine((e) => {
      state.call = 'ended';
      state.onHold = false;
      state.endCause = e.cause ?? kind;
      state.endStatus = e.message?.status_code ?? null;
      log(kind, { originator: e.originator, cause: e.cause, status: state.endStatus ?? undefined });
    });
  s.on('ended', end('ended'));
  s.on('failed', end('failed'));
  if (direction === 'incoming' && $('phone-auto-answer').checked) setTimeout(answer, 0);
  render();
}

function journey(sessionType) {
  const attributes = {};
  const verified = $('ivr-verified').value;
  if (verified) attributes.reserved_verified_customer = verified;
  if ($('ivr-bad-actor').checked) attributes.reserved_bad_actor = 'true';
  if ($('ivr-repeat').checked) attributes.reserved_repeat_customer = 'true';
  const queueId = $('ivr-queue-id').value.trim();
  return {
    to: Number($('ivr-agent').value),
    queue: queueId ? { id: queueId, name: $('ivr-queue-name').value.trim() || queueId } : null,
    menuPath: $('ivr-menu-path').value,
    language: $('ivr-language').value.trim(),
    sessionType,
    attributes,
  };
}

async function callAgent(sessionType) {
  error('');
  if (!ua || state.registration !== 'registered') return error('Connect this phone first.');
  let route;
  try {
    const response = await fetch('/sandbox/ivr', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(journey(sessionType)),
    });
    route = await response.json();
    if (!response.ok) throw new Error(route?.description ?? `HTTP ${response.status}`);
  } catch (err) {
    return error(`The IVR refused the call: ${err.message}`);
  }
  log('ivr-route', { route: route.route, target: route.target, sessionType });
  const s = ua.call(route.uri, { mediaConstraints: MEDIA, pcConfig: PC_CONFIG });
  wire(s, 'outgoing', null);
}

function answer() {
  if (state.call !== 'ringing-in' || !session) return;
  session.answer({ mediaConstraints: MEDIA, pcConfig: PC_CONFIG });
}

function terminate(options) {
  if (session && !session.isEnded()) session.terminate(options);
}

function sendDigits() {
  const digits = $('phone-dtmf-input').value.replace(/[^0-9*#A-Da-d]/g, '');
  if (!digits || state.call !== 'connected') return;
  session.sendDTMF(digits, { transportType: 'RFC2833' });
  state.dtmfSent += digits;
  $('phone-dtmf-input').value = '';
}

async function getStats() {
  const pc = session?.connection;
  // inAudioEnergy: what the customer hears (RTCInboundRtpStreamStats.totalAudioEnergy): a muted agent sends
  // silence, which still costs bytes but adds no energy.
  const out = {
    inBytes: 0,
    outBytes: 0,
    inPackets: 0,
    outPackets: 0,
    inAudioEnergy: 0,
    iceState: pc?.iceConnectionState ?? null,
  };
  if (!pc) return out;
  (await pc.getStats()).forEach((st) => {
    if (st.type === 'inbound-rtp' && st.kind === 'audio') {
      out.inBytes += st.bytesReceived ?? 0;
      out.inPackets += st.packetsReceived ?? 0;
      out.inAudioEnergy += st.totalAudioEnergy ?? 0;
    }
    if (st.type === 'outbound-rtp' && st.kind === 'audio') {
      out.outBytes += st.bytesSent ?? 0;
      out.outPackets += st.packetsSent ?? 0;
    }
  });
  return out;
}

// ---- wiring -----------------------------------------------------------------------------------------------------
$('phone-connect').addEventListener('click', connect);
$('phone-call').addEventListener('click', () => callAgent($('ivr-session-type').value));
$('phone-voicemail').addEventListener('click', () => callAgent('voicemail'));
$('phone-answer').addEventListener('click', answer);
$('phone-reject').addEventListener('click', () => terminate({ status_code: 486, reason_phrase: 'Busy Here' }));
$('phone-cancel').addEventListener('click', () => terminate());
$('phone-hang-up').addEventListener('click', () => terminate());
$('phone-dtmf-send').addEventListener('click', sendDigits);

const params = new URLSearchParams(location.search);
if (params.get('number')) $('phone-number').value = params.get('number');
if (params.get('autoAnswer') === '1') $('phone-auto-answer').checked = true;

window.customerPhone = Object.freeze({
  state: () => JSON.parse(JSON.stringify(state)),
  events: () => events.map((e) => ({ ...e })),
  getStats,
});

// the customers of the stand-in, as suggestions for the caller number
fetch('/sandbox/directory')
  .then((r) => r.json())
  .then(({ users }) => {
    for (const u of users ?? []) {
      for (const phone of u.phones ?? []) {
        const option = document.createElement('option');
        option.value = String(phone).replace(/[^+0-9]/g, '');
        option.textContent = String(u.name ?? '');
        $('phone-known-numbers').append(option);
      }
    }
  })
  .catch(() => {});

render();
connect(); // register right away with the default (or ?number=) number
