// A fake clock and the things due on it, for discrete-event simulations: `at` is fake milliseconds; things due at
// the same instant run in the order they were scheduled, so a run is deterministic.
export function createEventQueue(startMs) {
  const heap = [];
  let seq = 0;
  const clock = { ms: startMs };
  const before = (a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

  function schedule(at, run) {
    const item = { at: Math.max(at, clock.ms), seq: seq++, run };
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** Removes the earliest item and moves the clock to it (never backwards); null when nothing is due. */
  function pop() {
    if (!heap.length) return null;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    clock.ms = Math.max(clock.ms, top.at);
    return top;
  }

  return { clock, schedule, pop, size: () => heap.length, peekAt: () => heap[0]?.at ?? null };
}
