// Speed of the core, native against WebAssembly in headless Chromium, in one run: planOutbound and
// resolveSession at 10 / 1,000 / 5,000 contacts x 100 / 10,000 tickets, and the cost of one boundary crossing.
// The requests are generated once by the native build (`adapter_bench --requests grid`) and fed byte-identical to
// both sides. Medians and p99 are reported, never asserted. Writes bench/results/speed.json and prints a table.
//
// Builds nothing. Needs: cmake --preset bench && cmake --build --preset bench (build/bench/adapter_bench) and the
// WASM module (cmake --preset wasm && cmake --build --preset wasm --target adapter_wasm), Debian's Chromium
// (/usr/bin/chromium, or $CHROMIUM_PATH) and npm playwright-core.
//
// Usage: node bench/speed.mjs [--budget-ms 5000] [--min-iterations 15] [--max-iterations 1000]
//   Iterations are adaptive, per case and per side: as many as fit in the budget after a warm-up estimate, within
//   [min, max] — so the 10,000-ticket cases get few (at least the minimum) and the whole run takes about 2 minutes
//   on a 2-core machine. $ADAPTER_BUILD_DIR moves build/.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const buildRoot = process.env.ADAPTER_BUILD_DIR
  ? path.resolve(process.env.ADAPTER_BUILD_DIR)
  : path.join(repoRoot, 'build');
const nativeBench = path.join(buildRoot, 'bench', 'adapter_bench');
const wasmModule = path.join(buildRoot, 'wasm', 'adapter-core.mjs');
const wasmBinary = path.join(buildRoot, 'wasm', 'adapter-core.wasm');
const page = path.join(benchDir, 'chromium-bench.html');
const resultsFile = path.join(benchDir, 'results', 'speed.json');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

class SpeedError extends Error {}
function fail(message) {
  throw new SpeedError(message);
}

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) fail(`--${name} needs a positive number`);
  return value;
}

async function main() {
  const policy = {
    budgetMs: option('budget-ms', 5000),
    minIterations: Math.round(option('min-iterations', 15)),
    maxIterations: Math.round(option('max-iterations', 1000)),
  };
  if (policy.maxIterations < policy.minIterations) fail('--max-iterations is below --min-iterations');

  // ---- what must exist (nothing is built here)
  if (!existsSync(nativeBench))
    fail(`${nativeBench} is missing: build it with\n  cmake --preset bench && cmake --build --preset bench`);
  for (const p of [wasmModule, wasmBinary]) {
    if (!existsSync(p))
      fail(
        `${p} is missing: build it with\n  cmake --preset wasm && cmake --build --preset wasm --target adapter_wasm`,
      );
  }
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: install Debian's chromium or set CHROMIUM_PATH`);
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    fail('npm playwright-core is missing: npm install (it is a devDependency)');
  }

  const started = Date.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'adapter-speed-'));
  let server;
  let context;
  try {
    // ---- the requests, once, from the native build
    const requestsFile = path.join(tmp, 'requests.json');
    const { stdout: requestsText } = await run(nativeBench, ['--requests', 'grid'], { maxBuffer: 256 << 20 });
    await writeFile(requestsFile, requestsText);
    const spec = JSON.parse(requestsText);
    console.error(
      `requests: ${spec.cases.length} cases, ${(requestsText.length / 1e6).toFixed(1)} MB; budget ${policy.budgetMs} ms per case and side, ${policy.minIterations}–${policy.maxIterations} iterations`,
    );

    // ---- native
    console.error('native (build/bench/adapter_bench, Release):');
    const nativeRun = execFile(
      nativeBench,
      ['--measure', requestsFile, String(policy.budgetMs), String(policy.minIterations), String(policy.maxIterations)],
      { maxBuffer: 16 << 20 },
    );
    nativeRun.stderr.pipe(process.stderr);
    let nativeOut = '';
    nativeRun.stdout.on('data', (d) => (nativeOut += d));
    const nativeCode = await new Promise((resolve) => nativeRun.on('close', resolve));
    if (nativeCode !== 0) fail(`adapter_bench --measure exited with ${nativeCode}`);
    const native = JSON.parse(nativeOut);

    // ---- WASM in headless Chromium: the module, the requests and the page from a local server
    const files = {
      '/': [page, 'text/html; charset=utf-8'],
      '/wasm/adapter-core.mjs': [wasmModule, 'text/javascript; charset=utf-8'],
      '/wasm/adapter-core.wasm': [wasmBinary, 'application/wasm'],
      '/requests.json': [requestsFile, 'application/json'],
    };
    server = http.createServer(async (req, res) => {
      const entry = files[new URL(req.url, 'http://x').pathname];
      if (!entry) {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(entry[0]);
        // Cross-origin isolation gives performance.now() its finer resolution (5 µs instead of 100 µs).
        res.writeHead(200, {
          'content-type': entry[1],
          'cache-control': 'no-store',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
        });
        res.end(body);
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${server.address().port}/`;

    const userDataDir = path.join(tmp, 'chromium-profile');
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      env: {
        ...process.env,
        HOME: tmp,
        XDG_CONFIG_HOME: path.join(tmp, 'config'),
        XDG_CACHE_HOME: path.join(tmp, 'cache'),
      },
    });
    const tab = context.pages()[0] ?? (await context.newPage());
    const pageErrors = [];
    tab.on('pageerror', (err) => pageErrors.push(String(err?.message ?? err)));
    await tab.goto(url);
    try {
      await tab.waitForSelector('body[data-ready=true]', { timeout: 60_000, state: 'attached' });
    } catch {
      fail(`the bench page did not load: ${pageErrors.join('; ') || 'no error reported'}`);
    }
    const info = await tab.evaluate(() => window.bench.info());
    console.error(
      `WASM (${info.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}, crossOriginIsolated ${info.crossOriginIsolated}):`,
    );
    const wasmCases = [];
    for (let i = 0; i < spec.cases.length; i++) {
      const r = await tab.evaluate(([index, p]) => window.bench.runCase(index, p), [i, policy]);
      console.error(
        `  wasm    ${spec.cases[i].name.padEnd(50)} median ${r.medianUs.toFixed(1).padStart(10)} us  (${r.iterations} iterations)`,
      );
      wasmCases.push(r);
    }
    const wasmCrossing = await tab.evaluate(() => window.bench.runCrossing());
    await context.close();
    context = undefined;
    server.close();
    server = undefined;

    // ---- results
    const round = (x, digits = 1) => Number(x.toFixed(digits));
    const stat = (r, digits = 1) => ({
      medianUs: round(r.medianUs, digits),
      p99Us: round(r.p99Us, digits),
      ...(r.iterations !== undefined
        ? { iterations: r.iterations }
        : { batches: r.batches, callsPerBatch: r.callsPerBatch }),
    });
    const cases = spec.cases.map((c, i) => {
      const n = native.cases[i];
      const w = wasmCases[i];
      if (n.name !== c.name) fail(`native result ${i} is ${n.name}, expected ${c.name}`);
      return {
        name: c.name,
        function: c.function,
        contacts: c.contacts,
        tickets: c.tickets,
        requestBytes: Buffer.byteLength(c.request),
        native: stat(n),
        wasm: stat(w),
        ratio: round(w.medianUs / n.medianUs, 2),
      };
    });
    const crossingOf = (key, what) => ({
      what,
      native: stat(native.crossing[key], 3),
      wasm: stat(wasmCrossing[key], 3),
      ratio: round(wasmCrossing[key].medianUs / native.crossing[key].medianUs, 2),
    });
    const wasmBuildType = (
      await readFile(path.join(buildRoot, 'wasm', 'CMakeCache.txt'), 'utf8').catch(() => '')
    ).match(/^CMAKE_BUILD_TYPE:STRING=(.*)$/m)?.[1];
    const cpus = os.cpus();
    const results = {
      machine: {
        cpu: cpus[0]?.model ?? 'unknown',
        cores: cpus.length,
        memoryGB: round(os.totalmem() / 2 ** 30),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        browser: info.userAgent,
        crossOriginIsolated: info.crossOriginIsolated,
        nativeBuild: 'Release (cmake --preset bench)',
        wasmBuild: `${wasmBuildType ?? 'unknown'} (build/wasm, ${(await readFile(wasmBinary)).length} bytes)`,
      },
      date: new Date().toISOString(),
      iterations: {
        policy:
          'adaptive per case and side: 1 warm-up call, the fastest of 3 timed calls as the estimate, then budgetMs / estimate iterations within [min, max]; the per-side counts are in each case',
        budgetMsPerCaseAndSide: policy.budgetMs,
        min: policy.minIterations,
        max: policy.maxIterations,
      },
      requests: {
        source: 'build/bench/adapter_bench --requests grid (bench/bench_requests.h), the same bytes for both sides',
        planOutbound:
          "dial-pad entry +14155550100, contact 7 chosen (input.contactId); every contact has the dialled number (worst case: all are matches); all tickets are contact 7's, a quarter open and created by the integration; promptSelectOpenTicket on",
        resolveSession:
          "ivr call, event assigned, caller +14155550100 known (session.contactId 7); one contact in ten has the caller's number; all tickets are contact 7's, a quarter open and created by the integration",
      },
      cases,
      crossing: {
        timing: 'in batches of ~2 ms (calls per batch from a 100-call estimate), 300 batches; figures are per call',
        call: crossingOf('call', `call("${spec.crossing.call.function}", ${spec.crossing.call.request})`),
        dispatch: crossingOf('dispatch', `Adapter.dispatch(${spec.crossing.dispatch.event}) after appRegistered`),
      },
      elapsedSeconds: round((Date.now() - started) / 1000),
    };
    await mkdir(path.dirname(resultsFile), { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

    // ---- the table
    const t = (us) =>
      us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : us >= 10 ? `${us.toFixed(1)} µs` : `${us.toFixed(2)} µs`;
    const m = results.machine;
    const lines = [
      `machine: ${m.cpu}, ${m.cores} cores; ${m.browser.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'} headless; WASM ${m.wasmBuild}; ${results.date}`,
      `iterations: adaptive, ${policy.budgetMs} ms per case and side, ${policy.minIterations}–${policy.maxIterations} (n = native / WASM)`,
      '',
      '| case | native median | native p99 | WASM median | WASM p99 | WASM/native (median) | n |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...cases.map(
        (c) =>
          `| ${c.name} | ${t(c.native.medianUs)} | ${t(c.native.p99Us)} | ${t(c.wasm.medianUs)} | ${t(c.wasm.p99Us)} | ${c.ratio.toFixed(2)}× | ${c.native.iterations} / ${c.wasm.iterations} |`,
      ),
      '',
      '| one boundary crossing (per call) | native median | native p99 | WASM median | WASM p99 | WASM/native (median) |',
      '|---|---:|---:|---:|---:|---:|',
      ...['call', 'dispatch'].map((k) => {
        const x = results.crossing[k];
        return `| ${x.what.replace(/\|/g, '\\|')} | ${t(x.native.medianUs)} | ${t(x.native.p99Us)} | ${t(x.wasm.medianUs)} | ${t(x.wasm.p99Us)} | ${x.ratio.toFixed(2)}× |`;
      }),
      '',
      `written to ${path.relative(process.cwd(), resultsFile) || resultsFile} (${results.elapsedSeconds} s)`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await context?.close().catch(() => {});
    server?.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`bench/speed.mjs: ${err instanceof SpeedError ? err.message : (err?.stack ?? err)}`);
  process.exitCode = 1;
}
