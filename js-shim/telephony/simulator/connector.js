// The embedded demo connector: plays a contact-center platform in the browser, so the app runs (sandbox, demo,
// tests) without one. It implements the connector interface (../connector.js) and adds controls that play the other
// side of each call — the caller, the callee, the network — for tests and the sandbox UI. docs/telephony.md says
// what it plays. The top bar loads it (load.js, a file of its own) only when the simulator is the chosen connector.
import { endedEvent, holdEnded, holdStarted, transferredEvent } from '../call-timing.js';
import { TelephonyError } from '../connector.js';
import { commandMethods } from '../commands.js';
import { createEventOutbox } from '../event-outbox.js';

const SESSION_TYPES = ['ivr', 'inbound_app', 'inbound_web', 'scheduled_app', 'scheduled_web', 'voicemail'];
const DTMF = /^[0-9*#A-D,]{1,64}$/; // ',' is a pause
const MAX_ENDED_KEPT = 50; // ended calls stay visible to calls() and to "call has ended" errors, up to this many
// The simulated contact center's support line: the DNIS the sandbox's inbound calls ring on, and the caller id its
// outbound calls show (callDialing `line`).
export const SIMULATOR_LINE = '+18005550100';

// Wrapped, because a browser's window.setTimeout throws "Illegal invocation" when called as a method of another
// object; the injected clock's functions are likewise always called detached.
const SYSTEM_CLOCK = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id),
  now: () => Date.now(),
};

/**
 * @param {object} [options]
 * @param {{setTimeout: Function, clearTimeout: Function, now: () => number}} [options.clock]  injected for tests
 * @param {number} [options.answerAfterMs]    outbound: the callee answers this long after `dial`
 * @param {number} [options.noAnswerAfterMs]  outbound, when the callee does not answer: `no_answer` after this long
 * @param {string|null} [options.recordingBaseUrl] https; a recording is `<base><callId>.mp3`; null: no recordings
 * @param {(error: unknown, event: object) => void} [options.onEmitError]  `emit` threw (delivery goes on)
 * @param {{start(): void, stop(): void}|null} [options.ringTone]  ../ring-tone.js: plays while an inbound call rings
 * @param {string} [options.line]   the contact center's line its outbound calls go out on (callDialing `line`, D391)
 */
export function createSimulatorConnector({
  clock = SYSTEM_CLOCK,
  answerAfterMs = 3000,
  noAnswerAfterMs = 30000,
  recordingBaseUrl = 'https://recordings.example.com/sim/',
  onEmitError,
  ringTone = null,
  line = SIMULATOR_LINE,
} = {}) {
  if (typeof line !== 'string') throw new TypeError('line must be a string (the outbound caller id)');
  if (recordingBaseUrl !== null && (typeof recordingBaseUrl !== 'string' || !recordingBaseUrl.startsWith('https://'))) {
    throw new TypeError('recordingBaseUrl must be an https URL or null (Zendesk stores only the link, D31)');
  }
  const { setTimeout: setTimer, clearTimeout: clearTimer, now } = clock;
  let behaviour = checkedBehaviour({ answerAfterMs, noAnswer: false, noAnswerAfterMs });
  const outbox = createEventOutbox(onEmitError ? { onError: onEmitError } : {});
  // String(callId) → call record, live and recently ended. Keyed by the string because the core names calls by
  // string in its commands, even those a backend announced with an integer id.
  const calls = new Map();
  let started = false;
  let inboundSeq = 0;
  let agentStatus = 'available'; // setStatus: what the agent chose (the sandbox shows it)
  // The account's other agents and the queues' logged-in agents, as a contact center's presence would report them
  // (transferDirectory, D341); the sandbox and tests change it with setDirectory.
  let directory = checkedDirectory({ agents: DEMO_AGENTS, queues: [] });

  // ---- call records --------------------------------------------------------------------------------------
  function later(call, ms, fn) {
    const id = setTimer(() => {
      call.timers.delete(id);
      fn();
    }, ms);
    call.timers.add(id);
  }

  function clearTimers(call) {
    for (const id of call.timers) clearTimer(id);
    call.timers.clear();
  }

  // The ring tone plays while any inbound call rings here: from the ring to its answer, decline or end.
  function syncRing() {
    if (!ringTone) return;
    const ringing = [...calls.values()].some((c) => c.direction === 'inbound' && c.state === 'ringing');
    if (ringing) ringTone.start();
    else ringTone.stop();
  }

  function connect(call) {
    call.state = 'connected';
    call.connectedAtMs = now();
    syncRing();
    outbox.push({ type: 'callConnected', callId: call.callId });
  }

  // The one way a call ends, so `callEnded` is sent exactly once and nothing follows it. A consult leg ends with
  // its call (the core forgets it with the call's end).
  function end(call, reason, messageSec, recordingUrl) {
    clearTimers(call);
    call.consult = null;
    const nowMs = now();
    const event = endedEvent(call, { reason, nowMs, recordingBaseUrl, messageSec, recordingUrl });
    Object.assign(call, { state: 'ended', endReason: reason, endedAtMs: nowMs, held: false });
    syncRing();
    outbox.push(event);
    forgetOldCalls();
  }

  function forgetOldCalls() {
    const finished = [...calls.values()].filter((c) => c.state === 'ended' || c.state === 'transferred');
    for (const c of finished.slice(0, Math.max(0, finished.length - MAX_ENDED_KEPT))) calls.delete(String(c.callId));
  }

  // A live call in one of `states`, or a TelephonyError saying why not.
  function liveCall(callId, states) {
    const call = calls.get(String(callId));
    if (!call) throw new TelephonyError('UNKNOWN_CALL', `no call ${JSON.stringify(callId)} on the simulator`);
    if (call.state === 'ended' || call.state === 'transferred') {
      throw new TelephonyError('CALL_ENDED', `call ${JSON.stringify(callId)} has ${call.state}`);
    }
    if (!states.includes(call.state)) {
      throw new TelephonyError(
        'WRONG_STATE',
        `call ${JSON.stringify(callId)} is ${call.state}, not ${states.join(' or ')}`,
      );
    }
    return call;
  }

  // ---- commands (from the adapter's telephony effects): never throw, reject instead ----------------------
  function command(run) {
    return (args) => {
      try {
        if (!started) throw new TelephonyError('NOT_STARTED', 'the simulator connector is not started');
        if (!outbox.online) throw new TelephonyError('OFFLINE', 'the simulator connector is offline');
        if (args === null || typeof args !== 'object')
          throw new TelephonyError('BAD_ARGUMENT', 'expected {callId, ...}');
        run(args);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  // hangUp and remoteHangUp: how a call ends depends on how far it got.
  const HANG_UP_REASON = { ringing: 'abandoned', dialing: 'no_answer', connected: 'completed' };

  function setHeld(call, held) {
    if (call.held === held) return; // already so: nothing to tell
    call.held = held;
    (held ? holdStarted : holdEnded)(call, now());
    outbox.push({ type: 'callHoldChanged', callId: call.callId, held });
  }

  function setMuted(call, muted) {
    if (call.muted === muted) return;
    call.muted = muted;
    outbox.push({ type: 'callMuteChanged', callId: call.callId, muted });
  }

  const commands = commandMethods('simulator', {
    dial: command(({ callId, number, extension = null }) => {
      checkCallId(callId);
      if (calls.has(String(callId)))
        throw new TelephonyError('BAD_ARGUMENT', `call id ${JSON.stringify(callId)} is already in use`);
      if (typeof number !== 'string' || number === '') throw new TelephonyError('BAD_ARGUMENT', 'dial needs a number');
      if (extension !== null && typeof extension !== 'string')
        throw new TelephonyError('BAD_ARGUMENT', 'extension must be a string');
      const call = newCall({ callId, direction: 'outbound', number, extension });
      calls.set(String(callId), call);
      outbox.push({ type: 'callDialing', callId, line });
      if (behaviour.noAnswer) later(call, behaviour.noAnswerAfterMs, () => end(call, 'no_answer'));
      else later(call, behaviour.answerAfterMs, () => connect(call));
    }),
    answer: command(({ callId }) => connect(liveCall(callId, ['ringing']))),
    decline: command(({ callId }) => end(liveCall(callId, ['ringing']), 'abandoned')),
    hangUp: command(({ callId }) => {
      const call = liveCall(callId, ['ringing', 'dialing', 'connected']);
      end(call, HANG_UP_REASON[call.state]);
    }),
    hold: command(({ callId }) => setHeld(liveCall(callId, ['connected']), true)),
    resume: command(({ callId }) => setHeld(liveCall(callId, ['connected']), false)),
    mute: command(({ callId }) => setMuted(liveCall(callId, ['connected']), true)),
    unmute: command(({ callId }) => setMuted(liveCall(callId, ['connected']), false)),
    transfer: command(({ callId, target }) => {
      const call = liveCall(callId, ['connected']);
      checkTarget(target);
      transferred(call, target);
    }),
    sendDigits: command(({ callId, digits }) => {
      const call = liveCall(callId, ['connected']);
      if (typeof digits !== 'string' || !DTMF.test(digits)) {
        throw new TelephonyError('BAD_ARGUMENT', 'digits must be 1-64 of 0-9 * # A-D and , (pause)');
      }
      call.digits += digits; // no event: DTMF is heard by the other side only
    }),
    // Consult (warm) transfer, simulated (D342): the caller held, the target answers as a callee of `dial` does.
    consult: command(({ callId, target }) => {
      const call = liveCall(callId, ['connected']);
      checkTarget(target);
      if (call.consult) throw new TelephonyError('WRONG_STATE', `call ${JSON.stringify(callId)} is consulting already`);
      setHeld(call, true);
      call.consult = { target, state: 'dialing' };
      consultState(call, 'dialing');
      if (behaviour.noAnswer) later(call, behaviour.noAnswerAfterMs, () => consultEnded(call));
      else later(call, behaviour.answerAfterMs, () => consultState(call, 'connected'));
    }),
    completeTransfer: command(({ callId }) => {
      const call = liveCall(callId, ['connected']);
      if (!call.consult || call.consult.state === 'dialing')
        throw new TelephonyError('WRONG_STATE', `call ${JSON.stringify(callId)} has no consult leg on the line`);
      transferred(call, call.consult.target);
    }),
    cancelConsult: command(({ callId }) => {
      const call = liveCall(callId, ['connected']);
      if (!call.consult) throw new TelephonyError('WRONG_STATE', `call ${JSON.stringify(callId)} is not consulting`);
      consultEnded(call);
      setHeld(call, false);
    }),
    conference: command(({ callId }) => {
      const call = liveCall(callId, ['connected']);
      if (call.consult?.state !== 'connected')
        throw new TelephonyError('WRONG_STATE', `call ${JSON.stringify(callId)} has no consult leg to join`);
      setHeld(call, false);
      consultState(call, 'conference');
    }),
    // The demo has no routing to change: the status is what the agent chose, for the journal (D361).
    // Kept whether or not the simulated backend is reachable, as the sip connector keeps it.
    setStatus: (/** @type {{status?: string}} */ { status } = {}) => {
      if (status !== 'available' && status !== 'away')
        return Promise.reject(new TelephonyError('BAD_ARGUMENT', 'unknown status'));
      agentStatus = status;
      return Promise.resolve();
    },
  });

  // The call leaves this agent for `target` (a blind transfer, or a consult completed); nothing more about it.
  function transferred(call, target) {
    clearTimers(call);
    const nowMs = now();
    const event = transferredEvent(call, { toAgentId: agentIdOf(target), nowMs });
    Object.assign(call, { state: 'transferred', endedAtMs: nowMs, toAgentId: event.toAgentId, held: false });
    call.consult = null;
    outbox.push(event);
    forgetOldCalls();
  }

  function consultState(call, state) {
    if (!call.consult) return;
    call.consult.state = state;
    outbox.push({ type: 'consultChanged', callId: call.callId, state });
  }

  // The consult leg is over (the target declined, hung up, or the agent cancelled); the caller stays as it is.
  function consultEnded(call) {
    clearTimers(call);
    call.consult = null;
    outbox.push({ type: 'consultChanged', callId: call.callId, state: 'ended' });
  }

  function newCall(fields) {
    return {
      sessionType: null,
      ani: null,
      dnis: null,
      number: null,
      extension: null,
      menuPath: null,
      queue: null,
      language: null,
      attributes: {},
      digits: '',
      consult: null,
      held: false,
      muted: false,
      toAgentId: null,
      endReason: null,
      state: fields.direction === 'outbound' ? 'dialing' : 'ringing',
      startedAtMs: now(),
      connectedAtMs: null,
      endedAtMs: null,
      holdMs: 0,
      heldSinceMs: null,
      timers: new Set(),
      ...fields,
    };
  }

  // ---- controls (the caller's, callee's and network's side; for tests and the sandbox): these throw --------
  const controls = {
    /**
     * A caller rings this agent. Returns the call id. Caller data is kept as given: it is data, never markup.
     * @param {{ani?: string, dnis?: string, sessionType?: string, menuPath?: string, queue?: object|null,
     *   language?: string, attributes?: object, callId?: string}} [call]
     */
    ringInbound({
      ani,
      dnis = '',
      sessionType = 'ivr',
      menuPath = '',
      queue = null,
      language = '',
      attributes = {},
      callId,
    } = {}) {
      if (callId === undefined) {
        do callId = `sim-in-${++inboundSeq}`;
        while (calls.has(callId)); // generated ids are strings already
      }
      checkCallId(callId);
      if (calls.has(String(callId)))
        throw new TelephonyError('BAD_ARGUMENT', `call id ${JSON.stringify(callId)} is already in use`);
      for (const [key, value] of Object.entries({ ani, dnis, menuPath, language })) {
        // The core refuses a whole callRinging whose text fields are not strings: the call would be lost.
        if (typeof value !== 'string') throw new TypeError(`ringInbound: ${key} must be a string`);
      }
      if (!SESSION_TYPES.includes(sessionType))
        throw new TypeError(`ringInbound: sessionType must be one of ${SESSION_TYPES.join(', ')}`);
      const q = queue === null ? null : checkedQueue(queue);
      const attrs = jsonObject(attributes, 'attributes');
      const call = newCall({
        callId,
        direction: 'inbound',
        ani,
        dnis,
        sessionType,
        menuPath,
        queue: q,
        language,
        attributes: attrs,
      });
      calls.set(String(callId), call);
      syncRing();
      outbox.push({
        type: 'callRinging',
        callId,
        ani,
        dnis,
        sessionType,
        menuPath,
        queue: q,
        language,
        attributes: jsonObject(attrs),
      });
      return callId;
    },
    /** PF-1: attributes arriving mid-call (merged over the earlier ones, as the adapter does). */
    setAttributes(callId, attributes) {
      const call = liveCall(callId, ['ringing', 'dialing', 'connected']);
      const attrs = jsonObject(attributes, 'attributes');
      call.attributes = { ...call.attributes, ...jsonObject(attrs) }; // spread, not assign: "__proto__" stays a key
      outbox.push({ type: 'callAttributes', callId, attributes: attrs });
    },
    /**
     * The other side hangs up: caller gave up while ringing, callee refused while dialing, or call over.
     * @param {string|number} callId
     * @param {{recordingUrl?: string}} [how]  the backend's own https link to the call's recording
     */
    remoteHangUp(callId, { recordingUrl } = {}) {
      const call = liveCall(callId, ['ringing', 'dialing', 'connected']);
      // The backend's own recording of the call (the sandbox's tester gives it): an https link, or none.
      const given =
        typeof recordingUrl === 'string' && recordingUrl.startsWith('https://') && recordingUrl.length <= 2000;
      if (recordingUrl !== undefined && !given) throw new TypeError('recordingUrl must be an https URL');
      end(call, HANG_UP_REASON[call.state], undefined, recordingUrl);
    },
    /** TR-6: the caller gives up before anyone answers. */
    callerAbandons(callId) {
      end(liveCall(callId, ['ringing']), 'abandoned');
    },
    /** TR-5: the ringing caller goes to voicemail and leaves a message of `messageSec` seconds. */
    sendToVoicemail(callId, { messageSec = 20 } = {}) {
      const call = liveCall(callId, ['ringing']);
      if (!Number.isSafeInteger(messageSec) || messageSec < 0)
        throw new TypeError('messageSec must be a whole number ≥ 0');
      end(call, 'voicemail', messageSec);
    },
    /** The consult target hangs up or declines (D342): consultChanged ended; the caller stays held. */
    consultHangsUp(callId) {
      const call = liveCall(callId, ['connected']);
      if (!call.consult) throw new TypeError(`call ${JSON.stringify(callId)} is not consulting`);
      consultEnded(call);
    },
    /**
     * The account's agents with their availability and the queues' logged-in agents (transferDirectory).
     * @param {{agents?: {id: string|number, name: string, availability: string}[],
     *   queues?: {id: number, loggedInAgents: number}[]}} next
     */
    setDirectory(next) {
      directory = checkedDirectory({ ...directory, ...next });
    },
    /** How callees of later `dial`s (and consult targets) behave. */
    setAnswerBehaviour(changes = {}) {
      behaviour = checkedBehaviour({ ...behaviour, ...changes });
    },
    goOffline() {
      outbox.setOnline(false);
    },
    goOnline() {
      outbox.setOnline(true);
    },
    /** A copy of every call the simulator knows (live and recently ended), oldest first. */
    calls() {
      return [...calls.values()].map(({ timers, heldSinceMs, holdMs, ...call }) => ({
        ...call,
        consult: call.consult && { ...call.consult },
        attributes: jsonObject(call.attributes),
        queue: call.queue && { ...call.queue },
      }));
    },
  };

  return {
    name: 'simulator',
    start(emit) {
      if (typeof emit !== 'function') return Promise.reject(new TypeError('start(emit): emit must be a function'));
      if (started)
        return Promise.reject(new TelephonyError('WRONG_STATE', 'the simulator connector is already started'));
      started = true;
      outbox.attach(emit);
      outbox.push({ type: 'connectorState', state: outbox.online ? 'online' : 'offline' });
      return Promise.resolve();
    },
    stop() {
      started = false;
      for (const call of calls.values()) clearTimers(call);
      calls.clear();
      syncRing();
      outbox.detach();
      return Promise.resolve();
    },
    ...commands,
    ...controls,
    /** Whether the simulated backend is reachable (a getter: spreading `controls` would freeze its value). */
    get online() {
      return outbox.online;
    },
    /** The calls with a consult leg (D431). */
    consults() {
      return [...calls.values()].filter((c) => c.consult).map((c) => String(c.callId));
    },
    /** The transfer directory (D341): the roster, and both consult and conference (its legs are simulated). */
    directory() {
      return Promise.resolve({ ...jsonObject(directory), consult: true, conference: true });
    },
    /** The status the agent last chose (setStatus). */
    get agentStatus() {
      return agentStatus;
    },
  };
}

// A demo roster (the sandbox's second agent is 6).
const DEMO_AGENTS = [
  { id: 6, name: 'Alex Rivera', availability: 'available' },
  { id: 7, name: 'Priya Shah', availability: 'busy' },
  { id: 8, name: 'Tom Becker', availability: 'away' },
];
const AVAILABILITY = ['available', 'away', 'busy', 'wrapUp', 'offline', 'unknown'];

// `agents: null` plays a backend that keeps no list of agents (D433): the core lists the account's from Zendesk.
function checkedDirectory({ agents, queues }) {
  if ((agents !== null && !Array.isArray(agents)) || !Array.isArray(queues))
    throw new TypeError('setDirectory: agents (or null) and queues are arrays');
  for (const a of agents ?? []) {
    if (!(typeof a?.id === 'string' || Number.isSafeInteger(a?.id)) || typeof a.name !== 'string')
      throw new TypeError('setDirectory: an agent is {id, name, availability}');
    if (!AVAILABILITY.includes(a.availability))
      throw new TypeError(`setDirectory: availability is one of ${AVAILABILITY.join(', ')}`);
  }
  for (const q of queues) {
    if (!Number.isSafeInteger(q?.id) || !Number.isSafeInteger(q.loggedInAgents))
      throw new TypeError('setDirectory: a queue is {id, loggedInAgents}');
  }
  return jsonObject({ agents, queues });
}

function checkTarget(target) {
  if (!(typeof target === 'string' && target !== '') && !Number.isSafeInteger(target)) {
    throw new TelephonyError('BAD_ARGUMENT', 'transfer needs a target');
  }
}

function checkCallId(callId) {
  const ok =
    (typeof callId === 'string' && callId.length >= 1 && callId.length <= 128) ||
    (Number.isSafeInteger(callId) && callId >= 0);
  // Same rule as the core's: anything else would make it refuse the event.
  if (!ok) throw new TelephonyError('BAD_ARGUMENT', 'a call id is 1 to 128 characters, or an integer ≥ 0');
}

function checkedQueue(queue) {
  const { id, name } = queue ?? {};
  if (!(typeof id === 'string' || Number.isSafeInteger(id)) || typeof name !== 'string') {
    throw new TypeError('ringInbound: queue is {id: string|integer, name: string} or null');
  }
  return { id, name };
}

function checkedBehaviour({ answerAfterMs, noAnswer, noAnswerAfterMs }) {
  for (const [key, ms] of Object.entries({ answerAfterMs, noAnswerAfterMs })) {
    if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`${key} must be a number of milliseconds ≥ 0`);
  }
  return { answerAfterMs, noAnswer: Boolean(noAnswer), noAnswerAfterMs };
}

// A deep, JSON-only copy of a plain object: later changes by the caller cannot leak in, a "__proto__" key stays
// an ordinary key (JSON.parse defines it, an assignment would not), and the core gets only JSON.
function jsonObject(value, what = 'value') {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TypeError(`${what} must be an object`);
  return JSON.parse(JSON.stringify(value));
}

// The adapter's target is an agent id, a queue id or a number; only a Zendesk agent id is a `toAgentId`.
function agentIdOf(target) {
  if (Number.isSafeInteger(target)) return target > 0 ? target : null;
  if (/^[1-9][0-9]{0,15}$/.test(target) && Number.isSafeInteger(Number(target))) return Number(target);
  return null;
}
