//! protocols/repr.rs — `repr()`, `str()`, `ascii()` and recursion guards for
//! container reprs; exports `molt_repr`, `molt_str`, `molt_ascii`,
//! `molt_str_concat`.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::str::*;
use crate::value::*;

/// `repr(v)` as a str word (new reference or ERR).
pub fn repr(v: u64) -> R<u64> {
    chk(molt_repr(v))
}

/// `repr(v)` as a Rust String.
pub fn repr_string(v: u64) -> R<String> {
    let r = repr(v)?;
    let s = str_as(r).to_string();
    decref(r);
    Ok(s)
}

/// `str(v)` as a Rust String.
pub fn str_string(v: u64) -> R<String> {
    if is_str(v) {
        return Ok(str_as(v).to_string());
    }
    let r = chk(molt_str(v))?;
    let s = str_as(r).to_string();
    decref(r);
    Ok(s)
}

#[no_mangle]
pub extern "C" fn molt_repr(v: u64) -> u64 {
    if is_int(v) {
        return str_from_string(int_val(v).to_string());
    }
    if is_float(v) {
        return str_from_string(crate::types::float::float_repr_str(float_val(v)));
    }
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe {
        let r = match (*t).slots.repr {
            Some(f) => f(v),
            None => str_from_string(crate::types::object::default_repr(v)),
        };
        if r != ERR && !is_str(r) {
            let n = tname(r);
            decref(r);
            return raise_type_error(format!("__repr__ returned non-string (type {})", n));
        }
        r
    }
}

#[no_mangle]
pub extern "C" fn molt_str(v: u64) -> u64 {
    if is_str(v) && type_of(v) == tp(TypeId::Str) {
        return newref(v);
    }
    if is_int(v) || is_float(v) {
        return molt_repr(v);
    }
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe {
        let r = match (*t).slots.str {
            Some(f) => f(v),
            None => molt_repr(v),
        };
        if r != ERR && !is_str(r) {
            let n = tname(r);
            decref(r);
            return raise_type_error(format!("__str__ returned non-string (type {})", n));
        }
        r
    }
}

/// `ascii()` escaping of a repr.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c);
        } else if u <= 0xff {
            out.push_str(&format!("\\x{:02x}", u));
        } else if u <= 0xffff {
            out.push_str(&format!("\\u{:04x}", u));
        } else {
            out.push_str(&format!("\\U{:08x}", u));
        }
    }
    out
}

#[no_mangle]
pub extern "C" fn molt_ascii(v: u64) -> u64 {
    let r = tri!(molt_repr(v));
    let s = ascii_escape(str_as(r));
    decref(r);
    str_from_string(s)
}

#[no_mangle]
pub unsafe extern "C" fn molt_str_concat(argv: *const u64, n: usize) -> u64 {
    let parts = if n == 0 { &[][..] } else { std::slice::from_raw_parts(argv, n) };
    let mut out = String::new();
    for &p in parts {
        if is_str(p) {
            out.push_str(str_as(p));
        } else {
            let s = ok!(str_string(p));
            out.push_str(&s);
        }
    }
    str_from_string(out)
}

/// Enter a recursive repr of container `v`; false when already inside
/// (the caller then prints `[...]` / `{...}`).
pub fn repr_enter(v: u64) -> bool {
    let stack = repr_stack();
    if stack.contains(&v) {
        return false;
    }
    stack.push(v);
    true
}

/// Leave the repr of `v`.
pub fn repr_leave(v: u64) {
    let stack = repr_stack();
    if let Some(pos) = stack.iter().rposition(|&x| x == v) {
        stack.remove(pos);
    }
}

fn repr_stack() -> &'static mut Vec<u64> {
    static mut STACK: Vec<u64> = Vec::new();
    // SAFETY: single-threaded runtime.
    unsafe { &mut *std::ptr::addr_of_mut!(STACK) }
}
