//! types/dictviews.rs — `dict_keys`, `dict_values`, `dict_items` views
//! (len, iteration, membership, reversed, set operations and comparisons
//! for keys/items views) and the dict iterators (forward and reverse, for
//! keys, values and items) with CPython's mutation checks.
//! Owner: containers engineer.
//! Neighbours: types/dict.rs (the table), types/set.rs (set results).

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::dict::*;
use crate::value::*;

#[repr(C)]
pub struct DictViewObject {
    pub header: ObjHeader,
    pub dict: u64,
}

#[repr(C)]
pub struct DictIterObject {
    pub header: ObjHeader,
    /// The dict (owned) or 0 once exhausted.
    pub dict: u64,
    /// Next entry index (forward) or one past it (reverse).
    pub pos: usize,
    /// `len(dict)` when the iterator was created (usize::MAX: sticky error).
    pub used: usize,
    /// Items left to produce.
    pub remaining: usize,
}

const VIEWS: [TypeId; 3] = [TypeId::DictKeys, TypeId::DictValues, TypeId::DictItems];
const ITERS: [TypeId; 6] = [
    TypeId::DictKeyIterator,
    TypeId::DictValueIterator,
    TypeId::DictItemIterator,
    TypeId::DictRevKeyIterator,
    TypeId::DictRevValueIterator,
    TypeId::DictRevItemIterator,
];

pub unsafe fn init_slots() {
    for id in VIEWS {
        let t = tp(id);
        (*t).basicsize = std::mem::size_of::<DictViewObject>() as u32;
        (*t).tpflags = TPFLAG_HAVE_GC;
        (*t).slots.drop = Some(view_drop);
        (*t).slots.clear = Some(view_drop);
        (*t).slots.traverse = Some(view_traverse);
        (*t).slots.len = Some(view_len);
        (*t).slots.iter = Some(view_iter);
        (*t).slots.repr = Some(view_repr);
    }
    for id in [TypeId::DictKeys, TypeId::DictItems] {
        let t = tp(id);
        (*t).slots.contains = Some(view_contains);
        (*t).slots.richcmp = Some(view_richcmp);
        (*t).slots.nb[BinOp::And as usize] = Some(view_and);
        (*t).slots.nb[BinOp::Or as usize] = Some(view_or);
        (*t).slots.nb[BinOp::Sub as usize] = Some(view_sub);
        (*t).slots.nb[BinOp::Xor as usize] = Some(view_xor);
        (*t).slots.nb_r[BinOp::And as usize] = Some(view_rand);
        (*t).slots.nb_r[BinOp::Or as usize] = Some(view_ror);
        (*t).slots.nb_r[BinOp::Sub as usize] = Some(view_rsub);
        (*t).slots.nb_r[BinOp::Xor as usize] = Some(view_rxor);
    }
    for id in ITERS {
        let t = tp(id);
        (*t).basicsize = std::mem::size_of::<DictIterObject>() as u32;
        (*t).tpflags = TPFLAG_HAVE_GC;
        (*t).slots.drop = Some(iter_drop);
        (*t).slots.clear = Some(iter_drop);
        (*t).slots.traverse = Some(iter_traverse);
        (*t).slots.iter = Some(|v| newref(v));
        (*t).slots.next = Some(iter_next);
    }
}

pub fn init_methods() {
    for id in VIEWS {
        add_method(tp(id), "__reversed__", view_reversed_m);
    }
    add_method(tp(TypeId::DictKeys), "isdisjoint", view_isdisjoint_m);
    add_method(tp(TypeId::DictItems), "isdisjoint", view_isdisjoint_m);
    for id in ITERS {
        add_method(tp(id), "__length_hint__", iter_length_hint);
    }
}

// ---- views -----------------------------------------------------------------------------

unsafe fn view_drop(p: *mut ObjHeader) {
    let o = p as *mut DictViewObject;
    let d = std::mem::replace(&mut (*o).dict, 0);
    decref_field(d);
}

unsafe fn view_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let d = (*(p as *mut DictViewObject)).dict;
    if d != 0 {
        visit(d);
    }
}

/// A new view of kind `id` over `dict`.
pub fn view_new(id: TypeId, dict: u64) -> u64 {
    incref(dict);
    // SAFETY: view types initialised.
    unsafe { from_ptr(new_object(tp(id), DictViewObject { header: header0(), dict })) }
}

#[inline]
fn view_dict(v: u64) -> u64 {
    // SAFETY: caller passes a view.
    unsafe { (*as_obj::<DictViewObject>(v)).dict }
}

#[inline]
pub fn is_view_set(v: u64) -> bool {
    is_ptr(v) && matches!(layout_of(v), TypeId::DictKeys | TypeId::DictItems)
}

unsafe fn view_len(v: u64) -> R<usize> {
    Ok(dict_len(view_dict(v)))
}

fn iter_kind(view: TypeId, reverse: bool) -> TypeId {
    let i = match view {
        TypeId::DictKeys => 0,
        TypeId::DictValues => 1,
        _ => 2,
    };
    ITERS[i + if reverse { 3 } else { 0 }]
}

unsafe fn view_iter(v: u64) -> u64 {
    dict_iter_of(view_dict(v), iter_kind(layout_of(v), false))
}

unsafe fn view_reversed_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__reversed__", args, kw, 1, 1));
    dict_reviter_new(view_dict(args[0]), iter_kind(layout_of(args[0]), true))
}

unsafe fn view_repr(v: u64) -> u64 {
    if !crate::protocols::repr::repr_enter(v) {
        return crate::types::str::str_from("...");
    }
    let items = crate::protocols::sequence::collect(v);
    let r = items.and_then(|items| {
        let s = crate::protocols::sequence::repr_items(&items);
        crate::protocols::sequence::decref_all(items);
        s
    });
    crate::protocols::repr::repr_leave(v);
    let body = ok!(r);
    crate::types::str::str_from_string(format!("{}([{}])", tname(v), body))
}

/// `x in keys_view` / `(k, v) in items_view`.
pub fn view_has(v: u64, x: u64) -> R<bool> {
    let d = view_dict(v);
    if layout_of(v) == TypeId::DictKeys {
        return Ok(dict_get(d, x)?.is_some());
    }
    if !crate::types::tuple::is_tuple(x) || crate::types::tuple::tuple_items(x).len() != 2 {
        return Ok(false);
    }
    let kv = crate::types::tuple::tuple_items(x);
    match dict_get(d, kv[0])? {
        None => Ok(false),
        Some(val) => {
            incref(val);
            let r = crate::protocols::compare::eq_bool(val, kv[1]);
            decref(val);
            r
        }
    }
}

unsafe fn view_contains(v: u64, x: u64) -> R<bool> {
    view_has(v, x)
}

/// Every element of `a` is in `b`.
fn all_contained_in(a: u64, b: u64) -> R<bool> {
    let mut ok = true;
    crate::protocols::sequence::for_each(a, &mut |x| {
        if !crate::protocols::item::contains(b, x)? {
            ok = false;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(ok)
}

unsafe fn view_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !(crate::types::set::is_anyset(b) || is_view_set(b)) {
        return NOT_IMPLEMENTED;
    }
    let la = dict_len(view_dict(a));
    let lb = ok!(crate::protocols::item::len(b));
    let r = match op {
        CmpOp::Eq | CmpOp::Ne => {
            let eq = if la == lb { ok!(all_contained_in(a, b)) } else { false };
            eq == (op == CmpOp::Eq)
        }
        CmpOp::Lt => la < lb && ok!(all_contained_in(a, b)),
        CmpOp::Le => la <= lb && ok!(all_contained_in(a, b)),
        CmpOp::Gt => la > lb && ok!(all_contained_in(b, a)),
        CmpOp::Ge => la >= lb && ok!(all_contained_in(b, a)),
    };
    box_bool(r)
}

/// `set(view)` with the dict fast path for keys views (same table growth
/// as CPython, hence the same iteration order).
fn to_set(v: u64) -> R<u64> {
    let src = if has_layout(v, TypeId::DictKeys) && type_of(view_dict(v)) == tp(TypeId::Dict) {
        view_dict(v)
    } else {
        v
    };
    crate::types::set::make_new_set(tp(TypeId::Set), src)
}

fn set_method(set: u64, name: &'static str, other: u64) -> u64 {
    let r = crate::protocols::call::call_method_str(set, name, &[other]);
    if r == ERR {
        decref(set);
        return ERR;
    }
    decref(r);
    set
}

fn views_sub(a: u64, b: u64) -> u64 {
    let s = ok!(to_set(a));
    set_method(s, "difference_update", b)
}

fn views_or(a: u64, b: u64) -> u64 {
    let s = ok!(to_set(a));
    match crate::types::set::update_internal(s, b) {
        Ok(()) => s,
        Err(_) => {
            decref(s);
            ERR
        }
    }
}

fn views_xor(a: u64, b: u64) -> u64 {
    let s = ok!(to_set(a));
    set_method(s, "symmetric_difference_update", b)
}

/// `_PyDictView_Intersect`.
fn views_and(a: u64, b: u64) -> u64 {
    let (mut a, mut b) = (a, b);
    if !is_view_set(a) {
        std::mem::swap(&mut a, &mut b);
    }
    let la = dict_len(view_dict(a));
    if type_of(b) == tp(TypeId::Set) && la <= crate::types::set::set_len(b) {
        return crate::protocols::call::call_method_str(b, "intersection", &[a]);
    }
    if is_view_set(b) && dict_len(view_dict(b)) > la {
        std::mem::swap(&mut a, &mut b);
    }
    let result = crate::types::set::set_new();
    let r = crate::protocols::sequence::for_each(b, &mut |x| {
        if view_has(a, x)? {
            crate::types::set::add_key(result, x)?;
        }
        Ok(true)
    });
    if r.is_err() {
        decref(result);
        return ERR;
    }
    result
}

fn iterable(v: u64) -> bool {
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe { (*t).slots.iter.is_some() || (*t).slots.getitem.is_some() }
}

unsafe fn view_and(a: u64, b: u64) -> u64 {
    if !iterable(b) {
        return NOT_IMPLEMENTED;
    }
    views_and(a, b)
}
unsafe fn view_or(a: u64, b: u64) -> u64 {
    if !iterable(b) {
        return NOT_IMPLEMENTED;
    }
    views_or(a, b)
}
unsafe fn view_sub(a: u64, b: u64) -> u64 {
    if !iterable(b) {
        return NOT_IMPLEMENTED;
    }
    views_sub(a, b)
}
unsafe fn view_xor(a: u64, b: u64) -> u64 {
    if !iterable(b) {
        return NOT_IMPLEMENTED;
    }
    views_xor(a, b)
}
unsafe fn view_rand(v: u64, other: u64) -> u64 {
    if !iterable(other) {
        return NOT_IMPLEMENTED;
    }
    views_and(other, v)
}
unsafe fn view_ror(v: u64, other: u64) -> u64 {
    if !iterable(other) {
        return NOT_IMPLEMENTED;
    }
    views_or(other, v)
}
unsafe fn view_rsub(v: u64, other: u64) -> u64 {
    if !iterable(other) {
        return NOT_IMPLEMENTED;
    }
    views_sub(other, v)
}
unsafe fn view_rxor(v: u64, other: u64) -> u64 {
    if !iterable(other) {
        return NOT_IMPLEMENTED;
    }
    views_xor(other, v)
}

unsafe fn view_isdisjoint_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict_keys.isdisjoint", args, kw, 1, 1));
    let (v, other) = (args[0], args[1]);
    if v == other {
        return box_bool(dict_len(view_dict(v)) == 0);
    }
    let mut disjoint = true;
    // Iterate the smaller side when both sizes are known.
    let (probe, through) = if (crate::types::set::is_anyset(other) || is_view_set(other))
        && ok!(crate::protocols::item::len(other)) > dict_len(view_dict(v))
    {
        (other, v)
    } else {
        (v, other)
    };
    let r = crate::protocols::sequence::for_each(through, &mut |x| {
        let has = if probe == v { view_has(v, x)? } else { crate::protocols::item::contains(probe, x)? };
        if has {
            disjoint = false;
            return Ok(false);
        }
        Ok(true)
    });
    ok!(r);
    box_bool(disjoint)
}

// ---- iterators ------------------------------------------------------------------------------

unsafe fn iter_drop(p: *mut ObjHeader) {
    let o = p as *mut DictIterObject;
    let d = std::mem::replace(&mut (*o).dict, 0);
    decref_field(d);
}

unsafe fn iter_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let d = (*(p as *mut DictIterObject)).dict;
    if d != 0 {
        visit(d);
    }
}

fn dict_iter_of(dict: u64, id: TypeId) -> u64 {
    incref(dict);
    let n = dict_len(dict);
    // SAFETY: iterator types initialised.
    unsafe {
        from_ptr(new_object(
            tp(id),
            DictIterObject { header: header0(), dict, pos: 0, used: n, remaining: n },
        ))
    }
}

/// `iter(dict)`: the key iterator.
pub unsafe fn dict_iter_new(v: u64) -> u64 {
    dict_iter_of(v, TypeId::DictKeyIterator)
}

/// A reverse dict iterator of kind `id` (DictRev*Iterator).
pub fn dict_reviter_new(dict: u64, id: TypeId) -> u64 {
    let it = dict_iter_of(dict, id);
    // SAFETY: just created.
    unsafe { (*as_obj::<DictIterObject>(it)).pos = dict_entries_len(dict) };
    it
}

unsafe fn iter_next(it: u64) -> u64 {
    let o = as_obj::<DictIterObject>(it);
    let d = (*o).dict;
    if d == 0 {
        return UNBOUND;
    }
    if (*o).used != dict_len(d) {
        (*o).used = usize::MAX;
        return raise_runtime_error("dictionary changed size during iteration".to_string());
    }
    let id = layout_of(it);
    let reverse = matches!(id, TypeId::DictRevKeyIterator | TypeId::DictRevValueIterator | TypeId::DictRevItemIterator);
    let mut found = None;
    if reverse {
        let mut p = (*o).pos.min(dict_entries_len(d));
        while p > 0 {
            p -= 1;
            if let Some(e) = dict_entry_at(d, p) {
                found = Some(e);
                break;
            }
        }
        (*o).pos = p;
    } else {
        let n = dict_entries_len(d);
        let mut p = (*o).pos;
        while p < n {
            if let Some(e) = dict_entry_at(d, p) {
                found = Some(e);
                p += 1;
                break;
            }
            p += 1;
        }
        (*o).pos = p;
    }
    let e = match found {
        Some(e) => e,
        None => {
            (*o).dict = 0;
            decref(d);
            return UNBOUND;
        }
    };
    if (*o).remaining == 0 {
        (*o).dict = 0;
        decref(d);
        return raise_runtime_error("dictionary keys changed during iteration".to_string());
    }
    (*o).remaining -= 1;
    match id {
        TypeId::DictKeyIterator | TypeId::DictRevKeyIterator => newref(e.key),
        TypeId::DictValueIterator | TypeId::DictRevValueIterator => newref(e.value),
        _ => crate::types::tuple::tuple_from(&[e.key, e.value]),
    }
}

unsafe fn iter_length_hint(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__length_hint__", args, kw, 1, 1));
    let o = as_obj::<DictIterObject>(args[0]);
    let n = if (*o).dict != 0 && (*o).used == dict_len((*o).dict) { (*o).remaining } else { 0 };
    small_int(n as i64)
}
