#!/usr/bin/env node
// wasm-runner.mjs — runs a Molt .wasm under Node's WASI for the benchmark
// harness and reports the program's own time (compile + run, without Node's
// start-up) as MOLT_BENCH_MS on stderr.
import { runWasi } from '@molt/lower-wasm';

const [file, ...args] = process.argv.slice(2);
const t0 = performance.now();
const r = await runWasi(file, { args: [file, ...args], cwd: process.cwd(), env: process.env });
process.stderr.write(`MOLT_BENCH_MS=${(performance.now() - t0).toFixed(3)}\n`);
process.exitCode = r.exitCode;
