//! protocols/item.rs — subscription, `len()`, `in`; exports
//! `molt_getitem/setitem/delitem`, `molt_len`, `molt_contains`.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

/// `obj[key]`.
pub fn getitem(obj: u64, key: u64) -> u64 {
    let t = type_of(obj);
    // SAFETY: t is live.
    unsafe {
        if let Some(g) = (*t).slots.getitem {
            return g(obj, key);
        }
        if is_type(obj) {
            if let Some(cg) = crate::typeobj::lookup_str(as_type(obj), "__class_getitem__") {
                let f = tri!(match (*type_of(cg)).slots.descr_get {
                    Some(g) => g(cg, UNBOUND, obj),
                    None => newref(cg),
                });
                let r = crate::protocols::call::call_function(f, &[key], 0);
                decref(f);
                return r;
            }
            return raise_type_error(format!("type '{}' is not subscriptable", type_name_of(as_type(obj))));
        }
    }
    raise_type_error(format!("'{}' object is not subscriptable", tname(obj)))
}

/// `obj[key]` with KeyError/IndexError mapped to Ok(None).
pub fn getitem_opt(obj: u64, key: u64) -> R<Option<u64>> {
    let r = getitem(obj, key);
    if r == ERR {
        if pending_matches(Exc::KeyError) {
            clear_pending();
            return Ok(None);
        }
        return Err(Pending);
    }
    Ok(Some(r))
}

/// `obj[key] = v` (v == UNBOUND deletes).
pub fn setitem(obj: u64, key: u64, v: u64) -> u64 {
    let t = type_of(obj);
    // SAFETY: t is live.
    unsafe {
        if let Some(s) = (*t).slots.setitem {
            return s(obj, key, v);
        }
    }
    if v == UNBOUND {
        // SAFETY: t is live.
        if unsafe { (*t).tpflags & TPFLAG_HEAPTYPE != 0 || (*t).slots.getitem.is_some() } {
            return raise_type_error(format!("'{}' object doesn't support item deletion", tname(obj)));
        }
        raise_type_error(format!("'{}' object does not support item deletion", tname(obj)))
    } else {
        raise_type_error(format!("'{}' object does not support item assignment", tname(obj)))
    }
}

/// `len(v)`.
pub fn len(v: u64) -> R<usize> {
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe {
        match (*t).slots.len {
            Some(l) => l(v),
            None => Err(raise_type_error_p(format!("object of type '{}' has no len()", tname(v)))),
        }
    }
}

/// `len()` as Python sees it: the same 64-bit `Py_ssize_t` limit on every
/// target (a range's length is not bounded by wasm32's usize).
pub fn len_i64(v: u64) -> R<i64> {
    if crate::types::range::is_range(v) {
        return crate::types::range::range_len_i64(v);
    }
    len(v).map(|n| n as i64)
}

/// True for mapping-like objects (dict layout or a `keys` + `__getitem__`).
pub fn mapping_check(v: u64) -> bool {
    if crate::types::dict::is_dict(v) {
        return true;
    }
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe { (*t).slots.getitem.is_some() && crate::typeobj::lookup_str(t, "keys").is_some() }
}

/// `item in container`.
pub fn contains(container: u64, item: u64) -> R<bool> {
    let t = type_of(container);
    // Exact set and frozenset: straight to the table (what their slot does,
    // without the indirect call).
    if t == tp(TypeId::Set) || t == tp(TypeId::FrozenSet) {
        return crate::types::set::contains_key(container, item);
    }
    // SAFETY: t is live.
    unsafe {
        if let Some(c) = (*t).slots.contains {
            return c(container, item);
        }
        if (*t).slots.iter.is_none() && (*t).slots.getitem.is_none() {
            return Err(raise_type_error_p(format!("argument of type '{}' is not iterable", tname(container))));
        }
    }
    let it = chk(crate::protocols::iter::iter(container))?;
    loop {
        let x = crate::protocols::iter::next(it);
        if x == UNBOUND {
            decref(it);
            return Ok(false);
        }
        if x == ERR {
            decref(it);
            return Err(Pending);
        }
        let eq = crate::protocols::compare::eq_bool(x, item);
        decref(x);
        match eq {
            Ok(true) => {
                decref(it);
                return Ok(true);
            }
            Ok(false) => {}
            Err(_) => {
                decref(it);
                return Err(Pending);
            }
        }
    }
}

#[no_mangle]
pub extern "C" fn molt_getitem(obj: u64, key: u64) -> u64 {
    getitem(obj, key)
}

#[no_mangle]
pub extern "C" fn molt_setitem(obj: u64, key: u64, v: u64) -> u64 {
    setitem(obj, key, v)
}

#[no_mangle]
pub extern "C" fn molt_delitem(obj: u64, key: u64) -> u64 {
    setitem(obj, key, UNBOUND)
}

/// `len(obj)` as a raw integer (ERR = u64::MAX on error).
#[no_mangle]
pub extern "C" fn molt_len(obj: u64) -> u64 {
    match len_i64(obj) {
        Ok(n) => n as u64,
        Err(_) => ERR,
    }
}

#[no_mangle]
pub extern "C" fn molt_contains(container: u64, item: u64) -> u64 {
    match contains(container, item) {
        Ok(b) => b as u64,
        Err(_) => ERR,
    }
}
