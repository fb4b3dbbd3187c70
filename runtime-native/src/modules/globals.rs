//! modules/globals.rs — globals/builtins name lookup; exports
//! `molt_global_get/set/del`, `molt_builtin`.

use crate::errors::*;
use crate::object::*;
use crate::runtime::rt;
use crate::types::dict::*;
use crate::types::str::str_as;
use crate::value::*;

/// The result of looking up a name found neither in globals nor in
/// builtins: the NotImplementedError placeholder of a CPython builtin Molt
/// lacks (modules/missing.rs), else NameError.
fn not_found(name: u64) -> u64 {
    match crate::modules::missing::placeholder("builtins", str_as(name)) {
        Some(p) => p,
        None => name_error(name),
    }
}

fn name_error(name: u64) -> u64 {
    let n = str_as(name);
    let e = crate::types::exception::exc_with_msg(Exc::NameError, &format!("name '{}' is not defined", n));
    if let Ok(d) = crate::protocols::attr::instance_dict_or_create(e) {
        dict_set_str(d, "name", name);
    }
    set_pending(e)
}

#[no_mangle]
pub extern "C" fn molt_global_get(globals: u64, name: u64) -> u64 {
    if let Some(v) = dict_get_str_key(globals, name) {
        return newref(v);
    }
    if let Some(v) = dict_get_str_key(rt().builtins_dict, name) {
        return newref(v);
    }
    not_found(name)
}

#[no_mangle]
pub extern "C" fn molt_global_set(globals: u64, name: u64, v: u64) -> u64 {
    unit(dict_set(globals, name, v))
}

#[no_mangle]
pub extern "C" fn molt_global_del(globals: u64, name: u64) -> u64 {
    match dict_del(globals, name) {
        Ok(true) => NONE,
        Ok(false) => name_error(name),
        Err(_) => ERR,
    }
}

#[no_mangle]
pub extern "C" fn molt_builtin(name: u64) -> u64 {
    match dict_get_str_key(rt().builtins_dict, name) {
        Some(v) => newref(v),
        None => not_found(name),
    }
}

/// `global.get` with a per-site cache of three words owned by compiled code
/// (all zero at first): `[globals dict, globals version, entry index + 1]`.
/// A hit in `globals` is re-validated by the key at the cached entry (keys
/// are interned strs, unique within a dict, so the entry still binds the
/// name); a hit in builtins also needs `globals` unchanged since (its
/// version; any insertion bumps it), so the name is still absent there.
/// Index words: `ix + 1` for an entry of `globals`, `-(ix + 1)` for builtins.
#[no_mangle]
pub unsafe extern "C" fn molt_global_get_cached(globals: u64, name: u64, cache: *mut u64) -> u64 {
    let c = std::slice::from_raw_parts_mut(cache, 3);
    let slot = c[2] as i64;
    if slot > 0 {
        let o = d_of(globals);
        let ix = (slot - 1) as usize;
        if c[0] == globals && ix < o.entries.len() && o.entries[ix].key == name {
            return newref(o.entries[ix].value);
        }
    } else if slot < 0 && c[0] == globals && d_of(globals).version == c[1] {
        let b = d_of(rt().builtins_dict);
        let ix = (-slot - 1) as usize;
        if ix < b.entries.len() && b.entries[ix].key == name {
            return newref(b.entries[ix].value);
        }
    }
    if let Some(ix) = dict_index_of_str_key(globals, name) {
        c[0] = globals;
        c[2] = (ix + 1) as u64;
        return newref(d_of(globals).entries[ix].value);
    }
    if let Some(ix) = dict_index_of_str_key(rt().builtins_dict, name) {
        c[0] = globals;
        c[1] = d_of(globals).version;
        c[2] = (-(ix as i64 + 1)) as u64;
        return newref(d_of(rt().builtins_dict).entries[ix].value);
    }
    not_found(name)
}

fn d_of(dict: u64) -> &'static mut DictObject {
    // SAFETY: globals and builtins are exact dicts (the frontend and the
    // runtime only pass module dicts here).
    unsafe { &mut *as_obj::<DictObject>(dict) }
}
