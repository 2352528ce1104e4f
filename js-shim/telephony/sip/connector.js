// The `sip` connector: a WebRTC softphone on JsSIP (SIP over WebSocket), implementing docs/telephony.md.
// Collaborators are injected (the JsSIP module, the ZAF client, a clock, a media provider) so node tests drive
// it against a fake JsSIP. Registration is registration.js; caller data and end reasons are sip-message.js.
import { endedEvent, holdEnded, holdStarted, transferredEvent } from '../call-timing.js';
import { TelephonyError } from '../connector.js';
import { commandMethods } from '../commands.js';
import { createEventOutbox } from '../event-outbox.js';
import { createRegistration } from './registration.js';
import { parseSipSettings } from './settings.js';
import { endReason, ringingFromInvite } from './sip-message.js';
import { transferUri } from './transfer-target.js';
import { fetchSipDirectory } from './directory.js';
import { postToTelephonyBackend } from './backend-request.js';

const DTMF = /^[0-9*#A-D,]{1,64}$/;
const NO_NOTIFY_AFTER_MS = 5000; // a REFER accepted (202) without any NOTIFY counts as done after this
const PRESENCE_RETRY_MS = 30_000; // a status the backend failed to take is sent again after this (D437)
const REPLACED_LEG_MS = 3000; // after an attended transfer the target hangs up the replaced consult leg itself
// Why the connector is offline, when the agent or admin must act (else a plain OFFLINE).
const STICKY_CODES = new Set(['SIP_SETTING_INVALID', 'NOT_CONFIGURED', 'CREDENTIALS_REFUSED', 'INSECURE_TRANSPORT']);
const SYSTEM_CLOCK = {
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (id) => clearTimeout(id),
  now: () => Date.now(),
};

/**
 * The browser's media as the connector uses it (media.js; tests pass a fake).
 * @typedef {{getMicrophone(): Promise<object>, release(stream: object): void, playRemote(session: object): void,
 *   ringStart(): void, ringStop(): void, state?(): object, hear?(session: object): void}} SipMedia
 */

/**
 * @param {object} o
 * @param {{UA: new (config: object) => any, WebSocketInterface: new (url: string) => any}} o.jssip  the JsSIP module
 * @param {object} o.client     the ZAF client (credentials)
 * @param {Record<string, unknown>} o.settings  the app settings
 * @param {{id: number, email?: string}} o.agent
 * @param {SipMedia} o.media  see media.js
 * @param {{setTimeout: Function, clearTimeout: Function, now: () => number}} [o.clock]
 * @param {(error: unknown, event: object) => void} [o.onEmitError]
 * @param {(problems: object[]) => void} [o.onProblems]  connector problems for the agent (settings, credentials)
 */
export function createSipConnector({
  jssip,
  client,
  settings = {},
  agent,
  media,
  clock = SYSTEM_CLOCK,
  onEmitError,
  onProblems = () => {},
}) {
  const config = parseSipSettings(settings);
  const outbox = createEventOutbox(onEmitError ? { onError: onEmitError } : {});
  const calls = new Map(); // String(callId) → call
  let started = false;
  /** @type {string|null} */
  let code = config.problems.length ? 'SIP_SETTING_INVALID' : 'CONNECTING';
  let registration = null;
  let inboundSeq = 0;
  const replacing = new WeakMap(); // a caller's session replacing a consult leg (Replaces) → the call it continues
  // The agent's status (setStatus): while away, new calls are refused with 480 Temporarily Unavailable, so the
  // PBX routes them to another agent or to voicemail; the registration stays, so the agent can still dial (D361).
  let away = false;
  // What the backend's directory shows other agents (D434): the view's state as a backend status, posted when it
  // changes, one request at a time (the latest wins). 480 stays the chosen away's alone.
  const PRESENCE = { available: 'available', away: 'away', ringing: 'busy', onCall: 'busy', wrapUp: 'wrapUp' };
  let presenceWanted = null;
  let presenceSent = null;
  let presencePosting = false;
  let presenceRetry = null; // the timer of a failed post's next try (D437)
  let online = false;

  // ---- calls -----------------------------------------------------------------------------------------------
  function newCall(fields) {
    return {
      state: 'ringing',
      held: false,
      muted: false,
      stream: null,
      startedAtMs: clock.now(),
      connectedAtMs: null,
      holdMs: 0,
      heldSinceMs: null,
      sessionType: 'ivr',
      ...fields,
    };
  }

  // A call's events come from its session; after a consult transfer completed towards this agent the caller's
  // session takes the consult leg's place (Replaces), and the replaced one's end is no end of the call.
  function wire(call) {
    const s = call.session;
    const current = () => call.session === s;
    s.on('accepted', () => {
      if (!current() || call.state === 'ended' || call.connectedAtMs !== null) return;
      media.ringStop();
      call.state = 'connected';
      call.connectedAtMs = clock.now();
      outbox.push({ type: 'callConnected', callId: call.callId });
    });
    s.on('peerconnection', () => media.playRemote(s));
    s.on('hold', (e) => current() && e?.originator === 'local' && setHeld(call, true));
    s.on('unhold', (e) => current() && e?.originator === 'local' && setHeld(call, false));
    const finish = (e) =>
      current() &&
      end(
        call,
        endReason({
          direction: call.direction,
          connected: call.connectedAtMs !== null,
          sessionType: call.sessionType,
          originator: e?.originator,
          cause: e?.cause,
          status: e?.message?.status_code ?? null,
        }),
      );
    s.on('ended', finish);
    s.on('failed', finish);
    // The consulting agent completed its transfer to this agent (D342): the caller's INVITE replaces this leg.
    s.on('replaces', (data) => {
      if (!current() || call.state !== 'connected') return data.reject();
      data.accept((next) => replacing.set(next, call));
      return undefined;
    });
  }

  function setHeld(call, held) {
    if (call.state !== 'connected' || call.held === held) return;
    call.held = held;
    holdMicrophone(call, held);
    (held ? holdStarted : holdEnded)(call, clock.now());
    outbox.push({ type: 'callHoldChanged', callId: call.callId, held });
  }

  // On hold the caller must not hear the agent: JsSIP's hold makes the agent's side `sendonly` (the caller's
  // `recvonly`), which would still carry the microphone. The sender stops sending (no RTP at all) until resume.
  function holdMicrophone(call, held) {
    const track = call.stream?.getAudioTracks?.()[0] ?? null;
    for (const sender of call.session.connection?.getSenders?.() ?? []) {
      if (held ? sender.track?.kind === 'audio' : sender.track === null)
        sender.replaceTrack(held ? null : track).catch(() => {});
    }
  }

  // The one way a call ends: exactly one terminal event, nothing after it.
  /**
   * @param {object} call
   * @param {string|null} reason
   * @param {object|null} [terminal]  the terminal event itself (a transfer), instead of callEnded with `reason`
   */
  function end(call, reason, terminal = null) {
    if (call.state === 'ended') return;
    if (call.direction === 'inbound') media.ringStop();
    const nowMs = clock.now();
    const event =
      terminal ?? endedEvent(call, { reason: /** @type {string} */ (reason), nowMs, recordingBaseUrl: null }); // no recordings (docs/telephony.md)
    call.state = 'ended';
    endConsult(call);
    if (call.stream) media.release(call.stream);
    call.stream = null;
    calls.delete(String(call.callId));
    outbox.push(event);
  }

  function live(callId, states) {
    const call = calls.get(String(callId));
    if (!call)
      throw new TelephonyError('UNKNOWN_CALL', `no live call ${JSON.stringify(String(callId))} on the sip connector`);
    if (!states.includes(call.state))
      throw new TelephonyError(
        'WRONG_STATE',
        `call ${JSON.stringify(String(callId))} is ${call.state}, not ${states.join(' or ')}`,
      );
    return call;
  }

  function onSession({ session, request }) {
    const continued = replacing.get(session);
    if (continued) return takeOver(continued, session);
    if (away) {
      try {
        session.terminate({ status_code: 480, reason_phrase: 'Temporarily Unavailable' });
      } catch {
        // the caller may have cancelled already
      }
      return;
    }
    const callId = `sip-in-${++inboundSeq}-${clock.now()}`;
    const event = ringingFromInvite(request, callId, config.headers);
    const call = newCall({
      callId,
      direction: 'inbound',
      session,
      sessionType: event.sessionType,
      number: event.ani,
      consultLeg: event.consult === true,
    });
    calls.set(callId, call);
    wire(call);
    outbox.push(event);
    media.ringStart();
  }

  // Calls on a WebSocket that closed cannot be reached by the proxy any more: they end `failed` (rule 5).
  function onTransportLost() {
    for (const call of [...calls.values()]) {
      end(call, 'failed');
      try {
        if (!call.session.isEnded?.()) call.session.terminate();
      } catch {
        // the session may already be gone with its transport
      }
    }
  }

  /** Microphone first, so a denied or missing one refuses the command and never loses the call. */
  async function microphone() {
    try {
      return await media.getMicrophone();
    } catch (err) {
      const denied = err?.name === 'NotAllowedError' || err?.name === 'SecurityError';
      throw new TelephonyError(denied ? 'MEDIA_DENIED' : 'MEDIA_UNAVAILABLE', `no microphone: ${err?.name ?? 'Error'}`);
    }
  }

  const pcConfig = () => ({ iceServers: [...config.iceServers, ...(registration?.credentials()?.iceServers ?? [])] });

  // ---- commands: promises only, never a synchronous throw ---------------------------------------------------
  function command(run) {
    return (args) => {
      try {
        if (!started) throw new TelephonyError('NOT_STARTED', 'the sip connector is not started');
        if (!outbox.online)
          throw new TelephonyError(code && STICKY_CODES.has(code) ? code : 'OFFLINE', 'the sip connector is offline');
        if (args === null || typeof args !== 'object')
          throw new TelephonyError('BAD_ARGUMENT', 'expected {callId, ...}');
        return Promise.resolve(run(args)).then(() => undefined);
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  const commands = commandMethods('sip', {
    dial: command(async ({ callId, number }) => {
      const ok =
        (typeof callId === 'string' && callId.length >= 1 && callId.length <= 128) ||
        (Number.isSafeInteger(callId) && callId >= 0);
      if (!ok) throw new TelephonyError('BAD_ARGUMENT', 'a call id is 1 to 128 characters, or an integer ≥ 0');
      if (calls.has(String(callId)))
        throw new TelephonyError('BAD_ARGUMENT', `call id ${JSON.stringify(callId)} is already in use`);
      if (typeof number !== 'string' || !/^\+?[0-9*#]{1,32}$/.test(number))
        throw new TelephonyError('BAD_ARGUMENT', 'dial needs a phone number');
      const call = newCall({ callId, direction: 'outbound', state: 'acquiring' });
      calls.set(String(callId), call); // reserved while the microphone is asked for
      let stream;
      try {
        stream = await microphone();
      } catch (err) {
        calls.delete(String(callId));
        throw err;
      }
      if (!started || !outbox.online) {
        calls.delete(String(callId));
        media.release(stream);
        throw new TelephonyError('OFFLINE', 'the sip connector went offline');
      }
      const domain = registration.credentials().domain;
      // never null: the number passed the check above
      const target = /** @type {{uri: string, toAgentId: number|null}} */ (
        transferUri(
          number,
          { agent: 'sip:{id}@{domain}', queue: 'sip:{id}@{domain}', number: 'sip:{number}@{domain}' },
          domain,
        )
      );
      Object.assign(call, { stream, state: 'dialing', startedAtMs: clock.now(), number });
      call.session = registration.ua().call(target.uri, {
        mediaStream: stream,
        mediaConstraints: { audio: true, video: false },
        pcConfig: pcConfig(),
      });
      outbox.push({ type: 'callDialing', callId, line: registration.credentials().callerId });
      wire(call);
      media.playRemote(call.session); // JsSIP made the peer connection inside call(), before `peerconnection` could be heard
    }),
    answer: command(async ({ callId }) => {
      const call = live(callId, ['ringing']);
      call.state = 'answering';
      let stream;
      try {
        stream = await microphone();
      } catch (err) {
        if (call.state === 'answering') call.state = 'ringing'; // still ringing: the agent can answer again
        throw err;
      }
      if (call.state !== 'answering') {
        media.release(stream);
        throw new TelephonyError(
          'CALL_ENDED',
          `call ${JSON.stringify(String(callId))} ended while the microphone was asked for`,
        );
      }
      call.stream = stream;
      call.session.answer({
        mediaStream: stream,
        mediaConstraints: { audio: true, video: false },
        pcConfig: pcConfig(),
      });
    }),
    decline: command(({ callId }) => live(callId, ['ringing']).session.terminate()),
    hangUp: command(({ callId }) => live(callId, ['ringing', 'answering', 'dialing', 'connected']).session.terminate()),
    hold: command(({ callId }) => {
      const call = live(callId, ['connected']);
      if (!call.held && call.session.hold() === false)
        throw new TelephonyError('WRONG_STATE', 'the call cannot be put on hold now');
    }),
    resume: command(({ callId }) => {
      const call = live(callId, ['connected']);
      if (call.held && call.session.unhold() === false)
        throw new TelephonyError('WRONG_STATE', 'the call cannot be resumed now');
    }),
    mute: command(({ callId }) => setMuted(live(callId, ['connected']), true)),
    unmute: command(({ callId }) => setMuted(live(callId, ['connected']), false)),
    transfer: command(({ callId, target }) => {
      const call = live(callId, ['connected']);
      const to = transferUri(target, config.transferTargets, registration.credentials().domain);
      if (!to) throw new TelephonyError('BAD_ARGUMENT', 'transfer needs a target');
      return referTo(call, to);
    }),
    sendDigits: command(({ callId, digits }) => {
      const call = live(callId, ['connected']);
      if (typeof digits !== 'string' || !DTMF.test(digits))
        throw new TelephonyError('BAD_ARGUMENT', 'digits must be 1-64 of 0-9 * # A-D and , (pause)');
      // JsSIP plays ',' as a 2 s pause in both transports.
      call.session.sendDTMF(digits, { transportType: config.dtmf === 'info' ? 'INFO' : 'RFC2833' });
    }),
    // Consult (warm) transfer (D342): the caller held, a second session to the target on the same microphone.
    consult: command(({ callId, target }) => {
      const call = live(callId, ['connected']);
      if (call.consult) throw new TelephonyError('WRONG_STATE', 'the call has a consult leg already');
      const to = transferUri(target, config.transferTargets, registration.credentials().domain);
      if (!to) throw new TelephonyError('BAD_ARGUMENT', 'consult needs a target');
      if (!call.held && call.session.hold() === false)
        throw new TelephonyError('WRONG_STATE', 'the call cannot be put on hold now');
      const caller = /^\+?[0-9]{3,32}$/.test(call.number ?? '')
        ? [`${config.headers.consultCaller}: ${call.number}`]
        : [];
      const session = registration.ua().call(to.uri, {
        mediaStream: call.stream,
        mediaConstraints: { audio: true, video: false },
        pcConfig: pcConfig(),
        extraHeaders: caller,
      });
      const consult = { session, to, state: 'dialing' };
      call.consult = consult;
      outbox.push({ type: 'consultChanged', callId: call.callId, state: 'dialing' });
      media.playRemote(session);
      session.on('accepted', () => {
        if (call.consult !== consult) return;
        consult.state = 'connected';
        outbox.push({ type: 'consultChanged', callId: call.callId, state: 'connected' });
      });
      const over = () => {
        if (call.consult !== consult) return;
        call.consult = null;
        media.hear?.(call.session);
        outbox.push({ type: 'consultChanged', callId: call.callId, state: 'ended' });
      };
      session.on('ended', over);
      session.on('failed', over);
    }),
    // Attended transfer: REFER to the target with Replaces naming the consult leg; the caller's phone calls the
    // target, which swaps the consult leg for the caller, and this agent's legs end (callTransferred).
    completeTransfer: command(({ callId }) => {
      const call = live(callId, ['connected']);
      const consult = call.consult;
      if (!consult || consult.state !== 'connected')
        throw new TelephonyError('WRONG_STATE', 'no consult leg on the line to transfer to');
      consult.completing = true;
      return referTo(call, consult.to, { replaces: consult.session }).catch((err) => {
        consult.completing = false;
        throw err;
      });
    }),
    cancelConsult: command(({ callId }) => {
      const call = live(callId, ['connected']);
      if (!call.consult) throw new TelephonyError('WRONG_STATE', 'the call has no consult leg');
      endConsult(call);
      outbox.push({ type: 'consultChanged', callId: call.callId, state: 'ended' });
      media.hear?.(call.session);
      if (call.held && call.session.unhold() === false)
        throw new TelephonyError('WRONG_STATE', 'the call cannot be resumed now');
    }),
    // Kamailio relays, it does not mix; a conference in the browser (WebAudio) is not built (D343): the directory
    // says conference: false, so the core never asks.
    conference: command(() => {
      throw new TelephonyError('NOT_SUPPORTED', 'the sip connector does not mix calls');
    }),
    // Not a command on the line: it decides how the next INVITE is answered, so it holds while the connector is
    // offline or not started yet (a status restored after a reload comes before the registration).
    setStatus: (/** @type {{status?: string}} */ { status } = {}) => {
      if (status !== 'available' && status !== 'away')
        return Promise.reject(new TelephonyError('BAD_ARGUMENT', 'unknown status'));
      away = status === 'away';
      return Promise.resolve();
    },
  });

  /**
   * Posts the wanted status unless it is the one sent. A failure changes nothing for calls; it is tried again after
   * PRESENCE_RETRY_MS (or with the next change), else other agents would read a state the agent left long ago
   * (D437). A 404 is a backend without the endpoint: asked again only with the next change.
   */
  async function sendPresence() {
    if (!started || presencePosting || presenceWanted === presenceSent || config.problems.length) return;
    clock.clearTimeout(presenceRetry);
    presenceRetry = null;
    presencePosting = true;
    const status = presenceWanted;
    try {
      await postToTelephonyBackend(client, /** @type {string} */ (settings.telephonyUrl), 'status', {
        agentId: agent.id,
        status,
      });
      presenceSent = status;
    } catch (err) {
      if (err?.status !== 404 && started) presenceRetry = clock.setTimeout(sendPresence, PRESENCE_RETRY_MS);
    } finally {
      presencePosting = false;
    }
    if (presenceWanted !== status) await sendPresence();
  }

  // The consult leg ends with its call (hung up here; after a completed transfer the target has replaced it and
  // hangs it up itself, so it is left a moment for that).
  function endConsult(call) {
    const consult = call.consult;
    if (!consult) return;
    call.consult = null;
    const hangUp = () => {
      try {
        if (!consult.session.isEnded?.()) consult.session.terminate();
      } catch {
        // already gone
      }
    };
    if (consult.completing) clock.setTimeout(hangUp, REPLACED_LEG_MS);
    else hangUp();
  }

  // This agent is the consult target and the caller's session replaces the consult leg: answered at once on the
  // same microphone; the call goes on under its id (the core sees no change but the caller's voice).
  // The core learns that the consult call is the caller's call now (D430): from here it is written as such.
  function takeOver(call, session) {
    replacing.delete(session);
    call.session = session;
    wire(call);
    session.answer({ mediaStream: call.stream, mediaConstraints: { audio: true, video: false }, pcConfig: pcConfig() });
    media.playRemote(session);
    if (call.consultLeg) {
      call.consultLeg = false;
      outbox.push({ type: 'consultChanged', callId: call.callId, state: 'transferred' });
    }
  }

  function setMuted(call, muted) {
    if (call.muted === muted) return;
    for (const track of call.stream?.getAudioTracks?.() ?? []) track.enabled = !muted;
    call.muted = muted;
    outbox.push({ type: 'callMuteChanged', callId: call.callId, muted });
  }

  // Blind transfer: resolves when the REFER is accepted (202); callTransferred once the transfer target
  // answered (NOTIFY 2xx), or after a quiet period for servers that send no NOTIFY; then this leg hangs up.
  // With `options.replaces` (the consult leg) it is the attended transfer's REFER (D342).
  /**
   * @param {object} call
   * @param {{uri: string, toAgentId: number|null}} to
   * @param {{replaces: object}} [options]
   */
  function referTo(call, to, options) {
    /** @type {Promise<void>} */
    const accepted = new Promise((resolve, reject) => {
      const sub = options ? call.session.refer(to.uri, options) : call.session.refer(to.uri);
      if (!sub) return reject(new TelephonyError('WRONG_STATE', 'the call cannot be transferred now'));
      let quiet = null;
      const done = () => {
        clock.clearTimeout(quiet);
        if (call.state === 'ended') return;
        end(call, null, transferredEvent(call, { toAgentId: to.toAgentId, nowMs: clock.now() }));
        try {
          call.session.terminate();
        } catch {
          // the transferee may have hung up already
        }
      };
      sub.on('requestSucceeded', () => {
        resolve();
        quiet = clock.setTimeout(done, NO_NOTIFY_AFTER_MS);
      });
      sub.on('requestFailed', () => reject(new TelephonyError('TRANSFER_FAILED', 'the transfer was refused')));
      for (const ev of ['trying', 'progress']) sub.on(ev, () => clock.clearTimeout(quiet));
      sub.on('accepted', done);
      sub.on('failed', () => clock.clearTimeout(quiet)); // the target did not answer: the call stays with the agent
      return undefined;
    });
    return accepted;
  }

  return {
    name: 'sip',
    start(emit) {
      if (typeof emit !== 'function') return Promise.reject(new TypeError('start(emit): emit must be a function'));
      if (started) return Promise.reject(new TelephonyError('WRONG_STATE', 'the sip connector is already started'));
      started = true;
      outbox.attach(emit);
      outbox.setOnline(false); // connectorState offline comes first; online once registered
      onProblems(config.problems);
      if (config.problems.length) return Promise.resolve();
      registration = createRegistration({
        jssip,
        client,
        agent,
        clock,
        telephonyUrl: /** @type {string} */ (settings.telephonyUrl),
        onSession,
        onTransportLost,
        onState: (s) => {
          code = s.code;
          outbox.setOnline(s.online);
          // Registered again after the connection was lost (D437): the backend may have lost the agent's status
          // with it (a restart, or one that clears an unregistered agent's), so it is told again.
          if (s.online && !online) {
            presenceSent = null;
            void sendPresence();
          }
          online = s.online;
          onProblems(
            s.code && s.code !== 'CONNECTING' && s.code !== 'TRANSPORT_LOST'
              ? [{ setting: 'telephonyUrl', code: s.code, message: '' }]
              : [],
          );
        },
      });
      registration.start();
      return Promise.resolve();
    },
    stop() {
      started = false;
      clock.clearTimeout(presenceRetry);
      online = false;
      for (const call of calls.values()) if (call.stream) media.release(call.stream);
      calls.clear();
      media.ringStop();
      registration?.stop();
      outbox.detach();
      return Promise.resolve();
    },
    ...commands,
    /**
     * The transfer directory (D341): the backend's agents with their presence (directory.js); consult yes (REFER
     * with Replaces), conference no (D343). Rejects when the backend failed (D432: the core keeps its last copy).
     */
    /**
     * The agent's state as the view shows it (`agentStatus.current`: available, away, ringing, onCall, wrapUp),
     * told by the shim when it changes (D434): `POST {telephonyUrl}/sip/status` {agentId, status: available | away |
     * busy | wrapUp} through the ZAF proxy, so the backend's directory shows other agents who is free. Never rejects
     * for the backend's sake.
     * @param {string} state
     */
    presence(state) {
      if (!Object.hasOwn(PRESENCE, state)) return Promise.reject(new TelephonyError('BAD_ARGUMENT', 'unknown state'));
      presenceWanted = PRESENCE[state];
      return sendPresence();
    },
    /** The calls with a consult leg on the line (D431): none after a reload, the sessions went with the page. */
    consults() {
      return [...calls.values()].filter((c) => c.consult).map((c) => String(c.callId));
    },
    async directory() {
      const d = started
        ? await fetchSipDirectory(client, { telephonyUrl: /** @type {string} */ (settings.telephonyUrl), agent })
        : { agents: [], queues: [] };
      return { ...d, consult: true, conference: false };
    },
    /** Read-only state for browser tests: registration, live call ids, per call RTP byte counters. */
    debug: Object.freeze({
      registration: () => ({ online: outbox.online, code }),
      media: () => media.state?.() ?? null,
      callIds: () => [...calls.keys()],
      microphone(callId) {
        const call = calls.get(String(callId));
        const tracks = call?.stream?.getAudioTracks?.() ?? [];
        const senders = call?.session?.connection?.getSenders?.() ?? [];
        return {
          tracks: tracks.length,
          sending: senders.filter((x) => x.track && tracks.includes(x.track)).length,
          enabled: tracks.filter((x) => x.enabled).length,
        };
      },
      async stats(callId) {
        const pc = calls.get(String(callId))?.session?.connection;
        const out = { inboundBytes: 0, outboundBytes: 0 };
        if (!pc?.getStats) return out;
        (await pc.getStats()).forEach((st) => {
          if (st.type === 'inbound-rtp' && st.kind === 'audio') out.inboundBytes += st.bytesReceived ?? 0;
          if (st.type === 'outbound-rtp' && st.kind === 'audio') out.outboundBytes += st.bytesSent ?? 0;
        });
        return out;
      },
    }),
  };
}
