//! modules/gcmod.rs — the `gc` module over the cycle collector (`crate::gc`):
//! `collect()` (returns the number of unreachable objects found), `enable`,
//! `disable`, `isenabled`, `get_count`, `get_threshold`, `set_threshold`.

use crate::errors::*;
use crate::types::builtin_func::*;
use crate::types::int::int_from_i64;
use crate::types::module::*;
use crate::typeobj::tname;
use crate::value::*;

unsafe fn collect(a: &[u64], k: u64) -> u64 {
    ok!(check_args("collect", a, k, 0, 1));
    if a.len() == 1 {
        match int_value(a[0]) {
            Some(g) if (0..=2).contains(&g) => {}
            Some(_) => return raise_value_error("invalid generation".to_string()),
            None => {
                return raise_type_error(format!("'{}' object cannot be interpreted as an integer", tname(a[0])))
            }
        }
    }
    int_from_i64(crate::gc::collect() as i64)
}

fn int_value(v: u64) -> Option<i64> {
    if is_int(v) && !is_bool(v) {
        Some(int_val(v))
    } else {
        None
    }
}

unsafe fn enable(a: &[u64], k: u64) -> u64 {
    ok!(check_args("enable", a, k, 0, 0));
    crate::gc::set_enabled(true);
    NONE
}

unsafe fn disable(a: &[u64], k: u64) -> u64 {
    ok!(check_args("disable", a, k, 0, 0));
    crate::gc::set_enabled(false);
    NONE
}

unsafe fn isenabled(a: &[u64], k: u64) -> u64 {
    ok!(check_args("isenabled", a, k, 0, 0));
    box_bool(crate::gc::is_enabled())
}

unsafe fn get_count(a: &[u64], k: u64) -> u64 {
    ok!(check_args("get_count", a, k, 0, 0));
    let items = [int_from_i64(crate::gc::tracked_count() as i64), int_from_i64(0), int_from_i64(0)];
    crate::types::tuple::tuple_new(items.to_vec())
}

unsafe fn get_threshold(a: &[u64], k: u64) -> u64 {
    ok!(check_args("get_threshold", a, k, 0, 0));
    let items = [int_from_i64(crate::gc::threshold() as i64), int_from_i64(10), int_from_i64(10)];
    crate::types::tuple::tuple_new(items.to_vec())
}

unsafe fn set_threshold(a: &[u64], k: u64) -> u64 {
    ok!(check_args("set_threshold", a, k, 1, 3));
    match int_value(a[0]) {
        Some(n) => crate::gc::set_threshold(n.max(0) as usize),
        None => return raise_type_error(format!("'{}' object cannot be interpreted as an integer", tname(a[0]))),
    }
    NONE
}

/// Build the `gc` module.
pub fn create() -> u64 {
    let m = module_new("gc");
    let fns: &[(&'static str, NativeFn)] = &[
        ("collect", collect),
        ("enable", enable),
        ("disable", disable),
        ("isenabled", isenabled),
        ("get_count", get_count),
        ("get_threshold", get_threshold),
        ("set_threshold", set_threshold),
    ];
    for (n, f) in fns {
        module_set(m, n, new_builtin(n, "gc", *f));
    }
    m
}
