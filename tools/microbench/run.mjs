#!/usr/bin/env node
// run.mjs — micro-benchmarks of the runtime's core operations (dict
// insert/lookup, list append/index, str concat/split/join/format, int and
// float arithmetic, bigint multiply) against CPython 3.12 on this machine.
// Builds each tools/microbench/*.py with `molt build --profile release`,
// runs the compiled program and `PYENV_VERSION=3.12.1 python3` alternately
// (A B A B ...) --rounds times (default 3), checks that stdout is identical,
// and prints one table of median wall times and Molt/CPython ratios
// (< 1 = Molt faster). Ratios come from one session, so they hold on a
// loaded machine better than absolute times do. One program per operation,
// so a slow operation has its own row. --check exits 1 when any Molt/CPython
// ratio is above 1 (the runtime issue's bar: not slower on any of them).
//
//   node tools/microbench/run.mjs [--rounds N] [--only a,b] [--check]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const molt = join(root, 'packages', 'cli', 'bin', 'molt.js');

function parseArgs(argv) {
  const opts = { rounds: 3, only: null, check: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') opts.rounds = Math.max(1, Number(argv[++i]) || 3);
    else if (argv[i] === '--only') opts.only = new Set(argv[++i].split(','));
    else if (argv[i] === '--check') opts.check = true;
    else {
      process.stderr.write(`usage: node tools/microbench/run.mjs [--rounds N] [--only a,b] [--check]\n`);
      process.exit(2);
    }
  }
  return opts;
}

/** Run a command, returning {ms, stdout, status, stderr}. */
function timed(cmd, args, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const progs = readdirSync(here)
    .filter((f) => f.endsWith('.py'))
    .map((f) => basename(f, '.py'))
    .filter((n) => !opts.only || opts.only.has(n))
    .sort();
  const out = mkdtempSync(join(tmpdir(), 'molt-microbench-'));
  const rows = [];
  let failed = false;
  for (const name of progs) {
    const src = join(here, `${name}.py`);
    const exe = join(out, name);
    const b = spawnSync('node', [molt, 'build', src, '--profile', 'release', '-o', exe], { encoding: 'utf8' });
    if (b.status !== 0) {
      rows.push({ name, error: `build failed: ${(b.stderr || b.stdout).trim().split('\n')[0]}` });
      failed = true;
      continue;
    }
    const molts = [];
    const cpys = [];
    let error = null;
    for (let r = 0; r < opts.rounds && !error; r++) {
      const a = timed(exe, []);
      const c = timed('python3', [src], { PYENV_VERSION: '3.12.1' });
      if (c.status !== 0) error = `CPython failed: ${c.stderr.trim().split('\n').pop()}`;
      else if (a.status !== 0) error = `molt exit ${a.status}: ${a.stderr.trim().split('\n').pop()}`;
      else if (a.stdout !== c.stdout) error = `output differs: molt ${JSON.stringify(a.stdout.slice(0, 60))} vs CPython ${JSON.stringify(c.stdout.slice(0, 60))}`;
      molts.push(a.ms);
      cpys.push(c.ms);
    }
    if (error) failed = true;
    rows.push({ name, molt: median(molts), cpython: median(cpys), error });
  }
  const lines = [
    `| benchmark | molt ms | CPython 3.12 ms | molt/CPython |`,
    `|---|---:|---:|---:|`,
  ];
  for (const r of rows) {
    if (r.error && r.molt === undefined) lines.push(`| ${r.name} | — | — | ${r.error} |`);
    else {
      const ratio = (r.molt / r.cpython).toFixed(2);
      lines.push(`| ${r.name} | ${r.molt.toFixed(0)} | ${r.cpython.toFixed(0)} | ${r.error ? `${ratio} (${r.error})` : ratio} |`);
    }
  }
  const ok = rows.filter((r) => !r.error);
  if (ok.length > 0) {
    const geo = Math.exp(ok.reduce((s, r) => s + Math.log(r.molt / r.cpython), 0) / ok.length);
    lines.push(`| geometric mean (${ok.length} ok) | | | ${geo.toFixed(2)} |`);
  }
  process.stdout.write(`median of ${opts.rounds} alternating rounds (wall time incl. process start)\n${lines.join('\n')}\n`);
  const slower = ok.filter((r) => r.molt > r.cpython);
  if (opts.check && slower.length > 0) {
    process.stderr.write(`slower than CPython: ${slower.map((r) => r.name).join(', ')}\n`);
    failed = true;
  }
  process.exit(failed ? 1 : 0);
}

main();
