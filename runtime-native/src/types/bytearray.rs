//! types/bytearray.rs — `bytearray`: a mutable byte buffer. Read-only
//! methods are shared with bytes (bytes.rs registers them on both types);
//! this file has the object and its mutators (item/slice assignment,
//! append, extend, pop, insert, remove, reverse, clear, `+=`, `*=`).
//! Owner: numbers/strings engineer. API: `is_bytearray`, `bytearray_vec`,
//! `bytearray_from_vec`.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::{add_classmethod, add_method, check_args};
use crate::types::bytes::*;
use crate::value::*;

#[repr(C)]
pub struct ByteArrayObject {
    pub header: ObjHeader,
    pub data: Vec<u8>,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::ByteArray);
    (*t).basicsize = std::mem::size_of::<ByteArrayObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE | TPFLAG_HASH_NONE;
    (*t).slots.drop = Some(ba_drop);
    (*t).slots.repr = Some(ba_repr);
    (*t).slots.richcmp = Some(byteslike_richcmp_impl);
    (*t).slots.len = Some(|v| Ok(bytearray_vec(v).len()));
    (*t).slots.bool_ = Some(|v| Ok(!bytearray_vec(v).is_empty()));
    (*t).slots.getitem = Some(byteslike_getitem);
    (*t).slots.setitem = Some(ba_setitem);
    (*t).slots.contains = Some(byteslike_contains);
    (*t).slots.new = Some(ba_new);
    (*t).slots.nb[BinOp::Add as usize] = Some(byteslike_concat);
    (*t).slots.nb[BinOp::Mul as usize] = Some(byteslike_repeat);
    (*t).slots.nb_r[BinOp::Mul as usize] = Some(byteslike_repeat);
    (*t).slots.nb[BinOp::Mod as usize] = Some(|a, b| crate::types::strmethods::bytes_percent(a, b));
    (*t).slots.nb_i[BinOp::Add as usize] = Some(ba_iadd);
    (*t).slots.nb_i[BinOp::Mul as usize] = Some(ba_imul);
}

pub fn init_methods() {
    let t = tp(TypeId::ByteArray);
    // the shared read-only methods come from bytes.rs
    crate::types::bytes::add_shared_methods_pub(t);
    add_classmethod(t, "fromhex", |a, k| fromhex_impl(a, k, true));
    add_method(t, "append", |a, k| {
        ok!(check_args("append", a, k, 2, 2));
        let b = ok!(byte_value(a[1]));
        bytearray_vec(a[0]).push(b);
        NONE
    });
    add_method(t, "extend", |a, k| {
        ok!(check_args("extend", a, k, 2, 2));
        if crate::types::str::is_str(a[1]) {
            return raise_type_error("'str' object cannot be interpreted as an integer".into());
        }
        let d = ok!(bytes_arg_to_vec(a[1]));
        bytearray_vec(a[0]).extend_from_slice(&d);
        NONE
    });
    add_method(t, "pop", |a, k| {
        ok!(check_args("pop", a, k, 1, 2));
        let v = bytearray_vec(a[0]);
        if v.is_empty() {
            return raise_index_error("pop from empty bytearray".into());
        }
        let i = if a.len() > 1 { ok!(crate::protocols::sequence::index_arg(a[1])) } else { -1 };
        match crate::protocols::sequence::norm_index(i, v.len()) {
            Some(j) => small_int(v.remove(j) as i64),
            None => raise_index_error("pop index out of range".into()),
        }
    });
    add_method(t, "insert", |a, k| {
        ok!(check_args("insert", a, k, 3, 3));
        let i = ok!(crate::protocols::sequence::index_arg(a[1]));
        let b = ok!(byte_value(a[2]));
        let v = bytearray_vec(a[0]);
        let n = v.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        v.insert(j as usize, b);
        NONE
    });
    add_method(t, "remove", |a, k| {
        ok!(check_args("remove", a, k, 2, 2));
        let b = ok!(byte_value(a[1]));
        let v = bytearray_vec(a[0]);
        match v.iter().position(|&c| c == b) {
            Some(i) => {
                v.remove(i);
                NONE
            }
            None => raise_value_error("value not found in bytearray".into()),
        }
    });
    add_method(t, "reverse", |a, _| {
        bytearray_vec(a[0]).reverse();
        NONE
    });
    add_method(t, "clear", |a, _| {
        bytearray_vec(a[0]).clear();
        NONE
    });
    add_method(t, "copy", |a, _| bytearray_from_vec(bytearray_vec(a[0]).clone()));
}

unsafe fn ba_drop(p: *mut ObjHeader) {
    std::ptr::drop_in_place(&mut (*(p as *mut ByteArrayObject)).data);
}

#[inline]
pub fn is_bytearray(v: u64) -> bool {
    has_layout(v, TypeId::ByteArray)
}

/// The buffer of a bytearray (mutable; valid while the object lives).
#[inline]
pub fn bytearray_vec(v: u64) -> &'static mut Vec<u8> {
    // SAFETY: caller passes a bytearray; single-threaded runtime.
    unsafe { &mut (*as_obj::<ByteArrayObject>(v)).data }
}

pub fn bytearray_from_vec(data: Vec<u8>) -> u64 {
    // SAFETY: the bytearray type is initialised.
    unsafe { from_ptr(new_object(tp(TypeId::ByteArray), ByteArrayObject { header: header0(), data })) }
}

fn byte_value(v: u64) -> R<u8> {
    match crate::protocols::sequence::as_index(v)? {
        Some((i, _)) if (0..256).contains(&i) => Ok(i as u8),
        Some(_) => Err(raise_value_error_p("byte must be in range(0, 256)".into())),
        None => Err(raise_type_error_p(format!("'{}' object cannot be interpreted as an integer", tname(v)))),
    }
}

unsafe fn ba_repr(v: u64) -> u64 {
    let name = tname(v);
    crate::types::str::str_from_string(format!("{}({})", name, bytes_repr_text(bytearray_vec(v), "b")))
}

unsafe fn ba_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let v = ok!(constructor_data("bytearray", args, kw));
    if t == tp(TypeId::ByteArray) {
        return bytearray_from_vec(v);
    }
    from_ptr(new_object(t, ByteArrayObject { header: header0(), data: v }))
}

unsafe fn ba_setitem(v: u64, key: u64, value: u64) -> u64 {
    let len = bytearray_vec(v).len();
    if crate::types::slice::is_slice(key) {
        let s = ok!(crate::protocols::sequence::slice_indices(key, len));
        if value == UNBOUND {
            let pos: Vec<usize> = crate::protocols::sequence::slice_positions(s).collect();
            let buf = bytearray_vec(v);
            let mut keep = Vec::with_capacity(len - pos.len());
            let mut k = 0;
            let mut sorted = pos.clone();
            sorted.sort_unstable();
            for (i, &c) in buf.iter().enumerate() {
                if k < sorted.len() && sorted[k] == i {
                    k += 1;
                } else {
                    keep.push(c);
                }
            }
            *buf = keep;
            return NONE;
        }
        let src: Vec<u8> = if crate::types::int::is_int_like(value) {
            return raise_type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)".into());
        } else {
            ok!(bytes_arg_to_vec(value))
        };
        let buf = bytearray_vec(v);
        if s.step == 1 {
            let a = s.start as usize;
            let b = a + s.len;
            buf.splice(a..b, src);
            return NONE;
        }
        if src.len() != s.len {
            return raise_value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {}",
                src.len(),
                s.len
            ));
        }
        for (k, i) in crate::protocols::sequence::slice_positions(s).enumerate() {
            buf[i] = src[k];
        }
        return NONE;
    }
    let i = match ok!(crate::protocols::sequence::item_index(key)) {
        Some(i) => i,
        None => return raise_type_error(format!("bytearray indices must be integers or slices, not {}", tname(key))),
    };
    let j = match crate::protocols::sequence::norm_index(i, len) {
        Some(j) => j,
        None => {
            return raise_index_error(
                if value == UNBOUND { "bytearray index out of range" } else { "bytearray index out of range" }.into(),
            )
        }
    };
    if value == UNBOUND {
        bytearray_vec(v).remove(j);
    } else {
        bytearray_vec(v)[j] = ok!(byte_value(value));
    }
    NONE
}

unsafe fn ba_iadd(a: u64, b: u64) -> u64 {
    let d = match bytes_like_data(b) {
        Some(d) => d.to_vec(),
        None => return raise_type_error(format!("can't concat {} to bytearray", tname(b))),
    };
    bytearray_vec(a).extend_from_slice(&d);
    newref(a)
}

unsafe fn ba_imul(a: u64, n: u64) -> u64 {
    let k = match ok!(crate::protocols::sequence::as_index(n)) {
        Some((k, _)) => k.max(0) as usize,
        None => return NOT_IMPLEMENTED,
    };
    let v = bytearray_vec(a);
    let r = v.repeat(k);
    *v = r;
    newref(a)
}
