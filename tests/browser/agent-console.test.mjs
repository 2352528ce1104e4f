// The agent's console at the popover's 320 × 480 (issue 18 items 1, 2 and 5), in one page: the status chosen by
// keyboard and shown on the top-bar icon, the desktop notification of a call that rings while the pane is away
// (permission asked from a click), the live region, focus after Dial pad / Answer / Hang up / Done, the home
// screen's recent calls (a missed call kept across a reload until Handled, Call back through the outbound view,
// the ticket opened), one-line texts with their whole text in a title, no clipped button, and the page's lang.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SEE_TIMEOUT, eventually, inSession, ringFrom, seeText, startEnv } from './helpers.mjs';

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

// A stand-in for the browser's Notification in every frame: what the app shows is recorded on window.__notes of
// the top bar, and the permission the agent gives is `granted` (headless Chromium has no notification centre).
function fakeNotifications() {
  const notes = [];
  class FakeNotification {
    static permission = 'default';
    static requestPermission() {
      FakeNotification.permission = 'granted';
      return Promise.resolve('granted');
    }
    constructor(title, options) {
      notes.push({ title, body: options?.body ?? '' });
    }
    close() {}
  }
  window.Notification = FakeNotification;
  window.__notes = notes;
}

test('issue 18: status, attention, recent calls, focus and fit at 320 × 480', async (t) => {
  await inSession(env, t, {}, async (s) => {
    await s.context.addInitScript(fakeNotifications);
    await s.page.reload();
    await s.page.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
    await s.openTopBar();
    const bar = s.topBar.locator('body');
    const frame = s.page.frameLocator('[data-testid=topbar-iframe]');
    const icon = () => s.page.getAttribute('[data-testid=topbar-app-icon]', 'data-icon-symbol');
    const focused = () => frame.locator(':focus').getAttribute('data-key');
    const announced = (text) => seeText(frame.getByTestId('announce'), text);
    await s.key('dialPad').waitFor({ timeout: SEE_TIMEOUT });

    // 5: the popover is 320 wide; the page speaks the agent's language.
    const box = await s.page.locator('[data-testid=topbar-iframe]').boundingBox();
    assert.equal(Math.round(box.width), 320);
    assert.equal(await frame.locator('html').getAttribute('lang'), 'en');

    // 1: the status radio group, by keyboard: an arrow chooses; the icon and the live region follow.
    const available = frame.locator('[role=radio][data-status=available]');
    assert.equal(await available.getAttribute('aria-checked'), 'true');
    await available.focus();
    await s.page.keyboard.press('ArrowRight');
    await eventually(async () => assert.equal(await icon(), 'away'));
    assert.equal(await frame.locator('[data-status=away]').getAttribute('aria-checked'), 'true');
    await announced('Your status: Away');
    await s.page.keyboard.press('ArrowLeft');
    await eventually(async () => assert.equal(await icon(), 'default'));

    // 1: notifications are asked for from the agent's click, once.
    await frame.getByText('Notify me of calls').click();
    await frame.getByText('Notify me of calls').waitFor({ state: 'detached', timeout: SEE_TIMEOUT });

    // 1: the agent closes the popover; a call rings: a desktop notification, the ringing icon, the pane opens,
    // the live region announces it.
    await s.page.click('[data-testid=topbar-app-icon]');
    await s.page.waitForSelector('[data-testid=topbar-popover][data-open=false]', {
      state: 'attached',
      timeout: SEE_TIMEOUT,
    });
    await ringFrom(s.page, '+49 30 5550 1234');
    await s.page.waitForSelector('[data-testid=topbar-popover][data-open=true]', { timeout: SEE_TIMEOUT });
    await eventually(async () => assert.equal(await icon(), 'ringing'));
    await announced('Incoming call from');
    const notes = await eventually(async () => {
      const topBar = s.page.frames().find((f) => f.url().includes('top_bar'));
      const n = await topBar?.evaluate(() => window.__notes);
      assert.equal(n?.length, 1);
      return n;
    });
    assert.equal(notes[0].title, 'Incoming call');

    // 5: focus goes on: Answer (by keyboard) → Hang up → (hung up) the call note → Done → Dial pad.
    await s.key('answer').focus();
    await s.page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await focused(), 'hangUp'));
    assert.equal(await icon(), 'onCall');
    await s.page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await frame.locator(':focus').evaluate((e) => e.tagName), 'TEXTAREA'));
    assert.equal(await icon(), 'wrapUp');
    await s.key('done').click();
    await s.key('dialPad').waitFor({ timeout: SEE_TIMEOUT });

    // 2: the answered call is on the home screen with its ticket, which opens in Zendesk.
    const answered = frame.locator('.cti-recent__item[data-kind=inbound]');
    await answered.locator('.cti-recent__ticket').waitFor({ timeout: SEE_TIMEOUT });
    await eventually(async () =>
      assert.match(await answered.locator('button.cti-recent__ticket').textContent(), /#\d+/),
    );
    await answered.locator('button.cti-recent__ticket').click();
    await s.page.waitForFunction(() => /^#\/tickets\/\d+$/.test(location.hash), null, { timeout: SEE_TIMEOUT });

    // 2: a missed call stays listed, across a reload, until the agent marks it handled.
    await ringFrom(s.page, '+1 415 555 0177');
    await s.key('answer').waitFor({ timeout: SEE_TIMEOUT });
    await s.page.click('[data-testid=sim-abandon]');
    const missed = frame.locator('.cti-recent__item[data-kind=missed]');
    await missed.waitFor({ timeout: SEE_TIMEOUT });
    await seeText(bar, '1 to handle');
    await s.page.reload();
    await s.page.waitForSelector('body[data-ready=true]', { timeout: SEE_TIMEOUT });
    await s.openTopBar();
    await missed.waitFor({ timeout: SEE_TIMEOUT });
    assert.equal(await frame.locator('[data-status=available]').getAttribute('aria-checked'), 'true');

    // 5: nothing clipped at 320 px: every button's text fits; one-line texts carry their whole text in a title.
    const clipped = await frame.locator('button').evaluateAll((els) =>
      els
        .filter((e) => e.offsetParent !== null && !e.classList.contains('cti-truncate'))
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.textContent),
    );
    assert.deepEqual(clipped, []);
    const untitled = await frame
      .locator('.cti-truncate')
      .evaluateAll((els) => els.filter((e) => !e.getAttribute('title')).map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(untitled, []);
    const overflow = await frame.locator('html').evaluate((e) => e.scrollWidth - e.clientWidth);
    assert.ok(overflow <= 0, `the pane scrolls sideways by ${overflow}px`);
    await s.screenshot('agent-console-home-320');

    // 2: Call back opens the outbound view on the number (the outbound rules apply there); focus on the box.
    await missed.locator('[data-action=callBack]').click();
    await s.key('number').waitFor({ timeout: SEE_TIMEOUT });
    assert.match(await s.key('number').inputValue(), /415.*555.*0177/);
    assert.equal(await focused(), 'number');
    await s.page.keyboard.press('Escape');
    await s.key('dialPad').waitFor({ timeout: SEE_TIMEOUT });
    await missed.locator('[data-action=handled]').click();
    await missed.locator('[data-action=handled]').waitFor({ state: 'detached', timeout: SEE_TIMEOUT });
    await bar.getByText('1 to handle').waitFor({ state: 'detached', timeout: SEE_TIMEOUT });

    // 5: Dial pad → the number box.
    await s.key('dialPad').click();
    await eventually(async () => assert.equal(await focused(), 'number'));
  });
});
