// Text crossing the JS → WASM boundary is well-formed (js-shim/core/core-json.js). Lone surrogates
// become U+FFFD in keys and values; everything else is exactly JSON.stringify's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toCoreJson, wellFormedText } from '../../js-shim/core/core-json.js';
import { AdapterCoreError } from '../../js-shim/core/rules-engine.js';
import { loadEngine } from './helpers/build-paths.mjs';

const engine = await loadEngine();

test('Well-formed text: lone surrogates in keys and values, at any depth, become U+FFFD', () => {
  const event = { type: 'x', ['k\ud800']: ['\udfff', { deep: 'a\udbffb', ['\udc00']: 1 }], tail: '\ud83d' };
  const text = toCoreJson(event);
  assert.doesNotMatch(text, /\\ud[89a-f]/);
  assert.deepEqual(JSON.parse(text), {
    type: 'x',
    'k\ufffd': ['\ufffd', { deep: 'a\ufffdb', '\ufffd': 1 }],
    tail: '\ufffd',
  });
});

test('Well-formed text: well-formed text is JSON.stringify\'s own (surrogate pairs, escapes, "\\\\ud800" written as text)', () => {
  for (const value of [
    { name: 'Ada 🐞 Lovelace', emoji: '\ud83d\udc1e' },
    { backslashThenLetters: '\\ud800', two: '\\\\ud83d', quote: '"\\"', control: '\u0000\n\u2028' },
    'plain',
    42,
    null,
    [],
    {},
  ]) {
    assert.equal(toCoreJson(value), JSON.stringify(value));
  }
  assert.equal(toCoreJson(undefined), undefined);
});

test('Well-formed text: a backslash right before a lone surrogate: the backslash stays, the surrogate goes', () => {
  const value = { a: '\\\ud800', b: '\\\\\udc00x', c: '\\ud800\ud800' };
  assert.deepEqual(JSON.parse(toCoreJson(value)), { a: '\\\ufffd', b: '\\\\\ufffdx', c: '\\ud800\ufffd' });
});

test('Well-formed text (property): any string, as key and as value, comes back as itself made well-formed', () => {
  const unit = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\\', 'u', 'd', '8', '"'),
  );
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 40 }), (s) => {
      const text = toCoreJson({ [s]: [s, { s }] });
      assert.doesNotMatch(text.replace(/\\\\/g, ''), /\\ud[89a-f]/, 'no lone-surrogate escape is left');
      const w = wellFormedText(s);
      assert.deepEqual(JSON.parse(text), { [w]: [w, { s: w }] });
      if (s === w) assert.equal(text, JSON.stringify({ [s]: [s, { s }] }), 'well-formed text is untouched');
    }),
    { numRuns: 3000 },
  );
});

test('Well-formed text: wellFormedText with and without String.prototype.toWellFormed', () => {
  const cases = [
    ['a\ud800', 'a\ufffd'],
    ['\udc00a', '\ufffda'],
    ['\ud83d\udc1e', '\ud83d\udc1e'],
    ['\udc1e\ud83d', '\ufffd\ufffd'],
    ['', ''],
  ];
  for (const [input, expected] of cases) assert.equal(wellFormedText(input), expected);
  const native = String.prototype.toWellFormed;
  try {
    delete String.prototype.toWellFormed; // an older browser
    for (const [input, expected] of cases) assert.equal(wellFormedText(input), expected);
  } finally {
    if (native) String.prototype.toWellFormed = native;
  }
});

test('Well-formed text/FO-3: planOutbound with a contact name holding a lone surrogate answers, with U+FFFD', () => {
  const plan = engine.planOutbound({
    entry: { source: 'dialpad', number: '+14155550100' },
    contacts: [{ id: 7, name: 'Ada \ud83d', phones: ['+14155550100'], createdAt: '2024-02-01T10:00:00Z' }],
  });
  assert.equal(plan.contact.options[0].name, 'Ada \ufffd');
  assert.throws(() => engine.planOutbound({ entry: 'no' }), AdapterCoreError, 'a bad request is still refused');
});

test('Well-formed text: callRaw with a raw lone surrogate before a quote: the quote is not swallowed', () => {
  // Emscripten's string conversion pairs a lone high surrogate with the next code unit, here the closing quote.
  const answer = JSON.parse(engine.callRaw('normalizePhone', '{"number":"+1 415 555 0100\ud800"}'));
  assert.equal(answer.error, undefined, JSON.stringify(answer));
});
