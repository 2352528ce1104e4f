// The sandbox: a local stand-in for the Zendesk agent workspace around the REAL app files (dist/app), so the app
// runs with no Zendesk account. node:http only.
//
//   /                  the workspace page (sandbox/workspace/index.html)
//   /workspace/...     its scripts and CSS (the ZAF host side lives in workspace/zaf-host.js)
//   /app/...           dist/app, static (the iframes load /app/assets/<location>.html?origin=...&app_guid=...)
//   /api/v2/...        the Zendesk REST stand-in (sandbox/zendesk/stand-in.mjs)
//   /sandbox/config    what the workspace needs from the manifest: app name/version, locations, settings
//   /sandbox/directory users and tickets of the stand-in, for the workspace's lists (sandbox-only, not Zendesk)
//   /sandbox/log       GET: the stand-in's request log; DELETE: clear it
//   /sandbox/faults    POST JSON → the stand-in's setFaults
//   /sandbox/reset     POST → the stand-in's reset
//   /sandbox/settings  GET/POST: the app settings overrides (JSON object; the page applies them on reload)
//
// CLI: node sandbox/server.mjs [--port N] [--host H] [--state-file F] [--settings F]
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const workspaceDir = path.join(here, 'workspace');

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

/**
 * @param {object} [o]
 * @param {number} [o.port]          0 = any free port
 * @param {string} [o.host]
 * @param {string} [o.appDir]        the built app (relative to the repo root unless absolute)
 * @param {string} [o.stateFile]     handed to the stand-in (where it keeps its data between runs)
 * @param {string} [o.settingsFile]  JSON object of app settings overriding the manifest defaults
 * @param {object} [o.standIn]       an already-made stand-in (tests); default: createZendeskStandIn({stateFile})
 * @returns {Promise<{url: string, port: number, standIn: object, close(): Promise<void>}>}
 */
export async function startSandbox({ port = 8766, host = '127.0.0.1', appDir = 'dist/app', stateFile, settingsFile, standIn } = {}) {
  const appRoot = path.resolve(repoRoot, appDir);
  if (!standIn) {
    const { createZendeskStandIn } = await import('./zendesk/stand-in.mjs');
    standIn = createZendeskStandIn({ stateFile });
  }
  let settingsOverrides = settingsFile ? await readJsonFile(path.resolve(settingsFile)) : {};

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
    if (p.startsWith('/workspace/')) return sendFile(req, res, workspaceDir, p.slice('/workspace/'.length));
    if (p.startsWith('/app/')) return sendFile(req, res, appRoot, p.slice('/app/'.length));
    if (p === '/favicon.ico') return sendFile(req, res, appRoot, 'assets/icon_top_bar.svg');
    return sendJson(res, 404, { error: 'NotFound' });
  }

  async function sandboxRoute(req, res, name) {
    const { method } = req;
    if (name === 'config' && method === 'GET') return sendJson(res, 200, await appConfig(appRoot, settingsOverrides));
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
    if (name === 'reset' && method === 'POST') {
      await standIn.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (name === 'settings' && method === 'GET') return sendJson(res, 200, settingsOverrides);
    if (name === 'settings' && method === 'POST') {
      const body = await readJsonBody(req);
      if (!isPlainObject(body)) return sendJson(res, 400, { error: 'InvalidJSON', description: 'expected a JSON object' });
      settingsOverrides = body;
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: 'NotFound' });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actualPort}`,
    port: actualPort,
    standIn,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
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
    metadata: { appId: 1, installationId: 1, name: String(manifest.name ?? 'App'), settings, version: String(manifest.version ?? '0.0.0') },
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
    .sort((a, b) => String(b.updated_at ?? '').localeCompare(String(a.updated_at ?? '')) || Number(b.id) - Number(a.id));
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
  if (decoded.includes('\0') || (file !== root && !file.startsWith(root + path.sep))) return sendJson(res, 404, { error: 'NotFound' });
  let info;
  try {
    info = await stat(file);
  } catch {
    return sendJson(res, 404, { error: 'NotFound', description: `${relative} is not there (built? node scripts/build-app.mjs)` });
  }
  if (!info.isFile()) return sendJson(res, 404, { error: 'NotFound' });
  const body = await readFile(file);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
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
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`sandbox: --port must be 0-65535, not ${values.port}`);
    process.exit(2);
  }
  const sandbox = await startSandbox({
    port,
    host: values.host,
    appDir: values['app-dir'],
    stateFile: values['state-file'],
    settingsFile: values.settings,
  }).catch((err) => {
    console.error(err?.code === 'EADDRINUSE' ? `sandbox: port ${port} is in use; try --port <another>` : `sandbox: ${err?.message ?? err}`);
    process.exit(1);
  });
  console.log(`Sandbox workspace: ${sandbox.url}/`);
  console.log(`  (other languages: ${sandbox.url}/?locale=de — stop with Ctrl+C)`);
  const stop = () => sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
