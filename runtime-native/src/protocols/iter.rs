//! protocols/iter.rs — the iterator protocol (`__iter__`/`__next__`, the
//! old sequence protocol via `iterator`), `collect`, unpacking, and the
//! exports `molt_iter`, `molt_iter_next`, `molt_unpack_seq`,
//! `molt_unpack_ex`, `molt_aiter`, `molt_anext`, `molt_await_iter`.
//! Container iterators (list_iterator, …) live with their containers.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::list::*;
use crate::types::tuple::*;
use crate::value::*;

#[repr(C)]
pub struct SeqIterObject {
    pub header: ObjHeader,
    pub seq: u64,
    pub index: i64,
}

#[repr(C)]
pub struct CallableIterObject {
    pub header: ObjHeader,
    pub func: u64,
    pub sentinel: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::SeqIterator);
    (*t).basicsize = std::mem::size_of::<SeqIterObject>() as u32;
    (*t).slots.drop = Some(|p| decref_field((*(p as *mut SeqIterObject)).seq));
    (*t).slots.iter = Some(|v| newref(v));
    (*t).slots.next = Some(seq_next);
    let t = tp(TypeId::CallableIterator);
    (*t).basicsize = std::mem::size_of::<CallableIterObject>() as u32;
    (*t).slots.drop = Some(|p| {
        let o = p as *mut CallableIterObject;
        decref_field((*o).func);
        decref_field((*o).sentinel);
    });
    (*t).slots.iter = Some(|v| newref(v));
    (*t).slots.next = Some(callable_next);
}

/// `iter(f, sentinel)`.
pub fn callable_iter_new(f: u64, sentinel: u64) -> u64 {
    incref(f);
    incref(sentinel);
    // SAFETY: type initialised.
    unsafe {
        from_ptr(new_object(tp(TypeId::CallableIterator), CallableIterObject { header: header0(), func: f, sentinel }))
    }
}

unsafe fn callable_next(it: u64) -> u64 {
    let o = as_obj::<CallableIterObject>(it);
    if (*o).func == NONE {
        return UNBOUND;
    }
    let r = crate::protocols::call::call_function((*o).func, &[], 0);
    if r == ERR {
        if pending_matches(Exc::StopIteration) {
            clear_pending();
            return UNBOUND;
        }
        return ERR;
    }
    match crate::protocols::compare::eq_bool(r, (*o).sentinel) {
        Ok(true) => {
            decref(r);
            replace_field(&mut (*o).func, NONE);
            UNBOUND
        }
        Ok(false) => r,
        Err(_) => {
            decref(r);
            ERR
        }
    }
}

unsafe fn seq_next(it: u64) -> u64 {
    let o = as_obj::<SeqIterObject>(it);
    if (*o).seq == 0 {
        return UNBOUND;
    }
    let r = crate::protocols::item::getitem((*o).seq, small_int((*o).index));
    if r == ERR {
        if pending_matches(Exc::IndexError) || pending_matches(Exc::StopIteration) {
            clear_pending();
            let s = std::mem::replace(&mut (*o).seq, 0);
            decref(s);
            return UNBOUND;
        }
        return ERR;
    }
    (*o).index += 1;
    r
}

/// `iter(v)` (new reference or ERR).
pub fn iter(v: u64) -> u64 {
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe {
        if let Some(f) = (*t).slots.iter {
            let r = tri!(f(v));
            let rt = type_of(r);
            if (*rt).slots.next.is_none() {
                let n = tname(r);
                decref(r);
                return raise_type_error(format!("iter() returned non-iterator of type '{}'", n));
            }
            return r;
        }
        if (*t).slots.getitem.is_some() && !crate::types::dict::is_dict(v) {
            incref(v);
            return from_ptr(new_object(tp(TypeId::SeqIterator), SeqIterObject { header: header0(), seq: v, index: 0 }));
        }
    }
    raise_type_error(format!("'{}' object is not iterable", tname(v)))
}

/// The next item, UNBOUND when exhausted, or ERR.
#[inline]
pub fn next(it: u64) -> u64 {
    let t = type_of(it);
    // SAFETY: t is live.
    unsafe {
        match (*t).slots.next {
            Some(f) => f(it),
            None => raise_type_error(format!("'{}' object is not an iterator", tname(it))),
        }
    }
}

/// All items of an iterable (owned references).
pub fn collect(v: u64) -> R<Vec<u64>> {
    if is_list(v) && type_of(v) == tp(TypeId::List) {
        let items = list_items(v).to_vec();
        for &x in &items {
            incref(x);
        }
        return Ok(items);
    }
    if is_tuple(v) {
        let items = tuple_items(v).to_vec();
        for &x in &items {
            incref(x);
        }
        return Ok(items);
    }
    let it = chk(iter(v))?;
    let mut out = Vec::new();
    loop {
        let x = next(it);
        if x == UNBOUND {
            break;
        }
        if x == ERR {
            decref(it);
            for o in out {
                decref(o);
            }
            return Err(Pending);
        }
        out.push(x);
    }
    decref(it);
    Ok(out)
}

#[no_mangle]
pub extern "C" fn molt_iter(v: u64) -> u64 {
    iter(v)
}

#[no_mangle]
pub extern "C" fn molt_iter_next(it: u64) -> u64 {
    let r = next(it);
    if r == ERR && pending_matches(Exc::StopIteration) {
        clear_pending();
        return UNBOUND;
    }
    r
}

fn unpack_items(v: u64) -> R<Vec<u64>> {
    match collect(v) {
        Ok(x) => Ok(x),
        Err(_) => {
            if pending_matches(Exc::TypeError) && {
                let t = type_of(v);
                // SAFETY: t is live.
                unsafe { (*t).slots.iter.is_none() && (*t).slots.getitem.is_none() }
            } {
                clear_pending();
                return Err(raise_type_error_p(format!("cannot unpack non-iterable {} object", tname(v))));
            }
            Err(Pending)
        }
    }
}

#[no_mangle]
pub extern "C" fn molt_unpack_seq(v: u64, count: u64) -> u64 {
    let n = count as usize;
    if is_tuple(v) || (is_list(v) && type_of(v) == tp(TypeId::List)) {
        let items: &[u64] = if is_tuple(v) { tuple_items(v) } else { list_items(v) };
        if items.len() == n {
            if is_tuple(v) {
                // Tuples are immutable: unpacking one of the right length
                // reads its items in place (`for a, b in pairs`).
                incref(v);
                return v;
            }
            return tuple_from(items);
        }
    }
    // take at most n + 1 items (an iterator is not drained past the error)
    let it = iter(v);
    if it == ERR {
        let t = type_of(v);
        // SAFETY: t is live.
        if pending_matches(Exc::TypeError) && unsafe { (*t).slots.iter.is_none() && (*t).slots.getitem.is_none() } {
            clear_pending();
            return raise_type_error(format!("cannot unpack non-iterable {} object", tname(v)));
        }
        return ERR;
    }
    let mut items: Vec<u64> = Vec::with_capacity(n);
    let mut too_many = false;
    loop {
        let x = next(it);
        if x == UNBOUND {
            break;
        }
        if x == ERR {
            decref(it);
            for o in items {
                decref(o);
            }
            return ERR;
        }
        if items.len() == n {
            decref(x);
            too_many = true;
            break;
        }
        items.push(x);
    }
    decref(it);
    if too_many || items.len() != n {
        let got = items.len();
        for x in items {
            decref(x);
        }
        if too_many {
            return raise_value_error(format!("too many values to unpack (expected {})", n));
        }
        return raise_value_error(format!("not enough values to unpack (expected {}, got {})", n, got));
    }
    tuple_new(items)
}

#[no_mangle]
pub extern "C" fn molt_unpack_ex(v: u64, before: u64, after: u64) -> u64 {
    let (b, a) = (before as usize, after as usize);
    let mut items = ok!(unpack_items(v));
    if items.len() < b + a {
        let got = items.len();
        for x in items {
            decref(x);
        }
        return raise_value_error(format!("not enough values to unpack (expected at least {}, got {})", b + a, got));
    }
    let tail: Vec<u64> = items.split_off(items.len() - a);
    let mid: Vec<u64> = items.split_off(b);
    let mut out = items;
    out.push(list_new(mid));
    out.extend(tail);
    tuple_new(out)
}

#[no_mangle]
pub extern "C" fn molt_aiter(v: u64) -> u64 {
    match crate::protocols::call::call_special(v, "__aiter__", &[]) {
        Ok(Some(r)) => r,
        Ok(None) => raise_type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            tname(v)
        )),
        Err(_) => ERR,
    }
}

#[no_mangle]
pub extern "C" fn molt_anext(v: u64) -> u64 {
    match crate::protocols::call::call_special(v, "__anext__", &[]) {
        Ok(Some(r)) => r,
        Ok(None) => raise_type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            tname(v)
        )),
        Err(_) => ERR,
    }
}

#[no_mangle]
pub extern "C" fn molt_await_iter(v: u64) -> u64 {
    if is_ptr(v) && layout_of(v) == TypeId::Coroutine {
        return newref(v);
    }
    match crate::protocols::call::call_special(v, "__await__", &[]) {
        Ok(Some(r)) => {
            let t = type_of(r);
            // SAFETY: t is live.
            if unsafe { (*t).slots.next.is_none() } && !crate::types::generator::is_gen_like(r) {
                let n = tname(r);
                decref(r);
                return raise_type_error(format!("__await__() returned non-iterator of type '{}'", n));
            }
            r
        }
        Ok(None) => raise_type_error(format!("object {} can't be used in 'await' expression", tname(v))),
        Err(_) => ERR,
    }
}
