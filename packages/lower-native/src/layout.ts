// layout.ts — byte offsets inside runtime objects that compiled code reads
// inline, from @molt/ir's RUNTIME_ABI.layout64 (the single source of the
// runtime's generated abi_consts.rs, whose test `tests::layout` checks them
// against the runtime's structs and live objects, so a changed struct fails
// the runtime's tests). Neighbours: lower.ts (`func.globals`), fastpaths.ts
// (list/tuple indexing).

import { RUNTIME_ABI } from '@molt/ir';

const L = RUNTIME_ABI.layout64;

/** `FunctionObject.globals` (runtime `FUNCTION_GLOBALS_OFFSET`). */
export const FUNCTION_GLOBALS = L.functionGlobals;
/** `ObjHeader.type`: the type object pointer. */
export const OBJ_TYPE = L.objType;
/** `ObjHeader.flags` (u32) and its bit `OF_IMMEDIATE_ITEMS`: a list whose items are all immediates. */
export const OBJ_FLAGS = L.objFlags;
export const OF_IMMEDIATE_ITEMS = RUNTIME_ABI.headerFlags.immediateItems;
/** A list's item pointer and length (runtime `LIST_ITEMS_PTR_OFFSET`, `LIST_LEN_OFFSET`): a
 * `#[repr(C)]` `CVec {ptr, len, cap}` right after the 16-byte header. */
export const LIST_ITEMS = L.listItems;
export const LIST_LEN = L.listLen;
/** A tuple's item pointer and length (runtime `TUPLE_ITEMS_PTR_OFFSET`, `TUPLE_LEN_OFFSET`). */
export const TUPLE_ITEMS = L.tupleItems;
export const TUPLE_LEN = L.tupleLen;
/** `FunctionObject.code` (a raw `*mut CodeObject`) and `CodeObject.code_id` (u32). */
export const FUNCTION_CODE = L.functionCode;
export const CODE_ID = L.codeId;
/** A dict's `entries` item pointer and length (runtime `DICT_ENTRIES_PTR_OFFSET`,
 * `DICT_ENTRIES_LEN_OFFSET`, a `CVec`); an entry is `#[repr(C)] {hash, key, value}`. */
export const DICT_ENTRIES = L.dictEntries;
export const DICT_LEN = L.dictLen;
export const ENTRY_SIZE = L.dictEntrySize;
export const ENTRY_KEY = L.dictEntryKey;
export const ENTRY_VALUE = L.dictEntryValue;
/** A generator's frame slot pointer (runtime `GEN_SLOTS_PTR_OFFSET`, a `CVec` of words). */
export const GEN_SLOTS = L.genSlots;
/** `TypeObject.version` (u32; runtime `tests::layout` checks it). */
export const TYPE_VERSION = L.typeVersion;
/** A dict's key bloom word (runtime `dict_bloom_offset()`). */
export const DICT_BLOOM = L.dictBloom;
/** A list iterator's list word (0 once exhausted) and its next index (runtime `IndexIter`). */
export const LIST_ITER_SEQ = L.listIterSeq;
export const LIST_ITER_INDEX = L.listIterIndex;
