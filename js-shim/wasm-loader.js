// Loads the Emscripten module of the C++ core once per page. The factory is passed in so the same code serves
// the app (assets/adapter-core.mjs, which finds adapter-core.wasm next to itself) and node tests (wasmBinary).
// The promise is memoised per factory: a second caller shares the first load instead of compiling the WASM again.
// A failed load is forgotten so that a later call can try again.

const loads = new WeakMap();

/**
 * @param {import('../types/adapter-core').CreateAdapterCore} createModule  the Emscripten factory (createAdapterCore)
 * @param {{wasmUrl?: string, wasmBinary?: ArrayBuffer|Uint8Array}} [options]
 * @returns {Promise<import('../types/adapter-core').AdapterCoreModule>} the module (with module.Adapter)
 */
export function loadAdapterModule(createModule, { wasmUrl, wasmBinary } = {}) {
  const cached = loads.get(createModule);
  if (cached) return cached;
  /** @type {import('../types/adapter-core').AdapterCoreOptions} */
  const options = {};
  if (wasmBinary) options.wasmBinary = wasmBinary;
  // locateFile is how Emscripten asks where its .wasm is; only that file is redirected.
  if (wasmUrl) options.locateFile = (path, prefix) => (path.endsWith('.wasm') ? wasmUrl : prefix + path);
  const loading = Promise.resolve()
    .then(() => createModule(options))
    .catch((err) => {
      loads.delete(createModule);
      throw err;
    });
  loads.set(createModule, loading);
  return loading;
}
