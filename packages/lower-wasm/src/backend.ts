// backend.ts — the wasm Backend: lower the program (module.ts), validate,
// write the program module, wasm-merge it with the runtime wasm into one
// WASI command module, and (release) wasm-opt it. Also the in-memory
// entry points used by golden tests (`lowerToWat`, `lowerToWasm`).
// Neighbours: module.ts, toolchain.ts, binaryen.ts, wasi.ts.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InternalError, type Backend, type BackendOptions, type BackendResult, type Diagnostic, type Program } from '@molt/ir';
import { dispose, emitBinary, emitText, validate } from './binaryen.js';
import { WasmDiag, error } from './diagnostics.js';
import { lowerProgram, type LowerOptions } from './module.js';
import { findWasmToolchain, mergeArgs, optArgs, preparedRuntime, runTool } from './toolchain.js';

export interface WasmBackendConfig extends LowerOptions {
  /** The runtime wasm to merge with (default: `runtimeWasmPath()`). */
  readonly runtimeWasm?: string;
  /** wasm-opt level for the release profile (default `-O3`). */
  readonly releaseOpt?: '-O1' | '-O2' | '-O3' | '-O4' | '-Os' | '-Oz';
}

export interface LoweredWasm {
  /** The program module (not merged with the runtime). */
  readonly wasm: Uint8Array;
  /** Its text, when requested. */
  readonly text: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** Lower a program to the (unmerged) program module. Invalid wasm is a bug in Molt: it throws InternalError. */
export function lowerToWasm(program: Program, options: LowerOptions & { emitText?: boolean } = {}): LoweredWasm {
  const { module, diagnostics } = lowerProgram(program, options);
  try {
    if (!validate(module)) throw new InternalError('the wasm backend produced an invalid module (binaryen printed the reasons to stderr)');
    return { wasm: emitBinary(module), text: options.emitText ? emitText(module) : undefined, diagnostics };
  } finally {
    dispose(module);
  }
}

/** The program module of `program` in binaryen's text format (for golden tests and `--emit wat`). */
export function lowerToWat(program: Program, options: LowerOptions = {}): string {
  return lowerToWasm(program, { ...options, emitText: true }).text!;
}

function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** A wasm backend; `wasmBackend` is the default configuration. */
export function createWasmBackend(config: WasmBackendConfig = {}): Backend {
  return {
    name: 'wasm',
    async build(program: Program, options: BackendOptions): Promise<BackendResult> {
      const timings: Record<string, number> = {};
      let t = performance.now();
      const lap = (name: string): void => {
        const now = performance.now();
        timings[name] = now - t;
        t = now;
      };
      const lowered = lowerToWasm(program, { ...config, emitText: options.emitText ?? false, ...(options.feedbackIdentity === undefined ? {} : { feedbackIdentity: options.feedbackIdentity }) });
      lap('lower');
      const diagnostics: Diagnostic[] = [...lowered.diagnostics];
      const text = lowered.text;
      const fail = (): BackendResult => ({ ok: false, diagnostics, timings, ...(text !== undefined ? { text } : {}) });
      if (hasErrors(diagnostics)) return fail();

      const tc = findWasmToolchain();
      const runtimeWasm = config.runtimeWasm ?? tc.runtimeWasm;
      const missing = tc.diagnostics.filter((d) => !(d.code === WasmDiag.runtimeMissing && runtimeWasm !== undefined));
      if (missing.length > 0 || tc.wasmMerge === undefined || runtimeWasm === undefined) {
        diagnostics.push(...missing);
        return fail();
      }
      try {
        mkdirSync(options.workDir, { recursive: true });
        mkdirSync(dirname(options.outFile), { recursive: true });
      } catch (e) {
        diagnostics.push(error(WasmDiag.writeFailed, `Cannot create the output directories: ${(e as Error).message}.`));
        return fail();
      }
      const programWasm = join(options.workDir, 'program.wasm');
      const merged = join(options.workDir, 'merged.wasm');
      writeFileSync(programWasm, lowered.wasm);

      let runtime: string;
      try {
        runtime = preparedRuntime(runtimeWasm);
      } catch {
        // Not a module binaryen can read: wasm-merge reports what is wrong with it.
        runtime = runtimeWasm;
      }
      lap('runtime');
      const m = await runTool(tc.wasmMerge, mergeArgs(runtime, programWasm, merged));
      lap('merge');
      if (!m.ok) {
        diagnostics.push(error(WasmDiag.toolFailed, `wasm-merge failed: ${firstLine(m.stderr)}`, 'The runtime wasm and the compiler may disagree on the runtime ABI: rebuild runtime-wasm/.'));
        return fail();
      }
      if (options.profile === 'release') {
        if (tc.wasmOpt === undefined) return fail();
        const o = await runTool(tc.wasmOpt, optArgs(merged, options.outFile, config.releaseOpt ?? '-O3'));
        lap('opt');
        if (!o.ok) {
          diagnostics.push(error(WasmDiag.toolFailed, `wasm-opt failed: ${firstLine(o.stderr)}`));
          return fail();
        }
      } else {
        try {
          copyFileSync(merged, options.outFile);
        } catch (e) {
          diagnostics.push(error(WasmDiag.writeFailed, `Cannot write '${options.outFile}': ${(e as Error).message}.`));
          return fail();
        }
      }
      return { ok: true, diagnostics, timings, ...(text !== undefined ? { text } : {}) };
    },
  };
}

function firstLine(s: string): string {
  const line = s.split('\n').find((l) => l.trim() !== '') ?? 'no output';
  return line.trim().slice(0, 300);
}

/** The wasm backend with its default configuration. */
export const wasmBackend: Backend = createWasmBackend();
