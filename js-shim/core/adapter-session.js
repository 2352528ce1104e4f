// One agent's live adapter as the shim sees it: events in, {view, effects} out (docs/adapter-protocol.md).
// The C++ object lives in WASM memory, so it must be freed with close() when the app goes away.
import { toCoreJson } from './core-json.js';
import { eventSizeProblem } from './event-limits.js';
import { AdapterCoreError } from './rules-engine.js';

/**
 * @param {{Adapter: new () => {dispatch(json: string): string, delete(): void}}} module  the loaded core module
 * @returns {{dispatch(event: object): {view: object, effects: object[]}, close(): void}}
 */
export function createAdapterSession(module) {
  let adapter = new module.Adapter();
  return {
    dispatch(event) {
      if (!adapter) throw new Error('adapter session is closed');
      // toCoreJson, not JSON.stringify: a lone surrogate anywhere in the event would get it refused (core-json.js).
      const json = toCoreJson(event);
      const tooLarge = eventSizeProblem(event?.type, json); // before the core parses it (event-limits.js)
      if (tooLarge) throw new AdapterCoreError(tooLarge);
      const answer = JSON.parse(adapter.dispatch(json));
      if (answer.error) throw new AdapterCoreError(answer.error);
      return answer;
    },
    close() {
      adapter?.delete();
      adapter = null;
    },
  };
}
