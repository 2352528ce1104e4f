// The writes Zendesk does not have yet (BA-1 outbox), one <li> each: label, state, error, attempts and the next
// try, the note text as typed with Copy, and for a failed write Retry and a Discard that takes a second,
// confirming click (discarding loses the change). Drawn in the main screen's sync section and in the panel the
// status line opens (sync.js). Which write is being confirmed or was just copied is drawing-only state (ctx.ui).
import { countdown } from '../countdown.js';
import { translatedOr, writeErrorText, writeLabelText } from '../i18n.js';
import { button, smallText } from '../widgets.js';

const WRITE_STATES = new Set(['pending', 'inFlight', 'checking', 'failed', 'waiting', 'draft']);
const COPIED_MS = 3000;

/** The list of `m.writes` (sync.js syncModel), or "Nothing is waiting." */
export function writeList(ctx, m) {
  const { h, t, ui } = ctx;
  // A confirmation for a write that is gone or no longer failed is forgotten.
  const failedKeys = new Set(m.writes.map((w, i) => (w.state === 'failed' ? itemKey(w, i) : null)));
  if (ui.confirmDiscard != null && !failedKeys.has(ui.confirmDiscard)) ui.confirmDiscard = null;
  if (m.writes.length === 0) {
    return h('p', { key: 'nothing', className: 'cti-small', text: t('ui.sync.nothingWaiting') });
  }
  return h(
    'ul',
    { key: 'writes', className: 'cti-list cti-writes' },
    m.writes.map((w, i) => writeItem(ctx, w, i)),
  );
}

// The <li>'s data-key, and the key of its drawing-only state (confirming, copied).
function itemKey(write, index) {
  return `write-${write.key ?? index}`;
}

function writeItem(ctx, write, index) {
  const { h, t } = ctx;
  const raw = String(write.state ?? 'pending');
  const state = WRITE_STATES.has(raw) ? raw : 'other';
  const labelId = ctx.id(`write-${index}-label`);
  const stateText =
    raw === 'pending' && write.batched === true
      ? t('ui.sync.state.batched')
      : translatedOr(t, `ui.sync.state.${raw}`, raw);
  const key = itemKey(write, index);
  return h('li', { key, className: `cti-write cti-write--${state}` }, [
    h('div', { key: 'line', className: 'cti-write__line' }, [
      h('bdi', { className: 'cti-write__label', attrs: { id: labelId }, text: writeLabelText(t, write) }),
      h('span', { className: `c-tag c-tag--pill cti-write__state${state === 'failed' ? ' c-tag--red' : ''}` }, [
        h('span', { text: stateText }),
      ]),
    ]),
    state === 'checking' ? smallText(ctx, t('ui.sync.checking'), 'cti-write__hint') : null,
    writeErrorText(t, write) ? smallText(ctx, writeErrorText(t, write), 'cti-write__error') : null,
    attemptLine(ctx, write, state),
    typeof write.text === 'string' && write.text !== ''
      ? h('p', { key: 'text', className: 'cti-write__text', text: write.text })
      : null,
    writeActions(ctx, write, state, { key, labelId, warningId: ctx.id(`write-${index}-warning`) }),
  ]);
}

// "Attempts: 2 · next try in 12 s" (the countdown only while the write waits for it).
function attemptLine(ctx, write, state) {
  const { h, t } = ctx;
  const attempts = Number.isInteger(write.attempts) && write.attempts > 0 ? write.attempts : 0;
  const next =
    Number.isFinite(write.nextAttemptMs) && (state === 'pending' || state === 'failed') ? write.nextAttemptMs : null;
  if (attempts === 0 && next === null) return null;
  return h('p', { key: 'attempts', className: 'cti-small cti-write__attempts' }, [
    attempts > 0 ? h('span', { text: t('ui.sync.attempts', { count: attempts }) }) : null,
    attempts > 0 && next !== null ? h('span', { attrs: { 'aria-hidden': 'true' }, text: ' · ' }) : null,
    next !== null ? countdown(ctx, next, 'cti-write__next') : null,
  ]);
}

function writeActions(ctx, write, state, { key, labelId, warningId }) {
  const { h, t, ui } = ctx;
  const hasText = typeof write.text === 'string' && write.text !== '';
  const failed = state === 'failed' && write.key != null;
  if (!hasText && !failed) return null;
  const confirming = failed && ui.confirmDiscard === key;
  const copy = ui.copy?.key === key ? ui.copy : null;
  return h('div', { key: 'actions', className: 'cti-write__actions' }, [
    confirming
      ? h('p', {
          key: 'warning',
          className: 'cti-message cti-message--warning cti-write__warning',
          attrs: { id: warningId, role: 'alert' },
          text: t('ui.sync.discardWarning'),
        })
      : null,
    copy && !copy.ok ? smallText(ctx, t('ui.sync.copyManual'), 'cti-write__copyhint') : null,
    h('div', { key: 'buttons', className: 'cti-write__buttons' }, [
      hasText
        ? button(ctx, {
            key: 'copy',
            label: copy?.ok ? t('ui.sync.copied') : t('ui.sync.copy'),
            kind: 'basic',
            attrs: { 'aria-describedby': labelId },
            onClick: () => copyText(ctx, key, write.text),
          })
        : null,
      failed && !confirming
        ? button(ctx, {
            key: 'retry',
            label: t('ui.sync.retry'),
            attrs: { 'aria-describedby': labelId },
            onClick: () => ctx.emit({ type: 'retryWrite', key: write.key }),
          })
        : null,
      // The same element before and after the first click, so focus stays on it for the confirming one.
      failed
        ? button(ctx, {
            key: 'discard',
            label: confirming ? t('ui.sync.discardConfirm') : t('ui.sync.discard'),
            kind: confirming ? 'dangerPrimary' : 'danger',
            attrs: { 'aria-describedby': confirming ? warningId : labelId },
            onClick: () => {
              if (ctx.ui.confirmDiscard === key) {
                ctx.ui.confirmDiscard = null;
                ctx.emit({ type: 'discardWrite', key: write.key });
              } else {
                ctx.ui.confirmDiscard = key;
              }
              ctx.redraw();
            },
          })
        : null,
      confirming
        ? button(ctx, {
            key: 'keep',
            label: t('ui.sync.discardCancel'),
            onClick: () => {
              ctx.ui.confirmDiscard = null;
              ctx.redraw();
              focusDiscard(ctx, key);
            },
          })
        : null,
    ]),
  ]);
}

// After "Keep", focus goes back to the Discard button of the same write (the Keep button is gone).
function focusDiscard(ctx, key) {
  itemElement(ctx, key)?.querySelector('[data-key="discard"]')?.focus();
}

// The <li> of a write; its key holds data, so it is compared, never put in a selector.
function itemElement(ctx, key) {
  return [...ctx.root.querySelectorAll('.cti-write')].find((el) => el.getAttribute('data-key') === key);
}

// navigator.clipboard when the frame may use it; else the text is selected and execCommand('copy') tried;
// failing both, the text stays selected and the agent is told to press Ctrl+C.
function copyText(ctx, key, text) {
  const done = (ok) => {
    if (ctx.ui.copy?.timer != null) ctx.timers.clearTimeout(ctx.ui.copy.timer);
    const timer = ok
      ? ctx.timers.setTimeout(() => {
          if (ctx.ui.copy?.timer === timer) {
            ctx.ui.copy = null;
            ctx.redraw();
          }
        }, COPIED_MS)
      : null;
    ctx.ui.copy = { key, ok, timer };
    ctx.redraw();
  };
  const fallback = () => done(selectAndCopy(ctx, key));
  const clipboard = ctx.clipboard();
  if (clipboard && typeof clipboard.writeText === 'function') {
    let pending;
    try {
      pending = Promise.resolve(clipboard.writeText(String(text)));
    } catch {
      pending = Promise.reject(new Error('clipboard'));
    }
    pending.then(() => done(true), fallback);
  } else {
    fallback();
  }
}

function selectAndCopy(ctx, key) {
  const textEl = itemElement(ctx, key)?.querySelector('.cti-write__text');
  const doc = ctx.root.ownerDocument;
  const selection = doc.defaultView?.getSelection?.();
  if (!textEl || !selection || typeof doc.createRange !== 'function') return false;
  const range = doc.createRange();
  range.selectNodeContents(textEl);
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    return typeof doc.execCommand === 'function' && doc.execCommand('copy') === true;
  } catch {
    return false;
  }
}
