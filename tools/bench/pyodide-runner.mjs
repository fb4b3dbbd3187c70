#!/usr/bin/env node
// pyodide-runner.mjs — runs a Python program under Pyodide (CPython 3.12 in
// wasm) for the benchmark harness; reports the program's own time (without
// loading Pyodide) as MOLT_BENCH_MS on stderr.
import { readFileSync } from 'node:fs';
import { loadPyodide } from 'pyodide';

const [file, ...args] = process.argv.slice(2);
const py = await loadPyodide();
py.setStdout({ write: (b) => (process.stdout.write(b), b.length) });
py.globals.set('_argv', [file, ...args]);
py.globals.set('_src', readFileSync(file, 'utf8'));
const t0 = performance.now();
py.runPython(`
import sys
sys.argv = list(_argv)
_g = {'__name__': '__main__', '__file__': _argv[0]}
exec(compile(_src, _argv[0], 'exec'), _g)
sys.stdout.flush()
`);
process.stderr.write(`MOLT_BENCH_MS=${(performance.now() - t0).toFixed(3)}\n`);
