#!/usr/bin/env node
// record-differential.mjs — records the expected results of the project's
// own differential tests (tests/differential/**/*.py) from CPython 3.12,
// through the same oracle `molt compare` uses: X.out beside X.py and the exit
// status in tests/differential/MANIFEST.tsv. Run it after adding or changing
// a test program; reviewers read the diff of the .out files.
//
//   node tools/record-differential.mjs [--check]   (--check: fail when a recorded file is stale)

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOracle, runOracle, processIo } from '@molt/cli';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'tests', 'differential');
const check = process.argv.includes('--check');

function programs(d) {
  const out = [];
  for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(d, e.name);
    if (e.isDirectory()) {
      if (existsSync(join(p, 'main.py'))) out.push(join(p, 'main.py'));
      else out.push(...programs(p));
    } else if (e.name.endsWith('.py') && !existsSync(join(d, 'main.py'))) out.push(p);
  }
  return out;
}

const io = processIo();
const oracle = findOracle(io.env);
if (oracle.kind !== 'native') console.error('record-differential: no native CPython 3.12 found; using Pyodide');
const manifest = ['path\texit_code'];
let stale = 0;
for (const file of programs(dir)) {
  const r = await runOracle(oracle, file, [], { ...io, cwd: dirname(file) });
  const rel = relative(dir, file);
  const outFile = file.endsWith('/main.py') ? join(dirname(file), 'main.out') : file.replace(/\.py$/, '.out');
  manifest.push(`${rel}\t${r.status}`);
  const old = existsSync(outFile) ? readFileSync(outFile, 'utf8') : undefined;
  if (old !== r.stdout) {
    stale++;
    if (check) console.log(`stale: ${rel}`);
    else writeFileSync(outFile, r.stdout);
  }
}
const manifestText = manifest.join('\n') + '\n';
const manifestPath = join(dir, 'MANIFEST.tsv');
if ((existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : '') !== manifestText) {
  stale++;
  if (check) console.log('stale: MANIFEST.tsv');
  else writeFileSync(manifestPath, manifestText);
}
console.log(`${manifest.length - 1} programs, ${stale} ${check ? 'stale' : 'updated'}`);
process.exitCode = check && stale > 0 ? 1 : 0;
