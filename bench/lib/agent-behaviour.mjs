// One simulated agent's eyes and hands: it works through its tasks (call-script.mjs) by looking at the view its
// adapter draws and clicking what a real agent would, at a human pace:
// - an inbound call rings: Answer (again if nothing happens); on the call: type the note; after the call: Done;
// - an outbound task: open the dial pad, type the number, Call once the view allows it; when Call is disabled
//   (the phone connector is offline) or the attempt fails (refused, never confirmed), wait and try again later;
//   on the call: type the note, hang up after talking, Done;
// - a second caller rings beside the call: decline it, answer it (the first is held; back to it afterwards) or
//   let it ring until the caller gives up, as the scenario says;
// - anything the view lists as failed (a write, a call record whose caller could not be looked up, a lookup the
//   outbound view needs): Retry after a while, and again while it stays failed. It never discards anything.
// It only acts while a tab runs the adapter (not during a reload), one click per look; every click is answered
// with a new view, which makes it look again. After its last task it stays to retry what failed. What it did is the ground truth the audit judges Zendesk by.
import { createRandom } from './prng.mjs';

const SEC = 1000;
const RECLICK = 10 * SEC; // a click that changed nothing (a command lost or refused) is tried again after this
const REPEAT_WAIT = 30 * SEC; // a repeat caller rings again later while their first call's contact is not in Zendesk
const REPEAT_WAITS_MAX = 20;
const RING_RETRY = 5 * SEC; // the contact centre offers a call again once it can reach the agent's phone

/**
 * @param {object} o
 * @param {object} o.agent       createSimAgent(...), with `connector`
 * @param {object} o.queue
 * @param {number} o.seed
 * @param {object[]} o.tasks     the agent's calls from the scenario, in order
 * @param {(digits: string) => boolean} o.contactExists   whether Zendesk has a contact with this number yet
 * @param {(task: object) => void} o.onTaskStart
 * @param {() => void} o.onTaskDone
 */
export function createAgentBehaviour({ agent, queue, seed, tasks, contactExists, onTaskStart, onTaskDone }) {
  const connector = agent.connector;
  const now = () => queue.clock.ms;
  const jitter = (label, lo, hi) => createRandom(seed, `${agent.index}:${label}`).int(lo, hi);

  const results = tasks.map((spec) => ({
    spec,
    startedAt: null,
    rungAt: null,
    ringWaits: 0,
    endedAt: null,
    doneAt: null,
    placedId: null, // outbound: the dial the connector placed
    attempts: [], // outbound: every Call click that dialled: call ids
    opens: 0,
    second: spec.second ? { spec: spec.second, rungAt: null, skipped: false, declined: false, answered: false } : null,
  }));
  const notes = new Map(); // call id → the note text typed while that call was on screen
  const stats = {
    clicks: 0,
    retries: { callRecord: 0, write: 0, lookups: 0 },
    reclicks: {},
    callDisabledSeen: 0,
    failedSeen: 0,
  };
  let k = -1; // the current task
  let current = null;
  let finished = tasks.length === 0;
  const seen = new Map(); // situation → when first seen
  const lastClick = new Map(); // situation → when last clicked
  let thinkScheduled = false;
  let wakeAt = Infinity;

  // ---- looking ----
  function since(key) {
    if (!seen.has(key)) seen.set(key, now());
    return seen.get(key);
  }
  function poke() {
    if (thinkScheduled) return;
    thinkScheduled = true;
    queue.schedule(now(), think);
  }
  function wake(at) {
    if (at >= wakeAt && wakeAt > now()) return;
    wakeAt = at;
    queue.schedule(at, () => {
      if (wakeAt === at) wakeAt = Infinity;
      poke();
    });
  }
  /** One click: to the running adapter only (a real agent cannot click in a reloading page). */
  function act(event) {
    stats.clicks++;
    agent.deliver(event);
  }
  /** Click once `delay` after the situation appeared, then every RECLICK while it stays (nothing happened). */
  function clickWhileSo(key, delay, event) {
    const last = lastClick.get(key);
    const due = last == null ? since(key) + delay : last + RECLICK;
    if (now() < due) {
      wake(due);
      return false;
    }
    if (last != null) {
      const what = key.split(':')[0];
      stats.reclicks[what] = (stats.reclicks[what] ?? 0) + 1;
    }
    lastClick.set(key, now());
    act(event);
    return true;
  }

  const secondOf = (id) => (current?.second && current.second.spec.id === id ? current.second : null);
  /** What the agent means to do with a call on screen: its task's call, an outbound attempt, or the second call. */
  function planFor(call) {
    const sec = secondOf(call.id);
    if (sec) return { ...sec.spec, isSecond: true };
    return current ? { ...current.spec, isSecond: false } : null;
  }

  function think() {
    thinkScheduled = false;
    const v = agent.view;
    if (!agent.instance || !v) return wake(now() + SEC);
    const t = now();

    // 1. Something failed: read it, then Retry (a call record whose caller could not be looked up is retried by
    //    its key; so is any failed write). Again later while it stays failed.
    const failedItem = (v.sync?.writes ?? []).find((w) => w.state === 'failed');
    const lookupFailed = v.call?.lookupState === 'failed' || v.outbound?.blockedBy === 'lookupFailed';
    if (failedItem || lookupFailed) {
      if (!seen.has('failed')) stats.failedSeen++;
      const due = since('failed') + jitter(`retry${stats.failedSeen}`, 15 * SEC, 60 * SEC);
      if (t >= due) {
        seen.delete('failed');
        if (failedItem) {
          stats.retries[failedItem.kind === 'callRecord' ? 'callRecord' : 'write']++;
          return act({ type: 'retryWrite', key: failedItem.key });
        }
        stats.retries.lookups++;
        return act({ type: 'retryLookups' });
      }
      wake(due);
    } else {
      seen.delete('failed');
    }
    if (finished) return undefined; // all calls done: the agent stays only to retry what failed

    // 2. A second caller waiting beside the current call.
    for (const other of v.otherCalls ?? []) {
      const sec = other.kind === 'waiting' ? secondOf(other.id) : null;
      if (!sec || sec.spec.disposition === 'ringOut' || sec.declined || sec.answered) continue;
      const due = since(`waiting:${other.id}`) + sec.spec.react;
      if (t < due) {
        wake(due);
        continue;
      }
      if (sec.spec.disposition === 'decline') {
        sec.declined = true; // from here nothing may be written for it
        return act({ type: 'declineWaitingClicked', callId: other.id });
      }
      sec.answered = true;
      return act({ type: 'answerWaitingClicked', callId: other.id });
    }

    // 3. The call on screen.
    const call = v.call;
    if (call) {
      const plan = planFor(call);
      if (!plan) return undefined; // not one of this agent's tasks (cannot happen in this scenario)
      if (call.direction === 'outbound' && current && !current.attempts.includes(call.id))
        current.attempts.push(call.id);
      if (call.state === 'ringing') {
        // a second call the agent meant to decline or ignore that is now the one shown: it rings out
        if (plan.isSecond && plan.disposition !== 'answer') return undefined;
        clickWhileSo(`answer:${call.id}`, plan.answerAfter, { type: 'answerClicked' });
        return undefined;
      }
      if (call.state === 'connected') {
        if (call.held)
          return void clickWhileSo(`resume:${call.id}`, jitter(`resume:${call.id}`, 2 * SEC, 6 * SEC), {
            type: 'holdClicked',
          });
        lastClick.delete(`resume:${call.id}`);
        seen.delete(`resume:${call.id}`);
        const connectedAt = since(`connected:${call.id}`);
        if (!notes.has(call.id)) {
          if (t >= connectedAt + plan.noteAfter) {
            notes.set(call.id, plan.note);
            return act({ type: 'noteChanged', text: plan.note });
          }
          wake(connectedAt + plan.noteAfter);
        }
        // outbound: the agent ends the conversation (an inbound caller hangs up themselves)
        if (call.direction === 'outbound') {
          const key = `hangUp:${call.id}`;
          clickWhileSo(key, Math.max(0, connectedAt + plan.talk - since(key)), { type: 'hangUpClicked' });
        }
        return undefined;
      }
      if (call.state === 'ended') {
        // wrap-up: the note, if the call ended before it was typed, then Done
        if (call.connectedAtMs != null && !notes.has(call.id)) {
          notes.set(call.id, plan.note);
          return act({ type: 'noteChanged', text: plan.note });
        }
        clickWhileSo(`wrapUp:${call.id}`, plan.wrapUpAfter, { type: 'wrapUpDone' });
        return undefined;
      }
      return undefined; // dialing: the callee's phone rings (the core gives up a dial the connector never confirms)
    }

    if (!current) return undefined; // between two tasks

    // 4. An outbound task not yet placed: the dial pad, then Call when the view allows it.
    if (current.spec.direction === 'outbound' && !current.placedId) {
      const o = v.screen === 'outbound' ? v.outbound : null;
      if (!o) {
        const key = `open:${current.spec.id}:${current.opens}`;
        const due = since(key) + jitter(key, 2 * SEC, 8 * SEC);
        if (t < due) return wake(due);
        current.opens++;
        act({ type: 'openDialPad' });
        act({ type: 'numberChanged', text: current.spec.ani });
        return act({ type: 'lookUpNumber' });
      }
      if (o.blockedBy === 'connectorOffline') {
        if (!seen.has(`disabled:${current.spec.id}:${current.attempts.length}`)) stats.callDisabledSeen++;
        since(`disabled:${current.spec.id}:${current.attempts.length}`);
      }
      if (!o.canCall) return undefined; // searching, or disabled: the view changes when that changes
      const key = `call:${current.spec.id}:${current.attempts.length}`;
      // the first try at the agent's pace; after a failed attempt the agent waits a while before trying again
      const delay = current.attempts.length ? jitter(key, 10 * SEC, 40 * SEC) : current.spec.answerAfter;
      if (clickWhileSo(key, delay, { type: 'callClicked' })) {
        const dialled = agent.view?.call;
        if (dialled?.direction === 'outbound' && !current.attempts.includes(dialled.id))
          current.attempts.push(dialled.id);
      }
      return undefined;
    }

    // 5. Is the task over? Its calls ended (also at the phone system) and nothing is left on screen.
    if (taskOver(v)) finishTask();
    return undefined;
  }

  function taskOver(v) {
    if (v.call || (v.otherCalls ?? []).length) return false;
    const mainId =
      current.spec.direction === 'inbound' ? (current.rungAt != null ? current.spec.id : null) : current.placedId;
    if (!mainId || connector.call(mainId)?.state !== 'ended') return false;
    const sec = current.second;
    if (sec?.rungAt != null && connector.call(sec.spec.id)?.state !== 'ended') return false;
    return true;
  }

  // ---- tasks ----
  function startTask(index) {
    k = index;
    current = results[k];
    current.startedAt = now();
    onTaskStart(current.spec);
    if (current.spec.direction === 'inbound') ringWhenPossible(current);
    else {
      connector.setCalleeAnswerAfter(current.spec.calleeAnswerAfter);
      if (current.spec.dropOnDial) connector.armDropOnDial(current.spec.dropOnDial);
      poke();
    }
  }

  function ringWhenPossible(task) {
    const spec = task.spec;
    if (spec.kind === 'repeat' && task.ringWaits < REPEAT_WAITS_MAX && !contactExists(spec.digits)) {
      task.ringWaits++;
      return queue.schedule(now() + REPEAT_WAIT, () => ringWhenPossible(task));
    }
    if (!connector.ring(ringEvent(spec), { patience: spec.patience, talk: spec.talk })) {
      return queue.schedule(now() + RING_RETRY, () => ringWhenPossible(task));
    }
    task.rungAt = now();
    return undefined;
  }

  function finishTask() {
    current.doneAt = now();
    current = null;
    seen.clear();
    lastClick.clear();
    onTaskDone();
    const next = k + 1;
    if (next >= tasks.length) {
      finished = true;
      return;
    }
    queue.schedule(now() + tasks[next].idleBefore, () => startTask(next));
  }

  /** The connector connected a call: the task's call brings its second caller (if any) a while later. */
  function onConnected(call) {
    const task = current;
    if (!task || !task.second || task.second.rungAt != null || task.second.scheduled) return;
    const mainId = task.spec.direction === 'inbound' ? task.spec.id : task.placedId;
    if (call.id !== mainId) return;
    task.second.scheduled = true;
    const sec = task.second;
    queue.schedule(now() + sec.spec.after, () => {
      // the agent is still on this task's call (or wrapping it up), and the phone system can reach it
      if (
        current !== task ||
        !connector.ring(ringEvent(sec.spec), { patience: sec.spec.patience, talk: sec.spec.talk })
      ) {
        sec.skipped = true;
        return;
      }
      sec.rungAt = now();
    });
  }

  /** The connector placed a dial: that attempt is the task's call. */
  function onPlaced(call) {
    if (current && current.spec.direction === 'outbound' && !current.placedId) current.placedId = call.id;
  }

  function onEnded(call) {
    if (current && (call.id === current.spec.id || call.id === current.placedId)) current.endedAt = now();
  }

  return {
    start() {
      if (tasks.length) queue.schedule(now() + tasks[0].idleBefore, () => startTask(0));
    },
    poke,
    onConnected,
    onPlaced,
    onEnded,
    get finished() {
      return finished;
    },
    results,
    notes,
    stats,
  };
}

function ringEvent(spec) {
  return {
    callId: spec.id,
    ani: spec.ani,
    dnis: '+18005550000',
    sessionType: 'ivr',
    menuPath: 'Main > Support',
    queue: { id: 'q-support', name: 'Support' },
    language: 'en',
    attributes: {},
  };
}
