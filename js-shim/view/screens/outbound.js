// The outbound screen (FO and TB): number box and dial pad, the contact chooser, the ticket choice, the core's
// errors and warnings, Call and Cancel. Everything shown is what planOutbound decided (view.outbound); the screen
// only turns the agent's input into events.
import { dialPad } from '../dial-pad.js';
import { formatAgo } from '../format.js';
import { decisionText } from '../i18n.js';
import { button, choiceGroup, messageList, smallText } from '../widgets.js';
import { ticketSection } from './outbound-ticket.js';

export function outboundScreen(ctx, view) {
  const { t } = ctx;
  const o = view.outbound ?? {};
  // The dial-pad entry opens with the pad; click-to-call and the Call menu arrive with a number, pad folded.
  if (ctx.ui.padOpen === null) ctx.ui.padOpen = (o.source ?? 'dialpad') === 'dialpad';
  const body = [
    numberField(ctx, o),
    ctx.ui.padOpen
      ? dialPad(ctx, { append: (chars) => appendToNumber(ctx, chars), timers: ctx.timers, press: ctx.ui.press })
      : null,
    useEnteredNumber(ctx, o.useEnteredNumber),
    ctx.h('p', {
      key: 'searching',
      className: 'cti-small cti-busy',
      attrs: { role: 'status' },
      text: o.searching ? t('ui.outbound.searching') : '',
    }),
    blockedReason(ctx, o),
    contactSection(ctx, o.contact, o),
    ticketSection(ctx, o.ticket),
    messageList(ctx, { key: 'messages', errors: o.errors, warnings: o.warnings }),
    decisionText(t, o.decision) ? smallText(ctx, decisionText(t, o.decision), 'cti-decision') : null,
  ];
  const actions = [
    button(ctx, {
      key: 'cancel',
      label: t('ui.outbound.cancel'),
      kind: 'basic',
      onClick: () => ctx.emit({ type: 'cancelClicked' }),
    }),
    button(ctx, {
      key: 'call',
      label: t('ui.outbound.call'),
      kind: 'primary',
      disabled: o.canCall !== true, // FO-6: only the core says when the call is complete
      onClick: () => ctx.emit({ type: 'callClicked' }),
    }),
  ];
  return { body, actions };
}

// FO-2: the box holds what the agent typed; with no number the core's placeholder `(415) 123-4567` shows.
function numberField(ctx, o) {
  const { h, t } = ctx;
  const number = o.number ?? {};
  const id = ctx.id('number');
  const hasErrors = Array.isArray(o.errors) && o.errors.length > 0;
  return h('div', { key: 'numberField', className: 'c-field c-field--compact cti-number' }, [
    h('div', { className: 'cti-number__top' }, [
      h('label', { className: 'c-field__label', attrs: { for: id }, text: t('ui.outbound.number') }),
      button(ctx, {
        key: 'padToggle',
        label: ctx.ui.padOpen ? t('ui.outbound.hideDialPad') : t('ui.outbound.showDialPad'),
        kind: 'basic',
        attrs: { 'aria-expanded': String(ctx.ui.padOpen) },
        onClick: () => {
          ctx.ui.padOpen = !ctx.ui.padOpen;
          ctx.redraw(); // a drawing-only toggle: no event, nothing for the core to decide
        },
      }),
    ]),
    h('div', { className: 'cti-number__row' }, [
      h('input', {
        key: 'number',
        className: 'c-field__input cti-number__input',
        value: o.numberText ?? '',
        attrs: {
          id,
          type: 'tel',
          inputmode: 'tel',
          autocomplete: 'off',
          spellcheck: 'false',
          placeholder: number.isPlaceholder ? (number.display ?? '') : null,
          'aria-invalid': hasErrors && number.valid === false && !number.isPlaceholder ? 'true' : null,
        },
        on: {
          input: (e) => ctx.emit({ type: 'numberChanged', text: e.currentTarget.value }),
          keydown: (e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            ctx.emit({ type: 'lookUpNumber' }); // search now instead of after the typing pause
          },
        },
      }),
      button(ctx, {
        key: 'backspace',
        label: '⌫',
        kind: 'basic',
        className: 'c-btn--icon cti-number__backspace',
        attrs: { 'aria-label': t('ui.outbound.backspace') },
        onClick: () => {
          const input = ctx.find('number');
          if (input && input.value) setNumber(ctx, input, input.value.slice(0, -1));
        },
      }),
    ]),
    // What will actually be dialled (default calling code applied), so the agent can check it before calling.
    !number.isPlaceholder && number.valid && number.display
      ? h('p', { className: 'c-field__hint cti-small' }, [
          t('ui.outbound.willDial'),
          ' ',
          h('bdi', { attrs: { dir: 'ltr' }, text: String(number.display) }),
          // FO-2: a typed extension is kept and dialled once the call is connected; the agent sees it here.
          number.extension
            ? [' ', h('bdi', { text: t('ui.outbound.extension', { extension: String(number.extension) }) })]
            : null,
        ])
      : null,
  ]);
}

function appendToNumber(ctx, chars) {
  const input = ctx.find('number');
  if (input) setNumber(ctx, input, input.value + chars);
}

// The dial pad and backspace edit the box in place and send the whole text, as typing would.
function setNumber(ctx, input, text) {
  input.value = text;
  ctx.emit({ type: 'numberChanged', text });
}

// FO-1e: offered only when the core says so (never while TB applies, TB-2).
function useEnteredNumber(ctx, option) {
  if (!option?.offered) return null;
  const { h, t } = ctx;
  const id = ctx.id('useEntered');
  return h('div', { key: 'useEntered', className: 'c-field cti-check' }, [
    h('input', {
      key: 'useEnteredBox',
      className: 'c-field__checkbox',
      checked: Boolean(option.checked),
      attrs: { id, type: 'checkbox' },
      on: { change: (e) => ctx.emit({ type: 'useEnteredNumberChanged', checked: e.currentTarget.checked }) },
    }),
    h('label', { className: 'c-field__label', attrs: { for: id }, text: t('ui.outbound.useEnteredNumber') }),
  ]);
}

// Why Call is off although the plan is complete: the phone is offline, or Zendesk could not be searched (Retry).
function blockedReason(ctx, o) {
  const { h, t } = ctx;
  if (o.blockedBy === 'connectorOffline') {
    return h('p', {
      key: 'offline',
      className: 'cti-message cti-message--error',
      attrs: { role: 'alert' },
      text: t('ui.outbound.connectorOffline'),
    });
  }
  if (o.lookupState !== 'failed') return null;
  return h('div', { key: 'lookupFailed', className: 'cti-message cti-message--error', attrs: { role: 'alert' } }, [
    h('span', { text: t('ui.outbound.lookupFailed') }),
    button(ctx, {
      key: 'retryLookup',
      label: t('ui.outbound.retryLookup'),
      kind: 'basic',
      onClick: () => ctx.emit({ type: 'retryLookups' }),
    }),
  ]);
}

// FO-3: the contacts sharing the number, newest first as the core orders them, each with why it matches.
// "Number not on this contact" only when the core says so (an error, or FO-1e's "not saved" warning): before a
// number is typed, or while the contact's other numbers are still being asked for, it is not known.
// While the search runs (or failed) "no contact: a new one will be created" would be a guess, not an answer.
function contactSection(ctx, contact, o) {
  const { h, t } = ctx;
  const options = Array.isArray(contact?.options) ? contact.options : [];
  const answered = (o?.lookupState ?? 'done') === 'done';
  if (options.length === 0) {
    return contact?.willCreate && answered
      ? h('p', { key: 'willCreate', className: 'cti-note', text: t('ui.outbound.willCreateContact') })
      : null;
  }
  const has = (list, code) => Array.isArray(list) && list.some((m) => m?.code === code);
  const notOnContact =
    o?.number?.valid === true &&
    (has(o.errors, 'NUMBER_NOT_ON_CONTACT') || has(o.warnings, 'ENTERED_NUMBER_NOT_SAVED'));
  return choiceGroup(ctx, {
    key: 'contacts',
    label: options.length > 1 ? t('ui.outbound.chooseContact') : t('ui.outbound.contact'),
    options: options.map((c) => ({
      key: `contact-${c.id}`,
      value: c.id,
      checked: contact.selected != null && contact.selected === c.id,
      content: [
        h('bdi', { className: 'cti-choice__title', text: String(c.name ?? '') }),
        h('span', { className: 'cti-choice__detail' }, [
          c.matchedPhone
            ? [t('ui.outbound.matchedPhone'), ' ', h('bdi', { attrs: { dir: 'ltr' }, text: String(c.matchedPhone) })]
            : notOnContact
              ? t('ui.outbound.numberNotOnContact')
              : null,
          createdText(ctx, c.createdAt),
        ]),
      ],
    })),
    onChoose: (id) => ctx.emit({ type: 'contactChosen', contactId: id }),
  });
}

function createdText(ctx, iso) {
  const ago = formatAgo(ctx.t, iso, ctx.now());
  return ago ? ` · ${ctx.t('ui.outbound.contactCreated', { time: ago })}` : null;
}
