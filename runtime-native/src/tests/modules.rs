use super::*;
use crate::modules::globals::*;
use crate::modules::imports::*;

fn pkg_body(m: u64, _p: &[u64]) -> u64 {
    let g = crate::types::function::molt_func_globals(m);
    molt_global_set(g, s("X"), int(1))
}

fn sub_body(m: u64, _p: &[u64]) -> u64 {
    let g = crate::types::function::molt_func_globals(m);
    // from . import X
    let pkg = tri!(molt_import(s(""), g, crate::types::tuple::tuple_from(&[s("X")]), 1));
    let x = tri!(molt_import_from(pkg, s("X")));
    molt_global_set(g, s("Y"), crate::protocols::number::molt_add(x, int(1)))
}

fn fail_body(_m: u64, _p: &[u64]) -> u64 {
    crate::errors::raise_value_error("boom".to_string())
}

#[test]
fn packages_relative_imports_and_errors() {
    setup();
    let p = def(&info("<module>", &[]), 0, pkg_body);
    let sb = def(&info("<module>", &[]), 0, sub_body);
    molt_module_register(s("tpkg"), p, 1);
    molt_module_register(s("tpkg.sub"), sb, 0);
    let top = molt_import(s("tpkg.sub"), NONE, NONE, 0);
    assert_ne!(top, ERR, "{}", err_text());
    assert_eq!(text(getattr(top, "__name__")), "tpkg");
    let sub = getattr(top, "sub");
    assert_eq!(getattr(sub, "Y"), int(2));
    assert_eq!(molt_import(s("nope_mod"), NONE, NONE, 0), ERR);
    assert_eq!(err_text(), "ModuleNotFoundError: No module named 'nope_mod'");
    assert_eq!(molt_import_from(top, s("zzz")), ERR);
    assert_eq!(err_text(), "ImportError: cannot import name 'zzz' from 'tpkg' (test.py)");
    let f = def(&info("<module>", &[]), 0, fail_body);
    molt_module_register(s("tfail"), f, 0);
    assert_eq!(molt_import(s("tfail"), NONE, NONE, 0), ERR);
    assert_eq!(err_text(), "ValueError: boom");
    assert!(crate::types::dict::dict_get_str(crate::runtime::rt().modules, "tfail").is_none());
}

#[test]
fn globals_fall_back_to_builtins() {
    setup();
    let g = crate::types::dict::dict_new();
    assert_eq!(molt_global_get(g, s("len")), crate::modules::globals::molt_builtin(s("len")));
    assert_eq!(molt_global_get(g, s("undefined_name")), ERR);
    assert_eq!(err_text(), "NameError: name 'undefined_name' is not defined");
    assert_eq!(molt_global_del(g, s("x")), ERR);
    assert_eq!(err_text(), "NameError: name 'x' is not defined");
}

#[test]
fn sys_module_basics() {
    setup();
    let sys = molt_import(s("sys"), NONE, NONE, 0);
    assert_eq!(text(getattr(sys, "byteorder")), "little");
    assert_eq!(crate::types::int::as_i64(getattr(sys, "maxsize")), Some(i64::MAX));
    let lim = crate::protocols::call::call_method_str(sys, "getrecursionlimit", &[]);
    assert_eq!(lim, int(1000));
    assert_eq!(crate::protocols::call::call_method_str(sys, "exit", &[int(2)]), ERR);
    assert_eq!(crate::entry::handle_uncaught(), 2);
    let vi = getattr(sys, "version_info");
    assert_eq!(rep(vi), "sys.version_info(major=3, minor=12, micro=1, releaselevel='final', serial=0)");
    assert_eq!(rep(getattr(vi, "minor")), "12");
    assert_eq!(rep(getattr(vi, "releaselevel")), "'final'");
    assert!(crate::types::tuple::is_tuple(vi) && crate::types::tuple::tuple_items(vi).len() == 5);
}

#[test]
fn math_module_functions_and_errors() {
    setup();
    let m = molt_import(s("math"), NONE, NONE, 0);
    assert_ne!(m, ERR);
    let sqrt = getattr(m, "sqrt");
    assert_eq!(call(sqrt, &[int(16)]), box_float(4.0));
    assert_eq!(call(sqrt, &[int(-1)]), ERR);
    assert_eq!(err_text(), "ValueError: math domain error");
    assert_eq!(call(getattr(m, "floor"), &[box_float(-2.5)]), int(-3));
    assert_eq!(call(getattr(m, "ceil"), &[box_float(2.1)]), int(3));
    assert_eq!(call(getattr(m, "gcd"), &[int(12), int(18)]), int(6));
    assert_eq!(text(call(getattr(m, "factorial"), &[int(25)])), "15511210043330985984000000");
    assert_eq!(call(getattr(m, "comb"), &[int(5), int(2)]), int(10));
    assert_eq!(call(getattr(m, "isqrt"), &[int(99)]), int(9));
    assert_eq!(call(getattr(m, "exp"), &[int(1000)]), ERR);
    assert_eq!(err_text(), "OverflowError: math range error");
    assert_eq!(call(getattr(m, "sqrt"), &[s("x")]), ERR);
    assert_eq!(err_text(), "TypeError: must be real number, not str");
    assert_eq!(rep(getattr(m, "pi")), "3.141592653589793");
    let t = molt_import(s("time"), NONE, NONE, 0);
    let a = call(getattr(t, "perf_counter"), &[]);
    assert!(crate::value::is_float(a));
}

#[test]
fn missing_stdlib_names_raise_not_implemented() {
    setup();
    let time = molt_import(s("time"), NONE, NONE, 0);
    assert_ne!(time, ERR, "{}", err_text());
    // a callable CPython name Molt lacks: a placeholder raising when called
    let f = getattr(time, "clock_gettime");
    assert_ne!(f, ERR, "{}", err_text());
    assert_eq!(call(f, &[int(0)]), ERR);
    assert_eq!(err_text(), "NotImplementedError: time.clock_gettime is not implemented by Molt");
    let g = molt_import_from(time, s("thread_time"));
    assert_ne!(g, ERR, "{}", err_text());
    assert_eq!(call(g, &[]), ERR);
    assert_eq!(err_text(), "NotImplementedError: time.thread_time is not implemented by Molt");
    // a non-callable one raises on access, also through from-import
    assert_eq!(getattr(time, "CLOCK_REALTIME"), ERR);
    assert_eq!(err_text(), "NotImplementedError: time.CLOCK_REALTIME is not implemented by Molt");
    assert_eq!(molt_import_from(time, s("CLOCK_MONOTONIC")), ERR);
    assert_eq!(err_text(), "NotImplementedError: time.CLOCK_MONOTONIC is not implemented by Molt");
    // names CPython lacks too keep CPython's errors
    assert_eq!(getattr(time, "no_such_name"), ERR);
    assert_eq!(err_text(), "AttributeError: module 'time' has no attribute 'no_such_name'");
    assert_eq!(molt_import_from(time, s("no_such_name")), ERR);
    assert_eq!(err_text(), "ImportError: cannot import name 'no_such_name' from 'time' (unknown location)");
    // a missing builtin used as a bare name
    let d = crate::types::dict::dict_new();
    let h = molt_global_get(d, s("breakpoint"));
    assert_ne!(h, ERR, "{}", err_text());
    assert_eq!(call(h, &[]), ERR);
    assert_eq!(err_text(), "NotImplementedError: builtins.breakpoint is not implemented by Molt");
    assert_eq!(molt_global_del(d, s("breakpoint")), ERR);
    assert_eq!(err_text(), "NameError: name 'breakpoint' is not defined");
}
