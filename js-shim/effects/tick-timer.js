// The single timer behind `scheduleTick`: the core asks for one wake-up at a time, and a later request
// replaces the earlier one (docs/adapter-protocol.md). The core owns all timing decisions; this only waits.

// setTimeout stores delays in 32 bits; a longer wait would fire at once. An early tick is harmless: the core
// finds nothing due and asks again.
const MAX_DELAY_MS = 2 ** 31 - 1;

export function createTickTimer({ timers, now, onTick }) {
  let handle = null;

  function cancel() {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  }

  return {
    schedule(atMs) {
      cancel();
      const delay = Math.min(Math.max(0, Number(atMs) - now() || 0), MAX_DELAY_MS);
      handle = timers.setTimeout(() => {
        handle = null;
        onTick();
      }, delay);
    },
    cancel,
  };
}
