// The main screen: the way into a call (Dial pad), whether Zendesk has every change (sync), and the settings
// the admin should fix. Returns {body, actions} for render.js to frame.
import { translatedOr } from '../i18n.js';
import { button, smallText } from '../widgets.js';

export function mainScreen(ctx, view) {
  const { h, t } = ctx;
  const body = [
    view.ready === false
      ? h('p', { key: 'starting', className: 'cti-small', attrs: { role: 'status' }, text: t('ui.main.starting') })
      : null,
    button(ctx, {
      key: 'dialPad',
      label: t('ui.main.dialPad'),
      kind: 'primary',
      className: 'c-btn--full',
      onClick: () => ctx.emit({ type: 'openDialPad' }),
    }),
    syncSection(ctx, view.sync),
    settingsProblems(ctx, view.settingsProblems),
  ];
  return { body, actions: [] };
}

// "All changes saved" / "N waiting" / "N failed" + Retry, then each write still to be made, so the agent knows
// what Zendesk does not have yet (nothing is dropped silently).
function syncSection(ctx, sync) {
  const { h, t } = ctx;
  const pending = Number(sync?.pending) || 0;
  const failed = Number(sync?.failed) || 0;
  const writes = Array.isArray(sync?.writes) ? sync.writes : [];
  const state = failed > 0 ? 'failed' : pending > 0 ? 'pending' : 'saved';
  const summary = [];
  if (failed > 0) summary.push(t('ui.sync.failed', { count: failed }));
  if (pending > 0) summary.push(t('ui.sync.waiting', { count: pending }));
  if (summary.length === 0) summary.push(t('ui.sync.saved'));
  return h(
    'section',
    {
      key: 'sync',
      className: `cti-section cti-sync cti-sync--${state}`,
      attrs: { 'aria-labelledby': ctx.id('sync-title') },
    },
    [
      h('h2', { className: 'cti-section__title', attrs: { id: ctx.id('sync-title') }, text: t('ui.sync.title') }),
      h('div', { className: 'cti-sync__summary' }, [
        h('span', {
          key: 'status',
          className: 'cti-sync__status',
          attrs: { role: 'status' },
          text: summary.join(' · '),
        }),
        failed > 0
          ? button(ctx, { key: 'retry', label: t('ui.sync.retry'), onClick: () => ctx.emit({ type: 'retryWrites' }) })
          : null,
      ]),
      writes.length > 0
        ? h(
            'ul',
            { key: 'writes', className: 'cti-list cti-writes' },
            writes.map((w, i) => writeItem(ctx, w, i)),
          )
        : null,
    ],
  );
}

function writeItem(ctx, write, index) {
  const { h, t } = ctx;
  const state = String(write?.state ?? 'pending');
  return h('li', { key: `write-${write?.key ?? index}`, className: `cti-write cti-write--${state}` }, [
    h('div', { className: 'cti-write__line' }, [
      h('bdi', { className: 'cti-write__label', text: String(write?.label ?? '') }),
      h('span', { className: `c-tag c-tag--pill cti-write__state${state === 'failed' ? ' c-tag--red' : ''}` }, [
        h('span', { text: translatedOr(t, `ui.sync.state.${state}`, state) }),
      ]),
    ]),
    write?.error ? smallText(ctx, String(write.error), 'cti-write__error') : null,
  ]);
}

// A bad setting falls back to its default (the app keeps working); the admin still needs to know which one.
function settingsProblems(ctx, problems) {
  const { h, t } = ctx;
  const list = Array.isArray(problems) ? problems : [];
  if (list.length === 0) return null;
  return h(
    'section',
    { key: 'settings', className: 'cti-section cti-problems', attrs: { 'aria-labelledby': ctx.id('problems-title') } },
    [
      h('h2', {
        className: 'cti-section__title',
        attrs: { id: ctx.id('problems-title') },
        text: t('ui.main.settingsProblems'),
      }),
      h(
        'ul',
        { className: 'cti-list' },
        list.map((p, i) =>
          h('li', { key: `problem-${i}`, className: 'cti-message cti-message--warning' }, [
            h('span', { text: translatedOr(t, `ui.errors.${p?.code}`, p?.message, { setting: p?.setting ?? '' }) }),
            p?.message ? smallText(ctx, String(p.message)) : null,
          ]),
        ),
      ),
    ],
  );
}
