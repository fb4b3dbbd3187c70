//! Sequence repetition gives a user class's `__rmul__` its turn first
//! (`[7] * Rep()` with `Rep.__index__` and `Rep.__rmul__` calls `__rmul__`),
//! falls back to `__index__` otherwise, and names the right operand's type
//! in the error for `[1] * ListSub()`.

use super::classes::class;
use super::*;

fn index3(_s: u64, _p: &[u64]) -> u64 {
    int(3)
}

fn rmul(_s: u64, _p: &[u64]) -> u64 {
    s("rmul")
}

#[test]
fn list_and_tuple_repeat_defer_to_rmul() {
    setup();
    let idx = func(def(&info("__index__", &[("self", "normal")]), 1, index3));
    let rm = func(def(&info("__rmul__", &[("self", "normal"), ("other", "normal")]), 2, rmul));
    let rep_cls = class("Rep", &[], &[("__index__", idx), ("__rmul__", rm)]);
    let only_index = class("Idx", &[], &[("__index__", idx)]);
    let r = call(rep_cls, &[]);
    let i = call(only_index, &[]);
    let l = crate::types::list::list_from(&[int(7)]);
    let t = crate::types::tuple::tuple_from(&[int(7)]);
    let mul = |a: u64, b: u64| crate::protocols::number::molt_mul(a, b);
    assert_eq!(text(mul(l, r)), "rmul");
    assert_eq!(text(mul(t, r)), "rmul");
    assert_eq!(rep(mul(r, l)), "[7, 7, 7]");
    assert_eq!(rep(mul(l, i)), "[7, 7, 7]");
    assert_eq!(rep(mul(i, t)), "(7, 7, 7)");
    let ls = class("LS", &[crate::typeobj::tpw(crate::typeobj::TypeId::List)], &[]);
    let x = call(ls, &[]);
    assert_eq!(mul(l, x), ERR);
    assert_eq!(err_text(), "TypeError: can't multiply sequence by non-int of type 'LS'");
}
