// Finding another location of this app (the top bar) from the background page or the ticket sidebar.
// client.get('instances') answers {instances: {<guid>: {location, ...}}} (talk_partner_sample_app background.js).

/** @returns {Promise<string|null>} the guid of the first instance at `location`, or null */
export async function findInstanceGuid(client, location) {
  const answer = await client.get('instances');
  const instances = answer?.instances ?? {};
  for (const [guid, info] of Object.entries(instances)) {
    if (info?.location === location) return guid;
  }
  return null;
}

/** The top bar is where calls live; the other locations hand work to it. */
export const TOP_BAR = 'top_bar';

/** The instance event the ticket sidebar's Call menu triggers on the top bar (docs/adapter-protocol.md callMenu). */
export const CALL_MENU_EVENT = 'adapter.callMenu';

/**
 * The instance event a ticket sidebar triggers on the top bar to get its requester's phone numbers
 * (docs/adapter-protocol.md requesterNumbersWanted): {ticketId, requesterId, replyTo: the sidebar's instance guid}.
 */
export const NUMBERS_WANTED_EVENT = 'adapter.requesterNumbersWanted';

/** The instance event the top bar triggers on that sidebar with the answer (the core's `sidebarNumbers` effect). */
export const SIDEBAR_NUMBERS_EVENT = 'adapter.sidebarNumbers';
