// Browser entry of the top bar (assets/top_bar.html). The only file that touches the ZAFClient global, the DOM,
// localStorage, BroadcastChannel and Web Locks; everything else is in startTopBar, which tests drive with fakes.
/* global ZAFClient */
// The core's Emscripten glue; the package build puts it next to this entry as adapter-core.js (with adapter-core.wasm):
// every script the package ships is a .js, the one extension Zendesk's asset host is known to serve as JavaScript.
import createAdapterCore from './adapter-core.js';
import { chooseConnector } from '../telephony/choose-connector.js';
import { createRingTone } from '../telephony/ring-tone.js';
import { createTranslator } from '../view/i18n.js';
import { createView } from '../view/render.js';
import { jssipWithConnectPolicy, narrowConnectSources } from './connect-policy.js';
import { agentLocale, browserStorage, loadDictionaries, showStartFailure, startZafClient } from './browser-support.js';
import { channelName, openTabChannel } from './tab-channel.js';
import { startTopBar } from './top-bar.js';
import { createWriterLease, newTabId } from './writer-lease.js';

const root = /** @type {HTMLElement} */ (document.getElementById('app')); // the page always has it
// null unless Zendesk hosts this page: then nothing is posted to any frame and the page says so.
const client = await startZafClient(ZAFClient, root);

if (client) {
  const storage = browserStorage();
  // The connector follows settings.telephonyConnector (choose-connector.js): `sip` by default; the demo simulator
  // and its sandbox controls only when chosen explicitly. Each is a file of its own, loaded only when chosen.
  let simulator = null; // once its file has loaded
  let playControl = null;
  let sip = null;
  let chosenName = null;
  const tabId = newTabId();
  /** @type {Record<string, (payload: unknown) => void>} */
  const leaderCommands = {}; // what only the writing tab can do
  startTopBar({
    client,
    createModule: createAdapterCore,
    moduleOptions: {}, // the glue finds adapter-core.wasm next to itself
    createConnector: async ({ settings, agent, client: zaf, setProblems }) => {
      const chosen = await chooseConnector({
        settings,
        loadSip: () => import('./sip-connector.js'), // js-shim/telephony/sip/load.js, built apart
        loadSimulator: () => import('./simulator-connector.js'), // js-shim/telephony/simulator/load.js, built apart
        createSimulator: ({ createSimulatorConnector, journalSimulator, playSimulatorControl }) => {
          // The demo invents no recording links: an installed app writes to a real account (D79). It rings with
          // the WebAudio tone once the agent's gesture has unlocked audio (ring-tone.js, D356).
          simulator = createSimulatorConnector({
            recordingBaseUrl: null,
            ringTone: createRingTone({ AudioContext: globalThis.AudioContext, navigator }),
          });
          const journal = journalSimulator(simulator, { storage });
          playControl = (payload) =>
            playSimulatorControl(simulator, payload, { setAnswerBehaviour: journal.setAnswerBehaviour });
          return journal.connector;
        },
        createSip: ({ JsSIP, createSipConnector, createBrowserMedia }) => {
          sip = createSipConnector({
            jssip: jssipWithConnectPolicy(JsSIP, document), // the page may then reach that SIP server only
            client: zaf,
            settings,
            agent,
            media: createBrowserMedia({ navigator, document, AudioContext: globalThis.AudioContext }),
            onProblems: setProblems,
          });
          return sip;
        },
      });
      chosenName = chosen.name;
      if (chosenName === 'simulator') {
        // A control may come before the simulator's file has loaded: it waits for it (in order); one that cannot
        // load leaves the connector offline with its own problem, and the controls do nothing.
        leaderCommands.simulator = (payload) =>
          chosen.connector.loaded().then(
            () => playControl(payload),
            () => undefined,
          );
      }
      if (chosenName !== 'sip') narrowConnectSources(document); // no connector opens sockets: the page's own origin only
      setProblems(chosen.problems);
      return chosen.connector;
    },
    root,
    storage,
    // The agent's Zendesk locale, not the browser's: a German agent on an English browser reads German.
    dictionaries: await loadDictionaries(fetch, agentLocale(client)),
    createView,
    createTranslator,
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
    leaderCommands, // gains `simulator` only when the simulator is chosen
  })
    .then((topBar) => {
      // Subscribed once started: the workspace host keeps the controls it fires meanwhile.
      if (chosenName === 'simulator') client.on('adapter.simulator', (payload) => topBar.command('simulator', payload));
      // Read-only, for the sandbox's browser tests and for debugging: what this tab shows, whether it writes, and
      // (copies of) the embedded simulator's calls — what it was asked to dial, the DTMF digits it was sent.
      // droppedTabMessages: what other tabs sent that this tab refused, counted by reason (tab-messages.js).
      // renderStats: how long drawing took (tests of huge inputs).
      const debug = {
        role: () => topBar.role(),
        view: () => topBar.view(),
        droppedTabMessages: () => topBar.droppedTabMessages(),
        renderStats: () => topBar.renderStats(),
      };
      if (chosenName === 'simulator') debug.simulatorCalls = () => (simulator ? simulator.calls() : []);
      // The sip connector's debug (registration, call ids, RTP byte counters, media): it may still be loading.
      if (chosenName === 'sip') {
        debug.sip = Object.freeze(
          Object.fromEntries(
            ['registration', 'callIds', 'stats', 'media', 'microphone'].map((k) => [
              k,
              (...a) => (sip ? sip.debug[k](...a) : null),
            ]),
          ),
        );
      }
      Object.defineProperty(window, 'adapterTopBar', { value: Object.freeze(debug) });
    })
    .catch((err) => {
      console.warn('[adapter] the top bar could not start:', err?.name ?? 'Error');
      showStartFailure(root, 'The adapter could not start. Reload the page to try again.');
    });
}
