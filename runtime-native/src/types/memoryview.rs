//! types/memoryview.rs — a minimal `memoryview` over bytes/bytearray
//! (format 'B', one dimension): len, indexing, slicing (contiguous slices
//! share the buffer), `tobytes`, `tolist`, `hex`, `==`, `release`, context
//! manager. `bytes_like_data` (bytes.rs) accepts it, so `bytes(mv)`,
//! `b"".join`, `int.from_bytes` work.
//! Owner: numbers/strings engineer.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::{add_method, check_args};
use crate::value::*;

#[repr(C)]
pub struct MemoryViewObject {
    pub header: ObjHeader,
    /// The exporting bytes/bytearray (owned), 0 once released.
    pub base: u64,
    pub start: usize,
    /// Length of the view, or usize::MAX for "to the end of the base".
    pub len: usize,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::MemoryView);
    (*t).basicsize = std::mem::size_of::<MemoryViewObject>() as u32;
    (*t).tpflags = TPFLAG_HASH_NONE;
    (*t).slots.drop = Some(|p| decref_field((*(p as *mut MemoryViewObject)).base));
    (*t).slots.new = Some(mv_new);
    (*t).slots.len = Some(|v| match mv_data(v) {
        Some(d) => Ok(d.len()),
        None => Err(released()),
    });
    (*t).slots.getitem = Some(mv_getitem);
    (*t).slots.richcmp = Some(mv_richcmp);
    (*t).slots.repr = Some(|v| crate::types::str::str_from_string(format!("<memory at {:#x}>", ptr_of(v) as usize)));
}

pub fn init_methods() {
    let t = tp(TypeId::MemoryView);
    add_method(t, "tobytes", |a, k| {
        ok!(check_args("tobytes", a, k, 1, 2));
        match mv_data(a[0]) {
            Some(d) => crate::types::bytes::bytes_from(d),
            None => raise_released(),
        }
    });
    add_method(t, "tolist", |a, _| match mv_data(a[0]) {
        Some(d) => crate::types::list::list_new(d.iter().map(|&b| small_int(b as i64)).collect()),
        None => raise_released(),
    });
    add_method(t, "hex", |a, _| match mv_data(a[0]) {
        Some(d) => crate::types::str::str_from_string(d.iter().map(|b| format!("{:02x}", b)).collect()),
        None => raise_released(),
    });
    add_method(t, "release", |a, _| {
        // SAFETY: a[0] is a memoryview.
        unsafe {
            let o = as_obj::<MemoryViewObject>(a[0]);
            let b = std::mem::replace(&mut (*o).base, 0);
            decref_field(b);
        }
        NONE
    });
    add_method(t, "__enter__", |a, _| newref(a[0]));
    add_method(t, "__exit__", |a, _| {
        // SAFETY: a[0] is a memoryview.
        unsafe {
            let o = as_obj::<MemoryViewObject>(a[0]);
            let b = std::mem::replace(&mut (*o).base, 0);
            decref_field(b);
        }
        FALSE
    });
    crate::types::descr::add_getset(t, "nbytes", |v| match mv_data(v) {
        Some(d) => small_int(d.len() as i64),
        None => raise_released(),
    }, None);
    crate::types::descr::add_getset(t, "readonly", |v| {
        // SAFETY: memoryview.
        let b = unsafe { (*as_obj::<MemoryViewObject>(v)).base };
        box_bool(!crate::types::bytearray::is_bytearray(b))
    }, None);
    crate::types::descr::add_getset(t, "itemsize", |_| small_int(1), None);
    crate::types::descr::add_getset(t, "ndim", |_| small_int(1), None);
    crate::types::descr::add_getset(t, "format", |_| crate::types::str::intern("B"), None);
    crate::types::descr::add_getset(t, "obj", |v| {
        // SAFETY: memoryview.
        let b = unsafe { (*as_obj::<MemoryViewObject>(v)).base };
        if b == 0 {
            raise_released()
        } else {
            newref(b)
        }
    }, None);
}

fn released() -> Pending {
    raise_value_error_p("operation forbidden on released memoryview object".into())
}

fn raise_released() -> u64 {
    raise_value_error("operation forbidden on released memoryview object".into())
}

#[inline]
pub fn is_memoryview(v: u64) -> bool {
    has_layout(v, TypeId::MemoryView)
}

/// The bytes a memoryview shows (None once released).
pub fn mv_data(v: u64) -> Option<&'static [u8]> {
    // SAFETY: caller passes a memoryview.
    unsafe {
        let o = as_obj::<MemoryViewObject>(v);
        if (*o).base == 0 {
            return None;
        }
        let d = crate::types::bytes::bytes_like_data((*o).base)?;
        let s = (*o).start.min(d.len());
        let e = if (*o).len == usize::MAX { d.len() } else { (s + (*o).len).min(d.len()) };
        Some(&d[s..e])
    }
}

fn mv_make(base: u64, start: usize, len: usize) -> u64 {
    incref(base);
    // SAFETY: the memoryview type is initialised.
    unsafe { from_ptr(new_object(tp(TypeId::MemoryView), MemoryViewObject { header: header0(), base, start, len })) }
}

unsafe fn mv_new(_t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let a = ok!(crate::types::builtin_func::parse_args("memoryview", args, kw, &["object"], 1));
    if a[0] == UNBOUND {
        return raise_type_error("memoryview() missing required argument 'object' (pos 1)".into());
    }
    let x = a[0];
    if is_memoryview(x) {
        let o = as_obj::<MemoryViewObject>(x);
        if (*o).base == 0 {
            return raise_released();
        }
        return mv_make((*o).base, (*o).start, (*o).len);
    }
    if crate::types::bytes::is_bytes(x) || crate::types::bytearray::is_bytearray(x) {
        return mv_make(x, 0, usize::MAX);
    }
    raise_type_error(format!("memoryview: a bytes-like object is required, not '{}'", tname(x)))
}

unsafe fn mv_getitem(v: u64, key: u64) -> u64 {
    let d = match mv_data(v) {
        Some(d) => d,
        None => return raise_released(),
    };
    if crate::types::slice::is_slice(key) {
        let s = ok!(crate::protocols::sequence::slice_indices(key, d.len()));
        let o = as_obj::<MemoryViewObject>(v);
        if s.step == 1 {
            return mv_make((*o).base, (*o).start + s.start as usize, s.len);
        }
        let copy: Vec<u8> = crate::protocols::sequence::slice_positions(s).map(|i| d[i]).collect();
        let b = crate::types::bytes::bytes_from_vec(copy);
        let r = mv_make(b, 0, usize::MAX);
        decref(b);
        return r;
    }
    match ok!(crate::protocols::sequence::item_index(key)) {
        Some(i) => match crate::protocols::sequence::norm_index(i, d.len()) {
            Some(j) => small_int(d[j] as i64),
            None => raise_index_error("index out of bounds on dimension 1".into()),
        },
        None => raise_type_error("memoryview: invalid slice key".into()),
    }
}

unsafe fn mv_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if op != CmpOp::Eq && op != CmpOp::Ne {
        return NOT_IMPLEMENTED;
    }
    let x = match mv_data(a) {
        Some(d) => d,
        None => return box_bool(op == CmpOp::Ne && a != b),
    };
    let y = match crate::types::bytes::bytes_like_data(b) {
        Some(d) => d,
        None => return NOT_IMPLEMENTED,
    };
    box_bool((x == y) == (op == CmpOp::Eq))
}
