// One list of telephony commands (js-shim/telephony/commands.js): it is the protocol's list, every connector
// implements exactly it, and the executor performs each command with the connector method of its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEffectExecutor } from '../../js-shim/effects/executor.js';
import { lazyConnector, offlineConnector } from '../../js-shim/telephony/choose-connector.js';
import { commandMethods, TELEPHONY_COMMAND_NAMES, TELEPHONY_COMMANDS } from '../../js-shim/telephony/commands.js';
import { CONNECTOR_METHODS } from '../../js-shim/telephony/connector.js';
import { createSimulatorConnector } from '../../js-shim/telephony/simulator/connector.js';
import { createSipConnector } from '../../js-shim/telephony/sip/connector.js';
import { repoRoot } from './helpers/build-paths.mjs';
import { fakeJsSIP } from './helpers/sip-fake-jssip.mjs';

/** The commands the "Effects" table of docs/adapter-protocol.md gives the `telephony` effect, in its order. */
function documentedCommands() {
  const doc = readFileSync(path.join(repoRoot, 'docs', 'adapter-protocol.md'), 'utf8');
  const row = doc.split('\n').find((line) => line.startsWith('| `telephony` |'));
  assert.ok(row, 'the protocol document has a telephony effect row');
  const list = row.match(/`command` \(([^)]*)\)/);
  assert.ok(list, 'the telephony row lists its commands');
  return [...list[1].matchAll(/`(\w+)`/g)].map((m) => m[1]);
}

const commandsOf = (connector) => Object.keys(connector).filter((k) => TELEPHONY_COMMAND_NAMES.includes(k));

test("the one list of telephony commands is the protocol document's, in its order", () => {
  assert.deepEqual([...TELEPHONY_COMMAND_NAMES], documentedCommands());
  assert.deepEqual(
    Object.entries(TELEPHONY_COMMANDS),
    TELEPHONY_COMMAND_NAMES.map((c) => [c, c]),
  );
  assert.deepEqual(CONNECTOR_METHODS, ['start', 'stop', ...TELEPHONY_COMMAND_NAMES]);
});

test('every connector implements each command: simulator, sip, lazy and offline', () => {
  const media = { acquire: async () => ({}), release() {}, attach() {}, ringStart() {}, ringStop() {} };
  const connectors = {
    simulator: createSimulatorConnector(),
    sip: createSipConnector({ jssip: fakeJsSIP(), client: {}, agent: { id: 5 }, media }),
    lazy: lazyConnector('lazy', async () => ({})),
    offline: offlineConnector('CONNECTOR_UNKNOWN'),
  };
  for (const [name, connector] of Object.entries(connectors)) {
    assert.deepEqual(commandsOf(connector).sort(), [...TELEPHONY_COMMAND_NAMES].sort(), name);
    for (const c of TELEPHONY_COMMAND_NAMES) assert.equal(typeof connector[c], 'function', `${name}.${c}`);
  }
});

test('a connector that misses a command, or adds one the core never sends, is refused when it is built', () => {
  const all = Object.fromEntries(TELEPHONY_COMMAND_NAMES.map((c) => [c, () => Promise.resolve()]));
  assert.equal(commandMethods('acme', all), all);
  const { resume, ...noResume } = all;
  assert.equal(typeof resume, 'function');
  assert.throws(() => commandMethods('acme', noResume), {
    name: 'TypeError',
    message: 'telephony connector "acme": missing resume',
  });
  assert.throws(() => commandMethods('acme', { ...all, park: () => {} }), /not a telephony command: park/);
});

test('the executor performs every documented command with the connector method of the same name and its arguments', async () => {
  const calls = [];
  const connector = Object.fromEntries(
    TELEPHONY_COMMAND_NAMES.map((c) => [c, (args) => (calls.push([c, args]), Promise.resolve())]),
  );
  const dispatched = [];
  const executor = createEffectExecutor({
    zaf: {},
    connector,
    dispatch: (e) => dispatched.push(e),
    t: (key) => key,
    storage: null,
    timers: { setTimeout: () => 0, clearTimeout() {} },
    now: () => 0,
    log: { warn: (...a) => assert.fail(`warned: ${a.join(' ')}`) },
  });
  await executor.execute(documentedCommands().map((command) => ({ type: 'telephony', command, callId: 'c1' })));
  assert.deepEqual(
    calls,
    documentedCommands().map((c) => [c, { callId: 'c1' }]),
  );
  assert.deepEqual(dispatched, []);
});
