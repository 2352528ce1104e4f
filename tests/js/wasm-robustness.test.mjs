// Bad input never traps, aborts or overflows the stack of the WASM module, and the module keeps answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from './helpers/build-paths.mjs';

const engine = await loadEngine();

function assertStructured(fn, text) {
  const out = engine.callRaw(fn, text);
  const parsed = JSON.parse(out);
  assert.equal(typeof parsed, 'object');
  if (parsed.error) assert.equal(parsed.error.code, 'INVALID_REQUEST', out.slice(0, 200));
  return parsed;
}

test('robustness: malformed JSON is INVALID_REQUEST in WASM for every function', () => {
  for (const fn of engine.functionNames) {
    for (const bad of ['', '{', '[1,2', '{"a":}', '"s"', '42', 'null', '\u0000', '{"a":1,}']) {
      assert.equal(assertStructured(fn, bad).error.code, 'INVALID_REQUEST');
    }
  }
});

test('robustness: 100,000 nested brackets are refused in WASM without a stack overflow', () => {
  const deepArrays = '{"x":' + '['.repeat(100000) + ']'.repeat(100000) + '}';
  const deepObjects = '{"a":'.repeat(100000) + '1' + '}'.repeat(100000);
  for (const fn of engine.functionNames) {
    assert.match(assertStructured(fn, deepArrays).error.message, /nesting/);
    assert.match(assertStructured(fn, deepObjects).error.message, /nesting/);
  }
});

test('robustness: wrong types get a structured answer in WASM', () => {
  const values = [null, true, 0, -1, 1.5, 'x', [], {}, [1, 'a', null]];
  for (const fn of engine.functionNames) {
    for (const key of [
      'settings',
      'entry',
      'contacts',
      'tickets',
      'input',
      'number',
      'bytes',
      'sessionType',
      'template',
      'vars',
      'attributes',
    ]) {
      for (const v of values) assertStructured(fn, JSON.stringify({ [key]: v }));
    }
  }
});

test('robustness: 10,000-element lists get a normal answer in WASM (FO-3c with 5,000 matches)', () => {
  const contacts = Array.from({ length: 10000 }, (_, i) => ({
    id: i + 1,
    name: `C${i}`,
    phones: [i % 2 ? '+14155550100' : '+14155550101'],
    createdAt: '2020-01-01T00:00:00Z',
  }));
  const r = assertStructured('planOutbound', JSON.stringify({ entry: { number: '+14155550100' }, contacts }));
  assert.equal(r.contact.options.length, 5000);
  assert.equal(r.errors[0].code, 'CONTACT_REQUIRED');
  const list = Array.from({ length: 10000 }, (_, i) => i);
  for (const fn of engine.functionNames) assertStructured(fn, JSON.stringify({ contacts: list, tickets: list }));
});

test('robustness: hostile strings come back as the same data', () => {
  const hostile = '<img src=x onerror=alert(1)>\u202e\u0000"\'\\ 漢字 ' + 'A'.repeat(10240);
  const r = assertStructured(
    'planOutbound',
    JSON.stringify({
      entry: { number: '+14155550100' },
      contacts: [{ id: 1, name: hostile, phones: ['+14155550100'] }],
    }),
  );
  assert.equal(r.contact.options[0].name, hostile);
});

test('robustness: after every bad request the module still answers normally', () => {
  assert.deepEqual(JSON.parse(engine.callRaw('sessionTag', '{"sessionType":"Voice Inbound (IVR)"}')), {
    tag: 'voice_inbound_ivr',
  });
  assert.equal(JSON.parse(engine.callRaw('noSuchFunction', '{}')).error.code, 'UNKNOWN_FUNCTION');
});
