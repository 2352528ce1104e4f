// Outbox simulation (issues "outbox" and 13): agents with the real WASM core on one fake clock against the
// sandbox's Zendesk stand-in, through 429 storms, account-limit windows, 500s (refused, and carried out then
// answered 500), slow answers, dropped answers, search outages (lookups fail; the agents retry them), phone
// connector outages (dials refused or never confirmed; Call disabled), second calls (declined, answered with the
// first on hold, left to ring out), page reloads mid-call and two-tab failovers — then checks in the stand-in that
// nothing was lost, written twice or invented (written for a call that never happened or that the agent never
// saw). The same scenario runs BATCHED (batchComments + batchTicketUpdates, 10 s window) and UNBATCHED, to compare
// requests per call. Deterministic for a given --seed.
// How it works: bench/lib/outbox-comparison.mjs (both modes), call-simulation.mjs (one run), call-script.mjs (the
// scenario), agent-behaviour.mjs (the agent), sim-connector.mjs (the phone), outbox-audit.mjs (the verdict).
// Figures are reported, not asserted (tests/js/outbox-simulation.test.mjs asserts on a smaller run); `--check`
// turns lost/duplicated/invented/failed into exit status 1.
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
  --check     exit 1 when a run lost, duplicated or invented anything, a view ends with failed writes, or an
              agent got stuck
  --progress  progress lines on stderr

Full run (what bench/run does; figures go to docs/performance.md):
  ${FULL_RUN}
Results: bench/results/outbox-sim.json. Uses build/wasm/adapter-core.mjs (ADAPTER_BUILD_DIR overrides build/).`;

function markdown(result) {
  const { batched: b, unbatched: u } = result.runs;
  const row = (label, f) => `| ${label} | ${f(b)} | ${f(u)} |`;
  const per = (n, r) => round2(n / r.calls);
  const kinds = (o) =>
    Object.entries(o)
      .filter(([, n]) => n)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || '0';
  const s = result.setup;
  const t = (r) => r.telephony;
  return [
    `${s.calls} calls on ${s.agents} agents (${s.twoTabAgents} with two tabs), seed ${s.seed}; calls: ${kinds(s.callers)}; second callers: ${kinds(s.secondCalls)}; dials meeting the connector dropping: ${kinds(s.dropOnDial)}; fault windows: ${kinds(s.faultWindows)}.`,
    '',
    '| measure | batched (10 s window) | unbatched |',
    '|---|---:|---:|',
    row(
      'calls that took place (inbound / outbound), of calls',
      (r) => `${r.callsPlaced} (${t(r).inbound} / ${t(r).outbound}) of ${r.calls}`,
    ),
    row(
      'dials: placed / refused (OFFLINE) / never confirmed',
      (r) => `${t(r).dials.placed} / ${t(r).dials.refused} / ${t(r).dials.neverConfirmed}`,
    ),
    row('times an agent saw Call disabled (connector offline)', (r) => t(r).callDisabledSeen),
    row(
      'second callers: declined / answered / rang out',
      (r) => `${t(r).second.declined} / ${t(r).second.answered} / ${t(r).second.rangOut}`,
    ),
    row('requests to Zendesk (per call)', (r) => `${r.requests} (${per(r.requests, r)})`),
    row('write requests per call', (r) => per(r.writeRequests, r)),
    row('read requests per call', (r) => per(r.requests - r.writeRequests, r)),
    row('429 answers', (r) => r.status429),
    row(
      '500 answers (of which carried out / searches)',
      (r) => `${r.status500} (${r.status500Applied} / ${r.search500})`,
    ),
    row('dropped answers (of which writes carried out)', (r) => `${r.dropped} (${r.droppedWritesCarriedOut})`),
    row('verification reads (tickets by external_id, recent comments)', (r) => r.verifyReads),
    row('other 4xx answers', (r) => r.otherErrorCount),
    row(
      'failures the agents saw / Retry clicks (call record, write, lookups)',
      (r) =>
        `${r.agentActions.failedSeen} / ${r.agentActions.retries.callRecord}, ${r.agentActions.retries.write}, ${r.agentActions.retries.lookups}`,
    ),
    row('page reloads / tab failovers', (r) => `${r.reloads} / ${r.failovers}`),
    row(
      'calls that must leave a record / must leave nothing',
      (r) => `${r.audit.callsExpected} / ${r.audit.callsThatMustLeaveNothing}`,
    ),
    row('**lost**', (r) => `**${r.audit.lost}**${detail(r.audit.byKind.lost)}`),
    row('**duplicated**', (r) => `**${r.audit.duplicated}**${detail(r.audit.byKind.duplicated)}`),
    row('**invented**', (r) => `**${r.audit.invented}**${detail(r.audit.byKind.invented)}`),
    row(
      '**failed** / pending in the views at the end (discarded)',
      (r) => `**${r.views.failed}** / ${r.views.pending} (${r.views.discarded})`,
    ),
    row(
      'call end → its last write landed: p50 / p90 / max',
      (r) => `${sec(r.audit.delayMs.p50)} / ${sec(r.audit.delayMs.p90)} / ${sec(r.audit.delayMs.max)} s`,
    ),
    row('calls appended to an earlier ticket (TR-3)', (r) => r.audit.callsAppendedToEarlierTicket),
    row('comments sent (checked by their text)', (r) => r.audit.commentsSent),
    row(
      'drained (nothing pending) / simulated minutes',
      (r) => `${r.drained ? 'yes' : r.stuck ? 'NO (an agent got stuck)' : 'NO'} / ${r.simulatedMinutes}`,
    ),
    row('core refusals (INVALID_REQUEST)', (r) => r.coreErrorCount),
    row('wall time', (r) => `${r.wallSeconds} s`),
    '',
    `Requests per call, batched / unbatched: ${result.requestsPerCallRatio}.`,
    '',
    `(\`${result.command}\`; bench/results/outbox-sim.json)`,
  ].join('\n');
}

const detail = (byKind) => {
  const parts = Object.entries(byKind)
    .filter(([, n]) => n)
    .map(([k, n]) => `${k} ${n}`);
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
  const result = await runOutboxComparison({
    calls,
    agents,
    seed,
    progress: args.progress ? (line) => console.error(line) : null,
  });
  await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
  await writeFile(path.join(repoRoot, 'bench/results/outbox-sim.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(args.json ? JSON.stringify(result, null, 2) : markdown(result));
  if (args.check && Object.values(result.runs).some((r) => failuresOf(r) > 0)) process.exitCode = 1;
}

await main();
