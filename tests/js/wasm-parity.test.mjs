// The WASM module answers every fixture byte-for-byte like adapter-cli (CONTRACT.md: three doors, one answer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cliPath, fixturesDir, loadEngine, repoRoot } from './helpers/build-paths.mjs';

const engine = await loadEngine();

const fixtures = readdirSync(fixturesDir).flatMap((fn) =>
  readdirSync(path.join(fixturesDir, fn)).map((file) => ({
    fn,
    file,
    text: readFileSync(path.join(fixturesDir, fn, file)),
  })),
);

test('contract: the module exports exactly the documented functions, the list the CLI gives, each a method', () => {
  // docs/contract.md has one "## `name`" section per function: the list the core's functionNames() must match.
  const documented = [
    ...readFileSync(path.join(repoRoot, 'docs', 'contract.md'), 'utf8').matchAll(/^## `(\w+)`/gm),
  ].map((m) => m[1]);
  assert.ok(documented.length >= 8, `found the documented functions (${documented})`);
  assert.deepEqual([...engine.functionNames].sort(), [...documented].sort());
  assert.deepEqual(
    execFileSync(cliPath, ['--list'], { encoding: 'utf8' }).trim().split('\n'),
    engine.functionNames,
    'adapter-cli --list',
  );
  assert.deepEqual(
    [...new Set(fixtures.map((f) => f.fn))].sort(),
    [...engine.functionNames].sort(),
    'every function has fixtures',
  );
  for (const fn of engine.functionNames) assert.equal(typeof engine[fn], 'function', `engine.${fn}()`);
});

for (const { fn, file, text } of fixtures) {
  test(`parity: ${fn}/${file} — WASM call() and adapter-cli give identical bytes`, () => {
    const fromCli = execFileSync(cliPath, [fn], { input: text });
    const fromWasm = engine.callRaw(fn, text.toString('utf8'));
    assert.equal(fromCli.toString('utf8'), fromWasm + '\n');
    assert.equal(typeof JSON.parse(fromWasm), 'object');
  });
}

test('FO-3b through the shim wrapper: a sample dial-pad call plans an append to the open ticket', () => {
  const request = JSON.parse(
    readFileSync(path.join(fixturesDir, 'planOutbound/dialpad_one_contact_one_open_ticket.json'), 'utf8'),
  );
  const response = engine.planOutbound(request);
  assert.equal(response.canCall, true);
  assert.deepEqual(response.plan.ticket, { action: 'append', id: 42, setStatus: 'open' });
});

test('errors: the shim wrapper throws a named AdapterCoreError with code and path', () => {
  assert.throws(() => engine.planOutbound({ settings: { promptSelectOpenTicket: 'yes' } }), {
    name: 'AdapterCoreError',
    code: 'INVALID_REQUEST',
    path: '/settings/promptSelectOpenTicket',
  });
});
