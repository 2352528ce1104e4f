// Pieces several screens draw: buttons, the keyboard-first chooser, status and flag tags, ticket lines and
// message lists. Each takes the render context `ctx` = {h, t, emit, now, id} (see render.js).
import { errorText, translatedOr, warningText } from './i18n.js';

const BUTTON_KINDS = {
  primary: 'c-btn c-btn--primary',
  danger: 'c-btn c-btn--danger',
  dangerPrimary: 'c-btn c-btn--primary c-btn--danger',
  basic: 'c-btn c-btn--basic',
  default: 'c-btn',
};

/** A Garden button (type=button, so Enter in a text box never submits anything). */
export function button(ctx, { key, label, kind = 'default', onClick, disabled = false, className = '', attrs = {} }) {
  return ctx.h('button', {
    key,
    className: `${BUTTON_KINDS[kind] ?? BUTTON_KINDS.default} c-btn--sm ${className}`.trim(),
    attrs: { type: 'button', disabled, ...attrs },
    on: { click: () => onClick?.() },
    text: label,
  });
}

/**
 * A radio group the keyboard drives: arrow keys (and Home/End) move focus, Enter or Space chooses, a click
 * chooses. Moving does not choose: each choice is an event the core re-plans on, so browsing must not change
 * the contact or ticket. One option is in the tab order (the checked one, else the first).
 * @param {object} ctx
 * @param {{key: string, label: string, options: {key: string, value: *, checked: boolean, content: *}[],
 *          onChoose: (value: *) => void}} spec
 */
export function choiceGroup(ctx, { key, label, options, onChoose }) {
  const { h } = ctx;
  const labelId = ctx.id(`${key}-label`);
  const focusable = Math.max(
    0,
    options.findIndex((o) => o.checked),
  );
  return h('section', { key, className: 'cti-section' }, [
    h('h2', { className: 'cti-section__title', attrs: { id: labelId }, text: label }),
    h(
      'div',
      { className: 'cti-choice', attrs: { role: 'radiogroup', 'aria-labelledby': labelId } },
      options.map((o, i) =>
        h(
          'div',
          {
            key: o.key,
            className: `cti-choice__option${o.checked ? ' is-checked' : ''}`,
            attrs: {
              role: 'radio',
              'aria-checked': String(Boolean(o.checked)),
              tabindex: i === focusable ? '0' : '-1',
            },
            on: { click: () => onChoose(o.value), keydown: (e) => choiceKey(e, () => onChoose(o.value)) },
          },
          o.content,
        ),
      ),
    ),
  ]);
}

const MOVES = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

function choiceKey(event, choose) {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    choose();
    return;
  }
  const step = Object.hasOwn(MOVES, event.key) ? MOVES[event.key] : null;
  if (step === null && event.key !== 'Home' && event.key !== 'End') return;
  event.preventDefault();
  const items = [...event.currentTarget.parentNode.children];
  const at = items.indexOf(event.currentTarget);
  let next;
  if (event.key === 'Home') next = items[0];
  else if (event.key === 'End') next = items[items.length - 1];
  else next = items[(at + step + items.length) % items.length];
  for (const item of items) item.setAttribute('tabindex', item === next ? '0' : '-1');
  next.focus();
  next.scrollIntoView?.({ block: 'nearest' });
}

// Zendesk's own status colours, as near as Garden's tag palette gets.
const STATUS_TAG = {
  new: 'c-tag--yellow',
  open: 'c-tag--red',
  pending: 'c-tag--blue',
  hold: 'c-tag--dark',
  solved: 'c-tag--grey',
  closed: 'c-tag--grey',
};

/** A ticket status as a tag; unknown statuses show as given. */
export function statusTag(ctx, status) {
  if (!status) return null;
  const name = String(status);
  const colour = Object.hasOwn(STATUS_TAG, name) ? STATUS_TAG[name] : '';
  return ctx.h('span', { className: `c-tag c-tag--pill cti-status ${colour}`.trim() }, [
    ctx.h('span', { text: translatedOr(ctx.t, `ui.status.${name}`, name) }),
  ]);
}

// PF-1 flag colours: bad actor is the one red, verified green, unverified yellow, repeat blue.
const FLAG_TAG = {
  verified_customer: 'c-tag--green',
  unverified_customer: 'c-tag--yellow',
  bad_actor: 'c-tag--red',
  repeat_customer: 'c-tag--blue',
};

/** PF-1 profile flags as Garden tags; nothing when there are none. */
export function flagBadges(ctx, flags) {
  const list = Array.isArray(flags) ? flags.filter((f) => typeof f === 'string' && f) : [];
  if (list.length === 0) return null;
  return ctx.h(
    'ul',
    { key: 'flags', className: 'cti-flags', attrs: { 'aria-label': ctx.t('ui.flags.title') } },
    list.map((code) =>
      ctx.h(
        'li',
        {
          key: `flag-${code}`,
          className: `c-tag cti-flag cti-flag--${Object.hasOwn(FLAG_TAG, code) ? code : 'other'} ${FLAG_TAG[code] ?? 'c-tag--grey'}`,
          attrs: { 'data-flag': code },
        },
        [ctx.h('span', { text: translatedOr(ctx.t, `ui.flags.${code}`, code) })],
      ),
    ),
  );
}

/** `#42 Subject` and the status tag; the subject is isolated (bdi) so RTL text cannot reorder the line. */
export function ticketLine(ctx, { id, subject, status }) {
  const { h, t } = ctx;
  return h('span', { className: 'cti-ticket' }, [
    h('span', { className: 'cti-ticket__id', text: t('ui.ticket.id', { id }) }),
    h('bdi', { className: 'cti-ticket__subject', text: subject ? String(subject) : t('ui.ticket.noSubject') }),
    statusTag(ctx, status),
  ]);
}

/** Errors and warnings, translated by code (errorText / warningText); nothing when both are empty. */
export function messageList(ctx, { key, errors = [], warnings = [] }) {
  const items = [
    ...(Array.isArray(errors) ? errors : []).map((e, i) => ({
      kind: 'error',
      text: errorText(ctx.t, e ?? {}),
      key: `e-${e?.code}-${i}`,
    })),
    ...(Array.isArray(warnings) ? warnings : []).map((w, i) => ({
      kind: 'warning',
      text: warningText(ctx.t, w ?? {}),
      key: `w-${w?.code}-${i}`,
    })),
  ];
  // Always drawn (possibly empty) so that the live region exists before a message arrives in it.
  return ctx.h(
    'ul',
    { key, className: 'cti-messages', attrs: { 'aria-live': 'polite' } },
    items.map((m) => ctx.h('li', { key: m.key, className: `cti-message cti-message--${m.kind}`, text: m.text })),
  );
}

/** A small grey line (decision reasons, hints). */
export function smallText(ctx, text, className = '') {
  if (!text) return null;
  return ctx.h('p', { className: `cti-small ${className}`.trim(), text });
}

/** A phone number: kept left-to-right even inside right-to-left text. */
export function phoneText(ctx, text, className = '') {
  return ctx.h('bdi', { className: `cti-phone ${className}`.trim(), attrs: { dir: 'ltr' }, text: text ?? '' });
}
