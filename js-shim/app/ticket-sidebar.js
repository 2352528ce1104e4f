// The ticket sidebar's Call menu (FO-5c / FO-5d / TB-7): one button per phone number of the ticket's requester,
// plus "Enter new number". It decides nothing and sends no request of its own: the top bar's core (the app's
// single writer) looks the numbers up, within the agent's request budget and with its retries, and answers this
// sidebar instance (docs/adapter-protocol.md requesterNumbersWanted / sidebarNumbers). A click hands
// {ticketId, number} to the top bar, where the core plans the call, and opens the top bar's popover.
import {
  CALL_MENU_EVENT,
  NUMBERS_WANTED_EVENT,
  SIDEBAR_NUMBERS_EVENT,
  TOP_BAR,
  findInstanceGuid,
} from '../zaf/instances.js';
import { renderCallMenu } from './call-menu.js';

// Longer than the core's own tries for a lookup (about two minutes of backoff): no answer by then means the top
// bar did not hear the ask (it was reloading, or another Zendesk tab took over writing); the agent may ask again.
export const ANSWER_TIMEOUT_MS = 150_000;
const MAX_NUMBERS = 50; // as many as the core sends

/**
 * @param {object} o
 * @param {object} o.client  this sidebar's ZAF client
 * @param {Element} o.root
 * @param {(key: string, params?: object) => string} o.t
 * @param {{warn: Function}} [o.log]
 * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
 * @returns {Promise<{ticketId: number|null, numbers(): string[], stop(): void}>}  numbers: what is drawn now
 */
export async function startTicketSidebar({
  client,
  root,
  t,
  log = console,
  timers = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (id) => globalThis.clearTimeout(id) },
}) {
  const [answer, context] = await Promise.all([client.get(['ticket.id', 'ticket.requester']), client.context()]);
  const ticketId = answer?.['ticket.id'] ?? null;
  const requester = answer?.['ticket.requester'] ?? null;
  const requesterId = requester?.id ?? null;
  const ownGuid = typeof context?.instanceGuid === 'string' ? context.instanceGuid : null;

  let numbers = [];
  let message = null; // a translated status line
  let retry = null; // offered with a failure: ask again
  let waitTimer = null;

  const draw = () =>
    renderCallMenu(root, { requesterName: requester?.name ?? null, numbers, message, onRetry: retry }, t, onCall);

  function show(next) {
    ({ numbers = [], message = null, retry = null } = next);
    draw();
  }

  function stopWaiting() {
    if (waitTimer !== null) timers.clearTimeout(waitTimer);
    waitTimer = null;
  }

  /** Asks the top bar for the requester's numbers; the answer comes as SIDEBAR_NUMBERS_EVENT. */
  async function askTopBar() {
    stopWaiting();
    if (requesterId == null || ticketId == null || ownGuid === null) return show({});
    let topBar = null;
    try {
      topBar = await findInstanceGuid(client, TOP_BAR);
    } catch (err) {
      log.warn('[adapter] could not find the top bar:', err?.name ?? 'Error');
    }
    if (topBar === null) return show({ message: t('ui.callMenu.noTopBar'), retry: askTopBar });
    show({ message: t('ui.callMenu.loading') });
    waitTimer = timers.setTimeout(() => {
      waitTimer = null;
      log.warn("[adapter] the top bar did not answer with the requester's phone numbers");
      show({ message: t('ui.callMenu.loadFailed'), retry: askTopBar });
    }, ANSWER_TIMEOUT_MS);
    client.instance(topBar).trigger(NUMBERS_WANTED_EVENT, { ticketId, requesterId, replyTo: ownGuid });
    return undefined;
  }

  // The top bar's answer: only for this ticket's requester; numbers are text (drawn with textContent).
  function onNumbers(d) {
    if (d?.ticketId !== ticketId || d?.requesterId !== requesterId) return;
    stopWaiting();
    if (d.state === 'loaded' && Array.isArray(d.numbers)) {
      show({ numbers: d.numbers.filter((n) => typeof n === 'string' && n !== '').slice(0, MAX_NUMBERS) });
    } else {
      log.warn("[adapter] Zendesk did not give the requester's phone numbers");
      show({ message: t('ui.callMenu.loadFailed'), retry: askTopBar });
    }
  }

  async function onCall(number) {
    try {
      const guid = await findInstanceGuid(client, TOP_BAR);
      if (guid === null) {
        message = t('ui.callMenu.noTopBar');
        retry = askTopBar;
        draw();
        return;
      }
      const topBar = client.instance(guid);
      topBar.trigger(CALL_MENU_EVENT, { ticketId, number });
      await topBar.invoke('popover', 'show');
    } catch (err) {
      log.warn('[adapter] could not hand the call to the top bar:', err?.name ?? 'Error');
    }
  }

  client.on(SIDEBAR_NUMBERS_EVENT, onNumbers);
  await askTopBar();
  return {
    ticketId,
    numbers: () => [...numbers],
    stop() {
      stopWaiting();
      client.off?.(SIDEBAR_NUMBERS_EVENT, onNumbers);
    },
  };
}
