// Browser entry of the top bar (assets/top_bar.html). The only file that touches the ZAFClient global, the DOM,
// localStorage, BroadcastChannel and Web Locks; everything else is in startTopBar, which tests drive with fakes.
/* global ZAFClient */
// The core's Emscripten glue; the build puts adapter-core.mjs (and adapter-core.wasm) next to this entry.
import createAdapterCore from './adapter-core.mjs';
import { TELEPHONY_COMMANDS } from '../telephony/connector.js';
import { createSimulatorConnector } from '../telephony/simulator.js';
import { createTranslator } from '../view/i18n.js';
import { createView } from '../view/render.js';
import { agentLocale, browserStorage, loadDictionaries, showStartFailure } from './browser-support.js';
import { playSimulatorControl } from './simulator-controls.js';
import { journalSimulator } from './simulator-journal.js';
import { channelName, openTabChannel } from './tab-channel.js';
import { startTopBar } from './top-bar.js';
import { createWriterLease, newTabId } from './writer-lease.js';

const root = document.getElementById('app');
const client = ZAFClient.init(); // false outside Zendesk (no origin / app_guid in the URL)

if (!client) {
  showStartFailure(root, 'This app runs inside Zendesk.');
} else {
  const storage = browserStorage();
  // The simulator is the default connector; another one (settings.telephonyConnector) is chosen here later.
  const simulator = createSimulatorConnector({});
  const journal = journalSimulator(simulator, { storage });
  const tabId = newTabId();
  startTopBar({
    client,
    createModule: createAdapterCore,
    moduleOptions: {}, // the glue finds adapter-core.wasm next to itself
    connector: journal.connector,
    root,
    storage,
    // The agent's Zendesk locale, not the browser's: a German agent on an English browser reads German.
    dictionaries: await loadDictionaries(fetch, agentLocale(client)),
    createView,
    createTranslator,
    telephonyCommands: TELEPHONY_COMMANDS,
    // Every Zendesk tab of the agent runs this app; one of them writes (writer-lease.js).
    tabs: ({ agentId }) => {
      const channel = openTabChannel(channelName(agentId));
      const lease = createWriterLease({
        agentId,
        tabId,
        storage,
        channel,
        locks: globalThis.navigator?.locks ?? null,
        pageEvents: window,
      });
      return { lease, channel };
    },
    leaderCommands: {
      simulator: (payload) => playSimulatorControl(simulator, payload, { setAnswerBehaviour: journal.setAnswerBehaviour }),
    },
  })
    .then((topBar) => {
      // Subscribed once started: the workspace host keeps the controls it fires meanwhile.
      client.on('adapter.simulator', (payload) => topBar.command('simulator', payload));
      // Read-only, for the sandbox's browser tests and for debugging: what this tab shows, whether it writes, and
      // (copies of) the embedded simulator's calls — what it was asked to dial, the DTMF digits it was sent.
      Object.defineProperty(window, 'adapterTopBar', {
        value: Object.freeze({
          role: () => topBar.role(),
          view: () => topBar.view(),
          simulatorCalls: () => simulator.calls(),
        }),
      });
    })
    .catch((err) => {
      console.warn('[adapter] the top bar could not start:', err?.name ?? 'Error');
      showStartFailure(root, 'The adapter could not start. Reload the page to try again.');
    });
}
