use super::*;
use crate::types::tuple::*;

fn f_return_params(_s: u64, p: &[u64]) -> u64 {
    tuple_from(p)
}

fn mkf() -> u64 {
    let id = def(
        &info("f", &[("a", "posonly"), ("b", "normal"), ("args", "varargs"), ("c", "kwonly"), ("kw", "varkw")]),
        5,
        f_return_params,
    );
    func(id)
}

#[test]
fn binds_positional_varargs_kwonly_varkw() {
    setup();
    let f = mkf();
    let r = call_kw(f, &[int(1), int(2), int(3), int(4), int(5), int(6)], &["c", "z"]);
    let items = tuple_items(r);
    assert_eq!(rep(tuple_from(&items[..4])), "(1, 2, (3, 4), 5)");
    assert_eq!(crate::types::dict::dict_get_str(items[4], "z"), Some(int(6)));
}

#[test]
fn binding_error_messages_match_cpython() {
    setup();
    let id = def(&info("g", &[("a", "normal"), ("b", "normal")]), 2, f_return_params);
    let g = func(id);
    assert_eq!(call(g, &[int(1)]), ERR);
    assert_eq!(err_text(), "TypeError: g() missing 1 required positional argument: 'b'");
    assert_eq!(call(g, &[]), ERR);
    assert_eq!(err_text(), "TypeError: g() missing 2 required positional arguments: 'a' and 'b'");
    assert_eq!(call(g, &[int(1), int(2), int(3)]), ERR);
    assert_eq!(err_text(), "TypeError: g() takes 2 positional arguments but 3 were given");
    assert_eq!(call_kw(g, &[int(1), int(2), int(3)], &["x"]), ERR);
    assert_eq!(err_text(), "TypeError: g() got an unexpected keyword argument 'x'");
    assert_eq!(call_kw(g, &[int(1), int(2)], &["a"]), ERR);
    assert_eq!(err_text(), "TypeError: g() got multiple values for argument 'a'");
    let f = mkf();
    assert_eq!(call(f, &[int(1), int(2)]), ERR);
    assert_eq!(err_text(), "TypeError: f() missing 1 required keyword-only argument: 'c'");
    let h = func(def(&info("h", &[("a", "posonly")]), 1, f_return_params));
    assert_eq!(call_kw(h, &[int(1)], &["a"]), ERR);
    assert_eq!(
        err_text(),
        "TypeError: h() got some positional-only arguments passed as keyword arguments: 'a'"
    );
    let k = func(def(&info("k", &[("a", "normal"), ("b", "kwonly")]), 2, f_return_params));
    assert_eq!(call_kw(k, &[int(1), int(2), int(3)], &["b"]), ERR);
    assert_eq!(
        err_text(),
        "TypeError: k() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given"
    );
}

#[test]
fn defaults_fill_missing_parameters() {
    setup();
    let id = def(&info("d", &[("a", "normal"), ("b", "normal"), ("c", "kwonly")]), 3, f_return_params);
    let defaults = tuple_from(&[int(20)]);
    let kwd = crate::types::dict::dict_new();
    crate::types::dict::dict_set_str(kwd, "c", int(30));
    let f = crate::types::function::molt_func_new(defaults, kwd, NONE, NONE, id as u64);
    assert_eq!(rep(call(f, &[int(1)])), "(1, 20, 30)");
    assert_eq!(call(f, &[int(1), int(2), int(3)]), ERR);
    assert_eq!(err_text(), "TypeError: d() takes from 1 to 2 positional arguments but 3 were given");
}

fn recurse(s: u64, _p: &[u64]) -> u64 {
    crate::protocols::call::call_function(s, &[], 0)
}

#[test]
fn recursion_limit_raises_recursion_error() {
    setup();
    let f = func(def(&info("r", &[]), 0, recurse));
    assert_eq!(call(f, &[]), ERR);
    assert_eq!(err_text(), "RecursionError: maximum recursion depth exceeded");
    assert_eq!(crate::runtime::rt().depth, 0);
}

#[test]
fn cells_and_free_variable_errors() {
    setup();
    let c = crate::types::cell::molt_cell_new(UNBOUND);
    assert_eq!(crate::types::cell::molt_cell_get(c, s("x")), ERR);
    assert_eq!(
        err_text(),
        "NameError: cannot access free variable 'x' where it is not associated with a value in enclosing scope"
    );
    crate::types::cell::molt_cell_set(c, int(3));
    assert_eq!(crate::types::cell::molt_cell_get(c, s("x")), int(3));
}

#[test]
fn call_ex_with_tuple_and_dict() {
    setup();
    let f = mkf();
    let args = tuple_from(&[int(1), int(2)]);
    let kw = crate::types::dict::dict_new();
    crate::types::dict::dict_set_str(kw, "c", int(9));
    let r = crate::protocols::call::molt_call_ex(f, args, kw);
    assert_eq!(rep(tuple_from(&tuple_items(r)[..4])), "(1, 2, (), 9)");
    assert_eq!(crate::types::dict::dict_len(tuple_items(r)[4]), 0);
    assert_eq!(crate::protocols::call::molt_call_ex(int(1), args, NONE), ERR);
    assert_eq!(err_text(), "TypeError: 'int' object is not callable");
}

#[test]
fn builtin_methods_via_callmethod() {
    setup();
    let t = crate::typeobj::tpw(crate::typeobj::TypeId::Type);
    let mro = crate::protocols::call::call_method_str(crate::typeobj::tpw(crate::typeobj::TypeId::Bool), "mro", &[]);
    assert_eq!(rep(mro), "[<class 'bool'>, <class 'int'>, <class 'object'>]");
    let _ = t;
    let hash = crate::modules::globals::molt_builtin(s("hash"));
    assert_eq!(call(hash, &[int(-1)]), int(-2));
}
