// What the incoming, call and wrap-up screens share: who is on the line, their flags, the linked ticket, the
// TR-2 contact chooser and the note box.
import { choiceGroup, flagBadges, phoneText, smallText, ticketLine } from '../widgets.js';

/** Number, contact (or "Unknown caller") and PF-1 flags. */
export function caller(ctx, call) {
  const { h, t } = ctx;
  return h('section', { key: 'caller', className: 'cti-caller' }, [
    h('p', { className: 'cti-caller__name' }, [
      call.contact?.name
        ? h('bdi', { text: String(call.contact.name) })
        : h('span', { className: 'cti-muted', text: t('ui.call.unknownCaller') }),
    ]),
    phoneText(ctx, call.number?.display ?? '', 'cti-caller__number'),
    // FO-2: the extension the core dials once the call is connected.
    call.number?.extension
      ? h('span', {
          className: 'cti-small cti-caller__extension',
          text: ` ${t('ui.outbound.extension', { extension: String(call.number.extension) })}`,
        })
      : null,
    flagBadges(ctx, call.flags),
  ]);
}

/** The linked ticket, or "No ticket". */
export function linkedTicket(ctx, call) {
  const { h, t } = ctx;
  return h('section', { key: 'ticket', className: 'cti-section' }, [
    h('h2', { className: 'cti-section__title', text: t('ui.call.ticket') }),
    call.ticket?.id != null
      ? h('p', {}, [ticketLine(ctx, call.ticket)])
      : h('p', { className: 'cti-muted', text: t('ui.call.noTicket') }),
  ]);
}

/** TR-2: several contacts share the caller's number and none is chosen yet. */
export function contactChooser(ctx, call) {
  const options = Array.isArray(call.contactOptions) ? call.contactOptions : [];
  if (options.length === 0) return null;
  return choiceGroup(ctx, {
    key: 'callContacts',
    label: ctx.t('ui.call.chooseContact'),
    options: options.map((c) => ({
      key: `contact-${c.id}`,
      value: c.id,
      checked: false,
      content: ctx.h('bdi', {
        className: 'cti-choice__title',
        text: String(c.name ?? ctx.t('ui.call.contactId', { id: c.id })),
      }),
    })),
    onChoose: (id) => ctx.emit({ type: 'contactChosen', contactId: id }),
  });
}

/** Which rule linked the call, and why (the core's words). */
export function decisionText(ctx, call) {
  const d = call.decision;
  return d?.reason
    ? smallText(ctx, ctx.t('ui.decision', { rule: d.rule ?? '', reason: d.reason }), 'cti-decision')
    : null;
}

/** The call note; the whole text goes to the core on every change (it keeps it across reloads). */
export function noteBox(ctx, call) {
  const { h, t } = ctx;
  const id = ctx.id('note');
  return h('div', { key: 'noteField', className: 'c-field c-field--compact cti-section' }, [
    h('label', { className: 'c-field__label', attrs: { for: id }, text: t('ui.call.note') }),
    h('textarea', {
      key: 'note',
      className: 'c-field__input c-field__input--area cti-note-box',
      value: call.note ?? '',
      attrs: { id, rows: '3', placeholder: t('ui.call.notePlaceholder') },
      on: { input: (e) => ctx.emit({ type: 'noteChanged', text: e.currentTarget.value }) },
    }),
  ]);
}
