// One agent's live adapter as the shim sees it: events in, {view, effects} out (docs/adapter-protocol.md).
// The C++ object lives in WASM memory, so it must be freed with close() when the app goes away.
import { toCoreJson } from './core-json.js';
import { eventSizeProblem } from './event-limits.js';
import { AdapterCoreError } from './rules-engine.js';

/** @typedef {import('../core/protocol.js').Answer} Answer */

/**
 * @param {Pick<import('../../types/adapter-core').AdapterCoreModule, 'Adapter'>} module  the loaded core module
 * @returns {{dispatch(event: import('../core/protocol.js').CoreEvent): Answer, close(): void}}
 */
export function createAdapterSession(module) {
  /** @type {import('../../types/adapter-core').AdapterInstance | null} */
  let adapter = new module.Adapter();
  return {
    dispatch(event) {
      if (!adapter) throw new Error('adapter session is closed');
      // toCoreJson, not JSON.stringify: a lone surrogate anywhere in the event would get it refused (core-json.js).
      // An event object always has JSON text (toCoreJson gives undefined only for undefined and functions).
      const json = /** @type {string} */ (toCoreJson(event));
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
