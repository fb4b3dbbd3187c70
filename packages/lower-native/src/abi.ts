// abi.ts — the NaN-boxing numbers of specs/runtime-abi.md §1 and the encoding
// of constant words at compile time. Neighbours: lower.ts and fastpaths.ts
// emit the same bit tests inline.

/** Tag values: the top 16 bits of a word. */
export const TAG_INT = 0xfff9n;
export const TAG_PTR = 0xfffan;
export const TAG_BOOL = 0xfffbn;
export const TAG_NONE = 0xfffcn;
export const TAG_OTHER = 0xfffdn;
/** A bound-method word from `method.load`: owns a reference to its function. */
export const TAG_METHOD = 0xfffen;

export const PAYLOAD_MASK = (1n << 48n) - 1n;
export const SMALL_INT_MIN = -(1n << 47n);
export const SMALL_INT_MAX = (1n << 47n) - 1n;

export const ERR = -1n;
export const NONE = TAG_NONE << 48n;
export const FALSE = TAG_BOOL << 48n;
export const TRUE = (TAG_BOOL << 48n) | 1n;
export const NOT_IMPLEMENTED = (TAG_OTHER << 48n) | 1n;
export const ELLIPSIS = (TAG_OTHER << 48n) | 2n;
export const UNBOUND = (TAG_OTHER << 48n) | 3n;
export const THROW = (TAG_OTHER << 48n) | 4n;

export const SIGN_BIT = 1n << 63n;
export const CANONICAL_NAN = 0x7ff8_0000_0000_0000n;

export function isSmallInt(v: bigint): boolean {
  return v >= SMALL_INT_MIN && v <= SMALL_INT_MAX;
}

/** The word of a small int (precondition: `isSmallInt(v)`). */
export function boxSmallInt(v: bigint): bigint {
  return (TAG_INT << 48n) | (BigInt.asUintN(64, v) & PAYLOAD_MASK);
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
