// Fails when the shipped WASM module plus its JS glue exceed the gzip budget (default 190 KB, as ctest
// wasm.size_budget).
// Usage: node scripts/size-budget.mjs <dir with adapter-core.wasm and adapter-core.mjs> [budgetKB]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const [dir, budgetArg] = process.argv.slice(2);
const budget = Number(budgetArg ?? 190) * 1024;
let total = 0;
for (const file of ['adapter-core.wasm', 'adapter-core.mjs']) {
  const raw = readFileSync(path.join(dir, file));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${file}: ${raw.length} bytes raw, ${gz} bytes gzip`);
}
console.log(`total gzip: ${total} bytes, budget ${budget} bytes`);
if (total > budget) {
  console.error(`over budget by ${total - budget} bytes`);
  process.exit(1);
}
