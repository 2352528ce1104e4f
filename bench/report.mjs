// Writes docs/performance.md from the tables the benchmarks printed (bench/run collects them): the machine, the
// date, the command, and one section per area. Figures are whatever this run measured; nothing is asserted.
// Usage: node bench/report.mjs <dir with size.md speed.md compare-core.md huge-texts.md startup.md sip-calls.md api-economy.md agents-under-limit.md outbox-sim.md>
//        node bench/report.mjs --only <name> <dir> <performance.md>
//          rewrites only that section of an existing report in place (bench/run --compare: compare-core.md)
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const only = process.argv[2] === '--only' ? process.argv[3] : null;
const dir = only ? process.argv[4] : process.argv[2];
const read = async (name) => {
  try {
    return (await readFile(path.join(dir, `${name}.md`), 'utf8')).trim();
  } catch {
    return '_not measured in this run_';
  }
};
const quiet = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')[0];
  } catch {
    return 'unknown';
  }
};

const sections = [
  [
    'Size',
    'size',
    'WASM and JS glue per build configuration, raw and gzip (level 9); the CI budget (ctest `wasm.size_budget`) fails the build above 188 KB gzip for the shipped WASM + glue (D132).',
  ],
  [
    'Speed',
    'speed',
    '`planOutbound` and `resolveSession` through `call()` (JSON parse and dump included): native (Release) and WASM (the shipped module) in headless Chromium, the same request bytes on both sides, the ratio from this run; and the cost of one boundary crossing.',
  ],
  [
    'Before / after: the typed live core',
    'compare-core',
    "The shipped WASM module of the last commit before the typed live core (`22f5f35`) against this tree's, both in one headless Chromium page, the side that goes first alternating round by round (`node bench/compare-core.mjs`; `bench/run --compare [rev]` refreshes only this section). Size, the live adapter's `dispatch` of typical events, the speed grid's realistic and 10,000-ticket cases, and a ringing call with 5,000 attribute keys; the targets of the typed-core work are checked on the after side.",
  ],
  [
    'Huge texts from Zendesk',
    'huge-texts',
    "The live core's CPU time per event (native, `live_dispatch_bench` over the sessions in `bench/sessions/`) with every name and subject in Zendesk's answers and the restored snapshot as recorded, 64 KiB long (as much as the shim lets through) and 1 MiB long (a host that does not cut), in one run (`node bench/huge-texts.mjs`). The core cuts such a text once, where it comes in, to 16 KiB (D438); what remains grows with the answer's own size, which the event limits bound.",
  ],
  [
    'Start-up',
    'startup',
    'From iframe navigation to an interactive adapter in headless Chromium against the sandbox, with the demo simulator and with the `sip` connector (its JsSIP chunk is loaded while the top bar already draws, D103).',
  ],
  [
    'Real calls',
    'sip-calls',
    "The app on the `sip` connector and the customer phone page through the sandbox's Kamailio, both JsSIP in headless Chromium with fake audio: registration, ring to caller card, answer to audio flowing (`node bench/sip-calls.mjs`).",
  ],
  [
    'API economy',
    'api-economy',
    "Zendesk requests per flow, counted from the sandbox stand-in's request log, against a naive strategy implemented in `bench/api-economy.mjs`.",
  ],
  [
    'Agents under the account limit',
    'agents-under-limit',
    '50 simulated agents (the real WASM core each) taking one call a minute against an account limit of 100 ticket writes a minute in the stand-in.',
  ],
  [
    'Outbox under faults',
    'outbox-sim',
    "1000 calls on 20 agents (the real WASM core each, one fake clock) through 429 storms, account-limit windows, 500s (refused, and carried out then answered 500), slow and dropped answers, search outages (the phone search answers 500 for 3–6 minutes, longer than the core's two minutes of tries: lookups fail, the agents see it and click Retry, never Discard), phone connector outages (every agent's connector down for 1–4 minutes, first unnoticed — a dial is refused or accepted and never confirmed — then offline: Call disabled), dials that meet the agent's own connector dropping, second callers while on a call (declined, answered with the first call on hold, left to ring out), page reloads mid-call and two-tab failovers. The agents act on what their views show (`bench/lib/agent-behaviour.mjs`); the connector keeps docs/telephony.md's rules (`bench/lib/sim-connector.mjs`). Lost, duplicated and invented are counted in the stand-in's data against what really happened: a call that happened (it rang and the agent saw and did not decline it, or a dial the connector placed) has one record, its note one comment, a new number one contact; invented is a ticket, comment or contact for a call that never happened (a dial refused or never confirmed), that the agent declined or that its view never showed, or anything new naming no call. The same scenario batched and unbatched (`node bench/outbox-sim.mjs --calls 1000 --agents 20 --seed 1`).",
  ],
];

const lines = [
  '# Performance',
  '',
  'Generated by `bench/run` — do not edit by hand. Time figures come from one run on a shared 2-core machine and',
  'are reported, never asserted in tests; ratios are measured within the same run.',
  '',
  `- date: ${new Date().toISOString()}`,
  `- commit: ${quiet('git', ['rev-parse', '--short', 'HEAD'])}`,
  `- machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`,
  `- node ${process.version}; ${quiet('/usr/bin/chromium', ['--version'])}; ${quiet('em++', ['--version'])}`,
  '- command: `bench/run`',
  '',
];
const section = async ([title, file, intro]) => [`## ${title}`, '', intro, '', await read(file), ''];
if (only) {
  // One section replaced (or added before the next one in the list); the rest of the report stays as it was.
  const reportFile = process.argv[5];
  const at = sections.findIndex(([, file]) => file === only);
  if (at < 0) throw new Error(`no section ${only}; known: ${sections.map(([, f]) => f).join(', ')}`);
  const text = await readFile(reportFile, 'utf8');
  const heading = (title) => text.indexOf(`\n## ${title}\n`);
  const start = heading(sections[at][0]);
  const next =
    sections
      .slice(at + 1)
      .map(([title]) => heading(title))
      .find((i) => i >= 0) ?? -1;
  const body = `${(await section(sections[at])).join('\n')}\n`;
  const out =
    start >= 0
      ? text.slice(0, start + 1) + body + (next >= 0 ? text.slice(next + 1) : '')
      : next >= 0
        ? text.slice(0, next + 1) + body + text.slice(next + 1)
        : `${text.trimEnd()}\n\n${body}`;
  await writeFile(reportFile, out);
} else {
  for (const s of sections) lines.push(...(await section(s)));
  process.stdout.write(lines.join('\n'));
}
