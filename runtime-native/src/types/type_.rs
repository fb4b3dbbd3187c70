//! types/type_.rs — `type`: calling types, `type(x)`, class creation
//! (metaclass resolution, layout, `__slots__`, MRO, `__set_name__`,
//! `__init_subclass__`), attribute access on classes, and the exports
//! `molt_class_prepare/new/lookup`, `molt_locals_new`.
//! Neighbours: typeobj.rs (the struct), slotdefs.rs (slots of user classes).

use crate::errors::*;
use crate::object::*;
use crate::protocols::attr;
use crate::protocols::call::call_function;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::dict::*;
use crate::types::str::{intern, is_str, str_as, str_from};
use crate::types::tuple::*;
use crate::value::*;

pub unsafe fn init_slots() {
    let t = tp(TypeId::Type);
    (*t).basicsize = std::mem::size_of::<TypeObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE;
    (*t).slots.call = Some(type_call);
    (*t).slots.getattr = Some(type_getattr);
    (*t).slots.setattr = Some(type_setattr);
    (*t).slots.repr = Some(type_repr);
    (*t).slots.new = Some(type_new);
    (*t).slots.init = Some(type_init);
    (*t).slots.nb[BinOp::Or as usize] = Some(type_or);
    (*t).slots.nb_r[BinOp::Or as usize] = Some(type_or);
}

pub fn init_methods() {
    let t = tp(TypeId::Type);
    use crate::types::descr::add_getset;
    // SAFETY (closures): installed only on `type`, so `v` is a type object.
    add_getset(t, "__name__", |v| unsafe { newref((*as_type(v)).name) }, Some(set_name));
    add_getset(t, "__qualname__", |v| unsafe { newref((*as_type(v)).qualname) }, Some(set_qualname));
    add_getset(t, "__bases__", |v| unsafe { newref((*as_type(v)).bases) }, None);
    add_getset(t, "__mro__", |v| unsafe { newref((*as_type(v)).mro) }, None);
    add_getset(t, "__dict__", |v| unsafe { newref((*as_type(v)).dict) }, None);
    add_getset(
        t,
        "__base__",
        |v| unsafe {
            let b = (*as_type(v)).base;
            if b.is_null() {
                NONE
            } else {
                from_ptr(b)
            }
        },
        None,
    );
    add_getset(t, "__module__", type_module, None);
    add_getset(t, "__abstractmethods__", get_abstract, Some(set_abstract));
    add_method(t, "mro", type_mro_method);
    add_method(t, "__subclasses__", type_subclasses);
    add_method(t, "__instancecheck__", type_instancecheck);
    add_method(t, "__subclasscheck__", type_subclasscheck);
    add_classmethod(t, "__prepare__", |_, _| dict_new());
}

/// `module.QualName` (just `QualName` for builtins).
pub fn type_full_name(t: *mut TypeObject) -> String {
    // SAFETY: live type.
    unsafe {
        let qn = if (*t).qualname != 0 { str_as((*t).qualname).to_string() } else { type_name_of(t) };
        if (*t).tpflags & TPFLAG_HEAPTYPE != 0 {
            if let Some(m) = dict_get_str((*t).dict, "__module__") {
                if is_str(m) && str_as(m) != "builtins" {
                    return format!("{}.{}", str_as(m), qn);
                }
            }
        }
        qn
    }
}

unsafe fn type_module(v: u64) -> u64 {
    let t = as_type(v);
    if (*t).tpflags & TPFLAG_HEAPTYPE != 0 {
        if let Some(m) = dict_get_str((*t).dict, "__module__") {
            return newref(m);
        }
    }
    intern("builtins")
}

unsafe fn set_name(o: u64, v: u64) -> u64 {
    if !is_str(v) {
        return raise_type_error(format!("can only assign string to {}.__name__, not '{}'", type_name_of(as_type(o)), tname(v)));
    }
    incref(v);
    replace_field(&mut (*as_type(o)).name, v);
    NONE
}

unsafe fn set_qualname(o: u64, v: u64) -> u64 {
    if !is_str(v) {
        return raise_type_error(format!("can only assign string to {}.__qualname__, not '{}'", type_name_of(as_type(o)), tname(v)));
    }
    incref(v);
    replace_field(&mut (*as_type(o)).qualname, v);
    NONE
}

unsafe fn type_repr(v: u64) -> u64 {
    crate::types::str::str_from_string(format!("<class '{}'>", type_full_name(as_type(v))))
}

unsafe fn type_or(a: u64, b: u64) -> u64 {
    crate::types::union::union_or(a, b)
}

unsafe fn type_mro_method(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("mro", args, kw, 1, 1));
    let items = tuple_items((*as_type(args[0])).mro);
    crate::types::list::list_new(items.iter().map(|&v| newref(v)).collect())
}

unsafe fn type_subclasses(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__subclasses__", args, kw, 1, 1));
    let subs = &(*as_type(args[0])).subclasses;
    crate::types::list::list_new(subs.iter().map(|&t| newref(from_ptr(t))).collect())
}

unsafe fn type_instancecheck(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__instancecheck__", args, kw, 2, 2));
    box_bool(is_instance(args[1], as_type(args[0])))
}

unsafe fn type_subclasscheck(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__subclasscheck__", args, kw, 2, 2));
    if !is_type(args[1]) {
        return raise_type_error("issubclass() arg 1 must be a class".to_string());
    }
    box_bool(is_subtype(as_type(args[1]), as_type(args[0])))
}

/// Calling a type: `type(x)`, or `__new__` then `__init__`.
pub unsafe fn type_call(callee: u64, args: &[u64], kw: u64) -> u64 {
    let t = as_type(callee);
    if t == tp(TypeId::Type) && args.len() == 1 && kw == 0 {
        return from_ptr(newref_type(type_of(args[0])));
    }
    let newf = match (*t).slots.new {
        Some(f) => f,
        None => return raise_type_error(format!("cannot create '{}' instances", type_full_name(t))),
    };
    let obj = tri!(newf(t, args, kw));
    let ot = type_of(obj);
    if !is_subtype(ot, t) {
        return obj;
    }
    if let Some(init) = (*ot).slots.init {
        let r = init(obj, args, kw);
        if r == ERR {
            decref(obj);
            return ERR;
        }
        if r != NONE {
            decref(r);
            decref(obj);
            return raise_type_error(format!("__init__() should return None, not '{}'", tname(r)));
        }
    }
    obj
}

fn newref_type(t: *mut TypeObject) -> *mut TypeObject {
    incref(from_ptr(t));
    t
}

/// Attribute lookup on a class (metaclass data descriptors, the class MRO,
/// then metaclass attributes).
pub unsafe fn type_getattr(cls: u64, name: u64) -> u64 {
    match type_getattr_opt(cls, name) {
        Ok(Some(v)) => v,
        Ok(None) => {
            let meta = type_of(cls);
            if (*meta).tpflags & TPFLAG_HAS_GETATTR_HOOK != 0 {
                if let Some(g) = lookup_str(meta, "__getattr__") {
                    return crate::protocols::call::call_with_self(g, cls, &[name], 0);
                }
            }
            raise_attribute_error(cls, name)
        }
        Err(_) => ERR,
    }
}

/// `type_getattr` without raising AttributeError.
pub unsafe fn type_getattr_opt(cls: u64, name: u64) -> R<Option<u64>> {
    let t = as_type(cls);
    let meta = type_of(cls);
    let meta_attr = lookup(meta, name);
    let mut meta_get = None;
    if let Some(ma) = meta_attr {
        let mt = type_of(ma);
        meta_get = (*mt).slots.descr_get;
        if (*mt).slots.descr_set.is_some() {
            if let Some(g) = meta_get {
                return Ok(Some(chk(g(ma, cls, from_ptr(meta)))?));
            }
        }
    }
    if let Some(a) = lookup(t, name) {
        let at = type_of(a);
        if let Some(g) = (*at).slots.descr_get {
            return Ok(Some(chk(g(a, UNBOUND, cls))?));
        }
        return Ok(Some(newref(a)));
    }
    if let Some(ma) = meta_attr {
        if let Some(g) = meta_get {
            return Ok(Some(chk(g(ma, cls, from_ptr(meta)))?));
        }
        return Ok(Some(newref(ma)));
    }
    Ok(None)
}

/// `cls.name = v` (v == UNBOUND deletes): metaclass data descriptors, then
/// the class dict; refreshes slots when a dunder changes.
pub unsafe fn type_setattr(cls: u64, name: u64, v: u64) -> u64 {
    let t = as_type(cls);
    let meta = type_of(cls);
    if let Some(ma) = lookup(meta, name) {
        if let Some(s) = (*type_of(ma)).slots.descr_set {
            return s(ma, cls, v);
        }
    }
    if (*t).tpflags & TPFLAG_HEAPTYPE == 0 {
        return raise_type_error(format!(
            "cannot set '{}' attribute of immutable type '{}'",
            str_as(name),
            type_name_of(t)
        ));
    }
    if v == UNBOUND {
        let found = ok!(dict_del((*t).dict, name));
        if !found {
            return raise_attribute_error(cls, name);
        }
    } else {
        ok!(dict_set((*t).dict, name, v));
    }
    bump_version(t);
    let n = str_as(name);
    if n.starts_with("__") && n.ends_with("__") {
        crate::slotdefs::update_slots_recursive(t);
    }
    NONE
}

/// Invalidate attribute caches of `t` and its subclasses.
pub unsafe fn bump_version(t: *mut TypeObject) {
    (*t).version = new_version();
    let subs = (*t).subclasses.clone();
    for s in subs {
        bump_version(s);
    }
}

unsafe fn type_init(_s: u64, args: &[u64], kw: u64) -> u64 {
    let np = args.len() - nkw(kw);
    if np != 1 && np != 3 {
        return raise_type_error("type.__init__() takes 1 or 3 arguments".to_string());
    }
    NONE
}

/// `type.__new__(meta, name, bases, ns, **kw)` and `type(x)`.
pub unsafe fn type_new(meta: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let nk = nkw(kw);
    let np = args.len() - nk;
    if meta == tp(TypeId::Type) && np == 1 && nk == 0 {
        return from_ptr(newref_type(type_of(args[0])));
    }
    if np != 3 {
        return raise_type_error("type() takes 1 or 3 arguments".to_string());
    }
    let (name, bases, ns) = (args[0], args[1], args[2]);
    if !is_str(name) {
        return raise_type_error(format!("type.__new__() argument 1 must be str, not {}", tname(name)));
    }
    if !is_tuple(bases) {
        return raise_type_error(format!("type.__new__() argument 2 must be tuple, not {}", tname(bases)));
    }
    if !is_dict(ns) {
        return raise_type_error(format!("type.__new__() argument 3 must be dict, not {}", tname(ns)));
    }
    // the winner metaclass may differ from `meta`
    let winner = ok!(calculate_meta(meta, bases));
    if winner != meta {
        if let Some(f) = (*winner).slots.new {
            if f as usize != type_new as *const () as usize {
                return f(winner, args, kw);
            }
        }
    }
    let kwd = dict_new();
    if nk > 0 {
        for (i, &k) in tuple_items(kw).iter().enumerate() {
            let _ = dict_set(kwd, k, args[np + i]);
        }
    }
    let r = create_class(winner, name, bases, ns, kwd);
    decref(kwd);
    r
}

/// The most derived metaclass of `meta` and the bases' metaclasses.
pub unsafe fn calculate_meta(meta: *mut TypeObject, bases: u64) -> R<*mut TypeObject> {
    let mut winner = meta;
    for &b in tuple_items(bases) {
        let bt = type_of(b);
        if is_subtype(winner, bt) {
            continue;
        }
        if is_subtype(bt, winner) {
            winner = bt;
            continue;
        }
        return Err(raise_type_error_p(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases"
                .to_string(),
        ));
    }
    Ok(winner)
}

unsafe fn solid_layout_base(t: *mut TypeObject) -> *mut TypeObject {
    // the nearest builtin (non-heap) ancestor along the primary-base chain
    let mut b = t;
    while (*b).tpflags & TPFLAG_HEAPTYPE != 0 {
        b = (*b).base;
    }
    b
}

/// Create a class (the core of `type.__new__`). `kwd` is a dict of class
/// keywords passed to `__init_subclass__`.
pub unsafe fn create_class(meta: *mut TypeObject, name: u64, bases_in: u64, ns: u64, kwd: u64) -> u64 {
    let mut bases_v: Vec<*mut TypeObject> = Vec::new();
    for &b in tuple_items(bases_in) {
        if !is_type(b) {
            return raise_type_error(format!("bases must be types"));
        }
        let bt = as_type(b);
        if (*bt).tpflags & TPFLAG_BASETYPE == 0 {
            return raise_type_error(format!("type '{}' is not an acceptable base type", type_name_of(bt)));
        }
        if bases_v.contains(&bt) {
            return raise_type_error(format!("duplicate base class {}", type_name_of(bt)));
        }
        bases_v.push(bt);
    }
    if bases_v.is_empty() {
        bases_v.push(tp(TypeId::Object));
    }
    // primary base: the first base with a non-object layout, else the first
    let mut primary = bases_v[0];
    let mut layout = (*primary).layout;
    for &b in &bases_v {
        let l = (*b).layout;
        if l != TypeId::Object {
            if layout == TypeId::Object {
                primary = b;
                layout = l;
            } else if l != layout {
                let sb1 = solid_layout_base(primary);
                let sb2 = solid_layout_base(b);
                if !(is_subtype(sb1, sb2) || is_subtype(sb2, sb1)) {
                    return raise_type_error("multiple bases have instance lay-out conflict".to_string());
                }
            }
        }
    }
    // the base contributing the largest instance
    for &b in &bases_v {
        if (*b).layout == layout && (*b).basicsize > (*primary).basicsize && is_subtype(b, solid_layout_base(primary)) {
            primary = b;
        }
    }
    let dict = dict_copy(ns);
    let t = alloc_object(meta) as *mut TypeObject;
    std::ptr::write(
        t,
        TypeObject {
            header: std::ptr::read(t as *mut ObjHeader),
            name: newref(name),
            qualname: 0,
            base: primary,
            bases: 0,
            mro: 0,
            dict,
            tpflags: TPFLAG_HEAPTYPE | TPFLAG_BASETYPE | ((*primary).tpflags & TPFLAG_HAVE_GC),
            layout,
            basicsize: (*primary).basicsize,
            dict_offset: (*primary).dict_offset,
            slots_offset: (*primary).slots_offset,
            nslots: (*primary).nslots,
            slots: (*primary).slots,
            subclasses: Vec::new(),
            version: new_version(),
        },
    );
    let tw = from_ptr(t);
    // Classes are immortal: bases keep borrowed pointers to their subclasses
    // (slot updates, __subclasses__), so a class must never be freed.
    make_immortal(tw);
    // __qualname__
    let qn = match dict_get_str(dict, "__qualname__") {
        Some(q) => {
            if !is_str(q) {
                decref(tw);
                return raise_type_error(format!("type __qualname__ must be a str, not {}", tname(q)));
            }
            newref(q)
        }
        None => newref(name),
    };
    (*t).qualname = qn;
    let _ = dict_del(dict, intern("__qualname__"));
    // bases / mro
    (*t).bases = tuple_new(bases_v.iter().map(|&b| newref(from_ptr(b))).collect());
    let mro = match custom_mro(t, &bases_v) {
        Ok(m) => m,
        Err(_) => {
            decref(tw);
            return ERR;
        }
    };
    (*t).mro = tuple_new(mro.iter().map(|&b| newref(from_ptr(b))).collect());
    for &b in &bases_v {
        (*b).subclasses.push(t);
    }
    if dict_get_str(dict, "__doc__").is_none() {
        dict_set_str(dict, "__doc__", NONE);
    }
    // __module__
    if dict_get_str(dict, "__module__").is_none() {
        dict_set_str(dict, "__module__", intern("__main__"));
    }
    // instance dict and __slots__
    let has_dict_already = (*t).dict_offset != 0;
    match dict_get_str(dict, "__slots__") {
        Some(sl) => {
            let names: Vec<u64> = if is_str(sl) {
                vec![newref(sl)]
            } else {
                match crate::protocols::iter::collect(sl) {
                    Ok(v) => v,
                    Err(_) => {
                        decref(tw);
                        return ERR;
                    }
                }
            };
            let mut want_dict = false;
            for &n in &names {
                if !is_str(n) {
                    decref(tw);
                    return raise_type_error(format!("__slots__ items must be strings, not '{}'", tname(n)));
                }
                let s = str_as(n);
                if s == "__dict__" {
                    want_dict = true;
                    continue;
                }
                if s == "__weakref__" {
                    continue;
                }
                if dict_get_str_key(ns, n).is_some() {
                    decref(tw);
                    return raise_value_error(format!("'{}' in __slots__ conflicts with class variable", s));
                }
                let off = (*t).basicsize;
                (*t).basicsize += 8;
                if (*t).slots_offset == 0 {
                    (*t).slots_offset = off;
                }
                (*t).nslots += 1;
                let md = crate::types::descr::member_new(intern(s), t, off);
                let _ = dict_set(dict, intern(s), md);
                decref(md);
            }
            for n in names {
                decref(n);
            }
            if want_dict && !has_dict_already {
                (*t).dict_offset = (*t).basicsize;
                (*t).basicsize += 8;
            }
        }
        None => {
            if !has_dict_already {
                (*t).dict_offset = (*t).basicsize;
                (*t).basicsize += 8;
            }
        }
    }
    if (*t).dict_offset != 0 || (*t).nslots != 0 {
        (*t).tpflags |= TPFLAG_HAVE_GC;
    }
    // special methods that are implicitly class/static methods
    for (n, cm) in [("__new__", false), ("__init_subclass__", true), ("__class_getitem__", true)] {
        if let Some(f) = dict_get_str(dict, n) {
            if crate::types::function::is_function(f) {
                let w = if cm { crate::types::descr::classmethod_new(f) } else { crate::types::descr::staticmethod_new(f) };
                dict_set_str(dict, n, w);
                decref(w);
            }
        }
    }
    // __eq__ without __hash__ makes instances unhashable
    if dict_get_str(dict, "__eq__").is_some() && dict_get_str(dict, "__hash__").is_none() {
        dict_set_str(dict, "__hash__", NONE);
    }
    // __classcell__
    if let Some(cell) = dict_get_str(dict, "__classcell__") {
        if has_layout(cell, TypeId::Cell) {
            crate::types::cell::cell_set(cell, tw);
        }
        let _ = dict_del(dict, intern("__classcell__"));
    }
    crate::slotdefs::update_slots(t);
    if crate::slotdefs::has_heap_dunder(t, "__del__") {
        (*t).tpflags |= TPFLAG_HAS_DEL;
    }
    // __set_name__
    for (k, v) in dict_pairs(dict) {
        let vt = type_of(v);
        if let Some(sn) = lookup_str(vt, "__set_name__") {
            incref(v);
            let r = crate::protocols::call::call_with_self(sn, v, &[tw, k], 0);
            decref(v);
            if r == ERR {
                let e = take_pending();
                let msg = format!(
                    "Error calling __set_name__ on '{}' instance '{}' in '{}'",
                    tname(v),
                    str_as(k),
                    str_as(name)
                );
                restore_pending(e);
                let _ = msg;
                decref(tw);
                return ERR;
            }
            decref(r);
        }
    }
    bump_version(t);
    // super().__init_subclass__(**kwd)
    let mro_items = tuple_items((*t).mro);
    for &m in &mro_items[1..] {
        if let Some(f) = dict_get_str((*as_type(m)).dict, "__init_subclass__") {
            let bound = {
                let ft = type_of(f);
                match (*ft).slots.descr_get {
                    Some(g) => g(f, UNBOUND, tw),
                    None => newref(f),
                }
            };
            if bound == ERR {
                decref(tw);
                return ERR;
            }
            let r = call_with_kwdict(bound, &[], kwd);
            decref(bound);
            if r == ERR {
                decref(tw);
                return ERR;
            }
            decref(r);
            break;
        }
    }
    tw
}

unsafe fn custom_mro(t: *mut TypeObject, bases: &[*mut TypeObject]) -> R<Vec<*mut TypeObject>> {
    let meta = type_of(from_ptr(t));
    if meta != tp(TypeId::Type) {
        if let Some(m) = lookup_str(meta, "mro") {
            let tt = tp(TypeId::Type);
            let base_mro = dict_get_str((*tt).dict, "mro");
            if base_mro != Some(m) {
                // temporary C3 mro so the method can run
                let c3 = c3_mro(t, bases)?;
                (*t).mro = tuple_new(c3.iter().map(|&b| newref(from_ptr(b))).collect());
                let r = chk(crate::protocols::call::call_with_self(m, from_ptr(t), &[], 0))?;
                let items = crate::protocols::iter::collect(r);
                decref(r);
                let items = items?;
                decref((*t).mro);
                (*t).mro = 0;
                let mut out = Vec::new();
                for i in items {
                    out.push(as_type(i));
                    decref(i);
                }
                return Ok(out);
            }
        }
    }
    c3_mro(t, bases)
}

unsafe fn get_abstract(v: u64) -> u64 {
    // only the class's own dict (type.__abstractmethods__ is not inherited)
    if v != tpw(TypeId::Type) {
        if let Some(x) = dict_get_str((*as_type(v)).dict, "__abstractmethods__") {
            return newref(x);
        }
    }
    raise(Exc::AttributeError, "__abstractmethods__".to_string())
}

unsafe fn set_abstract(v: u64, x: u64) -> u64 {
    let t = as_type(v);
    if x == UNBOUND {
        if !ok!(dict_del((*t).dict, intern("__abstractmethods__"))) {
            return raise(Exc::AttributeError, "__abstractmethods__".to_string());
        }
        (*t).tpflags &= !TPFLAG_ABSTRACT;
    } else {
        ok!(dict_set((*t).dict, intern("__abstractmethods__"), x));
        if ok!(crate::protocols::truth::truthy(x)) {
            (*t).tpflags |= TPFLAG_ABSTRACT;
        } else {
            (*t).tpflags &= !TPFLAG_ABSTRACT;
        }
    }
    bump_version(t);
    NONE
}

#[allow(dead_code)]
unsafe fn has_abstract(t: *mut TypeObject) -> bool {
    for (_, v) in dict_entries((*t).dict) {
        if is_abstract(v) {
            return true;
        }
    }
    false
}

unsafe fn is_abstract(v: u64) -> bool {
    match attr::getattr_opt(v, intern("__isabstractmethod__")) {
        Ok(Some(x)) => {
            let b = x == TRUE;
            decref(x);
            b
        }
        Ok(None) => false,
        Err(_) => {
            clear_pending();
            false
        }
    }
}

/// Record the abstract methods of `t` (names whose resolved value is abstract).
#[allow(dead_code)]
unsafe fn compute_abstract(t: *mut TypeObject) {
    let mut names: Vec<String> = Vec::new();
    for &m in tuple_items((*t).mro).iter().rev() {
        for (k, _) in dict_entries((*as_type(m)).dict) {
            if is_str(k) {
                let s = str_as(k).to_string();
                if !names.contains(&s) {
                    names.push(s);
                }
            }
        }
    }
    let mut abs: Vec<String> = Vec::new();
    for n in names {
        if let Some(v) = lookup(t, crate::types::str::intern(&n)) {
            if is_abstract(v) {
                abs.push(n);
            }
        }
    }
    if abs.is_empty() {
        (*t).tpflags &= !TPFLAG_ABSTRACT;
    } else {
        abs.sort();
        (*t).tpflags |= TPFLAG_ABSTRACT;
        let items: Vec<u64> = abs.iter().map(|s| str_from(s)).collect();
        let fs = crate::types::tuple::tuple_new(items);
        dict_set_str((*t).dict, "__abstractmethods__", fs);
        decref(fs);
    }
}

/// The TypeError message for instantiating an abstract class, if any.
pub unsafe fn abstract_error(t: *mut TypeObject) -> Option<String> {
    let am = lookup_str(t, "__abstractmethods__")?;
    let items = match crate::protocols::iter::collect(am) {
        Ok(v) => v,
        Err(_) => {
            clear_pending();
            return None;
        }
    };
    if items.is_empty() {
        return None;
    }
    let mut names: Vec<String> = items.iter().filter(|&&n| is_str(n)).map(|&n| format!("'{}'", str_as(n))).collect();
    names.sort();
    for n in items {
        decref(n);
    }
    let n = names.len();
    Some(format!(
        "Can't instantiate abstract class {} without an implementation for abstract method{} {}",
        type_name_of(t),
        if n == 1 { "" } else { "s" },
        names.join(", ")
    ))
}

/// Call `f(*args, **kwd)` with kwd a dict (borrowed).
pub unsafe fn call_with_kwdict(f: u64, args: &[u64], kwd: u64) -> u64 {
    if kwd == 0 || kwd == NONE || dict_len(kwd) == 0 {
        return call_function(f, args, 0);
    }
    let mut all: Vec<u64> = args.to_vec();
    let mut names = Vec::new();
    for (k, v) in dict_entries(kwd) {
        names.push(newref(k));
        all.push(v);
    }
    let kn = tuple_new(names);
    let r = call_function(f, &all, kn);
    decref(kn);
    r
}

// ---- class statement exports -------------------------------------------

/// The metaclass for a class statement: `metaclass=` keyword or derived
/// from the bases. Returns (meta word new ref, kw dict without metaclass).
unsafe fn class_meta(bases: u64, kw: u64) -> R<(u64, u64)> {
    let kwd = dict_new();
    let mut meta = 0u64;
    if kw != NONE && kw != 0 && kw != UNBOUND {
        for (k, v) in dict_pairs(kw) {
            if is_str(k) && str_as(k) == "metaclass" {
                meta = v;
            } else {
                dict_set(kwd, k, v)?;
            }
        }
    }
    let explicit = meta != 0;
    if !explicit {
        meta = match tuple_items(bases).first() {
            Some(&b) => from_ptr(type_of(b)),
            None => tpw(TypeId::Type),
        };
    }
    if is_type(meta) {
        let w = calculate_meta(as_type(meta), bases)?;
        meta = from_ptr(w);
    }
    Ok((newref(meta), kwd))
}

unsafe fn resolve_bases(bases: u64) -> R<u64> {
    // PEP 560 __mro_entries__
    let items = tuple_items(bases);
    if items.iter().all(|&b| is_type(b)) {
        return Ok(newref(bases));
    }
    let mut out = Vec::new();
    for &b in items {
        if is_type(b) {
            out.push(newref(b));
            continue;
        }
        match attr::getattr_opt(b, intern("__mro_entries__"))? {
            Some(f) => {
                let r = call_function(f, &[bases], 0);
                decref(f);
                let r = chk(r)?;
                for &x in tuple_items(r) {
                    out.push(newref(x));
                }
                decref(r);
            }
            None => out.push(newref(b)),
        }
    }
    Ok(tuple_new(out))
}

#[no_mangle]
pub extern "C" fn molt_class_prepare(name: u64, bases: u64, kw: u64) -> u64 {
    // SAFETY: operands are live words.
    unsafe {
        let bases2 = ok!(resolve_bases(bases));
        let (meta, kwd) = match class_meta(bases2, kw) {
            Ok(x) => x,
            Err(_) => {
                decref(bases2);
                return ERR;
            }
        };
        let prep = attr::getattr_opt(meta, intern("__prepare__"));
        let r = match prep {
            Ok(Some(p)) => {
                let r = call_with_kwdict(p, &[name, bases2], kwd);
                decref(p);
                r
            }
            Ok(None) => dict_new(),
            Err(_) => ERR,
        };
        decref(meta);
        decref(kwd);
        decref(bases2);
        if r != ERR && !is_dict(r) && crate::protocols::item::mapping_check(r) == false {
            let m = r;
            decref(m);
            return raise_type_error(format!("{}.__prepare__() must return a mapping, not {}", "type", tname(m)));
        }
        r
    }
}

#[no_mangle]
pub extern "C" fn molt_class_new(name: u64, bases: u64, ns: u64, kw: u64) -> u64 {
    // SAFETY: operands are live words.
    unsafe {
        let bases2 = ok!(resolve_bases(bases));
        if bases2 != bases {
            let _ = dict_set(ns, intern("__orig_bases__"), bases);
        }
        let (meta, kwd) = match class_meta(bases2, kw) {
            Ok(x) => x,
            Err(_) => {
                decref(bases2);
                return ERR;
            }
        };
        let r = call_with_kwdict(meta, &[name, bases2, ns], kwd);
        decref(meta);
        decref(kwd);
        decref(bases2);
        r
    }
}

#[no_mangle]
pub extern "C" fn molt_class_lookup(ns: u64, globals: u64, name: u64) -> u64 {
    let r = if is_dict(ns) {
        ok!(dict_get(ns, name))
    } else {
        match crate::protocols::item::getitem_opt(ns, name) {
            Ok(v) => v,
            Err(_) => return ERR,
        }
    };
    if let Some(v) = r {
        if is_dict(ns) {
            return newref(v);
        }
        return v;
    }
    crate::modules::globals::molt_global_get(globals, name)
}

#[no_mangle]
pub extern "C" fn molt_locals_new() -> u64 {
    dict_new()
}
