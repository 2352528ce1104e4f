// Where the app's pages load ZAF's SDK from, and the sandbox's local copy of it (issue 17 item 5, D302).
//
// Production pages load the SDK from Zendesk's CDN, as Zendesk's app scaffolds and its "Using the Apps framework"
// guide do, pinned to the 2.0 line: Zendesk then serves its own, current 2.0 build, and the package carries none.
// The sandbox has no Zendesk CDN: it serves the npm package `zendesk_app_framework_sdk` (not Zendesk's own build:
// the npm package names another repository and an older version, docs/sandbox.md) bundled as the same global, at the
// CDN URL's path on its own origin, and the browser tests route the CDN URL itself to that copy.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ZAF_SDK_URL = 'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js';
/** The path the sandbox serves its local copy at (the CDN URL's path). */
export const ZAF_SDK_LOCAL_PATH = new URL(ZAF_SDK_URL).pathname;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The npm SDK as one classic script that sets window.ZAFClient, as the CDN build does (esbuild, in memory). */
export async function bundleLocalZafSdk() {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    stdin: {
      // The npm SDK is CommonJS only; this gives the browser the same global as Zendesk's CDN build.
      contents: "window.ZAFClient = require('zendesk_app_framework_sdk');",
      resolveDir: root,
      sourcefile: 'zaf_sdk.min.js',
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return Buffer.from(out.outputFiles[0].contents);
}

/** The version of the npm SDK the sandbox and the tests run against. */
export async function localZafSdkVersion() {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(
    await readFile(path.join(root, 'node_modules/zendesk_app_framework_sdk/package.json'), 'utf8'),
  );
  return pkg.version;
}
