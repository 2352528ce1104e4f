// Huge-text bench: the live core's CPU time per event when every name and subject Zendesk sends is huge, against the
// same sessions with the texts as recorded (docs/security.md §5, D438). The sessions in bench/sessions/ (one event's
// JSON a line: a fuzz_live run's `>>` lines) are played by build/bench/live_dispatch_bench as they are, then with
// every `name`, `subject`, `contactName` and `ticketSubject` inside a Zendesk answer's body and a restored snapshot
// made 64 KiB (what the shim lets through: 65,536 UTF-16 units) and 1 MiB (a host that does not cut), all in one run,
// so the ratios compare like with like on one machine. The answers' hash shows the huge texts changed what the
// core answered (they are in its view). Time figures are reported, never asserted.
//
//   node bench/huge-texts.mjs [--rounds 9] [--bench build/bench/live_dispatch_bench]   → a markdown table
// The bench preset must be built first (bench/run builds it; or `cmake --preset bench && cmake --build --preset
// bench --target live_dispatch_bench`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    bench: { type: 'string', default: path.join(root, 'build/bench/live_dispatch_bench') },
  },
});

const TEXT_KEYS = new Set(['name', 'subject', 'contactName', 'ticketSubject']);

/** Every text under one of TEXT_KEYS in `value`, replaced by `bytes` bytes of text (a copy). */
function inflate(value, bytes) {
  if (Array.isArray(value)) return value.map((v) => inflate(v, bytes));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = TEXT_KEYS.has(key) && typeof v === 'string' ? 'x'.repeat(bytes) : inflate(v, bytes);
  }
  return out;
}

/** One session's events with the Zendesk answers' and the restored snapshot's texts made `bytes` long. */
function inflatedSession(text, bytes) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const event = JSON.parse(line);
      if (bytes === 0) return line;
      if (event.type === 'httpResponse') event.body = inflate(event.body, bytes);
      if (event.type === 'restore') event.state = inflate(event.state, bytes);
      return JSON.stringify(event);
    })
    .join('\n');
}

const sessionsDir = path.join(root, 'bench/sessions');
const sessions = readdirSync(sessionsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(path.join(sessionsDir, f), 'utf8') }));

const cases = [
  { label: 'as recorded', bytes: 0 },
  { label: '64 KiB names and subjects', bytes: 64 * 1024 },
  { label: '1 MiB names and subjects', bytes: 1024 * 1024 },
];

const work = mkdtempSync(path.join(os.tmpdir(), 'huge-texts-'));
const rows = [];
try {
  for (const c of cases) {
    const dir = path.join(work, String(c.bytes));
    mkdirSync(dir);
    for (const s of sessions) writeFileSync(path.join(dir, s.name), inflatedSession(s.text, c.bytes) + '\n');
    const run = spawnSync(values.bench, ['--rounds', values.rounds, dir], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${values.bench} failed: ${run.stderr || run.error}`);
    const m = /(\d+) events, \d+ rounds: median ([\d.]+) us per event.*answers ([0-9a-f]+)/.exec(run.stdout);
    if (!m) throw new Error(`unexpected output: ${run.stdout}`);
    rows.push({ ...c, events: Number(m[1]), usPerEvent: Number(m[2]), hash: m[3] });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const base = rows[0].usPerEvent;
const ms = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
console.log(
  `Huge texts (\`node bench/huge-texts.mjs --rounds ${values.rounds}\`; ${sessions.length} sessions, ` +
    `${rows[0].events} events, native core, CPU time, median of the rounds):\n`,
);
console.log('| Zendesk texts | per event (median) | × as recorded | answers |');
console.log('|---|---:|---:|---|');
for (const r of rows) {
  console.log(`| ${r.label} | ${ms(r.usPerEvent)} | ${(r.usPerEvent / base).toFixed(1)}× | ${r.hash} |`);
}
