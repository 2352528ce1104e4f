// Start-up bench: how long from the top-bar iframe's navigation until the agent can use the adapter,
// in headless Chromium (Debian /usr/bin/chromium via playwright-core) against the local sandbox with the built app
// (dist/app: node scripts/build-app.mjs).
//
// "Interactive" = the top-bar frame shows the MAIN screen drawn from a core view with `ready: true`: the
// `[data-key=dialPad]` button is in the frame's DOM and enabled, and `[data-key=starting]` (drawn by
// js-shim/view/screens/main.js exactly while view.ready === false) is not. Before that point the frame has no
// dial pad at all (top_bar.html is an empty #app), so the first mutation that satisfies the condition is the moment.
//
// Clock: an init script (every frame) reads performance.timeOrigin + performance.now() — one high-resolution,
// monotonic time base shared by same-process frames:
//   srcSet       the workspace sets the top-bar iframe's `src` (the background frame's preloadPane, or the icon)
//   frameStart   the top-bar document's own time origin (its navigation start)
//   interactive  the MutationObserver callback (inside the top-bar frame) that first sees the condition above
//   painted      the next requestAnimationFrame after `interactive` (the frame about to be painted)
// Reported: srcSet → interactive (the headline), srcSet → painted, and workspace navigation start → interactive.
//
// Runs: RUNS (default 20) cold runs, each a brand-new browser context (no HTTP cache, no storage; the sandbox also
// sends Cache-Control: no-store), then WARM_RUNS reloads of one context (same renderer process, compiled code
// cache possible; the server's no-store still forces the bytes to be fetched).
//
// Connectors: each measure runs with the demo simulator and with the `sip` connector (the default, which
// imports its JsSIP chunk and registers with the sandbox's Kamailio); the table gives both and their ratio.
//
//   node bench/startup.mjs [--runs 20] [--warm 20]      → bench/results/startup.json + a markdown table
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startSandbox } from '../sandbox/server.mjs';
import { chromiumOptions } from '../scripts/lib/chromium.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_DIR = process.env.ADAPTER_APP_DIR ? path.resolve(process.env.ADAPTER_APP_DIR) : 'dist/app';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, warm: { type: 'string', default: '20' } },
});
const CONNECTORS = ['simulator', 'sip'];
const RUNS = Math.max(1, Number(args.runs) || 20);
const WARM_RUNS = Math.max(0, Number(args.warm) || 0);
const TIMEOUT = 20_000;

// Runs in every frame before its scripts.
const INIT_SCRIPT = `(() => {
  const abs = () => performance.timeOrigin + performance.now();
  const top = window.top === window;
  if (top) {
    window.__bench = { navStart: performance.timeOrigin, srcSet: null, frame: null };
    const desc = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'src');
    Object.defineProperty(HTMLIFrameElement.prototype, 'src', {
      configurable: true, enumerable: desc.enumerable, get: desc.get,
      set(v) { if (/top_bar\\.html/.test(String(v)) && window.__bench.srcSet == null) window.__bench.srcSet = abs(); return desc.set.call(this, v); },
    });
    return;
  }
  if (!/\\/top_bar\\.html$/.test(location.pathname)) return;
  const rec = { frameStart: performance.timeOrigin, interactive: null, painted: null };
  const check = () => {
    if (rec.interactive != null) return;
    const pad = document.querySelector('[data-key="dialPad"]');
    if (!pad || pad.disabled || document.querySelector('[data-key="starting"]')) return;
    rec.interactive = abs();
    obs.disconnect();
    requestAnimationFrame(() => { rec.painted = abs(); try { window.parent.__bench.frame = rec; } catch {} });
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
})();`;

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => {
    if (s.length === 0) return null;
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return s[lo] + (s[hi] - s[lo]) * (i - lo);
  };
  const r = (v) => (v == null ? null : Math.round(v * 10) / 10);
  return {
    n: s.length,
    min: r(s[0]),
    median: r(q(0.5)),
    p90: r(q(0.9)),
    max: r(s.at(-1)),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

async function measure(page, load) {
  await load();
  await page.waitForFunction(() => window.__bench?.frame?.painted != null, null, { timeout: TIMEOUT, polling: 20 });
  const b = await page.evaluate(() => window.__bench);
  if (b.srcSet == null) throw new Error('the top-bar iframe src was never set');
  return {
    srcToInteractive: b.frame.interactive - b.srcSet,
    srcToPainted: b.frame.painted - b.srcSet,
    srcToFrameStart: b.frame.frameStart - b.srcSet,
    navToInteractive: b.frame.interactive - b.navStart,
  };
}

async function setConnector(sandbox, telephonyConnector) {
  const res = await fetch(`${sandbox.url}/sandbox/settings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ telephonyConnector }),
  });
  if (res.status !== 200) throw new Error(`POST /sandbox/settings: HTTP ${res.status}`);
}

async function runConnector(browser, url) {
  const cold = [];
  const warm = [];
  // One throw-away run: Chromium's own first-launch costs are not the app's.
  for (let i = 0; i <= RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(INIT_SCRIPT);
    const page = await context.newPage();
    const m = await measure(page, () => page.goto(url));
    if (i > 0) cold.push(m);
    await context.close();
  }
  if (WARM_RUNS > 0) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(INIT_SCRIPT);
    const page = await context.newPage();
    await measure(page, () => page.goto(url)); // the cold load that warms it
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await measure(page, () => page.reload()));
    await context.close();
  }
  return { cold, warm };
}

async function main() {
  const started = Date.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'adapter-bench-startup-'));
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    appDir: APP_DIR,
    stateFile: path.join(tmp, 'state.json'),
    sip: { wsPort: 0 },
  });
  const browser = await chromium.launch(chromiumOptions(tmp));
  const url = `${sandbox.url}/`;
  const runs = {};
  try {
    for (const connector of CONNECTORS) {
      await setConnector(sandbox, connector);
      runs[connector] = await runConnector(browser, url);
    }
  } finally {
    await browser.close().catch(() => {});
    await sandbox.close();
    await rm(tmp, { recursive: true, force: true });
  }

  const summarize = (list) =>
    Object.fromEntries(
      ['srcToInteractive', 'srcToPainted', 'srcToFrameStart', 'navToInteractive'].map((k) => [
        k,
        stats(list.map((r) => r[k])),
      ]),
    );
  const chromiumVersion = browser.version();
  const byConnector = Object.fromEntries(
    CONNECTORS.map((c) => [
      c,
      {
        cold: {
          runs: runs[c].cold.length,
          note: 'each run a new browser context (cold cache, empty storage)',
          ...summarize(runs[c].cold),
          raw: runs[c].cold,
        },
        warm: {
          runs: runs[c].warm.length,
          note: 'one context, page.reload() (server sends Cache-Control: no-store)',
          ...summarize(runs[c].warm),
          raw: runs[c].warm,
        },
      },
    ]),
  );
  const result = {
    bench: 'startup',
    definition:
      'interactive = in the top-bar frame, [data-key=dialPad] present and enabled and [data-key=starting] absent (main screen drawn from a view with ready: true); ' +
      'times in ms from performance.timeOrigin + performance.now() in each frame; srcSet = the workspace sets the top-bar iframe src',
    environment: {
      chromium: chromiumVersion,
      node: process.version,
      cpus: os.cpus().length,
      appDir: APP_DIR,
      date: new Date().toISOString(),
    },
    connectors: byConnector,
    wallSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
  await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
  await writeFile(path.join(repoRoot, 'bench/results/startup.json'), `${JSON.stringify(result, null, 2)}\n`);

  const row = (label, st) => `| ${label} | ${st.n} | ${st.median} | ${st.p90} | ${st.min} | ${st.max} |`;
  const lines = [
    `Start-up of the top bar in headless Chromium ${chromiumVersion} (ms), with the demo simulator and with the sip connector`,
    '',
    '| measure | runs | median | p90 | min | max |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const c of CONNECTORS) {
    const r = byConnector[c];
    lines.push(row(`${c}, cold: iframe src set → interactive`, r.cold.srcToInteractive));
    lines.push(row(`${c}, cold: iframe src set → painted`, r.cold.srcToPainted));
    lines.push(row(`${c}, cold: workspace navigation → interactive`, r.cold.navToInteractive));
    if (r.warm.runs) {
      lines.push(row(`${c}, warm (reload): iframe src set → interactive`, r.warm.srcToInteractive));
      lines.push(row(`${c}, warm (reload): workspace navigation → interactive`, r.warm.navToInteractive));
    }
  }
  const ratio = (k, w = 'cold') => (byConnector.sip[w][k].median / byConnector.simulator[w][k].median).toFixed(2);
  lines.push(
    '',
    `Ratio sip / simulator (medians, same run): cold src → interactive ${ratio('srcToInteractive')}×` +
      (byConnector.sip.warm.runs ? `, warm src → interactive ${ratio('srcToInteractive', 'warm')}×` : '') +
      '.',
  );
  lines.push('', `(${result.wallSeconds} s wall; results in bench/results/startup.json)`);
  console.log(lines.join('\n'));
}

await main();
