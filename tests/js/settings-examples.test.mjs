// Every example of a JSON setting that an admin reads — the settings' help in each of the nine languages
// (app-manifest/translations/*.json) and docs/install.md — passes the app's own settings validation: the core's
// (appRegistered → view.settingsProblems, what the admin's agents see) for the core's settings, the sip
// connector's (parseSipSettings) for its own. An example that the app would report as a problem is a trap for the
// admin who copies it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAdapterSession } from '../../js-shim/core/adapter-session.js';
import { parseSipSettings } from '../../js-shim/telephony/sip/settings.js';
import { withTeamGroupIds } from '../../js-shim/zaf/team-groups.js';
import { repoRoot, wasmBinaryPath, wasmModulePath } from './helpers/build-paths.mjs';

const CORE_JSON_SETTINGS = ['fieldMap', 'teamTicketEntryGroups'];
const SIP_JSON_SETTINGS = ['sipHeaders', 'sipTransferTargets', 'sipIceServers'];
const JSON_SETTINGS = [...CORE_JSON_SETTINGS, ...SIP_JSON_SETTINGS];

/** Balanced {...} and [...] runs of `text` that parse as a JSON object or array. */
function jsonIn(text) {
  const found = [];
  for (let start = 0; start < text.length; start++) {
    if (text[start] !== '{' && text[start] !== '[') continue;
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
      if (depth === 0) {
        const candidate = text.slice(start, i + 1);
        try {
          const value = JSON.parse(candidate);
          if (value !== null && typeof value === 'object' && candidate.length > 2) {
            found.push(candidate);
            start = i;
          }
        } catch {
          // prose in braces, or a placeholder such as {id}
        }
        break;
      }
    }
  }
  return found;
}

/** [{where, setting, example}] from every locale's settings help. */
async function helpExamples() {
  const dir = path.join(repoRoot, 'app-manifest', 'translations');
  const examples = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json'))) {
    const parameters = JSON.parse(await readFile(path.join(dir, file), 'utf8')).app?.parameters ?? {};
    for (const setting of JSON_SETTINGS) {
      for (const example of jsonIn(String(parameters[setting]?.helpText ?? ''))) {
        examples.push({ where: `${file} ${setting}.helpText`, setting, example });
      }
    }
  }
  return examples;
}

/** [{where, setting, example}] from docs/install.md: code spans on a line that names exactly one JSON setting. */
async function installExamples() {
  const lines = (await readFile(path.join(repoRoot, 'docs', 'install.md'), 'utf8')).split('\n');
  const examples = [];
  lines.forEach((line, i) => {
    const named = JSON_SETTINGS.filter((s) => line.includes(`\`${s}\``));
    // A table row names its setting in the first cell; prose names it once.
    const first = line.startsWith('|') ? JSON_SETTINGS.find((s) => line.split('|')[1].includes(`\`${s}\``)) : null;
    const setting = first ?? (named.length === 1 ? named[0] : null);
    if (!setting) return;
    for (const span of line.matchAll(/`([^`]+)`/g)) {
      for (const example of jsonIn(span[1])) examples.push({ where: `docs/install.md:${i + 1}`, setting, example });
    }
  });
  return examples;
}

let module;
async function coreProblems(settings) {
  if (!module) {
    const { default: createAdapterCore } = await import(pathToFileURL(wasmModulePath).href);
    module = await createAdapterCore({ wasmBinary: await readFile(wasmBinaryPath) });
  }
  const session = createAdapterSession(module);
  try {
    const agent = { id: 5, name: 'Admin check', groupIds: [], locale: 'en', utcOffsetMinutes: 0 };
    const { view } = session.dispatch({
      type: 'appRegistered',
      settings,
      agent,
      connector: { name: 'simulator' },
      nowMs: 1,
    });
    return view.settingsProblems;
  } finally {
    session.close();
  }
}

test('settings examples: the help and docs/install.md show examples of every JSON setting the admin writes', async () => {
  const examples = [...(await helpExamples()), ...(await installExamples())];
  const covered = new Set(examples.map((e) => e.setting));
  assert.deepEqual([...covered].sort(), [...JSON_SETTINGS].sort(), 'each JSON setting has at least one example');
  assert.ok(examples.filter((e) => e.where.startsWith('docs/install.md')).length >= 3, 'install.md examples were read');
  assert.ok(
    examples.filter((e) => e.where.endsWith('fieldMap.helpText')).length >= 9,
    'one fieldMap example per locale',
  );
});

test("settings examples: every one passes the app's own validation (core settings in the core, sip settings in the connector)", async () => {
  const examples = [...(await helpExamples()), ...(await installExamples())];
  const failures = [];
  for (const { where, setting, example } of examples) {
    // As the top bar hands them to the core: team groups named in an example are the agent's own (D372).
    const settings = withTeamGroupIds({ [setting]: example }, [{ id: 360001234567, name: 'Billing' }]);
    const problems = CORE_JSON_SETTINGS.includes(setting)
      ? await coreProblems(settings)
      : parseSipSettings(settings).problems;
    if (problems.length) failures.push(`${where}: ${example} → ${JSON.stringify(problems)}`);
  }
  assert.deepEqual(failures, []);
});

test('settings examples: the check can fail — a wrong value in a copied example is reported', async () => {
  assert.notDeepEqual(await coreProblems({ fieldMap: '{"duration": "three"}' }), []);
  assert.notDeepEqual(await coreProblems({ teamTicketEntryGroups: '{"360001234567": "always"}' }), []);
  assert.notDeepEqual(parseSipSettings({ sipHeaders: '{"queueID": "X-Queue-Id"}' }).problems, []);
});
