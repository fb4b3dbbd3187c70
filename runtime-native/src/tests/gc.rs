//! Cycle collector proofs: a million dropped two-list cycles keep resident
//! memory flat (collection triggered by allocation, run at the safe points
//! compiled code reaches), `gc.collect()` counts unreachable objects, and
//! `__del__` runs exactly once on objects in cycles (PEP 442 semantics).

use super::classes::class;
use super::*;

/// Resident set size in bytes (Linux `/proc/self/statm`, second field).
#[cfg(target_os = "linux")]
fn rss_bytes() -> usize {
    let s = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: usize = s.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

/// An empty list made the way compiled code makes one (`list.new`).
fn new_list() -> u64 {
    // SAFETY: n = 0, argv unused.
    unsafe { crate::types::list::molt_list_new(std::ptr::null(), 0) }
}

fn gc_collect_fn() -> u64 {
    let m = crate::modules::imports::import_module("gc");
    assert_ne!(m, ERR);
    let f = getattr(m, "collect");
    decref(m);
    assert_ne!(f, ERR);
    f
}

#[cfg(target_os = "linux")]
#[test]
fn million_list_cycles_keep_memory_flat() {
    setup();
    crate::gc::set_enabled(true);
    crate::gc::collect();
    // Warm up so allocator pools exist before the baseline.
    for _ in 0..50_000 {
        let (a, b) = (new_list(), new_list());
        crate::types::list::list_append(a, b);
        crate::types::list::list_append(b, a);
        decref(a);
        decref(b);
    }
    let before = rss_bytes();
    let tracked_before = crate::gc::tracked_count();
    for _ in 0..1_000_000 {
        let (a, b) = (new_list(), new_list());
        crate::types::list::list_append(a, b);
        crate::types::list::list_append(b, a);
        decref(a);
        decref(b);
    }
    let after = rss_bytes();
    let growth = after.saturating_sub(before);
    // 2M lists of ~64 bytes each would be > 128 MB without collection.
    assert!(growth < 64 << 20, "RSS grew by {} MB", growth >> 20);
    let threshold = crate::gc::threshold();
    assert!(
        crate::gc::tracked_count() <= tracked_before.max(threshold) + 4,
        "tracked {} (threshold {})",
        crate::gc::tracked_count(),
        threshold
    );
}

#[test]
fn gc_collect_returns_unreachable_count() {
    setup();
    let collect = gc_collect_fn();
    crate::gc::set_enabled(false);
    let r = call(collect, &[]);
    assert_ne!(r, ERR);
    decref(r);
    for _ in 0..10 {
        let (a, b) = (crate::types::list::list_new(Vec::new()), crate::types::list::list_new(Vec::new()));
        crate::types::list::list_append(a, b);
        crate::types::list::list_append(b, a);
        decref(a);
        decref(b);
    }
    // a self-referencing dict too
    let d = crate::types::dict::dict_new();
    crate::types::dict::dict_set_str(d, "me", d);
    decref(d);
    assert_eq!(call(collect, &[]), int(21));
    assert_eq!(call(collect, &[]), int(0));
    assert_eq!(call(collect, &[int(5)]), ERR);
    assert_eq!(err_text(), "ValueError: invalid generation");
    crate::gc::set_enabled(true);
    decref(collect);
}

static mut DELS: Vec<String> = Vec::new();
static mut KEEP: u64 = 0;

fn dels() -> &'static mut Vec<String> {
    // SAFETY: single-threaded tests.
    unsafe { &mut *std::ptr::addr_of_mut!(DELS) }
}

/// `__del__(self)`: records `self.name` and whether `self.other` is still
/// there (finalizers must see intact objects); name "keep" resurrects.
fn del_record(_s: u64, p: &[u64]) -> u64 {
    let name = text(getattr(p[0], "name"));
    let other = getattr(p[0], "other");
    let intact = other != ERR;
    if other == ERR {
        clear_pending();
    } else {
        decref(other);
    }
    dels().push(format!("{}:{}", name, intact));
    if name == "keep" {
        incref(p[0]);
        // SAFETY: single-threaded tests.
        unsafe { KEEP = p[0] };
    }
    NONE
}

fn node(cls: u64, name: &str) -> u64 {
    let o = call(cls, &[]);
    assert_ne!(o, ERR);
    assert_ne!(crate::protocols::attr::molt_setattr(o, s("name"), s(name)), ERR);
    o
}

fn link(a: u64, b: u64) {
    assert_ne!(crate::protocols::attr::molt_setattr(a, s("other"), b), ERR);
    assert_ne!(crate::protocols::attr::molt_setattr(b, s("other"), a), ERR);
}

#[test]
fn del_in_cycle_runs_exactly_once() {
    setup();
    crate::gc::set_enabled(false);
    crate::gc::collect();
    dels().clear();
    let del = func(def(&info("__del__", &[("self", "normal")]), 1, del_record));
    let cls = class("Fin", &[], &[("__del__", del)]);
    assert_ne!(cls, ERR);
    let (x, y) = (node(cls, "x"), node(cls, "y"));
    link(x, y);
    decref(x);
    decref(y);
    assert!(dels().is_empty(), "finalized while referenced");
    let n = crate::gc::collect();
    assert!(n >= 2, "collected {}", n);
    let mut got = dels().clone();
    got.sort();
    assert_eq!(got, vec!["x:true".to_string(), "y:true".to_string()]);
    crate::gc::collect();
    assert_eq!(dels().len(), 2, "__del__ ran twice: {:?}", dels());

    // Resurrection: `keep` stores itself; the cycle survives, and when it
    // finally dies __del__ does not run again.
    dels().clear();
    let (k, z) = (node(cls, "keep"), node(cls, "z"));
    link(k, z);
    decref(k);
    decref(z);
    crate::gc::collect();
    assert_eq!(dels().len(), 2);
    // SAFETY: single-threaded tests.
    let kept = unsafe { KEEP };
    assert_eq!(text(getattr(kept, "name")), "keep");
    let other = getattr(kept, "other");
    assert_eq!(text(getattr(other, "name")), "z");
    decref(other);
    // SAFETY: single-threaded tests.
    unsafe { KEEP = 0 };
    decref(kept);
    let n = crate::gc::collect();
    assert!(n >= 2, "collected {}", n);
    assert_eq!(dels().len(), 2, "__del__ ran again: {:?}", dels());
    crate::gc::set_enabled(true);
}
