// Screenshots of the real adapter for the app listing (assets/screenshot-<n>.png), taken from the sandbox in
// Debian's Chromium (issue 18 item 6, D357): 0 the home screen with its recent calls (a voicemail and a missed call
// waiting, an answered call with its ticket), 1 an incoming call with the caller found and their flags, 2 the call in
// progress with the caller card and the caller's recent tickets, 3 the wrap-up with the admin's wrap-up codes. Each is
// the whole agent workspace at 1024x768, full bleed, as Zendesk's listing asks (PNG, 1024x768 or 2048x1536, at most
// 500 KB; the package validator checks it). Realistic data only: the sandbox's hostile-text and oversized test records
// are left out of the seed, and the workspace's own telephony controls are hidden while each picture is taken.
// Usage: node scripts/take-screenshots.mjs (needs dist/app: scripts/build-app)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startSandbox } from '../sandbox/server.mjs';
import { createZendeskStandIn, defaultSeed } from '../sandbox/zendesk/stand-in.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './lib/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The sandbox's seed without its test payloads: the markup-named user, the script subject, the 10 KB subject. */
function listingSeed() {
  const seed = defaultSeed();
  const payload = (text) => /[<>]/.test(text ?? '') || (text ?? '').length > 200;
  const users = new Set(seed.users.filter((u) => payload(u.name)).map((u) => u.id));
  seed.users = seed.users.filter((u) => !users.has(u.id));
  seed.tickets = seed.tickets.filter((t) => !users.has(t.requester_id) && !payload(t.subject));
  return seed;
}

const SETTINGS = {
  telephonyConnector: 'simulator',
  wrapUpCodes: 'Resolved\nCallback needed\nBilling question\nWrong number',
};

const stateDir = await mkdtemp(path.join(os.tmpdir(), 'screens-'));
const sandbox = await startSandbox({
  port: 0,
  appDir: path.join(root, 'dist/app'),
  standIn: createZendeskStandIn({ stateFile: path.join(stateDir, 'state.json'), seed: listingSeed() }),
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

const shots = [];
/**
 * The whole workspace as the agent sees it: the page at its top, the workspace's main view on `hash` when given
 * (a ticket or profile without the app's own comment markers), the app's pane at its top when `paneTop`.
 */
async function shoot(page, n, { hash = null, paneTop = false } = {}) {
  if (hash !== null) await page.evaluate((h) => (location.hash = h), hash);
  if (paneTop) {
    const frame = page.frames().find((f) => f.url().includes('/app/assets/top_bar.html'));
    await frame?.evaluate(() => {
      for (const el of document.querySelectorAll('*')) if (el.scrollTop > 0) el.scrollTop = 0;
      document.activeElement?.blur?.();
    });
  }
  // The workspace's telephony controls are the sandbox's, not Zendesk's: out of the picture.
  const hidden = await page.addStyleTag({
    content:
      'aside.controls { display: none !important; } .layout { grid-template-columns: 260px minmax(0, 1fr) !important; }',
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(600); // let the last render settle
  const file = path.join(root, 'assets', `screenshot-${n}.png`);
  await page.screenshot({ path: file });
  await hidden.evaluate((el) => el.remove());
  shots.push(path.relative(root, file));
}

// The workspace's controls, as a contact center would ring the agent.
async function ring(page, { ani, queue = '', menuPath = '', language = '', attributes = {} }) {
  await page.fill('[data-testid=sim-ani]', ani);
  await page.fill('[data-testid=sim-menu-path]', menuPath);
  await page.fill('[data-testid=sim-queue-id]', queue ? `q-${queue.toLowerCase()}` : '');
  await page.fill('[data-testid=sim-queue-name]', queue);
  await page.fill('[data-testid=sim-language]', language);
  await page.fill('[data-testid=sim-attributes]', JSON.stringify(attributes));
  await page.click('[data-testid=sim-ring]');
}

try {
  const response = await fetch(`${sandbox.url}/sandbox/settings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(SETTINGS),
  });
  if (!response.ok) throw new Error(`the sandbox refused the settings: ${response.status}`);
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(`${sandbox.url}/`);
  await page.waitForSelector('body[data-ready=true]');
  await page.evaluate(() => window.sandbox.openPopover());
  const app = page.frameLocator('[data-testid=topbar-iframe]');
  await app.locator('[data-key=dialPad]').waitFor();

  // 1: Jürgen calls the billing line; Zendesk found him, the IVR says he is a verified, repeat customer.
  await ring(page, {
    ani: '+49 30 5550 1234',
    queue: 'Billing',
    menuPath: 'Billing > Invoice',
    language: 'de',
    attributes: { reserved_verified_customer: true, reserved_repeat_customer: true },
  });
  await app.locator('[data-key=answer]').waitFor();
  await app.locator('.cti-caller__name bdi').waitFor();
  await shoot(page, 1);

  // 2: on the call, his ticket popped in the workspace, his earlier tickets on the card, a note being typed.
  await app.locator('[data-key=answer]').click();
  await app.locator('[data-key=hangUp]').waitFor();
  await app.locator('.cti-card-tickets__open').first().waitFor();
  await app.locator('[data-key=note]').fill('Asked for a corrected invoice for October; sending it today.');
  await shoot(page, 2, { paneTop: true });

  // 3: the wrap-up, a code chosen.
  await page.click('[data-testid=sim-hang-up]');
  await app.locator('[data-key=done]').waitFor();
  await app.getByRole('radio', { name: 'Billing question' }).click();
  await shoot(page, 3, { hash: '#/users/10' });
  await app.locator('[data-key=done]').click();

  // 0: home — a caller who gave up before the answer, a voicemail, and the call above with its ticket.
  await app.locator('[data-key=dialPad]').waitFor();
  await ring(page, { ani: '+47 22 55 50 10', queue: 'Support' });
  await app.locator('[data-key=answer]').waitFor();
  await page.click('[data-testid=sim-abandon]');
  await app.locator('.cti-recent__item[data-kind=missed]').waitFor();
  await ring(page, { ani: '+972 3-555-0123', queue: 'Support' });
  await app.locator('[data-key=answer]').waitFor();
  await page.click('[data-testid=sim-voicemail]');
  await app.locator('.cti-recent__item[data-kind=voicemail]').waitFor();
  await app.locator('.cti-recent__item[data-kind=inbound] button.cti-recent__ticket').waitFor();
  await shoot(page, 0, { hash: '#/tickets/43' });
  console.log(`take-screenshots: ${shots.sort().join(', ')}`);
} finally {
  await browser.close();
  await sandbox.close();
  await rm(stateDir, { recursive: true, force: true });
}
