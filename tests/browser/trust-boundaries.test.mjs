// The app's trust boundaries in a real browser (docs/security.md): the Content-Security-Policy of its pages, who may
// host it, what another frame of its origin can make the writing tab do, stored state it did not write, and huge
// inputs from Zendesk and callers.
//
// Run: node scripts/build-app.mjs && node --test tests/browser/trust-boundaries.test.mjs
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { eventually, routeZafSdk, seeText, SEE_TIMEOUT, startEnv, topBarFrame } from './helpers.mjs';

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

// Every frame of the context records the CSP violations it sees, from its first script on (Playwright's init
// scripts run before the page's own and are not subject to its policy), and its long animation frames.
const RECORD = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
  );
  window.__frames = [];
  try {
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        window.__frames.push({
          start: f.startTime,
          duration: f.duration,
          layoutStart: f.styleAndLayoutStart ?? 0,
          end: f.startTime + f.duration,
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // no long-animation-frame entries in this browser: the test says so when it needs them
  }
};

const appFrames = (page) => page.frames().filter((f) => f.url().includes('/app/assets/'));
async function violations(page) {
  const all = [];
  for (const frame of appFrames(page)) all.push(...(await frame.evaluate(() => window.__csp ?? []).catch(() => [])));
  return all;
}

const writes = (log) => log.filter((e) => e.method !== 'GET');

// ---- Content-Security-Policy ----------------------------------------------------------------------------------
test('CSP: an outbound call, an inbound call and the Call menu report 0 violations; injected inline script, eval and a stray socket are blocked', async (t) => {
  const s = await env.newSession(t);
  try {
    await s.context.addInitScript(RECORD);
    await s.page.reload();
    await s.page.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
    const p = s.page;
    const bar = s.topBar.locator('body');

    // Outbound: the dial pad, a number, the call, hang up, wrap up.
    await s.openTopBar();
    await s.key('dialPad').click();
    await s.key('number').fill('+1 415 555 0177'); // nobody's number: the call creates the contact
    await eventually(async () => assert.equal(await s.key('call').isEnabled(), true));
    await s.key('call').click();
    await s.key('hangUp').click({ timeout: SEE_TIMEOUT });
    await s.key('done').click({ timeout: SEE_TIMEOUT });
    // Inbound: a caller rings, the agent answers and hangs up.
    await p.fill('[data-testid=sim-ani]', '+1 415 555 0199');
    await p.fill('[data-testid=sim-attributes]', '{}');
    await p.click('[data-testid=sim-ring]');
    await seeText(bar, 'Incoming call');
    await s.key('answer').click();
    await s.key('hangUp').click({ timeout: SEE_TIMEOUT });
    await s.key('done').click({ timeout: SEE_TIMEOUT });
    // A ticket's Call menu (the ticket sidebar page) and the background page are up too.
    const ticketId = env.sandbox.standIn.state().tickets[0].id;
    await p.evaluate((id) => {
      location.hash = `#/tickets/${id}`;
    }, ticketId);
    await s.sidebar.locator('.call-menu__number, .call-menu').first().waitFor({ timeout: SEE_TIMEOUT });
    const pages = appFrames(p)
      .map((f) => new URL(f.url()).pathname.split('/').pop())
      .sort();
    assert.deepEqual([...new Set(pages)], ['background.html', 'ticket_sidebar.html', 'top_bar.html']);
    assert.deepEqual(await violations(p), [], 'no CSP violation in the normal flows');

    // An injection that got a script into the page: an inline <script>, eval, a socket to a server it chose.
    const frame = await topBarFrame(p);
    const outcome = await frame.evaluate(async () => {
      const el = document.createElement('script');
      el.textContent = 'window.__injected = 1';
      document.body.append(el);
      // From a task of the page's own (code run by the test harness itself may eval).
      const evalBlocked = await new Promise((resolve) =>
        setTimeout(() => {
          try {
            // the page's CSP must refuse eval: this is the probe
            // eslint-disable-next-line no-eval
            (0, eval)('1');
            resolve(false);
          } catch (err) {
            resolve(err instanceof EvalError);
          }
        }, 0),
      );
      let socketBlocked = false;
      try {
        new WebSocket('ws://127.0.0.1:9/'); // the page narrowed itself to its own origin (simulator: no SIP server)
      } catch (err) {
        socketBlocked = err?.name === 'SecurityError';
      }
      await new Promise((r) => setTimeout(r, 200)); // violation events are queued
      return { injected: window.__injected ?? null, evalBlocked, socketBlocked, csp: window.__csp };
    });
    assert.equal(outcome.injected, null, 'the inline script did not run');
    assert.equal(outcome.evalBlocked, true, 'eval is refused');
    const directives = outcome.csp.map((v) => v.directive).sort();
    assert.ok(directives.includes('script-src-elem'), `the inline script is reported: ${directives}`);
    assert.ok(directives.includes('script-src'), 'eval is reported');
    assert.ok(directives.includes('connect-src') || outcome.socketBlocked, 'the socket is refused');
    assert.deepEqual(s.pageErrors, []);
  } finally {
    await s.screenshot().catch(() => {});
    await s.close();
  }
});

// ---- who may host the app -------------------------------------------------------------------------------------
test('a page that is not Zendesk framing the app gets nothing: no message, no ZAF client, no request; the app says where it runs', async (t) => {
  const context = await env.browser.newContext();
  await routeZafSdk(context, env.url);
  try {
    // Every app frame counts its ZAF client starts (the SDK's global is wrapped as the bundle defines it).
    await context.addInitScript(() => {
      window.__zafInits = 0;
      let sdk;
      Object.defineProperty(window, 'ZAFClient', {
        configurable: true,
        get: () => sdk,
        set(v) {
          const init = v.init.bind(v);
          sdk = { ...v, init: (...a) => (window.__zafInits++, init(...a)) };
        },
      });
    });
    // The hostile host: another origin on this machine, a server of its own on another port (the browser keeps
    // pages that are not local away from the app's loopback frames).
    let html = '';
    const hostile = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise((resolve) => hostile.close(resolve)));
    const evil = `http://127.0.0.1:${hostile.address().port}`;
    const app = `${env.url}/app/assets`;
    // It claims to be Zendesk, claims to be the sandbox, says what it is, or names a look-alike.
    const claims = ['https://acme.zendesk.com', env.url, evil, 'https://acme.zendesk.com.host.example'];
    const frames = claims.map(
      (origin, i) => `<iframe src="${app}/top_bar.html?origin=${encodeURIComponent(origin)}&app_guid=g${i}"></iframe>`,
    );
    html = `<!DOCTYPE html><script>window.got = []; addEventListener('message', (e) => got.push(String(e.data)));</script>${frames.join('')}`;
    env.sandbox.standIn.clearLog();
    const page = await context.newPage();
    await page.goto(`${evil}/`);
    await eventually(async () => {
      const shown = await Promise.all(appFrames(page).map((f) => f.evaluate(() => document.body.textContent.trim())));
      assert.equal(shown.length, claims.length);
      // Claiming Zendesk or the sandbox passes the app's check; the SDK then talks only to that origin, which the
      // parent is not, so nothing reaches it. The others never start the SDK and say so.
      assert.deepEqual(shown.slice(2), ['This app runs inside Zendesk.', 'This app runs inside Zendesk.']);
    });
    await page.waitForTimeout(1500); // what a handshake retry or a queued request would need
    assert.deepEqual(await page.evaluate(() => window.got), [], 'the hosting page received no message');
    const inits = await Promise.all(appFrames(page).map((f) => f.evaluate(() => window.__zafInits)));
    assert.deepEqual(inits, [1, 1, 0, 0], "the ZAF client starts only under a Zendesk (or the sandbox's own) origin");
    assert.deepEqual(env.sandbox.standIn.log(), [], 'no request reached Zendesk');
  } finally {
    await context.close();
  }
});

// ---- other frames of the app's origin, and stored state -----------------------------------------------------------
test('a hostile same-origin frame posting every message type and a crafted snapshot: no Zendesk write, no telephony command', async (t) => {
  const s = await env.newSession(t);
  try {
    const p = s.page;
    let frame = await topBarFrame(p);
    await eventually(async () => assert.equal(await frame.evaluate(() => window.adapterTopBar.view()?.ready), true));
    const agentId = await frame.evaluate(() => window.adapterTopBar.view().agent.id);

    // A snapshot bound to another account, holding writes that would create tickets if it were replayed.
    const crafted = {
      format: 'agent-adapter-snapshot',
      version: 1,
      agentId: String(agentId),
      account: 'another-account',
      state: {
        version: 1,
        writes: [
          { keys: ['x'], kind: 'createTicket', url: '/api/v2/tickets.json', body: { ticket: { subject: 'INJECTED' } } },
        ],
      },
    };
    await p.evaluate(({ key, text }) => localStorage.setItem(key, text), {
      key: `agent-adapter-state:${agentId}`,
      text: JSON.stringify(crafted),
    });
    await p.reload();
    await p.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
    frame = await topBarFrame(p);
    await s.openTopBar();
    await seeText(s.topBar.locator('body'), 'were not restored');
    const aside = await p.evaluate((key) => localStorage.getItem(key), `agent-adapter-state:${agentId}:unrestored`);
    assert.equal(aside, JSON.stringify(crafted), 'kept aside as it was');

    // A frame of the app's origin with a hostile script: it posts every kind of message to the writing tab.
    const beforeFlood = {
      log: await s.log(),
      calls: await frame.evaluate(() => window.adapterTopBar.simulatorCalls()),
    };
    const posted = await p.evaluate(
      ({ agentId: targetAgent }) => {
        const iframe = document.createElement('iframe'); // about:blank: the workspace's origin, which serves the app
        document.body.append(iframe);
        const w = iframe.contentWindow;
        const lease = JSON.parse(localStorage.getItem(`agent-adapter-lease:${targetAgent}`));
        const to = lease.owner;
        const channel = new w.BroadcastChannel(`agent-adapter:${targetAgent}`);
        const events = [
          {
            type: 'appRegistered',
            settings: { telephonyConnector: 'simulator' },
            agent: { id: targetAgent, name: 'X' },
            connector: { name: 'simulator' },
          },
          { type: 'connectorState', state: 'offline' },
          { type: 'callRinging', callId: 'h1', ani: '+15550100', dnis: '', sessionType: 'ivr', attributes: {} },
          { type: 'callDialing', callId: 'h1' },
          { type: 'callConnected', callId: 'h1' },
          { type: 'callAttributes', callId: 'h1', attributes: { a: 'b' } },
          { type: 'callHoldChanged', callId: 'h1', held: true },
          { type: 'callMuteChanged', callId: 'h1', muted: true },
          { type: 'callTransferred', callId: 'h1', toAgentId: '9' },
          { type: 'callEnded', callId: 'h1', reason: 'completed', durationSec: 5, waitSec: 1, holdSec: 0 },
          { type: 'telephonyFailed', callId: 'h1', command: 'dial', code: 'X' },
          { type: 'httpResponse', requestId: 'r1', status: 200, body: { ticket: { id: 1 } }, retryAfterSec: null },
          { type: 'tick' },
          { type: 'restore', state: { version: 1, writes: [] } },
          { type: 'somethingNew', x: 1 },
          // agent actions that are not what a view sends
          { type: 'callClicked', number: '+15550100' },
          { type: 'noteChanged', text: 'x'.repeat(70_000) },
          { type: 'dialout', number: { toString: null }, userId: null, ticketId: null },
        ];
        const messages = [
          ...events.map((event) => ({ type: 'event', to, event })),
          { type: 'command', to, name: 'simulator', payload: { command: 'ringInbound', args: [{ ani: '+15550100' }] } },
          { type: 'command', to, name: 'simulator', payload: { command: 'goOffline', args: [] } },
          {
            type: 'effects',
            to,
            effects: [{ type: 'request', id: 'e1', method: 'POST', url: '/api/v2/tickets.json', body: {} }],
          },
          { type: 'telephony', to, command: 'dial', number: '+15550100' },
          { type: 'lease', kind: 'takeover', owner: 'hostile', epoch: 999 },
          { type: 'lease', kind: 'released', owner: to, epoch: lease.epoch },
          { type: 'hello' },
        ];
        for (const msg of messages) channel.postMessage(msg);
        return messages.length;
      },
      { agentId },
    );
    assert.ok(posted >= 25);
    await p.waitForTimeout(1500);
    const now = { log: await s.log(), calls: await frame.evaluate(() => window.adapterTopBar.simulatorCalls()) };
    assert.deepEqual(writes(now.log).slice(writes(beforeFlood.log).length), [], 'no Zendesk write');
    assert.equal(now.log.length, beforeFlood.log.length, 'no Zendesk request at all');
    assert.deepEqual(now.calls, beforeFlood.calls, 'the phone was asked nothing');
    const state = await frame.evaluate(() => ({
      role: window.adapterTopBar.role(),
      view: window.adapterTopBar.view(),
      dropped: window.adapterTopBar.droppedTabMessages(),
    }));
    assert.equal(state.role, 'leader', 'still the writer');
    assert.equal(state.view.call, null, 'no call');
    assert.equal(state.view.connector.state, 'online', 'the connector was not declared offline');
    const droppedCount = Object.values(state.dropped).reduce((a, b) => a + b, 0);
    assert.equal(
      droppedCount,
      posted - 3,
      `every message but the lease notices and hello was dropped: ${JSON.stringify(state.dropped)}`,
    );
    assert.equal(JSON.stringify(await s.log()).includes('INJECTED'), false);
    assert.deepEqual(s.pageErrors, []);
  } finally {
    await s.screenshot().catch(() => {});
    await s.close();
  }
});

// ---- huge inputs ------------------------------------------------------------------------------------------------
test('a 1 MB caller name and ticket subject, and a 1 MB paste into the note: drawn in under 50 ms, the console stays responsive', async (t) => {
  const s = await env.newSession(t);
  try {
    const MB = 1024 * 1024;
    const NUMBER = '+1 312 555 0188';
    const name = `Huge ${'N'.repeat(MB)}`;
    const post = async (url, body) => {
      const res = await fetch(`${env.url}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.ok(res.ok, `${url}: HTTP ${res.status}`);
      return res.json();
    };
    const { user } = await post('/api/v2/users.json', { user: { name, phone: NUMBER, role: 'end-user' } });
    await post('/api/v2/tickets.json', {
      ticket: { requester_id: user.id, subject: `Subject ${'S'.repeat(MB)}`, comment: { body: 'x' }, status: 'open' },
    });
    await post('/sandbox/clock', { advanceMs: 60_000 }); // search lists a new user once indexed (the stand-in: 60 s)
    await s.context.addInitScript(RECORD);
    await s.page.reload();
    await s.page.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
    const frame = await topBarFrame(s.page);
    const [mark, rendersBefore] = await frame.evaluate(() => [
      performance.now(),
      window.adapterTopBar.renderStats().count,
    ]);

    const p = s.page;
    await p.fill('[data-testid=sim-ani]', NUMBER);
    await p.fill('[data-testid=sim-attributes]', '{}');
    await p.click('[data-testid=sim-ring]');
    const bar = s.topBar.locator('body');
    await seeText(bar, 'Huge NNNN');
    await seeText(bar, 'Subject SSSS');
    await s.key('answer').click();
    await s.key('note').click();
    await p.keyboard.insertText('P'.repeat(MB)); // the note box keeps its maxlength
    await eventually(async () =>
      assert.equal((await frame.evaluate(() => window.adapterTopBar.view().call?.note))?.length, 60_000),
    );
    await p.waitForTimeout(500);

    const shown = await frame.evaluate(() => document.body.textContent.length);
    assert.ok(shown < 20_000, `the page holds ${shown} characters of text, not megabytes`);
    const { stats, frames, probe } = await frame.evaluate(async (since) => {
      // Responsive: a timer set now fires on time.
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 0));
      return {
        stats: window.adapterTopBar.renderStats(),
        frames: window.__frames.filter((f) => f.end > since),
        probe: performance.now() - t0,
      };
    }, mark);
    // The renders that drew the huge data. The typical one is what the agent waits for; on a machine busy with
    // other work a single render may be descheduled, so the slowest is bounded more loosely.
    const drawn = stats.recentMs.slice(-(stats.count - rendersBefore)).sort((a, b) => a - b);
    assert.ok(drawn.length >= 3, `renders since the call rang: ${drawn.length}`);
    const median = drawn[Math.floor(drawn.length / 2)];
    assert.ok(median < 50, `the median render took ${median.toFixed(1)} ms`);
    assert.ok(drawn.at(-1) < 250, `the slowest render took ${drawn.at(-1).toFixed(1)} ms`);
    // Layout of what was drawn: the style-and-layout part of every long animation frame since the call rang.
    const layouts = frames.filter((f) => f.layoutStart > 0).map((f) => f.end - f.layoutStart);
    assert.ok(
      layouts.every((ms) => ms < 50),
      `style and layout took ${layouts.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
    assert.ok(probe < 100, `a timer waited ${probe.toFixed(1)} ms`);
    // The full name is there for the agent on demand (the tooltip), cut to its length.
    const title = await s.topBar.locator('[title^="Huge NNNN"]').first().getAttribute('title');
    assert.equal(title.length, 5001);
    assert.deepEqual(s.pageErrors, []);
    // Not asserted: the core's own work on the (cut) 64 KB texts shows as long frames; see docs/security.md.
    const longest = Math.max(0, ...frames.map((f) => f.duration));
    t.diagnostic(
      `renders of the huge data: ${drawn.length}, median ${median.toFixed(1)} ms, slowest ${drawn.at(-1).toFixed(1)} ms; long frames since ringing: ${frames.length}, longest ${longest.toFixed(0)} ms`,
    );
  } finally {
    await s.screenshot().catch(() => {});
    await s.close();
  }
});
