// One agent's live adapter (the real WASM core) whose requests go to the sandbox's Zendesk stand-in over HTTP, on a
// clock the test moves: the exactly-once tests' driver (exactly-once-creates, repeat-caller-lag).
import assert from 'node:assert/strict';
import { serveStandIn } from '../../../bench/lib/stand-in-http.mjs';
import { loadCoreModule } from './build-paths.mjs';

/** One agent's live adapter whose requests go to the stand-in; `lose(effect)` loses an answer Zendesk gave. */
export function driveAgent({ core, send, clock, lose }) {
  const adapter = new core.Adapter();
  const open = [];
  let tickAt = null;
  let view = null;

  function dispatch(event) {
    const answer = JSON.parse(adapter.dispatch(JSON.stringify({ ...event, nowMs: clock.ms })));
    assert.equal(answer.error, undefined, `the core refused ${event.type}: ${JSON.stringify(answer.error)}`);
    view = answer.view;
    for (const e of answer.effects) {
      if (e.type === 'request') open.push(e);
      if (e.type === 'scheduleTick') tickAt = e.atMs;
    }
  }

  // Every request goes out at once and is answered (or its answer lost) before anything else happens.
  async function pump() {
    while (open.length) {
      const e = open.shift();
      const answer = await send(e.method, e.url, e.body, e.headers);
      if (lose(e)) dispatch({ type: 'httpResponse', requestId: e.id, status: 0, body: null, retryAfterSec: null });
      else dispatch({ type: 'httpResponse', requestId: e.id, ...answer });
    }
  }

  return {
    view: () => view,
    async event(event) {
      dispatch(event);
      await pump();
    },
    /** Lets `ms` pass on the shared clock, delivering the ticks the adapter asks for. */
    async run(ms) {
      const end = clock.ms + ms;
      while (tickAt != null && tickAt <= end) {
        clock.ms = Math.max(clock.ms, tickAt);
        tickAt = null;
        dispatch({ type: 'tick' });
        await pump();
      }
      clock.ms = end;
    },
    close: () => adapter.delete(),
  };
}

/**
 * The real WASM core and the sandbox's Zendesk stand-in over HTTP with its default 60 s search index delay, on a
 * clock starting at `startMs` that the test moves; closed when test `t` ends.
 */
export async function laggingAccount(t, startMs) {
  const core = await loadCoreModule();
  const clock = { ms: startMs };
  const { zd, send, close } = await serveStandIn({ now: () => clock.ms }); // default searchIndexDelayMs: 60 s
  t.after(close);
  return { core, clock, zd, send };
}
