// normalizePhone agrees with libphonenumber (libphonenumber-js, the metadata the core's tables are
// generated from) for every country: same E.164, same validity, display = libphonenumber's INTERNATIONAL format.
// The core's default calling code stands for libphonenumber's default region: the main region of that code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { loadEngine, repoRoot } from './helpers/build-paths.mjs';

const require = createRequire(import.meta.url);
const { parsePhoneNumber, getCountryCallingCode } = require('libphonenumber-js');
const metadata = require('libphonenumber-js/metadata.min.json');
const examples = require('libphonenumber-js/examples.mobile.json');

const engine = await loadEngine();
// More with PHONE_ORACLE_SAMPLES=300 (a slower, deeper run).
const samplesPerCode = Number(process.env.PHONE_ORACLE_SAMPLES ?? 12);

const mainRegion = (code) => metadata.country_calling_codes[code]?.[0];

/** What libphonenumber-js makes of `number` typed with the core's `defaultCallingCode`. */
function oracle(number, defaultCallingCode) {
  const region = defaultCallingCode ? mainRegion(defaultCallingCode) : undefined;
  let parsed;
  try {
    // A non-geographic code (+800, +882, ...) has no region: libphonenumber-js takes it as defaultCallingCode.
    const options = region ? { defaultCountry: region } : defaultCallingCode ? { defaultCallingCode } : undefined;
    parsed = parsePhoneNumber(number, options);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !parsed.isValid()) return { valid: false, e164: null };
  return { valid: true, e164: parsed.number, display: parsed.formatInternational() };
}

function core(number, defaultCallingCode) {
  const r = engine.normalizePhone(defaultCallingCode ? { number, defaultCallingCode } : { number });
  return r.valid ? { valid: true, e164: r.e164, display: r.display } : { valid: false, e164: r.e164 };
}

function compare(cases) {
  const disagreements = [];
  for (const { label, number, code } of cases) {
    const expected = oracle(number, code);
    const actual = core(number, code);
    try {
      assert.deepEqual(actual, expected);
    } catch {
      disagreements.push(
        `${label}: ${JSON.stringify(number)} under ${code ? '+' + code : 'no default'}: core ${JSON.stringify(actual)}, libphonenumber ${JSON.stringify(expected)}`,
      );
    }
  }
  return disagreements;
}

const countries = Object.keys(examples).filter((c) => metadata.countries[c]);

test('libphonenumber oracle: every country has an example number, all valid in libphonenumber', () => {
  assert.equal(
    countries.length,
    Object.keys(metadata.countries).length,
    'an example for every country of the metadata',
  );
  for (const country of countries) assert.ok(parsePhoneNumber(examples[country], country).isValid(), country);
});

test("libphonenumber oracle: every country's example, in international and national form, as libphonenumber-js has it", () => {
  const cases = [];
  for (const country of countries) {
    const phone = parsePhoneNumber(examples[country], country);
    const code = getCountryCallingCode(country);
    cases.push(
      { label: `${country} international`, number: phone.formatInternational() },
      { label: `${country} E.164`, number: phone.number },
      { label: `${country} E.164 under its own code`, number: phone.number, code },
      {
        label: `${country} international under another code`,
        number: phone.formatInternational(),
        code: code === '1' ? '44' : '1',
      },
      { label: `${country} national`, number: phone.formatNational(), code },
      { label: `${country} national digits`, number: phone.formatNational().replace(/\D/g, ''), code },
      { label: `${country} national significant number`, number: phone.nationalNumber, code },
      { label: `${country} without its plus`, number: phone.number.slice(1), code },
    );
    // The examples are valid, so the international forms must come out exactly as the example.
    const r = core(phone.formatInternational());
    assert.deepEqual(r, { valid: true, e164: phone.number, display: phone.formatInternational() }, country);
  }
  const disagreements = compare(cases);
  assert.deepEqual(disagreements, [], `${disagreements.length} of ${cases.length} disagree`);
});

// A deterministic pseudo-random generator, so that a failure can be replayed.
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('libphonenumber oracle: random digits under every calling code agree with libphonenumber-js (validity, E.164, display)', () => {
  const next = random(15);
  const digits = (n) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const codes = [...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic)];
  const cases = [];
  for (const code of codes) {
    const plan = metadata.countries[mainRegion(code)] ?? metadata.nonGeographic[code];
    const example = examples[mainRegion(code)] ?? '';
    for (let k = 0; k < samplesPerCode; k++) {
      const length = plan[3][Math.floor(next() * plan[3].length)] + Math.floor(next() * 3) - 1;
      // Half start like the example (more valid numbers), half are any digits.
      const prefix = k % 2 === 0 ? example.slice(0, 1 + Math.floor(next() * 3)) : '';
      const national = (prefix + digits(Math.max(0, length - prefix.length))).slice(0, Math.max(1, length));
      cases.push({ label: `+${code} international`, number: `+${code} ${national}` });
      cases.push({ label: `+${code} national`, number: national, code });
      const trunk = plan[5] || '0';
      cases.push({ label: `+${code} with trunk prefix`, number: trunk + national, code });
    }
  }
  const disagreements = compare(cases);
  assert.deepEqual(disagreements, [], `${disagreements.length} of ${cases.length} disagree`);
});

test('libphonenumber oracle: the numbers the issue names', () => {
  const cases = [
    ['8 912 345-67-89', '7'],
    ['8 (771) 000 99 98', '7'],
    ['8 029 491-19-11', '375'],
    ['8 12 345678', '993'],
    ['06 20 123 4567', '36'],
    ['01 95 12 34 56', '229'],
    ['01 23 45 67 89', '225'],
    ['06 123 4567', '242'],
    ['06 03 12 34', '241'],
    ['011 15-2345-6789', '54'],
    ['0351 15 123-4567', '54'],
    ['030 55501234', '49'],
    ['0044 20 7946 0958', '49'],
    ['011 44 20 7946 0958', '1'],
    ['810 44 20 7946 0958', '7'],
    ['06 1234 5678', '39'],
    ['+1 (415) 555-0100', '1'],
    ['+800 1234 5678', ''],
    ['+7 912 345 67 89', '1'],
  ].map(([number, code]) => ({ label: 'named', number, code }));
  const disagreements = compare(cases);
  assert.deepEqual(disagreements, [], disagreements.join('\n'));
});

test('phone numbers: stored "+7 912 …" and typed "8 912 …" are one number', () => {
  assert.equal(core('+7 912 345 67 89').e164, core('8 912 345 67 89', '7').e164);
  assert.equal(core('+36 20 123 4567').e164, core('06 20 123 4567', '36').e164);
  assert.equal(core('+54 9 11 2345-6789').e164, core('011 15-2345-6789', '54').e164);
});

test('phone numbers: the committed phone tables are what the generator makes from the installed libphonenumber-js', () => {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/gen-phone-metadata.mjs'), '--check'], { stdio: 'pipe' });
});
