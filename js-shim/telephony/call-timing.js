// A simulated call's clock readings, and the `callEnded` / `callTransferred` numbers made from them (SF-2
// durations, TR-11/RS-1 recording). Kept apart from the simulator so the arithmetic reads on its own.

/** 128 kbit/s MP3 (a format Zendesk accepts for voice comments): about 16 KB per second of call. */
export const RECORDING_BYTES_PER_SEC = 16000;

const seconds = (ms) => Math.max(0, Math.round(ms / 1000));

/** @param {{heldSinceMs: number|null}} call */
export function holdStarted(call, nowMs) {
  if (call.heldSinceMs === null) call.heldSinceMs = nowMs;
}

/** Adds the running hold period, if any, to the call's total. */
export function holdEnded(call, nowMs) {
  if (call.heldSinceMs === null) return;
  call.holdMs += nowMs - call.heldSinceMs;
  call.heldSinceMs = null;
}

/**
 * The `callTransferred` event for a call leaving this agent now (TR-10), with this agent's part of it timed as
 * `endedEvent` times a call (SF-2: connected time with hold included, wait until connected, hold summed). The
 * timings are optional in the protocol; the simulator always sends them.
 * @param {{callId: string|number, startedAtMs: number, connectedAtMs: number|null, holdMs: number, heldSinceMs: number|null}} call
 * @param {{toAgentId: number|null, nowMs: number}} how
 */
export function transferredEvent(call, { toAgentId, nowMs }) {
  holdEnded(call, nowMs);
  const { connectedAtMs } = call;
  const connected = connectedAtMs !== null;
  return {
    type: 'callTransferred',
    callId: call.callId,
    toAgentId,
    durationSec: connected ? seconds(nowMs - connectedAtMs) : 0,
    waitSec: seconds((connected ? connectedAtMs : nowMs) - call.startedAtMs),
    holdSec: seconds(call.holdMs),
  };
}

/**
 * The `callEnded` event for a call ending now.
 * - durationSec: connected time, hold included (SF-2); for a voicemail, the length of the message left.
 * - waitSec: ringing/dialing until connected, or until the end when it never connected.
 * - holdSec: the hold periods summed (a hold still running at the end counts up to the end).
 * - recordingUrl/recordingBytes: only when there is audio — the call was connected, or a voicemail was left.
 * @param {{callId: string|number, startedAtMs: number, connectedAtMs: number|null, holdMs: number, heldSinceMs: number|null}} call
 * - recordingUrl (how): the backend's own link to the call's recording, used instead of `<base><callId>.mp3`.
 * @param {{reason: string, nowMs: number, recordingBaseUrl: string|null, messageSec?: number, recordingUrl?: string}} how
 */
export function endedEvent(call, { reason, nowMs, recordingBaseUrl, messageSec = 0, recordingUrl }) {
  holdEnded(call, nowMs);
  const { connectedAtMs } = call;
  const connected = connectedAtMs !== null;
  const connectedMs = connected ? nowMs - connectedAtMs : 0;
  const recordedMs = connected ? connectedMs : reason === 'voicemail' ? messageSec * 1000 : 0;
  const recorded = connected || (reason === 'voicemail' && messageSec > 0);
  return {
    type: 'callEnded',
    callId: call.callId,
    reason,
    durationSec: connected ? seconds(connectedMs) : seconds(recordedMs),
    waitSec: seconds((connected ? connectedAtMs : nowMs) - call.startedAtMs),
    holdSec: seconds(call.holdMs),
    // The id goes through encodeURIComponent: a call id is data and must not reshape the URL.
    // No base (the demo in an installed app, the sip connector): no recording exists, so no link is invented.
    recordingUrl:
      recorded && recordingUrl
        ? recordingUrl
        : recorded && recordingBaseUrl
          ? `${recordingBaseUrl}${encodeURIComponent(String(call.callId))}.mp3`
          : null,
    recordingBytes:
      recorded && (recordingUrl || recordingBaseUrl) ? Math.round((recordedMs / 1000) * RECORDING_BYTES_PER_SEC) : 0,
  };
}
