#!/usr/bin/env node
// stdlib-audit.mjs — the standard library surface audit: for each module Molt
// provides, CPython 3.12's public names (dir() without `_` names, imported
// modules left out) against what a program compiled by Molt sees, and for
// each class present on both sides its public attributes. Writes:
//   specs/stdlib-surface.md                        per module: implemented / CPython counts, missing names
//   runtime-native/src/modules/stdlib_missing.rs   the missing module-level names, for the runtime's
//                                                  NotImplementedError placeholders (modules/missing.rs)
// CPython's side is recorded once into tools/stdlib-surface-cpython.json (committed, so the check needs
// no CPython); Molt's side comes from a probe program run through `molt run --profile dev` (build cache:
// a rebuild only when the stdlib, the runtime or the compiler changed).
//
//   node tools/stdlib-audit.mjs                    regenerate both files
//   node tools/stdlib-audit.mjs --check            exit 1 when a generated file is stale (gate 1 runs it)
//   node tools/stdlib-audit.mjs --record-cpython   re-record CPython's surface (PYENV_VERSION=3.12.1 python3)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CPYTHON_FILE = join(ROOT, 'tools/stdlib-surface-cpython.json');
const SPEC_FILE = join(ROOT, 'specs/stdlib-surface.md');
const RUST_FILE = join(ROOT, 'runtime-native/src/modules/stdlib_missing.rs');

/** The modules Molt provides (native in runtime-native/src/modules, or Python in packages/frontend/stdlib). */
export const MODULES = [
  'builtins', 'sys', 'math', 'time', 'gc', 'random', 'collections', 'collections.abc', 'itertools', 'functools',
  'operator', 'string', 'dataclasses', 'enum', 'contextlib', 'abc', 'typing', 'types', 'warnings', 'json', 're',
  'os', 'os.path', 'io', 'copy', 'heapq', 'bisect', 'statistics', 'textwrap', 'keyword', 'struct', 'base64',
  'binascii', 'hashlib', 'fractions', 'traceback',
];

/**
 * The probe, the same source for both interpreters: one line per module
 * (`M <module> <name>:<c|v|t|m>...`, c callable, t class, m a module that is
 * not an audited submodule, v other value) and one per class
 * (`C <module> <class> <attr>...`). CPython's names of kind m (imported
 * modules) are not part of the surface; Molt may implement a CPython value
 * as a module object (sys.float_info), which counts as present.
 */
function probeSource() {
  const lines = [];
  for (const m of MODULES) lines.push(`import ${m}`);
  lines.push(
    `_mods = [${MODULES.map((m) => `('${m}', ${m})`).join(', ')}]`,
    `_audited = set(n for n, _ in _mods)`,
    `_modtype = type(sys)`,
    `for _name, _m in _mods:`,
    `    _items = []`,
    `    _classes = []`,
    `    for _n in dir(_m):`,
    `        if _n.startswith('_'):`,
    `            continue`,
    `        _v = getattr(_m, _n)`,
    `        if isinstance(_v, _modtype) and (_name + '.' + _n) not in _audited:`,
    `            _items.append(_n + ':m')`,
    `        elif isinstance(_v, type):`,
    `            _items.append(_n + ':t')`,
    `            _classes.append((_n, _v))`,
    `        elif callable(_v):`,
    `            _items.append(_n + ':c')`,
    `        else:`,
    `            _items.append(_n + ':v')`,
    `    print('M', _name, ' '.join(_items))`,
    `    for _n, _c in _classes:`,
    `        print('C', _name, _n, ' '.join(a for a in dir(_c) if not a.startswith('_')))`,
  );
  return lines.join('\n') + '\n';
}

/** Parse probe output into { module: { names: {name: kind}, classes: {cls: [attrs]} } }. */
function parseProbe(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const parts = line.split(' ').filter((p) => p !== '');
    if (parts[0] === 'M') {
      const names = {};
      for (const item of parts.slice(2)) {
        const i = item.lastIndexOf(':');
        names[item.slice(0, i)] = item.slice(i + 1);
      }
      out[parts[1]] = { names, classes: {} };
    } else if (parts[0] === 'C') {
      out[parts[1]].classes[parts[2]] = parts.slice(3);
    }
  }
  return out;
}

function runProbe(argv0, args, label) {
  // A fixed path, so the build cache of `molt run` finds the probe again.
  const dir = join(tmpdir(), 'molt-stdlib-audit');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'stdlib_probe.py');
  writeFileSync(file, probeSource());
  const r = spawnSync(argv0, [...args, file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, PYENV_VERSION: '3.12.1' } });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(`stdlib-audit: the ${label} probe failed (status ${r.status})`);
  }
  return parseProbe(r.stdout);
}

function recordCpython() {
  const surface = runProbe('python3', ['-I'], 'CPython');
  const v = spawnSync('python3', ['-c', 'import sys; print(sys.version.split()[0], sys.platform)'], {
    encoding: 'utf8',
    env: { ...process.env, PYENV_VERSION: '3.12.1' },
  }).stdout.trim();
  if (!v.startsWith('3.12.')) throw new Error(`stdlib-audit: need CPython 3.12 (PYENV_VERSION=3.12.1 python3), got ${v}`);
  writeFileSync(CPYTHON_FILE, JSON.stringify({ python: v, modules: surface }, undefined, 1) + '\n');
  console.log(`stdlib-audit: recorded CPython ${v} into ${relative(ROOT, CPYTHON_FILE)}`);
}

const sorted = (xs) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Per module: CPython names, implemented names, missing names with kinds, missing class attributes. */
function compare(cpy, molt) {
  const rows = [];
  for (const m of MODULES) {
    const c = cpy.modules[m];
    const t = molt[m] ?? { names: {}, classes: {} };
    if (!c) throw new Error(`stdlib-audit: no CPython surface for ${m}; run --record-cpython`);
    const cNames = sorted(Object.keys(c.names).filter((n) => c.names[n] !== 'm'));
    const missing = cNames.filter((n) => !(n in t.names));
    const extra = sorted(Object.keys(t.names).filter((n) => !(n in c.names) && t.names[n] !== 'm'));
    const classes = [];
    for (const cls of sorted(Object.keys(c.classes))) {
      const mine = t.classes[cls];
      if (!mine) continue;
      const have = new Set(mine);
      const lack = c.classes[cls].filter((a) => !have.has(a));
      classes.push({ cls, total: c.classes[cls].length, lack });
    }
    rows.push({ module: m, total: cNames.length, missing: missing.map((n) => ({ name: n, kind: c.names[n] })), extra, classes });
  }
  return rows;
}

function genMarkdown(rows, python) {
  const out = [
    '<!-- Generated by tools/stdlib-audit.mjs. Do not edit: run `node tools/stdlib-audit.mjs`. -->',
    '# Standard library surface',
    '',
    `What of CPython ${python}'s public surface each module Molt provides has. A public name is one \`dir(module)\``,
    'lists that does not start with `_` (names bound to imported modules left out). Accessing a missing name',
    '(`mod.name`, `from mod import name`) gives a placeholder whose call raises',
    "`NotImplementedError(\"mod.name is not implemented by Molt\")`; a missing name that is not callable in CPython",
    'raises that error on access (runtime-native/src/modules/missing.rs, table `stdlib_missing.rs`). A missing',
    'builtin used as a bare name behaves the same. Names CPython lacks raise AttributeError / ImportError as in',
    'CPython. Missing attributes of classes are listed for information; they raise AttributeError.',
    '',
    '| module | implemented / CPython | missing names | classes missing attributes |',
    '|---|---|---|---|',
  ];
  let impl = 0;
  let total = 0;
  for (const r of rows) {
    impl += r.total - r.missing.length;
    total += r.total;
    const cl = r.classes.filter((c) => c.lack.length > 0).length;
    out.push(`| ${r.module} | ${r.total - r.missing.length} / ${r.total} | ${r.missing.length} | ${cl} |`);
  }
  out.push(`| **all** | **${impl} / ${total}** | **${total - impl}** | |`, '');
  for (const r of rows) {
    out.push(`## ${r.module}`, '', `${r.total - r.missing.length} of ${r.total} public names.`, '');
    if (r.missing.length > 0) out.push('Missing: ' + r.missing.map((x) => '`' + x.name + '`').join(', ') + '.', '');
    const cl = r.classes.filter((c) => c.lack.length > 0);
    if (cl.length > 0) {
      out.push('Class attributes missing:', '');
      for (const c of cl) out.push(`- \`${c.cls}\` (${c.total - c.lack.length} / ${c.total}): ` + c.lack.map((a) => '`' + a + '`').join(', '));
      out.push('');
    }
    if (r.extra.length > 0) out.push('Names CPython does not have: ' + r.extra.map((x) => '`' + x + '`').join(', ') + '.', '');
  }
  return out.join('\n');
}

function genRust(rows) {
  const out = [
    '//! stdlib_missing.rs — generated by tools/stdlib-audit.mjs. Do not edit: run `node tools/stdlib-audit.mjs`.',
    '//! The public names of CPython 3.12 that Molt\'s modules lack, per module, sorted; `true` when the',
    '//! name is callable in CPython. Used by modules/missing.rs (NotImplementedError placeholders).',
    '',
    'pub static MISSING: &[(&str, &[(&str, bool)])] = &[',
  ];
  for (const r of rows) {
    if (r.missing.length === 0) continue;
    out.push(`    (`, `        "${r.module}",`, '        &[');
    for (const x of r.missing) out.push(`            ("${x.name}", ${x.kind !== 'v'}),`);
    out.push('        ],', '    ),');
  }
  out.push('];', '');
  return out.join('\n');
}

function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--record-cpython')) {
    recordCpython();
    return 0;
  }
  const check = argv.includes('--check');
  const cpy = JSON.parse(readFileSync(CPYTHON_FILE, 'utf8'));
  const molt = runProbe(process.execPath, [join(ROOT, 'packages/cli/bin/molt.js'), 'run', '--profile', 'dev'], 'Molt');
  const rows = compare(cpy, molt);
  const files = [
    [SPEC_FILE, genMarkdown(rows, cpy.python.split(' ')[0])],
    [RUST_FILE, genRust(rows)],
  ];
  let stale = 0;
  for (const [path, text] of files) {
    const old = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (old === text) continue;
    stale++;
    if (check) console.log(`stale: ${relative(ROOT, path)} (run node tools/stdlib-audit.mjs)`);
    else writeFileSync(path, text);
  }
  const impl = rows.reduce((s, r) => s + r.total - r.missing.length, 0);
  const total = rows.reduce((s, r) => s + r.total, 0);
  console.log(`stdlib-audit: ${rows.length} modules, ${impl} / ${total} public names, ${stale} file(s) ${check ? 'stale' : 'updated'}`);
  return check && stale > 0 ? 1 : 0;
}

process.exitCode = main();
