// Sandbox only: the local workspace (sandbox/workspace) plays the other side of the simulator's calls by firing
// the ZAF event `adapter.simulator` {command, args} at the top bar. Zendesk never sends it. Only the simulator's
// control methods below can be reached; anything else is ignored. A control that names a call (args[0]) with null
// means the newest live call, since the workspace cannot know the ids the adapter gives outbound calls.
// The simulator runs in the agent's writing tab only, so a control given to another tab is carried out there
// (js-shim/app/top-bar.js leaderCommands), and this resolves "the newest live call" where the calls are.

const CONTROLS = [
  'ringInbound',
  'remoteHangUp',
  'callerAbandons',
  'sendToVoicemail',
  'setAnswerBehaviour',
  'goOffline',
  'goOnline',
  'setAttributes',
  'consultHangsUp',
  'setDirectory',
];
const NAMES_A_CALL = ['remoteHangUp', 'callerAbandons', 'sendToVoicemail', 'setAttributes', 'consultHangsUp'];

/**
 * @param {object} simulator  the simulator connector (its controls)
 * @param {unknown} payload   {command, args}
 * @param {{setAnswerBehaviour?: Function, log?: {warn: Function}}} [o]  a remembering setAnswerBehaviour
 *   (journal.js) instead of the simulator's own
 */
export function playSimulatorControl(simulator, payload, { setAnswerBehaviour, log = console } = {}) {
  const { command, args } = /** @type {{command?: any, args?: any}} */ (
    payload && typeof payload === 'object' ? payload : {}
  );
  if (!CONTROLS.includes(command)) return;
  const list = Array.isArray(args) ? [...args] : [];
  if (NAMES_A_CALL.includes(command) && list[0] == null) {
    const live = simulator.calls().filter((c) => c.state !== 'ended' && c.state !== 'transferred');
    list[0] = live.at(-1)?.callId;
  }
  try {
    if (command === 'setAnswerBehaviour' && setAnswerBehaviour) setAnswerBehaviour(...list);
    else simulator[command](...list);
  } catch (err) {
    log.warn(`[adapter] simulator ${command} refused:`, err?.message ?? 'Error');
  }
}
