// What JavaScript gets from the Emscripten module built from wasm/bindings/bindings.cpp (MODULARIZE + EXPORT_ES6,
// EXPORT_NAME createAdapterCore; wasm/bindings/CMakeLists.txt). Hand-written: keep it in step with the bindings.

/** One agent's live adapter (C++ `adapter::live::Adapter`, docs/adapter-protocol.md). Lives in WASM memory. */
export interface AdapterInstance {
  /** One event as JSON text in; `{view, effects}` or `{error}` as JSON text out. Never throws. */
  dispatch(eventJson: string): string;
  /** Frees the C++ object; the instance must not be used afterwards. */
  delete(): void;
}

export interface AdapterCoreModule {
  /** A pure rule by name (docs/contract.md): request JSON text in, answer or `{error}` JSON text out. */
  call(functionName: string, requestJson: string): string;
  /** The names `call` accepts, as a JSON array of strings. */
  functionNames(): string;
  Adapter: new () => AdapterInstance;
}

/** What the factory accepts (INCOMING_MODULE_JS_API in wasm/bindings/CMakeLists.txt). */
export interface AdapterCoreOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  instantiateWasm?: (
    imports: WebAssembly.Imports,
    receive: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void,
  ) => WebAssembly.Exports | object;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

export type CreateAdapterCore = (options?: AdapterCoreOptions) => Promise<AdapterCoreModule>;
