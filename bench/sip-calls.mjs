// Real-call timings: the app on the `sip` connector and the sandbox's customer phone, both JsSIP in
// headless Chromium with fake audio, through the sandbox's Kamailio. Per run (a new agent context and phone each):
//   register        workspace navigation start → the agent's UA registered (credentials through the ZAF proxy,
//                   WebSocket, REGISTER with auth_ephemeral credentials)
//   ring → card     the customer clicks Call → the agent's top bar shows the caller's name (INVITE through
//                   Kamailio's IVR route, callRinging, the IN-1 search in the Zendesk stand-in)
//   answer → media  the agent clicks Answer → the agent's peer connection has received audio bytes (ICE, DTLS-SRTP)
// Times in ms, measured in node around browser actions and polled every 10 ms (so ±10 ms): reported, never
// asserted. The browser tests (tests/browser/sip-*.test.mjs) check the behaviour; this file only times it.
//
//   node bench/sip-calls.mjs [--runs 10]     → bench/results/sip-calls.json + a markdown table
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startSandbox } from '../sandbox/server.mjs';
import { MEDIA_ARGS, chromiumOptions } from '../scripts/lib/chromium.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_DIR = process.env.ADAPTER_APP_DIR ? path.resolve(process.env.ADAPTER_APP_DIR) : 'dist/app';
const GRACE = '+14155550199';
const TIMEOUT = 30_000;

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const RUNS = Math.max(1, Number(args.runs) || 10);

async function until(what, fn) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    if (
      await Promise.resolve()
        .then(fn)
        .catch(() => false)
    )
      return performance.now();
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => {
    const i = (s.length - 1) * p;
    return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
  };
  const r = (v) => Math.round(v);
  return { n: s.length, median: r(q(0.5)), p90: r(q(0.9)), min: r(s[0]), max: r(s.at(-1)) };
}

async function oneRun(browser, sandbox) {
  const context = await browser.newContext({ permissions: ['microphone'] });
  try {
    const agent = await context.newPage();
    const t0 = performance.now();
    await agent.goto(`${sandbox.url}/`);
    const topBar = () => agent.frames().find((f) => f.url().includes('/app/assets/top_bar.html'));
    const inTopBar = (fn, arg) => topBar().evaluate(fn, arg);
    const registered = await until('registration', () =>
      inTopBar(() => window.adapterTopBar?.sip?.registration()?.online === true),
    );

    const phoneContext = await browser.newContext({ permissions: ['microphone'] });
    try {
      const phone = await phoneContext.newPage();
      await phone.goto(`${sandbox.url}/phone?number=${encodeURIComponent(GRACE)}`);
      await phone.waitForSelector('body[data-registration=registered]', { timeout: TIMEOUT });
      const rang = performance.now();
      await phone.click('[data-testid=phone-call]');
      const card = await until('the caller card', () =>
        inTopBar(() => window.adapterTopBar.view().call?.contact?.name === 'Grace Hopper'),
      );
      if ((await agent.getAttribute('[data-testid=topbar-popover]', 'data-open')) !== 'true')
        await agent.click('[data-testid=topbar-app-icon]');
      const answerButton = agent.frameLocator('[data-testid=topbar-iframe]').locator('[data-key="answer"]');
      await answerButton.waitFor({ timeout: TIMEOUT });
      const answered = performance.now();
      await answerButton.click();
      const media = await until('media', async () => {
        const ids = await inTopBar(() => window.adapterTopBar.sip.callIds());
        const st = ids.length ? await inTopBar((id) => window.adapterTopBar.sip.stats(id), ids[0]) : null;
        return (st?.inboundBytes ?? 0) > 0;
      });
      const hangUp = agent.frameLocator('[data-testid=topbar-iframe]').locator('[data-key="hangUp"]');
      await hangUp.click();
      await phone.waitForSelector('body[data-call=ended]', { timeout: TIMEOUT });
      return { register: registered - t0, ringToCard: card - rang, answerToMedia: media - answered };
    } finally {
      await phoneContext.close();
    }
  } finally {
    await context.close();
  }
}

async function main() {
  const started = Date.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'adapter-bench-sip-'));
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    appDir: APP_DIR,
    stateFile: path.join(tmp, 'state.json'),
    sip: { wsPort: 0 },
  });
  const browser = await chromium.launch(chromiumOptions(tmp, MEDIA_ARGS));
  const runs = [];
  try {
    const post = (route, body) =>
      fetch(`${sandbox.url}/sandbox/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('settings', { telephonyConnector: 'sip' });
    // One throw-away run: Chromium's first fake-media and first-page costs are not the app's.
    for (let i = 0; i <= RUNS; i++) {
      await post('reset', {});
      const r = await oneRun(browser, sandbox);
      if (i > 0) runs.push(r);
    }
  } finally {
    await browser.close().catch(() => {});
    await sandbox.close();
    await rm(tmp, { recursive: true, force: true });
  }
  const result = {
    bench: 'sip-calls',
    environment: {
      chromium: browser.version(),
      node: process.version,
      cpus: os.cpus().length,
      date: new Date().toISOString(),
    },
    register: stats(runs.map((r) => r.register)),
    ringToCard: stats(runs.map((r) => r.ringToCard)),
    answerToMedia: stats(runs.map((r) => r.answerToMedia)),
    raw: runs,
    wallSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
  await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
  await writeFile(path.join(repoRoot, 'bench/results/sip-calls.json'), `${JSON.stringify(result, null, 2)}\n`);
  const row = (label, st) => `| ${label} | ${st.n} | ${st.median} | ${st.p90} | ${st.min} | ${st.max} |`;
  console.log(
    [
      `Real calls through the sandbox's Kamailio, JsSIP in headless Chromium ${result.environment.chromium} with fake audio (ms)`,
      '',
      '| measure | runs | median | p90 | min | max |',
      '|---|---:|---:|---:|---:|---:|',
      row('register: workspace navigation → agent registered', result.register),
      row('ring → caller card: customer clicks Call → agent sees the name', result.ringToCard),
      row('answer → media: agent clicks Answer → audio bytes received', result.answerToMedia),
      '',
      `(${result.wallSeconds} s wall; results in bench/results/sip-calls.json)`,
    ].join('\n'),
  );
}

await main();
