// Before / after of the WASM core in one run: the shipped module of another revision (built once into a cache by
// bench/lib/build-revision.mjs) against the working tree's build/wasm, both in one headless Chromium page, the
// sides alternating round by round (ABBA order) so that the machine's drift falls on both alike. Measures the
// size (WASM raw and gzip, WASM + glue gzip), the live adapter's dispatch of typical events (a known caller's
// ringing, the Zendesk answers up to the rules' decision, ticks, paneActivated), the speed grid's realistic and
// 10,000-ticket cases of planOutbound and resolveSession, and a call ringing with 5,000 attribute keys with the
// ticks after it; medians, p99, the after/before ratio and the targets of the typed-core work as met / not met.
// Also tells whether both sides answer every case byte-identically. Figures are reported, never asserted.
//
// Usage: node bench/compare-core.mjs [--before <git rev>] [--after <git rev>] [--quick]
//   --before  default 22f5f35 (the last commit before the typed live core). $ADAPTER_COMPARE_CACHE moves the
//             cache of built revisions (default <tmp>/adapter-compare).
//   --after   another revision instead of the working tree (built into the cache as --before is)
//   --after-dir  a directory holding an already built adapter-core.mjs + .wasm instead (e.g. another worktree's
//             build/wasm); taken as it is
//   --quick   a tenth of the samples (a smoke run: the tool works, the figures mean little)
// Needs the working tree's build/wasm (cmake --preset wasm), brought up to date here. The grid's requests are
// bench/bench_requests.h's, made by bench/lib/grid-requests.mjs (no native build needed).
// Writes bench/results/compare-core.json and prints a markdown section (bench/run puts it in docs/performance.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openBenchPage } from './lib/bench-page.mjs';
import { buildRevision } from './lib/build-revision.mjs';
import { gridCase } from './lib/grid-requests.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const buildRoot = process.env.ADAPTER_BUILD_DIR
  ? path.resolve(process.env.ADAPTER_BUILD_DIR)
  : path.join(repoRoot, 'build');
const resultsFile = path.join(benchDir, 'results', 'compare-core.json');
const DEFAULT_BEFORE = '22f5f35';
const KB = 1024;

// The targets of the typed live core (one typed core, JSON only at its edge), checked on the "after" side.
const TARGETS = {
  realistic: { stat: 'p99Us', limitUs: 1000, text: 'p99 ≤ 1 ms' },
  tenThousand: { stat: 'medianUs', limitUs: 20_000, text: 'median ≤ 20 ms' },
  attributesRing: { stat: 'medianUs', limitUs: 5000, text: 'median ≤ 5 ms' },
  attributesTick: { stat: 'p99Us', limitUs: 1000, text: 'p99 ≤ 1 ms' },
  sizeGzipBytes: 120 * KB,
};

// What is measured: grid cases by their adapter_bench name, and the page's scenarios (each yields several
// labelled timings). rounds × samples per side, after one warm-up round that is not counted.
const GRID = [
  { ...gridCase('planOutbound', 10, 100), rounds: 10, samples: 40, target: 'realistic' },
  { ...gridCase('resolveSession', 10, 100), rounds: 10, samples: 40, target: 'realistic' },
  { ...gridCase('planOutbound', 10, 10000), rounds: 6, samples: 3, target: 'tenThousand' },
  { ...gridCase('resolveSession', 10, 10000), rounds: 6, samples: 3, target: 'tenThousand' },
  { ...gridCase('planOutbound', 5000, 10000), rounds: 6, samples: 2, target: 'tenThousand' },
  { ...gridCase('resolveSession', 5000, 10000), rounds: 6, samples: 2, target: 'tenThousand' },
];
const SCENARIOS = [
  { name: 'knownCaller', rounds: 10, samples: 10 },
  {
    name: 'manyAttributes',
    rounds: 6,
    samples: 1,
    targets: {
      'callRinging with 5,000 attribute keys': 'attributesRing',
      'tick after it (call ended, 5,000 keys)': 'attributesTick',
    },
  },
];

class CompareError extends Error {}
function fail(message) {
  throw new CompareError(message);
}

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** Brings a configured build directory's target up to date; says how to configure it when it is not. */
function buildTarget(dir, target, preset) {
  if (!existsSync(path.join(dir, 'build.ninja'))) fail(`${dir} is not configured: cmake --preset ${preset}`);
  const r = spawnSync('nice', ['cmake', '--build', dir, '--target', target], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: process.env.NODE_PATH ?? '/usr/share/nodejs' },
  });
  if (r.status !== 0) fail(`cmake --build ${dir} --target ${target} failed:\n${(r.stdout + r.stderr).slice(-3000)}`);
}

function sizeOf(dir) {
  const wasm = readFileSync(path.join(dir, 'adapter-core.wasm'));
  const glue = readFileSync(path.join(dir, 'adapter-core.mjs'));
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  return {
    wasmRaw: wasm.length,
    wasmGzip: gz(wasm),
    glueRaw: glue.length,
    glueGzip: gz(glue),
    totalGzip: gz(wasm) + gz(glue),
  };
}

// Sorted, index floor(q * (n - 1)), as bench/speed.mjs and adapter_bench.
function stats(us) {
  const s = [...us].sort((a, b) => a - b);
  const at = (q) => s[Math.floor(q * (s.length - 1))];
  return { medianUs: Number(at(0.5).toFixed(1)), p99Us: Number(at(0.99).toFixed(1)), n: s.length };
}

async function main() {
  const beforeRev = option('before') ?? DEFAULT_BEFORE;
  const scale = process.argv.includes('--quick') ? 0.1 : 1;
  const started = Date.now();

  // ---- the two modules and the grid's requests
  const before = buildRevision(repoRoot, beforeRev, { log: (m) => console.error(`compare: ${m}`) });
  if (before.built)
    console.error(`compare: built ${beforeRev} in ${before.seconds.toFixed(0)} s (cached in ${before.dir})`);
  let afterDir;
  let afterName;
  if (option('after-dir')) {
    afterDir = path.resolve(option('after-dir'));
    if (!existsSync(path.join(afterDir, 'adapter-core.wasm'))) fail(`${afterDir} holds no adapter-core.wasm`);
    afterName = `the build in ${afterDir}`;
  } else if (option('after')) {
    const after = buildRevision(repoRoot, option('after'), { log: (m) => console.error(`compare: ${m}`) });
    afterDir = after.dir;
    afterName = `\`${option('after')}\` (${after.commit.slice(0, 10)})`;
  } else {
    afterDir = path.join(buildRoot, 'wasm');
    buildTarget(afterDir, 'adapter_wasm', 'wasm');
    const head = spawnSync('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
    const dirty =
      spawnSync('git', ['-C', repoRoot, 'status', '--porcelain', '--untracked-files=no'], {
        encoding: 'utf8',
      }).stdout.trim() !== '';
    afterName = `the working tree (${head}${dirty ? ', with uncommitted changes' : ''})`;
  }

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'adapter-compare-'));
  let page;
  try {
    const cases = GRID.map(({ name, function: fn, contacts, tickets, request }) => ({
      name,
      function: fn,
      contacts,
      tickets,
      request,
    }));
    const requestsFile = path.join(tmp, 'requests.json');
    await writeFile(requestsFile, JSON.stringify({ cases }));

    const files = {
      '/': [path.join(benchDir, 'compare-core.html'), 'text/html; charset=utf-8'],
      '/requests.json': [requestsFile, 'application/json'],
    };
    for (const [side, dir] of [
      ['before', before.dir],
      ['after', afterDir],
    ]) {
      files[`/${side}/adapter-core.mjs`] = [path.join(dir, 'adapter-core.mjs'), 'text/javascript; charset=utf-8'];
      files[`/${side}/adapter-core.wasm`] = [path.join(dir, 'adapter-core.wasm'), 'application/wasm'];
    }
    page = await openBenchPage(files, tmp, fail);
    const { tab } = page;
    const info = await tab.evaluate(() => window.compare.info());
    console.error(
      `compare: ${before.commit.slice(0, 10)} (before) vs ${afterName} (after) in ${page.userAgent.match(/Chrome\/[\d.]+/)?.[0]}, crossOriginIsolated ${info.crossOriginIsolated}`,
    );

    // ---- interleaved rounds: warm-up (not counted), then ABBA
    const timings = { before: {}, after: {} };
    const identical = {};
    const plan = [...GRID, ...SCENARIOS];
    for (const item of plan) {
      identical[item.name] = await tab.evaluate((n) => window.compare.same(n), item.name);
      const samples = Math.max(1, Math.round(item.samples * (scale < 1 && item.samples > 2 ? scale : 1)));
      const rounds = Math.max(2, Math.round(item.rounds * scale));
      for (const side of ['before', 'after'])
        await tab.evaluate(([n, s]) => window.compare.run(n, s, 1), [item.name, side]);
      for (let r = 0; r < rounds; r++) {
        for (const side of r % 2 === 0 ? ['before', 'after'] : ['after', 'before']) {
          const got = await tab.evaluate(([n, s, k]) => window.compare.run(n, s, k), [item.name, side, samples]);
          for (const [label, us] of Object.entries(got))
            (timings[side][label] ??= { item: item.name, us: [] }).us.push(...us);
        }
      }
      console.error(
        `compare: ${item.name} (${rounds} rounds × ${samples} per side)${identical[item.name].identical ? '' : ' — answers differ'}`,
      );
    }
    await page.close();
    page = undefined;

    // ---- results
    const targetOf = (label) => {
      const g = GRID.find((x) => x.name === label);
      if (g) return g.target;
      for (const s of SCENARIOS) if (s.targets?.[label]) return s.targets[label];
      return null;
    };
    const rows = Object.keys(timings.after).map((label) => {
      const b = stats(timings.before[label].us);
      const a = stats(timings.after[label].us);
      const key = targetOf(label);
      const t = key ? TARGETS[key] : null;
      return {
        case: label,
        group: GRID.some((x) => x.name === label) ? 'call' : 'dispatch',
        before: b,
        after: a,
        ratio: Number((a.medianUs / b.medianUs).toFixed(2)),
        target: t ? t.text : null,
        met: t ? a[t.stat] <= t.limitUs : null,
      };
    });
    const size = { before: sizeOf(before.dir), after: sizeOf(afterDir) };
    const results = {
      date: new Date().toISOString(),
      machine: `${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores; ${page?.userAgent ?? info.userAgent}`,
      crossOriginIsolated: info.crossOriginIsolated,
      before: { revision: beforeRev, commit: before.commit },
      after: { revision: afterName },
      method:
        'one headless Chromium page holding both modules; per case one untimed warm-up call per side, then rounds alternating the side that goes first (ABBA); each sample one call or one dispatch timed with performance.now() (5 µs resolution); scenario samples on a fresh adapter each (appRegistered + connectorState untimed)',
      attributesBytes: info.attributesBytes,
      size: {
        ...size,
        target: `WASM + glue ≤ ${TARGETS.sizeGzipBytes / KB} KB gzip`,
        met: size.after.totalGzip <= TARGETS.sizeGzipBytes,
      },
      identical,
      cases: rows,
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
    };
    await mkdir(path.dirname(resultsFile), { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    console.log(markdown(results, beforeRev));
  } finally {
    await page?.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

function markdown(r, beforeRev) {
  const t = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
  const kb = (n) => `${(n / KB).toFixed(1)} KB`;
  const met = (m) => (m === null ? '' : m ? 'met' : '**not met**');
  const s = r.size;
  const differ = Object.entries(r.identical).filter(([, v]) => !v.identical);
  const lines = [
    `before: \`${beforeRev}\` (${r.before.commit.slice(0, 10)}); after: ${r.after.revision}; ${r.date}; ${r.machine.replace(/Mozilla\/5\.0 \(([^)]*)\).*?(Chrome\/[\d.]+).*/, '$2 headless')}; ${r.elapsedSeconds} s`,
    '',
    '| size (KB = 1024 bytes, gzip -9) | before | after | after/before | target |',
    '|---|--:|--:|--:|---|',
    `| WASM raw | ${kb(s.before.wasmRaw)} | ${kb(s.after.wasmRaw)} | ${(s.after.wasmRaw / s.before.wasmRaw).toFixed(2)} | |`,
    `| WASM gzip | ${kb(s.before.wasmGzip)} | ${kb(s.after.wasmGzip)} | ${(s.after.wasmGzip / s.before.wasmGzip).toFixed(2)} | |`,
    `| glue gzip | ${kb(s.before.glueGzip)} | ${kb(s.after.glueGzip)} | ${(s.after.glueGzip / s.before.glueGzip).toFixed(2)} | |`,
    `| **WASM + glue gzip** | ${kb(s.before.totalGzip)} | ${kb(s.after.totalGzip)} | ${(s.after.totalGzip / s.before.totalGzip).toFixed(2)} | ≤ 120 KB: ${met(s.met)} |`,
    '',
    '| case (WASM in Chromium) | before median | before p99 | after median | after p99 | after/before (median) | n per side | target (after) |',
    '|---|--:|--:|--:|--:|--:|--:|---|',
    ...r.cases.map(
      (c) =>
        `| ${c.case} | ${t(c.before.medianUs)} | ${t(c.before.p99Us)} | ${t(c.after.medianUs)} | ${t(c.after.p99Us)} | ${c.ratio.toFixed(2)}× | ${c.after.n} | ${c.target ? `${c.target}: ${met(c.met)}` : ''} |`,
    ),
    '',
    `Dispatch cases: one agent, a call from a caller Zendesk knows (+1 415 555 0100, one contact, 100 tickets of which a quarter are open and the integration's), each sample on a fresh adapter; the attribute case rings with ${r.attributesBytes.toLocaleString('en')} bytes of attributes, and its ticks come after the lookup, the decision and the end of the call. Grid cases: the requests of bench/speed.mjs's grid (bench/lib/grid-requests.mjs).`,
    differ.length
      ? `Answers differ between before and after in: ${differ.map(([n, v]) => `${n} (answer ${v.index}: before \`…${v.before.replace(/`/g, "'")}…\`, after \`…${v.after.replace(/`/g, "'")}…\`)`).join('; ')}.`
      : 'Both sides answered every case byte-identically.',
  ];
  return lines.join('\n');
}

try {
  await main();
} catch (err) {
  console.error(`bench/compare-core.mjs: ${err instanceof CompareError ? err.message : (err?.stack ?? err)}`);
  process.exitCode = 1;
}
