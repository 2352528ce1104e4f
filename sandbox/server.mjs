// The sandbox: a local stand-in for the Zendesk agent workspace around the REAL app files (dist/app), so the app
// runs with no Zendesk account. node:http only.
//
//   /                  the workspace page (sandbox/workspace/index.html)
//   /workspace/...     its scripts and CSS (the ZAF host side lives in workspace/zaf-host.js)
//   /app/...           dist/app, static (the iframes load /app/assets/<location>.html?origin=...&app_guid=...); the
//                      pages' ZAF SDK URL (Zendesk's CDN) points at the local copy below unless `zafSdk: 'cdn'`
//   /zendesk_app_framework_sdk/2.0/zaf_sdk.min.js  the local copy of ZAF's SDK: the npm package, bundled on first
//                      request (scripts/lib/zaf-sdk.mjs; browser tests route the CDN URL itself here)
//   /api/v2/...        the Zendesk REST stand-in (sandbox/zendesk/stand-in.mjs)
//   /sandbox/config    what the workspace needs from the manifest: app name/version, locations, settings
//   /sandbox/directory users and tickets of the stand-in, for the workspace's lists (sandbox-only, not Zendesk)
//   /sandbox/log       GET: the stand-in's request log; DELETE: clear it
//   /sandbox/faults    POST JSON → the stand-in's setFaults
//   /sandbox/reset     POST → the stand-in's reset
//   /sandbox/account   POST {talkPartnerEdition: false} → the stand-in's setAccount (an account without TPE)
//   /sandbox/search-index  POST {delayMs}: how long a new user or ticket stays out of search (default 60000)
//   /sandbox/clock     POST {advanceMs}: moves the stand-in's clock on (crosses the search delay without sleeping)
//   /sandbox/settings  GET/POST: the app settings overrides (JSON object; the page applies them on reload)
//   /sandbox/secure-settings  POST only: secure settings (telephonyToken), kept here, never answered back
//   /sandbox/zaf-proxy POST {url, method, headers, body, secure}: Zendesk's server-side request proxy (zaf-proxy.mjs)
//   /sandbox/cti       POST {credentialLifetimeSec}: the contact-center stand-in's options (tests)
//   /sandbox/ivr       POST the caller's IVR journey → {route, uri}: a one-time ivr-<token> route in Kamailio
//   /sandbox/phone/credentials?number=+1...  the sandbox carrier's SIP credentials for the customer phone page
//   /phone             the customer phone page (sandbox/phone; JsSIP bundled by esbuild on first request)
//
// With SIP (the CLI's default; startSandbox({sip: {...}})), Kamailio runs as a child (sandbox/sip/kamailio.mjs).
// CLI: node sandbox/server.mjs [--port N] [--host H] [--state-file F] [--settings F]
//        [--no-sip] [--sip-ws-port N] [--sip-port N] [--ring-timeout S] [--credential-lifetime S] [--sip-log]
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createCti, ephemeralCredentials, isE164, DEFAULT_CREDENTIAL_LIFETIME_SEC } from './cti/credentials.mjs';
import { createZafProxy } from './zaf-proxy.mjs';
import { ivrRoute, headerNamesFrom, newIvrToken, IvrError } from './sip/ivr.mjs';
import { bundleLocalZafSdk, ZAF_SDK_LOCAL_PATH, ZAF_SDK_URL } from '../scripts/lib/zaf-sdk.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const workspaceDir = path.join(here, 'workspace');
const phoneDir = path.join(here, 'phone');

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};
const MAX_BODY_BYTES = 1 << 20;
// Secure settings never reach app JS in Zendesk; the sandbox drops any the overrides name too.
const SECURE_DEFAULT = /token/i;
/** The sandbox's own settings defaults (over the manifest's, under the overrides): real calls through its CTI. */
export const SANDBOX_SETTINGS = { telephonyConnector: 'sip', telephonyUrl: 'https://cti.example.com/v1' };
const PHONE_CREDENTIAL_LIFETIME_SEC = 3600;

/**
 * @param {object} [o]
 * @param {number} [o.port]          0 = any free port
 * @param {string} [o.host]
 * @param {string} [o.appDir]        the built app (relative to the repo root unless absolute)
 * @param {string} [o.stateFile]     handed to the stand-in (where it keeps its data between runs)
 * @param {string} [o.settingsFile]  JSON object of app settings overriding the manifest defaults
 * @param {object} [o.standIn]       an already-made stand-in (tests); default: createZendeskStandIn({stateFile})
 * @param {object|false} [o.sip]     start Kamailio: {wsPort (0 = a free port; default 5066), sipPort (null = none),
 *   ringTimeoutSec, queues, log(line)}; false/undefined = no SIP server (the CTI then answers 503)
 * @param {string} [o.telephonyToken] the secure setting telephonyToken the CTI expects (default: random per start)
 * @param {number} [o.credentialLifetimeSec]  lifetime of the CTI's SIP credentials (default 600)
 * @param {'local'|'cdn'} [o.zafSdk]  'local' (default): the app's pages are served with their ZAF SDK URL pointing at
 *   this server's copy, so the sandbox works offline; 'cdn': served exactly as packaged (Zendesk's CDN URL), for a
 *   browser that routes that URL itself (the browser tests)
 * @returns {Promise<{url: string, port: number, standIn: object, sip: object|null, cti: object, zafProxy: object,
 *   close(): Promise<void>}>}
 */
export async function startSandbox({
  port = 8766,
  host = '127.0.0.1',
  appDir = 'dist/app',
  stateFile,
  settingsFile,
  standIn,
  sip: sipOptions,
  telephonyToken = randomBytes(24).toString('hex'),
  credentialLifetimeSec = DEFAULT_CREDENTIAL_LIFETIME_SEC,
  zafSdk = 'local',
} = {}) {
  const appRoot = path.resolve(repoRoot, appDir);
  if (!standIn) {
    const { createZendeskStandIn } = await import('./zendesk/stand-in.mjs');
    standIn = createZendeskStandIn({ stateFile });
  }
  let settingsOverrides = settingsFile ? await readJsonFile(path.resolve(settingsFile)) : {};
  // Secure settings: what Zendesk keeps server-side. Only the ZAF proxy reads them; no route answers them.
  const secureSettings = { telephonyToken };
  const sip = sipOptions ? restartable(await startSip(sipOptions), sipOptions) : null;
  const cti = createCti({
    token: telephonyToken,
    sip: () => sip,
    agent: (id) => listOf(safeState(standIn).users).find((u) => u?.id === id) ?? null,
    agents: () => listOf(safeState(standIn).users),
    lifetimeSec: credentialLifetimeSec,
  });
  const zafProxy = createZafProxy({
    whitelist: () => whitelist,
    secureSettings: () => secureSettings,
    cti,
  });
  let whitelist = [];
  try {
    const manifest = await readJsonFile(path.join(appRoot, 'manifest.json'));
    if (Array.isArray(manifest.domainWhitelist))
      whitelist = manifest.domainWhitelist.filter((d) => typeof d === 'string');
  } catch {}
  const zafSdkBundle = builtOnce(bundleLocalZafSdk);
  const phoneBundle = builtOnce(async () => {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({
      entryPoints: [path.join(phoneDir, 'phone.js')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    });
    return Buffer.from(out.outputFiles[0].contents);
  });

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      console.error('[sandbox]', req.method, req.url, err?.stack ?? err);
      if (!res.headersSent) sendJson(res, 500, { error: 'SandboxError', description: String(err?.message ?? err) });
      else res.destroy();
    });
  });

  async function route(req, res) {
    const url = new URL(req.url, 'http://sandbox.invalid');
    const p = url.pathname;
    if (p.startsWith('/api/v2/')) {
      if (await standIn.handle(req, res)) return;
      return sendJson(res, 404, { error: 'InvalidEndpoint', description: 'Not found' });
    }
    if (p.startsWith('/sandbox/')) return sandboxRoute(req, res, p.slice('/sandbox/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'MethodNotAllowed' });
    if (p === '/' || p === '/index.html') return sendFile(req, res, workspaceDir, 'index.html');
    if (p === '/phone' || p === '/phone/') return sendFile(req, res, phoneDir, 'index.html');
    if (p === '/phone/phone.js') return sendPhoneBundle(req, res);
    if (p.startsWith('/phone/') && p.endsWith('.css')) return sendFile(req, res, phoneDir, p.slice('/phone/'.length));
    if (p.startsWith('/workspace/')) return sendFile(req, res, workspaceDir, p.slice('/workspace/'.length));
    if (p === ZAF_SDK_LOCAL_PATH) return sendZafSdk(req, res);
    if (zafSdk === 'local' && /^\/app\/assets\/[^/]+\.html$/.test(p)) return sendPageWithLocalSdk(req, res, p);
    if (p.startsWith('/app/')) return sendFile(req, res, appRoot, p.slice('/app/'.length));
    if (p === '/favicon.ico') return sendFile(req, res, appRoot, 'assets/icon_top_bar.svg');
    return sendJson(res, 404, { error: 'NotFound' });
  }

  async function sandboxRoute(req, res, name) {
    const { method } = req;
    if (name === 'config' && method === 'GET') {
      const config = await appConfig(appRoot, { ...SANDBOX_SETTINGS, ...settingsOverrides });
      return sendJson(res, 200, {
        ...config,
        domainWhitelist: whitelist,
        sip: sip ? { wsUri: sip.wsUri, domain: sip.domain } : null,
      });
    }
    if (name === 'zaf-proxy' && method === 'POST') {
      const body = await readJsonBody(req);
      if (!isPlainObject(body)) return sendJson(res, 400, { error: 'InvalidJSON' });
      return sendJson(res, 200, await zafProxy.proxy(body));
    }
    if (name === 'zaf-proxy' && method === 'GET') return sendJson(res, 200, zafProxy.journal());
    if (name === 'secure-settings' && method === 'POST') {
      const body = await readJsonBody(req);
      if (!isPlainObject(body) || Object.values(body).some((v) => typeof v !== 'string'))
        return sendJson(res, 400, { error: 'InvalidJSON', description: 'expected {name: string}' });
      Object.assign(secureSettings, body);
      return sendJson(res, 200, { ok: true });
    }
    if (name === 'cti' && method === 'POST') {
      const body = await readJsonBody(req);
      try {
        if (body?.credentialLifetimeSec !== undefined) cti.setLifetime(body.credentialLifetimeSec);
      } catch (err) {
        return sendJson(res, 400, { error: 'InvalidOption', description: err.message });
      }
      return sendJson(res, 200, { credentialLifetimeSec: cti.lifetime() });
    }
    if (name === 'ivr' && method === 'POST') return ivr(req, res);
    if (name === 'phone/credentials' && method === 'GET')
      return phoneCredentials(res, new URL(req.url, 'http://x').searchParams.get('number'));
    if (name === 'directory' && method === 'GET') return sendJson(res, 200, directoryOf(safeState(standIn)));
    if (name === 'log' && method === 'GET') return sendJson(res, 200, (await standIn.log()) ?? []);
    if (name === 'log' && method === 'DELETE') {
      await standIn.clearLog();
      return sendJson(res, 200, { ok: true });
    }
    if (name === 'faults' && method === 'POST') {
      const faults = await readJsonBody(req);
      if (faults === undefined) return sendJson(res, 400, { error: 'InvalidJSON' });
      await standIn.setFaults(faults);
      return sendJson(res, 200, { ok: true });
    }
    if (name === 'account' && method === 'POST') {
      const body = await readJsonBody(req);
      if (!isPlainObject(body)) return sendJson(res, 400, { error: 'InvalidJSON' });
      await standIn.setAccount?.(body);
      return sendJson(res, 200, { ok: true });
    }
    // The stand-in's time controls: a body {<field>: integer >= 0} handed to one of its methods.
    const timeControls = { 'search-index': ['delayMs', 'setSearchIndexDelay'], clock: ['advanceMs', 'advanceClock'] };
    if (Object.hasOwn(timeControls, name) && method === 'POST') {
      const [field, setter] = timeControls[name];
      const body = await readJsonBody(req);
      if (!isPlainObject(body) || !Number.isSafeInteger(body[field]) || body[field] < 0)
        return sendJson(res, 400, { error: 'InvalidJSON', description: `expected {${field}: integer >= 0}` });
      await standIn[setter](body[field]);
      return sendJson(res, 200, { ok: true });
    }
    if (name === 'reset' && method === 'POST') {
      await standIn.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (name === 'settings' && method === 'GET') return sendJson(res, 200, settingsOverrides);
    if (name === 'settings' && method === 'POST') {
      const body = await readJsonBody(req);
      if (!isPlainObject(body))
        return sendJson(res, 400, { error: 'InvalidJSON', description: 'expected a JSON object' });
      settingsOverrides = body;
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: 'NotFound' });
  }

  async function ivr(req, res) {
    if (!sip)
      return sendJson(res, 503, {
        error: 'SipUnavailable',
        description: 'the sandbox runs without its SIP server (--no-sip)',
      });
    const journey = await readJsonBody(req);
    let journeyRoute;
    try {
      const config = await appConfig(appRoot, { ...SANDBOX_SETTINGS, ...settingsOverrides }).catch(() => null);
      journeyRoute = ivrRoute(journey, headerNamesFrom(config?.metadata.settings.sipHeaders));
    } catch (err) {
      if (err instanceof IvrError) return sendJson(res, 400, { error: 'InvalidJourney', description: err.message });
      throw err;
    }
    const token = newIvrToken();
    await sip.rpc.setIvrRoute(token, journeyRoute);
    return sendJson(res, 200, {
      route: `ivr-${token}`,
      uri: `sip:ivr-${token}@${sip.domain}`,
      target: journeyRoute.target,
    });
  }

  /** The sandbox carrier: a customer phone registers as its E.164 number (sandbox-only: no token). */
  function phoneCredentials(res, number) {
    if (!sip)
      return sendJson(res, 503, {
        error: 'SipUnavailable',
        description: 'the sandbox runs without its SIP server (--no-sip)',
      });
    if (!isE164(number))
      return sendJson(res, 400, { error: 'InvalidNumber', description: 'number must be E.164, e.g. +14155550123' });
    const credentials = ephemeralCredentials({
      secret: sip.secret,
      user: number,
      lifetimeSec: PHONE_CREDENTIAL_LIFETIME_SEC,
    });
    return sendJson(res, 200, {
      ...credentials,
      sipUri: `sip:${number}@${sip.domain}`,
      wsUri: sip.wsUri,
      domain: sip.domain,
    });
  }

  /** The local ZAF SDK, bundled from npm once per sandbox start (kept in memory, nothing written). */
  async function sendZafSdk(req, res) {
    sendBody(req, res, CONTENT_TYPES['.js'], await zafSdkBundle());
  }

  /** An app page with its SDK URL pointing at the local copy (same origin: the page's CSP allows 'self'). */
  async function sendPageWithLocalSdk(req, res, p) {
    const file = path.join(appRoot, p.slice('/app/'.length));
    let html;
    try {
      html = await readFile(file, 'utf8');
    } catch {
      return sendFile(req, res, appRoot, p.slice('/app/'.length)); // its 404
    }
    const body = Buffer.from(html.split(`src="${ZAF_SDK_URL}"`).join(`src="${ZAF_SDK_LOCAL_PATH}"`));
    sendBody(req, res, CONTENT_TYPES['.html'], body);
  }

  async function sendPhoneBundle(req, res) {
    // built once per sandbox start (~0.3 s), kept in memory: nothing is written under the repo
    sendBody(req, res, CONTENT_TYPES['.js'], await phoneBundle());
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (err) => {
    await sip?.stop();
    throw err;
  });
  const actualPort = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actualPort}`,
    port: actualPort,
    standIn,
    sip,
    cti,
    zafProxy,
    async close() {
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      await sip?.stop();
    },
  };
}

// ---- SIP ----------------------------------------------------------------------------------------------------------
/**
 * The running Kamailio behind a handle that outlives it: crash() kills it (SIGKILL, as a crashed server), restart()
 * starts it again on the same ports with the same secret, so the credentials it issued stay valid, as they would
 * across a real server's restart (or with a new one). Everything else reads the current instance.
 */
function restartable(first, options) {
  let now = first;
  let down = false;
  return {
    get wsPort() {
      return now.wsPort;
    },
    get sipPort() {
      return now.sipPort;
    },
    get wsUri() {
      return now.wsUri;
    },
    get domain() {
      return now.domain;
    },
    get secret() {
      return now.secret;
    },
    get rpc() {
      return now.rpc;
    },
    logTail: (n) => now.logTail(n),
    running: () => !down,
    async crash() {
      down = true;
      await now.kill();
    },
    /** `rotateSecret`: a new secret, as a contact center rotating it: every credential issued before is refused. */
    async restart({ rotateSecret = false } = {}) {
      if (!down) await now.stop();
      const secret = rotateSecret ? undefined : now.secret;
      now = await startSip({ ...options, wsPort: now.wsPort, sipPort: now.sipPort, ...(secret ? { secret } : {}) });
      down = false;
    },
    async stop() {
      down = true;
      await now.stop();
    },
  };
}

/** Kamailio on the given ports; wsPort 0 picks a free one (tests). */
async function startSip({ wsPort = 5066, sipPort = null, ...rest }) {
  const { startKamailio } = await import('./sip/kamailio.mjs');
  return startKamailio({
    wsPort: wsPort === 0 ? await freePort() : wsPort,
    sipPort: sipPort === 0 ? await freePort() : sipPort,
    ...rest,
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// ---- the app as the workspace needs it --------------------------------------------------------------------------
/** Manifest facts + settings: each non-secure parameter's default, overridden by the sandbox settings JSON. */
export async function appConfig(appRoot, overrides = {}) {
  const manifest = await readJsonFile(path.join(appRoot, 'manifest.json'));
  const params = Array.isArray(manifest.parameters) ? manifest.parameters : [];
  const secure = new Set(params.filter((p) => p?.secure).map((p) => p.name));
  const settings = {};
  for (const p of params) {
    if (p && !p.secure && typeof p.name === 'string' && p.default !== undefined) settings[p.name] = p.default;
  }
  for (const [name, value] of Object.entries(isPlainObject(overrides) ? overrides : {})) {
    if (!secure.has(name) && !SECURE_DEFAULT.test(name)) settings[name] = value;
  }
  const support = manifest.location?.support ?? {};
  const locations = {};
  for (const [name, spec] of Object.entries(support)) {
    const url = typeof spec === 'string' ? spec : spec?.url;
    if (typeof url === 'string') locations[name] = { url: `/app/${url}`, size: spec?.size ?? null };
  }
  return {
    metadata: {
      appId: 1,
      installationId: 1,
      name: String(manifest.name ?? 'App'),
      settings,
      version: String(manifest.version ?? '0.0.0'),
    },
    locations,
  };
}

// ---- the stand-in's data, as lists for the workspace ------------------------------------------------------------
function safeState(standIn) {
  try {
    return standIn.state() ?? {};
  } catch {
    return {};
  }
}

const listOf = (v) => (Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : []);

/**
 * {users: [{...user, phones: [..]}], tickets: [{...ticket, comments: [..]}]}, newest tickets first. The stand-in's
 * state() keeps users and tickets as arrays, extra phone numbers by user id and comments by ticket id; read
 * defensively all the same (a missing part is an empty list).
 */
export function directoryOf(state) {
  const s = isPlainObject(state) ? state : {};
  const extraPhones = isPlainObject(s.extra_phones) ? s.extra_phones : {};
  const comments = isPlainObject(s.comments) ? s.comments : {};
  const users = listOf(s.users)
    .filter((u) => isPlainObject(u) && u.id != null)
    .map((u) => {
      const phones = [u.phone, ...listOf(extraPhones[u.id])];
      return { ...u, phones: [...new Set(phones.filter((x) => typeof x === 'string' && x.trim() !== ''))] };
    });
  const tickets = listOf(s.tickets)
    .filter((t) => isPlainObject(t) && t.id != null)
    .map((t) => ({ ...t, comments: listOf(comments[t.id]).filter(isPlainObject) }))
    .sort(
      (a, b) => String(b.updated_at ?? '').localeCompare(String(a.updated_at ?? '')) || Number(b.id) - Number(a.id),
    );
  return { users, tickets };
}

// ---- HTTP helpers -----------------------------------------------------------------------------------------------
async function sendFile(req, res, root, relative) {
  let decoded;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return sendJson(res, 400, { error: 'BadPath' });
  }
  const file = path.resolve(root, decoded);
  if (decoded.includes('\0') || (file !== root && !file.startsWith(root + path.sep)))
    return sendJson(res, 404, { error: 'NotFound' });
  let info;
  try {
    info = await stat(file);
  } catch {
    return sendJson(res, 404, {
      error: 'NotFound',
      description: `${relative} is not there (built? node scripts/build-app.mjs)`,
    });
  }
  if (!info.isFile()) return sendJson(res, 404, { error: 'NotFound' });
  const body = await readFile(file);
  sendBody(req, res, CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', body);
}

/** 200 with `body` (a Buffer), never cached, its type not sniffed; no body for HEAD. */
function sendBody(req, res, contentType, body) {
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** `build()`'s result, made on first use and kept; a failed build is tried again at the next use. */
function builtOnce(build) {
  let made = null;
  return async () => {
    made ??= build();
    try {
      return await made;
    } catch (err) {
      made = null;
      throw err;
    }
  };
}

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** The request's JSON body; undefined when it is not JSON (or too large). An empty body is {}. */
async function readJsonBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readJsonFile(file) {
  return JSON.parse(await readFile(file, 'utf8'));
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// ---- CLI --------------------------------------------------------------------------------------------------------
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8766' },
      host: { type: 'string', default: '127.0.0.1' },
      'app-dir': { type: 'string', default: 'dist/app' },
      'state-file': { type: 'string' },
      settings: { type: 'string' },
      'no-sip': { type: 'boolean', default: false },
      'sip-ws-port': { type: 'string', default: process.env.SANDBOX_SIP_WS_PORT || '5066' },
      'sip-port': { type: 'string' },
      'ring-timeout': { type: 'string', default: '30' },
      'credential-lifetime': { type: 'string', default: String(DEFAULT_CREDENTIAL_LIFETIME_SEC) },
      'sip-log': { type: 'boolean', default: false },
    },
  });
  const int = (name, min, max) => {
    const v = Number(values[name]);
    if (!Number.isInteger(v) || v < min || v > max) {
      console.error(`sandbox: --${name} must be ${min}-${max}, not ${values[name]}`);
      process.exit(2);
    }
    return v;
  };
  const port = int('port', 0, 65535);
  const sip = values['no-sip']
    ? false
    : {
        wsPort: int('sip-ws-port', 1, 65535),
        sipPort: values['sip-port'] === undefined ? null : int('sip-port', 1, 65535),
        ringTimeoutSec: int('ring-timeout', 1, 600),
        log: values['sip-log'] ? (line) => console.log(`[kamailio] ${line}`) : undefined,
      };
  const sandbox = await startSandbox({
    port,
    host: values.host,
    appDir: values['app-dir'],
    stateFile: values['state-file'],
    settingsFile: values.settings,
    sip,
    telephonyToken: process.env.SANDBOX_TELEPHONY_TOKEN || undefined,
    credentialLifetimeSec: int('credential-lifetime', 1, 86400),
  }).catch((err) => {
    console.error(
      err?.code === 'EADDRINUSE'
        ? `sandbox: port ${port} is in use; try --port <another>`
        : `sandbox: ${err?.message ?? err}`,
    );
    process.exit(1);
  });
  console.log(`Sandbox workspace: ${sandbox.url}/`);
  console.log(`  (other languages: ${sandbox.url}/?locale=de — stop with Ctrl+C)`);
  if (sandbox.sip) {
    console.log(`  SIP server (Kamailio): ${sandbox.sip.wsUri} — customer phone: ${sandbox.url}/phone`);
    console.log(
      `  Kim (user 6) as a second agent: ${sandbox.url}/?agent=6 — the simulator instead: ${sandbox.url}/?telephony=simulator`,
    );
  } else {
    console.log(`  no SIP server (--no-sip): use the simulator, ${sandbox.url}/?telephony=simulator`);
  }
  const stop = () => sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
