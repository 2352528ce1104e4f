// The embedded simulator (sandbox, demo) plays the contact center inside the writing tab, so its calls would die
// with that tab; a real backend keeps them while the agent reloads or another tab takes over, and tells the new
// connector. This journal plays that part: it keeps the simulator's live calls (and its answer behaviour) in
// localStorage, and the next writer's simulator takes them up again when it starts. The core already has those
// calls (restored from its snapshot), so the events the simulator sends while taking them up — ringing, dialing,
// connected — are not news and are not passed on (a replayed `callDialing` would set a connected call back).
// Hold and mute are carried over (the core keeps them across the reload too: the call is put back on hold once it
// is connected again, silently), and so is a consult leg dialling or on the line (D431: placed again, its events
// swallowed; a conference is not rebuilt, so consults() leaves it out and the core reads it ended). What is not: the
// call's timings (the simulator counts from the takeover).
//
// Only the simulator is wrapped; another connector talks to a backend that remembers by itself.

export const JOURNAL_KEY = 'agent-adapter-simulator';
const DEFAULT_BEHAVIOUR = { answerAfterMs: 3000, noAnswer: false };

/**
 * @param {object} simulator  createSimulatorConnector()'s connector (with its controls)
 * @param {object} o
 * @param {Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>} o.storage
 * @param {{warn: Function}} [o.log]
 * @returns {{connector: object, setAnswerBehaviour(changes: object): void}}
 *   connector: the simulator, journaled (hand it to startTopBar); setAnswerBehaviour: the control, remembered
 */
export function journalSimulator(simulator, { storage, log = console }) {
  const muted = new Map(); // callId → event types still to swallow while the call is taken up again
  const toRestore = new Map(); // callId → {held, muted, consult}: put back once the taken-up call is connected again
  const consultEchoes = new Map(); // callId → consultChanged events of a consult placed again, still to swallow

  function load() {
    try {
      const saved = JSON.parse(storage.getItem(JOURNAL_KEY) ?? 'null');
      if (saved && typeof saved === 'object' && saved.calls && typeof saved.calls === 'object') return saved;
    } catch {
      // unreadable: start empty
    }
    return { calls: {}, behaviour: null };
  }

  function save(journal) {
    try {
      storage.setItem(JOURNAL_KEY, JSON.stringify(journal));
    } catch (err) {
      log.warn('[adapter] simulator journal not saved:', err?.name ?? 'Error');
    }
  }

  function update(fn) {
    const journal = load();
    fn(journal);
    save(journal);
  }

  /** Keeps the journal in step with what the simulator tells the core. */
  function record(event) {
    const id = String(event.callId);
    update(({ calls }) => {
      if (event.type === 'callRinging') {
        const { type, ...ring } = event;
        calls[id] = { direction: 'inbound', state: 'ringing', ring };
      } else if (!calls[id]) {
        // a call from before the journal (or already forgotten): nothing to keep
      } else if (event.type === 'callConnected') {
        calls[id].state = 'connected';
      } else if (event.type === 'callHoldChanged') {
        calls[id].held = event.held === true;
      } else if (event.type === 'callMuteChanged') {
        calls[id].muted = event.muted === true;
      } else if (event.type === 'consultChanged' && calls[id].consult) {
        if (event.state === 'ended') delete calls[id].consult;
        else calls[id].consult.state = event.state;
      } else if (event.type === 'callAttributes' && calls[id].ring) {
        calls[id].ring.attributes = { ...calls[id].ring.attributes, ...event.attributes };
      } else if (event.type === 'callEnded' || event.type === 'callTransferred') {
        delete calls[id];
      }
    });
  }

  function observe(emit) {
    return (event) => {
      const echoes = event?.type === 'consultChanged' ? consultEchoes.get(String(event.callId)) : undefined;
      if (echoes && event.state !== 'ended') {
        if (echoes > 1) consultEchoes.set(String(event.callId), echoes - 1);
        else consultEchoes.delete(String(event.callId));
        return;
      }
      const swallow = event?.callId != null ? muted.get(String(event.callId)) : undefined;
      if (swallow?.delete(event.type)) {
        if (swallow.size === 0) muted.delete(String(event.callId));
        if (event.type === 'callConnected') restoreHoldAndMute(event.callId);
        return;
      }
      emit(event);
      if (event?.callId != null) record(event);
    };
  }

  // The taken-up call is connected again: hold and mute as they were (their events are not news to the core), then
  // its consult leg, answered at once when it was on the line.
  function restoreHoldAndMute(callId) {
    const wanted = toRestore.get(String(callId));
    toRestore.delete(String(callId));
    if (wanted?.held) void simulator.hold({ callId }).catch(() => {});
    if (wanted?.muted) void simulator.mute({ callId }).catch(() => {});
    if (wanted?.consult) {
      const { target, state } = wanted.consult;
      // 'dialing', and 'connected' a moment later: not news to the core
      consultEchoes.set(String(callId), state === 'connected' ? 2 : 1);
      if (state === 'connected') simulator.setAnswerBehaviour({ answerAfterMs: 0, noAnswer: false });
      void simulator.consult({ callId, target }).catch(() => consultEchoes.delete(String(callId)));
      simulator.setAnswerBehaviour({ ...DEFAULT_BEHAVIOUR, ...(load().behaviour ?? {}) });
    }
  }

  /** Takes the journal's calls up again in the simulator (just started). */
  function takeUp() {
    const { calls, behaviour } = load();
    const wanted = { ...DEFAULT_BEHAVIOUR, ...(behaviour ?? {}) };
    for (const [id, call] of Object.entries(calls)) {
      try {
        const later = [];
        const consult = call.consult?.state === 'dialing' || call.consult?.state === 'connected' ? call.consult : null;
        if (call.consult && !consult) update((j) => delete j.calls[id].consult); // a conference is not rebuilt
        if (call.state === 'connected' && (call.held || call.muted || consult)) {
          toRestore.set(id, { held: call.held === true, muted: call.muted === true, consult });
          if (call.held) later.push('callHoldChanged');
          if (call.muted) later.push('callMuteChanged');
        }
        if (call.direction === 'inbound') {
          muted.set(
            id,
            new Set(call.state === 'connected' ? ['callRinging', 'callConnected', ...later] : ['callRinging']),
          );
          simulator.ringInbound(call.ring);
          if (call.state === 'connected') void simulator.answer({ callId: call.ring.callId }).catch(() => {});
        } else {
          muted.set(
            id,
            new Set(call.state === 'connected' ? ['callDialing', 'callConnected', ...later] : ['callDialing']),
          );
          // Connected already: the callee answers at once this time.
          if (call.state === 'connected') simulator.setAnswerBehaviour({ answerAfterMs: 0, noAnswer: false });
          void simulator.dial({ callId: call.callId, number: call.number }).catch(() => {});
        }
      } catch (err) {
        muted.delete(id);
        toRestore.delete(id);
        update((j) => delete j.calls[id]); // the simulator refused it: forget it rather than retry forever
        log.warn('[adapter] simulator call not taken up:', err?.name ?? 'Error');
      }
    }
    simulator.setAnswerBehaviour(wanted);
  }

  const connector = Object.create(simulator); // every method and the `online` getter, as the simulator's
  connector.start = (emit) => {
    const started = simulator.start(observe(emit));
    takeUp();
    return started;
  };
  connector.dial = (args) => {
    const id = String(args?.callId);
    update(({ calls }) => {
      calls[id] = { direction: 'outbound', state: 'dialing', callId: args?.callId, number: args?.number };
    });
    return simulator.dial(args).catch((err) => {
      update(({ calls }) => delete calls[id]);
      throw err;
    });
  };

  // The consult leg goes in the journal with its target (its events say only how far it got).
  connector.consult = (args) => {
    const id = String(args?.callId);
    update(({ calls }) => {
      if (calls[id]) calls[id].consult = { target: args?.target, state: 'dialing' };
    });
    return simulator.consult(args).catch((err) => {
      update(({ calls }) => delete calls[id]?.consult);
      throw err;
    });
  };
  /** The calls with a consult leg (D431): those this journal keeps or takes up again. */
  connector.consults = () =>
    Object.entries(load().calls)
      .filter(([, call]) => call.consult)
      .map(([id]) => id);

  // The agent's status goes in the journal: the next writer's simulator (a reload) shows what the backend was told.
  connector.setStatus = (args) =>
    simulator.setStatus(args).then(() =>
      update((j) => {
        j.agentStatus = args.status;
      }),
    );

  return {
    connector,
    setAnswerBehaviour(changes) {
      simulator.setAnswerBehaviour(changes); // throws on a bad value: not remembered then
      update((j) => {
        j.behaviour = { ...(j.behaviour ?? {}), ...changes };
      });
    },
  };
}
