//! types/descr.rs — descriptors: `getset_descriptor` (Rust getters/setters),
//! `member_descriptor` (`__slots__` entries), `property`, `classmethod`,
//! `staticmethod`.
//! Neighbours: protocols/attr.rs (calls descr_get/descr_set), type_.rs.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::value::*;

pub type Getter = unsafe fn(u64) -> u64;
/// (obj, value or UNBOUND for delete) -> None or ERR
pub type Setter = unsafe fn(u64, u64) -> u64;

#[repr(C)]
pub struct GetSetDescr {
    pub header: ObjHeader,
    pub name: &'static str,
    pub owner: *mut TypeObject,
    pub get: Getter,
    pub set: Option<Setter>,
}

#[repr(C)]
pub struct MemberDescr {
    pub header: ObjHeader,
    pub name: u64,
    pub owner: *mut TypeObject,
    /// Byte offset of the word in the instance.
    pub offset: u32,
}

/// property, classmethod and staticmethod share this layout.
#[repr(C)]
pub struct PropertyObject {
    pub header: ObjHeader,
    pub fget: u64,
    pub fset: u64,
    pub fdel: u64,
    pub doc: u64,
    /// The property's name (from __set_name__), or 0.
    pub name: u64,
    /// `__dict__` (for classmethod/staticmethod wrappers' attributes), or 0.
    pub dict: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::GetSetDescriptor);
    (*t).basicsize = std::mem::size_of::<GetSetDescr>() as u32;
    (*t).slots.descr_get = Some(gs_get);
    (*t).slots.descr_set = Some(gs_set);
    (*t).slots.repr = Some(gs_repr);
    let t = tp(TypeId::MemberDescriptor);
    (*t).basicsize = std::mem::size_of::<MemberDescr>() as u32;
    (*t).slots.descr_get = Some(mem_get);
    (*t).slots.descr_set = Some(mem_set);
    (*t).slots.drop = Some(mem_drop);
    for id in [TypeId::Property, TypeId::ClassMethod, TypeId::StaticMethod] {
        let t = tp(id);
        (*t).basicsize = std::mem::size_of::<PropertyObject>() as u32;
        (*t).tpflags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC;
        (*t).slots.drop = Some(prop_drop);
        (*t).slots.traverse = Some(prop_traverse);
        (*t).slots.clear = Some(prop_drop_clear);
        (*t).slots.new = Some(prop_new);
        (*t).dict_offset = (std::mem::size_of::<PropertyObject>() - 8) as u32;
    }
    let t = tp(TypeId::Property);
    (*t).slots.descr_get = Some(prop_get);
    (*t).slots.descr_set = Some(prop_set);
    (*t).slots.init = Some(prop_init);
    (*t).dict_offset = 0;
    let t = tp(TypeId::ClassMethod);
    (*t).slots.descr_get = Some(cm_get);
    (*t).slots.init = Some(wrap_init);
    let t = tp(TypeId::StaticMethod);
    (*t).slots.descr_get = Some(sm_get);
    (*t).slots.init = Some(wrap_init);
    (*t).slots.call = Some(sm_call);
}

pub fn init_methods() {
    // SAFETY (closures below): each getter is only installed on its own type,
    // so `v` has the matching layout.
    let p = tp(TypeId::Property);
    add_method(p, "getter", prop_getter);
    add_method(p, "setter", prop_setter);
    add_method(p, "deleter", prop_deleter);
    add_method(p, "__set_name__", prop_set_name);
    add_getset(p, "fget", |v| unsafe { newref((*as_obj::<PropertyObject>(v)).fget) }, None);
    add_getset(p, "fset", |v| unsafe { newref((*as_obj::<PropertyObject>(v)).fset) }, None);
    add_getset(p, "fdel", |v| unsafe { newref((*as_obj::<PropertyObject>(v)).fdel) }, None);
    add_getset(p, "__doc__", |v| unsafe { newref((*as_obj::<PropertyObject>(v)).doc) }, None);
    for id in [TypeId::ClassMethod, TypeId::StaticMethod] {
        add_getset(tp(id), "__func__", |v| unsafe { newref((*as_obj::<PropertyObject>(v)).fget) }, None);
        add_getset(tp(id), "__wrapped__", |v| unsafe { newref((*as_obj::<PropertyObject>(v)).fget) }, None);
        add_getset(tp(id), "__isabstractmethod__", |_| FALSE, None);
    }
    add_getset(tp(TypeId::MemberDescriptor), "__name__", |v| unsafe { newref((*as_obj::<MemberDescr>(v)).name) }, None);
}

/// Add a Rust getter (and optional setter) attribute to a type.
pub fn add_getset(t: *mut TypeObject, name: &'static str, get: Getter, set: Option<Setter>) {
    // SAFETY: descriptor type initialised.
    let v = unsafe { from_ptr(new_object(tp(TypeId::GetSetDescriptor), GetSetDescr { header: header0(), name, owner: t, get, set })) };
    set_type_attr(t, name, v);
}

unsafe fn gs_get(d: u64, obj: u64, _owner: u64) -> u64 {
    if obj == UNBOUND {
        return newref(d);
    }
    let g = as_obj::<GetSetDescr>(d);
    if !is_instance(obj, (*g).owner) {
        return raise_type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            (*g).name,
            type_name_of((*g).owner),
            tname(obj)
        ));
    }
    ((*g).get)(obj)
}

unsafe fn gs_set(d: u64, obj: u64, v: u64) -> u64 {
    let g = as_obj::<GetSetDescr>(d);
    match (*g).set {
        Some(s) => s(obj, v),
        None => raise(
            Exc::AttributeError,
            format!("attribute '{}' of '{}' objects is not writable", (*g).name, type_name_of((*g).owner)),
        ),
    }
}

unsafe fn gs_repr(d: u64) -> u64 {
    let g = as_obj::<GetSetDescr>(d);
    crate::types::str::str_from_string(format!("<attribute '{}' of '{}' objects>", (*g).name, type_name_of((*g).owner)))
}

/// A member descriptor for `__slots__` entry `name` at byte `offset`.
pub fn member_new(name: u64, owner: *mut TypeObject, offset: u32) -> u64 {
    incref(name);
    // SAFETY: type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::MemberDescriptor), MemberDescr { header: header0(), name, owner, offset })) }
}

unsafe fn mem_drop(p: *mut ObjHeader) {
    decref((*(p as *mut MemberDescr)).name);
}

unsafe fn mem_get(d: u64, obj: u64, _owner: u64) -> u64 {
    if obj == UNBOUND {
        return newref(d);
    }
    let m = as_obj::<MemberDescr>(d);
    let slot = (ptr_of(obj) as *mut u8).add((*m).offset as usize) as *mut u64;
    let v = *slot;
    if v == UNBOUND {
        return raise(
            Exc::AttributeError,
            format!("'{}' object has no attribute '{}'", tname(obj), crate::types::str::str_as((*m).name)),
        );
    }
    newref(v)
}

unsafe fn mem_set(d: u64, obj: u64, v: u64) -> u64 {
    let m = as_obj::<MemberDescr>(d);
    let slot = (ptr_of(obj) as *mut u8).add((*m).offset as usize) as *mut u64;
    let old = *slot;
    if v == UNBOUND {
        if old == UNBOUND {
            // CPython's message for deleting an unset slot is the bare name.
            return raise(Exc::AttributeError, crate::types::str::str_as((*m).name).to_string());
        }
        *slot = UNBOUND;
    } else {
        incref(v);
        *slot = v;
    }
    if old != UNBOUND {
        decref(old);
    }
    NONE
}

// ---- property / classmethod / staticmethod -----------------------------

unsafe fn prop_drop(p: *mut ObjHeader) {
    let o = p as *mut PropertyObject;
    for f in [(*o).fget, (*o).fset, (*o).fdel, (*o).doc, (*o).name, (*o).dict] {
        decref_field(f);
    }
}

unsafe fn prop_drop_clear(p: *mut ObjHeader) {
    let o = p as *mut PropertyObject;
    for f in [&mut (*o).fget, &mut (*o).fset, &mut (*o).fdel, &mut (*o).doc, &mut (*o).dict] {
        let old = std::mem::replace(f, NONE);
        decref_field(old);
    }
}

unsafe fn prop_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let o = p as *mut PropertyObject;
    for f in [(*o).fget, (*o).fset, (*o).fdel, (*o).doc, (*o).dict] {
        if f != 0 {
            visit(f);
        }
    }
}

fn alloc_prop(t: *mut TypeObject) -> u64 {
    // SAFETY: t has property layout.
    unsafe {
        from_ptr(new_object(
            t,
            PropertyObject { header: header0(), fget: NONE, fset: NONE, fdel: NONE, doc: NONE, name: 0, dict: 0 },
        ))
    }
}

unsafe fn prop_new(t: *mut TypeObject, _args: &[u64], _kw: u64) -> u64 {
    alloc_prop(t)
}

unsafe fn prop_init(s: u64, args: &[u64], kw: u64) -> u64 {
    let a = ok!(parse_args("property", args, kw, &["fget", "fset", "fdel", "doc"], 4));
    let o = as_obj::<PropertyObject>(s);
    for (field, v) in [(&mut (*o).fget, a[0]), (&mut (*o).fset, a[1]), (&mut (*o).fdel, a[2]), (&mut (*o).doc, a[3])] {
        let nv = if v == UNBOUND { NONE } else { newref(v) };
        replace_field(field, nv);
    }
    if a[3] == UNBOUND && a[0] != UNBOUND && a[0] != NONE {
        if let Ok(d) = crate::protocols::attr::getattr_opt(a[0], crate::types::str::intern("__doc__")) {
            if let Some(d) = d {
                replace_field(&mut (*o).doc, d);
            }
        } else {
            clear_pending();
        }
    }
    NONE
}

unsafe fn prop_get(d: u64, obj: u64, _owner: u64) -> u64 {
    if obj == UNBOUND {
        return newref(d);
    }
    let p = as_obj::<PropertyObject>(d);
    if (*p).fget == NONE {
        return raise(Exc::AttributeError, prop_err(p, obj, "getter"));
    }
    crate::protocols::call::call_function((*p).fget, &[obj], 0)
}

unsafe fn prop_err(p: *mut PropertyObject, obj: u64, what: &str) -> String {
    if (*p).name != 0 {
        format!("property '{}' of '{}' object has no {}", crate::types::str::str_as((*p).name), tname(obj), what)
    } else {
        format!("property of '{}' object has no {}", tname(obj), what)
    }
}

unsafe fn prop_set(d: u64, obj: u64, v: u64) -> u64 {
    let p = as_obj::<PropertyObject>(d);
    if v == UNBOUND {
        if (*p).fdel == NONE {
            return raise(Exc::AttributeError, prop_err(p, obj, "deleter"));
        }
        let r = tri!(crate::protocols::call::call_function((*p).fdel, &[obj], 0));
        decref(r);
    } else {
        if (*p).fset == NONE {
            return raise(Exc::AttributeError, prop_err(p, obj, "setter"));
        }
        let r = tri!(crate::protocols::call::call_function((*p).fset, &[obj, v], 0));
        decref(r);
    }
    NONE
}

unsafe fn prop_copy(args: &[u64], which: usize) -> u64 {
    let old = as_obj::<PropertyObject>(args[0]);
    let n = alloc_prop(type_of(args[0]));
    let o = as_obj::<PropertyObject>(n);
    let f = args[1];
    (*o).fget = newref(if which == 0 { f } else { (*old).fget });
    (*o).fset = newref(if which == 1 { f } else { (*old).fset });
    (*o).fdel = newref(if which == 2 { f } else { (*old).fdel });
    (*o).doc = newref((*old).doc);
    if (*old).name != 0 {
        (*o).name = newref((*old).name);
    }
    n
}

unsafe fn prop_getter(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("getter", args, kw, 2, 2));
    prop_copy(args, 0)
}
unsafe fn prop_setter(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("setter", args, kw, 2, 2));
    prop_copy(args, 1)
}
unsafe fn prop_deleter(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("deleter", args, kw, 2, 2));
    prop_copy(args, 2)
}
unsafe fn prop_set_name(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__set_name__", args, kw, 3, 3));
    let o = as_obj::<PropertyObject>(args[0]);
    if (*o).name == 0 {
        (*o).name = newref(args[2]);
    }
    NONE
}

unsafe fn wrap_init(s: u64, args: &[u64], kw: u64) -> u64 {
    ok!(check_args(&tname(s), args, kw, 1, 1));
    let o = as_obj::<PropertyObject>(s);
    replace_field(&mut (*o).fget, newref(args[0]));
    NONE
}

unsafe fn cm_get(d: u64, obj: u64, owner: u64) -> u64 {
    let p = as_obj::<PropertyObject>(d);
    let cls = if owner != NONE && owner != UNBOUND { owner } else { from_ptr(type_of(obj)) };
    crate::types::method::method_new((*p).fget, cls)
}

unsafe fn sm_get(d: u64, _obj: u64, _owner: u64) -> u64 {
    newref((*as_obj::<PropertyObject>(d)).fget)
}

unsafe fn sm_call(d: u64, args: &[u64], kw: u64) -> u64 {
    crate::protocols::call::call_function((*as_obj::<PropertyObject>(d)).fget, args, kw)
}

/// `staticmethod(f)` (new reference).
pub fn staticmethod_new(f: u64) -> u64 {
    let v = alloc_prop(tp(TypeId::StaticMethod));
    // SAFETY: just allocated with property layout.
    unsafe { replace_field(&mut (*as_obj::<PropertyObject>(v)).fget, newref(f)) };
    v
}

/// `classmethod(f)` (new reference).
pub fn classmethod_new(f: u64) -> u64 {
    let v = alloc_prop(tp(TypeId::ClassMethod));
    // SAFETY: just allocated with property layout.
    unsafe { replace_field(&mut (*as_obj::<PropertyObject>(v)).fget, newref(f)) };
    v
}
