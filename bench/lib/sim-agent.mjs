// One simulated agent: one or two browser tabs sharing one localStorage, of which only the lease holder runs a
// live adapter (the real WASM core) and performs its effects (docs/adapter-protocol.md).
//
// - reload(gapMs): the page reloads — the running adapter is thrown away with whatever it had on the wire, and
//   after gapMs a new one starts as the shim starts it (js-shim/app/top-bar.js): `restore` with the last
//   `persist` state, `appRegistered`, then the connector's `connectorState online`.
// - failover(gapMs): the leader tab freezes or closes; once its lease runs out (gapMs) the other tab takes over
//   the same way, from the same last snapshot. The old tab never performs another effect.
// Either can be armed instead (`onWrite`): it then happens right after the adapter's next write request left,
// so that write is on the wire when the tab dies — the case a snapshot cannot settle.
// Telephony events belong to the agent, not to a tab: while no adapter runs they wait and are handed to the next
// one in order (the contact centre keeps the call going through a reload). The adapter's `telephony` effects go
// to the agent's phone connector (`agent.connector`, bench/lib/sim-connector.mjs), which answers with events.
// `shown` collects every call the agent's view ever showed (the current call, or one beside it): the audit
// counts anything written for a call outside it as invented.
export function createSimAgent({ index, id, name, tabs, core, queue, network, settings, hooks }) {
  const agent = {
    index,
    id,
    name,
    tabs,
    instance: null,
    stored: null,
    view: null,
    generations: 0,
    reloads: 0,
    failovers: 0,
    armed: null,
    connector: null,
    shown: new Set(),
  };
  const waiting = [];
  let starting = false; // a start is scheduled: a second reload in the gap must not start a second adapter
  const profile = { id, name, groupIds: [11], locale: 'en', utcOffsetMinutes: 0 };

  function start() {
    starting = false;
    const inst = { generation: ++agent.generations, adapter: new core.Adapter(), alive: true, tick: 0 };
    agent.instance = inst;
    if (agent.stored != null) dispatch(inst, { type: 'restore', state: agent.stored });
    dispatch(inst, { type: 'appRegistered', settings, agent: profile, connector: { name: 'bench' } });
    // the shim tells a new adapter what the connector believes: online, or offline once it noticed an outage
    dispatch(inst, {
      type: 'connectorState',
      state: agent.connector && !agent.connector.online ? 'offline' : 'online',
    });
    for (const event of waiting.splice(0)) dispatch(inst, event);
  }

  function stop() {
    const inst = agent.instance;
    if (!inst) return;
    inst.alive = false;
    agent.instance = null;
    network.abandon(inst);
    inst.adapter.delete();
  }

  function restartAfter(gapMs) {
    stop();
    if (starting) return;
    starting = true;
    queue.schedule(queue.clock.ms + gapMs, start);
  }

  /** An event from the agent or the contact centre: to the running adapter, or kept until one runs. */
  function deliver(event) {
    if (agent.instance) dispatch(agent.instance, event);
    else waiting.push(event);
  }

  function dispatch(inst, event) {
    if (!inst.alive) return; // fencing: a dead tab's answers and ticks go nowhere
    const stamped = { ...event, nowMs: queue.clock.ms };
    const answer = JSON.parse(inst.adapter.dispatch(JSON.stringify(stamped)));
    hooks.trace?.(agent, stamped, answer);
    if (answer.error) {
      hooks.coreError(agent, event, answer.error);
      return;
    }
    agent.view = answer.view;
    if (answer.view.call) agent.shown.add(answer.view.call.id);
    for (const other of answer.view.otherCalls ?? []) agent.shown.add(other.id);
    for (const effect of answer.effects) perform(inst, effect);
    hooks.view?.(agent);
  }

  function perform(inst, effect) {
    if (effect.type === 'request') {
      hooks.request(agent, effect);
      network.request(inst, effect, (r) =>
        dispatch(inst, {
          type: 'httpResponse',
          requestId: effect.id,
          status: r.status,
          body: r.body,
          retryAfterSec: r.retryAfterSec,
        }),
      );
      if (agent.armed && effect.method !== 'GET') {
        const { run } = agent.armed;
        agent.armed = null;
        queue.schedule(queue.clock.ms, run); // after this answer's other effects, before the request arrives
      }
    } else if (effect.type === 'scheduleTick') {
      const token = ++inst.tick; // a later scheduleTick replaces an earlier one
      queue.schedule(effect.atMs, () => inst.tick === token && dispatch(inst, { type: 'tick' }));
    } else if (effect.type === 'persist') {
      agent.stored = effect.state;
    } else if (effect.type === 'telephony') {
      agent.connector.command(effect);
    }
    // routeTo, popover, notify: nothing the simulation needs
  }

  function reload(gapMs) {
    agent.reloads++;
    restartAfter(gapMs);
  }
  function failover(gapMs) {
    agent.failovers++;
    agent.tabs = 1;
    restartAfter(gapMs);
  }

  return Object.assign(agent, {
    start,
    deliver,
    reload(gapMs, { onWrite = false } = {}) {
      if (onWrite) agent.armed = { run: () => reload(gapMs) };
      else reload(gapMs);
    },
    failover(gapMs, { onWrite = false } = {}) {
      if (onWrite) agent.armed = { run: () => failover(gapMs) };
      else failover(gapMs);
    },
    /** Nothing left to write: an adapter runs, its view lists nothing pending or failed, nothing on the wire. */
    settled() {
      const sync = agent.view?.sync;
      return Boolean(agent.instance && sync && !sync.pending && !sync.failed && !network.busy(agent.instance));
    },
    close: stop,
  });
}
