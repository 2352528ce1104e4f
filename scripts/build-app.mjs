// Builds the Zendesk app package:
//   dist/app/                  the app as Zendesk (and `zcli apps:server dist/app`) reads it
//   dist/<name>-<version>.zip  the same files, zipped, for upload (private apps: at most 2 MB)
// Inputs: app-manifest/ (manifest.json, requirements.json, translations/*.json), assets/ (pages, adapter.css),
// js-shim/app/entry-*.js, the WASM build (build/wasm or $ADAPTER_BUILD_DIR/wasm), npm packages (ZAF SDK, Garden CSS).
// The result is checked with scripts/lib/app-validator.mjs (offline copy of Zendesk's rules); errors fail the build;
// icons not committed in assets/ are drawn by scripts/lib/app-icons.mjs.
//
// Usage: node scripts/build-app.mjs [--out <dir>] [--manifest-dir <dir>]   (defaults: dist, app-manifest)
import { chmod, copyFile, lstat, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { zipSync } from 'fflate';
import { handsetSymbolsSvg, logoPng } from './lib/app-icons.mjs';
import { findDuplicateKeys, MAX_PACKAGE_BYTES, validateApp } from './lib/app-validator.mjs';
import { withContentSecurityPolicy } from './lib/content-security-policy.mjs';

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
// The core as Emscripten writes it → as the package ships it. Browsers run a module script only when it is served
// with a JavaScript MIME type; Zendesk's own scaffolds ship .js and nothing shows its asset host maps .mjs, so the
// glue ships as .js (a package test fails on any .mjs).
const CORE_FILES = { 'adapter-core.mjs': 'adapter-core.js', 'adapter-core.wasm': 'adapter-core.wasm' };
// The telephony connectors, each an asset of its own that the top bar imports only when it is the chosen one.
const CONNECTOR_CHUNKS = {
  'sip-connector.js': 'js-shim/telephony/sip/load.js',
  'simulator-connector.js': 'js-shim/telephony/simulator/load.js',
};
// Garden in front of our layout, in this order (reset, tokens, components).
const GARDEN_CSS = ['css-bedrock', 'css-variables', 'css-buttons', 'css-forms', 'css-tags'].map(
  (p) => `@zendeskgarden/${p}/dist/index.css`,
);
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z'); // fixed: the same inputs give the same zip bytes
// zip entries are plain Unix files, -rw-r--r-- (mode in the high 16 bits of the external attributes)

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
for (const file of Object.keys(CORE_FILES)) {
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
// The author the marketplace shows (name, support email, URL) is the publisher's, set when the package is built:
// APP_AUTHOR_NAME, APP_AUTHOR_EMAIL and APP_AUTHOR_URL replace the manifest's placeholders, which stay a warning.
for (const field of ['name', 'email', 'url']) {
  const value = process.env[`APP_AUTHOR_${field.toUpperCase()}`];
  if (typeof value === 'string' && value.trim() !== '') manifest.author = { ...manifest.author, [field]: value.trim() };
}
for (const [field, value] of Object.entries(manifest.author ?? {})) {
  if (/example\.(com|org|net)\b/i.test(String(value)))
    console.log(
      `build-app: warning: author.${field} is a placeholder (${value}); set APP_AUTHOR_${field.toUpperCase()}`,
    );
}
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

// ---- pages, stylesheet, entries, core (ZAF's SDK comes from Zendesk's CDN: scripts/lib/zaf-sdk.mjs) --------------
// Every page gets the package's Content-Security-Policy (scripts/lib/content-security-policy.mjs).
for (const page of PAGES) {
  let html;
  try {
    html = withContentSecurityPolicy(await readFile(path.join(root, 'assets', page), 'utf8'), `assets/${page}`);
  } catch (err) {
    fail(err.message);
  }
  await writeFile(path.join(assetsOut, page), html);
}

await esbuild.build({
  stdin: {
    contents: [...GARDEN_CSS, './assets/adapter.css'].map((f) => `@import ${JSON.stringify(f)};`).join('\n'),
    resolveDir: root,
    sourcefile: 'adapter.css',
    loader: 'css',
  },
  bundle: true,
  legalComments: 'external', // gathered into assets/third-party-notices.txt below
  outfile: path.join(assetsOut, 'adapter.css'),
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
  // The Emscripten glue, copied next to the entries as is; and the connectors, built below as files of their own
  // that the top bar imports only when chosen (its idle first load does not grow, and a production top bar
  // carries no simulator code).
  external: ['./adapter-core.js', ...Object.keys(CONNECTOR_CHUNKS).map((file) => `./${file}`)],
  legalComments: 'external', // gathered into assets/third-party-notices.txt below
  outdir: assetsOut,
  logLevel: 'warning',
});

for (const [file, entry] of Object.entries(CONNECTOR_CHUNKS)) {
  await esbuild.build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    minify: true, // JsSIP is 830 KB as written, about 250 KB minified
    legalComments: 'external', // gathered into assets/third-party-notices.txt below
    outfile: path.join(assetsOut, file),
    logLevel: 'warning',
  });
}

for (const [built, shipped] of Object.entries(CORE_FILES)) {
  await copyFile(path.join(wasmDir, built), path.join(assetsOut, shipped));
  await chmod(path.join(assetsOut, shipped), 0o644); // the linker leaves the .wasm executable
}

// ---- third-party notices: the licence comments of bundled code, out of the scripts and the stylesheet ---------------
// esbuild wrote them next to each output as <file>.LEGAL.txt; one notices file keeps them, and the code the package
// runs carries no comment with a plain http:// URL (the licence pointers are rewritten to https://, which each of
// those hosts serves).
const legalFiles = (await readdir(assetsOut)).filter((f) => f.endsWith('.LEGAL.txt')).sort();
const notices = [];
for (const file of legalFiles) {
  const text = (await readFile(path.join(assetsOut, file), 'utf8')).trim();
  if (text) notices.push(`== assets/${file.replace(/\.LEGAL\.txt$/, '')} ==\n\n${text}\n`);
  await rm(path.join(assetsOut, file));
}
await writeFile(
  path.join(assetsOut, 'third-party-notices.txt'),
  `Licence notices of the third-party code bundled into this app's assets.\n\n${notices.join('\n')}`.replace(
    /\bhttp:\/\//g,
    'https://',
  ),
);

// ---- icons: committed files in assets/ win; otherwise drawn here -------------------------------------------------
const ICONS = {
  'icon_top_bar.svg': () => handsetSymbolsSvg(),
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
