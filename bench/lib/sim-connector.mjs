// One agent's phone: the contact centre's side of its calls and the connector between it and the agent's tabs,
// on the fake clock, keeping the connector rules of docs/telephony.md:
// - `dial` is confirmed by `callDialing` (then `callConnected` when the callee answers); every call ends with
//   exactly one terminal event (`callEnded`), and `callEnded` follows `callConnected` when it was connected;
// - events are delivered in order and never synchronously from inside a command;
// - a refused command is reported as `telephonyFailed {callId, command, code}` (the shim's rejected promise);
// - while offline, commands are refused (OFFLINE) and call events are held back; back online, `connectorState
//   online` comes first, then what happened meanwhile, in order.
//
// An outage (`down`) starts unnoticed: the backend is unreachable but the connector does not know yet, so a
// command is either refused (its request fails: OFFLINE) or accepted and lost (a dial that is never confirmed),
// as the outage's `mode` says. After `noticeAfter` the connector reports `connectorState offline`.
// The caller's side goes on during an outage (callers hang up, give up ringing); the contact centre offers no new
// call to an agent it cannot reach.
const SEC = 1000;

/**
 * @param {object} o
 * @param {object} o.queue      the fake clock (event-queue.mjs)
 * @param {(event: object) => void} o.deliver   hands an event to the agent (its running tab, or the next one)
 * @param {object} o.rng        for the connector's own small delays
 * @param {object} [o.hooks]    onPlaced(call), onConnected(call), onEnded(call): the simulation follows the calls
 */
export function createSimConnector({ queue, deliver, rng, hooks = {} }) {
  const calls = new Map(); // callId → {id, direction, state, held, startedAt, connectedAt, heldSince, holdMs, talkLeft, talkToken, spec}
  const dials = []; // every dial command: {callId, number, at, outcome: placed | refused | lost}
  const counts = { refused: 0, lost: 0, heldBack: 0 };
  let lastDeliveryAt = 0;
  let phase = 'online'; // online | unnoticed | offline
  let mode = 'refuse'; // what an unnoticed outage does to a command
  const downs = new Set();
  let heldBack = [];
  let armed = null; // an outage waiting for the next dial
  let calleeAnswerAfter = null; // how long the next callee lets it ring

  const now = () => queue.clock.ms;

  // In order, a little later than now (never from inside the command that caused it).
  function send(event) {
    lastDeliveryAt = Math.max(lastDeliveryAt, now() + rng.int(5, 60));
    queue.schedule(lastDeliveryAt, () => deliver(event));
  }
  /** An event of the phone system: delivered now, or held back until the connector is back. */
  function emit(event) {
    if (phase === 'online') send(event);
    else {
      counts.heldBack++;
      heldBack.push(event);
    }
  }
  function refuse(commandName, callId, code) {
    if (commandName === 'dial') {
      counts.refused++;
      dials.push({ callId: String(callId), number: null, at: now(), outcome: 'refused' });
    }
    send({ type: 'telephonyFailed', callId, command: commandName, code });
  }

  // ---- outages ----
  /** The backend becomes unreachable; returns `up()`. */
  function down({ mode: m = 'refuse', noticeAfter = 10 * SEC } = {}) {
    const token = {};
    downs.add(token);
    if (phase === 'online') {
      phase = 'unnoticed';
      mode = m;
      queue.schedule(now() + noticeAfter, () => {
        if (phase !== 'unnoticed') return;
        phase = 'offline';
        send({ type: 'connectorState', state: 'offline' });
      });
    }
    return function up() {
      if (!downs.delete(token) || downs.size) return;
      if (phase === 'offline') send({ type: 'connectorState', state: 'online' });
      phase = 'online';
      const events = heldBack;
      heldBack = [];
      for (const e of events) send(e);
    };
  }

  // ---- the calls ----
  function end(call, reason) {
    if (call.state === 'ended') return;
    const t = now();
    if (call.held) call.holdMs += t - call.heldSince;
    const wasConnected = call.connectedAt != null;
    call.state = 'ended';
    call.endedAt = t;
    call.held = false;
    call.talkToken++;
    emit({
      type: 'callEnded',
      callId: call.id,
      reason,
      durationSec: wasConnected ? Math.round((t - call.connectedAt) / SEC) : 0,
      waitSec: Math.round(((call.connectedAt ?? t) - call.startedAt) / SEC),
      holdSec: Math.round(call.holdMs / SEC),
      recordingUrl: null,
      recordingBytes: null,
    });
    hooks.onEnded?.(call);
  }

  // The caller hangs up after `talk` of connected time not on hold (a held caller waits).
  function talkOn(call) {
    if (call.talkLeft == null) return;
    const token = ++call.talkToken;
    const since = now();
    call.talkSince = since;
    queue.schedule(since + call.talkLeft, () => call.talkToken === token && end(call, 'completed'));
  }

  function connect(call) {
    if (call.state !== 'ringing' && call.state !== 'dialing') return;
    call.state = 'connected';
    call.connectedAt = now();
    emit({ type: 'callConnected', callId: call.id });
    talkOn(call);
    hooks.onConnected?.(call);
  }

  function setHeld(call, held) {
    if (call.held === held) return;
    const t = now();
    call.held = held;
    if (held) {
      call.heldSince = t;
      if (call.talkLeft != null) {
        call.talkLeft = Math.max(0, call.talkLeft - (t - call.talkSince));
        call.talkToken++;
      }
    } else {
      call.holdMs += t - call.heldSince;
      talkOn(call);
    }
    emit({ type: 'callHoldChanged', callId: call.id, held });
  }

  /** The contact centre offers an inbound call; false when it cannot reach the agent (it tries again later). */
  function ring(spec, { patience, talk }) {
    if (phase !== 'online' || calls.has(spec.callId)) return false;
    const call = {
      id: spec.callId,
      direction: 'inbound',
      state: 'ringing',
      held: false,
      startedAt: now(),
      connectedAt: null,
      heldSince: 0,
      holdMs: 0,
      talkLeft: talk,
      talkSince: 0,
      talkToken: 0,
    };
    calls.set(call.id, call);
    emit({ type: 'callRinging', ...spec });
    // nobody answers: the caller gives up
    queue.schedule(now() + patience, () => call.state === 'ringing' && end(call, 'abandoned'));
    return true;
  }

  /** A command of the core's `telephony` effect (what the shim's executor hands the connector). */
  function command(effect) {
    const { command: name, callId } = effect;
    if (name === 'dial' && armed && phase === 'online') {
      const { duration, ...outage } = armed;
      armed = null;
      queue.schedule(now() + duration, down(outage));
    }
    if (phase === 'offline') return refuse(name, callId, 'OFFLINE');
    if (phase === 'unnoticed') {
      if (mode === 'refuse') return refuse(name, callId, 'OFFLINE');
      if (name === 'dial') {
        counts.lost++;
        dials.push({ callId: String(callId), number: effect.number, at: now(), outcome: 'lost' });
      }
      return; // accepted, and lost with the backend
    }
    const call = calls.get(String(callId));
    if (name === 'dial') {
      if (call) return refuse(name, callId, 'BAD_ARGUMENT');
      const placed = {
        id: String(callId),
        direction: 'outbound',
        state: 'dialing',
        held: false,
        startedAt: now(),
        connectedAt: null,
        heldSince: 0,
        holdMs: 0,
        talkLeft: null,
        talkSince: 0,
        talkToken: 0,
      };
      calls.set(placed.id, placed);
      dials.push({ callId: placed.id, number: effect.number, at: now(), outcome: 'placed' });
      hooks.onPlaced?.(placed);
      emit({ type: 'callDialing', callId: placed.id });
      queue.schedule(now() + (calleeAnswerAfter ?? rng.int(2 * SEC, 8 * SEC)), () => connect(placed));
      return;
    }
    if (!call) return refuse(name, callId, 'UNKNOWN_CALL');
    if (call.state === 'ended') return refuse(name, callId, 'CALL_ENDED');
    switch (name) {
      case 'answer':
        if (call.direction !== 'inbound' || call.state !== 'ringing') return refuse(name, callId, 'WRONG_STATE');
        return connect(call);
      case 'decline':
        if (call.state !== 'ringing') return refuse(name, callId, 'WRONG_STATE');
        return end(call, 'abandoned');
      case 'hangUp':
        return end(
          call,
          call.state === 'connected' ? 'completed' : call.state === 'dialing' ? 'no_answer' : 'abandoned',
        );
      case 'hold':
      case 'resume':
        if (call.state !== 'connected') return refuse(name, callId, 'WRONG_STATE');
        return setHeld(call, name === 'hold');
      default:
        return undefined; // mute, unmute, sendDigits: accepted, nothing the simulation follows
    }
  }

  return {
    command,
    ring,
    down,
    /** The agent's connector drops right as its next dial goes out (a directed fault, like a reload on a write). */
    armDropOnDial(outage) {
      armed = outage;
    },
    /** How long the callee of the agent's next dials lets the phone ring before answering. */
    setCalleeAnswerAfter(ms) {
      calleeAnswerAfter = ms;
    },
    /** What the connector itself believes (what a new tab is told with `connectorState`). */
    get online() {
      return phase !== 'offline';
    },
    get reachable() {
      return phase === 'online';
    },
    call: (id) => calls.get(id) ?? null,
    live: () => [...calls.values()].some((c) => c.state !== 'ended'),
    dials,
    counts,
  };
}
