// Outbox simulation (issue "outbox"): agents with the real WASM core on one fake clock against the sandbox's
// Zendesk stand-in, through 429 storms, account-limit windows, 500s (refused, and carried out then answered 500),
// slow answers, dropped answers, page reloads mid-call and two-tab failovers — then checks in the stand-in that
// nothing was lost or written twice. The same scenario runs BATCHED (batchComments + batchTicketUpdates, 10 s
// window) and UNBATCHED, to compare requests per call. Deterministic for a given --seed.
// How it works: bench/lib/outbox-comparison.mjs (both modes), call-simulation.mjs (one run), call-script.mjs (the
// scenario), outbox-audit.mjs (the verdict). Figures are reported, not asserted (tests/js/outbox-simulation.test.mjs
// asserts on a smaller run); `--check` turns lost/duplicated/failed into exit status 1.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/load-core.mjs';
import { failuresOf, runOutboxComparison } from './lib/outbox-comparison.mjs';
import { round2, sec } from './lib/stats.mjs';

const FULL_RUN = 'node bench/outbox-sim.mjs --calls 1000 --agents 20 --seed 1';
const HELP = `Usage: node bench/outbox-sim.mjs [--calls N] [--agents N] [--seed N] [--json] [--check] [--progress]

  --calls     calls in the scenario (default 1000)
  --agents    agents taking them (default 20)
  --seed      scenario and network seed (default 1); the same seed gives the same run
  --json      print the JSON result instead of the markdown table
  --check     exit 1 when a run lost or duplicated anything, or a view ends with failed writes
  --progress  progress lines on stderr

Full run (what bench/run does; figures go to docs/performance.md):
  ${FULL_RUN}
Results: bench/results/outbox-sim.json. Uses build/wasm/adapter-core.mjs (ADAPTER_BUILD_DIR overrides build/).`;

function markdown(result) {
  const { batched: b, unbatched: u } = result.runs;
  const row = (label, f) => `| ${label} | ${f(b)} | ${f(u)} |`;
  const per = (n, r) => round2(n / r.calls);
  const kinds = (o) => Object.entries(o).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ') || '0';
  const s = result.setup;
  return [
    `${s.calls} calls, ${s.agents} agents (${s.twoTabAgents} with two tabs), seed ${s.seed}; callers: ${kinds(s.callers)}; fault windows: ${kinds(s.faultWindows)}.`,
    '',
    '| measure | batched (10 s window) | unbatched |',
    '|---|---:|---:|',
    row('calls placed', (r) => r.callsPlaced),
    row('requests to Zendesk (per call)', (r) => `${r.requests} (${per(r.requests, r)})`),
    row('write requests per call', (r) => per(r.writeRequests, r)),
    row('read requests per call', (r) => per(r.requests - r.writeRequests, r)),
    row('429 answers', (r) => r.status429),
    row('500 answers (of which carried out)', (r) => `${r.status500} (${r.status500Applied})`),
    row('dropped answers (of which writes carried out)', (r) => `${r.dropped} (${r.droppedWritesCarriedOut})`),
    row('verification reads (tickets by external_id, recent comments)', (r) => r.verifyReads),
    row('other 4xx answers', (r) => r.otherErrorCount),
    row('page reloads / tab failovers', (r) => `${r.reloads} / ${r.failovers}`),
    row('**lost**', (r) => `**${r.audit.lost}**${detail(r.audit.byKind.lost)}`),
    row('**duplicated**', (r) => `**${r.audit.duplicated}**${detail(r.audit.byKind.duplicated)}`),
    row('**failed** / pending in the views at the end', (r) => `**${r.views.failed}** / ${r.views.pending}`),
    row('call end → its last write landed: p50 / p90 / max', (r) => `${sec(r.audit.delayMs.p50)} / ${sec(r.audit.delayMs.p90)} / ${sec(r.audit.delayMs.max)} s`),
    row('calls appended to an earlier ticket (TR-3)', (r) => r.audit.callsAppendedToEarlierTicket),
    row('cti-ref markers sent', (r) => r.audit.markersSent),
    row('drained (nothing pending) / simulated minutes', (r) => `${r.drained ? 'yes' : 'NO'} / ${r.simulatedMinutes}`),
    row('core refusals (INVALID_REQUEST)', (r) => r.coreErrorCount),
    row('wall time', (r) => `${r.wallSeconds} s`),
    '',
    `Requests per call, batched / unbatched: ${result.requestsPerCallRatio}.`,
    '',
    `(\`${result.command}\`; bench/results/outbox-sim.json)`,
  ].join('\n');
}

const detail = (byKind) => {
  const parts = Object.entries(byKind).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

async function main() {
  const { values: args } = parseArgs({
    options: {
      calls: { type: 'string', default: '1000' },
      agents: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      progress: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (args.help) {
    console.log(HELP);
    return;
  }
  const [calls, agents, seed] = [args.calls, args.agents, args.seed].map(Number);
  if (![calls, agents, seed].every(Number.isSafeInteger) || calls < 1 || agents < 1) {
    console.error(HELP);
    process.exitCode = 2;
    return;
  }
  const result = await runOutboxComparison({ calls, agents, seed, progress: args.progress ? (line) => console.error(line) : null });
  await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
  await writeFile(path.join(repoRoot, 'bench/results/outbox-sim.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(args.json ? JSON.stringify(result, null, 2) : markdown(result));
  if (args.check && Object.values(result.runs).some((r) => failuresOf(r) > 0)) process.exitCode = 1;
}

await main();
