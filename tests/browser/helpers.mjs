// Browser-test helpers: the sandbox (sandbox/server.mjs) started in-process on a free port with a fresh state
// file, Debian's Chromium driven by playwright-core, and page helpers for the workspace and the app's frames.
//
//   const env = await startEnv();               // once per test file (before())
//   const s = await env.newSession(t, {settings}); // per test: reset stand-in, settings, new context, page loaded
//   ... s.page, s.topBar (frameLocator), s.log(), s.screenshot()
//   await s.close(); await env.close();
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startSandbox } from '../../sandbox/server.mjs';
import { ZAF_SDK_LOCAL_PATH, ZAF_SDK_URL } from '../../scripts/lib/zaf-sdk.mjs';
import { documentedOperation } from '../js/helpers/openapi.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(repoRoot, 'test-results', 'screenshots');
import { chromiumOptions } from '../../scripts/lib/chromium.mjs';
export { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/lib/chromium.mjs';
/** Default wait for something the agent should see. */
export const SEE_TIMEOUT = 10_000;
/** The built app the sandbox serves: dist/app (node scripts/build-app.mjs), or $ADAPTER_APP_DIR (a private
 *  build: node scripts/build-app.mjs --out <dir>, then ADAPTER_APP_DIR=<dir>/app). */
export const APP_DIR = process.env.ADAPTER_APP_DIR ? path.resolve(process.env.ADAPTER_APP_DIR) : 'dist/app';

/**
 * Start the sandbox (port 0: any free port, fresh temp state file) and a headless Chromium with its own
 * user-data dir. Returns {url, sandbox, browser, newSession(t, opts), close()}.
 */
export async function startEnv() {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'adapter-browser-'));
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    appDir: APP_DIR,
    stateFile: path.join(tmp, 'stand-in-state.json'),
    zafSdk: 'cdn', // the pages as packaged: their SDK from Zendesk's CDN URL, which each context routes (newSession)
  });
  // chromium.launch() gives Chromium a fresh temporary user-data dir of its own (Playwright refuses
  // --user-data-dir in args; that is launchPersistentContext's job), removed on close. Each test then gets a
  // brand-new browser context, so no storage (the app's localStorage) carries over from one test to the next.
  const browser = await chromium.launch(chromiumOptions(tmp));
  await mkdir(SCREENSHOT_DIR, { recursive: true });

  async function post(route, body) {
    const res = await fetch(`${sandbox.url}/sandbox/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? '' : JSON.stringify(body),
    });
    assert.equal(res.status, 200, `POST /sandbox/${route}: HTTP ${res.status}`);
  }

  /**
   * A test's session: stand-in reset (seed data, log cleared, faults off), app settings set (overrides, {} by
   * default), a new browser context and page at `hash` (with `query`), waited until the workspace is ready.
   */
  async function newSession(t, { settings = {}, hash = '', query = '' } = {}) {
    // The sandbox defaults to real SIP calls; these tests play calls with the simulator unless one asks for sip.
    await post('settings', { telephonyConnector: 'simulator', ...settings });
    await post('reset');
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const zafSdkLoads = await routeZafSdk(context, sandbox.url);
    const page = await context.newPage();
    const dialogs = [];
    const consoleErrors = [];
    const pageErrors = [];
    page.on('dialog', (d) => {
      dialogs.push({ type: d.type(), message: d.message() });
      d.dismiss().catch(() => {});
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (err) => pageErrors.push(String(err?.message ?? err)));
    await page.goto(`${sandbox.url}/${query ? `?${query}` : ''}${hash ? `#${hash.replace(/^#/, '')}` : ''}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
    const session = {
      page,
      context,
      dialogs,
      consoleErrors,
      pageErrors,
      zafSdkLoads,
      topBar: page.frameLocator('[data-testid=topbar-iframe]'),
      sidebar: page.frameLocator('[data-testid=ticket-sidebar-iframe]'),
      /** The top bar's element by its data-key. */
      key: (k) => page.frameLocator('[data-testid=topbar-iframe]').locator(`[data-key="${k}"]`),
      log: () => sandbox.standIn.log(),
      screenshot: (name = t.name) => screenshot(page, name),
      /** Open the top-bar popover by clicking the app icon (as the agent does), and wait for the app. */
      async openTopBar() {
        const open = await page.getAttribute('[data-testid=topbar-popover]', 'data-open');
        if (open !== 'true') await page.click('[data-testid=topbar-app-icon]');
        await page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });
      },
      /** Wait until the stand-in log has an entry matching `pred`; returns it. */
      waitForRequest: (pred, what, timeout = SEE_TIMEOUT) => waitForLog(sandbox.standIn, pred, what, timeout),
      async close() {
        await context.close().catch(() => {});
      },
    };
    return session;
  }

  return {
    url: sandbox.url,
    sandbox,
    browser,
    newSession,
    async close() {
      await browser.close().catch(() => {});
      await sandbox.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * ZAF's SDK from Zendesk's CDN URL, as the packaged pages ask for it, answered in `context` with the sandbox's local
 * copy (the npm package, scripts/lib/zaf-sdk.mjs): the tests never reach the internet. Returns the list of loads
 * (the URL of each frame that asked), which grows as pages load.
 */
export async function routeZafSdk(context, sandboxUrl) {
  const loads = [];
  await context.route(ZAF_SDK_URL, async (route) => {
    loads.push(route.request().frame()?.url() ?? '');
    const local = await fetch(`${sandboxUrl}${ZAF_SDK_LOCAL_PATH}`);
    await route.fulfill({
      status: local.status,
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
      body: Buffer.from(await local.arrayBuffer()),
    });
  });
  return loads;
}

/** A file-name-safe version of a test name. */
export function screenshotName(name) {
  return (
    String(name)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || 'screenshot'
  );
}

/** Full-page screenshot to test-results/screenshots/<test>.png; returns the path. */
export async function screenshot(page, name) {
  const file = path.join(SCREENSHOT_DIR, `${screenshotName(name)}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Poll the stand-in log until an entry matches (requests arrive asynchronously from the browser). */
export async function waitForLog(standIn, pred, what = 'a matching request', timeout = SEE_TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const log = await standIn.log();
    const hit = log.find(pred);
    if (hit) return hit;
    if (Date.now() > deadline) {
      const seen = log.map((e) => `${e.method} ${e.url} → ${e.status}`).join('\n  ');
      assert.fail(`the stand-in never received ${what}; it received:\n  ${seen || '(nothing)'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every request the stand-in received is an operation Zendesk's OpenAPI description documents. */
export function assertRequestsDocumented(log) {
  const undocumented = log.filter((e) => documentedOperation(e.method, e.url) === null);
  assert.deepEqual(
    undocumented.map((e) => `${e.method} ${e.url}`),
    [],
    'requests the stand-in received that Zendesk does not document',
  );
}

/** The JSON body of a logged request (the stand-in logs it parsed or as text). */
export function bodyOf(entry) {
  if (entry?.body == null) return null;
  if (typeof entry.body === 'string') {
    try {
      return JSON.parse(entry.body);
    } catch {
      return entry.body;
    }
  }
  return entry.body;
}

/** Path part of a logged url. */
export const pathOf = (entry) => String(entry.url).split('?')[0];

/** Retry `check` (which throws while not yet true) until it passes or `timeout` ms pass; rethrows the last error. */
export async function eventually(check, timeout = SEE_TIMEOUT, interval = 100) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The top bar's frame in `page`, once the app has started in it (its read-only debug handle window.adapterTopBar). */
export async function topBarFrame(page, timeout = SEE_TIMEOUT) {
  return eventually(async () => {
    const frame = page.frames().find((f) => f.url().includes('/app/assets/top_bar.html'));
    assert.ok(frame, 'the top-bar iframe exists');
    assert.equal(await frame.evaluate(() => typeof window.adapterTopBar), 'object', 'the app has started');
    return frame;
  }, timeout);
}

/** Wait until the element's text contains `text`; returns the whole text. */
export async function seeText(locator, text, timeout = SEE_TIMEOUT) {
  let last = '';
  try {
    return await eventually(async () => {
      last = (await locator.textContent({ timeout: 1000 })) ?? '';
      assert.ok(last.includes(text));
      return last;
    }, timeout);
  } catch {
    assert.fail(
      `expected to see ${JSON.stringify(text)}; saw ${JSON.stringify(last.replace(/\s+/g, ' ').slice(0, 600))}`,
    );
  }
}

/**
 * Run `body(s)` in a new session of `env` (settings and hash from `options`); screenshot and close whatever
 * happens. `options.clock`: Playwright's fake clock in every frame of the page (the top bar's core ticks included);
 * time still flows, and `s.context.clock.fastForward(ms)` jumps over retry schedules.
 */
export async function inSession(env, t, options, body) {
  const { clock = false, ...sessionOptions } = options ?? {};
  const s = await env.newSession(t, sessionOptions);
  try {
    if (clock) {
      await s.context.clock.install();
      await s.page.reload();
      await s.page.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
    }
    await body(s);
  } finally {
    await s.screenshot().catch(() => {});
    await s.close();
  }
}

/**
 * A call that joins an existing ticket writes its one comment when the agent is done with it (D420): once the call's
 * first write to ticket `ticketId` (its reopening) says the dial was confirmed, the agent hangs up and presses Done.
 */
export async function hangUpAndWrapUp(s, ticketId) {
  await s.waitForRequest(
    (e) => e.method === 'PUT' && pathOf(e) === `/api/v2/tickets/${ticketId}.json`,
    `PUT /api/v2/tickets/${ticketId}.json: the call joins the ticket`,
  );
  await s.key('hangUp').click();
  await s.key('done').click();
}

/** The workspace's telephony controls: a caller rings (the app's simulator plays it); returns the call id. */
export async function ringFrom(page, ani) {
  await page.fill('[data-testid=sim-ani]', ani);
  await page.fill('[data-testid=sim-attributes]', '{}');
  await page.click('[data-testid=sim-ring]');
  assert.equal(await page.getByTestId('sim-error').textContent(), '');
  return page.inputValue('[data-testid=sim-call-id]');
}
