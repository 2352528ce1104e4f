// The Zendesk package (scripts/build-app.mjs → dist/app/ + dist/<name>-<version>.zip) passes our offline copy of
// Zendesk's validator rules (scripts/lib/app-validator.mjs), and the validator itself catches the mistakes it should,
// on small bad apps made in a temp dir. Also loadDictionaries (js-shim/app/browser-support.js), which reads the
// translations the build puts under assets/.
// The build runs only when dist/ is missing or older than an input (it takes about half a second).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { findDuplicateKeys, MAX_PACKAGE_BYTES, pngInfo, validateApp } from '../../scripts/lib/app-validator.mjs';
import { loadDictionaries } from '../../js-shim/app/browser-support.js';
import { logoPng } from '../../scripts/lib/app-icons.mjs';
import { bundleLocalZafSdk, ZAF_SDK_URL } from '../../scripts/lib/zaf-sdk.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const appDir = path.join(root, 'dist', 'app');
const zipPath = path.join(root, 'dist', `${pkg.name}-${pkg.version}.zip`);
const wasmDir = path.join(
  process.env.ADAPTER_BUILD_DIR ? path.resolve(process.env.ADAPTER_BUILD_DIR) : path.join(root, 'build'),
  'wasm',
);

/** Regular files under dir, as sorted posix paths relative to it. */
function walk(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const info = lstatSync(path.join(dir, rel));
    if (info.isDirectory()) out.push(...walk(dir, rel));
    else out.push(rel);
  }
  return out;
}

function newestInput() {
  const inputs = [
    'package.json',
    'scripts/build-app.mjs',
    'scripts/lib/app-validator.mjs',
    'scripts/lib/app-icons.mjs',
    ...['app-manifest', 'assets', 'js-shim'].flatMap((d) => walk(path.join(root, d)).map((f) => `${d}/${f}`)),
  ].map((f) => path.join(root, f));
  inputs.push(path.join(wasmDir, 'adapter-core.mjs'), path.join(wasmDir, 'adapter-core.wasm'));
  return Math.max(...inputs.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
}

function ensureBuilt() {
  const fresh =
    existsSync(zipPath) && existsSync(path.join(appDir, 'manifest.json')) && statSync(zipPath).mtimeMs >= newestInput();
  if (fresh) return;
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-app.mjs')], { cwd: root, stdio: 'pipe' });
  } catch (err) {
    throw new Error(`scripts/build-app.mjs failed:\n${err.stdout}${err.stderr}`, { cause: err });
  }
}

describe('the built package', () => {
  let zipBytes;
  let zipEntries;
  before(async () => {
    ensureBuilt();
    zipBytes = await readFile(zipPath);
    zipEntries = unzipSync(zipBytes);
  });

  test('passes the validator rules with no errors', async (t) => {
    const { errors, warnings } = await validateApp(appDir, { zipPath });
    for (const w of warnings) t.diagnostic(`warning: ${w}`);
    assert.deepEqual(errors, []);
  });

  test('the zip is at most 2 MB', () => {
    assert.ok(zipBytes.length <= MAX_PACKAGE_BYTES, `${zipBytes.length} bytes`);
  });

  test('the zip holds exactly the files of dist/app, byte for byte, at its root', async () => {
    const names = Object.keys(zipEntries).sort();
    assert.deepEqual(names, walk(appDir));
    for (const name of names)
      assert.ok(Buffer.from(zipEntries[name]).equals(await readFile(path.join(appDir, name))), name);
    assert.ok(names.includes('manifest.json'));
  });

  test('the zip has no local settings, dotfiles, blocked types or directories', () => {
    for (const name of Object.keys(zipEntries)) {
      assert.notEqual(path.posix.basename(name), 'zcli.apps.config.json', name);
      assert.ok(!name.split('/').some((part) => part.startsWith('.')), `dotfile ${name}`);
      assert.ok(!/\.(zip|sh|bin|gz|jar|pdf|7z|rar|bz2?)$/i.test(name), `blocked type ${name}`);
      assert.ok(!name.endsWith('/'), `directory entry ${name}`);
    }
  });

  test('manifest.json is app-manifest/manifest.json with the version from package.json', async () => {
    const built = JSON.parse(await readFile(path.join(appDir, 'manifest.json'), 'utf8'));
    const source = JSON.parse(await readFile(path.join(root, 'app-manifest', 'manifest.json'), 'utf8'));
    assert.equal(built.version, pkg.version);
    assert.deepEqual({ ...built, version: undefined }, { ...source, version: undefined });
  });

  test('translations are at the package root (for Zendesk) and under assets/ (for the app), unchanged', async () => {
    const sources = readdirSync(path.join(root, 'app-manifest', 'translations'))
      .filter((f) => f.endsWith('.json'))
      .sort();
    assert.ok(sources.includes('en.json'));
    for (const dir of ['translations', 'assets/translations']) {
      assert.deepEqual(readdirSync(path.join(appDir, dir)).sort(), sources, dir);
      for (const file of sources) {
        assert.equal(
          await readFile(path.join(appDir, dir, file), 'utf8'),
          await readFile(path.join(root, 'app-manifest', 'translations', file), 'utf8'),
        );
      }
    }
  });

  test("every page loads ZAF's SDK from Zendesk's CDN URL and nothing else from outside the package", async () => {
    const zipNames = Object.keys(unzipSync(await readFile(zipPath)));
    assert.deepEqual(
      zipNames.filter((name) => /zaf_sdk|zendesk_app_framework/i.test(name)),
      [],
      'the package carries no SDK of its own',
    );
    for (const page of ['top_bar.html', 'background.html', 'ticket_sidebar.html']) {
      const html = await readFile(path.join(appDir, 'assets', page), 'utf8');
      const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
      // Exactly one SDK, from exactly the scaffolds' URL, before the entry that calls ZAFClient.init().
      assert.deepEqual(
        scripts.filter((src) => /zaf|zendesk_app_framework/i.test(src)),
        [ZAF_SDK_URL],
        `${page} loads the SDK from ${ZAF_SDK_URL} only`,
      );
      assert.equal(scripts[0], ZAF_SDK_URL, `${page}: the SDK comes first`);
      const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(refs.includes('adapter.css'), `${page} loads adapter.css`);
      for (const ref of refs.filter((r) => r !== ZAF_SDK_URL)) {
        assert.ok(!/^[a-z]+:|^\/\//i.test(ref), `${page} refers to a remote ${ref}`);
        assert.ok(existsSync(path.join(appDir, 'assets', ref)), `${page} → ${ref} is missing`);
      }
      // Its Content-Security-Policy lets that one file in, and no other host.
      const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
      const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src ')) ?? '';
      assert.deepEqual(scriptSrc.split(' ').slice(1), ["'self'", "'wasm-unsafe-eval'", ZAF_SDK_URL], page);
    }
  });

  test('the entries are bundled: their only import is the core glue next to them', async () => {
    for (const entry of ['entry-top-bar.js', 'entry-background.js', 'entry-ticket-sidebar.js']) {
      const code = await readFile(path.join(appDir, 'assets', entry), 'utf8');
      const specifiers = [
        ...code.matchAll(
          /(?:^|[;\n])\s*(?:import|export)\s[^;'"]*?from\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g,
        ),
      ].map((m) => m[1] ?? m[2]);
      // The top bar imports the chosen connector (JsSIP, or the demo simulator) lazily, each a file of its own.
      const connectors = ['./sip-connector.js', './simulator-connector.js'];
      const allowed = entry === 'entry-top-bar.js' ? ['./adapter-core.js', ...connectors] : ['./adapter-core.js'];
      for (const s of specifiers) assert.ok(allowed.includes(s), `${entry} imports ${s}`);
    }
    const top = await readFile(path.join(appDir, 'assets', 'entry-top-bar.js'), 'utf8');
    assert.match(top, /from\s*["']\.\/adapter-core\.js["']/);
    for (const [built, shipped] of [
      ['adapter-core.mjs', 'adapter-core.js'],
      ['adapter-core.wasm', 'adapter-core.wasm'],
    ]) {
      assert.ok(
        (await readFile(path.join(appDir, 'assets', shipped))).equals(await readFile(path.join(wasmDir, built))),
        shipped,
      );
    }
  });

  test("every script the package ships is a .js: no .mjs, whose MIME type Zendesk's asset host does not promise", async () => {
    const names = Object.keys(unzipSync(await readFile(zipPath)));
    assert.ok(names.includes('assets/adapter-core.js'), names.join(', '));
    assert.deepEqual(
      names.filter((name) => /\.(mjs|cjs)$/i.test(name)),
      [],
    );
    for (const page of ['top_bar.html', 'background.html', 'ticket_sidebar.html']) {
      assert.doesNotMatch(await readFile(path.join(appDir, 'assets', page), 'utf8'), /\.mjs\b/, page);
    }
  });

  test('D61/D79: the production top bar carries no simulator code; the simulator is its own file, loaded when chosen', async () => {
    const simulatorDir = path.join(root, 'js-shim', 'telephony', 'simulator');
    const sources = await Promise.all(
      readdirSync(simulatorDir).map((f) => readFile(path.join(simulatorDir, f), 'utf8')),
    );
    // Every function the simulator's modules declare, and the strings only the simulator uses: its control names
    // (the sandbox plays calls with them) and the key its journal keeps calls under.
    const functions = sources.flatMap((s) => [...s.matchAll(/\bfunction\s+([A-Za-z_$][\w$]*)\s*\(/g)].map((m) => m[1]));
    const strings = ['ringInbound', 'callerAbandons', 'sendToVoicemail', 'remoteHangUp', 'agent-adapter-simulator'];
    assert.ok(functions.length > 10, `found the simulator's functions (${functions.length})`);
    const top = await readFile(path.join(appDir, 'assets', 'entry-top-bar.js'), 'utf8');
    for (const name of functions)
      assert.doesNotMatch(top, new RegExp(`\\bfunction\\s+${name.replace('$', '\\$')}\\s*\\(`), `defines ${name}()`);
    for (const s of strings) assert.ok(!top.includes(s), `mentions ${s}`);
    const chunk = await readFile(path.join(appDir, 'assets', 'simulator-connector.js'), 'utf8');
    for (const s of strings) assert.ok(chunk.includes(s), `the simulator's own file has ${s}`);
    assert.match(top, /import\(\s*["']\.\/simulator-connector\.js["']\s*\)/, 'the top bar imports it on demand');
  });

  test("the sandbox's local SDK (the npm package) is a classic script that sets window.ZAFClient, as the CDN's", async () => {
    const code = (await bundleLocalZafSdk()).toString('utf8');
    assert.doesNotMatch(code, /^\s*(import|export)\s/m);
    const window = {};
    vm.runInNewContext(code, { window, self: window, console, setTimeout, clearTimeout, Promise });
    assert.equal(typeof window.ZAFClient?.init, 'function');
  });

  test('adapter.css has Garden in front of our layout', async () => {
    const css = await readFile(path.join(appDir, 'assets', 'adapter.css'), 'utf8');
    const ours = css.indexOf('.cti {');
    assert.ok(ours > 0, 'our .cti rule is there');
    for (const marker of ['box-sizing', '--zd-', '.c-btn', '.c-field', '.c-tag']) {
      const at = css.indexOf(marker);
      assert.ok(at >= 0 && at < ours, `${marker} before our layout`);
    }
  });

  test('logos are PNGs of the right size with alpha; the top-bar icon is plain SVG paths in symbols', async () => {
    for (const [file, side] of [
      ['logo.png', 320],
      ['logo-small.png', 128],
    ]) {
      const info = pngInfo(await readFile(path.join(appDir, 'assets', file)));
      assert.ok(info, `${file} is a PNG`);
      assert.deepEqual([info.width, info.height, info.alpha], [side, side, true], file);
    }
    const svg = await readFile(path.join(appDir, 'assets', 'icon_top_bar.svg'), 'utf8');
    assert.match(svg, /<svg\b[^>]*viewBox="[^"]+"/);
    const tags = new Set([...svg.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]));
    assert.deepEqual([...tags].sort(), ['path', 'svg', 'symbol']);
    // One symbol per top-bar state (issue 18 item 1), `default` first: the icon Zendesk shows until the app sets one.
    const symbols = [...svg.matchAll(/<symbol id="([^"]+)" viewBox="0 0 24 24">/g)].map((m) => m[1]);
    assert.deepEqual(symbols, ['default', 'ringing', 'onCall', 'wrapUp', 'away']);
    assert.doesNotMatch(svg, /data:|href=|\son\w+=|fill="#/i);
  });
});

// ---- the validator on small apps ------------------------------------------------------------------------------

const GOOD_MANIFEST = {
  name: 'Fixture',
  author: { name: 'Dev', email: 'dev@example.com', url: 'https://example.com' },
  defaultLocale: 'en',
  private: true,
  frameworkVersion: '2.0',
  location: { support: { top_bar: { url: 'assets/top_bar.html' }, background: 'assets/background.html' } },
  parameters: [
    { name: 'ctiToken', type: 'text', secure: true, scopes: ['header'] },
    { name: 'callingCode', type: 'text', default: '1' },
  ],
};

test('the author the listing shows is set at build time (APP_AUTHOR_*); placeholders are reported', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'author-'));
  try {
    const run = (env) =>
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build-app.mjs'), '--out', out], {
        cwd: root,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
    const placeholders = run({ APP_AUTHOR_NAME: '', APP_AUTHOR_EMAIL: '', APP_AUTHOR_URL: '' });
    assert.match(placeholders, /warning: author\.email is a placeholder .*set APP_AUTHOR_EMAIL/);
    const output = run({
      APP_AUTHOR_NAME: 'Acme Contact Centers',
      APP_AUTHOR_EMAIL: 'apps@acme.test',
      APP_AUTHOR_URL: 'https://acme.test/zendesk',
    });
    assert.doesNotMatch(output, /placeholder/);
    const manifest = JSON.parse(await readFile(path.join(out, 'app', 'manifest.json'), 'utf8'));
    assert.deepEqual(manifest.author, {
      name: 'Acme Contact Centers',
      email: 'apps@acme.test',
      url: 'https://acme.test/zendesk',
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

describe('validateApp on fixtures', () => {
  let scratch;
  let n = 0;
  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'app-validator-'));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  /** A small valid app; `change(dir, manifest)` edits it before the manifest is written. */
  async function makeApp(change = () => {}) {
    n += 1;
    const dir = path.join(scratch, `app${n}`);
    await mkdir(path.join(dir, 'assets'), { recursive: true });
    await mkdir(path.join(dir, 'translations'), { recursive: true });
    await writeFile(path.join(dir, 'assets', 'top_bar.html'), '<!DOCTYPE html><script src="app.js"></script>');
    await writeFile(path.join(dir, 'assets', 'background.html'), '<!DOCTYPE html>');
    await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log("hi");');
    await writeFile(
      path.join(dir, 'translations', 'en.json'),
      JSON.stringify({
        app: { name: 'Fixture', parameters: { ctiToken: { label: 'Token' }, callingCode: { label: 'Code' } } },
      }),
    );
    const manifest = structuredClone(GOOD_MANIFEST);
    const text = await change(dir, manifest);
    await writeFile(path.join(dir, 'manifest.json'), text ?? JSON.stringify(manifest, null, 2));
    return dir;
  }
  const hasMatch = (list, re) => list.some((item) => re.test(item));

  test('the baseline fixture has no errors (so each bad case below fails for its own reason)', async () => {
    const { errors } = await validateApp(await makeApp());
    assert.deepEqual(errors, []);
  });

  test('a blocked file type (.sh) is an error, also when renamed (zip magic in a .png)', async () => {
    const dir = await makeApp(async (d) => {
      await writeFile(path.join(d, 'assets', 'setup.sh'), 'echo hi\n');
      await writeFile(path.join(d, 'assets', 'picture.png'), Buffer.from('PK\u0003\u0004rest', 'latin1'));
    });
    const { errors } = await validateApp(dir);
    assert.ok(hasMatch(errors, /Unsupported MIME type.*assets\/setup\.sh/), errors.join('\n'));
    assert.ok(hasMatch(errors, /Unsupported MIME type.*assets\/picture\.png \(zip\)/), errors.join('\n'));
  });

  test('a symlink is an error', async () => {
    const dir = await makeApp((d) => symlink('app.js', path.join(d, 'assets', 'link.js')));
    const { errors } = await validateApp(dir);
    assert.ok(hasMatch(errors, /Symlinks are not allowed: assets\/link\.js/), errors.join('\n'));
  });

  test('a missing translation file for defaultLocale is an error, as is a bad locale name', async () => {
    const missing = await makeApp((d, m) => void (m.defaultLocale = 'de'));
    assert.ok(hasMatch((await validateApp(missing)).errors, /translations\/de\.json/));
    const bad = await makeApp((d, m) => void (m.defaultLocale = 'EN_us'));
    assert.ok(hasMatch((await validateApp(bad)).errors, /defaultLocale is not a valid locale/));
  });

  test('a default on a secure parameter is a warning, not an error', async () => {
    const dir = await makeApp((d, m) => void (m.parameters[0].default = 'abc'));
    const { errors, warnings } = await validateApp(dir);
    assert.deepEqual(errors, []);
    assert.ok(hasMatch(warnings, /ctiToken: a default on a secure parameter/), warnings.join('\n'));
  });

  test('scopes on a non-secure parameter are an error; unknown scopes too', async () => {
    const dir = await makeApp((d, m) => {
      m.parameters[1].scopes = ['header'];
      m.parameters[0].scopes = ['cookie'];
    });
    const { errors } = await validateApp(dir);
    assert.ok(hasMatch(errors, /callingCode: scopes are allowed only on secure parameters/), errors.join('\n'));
    assert.ok(hasMatch(errors, /ctiToken: invalid scopes cookie/), errors.join('\n'));
  });

  test('parameter rules: unique, not "name", known type, boolean flags, hidden not required, one oauth', async () => {
    const dir = await makeApp((d, m) => {
      m.parameters.push(
        { name: 'callingCode' },
        { name: 'name' },
        { name: 'color', type: 'colour' },
        { name: 'flag', required: 'yes' },
        { name: 'internal', type: 'hidden', required: true },
        { name: 'o1', type: 'oauth' },
        { name: 'o2', type: 'oauth', secure: true },
        { name: 'apiKey', type: 'text' },
      );
    });
    const { errors, warnings } = await validateApp(dir);
    for (const re of [
      /Duplicate parameter name: callingCode/,
      /may not be called "name"/,
      /color: invalid type/,
      /flag: required must be a boolean/,
      /internal: a hidden parameter cannot be required/,
      /o2: an oauth parameter cannot be secure/,
      /Too many oauth parameters/,
    ]) {
      assert.ok(hasMatch(errors, re), `${re} in\n${errors.join('\n')}`);
    }
    assert.ok(hasMatch(warnings, /apiKey looks like a credential but is not secure/));
  });

  test('manifest rules: required fields, types, framework version, duplicate keys', async () => {
    const dir = await makeApp((d, m) => {
      delete m.author;
      m.private = 'yes';
      m.frameworkVersion = '1.0';
      m.domainWhitelist = 'example.com';
      return JSON.stringify(m).replace('"name":"Fixture"', '"name":"Fixture","name":"Again"');
    });
    const { errors } = await validateApp(dir);
    for (const re of [
      /Missing required field in manifest: author/,
      /private must be a boolean/,
      /frameworkVersion/,
      /domainWhitelist/,
      /Duplicate key in manifest.json: name/,
    ]) {
      assert.ok(hasMatch(errors, re), `${re} in\n${errors.join('\n')}`);
    }
    assert.deepEqual(findDuplicateKeys('{"a":{"b":1,"b":[{"c":1,"c":2}]},"a":"x"}'), ['a.b', 'a.b[0].c', 'a']);
  });

  test('location rules: assets must exist, https or localhost only, URLs only in v2, known locations', async () => {
    const dir = await makeApp((d, m) => {
      m.location.support = {
        top_bar: 'assets/missing.html',
        ticket_sidebar: 'http://example.com/app.html',
        nav_bar: 'https://example.com/app.html', // fine
        user_sidebar: 'http://localhost:4567/app.html', // fine
        organization_sidebar: 'https://{{setting.host}}/x', // fine
        new_ticket_sidebar: 'pages/app.html',
        modal: ['assets/top_bar.html'],
        background: { url: '' },
        side_panel: 'assets/top_bar.html',
      };
    });
    const { errors } = await validateApp(dir);
    const urlError = (name) => new RegExp(`location\\.support\\.${name}: .*does not use HTTPS`);
    for (const re of [
      urlError('top_bar'),
      urlError('ticket_sidebar'),
      urlError('new_ticket_sidebar'),
      /modal: App locations need to be URLs/,
      /background: autoLoad is on but the location has no url/,
      /side_panel: invalid location/,
    ]) {
      assert.ok(hasMatch(errors, re), `${re} in\n${errors.join('\n')}`);
    }
    for (const ok of ['nav_bar', 'user_sidebar', 'organization_sidebar'])
      assert.ok(!hasMatch(errors, new RegExp(`\\.${ok}:`)), ok);
  });

  test('translation rules: objects, app.name, parameter entries with a label; public apps need descriptions', async () => {
    const dir = await makeApp(async (d, m) => {
      m.private = false;
      await writeFile(
        path.join(d, 'translations', 'en.json'),
        JSON.stringify({ app: { parameters: { ctiToken: 'Token', callingCode: {} } } }),
      );
      await writeFile(path.join(d, 'translations', 'fr.json'), '[1]');
    });
    const { errors } = await validateApp(dir);
    for (const re of [
      /en\.json: missing required key app\.name/,
      /missing required key app\.long_description/,
      /app\.parameters\.ctiToken must be an object/,
      /app\.parameters\.callingCode has no label/,
      /translations\/fr\.json must be a JSON object/,
    ]) {
      assert.ok(hasMatch(errors, re), `${re} in\n${errors.join('\n')}`);
    }
  });

  test('a listing screenshot that is not 1024x768 or 2048x1536 is reported', async () => {
    const dir = await makeApp(async (d) => {
      await writeFile(path.join(d, 'assets', 'screenshot-0.png'), logoPng(320, { background: 'square' }));
    });
    const { warnings } = await validateApp(dir);
    assert.ok(
      warnings.includes('[local] assets/screenshot-0.png is 320x320; the listing takes 1024x768 or 2048x1536'),
      warnings.join('\n'),
    );
  });

  test('listing limits: a name over 40 or a short description over 80 characters is an error in every locale', async () => {
    const dir = await makeApp(async (d) => {
      await writeFile(
        path.join(d, 'translations', 'en.json'),
        JSON.stringify({ app: { name: 'Fixture', short_description: 'x'.repeat(80) } }),
      );
      await writeFile(
        path.join(d, 'translations', 'de.json'),
        JSON.stringify({ app: { name: 'N'.repeat(41), short_description: { title: 't', value: 'ü'.repeat(81) } } }),
      );
    });
    const { errors } = await validateApp(dir);
    assert.deepEqual(errors.sort(), [
      "translations/de.json: app.name is 41 characters, over the listing's 40",
      "translations/de.json: app.short_description is 81 characters, over the listing's 80",
    ]);
  });

  test('an http:// URL in any text file is an error (XML namespace names pass); secrets and local settings are warnings', async () => {
    const dir = await makeApp(async (d) => {
      await writeFile(
        path.join(d, 'assets', 'app.js'),
        'fetch("http://api.example.com/x"); const cfg = { password: "hunter2hunter2" };',
      );
      await writeFile(
        path.join(d, 'assets', 'key.json'),
        '{"k": "-----BEGIN RSA PRIVATE KEY-----", "id": "AKIAABCDEFGHIJKLMNOP"}',
      );
      await writeFile(path.join(d, 'assets', 'notes.css'), '/* see http://licence.example.org */ a{}');
      await writeFile(
        path.join(d, 'assets', 'icon.svg'),
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0 0h1v1z"/></svg>',
      );
      await writeFile(path.join(d, 'zcli.apps.config.json'), '{}');
    });
    const { errors, warnings } = await validateApp(dir);
    assert.deepEqual(errors.sort(), [
      'assets/app.js: insecure http:// URL http://api.example.com/x',
      'assets/notes.css: insecure http:// URL http://licence.example.org',
    ]);
    for (const re of [
      /app\.js: possible secret \(keyword/,
      /key\.json: possible secret \(private key block\)/,
      /key\.json: possible secret \(AWS/,
      /zcli\.apps\.config\.json holds local/,
    ]) {
      assert.ok(hasMatch(warnings, re), `${re} in\n${warnings.join('\n')}`);
    }
  });

  test('a package over 2 MB is an error (estimated without a zip, measured with one)', async () => {
    const dir = await makeApp((d) =>
      writeFile(path.join(d, 'assets', 'noise.json'), randomBytes(MAX_PACKAGE_BYTES + 1024)),
    );
    assert.ok(hasMatch((await validateApp(dir)).errors, /the limit is 2097152 bytes/));
    const small = await makeApp();
    const bigZip = path.join(scratch, 'big.zip');
    await writeFile(bigZip, Buffer.alloc(MAX_PACKAGE_BYTES + 1));
    assert.ok(hasMatch((await validateApp(small, { zipPath: bigZip })).errors, /Package is 2097153 bytes/));
  });
});

// ---- loadDictionaries ------------------------------------------------------------------------------------------

describe('loadDictionaries', () => {
  const files = {
    en: { ui: { hi: 'Hello' } },
    pt: { ui: { hi: 'Olá' } },
    'pt-br': { ui: { hi: 'Oi' } },
    de: { ui: { hi: 'Hallo' } },
  };
  function fakeFetch(asked) {
    return async (url) => {
      asked.push(url);
      const name = /^translations\/([a-z0-9-]+)\.json$/.exec(url)?.[1];
      return name && files[name]
        ? { ok: true, status: 200, json: async () => files[name] }
        : { ok: false, status: 404 };
    };
  }

  test('loads English plus the agent locale and its language, skipping files that do not exist', async () => {
    const asked = [];
    assert.deepEqual(await loadDictionaries(fakeFetch(asked), 'pt-BR'), {
      en: files.en,
      'pt-br': files['pt-br'],
      pt: files.pt,
    });
    assert.deepEqual(asked.sort(), ['translations/en.json', 'translations/pt-br.json', 'translations/pt.json']);
    assert.deepEqual(await loadDictionaries(fakeFetch([]), Promise.resolve('de-AT')), { en: files.en, de: files.de });
  });

  test('English alone for en, no locale or a locale that is not a file name', async () => {
    for (const locale of ['en', undefined, '../../secrets', 'x'.repeat(9)]) {
      const asked = [];
      assert.deepEqual(await loadDictionaries(fakeFetch(asked), locale), { en: files.en });
      assert.deepEqual(asked, ['translations/en.json'], String(locale));
    }
  });

  test('a failed English fetch still gives an (empty) en dictionary', async () => {
    const original = console.warn;
    console.warn = () => {};
    try {
      const failing = async () => {
        throw new TypeError('offline');
      };
      assert.deepEqual(await loadDictionaries(failing, 'de'), { en: {} });
    } finally {
      console.warn = original;
    }
  });
});
