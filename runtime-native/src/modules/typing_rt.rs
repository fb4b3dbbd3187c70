//! modules/typing_rt.rs — the runtime objects behind PEP 695 syntax that the
//! frontend takes from builtins: `TypeVar`, `TypeVarTuple`, `ParamSpec`,
//! `TypeAliasType` (lazy `__value__`) and `Generic` (`Generic[T]` bases,
//! `C[int]` aliases). Built as ordinary classes with native methods.

use crate::errors::*;
use crate::object::*;
use crate::types::builtin_func::*;
use crate::types::dict::*;
use crate::types::str::{intern, str_as};
use crate::typeobj::*;
use crate::value::*;

fn new_class(name: &str) -> *mut TypeObject {
    let ns = dict_new();
    dict_set_str(ns, "__module__", intern("typing"));
    let bases = crate::types::tuple::empty_tuple();
    let kwd = dict_new();
    // SAFETY: start-up; type objects initialised.
    let c = unsafe { crate::types::type_::create_class(tp(TypeId::Type), intern(name), bases, ns, kwd) };
    decref(ns);
    decref(kwd);
    decref(bases);
    let t = as_type(c);
    // SAFETY: just created.
    unsafe { (*t).tpflags |= crate::typeobj::TPFLAG_DOTTED_NAME };
    t
}

fn set(obj: u64, name: &str, v: u64) -> R<()> {
    let d = crate::protocols::attr::instance_dict_or_create(obj)?;
    dict_set_str(d, name, v);
    Ok(())
}

fn get(obj: u64, name: &str) -> u64 {
    crate::protocols::attr::instance_dict(obj).and_then(|d| dict_get_str(d, name)).unwrap_or(NONE)
}

unsafe fn typevar_init(a: &[u64], k: u64) -> u64 {
    let nk = nkw(k);
    let np = a.len() - nk;
    if np < 2 {
        return raise_type_error("TypeVar() missing required argument 'name' (pos 1)".to_string());
    }
    let s = a[0];
    ok!(set(s, "__name__", a[1]));
    let cons = crate::types::tuple::tuple_from(&a[2..np]);
    ok!(set(s, "__constraints__", cons));
    decref(cons);
    for n in ["__bound__"] {
        ok!(set(s, n, NONE));
    }
    for n in ["__covariant__", "__contravariant__", "__infer_variance__"] {
        ok!(set(s, n, FALSE));
    }
    if nk > 0 {
        for (i, &kn) in crate::types::tuple::tuple_items(k).iter().enumerate() {
            let key = format!("__{}__", str_as(kn));
            ok!(set(s, &key, a[np + i]));
        }
    }
    NONE
}

unsafe fn name_only_init(a: &[u64], k: u64) -> u64 {
    ok!(no_kwargs("__init__", k));
    if a.len() != 2 {
        return raise_type_error("expected a name".to_string());
    }
    ok!(set(a[0], "__name__", a[1]));
    NONE
}

unsafe fn name_repr(a: &[u64], _k: u64) -> u64 {
    let s = a[0];
    let n = get(s, "__name__");
    let name = if crate::types::str::is_str(n) { str_as(n).to_string() } else { "?".to_string() };
    let prefix = if get(s, "__infer_variance__") == TRUE || get(s, "__constraints__") == NONE {
        ""
    } else if get(s, "__covariant__") == TRUE {
        "+"
    } else if get(s, "__contravariant__") == TRUE {
        "-"
    } else if type_of(s) == as_type(crate::runtime::rt().cache.get("TypeVar").copied().unwrap_or(NONE)) {
        "~"
    } else {
        ""
    };
    crate::types::str::str_from_string(format!("{}{}", prefix, name))
}

unsafe fn alias_init(a: &[u64], k: u64) -> u64 {
    ok!(check_args("TypeAliasType", a, k, 4, 4));
    ok!(set(a[0], "__name__", a[1]));
    ok!(set(a[0], "__type_params__", a[2]));
    ok!(set(a[0], "_evaluate", a[3]));
    NONE
}

unsafe fn alias_getattr(a: &[u64], k: u64) -> u64 {
    ok!(check_args("__getattr__", a, k, 2, 2));
    if crate::types::str::is_str(a[1]) && str_as(a[1]) == "__value__" {
        let v = tri!(crate::protocols::call::call_function(get(a[0], "_evaluate"), &[], 0));
        ok!(set(a[0], "__value__", v));
        return v;
    }
    raise_attribute_error(a[0], a[1])
}

unsafe fn alias_getitem(a: &[u64], k: u64) -> u64 {
    ok!(check_args("__getitem__", a, k, 2, 2));
    crate::types::union::generic_alias_new(a[0], a[1])
}

unsafe fn generic_class_getitem(a: &[u64], k: u64) -> u64 {
    ok!(check_args("__class_getitem__", a, k, 2, 2));
    crate::types::union::generic_alias_new(a[0], a[1])
}

unsafe fn alias_or(a: &[u64], k: u64) -> u64 {
    ok!(check_args("__or__", a, k, 2, 2));
    let r = crate::types::union::union_or(a[0], a[1]);
    if r == NOT_IMPLEMENTED {
        // unions with arbitrary typing objects: a GenericAlias-free tuple union
        return NOT_IMPLEMENTED;
    }
    r
}

/// Create the classes and add them to builtins.
pub fn init_builtins() {
    let tv = new_class("TypeVar");
    add_method(tv, "__init__", typevar_init);
    add_method(tv, "__repr__", name_repr);
    add_method(tv, "__or__", alias_or);
    let tvt = new_class("TypeVarTuple");
    add_method(tvt, "__init__", name_only_init);
    add_method(tvt, "__repr__", name_repr);
    let ps = new_class("ParamSpec");
    add_method(ps, "__init__", name_only_init);
    add_method(ps, "__repr__", name_repr);
    let ta = new_class("TypeAliasType");
    add_method(ta, "__init__", alias_init);
    add_method(ta, "__repr__", name_repr);
    add_method(ta, "__getattr__", alias_getattr);
    add_method(ta, "__getitem__", alias_getitem);
    add_method(ta, "__or__", alias_or);
    let g = new_class("Generic");
    add_classmethod(g, "__class_getitem__", generic_class_getitem);
    for (n, t) in [("TypeVar", tv), ("TypeVarTuple", tvt), ("ParamSpec", ps), ("TypeAliasType", ta), ("Generic", g)] {
        // SAFETY: heap classes just created.
        unsafe { crate::slotdefs::update_slots(t) };
        crate::runtime::rt().cache.insert(n, from_ptr(t));
        crate::modules::builtins::add_builtin_value(n, from_ptr(t));
    }
}
