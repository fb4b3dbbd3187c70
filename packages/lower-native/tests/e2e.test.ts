// e2e.test.ts — build the hand-written IR programs into executables, run
// them, and check stdout and exit status. Against the stub runtime in
// tests/fixtures/stub-runtime.c always (it checks calling conventions,
// dispatch, unwinding and fast-path fallbacks), and against the real
// runtime static library when it has been built. Also: byte-identical
// builds, and MOLT4xxx diagnostics for a missing tool or library.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '@molt/ir';
import { findNativeToolchain, nativeBackend, runtimeLibPath } from '../src/index.js';
import { type TestProgram, testPrograms } from './programs.js';

const here = dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'molt-native-'));

function withEnv<T>(vars: Record<string, string | undefined>, f: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(vars)) {
    saved[k] = process.env[k];
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  return f().finally(() => {
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
}

let counter = 0;
async function buildAndRun(t: TestProgram, profile: Profile, runtimeLib: string): Promise<{ stdout: string; status: number | null; stderr: string }> {
  const dir = join(scratch, `${t.name}-${profile}-${counter++}`);
  const outFile = join(dir, t.name);
  const result = await withEnv({ MOLT_RUNTIME_LIB: runtimeLib }, () => nativeBackend.build(t.program, { profile, outFile, workDir: join(dir, 'work') }));
  expect(result.diagnostics).toEqual([]);
  expect(result.ok).toBe(true);
  const run = spawnSync(outFile, [], { encoding: 'utf8', timeout: 20000 });
  return { stdout: run.stdout, status: run.status, stderr: run.stderr };
}

const stubLib = join(scratch, 'libstub.a');
beforeAll(() => {
  const obj = join(scratch, 'stub.o');
  execFileSync('cc', ['-c', '-O1', join(here, 'fixtures', 'stub-runtime.c'), '-o', obj]);
  execFileSync('ar', ['rcs', stubLib, obj]);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('end to end with the stub runtime', () => {
  for (const profile of ['dev', 'release'] as const) {
    for (const t of testPrograms()) {
      it(`runs '${t.name}' (${profile})`, async () => {
        const r = await buildAndRun(t, profile, stubLib);
        expect(r.stdout).toBe(t.stdout);
        expect(r.status).toBe(t.exitCode);
      });
    }
  }

  it('records the traceback line of an uncaught exception', async () => {
    const t = testPrograms().find((p) => p.name === 'uncaught')!;
    const r = await buildAndRun(t, 'dev', stubLib);
    expect(r.stderr).toContain('line 2');
  });

  it('builds byte-identical executables', async () => {
    const t = testPrograms().find((p) => p.name === 'functions')!;
    const outs: Buffer[] = [];
    for (let i = 0; i < 2; i++) {
      const dir = join(scratch, `det-${i}`);
      const r = await withEnv({ MOLT_RUNTIME_LIB: stubLib }, () => nativeBackend.build(t.program, { profile: 'release', outFile: join(dir, 'prog'), workDir: join(dir, 'w') }));
      expect(r.ok).toBe(true);
      outs.push(readFileSync(join(dir, 'prog')));
    }
    expect(outs[0]!.equals(outs[1]!)).toBe(true);
  });

  it('returns the .ll text when asked', async () => {
    const t = testPrograms()[0]!;
    const dir = join(scratch, 'text');
    const r = await withEnv({ MOLT_RUNTIME_LIB: stubLib }, () => nativeBackend.build(t.program, { profile: 'dev', outFile: join(dir, 'p'), workDir: dir, emitText: true }));
    expect(r.text).toContain('define i64 @molt_main()');
    expect(r.timings?.['lower']).toBeGreaterThanOrEqual(0);
  });
});

describe('backend diagnostics', () => {
  const t = testPrograms()[0]!;
  const build = (): ReturnType<typeof nativeBackend.build> => nativeBackend.build(t.program, { profile: 'dev', outFile: join(scratch, 'diag', 'p'), workDir: join(scratch, 'diag') });

  it('reports a missing runtime library as MOLT4002', async () => {
    const r = await withEnv({ MOLT_RUNTIME_LIB: '/nonexistent/libmolt_runtime.a' }, build);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MOLT4002']);
    expect(r.diagnostics[0]!.hint).toContain('cargo build --release');
    const missing = await withEnv({ MOLT_RUNTIME_LIB: '/nonexistent/libmolt_runtime.a' }, async () => findNativeToolchain().missing.map((m) => m.tool));
    expect(missing).toContain('runtime');
  });

  it('reports a missing llc as MOLT4001', async () => {
    const r = await withEnv({ MOLT_LLC: '/nonexistent/llc', MOLT_RUNTIME_LIB: stubLib }, build);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MOLT4001']);
    expect(r.diagnostics[0]!.message).toContain("'llc'");
  });

  it('reports a failing link as MOLT4005', async () => {
    const empty = join(scratch, 'libempty.a');
    writeFileSync(empty, '!<arch>\n');
    const r = await withEnv({ MOLT_RUNTIME_LIB: empty }, build);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MOLT4005']);
    expect(r.diagnostics[0]!.hint).toContain('molt_');
  });

  it('finds the tools and the library it is pointed at', async () => {
    await withEnv({ MOLT_RUNTIME_LIB: stubLib }, async () => {
      expect(runtimeLibPath()).toBe(stubLib);
      expect(findNativeToolchain()).toEqual({ ok: true, missing: [] });
    });
  });
});

const realRuntime = runtimeLibPath();
const haveRuntime = process.env['MOLT_RUNTIME_LIB'] === undefined && existsSync(realRuntime);
if (!haveRuntime) {
  console.warn(`lower-native e2e: skipping the real-runtime tests: '${realRuntime}' is not built (cargo build --release in runtime-native/)`);
}
(haveRuntime ? describe : describe.skip)('end to end with the real runtime', () => {
  for (const t of testPrograms()) {
    it(`runs '${t.name}' (release)`, async () => {
      const r = await buildAndRun(t, 'release', realRuntime);
      expect(r.stdout).toBe(t.stdout);
      expect(r.status).toBe(t.exitCode);
    });
  }
});
