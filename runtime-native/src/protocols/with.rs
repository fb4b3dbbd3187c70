//! protocols/with.rs — context managers: exports `molt_with_enter`,
//! `molt_with_exit`.

use crate::errors::*;
use crate::object::*;
use crate::protocols::call::call_with_self;
use crate::typeobj::*;
use crate::value::*;

#[no_mangle]
pub extern "C" fn molt_with_enter(mgr: u64) -> u64 {
    let t = type_of(mgr);
    let enter = lookup_str(t, "__enter__");
    let exit = lookup_str(t, "__exit__");
    let (enter, exit) = match (enter, exit) {
        (Some(a), Some(b)) => (a, b),
        (None, _) => {
            return raise_type_error(format!(
                "'{}' object does not support the context manager protocol",
                tname(mgr)
            ))
        }
        (Some(_), None) => {
            return raise_type_error(format!(
                "'{}' object does not support the context manager protocol (missed __exit__ method)",
                tname(mgr)
            ))
        }
    };
    // bound __exit__
    // SAFETY: type is live.
    let bound = unsafe {
        match (*type_of(exit)).slots.descr_get {
            Some(g) => tri!(g(exit, mgr, from_ptr(t))),
            None => newref(exit),
        }
    };
    let v = call_with_self(enter, mgr, &[], 0);
    if v == ERR {
        decref(bound);
        return ERR;
    }
    crate::types::tuple::tuple_new(vec![bound, v])
}

/// Call `exit(type, value, tb)` (or `exit(None, None, None)` when `exc` is
/// None); true when the exception is suppressed.
#[no_mangle]
pub extern "C" fn molt_with_exit(exit: u64, exc: u64) -> u64 {
    let r = if exc == NONE || exc == UNBOUND {
        crate::protocols::call::call_function(exit, &[NONE, NONE, NONE], 0)
    } else {
        let t = from_ptr(type_of(exc));
        let tb = if crate::types::exception::is_exception(exc) {
            // SAFETY: exception layout.
            unsafe { crate::types::exception::get_tb(exc) }
        } else {
            NONE
        };
        let r = crate::protocols::call::call_function(exit, &[t, exc, tb], 0);
        decref(tb);
        r
    };
    let r = tri!(r);
    let b = crate::protocols::truth::truthy(r);
    decref(r);
    match b {
        Ok(b) => b as u64,
        Err(_) => ERR,
    }
}
