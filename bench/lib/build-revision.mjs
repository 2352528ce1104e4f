// The shipped WASM module (adapter-core.mjs + .wasm) of another git revision, built once into a cache: the
// revision's tree is exported with `git archive` (no worktree, nothing in the repository changes), configured
// with its own `wasm` preset and built (target adapter_wasm only). Later runs reuse the cached files.
// The cache is $ADAPTER_COMPARE_CACHE or <tmp>/adapter-compare, one directory per full commit id.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = { ...process.env, NODE_PATH: process.env.NODE_PATH ?? '/usr/share/nodejs' };

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(0, 4000),
    );
  return r.stdout;
}

/** The full commit id of `rev` in the repository at `repoRoot`. */
export function resolveRevision(repoRoot, rev) {
  return run('git', ['-C', repoRoot, 'rev-parse', '--verify', `${rev}^{commit}`]).trim();
}

/**
 * The directory holding adapter-core.mjs and adapter-core.wasm of `rev`, built if not cached yet.
 * @returns {{dir: string, commit: string, built: boolean, seconds: number}}
 */
export function buildRevision(repoRoot, rev, { log = () => {} } = {}) {
  const commit = resolveRevision(repoRoot, rev);
  const cache = path.resolve(process.env.ADAPTER_COMPARE_CACHE ?? path.join(os.tmpdir(), 'adapter-compare'), commit);
  const out = path.join(cache, 'module');
  if (existsSync(path.join(out, 'adapter-core.wasm')) && existsSync(path.join(out, 'adapter-core.mjs'))) {
    return { dir: out, commit, built: false, seconds: 0 };
  }
  const started = Date.now();
  const src = path.join(cache, 'src');
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  log(
    `building ${commit.slice(0, 10)} (git archive into ${src}, preset wasm, target adapter_wasm; a few minutes on 2 cores)`,
  );
  run('sh', ['-c', `git -C "$1" archive --format=tar "$2" | tar -x -C "$3"`, 'sh', repoRoot, commit, src]);
  // The revision's own preset (its flags are part of what is compared); no tests: only the module is needed.
  run('cmake', ['--preset', 'wasm', '-DADAPTER_TESTS=OFF'], { cwd: src });
  run('nice', ['cmake', '--build', 'build/wasm', '--target', 'adapter_wasm'], { cwd: src });
  mkdirSync(out, { recursive: true });
  for (const f of ['adapter-core.mjs', 'adapter-core.wasm']) cpSync(path.join(src, 'build/wasm', f), path.join(out, f));
  // Only the module is kept: the sources and objects are large and never reused.
  rmSync(src, { recursive: true, force: true });
  return { dir: out, commit, built: true, seconds: (Date.now() - started) / 1000 };
}
