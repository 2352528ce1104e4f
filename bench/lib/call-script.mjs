// The scenario of an outbox simulation, drawn once from the seed so both runs of a comparison (batched and
// unbatched) face the same calls, callers, second calls, reloads, failovers and fault windows. Times are fake
// milliseconds.
//
// Each agent works through its tasks one after the other: an inbound call (the contact centre rings the agent) or
// an outbound call (the agent dials a number from the dial pad). During some calls a second caller rings (call
// waiting): the agent declines, answers (holding the first) or lets it ring until the caller gives up. The times
// below are the agent's and the callers' pace; what really happens also depends on the faults (bench/lib/
// agent-behaviour.mjs plays the agent, sim-connector.mjs the phone system).
import { createRandom } from './prng.mjs';

export const SIM_START = Date.parse('2026-11-23T09:00:00Z');
export const AGENT_ID0 = 900_001;
const SEC = 1000;
const MIN = 60 * SEC;

// Fault kinds, each dealt once per round in a shuffled order so that even a short run meets every kind.
// `faults` is what the stand-in's setFaults gets for the window; `slow` is latency of the simulated network;
// `connector` takes every agent's phone connector down (sim-connector.mjs: first unnoticed, commands refused or
// lost, then offline). A search outage outlasts the core's tries of a lookup (8 tries, about two minutes), so
// lookups fail and the agents retry them from the view.
const FAULT_KINDS = [
  {
    kind: 'storm429',
    duration: [20 * SEC, 90 * SEC],
    make: (r) => ({ rate429: { everyNth: 2, retryAfterSec: r.int(5, 30) } }),
  },
  {
    kind: 'accountLimit',
    duration: [2 * MIN, 4 * MIN],
    make: (r) => ({ accountLimit: { writesPerMinute: r.int(10, 25) } }),
  },
  { kind: 'burst500', duration: [15 * SEC, 60 * SEC], make: () => ({ status500: { everyNth: 2 } }) },
  {
    kind: 'burst500applied',
    duration: [15 * SEC, 60 * SEC],
    make: () => ({ status500: { everyNth: 2, applied: true, match: /^(POST|PUT) / } }),
  },
  { kind: 'drop', duration: [30 * SEC, 2 * MIN], make: () => ({ dropResponse: { everyNth: 3 } }) },
  { kind: 'latency', duration: [1 * MIN, 4 * MIN], make: () => ({}), slow: true },
  {
    kind: 'searchOutage',
    duration: [3 * MIN, 6 * MIN],
    make: () => ({ status500: { everyNth: 1, match: /^GET \/api\/v2\/search/ } }),
  },
  { kind: 'connectorOutage', duration: [1 * MIN, 4 * MIN], make: () => ({}), connector: true },
];
/** Which setFaults key each kind sets (the window's end gives it back to an earlier window still running, or clears it). */
export const FAULT_KEY = {
  storm429: 'rate429',
  accountLimit: 'accountLimit',
  burst500: 'status500',
  burst500applied: 'status500',
  searchOutage: 'status500',
  drop: 'dropResponse',
  latency: null,
  connectorOutage: null,
};

/**
 * @param {object} o
 * @param {number} o.calls, o.agents, o.seed   calls = tasks (each an inbound or an outbound call; second calls come on top)
 * @param {number} [o.knownShare]     inbound calls from callers already in Zendesk
 * @param {number} [o.repeatShare]    of the other inbound calls, those from a number a previous call introduced
 * @param {number} [o.outboundShare]  tasks that are outbound calls
 * @param {number} [o.secondShare]    calls during which a second caller rings
 * @param {number} [o.dropOnDialShare]  outbound calls whose dial meets the agent's connector dropping (refused or lost)
 * @param {number} [o.reloadShare]    calls during which the agent's page reloads
 * @param {number} [o.twoTabShare]    agents with two tabs (one failover each)
 */
export function buildScenario({
  calls,
  agents,
  seed,
  knownShare = 0.4,
  repeatShare = 0.25,
  outboundShare = 0.2,
  secondShare = 0.15,
  dropOnDialShare = 0.25,
  reloadShare = 0.08,
  twoTabShare = 0.3,
}) {
  const r = createRandom(seed, 'scenario');
  const perAgent = Math.ceil(calls / agents);
  const knownCallers = Array.from({ length: Math.max(4, Math.ceil((calls * knownShare) / 8)) }, (_, i) => ({
    id: 800_001 + i,
    name: `Known Caller ${i + 1}`,
    phone: `+1 646 555 ${String(2000 + i).padStart(4, '0')}`,
  }));

  const twoTabCount = Math.max(1, Math.round(agents * twoTabShare));
  const agentList = Array.from({ length: agents }, (_, i) => ({
    index: i,
    id: AGENT_ID0 + i,
    name: `Agent ${i + 1}`,
    tabs: i % Math.ceil(agents / twoTabCount) === 0 ? 2 : 1,
    calls: [],
  }));

  const newNumbers = []; // {ani, callIndex}: inbound numbers new to Zendesk, which later calls may repeat
  let fresh = 0;
  const freshNumber = (area) => {
    const n = fresh++;
    return `+1 ${area} ${200 + Math.floor(n / 10000)} ${String(n % 10000).padStart(4, '0')}`;
  };
  const list = [];
  let seconds = 0;
  for (let j = 0; j < calls; j++) {
    const agent = agentList[j % agents];
    const id = `sim-${String(j + 1).padStart(5, '0')}`;
    const direction = r.chance(outboundShare) ? 'outbound' : 'inbound';
    // inbound: the agent answers after answerAfter; outbound: Call is clicked answerAfter after it is possible
    const answerAfter = r.int(2 * SEC, 8 * SEC);
    const noteAfter = r.int(5 * SEC, 25 * SEC); // after the call connected
    const talk = noteAfter + r.int(10 * SEC, 120 * SEC); // connected time until the caller (or, outbound, the agent) hangs up
    const wrapUpAfter = r.int(3 * SEC, 20 * SEC); // after the call ended
    let kind;
    let ani;
    if (direction === 'outbound') {
      // the agent calls a customer back, or a number Zendesk does not know yet
      kind = r.chance(0.6) ? 'known' : 'new';
      ani = kind === 'known' ? r.pick(knownCallers).phone : freshNumber(929);
    } else {
      // A repeat needs a number introduced at least two rounds of calls earlier, so its contact had time to land.
      const older = newNumbers.filter((n) => n.callIndex <= j - 2 * agents);
      if (r.chance(knownShare)) {
        kind = 'known';
        ani = r.pick(knownCallers).phone;
      } else if (older.length && r.chance(repeatShare)) {
        kind = 'repeat';
        ani = r.pick(older).ani;
      } else {
        kind = 'new';
        ani = freshNumber(917);
        newNumbers.push({ ani, callIndex: j });
      }
    }
    let second = null;
    if (r.chance(secondShare)) {
      const secondKind = r.chance(0.5) ? 'known' : 'new';
      const secondAni = secondKind === 'known' ? r.pick(knownCallers).phone : freshNumber(332);
      const sid = `sw-${String(++seconds).padStart(5, '0')}`;
      second = {
        id: sid,
        kind: secondKind,
        ani: secondAni,
        digits: secondAni.replace(/\D/g, ''),
        // rings this long after the first call connected, while the agent is on it (or wrapping it up)
        after: r.int(3 * SEC, 30 * SEC),
        disposition: r.pick(['decline', 'answer', 'ringOut']),
        react: r.int(2 * SEC, 10 * SEC), // the agent's decline or answer
        patience: r.int(20 * SEC, 60 * SEC), // the caller gives up after ringing this long
        answerAfter: r.int(2 * SEC, 6 * SEC),
        noteAfter: r.int(5 * SEC, 20 * SEC),
        talk: r.int(25 * SEC, 90 * SEC),
        wrapUpAfter: r.int(3 * SEC, 15 * SEC),
        note: `Second caller on hold line, ticket ${r.int(10000, 99999)}, call ${sid}.`,
      };
    }
    const dropOnDial =
      direction === 'outbound' && r.chance(dropOnDialShare)
        ? {
            mode: r.chance(0.5) ? 'refuse' : 'lost',
            noticeAfter: r.int(3 * SEC, 30 * SEC),
            duration: r.int(20 * SEC, 90 * SEC),
          }
        : null;
    const call = {
      id,
      agent: agent.index,
      direction,
      kind,
      ani,
      digits: ani.replace(/\D/g, ''),
      note: `Customer asked about invoice ${r.int(10000, 99999)} on call ${id}.`,
      // before the first call an agent waits for its slot in the first minute; later calls come after a pause
      idleBefore:
        agent.calls.length === 0
          ? Math.round((agent.index * MIN) / agents) + r.int(0, 5 * SEC)
          : r.int(5 * SEC, 45 * SEC),
      answerAfter,
      noteAfter,
      talk,
      wrapUpAfter,
      patience: r.int(60 * SEC, 180 * SEC), // an inbound caller nobody answers gives up after this long
      calleeAnswerAfter: r.int(2 * SEC, 8 * SEC), // an outbound call's callee
      second,
      dropOnDial,
      reloadAfter: r.chance(reloadShare) ? r.int(0, answerAfter + talk + wrapUpAfter + 20 * SEC) : null,
      // half the reloads (and failovers) wait for the agent's next write request and hit it on the wire
      reloadOnWrite: r.chance(0.5),
      failoverAfter: null,
      failoverOnWrite: false,
    };
    agent.calls.push(call);
    list.push(call);
  }
  // One failover per two-tab agent, during one of its calls (not its first: the lease has settled by then).
  for (const agent of agentList.filter((a) => a.tabs === 2 && a.calls.length > 1)) {
    const call = agent.calls[r.int(1, agent.calls.length - 1)];
    call.failoverAfter = r.int(0, call.answerAfter + call.talk + call.wrapUpAfter + 20 * SEC);
    call.failoverOnWrite = r.chance(0.5);
  }

  // Fault windows over the expected length of the calls (≈ 2 minutes a call per agent).
  const faults = [];
  const until = perAgent * 2 * MIN;
  let round = [];
  for (let at = MIN; at < until; at += r.int(2 * MIN, 5 * MIN)) {
    if (!round.length) round = shuffle(r, [...FAULT_KINDS]);
    const k = round.pop();
    const window = {
      kind: k.kind,
      at,
      duration: r.int(...k.duration),
      faults: k.make(r),
      slow: Boolean(k.slow),
      connector: null,
    };
    // the connector notices the outage after a while; until then its commands are refused, or accepted and lost
    if (k.connector)
      window.connector = { mode: r.chance(0.5) ? 'refuse' : 'lost', noticeAfter: r.int(5 * SEC, 30 * SEC) };
    faults.push(window);
  }

  return { seed, start: SIM_START, agents: agentList, calls: list, knownCallers, faults };
}

function shuffle(r, list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
