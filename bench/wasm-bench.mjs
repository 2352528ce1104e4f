// The WASM half of the benchmark: the same requests (from `adapter_bench --requests`) through the production
// module's call(), timed with performance.now(). Prints the same JSON shape as the native run.
// Usage: node bench/wasm-bench.mjs <requests.json> [iterations]
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { loadEngine } from '../tests/js/helpers/build-paths.mjs';

const [requestsPath, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg ?? 200);
const cases = JSON.parse(await readFile(requestsPath, 'utf8'));
const engine = await loadEngine();

const results = [];
for (const { name, function: fn, request } of cases) {
  const us = [];
  let sink = 0;
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    sink += engine.callRaw(fn, request).length;
    us.push((performance.now() - start) * 1000);
  }
  if (sink === 0) throw new Error('no output');
  us.sort((a, b) => a - b);
  const at = (q) => us[Math.floor(q * (us.length - 1))];
  results.push({ name, medianUs: Number(at(0.5).toFixed(1)), p99Us: Number(at(0.99).toFixed(1)) });
}
console.log(JSON.stringify({ runtime: 'wasm', iterations, cases: results }));
