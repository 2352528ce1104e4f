// Whether Zendesk has every change (BA-1 outbox): the status line under the header on every screen, and the
// list of writes still waiting or failed (main screen's sync section; the panel the status line opens on the
// other screens). Drawing only: states, counts and times come from view.sync; the agent's Retry / Discard
// are protocol events. Discarding loses data, so it takes a second, confirming click.
import { countdown } from '../countdown.js';
import { button } from '../widgets.js';
import { writeList } from './sync-writes.js';

const STATES = new Set(['saved', 'pending', 'paused', 'failed']);

/** view.sync with every field checked: {state, pending, failed, paused, pausedUntilMs, discarded, writes}. */
export function syncModel(sync) {
  const pending = Math.max(0, Number(sync?.pending) || 0);
  const failed = Math.max(0, Number(sync?.failed) || 0);
  const writes = Array.isArray(sync?.writes) ? sync.writes.filter((w) => w && typeof w === 'object') : [];
  const pausedUntilMs = Number.isFinite(sync?.pausedUntilMs) ? sync.pausedUntilMs : null;
  const derived = failed > 0 ? 'failed' : pausedUntilMs !== null ? 'paused' : pending > 0 ? 'pending' : 'saved';
  const state = STATES.has(sync?.state) ? sync.state : derived;
  // Failures outrank a pause in `state`; the pause still shows while writes wait (none is sent before then).
  const paused = state === 'paused' || (pausedUntilMs !== null && pending > 0 && state !== 'saved');
  const discarded = Math.max(0, Number(sync?.discarded) || 0); // given up by the agent, this page load
  return { state, pending, failed, paused, pausedUntilMs, discarded, writes };
}

/** Whether some countdown is still running at `nowMs` (render.js ticks while one is). */
export function countdownRunning(sync, nowMs) {
  const m = syncModel(sync);
  return (
    (m.pausedUntilMs !== null && m.pausedUntilMs > nowMs) ||
    m.writes.some((w) => Number.isFinite(w.nextAttemptMs) && w.nextAttemptMs > nowMs)
  );
}

// "1 failed · 2 waiting", "Paused by Zendesk's rate limit", "All changes saved in Zendesk". No countdown: this
// text sits in a live region and must only change when the state does.
function summaryText(t, m) {
  const parts = [];
  if (m.failed > 0) parts.push(t('ui.sync.failed', { count: m.failed }));
  if (m.paused) parts.push(t('ui.sync.paused'));
  else if (m.pending > 0) parts.push(t('ui.sync.waiting', { count: m.pending }));
  if (parts.length === 0) parts.push(t('ui.sync.saved'));
  return parts.join(' · ');
}

/**
 * The status line under the header, on every screen. A button: on the main screen it takes the agent to the
 * sync section; elsewhere it opens and closes the list (ui.syncOpen, drawn by syncPanel).
 */
export function syncIndicator(ctx, view, onMain) {
  const { h, t, ui } = ctx;
  const m = syncModel(view.sync);
  const open = !onMain && ui.syncOpen === true;
  const showCountdown = m.paused && m.pausedUntilMs !== null;
  return h('div', { key: 'syncbar', className: `cti-syncbar cti-syncbar--${m.state}` }, [
    h(
      'button',
      {
        key: 'syncToggle',
        className: 'cti-syncbar__toggle',
        attrs: {
          type: 'button',
          'aria-controls': onMain ? ctx.id('sync') : open ? ctx.id('sync-panel') : null,
          'aria-expanded': onMain ? null : String(open),
          title: open ? t('ui.sync.hideList') : t('ui.sync.showList'),
        },
        on: { click: () => (onMain ? goToSection(ctx) : toggle(ctx)) },
      },
      [
        h('span', {
          key: 'syncStatus',
          className: 'cti-syncbar__status',
          attrs: { 'aria-live': 'polite' },
          text: summaryText(t, m),
        }),
        showCountdown
          ? h('span', { className: 'cti-syncbar__sep', attrs: { 'aria-hidden': 'true' }, text: '—' })
          : null,
        showCountdown ? countdown(ctx, m.pausedUntilMs, 'cti-syncbar__countdown') : null,
      ],
    ),
  ]);
}

function toggle(ctx) {
  ctx.ui.syncOpen = !ctx.ui.syncOpen;
  ctx.redraw();
}

function goToSection(ctx) {
  const title = ctx.find('syncTitle');
  title?.scrollIntoView?.({ block: 'nearest' });
  title?.focus();
}

/** The list opened from the status line, on the screens other than main (nothing while closed). */
export function syncPanel(ctx, view) {
  if (ctx.ui.syncOpen !== true) return null;
  const { h, t } = ctx;
  const m = syncModel(view.sync);
  return h(
    'section',
    {
      key: 'syncPanel',
      className: `cti-syncpanel cti-sync cti-sync--${m.state}`,
      attrs: { id: ctx.id('sync-panel'), 'aria-label': t('ui.sync.title') },
    },
    [summaryLine(ctx, m, false), writeList(ctx, m), discardedLine(ctx, m)],
  );
}

/** The main screen's section: title, summary with Retry all, the writes. */
export function syncSection(ctx, view) {
  const { h, t } = ctx;
  const m = syncModel(view.sync);
  const titleId = ctx.id('sync-title');
  return h(
    'section',
    {
      key: 'sync',
      className: `cti-section cti-sync cti-sync--${m.state}`,
      attrs: { id: ctx.id('sync'), 'aria-labelledby': titleId },
    },
    [
      h('h2', {
        key: 'syncTitle',
        className: 'cti-section__title',
        attrs: { id: titleId, tabindex: '-1' },
        text: t('ui.sync.title'),
      }),
      summaryLine(ctx, m, true),
      writeList(ctx, m),
      discardedLine(ctx, m),
    ],
  );
}

// The status line already announces changes (aria-live); this copy of the summary is not a live region.
function summaryLine(ctx, m, withStatus) {
  const { h, t } = ctx;
  return h('div', { key: 'summary', className: 'cti-sync__summary' }, [
    withStatus ? h('span', { key: 'status', className: 'cti-sync__status', text: summaryText(t, m) }) : null,
    m.failed > 0
      ? button(ctx, { key: 'retryAll', label: t('ui.sync.retryAll'), onClick: () => ctx.emit({ type: 'retryWrites' }) })
      : null,
  ]);
}

// What the agent gave up stays counted, so no change leaves the list without a trace.
function discardedLine(ctx, m) {
  if (m.discarded === 0) return null;
  const text = ctx.t('ui.sync.discarded', { count: m.discarded });
  return ctx.h('p', { key: 'discarded', className: 'cti-small', text });
}
