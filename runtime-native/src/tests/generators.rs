use super::*;
use crate::types::generator::*;

// def g():
//     x = yield 1
//     yield x
//     return 5
fn g_resume(_s: u64, p: &[u64]) -> u64 {
    let gen = _s;
    let sent = p[0];
    match molt_gen_state(gen) {
        0 => {
            tri!(molt_gen_check_throw(sent));
            molt_gen_set_state(gen, int(1), 1)
        }
        1 => {
            tri!(molt_gen_check_throw(sent));
            molt_gen_store(gen, sent, 0);
            let x = molt_gen_load(gen, 0);
            molt_gen_set_state(gen, x, 2)
        }
        _ => {
            tri!(molt_gen_check_throw(sent));
            molt_gen_finish(gen, int(5))
        }
    }
}

fn make_gen() -> u64 {
    let resume = def(&info("g", &[("sent", "normal")]), 1, g_resume);
    let creator = def(&info("g", &[]), 0, |s, _| 0 + s);
    let f = func(creator);
    molt_gen_new(f, resume as u64, 1, 0)
}

#[test]
fn next_send_and_return_value() {
    setup();
    let g = make_gen();
    assert!(rep(g).starts_with("<generator object g at"));
    assert_eq!(crate::protocols::iter::molt_iter_next(g), int(1));
    // SAFETY: g is a generator.
    assert_eq!(unsafe { gen_send(g, int(42)) }, int(42));
    assert_eq!(unsafe { gen_send(g, NONE) }, ERR);
    let e = crate::errors::take_pending();
    assert_eq!(getattr(e, "value"), int(5));
    assert_eq!(crate::protocols::iter::molt_iter_next(g), UNBOUND);
}

#[test]
fn send_non_none_to_new_generator_fails() {
    setup();
    let g = make_gen();
    // SAFETY: g is a generator.
    assert_eq!(unsafe { gen_send(g, int(1)) }, ERR);
    assert_eq!(err_text(), "TypeError: can't send non-None value to a just-started generator");
}

#[test]
fn throw_and_close() {
    setup();
    let g = make_gen();
    assert_eq!(crate::protocols::iter::molt_iter_next(g), int(1));
    let ve = crate::types::exception::exc_with_msg(crate::errors::Exc::ValueError, "x");
    // SAFETY: g is a generator.
    assert_eq!(unsafe { gen_throw(g, ve) }, ERR);
    assert_eq!(err_text(), "ValueError: x");
    assert_eq!(crate::protocols::iter::molt_iter_next(g), UNBOUND);
    let g2 = make_gen();
    assert_eq!(crate::protocols::iter::molt_iter_next(g2), int(1));
    // SAFETY: g2 is a generator.
    assert_eq!(unsafe { gen_close(g2) }, NONE);
}

fn raises_stop(_s: u64, p: &[u64]) -> u64 {
    let _ = p;
    crate::errors::raise_noarg(crate::errors::Exc::StopIteration)
}

#[test]
fn stop_iteration_inside_becomes_runtime_error() {
    setup();
    let resume = def(&info("h", &[("sent", "normal")]), 1, raises_stop);
    let f = func(def(&info("h", &[]), 0, |_, _| NONE));
    let g = molt_gen_new(f, resume as u64, 0, 0);
    assert_eq!(crate::protocols::iter::molt_iter_next(g), ERR);
    assert_eq!(err_text(), "RuntimeError: generator raised StopIteration");
}

#[test]
fn yield_from_delegates_and_collects_result() {
    setup();
    let outer = make_gen();
    let inner = make_gen();
    assert_eq!(molt_yf_send(outer, inner, NONE), int(1));
    assert_eq!(molt_yf_send(outer, inner, int(8)), int(8));
    assert_eq!(molt_yf_send(outer, inner, NONE), UNBOUND);
    assert_eq!(molt_yf_result(outer), int(5));
    // a plain iterator as the subiterator
    let l = crate::types::list::list_new(vec![int(1)]);
    let it = crate::protocols::iter::molt_iter(l);
    assert_eq!(molt_yf_send(outer, it, NONE), int(1));
    assert_eq!(molt_yf_send(outer, it, NONE), UNBOUND);
    assert_eq!(molt_yf_result(outer), NONE);
}
