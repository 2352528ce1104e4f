// A ringing call: who is calling (contact or "Unknown caller", PF-1 flags), where from (queue, menu path,
// language), what Zendesk already knows (IN-1: the latest unsolved ticket and its status), Answer / Decline. A
// voicemail session is offered as a voicemail (TR-5): its own title and "Take voicemail", not a live call's Answer.
import { button, ticketLine } from '../widgets.js';
import { caller, contactChooser } from './call-parts.js';
import { languageName } from './call-work.js';

export function incomingScreen(ctx, view) {
  const { h, t } = ctx;
  const call = view.call ?? {};
  const voicemail = call.sessionType === 'voicemail';
  const body = [
    h('h1', {
      key: 'title',
      className: 'cti-title',
      text: t(voicemail ? 'ui.incoming.voicemailTitle' : 'ui.incoming.title'),
    }),
    caller(ctx, call),
    routing(ctx, call),
    lookup(ctx, call.lookup),
    contactChooser(ctx, call),
  ];
  const can = call.can ?? {};
  const actions = [
    button(ctx, {
      key: 'decline',
      label: t('ui.incoming.decline'),
      kind: 'danger',
      disabled: !can.decline,
      onClick: () => ctx.emit({ type: 'declineClicked' }),
    }),
    button(ctx, {
      key: 'answer',
      label: t(voicemail ? 'ui.incoming.takeVoicemail' : 'ui.incoming.answer'),
      kind: 'primary',
      disabled: !can.answer,
      onClick: () => ctx.emit({ type: 'answerClicked' }),
    }),
  ];
  return { body, actions };
}

// Queue, menu path and language, each only when the connector gave it.
function routing(ctx, call) {
  const { h, t } = ctx;
  const rows = [
    ['queue', t('ui.incoming.queue'), call.queueName],
    ['menu', t('ui.incoming.menuPath'), call.menuPath],
    ['language', t('ui.incoming.language'), languageName(ctx, call.language)],
  ].filter(([, , value]) => typeof value === 'string' && value !== '');
  if (rows.length === 0) return null;
  return h(
    'ul',
    { key: 'routing', className: 'cti-facts' },
    rows.map(([key, label, value]) =>
      h('li', { key, className: 'cti-fact' }, [
        h('span', { className: 'cti-fact__label', text: label }),
        h('bdi', { className: 'cti-fact__value', text: value }),
      ]),
    ),
  );
}

// IN-1: the caller's latest unsolved ticket with its status, so the agent knows the context before answering.
function lookup(ctx, found) {
  const { h, t } = ctx;
  if (!found) return null;
  const ticket = found.latestUnsolvedTicket;
  return h('section', { key: 'lookup', className: 'cti-section cti-lookup' }, [
    h('h2', { className: 'cti-section__title', text: t('ui.incoming.latestUnsolved') }),
    ticket?.id != null
      ? h('p', {}, [ticketLine(ctx, ticket)])
      : h('p', { className: 'cti-muted', text: t('ui.incoming.noUnsolved') }),
    Number(found.matches) > 1
      ? h('p', { className: 'cti-small', text: t('ui.incoming.contactsMatch', { count: found.matches }) })
      : null,
  ]);
}
