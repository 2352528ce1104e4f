// Loads the shipped WASM core (build/wasm/adapter-core.mjs + .wasm; ADAPTER_BUILD_DIR overrides build/) once.
// `new module.Adapter()` is one agent's live adapter (docs/adapter-protocol.md).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadCore(buildRoot = process.env.ADAPTER_BUILD_DIR ?? path.join(repoRoot, 'build')) {
  const { default: createAdapterCore } = await import(
    pathToFileURL(path.join(buildRoot, 'wasm/adapter-core.mjs')).href
  );
  try {
    return await createAdapterCore({
      wasmBinary: await readFile(path.join(buildRoot, 'wasm/adapter-core.wasm')),
      printErr: () => {},
    });
  } catch (err) {
    // Mostly a glue file and a .wasm from two different builds (a build still running): say so in one line
    // instead of the glue's minified source (which is why the error is not attached as the cause).
    // eslint-disable-next-line preserve-caught-error
    throw new Error(
      `could not instantiate ${buildRoot}/wasm/adapter-core.wasm with its glue (a build in progress?): ${String(err?.message ?? err).slice(0, 200)}`,
    );
  }
}
