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
  // The simulator is the default connector; another one (settings.telephonyConnector) is chosen here later.
  const connector = createSimulatorConnector({});
  listenForSimulatorControls(client, connector);
  startTopBar({
    client,
    createModule: createAdapterCore,
    moduleOptions: {}, // the glue finds adapter-core.wasm next to itself
    connector,
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

// Sandbox only: the local workspace (sandbox/workspace) plays the other side of the simulator's calls by firing
// the ZAF event `adapter.simulator` {command, args} at this instance. Zendesk never sends it. Only the simulator's
// control methods below can be reached; anything else is ignored. A control that names a call (args[0]) with null
// means the newest live call, since the workspace cannot know the ids the adapter gives outbound calls.
// (Constants inside: this runs before the module's top-level await, so module-level consts would not exist yet.)
function listenForSimulatorControls(client, simulator) {
  const CONTROLS = ['ringInbound', 'remoteHangUp', 'callerAbandons', 'sendToVoicemail', 'setAnswerBehaviour', 'goOffline', 'goOnline', 'setAttributes'];
  const NAMES_A_CALL = ['remoteHangUp', 'callerAbandons', 'sendToVoicemail', 'setAttributes'];
  client.on('adapter.simulator', (payload) => {
    const { command, args } = payload ?? {};
    if (!CONTROLS.includes(command)) return;
    const list = Array.isArray(args) ? [...args] : [];
    if (NAMES_A_CALL.includes(command) && list[0] == null) {
      const live = simulator.calls().filter((c) => c.state !== 'ended' && c.state !== 'transferred');
      list[0] = live.at(-1)?.callId;
    }
    try {
      simulator[command](...list);
    } catch (err) {
      console.warn(`[adapter] simulator ${command} refused:`, err?.message ?? 'Error');
    }
  });
}
