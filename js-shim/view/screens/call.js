// A call in progress (dialing / connected) and its wrap-up once ended. The controls send events; whether each
// is possible comes from call.can, decided by the core.
import { formatDuration } from '../format.js';
import { button } from '../widgets.js';
import { caller, contactChooser, decisionLine, linkedTicket, noteBox, recentTickets } from './call-parts.js';
import {
  keypad,
  keypadToggle,
  openTicketButton,
  transferSection,
  wrapUpCodeMissing,
  wrapUpCodes,
} from './call-work.js';

/** The time on the call since it connected; render.js refreshes just this text every second. */
export function elapsedText(call, nowMs) {
  return Number.isFinite(call?.connectedAtMs) ? formatDuration((nowMs - call.connectedAtMs) / 1000) : '';
}

export function callScreen(ctx, view) {
  const { h, t } = ctx;
  const call = view.call ?? {};
  const can = call.can ?? {};
  const connected = call.state === 'connected';
  const body = [
    h('div', { key: 'state', className: 'cti-callstate' }, [
      h('h1', { className: 'cti-title', text: connected ? t('ui.call.connected') : t('ui.call.dialing') }),
      connected
        ? h('span', {
            key: 'elapsed',
            className: 'cti-elapsed',
            attrs: { 'aria-label': t('ui.call.elapsed') },
            text: elapsedText(call, ctx.now()),
          })
        : null,
      call.held
        ? h('span', { key: 'held', className: 'c-tag c-tag--pill c-tag--yellow' }, [
            h('span', { text: t('ui.call.onHold') }),
          ])
        : null,
      call.muted
        ? h('span', { key: 'muted', className: 'c-tag c-tag--pill c-tag--grey' }, [
            h('span', { text: t('ui.call.muted') }),
          ])
        : null,
    ]),
    caller(ctx, call, { withLanguage: true }),
    linkedTicket(ctx, call),
    recentTickets(ctx, call),
    contactChooser(ctx, call),
    decisionLine(ctx, call),
    h('div', { key: 'controls', className: 'cti-controls' }, [
      button(ctx, {
        key: 'hold',
        label: call.held ? t('ui.call.resume') : t('ui.call.hold'),
        disabled: !can.hold,
        attrs: { 'aria-pressed': String(Boolean(call.held)) },
        onClick: () => ctx.emit({ type: 'holdClicked' }),
      }),
      button(ctx, {
        key: 'mute',
        label: call.muted ? t('ui.call.unmute') : t('ui.call.mute'),
        disabled: !can.mute,
        attrs: { 'aria-pressed': String(Boolean(call.muted)) },
        onClick: () => ctx.emit({ type: 'muteClicked' }),
      }),
      keypadToggle(ctx, call, connected),
    ]),
    keypad(ctx, call, connected),
    transferSection(ctx, call, can.transfer === true),
    noteBox(ctx, call),
  ];
  const actions = [
    button(ctx, {
      key: 'hangUp',
      label: t('ui.call.hangUp'),
      kind: 'dangerPrimary',
      disabled: !can.hangUp,
      onClick: () => ctx.emit({ type: 'hangUpClicked' }),
    }),
    // TR-8: hang up, then the dial pad opens to call the caller back on this call's ticket (D445).
    can.callBack === true
      ? button(ctx, {
          key: 'callBack',
          label: t('ui.call.hangUpAndCallBack'),
          onClick: () => ctx.emit({ type: 'callBackClicked' }),
        })
      : null,
  ].filter(Boolean);
  return { body, actions };
}

// How a call ended, when it was not an ordinary conversation (a rejected or failed call must not look talked).
const OUTCOMES = new Set(['no_answer', 'failed', 'abandoned', 'voicemail', 'transferred']);

export function wrapUpScreen(ctx, view) {
  const { h, t } = ctx;
  const call = view.call ?? {};
  const body = [
    h('h1', { key: 'title', className: 'cti-title', text: t('ui.wrapUp.title') }),
    OUTCOMES.has(call.endReason)
      ? h('p', {
          key: 'outcome',
          className: 'cti-message',
          attrs: { role: 'status' },
          text: t(`ui.wrapUp.outcome.${call.endReason}`),
        })
      : null,
    h('p', {
      key: 'duration',
      className: 'cti-small',
      text: t('ui.wrapUp.duration', { duration: formatDuration(call.durationSec) }),
    }),
    caller(ctx, call, { withLanguage: true }),
    linkedTicket(ctx, call),
    openTicketButton(ctx, call),
    recentTickets(ctx, call),
    wrapUpCodes(ctx, call),
    noteBox(ctx, call),
  ];
  const missing = wrapUpCodeMissing(call);
  const actions = [
    button(ctx, {
      key: 'done',
      label: t('ui.wrapUp.done'),
      kind: 'primary',
      disabled: missing,
      attrs: { title: missing ? t('ui.wrapUp.codeFirst') : null },
      onClick: () => ctx.emit({ type: 'wrapUpDone' }),
    }),
    // TR-8: the dial pad opens to call the caller back; a call under 10 s joins its open ticket (D445).
    call.can?.callBack === true
      ? button(ctx, {
          key: 'callBack',
          label: t('ui.wrapUp.callBack'),
          disabled: missing,
          attrs: { title: missing ? t('ui.wrapUp.codeFirst') : null },
          onClick: () => ctx.emit({ type: 'callBackClicked' }),
        })
      : null,
  ].filter(Boolean);
  return { body, actions };
}
