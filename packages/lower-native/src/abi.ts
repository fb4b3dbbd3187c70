// abi.ts — the NaN-boxing numbers of specs/runtime-abi.md §1 (from
// @molt/ir's RUNTIME_ABI, the single source the runtime's abi_consts.rs is
// generated from) and the encoding of constant words at compile time.
// Neighbours: lower.ts and fastpaths.ts emit the same bit tests inline.

import { RUNTIME_ABI } from '@molt/ir';

const { tags, immediates } = RUNTIME_ABI;

/** A word's tag is its top 16 bits. */
export const TAG_SHIFT = BigInt(RUNTIME_ABI.tagShift);
export const TAG_INT = BigInt(tags.int);
export const TAG_PTR = BigInt(tags.ptr);
export const TAG_BOOL = BigInt(tags.bool);
export const TAG_NONE = BigInt(tags.none);
export const TAG_OTHER = BigInt(tags.other);
/** A bound-method word from `method.load`: owns a reference to its function. */
export const TAG_METHOD = BigInt(tags.method);

export const PAYLOAD_MASK = (1n << BigInt(RUNTIME_ABI.smallIntBits)) - 1n;
export const SMALL_INT_MIN = -(1n << BigInt(RUNTIME_ABI.smallIntBits - 1));
export const SMALL_INT_MAX = (1n << BigInt(RUNTIME_ABI.smallIntBits - 1)) - 1n;

export const ERR = -1n;
export const NONE = TAG_NONE << TAG_SHIFT;
export const FALSE = TAG_BOOL << TAG_SHIFT;
export const TRUE = (TAG_BOOL << TAG_SHIFT) | 1n;
export const NOT_IMPLEMENTED = (TAG_OTHER << TAG_SHIFT) | BigInt(immediates.notImplemented);
export const ELLIPSIS = (TAG_OTHER << TAG_SHIFT) | BigInt(immediates.ellipsis);
export const UNBOUND = (TAG_OTHER << TAG_SHIFT) | BigInt(immediates.unbound);
export const THROW = (TAG_OTHER << TAG_SHIFT) | BigInt(immediates.throw);

export const SIGN_BIT = 1n << 63n;
/** A NaN constant's word: no identity payload (the runtime gives computed NaNs one). */
export const CANONICAL_NAN = BigInt(RUNTIME_ABI.nanTops[0]) << TAG_SHIFT;

export function isSmallInt(v: bigint): boolean {
  return v >= SMALL_INT_MIN && v <= SMALL_INT_MAX;
}

/** The word of a small int (precondition: `isSmallInt(v)`). */
export function boxSmallInt(v: bigint): bigint {
  return (TAG_INT << TAG_SHIFT) | (BigInt.asUintN(64, v) & PAYLOAD_MASK);
}

export function boxBool(v: boolean): bigint {
  return v ? TRUE : FALSE;
}

/** The word of a float: its IEEE bits, NaN canonicalised with its sign kept. */
export function boxFloat(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  if (Number.isNaN(x)) return (bits & SIGN_BIT) | CANONICAL_NAN;
  return bits;
}
