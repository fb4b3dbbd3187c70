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

/** The features of FEATURE_FLAGS (abi.ts) as binaryen's feature set. */
const FEATURES = binaryen.Features.MVP | binaryen.Features.BulkMemory | binaryen.Features.MutableGlobals | binaryen.Features.SignExt | binaryen.Features.NontrappingFPToInt;

export function createModule(): WasmModule {
  const m = new binaryen.Module();
  m.setFeatures(FEATURES);
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
export function optimize(m: WasmModule, level: number, shrink: number, noInline?: string): void {
  binaryen.setOptimizeLevel(level);
  binaryen.setShrinkLevel(shrink);
  if (noInline !== undefined) {
    // binaryen's no-inline pass marks the functions whose names match the pattern.
    binaryen.setPassArgument('no-inline', noInline);
    m.runPasses(['no-inline']);
    binaryen.setPassArgument('no-inline', null);
  }
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

/** Name of wasm-ld's constructor function in a wasm32-wasi command module. */
const CTORS = '__wasm_call_ctors';
const DTORS = '__wasm_call_dtors';

/** The one callee of a `.command_export` wrapper other than the ctors/dtors, or undefined. */
function wrappedCallee(body: number): string | undefined {
  const info = binaryen.getExpressionInfo(body);
  if (info.id !== binaryen.BlockId) return undefined;
  const children = (info as binaryen.BlockInfo).children;
  const callees: string[] = [];
  for (const c of children) {
    let e = binaryen.getExpressionInfo(c);
    if (e.id === binaryen.LocalSetId) e = binaryen.getExpressionInfo((e as binaryen.LocalSetInfo).value);
    if (e.id === binaryen.CallId) callees.push((e as binaryen.CallInfo).target);
    else if (e.id !== binaryen.LocalGetId) return undefined;
  }
  const inner = callees.filter((t) => t !== CTORS && t !== DTORS);
  return callees.includes(CTORS) && inner.length === 1 ? inner[0] : undefined;
}

/**
 * wasm-ld wraps every export of a command module (one with `_start`) in a
 * function that runs the C constructors before the call and the destructors
 * after it, as if each export were a fresh program entry. Molt's runtime is
 * entered once through `_start` (which runs them itself), and its `molt_*`
 * exports are internal calls of the program: re-running the constructors
 * re-registers wasi-libc's preopened directories on every runtime call
 * (a WASI syscall per call, and a list that grows without bound). This
 * re-points each `molt_*` export at the function the wrapper calls.
 * Needs the runtime's name section; returns the count of exports changed.
 */
export function unwrapCommandExports(bytes: Uint8Array): { bytes: Uint8Array; changed: number } {
  const m = binaryen.readBinary(bytes);
  try {
    const todo: [string, string][] = [];
    for (let i = 0; i < m.getNumExports(); i++) {
      const e = binaryen.getExportInfo(m.getExportByIndex(i));
      if (e.kind !== binaryen.ExternalFunction || !e.name.startsWith('molt_')) continue;
      const inner = wrappedCallee(binaryen.getFunctionInfo(m.getFunction(e.value)).body);
      if (inner !== undefined) todo.push([e.name, inner]);
    }
    for (const [name, inner] of todo) {
      m.removeExport(name);
      m.addFunctionExport(inner, name);
    }
    binaryen.setDebugInfo(true);
    try {
      return { bytes: todo.length === 0 ? bytes : m.emitBinary(), changed: todo.length };
    } finally {
      binaryen.setDebugInfo(false);
    }
  } finally {
    m.dispose();
  }
}

/**
 * The last step of a release build, on the merged module: drop every
 * function export whose name starts with one of `dropPrefixes` (the
 * runtime's `molt_*` exports and the program's `molt_main`/`molt_dispatch`
 * only join the two modules), then remove what `_start` can no longer
 * reach, names, debug info and the producers section. The two halves were
 * optimised before the merge, so no whole-module optimisation runs here.
 */
export function finishMerged(bytes: Uint8Array, dropPrefixes: readonly string[]): Uint8Array {
  const m = binaryen.readBinary(bytes);
  try {
    m.setFeatures(FEATURES);
    const drop: string[] = [];
    for (let i = 0; i < m.getNumExports(); i++) {
      const e = binaryen.getExportInfo(m.getExportByIndex(i));
      if (e.kind === binaryen.ExternalFunction && dropPrefixes.some((p) => e.name.startsWith(p))) drop.push(e.name);
    }
    for (const name of drop) m.removeExport(name);
    m.runPasses(['remove-unused-module-elements', 'strip-debug', 'strip-producers']);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
