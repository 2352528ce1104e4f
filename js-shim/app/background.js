// The background location's one job: make the top bar run before the agent ever opens it. A top_bar iframe is
// only inserted when first opened, so without this an incoming call or a click-to-call would find no adapter.
// Same approach as Zendesk's talk_partner_sample_app (background.js): find the top_bar instance, preloadPane.
import { TOP_BAR, findInstanceGuid } from '../zaf/instances.js';

/**
 * @param {{client: object, log?: {warn: Function}}} o
 * @returns {Promise<string|null>} the top bar's instance guid, or null when there is none (or ZAF failed)
 */
export async function startBackground({ client, log = console }) {
  try {
    const guid = await findInstanceGuid(client, TOP_BAR);
    if (guid === null) {
      log.warn('[adapter] no top_bar instance to preload');
      return null;
    }
    await client.instance(guid).invoke('preloadPane');
    return guid;
  } catch (err) {
    log.warn('[adapter] could not preload the top bar:', err?.name ?? 'Error');
    return null;
  }
}
