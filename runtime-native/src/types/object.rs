//! types/object.rs — `object`: the root type (default repr/hash/compare,
//! generic attribute access, `object.__new__`/`__init__`) and the layout of
//! plain user-class instances (header + optional dict/slot words).
//! Neighbours: protocols/attr.rs (generic getattr/setattr), type_.rs.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::value::*;

pub unsafe fn init_slots() {
    let t = tp(TypeId::Object);
    (*t).basicsize = std::mem::size_of::<ObjHeader>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE;
    (*t).slots.repr = Some(object_repr);
    (*t).slots.str = Some(object_str);
    (*t).slots.hash = Some(object_hash);
    (*t).slots.richcmp = Some(object_richcmp);
    (*t).slots.getattr = Some(crate::protocols::attr::generic_getattr);
    (*t).slots.setattr = Some(crate::protocols::attr::generic_setattr);
    (*t).slots.new = Some(object_new);
    (*t).slots.init = Some(object_init);
}

pub fn init_methods() {
    let t = tp(TypeId::Object);
    add_classmethod(t, "__init_subclass__", object_init_subclass);
    add_method(t, "__format__", object_format);
    add_method(t, "__dir__", object_dir);
    add_method(t, "__reduce_ex__", object_reduce);
    add_method(t, "__reduce__", object_reduce);
    add_classmethod(t, "__subclasshook__", |_, _| NOT_IMPLEMENTED);
    crate::types::descr::add_getset(t, "__class__", |v| from_ptr(type_of(v)), Some(set_class));
}

/// A unique immortal `object()` used as a "missing" marker passed to Python code.
pub fn sentinel() -> u64 {
    let r = crate::runtime::rt();
    if let Some(&v) = r.cache.get("sentinel") {
        return v;
    }
    // SAFETY: object type initialised.
    let v = unsafe { from_ptr(alloc_object(tp(TypeId::Object))) };
    make_immortal(v);
    r.cache.insert("sentinel", v);
    v
}

/// `<module.QualName object at 0x...>`
pub fn default_repr(v: u64) -> String {
    let t = type_of(v);
    format!("<{} object at {:#x}>", crate::types::type_::type_full_name(t), ptr_of(v) as usize)
}

unsafe fn object_repr(v: u64) -> u64 {
    crate::types::str::str_from_string(default_repr(v))
}

unsafe fn object_str(v: u64) -> u64 {
    crate::protocols::repr::molt_repr(v)
}

unsafe fn object_hash(v: u64) -> R<i64> {
    Ok((v & PAYLOAD_MASK) as i64 >> 4)
}

unsafe fn object_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    match op {
        CmpOp::Eq => {
            if a == b {
                TRUE
            } else {
                NOT_IMPLEMENTED
            }
        }
        CmpOp::Ne => {
            // object.__ne__ inverts __eq__ unless it is NotImplemented
            let t = type_of(a);
            let r = match (*t).slots.richcmp {
                Some(f) if f as usize != object_richcmp as *const () as usize => tri!(f(a, b, CmpOp::Eq)),
                _ => {
                    if a == b {
                        TRUE
                    } else {
                        NOT_IMPLEMENTED
                    }
                }
            };
            if r == NOT_IMPLEMENTED {
                return r;
            }
            let tr = crate::protocols::truth::truthy(r);
            decref(r);
            match tr {
                Ok(b) => box_bool(!b),
                Err(_) => ERR,
            }
        }
        _ => NOT_IMPLEMENTED,
    }
}

/// `object.__new__(t)`: a plain instance of a class whose layout is
/// `object` (header + dict/slot words).
pub unsafe fn object_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    if (!args.is_empty() || kw != 0) && excess_args_error(t) {
        return raise_type_error(format!("{}() takes no arguments", type_name_of(t)));
    }
    if (*t).tpflags & TPFLAG_ABSTRACT != 0 {
        if let Some(msg) = crate::types::type_::abstract_error(t) {
            return raise_type_error(msg);
        }
    }
    let p = alloc_object(t);
    from_ptr(p)
}

/// True when neither `__new__` nor `__init__` is overridden.
unsafe fn excess_args_error(t: *mut TypeObject) -> bool {
    let s = &(*t).slots;
    let on = s.new.map(|f| f as usize) == Some(object_new as *const () as usize);
    let oi = s.init.map(|f| f as usize) == Some(object_init as *const () as usize);
    on && oi
}

unsafe fn object_init(s: u64, args: &[u64], kw: u64) -> u64 {
    if !args.is_empty() || kw != 0 {
        let t = type_of(s);
        let sl = &(*t).slots;
        let init_overridden = sl.init.map(|f| f as usize) != Some(object_init as *const () as usize);
        let new_overridden = sl.new.map(|f| f as usize) != Some(object_new as *const () as usize);
        if init_overridden {
            return raise_type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)".to_string(),
            );
        }
        if !new_overridden {
            return raise_type_error(format!("{}() takes no arguments", type_name_of(t)));
        }
    }
    NONE
}

unsafe fn object_init_subclass(args: &[u64], kw: u64) -> u64 {
    if nkw(kw) != 0 {
        let t = if args.is_empty() { tp(TypeId::Object) } else { as_type(args[0]) };
        return raise_type_error(format!("{}.__init_subclass__() takes no keyword arguments", type_name_of(t)));
    }
    NONE
}

unsafe fn object_reduce(args: &[u64], _kw: u64) -> u64 {
    if args.is_empty() {
        return raise_type_error("descriptor '__reduce__' needs an argument".to_string());
    }
    raise_type_error(format!("cannot pickle '{}' object", tname(args[0])))
}

unsafe fn object_format(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__format__", args, kw, 2, 2));
    let spec = args[1];
    if !crate::types::str::is_str(spec) {
        return raise_type_error(format!("__format__() argument must be str, not {}", tname(spec)));
    }
    if !crate::types::str::str_as(spec).is_empty() {
        return raise_type_error(format!(
            "unsupported format string passed to {}.__format__",
            tname(args[0])
        ));
    }
    crate::protocols::repr::molt_str(args[0])
}

unsafe fn object_dir(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__dir__", args, kw, 1, 1));
    let v = args[0];
    let mut names: Vec<String> = Vec::new();
    let mut add = |d: u64| {
        for (k, _) in crate::types::dict::dict_entries(d) {
            if crate::types::str::is_str(k) {
                let s = crate::types::str::str_as(k).to_string();
                if !names.contains(&s) {
                    names.push(s);
                }
            }
        }
    };
    if let Some(d) = crate::protocols::attr::instance_dict(v) {
        add(d);
    }
    let t = if is_type(v) { as_type(v) } else { type_of(v) };
    for &m in crate::types::tuple::tuple_items((*t).mro) {
        add((*as_type(m)).dict);
    }
    names.sort();
    let items: Vec<u64> = names.iter().map(|s| crate::types::str::str_from(s)).collect();
    crate::types::list::list_new(items)
}

unsafe fn set_class(obj: u64, v: u64) -> u64 {
    if v == UNBOUND {
        return raise_type_error("can't delete __class__ attribute".to_string());
    }
    if !is_type(v) {
        return raise_type_error(format!("__class__ must be set to a class, not '{}' object", tname(v)));
    }
    let old = type_of(obj);
    let new = as_type(v);
    if !is_ptr(obj)
        || (*old).tpflags & TPFLAG_HEAPTYPE == 0
        || (*new).tpflags & TPFLAG_HEAPTYPE == 0
        || (*old).basicsize != (*new).basicsize
        || (*old).layout != (*new).layout
        || (*old).dict_offset != (*new).dict_offset
    {
        return raise_type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            type_name_of(new),
            type_name_of(old)
        ));
    }
    incref(v);
    (*ptr_of(obj)).ty = new;
    decref(from_ptr(old));
    NONE
}
