// N agents × 1 inbound call a minute sharing one Zendesk account's limits (issue 19; API economy, part 2).
//
// N live adapters — the real WASM core (build/wasm/adapter-core.mjs, `new module.Adapter()`), one module, N
// instances — driven with protocol events (docs/adapter-protocol.md) on ONE fake clock, their `request` effects
// performed over HTTP against the sandbox's Zendesk stand-in (sandbox/zendesk/stand-in.mjs) whose clock is the same
// fake clock, with Zendesk's limits per endpoint class (setFaults({limits}), sandbox/zendesk/limits.mjs): Update
// Ticket --limit a minute per account (PUT /tickets/{id}), the plan's --plan requests a minute on everything
// (creates included), apps 100 a minute per agent, 30 updates per ticket per agent per 10 minutes; 429 +
// Retry-After beyond them, Zendesk's rate-limit headers on every answer (handed to the core as the shim does).
// Requests take no simulated time (answers come back at the same fake instant).
//
// The agents' settings: BA-1 batching on (comments and ticket updates, 10 s window) and the plan stated, as the
// admin of a contact centre that shares one account does (--settings batch, the default); --settings defaults runs
// the app's defaults (no batching).
//
// Each agent, every minute for CALL_MINUTES (10), at its own offset in the minute (agent i at i × 1.2 s):
//   +0 s callRinging (half the calls from known callers of the seed, half from new numbers: a contact is created)
//   +5 s answerClicked (the core's `telephony answer` effect → callConnected)
//   +10 s noteChanged, +40 s callEnded (completed, 35 s), +50 s wrapUpDone.
// `scheduleTick` effects are honoured (tick at atMs), so Retry-After waits and retries run as in the app.
// After the last call the simulation runs on (ticks only) until every write has landed, at most DRAIN_MINUTES.
//
// Reported: writes the cores asked for (distinct ticket create/update effects; a retry re-sends the same write),
// ticket writes that landed (2xx in the stand-in log), 429s, the longest and p50/p90 delay from a write's first
// effect to its 2xx (fake time), landed writes per minute, and what each agent's view still shows as pending/failed.
//
//   node bench/agents-under-limit.mjs [--agents 50] [--minutes 10] [--limit 100] [--plan 700] [--settings batch]
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultSeed } from '../sandbox/zendesk/stand-in.mjs';
import { serveStandIn } from './lib/stand-in-http.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildRoot = process.env.ADAPTER_BUILD_DIR ?? path.join(repoRoot, 'build');
const { values: args } = parseArgs({
  options: {
    agents: { type: 'string', default: '50' },
    minutes: { type: 'string', default: '10' },
    limit: { type: 'string', default: '100' },
    plan: { type: 'string', default: '700' },
    settings: { type: 'string', default: 'batch' },
  },
});
const PLAN = Number(args.plan);
const SETTINGS =
  args.settings === 'defaults'
    ? {}
    : { batchComments: true, batchTicketUpdates: true, zendeskPlanRequestsPerMinute: PLAN, zendeskHighVolume: false };
const AGENTS = Number(args.agents);
const CALL_MINUTES = Number(args.minutes);
const LIMIT = Number(args.limit);
const DRAIN_MINUTES = 30;
const MIN = 60_000;
const START = Date.parse('2026-11-23T09:00:00Z');
const AGENT_ID0 = 900_001;
const KNOWN_CALLERS = ['+1 415 555 0199', '+49 30 5550 1234', '+47 22 55 50 10', '+972 3-555-0123'];

const isTicketWrite = (method, url) => {
  const p = url.split('?')[0];
  return (
    (method === 'POST' && /^\/api\/v2\/(channels\/voice\/)?tickets(\.json)?$/.test(p)) ||
    (method === 'PUT' && /^\/api\/v2\/tickets\/\d+(\.json)?$/.test(p))
  );
};

const countStatuses = (list) => list.reduce((o, st) => ({ ...o, [st]: (o[st] ?? 0) + 1 }), {});

function quantile(sorted, p) {
  if (!sorted.length) return null;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

async function main() {
  const wallStart = Date.now();
  const clock = { ms: START };

  // ---- the stand-in: the seed plus the 50 agents, on the fake clock ----
  const seed = defaultSeed();
  const sam = seed.users.find((u) => u.id === 5);
  for (let i = 0; i < AGENTS; i++) {
    const id = AGENT_ID0 + i;
    seed.users.push({ ...structuredClone(sam), id, name: `Agent ${i + 1}`, email: `agent${i + 1}@example.com` });
  }
  const { zd, send, close } = await serveStandIn({ seed, now: () => clock.ms });
  zd.setFaults({ limits: { generalPerMinute: PLAN, updateTicketPerMinute: LIMIT } });

  // ---- the cores ----
  const { default: createAdapterCore } = await import(
    pathToFileURL(path.join(buildRoot, 'wasm/adapter-core.mjs')).href
  );
  const module = await createAdapterCore({
    wasmBinary: await readFile(path.join(buildRoot, 'wasm/adapter-core.wasm')),
  });

  const inFlight = new Set();
  const writes = new Map(); // key → {agent, method, url, firstAt, attempts, landedAt}
  const writeList = [];
  const errors = [];
  let requestEffects = 0;

  function makeAgent(index) {
    const adapter = new module.Adapter();
    const agent = { index, id: AGENT_ID0 + index, adapter, view: null, tickAt: null, calls: 0 };
    agent.dispatch = (event) => {
      const answer = JSON.parse(adapter.dispatch(JSON.stringify({ ...event, nowMs: clock.ms })));
      if (answer.error) {
        errors.push({ agent: index, event: event.type, error: answer.error });
        return;
      }
      agent.view = answer.view;
      trackQueue(agent);
      for (const effect of answer.effects) perform(agent, effect);
    };
    return agent;
  }

  // The core's own write queue, as the view lists it (sync.writes: {key, label, state}): a write exists from the
  // answer that first lists its key (its creation) until the answer that no longer does (it landed).
  const queued = new Map(); // `${agent} ${key}` → {createdAt, label}
  const queueDone = [];
  // Memory: the most writes the cores held at once (all agents, and one agent). The wait each agent's view showed:
  // the longest nextAttemptMs ahead of the clock.
  let maxQueuedAll = 0;
  const maxQueuedByAgent = new Map();
  const shownWaitByAgent = new Map();
  function trackQueue(agent) {
    const now = new Set();
    const listed = agent.view?.sync?.writes ?? [];
    maxQueuedByAgent.set(agent.index, Math.max(maxQueuedByAgent.get(agent.index) ?? 0, listed.length));
    for (const w of listed) {
      if (w.nextAttemptMs != null)
        shownWaitByAgent.set(agent.index, Math.max(shownWaitByAgent.get(agent.index) ?? 0, w.nextAttemptMs - clock.ms));
      const k = `${agent.index} ${w.key}`;
      now.add(k);
      if (!queued.has(k))
        queued.set(k, { agent: agent.index, key: w.key, label: w.label, createdAt: clock.ms, failedSeen: false });
      if (w.state === 'failed') queued.get(k).failedSeen = true;
    }
    for (const [k, q] of queued) {
      if (q.agent === agent.index && !now.has(k)) {
        queued.delete(k);
        queueDone.push({ ...q, doneAt: clock.ms });
      }
    }
    maxQueuedAll = Math.max(maxQueuedAll, queued.size);
  }

  function perform(agent, effect) {
    if (effect.type === 'request') {
      requestEffects++;
      let w = null;
      if (isTicketWrite(effect.method, effect.url)) {
        const key = `${agent.index} ${effect.method} ${effect.url} ${JSON.stringify(effect.body)}`;
        w = writes.get(key);
        if (!w || w.landedAt != null) {
          w = {
            agent: agent.index,
            method: effect.method,
            url: effect.url,
            firstAt: clock.ms,
            attempts: 0,
            landedAt: null,
            statuses: [],
          };
          writes.set(key, w);
          writeList.push(w);
        }
        w.attempts++;
      }
      // As the agent's browser would: its session (the per-user limits) and the request's own headers.
      const headers = { ...(effect.headers ?? {}), 'X-Sandbox-User': String(agent.id) };
      const p = send(effect.method, effect.url, effect.body, headers).then((r) => {
        if (w) {
          w.statuses.push(r.status);
          if (r.status >= 200 && r.status < 300) w.landedAt = clock.ms;
        }
        agent.dispatch({
          type: 'httpResponse',
          requestId: effect.id,
          status: r.status,
          body: r.body,
          retryAfterSec: r.retryAfterSec,
          ...(r.idempotencyLookup ? { idempotencyLookup: r.idempotencyLookup } : {}),
          ...(r.rateLimit ? { rateLimit: r.rateLimit } : {}),
        });
      });
      inFlight.add(p);
      p.finally(() => inFlight.delete(p));
    } else if (effect.type === 'scheduleTick') {
      agent.tickAt = effect.atMs;
    } else if (effect.type === 'telephony') {
      // the contact centre does what it is told, at once
      const reply =
        effect.command === 'answer'
          ? { type: 'callConnected', callId: effect.callId }
          : effect.command === 'hangUp'
            ? {
                type: 'callEnded',
                callId: effect.callId,
                reason: 'completed',
                durationSec: 35,
                waitSec: 5,
                holdSec: 0,
                recordingUrl: null,
                recordingBytes: null,
              }
            : effect.command === 'decline'
              ? {
                  type: 'callEnded',
                  callId: effect.callId,
                  reason: 'abandoned',
                  durationSec: 0,
                  waitSec: 5,
                  holdSec: 0,
                  recordingUrl: null,
                  recordingBytes: null,
                }
              : null;
      if (reply) queueMicrotask(() => agent.dispatch(reply));
    }
    // routeTo, popover, notify, persist: nothing to do here
  }

  async function quiesce() {
    for (;;) {
      while (inFlight.size) await Promise.all([...inFlight]);
      await new Promise((resolve) => setImmediate(resolve));
      if (!inFlight.size) return;
    }
  }

  const agents = Array.from({ length: AGENTS }, (_, i) => makeAgent(i));
  for (const a of agents) {
    a.dispatch({
      type: 'appRegistered',
      settings: SETTINGS,
      agent: { id: a.id, name: `Agent ${a.index + 1}`, groupIds: [11], locale: 'en', utcOffsetMinutes: 0 },
      connector: { name: 'bench' },
    });
    a.dispatch({ type: 'connectorState', state: 'online' });
  }
  await quiesce();

  // ---- the script ----
  const script = []; // {at, agent, event}
  let newCaller = 0;
  for (let m = 0; m < CALL_MINUTES; m++) {
    for (const a of agents) {
      const t0 = START + m * MIN + Math.round((a.index * MIN) / AGENTS);
      const callId = `a${a.index}-m${m}`;
      const k = a.index + m * AGENTS;
      const ani =
        k % 2 === 0
          ? KNOWN_CALLERS[(k / 2) % KNOWN_CALLERS.length]
          : `+1 212 555 ${String(1000 + (newCaller++ % 9000)).padStart(4, '0')}`;
      script.push({
        at: t0,
        agent: a,
        event: {
          type: 'callRinging',
          callId,
          ani,
          dnis: '+18005550000',
          sessionType: 'ivr',
          menuPath: 'Main > Support',
          queue: { id: 'q-support', name: 'Support' },
          language: 'en',
          attributes: {},
        },
      });
      script.push({ at: t0 + 5_000, agent: a, event: { type: 'answerClicked' } });
      script.push({
        at: t0 + 10_000,
        agent: a,
        event: { type: 'noteChanged', text: `Call ${callId}: customer asked about an invoice.` },
      });
      script.push({
        at: t0 + 40_000,
        agent: a,
        event: {
          type: 'callEnded',
          callId,
          reason: 'completed',
          durationSec: 35,
          waitSec: 5,
          holdSec: 0,
          recordingUrl: null,
          recordingBytes: null,
        },
      });
      script.push({ at: t0 + 50_000, agent: a, event: { type: 'wrapUpDone' } });
    }
  }
  script.sort((x, y) => x.at - y.at);

  const callsEnd = START + CALL_MINUTES * MIN;
  const hardEnd = callsEnd + DRAIN_MINUTES * MIN;
  let si = 0;
  let lastReport = START;
  const sec = (ms) => (ms == null ? null : Math.round(ms / 100) / 10);
  const outstanding = () =>
    writeList.some((w) => w.landedAt == null) || agents.some((a) => a.view?.sync?.pending || a.view?.sync?.failed);
  for (;;) {
    const nextTick = Math.min(...agents.map((a) => a.tickAt ?? Infinity));
    const nextScript = si < script.length ? script[si].at : Infinity;
    const t = Math.min(nextTick, nextScript);
    if (t === Infinity || t > hardEnd) break;
    if (si >= script.length && !outstanding()) break;
    clock.ms = Math.max(clock.ms, t);
    if (process.env.BENCH_PROGRESS && clock.ms - lastReport >= MIN) {
      lastReport = clock.ms;
      console.error(
        `[${sec(clock.ms - START)} s sim, ${sec(Date.now() - wallStart)} s wall] requests ${zd.log().length}, writes asked ${writeList.length}, landed ${writeList.filter((w) => w.landedAt != null).length}`,
      );
    }
    for (const a of agents) {
      if (a.tickAt != null && a.tickAt <= clock.ms) {
        a.tickAt = null;
        a.dispatch({ type: 'tick' });
      }
    }
    while (si < script.length && script[si].at <= clock.ms) {
      const { agent, event } = script[si++];
      agent.dispatch(event);
    }
    await quiesce();
  }
  const endedAt = clock.ms;

  // ---- results ----
  const log = zd.log();
  if (process.env.BENCH_DUMP) await writeFile(process.env.BENCH_DUMP, JSON.stringify(log, null, 1));
  const state = zd.state();
  const landedLog = log.filter((e) => isTicketWrite(e.method, e.url) && e.status >= 200 && e.status < 300);
  const status429 = log.filter((e) => e.status === 429);
  const queueDelays = queueDone.map((q) => q.doneAt - q.createdAt).sort((a, b) => a - b);
  const worstQueued = [...queueDone].sort((a, b) => b.doneAt - b.createdAt - (a.doneAt - a.createdAt))[0];
  const delays = writeList
    .filter((w) => w.landedAt != null)
    .map((w) => w.landedAt - w.firstAt)
    .sort((a, b) => a - b);
  const perMinute = [];
  for (const e of landedLog) {
    const m = Math.floor((e.at - START) / MIN);
    perMinute[m] = (perMinute[m] ?? 0) + 1;
  }
  const demandPerMinute = [];
  for (const w of writeList) {
    const m = Math.floor((w.firstAt - START) / MIN);
    demandPerMinute[m] = (demandPerMinute[m] ?? 0) + 1;
  }
  // Update Ticket: PUTs the stand-in accepted per clock minute (its limit counts clock minutes), never over LIMIT
  const isPut = (e) => e.method === 'PUT' && /^\/api\/v2\/tickets\/\d+/.test(e.url);
  const putsPerMinute = [];
  for (const e of log.filter((x) => isPut(x) && x.status !== 429)) {
    const m = Math.floor((e.at - START) / MIN);
    putsPerMinute[m] = (putsPerMinute[m] ?? 0) + 1;
  }
  const maxInWindow = Math.max(0, ...putsPerMinute.filter((v) => v != null));
  // Each landed ticket write by the limit it counts under: creates under the plan's general limit, PUTs under
  // Update Ticket (and the general limit too).
  const landedCreates = landedLog.filter((e) => e.method === 'POST').length;
  const landedPuts = landedLog.filter((e) => e.method === 'PUT').length;
  const ticketWrite429 = log.filter((e) => isTicketWrite(e.method, e.url) && e.status === 429).length;
  const writeAttempts = log.filter((e) => isTicketWrite(e.method, e.url)).length;
  const byAgent = new Map();
  for (const q of queueDone) byAgent.set(q.agent, Math.max(byAgent.get(q.agent) ?? 0, q.doneAt - q.createdAt));
  const agentWorst = [...byAgent.values()].sort((a, b) => a - b);
  const shown = [...shownWaitByAgent.values()].sort((a, b) => a - b);
  const pending = agents.reduce((n, a) => n + (a.view?.sync?.pending ?? 0), 0);
  const failed = agents.reduce((n, a) => n + (a.view?.sync?.failed ?? 0), 0);
  const createdTickets = state.tickets.length - defaultSeed().tickets.length;
  const worst = writeList
    .filter((w) => w.landedAt != null)
    .sort((a, b) => b.landedAt - b.firstAt - (a.landedAt - a.firstAt))[0];

  const result = {
    bench: 'agents-under-limit',
    setup: {
      agents: AGENTS,
      callMinutes: CALL_MINUTES,
      callsPerAgentPerMinute: 1,
      accountLimit: {
        writesPerMinute: LIMIT,
        updateTicketPerMinute: LIMIT,
        generalPerMinute: PLAN,
        window: 'clock minute (as Zendesk: remaining in the current minute)',
        counts: 'Update Ticket: PUT /tickets/{id}; general: every request',
      },
      settings: SETTINGS,
      requestLatency: '0 (fake clock)',
    },
    calls: agents.length * CALL_MINUTES,
    requestEffects,
    requestsReceived: log.length,
    writes: {
      asked: writeList.length,
      attempts: writeList.reduce((n, w) => n + w.attempts, 0),
      landed: writeList.filter((w) => w.landedAt != null).length,
      landedInStandInLog: landedLog.length,
      ticketsCreated: createdTickets,
      everyWriteLanded:
        writeList.every((w) => w.landedAt != null) &&
        landedLog.length === writeList.length &&
        pending === 0 &&
        failed === 0,
      viewsPending: pending,
      viewsFailed: failed,
    },
    status429: status429.length,
    ticketWrite429,
    ticketWriteAttempts: writeAttempts,
    ticketWrite429Percent: writeAttempts ? Math.round((ticketWrite429 / writeAttempts) * 10000) / 100 : 0,
    limitStats: zd.limitStats(),
    writesPerCall: {
      all: Math.round((landedLog.length / (agents.length * CALL_MINUTES)) * 100) / 100,
      createsUnderGeneralLimit: Math.round((landedCreates / (agents.length * CALL_MINUTES)) * 100) / 100,
      updatesUnderUpdateTicket: Math.round((landedPuts / (agents.length * CALL_MINUTES)) * 100) / 100,
    },
    memory: {
      mostWritesQueuedAllAgents: maxQueuedAll,
      mostWritesQueuedOneAgent: Math.max(0, ...maxQueuedByAgent.values()),
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1e6),
    },
    perAgentWait: {
      note: "each agent's longest queued → landed (s), and the longest wait its view showed (nextAttemptMs − now, s)",
      worstDelaySec: { min: sec(agentWorst[0]), p50: sec(quantile(agentWorst, 0.5)), max: sec(agentWorst.at(-1)) },
      agentsShownAWait: shown.length,
      longestShownWaitSec: { p50: sec(quantile(shown, 0.5)), max: sec(shown.at(-1)) },
    },
    putsAcceptedPerMinute: Array.from(putsPerMinute, (v) => v ?? 0),
    status429ByMethod: status429.reduce((o, e) => ({ ...o, [e.method]: (o[e.method] ?? 0) + 1 }), {}),
    otherErrors: log
      .filter((e) => e.status >= 400 && e.status !== 429)
      .map((e) => `${e.method} ${e.url.split('?')[0]} → ${e.status}`),
    coreRefusals: errors,
    queue: {
      note: "the core's write queue as view.sync.writes lists it: created = first listed, done = no longer listed",
      created: queued.size + queueDone.length,
      done: queueDone.length,
      stillQueued: queued.size,
      everFailed:
        queueDone.filter((q) => q.failedSeen).length + [...queued.values()].filter((q) => q.failedSeen).length,
      delaySec: {
        max: sec(queueDelays.at(-1)),
        p50: sec(quantile(queueDelays, 0.5)),
        p90: sec(quantile(queueDelays, 0.9)),
        p99: sec(quantile(queueDelays, 0.99)),
      },
      worst: worstQueued
        ? {
            agent: worstQueued.agent,
            label: worstQueued.label,
            delaySec: sec(worstQueued.doneAt - worstQueued.createdAt),
          }
        : null,
    },
    delaySec: {
      max: sec(delays.at(-1)),
      p50: sec(quantile(delays, 0.5)),
      p90: sec(quantile(delays, 0.9)),
      p99: sec(quantile(delays, 0.99)),
      landedAfterA429: writeList.filter((w) => w.statuses.includes(429)).length,
    },
    worstWrite: worst
      ? {
          agent: worst.agent,
          method: worst.method,
          url: worst.url,
          attempts: worst.attempts,
          statuses: countStatuses(worst.statuses),
          delaySec: sec(worst.landedAt - worst.firstAt),
        }
      : null,
    landedPerMinute: Array.from(perMinute, (v) => v ?? 0),
    askedPerMinute: Array.from(demandPerMinute, (v) => v ?? 0),
    maxAcceptedInAnyWindow: maxInWindow,
    simulatedMinutes: sec(endedAt - START) / 60,
    lastWriteLandedAfterCallsEndSec: sec(Math.max(0, ...landedLog.map((e) => e.at)) - callsEnd),
    wallSeconds: Math.round((Date.now() - wallStart) / 100) / 10,
  };
  await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
  const resultFile = `bench/results/agents-under-limit-${AGENTS}.json`;
  await writeFile(path.join(repoRoot, resultFile), `${JSON.stringify(result, null, 2)}\n`);

  await close();
  for (const a of agents) a.adapter.delete();

  const w = result.writes;
  console.log(
    [
      `${AGENTS} agents × 1 inbound call/min for ${CALL_MINUTES} simulated minutes; Update Ticket ${LIMIT}/min per account, plan ${PLAN} requests/min; settings ${args.settings}`,
      '',
      '| measure | value |',
      '|---|---:|',
      `| calls | ${result.calls} |`,
      `| ticket writes sent (distinct request effects) | ${w.asked} (${Math.round((w.asked / result.calls) * 100) / 100} per call) |`,
      `| ticket writes landed per call: all / creates (general limit) / PUTs (Update Ticket) | ${result.writesPerCall.all} / ${result.writesPerCall.createsUnderGeneralLimit} / ${result.writesPerCall.updatesUnderUpdateTicket} |`,
      `| write attempts sent (incl. retries) | ${w.attempts} |`,
      `| ticket writes landed (2xx in the stand-in) | ${w.landedInStandInLog} |`,
      `| every write landed (and no view pending/failed) | ${w.everyWriteLanded ? 'yes' : 'NO'} (pending ${w.viewsPending}, failed ${w.viewsFailed}) |`,
      `| 429s answered (all requests) | ${result.status429} (by class: ${Object.entries(result.limitStats.refused)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}) |`,
      `| 429s on ticket writes / write attempts | ${ticketWrite429} / ${writeAttempts} (${result.ticketWrite429Percent} %) |`,
      `| writes that met a 429 before landing | ${result.delaySec.landedAfterA429} |`,
      `| writes queued by the cores (view.sync.writes keys) / done / still queued | ${result.queue.created} / ${result.queue.done} / ${result.queue.stillQueued} |`,
      `| delay write created (queued) → landed: p50 / p90 / p99 / max | ${result.queue.delaySec.p50} / ${result.queue.delaySec.p90} / ${result.queue.delaySec.p99} / ${result.queue.delaySec.max} s |`,
      `| delay first request effect → 2xx: p50 / p90 / p99 / max | ${result.delaySec.p50} / ${result.delaySec.p90} / ${result.delaySec.p99} / ${result.delaySec.max} s |`,
      `| most PUTs accepted in one minute | ${result.maxAcceptedInAnyWindow} (Update Ticket limit ${LIMIT}) |`,
      `| most writes queued: all agents / one agent; heap | ${result.memory.mostWritesQueuedAllAgents} / ${result.memory.mostWritesQueuedOneAgent}; ${result.memory.heapUsedMB} MB |`,
      `| per agent: worst queued → landed, min / p50 / max | ${result.perAgentWait.worstDelaySec.min} / ${result.perAgentWait.worstDelaySec.p50} / ${result.perAgentWait.worstDelaySec.max} s |`,
      `| agents whose view showed a wait; longest shown p50 / max | ${result.perAgentWait.agentsShownAWait}; ${result.perAgentWait.longestShownWaitSec.p50} / ${result.perAgentWait.longestShownWaitSec.max} s |`,
      `| last write landed after the calls ended | ${result.lastWriteLandedAfterCallsEndSec} s |`,
      `| other HTTP errors / core refusals | ${result.otherErrors.length} / ${errors.length} |`,
      '',
      `writes asked per minute:  ${result.askedPerMinute.join(' ')}`,
      `writes landed per minute: ${result.landedPerMinute.join(' ')}`,
      `PUTs accepted per minute: ${result.putsAcceptedPerMinute.join(' ')}`,
      '',
      `(${result.wallSeconds} s wall; ${resultFile})`,
    ].join('\n'),
  );
}

await main();
