// The agent's tabs talk over one BroadcastChannel, `agent-adapter:<agentId>` (same origin: every Zendesk tab's
// copy of this app). One channel object per tab carries both the writer lease's messages and the app's (views,
// forwarded events), because a BroadcastChannel never hears its own posts: two objects in one tab would hear each
// other. Messages are plain JSON-like objects; none is ever logged (views hold callers' numbers and notes).

export const channelName = (agentId) => `agent-adapter:${agentId}`;

/**
 * @param {string} name
 * @param {object} [o]
 * @param {typeof BroadcastChannel|null} [o.BroadcastChannel]  null (an old browser): a channel that carries nothing,
 *   so tabs still agree on the writer through storage but followers see no live state
 * @param {{warn: Function}} [o.log]
 * @returns {{post(msg: object): void, subscribe(fn: (msg: object) => void): () => void, close(): void}}
 */
export function openTabChannel(name, { BroadcastChannel: Channel = globalThis.BroadcastChannel, log = console } = {}) {
  const listeners = new Set();
  let channel = null;
  if (typeof Channel === 'function') {
    try {
      channel = new Channel(name);
      channel.onmessage = (event) => deliver(event.data);
    } catch (err) {
      log.warn('[adapter] tab channel unavailable:', err?.name ?? 'Error');
      channel = null;
    }
  }

  function deliver(msg) {
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    for (const fn of [...listeners]) {
      try {
        fn(msg);
      } catch (err) {
        log.warn('[adapter] tab message handling failed:', err?.name ?? 'Error');
      }
    }
  }

  return {
    post(msg) {
      try {
        channel?.postMessage(msg);
      } catch (err) {
        log.warn('[adapter] tab message not sent:', err?.name ?? 'Error');
      }
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    close() {
      listeners.clear();
      try {
        channel?.close();
      } catch {
        // already closed
      }
      channel = null;
    },
  };
}
