// The ticket part of the outbound screen, by the mode the core chose (view.outbound.ticket.mode): a list to choose
// from (FO-1/FO-4), a ticket-ID box (TB-2/TB-3), or the decided ticket in one line (auto).
import { formatAgo } from '../format.js';
import { choiceGroup, ticketLine } from '../widgets.js';

export function ticketSection(ctx, ticket) {
  if (!ticket) return null;
  if (ticket.mode === 'list') return ticketList(ctx, ticket);
  if (ticket.mode === 'idEntry') return ticketIdEntry(ctx, ticket);
  if (ticket.mode === 'auto') return ticketAuto(ctx, ticket);
  return null;
}

function ticketList(ctx, ticket) {
  const { h, t } = ctx;
  const options = Array.isArray(ticket.options) ? ticket.options : [];
  return choiceGroup(ctx, {
    key: 'tickets',
    label: t('ui.outbound.ticket'),
    options: options.map((opt) => ({
      key: `ticket-${opt.value}`,
      value: opt.value,
      checked: ticket.selected != null && ticket.selected === opt.value,
      content:
        opt.value === 'new'
          ? h('span', { className: 'cti-choice__title', text: t('ui.outbound.createTicket') })
          : opt.value === 'none'
            ? h('span', { className: 'cti-choice__title', text: t('ui.outbound.doNotCreateTicket') })
            : [
                ticketLine(ctx, { id: opt.value, subject: opt.subject, status: opt.status }),
                updatedText(ctx, opt.updatedAt),
              ],
    })),
    onChoose: (value) => ctx.emit({ type: 'ticketChosen', value }),
  });
}

function updatedText(ctx, iso) {
  const ago = formatAgo(ctx.t, iso, ctx.now());
  return ago
    ? ctx.h('span', { className: 'cti-choice__detail', text: ctx.t('ui.outbound.ticketUpdated', { time: ago }) })
    : null;
}

// TB-2/TB-3: the ticket-ID box; "Required" when the team requires it, else empty means a new ticket.
function ticketIdEntry(ctx, ticket) {
  const { h, t } = ctx;
  const id = ctx.id('ticketId');
  const hintId = ctx.id('ticketIdHint');
  const found =
    typeof ticket.selected === 'number' ? (ticket.options ?? []).find((o) => o.value === ticket.selected) : null;
  return h('section', { key: 'ticketId', className: 'cti-section c-field c-field--compact' }, [
    h('label', { className: 'c-field__label cti-label', attrs: { for: id } }, [
      h('span', { text: t('ui.outbound.ticketId') }),
      ticket.required
        ? h('span', { key: 'required', className: 'c-tag c-tag--pill c-tag--sm cti-required' }, [
            h('span', { text: t('ui.outbound.required') }),
          ])
        : h('span', { key: 'optional', className: 'cti-small', text: t('ui.outbound.optional') }),
    ]),
    h('p', {
      className: 'c-field__hint cti-small',
      attrs: { id: hintId },
      text: ticket.required ? t('ui.outbound.ticketIdRequiredHint') : t('ui.outbound.ticketIdOptionalHint'),
    }),
    h('input', {
      key: 'ticketIdInput',
      className: 'c-field__input',
      value: ticket.ticketIdText ?? '',
      attrs: {
        id,
        type: 'text',
        inputmode: 'numeric',
        autocomplete: 'off',
        placeholder: t('ui.outbound.ticketIdPlaceholder'),
        'aria-required': ticket.required ? 'true' : null,
        'aria-describedby': hintId,
      },
      on: { input: (e) => ctx.emit({ type: 'ticketIdChanged', text: e.currentTarget.value }) },
    }),
    h('p', {
      key: 'checking',
      className: 'cti-small cti-busy',
      attrs: { role: 'status' },
      text: ticket.checking ? t('ui.outbound.checkingTicket') : '',
    }),
    found
      ? h('p', { key: 'found', className: 'cti-found' }, [
          ticketLine(ctx, { id: found.value, subject: found.subject, status: found.status }),
        ])
      : null,
  ]);
}

function ticketAuto(ctx, ticket) {
  const { h, t } = ctx;
  const selected = ticket.selected;
  let line;
  if (selected === 'new') line = t('ui.outbound.autoNew');
  else if (selected === 'none') line = t('ui.outbound.autoNone');
  else if (selected == null) line = t('ui.outbound.autoPending');
  else {
    const opt = (ticket.options ?? []).find((o) => o.value === selected) ?? { value: selected };
    line = [
      t('ui.outbound.autoAppend'),
      ' ',
      ticketLine(ctx, { id: opt.value, subject: opt.subject, status: opt.status }),
    ];
  }
  return h('section', { key: 'ticketAuto', className: 'cti-section' }, [
    h('h2', { className: 'cti-section__title', text: t('ui.outbound.ticket') }),
    h('p', { className: 'cti-auto' }, [line].flat()),
  ]);
}
