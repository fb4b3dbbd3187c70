//! types/super_.rs — `super(type, obj)`: attribute lookup starting after
//! `type` in the MRO of `obj` (or of `obj` itself when it is a class).
//! The frontend lowers zero-argument `super()` to `super(__class__, <first
//! parameter>)`.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::str::str_as;
use crate::value::*;

#[repr(C)]
pub struct SuperObject {
    pub header: ObjHeader,
    /// The class after which lookup starts.
    pub type_: u64,
    /// The bound object (instance or class) or NONE.
    pub obj: u64,
    /// The type whose MRO is searched.
    pub obj_type: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Super);
    (*t).basicsize = std::mem::size_of::<SuperObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE;
    (*t).slots.new = Some(super_new);
    (*t).slots.init = Some(|_, _, _| NONE);
    (*t).slots.drop = Some(super_drop);
    (*t).slots.getattr = Some(super_getattr);
    (*t).slots.repr = Some(super_repr);
    (*t).slots.descr_get = Some(super_descr_get);
}

pub fn init_methods() {
    // SAFETY (closures): installed only on `super`.
    crate::types::descr::add_getset(tp(TypeId::Super), "__thisclass__", |v| unsafe { newref((*as_obj::<SuperObject>(v)).type_) }, None);
    crate::types::descr::add_getset(tp(TypeId::Super), "__self__", |v| unsafe { newref((*as_obj::<SuperObject>(v)).obj) }, None);
    crate::types::descr::add_getset(tp(TypeId::Super), "__self_class__", |v| unsafe { newref((*as_obj::<SuperObject>(v)).obj_type) }, None);
}

unsafe fn super_drop(p: *mut ObjHeader) {
    let s = p as *mut SuperObject;
    decref((*s).type_);
    decref((*s).obj);
    decref((*s).obj_type);
}

/// The type whose MRO `super(t, obj)` searches.
unsafe fn check_obj(t: *mut TypeObject, obj: u64) -> R<u64> {
    if is_type(obj) && is_subtype(as_type(obj), t) {
        return Ok(obj);
    }
    if is_instance(obj, t) {
        return Ok(from_ptr(type_of(obj)));
    }
    Err(raise_type_error_p("super(type, obj): obj must be an instance or subtype of type".to_string()))
}

pub fn super_make(t: u64, obj: u64) -> u64 {
    // SAFETY: t checked to be a type by callers.
    unsafe {
        let ot = if obj == NONE { NONE } else { ok!(check_obj(as_type(t), obj)) };
        incref(t);
        incref(obj);
        incref(ot);
        from_ptr(new_object(tp(TypeId::Super), SuperObject { header: header0(), type_: t, obj, obj_type: ot }))
    }
}

unsafe fn super_new(_t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    ok!(crate::types::builtin_func::check_args("super", args, kw, 0, 2));
    if args.is_empty() {
        return raise(Exc::RuntimeError, "super(): no arguments".to_string());
    }
    if !is_type(args[0]) {
        return raise_type_error(format!("super() argument 1 must be a type, not {}", tname(args[0])));
    }
    super_make(args[0], if args.len() > 1 { args[1] } else { NONE })
}

unsafe fn super_getattr(s: u64, name: u64) -> u64 {
    let so = as_obj::<SuperObject>(s);
    if (*so).obj_type != NONE && str_as(name) != "__class__" {
        let mro = crate::types::tuple::tuple_items((*as_type((*so).obj_type)).mro);
        let start = mro.iter().position(|&m| m == (*so).type_).map(|i| i + 1).unwrap_or(mro.len());
        for &m in &mro[start..] {
            if let Some(v) = crate::types::dict::dict_get_str_key((*as_type(m)).dict, name) {
                let vt = type_of(v);
                if let Some(g) = (*vt).slots.descr_get {
                    let inst = if (*so).obj == (*so).obj_type { UNBOUND } else { (*so).obj };
                    return g(v, inst, (*so).obj_type);
                }
                return newref(v);
            }
        }
    }
    crate::protocols::attr::generic_getattr(s, name)
}

unsafe fn super_descr_get(s: u64, obj: u64, _owner: u64) -> u64 {
    let so = as_obj::<SuperObject>(s);
    if obj == UNBOUND || obj == NONE || (*so).obj != NONE {
        return newref(s);
    }
    super_make((*so).type_, obj)
}

unsafe fn super_repr(s: u64) -> u64 {
    let so = as_obj::<SuperObject>(s);
    let tn = type_name_of(as_type((*so).type_));
    let txt = if (*so).obj_type != NONE {
        format!("<super: <class '{}'>, <{} object>>", tn, type_name_of(as_type((*so).obj_type)))
    } else {
        format!("<super: <class '{}'>, NULL>", tn)
    };
    crate::types::str::str_from_string(txt)
}
