#!/usr/bin/env node
// tools/bench-frontend.mjs — throughput of @molt/frontend (parse + scopes +
// lowering) over the conformance corpus and the benchmarks, every file
// compiled N times (default 5). Prints lines per second; not a test.
// Usage: npx tsc -b packages/frontend/tsconfig.json && node tools/bench-frontend.mjs [N]
// Neighbours: packages/frontend/dist (the built package), ../shared/conformance.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'packages', 'frontend', 'dist', 'index.js');
if (!fs.existsSync(dist)) {
  console.error('build first: npx tsc -b packages/frontend/tsconfig.json');
  process.exit(1);
}
const { compileSource, parse } = await import(dist);
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const roots = [process.env.MOLT_CONFORMANCE ?? `${shared}conformance`, process.env.MOLT_BENCH_PY ?? `${shared}bench/python`];
const files = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.py') ? [path.join(dir, e.name)] : [])) : []);
const sources = roots.flatMap(files).sort().map((f) => ({ f, src: fs.readFileSync(f, 'utf8') }));
const reps = Number(process.argv[2] ?? 5);
const lines = sources.reduce((n, s) => n + s.src.split('\n').length, 0);

function run(label, fn) {
  for (const s of sources) fn(s); // warm-up
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) for (const s of sources) fn(s);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cu = process.cpuUsage(c0);
  const cpuSecs = (cu.user + cu.system) / 1e6;
  const lps = Math.round((lines * reps) / secs);
  const cpuLps = Math.round((lines * reps) / cpuSecs);
  console.log(`${label.padEnd(22)} ${sources.length} files, ${lines} lines x ${reps}: ${secs.toFixed(2)} s, ${lps.toLocaleString('en-US')} lines/s (CPU time ${cpuSecs.toFixed(2)} s, ${cpuLps.toLocaleString('en-US')} lines/s)`);
  return lps;
}

run('parse (AST)', (s) => parse(s.src, s.f));
const lps = run('parse + scope + lower', (s) => compileSource(s.src, s.f));
console.log(`target > 100,000 lines/s: ${lps > 100000 ? 'met' : 'NOT met'}`);
