//! types/union.rs — `types.UnionType` (the result of `X | Y` on types, PEP
//! 604, accepted by isinstance/issubclass) and `types.GenericAlias`
//! (`list[int]`, from `__class_getitem__` of the builtin containers).

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::tuple::*;
use crate::value::*;

#[repr(C)]
pub struct UnionObject {
    pub header: ObjHeader,
    /// tuple of the member types (None appears as NoneType)
    pub args: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::UnionType);
    (*t).basicsize = std::mem::size_of::<UnionObject>() as u32;
    (*t).slots.drop = Some(|p| decref_field((*(p as *mut UnionObject)).args));
    (*t).slots.repr = Some(union_repr);
    (*t).slots.richcmp = Some(union_richcmp);
    (*t).slots.hash = Some(union_hash);
    (*t).slots.nb[BinOp::Or as usize] = Some(union_or_slot);
    (*t).slots.nb_r[BinOp::Or as usize] = Some(union_ror_slot);
    let g = tp(TypeId::GenericAlias);
    (*g).basicsize = std::mem::size_of::<GenericAliasObject>() as u32;
    (*g).slots.drop = Some(|p| {
        let o = p as *mut GenericAliasObject;
        decref_field((*o).origin);
        decref_field((*o).args);
    });
    (*g).slots.repr = Some(alias_repr);
    (*g).slots.call = Some(alias_call);
    (*g).slots.richcmp = Some(alias_richcmp);
    (*g).slots.hash = Some(alias_hash);
    (*g).slots.getattr = Some(alias_getattr);
    (*g).slots.nb[BinOp::Or as usize] = Some(union_or_slot);
    (*g).slots.nb_r[BinOp::Or as usize] = Some(union_ror_slot);
}

/// `cls[args]` for the builtin generic classes: a GenericAlias.
pub fn generic_alias_new(origin: u64, args: u64) -> u64 {
    let a = if is_tuple(args) { newref(args) } else { tuple_from(&[args]) };
    incref(origin);
    // SAFETY: type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::GenericAlias), GenericAliasObject { header: header0(), origin, args: a })) }
}

unsafe fn class_getitem(a: &[u64], k: u64) -> u64 {
    ok!(crate::types::builtin_func::check_args("__class_getitem__", a, k, 2, 2));
    generic_alias_new(a[0], a[1])
}

/// The repr of a type argument as typing prints it.
pub fn type_arg_repr(v: u64) -> String {
    if v == ELLIPSIS {
        return "...".to_string();
    }
    if v == NONE || v == tpw(TypeId::NoneType) {
        return "None".to_string();
    }
    if is_type(v) {
        return crate::types::type_::type_full_name(as_type(v));
    }
    crate::protocols::repr::repr_string(v).unwrap_or_else(|_| {
        clear_pending();
        "?".to_string()
    })
}

unsafe fn alias_repr(v: u64) -> u64 {
    let o = as_obj::<GenericAliasObject>(v);
    let args = tuple_items((*o).args);
    let inner = if args.is_empty() { "()".to_string() } else { args.iter().map(|&a| type_arg_repr(a)).collect::<Vec<_>>().join(", ") };
    crate::types::str::str_from_string(format!("{}[{}]", type_arg_repr((*o).origin), inner))
}

unsafe fn alias_call(v: u64, args: &[u64], kw: u64) -> u64 {
    crate::protocols::call::call_function((*as_obj::<GenericAliasObject>(v)).origin, args, kw)
}

unsafe fn alias_getattr(v: u64, name: u64) -> u64 {
    match crate::protocols::attr::generic_getattr_opt(v, name) {
        Ok(Some(x)) => x,
        Ok(None) => crate::protocols::attr::getattr((*as_obj::<GenericAliasObject>(v)).origin, name),
        Err(_) => ERR,
    }
}

unsafe fn alias_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !has_layout(b, TypeId::GenericAlias) || !(op == CmpOp::Eq || op == CmpOp::Ne) {
        return NOT_IMPLEMENTED;
    }
    let (x, y) = (as_obj::<GenericAliasObject>(a), as_obj::<GenericAliasObject>(b));
    let eq = (*x).origin == (*y).origin && ok!(crate::protocols::compare::eq_bool((*x).args, (*y).args));
    box_bool(eq == (op == CmpOp::Eq))
}

unsafe fn alias_hash(v: u64) -> R<i64> {
    let o = as_obj::<GenericAliasObject>(v);
    let h = crate::protocols::hash::hash((*o).args)?;
    Ok(h ^ ((*o).origin & PAYLOAD_MASK) as i64)
}

#[repr(C)]
pub struct GenericAliasObject {
    pub header: ObjHeader,
    pub origin: u64,
    /// tuple of arguments
    pub args: u64,
}

pub fn init_methods() {
    let g = tp(TypeId::GenericAlias);
    // SAFETY (closures): installed only on GenericAlias.
    crate::types::descr::add_getset(g, "__origin__", |v| unsafe { newref((*as_obj::<GenericAliasObject>(v)).origin) }, None);
    crate::types::descr::add_getset(g, "__args__", |v| unsafe { newref((*as_obj::<GenericAliasObject>(v)).args) }, None);
    crate::types::descr::add_getset(g, "__parameters__", |_| crate::types::tuple::empty_tuple(), None);
    crate::types::builtin_func::add_method(g, "__mro_entries__", |a, _| {
        // SAFETY: self is a GenericAlias.
        unsafe { crate::types::tuple::tuple_from(&[(*as_obj::<GenericAliasObject>(a[0])).origin]) }
    });
    for id in [TypeId::List, TypeId::Dict, TypeId::Tuple, TypeId::Set, TypeId::FrozenSet, TypeId::Type, TypeId::Enumerate, TypeId::Zip, TypeId::Map, TypeId::Filter, TypeId::Reversed] {
        crate::types::builtin_func::add_classmethod(tp(id), "__class_getitem__", class_getitem);
    }
    // SAFETY (closure): installed only on UnionType.
    crate::types::descr::add_getset(tp(TypeId::UnionType), "__args__", |v| unsafe { newref((*as_obj::<UnionObject>(v)).args) }, None);
}

/// The member tuple of a union (borrowed).
pub fn union_args(u: u64) -> u64 {
    // SAFETY: caller passes a union.
    unsafe { (*as_obj::<UnionObject>(u)).args }
}

fn members(v: u64) -> Option<Vec<u64>> {
    if v == NONE {
        return Some(vec![tpw(TypeId::NoneType)]);
    }
    if is_type(v) {
        return Some(vec![v]);
    }
    if has_layout(v, TypeId::UnionType) {
        return Some(tuple_items(union_args(v)).to_vec());
    }
    if has_layout(v, TypeId::GenericAlias) {
        return Some(vec![v]);
    }
    None
}

/// `a | b` for types, None and unions (NOT_IMPLEMENTED otherwise).
pub fn union_or(a: u64, b: u64) -> u64 {
    let (x, y) = match (members(a), members(b)) {
        (Some(x), Some(y)) => (x, y),
        _ => return NOT_IMPLEMENTED,
    };
    let mut all: Vec<u64> = Vec::new();
    for m in x.into_iter().chain(y) {
        if !all.contains(&m) {
            all.push(m);
        }
    }
    if all.len() == 1 {
        return newref(all[0]);
    }
    let args = tuple_from(&all);
    // SAFETY: type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::UnionType), UnionObject { header: header0(), args })) }
}

unsafe fn union_or_slot(a: u64, b: u64) -> u64 {
    union_or(a, b)
}

unsafe fn union_ror_slot(a: u64, b: u64) -> u64 {
    union_or(b, a)
}

unsafe fn union_repr(v: u64) -> u64 {
    let parts: Vec<String> = tuple_items(union_args(v))
        .iter()
        .map(|&t| {
            type_arg_repr(t)
        })
        .collect();
    crate::types::str::str_from_string(parts.join(" | "))
}

unsafe fn union_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !has_layout(b, TypeId::UnionType) || !(op == CmpOp::Eq || op == CmpOp::Ne) {
        return NOT_IMPLEMENTED;
    }
    let (x, y) = (tuple_items(union_args(a)), tuple_items(union_args(b)));
    let eq = x.len() == y.len() && x.iter().all(|m| y.contains(m));
    box_bool(eq == (op == CmpOp::Eq))
}

unsafe fn union_hash(v: u64) -> R<i64> {
    let mut h: i64 = 0x345678;
    for &m in tuple_items(union_args(v)) {
        h ^= (m & PAYLOAD_MASK) as i64 >> 4;
    }
    Ok(if h == -1 { -2 } else { h })
}
