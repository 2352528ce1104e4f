// One scenario, played once per outbox mode: BATCHED (batchComments + batchTicketUpdates, 10 s window) and
// UNBATCHED, so the requests per call compare like for like (same calls, faults, reloads and failovers).
import { buildScenario } from './call-script.mjs';
import { runCallSimulation } from './call-simulation.mjs';
import { loadCore } from './load-core.mjs';
import { round2 } from './stats.mjs';

export const MODES = Object.freeze({
  batched: { batchComments: true, batchTicketUpdates: true, batchWindowSeconds: 10 },
  unbatched: { batchComments: false, batchTicketUpdates: false },
});

export async function runOutboxComparison({ calls, agents, seed, progress = null, core = null }) {
  const module = core ?? (await loadCore());
  const scenario = buildScenario({ calls, agents, seed });
  const runs = {};
  for (const [mode, settings] of Object.entries(MODES)) {
    runs[mode] = await runCallSimulation({
      scenario,
      core: module,
      settings,
      progress: progress && ((line) => progress(`${mode}: ${line}`)),
    });
  }
  const perCall = (r) => r.requests / r.calls;
  return {
    bench: 'outbox-sim',
    command: `node bench/outbox-sim.mjs --calls ${calls} --agents ${agents} --seed ${seed}`,
    setup: {
      calls,
      agents,
      seed,
      twoTabAgents: scenario.agents.filter((a) => a.tabs === 2).length,
      callers: tally(scenario.calls.map((c) => `${c.direction} ${c.kind}`)),
      secondCalls: tally(scenario.calls.filter((c) => c.second).map((c) => c.second.disposition)),
      dropOnDial: tally(scenario.calls.filter((c) => c.dropOnDial).map((c) => c.dropOnDial.mode)),
      faultWindows: tally(scenario.faults.map((f) => f.kind)),
    },
    runs,
    requestsPerCallRatio: round2(perCall(runs.batched) / perCall(runs.unbatched)),
  };
}

const tally = (list) => list.reduce((o, k) => ({ ...o, [k]: (o[k] ?? 0) + 1 }), {});

/** What a run got wrong: lost, duplicated, invented, failed in the views, stuck (0 when all is well). */
export const failuresOf = (run) =>
  run.audit.lost + run.audit.duplicated + run.audit.invented + run.views.failed + (run.stuck ? 1 : 0);
