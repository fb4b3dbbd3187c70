#!/usr/bin/env node
// conformance.mjs — runs the conformance corpus (../shared/conformance, or
// MOLT_CONFORMANCE_DIR) and the project's own differential tests
// (tests/differential) through `molt run` on one target, compares stdout
// and exit status with the recorded CPython 3.12 results, prints counts per
// folder and each failure with its first differing line.
//
//   node tools/conformance.mjs --target native|wasm [--profile dev|release]
//        [--gate] [--filter SUBSTR] [--jobs N] [--json FILE] [--feedback-mode wrong]
//
// --feedback-mode wrong: each program is built instrumented AND specialised
// with a deliberately wrong runtime profile (@molt/runtime-feedback's
// `wrongProfile`: made-up types, call targets and branch directions for every
// site), run with MOLT_RUNTIME_FEEDBACK=1, and passes only when its output is
// CPython's and the profile it wrote validates against the program's sites
// (specs/runtime-feedback.md §6: a wrong profile costs speed, never semantics).
//
// --gate: exit non-zero when a program listed in tools/conformance/must-pass-<target>.txt
// fails (the must-pass list only grows; see specs/must-pass-matrix.md).
// Without --gate: exit non-zero when any program fails.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const target = opt('target', 'native');
const profile = opt('profile', 'dev');
const gate = args.includes('--gate');
const filter = opt('filter', '');
const jobs = Number(opt('jobs', String(Math.max(1, Math.min(2, cpus().length)))));
const jsonOut = opt('json', undefined);
const timeoutMs = Number(process.env.MOLT_CONFORMANCE_TIMEOUT_MS ?? 120000);
const feedbackMode = opt('feedback-mode', undefined);
if (feedbackMode !== undefined && feedbackMode !== 'wrong') {
  console.error(`conformance: unknown --feedback-mode '${feedbackMode}' (only 'wrong')`);
  process.exit(2);
}

/** Every corpus: [label, dir]; each dir has MANIFEST.tsv (path, exit_code) and X.out beside X.py. */
function corpora() {
  const list = [];
  const shared = process.env.MOLT_CONFORMANCE_DIR ?? join(root, '..', 'shared', 'conformance');
  if (existsSync(join(shared, 'MANIFEST.tsv'))) list.push(['conformance', shared]);
  const own = join(root, 'tests', 'differential');
  if (existsSync(join(own, 'MANIFEST.tsv'))) list.push(['differential', own]);
  return list;
}

function readManifest(label, dir) {
  const lines = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '');
  return lines.map((l) => {
    const [path, code] = l.split('\t');
    const file = join(dir, path);
    const out = path.endsWith('/main.py') ? join(dir, dirname(path), 'main.out') : file.replace(/\.py$/, '.out');
    return { id: `${label}/${path}`, folder: `${label}/${path.split('/')[0]}`, file, expectedOut: out, expectedStatus: Number(code) };
  });
}

function run(cmd, argv, cwd, env = {}) {
  return new Promise((res) => {
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONIOENCODING: 'utf-8', ...env } });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      res({ status: code ?? (sig === 'SIGKILL' ? 'timeout' : `signal ${sig}`), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function firstDifference(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: expected ${JSON.stringify(a[i] ?? '<end of output>')}, got ${JSON.stringify(b[i] ?? '<end of output>')}`;
  }
  return 'identical';
}

/**
 * --feedback-mode wrong: write a wrong profile for the program; returns the
 * extra `molt run` arguments, the environment and a check of the profile the
 * run writes (undefined when the frontend rejects the program: it then runs
 * as usual and fails or passes on its own).
 */
async function wrongFeedback(file, scratch, n) {
  const [fe, ir, fb, cli] = await Promise.all([import('@molt/frontend'), import('@molt/ir'), import('@molt/runtime-feedback'), import('@molt/cli')]);
  const r = fe.compileProgram(file);
  if (r.program === undefined || r.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const sources = new Map(r.program.modules.map((m) => [m.name, readFileSync(m.file, 'utf8')]));
  const identity = fb.programIdentity(r.program, sources, cli.MOLT_VERSION);
  const wrong = join(scratch, `${n}.wrong.json`);
  const written = join(scratch, `${n}.profile.json`);
  const ds = fb.writeFeedbackFile(wrong, fb.wrongProfile(r.program, identity));
  if (ds.length > 0) throw new Error(ds[0].message);
  const sites = ir.programSites(r.program);
  return {
    args: ['--instrument', '--feedback', wrong],
    env: { MOLT_RUNTIME_FEEDBACK: '1', MOLT_RUNTIME_FEEDBACK_FILE: written },
    check: () => {
      if (!existsSync(written)) return 'the instrumented program wrote no runtime profile';
      const v = fb.readFeedbackFile(written, { sites });
      const bad = v.diagnostics.find((d) => d.severity === 'error');
      return bad === undefined ? undefined : `the runtime profile it wrote is invalid: ${bad.code} ${bad.message}`;
    },
  };
}

async function main() {
  const molt = join(root, 'packages', 'cli', 'bin', 'molt.js');
  const scratch = feedbackMode === undefined ? undefined : mkdtempSync(join(tmpdir(), 'molt-conformance-feedback-'));
  let cases = corpora().flatMap(([label, dir]) => readManifest(label, dir));
  if (filter) cases = cases.filter((c) => c.id.includes(filter));
  const results = [];
  const flaky = [];
  let next = 0;
  let done = 0;
  const tty = process.stderr.isTTY;
  async function worker() {
    while (next < cases.length) {
      const c = cases[next++];
      const t0 = Date.now();
      const expected = readFileSync(c.expectedOut, 'utf8');
      const fbk = scratch === undefined ? undefined : await wrongFeedback(c.file, scratch, c.id.replace(/[^A-Za-z0-9]/g, '_'));
      const runArgs = [molt, 'run', '--target', target, '--profile', profile, ...(fbk?.args ?? []), c.file];
      let r = await run(process.execPath, runArgs, dirname(c.file), fbk?.env);
      // A crash of the host process by a signal (seen under Node's WASI on a loaded machine) is retried
      // once and reported as flaky, so it is visible without failing the gate on its own.
      if (typeof r.status === 'string' && r.status.startsWith('signal') && r.stdout !== expected) {
        const again = await run(process.execPath, runArgs, dirname(c.file), fbk?.env);
        flaky.push(`${c.id}: ${r.status} on the first run${again.stdout === expected && again.status === c.expectedStatus ? ', passed on retry' : ', failed again'}`);
        r = again;
      }
      const profileProblem = r.stdout === expected && r.status === c.expectedStatus ? fbk?.check() : undefined;
      const ok = r.stdout === expected && r.status === c.expectedStatus && profileProblem === undefined;
      let why = profileProblem ?? '';
      if (!ok && profileProblem === undefined) {
        why = r.stdout !== expected ? firstDifference(expected, r.stdout) : `exit status ${r.status}, expected ${c.expectedStatus}`;
        const errLine = r.stderr.trim().split('\n').filter((l) => l.trim() !== '').slice(-1)[0];
        if (errLine) why += ` | stderr: ${errLine.slice(0, 200)}`;
      }
      results.push({ ...c, ok, why, ms: Date.now() - t0 });
      done++;
      if (tty) process.stderr.write(`\r[${done}/${cases.length}] ${c.id}`.padEnd(100).slice(0, 100));
    }
  }
  await Promise.all(Array.from({ length: jobs }, worker));
  if (tty) process.stderr.write('\r'.padEnd(101) + '\r');
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  results.sort((a, b) => a.id.localeCompare(b.id));
  const folders = new Map();
  for (const r of results) {
    const f = folders.get(r.folder) ?? { pass: 0, total: 0 };
    f.total++;
    if (r.ok) f.pass++;
    folders.set(r.folder, f);
  }
  console.log(`conformance on ${target} (${profile}${feedbackMode === undefined ? '' : `, instrumented, with a ${feedbackMode} profile`}):`);
  for (const [f, c] of [...folders].sort()) console.log(`  ${f.padEnd(28)} ${String(c.pass).padStart(4)} / ${c.total}`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`  ${'total'.padEnd(28)} ${String(passed).padStart(4)} / ${results.length}`);
  const failures = results.filter((r) => !r.ok);
  for (const f of flaky) console.log(`  flaky: ${f}`);
  const mustPassFile = join(root, 'tools', 'conformance', `must-pass-${target}.txt`);
  const mustPass = existsSync(mustPassFile) ? readFileSync(mustPassFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')) : [];
  const byId = new Map(results.map((r) => [r.id, r]));
  const regressions = gate ? mustPass.filter((id) => !byId.get(id)?.ok) : [];
  if (failures.length > 0) {
    console.log(`failures (${failures.length}):`);
    for (const r of failures) console.log(`  ${mustPass.includes(r.id) ? 'REGRESSION ' : ''}${r.id}: ${r.why}`);
  }
  if (gate) {
    const missing = mustPass.filter((id) => !byId.has(id) && !filter);
    for (const id of missing) console.log(`  must-pass program not found: ${id}`);
    const newly = results.filter((r) => r.ok && !mustPass.includes(r.id)).map((r) => r.id);
    if (newly.length > 0) console.log(`passing but not yet in ${mustPassFile.slice(root.length + 1)}: ${newly.length} (add them with --update-must-pass)`);
    if (args.includes('--update-must-pass')) writeFileSync(mustPassFile, ['# Programs that must pass on ' + target + ' (CI gate). Generated by tools/conformance.mjs --update-must-pass; only grows.', ...[...new Set([...mustPass, ...newly])].sort()].join('\n') + '\n');
    console.log(`must-pass gate: ${mustPass.length - regressions.length} passed, ${regressions.length} failed`);
  } else {
    console.log(`${passed} passed, ${failures.length} failed`);
  }
  if (jsonOut) {
    mkdirSync(dirname(resolve(jsonOut)), { recursive: true });
    writeFileSync(jsonOut, JSON.stringify({ target, profile, ...(feedbackMode === undefined ? {} : { feedbackMode }), results }, null, 2));
  }
  process.exitCode = gate ? (regressions.length > 0 || (mustPass.length > 0 && results.length === 0) ? 1 : 0) : failures.length > 0 ? 1 : 0;
}

await main();
