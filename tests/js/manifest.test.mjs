// The app package's source manifest (app-manifest/manifest.json) against the settings the adapter reads
// (docs/adapter-protocol.md "App settings") and the rules Zendesk's package validator enforces
// (its manifest and parameter rules): one parameter per setting, the connector token secure and
// unreadable, the top bar inside the partner size guideline, every location an existing file under assets/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (rel) => JSON.parse(readFileSync(path.join(repoRoot, rel), 'utf8'));

const manifest = readJson('app-manifest/manifest.json');
const requirements = readJson('app-manifest/requirements.json');
const zcliExample = readJson('app-manifest/zcli.apps.config.example.json');
const params = manifest.parameters ?? [];
const byName = new Map(params.map((p) => [p.name, p]));

/** The rows of the "App settings" table: [{name, type, defaultText}] (markdown cells, backticks kept). */
function settingsTable() {
  const text = readFileSync(path.join(repoRoot, 'docs/adapter-protocol.md'), 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^##\s+App settings\b/.test(l));
  assert.ok(start >= 0, 'docs/adapter-protocol.md has an "## App settings" section');
  const rows = [];
  for (let i = start + 1; i < lines.length && !/^##\s/.test(lines[i]); i++) {
    const line = lines[i].trim();
    if (!line.startsWith('|')) continue;
    // Split on unescaped pipes only (the rule column contains `a \| b`).
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    const name = /^`([A-Za-z][A-Za-z0-9]*)`$/.exec(cells[0]);
    if (!name) continue; // header and separator rows
    rows.push({ name: name[1], type: cells[1], defaultText: cells[2] });
  }
  return rows;
}

/** The ZAF parameter a table row asks for: {type, secure, default (undefined = none)}. */
function expectedParameter({ type, defaultText }) {
  const secure = /^secure\b/.test(type);
  const zafType = secure ? 'text' : type.replace(/\s*\(.*\)$/, '');
  let def;
  if (defaultText === 'none') def = undefined;
  else if (defaultText === 'true' || defaultText === 'false') def = defaultText === 'true';
  else if (/^`.*`$/.test(defaultText)) def = defaultText.slice(1, -1);
  else if (/^\d+$/.test(defaultText)) def = Number(defaultText);
  else throw new Error(`unexpected default cell ${defaultText}`);
  return { type: zafType, secure, default: def };
}

const rows = settingsTable();

test('manifest: the parameters are exactly the settings of the docs/adapter-protocol.md App settings table', () => {
  assert.ok(rows.length >= 20, `the table parsed (${rows.length} rows)`);
  const names = params.map((p) => p.name);
  assert.equal(new Set(names).size, names.length, 'parameter names are unique');
  assert.deepEqual([...names].sort(), rows.map((r) => r.name).sort());
});

test('manifest: each parameter has the type, secrecy and default its table row gives', () => {
  for (const row of rows) {
    const p = byName.get(row.name);
    const want = expectedParameter(row);
    assert.equal(p.type ?? 'text', want.type, `${row.name}: type`);
    assert.equal(p.secure === true, want.secure, `${row.name}: secure`);
    assert.deepEqual(p.default, want.default, `${row.name}: default`);
  }
});

test('manifest: the connector token is secure with scopes ["header"], no default, not required', () => {
  const token = byName.get('telephonyToken');
  assert.ok(token, 'telephonyToken is declared');
  assert.equal(token.secure, true);
  assert.deepEqual(token.scopes, ['header']);
  assert.equal('default' in token, false, 'a secure parameter has no default');
  assert.notEqual(token.required, true, 'the simulator connector works without a token');
  const secure = params.filter((p) => p.secure === true).map((p) => p.name);
  assert.deepEqual(secure, ['telephonyToken'], 'the token is the only secure parameter');
});

test('manifest: parameters pass the validator rules (§1.1)', () => {
  const types = new Set(['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth']);
  const scopes = new Set([
    'header',
    'body',
    'url',
    'jwt_secret_key',
    'jwt_claim',
    'basic_auth_username',
    'basic_auth_password',
  ]);
  for (const p of params) {
    assert.equal(typeof p.name, 'string', 'a parameter has a name');
    assert.notEqual(p.name, 'name', 'no parameter is called "name"');
    assert.ok(types.has(p.type ?? 'text'), `${p.name}: type ${p.type}`);
    for (const flag of ['required', 'secure']) {
      if (flag in p) assert.equal(typeof p[flag], 'boolean', `${p.name}: ${flag} is a boolean`);
    }
    if (p.type === 'hidden') assert.notEqual(p.required, true, `${p.name}: hidden cannot be required`);
    if (p.secure) {
      assert.ok(Array.isArray(p.scopes) && p.scopes.length > 0, `${p.name}: secure with scopes`);
      for (const s of p.scopes) assert.ok(scopes.has(s), `${p.name}: scope ${s}`);
      assert.equal('default' in p, false, `${p.name}: no default on a secure parameter`);
    } else {
      assert.equal('scopes' in p, false, `${p.name}: scopes only on secure parameters`);
      assert.doesNotMatch(p.name, /token|key|pwd|password/i, `${p.name}: credential-like name must be secure`);
    }
    if (p.type === 'hidden') assert.equal('default' in p, false, `${p.name}: no default on a hidden parameter`);
  }
});

test('manifest: top-level fields pass the validator rules (§1.1)', () => {
  assert.equal(manifest.frameworkVersion, '2.0');
  assert.equal(manifest.defaultLocale, 'en');
  assert.match(manifest.defaultLocale, /^[a-z]{2,3}(-\w{2,3})?$/);
  assert.ok(existsSync(path.join(repoRoot, 'app-manifest/translations/en.json')), 'translations/en.json exists');
  assert.equal(manifest.private, true);
  assert.equal(typeof manifest.version, 'string');
  for (const key of ['name', 'email', 'url']) {
    assert.equal(typeof manifest.author?.[key], 'string', `author.${key}`);
    assert.ok(manifest.author[key].length > 0, `author.${key} is not empty`);
  }
  const authorUrl = new URL(manifest.author.url);
  assert.equal(authorUrl.protocol, 'https:');
  assert.ok(authorUrl.host.length > 0);
  assert.ok(Array.isArray(manifest.domainWhitelist) && manifest.domainWhitelist.length > 0, 'domainWhitelist');
  for (const d of manifest.domainWhitelist) {
    assert.equal(typeof d, 'string');
    assert.doesNotMatch(d, /[/:]/, `${d}: a bare host name, no scheme or path`);
  }
  for (const flag of ['requirementsOnly', 'marketingOnly', 'singleInstall', 'signedUrls']) {
    if (flag in manifest) assert.equal(typeof manifest[flag], 'boolean', flag);
  }
});

test('manifest: the top bar is 250–320 px wide and 405–520 px high (partner guideline)', () => {
  const size = manifest.location?.support?.top_bar?.size;
  assert.ok(size, 'top_bar has a size');
  const px = (v) => {
    const m = /^(\d+)px$/.exec(v);
    assert.ok(m, `${v} is given in px`);
    return Number(m[1]);
  };
  const width = px(size.width);
  const height = px(size.height);
  assert.ok(width >= 250 && width <= 320, `width ${width}`);
  assert.ok(height >= 405 && height <= 520, `height ${height}`);
});

test('manifest: top_bar, background and ticket_sidebar point at existing files under assets/', () => {
  const support = manifest.location?.support ?? {};
  assert.deepEqual(Object.keys(manifest.location), ['support']);
  assert.deepEqual(Object.keys(support).sort(), ['background', 'ticket_sidebar', 'top_bar']);
  assert.equal(support.ticket_sidebar.url ?? support.ticket_sidebar, 'assets/ticket_sidebar.html');
  const assetsDir = path.join(repoRoot, 'assets');
  for (const [location, value] of Object.entries(support)) {
    const url = typeof value === 'string' ? value : value.url;
    assert.equal(typeof url, 'string', `${location}: a URL (framework v2)`);
    assert.match(url, /^assets\//, `${location}: relative, under assets/`);
    const file = path.resolve(repoRoot, url);
    assert.ok(file.startsWith(assetsDir + path.sep), `${location}: ${url} stays inside assets/`);
    assert.ok(existsSync(file) && statSync(file).isFile(), `${location}: ${url} exists`);
    if (typeof value === 'object' && 'flexible' in value) assert.equal(typeof value.flexible, 'boolean');
  }
});

test('requirements.json: the SF-1/SF-2 session fields, one ticket field per fieldMap datum', () => {
  assert.deepEqual(Object.keys(requirements), ['ticket_fields']);
  const fieldTypes = new Set([
    'text',
    'textarea',
    'checkbox',
    'date',
    'integer',
    'decimal',
    'regexp',
    'tagger',
    'multiselect',
  ]);
  const camel = (id) => id.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  const data = Object.keys(requirements.ticket_fields).map(camel).sort();
  // The fieldMap data of docs/contract.md (SF-1 at session start, SF-2 at session end).
  assert.deepEqual(data, [
    'csat',
    'duration',
    'feedback',
    'fromNumber',
    'holdTime',
    'queueName',
    'sessionId',
    'sessionType',
    'verification',
    'waitTime',
  ]);
  for (const [id, field] of Object.entries(requirements.ticket_fields)) {
    assert.match(id, /^[a-z][a-z0-9_]*$/, `${id}: snake_case identifier`);
    assert.equal(typeof field.title, 'string', `${id}: title (required by the validator)`);
    assert.ok(fieldTypes.has(field.type), `${id}: ticket field type ${field.type}`);
  }
});

test('zcli.apps.config.example.json: every parameter has a value (zcli would prompt otherwise)', () => {
  assert.deepEqual(Object.keys(zcliExample.parameters).sort(), params.map((p) => p.name).sort());
  assert.equal(zcliExample.parameters.telephonyToken, 'not-a-real-value', 'no real credential in the example');
});
