// Builds the Zendesk app package:
//   dist/app/                  the app as Zendesk (and `zcli apps:server dist/app`) reads it
//   dist/<name>-<version>.zip  the same files, zipped, for upload (private apps: at most 2 MB)
// Inputs: app-manifest/ (manifest.json, requirements.json, translations/*.json), assets/ (pages, adapter.css),
// js-shim/app/entry-*.js, the WASM build (build/wasm or $ADAPTER_BUILD_DIR/wasm), npm packages (ZAF SDK, Garden CSS).
// The result is checked with tests/js/app-validator.mjs (offline copy of Zendesk's rules); errors fail the build.
//
// Usage: node scripts/build-app.mjs [--out <dir>] [--manifest-dir <dir>]   (defaults: dist, app-manifest)
import { chmod, copyFile, lstat, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { zipSync } from 'fflate';
import { findDuplicateKeys, MAX_PACKAGE_BYTES, validateApp } from '../tests/js/app-validator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { out: { type: 'string', default: 'dist' }, 'manifest-dir': { type: 'string', default: 'app-manifest' } },
});
const outRoot = path.resolve(root, args.out);
const appDir = path.join(outRoot, 'app');
const assetsOut = path.join(appDir, 'assets');
const manifestDir = path.resolve(root, args['manifest-dir']);
const wasmDir = path.join(
  process.env.ADAPTER_BUILD_DIR ? path.resolve(process.env.ADAPTER_BUILD_DIR) : path.join(root, 'build'),
  'wasm',
);

const PAGES = ['top_bar.html', 'background.html', 'ticket_sidebar.html'];
const ENTRIES = ['entry-top-bar.js', 'entry-background.js', 'entry-ticket-sidebar.js'];
const CORE_FILES = ['adapter-core.mjs', 'adapter-core.wasm'];
// Garden in front of our layout, in this order (reset, tokens, components).
const GARDEN_CSS = ['css-bedrock', 'css-variables', 'css-buttons', 'css-forms', 'css-tags'].map(
  (p) => `@zendeskgarden/${p}/dist/index.css`,
);
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z'); // fixed: the same inputs give the same zip bytes
// zip entries are plain Unix files, -rw-r--r-- (mode in the high 16 bits of the external attributes)

// ==== the handset glyph ==========================================================================================
// One definition in a 24×24 box, drawn twice: as filled SVG paths (no fill colour: Zendesk colours the top-bar
// icon with CSS) and rasterised by signed distance for the PNG logos.
// The handle is a band on a circle around C from angle 90° (mouthpiece) to 180° (earpiece), its flat ends
// under the ear and mouth pieces, which are capsules.
const C = [20, 4];
const R = 14;
const HALF = 2.25; // half the handle's width
const PADS = [
  { a: [5, 5], b: [9.5, 5], r: 3 }, // earpiece
  { a: [19, 19], b: [19, 14.5], r: 3 }, // mouthpiece
];

let crcTable; // filled on first use

function fail(message) {
  console.error(`build-app: ${message}`);
  process.exit(1);
}

async function mustExist(file, hint) {
  const shown = path.relative(root, file).startsWith('..') ? file : path.relative(root, file);
  if (!existsSync(file)) fail(`${shown} is missing. ${hint}`);
}

const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') fail('package.json needs a name and a version');

// ---- inputs first, so nothing is half-built when one is missing ---------------------------------------------------
await mustExist(path.join(manifestDir, 'manifest.json'), 'The app manifest is written by hand in app-manifest/.');
await mustExist(
  path.join(manifestDir, 'translations'),
  'Translations live in app-manifest/translations/<locale>.json.',
);
for (const file of CORE_FILES) {
  await mustExist(path.join(wasmDir, file), 'Build the WASM core first: cmake --workflow --preset wasm');
}
for (const page of PAGES) await mustExist(path.join(root, 'assets', page), 'The app pages live in assets/.');
await mustExist(path.join(root, 'assets', 'adapter.css'), 'The app stylesheet lives in assets/.');

await rm(appDir, { recursive: true, force: true });
await mkdir(path.join(assetsOut, 'translations'), { recursive: true });
await mkdir(path.join(appDir, 'translations'), { recursive: true });

// ---- manifest.json (version stamped), requirements.json -----------------------------------------------------------
const manifestText = await readFile(path.join(manifestDir, 'manifest.json'), 'utf8');
let manifest;
try {
  manifest = JSON.parse(manifestText);
} catch (err) {
  fail(`app-manifest/manifest.json is not valid JSON: ${err.message}`);
}
const duplicates = findDuplicateKeys(manifestText); // parsing would hide them from the validator below
if (duplicates.length) fail(`app-manifest/manifest.json has duplicate keys: ${duplicates.join(', ')}`);
manifest.version = pkg.version;
await writeFile(path.join(appDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
if (existsSync(path.join(manifestDir, 'requirements.json'))) {
  await copyFile(path.join(manifestDir, 'requirements.json'), path.join(appDir, 'requirements.json'));
} else {
  console.log('build-app: no app-manifest/requirements.json; the package has none');
}

// ---- translations: package root (Zendesk reads them there) and assets/ (the app fetches them at run time) --------
const translations = (await readdir(path.join(manifestDir, 'translations'))).filter((f) => f.endsWith('.json')).sort();
if (!translations.length) fail('app-manifest/translations/ has no <locale>.json');
for (const file of translations) {
  const from = path.join(manifestDir, 'translations', file);
  await copyFile(from, path.join(appDir, 'translations', file));
  await copyFile(from, path.join(assetsOut, 'translations', file));
}

// ---- pages, stylesheet, SDK, entries, core ----------------------------------------------------------------------
for (const page of PAGES) await copyFile(path.join(root, 'assets', page), path.join(assetsOut, page));

await esbuild.build({
  stdin: {
    contents: [...GARDEN_CSS, './assets/adapter.css'].map((f) => `@import ${JSON.stringify(f)};`).join('\n'),
    resolveDir: root,
    sourcefile: 'adapter.css',
    loader: 'css',
  },
  bundle: true,
  outfile: path.join(assetsOut, 'adapter.css'),
  logLevel: 'warning',
});

await esbuild.build({
  stdin: {
    // The npm SDK is CommonJS only; this gives the browser the same global as Zendesk's CDN build.
    contents: "window.ZAFClient = require('zendesk_app_framework_sdk');",
    resolveDir: root,
    sourcefile: 'zaf_sdk.js',
    loader: 'js',
  },
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'inline',
  outfile: path.join(assetsOut, 'zaf_sdk.js'),
  logLevel: 'warning',
});

await esbuild.build({
  entryPoints: ENTRIES.map((e) => path.join(root, 'js-shim', 'app', e)),
  bundle: true,
  format: 'esm',
  target: 'es2020',
  // The entries await their translations at top level: every browser with module scripts and WebAssembly that
  // Zendesk supports has top-level await (Chrome 89, Firefox 89, Safari 15), es2020 syntax otherwise.
  supported: { 'top-level-await': true },
  // The Emscripten glue, copied next to the entries as is; and the sip connector with JsSIP, built below as a file
  // of its own that the top bar imports only when the connector is `sip` (its idle first load does not grow).
  external: ['./adapter-core.mjs', './sip-connector.js'],
  outdir: assetsOut,
  logLevel: 'warning',
});

await esbuild.build({
  entryPoints: [path.join(root, 'js-shim', 'telephony', 'sip', 'load.js')],
  bundle: true,
  format: 'esm',
  target: 'es2020',
  platform: 'browser',
  minify: true, // JsSIP is 830 KB as written, about 250 KB minified
  legalComments: 'inline',
  outfile: path.join(assetsOut, 'sip-connector.js'),
  logLevel: 'warning',
});

for (const file of CORE_FILES) {
  await copyFile(path.join(wasmDir, file), path.join(assetsOut, file));
  await chmod(path.join(assetsOut, file), 0o644); // the linker leaves the .wasm executable
}

// ---- icons: committed files in assets/ win; otherwise drawn here -------------------------------------------------
const ICONS = {
  'icon_top_bar.svg': () => handsetSvg(),
  'logo.png': () => logoPng(320, { background: 'square' }),
  'logo-small.png': () => logoPng(128, { background: 'circle' }),
};
for (const [name, draw] of Object.entries(ICONS)) {
  const committed = path.join(root, 'assets', name);
  if (existsSync(committed)) await copyFile(committed, path.join(assetsOut, name));
  else await writeFile(path.join(assetsOut, name), draw());
}

// Listing screenshots of the real adapter (scripts/take-screenshots.mjs), shipped as Zendesk expects them.
const screenshots = (await readdir(path.join(root, 'assets'))).filter((f) => /^screenshot-\d+\.png$/.test(f));
for (const name of screenshots) await copyFile(path.join(root, 'assets', name), path.join(assetsOut, name));

const known = new Set([...PAGES, 'adapter.css', ...Object.keys(ICONS), ...screenshots]);
for (const extra of (await readdir(path.join(root, 'assets'))).filter((f) => !known.has(f))) {
  console.log(`build-app: assets/${extra} is not part of the package (add it to scripts/build-app.mjs to ship it)`);
}

// ---- package ----------------------------------------------------------------------------------------------------
const files = await packageFiles(appDir);
const entries = {};
for (const file of files) {
  entries[file] = [
    await readFile(path.join(appDir, file)),
    { level: 9, mtime: ZIP_MTIME, os: 3, attrs: 0o100644 * 65536 },
  ];
}
const zipPath = path.join(outRoot, `${pkg.name}-${pkg.version}.zip`);
await rm(zipPath, { force: true });
const zip = zipSync(entries);
await writeFile(zipPath, zip);
await chmod(zipPath, 0o644);

const { errors, warnings } = await validateApp(appDir, { zipPath });
for (const w of warnings) console.log(`build-app: warning: ${w}`);
if (zip.length > MAX_PACKAGE_BYTES) errors.push(`the zip is ${zip.length} bytes, over the 2 MB limit`);
if (errors.length) {
  await rm(zipPath, { force: true });
  fail(`the package is not valid:\n  ${errors.join('\n  ')}`);
}
const wasmBytes = (await stat(path.join(assetsOut, 'adapter-core.wasm'))).size;
console.log(
  `build-app: ${path.relative(root, appDir)}/ (${files.length} files), ${path.relative(root, zipPath)} ` +
    `${zip.length} bytes (limit ${MAX_PACKAGE_BYTES}); adapter-core.wasm ${wasmBytes} bytes`,
);

/** Every regular file under dir as a sorted posix path; symlinks, dotfiles and local settings stop the build. */
async function packageFiles(dir, prefix = '') {
  const out = [];
  for (const name of (await readdir(path.join(dir, prefix))).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const info = await lstat(path.join(dir, rel));
    if (name.startsWith('.')) fail(`dotfile in the package: ${rel}`);
    if (name === 'zcli.apps.config.json') fail(`${rel} holds local settings and must not be packaged`);
    if (info.isSymbolicLink()) fail(`symlink in the package: ${rel}`);
    if (info.isDirectory()) out.push(...(await packageFiles(dir, rel)));
    else if (info.isFile()) out.push(rel);
    else fail(`not a regular file: ${rel}`);
  }
  return out;
}

function handsetSvg() {
  const ro = R + HALF;
  const ri = R - HALF;
  const handle =
    `M${C[0] - ro} ${C[1]}A${ro} ${ro} 0 0 0 ${C[0]} ${C[1] + ro}V${C[1] + ri}` +
    `A${ri} ${ri} 0 0 1 ${C[0] - ri} ${C[1]}Z`;
  const capsule = ({ a, b, r }) => {
    if (a[1] === b[1]) {
      const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
      return `M${x0} ${a[1] - r}H${x1}A${r} ${r} 0 0 1 ${x1} ${a[1] + r}H${x0}A${r} ${r} 0 0 1 ${x0} ${a[1] - r}Z`;
    }
    const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
    return `M${a[0] + r} ${y0}V${y1}A${r} ${r} 0 0 1 ${a[0] - r} ${y1}V${y0}A${r} ${r} 0 0 1 ${a[0] + r} ${y0}Z`;
  };
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">',
    `  <path d="${handle}"/>`,
    ...PADS.map((p) => `  <path d="${capsule(p)}"/>`),
    '</svg>',
    '',
  ].join('\n');
}

/** Signed distance (24-unit box) from (x, y) to the handset: negative inside. */
function handsetDistance(x, y) {
  const dx = x - C[0];
  const dy = y - C[1];
  const angle = Math.atan2(dy, dx); // screen coordinates: 90° is down, 180° is left
  let d;
  if (angle >= Math.PI / 2 && angle <= Math.PI) d = Math.abs(Math.hypot(dx, dy) - R) - HALF;
  else {
    // past a flat end (hidden under its pad): distance to that end's edge
    d = Math.min(
      segmentDistance(x, y, [C[0], C[1] + R - HALF], [C[0], C[1] + R + HALF]),
      segmentDistance(x, y, [C[0] - R - HALF, C[1]], [C[0] - R + HALF, C[1]]),
    );
  }
  for (const { a, b, r } of PADS) d = Math.min(d, segmentDistance(x, y, a, b) - r);
  return d;
}

function segmentDistance(x, y, a, b) {
  const vx = b[0] - a[0];
  const vy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * vx + (y - a[1]) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (a[0] + t * vx), y - (a[1] + t * vy));
}

/** An RGBA logo: white handset on Garden blue, as a full square (logo.png) or a circle on transparency. */
function logoPng(size, { background }) {
  const blue = [0x1f, 0x73, 0xb7];
  const glyphScale = (size * 0.56) / 24; // pixels per glyph unit
  const offset = (size - 24 * glyphScale) / 2;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const cx = px + 0.5;
      const cy = py + 0.5;
      const bgCover =
        background === 'square' ? 1 : clamp01(size / 2 - 0.5 - Math.hypot(cx - size / 2, cy - size / 2) + 0.5);
      const glyphCover = clamp01(
        0.5 - handsetDistance((cx - offset) / glyphScale, (cy - offset) / glyphScale) * glyphScale,
      );
      const alpha = Math.max(bgCover, glyphCover);
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c += 1) pixels[i + c] = Math.round(blue[c] + (255 - blue[c]) * glyphCover);
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, pixels);
}

function clamp01(v) {
  return Math.max(0, Math.min(1, v));
}

/** PNG, 8-bit RGBA (colour type 6), no filtering. */
function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function crc32(buf) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
