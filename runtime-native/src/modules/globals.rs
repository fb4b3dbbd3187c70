//! modules/globals.rs — globals/builtins name lookup; exports
//! `molt_global_get/set/del`, `molt_builtin`.

use crate::errors::*;
use crate::object::*;
use crate::runtime::rt;
use crate::types::dict::*;
use crate::types::str::str_as;
use crate::value::*;

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
    name_error(name)
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
        None => name_error(name),
    }
}
