// Size of the WebAssembly module and its JS glue per build configuration: raw and gzip (level 9),
// against the 150 KB gzip budget of ctest wasm.size_budget. Each configuration is configured and built (target
// adapter_wasm only, MinSizeRel) in its own build/size/<name>; ninja reuses a build that is up to date. Every
// configuration must answer the planOutbound fixtures exactly like the shipped one, and a malformed request ('{')
// must come back as an INVALID_REQUEST answer rather than kill the module.
// Usage: node bench/size.mjs [config ...]   (default: all; writes bench/results/size.json, prints a markdown table)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const budgetBytes = 150 * 1024; // scripts/size-budget.mjs: KB = 1024 bytes
const common =
  '-fno-rtti -sMODULARIZE -sEXPORT_ES6 -sENVIRONMENT=web -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0 ' +
  '-sALLOW_MEMORY_GROWTH -sMALLOC=emmalloc -sBINARYEN_EXTRA_PASSES=--converge -sTEXTDECODER=2';

// ADAPTER_WASM_CODEGEN (cmake/ProjectOptions.cmake) replaces the exception mode, -O level and LTO on compile and
// link; empty (the default) is the shipped -fwasm-exceptions + MinSizeRel -Oz -flto. SINGLE_FILE is link-only.
const configs = [
  { name: 'shipped', flags: '-fwasm-exceptions -Oz -flto', cache: {} },
  { name: 'oz-nolto', flags: '-fwasm-exceptions -Oz', cache: { ADAPTER_WASM_CODEGEN: '-fwasm-exceptions -Oz' } },
  { name: 'os-nolto', flags: '-fwasm-exceptions -Os', cache: { ADAPTER_WASM_CODEGEN: '-fwasm-exceptions -Os' } },
  {
    name: 'o3-lto',
    flags: '-fwasm-exceptions -O3 -flto',
    cache: { ADAPTER_WASM_CODEGEN: '-fwasm-exceptions -O3 -flto' },
  },
  { name: 'js-exceptions', flags: '-fexceptions -Oz -flto', cache: { ADAPTER_WASM_CODEGEN: '-fexceptions -Oz -flto' } },
  {
    name: 'single-file',
    flags: '-fwasm-exceptions -Oz -flto -sSINGLE_FILE=1',
    cache: { CMAKE_EXE_LINKER_FLAGS: '-sSINGLE_FILE=1' },
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !configs.some((c) => c.name === w));
if (unknown.length)
  throw new Error(`unknown configuration ${unknown}; known: ${configs.map((c) => c.name).join(', ')}`);
// "shipped" always runs first: its answers are the reference.
const selected = configs.filter((c) => !wanted.length || c.name === 'shipped' || wanted.includes(c.name));

const env = { ...process.env, NODE_PATH: process.env.NODE_PATH ?? '/usr/share/nodejs' };
function run(cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
  }
  return { out: r.stdout, seconds: (Date.now() - started) / 1000 };
}

function build(config) {
  const dir = path.join('build', 'size', config.name);
  const defs = Object.entries(config.cache).map(([k, v]) => `-D${k}=${v}`);
  run('emcmake', [
    'cmake',
    '-S',
    '.',
    '-B',
    dir,
    '-G',
    'Ninja',
    '-DCMAKE_BUILD_TYPE=MinSizeRel',
    '-DADAPTER_TESTS=OFF',
    ...defs,
  ]);
  const { out, seconds } = run('cmake', ['--build', dir, '--target', 'adapter_wasm']);
  const upToDate = /no work to do/.test(out);
  console.error(`${config.name}: ${upToDate ? 'up to date' : `built in ${seconds.toFixed(0)} s`}`);
  return path.join(root, dir);
}

const fixtureDir = path.join(root, 'tests', 'fixtures', 'planOutbound');
const fixtures = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f, request: readFileSync(path.join(fixtureDir, f), 'utf8') }));

async function answers(dir, singleFile) {
  const { default: createAdapterCore } = await import(pathToFileURL(path.join(dir, 'adapter-core.mjs')).href);
  // The glue is ENVIRONMENT=web: under node it needs the binary handed over (SINGLE_FILE carries it inline).
  const module = await createAdapterCore(
    singleFile ? {} : { wasmBinary: readFileSync(path.join(dir, 'adapter-core.wasm')) },
  );
  const out = {};
  for (const { name, request } of fixtures) out[name] = module.call('planOutbound', request);
  let malformed;
  try {
    malformed = JSON.parse(module.call('planOutbound', '{'));
  } catch (e) {
    malformed = { threw: String(e) };
  }
  // The module must still work after the malformed request.
  let alive = false;
  try {
    alive = module.call('planOutbound', fixtures[0].request) === out[fixtures[0].name];
  } catch {
    /* aborted */
  }
  return { out, malformedRequestAnswered: malformed?.error?.code === 'INVALID_REQUEST' && alive, malformed };
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const results = [];
let reference;
for (const config of selected) {
  const dir = build(config);
  const singleFile = 'CMAKE_EXE_LINKER_FLAGS' in config.cache;
  const glue = readFileSync(path.join(dir, 'adapter-core.mjs'));
  const wasmPath = path.join(dir, 'adapter-core.wasm');
  const wasm = singleFile ? Buffer.alloc(0) : readFileSync(wasmPath);
  if (singleFile && existsSync(wasmPath)) {
    // A stale .wasm from an earlier configuration of this dir would not be loaded; say so rather than measure it.
    console.error(`${config.name}: ignoring ${wasmPath} (SINGLE_FILE embeds the module in the glue)`);
  }
  const { out, malformedRequestAnswered, malformed } = await answers(dir, singleFile);
  if (config.name === 'shipped') reference = out;
  const mismatches = Object.keys(reference).filter((k) => out[k] !== reference[k]);
  if (!malformedRequestAnswered)
    console.error(`${config.name}: malformed request not answered: ${JSON.stringify(malformed)}`);
  const wasmGzip = singleFile ? 0 : gz(wasm);
  const glueGzip = gz(glue);
  results.push({
    name: config.name,
    flags: `${config.flags} ${common}`,
    wasmRaw: wasm.length,
    wasmGzip,
    glueRaw: glue.length,
    glueGzip,
    totalGzip: wasmGzip + glueGzip,
    withinBudget: wasmGzip + glueGzip <= budgetBytes,
    malformedRequestAnswered,
    answersMatchShipped: mismatches.length === 0,
    ...(mismatches.length ? { mismatchedFixtures: mismatches } : {}),
  });
}

const emscripten = spawnSync('emcc', ['--version'], { env, encoding: 'utf8' })
  .stdout.split('\n')[0]
  .replace(/^emcc \(.*?\)\s*/, '')
  .replace(/\s*\(\)$/, '')
  .trim();
const cpus = os.cpus();
const report = {
  machine:
    `${cpus[0]?.model ?? 'unknown CPU'} x${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
    `${os.type()} ${os.release()}, node ${process.version}`,
  date: new Date().toISOString(),
  emscripten,
  budgetBytes,
  fixtures: `tests/fixtures/planOutbound/*.json (${fixtures.length}) through module.call, compared with "shipped"`,
  configs: results,
};
mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'results', 'size.json'), JSON.stringify(report, null, 2) + '\n');

const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `Emscripten ${emscripten}; ${report.machine}; KB = 1024 bytes, gzip level 9; budget ${kb(budgetBytes)} KB gzip\n`,
);
console.log(
  '| config | codegen flags | wasm raw | wasm gzip | glue raw | glue gzip | total gzip | within budget | malformed request answered | answers = shipped |',
);
console.log('|---|---|--:|--:|--:|--:|--:|---|---|---|');
for (const r of results) {
  const codegen = configs.find((c) => c.name === r.name).flags;
  console.log(
    `| ${r.name} | \`${codegen}\` | ${kb(r.wasmRaw)} | ${kb(r.wasmGzip)} | ${kb(r.glueRaw)} | ${kb(r.glueGzip)} | ` +
      `**${kb(r.totalGzip)}** | ${r.withinBudget ? 'yes' : 'NO'} | ${r.malformedRequestAnswered ? 'yes' : 'NO'} | ` +
      `${r.answersMatchShipped ? 'yes' : 'NO'} |`,
  );
}
if (results.some((r) => !r.answersMatchShipped)) process.exitCode = 1;
