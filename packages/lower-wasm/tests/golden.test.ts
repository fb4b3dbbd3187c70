// golden.test.ts — the program module's text (`lowerToWat`) for small
// hand-built IR programs, compared with tests/fixtures/wat/<case>.wat.
// MOLT_BLESS=1 rewrites the fixtures; review the diff.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lowerToWasmSync as lowerToWasm, lowerToWatSync as lowerToWat } from '../src/emit.js';
import * as P from './programs.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'wat');
const BLESS = process.env['MOLT_BLESS'] === '1';

const CASES = {
  hello: P.helloProgram,
  arithmetic: P.arithmeticProgram,
  exception: P.exceptionProgram,
  loop: P.loopProgram,
  call: P.callProgram,
  unboxed: P.unboxedProgram,
};

describe('golden .wat', () => {
  test.each(Object.entries(CASES))('%s', (name, build) => {
    const text = lowerToWat(build());
    const file = join(FIXTURES, `${name}.wat`);
    if (BLESS || !existsSync(file)) {
      if (!BLESS) throw new Error(`missing golden file ${file}: run with MOLT_BLESS=1`);
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(file, text);
    }
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  test('lowering is deterministic (text and bytes)', () => {
    expect(lowerToWat(P.callProgram())).toBe(lowerToWat(P.callProgram()));
    const a = lowerToWasm(P.exceptionProgram()).wasm;
    const b = lowerToWasm(P.exceptionProgram()).wasm;
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  test('the program module imports the runtime and exports the ABI entry points', () => {
    const text = lowerToWat(P.helloProgram());
    expect(text).toContain('(import "molt_runtime" "memory" (memory $memory 0))');
    expect(text).toContain('(import "molt_runtime" "molt_call" (func $molt_call (param i64 i32 i32) (result i64)))');
    expect(text).toContain('(export "molt_main" (func $molt_main))');
    expect(text).toContain('(export "molt_dispatch" (func $molt_dispatch))');
    // No active data segment: constants are copied from a passive one into molt_alloc'd memory.
    expect(text).toMatch(/\(data \$molt\.data "/);
    expect(text).not.toMatch(/\(data \$molt\.data \(i32\.const/);
  });

  test('without fast paths, add is a plain runtime call', () => {
    const fast = lowerToWat(P.loopProgram());
    const slow = lowerToWat(P.loopProgram(), { fastPaths: false });
    expect(fast).toContain('i64.shr_u');
    expect(slow.match(/call \$molt_add/g)?.length).toBe(1);
    expect(fast.match(/call \$molt_add/g)?.length).toBe(2);
  });
});
