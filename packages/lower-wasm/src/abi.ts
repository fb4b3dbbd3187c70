// abi.ts — the runtime ABI as seen from wasm: NaN-boxing words
// (specs/runtime-abi.md §1), the wasm signatures of the runtime's extra entry
// points (§6, §8), and the import/export module names that wasm-merge joins.
// Neighbours: function.ts and module.ts (which emit calls with these
// signatures). When @molt/ir gains `abi.generated.ts`, the tag constants
// below should come from it.

import type { ValueType } from '@molt/ir';

/** Import module name of every runtime function (and its memory). */
export const RUNTIME_MODULE = 'molt_runtime';
/** Module name the runtime imports `molt_main` / `molt_dispatch` from. */
export const PROGRAM_MODULE = 'molt_program';

/** The features the emitted program module uses (and the merge/opt tools must enable). */
export const FEATURE_FLAGS = ['--enable-bulk-memory', '--enable-mutable-globals', '--enable-sign-ext', '--enable-nontrapping-float-to-int'] as const;

export const TAG_SHIFT = 48n;
export const PAYLOAD_MASK = (1n << 48n) - 1n;
export const TAG_INT = 0xfff9n;
export const TAG_PTR = 0xfffan;
export const TAG_BOOL = 0xfffbn;
export const TAG_NONE = 0xfffcn;
export const TAG_OTHER = 0xfffdn;
/** A bound-method word from `method.load`: owns a reference to its function. */
export const TAG_METHOD = 0xfffen;
/** Smallest tag that is not a float. */
export const FIRST_TAG = 0xfff9n;

export const SMALL_INT_MIN = -(1n << 47n);
export const SMALL_INT_MAX = (1n << 47n) - 1n;

const word = (tag: bigint, payload: bigint): bigint => BigInt.asIntN(64, (tag << TAG_SHIFT) | (payload & PAYLOAD_MASK));

export const NONE = word(TAG_NONE, 0n);
export const FALSE = word(TAG_BOOL, 0n);
export const TRUE = word(TAG_BOOL, 1n);
export const NOT_IMPLEMENTED = word(TAG_OTHER, 1n);
export const ELLIPSIS = word(TAG_OTHER, 2n);
export const UNBOUND = word(TAG_OTHER, 3n);
export const THROW = word(TAG_OTHER, 4n);
/** "An exception is pending" (as a signed i64: −1). */
export const ERR = -1n;

/** The word of a small int (caller checks the range). */
export function smallInt(v: bigint): bigint {
  return word(TAG_INT, v);
}

export function fitsSmallInt(v: bigint): boolean {
  return v >= SMALL_INT_MIN && v <= SMALL_INT_MAX;
}

/** The word of a float: its IEEE bits, NaN canonicalised with its sign kept. */
export function floatWord(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  if (Number.isNaN(x)) return BigInt.asIntN(64, (bits & (1n << 63n)) | 0x7ff8_0000_0000_0000n);
  return BigInt.asIntN(64, bits);
}

/** The wasm value kind of an IR value type. */
export type WasmKind = 'i32' | 'i64' | 'f64';

export function kindOf(t: ValueType): WasmKind {
  switch (t) {
    case 'obj':
    case 'i64':
      return 'i64';
    case 'f64':
      return 'f64';
    case 'bool':
      return 'i32';
  }
}

/** A wasm-level signature of a runtime import. */
export interface ImportSig {
  readonly params: readonly WasmKind[];
  readonly result: WasmKind | 'none';
}

/**
 * Runtime entry points that are not the generic lowering of an op
 * (specs/runtime-abi.md §6, §8). Pointers and `usize` are i32 on wasm32;
 * `u32` code ids are i32; words are i64.
 */
export const ENTRY_POINTS: Readonly<Record<string, ImportSig>> = {
  molt_alloc: { params: ['i32'], result: 'i32' },
  molt_str_from_utf8: { params: ['i32', 'i32'], result: 'i64' },
  molt_bytes_from: { params: ['i32', 'i32'], result: 'i64' },
  molt_int_from_str: { params: ['i32', 'i32'], result: 'i64' },
  molt_code_new: { params: ['i32', 'i32', 'i32'], result: 'i64' },
  molt_module_register: { params: ['i64', 'i32', 'i32'], result: 'i64' },
  molt_run_main: { params: ['i64'], result: 'i64' },
  molt_traceback_add: { params: ['i32', 'i32'], result: 'i64' },
  molt_incref: { params: ['i64'], result: 'i64' },
  molt_float_box_nan: { params: ['i64'], result: 'i64' },
  molt_decref: { params: ['i64'], result: 'i64' },
  molt_gen_set_state: { params: ['i64', 'i64', 'i64'], result: 'i64' },
  molt_gen_finish: { params: ['i64', 'i64'], result: 'i64' },
  molt_profile_register: { params: ['i32', 'i32', 'i32', 'i32'], result: 'i64' },
};

/** Bytes of the argv scratch stack allocated by `molt_main` for variadic calls. */
export const ARGV_STACK_BYTES = 256 * 1024;
