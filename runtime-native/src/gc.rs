//! gc.rs — the cycle collector for GC-tracked containers (CPython style):
//! copy refcounts, subtract references found by `traverse`, everything still
//! referenced from outside is reachable (and what it reaches); the rest is
//! cyclic garbage, broken with the types' `clear` slot.
//! Tracked objects live in one array (`GcHead::index`; removal swaps the
//! last one in); garbage is handled in tracking order (`GcHead::seq`).
//! Collection is allocation-triggered (tracked count above `threshold`) but
//! only runs at safe points (`maybe_collect`): function dispatch and the
//! entry of ops compiled code calls directly (`molt_list_new`,
//! `molt_dict_new`, `molt_tuple_new`, `molt_call`, `molt_callmethod`,
//! `molt_method_call`), where every live value is owned by compiled code;
//! never inside allocation. `__del__` runs once per object (PEP 442:
//! before any `clear`, resurrected objects survive).
//! Neighbours: object.rs (GcHead before tracked objects), typeobj.rs slots.

use crate::object::*;
use crate::typeobj::TPFLAG_HAS_DEL;
use crate::value::*;

struct GcState {
    /// Every tracked object, in no particular order (removal swaps the last
    /// one in). An array rather than a linked list: a collection's first
    /// pass reads the objects from known addresses, so the loads overlap
    /// instead of chasing one pointer after another.
    objs: Vec<*mut ObjHeader>,
    /// Sequence number of the next tracked object: garbage is finalized and
    /// cleared in tracking order.
    seq: u64,
    threshold: usize,
    enabled: bool,
    collecting: bool,
}

static mut GC: GcState = GcState { objs: Vec::new(), seq: 0, threshold: 20_000, enabled: true, collecting: false };

fn gc() -> &'static mut GcState {
    // SAFETY: single-threaded runtime.
    unsafe { &mut *std::ptr::addr_of_mut!(GC) }
}

#[inline]
unsafe fn head_of(p: *mut ObjHeader) -> *mut GcHead {
    (p as *mut u8).sub(GC_HEAD_SIZE) as *mut GcHead
}

/// Start tracking an object allocated with a GC head.
pub unsafe fn track(p: *mut ObjHeader) {
    if (*p).flags & OF_HAS_GC_HEAD == 0 || (*p).flags & OF_GC_TRACKED != 0 {
        return;
    }
    let g = gc();
    let h = head_of(p);
    (*h).index = g.objs.len();
    (*h).seq = g.seq;
    g.seq += 1;
    g.objs.push(p);
    (*p).flags |= OF_GC_TRACKED;
}

/// Stop tracking (before freeing).
pub unsafe fn untrack(p: *mut ObjHeader) {
    if (*p).flags & OF_GC_TRACKED == 0 {
        return;
    }
    let g = gc();
    let i = (*head_of(p)).index;
    let last = g.objs.pop().expect("tracked object missing from the GC array");
    if last != p {
        g.objs[i] = last;
        (*head_of(last)).index = i;
    }
    (*p).flags &= !OF_GC_TRACKED;
}

/// Number of tracked objects.
pub fn tracked_count() -> usize {
    gc().objs.len()
}

pub fn set_enabled(on: bool) {
    gc().enabled = on;
}

pub fn is_enabled() -> bool {
    gc().enabled
}

/// The tracked-object count that triggers the next automatic collection.
pub fn threshold() -> usize {
    gc().threshold
}

pub fn set_threshold(n: usize) {
    gc().threshold = n;
}

/// Collect when enough tracked objects accumulated since the last run.
#[inline]
pub fn maybe_collect() {
    let g = gc();
    if g.objs.len() > g.threshold && g.enabled && !g.collecting {
        collect();
    }
}

fn tracked_ptr(v: u64) -> Option<*mut ObjHeader> {
    if !is_ptr(v) {
        return None;
    }
    let p = ptr_of(v);
    // SAFETY: live header.
    unsafe {
        if (*p).flags & OF_GC_TRACKED != 0 {
            Some(p)
        } else {
            None
        }
    }
}

/// Run a full collection; returns the number of unreachable objects freed.
pub fn collect() -> usize {
    let g = gc();
    if g.collecting {
        return 0;
    }
    g.collecting = true;
    // SAFETY: the tracked list only holds live, fully-initialised objects.
    let n = unsafe { collect_inner() };
    let g = gc();
    g.collecting = false;
    g.threshold = (g.objs.len() * 2).max(20_000);
    n
}

unsafe fn collect_inner() -> usize {
    // Passes 1-3 neither allocate tracked objects nor free any, so the
    // tracked array is stable until the garbage list is built.
    let all: &[*mut ObjHeader] = &gc().objs;
    // 1. copy refcounts
    for &p in all {
        (*head_of(p)).refs = if (*p).refcnt == IMMORTAL { i64::MAX / 2 } else { (*p).refcnt as i64 };
    }
    // 2. subtract internal references
    for &p in all {
        if let Some(tr) = (*(*p).ty).slots.traverse {
            tr(p, &mut |v| {
                if let Some(c) = tracked_ptr(v) {
                    (*head_of(c)).refs -= 1;
                }
            });
        }
    }
    // 3. propagate reachability from externally referenced objects
    let mut stack: Vec<*mut ObjHeader> = all.iter().copied().filter(|&p| (*head_of(p)).refs > 0).collect();
    for &p in &stack {
        (*head_of(p)).refs = -1; // reachable mark
    }
    while let Some(p) = stack.pop() {
        if let Some(tr) = (*(*p).ty).slots.traverse {
            tr(p, &mut |v| {
                if let Some(c) = tracked_ptr(v) {
                    let ch = head_of(c);
                    if (*ch).refs != -1 {
                        (*ch).refs = -1;
                        stack.push(c);
                    }
                }
            });
        }
    }
    let mut garbage: Vec<*mut ObjHeader> = all.iter().copied().filter(|&p| (*head_of(p)).refs != -1).collect();
    if garbage.is_empty() {
        return 0;
    }
    garbage.sort_unstable_by_key(|&p| (*head_of(p)).seq);
    let n = garbage.len();
    // 4. finalize (PEP 442): each `__del__` runs once, on intact objects,
    // while every garbage object is kept alive by the extra reference below.
    for &p in &garbage {
        incref_ptr(p);
    }
    let mut finalized = false;
    for &p in &garbage {
        let ty = (*p).ty;
        if (*ty).tpflags & TPFLAG_HAS_DEL != 0 && (*p).flags & OF_FINALIZED == 0 {
            (*p).flags |= OF_FINALIZED;
            crate::typeobj::run_del(p);
            finalized = true;
        }
    }
    // 5. a finalizer may have resurrected objects: clear only what is still
    // unreachable, and just drop the extra reference of the rest.
    let (garbage, alive) = if finalized { split_resurrected(garbage) } else { (garbage, Vec::new()) };
    for p in alive {
        decref_ptr(p);
    }
    // 6. break the cycles
    for &p in &garbage {
        if let Some(cl) = (*(*p).ty).slots.clear {
            cl(p);
        }
    }
    for p in garbage {
        decref_ptr(p);
    }
    n
}

/// Splits `garbage` (each object holding one extra reference) into the
/// objects still unreachable from outside the set and the resurrected ones
/// (referenced from outside, or reachable from such an object).
unsafe fn split_resurrected(garbage: Vec<*mut ObjHeader>) -> (Vec<*mut ObjHeader>, Vec<*mut ObjHeader>) {
    use std::collections::HashMap;
    let mut refs: HashMap<*mut ObjHeader, i64> = HashMap::with_capacity(garbage.len());
    for &p in &garbage {
        refs.insert(p, (*p).refcnt as i64 - 1);
    }
    for &p in &garbage {
        if let Some(tr) = (*(*p).ty).slots.traverse {
            tr(p, &mut |v| {
                if is_ptr(v) {
                    if let Some(r) = refs.get_mut(&ptr_of(v)) {
                        *r -= 1;
                    }
                }
            });
        }
    }
    let mut stack: Vec<*mut ObjHeader> = garbage.iter().copied().filter(|p| refs[p] > 0).collect();
    for p in &stack {
        refs.insert(*p, -1);
    }
    while let Some(p) = stack.pop() {
        if let Some(tr) = (*(*p).ty).slots.traverse {
            tr(p, &mut |v| {
                if is_ptr(v) {
                    let c = ptr_of(v);
                    if let Some(r) = refs.get_mut(&c) {
                        if *r != -1 {
                            *r = -1;
                            stack.push(c);
                        }
                    }
                }
            });
        }
    }
    garbage.into_iter().partition(|p| refs[p] != -1)
}
