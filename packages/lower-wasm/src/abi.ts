// abi.ts — the runtime ABI as seen from wasm: NaN-boxing words
// (specs/runtime-abi.md §1), the wasm signatures of the runtime's extra entry
// points (§6, §8), and the import/export module names that wasm-merge joins.
// Neighbours: function.ts and module.ts (which emit calls with these
// signatures). The tag numbers come from @molt/ir's RUNTIME_ABI, the single
// source the runtime's abi_consts.rs is generated from.

import { RUNTIME_ABI, type ValueType } from '@molt/ir';

/** Import module name of every runtime function (and its memory). */
export const RUNTIME_MODULE = 'molt_runtime';
/** Module name the runtime imports `molt_main` / `molt_dispatch` from. */
export const PROGRAM_MODULE = 'molt_program';

/** The features the emitted program module uses (and the merge/opt tools must enable). */
export const FEATURE_FLAGS = ['--enable-bulk-memory', '--enable-mutable-globals', '--enable-sign-ext', '--enable-nontrapping-float-to-int'] as const;

export const TAG_SHIFT = BigInt(RUNTIME_ABI.tagShift);
export const PAYLOAD_MASK = (1n << BigInt(RUNTIME_ABI.smallIntBits)) - 1n;
export const TAG_INT = BigInt(RUNTIME_ABI.tags.int);
export const TAG_PTR = BigInt(RUNTIME_ABI.tags.ptr);
export const TAG_BOOL = BigInt(RUNTIME_ABI.tags.bool);
export const TAG_NONE = BigInt(RUNTIME_ABI.tags.none);
export const TAG_OTHER = BigInt(RUNTIME_ABI.tags.other);
/** A bound-method word from `method.load`: owns a reference to its function. */
export const TAG_METHOD = BigInt(RUNTIME_ABI.tags.method);
/** Smallest tag that is not a float. */
export const FIRST_TAG = TAG_INT;

export const SMALL_INT_MIN = -(1n << BigInt(RUNTIME_ABI.smallIntBits - 1));
export const SMALL_INT_MAX = (1n << BigInt(RUNTIME_ABI.smallIntBits - 1)) - 1n;

const word = (tag: bigint, payload: bigint): bigint => BigInt.asIntN(64, (tag << TAG_SHIFT) | (payload & PAYLOAD_MASK));

export const NONE = word(TAG_NONE, 0n);
export const FALSE = word(TAG_BOOL, 0n);
export const TRUE = word(TAG_BOOL, 1n);
export const NOT_IMPLEMENTED = word(TAG_OTHER, BigInt(RUNTIME_ABI.immediates.notImplemented));
export const ELLIPSIS = word(TAG_OTHER, BigInt(RUNTIME_ABI.immediates.ellipsis));
export const UNBOUND = word(TAG_OTHER, BigInt(RUNTIME_ABI.immediates.unbound));
export const THROW = word(TAG_OTHER, BigInt(RUNTIME_ABI.immediates.throw));
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
  if (Number.isNaN(x)) return BigInt.asIntN(64, (bits & (1n << 63n)) | (BigInt(RUNTIME_ABI.nanTops[0]) << TAG_SHIFT));
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
  molt_type_ptr: { params: ['i64'], result: 'i64' },
  molt_depth_ptr: { params: [], result: 'i32' },
  molt_recursion_limit_ptr: { params: [], result: 'i32' },
  molt_recursion_error: { params: [], result: 'i64' },
};

/** Byte offsets inside runtime objects on wasm32 that compiled code reads inline (checked by the runtime at start-up). */
export const LAYOUT32 = RUNTIME_ABI.layout32;

/** Entries of the per-site attribute and method caches (checked by the runtime's `molt_*_cached`). */
export const CACHES = RUNTIME_ABI.caches;

/** Header flag of a list whose items are all immediates (`RUNTIME_ABI.headerFlags`). */
export const OF_IMMEDIATE_ITEMS = RUNTIME_ABI.headerFlags.immediateItems;

/** Refcount of immortal objects (`ObjHeader.refcnt`, a u32 at offset 0). */
export const IMMORTAL = -1;

/** Bytes of the argv scratch stack allocated by `molt_main` for variadic calls. */
export const ARGV_STACK_BYTES = 256 * 1024;
