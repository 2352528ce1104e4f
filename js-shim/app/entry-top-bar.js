// Browser entry of the top bar (assets/top_bar.html). The only file that touches the ZAFClient global, the DOM
// and localStorage; everything else is in startTopBar, which tests drive with fakes.
/* global ZAFClient */
// The core's Emscripten glue; the build puts adapter-core.mjs (and adapter-core.wasm) next to this entry.
import createAdapterCore from './adapter-core.mjs';
import { TELEPHONY_COMMANDS } from '../telephony/connector.js';
import { createSimulatorConnector } from '../telephony/simulator.js';
import { createTranslator } from '../view/i18n.js';
import { createView } from '../view/render.js';
import { agentLocale, browserStorage, loadDictionaries, showStartFailure } from './browser-support.js';
import { startTopBar } from './top-bar.js';

const root = document.getElementById('app');
const client = ZAFClient.init(); // false outside Zendesk (no origin / app_guid in the URL)

if (!client) {
  showStartFailure(root, 'This app runs inside Zendesk.');
} else {
  startTopBar({
    client,
    createModule: createAdapterCore,
    moduleOptions: {}, // the glue finds adapter-core.wasm next to itself
    // The simulator is the default connector; another one (settings.telephonyConnector) is chosen here later.
    connector: createSimulatorConnector({}),
    root,
    storage: browserStorage(),
    // The agent's Zendesk locale, not the browser's: a German agent on an English browser reads German.
    dictionaries: await loadDictionaries(fetch, agentLocale(client)),
    createView,
    createTranslator,
    telephonyCommands: TELEPHONY_COMMANDS,
  }).catch((err) => {
    console.warn('[adapter] the top bar could not start:', err?.name ?? 'Error');
    showStartFailure(root, 'The adapter could not start. Reload the page to try again.');
  });
}
