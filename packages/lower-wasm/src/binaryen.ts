// binaryen.ts — the one façade over the `binaryen` package (v132). Every
// other file of @molt/lower-wasm reaches binaryen through here, and no
// binaryen type leaves the package (the public API speaks bytes and text).
// Neighbours: module.ts / function.ts (the lowering that builds modules).

import binaryen from 'binaryen';

/** A binaryen expression handle. */
export type Expr = number;
/** A binaryen value type handle. */
export type WasmType = number;
/** A binaryen module under construction. */
export type WasmModule = binaryen.Module;
/** A binaryen Relooper (structured control flow from a CFG). */
export type Relooper = binaryen.Relooper;
/** A Relooper block handle. */
export type RelooperBlock = number;

export const T = {
  none: binaryen.none as WasmType,
  i32: binaryen.i32 as WasmType,
  i64: binaryen.i64 as WasmType,
  f64: binaryen.f64 as WasmType,
};

/** The features the emitted program module uses (and the merge/opt tools must enable). */
export const FEATURE_FLAGS = ['--enable-bulk-memory', '--enable-mutable-globals', '--enable-sign-ext', '--enable-nontrapping-float-to-int'] as const;

export function createModule(): WasmModule {
  const m = new binaryen.Module();
  m.setFeatures(binaryen.Features.MVP | binaryen.Features.BulkMemory | binaryen.Features.MutableGlobals | binaryen.Features.SignExt | binaryen.Features.NontrappingFPToInt);
  return m;
}

export function createRelooper(m: WasmModule): Relooper {
  return new binaryen.Relooper(m);
}

/** A tuple type of parameters (binaryen `createType`). */
export function params(types: readonly WasmType[]): WasmType {
  return binaryen.createType([...types]);
}

/** Print a module in the binaryen text format (`.wat`). */
export function emitText(m: WasmModule): string {
  return m.emitText();
}

export function emitBinary(m: WasmModule): Uint8Array {
  return m.emitBinary();
}

/** True when the module validates (binaryen prints the reasons to stderr otherwise). */
export function validate(m: WasmModule): boolean {
  return m.validate() !== 0;
}

/** Run binaryen's default optimisation pipeline in-process at `level` (0–3) and `shrink` (0–2). */
export function optimize(m: WasmModule, level: number, shrink: number): void {
  binaryen.setOptimizeLevel(level);
  binaryen.setShrinkLevel(shrink);
  m.optimize();
}

export function dispose(m: WasmModule): void {
  m.dispose();
}

/** A wasm function signature as kind names (`i32`, `i64`, `f32`, `f64`). */
export interface WasmSignature {
  readonly params: readonly string[];
  readonly results: readonly string[];
}

/** The function imports and function exports of a wasm binary, with their signatures. */
export interface ModuleInterface {
  /** `module.base` → signature. */
  readonly imports: ReadonlyMap<string, WasmSignature>;
  /** Export name → signature. */
  readonly exports: ReadonlyMap<string, WasmSignature>;
}

function kindName(t: WasmType): string {
  if (t === binaryen.i32) return 'i32';
  if (t === binaryen.i64) return 'i64';
  if (t === binaryen.f32) return 'f32';
  if (t === binaryen.f64) return 'f64';
  return `type#${t}`;
}

function signature(info: binaryen.FunctionInfo): WasmSignature {
  return { params: binaryen.expandType(info.params).map(kindName), results: binaryen.expandType(info.results).map(kindName) };
}

/** Read the function imports and exports of a wasm binary (for ABI checks). */
export function readInterface(bytes: Uint8Array): ModuleInterface {
  const m = binaryen.readBinary(bytes);
  try {
    const imports = new Map<string, WasmSignature>();
    const exports = new Map<string, WasmSignature>();
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const info = binaryen.getFunctionInfo(m.getFunctionByIndex(i));
      if (info.module) imports.set(`${info.module}.${info.base}`, signature(info));
    }
    for (let i = 0; i < m.getNumExports(); i++) {
      const e = binaryen.getExportInfo(m.getExportByIndex(i));
      if (e.kind === binaryen.ExternalFunction) exports.set(e.name, signature(binaryen.getFunctionInfo(m.getFunction(e.value))));
    }
    return { imports, exports };
  } finally {
    m.dispose();
  }
}
