// emit.ts — the program module in memory: lower a program (module.ts),
// validate it, optionally optimise it on its own with binaryen's pipeline,
// and emit its bytes and text. Loads binaryen (statically, through
// binaryen.ts), so the package reaches this file only by dynamic import:
// running a built module never loads binaryen. Neighbours: backend.ts (the
// build pipeline and the public async wrappers), module.ts, binaryen.ts.

import { InternalError, type Diagnostic, type Program } from '@molt/ir';
import { dispose, emitBinary, emitText, optimize, validate } from './binaryen.js';
import { lowerProgram, type LowerOptions } from './module.js';

/** binaryen's optimisation levels, as the `-O…` flags of its tools name them. */
export type OptLevel = '-O1' | '-O2' | '-O3' | '-O4' | '-Os' | '-Oz';

const OPT_LEVELS: Readonly<Record<OptLevel, readonly [number, number]>> = {
  '-O1': [1, 0],
  '-O2': [2, 0],
  '-O3': [3, 0],
  '-O4': [4, 0],
  '-Os': [2, 1],
  '-Oz': [2, 2],
};

/** `-Ox` as binaryen's (optimizeLevel, shrinkLevel) pair. */
export function optLevels(level: OptLevel): [number, number] {
  const [opt, shrink] = OPT_LEVELS[level];
  return [opt, shrink];
}

export interface LoweredWasm {
  /** The program module (not merged with the runtime). */
  readonly wasm: Uint8Array;
  /** Its text (before optimisation), when requested. */
  readonly text: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export interface EmitOptions extends LowerOptions {
  readonly emitText?: boolean;
  /** Optimise the program module at this level before emitting its bytes (release builds). */
  readonly optimize?: OptLevel;
}

/** Lower a program to the (unmerged) program module. Invalid wasm is a bug in Molt: it throws InternalError. */
export function lowerToWasmSync(program: Program, options: EmitOptions = {}): LoweredWasm {
  const { module, diagnostics } = lowerProgram(program, options);
  try {
    if (!validate(module)) throw new InternalError('the wasm backend produced an invalid module (binaryen printed the reasons to stderr)');
    const text = options.emitText === true ? emitText(module) : undefined;
    // No function of the program is inlined by binaryen. It would inline every function with one
    // caller (most Python functions: only molt_dispatch calls them) into molt_dispatch, making one
    // huge function: binaryen's local passes are superlinear in its size (minutes for a program that
    // imports collections), V8 compiles it as a whole, and a loop running in it never moves to
    // optimised code. The loop functions of outline.ts must stay functions. The IR's inline pass has
    // already inlined small callees.
    if (options.optimize !== undefined) optimize(module, ...optLevels(options.optimize), '*');
    return { wasm: emitBinary(module), text, diagnostics };
  } finally {
    dispose(module);
  }
}

/** The program module of `program` in binaryen's text format (for golden tests and `--emit wat`). */
export function lowerToWatSync(program: Program, options: LowerOptions = {}): string {
  return lowerToWasmSync(program, { ...options, emitText: true }).text!;
}
