#!/usr/bin/env node
// cli-startup.mjs — how long a second `molt run` of an unchanged program
// takes to start the program (and finish it: hello world exits at once),
// i.e. the build cache's fast path. Prints the median of N runs.
//
//   node tools/bench/cli-startup.mjs [--runs N] [--target native|wasm] [FILE.py]

import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const runs = Number(opt('runs', '20'));
const target = opt('target', 'native');
const file = args.find((a) => a.endsWith('.py')) ?? join(root, 'examples', 'hello.py');
const molt = join(root, 'packages', 'cli', 'bin', 'molt.js');
const run = () => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [molt, 'run', '--target', target, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`molt run failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
run(); // fill the cache
const times = Array.from({ length: runs }, run).sort((a, b) => a - b);
const median = times[times.length >> 1];
console.log(`cached 'molt run' of ${file.slice(root.length + 1)} (${target}): median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)} ms over ${runs} runs`);
