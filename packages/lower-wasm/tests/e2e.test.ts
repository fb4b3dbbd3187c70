// e2e.test.ts — hand-built IR programs lowered, merged with a runtime wasm
// by wasm-merge into one WASI command module, and run under node:wasi.
// The runtime is the real runtime-wasm (runtimeWasmPath()); each module runs
// in a child process (tests/childRun.ts).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Program } from '@molt/ir';
import { createWasmBackend, runtimeWasmPath } from '../src/index.js';
import { runWasmInChild } from './childRun.js';
import * as P from './programs.js';


interface Case {
  readonly name: string;
  readonly program: () => Program;
  readonly stdout: string;
  readonly exitCode: number;
  readonly stderr?: RegExp;
}

const CASES: Case[] = [
  { name: 'hello', program: P.helloProgram, stdout: 'hello, world\n', exitCode: 0 },
  { name: 'arithmetic', program: P.arithmeticProgram, stdout: '14 -3 1152921504606846977 1.5\n', exitCode: 0 },
  { name: 'exception caught by an unwind handler', program: P.exceptionProgram, stdout: 'caught\n', exitCode: 0 },
  { name: 'loop', program: P.loopProgram, stdout: '0\n1\n2\n3\n4\n', exitCode: 0 },
  { name: 'calls (call.direct and molt_dispatch)', program: P.callProgram, stdout: '42\n3\n', exitCode: 0 },
  { name: 'uncaught exception', program: P.uncaughtProgram, stdout: '', exitCode: 1, stderr: /Traceback \(most recent call last\):[\s\S]*NameError/ },
];

const dir = mkdtempSync(join(tmpdir(), 'molt-lower-wasm-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const REAL = runtimeWasmPath();
if (REAL === undefined) console.warn('lower-wasm e2e: runtime-wasm is not built (cargo build in runtime-wasm/), so the end-to-end tests are skipped');
const RUNTIMES: [string, string][] = REAL === undefined ? [] : [['runtime-wasm', REAL]];

(RUNTIMES.length > 0 ? describe : describe.skip)('end to end', () => {
  describe.each(RUNTIMES)('%s', (_label, runtimeWasm) => {
    for (const profile of ['dev', 'release'] as const) {
      test.each(CASES)(`${profile}: $name`, async (c) => {
        const backend = createWasmBackend({ runtimeWasm });
        const outFile = join(dir, `${_label.replace(/\W/g, '_')}-${profile}-${c.name.replace(/\W/g, '_')}.wasm`);
        const res = await backend.build(c.program(), { profile, outFile, workDir: join(dir, 'work', profile, c.name.replace(/\W/g, '_')) });
        expect(res.diagnostics).toEqual([]);
        expect(res.ok).toBe(true);
        const run = runWasmInChild(outFile);
        expect(run.stdout).toBe(c.stdout);
        expect(run.exitCode).toBe(c.exitCode);
        if (c.stderr !== undefined) expect(run.stderr).toMatch(c.stderr);
      });
    }
  });

  test('the same program builds to byte-identical wasm', async () => {
    const [, runtimeWasm] = RUNTIMES[0]!;
    const backend = createWasmBackend({ runtimeWasm });
    const a = join(dir, 'det-a.wasm');
    const b = join(dir, 'det-b.wasm');
    await backend.build(P.callProgram(), { profile: 'release', outFile: a, workDir: join(dir, 'det-a') });
    await backend.build(P.callProgram(), { profile: 'release', outFile: b, workDir: join(dir, 'det-b') });
    expect(Buffer.compare(readFileSync(a), readFileSync(b))).toBe(0);
  });
});
