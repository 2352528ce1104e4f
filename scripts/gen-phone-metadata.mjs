// Writes wasm/core/src/phone_metadata.inc: libphonenumber's numbering plans, from the npm package
// libphonenumber-js (its default "min" metadata), trimmed to what the core's parsing and INTERNATIONAL
// formatting read (docs/decisions.md D76, D77). The file is committed; tests/js/phone-oracle.test.mjs fails
// when it differs from what this script makes from the installed package.
//
// Usage: node scripts/gen-phone-metadata.mjs           (writes the file)
//        node scripts/gen-phone-metadata.mjs --check   (exit 1 when the committed file is out of date)
//
// The text is one record a line, fields separated by ';' (no pattern contains one):
//   V;<source>                                                              (first line)
//   P;<calling code>;<region or 001>;<international prefix>;<national prefix for parsing>;<transform rule>;
//     <leading digits>;<possible lengths>;<national number pattern>
//   F;<pattern>;<last leading digits pattern>[;<international format>]      (a format of the plan above; without
//     an international format: its groups in order, separated by spaces)
//   T<type index 0-9>;<possible lengths>;<pattern>                          (a number type of the plan above)
// The first plan of a calling code is its main country. Only main plans keep their international prefix and
// national prefix rules: the core parses with the main country of the configured calling code, as
// libphonenumber selects the numbering plan by calling code. A plan without formats uses its main plan's.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repoRoot, 'wasm/core/src/phone_metadata.inc');

export function generate() {
  const pkg = require('libphonenumber-js/package.json');
  const metadata = require('libphonenumber-js/metadata.min.json');
  if (metadata.version !== 4) throw new Error(`unexpected libphonenumber-js metadata version ${metadata.version}`);

  const checkRegex = (re, where) => {
    // The core's matcher knows: digits, \d, [digit ranges], (, (?:, ), |, ?, {n}, {n,m}, $.
    const rest = re
      .replace(/\\d/g, '')
      .replace(/\[[0-9-]+\]/g, '')
      .replace(/\{\d+(,\d+)?\}/g, '')
      .replace(/\(\?:/g, '')
      .replace(/[0-9()|?$]/g, '');
    if (rest !== '') throw new Error(`${where}: pattern ${re} uses syntax the core's matcher does not know: ${rest}`);
    return re;
  };
  const field = (s, where) => {
    const v = s || '';
    if (typeof v !== 'string' || /[;\n]/.test(v)) throw new Error(`${where}: cannot store ${v}`);
    return v;
  };
  const lengths = (list) => (list || []).join(',');

  const lines = [`V;libphonenumber-js ${pkg.version}`];
  const plan = (region, p, isMain) => {
    const where = `${region} +${p[0]}`;
    const npp = isMain ? p[7] || p[5] || '' : '';
    lines.push(
      [
        'P',
        p[0],
        region,
        isMain ? checkRegex(field(p[1], where), where) : '',
        checkRegex(field(npp, where), where),
        isMain ? field(p[8], where) : '',
        checkRegex(field(p[10], where), where),
        lengths(p[3]),
        checkRegex(field(p[2], where), where),
      ].join(';'),
    );
    for (const f of p[4] || []) {
      // Only the last leading-digits pattern decides a format (libphonenumber-js's chooseFormatForNumber).
      const leading = f[2] ? f[2][f[2].length - 1] : '';
      const intl = f[5] || f[1];
      if (intl === 'NA') throw new Error(`${where}: format ${f[0]} is not for international use`);
      const record = ['F', checkRegex(field(f[0], where), where), checkRegex(field(leading, where), where)];
      // Punctuation becomes single spaces in the INTERNATIONAL format, so "($1) $2-$3" is "$1 $2 $3": kept only
      // when it says more than the groups in order.
      const groups = (f[0].match(/\((?!\?)/g) || []).length;
      const plain = Array.from({ length: groups }, (_, i) => `$${i + 1}`).join(' ');
      if (intl.replace(/[-\s.()/[\]~]+/g, ' ').trim() !== plain) record.push(field(intl, where));
      lines.push(record.join(';'));
    }
    // A plan with types is valid by them (libphonenumber-js's isValid); a type with an empty pattern never
    // matches but still tells that the plan has types.
    const types = p[11] || [];
    if (types.length > 0 && !types.some((t) => t)) throw new Error(`${where}: types without any type`);
    types.forEach((t, i) => {
      if (!t) return;
      lines.push([`T${i}`, lengths(t[1]), checkRegex(field(t[0], where), where)].join(';'));
    });
  };

  for (const regions of Object.values(metadata.country_calling_codes)) {
    regions.forEach((region, i) => plan(region, metadata.countries[region], i === 0));
  }
  for (const [code, p] of Object.entries(metadata.nonGeographic)) {
    if (metadata.country_calling_codes[code]) throw new Error(`+${code} is both geographic and not`);
    plan('001', p, true);
  }

  return (
    `// Generated by scripts/gen-phone-metadata.mjs from libphonenumber-js ${pkg.version} (metadata.min.json).\n` +
    `// Do not edit: run \`node scripts/gen-phone-metadata.mjs\` after updating the package.\n` +
    lines.map((l) => JSON.stringify(l + '\n')).join('\n') +
    '\n'
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = generate();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== text) {
      console.error(`${path.relative(repoRoot, target)} is out of date: run node scripts/gen-phone-metadata.mjs`);
      process.exit(1);
    }
    console.log(`${path.relative(repoRoot, target)} is up to date`);
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${path.relative(repoRoot, target)} (${text.length} bytes)`);
  }
}
