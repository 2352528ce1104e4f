// Serialises events into the core. Performing effects can produce new events synchronously (a connector that
// emits callDialing inside dial(), a view that fires onEvent while drawing); those must wait until the current
// event's view is drawn and its effects are started, then run in arrival order — never nested inside it.
//
// post(event) returns a promise of whatever process(event) returned (the loop returns the effects' settle
// promise), so callers and tests can await the consequences of one event.

/**
 * @param {(event: object) => unknown} process  must not throw; a throw is reported and the queue moves on
 * @param {{warn: Function}} [log]
 */
export function createDispatchQueue(process, log = console) {
  const queue = [];
  let draining = false;

  function drain() {
    draining = true;
    try {
      while (queue.length > 0) {
        const { event, resolve } = queue.shift();
        try {
          resolve(process(event));
        } catch (err) {
          log.warn('[adapter] event processing failed:', err?.name ?? 'Error');
          resolve(undefined);
        }
      }
    } finally {
      draining = false;
    }
  }

  return function post(event) {
    return new Promise((resolve) => {
      queue.push({ event, resolve });
      if (!draining) drain(); // re-entrant posts are picked up by the drain already running
    });
  };
}
