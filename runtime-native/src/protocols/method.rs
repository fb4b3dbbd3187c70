//! protocols/method.rs — method calls in CPython's evaluation order: the IR
//! op `method.load` looks the method up *before* the arguments are evaluated
//! and `method.call` calls it afterwards (CPython's LOAD_ATTR with the method
//! flag, then CALL). When the attribute is a plain function found on the type
//! and not shadowed by the instance, `method.load` returns a METHOD word (tag
//! 0xFFFE, payload = the function) instead of allocating a bound method;
//! `method.call` then passes `obj` first. A METHOD word only ever flows from
//! `method.load` to `method.call`. Neighbours: call.rs (call_with_self,
//! call_function), attr.rs (getattr, instance dicts).

use crate::object::*;
use crate::protocols::attr::{getattr, has_generic_getattr, instance_dict};
use crate::protocols::call::{call_function, call_with_self, dispatch};
use crate::types::function::FunctionObject;
use crate::typeobj::*;
use crate::types::dict::*;
use crate::types::tuple::tuple_items;
use crate::value::*;

/// Tag of a METHOD word (see specs/runtime-abi.md §1).
pub const TAG_METHOD: u64 = crate::abi_consts::TAG_METHOD;

fn is_method_word(m: u64) -> bool {
    m != ERR && tag(m) == TAG_METHOD
}

/// The object a word owns a reference to: a METHOD word owns its function
/// (compiled code's `incref`/`decref` of any word go through this).
pub fn owned_word(v: u64) -> u64 {
    if is_method_word(v) {
        method_function(v)
    } else {
        v
    }
}

fn method_function(m: u64) -> u64 {
    (TAG_PTR << TAG_SHIFT) | (m & PAYLOAD_MASK)
}

/// The plain function (or builtin method descriptor) that `obj.name` finds on
/// `obj`'s type when the type uses the generic `__getattribute__` and the
/// instance dict does not shadow it (borrowed): what a method call may call
/// with `obj` first instead of making a bound method.
pub fn method_on_type(obj: u64, name: u64) -> Option<u64> {
    let t = type_of(obj);
    if !has_generic_getattr(t) {
        return None;
    }
    let d = lookup(t, name)?;
    let dt = type_of(d);
    if dt != tp(TypeId::Function) && dt != tp(TypeId::MethodDescriptor) {
        return None;
    }
    let shadowed = match instance_dict(obj) {
        Some(dict) => dict_len(dict) != 0 && dict_get_str_key(dict, name).is_some(),
        None => false,
    };
    if shadowed {
        None
    } else {
        Some(d)
    }
}

/// `method.load`: a METHOD word or the attribute's value (new reference).
#[no_mangle]
pub extern "C" fn molt_method_load(obj: u64, name: u64) -> u64 {
    match method_on_type(obj, name) {
        Some(d) => {
            incref(d);
            (TAG_METHOD << TAG_SHIFT) | (d & PAYLOAD_MASK)
        }
        None => getattr(obj, name),
    }
}

/// `method.func`: the function of a METHOD word (new reference), else `None`
/// (profile-guided builds guard it with `guard.code`, then call it directly).
#[no_mangle]
pub extern "C" fn molt_method_func(m: u64) -> u64 {
    if is_method_word(m) {
        let f = method_function(m);
        incref(f);
        f
    } else {
        NONE
    }
}

/// Words of a `method.load` site's cache: `CACHE_METHOD_ENTRIES` entries
/// of 5 words.
pub const METHOD_CACHE_WORDS: usize = 5 * crate::abi_consts::CACHE_METHOD_ENTRIES;

/// `method.load` through a per-site inline cache of compiled code:
/// `CACHE_METHOD_ENTRIES` entries `[type, type version, function, dict
/// offset, bloom bit]`, the newest first (`attr::record_front`). An entry
/// answers — a METHOD word of its function — when the object's type and
/// that type's version are the entry's and the object has no instance dict
/// (dict offset 0, or an empty dict slot) or one whose key bloom lacks the
/// name's bit (so the name cannot shadow the method). Compiled code checks
/// the first `CACHE_INLINE_ENTRIES` inline and calls this otherwise, which
/// checks them all, then does `molt_method_load` and records the answer when
/// it is a METHOD word of a type with the generic `__getattribute__`.
///
/// # Safety
/// `cache` points at `METHOD_CACHE_WORDS` writable words owned by the call site.
#[no_mangle]
pub unsafe extern "C" fn molt_method_load_cached(obj: u64, name: u64, cache: *mut u64) -> u64 {
    if is_ptr(obj) {
        let t = type_of(obj);
        for c in std::slice::from_raw_parts(cache, METHOD_CACHE_WORDS).chunks_exact(5) {
            if c[0] != t as u64 || c[1] != (*t).version as u64 {
                continue;
            }
            let dict = if c[3] == 0 { 0 } else { *((ptr_of(obj) as *mut u8).add(c[3] as usize) as *const u64) };
            if dict == 0 || (*as_obj::<DictObject>(dict)).bloom & c[4] == 0 {
                incref(c[2]);
                return (TAG_METHOD << TAG_SHIFT) | (c[2] & PAYLOAD_MASK);
            }
        }
    }
    let m = molt_method_load(obj, name);
    if !is_method_word(m) || !is_ptr(obj) || !crate::types::str::is_str(name) {
        return m;
    }
    let t = type_of(obj);
    if !has_generic_getattr(t) || (*t).version == 0 {
        return m;
    }
    let dict_offset = match crate::protocols::attr::dict_slot(obj) {
        Some(s) => s as usize - ptr_of(obj) as usize,
        None => 0,
    };
    let entry = [
        t as u64,
        (*t).version as u64,
        method_function(m),
        dict_offset as u64,
        crate::types::dict::bloom_bit(crate::types::str::str_hash(name)),
    ];
    crate::protocols::attr::record_front(cache, METHOD_CACHE_WORDS, 5, &entry);
    m
}

fn call_loaded(m: u64, obj: u64, args: &[u64], kwnames: u64) -> u64 {
    if is_method_word(m) {
        call_with_self(method_function(m), obj, args, kwnames)
    } else {
        call_function(m, args, kwnames)
    }
}

/// `method.call`: operands (method, obj, args...).
///
/// # Safety
/// `argv` points at `n` words.
#[no_mangle]
pub unsafe extern "C" fn molt_method_call(m: u64, obj: u64, argv: *const u64, n: usize) -> u64 {
    // The common case, a compiled Python method taking exactly `obj` and the
    // arguments positionally: straight to its code (what call_with_self,
    // call_function and function_call_slot would do after their checks).
    if n < 8 && is_method_word(m) {
        let f = method_function(m);
        if type_of(f) == tp(TypeId::Function) {
            let code = &*(*as_obj::<FunctionObject>(f)).code;
            if code.is_simple() && code.nargs as usize == n + 1 {
                let mut buf = [0u64; 8];
                buf[0] = obj;
                if n > 0 {
                    buf[1..=n].copy_from_slice(std::slice::from_raw_parts(argv, n));
                }
                return dispatch(code.code_id, f, buf.as_ptr()); // a safe point too
            }
        }
    }
    crate::gc::maybe_collect(); // safe point: compiled code owns every live value
    let args = if n == 0 { &[][..] } else { std::slice::from_raw_parts(argv, n) };
    call_loaded(m, obj, args, 0)
}

/// `method.call.kw`: operands (method, obj, kwnames, values...).
///
/// # Safety
/// `argv` points at `n` words.
#[no_mangle]
pub unsafe extern "C" fn molt_method_call_kw(m: u64, obj: u64, kwnames: u64, argv: *const u64, n: usize) -> u64 {
    let args = if n == 0 { &[][..] } else { std::slice::from_raw_parts(argv, n) };
    let kn = if kwnames == NONE || kwnames == 0 || tuple_items(kwnames).is_empty() { 0 } else { kwnames };
    call_loaded(m, obj, args, kn)
}
