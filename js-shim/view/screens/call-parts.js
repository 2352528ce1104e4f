// What the incoming, call and wrap-up screens share: who is on the line, their flags, the linked ticket, the
// caller's other recent tickets, the TR-2 contact chooser and the note box.
import { formatAgo } from '../format.js';
import { decisionText } from '../i18n.js';
import { button, choiceGroup, flagBadges, phoneText, smallText, statusTag, ticketLine } from '../widgets.js';
import { languageName } from './call-work.js';

/**
 * Number, contact and PF-1 flags. "Unknown caller" only once Zendesk answered the search: while it runs the card
 * says it is looking, and a search that failed says so with Retry (the caller may well be a known customer).
 */
export function caller(ctx, call, { withLanguage = false } = {}) {
  const { h, t } = ctx;
  const state = call.lookupState ?? 'done';
  let name;
  if (call.contact?.name) name = h('bdi', { text: String(call.contact.name) });
  else if (state === 'searching')
    name = h('span', { className: 'cti-muted cti-busy', attrs: { role: 'status' }, text: t('ui.call.lookingUp') });
  else if (state === 'failed') name = null;
  else name = h('span', { className: 'cti-muted', text: t('ui.call.unknownCaller') });
  return h('section', { key: 'caller', className: 'cti-caller' }, [
    name ? h('p', { className: 'cti-caller__name' }, [name]) : null,
    phoneText(ctx, call.number?.display ?? '', 'cti-caller__number'),
    // FO-2: the extension the core dials once the call is connected.
    call.number?.extension
      ? h('span', {
          className: 'cti-small cti-caller__extension',
          text: ` ${t('ui.outbound.extension', { extension: String(call.number.extension) })}`,
        })
      : null,
    flagBadges(ctx, call.flags),
    // The caller's language by its name ("German", not "de"); the incoming screen has it among its routing facts.
    withLanguage && call.language
      ? h('p', {
          key: 'language',
          className: 'cti-small cti-caller__language',
          text: t('ui.call.language', { language: languageName(ctx, call.language) }),
        })
      : null,
    state === 'failed' ? lookupFailed(ctx) : null,
  ]);
}

function lookupFailed(ctx) {
  const { h, t } = ctx;
  return h('div', { key: 'lookupFailed', className: 'cti-message cti-message--error', attrs: { role: 'alert' } }, [
    h('span', { text: t('ui.call.lookupFailed') }),
    button(ctx, {
      key: 'retryLookup',
      label: t('ui.call.retryLookup'),
      kind: 'basic',
      onClick: () => ctx.emit({ type: 'retryLookups' }),
    }),
  ]);
}

/** The linked ticket; "No ticket" only when the call's record is settled (not while it waits for Zendesk). */
export function linkedTicket(ctx, call) {
  const { h, t } = ctx;
  let none = 'ui.call.noTicket';
  if (call.lookupState === 'searching') none = 'ui.call.ticketLookingUp';
  else if (call.recordWaiting === true) none = 'ui.call.ticketPending';
  return h('section', { key: 'ticket', className: 'cti-section' }, [
    h('h2', { className: 'cti-section__title', text: t('ui.call.ticket') }),
    call.ticket?.id != null
      ? h('p', {}, [ticketLine(ctx, call.ticket)])
      : h('p', { key: none, className: 'cti-muted', text: t(none) }),
  ]);
}

/**
 * The caller's other recent tickets (view.call.recentTickets, D354; absent when none is known): each on one line cut
 * with "…" — the whole text in its title (hover) and shown in full while the button has keyboard focus — with its
 * status and when it was updated; one click opens it in Zendesk (the core routes only a ticket it listed).
 */
export function recentTickets(ctx, call) {
  const { h, t } = ctx;
  const list = Array.isArray(call.recentTickets)
    ? call.recentTickets.filter((r) => r && typeof r === 'object' && Number.isSafeInteger(r.id))
    : [];
  if (list.length === 0) return null;
  const titleId = ctx.id('recentTickets');
  return h(
    'section',
    { key: 'recentTickets', className: 'cti-section cti-card-tickets', attrs: { 'aria-labelledby': titleId } },
    [
      h('h2', { className: 'cti-section__title', attrs: { id: titleId }, text: t('ui.call.recentTickets') }),
      h(
        'ul',
        { className: 'cti-card-tickets__list' },
        list.map((r) => {
          const subject = r.subject ? String(r.subject) : t('ui.ticket.noSubject');
          const text = `${t('ui.console.recent.openTicket', { id: r.id })} ${subject}`;
          const ago = typeof r.updatedAt === 'string' ? formatAgo(t, r.updatedAt, ctx.now()) : null;
          return h('li', { key: `card-ticket-${r.id}`, className: 'cti-card-tickets__item' }, [
            // The cut is on the text inside: the button keeps its size (its label is never "clipped"), the whole
            // text is in its title and accessible name, and it unfolds while focused (adapter.css).
            h(
              'button',
              {
                className: 'cti-card-tickets__open',
                attrs: { type: 'button', title: text, 'data-ticket-id': String(r.id) },
                on: { click: () => ctx.emit({ type: 'openTicketClicked', ticketId: r.id }) },
              },
              [h('bdi', { className: 'cti-truncate', text })],
            ),
            h('span', { className: 'cti-card-tickets__facts' }, [
              statusTag(ctx, r.status),
              ago
                ? h('small', {
                    className: 'cti-card-tickets__when',
                    text: t('ui.outbound.ticketUpdated', { time: ago }),
                  })
                : null,
            ]),
          ]);
        }),
      ),
    ],
  );
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

/** Why the call is on its ticket, in the agent's language (the rule id stays in the admins' audit trail). */
export function decisionLine(ctx, call) {
  const text = decisionText(ctx.t, call.decision);
  return text ? smallText(ctx, text, 'cti-decision') : null;
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
      // maxlength: what another tab may forward (tab-messages.js MAX_NOTE_TEXT); the core keeps 60,000 bytes
      attrs: { id, rows: '3', placeholder: t('ui.call.notePlaceholder'), maxlength: '60000' },
      on: { input: (e) => ctx.emit({ type: 'noteChanged', text: e.currentTarget.value }) },
    }),
  ]);
}
