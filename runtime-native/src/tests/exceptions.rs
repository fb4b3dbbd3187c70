use super::*;
use crate::types::exception::*;

fn exc(e: Exc) -> u64 {
    from_ptr(exc_type(e))
}

#[test]
fn raise_fetch_match_and_messages() {
    setup();
    let ve = call(exc(Exc::ValueError), &[s("bad")]);
    assert_eq!(molt_raise(ve, UNBOUND), ERR);
    let e = molt_exc_fetch();
    assert_eq!(molt_exc_match(e, exc(Exc::LookupError)), 0);
    let tup = crate::types::tuple::tuple_from(&[exc(Exc::KeyError), exc(Exc::Exception)]);
    assert_eq!(molt_exc_match(e, tup), 1);
    assert_eq!(molt_exc_match(e, int(3)), ERR);
    assert_eq!(err_text(), "TypeError: catching classes that do not inherit from BaseException is not allowed");
    assert_eq!(rep(e), "ValueError('bad')");
    assert_eq!(text(e), "bad");
    assert_eq!(molt_raise(int(1), UNBOUND), ERR);
    assert_eq!(err_text(), "TypeError: exceptions must derive from BaseException");
    let ke = call(exc(Exc::KeyError), &[s("k")]);
    assert_eq!(text(ke), "'k'");
    assert_eq!(rep(call(exc(Exc::Exception), &[int(1), int(2)])), "Exception(1, 2)");
}

#[test]
fn context_and_cause_chaining() {
    setup();
    let first = call(exc(Exc::KeyError), &[s("a")]);
    molt_exc_push(first);
    let second = call(exc(Exc::ValueError), &[s("b")]);
    molt_raise(second, UNBOUND);
    let got = molt_exc_fetch();
    molt_exc_pop();
    assert_eq!(getattr(got, "__context__"), first);
    assert_eq!(getattr(got, "__suppress_context__"), FALSE);
    let out = crate::entry::format_exception(got);
    assert!(out.contains("During handling of the above exception, another exception occurred:"), "{}", out);
    let third = call(exc(Exc::RuntimeError), &[s("c")]);
    molt_raise(third, got);
    let t = molt_exc_fetch();
    assert_eq!(getattr(t, "__cause__"), got);
    assert_eq!(getattr(t, "__suppress_context__"), TRUE);
    let out = crate::entry::format_exception(t);
    assert!(out.contains("The above exception was the direct cause of the following exception:"), "{}", out);
    molt_raise(exc(Exc::TypeError), NONE);
    let u = molt_exc_fetch();
    assert_eq!(getattr(u, "__cause__"), NONE);
    assert_eq!(getattr(u, "__suppress_context__"), TRUE);
}

#[test]
fn traceback_lines_are_recorded_innermost_last() {
    setup();
    let f = def(&info("inner", &[]), 0, |_, _| NONE);
    let g = def(&info("<module>", &[]), 0, |_, _| NONE);
    crate::errors::raise(Exc::ZeroDivisionError, "division by zero".to_string());
    molt_traceback_add(f, 3);
    molt_traceback_add(g, 10);
    let e = molt_exc_fetch();
    let out = crate::entry::format_exception(e);
    assert_eq!(
        out,
        "Traceback (most recent call last):\n  File \"test.py\", line 10, in <module>\n  File \"test.py\", line 3, in inner\nZeroDivisionError: division by zero\n"
    );
}

#[test]
fn system_exit_codes() {
    setup();
    crate::errors::raise_args(Exc::SystemExit, &[int(3)]);
    assert_eq!(crate::entry::handle_uncaught(), 3);
    crate::errors::raise_noarg(Exc::SystemExit);
    assert_eq!(crate::entry::handle_uncaught(), 0);
    let si = call(exc(Exc::StopIteration), &[int(9)]);
    assert_eq!(getattr(si, "value"), int(9));
}

#[test]
fn exception_groups_split() {
    setup();
    let a = call(exc(Exc::ValueError), &[s("a")]);
    let b = call(exc(Exc::TypeError), &[s("b")]);
    let lst = crate::types::list::list_new(vec![newref(a), newref(b)]);
    let g = call(exc(Exc::ExceptionGroup), &[s("grp"), lst]);
    assert_ne!(g, ERR, "{}", err_text());
    assert_eq!(text(g), "grp (2 sub-exceptions)");
    let r = molt_exc_split(g, exc(Exc::ValueError));
    let parts = crate::types::tuple::tuple_items(r);
    assert_eq!(text(parts[0]), "grp (1 sub-exception)");
    assert_eq!(text(parts[1]), "grp (1 sub-exception)");
    let r = molt_exc_split(a, exc(Exc::ValueError));
    let parts = crate::types::tuple::tuple_items(r);
    assert_eq!(rep(getattr(parts[0], "exceptions")), "(ValueError('a'),)");
    assert_eq!(parts[1], NONE);
    let bad = call(exc(Exc::ExceptionGroup), &[s("x"), crate::types::list::list_new(vec![])]);
    assert_eq!(bad, ERR);
    assert_eq!(err_text(), "ValueError: second argument (exceptions) must be a non-empty sequence");
}

#[test]
fn with_statement_protocol() {
    setup();
    let enter = func(def(&info("CM.__enter__", &[("self", "normal")]), 1, |_, _| int(1)));
    let exit = func(def(
        &info("CM.__exit__", &[("self", "normal"), ("t", "normal"), ("v", "normal"), ("tb", "normal")]),
        4,
        |_, p| box_bool(p[1] != NONE),
    ));
    let cm = super::classes::class("CM", &[], &[("__enter__", enter), ("__exit__", exit)]);
    let o = call(cm, &[]);
    let pair = crate::protocols::with::molt_with_enter(o);
    let items = crate::types::tuple::tuple_items(pair);
    assert_eq!(items[1], int(1));
    assert_eq!(crate::protocols::with::molt_with_exit(items[0], NONE), 0);
    let e = call(exc(Exc::ValueError), &[]);
    assert_eq!(crate::protocols::with::molt_with_exit(items[0], e), 1);
    assert_eq!(crate::protocols::with::molt_with_enter(int(1)), ERR);
    assert_eq!(err_text(), "TypeError: 'int' object does not support the context manager protocol");
}

#[test]
fn special_exception_attributes() {
    setup();
    let o = crate::types::list::list_new(vec![]);
    assert_eq!(crate::protocols::attr::molt_getattr(o, s("nope")), ERR);
    let e = crate::errors::take_pending();
    assert_eq!(text(e), "'list' object has no attribute 'nope'");
    assert_eq!(text(getattr(e, "name")), "nope");
    assert_eq!(getattr(e, "obj"), o);
    let ose = call(exc(Exc::OSError), &[int(2), s("No such file"), s("x.txt")]);
    assert_eq!(text(ose), "[Errno 2] No such file: 'x.txt'");
    assert_eq!(rep(getattr(ose, "args")), "(2, 'No such file')");
    let plain = call(exc(Exc::OSError), &[s("plain")]);
    assert_eq!(getattr(plain, "errno"), NONE);
    assert_eq!(rep(plain), "OSError('plain')");
    let ue = call(exc(Exc::UnicodeEncodeError), &[s("ascii"), s("caf\u{e9}"), int(3), int(4), s("ordinal not in range(128)")]);
    assert_eq!(text(ue), "'ascii' codec can't encode character '\\xe9' in position 3: ordinal not in range(128)");
    assert_eq!(getattr(ue, "start"), int(3));
}

#[test]
fn except_star_reraise_keeps_group_shape() {
    setup();
    let a = call(exc(Exc::ValueError), &[s("a")]);
    let b = call(exc(Exc::TypeError), &[s("b")]);
    let g = call(exc(Exc::ExceptionGroup), &[s("g"), crate::types::list::list_new(vec![newref(a), newref(b)])]);
    // the ValueError part was handled; the TypeError rest propagates
    let parts = crate::types::tuple::tuple_items(molt_exc_split(g, exc(Exc::ValueError)));
    let raised = crate::types::list::list_new(vec![newref(parts[1])]);
    let r = call(crate::modules::globals::molt_builtin(s("__molt_prep_reraise_star")), &[g, raised]);
    assert_eq!(text(r), "g (1 sub-exception)");
    assert_eq!(rep(getattr(r, "exceptions")), "(TypeError('b'),)");
    // nothing left: None
    let none = crate::types::list::list_new(vec![NONE]);
    assert_eq!(call(crate::modules::globals::molt_builtin(s("__molt_prep_reraise_star")), &[g, none]), NONE);
}
