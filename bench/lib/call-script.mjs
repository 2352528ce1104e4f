// The scenario of an outbox simulation, drawn once from the seed so both runs of a comparison (batched and
// unbatched) face the same calls, callers, reloads, failovers and fault windows. Times are fake milliseconds.
import { createRandom } from './prng.mjs';

export const SIM_START = Date.parse('2026-11-23T09:00:00Z');
export const AGENT_ID0 = 900_001;
const SEC = 1000;
const MIN = 60 * SEC;

// Fault kinds, each dealt once per round in a shuffled order so that even a short run meets every kind.
// `faults` is what the stand-in's setFaults gets for the window; `slow` is latency of the simulated network.
const FAULT_KINDS = [
  { kind: 'storm429', duration: [20 * SEC, 90 * SEC], make: (r) => ({ rate429: { everyNth: 2, retryAfterSec: r.int(5, 30) } }) },
  { kind: 'accountLimit', duration: [2 * MIN, 4 * MIN], make: (r) => ({ accountLimit: { writesPerMinute: r.int(10, 25) } }) },
  { kind: 'burst500', duration: [15 * SEC, 60 * SEC], make: () => ({ status500: { everyNth: 2 } }) },
  { kind: 'burst500applied', duration: [15 * SEC, 60 * SEC], make: () => ({ status500: { everyNth: 2, applied: true, match: /^(POST|PUT) / } }) },
  { kind: 'drop', duration: [30 * SEC, 2 * MIN], make: () => ({ dropResponse: { everyNth: 3 } }) },
  { kind: 'latency', duration: [1 * MIN, 4 * MIN], make: () => ({}), slow: true },
];
/** Which setFaults key each kind sets (the window's end clears it). */
export const FAULT_KEY = { storm429: 'rate429', accountLimit: 'accountLimit', burst500: 'status500', burst500applied: 'status500', drop: 'dropResponse', latency: null };

/**
 * @param {object} o
 * @param {number} o.calls, o.agents, o.seed
 * @param {number} [o.knownShare]   calls from callers already in Zendesk
 * @param {number} [o.repeatShare]  of the other calls, those from a number a previous call introduced
 * @param {number} [o.reloadShare]  calls during which the agent's page reloads
 * @param {number} [o.twoTabShare]  agents with two tabs (one failover each)
 */
export function buildScenario({ calls, agents, seed, knownShare = 0.4, repeatShare = 0.25, reloadShare = 0.08, twoTabShare = 0.3 }) {
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

  const newNumbers = []; // {ani, callIndex}
  let fresh = 0;
  const list = [];
  for (let j = 0; j < calls; j++) {
    const agent = agentList[j % agents];
    const id = `sim-${String(j + 1).padStart(5, '0')}`;
    const answerAfter = r.int(2 * SEC, 8 * SEC);
    const noteAfter = answerAfter + r.int(5 * SEC, 25 * SEC);
    const endAfter = noteAfter + r.int(10 * SEC, 120 * SEC);
    const wrapUpAfter = endAfter + r.int(3 * SEC, 20 * SEC);
    // A repeat needs a number introduced at least two rounds of calls earlier, so its contact had time to land.
    const older = newNumbers.filter((n) => n.callIndex <= j - 2 * agents);
    let kind;
    let ani;
    if (r.chance(knownShare)) {
      kind = 'known';
      ani = r.pick(knownCallers).phone;
    } else if (older.length && r.chance(repeatShare)) {
      kind = 'repeat';
      ani = r.pick(older).ani;
    } else {
      kind = 'new';
      const n = fresh++;
      ani = `+1 917 ${200 + Math.floor(n / 10000)} ${String(n % 10000).padStart(4, '0')}`;
      newNumbers.push({ ani, callIndex: j });
    }
    const call = {
      id,
      agent: agent.index,
      kind,
      ani,
      digits: ani.replace(/\D/g, ''),
      note: `Customer asked about invoice ${r.int(10000, 99999)} on call ${id}.`,
      // before the first call an agent waits for its slot in the first minute; later calls come after a pause
      idleBefore: agent.calls.length === 0 ? Math.round((agent.index * MIN) / agents) + r.int(0, 5 * SEC) : r.int(5 * SEC, 45 * SEC),
      answerAfter,
      noteAfter,
      endAfter,
      wrapUpAfter,
      reloadAfter: r.chance(reloadShare) ? r.int(0, wrapUpAfter + 20 * SEC) : null,
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
    call.failoverAfter = r.int(0, call.wrapUpAfter + 20 * SEC);
    call.failoverOnWrite = r.chance(0.5);
  }

  // Fault windows over the expected length of the calls (≈ 2 minutes a call per agent).
  const faults = [];
  const until = perAgent * 2 * MIN;
  let round = [];
  for (let at = MIN; at < until; at += r.int(2 * MIN, 5 * MIN)) {
    if (!round.length) round = shuffle(r, [...FAULT_KINDS]);
    const k = round.pop();
    faults.push({ kind: k.kind, at, duration: r.int(...k.duration), faults: k.make(r), slow: Boolean(k.slow) });
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
