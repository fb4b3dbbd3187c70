//! types/module.rs — `module`: a namespace dict with a name.
//! Neighbours: modules/imports.rs (creation and import), protocols/attr.rs.

use crate::object::*;
use crate::typeobj::*;
use crate::types::dict::*;
use crate::value::*;

#[repr(C)]
pub struct ModuleObject {
    pub header: ObjHeader,
    pub dict: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Module);
    (*t).basicsize = std::mem::size_of::<ModuleObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC;
    (*t).dict_offset = 16;
    (*t).slots.drop = Some(m_drop);
    (*t).slots.traverse = Some(m_traverse);
    (*t).slots.repr = Some(m_repr);
    (*t).slots.getattr = Some(m_getattr);
}

pub fn init_methods() {
    crate::types::builtin_func::add_method(tp(TypeId::Module), "__dir__", module_dir);
}

/// `dir(module)`: the sorted names of the module namespace.
unsafe fn module_dir(args: &[u64], kw: u64) -> u64 {
    ok!(crate::types::builtin_func::check_args("__dir__", args, kw, 1, 1));
    let d = module_dict(args[0]);
    let mut names: Vec<u64> = dict_entries(d).map(|(k, _)| k).filter(|&k| crate::types::str::is_str(k)).collect();
    names.sort_by(|&a, &b| crate::types::str::str_as(a).cmp(crate::types::str::str_as(b)));
    crate::types::list::list_new(names.into_iter().map(newref).collect())
}

unsafe fn m_drop(p: *mut ObjHeader) {
    decref_field((*(p as *mut ModuleObject)).dict);
}

unsafe fn m_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let d = (*(p as *mut ModuleObject)).dict;
    if d != 0 {
        visit(d);
    }
}

/// A new module named `name` with `__name__`, `__doc__`, `__package__`,
/// `__spec__`, `__loader__` set.
pub fn module_new(name: &str) -> u64 {
    let d = dict_new();
    let n = crate::types::str::str_from(name);
    dict_set_str(d, "__name__", n);
    decref(n);
    for k in ["__doc__", "__package__", "__spec__", "__loader__"] {
        dict_set_str(d, k, NONE);
    }
    // SAFETY: module type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::Module), ModuleObject { header: header0(), dict: d })) }
}

/// The namespace dict of a module (borrowed).
pub fn module_dict(m: u64) -> u64 {
    // SAFETY: caller passes a module.
    unsafe { (*as_obj::<ModuleObject>(m)).dict }
}

/// The module's `__name__` as a Rust string.
pub fn module_name(m: u64) -> String {
    match dict_get_str(module_dict(m), "__name__") {
        Some(n) if crate::types::str::is_str(n) => crate::types::str::str_as(n).to_string(),
        _ => "?".to_string(),
    }
}

/// Set a module attribute from Rust (takes ownership of `v`).
pub fn module_set(m: u64, name: &str, v: u64) {
    dict_set_str(module_dict(m), name, v);
    decref(v);
}

/// Add a native function to a module.
pub fn module_add_fn(m: u64, name: &'static str, f: crate::types::builtin_func::NativeFn) {
    let modname: &'static str = match name {
        _ => {
            let n = module_name(m);
            Box::leak(n.into_boxed_str())
        }
    };
    module_set(m, name, crate::types::builtin_func::new_builtin(name, modname, f));
}

unsafe fn m_repr(v: u64) -> u64 {
    let name = module_name(v);
    let s = match dict_get_str(module_dict(v), "__file__") {
        Some(f) if crate::types::str::is_str(f) => format!("<module '{}' from '{}'>", name, crate::types::str::str_as(f)),
        _ => format!("<module '{}' (built-in)>", name),
    };
    crate::types::str::str_from_string(s)
}

/// Module attribute lookup: the namespace first, then `module` type
/// attributes, then a module-level `__getattr__` (PEP 562), then the
/// NotImplementedError placeholder of a CPython name Molt lacks
/// (modules/missing.rs).
unsafe fn m_getattr(m: u64, name: u64) -> u64 {
    match crate::protocols::attr::generic_getattr_opt(m, name) {
        Ok(Some(v)) => v,
        Ok(None) => {
            if let Some(g) = dict_get_str(module_dict(m), "__getattr__") {
                let r = crate::protocols::call::call_function(g, &[name], 0);
                if r != ERR || !crate::errors::pending_matches(crate::errors::Exc::AttributeError) {
                    return r;
                }
                if let Some(p) = missing_placeholder(m, name) {
                    crate::errors::clear_pending();
                    return p;
                }
                return ERR;
            }
            match missing_placeholder(m, name) {
                Some(p) => p,
                None => crate::errors::raise_attribute_error(m, name),
            }
        }
        Err(_) => ERR,
    }
}

fn missing_placeholder(m: u64, name: u64) -> Option<u64> {
    if !crate::types::str::is_str(name) {
        return None;
    }
    crate::modules::missing::placeholder(&module_name(m), crate::types::str::str_as(name))
}
