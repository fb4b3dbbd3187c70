//! types/slice.rs — `slice` objects (start, stop, step words), `indices()`,
//! comparison, repr and the `molt_slice_new` export.
//! Owner: containers engineer.
//! Neighbours: protocols/sequence.rs (`slice_indices` resolves a slice
//! against a length for the sequence types).

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::value::*;

#[repr(C)]
pub struct SliceObject {
    pub header: ObjHeader,
    pub start: u64,
    pub stop: u64,
    pub step: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Slice);
    (*t).basicsize = std::mem::size_of::<SliceObject>() as u32;
    (*t).tpflags = TPFLAG_HAVE_GC;
    (*t).slots.hash = Some(slice_hash);
    (*t).slots.drop = Some(slice_drop);
    (*t).slots.traverse = Some(slice_traverse);
    (*t).slots.repr = Some(slice_repr);
    (*t).slots.richcmp = Some(slice_richcmp);
    (*t).slots.new = Some(slice_tp_new);
}

pub fn init_methods() {
    let t = tp(TypeId::Slice);
    add_method(t, "indices", slice_indices_m);
    crate::types::descr::add_getset(t, "start", |v| unsafe { newref((*as_obj::<SliceObject>(v)).start) }, None);
    crate::types::descr::add_getset(t, "stop", |v| unsafe { newref((*as_obj::<SliceObject>(v)).stop) }, None);
    crate::types::descr::add_getset(t, "step", |v| unsafe { newref((*as_obj::<SliceObject>(v)).step) }, None);
}

unsafe fn slice_drop(p: *mut ObjHeader) {
    let o = p as *mut SliceObject;
    decref_field((*o).start);
    decref_field((*o).stop);
    decref_field((*o).step);
}

unsafe fn slice_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let o = p as *mut SliceObject;
    visit((*o).start);
    visit((*o).stop);
    visit((*o).step);
}

#[inline]
pub fn is_slice(v: u64) -> bool {
    has_layout(v, TypeId::Slice)
}

/// A new slice of borrowed bounds.
pub fn slice_new(start: u64, stop: u64, step: u64) -> u64 {
    incref(start);
    incref(stop);
    incref(step);
    // SAFETY: slice type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::Slice), SliceObject { header: header0(), start, stop, step })) }
}

/// (start, stop, step) words (borrowed).
#[inline]
pub fn slice_parts(v: u64) -> (u64, u64, u64) {
    // SAFETY: caller passes a slice.
    unsafe {
        let o = as_obj::<SliceObject>(v);
        ((*o).start, (*o).stop, (*o).step)
    }
}

#[no_mangle]
pub extern "C" fn molt_slice_new(start: u64, stop: u64, step: u64) -> u64 {
    let fix = |v: u64| if v == UNBOUND { NONE } else { v };
    slice_new(fix(start), fix(stop), fix(step))
}

unsafe fn slice_tp_new(_t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    ok!(no_kwargs("slice", kw));
    match args.len() {
        1 => slice_new(NONE, args[0], NONE),
        2 => slice_new(args[0], args[1], NONE),
        3 => slice_new(args[0], args[1], args[2]),
        0 => raise_type_error("slice expected at least 1 argument, got 0".to_string()),
        n => raise_type_error(format!("slice expected at most 3 arguments, got {}", n)),
    }
}

unsafe fn slice_repr(v: u64) -> u64 {
    let (a, b, c) = slice_parts(v);
    let s = format!(
        "slice({}, {}, {})",
        ok!(crate::protocols::repr::repr_string(a)),
        ok!(crate::protocols::repr::repr_string(b)),
        ok!(crate::protocols::repr::repr_string(c))
    );
    crate::types::str::str_from_string(s)
}

/// 3.12: slices hash like a 3-tuple without the length mixing.
unsafe fn slice_hash(v: u64) -> R<i64> {
    let (a, b, c) = slice_parts(v);
    let mut acc = crate::types::tuple::XXPRIME_5;
    for x in [a, b, c] {
        acc = crate::types::tuple::xx_lane(acc, crate::protocols::hash::hash(x)?);
    }
    Ok(if acc == u64::MAX { 1546275796 } else { acc as i64 })
}

unsafe fn slice_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !is_slice(b) {
        return NOT_IMPLEMENTED;
    }
    let (x0, x1, x2) = slice_parts(a);
    let (y0, y1, y2) = slice_parts(b);
    let ta = crate::types::tuple::tuple_from(&[x0, x1, x2]);
    let tb = crate::types::tuple::tuple_from(&[y0, y1, y2]);
    let r = crate::protocols::compare::richcmp(ta, tb, op);
    decref(ta);
    decref(tb);
    r
}

/// `slice.indices(length)`: exact for any int bounds that fit i64.
unsafe fn slice_indices_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("indices", args, kw, 2, 2));
    let len = match ok!(crate::protocols::sequence::as_index(args[1])) {
        Some((n, _)) => n,
        None => {
            return raise_type_error(format!("'{}' object cannot be interpreted as an integer", tname(args[1])))
        }
    };
    if len < 0 {
        return raise_value_error("length should not be negative".to_string());
    }
    let (a, b, c) = slice_parts(args[0]);
    let step = ok!(crate::protocols::sequence::slice_bound(c)).unwrap_or(1);
    if step == 0 {
        return raise_value_error("slice step cannot be zero".to_string());
    }
    let neg = step < 0;
    let (lower, upper) = if neg { (-1i64, len - 1) } else { (0, len) };
    let fix = |v: Option<i64>, dflt: i64| -> i64 {
        match v {
            None => dflt,
            Some(x) if x < 0 => (x.saturating_add(len)).max(lower),
            Some(x) => x.min(upper),
        }
    };
    let start = fix(ok!(crate::protocols::sequence::slice_bound(a)), if neg { upper } else { lower });
    let stop = fix(ok!(crate::protocols::sequence::slice_bound(b)), if neg { lower } else { upper });
    use crate::types::int::int_from_i64;
    crate::types::tuple::tuple_new(vec![int_from_i64(start), int_from_i64(stop), int_from_i64(step)])
}
