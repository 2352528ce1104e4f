// The sandbox's Kamailio: the config generated from kamailio.cfg.tmpl into a private directory (with a fresh random
// shared secret per start), checked with `kamailio -c`, then run in the FOREGROUND as a child process (-DD -E), so
// it lives and dies with the sandbox. Nothing is installed or daemonised; no system directory is written.
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readFile, writeFile, rm, chmod } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKamailioRpc } from './rpc.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const KAMAILIO_BIN = process.env.KAMAILIO_BIN || 'kamailio';
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;

/** Queues a `queue-<id>` call (a transfer to a queue) rings; the sandbox plays one ACD agent per queue. */
export const DEFAULT_QUEUES = [
  { id: 'q-billing', name: 'Billing', agent: 'agent-6' },
  { id: 'q-support', name: 'Support', agent: 'agent-6' },
];

export class KamailioError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'KamailioError';
    this.code = code;
  }
}

function port(value, name, { optional = false } = {}) {
  if (optional && (value === null || value === undefined || value === false)) return null;
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new KamailioError(`sip: ${name} must be a port 1-65535, not ${value}`, 'BAD_OPTION');
  return value;
}

/** The config text for these options. Every substituted value is a number or hex, checked here. */
export function renderConfig(
  template,
  { wsPort, sipPort = null, secret, ringTimeoutSec = 30, ivrTtlSec = 600, debug = 1 },
) {
  if (!/^[0-9a-f]{16,128}$/.test(secret)) throw new KamailioError('sip: the shared secret must be hex', 'BAD_OPTION');
  const whole = (v, name, min, max) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new KamailioError(`sip: ${name} must be an integer ${min}-${max}`, 'BAD_OPTION');
    return v;
  };
  const values = {
    WS_PORT: port(wsPort, 'wsPort'),
    SIP_LISTEN:
      sipPort == null
        ? '# no plain SIP listener'
        : `listen=udp:127.0.0.1:${port(sipPort, 'sipPort')}\nlisten=tcp:127.0.0.1:${sipPort}`,
    SECRET: secret,
    RING_TIMEOUT_MS: whole(ringTimeoutSec, 'ringTimeoutSec', 1, 600) * 1000,
    IVR_TTL_S: whole(ivrTtlSec, 'ivrTtlSec', 1, 86400),
    DEBUG: whole(debug, 'debug', -3, 3),
  };
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (m, name) => {
    if (!(name in values)) throw new KamailioError(`sip: unknown placeholder ${m}`, 'BAD_TEMPLATE');
    return String(values[name]);
  });
}

/** Resolves when 127.0.0.1:port accepts a listener (then frees it); rejects with code PORT_TAKEN otherwise. */
export function assertPortFree(p, what) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new KamailioError(
            `sip: port ${p} (${what}) on 127.0.0.1 is already in use — another Kamailio or sandbox is running? Stop it, or pick another port (scripts/run --sip-ws-port N, or --no-sip)`,
            'PORT_TAKEN',
          ),
        );
      } else reject(err);
    });
    probe.listen(p, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function canConnect(p) {
  return new Promise((resolve) => {
    const socket = net.connect(p, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function checkConfig(cfgFile, runDir) {
  return new Promise((resolve, reject) => {
    execFile(KAMAILIO_BIN, ['-c', '-f', cfgFile, '-Y', runDir], { timeout: 10_000 }, (err, _stdout, stderr) => {
      if (err?.code === 'ENOENT') return reject(missing());
      if (err)
        return reject(
          new KamailioError(`sip: the generated Kamailio config does not check:\n${tail(stderr)}`, 'BAD_CONFIG'),
        );
      resolve();
    });
  });
}

function missing() {
  return new KamailioError(
    `sip: ${KAMAILIO_BIN} not found — install kamailio, kamailio-websocket-modules and kamailio-autheph-modules (scripts/setup), or run the sandbox with --no-sip`,
    'MISSING',
  );
}

const tail = (text, lines = 15) =>
  String(text ?? '')
    .trim()
    .split('\n')
    .slice(-lines)
    .join('\n');

/**
 * Start Kamailio. Options: wsPort (default 5066), sipPort (plain UDP+TCP SIP; null = none), ringTimeoutSec (a
 * ringing callee → 408 after it), ivrTtlSec (unused IVR routes expire), queues [{id, name, agent}], dir (where the
 * config goes; default a new temp dir, removed on stop), log (line => void; default: kept in memory only, shown
 * when Kamailio fails to start), debug (Kamailio's log level), secret (the auth_ephemeral secret, hex; default a new
 * random one: pass the old one to restart a server whose issued credentials must stay valid).
 * @returns {Promise<{wsPort, sipPort, wsUri, domain, secret, rpc, logTail(): string, stop(): Promise<void>,
 *   kill(): Promise<void>}>}
 */
export async function startKamailio({
  wsPort = 5066,
  sipPort = null,
  ringTimeoutSec = 30,
  ivrTtlSec = 600,
  queues = DEFAULT_QUEUES,
  dir,
  log,
  debug = 1,
  secret = randomBytes(32).toString('hex'),
} = {}) {
  port(wsPort, 'wsPort');
  port(sipPort, 'sipPort', { optional: true });
  await assertPortFree(wsPort, 'SIP over WebSocket');
  if (sipPort != null) await assertPortFree(sipPort, 'plain SIP');

  const ownDir = !dir;
  const workDir = dir ? path.resolve(dir) : await mkdtemp(path.join(os.tmpdir(), 'sandbox-kamailio-'));
  await mkdir(workDir, { recursive: true });
  // 0700/0600: the config holds the shared secret
  await chmod(workDir, 0o700);
  const runDir = path.join(workDir, 'run');
  await mkdir(runDir, { recursive: true, mode: 0o700 });
  const cfgFile = path.join(workDir, 'kamailio.cfg');
  const template = await readFile(path.join(here, 'kamailio.cfg.tmpl'), 'utf8');
  await writeFile(cfgFile, renderConfig(template, { wsPort, sipPort, secret, ringTimeoutSec, ivrTtlSec, debug }), {
    mode: 0o600,
  });
  const cleanup = () => (ownDir ? rm(workDir, { recursive: true, force: true }) : rm(cfgFile, { force: true }));

  try {
    await checkConfig(cfgFile, runDir);
  } catch (err) {
    await cleanup();
    throw err;
  }

  const lines = [];
  const child = spawn(
    KAMAILIO_BIN,
    ['-f', cfgFile, '-DD', '-E', '-m', '64', '-M', '8', '-Y', runDir, '-P', path.join(runDir, 'kamailio.pid')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: its worker processes are stopped with it
    },
  );
  const onLine = (chunk) => {
    for (const raw of String(chunk).split('\n')) {
      if (!raw.trim()) continue;
      // auth_ephemeral prints the secret at INFO level when it loads it: never let it reach a log
      const line = raw.split(secret).join('<secret>');
      lines.push(line);
      if (lines.length > 200) lines.shift();
      log?.(line);
    }
  };
  child.stdout.on('data', onLine);
  child.stderr.on('data', onLine);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.once('error', (err) => {
      exited = { error: err };
      resolve(exited);
    });
  });
  // The sandbox process may die without calling stop(): never leave a Kamailio behind.
  const killOnExit = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  process.once('exit', killOnExit);

  /** A crash, for tests of a lost server: SIGKILL at once, no goodbye on any connection. */
  async function kill() {
    process.off('exit', killOnExit);
    if (!exited) {
      killOnExit();
      await exitPromise;
    }
    await cleanup();
  }

  async function stop() {
    process.off('exit', killOnExit);
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      const timer = setTimeout(killOnExit, STOP_GRACE_MS);
      await exitPromise;
      clearTimeout(timer);
      killOnExit(); // workers that outlived their parent
    }
    await cleanup();
  }

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await canConnect(wsPort))) {
    if (exited) {
      await cleanup();
      if (exited.error?.code === 'ENOENT') throw missing();
      throw new KamailioError(
        `sip: Kamailio exited while starting (${exited.code ?? exited.signal ?? exited.error}):\n${tail(lines.join('\n'))}`,
        'START_FAILED',
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new KamailioError(
        `sip: Kamailio did not listen on ws port ${wsPort} within ${READY_TIMEOUT_MS / 1000} s:\n${tail(lines.join('\n'))}`,
        'START_FAILED',
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const rpc = createKamailioRpc({ port: wsPort });
  try {
    for (const q of queues) await rpc.setQueue(q);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    wsPort,
    sipPort,
    wsUri: `ws://127.0.0.1:${wsPort}`,
    domain: '127.0.0.1',
    secret,
    rpc,
    pid: child.pid,
    exited: () => exited,
    logTail: (n) => tail(lines.join('\n'), n),
    stop,
    kill,
  };
}
