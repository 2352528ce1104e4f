// The home screen's recent calls (issue 18 item 2): each ended call with its caller, ticket and time, newest first,
// as the core lists them (view.recentCalls, the last 50, kept across reloads). Call back goes through the outbound
// view, where the outbound rules choose the ticket; the ticket opens in Zendesk; a missed call or a voicemail stays
// marked until the agent presses Handled. Long names and subjects are cut to one line with the whole text in the
// element's title (shown on hover, and read on focus: the buttons carry it in their accessible name).
import { callerName } from '../announce.js';
import { formatAgo, formatDuration } from '../format.js';
import { button, phoneText } from '../widgets.js';

const KINDS = new Set(['inbound', 'outbound', 'missed', 'voicemail']);

export function recentCallsSection(ctx, view) {
  const { h, t } = ctx;
  if (!Array.isArray(view.recentCalls)) return null; // a core without the list
  const list = view.recentCalls.filter((r) => r && typeof r === 'object' && typeof r.callId === 'string');
  const toHandle = list.filter((r) => r.handled === false).length;
  const titleId = ctx.id('recent-title');
  return h('section', { key: 'recent', className: 'cti-section cti-recent', attrs: { 'aria-labelledby': titleId } }, [
    h('h2', { className: 'cti-section__title', attrs: { id: titleId } }, [
      h('span', { text: t('ui.console.recent.title') }),
      toHandle > 0
        ? h('span', {
            key: 'toHandle',
            className: 'c-tag c-tag--pill c-tag--red cti-recent__count',
            text: t('ui.console.recent.toHandle', { count: toHandle }),
          })
        : null,
    ]),
    list.length === 0
      ? h('p', { key: 'empty', className: 'cti-muted', text: t('ui.console.recent.empty') })
      : h(
          'ul',
          { key: 'list', className: 'cti-recent__list' },
          list.map((r) => recentItem(ctx, r)),
        ),
  ]);
}

function recentItem(ctx, r) {
  const { h, t } = ctx;
  const kind = KINDS.has(r.kind) ? r.kind : 'inbound';
  const caller = callerName(t, r);
  const attention = r.handled === false;
  const ago = Number.isFinite(r.atMs) ? formatAgo(t, new Date(r.atMs).toISOString(), ctx.now()) : null;
  const duration = r.durationSec > 0 ? formatDuration(r.durationSec) : null;
  const ticket = r.ticket && r.ticket.id != null ? r.ticket : null;
  const ticketText = ticket
    ? `${t('ui.console.recent.openTicket', { id: ticket.id })}${ticket.subject ? ` ${ticket.subject}` : ''}`
    : t('ui.console.recent.noTicket');
  const hasName = typeof r.contact?.name === 'string' && r.contact.name !== '';
  return h(
    'li',
    {
      key: `recent-${r.callId}`,
      className: `cti-recent__item cti-recent__item--${kind}${attention ? ' is-unhandled' : ''}`,
      attrs: { 'data-call-id': r.callId, 'data-kind': kind },
    },
    [
      h('div', { className: 'cti-recent__head' }, [
        h('span', {
          className: `c-tag c-tag--pill cti-recent__kind cti-recent__kind--${kind}`,
          text: t(`ui.console.recent.kind.${kind}`),
        }),
        hasName
          ? h('bdi', { className: 'cti-recent__caller cti-truncate', attrs: { title: caller }, text: caller })
          : phoneText(ctx, caller, 'cti-recent__caller cti-truncate'),
        // The time and the length as texts of their own: each is translated or a number, never glued together.
        ago || duration
          ? h('small', { className: 'cti-recent__when' }, [
              ago ? h('span', { text: ago }) : null,
              duration ? h('span', { className: 'cti-recent__duration', text: duration }) : null,
            ])
          : null,
      ]),
      ticket
        ? h('button', {
            key: 'ticket',
            className: 'cti-recent__ticket cti-truncate',
            attrs: { type: 'button', title: ticketText },
            on: { click: () => ctx.emit({ type: 'recentCallClicked', callId: r.callId, action: 'openTicket' }) },
            text: ticketText,
          })
        : h('p', { key: 'ticket', className: 'cti-recent__ticket cti-muted', text: ticketText }),
      h('div', { className: 'cti-recent__actions' }, [
        button(ctx, {
          key: 'callBack',
          label: t('ui.console.recent.callBack'),
          kind: attention ? 'primary' : 'default',
          attrs: { 'aria-label': t('ui.console.recent.callBackTo', { caller }), 'data-action': 'callBack' },
          onClick: () => ctx.emit({ type: 'recentCallClicked', callId: r.callId, action: 'callBack' }),
        }),
        attention
          ? button(ctx, {
              key: 'handled',
              label: t('ui.console.recent.handled'),
              kind: 'basic',
              attrs: { 'aria-label': t('ui.console.recent.handledFor', { caller }), 'data-action': 'handled' },
              onClick: () => ctx.emit({ type: 'recentCallClicked', callId: r.callId, action: 'handled' }),
            })
          : null,
      ]),
    ],
  );
}
