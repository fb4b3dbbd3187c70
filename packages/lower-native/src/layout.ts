// layout.ts — byte offsets inside runtime objects that compiled code reads
// inline. They mirror constants of runtime-native (types/function.rs,
// types/list.rs, types/tuple.rs), whose test `tests::layout` reads live
// objects at these offsets, so a changed struct fails the runtime's tests.
// Neighbours: lower.ts (`func.globals`), fastpaths.ts (list/tuple indexing).

/** `FunctionObject.globals` (runtime `FUNCTION_GLOBALS_OFFSET`). */
export const FUNCTION_GLOBALS = 24;
/** `ObjHeader.type`: the type object pointer. */
export const OBJ_TYPE = 8;
/** A list's item pointer and length (runtime `LIST_ITEMS_PTR_OFFSET`, `LIST_LEN_OFFSET`): a
 * `#[repr(C)]` `CVec {ptr, len, cap}` right after the 16-byte header. */
export const LIST_ITEMS = 16;
export const LIST_LEN = 24;
/** A tuple's item pointer and length (runtime `TUPLE_ITEMS_PTR_OFFSET`, `TUPLE_LEN_OFFSET`). */
export const TUPLE_ITEMS = 16;
export const TUPLE_LEN = 24;
/** `FunctionObject.code` (a raw `*mut CodeObject`) and `CodeObject.code_id` (u32). */
export const FUNCTION_CODE = 16;
export const CODE_ID = 16;
/** A dict's `entries` item pointer and length (runtime `DICT_ENTRIES_PTR_OFFSET`,
 * `DICT_ENTRIES_LEN_OFFSET`, a `CVec`); an entry is `#[repr(C)] {hash, key, value}` (24 bytes). */
export const DICT_ENTRIES = 16;
export const DICT_LEN = 24;
export const ENTRY_SIZE = 24;
export const ENTRY_KEY = 8;
export const ENTRY_VALUE = 16;
