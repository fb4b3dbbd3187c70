//! slotdefs.rs — the bridge between slots and dunder methods:
//! - user classes: `update_slots` installs trampolines that call the Python
//!   dunder methods a class (or a user base) defines; other slots stay
//!   inherited from the builtin base;
//! - builtin types: `add_slot_wrappers_to_builtins` exposes each slot as a
//!   dunder method in the type dict (`int.__add__`, `object.__init__`, …) so
//!   `super().__init__()` and explicit calls work.
//! Neighbours: typeobj.rs (Slots), types/type_.rs (class creation).

use crate::errors::*;
use crate::object::*;
use crate::protocols::call::{call_function, call_with_self};
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::str::str_as;
use crate::value::*;

// ---- resolution -----------------------------------------------------------

/// Where `name` resolves along the MRO: Some(true) = in a user class.
unsafe fn resolves_heap(t: *mut TypeObject, name: &'static str) -> Option<bool> {
    let n = crate::types::str::intern_static(name);
    for &m in crate::types::tuple::tuple_items((*t).mro) {
        let mt = as_type(m);
        if crate::types::dict::dict_get_str_key((*mt).dict, n).is_some() {
            return Some((*mt).tpflags & TPFLAG_HEAPTYPE != 0);
        }
    }
    None
}

/// True when `name` resolves to a definition in a user class.
pub unsafe fn has_heap_dunder(t: *mut TypeObject, name: &'static str) -> bool {
    resolves_heap(t, name) == Some(true)
}

unsafe fn any_heap(t: *mut TypeObject, names: &[&'static str]) -> bool {
    names.iter().any(|n| has_heap_dunder(t, n))
}

/// Recompute the slots of a user class from its MRO.
pub unsafe fn update_slots(t: *mut TypeObject) {
    if (*t).tpflags & TPFLAG_HEAPTYPE == 0 {
        return;
    }
    let base = (*t).base;
    let mut s = (*base).slots;
    s.drop = Some(heap_drop);
    s.traverse = Some(heap_traverse);
    s.clear = Some(heap_clear);
    macro_rules! set {
        ($field:ident, [$($n:expr),*], $tr:expr) => {
            if any_heap(t, &[$($n),*]) { s.$field = Some($tr); }
        };
    }
    set!(repr, ["__repr__"], tr_repr);
    set!(str, ["__str__"], tr_str);
    set!(richcmp, ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"], tr_richcmp);
    set!(bool_, ["__bool__"], tr_bool);
    set!(len, ["__len__"], tr_len);
    set!(iter, ["__iter__"], tr_iter);
    set!(next, ["__next__"], tr_next);
    set!(getattr, ["__getattribute__", "__getattr__"], tr_getattr);
    set!(setattr, ["__setattr__", "__delattr__"], tr_setattr);
    set!(descr_get, ["__get__"], tr_descr_get);
    set!(descr_set, ["__set__", "__delete__"], tr_descr_set);
    set!(call, ["__call__"], tr_call);
    set!(new, ["__new__"], tr_new);
    set!(init, ["__init__"], tr_init);
    set!(getitem, ["__getitem__"], tr_getitem);
    set!(setitem, ["__setitem__", "__delitem__"], tr_setitem);
    set!(contains, ["__contains__"], tr_contains);
    set!(neg, ["__neg__"], tr_neg);
    set!(pos, ["__pos__"], tr_pos);
    set!(invert, ["__invert__"], tr_invert);
    set!(abs, ["__abs__"], tr_abs);
    set!(index, ["__index__"], tr_index);
    set!(int_, ["__int__"], tr_int);
    set!(float_, ["__float__"], tr_float);
    (*t).tpflags &= !(TPFLAG_HASH_NONE | TPFLAG_HAS_GETATTR_HOOK);
    match lookup_str(t, "__hash__") {
        Some(NONE) => {
            (*t).tpflags |= TPFLAG_HASH_NONE;
            s.hash = None;
        }
        _ => {
            if has_heap_dunder(t, "__hash__") {
                s.hash = Some(tr_hash);
            }
        }
    }
    if has_heap_dunder(t, "__getattr__") {
        (*t).tpflags |= TPFLAG_HAS_GETATTR_HOOK;
    }
    for op in BINOPS {
        let i = op as usize;
        if has_heap_dunder(t, op.dunder()) {
            s.nb[i] = Some(NB_TR[i]);
        }
        if has_heap_dunder(t, op.rdunder()) {
            s.nb_r[i] = Some(NBR_TR[i]);
        }
        if has_heap_dunder(t, op.idunder()) {
            s.nb_i[i] = Some(NBI_TR[i]);
        }
    }
    (*t).slots = s;
    if has_heap_dunder(t, "__del__") {
        (*t).tpflags |= TPFLAG_HAS_DEL;
    }
}

/// `update_slots` for `t` and every subclass (after a dunder assignment).
pub unsafe fn update_slots_recursive(t: *mut TypeObject) {
    update_slots(t);
    let subs = (*t).subclasses.clone();
    for s in subs {
        update_slots_recursive(s);
    }
}

// ---- instances of user classes -----------------------------------------------

unsafe fn solid_base(t: *mut TypeObject) -> *mut TypeObject {
    let mut b = t;
    while (*b).tpflags & TPFLAG_HEAPTYPE != 0 {
        b = (*b).base;
    }
    b
}

/// Whether `t`'s instances have a dict word that `t` (a user class) adds to
/// its solid base's layout. The `heap_*` slots below visit, clear and drop
/// such a word (a base's own dict word is its base slots' business).
pub unsafe fn adds_dict_word(t: *mut TypeObject) -> bool {
    adds_dict_word_over(t, solid_base(t))
}

unsafe fn adds_dict_word_over(t: *mut TypeObject, sb: *mut TypeObject) -> bool {
    (*t).dict_offset != 0 && (*t).dict_offset != (*sb).dict_offset
}

/// Calls `f(word, is_dict)` for each word a user class adds to its base
/// layout: the dict word (`adds_dict_word`) and its `__slots__` words.
/// Empty, a dict word holds 0 and a `__slots__` word UNBOUND (zero would
/// read as the float +0.0).
unsafe fn for_extra_words(p: *mut ObjHeader, sb: *mut TypeObject, mut f: impl FnMut(*mut u64, bool)) {
    let t = (*p).ty;
    if adds_dict_word_over(t, sb) {
        f((p as *mut u8).add((*t).dict_offset as usize) as *mut u64, true);
    }
    if (*t).nslots > 0 {
        for i in 0..((*t).nslots - (*sb).nslots) {
            f((p as *mut u8).add((*t).slots_offset as usize + 8 * i as usize) as *mut u64, false);
        }
    }
}

/// Empties the extra words (drop and clear), releasing what they held.
unsafe fn release_extra_words(p: *mut ObjHeader, sb: *mut TypeObject) {
    for_extra_words(p, sb, |w, is_dict| {
        let v = *w;
        *w = if is_dict { 0 } else { UNBOUND };
        decref_field(v);
    });
}

unsafe fn heap_drop(p: *mut ObjHeader) {
    let sb = solid_base((*p).ty);
    release_extra_words(p, sb);
    if let Some(d) = (*sb).slots.drop {
        d(p);
    }
}

unsafe fn heap_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let sb = solid_base((*p).ty);
    for_extra_words(p, sb, |w, is_dict| {
        let v = *w;
        if is_dict {
            if v != 0 {
                visit_instance_dict(v, visit);
            }
        } else if v != 0 && v != UNBOUND {
            visit(v);
        }
    });
    if let Some(d) = (*sb).slots.traverse {
        d(p, visit);
    }
}

/// An instance's dict word for the collector: an owned dict (untracked,
/// see `dict::dict_new_owned`) is part of its instance, so its entries are
/// visited as the instance's references; any other dict is visited as one
/// reference.
unsafe fn visit_instance_dict(d: u64, visit: &mut dyn FnMut(u64)) {
    let o = ptr_of(d);
    if (*o).flags & OF_GC_TRACKED == 0 && (*o).ty == tp(TypeId::Dict) {
        if let Some(tr) = (*(*o).ty).slots.traverse {
            tr(o, visit);
        }
    } else {
        visit(d);
    }
}

unsafe fn heap_clear(p: *mut ObjHeader) {
    let sb = solid_base((*p).ty);
    release_extra_words(p, sb);
    if let Some(d) = (*sb).slots.clear {
        d(p);
    }
}

// ---- trampolines ---------------------------------------------------------

/// Call dunder `name` of `type(obj)` with `obj` first; NOT_IMPLEMENTED when
/// the type has no such attribute.
pub fn call_dunder(obj: u64, name: &'static str, args: &[u64]) -> u64 {
    match lookup_str(type_of(obj), name) {
        Some(f) => {
            if f == NONE {
                return NOT_IMPLEMENTED;
            }
            call_with_self(f, obj, args, 0)
        }
        None => NOT_IMPLEMENTED,
    }
}

fn missing(obj: u64, name: &str) -> u64 {
    raise(Exc::AttributeError, format!("'{}' object has no attribute '{}'", tname(obj), name))
}

unsafe fn tr_repr(v: u64) -> u64 {
    let r = call_dunder(v, "__repr__", &[]);
    if r == NOT_IMPLEMENTED {
        return missing(v, "__repr__");
    }
    r
}
unsafe fn tr_str(v: u64) -> u64 {
    let r = call_dunder(v, "__str__", &[]);
    if r == NOT_IMPLEMENTED {
        return missing(v, "__str__");
    }
    r
}
unsafe fn tr_hash(v: u64) -> R<i64> {
    let f = lookup_str(type_of(v), "__hash__");
    if f.is_none() || f == Some(NONE) {
        return Err(raise_type_error_p(format!("unhashable type: '{}'", tname(v))));
    }
    let r = chk(call_with_self(f.unwrap(), v, &[], 0))?;
    // any int (also beyond 128 bits) is reduced with the int hash
    let x = if crate::types::int::is_int_like(r) { Some(crate::types::int::int_hash_word(r)) } else { None };
    decref(r);
    match x {
        Some(h) => Ok(h),
        None => Err(raise_type_error_p("__hash__ method should return an integer".to_string())),
    }
}
unsafe fn tr_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    call_dunder(a, op.dunder(), &[b])
}
unsafe fn tr_bool(v: u64) -> R<bool> {
    let r = chk(call_dunder(v, "__bool__", &[]))?;
    if !is_bool(r) {
        let n = tname(r);
        decref(r);
        return Err(raise_type_error_p(format!("__bool__ should return bool, returned {}", n)));
    }
    Ok(r == TRUE)
}
unsafe fn tr_len(v: u64) -> R<usize> {
    let r = chk(call_dunder(v, "__len__", &[]))?;
    let i = crate::protocols::number::index_i64(r);
    decref(r);
    let i = i?;
    if i < 0 {
        return Err(raise_value_error_p("__len__() should return >= 0".to_string()));
    }
    Ok(i as usize)
}
unsafe fn tr_iter(v: u64) -> u64 {
    let f = lookup_str(type_of(v), "__iter__");
    match f {
        Some(f) if f != NONE => call_with_self(f, v, &[], 0),
        _ => raise_type_error(format!("'{}' object is not iterable", tname(v))),
    }
}
unsafe fn tr_next(v: u64) -> u64 {
    let r = call_dunder(v, "__next__", &[]);
    if r == ERR && pending_matches(Exc::StopIteration) {
        clear_pending();
        return UNBOUND;
    }
    r
}
unsafe fn tr_getattr(obj: u64, name: u64) -> u64 {
    let t = type_of(obj);
    let r = if has_heap_dunder(t, "__getattribute__") {
        call_dunder(obj, "__getattribute__", &[name])
    } else {
        crate::protocols::attr::generic_getattr(obj, name)
    };
    if r == ERR && (*t).tpflags & TPFLAG_HAS_GETATTR_HOOK != 0 && pending_matches(Exc::AttributeError) {
        clear_pending();
        return call_dunder(obj, "__getattr__", &[name]);
    }
    r
}
unsafe fn tr_setattr(obj: u64, name: u64, v: u64) -> u64 {
    let r = if v == UNBOUND { call_dunder(obj, "__delattr__", &[name]) } else { call_dunder(obj, "__setattr__", &[name, v]) };
    if r == NOT_IMPLEMENTED {
        return crate::protocols::attr::generic_setattr(obj, name, v);
    }
    let r = tri!(r);
    decref(r);
    NONE
}
unsafe fn tr_descr_get(d: u64, obj: u64, owner: u64) -> u64 {
    let o = if obj == UNBOUND { NONE } else { obj };
    let ow = if owner == UNBOUND || owner == NONE { from_ptr(type_of(obj)) } else { owner };
    let r = call_dunder(d, "__get__", &[o, ow]);
    if r == NOT_IMPLEMENTED {
        return newref(d);
    }
    r
}
unsafe fn tr_descr_set(d: u64, obj: u64, v: u64) -> u64 {
    let r = if v == UNBOUND { call_dunder(d, "__delete__", &[obj]) } else { call_dunder(d, "__set__", &[obj, v]) };
    if r == NOT_IMPLEMENTED {
        return missing(d, if v == UNBOUND { "__delete__" } else { "__set__" });
    }
    let r = tri!(r);
    decref(r);
    NONE
}
unsafe fn tr_call(f: u64, args: &[u64], kw: u64) -> u64 {
    match lookup_str(type_of(f), "__call__") {
        Some(c) => call_with_self(c, f, args, kw),
        None => raise_type_error(format!("'{}' object is not callable", tname(f))),
    }
}
unsafe fn tr_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let f = match lookup_str(t, "__new__") {
        Some(f) => f,
        None => return raise_type_error(format!("cannot create '{}' instances", type_name_of(t))),
    };
    // __new__ is a staticmethod: unwrap it
    let func = match (*type_of(f)).slots.descr_get {
        Some(g) => tri!(g(f, UNBOUND, from_ptr(t))),
        None => newref(f),
    };
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(from_ptr(t));
    v.extend_from_slice(args);
    let r = call_function(func, &v, kw);
    decref(func);
    r
}
unsafe fn tr_init(s: u64, args: &[u64], kw: u64) -> u64 {
    match lookup_str(type_of(s), "__init__") {
        Some(f) => call_with_self(f, s, args, kw),
        None => NONE,
    }
}
unsafe fn tr_getitem(o: u64, k: u64) -> u64 {
    let r = call_dunder(o, "__getitem__", &[k]);
    if r == NOT_IMPLEMENTED {
        return raise_type_error(format!("'{}' object is not subscriptable", tname(o)));
    }
    r
}
unsafe fn tr_setitem(o: u64, k: u64, v: u64) -> u64 {
    let r = if v == UNBOUND { call_dunder(o, "__delitem__", &[k]) } else { call_dunder(o, "__setitem__", &[k, v]) };
    if r == NOT_IMPLEMENTED {
        return if v == UNBOUND {
            raise_type_error(format!("'{}' object doesn't support item deletion", tname(o)))
        } else {
            raise_type_error(format!("'{}' object does not support item assignment", tname(o)))
        };
    }
    let r = tri!(r);
    decref(r);
    NONE
}
unsafe fn tr_contains(o: u64, k: u64) -> R<bool> {
    let r = chk(call_dunder(o, "__contains__", &[k]))?;
    let b = crate::protocols::truth::truthy(r);
    decref(r);
    b
}

macro_rules! unary_tr {
    ($($f:ident => $n:expr),*) => { $(
        unsafe fn $f(v: u64) -> u64 {
            let r = call_dunder(v, $n, &[]);
            if r == NOT_IMPLEMENTED { return missing(v, $n); }
            r
        }
    )* };
}
unary_tr!(tr_neg => "__neg__", tr_pos => "__pos__", tr_invert => "__invert__", tr_abs => "__abs__");

unsafe fn tr_index(v: u64) -> u64 {
    let r = tri!(call_dunder(v, "__index__", &[]));
    if !crate::types::int::is_int_like(r) {
        let n = tname(r);
        decref(r);
        return raise_type_error(format!("__index__ returned non-int (type {})", n));
    }
    r
}
unsafe fn tr_int(v: u64) -> u64 {
    let r = tri!(call_dunder(v, "__int__", &[]));
    if !crate::types::int::is_int_like(r) {
        let n = tname(r);
        decref(r);
        return raise_type_error(format!("__int__ returned non-int (type {})", n));
    }
    r
}
unsafe fn tr_float(v: u64) -> u64 {
    let r = tri!(call_dunder(v, "__float__", &[]));
    if !is_float(r) {
        let n = tname(r);
        decref(r);
        return raise_type_error(format!("{}.__float__ returned non-float (type {})", tname(v), n));
    }
    r
}

unsafe fn nb_tr<const I: usize>(a: u64, b: u64) -> u64 {
    call_dunder(a, BINOPS[I].dunder(), &[b])
}
unsafe fn nbr_tr<const I: usize>(a: u64, b: u64) -> u64 {
    call_dunder(a, BINOPS[I].rdunder(), &[b])
}
unsafe fn nbi_tr<const I: usize>(a: u64, b: u64) -> u64 {
    call_dunder(a, BINOPS[I].idunder(), &[b])
}

macro_rules! tr_table {
    ($f:ident) => {
        [
            $f::<0>, $f::<1>, $f::<2>, $f::<3>, $f::<4>, $f::<5>, $f::<6>, $f::<7>, $f::<8>, $f::<9>, $f::<10>,
            $f::<11>, $f::<12>,
        ]
    };
}
const NB_TR: [BinaryFn; NB_COUNT] = tr_table!(nb_tr);
const NBR_TR: [BinaryFn; NB_COUNT] = tr_table!(nbr_tr);
const NBI_TR: [BinaryFn; NB_COUNT] = tr_table!(nbi_tr);

// ---- slot wrappers on builtin types ----------------------------------------

const W_REPR: usize = 1;
const W_STR: usize = 2;
const W_HASH: usize = 3;
const W_BOOL: usize = 4;
const W_LEN: usize = 5;
const W_ITER: usize = 6;
const W_NEXT: usize = 7;
const W_GETATTRIBUTE: usize = 8;
const W_SETATTR: usize = 9;
const W_DELATTR: usize = 10;
const W_GET: usize = 11;
const W_SET: usize = 12;
const W_DELETE: usize = 13;
const W_CALL: usize = 14;
const W_NEW: usize = 15;
const W_INIT: usize = 16;
const W_GETITEM: usize = 17;
const W_SETITEM: usize = 18;
const W_DELITEM: usize = 19;
const W_CONTAINS: usize = 20;
const W_NEG: usize = 21;
const W_POS: usize = 22;
const W_INVERT: usize = 23;
const W_ABS: usize = 24;
const W_INDEX: usize = 25;
const W_INT: usize = 26;
const W_FLOAT: usize = 27;
const W_NB: usize = 100;
const W_NBR: usize = 200;
const W_NBI: usize = 300;
const W_CMP: usize = 400;

fn argn(name: &str, args: &[u64], kw: u64, n: usize) -> R<()> {
    if nkw(kw) != 0 {
        return Err(raise_type_error_p(format!("wrapper {}() takes no keyword arguments", name)));
    }
    if args.len() != n {
        return Err(raise_type_error_p(format!(
            "expected {} argument{}, got {}",
            n - 1,
            if n == 2 { "" } else { "s" },
            args.len().saturating_sub(1)
        )));
    }
    Ok(())
}

unsafe fn wrapper_call(kind: usize, owner: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let s = &(*owner).slots;
    if kind == W_NEW {
        if args.is_empty() {
            return raise_type_error(format!("{}.__new__(): not enough arguments", type_name_of(owner)));
        }
        if !is_type(args[0]) {
            return raise_type_error(format!(
                "{}.__new__(X): X is not a type object ({})",
                type_name_of(owner),
                tname(args[0])
            ));
        }
        let t = as_type(args[0]);
        if !is_subtype(t, owner) {
            return raise_type_error(format!(
                "{}.__new__({}): {} is not a subtype of {}",
                type_name_of(owner),
                type_name_of(t),
                type_name_of(t),
                type_name_of(owner)
            ));
        }
        let rest = &args[1..];
        if owner == tp(TypeId::Object) && (!rest.is_empty() || kw != 0) {
            // object.__new__ ignores extra arguments only when __init__ is overridden
            let init_over = (*t).slots.init.map(|f| f as usize)
                != (*tp(TypeId::Object)).slots.init.map(|f| f as usize);
            let new_over = has_heap_dunder(t, "__new__");
            if new_over || !init_over {
                return raise_type_error(if new_over {
                    "object.__new__() takes exactly one argument (the type to instantiate)".to_string()
                } else {
                    format!("{}() takes no arguments", type_name_of(t))
                });
            }
            return (s.new.unwrap())(t, &[], 0);
        }
        return (s.new.unwrap())(t, rest, kw);
    }
    if args.is_empty() {
        return raise_type_error("descriptor needs an argument".to_string());
    }
    let me = args[0];
    match kind {
        W_INIT => return (s.init.unwrap())(me, &args[1..], kw),
        W_CALL => return (s.call.unwrap())(me, &args[1..], kw),
        _ => {}
    }
    macro_rules! n {
        ($name:expr, $k:expr) => {
            ok!(argn($name, args, kw, $k))
        };
    }
    match kind {
        W_REPR => {
            n!("__repr__", 1);
            (s.repr.unwrap())(me)
        }
        W_STR => {
            n!("__str__", 1);
            (s.str.unwrap())(me)
        }
        W_HASH => {
            n!("__hash__", 1);
            crate::types::int::int_from_i64(ok!((s.hash.unwrap())(me)))
        }
        W_BOOL => {
            n!("__bool__", 1);
            box_bool(ok!((s.bool_.unwrap())(me)))
        }
        W_LEN => {
            n!("__len__", 1);
            crate::types::int::int_from_i64(ok!((s.len.unwrap())(me)) as i64)
        }
        W_ITER => {
            n!("__iter__", 1);
            (s.iter.unwrap())(me)
        }
        W_NEXT => {
            n!("__next__", 1);
            let r = (s.next.unwrap())(me);
            if r == UNBOUND {
                return raise_noarg(Exc::StopIteration);
            }
            r
        }
        W_GETATTRIBUTE => {
            n!("__getattribute__", 2);
            if !crate::types::str::is_str(args[1]) {
                return raise_type_error(format!("attribute name must be string, not '{}'", tname(args[1])));
            }
            (s.getattr.unwrap())(me, args[1])
        }
        W_SETATTR => {
            n!("__setattr__", 3);
            (s.setattr.unwrap())(me, args[1], args[2])
        }
        W_DELATTR => {
            n!("__delattr__", 2);
            (s.setattr.unwrap())(me, args[1], UNBOUND)
        }
        W_GET => {
            if args.len() < 2 || args.len() > 3 {
                return raise_type_error("__get__ expected 1 or 2 arguments".to_string());
            }
            let obj = if args[1] == NONE { UNBOUND } else { args[1] };
            let ow = if args.len() == 3 { args[2] } else { from_ptr(type_of(args[1])) };
            (s.descr_get.unwrap())(me, obj, ow)
        }
        W_SET => {
            n!("__set__", 3);
            (s.descr_set.unwrap())(me, args[1], args[2])
        }
        W_DELETE => {
            n!("__delete__", 2);
            (s.descr_set.unwrap())(me, args[1], UNBOUND)
        }
        W_GETITEM => {
            n!("__getitem__", 2);
            (s.getitem.unwrap())(me, args[1])
        }
        W_SETITEM => {
            n!("__setitem__", 3);
            (s.setitem.unwrap())(me, args[1], args[2])
        }
        W_DELITEM => {
            n!("__delitem__", 2);
            (s.setitem.unwrap())(me, args[1], UNBOUND)
        }
        W_CONTAINS => {
            n!("__contains__", 2);
            box_bool(ok!((s.contains.unwrap())(me, args[1])))
        }
        W_NEG => {
            n!("__neg__", 1);
            (s.neg.unwrap())(me)
        }
        W_POS => {
            n!("__pos__", 1);
            (s.pos.unwrap())(me)
        }
        W_INVERT => {
            n!("__invert__", 1);
            (s.invert.unwrap())(me)
        }
        W_ABS => {
            n!("__abs__", 1);
            (s.abs.unwrap())(me)
        }
        W_INDEX => {
            n!("__index__", 1);
            (s.index.unwrap())(me)
        }
        W_INT => {
            n!("__int__", 1);
            (s.int_.unwrap())(me)
        }
        W_FLOAT => {
            n!("__float__", 1);
            (s.float_.unwrap())(me)
        }
        k if (W_NB..W_NB + NB_COUNT).contains(&k) => {
            n!(BINOPS[k - W_NB].dunder(), 2);
            (s.nb[k - W_NB].unwrap())(me, args[1])
        }
        k if (W_NBR..W_NBR + NB_COUNT).contains(&k) => {
            n!(BINOPS[k - W_NBR].rdunder(), 2);
            (s.nb_r[k - W_NBR].unwrap())(me, args[1])
        }
        k if (W_NBI..W_NBI + NB_COUNT).contains(&k) => {
            n!(BINOPS[k - W_NBI].idunder(), 2);
            (s.nb_i[k - W_NBI].unwrap())(me, args[1])
        }
        k if (W_CMP..W_CMP + 6).contains(&k) => {
            n!("comparison", 2);
            let op = [CmpOp::Lt, CmpOp::Le, CmpOp::Eq, CmpOp::Ne, CmpOp::Gt, CmpOp::Ge][k - W_CMP];
            (s.richcmp.unwrap())(me, args[1], op)
        }
        _ => raise(Exc::SystemError, "bad slot wrapper".to_string()),
    }
}

fn same<T: Copy>(a: Option<T>, b: Option<T>, addr: fn(T) -> usize) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => addr(x) == addr(y),
        (None, None) => true,
        _ => false,
    }
}

/// Add dunder wrappers for the slots each builtin type defines itself.
pub fn add_slot_wrappers_to_builtins() {
    // SAFETY: start-up; all types initialised.
    unsafe {
        for &id in ALL_TYPE_IDS {
            add_slot_wrappers(tp(id));
        }
    }
}

/// Add dunder wrappers to one builtin type (e.g. a type added later).
pub unsafe fn add_slot_wrappers(t: *mut TypeObject) {
    let s = (*t).slots;
    let b = if (*t).base.is_null() { Slots::EMPTY } else { (*(*t).base).slots };
    let add = |name: &'static str, kind: usize, bk: u8| {
        if crate::types::dict::dict_get_str((*t).dict, name).is_none() {
            add_data_method(t, name, wrapper_call, kind, bk);
        }
    };
    macro_rules! w {
        ($f:ident, $addr:expr, [$(($n:expr, $k:expr)),*]) => {
            if s.$f.is_some() && !same(s.$f, b.$f, $addr) {
                $( add($n, $k, BK_METHOD); )*
            }
        };
    }
    w!(repr, |f| f as usize, [("__repr__", W_REPR)]);
    w!(str, |f| f as usize, [("__str__", W_STR)]);
    w!(hash, |f| f as usize, [("__hash__", W_HASH)]);
    w!(bool_, |f| f as usize, [("__bool__", W_BOOL)]);
    w!(len, |f| f as usize, [("__len__", W_LEN)]);
    w!(iter, |f| f as usize, [("__iter__", W_ITER)]);
    w!(next, |f| f as usize, [("__next__", W_NEXT)]);
    w!(getattr, |f| f as usize, [("__getattribute__", W_GETATTRIBUTE)]);
    w!(setattr, |f| f as usize, [("__setattr__", W_SETATTR), ("__delattr__", W_DELATTR)]);
    w!(descr_get, |f| f as usize, [("__get__", W_GET)]);
    w!(descr_set, |f| f as usize, [("__set__", W_SET), ("__delete__", W_DELETE)]);
    w!(call, |f| f as usize, [("__call__", W_CALL)]);
    w!(init, |f| f as usize, [("__init__", W_INIT)]);
    w!(getitem, |f| f as usize, [("__getitem__", W_GETITEM)]);
    w!(setitem, |f| f as usize, [("__setitem__", W_SETITEM), ("__delitem__", W_DELITEM)]);
    w!(contains, |f| f as usize, [("__contains__", W_CONTAINS)]);
    w!(neg, |f| f as usize, [("__neg__", W_NEG)]);
    w!(pos, |f| f as usize, [("__pos__", W_POS)]);
    w!(invert, |f| f as usize, [("__invert__", W_INVERT)]);
    w!(abs, |f| f as usize, [("__abs__", W_ABS)]);
    w!(index, |f| f as usize, [("__index__", W_INDEX)]);
    w!(int_, |f| f as usize, [("__int__", W_INT)]);
    w!(float_, |f| f as usize, [("__float__", W_FLOAT)]);
    if s.new.is_some() && !same(s.new, b.new, |f| f as usize) {
        add("__new__", W_NEW, BK_STATIC);
    }
    if s.richcmp.is_some() && !same(s.richcmp, b.richcmp, |f| f as usize) {
        for (i, n) in ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"].iter().enumerate() {
            add(n, W_CMP + i, BK_METHOD);
        }
    }
    for op in BINOPS {
        let i = op as usize;
        if s.nb[i].is_some() && !same(s.nb[i], b.nb[i], |f| f as usize) {
            add(op.dunder(), W_NB + i, BK_METHOD);
        }
        if s.nb_r[i].is_some() && !same(s.nb_r[i], b.nb_r[i], |f| f as usize) {
            add(op.rdunder(), W_NBR + i, BK_METHOD);
        }
        if s.nb_i[i].is_some() && !same(s.nb_i[i], b.nb_i[i], |f| f as usize) {
            add(op.idunder(), W_NBI + i, BK_METHOD);
        }
    }
    let _ = str_as;
}
