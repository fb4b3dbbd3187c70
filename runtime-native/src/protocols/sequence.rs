//! protocols/sequence.rs — helpers shared by the sequence types (list, tuple,
//! range, and the text/bytes types): index conversion and normalisation,
//! slice resolution, lexicographic comparison, membership, `repr` of item
//! runs, and fast iteration over any iterable.
//! Neighbours: types/list.rs, types/tuple.rs, types/range.rs, types/slice.rs
//! (users), protocols/iter.rs (the generic iterator protocol).

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

/// An index value: the int behind `v` (ints, bools, `__index__` objects),
/// clamped to the i64 range; `Ok(None)` when `v` is not index-like.
/// `overflow` is set when the value did not fit.
pub fn as_index(v: u64) -> R<Option<(i64, bool)>> {
    if is_int(v) {
        return Ok(Some((int_val(v), false)));
    }
    if is_bool(v) {
        return Ok(Some(((v & 1) as i64, false)));
    }
    if is_float(v) || !is_ptr(v) {
        return Ok(None);
    }
    let t = type_of(v);
    // SAFETY: t is live.
    let f = unsafe { (*t).slots.index };
    let w = if crate::types::int::is_int_like(v) {
        newref(v)
    } else {
        match f {
            Some(f) => chk(unsafe { f(v) })?,
            None => return Ok(None),
        }
    };
    let r = int_clamped(w);
    decref(w);
    match r {
        Some(x) => Ok(Some(x)),
        None => Err(raise_type_error_p(format!("__index__ returned non-int (type {})", tname(w)))),
    }
}

/// An int word as (value clamped to i64, overflowed).
fn int_clamped(w: u64) -> Option<(i64, bool)> {
    if is_int(w) {
        return Some((int_val(w), false));
    }
    if !crate::types::int::is_int_like(w) {
        return None;
    }
    match crate::types::int::as_i128(w) {
        Some(x) if x >= i64::MIN as i128 && x <= i64::MAX as i128 => Some((x as i64, false)),
        Some(x) => Some((if x < 0 { i64::MIN } else { i64::MAX }, true)),
        // wider than i128: sign from comparison with 0
        None => {
            let neg = crate::protocols::compare::lt_bool(w, small_int(0)).unwrap_or(false);
            Some((if neg { i64::MIN } else { i64::MAX }, true))
        }
    }
}

/// The index for `seq[key]` with a non-slice key. `what` names the sequence
/// in the TypeError (`list indices must be integers or slices, not str`).
/// Ok(None) means the key is not an index (caller raises).
pub fn item_index(key: u64) -> R<Option<i64>> {
    match as_index(key)? {
        None => Ok(None),
        Some((i, false)) => Ok(Some(i)),
        Some((_, true)) => Err(raise_p(
            Exc::IndexError,
            format!("cannot fit '{}' into an index-sized integer", tname(key)),
        )),
    }
}

/// Normalise a possibly negative index against `len` (None when out of range).
#[inline]
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        None
    } else {
        Some(j as usize)
    }
}

/// An index argument for `index()`/`insert()`-style methods: ints and
/// `__index__` objects, clamped; TypeError otherwise.
pub fn index_arg(v: u64) -> R<i64> {
    match as_index(v)? {
        Some((i, _)) => Ok(i),
        None => Err(raise_type_error_p(format!(
            "'{}' object cannot be interpreted as an integer",
            tname(v)
        ))),
    }
}

/// A slice bound (`_PyEval_SliceIndex`): None -> default, ints clamped.
pub fn slice_bound(v: u64) -> R<Option<i64>> {
    if v == NONE {
        return Ok(None);
    }
    match as_index(v)? {
        Some((i, _)) => Ok(Some(i)),
        None => Err(raise_type_error_p(
            "slice indices must be integers or None or have an __index__ method".to_string(),
        )),
    }
}

/// Resolved slice: start, stop, step and the number of items selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceIdx {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: usize,
}

/// `PySlice_Unpack` on raw bounds (None = absent).
pub fn slice_unpack(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> R<(i64, i64, i64)> {
    let step = match step {
        None => 1,
        Some(0) => return Err(raise_value_error_p("slice step cannot be zero".to_string())),
        Some(s) => s.max(-i64::MAX),
    };
    let start = start.unwrap_or(if step < 0 { i64::MAX } else { 0 });
    let stop = stop.unwrap_or(if step < 0 { i64::MIN } else { i64::MAX });
    Ok((start, stop, step))
}

/// `PySlice_AdjustIndices`.
pub fn slice_adjust(len: usize, mut start: i64, mut stop: i64, step: i64) -> SliceIdx {
    let length = len as i64;
    if start < 0 {
        start = start.saturating_add(length);
        if start < 0 {
            start = if step < 0 { -1 } else { 0 };
        }
    } else if start >= length {
        start = if step < 0 { length - 1 } else { length };
    }
    if stop < 0 {
        stop = stop.saturating_add(length);
        if stop < 0 {
            stop = if step < 0 { -1 } else { 0 };
        }
    } else if stop >= length {
        stop = if step < 0 { length - 1 } else { length };
    }
    let n = if step < 0 {
        if stop < start {
            ((start - stop - 1) / (-step) + 1) as usize
        } else {
            0
        }
    } else if start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else {
        0
    };
    SliceIdx { start, stop, step, len: n }
}

/// Resolve a `slice` object against a sequence length.
pub fn slice_indices(slice: u64, len: usize) -> R<SliceIdx> {
    let (a, b, c) = crate::types::slice::slice_parts(slice);
    let step = slice_bound(c)?;
    let start = slice_bound(a)?;
    let stop = slice_bound(b)?;
    let (start, stop, step) = slice_unpack(start, stop, step)?;
    Ok(slice_adjust(len, start, stop, step))
}

/// The positions selected by a resolved slice.
#[inline]
pub fn slice_positions(s: SliceIdx) -> impl Iterator<Item = usize> {
    (0..s.len).map(move |k| (s.start + k as i64 * s.step) as usize)
}

/// Items selected by a slice (borrowed words copied out).
pub fn slice_items(items: &[u64], s: SliceIdx) -> Vec<u64> {
    if s.step == 1 {
        let a = s.start as usize;
        return items[a..a + s.len].to_vec();
    }
    slice_positions(s).map(|i| items[i]).collect()
}

/// Lexicographic rich comparison of two item runs (list/tuple semantics).
/// `get` re-reads the sequences on each step (they may change under
/// comparison callbacks): it returns the item at index i of a or b.
pub fn seq_richcmp(a: u64, b: u64, items: fn(u64) -> &'static [u64], op: CmpOp) -> u64 {
    let (la, lb) = (items(a).len(), items(b).len());
    if la != lb && (op == CmpOp::Eq || op == CmpOp::Ne) {
        return box_bool(op == CmpOp::Ne);
    }
    let mut i = 0;
    loop {
        let (ia, ib) = (items(a), items(b));
        if i >= ia.len() || i >= ib.len() {
            return box_bool(op.test(ia.len().cmp(&ib.len())));
        }
        let (x, y) = (ia[i], ib[i]);
        if x != y {
            incref(x);
            incref(y);
            let eq = crate::protocols::compare::eq_bool(x, y);
            decref(x);
            decref(y);
            match eq {
                Err(_) => return ERR,
                Ok(false) => break,
                Ok(true) => {}
            }
        }
        i += 1;
    }
    match op {
        CmpOp::Eq => FALSE,
        CmpOp::Ne => TRUE,
        _ => {
            let (ia, ib) = (items(a), items(b));
            if i >= ia.len() || i >= ib.len() {
                return box_bool(op.test(ia.len().cmp(&ib.len())));
            }
            let (x, y) = (ia[i], ib[i]);
            incref(x);
            incref(y);
            let r = crate::protocols::compare::richcmp(x, y, op);
            decref(x);
            decref(y);
            r
        }
    }
}

/// `x in seq` over a run of items re-read each step.
pub fn seq_contains(s: u64, items: fn(u64) -> &'static [u64], x: u64) -> R<bool> {
    let mut i = 0;
    loop {
        let it = items(s);
        if i >= it.len() {
            return Ok(false);
        }
        let y = it[i];
        if y == x {
            return Ok(true);
        }
        incref(y);
        let r = crate::protocols::compare::eq_bool(y, x);
        decref(y);
        if r? {
            return Ok(true);
        }
        i += 1;
    }
}

/// Count of items equal to x.
pub fn seq_count(s: u64, items: fn(u64) -> &'static [u64], x: u64) -> R<usize> {
    let mut i = 0;
    let mut n = 0;
    loop {
        let it = items(s);
        if i >= it.len() {
            return Ok(n);
        }
        let y = it[i];
        let eq = if y == x {
            true
        } else {
            incref(y);
            let r = crate::protocols::compare::eq_bool(y, x);
            decref(y);
            r?
        };
        if eq {
            n += 1;
        }
        i += 1;
    }
}

/// First index of x in [start, stop) (already normalised) or None.
pub fn seq_find(s: u64, items: fn(u64) -> &'static [u64], x: u64, start: usize, stop: usize) -> R<Option<usize>> {
    let mut i = start;
    loop {
        let it = items(s);
        if i >= it.len() || i >= stop {
            return Ok(None);
        }
        let y = it[i];
        let eq = if y == x {
            true
        } else {
            incref(y);
            let r = crate::protocols::compare::eq_bool(y, x);
            decref(y);
            r?
        };
        if eq {
            return Ok(Some(i));
        }
        i += 1;
    }
}

/// Normalise the optional start/stop arguments of `index()` like CPython
/// (`_PyEval_SliceIndexNotNone` then clamping).
pub fn index_range(args: &[u64], len: usize) -> R<(usize, usize)> {
    let bound = |v: u64| -> R<i64> {
        match as_index(v)? {
            Some((i, _)) => Ok(i),
            None => Err(raise_type_error_p(
                "slice indices must be integers or have an __index__ method".to_string(),
            )),
        }
    };
    let n = len as i64;
    let mut start = if !args.is_empty() { bound(args[0])? } else { 0 };
    let mut stop = if args.len() > 1 { bound(args[1])? } else { n };
    if start < 0 {
        start = (start.saturating_add(n)).max(0);
    }
    if stop < 0 {
        stop = (stop.saturating_add(n)).max(0);
    }
    Ok((start.min(n) as usize, stop.min(n).max(0) as usize))
}

/// `repr` of items joined by ", " (no brackets).
pub fn repr_items(items: &[u64]) -> R<String> {
    let mut out = String::new();
    for (i, &x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        incref(x);
        let r = crate::protocols::repr::repr_string(x);
        decref(x);
        out.push_str(&r?);
    }
    Ok(out)
}

/// Visit every item of an iterable (borrowed item words) until `f` returns
/// Ok(false). Fast paths for list, tuple, dict (keys), set and range.
pub fn for_each(v: u64, f: &mut dyn FnMut(u64) -> R<bool>) -> R<()> {
    let t = type_of(v);
    let exact = |id: TypeId| t == tp(id);
    if exact(TypeId::Tuple) || exact(TypeId::List) {
        let items: fn(u64) -> &'static [u64] =
            if exact(TypeId::Tuple) { crate::types::tuple::tuple_items } else { crate::types::list::list_items };
        let mut i = 0;
        loop {
            let it = items(v);
            if i >= it.len() {
                return Ok(());
            }
            let x = it[i];
            incref(x);
            let r = f(x);
            decref(x);
            if !r? {
                return Ok(());
            }
            i += 1;
        }
    }
    let it = chk(crate::protocols::iter::iter(v))?;
    loop {
        let x = crate::types::iterators::next(it);
        if x == UNBOUND {
            break;
        }
        if x == ERR {
            decref(it);
            return Err(Pending);
        }
        let r = f(x);
        decref(x);
        match r {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                decref(it);
                return Err(e);
            }
        }
    }
    decref(it);
    Ok(())
}

/// The next item of an iterator as R<Option<owned>> (StopIteration from a
/// `__next__` counts as exhaustion).
#[inline]
pub fn next_opt(it: u64) -> R<Option<u64>> {
    let x = crate::types::iterators::next(it);
    if x == UNBOUND {
        return Ok(None);
    }
    if x == ERR {
        if pending_matches(Exc::StopIteration) {
            clear_pending();
            return Ok(None);
        }
        return Err(Pending);
    }
    Ok(Some(x))
}

/// Items of an iterable as owned words.
pub fn collect(v: u64) -> R<Vec<u64>> {
    crate::protocols::iter::collect(v)
}

/// Drop a vector of owned words.
pub fn decref_all(v: Vec<u64>) {
    for x in v {
        decref(x);
    }
}

/// `len(v)` when cheaply known (length hint for pre-allocation).
pub fn length_hint(v: u64) -> usize {
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe {
        if (*t).tpflags & TPFLAG_HEAPTYPE == 0 {
            if let Some(l) = (*t).slots.len {
                if let Ok(n) = l(v) {
                    return n;
                }
                clear_pending();
            }
        }
    }
    0
}

/// Check the arguments of a builtin method (`args[0]` is self) with
/// CPython's messages: `list.append() takes exactly one argument (2 given)`,
/// `list.copy() takes no arguments (1 given)`, `get expected at least 1
/// argument, got 0`. `qual` is "type.method"; min/max exclude self.
#[inline]
pub fn margs(qual: &str, args: &[u64], kw: u64, min: usize, max: usize) -> R<()> {
    let n = args.len().saturating_sub(1);
    if kw == 0 && n >= min && n <= max {
        return Ok(());
    }
    margs_error(qual, args, kw, min, max)
}

/// The rest of `margs`: keywords given (an empty kwnames tuple is none),
/// or the wrong number of arguments.
#[cold]
#[inline(never)]
fn margs_error(qual: &str, args: &[u64], kw: u64, min: usize, max: usize) -> R<()> {
    if crate::types::builtin_func::nkw(kw) != 0 {
        return Err(raise_type_error_p(format!("{}() takes no keyword arguments", qual)));
    }
    let n = args.len().saturating_sub(1);
    if n >= min && n <= max {
        return Ok(());
    }
    let short = qual.rsplit('.').next().unwrap_or(qual);
    let pl = |k: usize| if k == 1 { "" } else { "s" };
    let msg = if min == 1 && max == 1 {
        format!("{}() takes exactly one argument ({} given)", qual, n)
    } else if max == 0 {
        format!("{}() takes no arguments ({} given)", qual, n)
    } else if min == max {
        format!("{} expected {} argument{}, got {}", short, min, pl(min), n)
    } else if n < min {
        format!("{} expected at least {} argument{}, got {}", short, min, pl(min), n)
    } else {
        format!("{} expected at most {} argument{}, got {}", short, max, pl(max), n)
    };
    Err(raise_type_error_p(msg))
}
