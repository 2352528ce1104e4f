// Offline stand-in for Zendesk's app validator (the zendesk_apps_support gem runs only on Zendesk's servers; zcli
// apps:validate needs an account). The checks are written from Zendesk's documented app requirements (manifest,
// locations, parameters, translations, assets and package limits) — our own code, not a port. What the real
// validator reports as an error is an error here; what it reports as a warning is a warning. A few extra warnings
// that are ours (marked "[local]") catch packaging mistakes Zendesk would not report but that break the app or leak
// settings. scripts/build-app.mjs runs it on every build; tests/js/app-package.test.mjs tests it.
//
// Usage: const { errors, warnings } = await validateApp('dist/app', { zipPath: 'dist/app.zip' });
//        node scripts/lib/app-validator.mjs dist/app [zip]   (prints the findings, exit 1 on errors)
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_PACKAGE_BYTES = 2 * 1024 * 1024;
export const LOCALE_RE = /^[a-z]{2,3}(-\w{2,3})?$/;
export const FRAMEWORK_VERSIONS = ['2.0'];
const BOOLEAN_FIELDS = ['requirementsOnly', 'marketingOnly', 'singleInstall', 'signedUrls', 'private'];
const STRING_FIELDS = [
  'defaultLocale',
  'version',
  'frameworkVersion',
  'remoteInstallationURL',
  'termsConditionsURL',
  'gaID',
];
const PRODUCT_ALIASES = {
  support: 'support',
  zendesk: 'support',
  chat: 'chat',
  zopim: 'chat',
  standalone_chat: 'standalone_chat',
  lotus_box: 'standalone_chat',
  sell: 'sell',
};
const SUPPORT_LOCATIONS = [
  'top_bar',
  'nav_bar',
  'ticket_sidebar',
  'new_ticket_sidebar',
  'user_sidebar',
  'organization_sidebar',
  'background',
  'modal',
  'ticket_editor',
  'system_top_bar',
];
const PARAMETER_TYPES = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];
const SCOPES = ['header', 'body', 'url', 'jwt_secret_key', 'jwt_claim', 'basic_auth_username', 'basic_auth_password'];
const PUBLIC_APP_KEYS = ['name', 'short_description', 'long_description', 'installation_instructions'];
// Blocked by detected MIME subtype or by extension.
export const BLOCKED_TYPES = [
  'vnd.rar',
  'rar',
  'zip',
  'gzip',
  'pdf',
  'doc',
  'docx',
  'avi',
  'bin',
  'bz',
  'bz2',
  'csh',
  'sh',
  'jar',
  'mp3',
  'mpeg',
  'odt',
  'pptx',
  'ppt',
  'xls',
  'xlsx',
  '7z',
];
// Zendesk's developer guide lists these as accepted asset types (others are not blocked, but are not promised to be
// served with a usable Content-Type).
const DOCUMENTED_ASSET_TYPES = [
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'js',
  'htm',
  'html',
  'css',
  'map',
  'eot',
  'woff',
  'woff2',
  'otf',
  'ttf',
  'json',
  'xml',
  'hbs',
  'hdbs',
];

// Files read as text for the http:// check; and the namespace names that check lets through.
const TEXT_TYPES = ['js', 'mjs', 'html', 'htm', 'css', 'json', 'xml', 'svg', 'txt', 'md', 'hbs', 'hdbs'];
const XML_NAMESPACE = /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink|1999\/xhtml|XML\/1998\/namespace)\b/;

/**
 * Validates an unpacked app directory (the future zip's root).
 * @param {string} dir
 * @param {{zipPath?: string}} [options]  the built zip, for the real size; without it the size is estimated
 * @returns {Promise<{errors: string[], warnings: string[]}>}
 */
export async function validateApp(dir, { zipPath } = {}) {
  const errors = [];
  const warnings = [];
  const files = await listFiles(dir, errors); // relative posix paths of regular files
  const fileSet = new Set(files);

  // --- manifest -------------------------------------------------------------------------------------------------
  let manifest = null;
  if (!fileSet.has('manifest.json')) {
    errors.push('Could not find manifest.json');
  } else {
    const text = await readFile(path.join(dir, 'manifest.json'), 'utf8');
    manifest = parseJsonObject(text, 'manifest.json', errors);
    if (manifest) {
      for (const key of findDuplicateKeys(text)) errors.push(`Duplicate key in manifest.json: ${key}`);
      checkManifest(manifest, fileSet, errors, warnings);
    }
  }

  // --- requirements ---------------------------------------------------------------------------------------------
  if (fileSet.has('requirements.json')) {
    const text = await readFile(path.join(dir, 'requirements.json'), 'utf8');
    const requirements = parseJsonObject(text, 'requirements.json', errors);
    if (requirements)
      for (const key of findDuplicateKeys(text)) errors.push(`Duplicate key in requirements.json: ${key}`);
  }

  // --- translations ---------------------------------------------------------------------------------------------
  await checkTranslations(dir, files, manifest, errors, warnings);

  // --- files: types, content --------------------------------------------------------------------------------------
  for (const file of files) {
    const base = path.posix.basename(file);
    const ext = base.includes('.') ? base.split('.').pop().toLowerCase() : '';
    const head = await readHead(path.join(dir, file), 16);
    const sniffed = sniffType(head);
    if (BLOCKED_TYPES.includes(ext) || (sniffed && BLOCKED_TYPES.includes(sniffed))) {
      errors.push(`Unsupported MIME type detected: ${file} (${sniffed ?? ext})`);
    }
    if (base.startsWith('.')) warnings.push(`[local] dotfile in the package: ${file}`);
    if (base === 'zcli.apps.config.json')
      warnings.push(`[local] ${file} holds local setting values; keep it out of the package`);
    if (file.startsWith('assets/') && ext && !DOCUMENTED_ASSET_TYPES.includes(ext)) {
      warnings.push(`[local] ${file}: .${ext} is not in Zendesk's documented list of accepted asset types`);
    }
    if (TEXT_TYPES.includes(ext)) {
      // A marketplace review asks for no plain http:// URL anywhere in the package (licence comments included);
      // XML namespace names (http://www.w3.org/2000/svg in an inline SVG) are identifiers, never fetched.
      const text = await readFile(path.join(dir, file), 'utf8');
      for (const url of new Set(text.match(/http:\/\/[^\s"'`<>)\\]+/g) ?? [])) {
        if (!XML_NAMESPACE.test(url)) errors.push(`${file}: insecure http:// URL ${url}`);
      }
    }
    if (['js', 'mjs', 'html', 'htm', 'json', 'xml'].includes(ext)) {
      const text = await readFile(path.join(dir, file), 'utf8');
      for (const finding of findSecrets(text)) warnings.push(`${file}: possible secret (${finding})`);
    }
    if (ext === 'svg') await checkSvg(dir, file, warnings);
  }
  await checkLogos(dir, fileSet, manifest, warnings);

  // --- size -------------------------------------------------------------------------------------------------------
  const size = zipPath ? (await stat(zipPath)).size : await estimateZipSize(dir, files);
  if (size > MAX_PACKAGE_BYTES) {
    errors.push(
      `Package is ${size} bytes${zipPath ? '' : ' (estimated)'}; the limit is ${MAX_PACKAGE_BYTES} bytes (2 MB)`,
    );
  }
  return { errors, warnings };
}

// ------------------------------------------------------------------------------------------------------------------

async function listFiles(dir, errors, prefix = '') {
  const out = [];
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const info = await lstat(path.join(dir, rel));
    if (info.isSymbolicLink()) errors.push(`Symlinks are not allowed: ${rel}`);
    else if (info.isDirectory()) out.push(...(await listFiles(dir, errors, rel)));
    else if (info.isFile()) out.push(rel);
    else errors.push(`Not a regular file: ${rel}`);
  }
  return out;
}

function parseJsonObject(text, name, errors) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    errors.push(`${name} is not valid JSON: ${err.message}`);
    return null;
  }
  if (!isObject(value)) {
    errors.push(`${name} must be a JSON object`);
    return null;
  }
  return value;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Keys that occur twice in one JSON object (JSON.parse silently keeps the last). Assumes valid JSON.
 * @returns {string[]} dotted paths of the duplicates
 */
export function findDuplicateKeys(text) {
  const found = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i += 1;
  };
  const str = () => {
    const start = i;
    i += 1;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i));
  };
  const value = (where) => {
    ws();
    if (text[i] === '{') {
      i += 1;
      const seen = new Set();
      ws();
      while (text[i] !== '}') {
        ws();
        const key = str();
        const keyPath = where ? `${where}.${key}` : key;
        if (seen.has(key)) found.push(keyPath);
        seen.add(key);
        ws();
        i += 1; // ':'
        value(keyPath);
        ws();
        if (text[i] === ',') i += 1;
        ws();
      }
      i += 1;
    } else if (text[i] === '[') {
      i += 1;
      let n = 0;
      ws();
      while (text[i] !== ']') {
        value(`${where}[${n}]`);
        n += 1;
        ws();
        if (text[i] === ',') i += 1;
        ws();
      }
      i += 1;
    } else if (text[i] === '"') {
      str();
    } else {
      while (i < text.length && !',}] \t\r\n'.includes(text[i])) i += 1;
    }
  };
  try {
    value('');
  } catch {
    // not valid JSON: JSON.parse reports that
  }
  return found;
}

function checkManifest(m, fileSet, errors, warnings) {
  for (const field of ['author', 'defaultLocale']) {
    if (m[field] === undefined || m[field] === null) errors.push(`Missing required field in manifest: ${field}`);
  }
  for (const field of BOOLEAN_FIELDS) {
    if (field in m && typeof m[field] !== 'boolean') errors.push(`manifest ${field} must be a boolean`);
  }
  for (const field of STRING_FIELDS) {
    if (field in m && typeof m[field] !== 'string') errors.push(`manifest ${field} must be a string`);
  }
  if (m.author !== undefined && m.author !== null) {
    if (!isObject(m.author)) errors.push('manifest author must be an object');
    else {
      for (const field of ['name', 'email', 'url']) {
        if (field in m.author && typeof m.author[field] !== 'string')
          errors.push(`manifest author.${field} must be a string`);
      }
      if (typeof m.author.url === 'string' && !isHttpUrl(m.author.url))
        errors.push(`manifest author.url is not an http(s) URL: ${m.author.url}`);
    }
  }
  if (typeof m.termsConditionsURL === 'string' && !isHttpUrl(m.termsConditionsURL)) {
    errors.push(`manifest termsConditionsURL is not an http(s) URL: ${m.termsConditionsURL}`);
  }
  if (typeof m.defaultLocale === 'string') {
    if (!LOCALE_RE.test(m.defaultLocale))
      errors.push(`manifest defaultLocale is not a valid locale: ${m.defaultLocale}`);
    else if (!fileSet.has(`translations/${m.defaultLocale}.json`)) {
      errors.push(`Missing translation file for the default locale: translations/${m.defaultLocale}.json`);
    }
  }
  if ('experiments' in m && !isObject(m.experiments)) errors.push('manifest experiments must be an object');
  if (
    'domainWhitelist' in m &&
    m.domainWhitelist !== null &&
    !(Array.isArray(m.domainWhitelist) && m.domainWhitelist.every((d) => typeof d === 'string'))
  ) {
    errors.push('manifest domainWhitelist must be an array of strings');
  }

  const appOnly = m.requirementsOnly === true || m.marketingOnly === true;
  if (!appOnly) {
    if (!FRAMEWORK_VERSIONS.includes(m.frameworkVersion)) {
      errors.push(
        `manifest frameworkVersion must be one of ${FRAMEWORK_VERSIONS.join(', ')} (got ${JSON.stringify(m.frameworkVersion)})`,
      );
    }
    if (!isObject(m.location) || Object.keys(m.location).length === 0)
      errors.push('Missing required field in manifest: location');
    else checkLocations(m.location, fileSet, errors);
  }
  if ('noTemplate' in m) errors.push('manifest noTemplate is not allowed for framework version 2');
  if ('parameters' in m) checkParameters(m.parameters, errors, warnings);
}

function isHttpUrl(text) {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function checkLocations(location, fileSet, errors) {
  for (const [host, places] of Object.entries(location)) {
    const product = PRODUCT_ALIASES[host];
    if (!product) {
      errors.push(`manifest location: unknown product ${host}`);
      continue;
    }
    if (!isObject(places)) {
      errors.push(`manifest location.${host}: App locations need to be URLs for this framework version`);
      continue;
    }
    for (const [name, spec] of Object.entries(places)) {
      const where = `location.${host}.${name}`;
      if (product === 'support' && !SUPPORT_LOCATIONS.includes(name))
        errors.push(`manifest ${where}: invalid location for support`);
      let url;
      let autoLoad = true;
      if (typeof spec === 'string') url = spec;
      else if (isObject(spec)) {
        url = spec.url;
        if ('autoLoad' in spec) autoLoad = spec.autoLoad;
        if ('flexible' in spec && typeof spec.flexible !== 'boolean')
          errors.push(`manifest ${where}.flexible must be a boolean`);
        if (url !== undefined && typeof url !== 'string') {
          errors.push(`manifest ${where}: App locations need to be URLs for this framework version`);
          continue;
        }
      } else {
        errors.push(`manifest ${where}: App locations need to be URLs for this framework version`);
        continue;
      }
      if (url === undefined || url === '') {
        if (autoLoad !== false) errors.push(`manifest ${where}: autoLoad is on but the location has no url`);
        continue;
      }
      if (!locationUrlOk(url, fileSet)) {
        errors.push(
          `manifest ${where}: ${url} is either an invalid location URI, refers to a missing asset, or does not use HTTPS`,
        );
      }
    }
  }
}

function locationUrlOk(url, fileSet) {
  if (url.includes('{{setting.')) return true;
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    // relative
  }
  if (parsed) {
    if (parsed.protocol === 'https:' && parsed.hostname) return true;
    return parsed.hostname === 'localhost' && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
  }
  const file = url.split(/[?#]/)[0];
  return file.startsWith('assets/') && fileSet.has(file);
}

function checkParameters(parameters, errors, warnings) {
  if (!Array.isArray(parameters)) {
    errors.push('manifest parameters must be an array');
    return;
  }
  const names = new Set();
  let oauth = 0;
  parameters.forEach((p, index) => {
    if (!isObject(p)) {
      errors.push(`manifest parameters[${index}] must be an object`);
      return;
    }
    const label = typeof p.name === 'string' ? p.name : `parameters[${index}]`;
    if (typeof p.name !== 'string' || p.name === '') errors.push(`manifest parameters[${index}] has no name`);
    else {
      if (names.has(p.name)) errors.push(`Duplicate parameter name: ${p.name}`);
      names.add(p.name);
      if (p.name === 'name') errors.push('A parameter may not be called "name"');
    }
    const type = p.type ?? 'text';
    if (!PARAMETER_TYPES.includes(type)) errors.push(`Parameter ${label}: invalid type ${JSON.stringify(p.type)}`);
    for (const flag of ['required', 'secure']) {
      if (flag in p && typeof p[flag] !== 'boolean') errors.push(`Parameter ${label}: ${flag} must be a boolean`);
    }
    if (type === 'hidden' && p.required === true)
      errors.push(`Parameter ${label}: a hidden parameter cannot be required`);
    if (type === 'oauth') {
      oauth += 1;
      if (p.secure === true) errors.push(`Parameter ${label}: an oauth parameter cannot be secure`);
    }
    if ('scopes' in p) {
      if (p.secure !== true) errors.push(`Parameter ${label}: scopes are allowed only on secure parameters`);
      if (!Array.isArray(p.scopes) || p.scopes.length === 0)
        errors.push(`Parameter ${label}: scopes must be a non-empty array`);
      else {
        const bad = p.scopes.filter((s) => !SCOPES.includes(s));
        if (bad.length)
          errors.push(`Parameter ${label}: invalid scopes ${bad.join(', ')} (allowed: ${SCOPES.join(', ')})`);
      }
    } else if (p.secure === true) {
      warnings.push(`Parameter ${label}: secure without scopes may cause token exposure`);
    }
    if (type === 'text' && p.secure !== true && typeof p.name === 'string' && /token|key|pwd|password/i.test(p.name)) {
      warnings.push(`Parameter ${label} looks like a credential but is not secure`);
    }
    if ('default' in p && (p.secure === true || type === 'hidden')) {
      warnings.push(`Parameter ${label}: a default on a ${p.secure === true ? 'secure' : 'hidden'} parameter`);
    }
  });
  if (oauth > 1) errors.push('Too many oauth parameters: at most one is allowed');
}

async function checkTranslations(dir, files, manifest, errors, warnings) {
  const byLocale = new Map();
  for (const file of files.filter((f) => /^translations\/[^/]+$/.test(f))) {
    const base = path.posix.basename(file);
    const locale = base.endsWith('.json') ? base.slice(0, -'.json'.length) : null;
    if (locale === null || !LOCALE_RE.test(locale)) {
      warnings.push(`[local] ${file} is not named translations/<locale>.json; Zendesk ignores it`);
      continue;
    }
    const text = await readFile(path.join(dir, file), 'utf8');
    const dict = parseJsonObject(text, file, errors);
    if (!dict) continue;
    byLocale.set(locale, dict);
    // The marketplace's listing limits (Zendesk's "Create content"): a name of at most 40 characters and a short
    // description of at most 80, spaces included; held in every locale, not only the one the listing shows.
    for (const [key, max] of LISTING_TEXT_LIMITS) {
      const shown = textOf(dict.app?.[key]);
      if (shown !== null && [...shown].length > max)
        errors.push(`${file}: app.${key} is ${[...shown].length} characters, over the listing's ${max}`);
    }
    const params = dict.app?.parameters;
    if (params !== undefined) {
      if (!isObject(params)) errors.push(`${file}: app.parameters must be an object`);
      else {
        for (const [name, entry] of Object.entries(params)) {
          if (!isObject(entry)) errors.push(`${file}: app.parameters.${name} must be an object`);
          else if (!('label' in entry)) errors.push(`${file}: app.parameters.${name} has no label`);
        }
      }
    }
  }
  const isPrivate = manifest?.private !== false;
  const required = isPrivate ? ['name'] : PUBLIC_APP_KEYS;
  const checked = new Set(['en', typeof manifest?.defaultLocale === 'string' ? manifest.defaultLocale : 'en']);
  for (const locale of checked) {
    const dict = byLocale.get(locale);
    if (!dict) continue;
    const app = isObject(dict.app) ? dict.app : {};
    const scopes = [app, ...Object.values(app).filter((v) => isObject(v) && !('title' in v && 'value' in v))];
    for (const key of required) {
      const present = scopes.some((s) => hasText(s, key) || (key === 'short_description' && hasText(s, 'description')));
      if (!present) errors.push(`translations/${locale}.json: missing required key app.${key}`);
    }
  }
}

const LISTING_TEXT_LIMITS = [
  ['name', 40],
  ['short_description', 80],
];

/** A translation's text: a plain string or Zendesk's {title, value} form; null when neither. */
function textOf(v) {
  if (typeof v === 'string') return v;
  return isObject(v) && typeof v.value === 'string' ? v.value : null;
}

function hasText(scope, key) {
  const v = scope[key];
  return typeof v === 'string' ? v.trim() !== '' : isObject(v) && typeof v.value === 'string' && v.value.trim() !== '';
}

async function readHead(file, n) {
  const buf = await readFile(file);
  return buf.subarray(0, n);
}

/** A MIME subtype from magic bytes, for the blocked types a renamed file could hide. */
function sniffType(head) {
  const starts = (...bytes) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0x52, 0x61, 0x72, 0x21)) return 'rar';
  if (starts(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return '7z';
  if (starts(0x42, 0x5a, 0x68)) return 'bz2';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'doc'; // OLE2: doc, xls, ppt
  if (starts(0x49, 0x44, 0x33)) return 'mp3';
  const text = head.toString('latin1');
  if (/^#!\s*\S*\b(ba|z|da|k)?sh\b/.test(text) || /^#!\/usr\/bin\/env (ba|z|da|k)?sh\b/.test(text)) return 'sh';
  if (/^#!\s*\S*csh\b/.test(text)) return 'csh';
  return null;
}

// Keyword assignments of a literal, and shapes of well-known keys.
const SECRET_PATTERNS = [
  [
    'keyword assigned a literal',
    /["']?\b(?:password|passwd|pwd|secret|client_?secret|api_?key|auth_?key|auth_?token|access_?token|private_?key)\b["']?\s*[:=]\s*["'][^"'\s]{6,}["']/i,
  ],
  ['private key block', /-----BEGIN (?:RSA |DSA |EC |OPENSSH |PGP )?PRIVATE KEY(?: BLOCK)?-----/],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['"Token:" with a value', /\btoken\s*:\s*["']?[A-Za-z0-9_\-.]{20,}/i],
  ['"App Key" with a value', /\bapp[ _-]?key\b\s*[:=]?\s*["'][A-Za-z0-9_-]{16,}["']/i],
  ['Slack token', /\bxox[abpors]-[0-9A-Za-z-]{10,}/],
  ['credentials in a URL', /\b[a-z][a-z0-9+.-]{2,9}:\/\/[^/\s:@"']{2,40}:[^/\s:@"']{2,40}@[^\s"']+/i],
];

/** @returns {string[]} names of the secret patterns found in text */
export function findSecrets(text) {
  return SECRET_PATTERNS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

async function checkSvg(dir, file, warnings) {
  const text = await readFile(path.join(dir, file), 'utf8');
  if (/<image\b|data:image\/(?!svg)/i.test(text)) {
    warnings.push(`${file}: the SVG embeds a bitmap; Zendesk replaces it with a placeholder`);
  }
  if (/<script\b|\son[a-z]+\s*=|javascript:/i.test(text))
    warnings.push(`${file}: the SVG has script; Zendesk's sanitiser strips it`);
  if (!/<(svg|symbol)\b[^>]*\bviewBox=/i.test(text)) warnings.push(`${file}: the SVG (or its symbol) needs a viewBox`);
}

const SCREENSHOT_SIZES = ['1024x768', '2048x1536'];
const SCREENSHOT_MAX_BYTES = 500 * 1024;

async function checkLogos(dir, fileSet, manifest, warnings) {
  const marketplace = [
    ['assets/logo.png', 320],
    ['assets/logo-small.png', 128],
  ];
  for (const [file, side] of marketplace) {
    if (!fileSet.has(file)) {
      warnings.push(`[local] ${file} is missing (required for the marketplace, shown in the app list)`);
      continue;
    }
    const info = pngInfo(await readFile(path.join(dir, file)));
    if (!info) warnings.push(`[local] ${file} is not a PNG`);
    else if (info.width !== side || info.height !== side)
      warnings.push(`[local] ${file} is ${info.width}x${info.height}, expected ${side}x${side}`);
    else if (file.endsWith('logo-small.png') && !info.alpha) warnings.push(`[local] ${file} has no alpha channel`);
  }
  // Listing screenshots (Zendesk's "Create app brand assets"): PNG, 1024x768 or 2048x1536, at most 500 KB, full bleed.
  for (const file of [...fileSet].filter((f) => /^assets\/screenshot-\d+\.png$/.test(f)).sort()) {
    const bytes = await readFile(path.join(dir, file));
    const info = pngInfo(bytes);
    const size = info ? `${info.width}x${info.height}` : null;
    if (!info) warnings.push(`[local] ${file} is not a PNG`);
    else if (!SCREENSHOT_SIZES.includes(size))
      warnings.push(`[local] ${file} is ${size}; the listing takes ${SCREENSHOT_SIZES.join(' or ')}`);
    if (bytes.length > SCREENSHOT_MAX_BYTES)
      warnings.push(`[local] ${file} is ${bytes.length} bytes; the listing takes at most ${SCREENSHOT_MAX_BYTES}`);
  }
  const support = isObject(manifest?.location) ? (manifest.location.support ?? manifest.location.zendesk) : null;
  if (
    isObject(support) &&
    'top_bar' in support &&
    !fileSet.has('assets/icon_top_bar.svg') &&
    !['inactive', 'active', 'hover'].every((s) => fileSet.has(`assets/icon_top_bar_${s}.png`))
  ) {
    warnings.push('[local] top_bar location without assets/icon_top_bar.svg (or the icon_top_bar_*.png set)');
  }
}

/** Width, height and whether a PNG has an alpha channel (colour type 4/6 or a tRNS chunk). */
export function pngInfo(buf) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 33 || !sig.every((b, i) => buf[i] === b) || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  const colorType = buf[25];
  return {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    bitDepth: buf[24],
    colorType,
    alpha: colorType === 4 || colorType === 6 || buf.includes(Buffer.from('tRNS', 'latin1')),
  };
}

/** What a deflate zip of these files would weigh: compressed data + local and central headers + end record. */
async function estimateZipSize(dir, files) {
  let total = 22;
  for (const file of files) {
    const data = await readFile(path.join(dir, file));
    const nameLength = Buffer.byteLength(file);
    total += Math.min(deflateRawSync(data, { level: 9 }).length, data.length) + 30 + 46 + 2 * nameLength;
  }
  return total;
}

// CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, zipPath] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/lib/app-validator.mjs <app dir> [zip]');
    process.exit(2);
  }
  const { errors, warnings } = await validateApp(dir, { zipPath });
  for (const w of warnings) console.log(`warning: ${w}`);
  for (const e of errors) console.log(`error: ${e}`);
  console.log(`${errors.length} error(s), ${warnings.length} warning(s)`);
  process.exit(errors.length ? 1 : 0);
}
