// loadAdapterModule: one async factory call per page, options passed the way Emscripten reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAdapterModule } from '../../js-shim/wasm-loader.js';

test('the module loads once: concurrent and later callers share the first promise', async () => {
  let calls = 0;
  const createModule = async () => ({ id: ++calls });
  const [a, b] = await Promise.all([loadAdapterModule(createModule), loadAdapterModule(createModule)]);
  const c = await loadAdapterModule(createModule);
  assert.equal(calls, 1);
  assert.equal(a, b);
  assert.equal(a, c);
});

test('wasmBinary is handed over; wasmUrl redirects only the .wasm file through locateFile', async () => {
  let options;
  const binary = new Uint8Array([0, 97, 115, 109]);
  await loadAdapterModule(async (o) => (options = o), { wasmBinary: binary, wasmUrl: 'https://cdn.example/core.wasm' });
  assert.equal(options.wasmBinary, binary);
  assert.equal(options.locateFile('adapter-core.wasm', 'https://app/'), 'https://cdn.example/core.wasm');
  assert.equal(options.locateFile('other.data', 'https://app/'), 'https://app/other.data');
});

test('a failed load is not memoised, so a later call can try again', async () => {
  let calls = 0;
  const createModule = async () => {
    calls += 1;
    if (calls === 1) throw new Error('network');
    return { ok: true };
  };
  await assert.rejects(loadAdapterModule(createModule), /network/);
  assert.deepEqual(await loadAdapterModule(createModule), { ok: true });
  assert.equal(calls, 2);
});
