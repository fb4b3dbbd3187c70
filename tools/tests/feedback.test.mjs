// feedback.test.mjs — the profile-guided loop end to end (specs/runtime-feedback.md):
// build tests/feedback/dynamic.py with --instrument, run it with MOLT_RUNTIME_FEEDBACK=1
// on native and wasm, validate both files against the schema and the program's sites,
// merge them with `molt feedback merge`, rebuild with --feedback and check that the IR
// changed as expected (golden: tests/feedback/dynamic.pgo.txt, MOLT_BLESS=1 rewrites it)
// while the output stayed identical.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fe from '@molt/frontend';
import * as ir from '@molt/ir';
import * as fb from '@molt/runtime-feedback';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const molt = join(root, 'packages', 'cli', 'bin', 'molt.js');
const program = join(root, 'tests', 'feedback', 'dynamic.py');
const goldenFile = join(root, 'tests', 'feedback', 'dynamic.pgo.txt');

let dir;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'molt-feedback-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sh(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, MOLT_CACHE_DIR: join(dir, 'cache'), ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function moltOk(...args) {
  const r = sh(process.execPath, [molt, ...args]);
  if (r.status !== 0) throw new Error(`molt ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r;
}

/** Specialised ops per function in `--emit ir` output: `function: op×n ...` (only the ops PGO adds). */
function specialised(moltir) {
  const watched = ['guard.int', 'guard.float', 'guard.code', 'call.direct', 'i64.add', 'i64.sub', 'f64.add', 'f64.mul', 'profile.types'];
  const out = [];
  let fn;
  let counts;
  const flush = () => {
    if (fn !== undefined) out.push(`${fn}: ${watched.filter((o) => counts.has(o)).map((o) => `${o}×${counts.get(o)}`).join(' ') || '-'}`);
  };
  for (const line of moltir.split('\n')) {
    const f = /^function f\d+ "([^"]+)"/.exec(line);
    if (f) {
      flush();
      fn = f[1];
      counts = new Map();
      continue;
    }
    const op = /^\s+(?:v\d+ = )?([a-z0-9_.]+)/.exec(line);
    if (op && counts) counts.set(op[1], (counts.get(op[1]) ?? 0) + 1);
  }
  flush();
  return out.join('\n') + '\n';
}

function validate(file) {
  const p = fe.compileProgram(program).program;
  const r = fb.readFeedbackFile(file, { sites: ir.programSites(p) });
  expect(r.diagnostics).toEqual([]);
  // The JSON Schema itself, independently of the reader.
  const v = fb.validateFeedbackText(readFileSync(file, 'utf8'));
  expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.profile;
}

describe('profile-guided loop on tests/feedback/dynamic.py', () => {
  it('records, validates, merges, rebuilds with the profile and keeps the output', () => {
    moltOk('build', program, '-o', 'plain', '--emit', 'ir');
    const expected = sh(join(dir, 'plain'), []);
    expect(expected.status).toBe(0);
    expect(expected.stdout).toContain('TypeError');

    // Native: the instrumented program behaves the same and writes its profile only when asked.
    moltOk('build', program, '--instrument', '-o', 'inst');
    const quiet = sh(join(dir, 'inst'), []);
    expect(quiet.stdout).toBe(expected.stdout);
    expect(existsSync(join(dir, 'molt_runtime_feedback.json'))).toBe(false);
    const rn = sh(join(dir, 'inst'), [], { MOLT_RUNTIME_FEEDBACK: '1' });
    expect(rn.stdout).toBe(expected.stdout);
    expect(rn.status).toBe(0);
    const native = validate(join(dir, 'molt_runtime_feedback.json'));
    expect(native.target).toBe('native');
    const counts = [...native.sites.values()].flatMap((s) => Object.values(s));
    expect(counts.find((r) => r.kind === 'types' && r.counts['float,float'] === 1000)).toBeDefined();
    expect(counts.find((r) => r.kind === 'types' && r.counts['int,int'] === 1000 && r.counts['str,int'] === 1)).toBeDefined();
    expect(counts.find((r) => r.kind === 'calltargets' && r.counts['__main__:step'] === 1000)).toBeDefined();
    expect(counts.find((r) => r.kind === 'loop' && r.executions === 1 && r.trips === 1000)).toBeDefined();

    // wasm, through WASI file access (relative path in the preopened working directory).
    moltOk('build', program, '--instrument', '--target', 'wasm', '-o', 'inst.wasm');
    const rw = sh(process.execPath, [molt, 'run', 'inst.wasm'], { MOLT_RUNTIME_FEEDBACK: '1', MOLT_RUNTIME_FEEDBACK_FILE: 'wasm_profile.json' });
    expect(rw.stdout).toBe(expected.stdout);
    const wasm = validate(join(dir, 'wasm_profile.json'));
    expect(wasm.target).toBe('wasm');
    // Both targets count the same things.
    expect(JSON.stringify([...wasm.sites])).toBe(JSON.stringify([...native.sites]));

    moltOk('feedback', 'merge', 'merged.json', 'molt_runtime_feedback.json', 'wasm_profile.json');
    const merged = validate(join(dir, 'merged.json'));
    expect(merged.runs).toBe(2);
    expect(merged.target).toBe('mixed');

    // Rebuild with the profile: the IR is specialised as the golden file says; the output is the same.
    moltOk('build', program, '--feedback', 'merged.json', '-o', 'pgo', '--emit', 'ir');
    const pgo = sh(join(dir, 'pgo'), []);
    expect(pgo.stdout).toBe(expected.stdout);
    expect(pgo.status).toBe(0);
    const text = `# plain release build\n${specialised(readFileSync(join(dir, 'plain.moltir'), 'utf8'))}# with the profile of one native and one wasm run\n${specialised(readFileSync(join(dir, 'pgo.moltir'), 'utf8'))}`;
    if (process.env.MOLT_BLESS === '1' || !existsSync(goldenFile)) writeFileSync(goldenFile, text);
    expect(text).toBe(readFileSync(goldenFile, 'utf8'));
    expect(text.split('# with')[1]).toMatch(/step: .*guard\.int/);
    // `scale` and `step` get guarded by their observed targets, then inlined (no call left in `run`).
    expect(text.split('# with')[1]).toMatch(/run: .*guard\.code/);
    expect(text.split('# with')[1]).not.toMatch(/run: .*call\.direct/);

    // A stale profile (the source changed) is ignored with a warning, never used.
    const edited = join(dir, 'dynamic.py');
    writeFileSync(edited, readFileSync(program, 'utf8') + '\nprint("edited")\n');
    const stale = moltOk('build', edited, '--feedback', 'merged.json', '-o', 'stale');
    expect(stale.stderr).toContain('MOLT6010');
    expect(sh(join(dir, 'stale'), []).stdout).toBe(expected.stdout + 'edited\n');
  });
});
