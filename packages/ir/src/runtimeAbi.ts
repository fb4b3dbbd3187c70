// runtimeAbi.ts — the single source of the runtime ABI numbers that compiled
// code depends on (specs/runtime-abi.md §1 and §8): the NaN-boxing tags and
// immediate words, and the byte offsets inside runtime objects that native
// code reads inline. Backends derive their constants from `RUNTIME_ABI`;
// tools/gen-ir.mjs writes the runtime's copy (runtime-native/src/abi_consts.rs),
// whose values the runtime uses directly and whose layout offsets its test
// `tests::layout` checks against live objects. Change a number here, run
// `node tools/gen-ir.mjs`, and both sides move together.
// Neighbours: packages/lower-native/src/{abi,layout}.ts, packages/lower-wasm/src/abi.ts,
// runtime-native/src/value.rs.

export interface RuntimeAbi {
  /** A word's tag is its top 16 bits (`word >> tagShift`); a float is any word whose tag is below `tags.int`. */
  readonly tagShift: number;
  readonly tags: {
    readonly int: number;
    readonly ptr: number;
    readonly bool: number;
    readonly none: number;
    /** Other immediates (`immediates` below). */
    readonly other: number;
    /** METHOD words of `method.load` (internal, own a reference). */
    readonly method: number;
  };
  /** Payloads of the `other` tag. */
  readonly immediates: {
    readonly notImplemented: number;
    readonly ellipsis: number;
    /** Internal marker: unbound local, exhausted iterator. */
    readonly unbound: number;
    /** Internal marker: the sent value of a generator being thrown into. */
    readonly throw: number;
  };
  /** Small ints are the low `smallIntBits` bits, sign-extended. */
  readonly smallIntBits: number;
  /** Top 16 bits of a boxed NaN (positive, negative); its low 48 bits are its identity. */
  readonly nanTops: readonly [number, number];
  /**
   * Bits of the header's `flags` word (a u32 at `layout64.objFlags`) that
   * compiled code tests or clears inline.
   */
  readonly headerFlags: {
    /**
     * On a list: every item is an immediate (neither a heap pointer nor a
     * METHOD word), so overwriting an item releases nothing. Set only when
     * the runtime builds a list it knows is so; any runtime path that hands
     * out the items for mutation clears it; a compiled item store keeps it
     * for an immediate value and clears it otherwise.
     */
    readonly immediateItems: number;
  };
  /**
   * Byte offsets inside runtime objects on 64-bit targets (native), read
   * inline by compiled code. Every object starts with a 16-byte header
   * whose second word is its type.
   */
  readonly layout64: {
    /** `ObjHeader.flags` (u32; bits in `headerFlags`). */
    readonly objFlags: number;
    readonly objType: number;
    readonly functionCode: number;
    readonly functionGlobals: number;
    readonly codeId: number;
    readonly listItems: number;
    readonly listLen: number;
    readonly tupleItems: number;
    readonly tupleLen: number;
    readonly dictEntries: number;
    readonly dictLen: number;
    readonly dictEntrySize: number;
    readonly dictEntryKey: number;
    readonly dictEntryValue: number;
    /** A generator's frame slots: the pointer of its `CVec` of words. */
    readonly genSlots: number;
    /** A type object's `version` (u32), bumped when the type or a base changes. */
    readonly typeVersion: number;
    /** A dict's key bloom (u64: bit `hash & 63` of every key inserted). */
    readonly dictBloom: number;
    /** A list iterator's list (u64, 0 once exhausted) and next index (i64). */
    readonly listIterSeq: number;
    readonly listIterIndex: number;
  };
  /**
   * Byte offsets inside runtime objects on wasm32, read inline by compiled
   * wasm code: the header's type pointer (u32) and the item pointer and
   * length (u32 each) of lists (a `#[repr(C)]` `CVec`) and tuples (a boxed
   * slice). The wasm runtime checks them when it starts (runtime-wasm
   * `check_layout`), so a mismatch stops every program instead of reading
   * the wrong field.
   */
  /**
   * Per-site inline caches that compiled code allocates and the runtime's
   * `molt_*_cached` functions fill (specs/runtime-abi.md §8): `getattr` and
   * `setattr` sites hold `attrEntries` entries of 4 words, `method.load`
   * sites `methodEntries` entries of 5 words. Compiled code checks the
   * first `inlineEntries` of them inline; the runtime checks them all.
   */
  readonly caches: {
    readonly attrEntries: number;
    readonly methodEntries: number;
    readonly inlineEntries: number;
  };
  readonly layout32: {
    /** `ObjHeader.flags` (u32; bits in `headerFlags`). */
    readonly objFlags: number;
    readonly objType: number;
    readonly listItems: number;
    readonly listLen: number;
    readonly tupleItems: number;
    readonly tupleLen: number;
    /** A list iterator's list (u64, 0 once exhausted) and next index (i64). */
    readonly listIterSeq: number;
    readonly listIterIndex: number;
    /** A dict's entry pointer and length (u32 each; `global.get` reads its cached entry inline). */
    readonly dictEntries: number;
    readonly dictLen: number;
    /** A dict entry `{hash, key, value}` (three 8-byte words on both targets). */
    readonly dictEntrySize: number;
    readonly dictEntryKey: number;
    readonly dictEntryValue: number;
  };
}

export const RUNTIME_ABI: RuntimeAbi = {
  tagShift: 48,
  tags: { int: 0xfff9, ptr: 0xfffa, bool: 0xfffb, none: 0xfffc, other: 0xfffd, method: 0xfffe },
  immediates: { notImplemented: 1, ellipsis: 2, unbound: 3, throw: 4 },
  smallIntBits: 48,
  nanTops: [0x7ff8, 0xfff8],
  headerFlags: { immediateItems: 8 },
  layout64: {
    objFlags: 4,
    objType: 8,
    functionCode: 16,
    functionGlobals: 24,
    codeId: 16,
    listItems: 16,
    listLen: 24,
    tupleItems: 16,
    tupleLen: 24,
    dictEntries: 16,
    dictLen: 24,
    dictEntrySize: 24,
    dictEntryKey: 8,
    dictEntryValue: 16,
    genSlots: 40,
    typeVersion: 648,
    dictBloom: 240,
    listIterSeq: 16,
    listIterIndex: 24,
  },
  caches: {
    attrEntries: 4,
    methodEntries: 4,
    inlineEntries: 2,
  },
  layout32: {
    objFlags: 4,
    objType: 8,
    listItems: 16,
    listLen: 20,
    tupleItems: 16,
    tupleLen: 20,
    listIterSeq: 16,
    listIterIndex: 24,
    dictEntries: 16,
    dictLen: 20,
    dictEntrySize: 24,
    dictEntryKey: 8,
    dictEntryValue: 16,
  },
};
