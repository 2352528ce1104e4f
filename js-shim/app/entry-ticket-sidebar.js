// Browser entry of the ticket sidebar (assets/ticket_sidebar.html): the ticket's Call menu.
/* global ZAFClient */
import { createTranslator } from '../view/i18n.js';
import { agentLocale, loadDictionaries, showStartFailure, startZafClient } from './browser-support.js';
import { startTicketSidebar } from './ticket-sidebar.js';

const root = /** @type {HTMLElement} */ (document.getElementById('app')); // the page always has it
const client = await startZafClient(ZAFClient, root); // null unless Zendesk hosts this page

if (client) {
  const [dictionaries, user] = await Promise.all([
    loadDictionaries(fetch, agentLocale(client)),
    client.get('currentUser').catch(() => null),
  ]);
  const t = createTranslator(dictionaries, user?.currentUser?.locale ?? 'en');
  startTicketSidebar({ client, root, t }).catch((err) => {
    console.warn('[adapter] the Call menu could not start:', err?.name ?? 'Error');
    showStartFailure(root, t('ui.callMenu.loadFailed'));
  });
}
