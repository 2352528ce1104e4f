// Call waiting: the calls beside the one on screen (view.otherCalls, decided by the core). A call that rings while
// the agent is busy is shown here with Answer (the current call is held) and Decline (it goes back to the queue);
// a held call with Switch. Drawn on every screen, so a second caller is never invisible to the agent.
import { button, phoneText } from '../widgets.js';

export function otherCallsPanel(ctx, view) {
  const { h, t } = ctx;
  const calls = Array.isArray(view.otherCalls) ? view.otherCalls : [];
  if (calls.length === 0) return null;
  return h(
    'section',
    { key: 'otherCalls', className: 'cti-section cti-other-calls', attrs: { 'aria-label': t('ui.otherCalls.title') } },
    [
      h(
        'ul',
        { className: 'cti-list' },
        calls.map((c) => otherCall(ctx, c)),
      ),
    ],
  );
}

function otherCall(ctx, call) {
  const { h, t } = ctx;
  const waiting = call.kind === 'waiting';
  const id = String(call.id);
  const actions = waiting
    ? [
        button(ctx, {
          key: 'answerWaiting',
          label: t('ui.otherCalls.answer'),
          kind: 'primary',
          onClick: () => ctx.emit({ type: 'answerWaitingClicked', callId: id }),
        }),
        button(ctx, {
          key: 'declineWaiting',
          label: t('ui.otherCalls.decline'),
          kind: 'danger',
          onClick: () => ctx.emit({ type: 'declineWaitingClicked', callId: id }),
        }),
      ]
    : [
        button(ctx, {
          key: 'switchCall',
          label: t('ui.otherCalls.switch'),
          onClick: () => ctx.emit({ type: 'switchCallClicked', callId: id }),
        }),
      ];
  return h(
    'li',
    {
      key: `other-${id}`,
      className: `cti-other-call cti-other-call--${waiting ? 'waiting' : 'held'}`,
      attrs: waiting ? { role: 'alert' } : {},
    },
    [
      h('p', { className: 'cti-other-call__title' }, [
        h('strong', { text: waiting ? t('ui.otherCalls.waiting') : t('ui.otherCalls.held') }),
        call.contact?.name ? [' · ', h('bdi', { text: String(call.contact.name) })] : null,
        call.queueName ? [' · ', h('bdi', { text: String(call.queueName) })] : null,
      ]),
      phoneText(ctx, call.number?.display ?? '', 'cti-other-call__number'),
      h('div', { className: 'cti-row' }, actions),
    ],
  );
}
