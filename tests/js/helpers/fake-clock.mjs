// A manual clock for the shim and the simulator: time moves only when a test says so, and timers fire in
// time order. Lets a test cross typing pauses, answer delays and Retry-After waits without sleeping.
export function createFakeClock(startMs = Date.UTC(2026, 10, 23, 9, 0, 0)) {
  let nowMs = startMs;
  let nextId = 1;
  const timers = new Map();
  const clock = {
    now: () => nowMs,
    setTimeout(fn, ms = 0) {
      const id = nextId++;
      timers.set(id, { at: nowMs + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id);
    },
    /** Moves time forward by `ms`, firing every timer that falls due, earliest first. */
    async advance(ms) {
      const end = nowMs + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        nowMs = due[1].at;
        due[1].fn();
        await new Promise((resolve) => setImmediate(resolve));
      }
      nowMs = end;
    },
  };
  return clock;
}
