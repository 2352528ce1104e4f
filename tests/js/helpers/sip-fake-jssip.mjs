// A fake of the parts of JsSIP 3.13.8 the sip connector uses: UA events (connected, disconnected, registered,
// unregistered, registrationFailed, newRTCSession) and RTCSession events (progress, accepted, confirmed, ended,
// failed, hold, unhold) with JsSIP's field names and its causes (lib/Constants.js). Tests play the network.
import { EventEmitter } from 'node:events';

export const causes = {
  BYE: 'Terminated',
  CANCELED: 'Canceled',
  REJECTED: 'Rejected',
  BUSY: 'Busy',
  UNAVAILABLE: 'Unavailable',
  NOT_FOUND: 'Not Found',
  CONNECTION_ERROR: 'Connection Error',
  NO_ANSWER: 'No Answer',
  AUTHENTICATION_ERROR: 'Authentication Error',
};

/** A JsSIP IncomingRequest as the connector reads it: getHeader, from.uri.user, ruri.user and the raw data. */
export function fakeInvite({ from = '+14155550123', ruser = 'agent-5', headers = [] } = {}) {
  const raw = [
    `INVITE sip:${ruser}@127.0.0.1 SIP/2.0`,
    `From: <sip:${from}@127.0.0.1>;tag=1`,
    ...headers.map(([n, v]) => `${n}: ${v}`),
    '',
    'v=0',
  ].join('\r\n');
  return {
    data: raw,
    from: { uri: { user: from } },
    ruri: { user: ruser },
    getHeader(name) {
      const found = headers.find(([n]) => n.toLowerCase() === name.toLowerCase());
      return found ? found[1] : undefined;
    },
  };
}

export class FakeSession extends EventEmitter {
  constructor(ua, direction, { request = null, target = null, options = {} } = {}) {
    super();
    Object.assign(this, {
      ua,
      direction,
      request,
      target,
      options,
      status: direction === 'incoming' ? 'ringing' : 'calling',
    });
    this.calls = [];
    this.senders = [];
    this.connection = {
      getStats: async () =>
        new Map([
          ['a', { type: 'inbound-rtp', kind: 'audio', bytesReceived: 100 }],
          ['b', { type: 'outbound-rtp', kind: 'audio', bytesSent: 200 }],
        ]),
      getSenders: () => this.senders,
    };
    this.referSubscribers = [];
    this.addSender(options.mediaStream);
  }
  /** RTCRtpSender-like: the track JsSIP added from the mediaStream; replaceTrack as the browser's. */
  addSender(stream) {
    const track = stream?.getAudioTracks?.()[0];
    if (!track) return;
    const sender = { track, replaceTrack: async (t) => void (sender.track = t) };
    this.senders.push(sender);
  }
  isEnded() {
    return this.status === 'ended';
  }
  answer(options) {
    this.calls.push(['answer', options]);
    if (this.status !== 'ringing') throw new Error('InvalidStateError');
    this.addSender(options?.mediaStream);
    this.status = 'answering';
  }
  terminate(options = {}) {
    this.calls.push(['terminate', options]);
    if (this.status === 'ended') throw new Error('InvalidStateError');
    const was = this.status;
    this.status = 'ended';
    if (was === 'ringing' || was === 'answering')
      this.emit('failed', { originator: 'local', message: null, cause: causes.REJECTED });
    else if (was === 'calling') this.emit('failed', { originator: 'local', message: null, cause: causes.CANCELED });
    else this.emit('ended', { originator: 'local', message: null, cause: options.cause ?? causes.BYE });
  }
  hold() {
    this.calls.push(['hold']);
    this.emit('hold', { originator: 'local' });
    return true;
  }
  unhold() {
    this.calls.push(['unhold']);
    this.emit('unhold', { originator: 'local' });
    return true;
  }
  sendDTMF(tones, options) {
    this.calls.push(['sendDTMF', tones, options]);
  }
  refer(target, options) {
    this.calls.push(['refer', target, options]);
    const sub = new EventEmitter();
    this.referSubscribers.push(sub);
    return sub;
  }
  // ---- the network's side ----
  accept() {
    this.status = 'confirmed';
    this.emit('accepted', { originator: this.direction === 'incoming' ? 'local' : 'remote', response: null });
    this.emit('confirmed', { originator: 'local' });
  }
  remoteFail(cause, status = null) {
    this.status = 'ended';
    this.emit('failed', { originator: 'remote', message: status ? { status_code: status } : null, cause });
  }
  remoteBye() {
    this.status = 'ended';
    this.emit('ended', { originator: 'remote', message: {}, cause: causes.BYE });
  }
}

/** The JsSIP module shape the connector takes: {UA, WebSocketInterface}; `uas` lists what was created. */
export function fakeJsSIP() {
  const uas = [];
  class UA extends EventEmitter {
    constructor(config) {
      super();
      this.config = config;
      this.sessions = [];
      this.started = false;
      this.stopped = false;
      this.registerCalls = 0;
      this.sets = [];
      uas.push(this);
    }
    start() {
      this.started = true;
    }
    stop() {
      this.stopped = true;
    }
    register() {
      this.registerCalls += 1;
    }
    unregister() {
      this.unregistered = true;
    }
    set(k, v) {
      this.sets.push([k, v]);
      return true;
    }
    isRegistered() {
      return this.registered === true;
    }
    call(target, options) {
      const s = new FakeSession(this, 'outgoing', { target, options });
      this.sessions.push(s);
      this.emit('newRTCSession', { originator: 'local', session: s, request: {} });
      return s;
    }
    // ---- the network's side ----
    connect() {
      this.emit('connected', { socket: {} });
    }
    register200() {
      this.registered = true;
      this.emit('registered', { response: {} });
    }
    disconnect() {
      this.registered = false;
      this.emit('disconnected', { socket: {}, error: true });
    }
    registrationFail(status = 403, cause = causes.REJECTED) {
      this.registered = false;
      this.emit('registrationFailed', { response: { status_code: status }, cause });
    }
    ring(inviteFields) {
      const request = fakeInvite(inviteFields);
      const s = new FakeSession(this, 'incoming', { request });
      this.sessions.push(s);
      this.emit('newRTCSession', { originator: 'remote', session: s, request });
      return s;
    }
  }
  class WebSocketInterface {
    constructor(url) {
      this.url = url;
    }
  }
  return { UA, WebSocketInterface, uas };
}
