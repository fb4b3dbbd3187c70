// abi.test.ts — the runtime ABI as the two sides see it: lower @molt/ir's
// opSampleProgram (every op at least once) and check that every function the
// program module imports from `molt_runtime` is exported by the runtime wasm
// with exactly the same wasm signature (i32 for pointers/usize/u32, i64 for
// words). Skipped, with a message, only when the runtime wasm is not built.

import { readFileSync } from 'node:fs';
import { opSampleProgram } from '@molt/ir';
import { RUNTIME_MODULE, PROGRAM_MODULE } from '../src/abi.js';
import { readInterface, type WasmSignature } from '../src/binaryen.js';
import { lowerToWasmSync as lowerToWasm } from '../src/emit.js';
import { runtimeWasmPath } from '../src/index.js';

const runtime = runtimeWasmPath();
if (runtime === undefined) {
  console.warn('abi.test.ts: SKIPPED — the runtime wasm is not built (cargo build --release --target wasm32-wasi in runtime-wasm/, or MOLT_RUNTIME_WASM).');
}

const show = (s: WasmSignature | undefined): string => (s === undefined ? 'missing' : `(${s.params.join(', ')}) -> (${s.results.join(', ')})`);

(runtime === undefined ? describe.skip : describe)('runtime ABI (program imports vs runtime exports)', () => {
  const program = readInterface(lowerToWasm(opSampleProgram()).wasm);
  const rt = readInterface(readFileSync(runtime!));

  test('the sample program imports runtime functions', () => {
    expect([...program.imports.keys()].filter((k) => k.startsWith(`${RUNTIME_MODULE}.`)).length).toBeGreaterThan(50);
  });

  test('every runtime import has the signature the runtime exports', () => {
    const mismatches: string[] = [];
    for (const [key, sig] of program.imports) {
      if (!key.startsWith(`${RUNTIME_MODULE}.`)) continue;
      const name = key.slice(RUNTIME_MODULE.length + 1);
      const theirs = rt.exports.get(name);
      if (show(theirs) !== show(sig)) mismatches.push(`${name}: program imports ${show(sig)}, runtime exports ${show(theirs)}`);
    }
    expect(mismatches).toEqual([]);
  });

  test('the runtime imports molt_main and molt_dispatch with the signatures the program exports', () => {
    const mismatches: string[] = [];
    for (const [key, sig] of rt.imports) {
      if (!key.startsWith(`${PROGRAM_MODULE}.`)) continue;
      const name = key.slice(PROGRAM_MODULE.length + 1);
      const ours = program.exports.get(name);
      if (show(ours) !== show(sig)) mismatches.push(`${name}: runtime imports ${show(sig)}, program exports ${show(ours)}`);
    }
    expect([...rt.imports.keys()].filter((k) => k.startsWith(`${PROGRAM_MODULE}.`)).sort()).toEqual([`${PROGRAM_MODULE}.molt_dispatch`, `${PROGRAM_MODULE}.molt_main`]);
    expect(mismatches).toEqual([]);
  });
});
