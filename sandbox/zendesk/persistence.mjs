// The stand-in's data on disk: a JSON state file, loaded at start when present and rewritten atomically (a
// temporary file renamed over it) after each change, so the sandbox keeps its tickets across restarts.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SEED_VERSION } from './seed.mjs';
import { isObject } from './values.mjs';

/** The state in `stateFile`, or null when there is none (or no file is used); throws on a file it cannot use. */
export function loadStateFile(stateFile) {
  if (!stateFile || !existsSync(stateFile)) return null;
  let data;
  try {
    data = JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch (err) {
    throw new Error(
      `Zendesk stand-in: state file ${stateFile} is not valid JSON (${err.message}); delete it to start from the seed`,
      { cause: err },
    );
  }
  if (
    !isObject(data) ||
    data.version !== SEED_VERSION ||
    !Array.isArray(data.users) ||
    !Array.isArray(data.tickets) ||
    !isObject(data.comments)
  ) {
    throw new Error(
      `Zendesk stand-in: ${stateFile} is not a version-${SEED_VERSION} stand-in state file; delete it to start from the seed`,
    );
  }
  return data;
}

/** Writes `st` to `stateFile` (nothing without one). */
export function writeStateFile(stateFile, st) {
  if (!stateFile) return;
  mkdirSync(path.dirname(path.resolve(stateFile)), { recursive: true });
  const tmp = `${stateFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(st));
  renameSync(tmp, stateFile);
}
