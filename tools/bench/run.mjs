#!/usr/bin/env node
// run.mjs — the benchmark harness (`npm run bench`). Builds every program of
// ../shared/bench/python with Molt (native and wasm, release profile), runs
// each competitor alternately (A B C … A B C …) and reports median-time
// ratios measured in this one session: Molt/CPython 3.12, Molt/PyPy,
// Molt/C, wasm/Pyodide, wasm/native; plus binary sizes and build times.
// Every run's stdout must equal CPython's, else it counts as a failure.
//
//   node tools/bench/run.mjs [--rounds N] [--only a,b] [--smoke] [--check]
//        [--no-wasm] [--no-pyodide] [--no-pypy] [--no-hello] [--out DIR] [--update-baseline]
//   node tools/bench/run.mjs --pgo [--only a,b] [--rounds N] [--train-size N]
//
// --smoke: small sizes, one round, correctness only (CI).
// --check: fail when a Molt/CPython ratio is more than 15% worse than
//          tools/bench/baseline.json (ratios, not times: holds on a noisy machine).
// --pgo: the profile-guided loop (specs/runtime-feedback.md) on native, by
//        default for richards, float_ops and raytrace_small: build with
//        --instrument, run once (the smoke size unless --train-size) with
//        MOLT_RUNTIME_FEEDBACK=1, rebuild with --feedback, check both builds
//        print the same, then time plain release and PGO release alternately;
//        reports plain/PGO median ratios (> 1: the profile helps) in
//        DIR/pgo.json and DIR/pgo.md.
// Hello world (unless --no-hello): `print("hello, world")` built in the release
// profile for both targets; reports its sizes, build times and start-to-exit
// times against the targets of tools/bench/hello-limits.json, and fails when a
// size exceeds that file's ceilings (sizes are deterministic; times are only
// reported).
// Results: DIR/results.json, DIR/results.md, DIR/results.svg (DIR default bench-results/).

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = process.env.MOLT_BENCH_DIR ?? join(root, '..', 'shared', 'bench');
const args = process.argv.slice(2);
const has = (f) => args.includes(`--${f}`);
const opt = (n, d) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const smoke = has('smoke');
const rounds = Number(opt('rounds', smoke ? '1' : '5'));
const outDir = resolve(opt('out', join(root, 'bench-results')));
const only = opt('only', '')?.split(',').filter(Boolean) ?? [];
const molt = join(root, 'packages', 'cli', 'bin', 'molt.js');

/** Small sizes for --smoke (correctness only). */
const SMOKE = { nbody: '1000', spectral_norm: '50', fannkuch_redux: '6', mandelbrot: '64', binary_trees: '6', fasta: '1000', richards: '2', nqueens: '6', fib: '18', float_ops: '2000', pidigits: '200', word_freq: '2000', json_like: '20', generators_pipeline: '500', sieve: '10000', matmul: '20', raytrace_small: '20', startup: '' };

function findCpython() {
  const pyenv = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  for (const v of ['3.12.1']) {
    const p = join(pyenv, 'versions', v, 'bin', 'python3');
    if (existsSync(p)) return p;
  }
  return undefined;
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function progress(msg) {
  if (process.stderr.isTTY) process.stderr.write(`\r${msg}`.padEnd(110).slice(0, 110));
  else if (process.env.MOLT_BENCH_VERBOSE) process.stderr.write(msg + '\n');
}

/** A run that takes longer than this is killed and counted as a failure (smoke: 3 minutes). */
const RUN_LIMIT_MS = Number(process.env.MOLT_BENCH_RUN_LIMIT_MS ?? (smoke ? 120000 : 1800000));

function timeRun(cmd, argv, cwd) {
  return new Promise((res) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('exit', () => clearTimeout(timer));
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (e) => res({ ok: false, ms: NaN, stdout: '', stderr: String(e) }));
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const stderr = Buffer.concat(err).toString('utf8');
      // Runners that exclude their own start-up report the program's time.
      const m = /MOLT_BENCH_MS=([0-9.]+)/.exec(stderr);
      res({ ok: code === 0, ms: m ? Number(m[1]) : ms, stdout: Buffer.concat(out).toString('utf8'), stderr, code });
    });
  });
}

function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function geomean(xs) {
  const v = xs.filter((x) => Number.isFinite(x) && x > 0);
  return v.length === 0 ? NaN : Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length);
}

/** --pgo: plain release vs profile-guided release, timed alternately in this one run. */
async function pgoMain() {
  const names = only.length > 0 ? only : ['richards', 'float_ops', 'raytrace_small'];
  const work = mkdtempSync(join(tmpdir(), 'molt-bench-pgo-'));
  const rows = [];
  const build = (extra, out, src) => {
    const r = spawnSync(process.execPath, [molt, 'build', '--profile', 'release', ...extra, '-o', out, src], { encoding: 'utf8', cwd: work });
    if (r.status !== 0) throw new Error(`molt build ${extra.join(' ')} ${src} failed: ${r.stderr}`);
  };
  for (const name of names) {
    const src = join(benchDir, 'python', `${name}.py`);
    const train = opt('train-size', SMOKE[name] ?? '');
    progress(`${name}: instrumented build and training run…`);
    const plain = join(work, `${name}.plain`);
    const inst = join(work, `${name}.inst`);
    const pgo = join(work, `${name}.pgo`);
    const profile = join(work, `${name}.profile.json`);
    build([], plain, src);
    build(['--instrument'], inst, src);
    const t = spawnSync(inst, train === '' ? [] : [train], { cwd: work, encoding: 'utf8', env: { ...process.env, MOLT_RUNTIME_FEEDBACK: '1', MOLT_RUNTIME_FEEDBACK_FILE: profile } });
    if (t.status !== 0 || !existsSync(profile)) throw new Error(`${name}: the training run failed: ${t.stderr}`);
    progress(`${name}: profile-guided build…`);
    build(['--feedback', profile], pgo, src);
    const times = { plain: [], pgo: [] };
    let expected;
    const failures = [];
    for (let round = 0; round < rounds; round++) {
      for (const [which, exe] of [['plain', plain], ['pgo', pgo]]) {
        progress(`${name}: round ${round + 1}/${rounds} ${which}…`);
        const r = await timeRun(exe, [], work);
        expected ??= r.stdout;
        if (!r.ok || r.stdout !== expected) failures.push(`${which} round ${round + 1}: ${r.ok ? 'output differs' : `exit ${r.code}`}`);
        times[which].push(r.ms);
      }
    }
    const row = { name, trainSize: train || 'default', plainMs: median(times.plain), pgoMs: median(times.pgo), times, failures };
    row.speedup = row.plainMs / row.pgoMs;
    rows.push(row);
    progress('');
    console.log(`${name.padEnd(16)} plain ${row.plainMs.toFixed(0).padStart(7)} ms   pgo ${row.pgoMs.toFixed(0).padStart(7)} ms   plain/pgo ${row.speedup.toFixed(3)}x${failures.length > 0 ? `   FAILURES: ${failures.join('; ')}` : ''}`);
  }
  const gm = geomean(rows.map((r) => r.speedup));
  console.log(`geomean plain/pgo ${gm.toFixed(3)}x (${rounds} alternating rounds, medians)`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'pgo.json'), JSON.stringify({ date: new Date().toISOString(), rounds, geomean: gm, rows }, null, 2) + '\n');
  const md = ['| program | training size | plain release (ms) | PGO release (ms) | plain/PGO |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.name} | ${r.trainSize} | ${r.plainMs.toFixed(0)} | ${r.pgoMs.toFixed(0)} | ${r.speedup.toFixed(3)}x |`), `| geomean | | | | ${gm.toFixed(3)}x |`];
  writeFileSync(join(outDir, 'pgo.md'), md.join('\n') + '\n');
  process.exitCode = rows.some((r) => r.failures.length > 0) ? 1 : 0;
}

async function main() {
  if (has('pgo')) return pgoMain();
  const cpython = findCpython();
  if (!cpython) {
    console.error('bench: CPython 3.12.1 (pyenv) not found; it is the reference. Install it or set PYENV_ROOT.');
    process.exit(2);
  }
  let pypy = has('no-pypy') || smoke ? undefined : which('pypy3');
  if (!pypy && !has('no-pypy') && !smoke && process.getuid?.() === 0) {
    progress('installing pypy3 (apt)…');
    spawnSync('sh', ['-c', 'apt-get install -y pypy3 >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y pypy3 >/dev/null 2>&1)']);
    pypy = which('pypy3');
  }
  const withWasm = !has('no-wasm');
  const withPyodide = withWasm && !has('no-pyodide') && !smoke;
  const work = mkdtempSync(join(tmpdir(), 'molt-bench-'));
  const programs = readdirSync(join(benchDir, 'python')).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3)).filter((n) => only.length === 0 || only.includes(n)).sort();
  const results = [];
  for (const name of programs) {
    const src = join(benchDir, 'python', `${name}.py`);
    const size = smoke ? SMOKE[name] ?? '' : '';
    const sizeArgs = size === '' ? [] : [size];
    const entry = { name, size: size || 'default', competitors: {}, build: {}, sizes: {}, failures: [] };
    const comps = [];
    const cpy = { name: 'cpython', cmd: cpython, argv: [src, ...sizeArgs] };
    comps.push(cpy);
    // Molt native
    progress(`${name}: building native…`);
    const exe = join(work, name);
    let t0 = Date.now();
    const bn = spawnSync(process.execPath, [molt, 'build', '--profile', 'release', '-o', exe, src], { encoding: 'utf8' });
    entry.build.native = Date.now() - t0;
    if (bn.status === 0) {
      entry.sizes.native = statSync(exe).size;
      comps.push({ name: 'molt', cmd: exe, argv: sizeArgs });
    } else entry.failures.push(`native build: ${(bn.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
    if (withWasm) {
      progress(`${name}: building wasm…`);
      const wasm = join(work, `${name}.wasm`);
      t0 = Date.now();
      // Smoke runs check correctness only: the wasm build skips wasm-opt (dev) to keep CI short.
      const bw = spawnSync(process.execPath, [molt, 'build', '--target', 'wasm', '--profile', smoke ? 'dev' : 'release', '-o', wasm, src], { encoding: 'utf8' });
      entry.build.wasm = Date.now() - t0;
      if (bw.status === 0) {
        entry.sizes.wasm = statSync(wasm).size;
        comps.push({ name: 'molt-wasm', cmd: process.execPath, argv: [join(root, 'tools', 'bench', 'wasm-runner.mjs'), wasm, ...sizeArgs] });
      } else entry.failures.push(`wasm build: ${(bw.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
    }
    if (pypy) comps.push({ name: 'pypy', cmd: pypy, argv: [src, ...sizeArgs] });
    const csrc = join(benchDir, 'c', `${name}.c`);
    if (existsSync(csrc)) {
      const cexe = join(work, `${name}-c`);
      const cc = spawnSync('cc', ['-std=c11', '-O2', '-ffp-contract=off', '-o', cexe, csrc, '-lm'], { encoding: 'utf8' });
      if (cc.status === 0) comps.push({ name: 'c', cmd: cexe, argv: sizeArgs });
    }
    if (withPyodide) comps.push({ name: 'pyodide', cmd: process.execPath, argv: [join(root, 'tools', 'bench', 'pyodide-runner.mjs'), src, ...sizeArgs] });
    const times = Object.fromEntries(comps.map((c) => [c.name, []]));
    let expected;
    for (let r = 0; r < rounds; r++) {
      for (const c of comps) {
        progress(`${name}: round ${r + 1}/${rounds} ${c.name}`);
        const res = await timeRun(c.cmd, c.argv, dirname(src));
        if (c.name === 'cpython' && expected === undefined) expected = res.stdout;
        if (!res.ok || res.stdout !== expected) {
          if (!entry.failures.some((f) => f.startsWith(c.name + ':'))) entry.failures.push(`${c.name}: ${res.ok ? 'output differs from CPython' : `exit ${res.code}: ${res.stderr.trim().split('\n').slice(-1)[0] ?? ''}`}`);
          times[c.name].push(NaN);
        } else times[c.name].push(res.ms);
      }
    }
    for (const c of comps) entry.competitors[c.name] = { median: median(times[c.name]), runs: times[c.name] };
    const med = (n) => entry.competitors[n]?.median ?? NaN;
    entry.ratios = {
      speedupVsCpython: med('cpython') / med('molt'),
      moltOverPypy: med('molt') / med('pypy'),
      moltOverC: med('molt') / med('c'),
      wasmSpeedupVsPyodide: med('pyodide') / med('molt-wasm'),
      wasmOverNative: med('molt-wasm') / med('molt'),
    };
    results.push(entry);
  }
  const hello = has('no-hello') ? undefined : await helloReport(work, withWasm);
  progress('');
  if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(111) + '\r');
  const summary = {
    geomeanSpeedupVsCpython: geomean(results.map((r) => r.ratios.speedupVsCpython)),
    geomeanWasmSpeedupVsPyodide: geomean(results.map((r) => r.ratios.wasmSpeedupVsPyodide)),
    medianWasmOverNative: median(results.map((r) => r.ratios.wasmOverNative)),
    maxBuildMs: { native: Math.max(...results.map((r) => r.build.native ?? NaN).filter(Number.isFinite)), wasm: Math.max(...results.map((r) => r.build.wasm ?? NaN).filter(Number.isFinite)) },
  };
  mkdirSync(outDir, { recursive: true });
  const report = { date: new Date().toISOString(), rounds, smoke, profile: 'release', cpython, pypy: pypy ?? null, results, summary, hello: hello ?? null };
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(report, null, 2));
  const md = toMarkdown(report);
  writeFileSync(join(outDir, 'results.md'), md);
  writeFileSync(join(outDir, 'results.svg'), toSvg(results));
  console.log(md);
  // Benchmarks known not to work yet (with the reason) do not fail the run; they are still reported.
  const knownFile = join(root, 'tools', 'bench', 'known-failures.json');
  const known = existsSync(knownFile) ? JSON.parse(readFileSync(knownFile, 'utf8')).failures : {};
  // An entry is a reason (every target) or { native?: reason, wasm?: reason }.
  const knownReason = (name, f) => {
    const k = known[name];
    if (typeof k === 'string') return k;
    if (k?.wasm && /^(molt-wasm|wasm build)/.test(f)) return k.wasm;
    if (k?.native && /^(molt|native build)\b/.test(f) && !/^molt-wasm/.test(f)) return k.native;
    return undefined;
  };
  for (const r of results) for (const f of r.failures) if (knownReason(r.name, f)) console.log(`known failure ${r.name}: ${f} (${knownReason(r.name, f)})`);
  const failures = results.flatMap((r) => r.failures.filter((f) => !knownReason(r.name, f)).map((f) => `${r.name}: ${f}`));
  let regressions = [];
  const baselineFile = join(root, 'tools', 'bench', 'baseline.json');
  if (has('check') && existsSync(baselineFile)) {
    const base = JSON.parse(readFileSync(baselineFile, 'utf8'));
    for (const r of results) {
      const b = base.speedupVsCpython?.[r.name];
      const now = r.ratios.speedupVsCpython;
      if (b !== undefined && Number.isFinite(now) && now < b / 1.15) regressions.push(`${r.name}: speedup vs CPython ${now.toFixed(2)}x, baseline ${b.toFixed(2)}x (more than 15% worse)`);
    }
  }
  if (has('update-baseline')) {
    writeFileSync(baselineFile, JSON.stringify({ note: 'Molt native speedup over CPython 3.12 (median ratio, release profile) per benchmark; `npm run bench -- --check` fails when one is >15% worse.', date: report.date, speedupVsCpython: Object.fromEntries(results.filter((r) => Number.isFinite(r.ratios.speedupVsCpython)).map((r) => [r.name, Number(r.ratios.speedupVsCpython.toFixed(3))])) }, null, 2) + '\n');
  }
  if (hello) failures.push(...hello.failures.map((f) => `hello: ${f}`));
  for (const f of failures) console.log(`FAIL ${f}`);
  for (const g of regressions) console.log(`REGRESSION ${g}`);
  const failed = new Set(failures.map((f) => f.split(':')[0])).size;
  const checked = results.length + (hello ? 1 : 0);
  console.log(`${checked - failed} passed, ${failed + regressions.length} failed`);
  process.exitCode = failures.length > 0 || regressions.length > 0 ? 1 : 0;
}

/** Median and minimum of `n` timed runs of `cmd` (ms, from spawn to exit, stdio ignored). */
function spawnTimes(cmd, argv, n) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(cmd, argv, { stdio: 'ignore' });
    xs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { median: median(xs), min: Math.min(...xs) };
}

/**
 * Hello world in the release profile: sizes, build times (the wasm one twice:
 * the first may include optimising a changed runtime once, see
 * specs/runtime-abi.md), the native executable's start-to-exit time next to
 * /bin/true's (the cost of a spawn from node on this machine), and the time of
 * `molt run` of the built .wasm. Sizes above the ceilings of hello-limits.json fail.
 */
async function helloReport(work, withWasm) {
  const limits = JSON.parse(readFileSync(join(root, 'tools', 'bench', 'hello-limits.json'), 'utf8'));
  const src = join(work, 'hello.py');
  writeFileSync(src, 'print("hello, world")\n');
  const out = { sizes: {}, buildMs: {}, startMs: {}, targets: limits.targets, ceilings: limits.ceilings, failures: [] };
  const build = (target, file) => {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [molt, 'build', '--profile', 'release', '--target', target, '-o', file, src], { encoding: 'utf8' });
    if (r.status !== 0) out.failures.push(`${target} build: ${(r.stderr || '').trim().split('\n').slice(-1)[0] ?? ''}`);
    return r.status === 0 ? Date.now() - t0 : NaN;
  };
  progress('hello: building native…');
  const exe = join(work, 'hello');
  out.buildMs.native = median([build('native', exe), build('native', exe), build('native', exe)]);
  if (existsSync(exe)) {
    out.sizes.native = statSync(exe).size;
    const run = spawnSync(exe, [], { encoding: 'utf8' });
    if (run.stdout !== 'hello, world\n') out.failures.push(`native output: ${JSON.stringify(run.stdout)}`);
    progress('hello: timing start-to-exit…');
    out.startMs.native = spawnTimes(exe, [], 31);
    out.startMs.spawnFloor = spawnTimes('/bin/true', [], 31);
  }
  if (withWasm) {
    progress('hello: building wasm…');
    const wasm = join(work, 'hello.wasm');
    out.buildMs.wasmFirst = build('wasm', wasm);
    out.buildMs.wasm = build('wasm', wasm);
    if (existsSync(wasm)) {
      out.sizes.wasm = statSync(wasm).size;
      out.startMs.wasmMoltRun = spawnTimes(process.execPath, [molt, 'run', wasm], 11);
    }
  }
  for (const t of ['native', 'wasm']) {
    const size = out.sizes[t];
    const ceiling = limits.ceilings[`${t}Bytes`];
    if (size !== undefined && ceiling !== undefined && size > ceiling) out.failures.push(`${t} hello world is ${size} bytes, above its ceiling of ${ceiling} (tools/bench/hello-limits.json)`);
  }
  return out;
}

function helloMarkdown(h) {
  if (!h) return [];
  const t = h.targets;
  const mark = (v, target) => (Number.isFinite(v) && target !== undefined ? (v <= target ? ' (target met)' : ' (target missed)') : '');
  const ms = (x) => (x === undefined ? '–' : `median ${fmt(x.median, 1)} ms, min ${fmt(x.min, 1)} ms`);
  return [
    '## Hello world (`print("hello, world")`, release profile)',
    '',
    '| measure | value | target |',
    '|---|---|---|',
    `| native executable size | ${h.sizes.native ?? '–'} bytes${mark(h.sizes.native, t.nativeBytes)} | ≤ ${t.nativeBytes} |`,
    `| wasm module size | ${h.sizes.wasm ?? '–'} bytes${mark(h.sizes.wasm, t.wasmBytes)} | ≤ ${t.wasmBytes} |`,
    `| native start-to-exit | ${ms(h.startMs.native)}${mark(h.startMs.native?.median, t.nativeStartMs)} (spawning /bin/true: ${ms(h.startMs.spawnFloor)}) | ≤ ${t.nativeStartMs} ms |`,
    `| \`molt run hello.wasm\` | ${ms(h.startMs.wasmMoltRun)} | – |`,
    `| \`molt build\` native | ${fmt(h.buildMs.native, 0)} ms${mark(h.buildMs.native, t.nativeBuildMs)} | ≤ ${t.nativeBuildMs} ms |`,
    `| \`molt build --target wasm\` | ${fmt(h.buildMs.wasm, 0)} ms (first: ${fmt(h.buildMs.wasmFirst, 0)} ms) | – |`,
    '',
  ];
}

const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const kb = (b) => (b === undefined ? '–' : `${(b / 1024).toFixed(0)} KB`);

function toMarkdown(rep) {
  const rows = rep.results.map((r) => {
    const c = r.competitors;
    return `| ${r.name} | ${fmt(c.cpython?.median, 0)} | ${fmt(c.molt?.median, 0)} | ${fmt(r.ratios.speedupVsCpython)}x | ${fmt(r.ratios.moltOverPypy)} | ${fmt(r.ratios.moltOverC)} | ${fmt(c['molt-wasm']?.median, 0)} | ${fmt(r.ratios.wasmSpeedupVsPyodide)}x | ${fmt(r.ratios.wasmOverNative)} | ${kb(r.sizes.native)} | ${kb(r.sizes.wasm)} | ${r.build.native ?? '–'} / ${r.build.wasm ?? '–'} | ${r.failures.length ? 'FAIL' : 'ok'} |`;
  });
  return [
    `# Molt benchmarks (${rep.smoke ? 'smoke sizes' : 'default sizes'}, ${rep.rounds} alternating rounds, release profile, ${rep.date})`,
    '',
    'Times are medians in ms (one session, same machine); ratios are median/median.',
    '',
    '| program | CPython ms | Molt ms | speed-up vs CPython | Molt/PyPy | Molt/C | wasm ms | wasm speed-up vs Pyodide | wasm/native | native size | wasm size | build ms (native / wasm) | output |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Geometric-mean speed-up vs CPython: ${fmt(rep.summary.geomeanSpeedupVsCpython)}x; wasm vs Pyodide: ${fmt(rep.summary.geomeanWasmSpeedupVsPyodide)}x; median wasm/native: ${fmt(rep.summary.medianWasmOverNative)}.`,
    `Slowest build: native ${fmt(rep.summary.maxBuildMs.native, 0)} ms, wasm ${fmt(rep.summary.maxBuildMs.wasm, 0)} ms${rep.hello ? ` (native target ≤ ${rep.hello.targets.benchmarkNativeBuildMs} ms)` : ''}.`,
    '',
    ...helloMarkdown(rep.hello),
  ].join('\n');
}

function toSvg(results) {
  const w = 900;
  const rowH = 22;
  const h = 40 + results.length * rowH;
  const max = Math.max(1, ...results.map((r) => r.ratios.speedupVsCpython).filter(Number.isFinite));
  const scale = (x) => (Math.log10(Math.max(x, 0.01)) / Math.log10(Math.max(max, 10))) * (w - 260);
  const bars = results.map((r, i) => {
    const y = 30 + i * rowH;
    const v = r.ratios.speedupVsCpython;
    const bw = Number.isFinite(v) && v > 1 ? scale(v) : 2;
    return `<text x="10" y="${y + 14}" font-size="12">${r.name}</text><rect x="160" y="${y + 3}" width="${bw.toFixed(1)}" height="14" fill="${r.failures.length ? '#c33' : '#3a7'}"/><text x="${(165 + bw).toFixed(1)}" y="${y + 14}" font-size="11">${fmt(v)}x</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif"><text x="10" y="18" font-size="14">Molt native speed-up over CPython 3.12 (log scale)</text>${bars.join('')}</svg>\n`;
}

await main();
