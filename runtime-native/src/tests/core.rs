use super::*;
use crate::typeobj::*;
use crate::types::dict::*;

#[test]
fn nan_boxing_round_trips() {
    for i in [0i64, 1, -1, INT_MAX, INT_MIN, 123456789] {
        let w = small_int(i);
        assert!(is_int(w) && !is_float(w) && !is_ptr(w));
        assert_eq!(int_val(w), i);
    }
    assert!(is_float(box_float(1.5)));
    assert!(is_float(CANON_NAN_NEG));
    assert_eq!(box_bool(true), TRUE);
    assert_eq!(std::mem::size_of::<ObjHeader>(), 16);
}

#[test]
fn nans_have_identities() {
    // A NaN without an identity gets a fresh one, with its sign; one with an
    // identity keeps it (re-boxing, propagation through arithmetic).
    let a = box_float(f64::NAN);
    let b = box_float(f64::NAN);
    assert!(a != b && is_float(a) && is_float(b) && float_val(a).is_nan());
    assert!(is_identity_nan(a) && a >> 48 == 0x7FF8);
    let n = box_float(-f64::NAN);
    assert!(is_float(n) && n >> 48 == 0xFFF8 && float_val(n).is_sign_negative());
    assert_eq!(box_float(float_val(a)), a);
    assert_eq!(box_nan(a), a);
    assert!(is_float(box_nan(0x7FFF_0000_0000_0001)) && box_nan(0x7FFF_0000_0000_0001) >> 48 == 0x7FF8);
    assert_eq!(crate::types::float::hash_f64(float_val(a)), crate::types::float::hash_f64(float_val(a)));
    assert!(crate::types::float::hash_f64(float_val(a)) != crate::types::float::hash_f64(float_val(b)));
}

#[test]
fn big_ints_leave_the_immediate_range() {
    setup();
    let w = int(INT_MAX + 1);
    assert!(is_ptr(w));
    assert_eq!(text(w), (INT_MAX + 1).to_string());
    assert_eq!(crate::types::int::as_i64(w), Some(INT_MAX + 1));
}

#[test]
fn refcounts_and_immortals() {
    setup();
    let l = crate::types::list::list_new(Vec::new());
    assert_eq!(refcnt(l), 1);
    incref(l);
    assert_eq!(refcnt(l), 2);
    decref(l);
    decref(l);
    let i = s("immortal-string");
    let before = refcnt(i);
    incref(i);
    decref(i);
    decref(i);
    assert_eq!(refcnt(i), before);
    assert_eq!(before, IMMORTAL);
}

#[test]
fn dict_insert_lookup_delete_keeps_order() {
    setup();
    let d = dict_new();
    for i in 0..1000 {
        dict_set(d, int(i), int(i * 2)).unwrap();
    }
    assert_eq!(dict_len(d), 1000);
    for i in (0..1000).step_by(2) {
        assert!(dict_del(d, int(i)).unwrap());
    }
    assert_eq!(dict_len(d), 500);
    assert_eq!(dict_get(d, int(7)).unwrap(), Some(int(14)));
    assert_eq!(dict_get(d, int(8)).unwrap(), None);
    let keys: Vec<i64> = dict_entries(d).map(|(k, _)| int_val(k)).take(3).collect();
    assert_eq!(keys, vec![1, 3, 5]);
    let k = crate::types::str::str_from("hello");
    dict_set(d, k, TRUE).unwrap();
    assert_eq!(dict_get(d, s("hello")).unwrap(), Some(TRUE));
    // 1 == 1.0 == True hash alike
    dict_set(d, box_float(1.0), NONE).unwrap();
    assert_eq!(dict_get(d, int(1)).unwrap(), Some(NONE));
    decref(k);
    decref(d);
}

#[test]
fn unhashable_key_message() {
    setup();
    let d = dict_new();
    let l = crate::types::list::list_new(Vec::new());
    assert!(dict_set(d, l, NONE).is_err());
    assert_eq!(err_text(), "TypeError: unhashable type: 'list'");
}

#[test]
fn interning_gives_identity() {
    setup();
    assert_eq!(s("abc"), s("abc"));
    let p = "xyz";
    // SAFETY: valid pointer/length.
    let a = unsafe { crate::entry::molt_str_from_utf8(p.as_ptr(), 3) };
    assert_eq!(a, s("xyz"));
}

#[test]
fn reprs_of_core_values() {
    setup();
    assert_eq!(rep(NONE), "None");
    assert_eq!(rep(TRUE), "True");
    assert_eq!(rep(int(-5)), "-5");
    assert_eq!(rep(box_float(0.1)), "0.1");
    assert_eq!(rep(box_float(1e16)), "1e+16");
    assert_eq!(rep(box_float(2.0)), "2.0");
    assert_eq!(rep(s("it's")), "\"it's\"");
    assert_eq!(rep(from_ptr(tp(TypeId::Int))), "<class 'int'>");
    assert_eq!(rep(crate::types::tuple::tuple_new(vec![])), "()");
}

#[test]
fn binary_ops_and_messages() {
    setup();
    assert_eq!(crate::protocols::number::molt_add(int(2), int(3)), int(5));
    assert_eq!(text(crate::protocols::number::molt_add(s("a"), s("b"))), "ab");
    assert_eq!(crate::protocols::number::molt_floordiv(int(-7), int(2)), int(-4));
    assert_eq!(crate::protocols::number::molt_mod(int(-7), int(2)), int(1));
    assert_eq!(crate::protocols::number::molt_add(int(1), s("a")), ERR);
    assert_eq!(err_text(), "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
    assert_eq!(crate::protocols::number::molt_truediv(int(1), int(0)), ERR);
    assert_eq!(err_text(), "ZeroDivisionError: division by zero");
    assert_eq!(crate::protocols::compare::molt_lt(int(1), s("a")), ERR);
    assert_eq!(err_text(), "TypeError: '<' not supported between instances of 'int' and 'str'");
    assert_eq!(crate::protocols::number::molt_neg(s("a")), ERR);
    assert_eq!(err_text(), "TypeError: bad operand type for unary -: 'str'");
    assert_eq!(crate::protocols::compare::molt_eq(int(1), box_float(1.0)), TRUE);
}

#[test]
fn truthiness_and_len() {
    setup();
    assert_eq!(crate::protocols::truth::molt_truthy(int(0)), 0);
    assert_eq!(crate::protocols::truth::molt_truthy(s("")), 0);
    assert_eq!(crate::protocols::truth::molt_truthy(s("x")), 1);
    assert_eq!(crate::protocols::item::molt_len(int(3)), ERR);
    assert_eq!(err_text(), "TypeError: object of type 'int' has no len()");
}

#[test]
fn print_is_buffered_with_sep_and_end() {
    setup();
    crate::modules::sys::flush_stdout();
    let print = crate::modules::globals::molt_builtin(s("print"));
    let r = call_kw(print, &[int(1), s("a"), NONE, s("-"), s("!")], &["sep", "end"]);
    assert_eq!(r, NONE);
    let buf = String::from_utf8(crate::runtime::rt().stdout_buf.clone()).unwrap();
    assert_eq!(buf, "1-a-None!");
    crate::runtime::rt().stdout_buf.clear();
    let r = call_kw(print, &[int(1)], &["sep"]);
    assert_eq!(r, ERR);
    assert_eq!(err_text(), "TypeError: sep must be None or a string, not int");
}

#[test]
fn isinstance_with_tuples_and_errors() {
    setup();
    let isinst = crate::modules::globals::molt_builtin(s("isinstance"));
    let tup = crate::types::tuple::tuple_from(&[tpw(TypeId::Str), tpw(TypeId::Int)]);
    assert_eq!(call(isinst, &[TRUE, tup]), TRUE);
    assert_eq!(call(isinst, &[box_float(1.0), tup]), FALSE);
    assert_eq!(call(isinst, &[int(1), int(2)]), ERR);
    assert_eq!(err_text(), "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union");
}

#[test]
fn cycle_collector_frees_list_cycles() {
    setup();
    let a = crate::types::list::list_new(Vec::new());
    let b = crate::types::list::list_new(Vec::new());
    crate::types::list::list_append(a, b);
    crate::types::list::list_append(b, a);
    decref(a);
    decref(b);
    let freed = crate::gc::collect();
    assert!(freed >= 2, "freed {}", freed);
}

#[test]
fn code_info_parser_is_tolerant() {
    setup();
    let j = r#"{"name":"f","qualname":"C.f","filename":"m.py","firstLine":3,"extra":[1,{"x":null}],
        "params":[{"name":"a","kind":"posonly"},{"name":"b","kind":"normal"},{"name":"args","kind":"varargs"},
        {"name":"k","kind":"kwonly"},{"name":"kw","kind":"varkw"}],"flags":{"generator":true,"module":false}}"#;
    let c = crate::types::code::code_from_info(5000, j).unwrap();
    // SAFETY: c is a code object.
    unsafe {
        let co = as_obj::<crate::types::code::CodeObject>(c);
        assert_eq!((*co).nargs, 2);
        assert_eq!((*co).nposonly, 1);
        assert_eq!((*co).nkwonly, 1);
        assert!((*co).has_varargs && (*co).has_varkw);
        assert_eq!((*co).flags & crate::types::code::CO_GENERATOR, crate::types::code::CO_GENERATOR);
        assert_eq!(str_as((*co).qualname), "C.f");
    }
}
