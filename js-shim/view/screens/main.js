// The main screen: the way into a call (Dial pad), whether Zendesk has every change (sync), and the settings
// the admin should fix. Returns {body, actions} for render.js to frame.
import { settingLabel, translatedOr } from '../i18n.js';
import { button } from '../widgets.js';
import { recentCallsSection } from './recent-calls.js';
import { syncSection } from './sync.js';

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
    recentCallsSection(ctx, view),
    // Desktop notifications refused (or impossible in Zendesk's frame): the agent learns what happens instead.
    view.notifications === 'denied'
      ? h('p', { key: 'notifyDenied', className: 'cti-small', text: t('ui.console.notify.denied') })
      : null,
    syncSection(ctx, view),
    settingsProblems(ctx, view.settingsProblems),
  ];
  return { body, actions: [] };
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
            // The core's English `message` is for logs: the agent reads which setting, in their language.
            h('span', {
              text: translatedOr(t, `ui.errors.${p?.code}`, p?.code, {
                ...problemParams(p?.params),
                setting: settingLabel(t, p?.setting ?? ''),
              }),
            }),
          ]),
        ),
      ),
    ],
  );
}

// A problem's text parameters (the shim's: the titles of ticket fields not found), strings only.
function problemParams(params) {
  if (!params || typeof params !== 'object') return {};
  return Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string'));
}
