//! modules/imports.rs — the module registry and import system: compiled
//! modules registered by `molt_module_register`, native modules, package
//! parents, relative imports; exports `molt_module_register`, `molt_import`,
//! `molt_import_from`, `molt_import_star`, `molt_run_main`.

use crate::errors::*;
use crate::object::*;
use crate::runtime::rt;
use crate::typeobj::*;
use crate::types::dict::*;
use crate::types::module::*;
use crate::types::str::{intern, is_str, str_as, str_from};
use crate::value::*;

#[no_mangle]
pub extern "C" fn molt_module_register(name: u64, code_id: u32, is_package: u32) -> u64 {
    if !is_str(name) {
        return raise_type_error("molt_module_register: name must be a str".to_string());
    }
    rt().module_specs.insert(str_as(name).to_string(), (code_id, is_package != 0));
    NONE
}

/// Run the main module (specs/runtime-abi.md §6): `name` is the str of the
/// registered module to run as `__main__` (the frontend names it "__main__").
#[no_mangle]
pub extern "C" fn molt_run_main(name: u64) -> u64 {
    if is_str(name) {
        let n = str_as(name).to_string();
        return import_module(&n);
    }
    import_module("__main__")
}

fn not_found(name: &str) -> u64 {
    let e = crate::types::exception::exc_with_msg(Exc::ModuleNotFoundError, &format!("No module named '{}'", name));
    if let Ok(d) = crate::protocols::attr::instance_dict_or_create(e) {
        let n = str_from(name);
        dict_set_str(d, "name", n);
        decref(n);
    }
    set_pending(e)
}

/// Import a module by absolute dotted name (new reference).
pub fn import_module(name: &str) -> u64 {
    let modules = rt().modules;
    if let Some(m) = dict_get_str(modules, name) {
        return newref(m);
    }
    let mut parent_mod = 0u64;
    if let Some(dot) = name.rfind('.') {
        let parent = &name[..dot];
        let p = tri!(import_module(parent));
        if let Some(m) = dict_get_str(modules, name) {
            decref(p);
            return newref(m);
        }
        parent_mod = p;
    }
    let spec = rt().module_specs.get(name).copied();
    let m = if let Some((code_id, is_pkg)) = spec {
        exec_module(name, code_id, is_pkg)
    } else if let Some(ctor) = rt().native_modules.get(name).copied() {
        let m = ctor();
        if m != ERR {
            dict_set_str(modules, name, m);
        }
        m
    } else {
        not_found(name)
    };
    if parent_mod != 0 {
        if m != ERR {
            let child = &name[name.rfind('.').unwrap() + 1..];
            let r = crate::protocols::attr::setattr(parent_mod, intern(child), m);
            if r == ERR {
                clear_pending();
            }
        }
        decref(parent_mod);
    }
    m
}

fn exec_module(name: &str, code_id: u32, is_pkg: bool) -> u64 {
    let m = module_new(name);
    let d = module_dict(m);
    let code = crate::types::code::code_by_id(code_id);
    if let Some(c) = code {
        // SAFETY: c is a live immortal code object.
        unsafe {
            dict_set_str(d, "__file__", (*c).filename);
            (*c).globals = d;
            // Code objects (immortal) and file_globals keep borrowed pointers
            // to `d`: own one reference for good, or a module dropped from
            // sys.modules (failed import) leaves them dangling once the cycle
            // collector frees its globals.
            incref(d);
            rt().file_globals.insert((*c).filename, d);
        }
    }
    let pkg = if is_pkg {
        let l = crate::types::list::list_new(Vec::new());
        dict_set_str(d, "__path__", l);
        decref(l);
        name.to_string()
    } else {
        match name.rfind('.') {
            Some(i) => name[..i].to_string(),
            None => String::new(),
        }
    };
    let p = str_from(&pkg);
    dict_set_str(d, "__package__", p);
    decref(p);
    dict_set_str(d, "__builtins__", rt().builtins);
    let modules = rt().modules;
    dict_set_str(modules, name, m);
    // SAFETY: dispatching the module body with self = module.
    let r = unsafe { crate::protocols::call::dispatch(code_id, m, std::ptr::null()) };
    if r == ERR {
        let _ = dict_del(modules, intern(name));
        decref(m);
        return ERR;
    }
    decref(r);
    // the module may have replaced itself in sys.modules
    let out = dict_get_str(modules, name).unwrap_or(m);
    incref(out);
    decref(m);
    out
}

fn resolve_name(name: &str, globals: u64, level: usize) -> R<String> {
    let g = if globals != NONE && globals != 0 && crate::types::dict::is_dict(globals) { globals } else { 0 };
    let mut package = String::new();
    if g != 0 {
        match dict_get_str(g, "__package__") {
            Some(p) if is_str(p) => package = str_as(p).to_string(),
            _ => {
                if let Some(n) = dict_get_str(g, "__name__") {
                    if is_str(n) {
                        let n = str_as(n);
                        if dict_get_str(g, "__path__").is_some() {
                            package = n.to_string();
                        } else if let Some(i) = n.rfind('.') {
                            package = n[..i].to_string();
                        }
                    }
                }
            }
        }
    }
    if package.is_empty() {
        return Err(raise_p(Exc::ImportError, "attempted relative import with no known parent package".to_string()));
    }
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rfind('.') {
            Some(i) => base = &base[..i],
            None => {
                return Err(raise_p(Exc::ImportError, "attempted relative import beyond top-level package".to_string()))
            }
        }
    }
    Ok(if name.is_empty() { base.to_string() } else { format!("{}.{}", base, name) })
}

#[no_mangle]
pub extern "C" fn molt_import(name: u64, globals: u64, fromlist: u64, level: u64) -> u64 {
    if !is_str(name) {
        return raise_type_error(format!("module name must be str, not {}", tname(name)));
    }
    let n = str_as(name);
    let full = if level > 0 {
        ok!(resolve_name(n, globals, level as usize))
    } else {
        if n.is_empty() {
            return raise_value_error("Empty module name".to_string());
        }
        n.to_string()
    };
    let m = tri!(import_module(&full));
    let has_from = fromlist != NONE
        && fromlist != 0
        && fromlist != UNBOUND
        && crate::protocols::truth::truthy(fromlist).unwrap_or(false);
    if has_from {
        // import submodules named in the fromlist for packages
        if dict_get_str(module_dict_of(m), "__path__").is_some() {
            if let Ok(items) = crate::protocols::iter::collect(fromlist) {
                for it in items {
                    if is_str(it) && str_as(it) != "*" {
                        let present = crate::protocols::attr::getattr_opt(m, it);
                        match present {
                            Ok(Some(v)) => decref(v),
                            Ok(None) => {
                                let sub = format!("{}.{}", full, str_as(it));
                                if rt().module_specs.contains_key(&sub) || rt().native_modules.contains_key(sub.as_str()) {
                                    let r = import_module(&sub);
                                    if r == ERR {
                                        decref(it);
                                        decref(m);
                                        return ERR;
                                    }
                                    decref(r);
                                }
                            }
                            Err(_) => clear_pending(),
                        }
                    }
                    decref(it);
                }
            } else {
                clear_pending();
            }
        }
        return m;
    }
    if level == 0 {
        if let Some(dot) = full.find('.') {
            decref(m);
            return import_module(&full[..dot]);
        }
    }
    m
}

fn module_dict_of(m: u64) -> u64 {
    if has_layout(m, TypeId::Module) {
        module_dict(m)
    } else {
        crate::protocols::attr::instance_dict(m).unwrap_or_else(dict_new_leak)
    }
}

fn dict_new_leak() -> u64 {
    let d = dict_new();
    make_immortal(d);
    d
}

#[no_mangle]
pub extern "C" fn molt_import_from(m: u64, name: u64) -> u64 {
    match crate::protocols::attr::getattr_opt(m, name) {
        Ok(Some(v)) => return v,
        Ok(None) => {}
        Err(_) => return ERR,
    }
    let mname = if has_layout(m, TypeId::Module) { module_name(m) } else { "?".to_string() };
    let full = format!("{}.{}", mname, str_as(name));
    if let Some(v) = dict_get_str(rt().modules, &full) {
        return newref(v);
    }
    let loc = if has_layout(m, TypeId::Module) {
        match dict_get_str(module_dict(m), "__file__") {
            Some(f) if is_str(f) => str_as(f).to_string(),
            _ => "unknown location".to_string(),
        }
    } else {
        "unknown location".to_string()
    };
    let e = crate::types::exception::exc_with_msg(
        Exc::ImportError,
        &format!("cannot import name '{}' from '{}' ({})", str_as(name), mname, loc),
    );
    set_pending(e)
}

#[no_mangle]
pub extern "C" fn molt_import_star(m: u64, globals: u64) -> u64 {
    let d = module_dict_of(m);
    if let Some(all) = dict_get_str(d, "__all__") {
        let names = ok!(crate::protocols::iter::collect(all));
        for n in names {
            let v = crate::protocols::attr::getattr(m, n);
            if v == ERR {
                decref(n);
                return ERR;
            }
            let r = dict_set(globals, n, v);
            decref(v);
            decref(n);
            ok!(r);
        }
        return NONE;
    }
    for (k, v) in dict_pairs(d) {
        if is_str(k) && !str_as(k).starts_with('_') {
            ok!(dict_set(globals, k, v));
        }
    }
    NONE
}
