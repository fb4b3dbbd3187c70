// backend.ts — the wasm Backend: lower the program (emit.ts), write the
// program module, wasm-merge it with the runtime wasm into one WASI command
// module; in the release profile the program module is optimised on its
// own, the runtime is the cached, separately optimised one (toolchain.ts),
// and the merged module only loses its internal exports and what `_start`
// cannot reach (binaryen.ts, finishMerged). Also the public async entry
// points `lowerToWasm`/`lowerToWat`. binaryen is loaded by dynamic import,
// only when a program is compiled. Neighbours: emit.ts, toolchain.ts,
// binaryen.ts, wasi.ts.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Backend, BackendOptions, BackendResult, Diagnostic, Program } from '@molt/ir';
import { WasmDiag, error } from './diagnostics.js';
import type { EmitOptions, LoweredWasm, OptLevel } from './emit.js';
import type { LowerOptions } from './module.js';
import { findWasmToolchain, mergeArgs, optimizedRuntime, preparedRuntime, runTool } from './toolchain.js';

export type { LoweredWasm, OptLevel } from './emit.js';

export interface WasmBackendConfig extends LowerOptions {
  /** The runtime wasm to merge with (default: `runtimeWasmPath()`). */
  readonly runtimeWasm?: string;
  /** binaryen optimisation level of the release profile for the runtime (default `-O3`; optimised once and cached). */
  readonly releaseOpt?: OptLevel;
  /**
   * binaryen optimisation level of the release profile for the program module (default `-O2`: V8 runs
   * its code as fast as at -O3, and -O3 takes three times as long on a program with large functions).
   */
  readonly programOpt?: OptLevel;
}

/** Lower a program to the (unmerged) program module. Invalid wasm is a bug in Molt: it throws InternalError. */
export async function lowerToWasm(program: Program, options: EmitOptions = {}): Promise<LoweredWasm> {
  return (await import('./emit.js')).lowerToWasmSync(program, options);
}

/** The program module of `program` in binaryen's text format (`--emit wat`). */
export async function lowerToWat(program: Program, options: LowerOptions = {}): Promise<string> {
  return (await import('./emit.js')).lowerToWatSync(program, options);
}

function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Exports of the merged module that only join the program and the runtime (dropped in release builds). */
const INTERNAL_EXPORT_PREFIXES = ['molt_'] as const;

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
      // The environment (MOLT_RUNTIME_WASM) is read before the first await.
      const tc = findWasmToolchain();
      const release = options.profile === 'release';
      const level = config.releaseOpt ?? '-O3';
      const emit = await import('./emit.js');
      lap('load binaryen');
      const lowered = emit.lowerToWasmSync(program, {
        ...config,
        emitText: options.emitText ?? false,
        ...(release ? { optimize: config.programOpt ?? '-O2' } : {}),
        ...(options.feedbackIdentity === undefined ? {} : { feedbackIdentity: options.feedbackIdentity }),
      });
      lap(release ? 'lower+opt' : 'lower');
      const diagnostics: Diagnostic[] = [...lowered.diagnostics];
      const text = lowered.text;
      const fail = (): BackendResult => ({ ok: false, diagnostics, timings, ...(text !== undefined ? { text } : {}) });
      if (hasErrors(diagnostics)) return fail();

      const runtimeWasm = config.runtimeWasm ?? tc.runtimeWasm;
      const missing = tc.diagnostics.filter((d) => !(d.code === WasmDiag.runtimeMissing && runtimeWasm !== undefined));
      if (missing.length > 0 || tc.wasmMerge === undefined || tc.wasmOpt === undefined || runtimeWasm === undefined) {
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
        runtime = await preparedRuntime(runtimeWasm);
      } catch {
        // Not a module binaryen can read: wasm-merge reports what is wrong with it.
        runtime = runtimeWasm;
      }
      let validated = false;
      if (release && runtime !== runtimeWasm) {
        const o = await optimizedRuntime(runtime, tc.wasmOpt, level);
        if (!o.ok) {
          diagnostics.push(error(WasmDiag.toolFailed, `wasm-opt failed on the runtime: ${firstLine(o.stderr)}`));
          return fail();
        }
        runtime = o.path;
        validated = true;
      }
      lap('runtime');
      const m = await runTool(tc.wasmMerge, mergeArgs(runtime, programWasm, merged, validated));
      lap('merge');
      if (!m.ok) {
        diagnostics.push(error(WasmDiag.toolFailed, `wasm-merge failed: ${firstLine(m.stderr)}`, 'The runtime wasm and the compiler may disagree on the runtime ABI: rebuild runtime-wasm/.'));
        return fail();
      }
      try {
        if (release) {
          const { finishMerged } = await import('./binaryen.js');
          writeFileSync(options.outFile, finishMerged(readFileSync(merged), INTERNAL_EXPORT_PREFIXES));
          lap('finish');
        } else {
          copyFileSync(merged, options.outFile);
        }
      } catch (e) {
        diagnostics.push(error(WasmDiag.writeFailed, `Cannot write '${options.outFile}': ${(e as Error).message}.`));
        return fail();
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
