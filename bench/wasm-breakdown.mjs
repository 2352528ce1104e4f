// What the bytes of the WASM module are: code per origin (the live adapter, the rules, nlohmann JSON, libc++,
// iostream/locale, exceptions, libc, the bindings) and data per table (phone metadata, note texts, the rest), raw and
// gzip. Needs a module with function names: link once more with --profiling-funcs (names only, same code), e.g.
//   node bench/wasm-breakdown.mjs --relink build/wasm /tmp/names   (re-runs build/wasm's link with the names)
//   node bench/wasm-breakdown.mjs /tmp/names/adapter-core.wasm [--top 30] [--json out.json]
// The gzip column compresses each group's bytes alone (level 9): a group's share of the whole, not an exact
// saving if it went (the groups compress a little better together).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Sections, function bodies and the name section of a WebAssembly binary. */
export function parseWasm(buf) {
  let at = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[at++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return result;
    }
  };
  const name = () => {
    const n = leb();
    const s = buf.toString('utf8', at, at + n);
    at += n;
    return s;
  };
  const sections = [];
  let importedFunctions = 0;
  const bodies = [];
  const names = new Map();
  const segments = [];
  while (at < buf.length) {
    const id = buf[at++];
    const size = leb();
    const start = at;
    const end = at + size;
    let label =
      [
        'custom',
        'type',
        'import',
        'function',
        'table',
        'memory',
        'global',
        'export',
        'start',
        'elem',
        'code',
        'data',
        'datacount',
        'tag',
      ][id] ?? `#${id}`;
    if (id === 0) label = `custom "${name()}"`;
    if (id === 2) {
      for (let n = leb(), i = 0; i < n; i++) {
        name();
        name();
        const kind = buf[at++];
        if (kind === 0) {
          importedFunctions++;
          leb();
        } else if (kind === 1) {
          at++;
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 2) {
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 3) {
          at += 2;
        } else if (kind === 4) {
          at++;
          leb();
        }
      }
    } else if (id === 10) {
      for (let n = leb(), i = 0; i < n; i++) {
        const len = leb();
        bodies.push({ index: importedFunctions + i, bytes: buf.subarray(at, at + len) });
        at += len;
      }
    } else if (id === 11) {
      for (let n = leb(), i = 0; i < n; i++) {
        const flags = leb();
        if (flags === 2) leb();
        if (flags !== 1) {
          while (buf[at] !== 0x0b) at++; // the offset expression (i32.const n), up to its end
          at++;
        }
        const len = leb();
        segments.push(buf.subarray(at, at + len));
        at += len;
      }
    } else if (label === 'custom "name"') {
      while (at < end) {
        const sub = buf[at++];
        const subSize = leb();
        const subEnd = at + subSize;
        if (sub === 1) {
          for (let n = leb(), i = 0; i < n; i++) {
            const index = leb();
            names.set(index, name());
          }
        }
        at = subEnd;
      }
    }
    sections.push({ label, size: end - start });
    at = end;
  }
  for (const b of bodies) b.name = names.get(b.index) ?? `func[${b.index}]`;
  return { sections, bodies, segments, namedFunctions: names.size };
}

// First match wins. Template instantiations are named after their outermost template, so a libc++ container of
// a live record counts as libc++; what the compiler inlined counts where it was inlined.
const CODE_GROUPS = [
  [
    'bindings (wasm/bindings, JS boundary)',
    /^(adapter_(call|dispatch|new|delete|function_names|answer_size)$|\(anonymous namespace\)::keep|emscripten::|_embind_|embind_init|__embind)/,
  ],
  ['live adapter (wasm/core/src/live)', /^adapter::live::/],
  [
    'phone numbers (phone, metadata, digit patterns)',
    /^adapter::(phone|phone_metadata|digit_regex|calling_codes)|^adapter::\(anonymous namespace\)::.*(Regex|regex|Digit|digit|Plan|plan)/,
  ],
  ['note texts (note_text)', /^adapter::(note_text|notes?)::/],
  ['rules and codecs (wasm/core/src, not live)', /^adapter::/],
  ['nlohmann JSON', /nlohmann::/],
  [
    'iostream / locale',
    /^(std::__2::)?(basic_(i|o|io)stream|basic_streambuf|basic_stringbuf|basic_(i|o)?stringstream|ios_base|basic_ios|locale|ctype|num_put|num_get|numpunct|codecvt|money|time_(get|put)|collate|messages|__num_(put|get)|__stdinbuf|__stdoutbuf|__do_|__libcpp_locale|__cloc|use_facet|__time)|std::__2::(basic_(i|o|io)stream|basic_streambuf|basic_stringbuf|ios_base|basic_ios|locale|ctype|num_put|num_get|numpunct|codecvt|__num_put|__num_get|__stdinbuf|__stdoutbuf)/,
  ],
  [
    'exceptions runtime',
    /^(__cxa_|__cxxabiv1|_Unwind_|__gxx_personality|std::exception|std::bad_|std::logic_error|std::runtime_error|std::out_of_range|std::invalid_argument|std::length_error|std::__2::__throw|__cxxabi|std::terminate|std::__terminate|__cxa)/,
  ],
  [
    'libc++ containers, strings, algorithms',
    /^(std::|void std::|bool std::|char\* std::|unsigned long std::|long std::|int std::)/,
  ],
  [
    'malloc (emmalloc)',
    /(^|_)(malloc|free|calloc|realloc|emmalloc|sbrk|aligned_alloc|posix_memalign|memalign|operator new|operator delete)/,
  ],
  [
    'libc (string, number formatting, math)',
    /^(mem|str|__(str|mem)|printf|snprintf|vsnprintf|vfprintf|fmt_|pop_arg|pad|out|__towrite|__fwritex|frexp|fmod|scalbn|copysign|__shgetc|__shlim|__floatscan|__intscan|__lctrans|wc|mbrtowc|mbtowc|isdigit|isspace|isxdigit|tolower|toupper|__errno|abort|__lock|__unlock|sn_write|__ofl|__stdio|fputs|fwrite|__emscripten|emscripten_|dlmalloc|stackSave|stackRestore|stackAlloc|_emscripten|__wasm|__lshrti3|__ashlti3|__multi3|__trunc|__extend|__fix|__float|__divti3|__udivti3|__umodti3|__modti3|__addtf3|__subtf3|__multf3|__divtf3|__letf2|__getf2|__unordtf2|__eqtf2|__netf2|__lttf2|__gttf2|atoi|strto|fp|__uflow|__toread|getc|__overflow|__stdout|__stdio|abs|ldexp|log|pow|exp|round|floor|ceil)/,
  ],
];

function codeGroup(name) {
  for (const [group, re] of CODE_GROUPS) if (re.test(name)) return group;
  return 'other (unattributed)';
}

function dataGroup(segment) {
  const text = segment.toString('latin1');
  if (text.includes('V;libphonenumber-js')) return 'data: phone metadata (phone_metadata.inc)';
  // The notes and decision reasons are '\0'-separated templates, so they land in many segments: any segment
  // holding two or more {{placeholders}} is counted as theirs.
  if ((text.match(/\{\{\w+\}\}/g) ?? []).length >= 2) return 'data: note texts (note_text.inc)';
  return 'data: other (strings, tables, vtables)';
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

export function breakdown(buf) {
  const wasm = parseWasm(buf);
  const groups = new Map();
  const add = (group, bytes, fn) => {
    if (!groups.has(group)) groups.set(group, { group, parts: [], raw: 0, count: 0, top: [] });
    const g = groups.get(group);
    g.parts.push(bytes);
    g.raw += bytes.length;
    g.count++;
    if (fn) g.top.push({ name: fn, raw: bytes.length });
  };
  for (const b of wasm.bodies) add(codeGroup(b.name), b.bytes, b.name);
  for (const s of wasm.segments) add(dataGroup(s), s);
  const rows = [...groups.values()].map((g) => ({
    group: g.group,
    count: g.count,
    raw: g.raw,
    gzip: gz(Buffer.concat(g.parts)),
    top: g.top.sort((a, b) => b.raw - a.raw).slice(0, 8),
  }));
  rows.sort((a, b) => b.gzip - a.gzip);
  const codeRaw = wasm.bodies.reduce((n, b) => n + b.bytes.length, 0);
  const dataRaw = wasm.segments.reduce((n, s) => n + s.length, 0);
  const largest = [...wasm.bodies].sort((a, b) => b.bytes.length - a.bytes.length);
  return {
    sections: wasm.sections,
    namedFunctions: wasm.namedFunctions,
    functions: wasm.bodies.length,
    codeRaw,
    dataRaw,
    rows,
    largest,
  };
}

function main(argv) {
  if (argv[0] === '--relink') {
    // Re-run the build's own link of adapter-core.mjs with function names kept, into another directory.
    const [, buildDir, outDir] = argv;
    if (!buildDir || !outDir) throw new Error('usage: --relink <build/wasm> <out dir>');
    const commands = execFileSync('ninja', ['-C', buildDir, '-t', 'commands', 'adapter_wasm'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    const link = commands[commands.length - 1].replace(/^: && /, '').replace(/ && :$/, '');
    mkdirSync(outDir, { recursive: true });
    const named = link.replace(
      /-o adapter-core\.mjs/,
      `--profiling-funcs -o ${path.resolve(outDir, 'adapter-core.mjs')}`,
    );
    execFileSync('sh', ['-c', named], {
      cwd: buildDir,
      stdio: 'inherit',
      env: { ...process.env, NODE_PATH: process.env.NODE_PATH ?? '/usr/share/nodejs' },
    });
    console.error(`wrote ${path.join(outDir, 'adapter-core.wasm')}`);
    return;
  }
  const file = argv.find((a, i) => !a.startsWith('--') && !['--top', '--json'].includes(argv[i - 1]));
  if (!file)
    throw new Error('usage: node bench/wasm-breakdown.mjs <adapter-core.wasm with names> [--top N] [--json out.json]');
  const topN = Number(argv[argv.indexOf('--top') + 1] ?? 0) || 25;
  const buf = readFileSync(file);
  const r = breakdown(buf);
  if (r.namedFunctions === 0) console.error('note: no name section; link with --profiling-funcs (see --relink)');
  const kb = (n) => (n / 1024).toFixed(1);
  const lines = [
    `${path.basename(file)}: ${kb(buf.length)} KB raw (name section included), ${r.functions} functions, code ${kb(r.codeRaw)} KB, data ${kb(r.dataRaw)} KB; KB = 1024 bytes, gzip level 9 per group`,
    '',
    '| group | functions / segments | raw KB | gzip KB | largest |',
    '|---|--:|--:|--:|---|',
    ...r.rows.map(
      (row) =>
        `| ${row.group} | ${row.count} | ${kb(row.raw)} | ${kb(row.gzip)} | ${row.top
          .slice(0, 3)
          .map((t) => `${short(t.name)} (${t.raw})`)
          .join('; ')
          .replace(/\|/g, '\\|')} |`,
    ),
    '',
    `largest ${topN} functions:`,
    ...r.largest
      .slice(0, topN)
      .map(
        (b) =>
          `  ${String(b.bytes.length).padStart(7)}  ${codeGroup(b.name).split(' (')[0].padEnd(28)} ${short(b.name, 150)}`,
      ),
  ];
  console.log(lines.join('\n'));
  const jsonAt = argv.indexOf('--json');
  if (jsonAt >= 0)
    writeFileSync(
      argv[jsonAt + 1],
      `${JSON.stringify({ file, ...r, largest: r.largest.slice(0, 100).map((b) => ({ name: b.name, raw: b.bytes.length })) }, null, 2)}\n`,
    );
}

/** A readable name: nlohmann's and libc++'s long template arguments shortened. */
function short(name, max = 90) {
  const s = name
    .replace(
      /nlohmann::json_abi_v3_11_2::basic_json<[^]*?adl_serializer, std::__2::vector<unsigned char, std::__2::allocator<unsigned char> > >/g,
      'json',
    )
    .replace(/std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char> >/g, 'string')
    .replace(/std::__2::/g, 'std::')
    .replace(/nlohmann::json_abi_v3_11_2::/g, 'nlohmann::');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname))
  main(process.argv.slice(2));
