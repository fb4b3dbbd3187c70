//! types/range.rs — `range`: len, indexing and slicing, `in` fast path,
//! count/index, reversed, equality, hash, repr. Bounds are kept as i128
//! (ints beyond that raise NotImplementedError for now).
//! Owner: containers engineer.
//! Neighbours: types/iterators.rs (range_iterator), protocols/sequence.rs.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::iterators::int_from_i128;
use crate::value::*;

#[repr(C)]
pub struct RangeObject {
    pub header: ObjHeader,
    pub start: i128,
    pub stop: i128,
    pub step: i128,
    pub len: u128,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Range);
    (*t).basicsize = std::mem::size_of::<RangeObject>() as u32;
    (*t).slots.new = Some(range_tp_new);
    (*t).slots.len = Some(range_len_slot);
    (*t).slots.bool_ = Some(|v| Ok(r(v).len != 0));
    (*t).slots.iter = Some(range_iter);
    (*t).slots.getitem = Some(range_getitem);
    (*t).slots.contains = Some(range_contains);
    (*t).slots.repr = Some(range_repr);
    (*t).slots.richcmp = Some(range_richcmp);
    (*t).slots.hash = Some(range_hash);
}

pub fn init_methods() {
    let t = tp(TypeId::Range);
    add_method(t, "count", range_count_m);
    add_method(t, "index", range_index_m);
    add_method(t, "__reversed__", range_reversed_m);
    crate::types::descr::add_getset(t, "start", |v| int_from_i128(r(v).start), None);
    crate::types::descr::add_getset(t, "stop", |v| int_from_i128(r(v).stop), None);
    crate::types::descr::add_getset(t, "step", |v| int_from_i128(r(v).step), None);
}

#[inline]
fn r(v: u64) -> &'static RangeObject {
    // SAFETY: callers pass range words.
    unsafe { &*as_obj::<RangeObject>(v) }
}

#[inline]
pub fn is_range(v: u64) -> bool {
    has_layout(v, TypeId::Range)
}

fn range_length(start: i128, stop: i128, step: i128) -> u128 {
    if step > 0 && start < stop {
        ((stop - start - 1) / step + 1) as u128
    } else if step < 0 && start > stop {
        ((start - stop - 1) / (-step) + 1) as u128
    } else {
        0
    }
}

/// A new range (step != 0).
pub fn range_new(start: i128, stop: i128, step: i128) -> u64 {
    let len = range_length(start, stop, step);
    // SAFETY: range type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::Range), RangeObject { header: header0(), start, stop, step, len })) }
}

fn range_arg(v: u64) -> R<i128> {
    if is_int(v) {
        return Ok(int_val(v) as i128);
    }
    let w = chk(crate::protocols::number::index(v))?;
    let x = crate::types::int::as_i128(w);
    decref(w);
    match x {
        Some(x) => Ok(x),
        None => Err(raise_p(Exc::OverflowError, "molt: range bounds beyond 128 bits are not supported".to_string())),
    }
}

unsafe fn range_tp_new(_t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    if nkw(kw) != 0 {
        return raise_type_error("range() takes no keyword arguments".to_string());
    }
    let (start, stop, step) = match args.len() {
        1 => (0, ok!(range_arg(args[0])), 1),
        2 => (ok!(range_arg(args[0])), ok!(range_arg(args[1])), 1),
        3 => (ok!(range_arg(args[0])), ok!(range_arg(args[1])), ok!(range_arg(args[2]))),
        0 => return raise_type_error("range expected at least 1 argument, got 0".to_string()),
        n => return raise_type_error(format!("range expected at most 3 arguments, got {}", n)),
    };
    if step == 0 {
        return raise_value_error("range() arg 3 must not be zero".to_string());
    }
    range_new(start, stop, step)
}

/// `len()` of a range, limited to 64 bits as in CPython.
pub fn range_len_i64(v: u64) -> R<i64> {
    let n = r(v).len;
    if n > i64::MAX as u128 {
        return Err(raise_p(Exc::OverflowError, "Python int too large to convert to C ssize_t".to_string()));
    }
    Ok(n as i64)
}

unsafe fn range_len_slot(v: u64) -> R<usize> {
    let n = r(v).len;
    if n > isize::MAX as u128 {
        return Err(raise_p(Exc::OverflowError, "Python int too large to convert to C ssize_t".to_string()));
    }
    Ok(n as usize)
}

unsafe fn range_iter(v: u64) -> u64 {
    let o = r(v);
    crate::types::iterators::range_iter_new(o.start, o.step, o.len)
}

unsafe fn range_reversed_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__reversed__", args, kw, 1, 1));
    let o = r(args[0]);
    if o.len == 0 {
        return crate::types::iterators::range_iter_new(0, 1, 0);
    }
    let last = o.start + (o.len as i128 - 1) * o.step;
    crate::types::iterators::range_iter_new(last, -o.step, o.len)
}

#[inline]
fn item(o: &RangeObject, i: i128) -> i128 {
    o.start + i * o.step
}

/// A slice bound as i128 (None for a `None` bound); `__index__` is honoured.
fn slice_bound_i128(v: u64) -> R<Option<i128>> {
    if v == NONE {
        return Ok(None);
    }
    let w = if crate::types::int::is_int_like(v) {
        newref(v)
    } else {
        let w = crate::protocols::number::index(v);
        if w == ERR {
            clear_pending();
            return Err(raise_p(Exc::TypeError, "slice indices must be integers or None or have an __index__ method".to_string()));
        }
        w
    };
    // Beyond 128 bits a bound only clamps: any huge value of the same sign does.
    let r = match crate::types::int::as_i128(w) {
        Some(x) => x,
        None if crate::types::bigint::bigint_ref(w).is_neg() => i128::MIN / 4,
        None => i128::MAX / 4,
    };
    decref(w);
    Ok(Some(r))
}

/// CPython's slice index adjustment (PySlice_Unpack + AdjustIndices) in i128.
fn adjust_i128(len: i128, start: Option<i128>, stop: Option<i128>, step: i128) -> (i128, i128) {
    let clamp = |x: Option<i128>, dflt: i128| -> i128 {
        match x {
            None => dflt,
            Some(x) if x < 0 => {
                let y = x + len;
                if y < 0 {
                    if step < 0 { -1 } else { 0 }
                } else {
                    y
                }
            }
            Some(x) if x >= len => {
                if step < 0 { len - 1 } else { len }
            }
            Some(x) => x,
        }
    };
    if step > 0 {
        (clamp(start, 0), clamp(stop, len))
    } else {
        (clamp(start, len - 1), clamp(stop, -1))
    }
}

unsafe fn range_getitem(v: u64, key: u64) -> u64 {
    let o = r(v);
    if crate::types::slice::is_slice(key) {
        let (a, b, c) = crate::types::slice::slice_parts(key);
        let step = match ok!(slice_bound_i128(c)) {
            None => 1,
            Some(0) => return raise(Exc::ValueError, "slice step cannot be zero".to_string()),
            Some(x) => x,
        };
        let start = ok!(slice_bound_i128(a));
        let stop = ok!(slice_bound_i128(b));
        let (i, j) = adjust_i128(o.len as i128, start, stop, step);
        return range_new(item(o, i), item(o, j), o.step * step);
    }
    let i = if is_int(key) || crate::types::int::is_int_like(key) {
        match range_arg(key) {
            Ok(i) => i,
            Err(_) => {
                clear_pending();
                return raise_index_error("range object index out of range".to_string());
            }
        }
    } else {
        match ok!(crate::protocols::sequence::as_index(key)) {
            Some((i, _)) => i as i128,
            None => {
                return raise_type_error(format!("range indices must be integers or slices, not {}", tname(key)))
            }
        }
    };
    let j = if i < 0 { i + o.len as i128 } else { i };
    if j < 0 || j as u128 >= o.len {
        return raise_index_error("range object index out of range".to_string());
    }
    int_from_i128(item(o, j))
}

/// Position of int `x` in the range, if present.
fn position(o: &RangeObject, x: i128) -> Option<u128> {
    if o.len == 0 {
        return None;
    }
    let inside = if o.step > 0 { x >= o.start && x < o.stop } else { x <= o.start && x > o.stop };
    if !inside || (x - o.start) % o.step != 0 {
        return None;
    }
    Some(((x - o.start) / o.step) as u128)
}

fn exact_int(x: u64) -> Option<i128> {
    if is_int(x) || is_bool(x) || (crate::types::bigint::is_bigint(x) && type_of(x) == tp(TypeId::Int)) {
        crate::types::int::as_i128(x)
    } else {
        None
    }
}

unsafe fn range_contains(v: u64, x: u64) -> R<bool> {
    if let Some(i) = exact_int(x) {
        return Ok(position(r(v), i).is_some());
    }
    linear_find(v, x).map(|p| p.is_some())
}

/// Slow path for non-int values: compare with each item.
fn linear_find(v: u64, x: u64) -> R<Option<u128>> {
    let o = r(v);
    let mut k: u128 = 0;
    while k < o.len {
        let w = int_from_i128(item(o, k as i128));
        let eq = crate::protocols::compare::eq_bool(w, x);
        decref(w);
        if eq? {
            return Ok(Some(k));
        }
        k += 1;
    }
    Ok(None)
}

unsafe fn range_count_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("range.count", args, kw, 1, 1));
    if let Some(i) = exact_int(args[1]) {
        return small_int(position(r(args[0]), i).is_some() as i64);
    }
    let o = r(args[0]);
    let mut n = 0i64;
    let mut k: u128 = 0;
    while k < o.len {
        let w = int_from_i128(item(o, k as i128));
        let eq = crate::protocols::compare::eq_bool(w, args[1]);
        decref(w);
        if ok!(eq) {
            n += 1;
        }
        k += 1;
    }
    small_int(n)
}

unsafe fn range_index_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("range.index", args, kw, 1, 1));
    let p = if let Some(i) = exact_int(args[1]) { position(r(args[0]), i) } else { ok!(linear_find(args[0], args[1])) };
    match p {
        Some(k) => int_from_i128(k as i128),
        None => {
            if exact_int(args[1]).is_some() {
                let s = ok!(crate::protocols::repr::repr_string(args[1]));
                raise_value_error(format!("{} is not in range", s))
            } else {
                raise_value_error("sequence.index(x): x not in sequence".to_string())
            }
        }
    }
}

unsafe fn range_repr(v: u64) -> u64 {
    let o = r(v);
    let s = if o.step == 1 {
        format!("range({}, {})", o.start, o.stop)
    } else {
        format!("range({}, {}, {})", o.start, o.stop, o.step)
    };
    crate::types::str::str_from_string(s)
}

fn range_eq(a: &RangeObject, b: &RangeObject) -> bool {
    if a.len != b.len {
        return false;
    }
    if a.len == 0 {
        return true;
    }
    if a.start != b.start {
        return false;
    }
    a.len == 1 || a.step == b.step
}

unsafe fn range_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !is_range(b) || !(op == CmpOp::Eq || op == CmpOp::Ne) {
        return NOT_IMPLEMENTED;
    }
    box_bool(range_eq(r(a), r(b)) == (op == CmpOp::Eq))
}

unsafe fn range_hash(v: u64) -> R<i64> {
    let o = r(v);
    let len = int_from_i128(o.len as i128);
    let (a, b) = if o.len == 0 {
        (NONE, NONE)
    } else if o.len == 1 {
        (int_from_i128(o.start), NONE)
    } else {
        (int_from_i128(o.start), int_from_i128(o.step))
    };
    let t = crate::types::tuple::tuple_new(vec![len, a, b]);
    let h = crate::protocols::hash::hash(t);
    decref(t);
    h
}
