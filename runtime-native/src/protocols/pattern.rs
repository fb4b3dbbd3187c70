//! protocols/pattern.rs — structural pattern matching support; exports
//! `molt_match_class`, `molt_match_sequence`, `molt_match_mapping`,
//! `molt_match_keys`, `molt_match_rest`.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::str::{is_str, str_as};
use crate::types::tuple::*;
use crate::value::*;

/// Builtins whose single positional sub-pattern matches the subject itself.
fn self_matching(t: *mut TypeObject) -> bool {
    // SAFETY: live type.
    let l = unsafe { (*t).layout };
    let ids = [
        TypeId::Bool,
        TypeId::ByteArray,
        TypeId::Bytes,
        TypeId::Dict,
        TypeId::Float,
        TypeId::FrozenSet,
        TypeId::Int,
        TypeId::List,
        TypeId::Set,
        TypeId::Str,
        TypeId::Tuple,
    ];
    ids.iter().any(|&id| tp(id) == t) || (ids.contains(&l) && l != TypeId::Object)
}

#[no_mangle]
pub extern "C" fn molt_match_class(subject: u64, cls: u64, kwnames: u64, npos: u64) -> u64 {
    if !is_type(cls) {
        return raise_type_error("called match pattern must be a class".to_string());
    }
    let ct = as_type(cls);
    match crate::modules::builtins::isinstance(subject, cls) {
        Ok(true) => {}
        Ok(false) => return NONE,
        Err(_) => return ERR,
    }
    let npos = npos as usize;
    let mut names: Vec<u64> = Vec::new();
    let mut out: Vec<u64> = Vec::new();
    let cname = type_name_of(ct);
    if npos > 0 {
        let ma = match crate::protocols::attr::getattr_opt(cls, crate::types::str::intern("__match_args__")) {
            Ok(v) => v,
            Err(_) => return ERR,
        };
        match ma {
            None => {
                if npos == 1 && self_matching(ct) {
                    out.push(newref(subject));
                } else {
                    return raise_type_error(format!(
                        "{}() accepts 0 positional sub-patterns ({} given)",
                        cname, npos
                    ));
                }
            }
            Some(m) => {
                if !is_tuple(m) {
                    let tn = tname(m);
                    decref(m);
                    return raise_type_error(format!("{}.__match_args__ must be a tuple (got {})", cname, tn));
                }
                let items = tuple_items(m);
                if npos > items.len() {
                    let n = items.len();
                    decref(m);
                    return raise_type_error(format!(
                        "{}() accepts {} positional sub-pattern{} ({} given)",
                        cname,
                        n,
                        if n == 1 { "" } else { "s" },
                        npos
                    ));
                }
                for &n in &items[..npos] {
                    if !is_str(n) {
                        decref(m);
                        return raise_type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            tname(n)
                        ));
                    }
                    names.push(n);
                }
                decref(m);
            }
        }
    }
    if kwnames != NONE && kwnames != 0 && is_tuple(kwnames) {
        names.extend_from_slice(tuple_items(kwnames));
    }
    for (i, &n) in names.iter().enumerate() {
        if names[..i].iter().any(|&p| str_as(p) == str_as(n)) {
            for v in out {
                decref(v);
            }
            return raise_type_error(format!("{}() got multiple sub-patterns for attribute '{}'", cname, str_as(n)));
        }
        match crate::protocols::attr::getattr_opt(subject, n) {
            Ok(Some(v)) => out.push(v),
            Ok(None) => {
                for v in out {
                    decref(v);
                }
                return NONE;
            }
            Err(_) => {
                for v in out {
                    decref(v);
                }
                return ERR;
            }
        }
    }
    tuple_new(out)
}

#[no_mangle]
pub extern "C" fn molt_match_sequence(subject: u64) -> u64 {
    if !is_ptr(subject) {
        return 0;
    }
    let l = layout_of(subject);
    if matches!(l, TypeId::List | TypeId::Tuple | TypeId::Range) {
        return 1;
    }
    if matches!(l, TypeId::Str | TypeId::Bytes | TypeId::ByteArray | TypeId::Dict) {
        return 0;
    }
    // classes registered as sequences (e.g. collections.abc.Sequence subclasses)
    let t = type_of(subject);
    let seq = lookup_str(t, "__molt_sequence__").map(|v| v == TRUE).unwrap_or(false);
    seq as u64
}

#[no_mangle]
pub extern "C" fn molt_match_mapping(subject: u64) -> u64 {
    if !is_ptr(subject) {
        return 0;
    }
    if matches!(layout_of(subject), TypeId::Dict | TypeId::MappingProxy) {
        return 1;
    }
    let t = type_of(subject);
    lookup_str(t, "__molt_mapping__").map(|v| v == TRUE).unwrap_or(false) as u64
}

#[no_mangle]
pub extern "C" fn molt_match_keys(subject: u64, keys: u64) -> u64 {
    let ks = tuple_items(keys);
    let mut out = Vec::with_capacity(ks.len());
    let is_plain_dict = crate::types::dict::is_dict(subject);
    for (i, &k) in ks.iter().enumerate() {
        for &p in &ks[..i] {
            match crate::protocols::compare::eq_bool(p, k) {
                Ok(true) => {
                    for v in out {
                        decref(v);
                    }
                    let r = crate::protocols::repr::repr_string(k).unwrap_or_default();
                    return raise_value_error(format!("mapping pattern checks duplicate key ({})", r));
                }
                Ok(false) => {}
                Err(_) => return ERR,
            }
        }
        let v = if is_plain_dict && type_of(subject) == tp(TypeId::Dict) {
            match crate::types::dict::dict_get(subject, k) {
                Ok(Some(v)) => Some(newref(v)),
                Ok(None) => None,
                Err(_) => return ERR,
            }
        } else {
            // mapping patterns use .get(key, sentinel) (so __missing__ is not consulted)
            let sentinel = crate::types::object::sentinel();
            let r = crate::protocols::call::call_method_str(subject, "get", &[k, sentinel]);
            if r == ERR {
                for v in out {
                    decref(v);
                }
                return ERR;
            }
            if r == sentinel {
                decref(r);
                None
            } else {
                Some(r)
            }
        };
        match v {
            Some(v) => out.push(v),
            None => {
                for v in out {
                    decref(v);
                }
                return NONE;
            }
        }
    }
    tuple_new(out)
}

#[no_mangle]
pub extern "C" fn molt_match_rest(subject: u64, keys: u64) -> u64 {
    let d = crate::types::dict::dict_new();
    if crate::types::dict::dict_update_from(d, subject).is_err() {
        decref(d);
        return ERR;
    }
    for &k in tuple_items(keys) {
        if crate::types::dict::dict_del(d, k).is_err() {
            decref(d);
            return ERR;
        }
    }
    d
}
