// Where the builds are: build/native (adapter-cli) and build/wasm (the app's module), or ADAPTER_BUILD_DIR.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const buildRoot = process.env.ADAPTER_BUILD_DIR ?? path.join(repoRoot, 'build');
export const cliPath = path.join(buildRoot, 'native', 'adapter-cli');
export const wasmModulePath = path.join(buildRoot, 'wasm', 'adapter-core.mjs');
export const wasmBinaryPath = path.join(buildRoot, 'wasm', 'adapter-core.wasm');
export const fixturesDir = path.join(repoRoot, 'tests', 'fixtures');

/** Loads the production WASM build (ENVIRONMENT=web) in node by handing it the binary. */
export async function loadEngine() {
  for (const p of [cliPath, wasmModulePath, wasmBinaryPath]) {
    if (!existsSync(p)) throw new Error(`${p} is missing: build with cmake --workflow --preset native / wasm`);
  }
  const { default: createAdapterCore } = await import(pathToFileURL(wasmModulePath).href);
  const { createRulesEngine } = await import(pathToFileURL(path.join(repoRoot, 'js-shim/core/rules-engine.js')).href);
  return createRulesEngine(createAdapterCore, { wasmBinary: await readFile(wasmBinaryPath) });
}

/** The production WASM module itself (for the live adapter: `new module.Adapter()`). */
export async function loadCoreModule() {
  for (const p of [wasmModulePath, wasmBinaryPath]) {
    if (!existsSync(p)) throw new Error(`${p} is missing: build with cmake --workflow --preset wasm`);
  }
  const { default: createAdapterCore } = await import(pathToFileURL(wasmModulePath).href);
  return createAdapterCore({ wasmBinary: await readFile(wasmBinaryPath) });
}
