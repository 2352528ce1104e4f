// Ordered, asynchronous delivery of a connector's events.
// Why asynchronous: the shim calls connector commands while performing the effects of one core answer; an event
// emitted synchronously from inside that command would re-enter the core mid-loop. Every event therefore waits
// for a microtask, and all of them go through one queue, so timer-driven and command-driven events keep the order
// in which they happened.
// Why a backlog: while the connector is offline nothing reaches the adapter; when it is back, what happened
// meanwhile is delivered, in order, right after `connectorState: online` (a backend replaying on reconnect).

/**
 * @param {{onError?: (error: unknown, event: object) => void}} [options]  told when `emit` throws; delivery goes on
 */
export function createEventOutbox({
  onError = (error) => console.error('telephony event delivery failed:', error),
} = {}) {
  let emit = null;
  let online = true;
  let queue = [];
  let backlog = [];
  let scheduled = false;

  function flush() {
    scheduled = false;
    // emit() may detach the sink (set emit to null) while it runs, which this condition re-reads.
    // eslint-disable-next-line no-unmodified-loop-condition
    while (emit && queue.length > 0) {
      const event = queue.shift();
      try {
        emit(event);
      } catch (error) {
        onError(error, event);
      }
    }
  }

  function schedule() {
    if (scheduled || !emit) return;
    scheduled = true;
    queueMicrotask(flush);
  }

  return {
    /** Starts delivering to `fn` (what was pushed before is delivered first). */
    attach(fn) {
      emit = fn;
      schedule();
    },
    /** Stops delivering and drops everything not yet delivered. */
    detach() {
      emit = null;
      queue = [];
      backlog = [];
    },
    /** Queues one event; call events are held back while offline. */
    push(event) {
      (online || event.type === 'connectorState' ? queue : backlog).push(event);
      schedule();
    },
    /** Announces the connection state; going online releases the backlog after the announcement. */
    setOnline(next) {
      if (next === online) return false;
      online = next;
      queue.push({ type: 'connectorState', state: next ? 'online' : 'offline' });
      if (next) {
        queue.push(...backlog);
        backlog = [];
      }
      schedule();
      return true;
    },
    get online() {
      return online;
    },
  };
}
