// The ticket sidebar's Call menu (FO-5c / FO-5d / TB-7): one button per phone number of the ticket's requester,
// plus "Enter new number". It decides nothing: a click hands {ticketId, number} to the top bar, where the core
// plans the call, and opens the top bar's popover.
import { CALL_MENU_EVENT, TOP_BAR, findInstanceGuid } from '../zaf/instances.js';
import { renderCallMenu } from './call-menu.js';

/**
 * @param {{client: object, root: Element, t: (key: string, params?: object) => string, log?: {warn: Function}}} o
 * @returns {Promise<{ticketId: number|null, numbers: string[]}>} what was drawn
 */
export async function startTicketSidebar({ client, root, t, log = console }) {
  const answer = await client.get(['ticket.id', 'ticket.requester']);
  const ticketId = answer?.['ticket.id'] ?? null;
  const requester = answer?.['ticket.requester'] ?? null;

  let numbers = [];
  let message = null;
  if (requester?.id != null) {
    try {
      numbers = await requesterPhoneNumbers(client, requester.id);
    } catch (err) {
      log.warn("[adapter] could not load the requester's phone numbers:", err?.status ?? err?.name ?? 'Error');
      message = t('ui.callMenu.loadFailed');
    }
  }

  const draw = () => renderCallMenu(root, { requesterName: requester?.name ?? null, numbers, message }, t, onCall);

  async function onCall(number) {
    try {
      const guid = await findInstanceGuid(client, TOP_BAR);
      if (guid === null) {
        message = t('ui.callMenu.noTopBar');
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

  draw();
  return { ticketId, numbers };
}

// ONE request: the phone-number identities rather than /api/v2/users/{id}.json. A user's `phone` is one
// phone_number identity among possibly several (Zendesk keeps the primary number as an identity), so the
// identities list is the complete set, while users/{id}.json would give only `phone`. Up to 100 come in the
// first page, which is far more than a Call menu can show.
async function requesterPhoneNumbers(client, userId) {
  const body = await client.request({
    url: `/api/v2/users/${encodeURIComponent(userId)}/identities.json?type[]=phone_number`,
    type: 'GET',
  });
  const identities = Array.isArray(body?.identities) ? body.identities : [];
  const phones = identities.filter((i) => i?.type === 'phone_number' && typeof i.value === 'string' && i.value.trim());
  phones.sort((a, b) => Number(Boolean(b.primary)) - Number(Boolean(a.primary))); // the primary number first
  return [...new Set(phones.map((i) => i.value.trim()))];
}
