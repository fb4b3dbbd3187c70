//! modules/time.rs — the `time` module: clocks and sleep.

use crate::errors::*;
use crate::types::builtin_func::*;
use crate::types::module::*;
use crate::value::*;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

static mut START: Option<Instant> = None;

fn since_start() -> Duration {
    // SAFETY: single-threaded runtime.
    unsafe {
        let s = &mut *std::ptr::addr_of_mut!(START);
        if s.is_none() {
            *s = Some(Instant::now());
        }
        s.unwrap().elapsed()
    }
}

fn wall() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

unsafe fn time(a: &[u64], k: u64) -> u64 {
    ok!(check_args("time", a, k, 0, 0));
    box_float(wall().as_secs_f64())
}
unsafe fn time_ns(a: &[u64], k: u64) -> u64 {
    ok!(check_args("time_ns", a, k, 0, 0));
    crate::types::int::int_from_i64(wall().as_nanos() as i64)
}
unsafe fn perf_counter(a: &[u64], k: u64) -> u64 {
    ok!(check_args("perf_counter", a, k, 0, 0));
    box_float(since_start().as_secs_f64())
}
unsafe fn perf_counter_ns(a: &[u64], k: u64) -> u64 {
    ok!(check_args("perf_counter_ns", a, k, 0, 0));
    crate::types::int::int_from_i64(since_start().as_nanos() as i64)
}
unsafe fn sleep(a: &[u64], k: u64) -> u64 {
    ok!(check_args("sleep", a, k, 1, 1));
    let s = ok!(crate::modules::math::to_f64(a[0]));
    if s < 0.0 {
        return raise_value_error("sleep length must be non-negative".to_string());
    }
    crate::modules::sys::flush_stdout();
    std::thread::sleep(Duration::from_secs_f64(s));
    NONE
}

/// Build the `time` module.
pub fn create() -> u64 {
    since_start();
    let m = module_new("time");
    let fns: &[(&'static str, NativeFn)] = &[
        ("time", time),
        ("time_ns", time_ns),
        ("perf_counter", perf_counter),
        ("perf_counter_ns", perf_counter_ns),
        ("monotonic", perf_counter),
        ("monotonic_ns", perf_counter_ns),
        ("process_time", perf_counter),
        ("process_time_ns", perf_counter_ns),
        ("sleep", sleep),
    ];
    for (n, f) in fns {
        module_set(m, n, new_builtin(n, "time", *f));
    }
    m
}
