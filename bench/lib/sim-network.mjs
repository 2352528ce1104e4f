// The network between simulated browser tabs and the stand-in, on the fake clock: a request travels up for a
// while, is carried out by the stand-in at its arrival instant (over real HTTP, one at a time, so the order is
// deterministic), and its answer travels down for a while before the tab sees it. Latency is fake time, so
// answers can come back after other events (a later call event, a tick, another answer).
//
// When a tab dies (reload, frozen or closed tab), what it had on the wire is decided at once: a request still
// travelling up either reaches the stand-in now or never does (coin flip); answers are thrown away by the owner
// (fencing). Deciding at the moment of death keeps every request of a dead tab ahead of its successor's first
// request: a late arrival after the successor had checked "not there" and re-sent would be a duplicate no client
// could prevent, which is not what this simulation measures.
export function createNetwork({ queue, send, rng, latency }) {
  const travelling = new Set(); // requests not yet carried out
  const counts = { sent: 0, arrivedAfterOwnerDied: 0, lostWithOwner: 0 };

  /** `deliver(answer)` runs when the answer arrives; the owner decides whether it is still alive to take it. */
  function request(owner, effect, deliver) {
    const { up, down } = latency();
    const req = { owner, effect, deliver, token: 0, down };
    counts.sent++;
    travelling.add(req);
    arriveAt(req, queue.clock.ms + up);
  }

  function arriveAt(req, at) {
    const token = ++req.token;
    queue.schedule(at, async () => {
      if (req.token !== token || !travelling.has(req)) return;
      travelling.delete(req);
      const answer = await send(req.effect.method, req.effect.url, req.effect.body, req.effect.headers);
      queue.schedule(queue.clock.ms + req.down, () => req.deliver(answer));
    });
  }

  /** The owner died: its requests still travelling up reach the stand-in now, or never. */
  function abandon(owner) {
    for (const req of [...travelling]) {
      if (req.owner !== owner) continue;
      if (rng.chance(0.5)) {
        counts.arrivedAfterOwnerDied++;
        arriveAt(req, queue.clock.ms);
      } else {
        counts.lostWithOwner++;
        travelling.delete(req);
      }
    }
  }

  const busy = (owner) => [...travelling].some((r) => r.owner === owner);
  return { request, abandon, busy, counts };
}
