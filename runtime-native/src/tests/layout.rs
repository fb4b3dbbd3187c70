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
        let code = word_at(f, 16) as *const u8;
        assert_eq!(*(code.add(16) as *const u32), id);
        let len = word_at(g, 32) as usize;
        assert!(ix < len);
        let entry = (word_at(g, 24) as *const u8).add(ix * 24);
        assert_eq!(*(entry.add(8) as *const u64), key);
        assert_eq!(*(entry.add(16) as *const u64), int(42));
    }
}
