// The agent's status in the header, on every screen (issue 18 item 1): a two-option radio group (Available /
// Away) that the agent chooses — arrow keys move and choose, as radios do — and, while a call rings, lasts or is
// being wrapped up, what the calls make of it ("On a call"). The choice is a protocol event; the core sends it to
// the telephony backend and keeps it across a reload (view.agentStatus {chosen, current}).

const CHOICES = ['available', 'away'];
const CURRENT = new Set(['available', 'away', 'ringing', 'onCall', 'wrapUp']);

/** view.agentStatus checked: {chosen, current}; null when the core sends none (an older core, the empty view). */
export function agentStatusModel(view) {
  const s = view?.agentStatus;
  if (!s || typeof s !== 'object' || !CHOICES.includes(s.chosen)) return null;
  return { chosen: s.chosen, current: CURRENT.has(s.current) ? s.current : s.chosen };
}

/** The translated name of a status (available, away, ringing, onCall, wrapUp). */
export function statusName(t, status) {
  return t(`ui.console.status.${status}`);
}

export function agentStatusBar(ctx, view) {
  const { h, t } = ctx;
  const m = agentStatusModel(view);
  if (!m) return null;
  const labelId = ctx.id('status-label');
  const busy = m.current !== m.chosen;
  return h('div', { key: 'status', className: 'cti-status-bar' }, [
    h('span', { className: 'cti-status-bar__label', attrs: { id: labelId }, text: t('ui.console.status.label') }),
    h(
      'div',
      { key: 'choices', className: 'cti-segments', attrs: { role: 'radiogroup', 'aria-labelledby': labelId } },
      CHOICES.map((status) =>
        h('button', {
          key: `status-${status}`,
          className: `cti-segment cti-segment--${status}${m.chosen === status ? ' is-checked' : ''}`,
          attrs: {
            type: 'button',
            role: 'radio',
            'aria-checked': String(m.chosen === status),
            tabindex: m.chosen === status ? '0' : '-1',
            'data-status': status,
          },
          on: {
            click: () => choose(ctx, m, status),
            keydown: (e) => segmentKey(ctx, m, e),
          },
          text: statusName(t, status),
        }),
      ),
    ),
    busy
      ? h('span', {
          key: 'current',
          className: `c-tag c-tag--pill cti-current cti-current--${m.current}`,
          attrs: { 'data-current': m.current },
          text: statusName(t, m.current),
        })
      : null,
    // Set by the shim (top-bar.js, attention.js): the browser has not been asked yet. The ask must come from a click.
    view.notifications === 'default'
      ? h('button', {
          key: 'notify',
          className: 'c-btn c-btn--basic c-btn--sm cti-notify-ask',
          attrs: { type: 'button' },
          on: { click: () => ctx.askNotifications() },
          text: t('ui.console.notify.enable'),
        })
      : null,
  ]);
}

function choose(ctx, m, status) {
  if (status !== m.chosen) ctx.emit({ type: 'agentStatusChosen', status });
}

// The ARIA radio pattern: an arrow moves to the other option and chooses it; focus follows.
function segmentKey(ctx, m, e) {
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
  if (step === undefined) return;
  e.preventDefault();
  const at = CHOICES.indexOf(m.chosen);
  const next = CHOICES[(at + step + CHOICES.length) % CHOICES.length];
  choose(ctx, m, next);
  const group = e.currentTarget.parentNode;
  group.querySelector(`[data-status="${next}"]`)?.focus();
}
