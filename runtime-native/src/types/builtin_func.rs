//! types/builtin_func.rs — functions implemented in Rust:
//! `builtin_function_or_method` (free functions and bound methods) and
//! `method_descriptor` (an unbound method in a builtin type's dict).
//! Also the registration API (`add_method`, `add_classmethod`,
//! `add_staticmethod`, `new_builtin`) and argument helpers for natives.
//! Neighbours: slotdefs.rs (dunder wrappers use `data_fn`), modules/*.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

/// A native function: positional and keyword values, then the kwnames
/// tuple (0 when there are no keywords; the last len(kwnames) values are
/// keyword values). For methods, `args[0]` is self.
pub type NativeFn = unsafe fn(args: &[u64], kwnames: u64) -> u64;
/// A native function with an extra data word (slot wrappers, partials).
pub type NativeFnData = unsafe fn(data: usize, owner: *mut TypeObject, args: &[u64], kwnames: u64) -> u64;

pub const BK_FUNCTION: u8 = 0; // free function or bound method (self_ != 0)
pub const BK_METHOD: u8 = 1; // method descriptor (binds on attribute access)
pub const BK_CLASSMETHOD: u8 = 2; // binds the class
pub const BK_STATIC: u8 = 3; // never binds

#[repr(C)]
pub struct BuiltinFunction {
    pub header: ObjHeader,
    pub name: &'static str,
    /// The type that defines it (null for module-level functions).
    pub owner: *mut TypeObject,
    pub func: Option<NativeFn>,
    pub data_fn: Option<NativeFnData>,
    pub data: usize,
    /// Bound self (owned) or 0.
    pub self_: u64,
    pub kind: u8,
    /// `__module__` name for free functions ("builtins", "math", ...).
    pub module: &'static str,
}

pub unsafe fn init_slots() {
    for id in [TypeId::BuiltinFunction, TypeId::MethodDescriptor, TypeId::ClassMethodDescriptor] {
        let t = tp(id);
        (*t).basicsize = std::mem::size_of::<BuiltinFunction>() as u32;
        (*t).slots.drop = Some(bf_drop);
        (*t).slots.call = Some(bf_call);
        (*t).slots.repr = Some(bf_repr);
    }
    (*tp(TypeId::MethodDescriptor)).slots.descr_get = Some(md_get);
    (*tp(TypeId::ClassMethodDescriptor)).slots.descr_get = Some(md_get);
}

pub fn init_methods() {
    for id in [TypeId::BuiltinFunction, TypeId::MethodDescriptor, TypeId::ClassMethodDescriptor] {
        crate::types::descr::add_getset(tp(id), "__name__", bf_get_name, None);
        crate::types::descr::add_getset(tp(id), "__qualname__", bf_get_qualname, None);
        crate::types::descr::add_getset(tp(id), "__self__", bf_get_self, None);
    }
}

unsafe fn bf_drop(p: *mut ObjHeader) {
    decref_field((*(p as *mut BuiltinFunction)).self_);
}

unsafe fn bf_get_name(v: u64) -> u64 {
    crate::types::str::str_from((*as_obj::<BuiltinFunction>(v)).name)
}

unsafe fn bf_get_qualname(v: u64) -> u64 {
    let f = as_obj::<BuiltinFunction>(v);
    if (*f).owner.is_null() {
        crate::types::str::str_from((*f).name)
    } else {
        crate::types::str::str_from_string(format!("{}.{}", type_name_of((*f).owner), (*f).name))
    }
}

unsafe fn bf_get_self(v: u64) -> u64 {
    let f = as_obj::<BuiltinFunction>(v);
    if (*f).self_ == 0 {
        NONE
    } else {
        newref((*f).self_)
    }
}

unsafe fn bf_repr(v: u64) -> u64 {
    let f = as_obj::<BuiltinFunction>(v);
    let s = if (*f).kind == BK_METHOD && (*f).self_ == 0 {
        format!("<method '{}' of '{}' objects>", (*f).name, type_name_of((*f).owner))
    } else if (*f).self_ != 0 && !is_type((*f).self_) && (&(*f).module).is_empty() {
        format!("<built-in method {} of {} object at {:#x}>", (*f).name, tname((*f).self_), ptr_of((*f).self_) as usize)
    } else {
        format!("<built-in function {}>", (*f).name)
    };
    crate::types::str::str_from_string(s)
}

/// Invoke the native with `args` (self already prepended when bound).
#[inline]
pub unsafe fn invoke(f: *mut BuiltinFunction, args: &[u64], kwnames: u64) -> u64 {
    match (*f).func {
        Some(func) => func(args, kwnames),
        None => ((*f).data_fn.unwrap())((*f).data, (*f).owner, args, kwnames),
    }
}

unsafe fn bf_call(callee: u64, args: &[u64], kwnames: u64) -> u64 {
    let f = as_obj::<BuiltinFunction>(callee);
    let s = (*f).self_;
    if s == 0 {
        if (*f).kind == BK_METHOD && !(*f).owner.is_null() {
            if args.is_empty() || kwnames != 0 && args.len() <= crate::types::tuple::tuple_items(kwnames).len() {
                return raise_type_error(format!(
                    "unbound method {}.{}() needs an argument",
                    type_name_of((*f).owner),
                    (*f).name
                ));
            }
            if !is_instance(args[0], (*f).owner) {
                if (*f).data_fn.is_some() {
                    return raise_type_error(format!(
                        "descriptor '{}' requires a '{}' object but received a '{}'",
                        (*f).name,
                        type_name_of((*f).owner),
                        tname(args[0])
                    ));
                }
                return raise_type_error(format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    (*f).name,
                    type_name_of((*f).owner),
                    tname(args[0])
                ));
            }
        }
        return invoke(f, args, kwnames);
    }
    // bound: prepend self
    let mut buf: [u64; 8] = [0; 8];
    if args.len() < 8 {
        buf[0] = s;
        buf[1..=args.len()].copy_from_slice(args);
        invoke(f, &buf[..=args.len()], kwnames)
    } else {
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(s);
        v.extend_from_slice(args);
        invoke(f, &v, kwnames)
    }
}

/// descr_get of a method descriptor: bind to the instance (or the class).
unsafe fn md_get(descr: u64, obj: u64, owner: u64) -> u64 {
    let f = as_obj::<BuiltinFunction>(descr);
    let bind = if (*f).kind == BK_CLASSMETHOD {
        if obj == UNBOUND || obj == NONE && owner != NONE {
            owner
        } else {
            from_ptr(type_of(obj))
        }
    } else {
        if obj == UNBOUND {
            return newref(descr);
        }
        obj
    };
    bound(f, bind)
}

/// A bound copy of a native method.
pub unsafe fn bound(f: *mut BuiltinFunction, self_: u64) -> u64 {
    incref(self_);
    from_ptr(new_object(
        tp(TypeId::BuiltinFunction),
        BuiltinFunction {
            header: header0(),
            name: (*f).name,
            owner: (*f).owner,
            func: (*f).func,
            data_fn: (*f).data_fn,
            data: (*f).data,
            self_,
            kind: BK_FUNCTION,
            module: "",
        },
    ))
}

fn make(
    id: TypeId,
    name: &'static str,
    owner: *mut TypeObject,
    func: Option<NativeFn>,
    data_fn: Option<NativeFnData>,
    data: usize,
    kind: u8,
    module: &'static str,
) -> u64 {
    // SAFETY: the builtin function types are initialised.
    let v = unsafe {
        from_ptr(new_object(
            tp(id),
            BuiltinFunction { header: header0(), name, owner, func, data_fn, data, self_: 0, kind, module },
        ))
    };
    v
}

/// A module-level native function (new reference).
pub fn new_builtin(name: &'static str, module: &'static str, f: NativeFn) -> u64 {
    make(TypeId::BuiltinFunction, name, std::ptr::null_mut(), Some(f), None, 0, BK_FUNCTION, module)
}

/// A module-level native function that receives a data word (new reference).
pub fn new_builtin_data(name: &'static str, module: &'static str, f: NativeFnData, data: usize) -> u64 {
    make(TypeId::BuiltinFunction, name, std::ptr::null_mut(), None, Some(f), data, BK_FUNCTION, module)
}

/// Define method `name` on type `t` (args[0] is self).
pub fn add_method(t: *mut TypeObject, name: &'static str, f: NativeFn) {
    let v = make(TypeId::MethodDescriptor, name, t, Some(f), None, 0, BK_METHOD, "");
    set_type_attr(t, name, v);
}

/// Define a classmethod on `t` (args[0] is the class).
pub fn add_classmethod(t: *mut TypeObject, name: &'static str, f: NativeFn) {
    let v = make(TypeId::ClassMethodDescriptor, name, t, Some(f), None, 0, BK_CLASSMETHOD, "");
    set_type_attr(t, name, v);
}

/// Define a staticmethod on `t`.
pub fn add_staticmethod(t: *mut TypeObject, name: &'static str, f: NativeFn) {
    let func = make(TypeId::BuiltinFunction, name, t, Some(f), None, 0, BK_STATIC, "");
    let sm = crate::types::descr::staticmethod_new(func);
    decref(func);
    set_type_attr(t, name, sm);
}

/// Define a method implemented by a data-carrying native (slot wrappers).
pub fn add_data_method(t: *mut TypeObject, name: &'static str, f: NativeFnData, data: usize, kind: u8) {
    let id = if kind == BK_CLASSMETHOD { TypeId::ClassMethodDescriptor } else { TypeId::MethodDescriptor };
    let v = make(id, name, t, None, Some(f), data, kind, "");
    if kind == BK_STATIC {
        let sm = crate::types::descr::staticmethod_new(v);
        decref(v);
        set_type_attr(t, name, sm);
    } else {
        set_type_attr(t, name, v);
    }
}

/// Store an attribute in a type's dict from Rust (takes ownership of `v`).
pub fn set_type_attr(t: *mut TypeObject, name: &str, v: u64) {
    // SAFETY: t is a live type with a dict.
    unsafe {
        crate::types::dict::dict_set_str((*t).dict, name, v);
        crate::types::type_::bump_version(t);
    }
    decref(v);
}

// ---- argument helpers for natives -------------------------------------

/// Number of keyword values.
#[inline]
pub fn nkw(kwnames: u64) -> usize {
    if kwnames == 0 {
        0
    } else {
        crate::types::tuple::tuple_items(kwnames).len()
    }
}

/// Raise `name() takes no keyword arguments` when keywords were passed.
pub fn no_kwargs(name: &str, kwnames: u64) -> R<()> {
    if nkw(kwnames) != 0 {
        return Err(raise_type_error_p(format!("{}() takes no keyword arguments", name)));
    }
    Ok(())
}

/// Check the positional count of a native (no keywords allowed).
pub fn check_args(name: &str, args: &[u64], kwnames: u64, min: usize, max: usize) -> R<()> {
    no_kwargs(name, kwnames)?;
    let n = args.len();
    if n < min || n > max {
        let msg = if min == max {
            match min {
                0 => format!("{}() takes no arguments ({} given)", name, n),
                1 => format!("{}() takes exactly one argument ({} given)", name, n),
                _ => format!("{} expected {} arguments, got {}", name, min, n),
            }
        } else if n < min {
            format!("{} expected at least {} argument{}, got {}", name, min, if min == 1 { "" } else { "s" }, n)
        } else {
            format!("{} expected at most {} argument{}, got {}", name, max, if max == 1 { "" } else { "s" }, n)
        };
        return Err(raise_type_error_p(msg));
    }
    Ok(())
}

/// Bind positional and keyword arguments of a native to `names`.
/// The first `npos` names may be given positionally. Missing ones are
/// UNBOUND; values are borrowed.
pub fn parse_args(fname: &str, args: &[u64], kwnames: u64, names: &[&str], npos: usize) -> R<Vec<u64>> {
    let nk = nkw(kwnames);
    let np = args.len() - nk;
    if np > npos {
        return Err(raise_type_error_p(format!(
            "{}() takes at most {} positional argument{} ({} given)",
            fname,
            npos,
            if npos == 1 { "" } else { "s" },
            np
        )));
    }
    let mut out = vec![UNBOUND; names.len()];
    out[..np].copy_from_slice(&args[..np]);
    if nk > 0 {
        let kws = crate::types::tuple::tuple_items(kwnames);
        for (i, &k) in kws.iter().enumerate() {
            let ks = crate::types::str::str_as(k);
            match names.iter().position(|n| *n == ks) {
                Some(j) => {
                    if out[j] != UNBOUND {
                        return Err(raise_type_error_p(format!(
                            "argument for {}() given by name ('{}') and position ({})",
                            fname,
                            ks,
                            j + 1
                        )));
                    }
                    out[j] = args[np + i];
                }
                None => {
                    return Err(raise_type_error_p(format!(
                        "{}() got an unexpected keyword argument '{}'",
                        fname, ks
                    )))
                }
            }
        }
    }
    Ok(out)
}
