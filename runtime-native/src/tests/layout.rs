//! Object-layout facts that compiled code relies on (lower-native's
//! `layout.ts` mirrors these numbers): checked by reading the words at the
//! given offsets of live objects, so a reordered struct fails here.

use super::*;
use crate::value::as_obj;

unsafe fn word_at(obj: u64, offset: usize) -> u64 {
    *((as_obj::<u8>(obj) as *const u8).add(offset) as *const u64)
}

#[test]
fn function_globals_offset() {
    setup();
    let id = def(&info("g", &[("a", "normal")]), 1, |_s, _p| crate::value::NONE);
    let f = func(id);
    let g = crate::types::function::globals_of(f);
    // SAFETY: f is a live function object.
    assert_eq!(unsafe { word_at(f, crate::types::function::FUNCTION_GLOBALS_OFFSET) }, g);
    assert_eq!(crate::types::function::FUNCTION_GLOBALS_OFFSET, 24);
}

#[test]
fn list_and_tuple_item_offsets() {
    setup();
    let items = [int(7), int(8), int(9)];
    let l = crate::types::list::list_from(&items);
    crate::types::list::list_append(l, int(10));
    let t = crate::types::tuple::tuple_from(&items);
    // SAFETY: live list and tuple; offsets per LIST_*/TUPLE_* below.
    unsafe {
        let lp = word_at(l, crate::types::list::LIST_ITEMS_PTR_OFFSET) as *const u64;
        assert_eq!(word_at(l, crate::types::list::LIST_LEN_OFFSET), 4);
        assert_eq!(*lp.add(2), int(9));
        let tp_ = word_at(t, crate::types::tuple::TUPLE_ITEMS_PTR_OFFSET) as *const u64;
        assert_eq!(word_at(t, crate::types::tuple::TUPLE_LEN_OFFSET), 3);
        assert_eq!(*tp_.add(1), int(8));
    }
}

#[test]
fn function_code_id_and_dict_entry_offsets() {
    setup();
    let id = def(&info("h", &[("a", "normal")]), 1, |_s, _p| crate::value::NONE);
    let f = func(id);
    let g = crate::types::function::globals_of(f);
    crate::types::dict::dict_set_str(g, "layout_probe", int(42));
    let key = crate::types::str::intern("layout_probe");
    let ix = crate::types::dict::dict_index_of_str_key(g, key).unwrap();
    // SAFETY: live function, code object and dict; offsets documented in layout.ts.
    unsafe {
        let code = word_at(f, crate::abi_consts::LAYOUT_FUNCTION_CODE) as *const u8;
        assert_eq!(*(code.add(crate::abi_consts::LAYOUT_CODE_ID) as *const u32), id);
        let len = word_at(g, crate::types::dict::DICT_ENTRIES_LEN_OFFSET) as usize;
        assert!(ix < len);
        let es = crate::types::dict::ENTRY_SIZE;
        let entry = (word_at(g, crate::types::dict::DICT_ENTRIES_PTR_OFFSET) as *const u8).add(ix * es);
        assert_eq!(*(entry.add(crate::types::dict::ENTRY_KEY_OFFSET) as *const u64), key);
        assert_eq!(*(entry.add(crate::types::dict::ENTRY_VALUE_OFFSET) as *const u64), int(42));
    }
}

/// The offsets of the generated ABI file (packages/ir/src/runtimeAbi.ts,
/// which both backends read) are the runtime structs' own (64-bit targets).
#[cfg(target_pointer_width = "64")]
#[test]
fn generated_layout_matches_the_structs() {
    use crate::abi_consts::*;
    use crate::types::{dict, function, list, tuple};
    assert_eq!((list::LIST_ITEMS_PTR_OFFSET, list::LIST_LEN_OFFSET), (LAYOUT_LIST_ITEMS, LAYOUT_LIST_LEN));
    assert_eq!((tuple::TUPLE_ITEMS_PTR_OFFSET, tuple::TUPLE_LEN_OFFSET), (LAYOUT_TUPLE_ITEMS, LAYOUT_TUPLE_LEN));
    assert_eq!((dict::DICT_ENTRIES_PTR_OFFSET, dict::DICT_ENTRIES_LEN_OFFSET), (LAYOUT_DICT_ENTRIES, LAYOUT_DICT_LEN));
    assert_eq!(
        (dict::ENTRY_SIZE, dict::ENTRY_KEY_OFFSET, dict::ENTRY_VALUE_OFFSET),
        (LAYOUT_DICT_ENTRY_SIZE, LAYOUT_DICT_ENTRY_KEY, LAYOUT_DICT_ENTRY_VALUE)
    );
    assert_eq!(function::FUNCTION_GLOBALS_OFFSET, LAYOUT_FUNCTION_GLOBALS);
    assert_eq!(crate::types::generator::GEN_SLOTS_PTR_OFFSET, LAYOUT_GEN_SLOTS);
    assert_eq!(dict::dict_bloom_offset(), LAYOUT_DICT_BLOOM);
    let t = std::mem::MaybeUninit::<crate::typeobj::TypeObject>::uninit();
    // SAFETY: only the field's address is taken, nothing is read.
    let version = unsafe { std::ptr::addr_of!((*t.as_ptr()).version) } as usize;
    assert_eq!(version - t.as_ptr() as usize, LAYOUT_TYPE_VERSION);
    let g = std::mem::MaybeUninit::<crate::types::generator::GeneratorObject>::uninit();
    // SAFETY: only the field's address is taken, nothing is read.
    let field = unsafe { std::ptr::addr_of!((*g.as_ptr()).slots) } as usize;
    assert_eq!(field - g.as_ptr() as usize + crate::cvec::CVEC_PTR_OFFSET, LAYOUT_GEN_SLOTS);
    assert_eq!(std::mem::size_of::<usize>(), LAYOUT_OBJ_TYPE);
}

/// The start-up check the wasm runtime runs (`entry::layout_mismatch`)
/// accepts this target's real layout.
#[test]
fn layout_check_accepts_the_real_layout() {
    assert_eq!(crate::entry::layout_mismatch(), None);
}

/// A list survives growth, slicing and sorting with the fixed layout.
#[test]
fn list_layout_after_mutation() {
    setup();
    let l = crate::types::list::list_from(&[]);
    for i in 0..1000 {
        crate::types::list::list_append(l, int(999 - i));
    }
    crate::types::list::list_sort(l, crate::value::NONE, false).unwrap();
    // SAFETY: live list; offsets per LIST_*.
    unsafe {
        let lp = word_at(l, crate::types::list::LIST_ITEMS_PTR_OFFSET) as *const u64;
        assert_eq!(word_at(l, crate::types::list::LIST_LEN_OFFSET), 1000);
        assert_eq!(*lp.add(5), int(5));
    }
}
