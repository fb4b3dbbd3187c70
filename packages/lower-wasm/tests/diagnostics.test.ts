// diagnostics.test.ts — user-facing failures of the wasm backend are
// MOLT41xx diagnostics with hints, never exceptions.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleBuilder, type Program } from '@molt/ir';
import { createWasmBackend, findWasmToolchain, runtimeWasmPath, wasmBackend, WasmDiag } from '../src/index.js';
import { helloProgram } from './programs.js';

const dir = mkdtempSync(join(tmpdir(), 'molt-lower-wasm-diag-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function complexProgram(): Program {
  const mb = new ModuleBuilder({ name: '__main__', file: 'c.py' });
  const f = mb.createFunction('__main__', ['obj']);
  mb.setInit(f.fn.id);
  f.ins('return', [f.value('const.complex', [], { imms: [2] }, )]);
  f.finish();
  return { modules: [mb.finish()], main: '__main__' };
}

function withEnv<T>(name: string, value: string, fn: () => T): T {
  const old = process.env[name];
  process.env[name] = value;
  try {
    return fn();
  } finally {
    if (old === undefined) delete process.env[name];
    else process.env[name] = old;
  }
}

describe('toolchain discovery', () => {
  test('finds wasm-merge and wasm-opt in the binaryen package', () => {
    const tc = findWasmToolchain();
    expect(tc.wasmMerge).toMatch(/wasm-merge$/);
    expect(tc.wasmOpt).toMatch(/wasm-opt$/);
    expect(tc.diagnostics.filter((d) => d.code === WasmDiag.toolMissing)).toEqual([]);
  });

  test('MOLT_RUNTIME_WASM overrides the runtime path; a missing file is a MOLT4101', () => {
    const file = join(dir, 'rt.wasm');
    writeFileSync(file, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    expect(runtimeWasmPath({ MOLT_RUNTIME_WASM: file })).toBe(file);
    const tc = findWasmToolchain({ MOLT_RUNTIME_WASM: join(dir, 'nope.wasm') });
    expect(tc.runtimeWasm).toBeUndefined();
    expect(tc.diagnostics.map((d) => d.code)).toEqual([WasmDiag.runtimeMissing]);
    expect(tc.diagnostics[0]!.hint).toContain('MOLT_RUNTIME_WASM');
  });
});

describe('build failures are diagnostics', () => {
  test('missing runtime wasm', async () => {
    const res = await withEnv('MOLT_RUNTIME_WASM', join(dir, 'missing.wasm'), () =>
      wasmBackend.build(helloProgram(), { profile: 'dev', outFile: join(dir, 'a.wasm'), workDir: join(dir, 'w1') }));
    expect(res.ok).toBe(false);
    expect(res.diagnostics.map((d) => d.code)).toEqual([WasmDiag.runtimeMissing]);
    expect(res.diagnostics[0]!.severity).toBe('error');
  });

  test('a runtime wasm that wasm-merge rejects', async () => {
    const bad = join(dir, 'bad.wasm');
    writeFileSync(bad, 'not wasm');
    const res = await createWasmBackend({ runtimeWasm: bad }).build(helloProgram(), { profile: 'dev', outFile: join(dir, 'b.wasm'), workDir: join(dir, 'w2') });
    expect(res.ok).toBe(false);
    expect(res.diagnostics.map((d) => d.code)).toEqual([WasmDiag.toolFailed]);
    expect(res.diagnostics[0]!.message).toMatch(/^wasm-merge failed: /);
  });

  test('const.complex is lowered (created in molt_main by calling builtins.complex), not an unsupported op', async () => {
    const res = await createWasmBackend({ runtimeWasm: join(dir, 'unused.wasm') }).build(complexProgram(), { profile: 'dev', outFile: join(dir, 'c.wasm'), workDir: join(dir, 'w3'), emitText: true });
    expect(res.diagnostics.map((d) => d.code)).not.toContain(WasmDiag.unsupportedOp);
    expect(res.text).toContain('(func $__main__::__main__');
    expect(res.text).toMatch(/call \$molt_builtin[\s\S]*call \$molt_call/);
  });
});
