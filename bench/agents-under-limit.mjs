// 50 agents × 1 inbound call a minute against an account limit of 100 ticket writes a minute (API economy, part 2).
//
// 50 live adapters — the real WASM core (build/wasm/adapter-core.mjs, `new module.Adapter()`), one module, 50
// instances — driven with protocol events (docs/adapter-protocol.md) on ONE fake clock, their `request` effects
// performed over HTTP against the sandbox's Zendesk stand-in (sandbox/zendesk/stand-in.mjs) whose clock is the same
// fake clock, with setFaults({accountLimit: {writesPerMinute: 100}}): a sliding-window limit on ticket creates and
// updates, 429 + Retry-After beyond it. Requests take no simulated time (answers come back at the same fake instant).
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
//   node bench/agents-under-limit.mjs [--agents 50] [--minutes 10] [--limit 100]
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
  },
});
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
  zd.setFaults({ accountLimit: { writesPerMinute: LIMIT } });

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
  function trackQueue(agent) {
    const now = new Set();
    for (const w of agent.view?.sync?.writes ?? []) {
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
      const p = send(effect.method, effect.url, effect.body).then((r) => {
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
      settings: {},
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
  // the sliding window never held more than LIMIT accepted writes
  const acceptedAt = log.filter((e) => isTicketWrite(e.method, e.url) && e.status !== 429).map((e) => e.at);
  let maxInWindow = 0;
  for (let i = 0, j = 0; i < acceptedAt.length; i++) {
    while (acceptedAt[j] <= acceptedAt[i] - MIN) j++;
    maxInWindow = Math.max(maxInWindow, i - j + 1);
  }
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
        window: 'sliding 60 s',
        counts: 'POST /tickets, POST /channels/voice/tickets, PUT /tickets/{id}',
      },
      settings: 'defaults',
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
  await writeFile(path.join(repoRoot, 'bench/results/agents-under-limit.json'), `${JSON.stringify(result, null, 2)}\n`);

  await close();
  for (const a of agents) a.adapter.delete();

  const w = result.writes;
  console.log(
    [
      `${AGENTS} agents × 1 inbound call/min for ${CALL_MINUTES} simulated minutes, account limit ${LIMIT} ticket writes/min (sliding window)`,
      '',
      '| measure | value |',
      '|---|---:|',
      `| calls | ${result.calls} |`,
      `| ticket writes sent (distinct request effects) | ${w.asked} (${Math.round((w.asked / result.calls) * 100) / 100} per call) |`,
      `| write attempts sent (incl. retries) | ${w.attempts} |`,
      `| ticket writes landed (2xx in the stand-in) | ${w.landedInStandInLog} |`,
      `| every write landed (and no view pending/failed) | ${w.everyWriteLanded ? 'yes' : 'NO'} (pending ${w.viewsPending}, failed ${w.viewsFailed}) |`,
      `| 429s answered | ${result.status429} |`,
      `| writes that met a 429 before landing | ${result.delaySec.landedAfterA429} |`,
      `| writes queued by the cores (view.sync.writes keys) / done / still queued | ${result.queue.created} / ${result.queue.done} / ${result.queue.stillQueued} |`,
      `| delay write created (queued) → landed: p50 / p90 / p99 / max | ${result.queue.delaySec.p50} / ${result.queue.delaySec.p90} / ${result.queue.delaySec.p99} / ${result.queue.delaySec.max} s |`,
      `| delay first request effect → 2xx: p50 / p90 / p99 / max | ${result.delaySec.p50} / ${result.delaySec.p90} / ${result.delaySec.p99} / ${result.delaySec.max} s |`,
      `| most accepted writes in any 60 s window | ${result.maxAcceptedInAnyWindow} (limit ${LIMIT}) |`,
      `| last write landed after the calls ended | ${result.lastWriteLandedAfterCallsEndSec} s |`,
      `| other HTTP errors / core refusals | ${result.otherErrors.length} / ${errors.length} |`,
      '',
      `writes asked per minute:  ${result.askedPerMinute.join(' ')}`,
      `writes landed per minute: ${result.landedPerMinute.join(' ')}`,
      '',
      `(${result.wallSeconds} s wall; bench/results/agents-under-limit.json)`,
    ].join('\n'),
  );
}

await main();
