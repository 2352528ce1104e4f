// Plays a scenario (bench/lib/call-script.mjs) against the real WASM core and the sandbox's Zendesk stand-in on
// one fake clock, then audits what the stand-in holds (bench/lib/outbox-audit.mjs).
//
// Each call, on its agent: callRinging → answerClicked (the core's `telephony answer` → callConnected) →
// noteChanged (a unique text naming the call) → callEnded → wrapUpDone; the agent's next call follows a pause.
// `scheduleTick` is honoured. Fault windows set the stand-in's faults (429 storms with Retry-After, an account
// write limit, 500s refused or carried out, dropped answers) or slow the simulated network down. Pages reload
// mid-call, and two-tab agents fail over once. After the last call only ticks and answers run, until every
// agent's view has nothing pending or failed (or the drain deadline).
import { defaultSeed } from '../../sandbox/zendesk/stand-in.mjs';
import { createEventQueue } from './event-queue.mjs';
import { auditOutbox, MARKER } from './outbox-audit.mjs';
import { FAULT_KEY } from './call-script.mjs';
import { createRandom } from './prng.mjs';
import { createSimAgent } from './sim-agent.mjs';
import { createNetwork } from './sim-network.mjs';
import { requestLogFigures } from './request-log-figures.mjs';
import { serveStandIn } from './stand-in-http.mjs';

const SEC = 1000;
const MIN = 60 * SEC;
const REPEAT_WAIT = 30 * SEC; // a repeat caller rings again later while their first call's contact is not in Zendesk
const REPEAT_WAITS_MAX = 20;

/**
 * @param {object} o
 * @param {object} o.scenario   buildScenario(...)
 * @param {object} o.core       the loaded WASM module (bench/lib/load-core.mjs)
 * @param {object} o.settings   app settings for every agent (appRegistered.settings)
 * @param {number} [o.drainMinutes]  how long after the last call the writes may take to settle
 * @param {(line: string) => void} [o.progress]
 */
export async function runCallSimulation({ scenario, core, settings, drainMinutes = 60, progress = null }) {
  const wallStart = Date.now();
  const queue = createEventQueue(scenario.start);
  const now = () => queue.clock.ms;

  const seed = defaultSeed();
  const sam = seed.users.find((u) => u.id === 5);
  for (const a of scenario.agents) seed.users.push({ ...structuredClone(sam), id: a.id, name: a.name, email: `agent${a.index + 1}@example.com` });
  for (const k of scenario.knownCallers) {
    seed.users.push({ ...structuredClone(seed.users.find((u) => u.id === 12)), id: k.id, name: k.name, phone: k.phone, email: null, external_id: null });
  }
  const server = await serveStandIn({ seed, now });
  const zd = server.zd;

  // ---- network: fast outside latency windows ----
  const netRandom = createRandom(scenario.seed, 'network');
  let slow = 0;
  const network = createNetwork({
    queue,
    send: server.send,
    rng: netRandom,
    latency: () => (slow > 0
      ? { up: netRandom.int(200, 5000), down: netRandom.int(200, 5000) }
      : { up: netRandom.int(10, 80), down: netRandom.int(10, 80) }),
  });

  // ---- what the adapters did ----
  const markersSent = new Set();
  const coreErrors = [];
  let requestEffects = 0;
  const hooks = {
    request(agent, effect) {
      requestEffects++;
      for (const m of JSON.stringify(effect.body ?? null).match(MARKER) ?? []) markersSent.add(m);
    },
    coreError(agent, event, error) {
      coreErrors.push({ agent: agent.index, event: event.type, code: error.code, message: error.message });
    },
  };
  const agents = scenario.agents.map((spec) => createSimAgent({ ...spec, core, queue, network, settings, hooks }));

  // ---- fault windows ----
  const latestOfKey = {};
  const windows = scenario.faults.map((f, i) => ({ ...f, i }));
  for (const w of windows) {
    queue.schedule(scenario.start + w.at, () => {
      if (w.slow) slow++;
      else {
        zd.setFaults(w.faults);
        latestOfKey[FAULT_KEY[w.kind]] = w.i;
      }
    });
    queue.schedule(scenario.start + w.at + w.duration, () => {
      if (w.slow) slow--;
      else if (latestOfKey[FAULT_KEY[w.kind]] === w.i) zd.setFaults({ [FAULT_KEY[w.kind]]: null });
    });
  }

  // ---- the calls ----
  const calls = scenario.calls.map((c) => ({ ...c, ringAt: null, endedAt: null, wrappedAt: null, repeatWaits: 0 }));
  const byAgent = agents.map((a) => calls.filter((c) => c.agent === a.index));
  let wrapped = 0;
  const contactExists = (digits) => zd.state().users.some((u) => String(u.phone ?? '').replace(/\D/g, '') === digits);

  function ring(agent, k) {
    const call = byAgent[agent.index][k];
    if (call.kind === 'repeat' && call.repeatWaits < REPEAT_WAITS_MAX && !contactExists(call.digits)) {
      call.repeatWaits++;
      queue.schedule(now() + REPEAT_WAIT, () => ring(agent, k));
      return;
    }
    const t0 = now();
    call.ringAt = t0;
    agent.deliver({ type: 'callRinging', callId: call.id, ani: call.ani, dnis: '+18005550000', sessionType: 'ivr', menuPath: 'Main > Support', queue: { id: 'q-support', name: 'Support' }, language: 'en', attributes: {} });
    queue.schedule(t0 + call.answerAfter, () => agent.deliver({ type: 'answerClicked' }));
    queue.schedule(t0 + call.noteAfter, () => agent.deliver({ type: 'noteChanged', text: call.note }));
    queue.schedule(t0 + call.endAfter, () => {
      call.endedAt = now();
      const durationSec = Math.round((call.endAfter - call.answerAfter) / SEC);
      agent.deliver({ type: 'callEnded', callId: call.id, reason: 'completed', durationSec, waitSec: Math.round(call.answerAfter / SEC), holdSec: 0, recordingUrl: null, recordingBytes: null });
    });
    queue.schedule(t0 + call.wrapUpAfter, () => {
      call.wrappedAt = now();
      wrapped++;
      agent.deliver({ type: 'wrapUpDone' });
      const next = byAgent[agent.index][k + 1];
      if (next) queue.schedule(now() + next.idleBefore, () => ring(agent, k + 1));
    });
    if (call.reloadAfter != null) queue.schedule(t0 + call.reloadAfter, () => agent.reload(netRandom.int(500, 3000), { onWrite: call.reloadOnWrite }));
    if (call.failoverAfter != null) queue.schedule(t0 + call.failoverAfter, () => agent.failover(netRandom.int(150, 6150), { onWrite: call.failoverOnWrite }));
  }

  for (const agent of agents) {
    agent.start();
    if (byAgent[agent.index].length) queue.schedule(scenario.start + byAgent[agent.index][0].idleBefore, () => ring(agent, 0));
  }

  // ---- run ----
  let deadline = Infinity;
  let lastProgress = scenario.start;
  let drained = false;
  for (let item = queue.pop(); item; item = queue.pop()) {
    if (item.at > deadline) break;
    await item.run();
    if (progress && now() - lastProgress >= 10 * MIN) {
      lastProgress = now();
      progress(`${Math.round((now() - scenario.start) / MIN)} min simulated, ${wrapped}/${calls.length} calls wrapped up, ${network.counts.sent} requests, ${Math.round((Date.now() - wallStart) / SEC)} s wall`);
    }
    if (wrapped === calls.length) {
      if (deadline === Infinity) deadline = now() + drainMinutes * MIN;
      if (agents.every((a) => a.settled())) {
        drained = true;
        break;
      }
    }
  }
  const endedAt = now();

  // ---- results ----
  const log = zd.log();
  const state = zd.state();
  await server.close();
  const views = agents.map((a) => a.view?.sync ?? {});
  for (const a of agents) a.close();
  const audit = auditOutbox({ state, log, calls, seedState: seed, markersSent });
  return {
    calls: calls.length,
    callsPlaced: calls.filter((c) => c.ringAt != null).length,
    agents: agents.length,
    settings,
    requestEffects,
    ...requestLogFigures(log),
    reloads: agents.reduce((n, a) => n + a.reloads, 0),
    failovers: agents.reduce((n, a) => n + a.failovers, 0),
    network: { ...network.counts },
    faultWindows: scenario.faults.reduce((o, f) => ({ ...o, [f.kind]: (o[f.kind] ?? 0) + 1 }), {}),
    repeatCallsDelayed: calls.filter((c) => c.repeatWaits > 0).length,
    views: {
      pending: views.reduce((n, s) => n + (s.pending ?? 0), 0),
      failed: views.reduce((n, s) => n + (s.failed ?? 0), 0),
      states: views.map((s) => s.state ?? null),
      failedWrites: agents.flatMap((a) => (a.view?.sync?.writes ?? []).filter((w) => w.state === 'failed').map((w) => ({ agent: a.index, key: w.key, error: w.error }))).slice(0, 10),
    },
    drained,
    coreErrors: coreErrors.slice(0, 10),
    coreErrorCount: coreErrors.length,
    audit,
    simulatedMinutes: Math.round(((endedAt - scenario.start) / MIN) * 10) / 10,
    drainedAfterMinutes: Math.round(((endedAt - Math.max(...calls.map((c) => c.wrappedAt ?? 0))) / MIN) * 10) / 10,
    wallSeconds: Math.round((Date.now() - wallStart) / 100) / 10,
  };
}
