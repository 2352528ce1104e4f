// The rules engine as the shim sees it: one async factory around the Emscripten module, JSON at the edge,
// and a named error for request errors. The module factory is passed in so the same code serves the app
// (assets/adapter-core.mjs) and node tests (build/wasm/adapter-core.mjs with wasmBinary).
import { toCoreJson, wellFormedText } from './core-json.js';

/** The core refused a request (malformed, wrong type, out of range). */
export class AdapterCoreError extends Error {
  constructor({ code, message, path, params }) {
    super(message);
    this.name = 'AdapterCoreError';
    this.code = code;
    this.path = path;
    if (params !== undefined) this.params = params; // the shim's own errors (EVENT_TOO_LARGE) name their numbers
  }
}

/**
 * @param {import('../../types/adapter-core').CreateAdapterCore} createModule  the Emscripten factory (createAdapterCore)
 * @param {import('../../types/adapter-core').AdapterCoreOptions} [options]
 * @returns {Promise<{callRaw(name: string, json: string): string, functionNames: string[]} & Record<string, (request: object) => object>>}
 */
export async function createRulesEngine(createModule, options = {}) {
  const module = await createModule(options);
  // Raw JSON text as given (a malformed one is refused); only its lone surrogates become U+FFFD (core-json.js).
  const callRaw = (name, json) => module.call(name, wellFormedText(json));
  // One method per function the core exports: its own list, so a function added to the core needs no JS change.
  const engine = { callRaw, functionNames: JSON.parse(module.functionNames()) };
  for (const name of engine.functionNames) {
    engine[name] = (request) => {
      const response = JSON.parse(module.call(name, /** @type {string} */ (toCoreJson(request))));
      if (response.error) throw new AdapterCoreError(response.error);
      return response;
    };
  }
  return engine;
}
