// The pane's one live region (issue 18 item 5): a screen reader hears an incoming call, a call connecting or
// ending, and a change of the agent's status, once each, from what changed between two views. Drawing only.
import { agentStatusModel, statusName } from './agent-status.js';

/** The caller as the agent would name them: the contact, else the number. */
export function callerName(t, call) {
  const name = call?.contact?.name;
  if (typeof name === 'string' && name !== '') return name;
  const number = call?.number?.display;
  return typeof number === 'string' && number !== '' ? number : t('ui.call.unknownCaller');
}

/**
 * What to announce going from `before` to `view`, or null (nothing new).
 * @param {(key: string, params?: object) => string} t
 */
export function announcement(t, before, view) {
  const call = view?.call ?? null;
  const was = before?.call ?? null;
  if (call && (call.id !== was?.id || call.state !== was?.state)) {
    if (call.state === 'ringing' && call.direction === 'inbound')
      return t('ui.console.announce.incoming', { caller: callerName(t, call) });
    if (call.state === 'connected') return t('ui.console.announce.connected');
    if (call.state === 'ended') return t('ui.console.announce.ended');
  }
  if (!call && was && was.state !== 'ended') return t('ui.console.announce.ended');
  const status = agentStatusModel(view);
  const old = agentStatusModel(before);
  if (status && old && status.chosen !== old.chosen)
    return t('ui.console.announce.status', { status: statusName(t, status.chosen) });
  return null;
}
