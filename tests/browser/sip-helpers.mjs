// SIP browser-test helpers: the sandbox with its real SIP server (Kamailio, started by the test on free ports), a
// headless Chromium with fake media devices, agents (the workspace with the app on the `sip` connector, one
// browser context per agent) and customers (the sandbox's customer phone page, one context per phone).
//
//   const env = await startSipEnv();                  // before(): sandbox + Kamailio + Chromium
//   const agent = await env.agent(t, {settings});     // agent 5 (or {agentId: 6}), registered, popover ready
//   const phone = await env.phone('+14155550199');    // registered customer phone
//   ... agent.view(), agent.sip.stats(), phone.state(), env.comments(ticketId)
//
// Waits are on what the pages show (the app's view model, the phone page's data attributes), never sleeps.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startSandbox } from '../../sandbox/server.mjs';
import { MEDIA_ARGS, chromiumOptions } from '../../scripts/lib/chromium.mjs';
import { APP_DIR, eventually, screenshot, SCREENSHOT_DIR, SEE_TIMEOUT, waitForLog } from './helpers.mjs';

/** A SIP call crosses two browsers and Kamailio: allow for ICE and DTLS on a loaded 2-core machine. */
export const CALL_TIMEOUT = 20_000;

export async function startSipEnv({ credentialLifetimeSec, ringTimeoutSec = 30 } = {}) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'adapter-sip-'));
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    appDir: APP_DIR,
    stateFile: path.join(tmp, 'stand-in-state.json'),
    sip: { wsPort: 0, ringTimeoutSec },
    ...(credentialLifetimeSec ? { credentialLifetimeSec } : {}),
  });
  const browser = await chromium.launch(chromiumOptions(tmp, MEDIA_ARGS));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const contexts = new Set();

  async function post(route, body) {
    const res = await fetch(`${sandbox.url}/sandbox/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? '' : JSON.stringify(body),
    });
    assert.equal(res.status, 200, `POST /sandbox/${route}: HTTP ${res.status} ${await res.text().catch(() => '')}`);
    return res.json().catch(() => null);
  }

  async function newContext() {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, permissions: ['microphone'] });
    contexts.add(context);
    return context;
  }

  /**
   * Reset the stand-in and set the app's settings (the sip connector, DTMF by SIP INFO so the customer page can
   * see digits: RFC 4733 digits travel in RTP, which no browser API reports).
   */
  async function reset(settings = {}) {
    await post('settings', { telephonyConnector: 'sip', sipDtmf: 'info', ...settings });
    await post('reset');
  }

  /** An agent's workspace with the app, registered on the SIP server. */
  async function agent(t, { agentId = 5, settings, resetFirst = true } = {}) {
    if (resetFirst) await reset(settings);
    const context = await newContext();
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(String(err?.message ?? err)));
    await page.goto(`${sandbox.url}/${agentId === 5 ? '' : `?agent=${agentId}`}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
    const frame = () =>
      eventually(async () => {
        const f = page.frames().find((x) => x.url().includes('/app/assets/top_bar.html'));
        assert.ok(f, 'the top-bar iframe exists');
        assert.equal(
          await f.evaluate(() => typeof window.adapterTopBar?.sip),
          'object',
          'the app runs the sip connector',
        );
        return f;
      });
    const inTopBar = async (fn, arg) => (await frame()).evaluate(fn, arg);
    const a = {
      page,
      context,
      pageErrors,
      topBar: page.frameLocator('[data-testid=topbar-iframe]'),
      key: (k) => page.frameLocator('[data-testid=topbar-iframe]').locator(`[data-key="${k}"]`),
      view: () => inTopBar(() => window.adapterTopBar.view()),
      registration: () => inTopBar(() => window.adapterTopBar.sip.registration()),
      callIds: () => inTopBar(() => window.adapterTopBar.sip.callIds()),
      media: () => inTopBar(() => window.adapterTopBar.sip.media()),
      /** The live call's microphone: its tracks, how many the peer connection sends, how many are enabled. */
      async microphone(callId) {
        const id = callId ?? (await a.callIds())[0];
        return inTopBar((x) => window.adapterTopBar.sip.microphone(x), id);
      },
      /** RTP byte counters of the agent's live call (the only one, or `callId`). */
      async stats(callId) {
        const id = callId ?? (await a.callIds())[0];
        return inTopBar((x) => window.adapterTopBar.sip.stats(x), id);
      },
      /** Waits until `check(view)` holds (it throws while not); returns the view. */
      waitForView: (check, timeout = SEE_TIMEOUT) =>
        eventually(async () => {
          const v = await a.view();
          check(v);
          return v;
        }, timeout),
      waitRegistered: (timeout = CALL_TIMEOUT) =>
        eventually(async () => assert.deepEqual(await a.registration(), { online: true, code: null }), timeout, 200),
      async openPopover() {
        if ((await page.getAttribute('[data-testid=topbar-popover]', 'data-open')) !== 'true')
          await page.click('[data-testid=topbar-app-icon]');
        await page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });
      },
      screenshot: (name) => screenshot(page, `${t.name} (${name ?? `agent ${agentId}`})`),
    };
    await a.waitRegistered();
    return a;
  }

  /** The customer phone page registered as `number` (E.164); `autoAnswer` answers the agent's calls by itself. */
  async function phone(number, { autoAnswer = false } = {}) {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/phone?number=${encodeURIComponent(number)}${autoAnswer ? '&autoAnswer=1' : ''}`);
    await page.waitForSelector('body[data-registration=registered]', { timeout: CALL_TIMEOUT });
    const p = {
      page,
      context,
      state: () => page.evaluate(() => window.customerPhone.state()),
      events: () => page.evaluate(() => window.customerPhone.events()),
      stats: () => page.evaluate(() => window.customerPhone.getStats()),
      /** Waits until the phone's call state is `call` (idle, calling, ringing-out, ringing-in, connected, ended). */
      waitCall: (call, timeout = CALL_TIMEOUT) => page.waitForSelector(`body[data-call=${call}]`, { timeout }),
      /** Calls the agent through the sandbox IVR with these journey fields (the page's own form). */
      async callAgent({
        agentId = 5,
        queueId = 'q-billing',
        queueName = 'Billing',
        menuPath = 'Main > Billing',
        language = 'en',
        voicemail = false,
      } = {}) {
        await page.selectOption('[data-testid=ivr-agent]', String(agentId));
        await page.fill('[data-testid=ivr-queue-id]', queueId);
        await page.fill('[data-testid=ivr-queue-name]', queueName);
        await page.fill('[data-testid=ivr-menu-path]', menuPath);
        await page.fill('[data-testid=ivr-language]', language);
        await page.click(voicemail ? '[data-testid=phone-voicemail]' : '[data-testid=phone-call]');
        assert.equal(await page.getByTestId('phone-error').textContent(), '', 'the phone page shows no error');
      },
      screenshot: (name) => screenshot(page, name),
    };
    return p;
  }

  return {
    url: sandbox.url,
    sandbox,
    browser,
    reset,
    post,
    agent,
    phone,
    /** The comments Zendesk now holds on the ticket, oldest first. */
    comments: (ticketId) => sandbox.standIn.state().comments?.[ticketId] ?? [],
    ticket: (ticketId) => sandbox.standIn.state().tickets.find((x) => x.id === ticketId),
    log: () => sandbox.standIn.log(),
    waitForRequest: (pred, what, timeout = SEE_TIMEOUT) => waitForLog(sandbox.standIn, pred, what, timeout),
    /** Close every agent and phone of the test that ran (the SIP server and the browser stay). */
    async closePages() {
      for (const c of contexts) await c.close().catch(() => {});
      contexts.clear();
    },
    async close() {
      await browser.close().catch(() => {});
      await sandbox.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/** Waits until the counter read by `read()` grows by more than `minBytes` within `timeout`; returns the growth. */
export async function growth(read, { minBytes = 500, timeout = 6000 } = {}) {
  const start = await read();
  return eventually(
    async () => {
      const now = await read();
      assert.ok(now - start > minBytes, `grew by ${now - start} bytes (want > ${minBytes})`);
      return now - start;
    },
    timeout,
    250,
  );
}

/** The growth of `read()` over `ms` (for "media stopped": it should stay small). */
export async function growthOver(read, ms) {
  const start = await read();
  await new Promise((r) => setTimeout(r, ms));
  return (await read()) - start;
}

/** Nothing pending or failed in the agent's sync state. */
export function allSaved(v) {
  assert.equal(v?.sync?.pending, 0, 'writes pending');
  assert.equal(v?.sync?.failed, 0, 'writes failed');
}

/** The agent clicks Done on the wrap-up and waits for the main screen with everything saved. */
export async function finishWrapUp(agent) {
  await agent.key('done').click();
  await agent.waitForView((v) => {
    assert.equal(v.screen, 'main');
    allSaved(v);
  }, 30_000);
}
