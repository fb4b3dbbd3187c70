//! types/list.rs — `list`: mutable sequence of words.
//! Owner: containers engineer (methods, sort, slicing, comparison).
//! Core API: `list_new`, `list_items`, `list_vec`, `list_append`, `is_list`.
//!
//! Immediate-items flag (`OF_IMMEDIATE_ITEMS` in the header, specs/runtime-abi.md
//! §2): when set, no item is a heap pointer or METHOD word, so compiled
//! code overwrites an item without loading the old one to release it. The
//! invariant is kept by construction: only `mark_if_immediate` sets the flag
//! (on lists nobody else holds yet: `list_from`, which builds literals,
//! slices and copies, and repetitions), every path that
//! can change the items goes through `list_vec`, which clears it (and this
//! file is the only one that sees `ListObject`'s fields), and `list_append`
//! alone keeps it, for an immediate item. Compiled stores keep it for an
//! immediate value and clear it otherwise (lower-native fastpaths.ts).

use crate::errors::*;
use crate::object::*;
use crate::protocols::sequence::*;
use crate::types::builtin_func::*;
use crate::typeobj::*;
use crate::value::*;

#[repr(C)]
pub struct ListObject {
    pub header: ObjHeader,
    pub items: crate::cvec::CVec<u64>,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::List);
    (*t).basicsize = std::mem::size_of::<ListObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC;
    (*t).slots.drop = Some(list_drop);
    (*t).slots.traverse = Some(list_traverse);
    (*t).slots.clear = Some(list_clear);
    (*t).slots.len = Some(list_len_slot);
    (*t).tpflags |= TPFLAG_HASH_NONE;
    (*t).slots.repr = Some(list_repr);
    (*t).slots.richcmp = Some(list_richcmp);
    (*t).slots.getitem = Some(list_getitem);
    (*t).slots.setitem = Some(list_setitem);
    (*t).slots.contains = Some(list_contains);
    (*t).slots.iter = Some(crate::types::iterators::list_iter_new);
    (*t).slots.nb[BinOp::Add as usize] = Some(list_add);
    (*t).slots.nb[BinOp::Mul as usize] = Some(list_mul);
    (*t).slots.nb_r[BinOp::Mul as usize] = Some(list_rmul);
    (*t).slots.nb_i[BinOp::Add as usize] = Some(list_iadd);
    (*t).slots.nb_i[BinOp::Mul as usize] = Some(list_imul);
    (*t).slots.new = Some(list_tp_new);
    (*t).slots.init = Some(list_tp_init);
}

pub fn init_methods() {
    let t = tp(TypeId::List);
    add_method(t, "append", list_append_m);
    add_method(t, "extend", list_extend_m);
    add_method(t, "insert", list_insert_m);
    add_method(t, "pop", list_pop_m);
    add_method(t, "remove", list_remove_m);
    add_method(t, "index", list_index_m);
    add_method(t, "count", list_count_m);
    add_method(t, "sort", list_sort_m);
    add_method(t, "reverse", list_reverse_m);
    add_method(t, "copy", list_copy_m);
    add_method(t, "clear", list_clear_m);
    add_method(t, "__reversed__", list_reversed_m);
}

unsafe fn list_drop(p: *mut ObjHeader) {
    let o = p as *mut ListObject;
    if (*p).flags & OF_IMMEDIATE_ITEMS == 0 {
        for &v in (*o).items.iter() {
            decref(v);
        }
    }
    std::ptr::drop_in_place(&mut (*o).items);
}

unsafe fn list_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    if (*p).flags & OF_IMMEDIATE_ITEMS != 0 {
        return; // no item is a reference
    }
    for &v in (*(p as *mut ListObject)).items.iter() {
        visit(v);
    }
}

unsafe fn list_clear(p: *mut ObjHeader) {
    let items = (*(p as *mut ListObject)).items.take_vec();
    for v in items {
        decref(v);
    }
}

unsafe fn list_len_slot(v: u64) -> R<usize> {
    Ok(list_items(v).len())
}

#[inline]
pub fn is_list(v: u64) -> bool {
    has_layout(v, TypeId::List)
}

/// A list owning `items`.
pub fn list_new(items: Vec<u64>) -> u64 {
    // SAFETY: list type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::List), ListObject { header: header0(), items: items.into() })) }
}

/// The item vector of a list, for changing it (valid while the list
/// lives). Clears the immediate-items flag: the caller may store anything.
#[inline]
pub fn list_vec(v: u64) -> &'static mut crate::cvec::CVec<u64> {
    // SAFETY: caller passes a list; single-threaded runtime.
    unsafe {
        let o = as_obj::<ListObject>(v);
        (*o).header.flags &= !OF_IMMEDIATE_ITEMS;
        &mut (*o).items
    }
}

/// A snapshot view of the items (read-only; keeps the immediate-items flag).
#[inline]
pub fn list_items(v: u64) -> &'static [u64] {
    // SAFETY: caller passes a list; single-threaded runtime.
    unsafe { &(*as_obj::<ListObject>(v)).items }
}

/// A word that holds no reference: neither a heap pointer nor a METHOD word.
#[inline]
pub fn is_immediate_item(v: u64) -> bool {
    !is_ptr(v) && tag(v) != crate::abi_consts::TAG_METHOD
}

/// Whether the list carries the immediate-items flag.
#[inline]
pub fn has_immediate_items(l: u64) -> bool {
    // SAFETY: caller passes a list.
    unsafe { (*as_obj::<ListObject>(l)).header.flags & OF_IMMEDIATE_ITEMS != 0 }
}

/// Set the immediate-items flag of `l` when `immediate` (the caller has
/// checked every item). Only for a list that no one else holds yet.
fn mark_if_immediate(l: u64, immediate: bool) -> u64 {
    if immediate {
        // SAFETY: l is a live list.
        unsafe { (*as_obj::<ListObject>(l)).header.flags |= OF_IMMEDIATE_ITEMS };
    }
    l
}

/// Append a borrowed value (an immediate keeps the immediate-items flag).
pub fn list_append(l: u64, v: u64) {
    incref(v);
    let keep = has_immediate_items(l) && is_immediate_item(v);
    list_vec(l).push(v);
    mark_if_immediate(l, keep);
}

/// A list of type `t` (list or a subclass) owning `items`.
pub fn list_new_of(t: *mut TypeObject, items: Vec<u64>) -> u64 {
    // SAFETY: t has list layout.
    unsafe { from_ptr(new_object(t, ListObject { header: header0(), items: items.into() })) }
}

/// A list of borrowed items (increfs each; flagged when all are immediates).
pub fn list_from(items: &[u64]) -> u64 {
    let mut immediate = true;
    for &x in items {
        incref(x);
        immediate &= is_immediate_item(x);
    }
    mark_if_immediate(list_new(items.to_vec()), immediate)
}

// ---- repetition and concatenation helpers shared with tuple -------------------

static mut IN_REFLECTED: bool = false;

/// For `seq op other` where `other` is not a sequence the operator accepts:
/// give a user class's reflected operator a chance (CPython tries
/// `other.__rop__` before the sequence concat/repeat slots fail).
pub fn try_reflected(seq: u64, other: u64, op: BinOp) -> u64 {
    let to = type_of(other);
    // SAFETY: live types; IN_REFLECTED guards against ping-pong between
    // builtin sequence slots (single-threaded runtime).
    unsafe {
        if IN_REFLECTED || (*to).tpflags & TPFLAG_HEAPTYPE == 0 || to == type_of(seq) {
            return NOT_IMPLEMENTED;
        }
        if let Some(f) = (*to).slots.nb_r[op as usize] {
            IN_REFLECTED = true;
            let r = f(other, seq);
            IN_REFLECTED = false;
            return r;
        }
    }
    NOT_IMPLEMENTED
}

/// The repeat count of `seq * n` (None when n is not an int).
pub fn repeat_count(seq: u64, n: u64) -> R<Option<usize>> {
    let _ = seq;
    match as_index(n)? {
        None => Ok(None),
        Some((_, true)) if !crate::protocols::compare::lt_bool(n, small_int(0))? => Err(raise_p(
            Exc::OverflowError,
            format!("cannot fit '{}' into an index-sized integer", tname(n)),
        )),
        Some((i, _)) => Ok(Some(if i < 0 { 0 } else { i as usize })),
    }
}

/// Error (or a user `__rmul__` result) for `seq * non_int`.
pub fn seq_mul_error(seq: u64, n: u64) -> u64 {
    let r = try_reflected(seq, n, BinOp::Mul);
    if r != NOT_IMPLEMENTED {
        return r;
    }
    raise_type_error(format!("can't multiply sequence by non-int of type '{}'", tname(n)))
}

/// `items * count` as borrowed words (MemoryError for absurd sizes).
pub fn repeat_items(items: &[u64], count: usize) -> R<Vec<u64>> {
    let total = items.len().checked_mul(count);
    match total {
        Some(t) if t <= (isize::MAX as usize) / 8 => {
            let mut v = Vec::with_capacity(t);
            if items.len() == 1 {
                v.resize(t, items[0]);
            } else {
                for _ in 0..count {
                    v.extend_from_slice(items);
                }
            }
            Ok(v)
        }
        _ => {
            raise_noarg(Exc::MemoryError);
            Err(Pending)
        }
    }
}

// ---- slots ---------------------------------------------------------------------

unsafe fn list_repr(v: u64) -> u64 {
    if list_items(v).is_empty() {
        return crate::types::str::str_from("[]");
    }
    if !crate::protocols::repr::repr_enter(v) {
        return crate::types::str::str_from("[...]");
    }
    // Items may change under __repr__ callbacks: re-read each step.
    let mut out = String::from("[");
    let mut i = 0;
    let mut res = Ok(());
    while i < list_items(v).len() {
        if i > 0 {
            out.push_str(", ");
        }
        let x = list_items(v)[i];
        incref(x);
        let r = crate::protocols::repr::repr_string(x);
        decref(x);
        match r {
            Ok(s) => out.push_str(&s),
            Err(e) => {
                res = Err(e);
                break;
            }
        }
        i += 1;
    }
    crate::protocols::repr::repr_leave(v);
    ok!(res);
    out.push(']');
    crate::types::str::str_from_string(out)
}

unsafe fn list_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !is_list(b) {
        return NOT_IMPLEMENTED;
    }
    seq_richcmp(a, b, list_items, op)
}

unsafe fn list_getitem(v: u64, key: u64) -> u64 {
    let items = list_items(v);
    if is_int(key) {
        return match norm_index(int_val(key), items.len()) {
            Some(i) => newref(items[i]),
            None => raise_index_error("list index out of range".to_string()),
        };
    }
    if crate::types::slice::is_slice(key) {
        let s = ok!(slice_indices(key, items.len()));
        let items = list_items(v);
        return list_from(&slice_items(items, s));
    }
    match ok!(item_index(key)) {
        Some(i) => match norm_index(i, list_items(v).len()) {
            Some(i) => newref(list_items(v)[i]),
            None => raise_index_error("list index out of range".to_string()),
        },
        None => raise_type_error(format!("list indices must be integers or slices, not {}", tname(key))),
    }
}

unsafe fn list_setitem(v: u64, key: u64, value: u64) -> u64 {
    if is_int(key) {
        return list_set_index(v, int_val(key), value);
    }
    if crate::types::slice::is_slice(key) {
        return unit(list_set_slice(v, key, value));
    }
    match ok!(item_index(key)) {
        Some(i) => list_set_index(v, i, value),
        None => raise_type_error(format!("list indices must be integers or slices, not {}", tname(key))),
    }
}

fn list_set_index(v: u64, i: i64, value: u64) -> u64 {
    let items = list_vec(v);
    match norm_index(i, items.len()) {
        Some(i) => {
            if value == UNBOUND {
                let old = items.remove(i);
                decref(old);
            } else {
                incref(value);
                let old = std::mem::replace(&mut items[i], value);
                decref(old);
            }
            NONE
        }
        None => raise_index_error("list assignment index out of range".to_string()),
    }
}

/// Items for a slice assignment: a snapshot when `value` is the list itself.
fn assign_items(v: u64, value: u64, msg: &str) -> R<Vec<u64>> {
    if value == v {
        let items = list_items(v).to_vec();
        for &x in &items {
            incref(x);
        }
        return Ok(items);
    }
    let t = type_of(value);
    // SAFETY: t is live.
    unsafe {
        if (*t).slots.iter.is_none() && (*t).slots.getitem.is_none() {
            return Err(raise_type_error_p(msg.to_string()));
        }
    }
    match collect(value) {
        Ok(x) => Ok(x),
        Err(e) => {
            if pending_matches(Exc::TypeError) && !is_ptr(value) {
                clear_pending();
                return Err(raise_type_error_p(msg.to_string()));
            }
            Err(e)
        }
    }
}

fn list_set_slice(v: u64, key: u64, value: u64) -> R<()> {
    let len = list_items(v).len();
    let s = slice_indices(key, len)?;
    if value == UNBOUND {
        let items = list_vec(v);
        let removed: Vec<u64> = if s.step == 1 {
            items.drain(s.start as usize..s.start as usize + s.len).collect()
        } else {
            let mut pos: Vec<usize> = slice_positions(s).collect();
            pos.sort_unstable();
            let mut out = Vec::with_capacity(pos.len());
            let mut keep = Vec::with_capacity(items.len() - pos.len());
            let mut k = 0;
            for (i, &x) in items.iter().enumerate() {
                if k < pos.len() && pos[k] == i {
                    out.push(x);
                    k += 1;
                } else {
                    keep.push(x);
                }
            }
            *items = keep.into();
            out
        };
        decref_all(removed);
        return Ok(());
    }
    if s.step == 1 {
        let new = assign_items(v, value, "can only assign an iterable")?;
        // Re-resolve: collecting may have run code that changed the list.
        let len = list_items(v).len();
        let s = slice_indices(key, len)?;
        let lo = s.start.max(0) as usize;
        let hi = (s.stop.max(s.start).max(0) as usize).min(len);
        let removed: Vec<u64> = list_vec(v).splice(lo..hi, new).collect();
        decref_all(removed);
        return Ok(());
    }
    let new = assign_items(v, value, "must assign iterable to extended slice")?;
    let s = slice_indices(key, list_items(v).len())?;
    if new.len() != s.len {
        let n = new.len();
        decref_all(new);
        return Err(raise_value_error_p(format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            n, s.len
        )));
    }
    let items = list_vec(v);
    let mut old = Vec::with_capacity(new.len());
    for (p, x) in slice_positions(s).zip(new.into_iter()) {
        old.push(std::mem::replace(&mut items[p], x));
    }
    decref_all(old);
    Ok(())
}

unsafe fn list_contains(v: u64, x: u64) -> R<bool> {
    if is_int(x) {
        // Fast scan: ints are equal only to equal int words (or objects
        // defining __eq__, handled by the slow path below).
        let items = list_items(v);
        if items.iter().all(|&y| is_int(y)) {
            return Ok(items.contains(&x));
        }
    }
    seq_contains(v, list_items, x)
}

unsafe fn list_add(a: u64, b: u64) -> u64 {
    if !is_list(a) {
        return NOT_IMPLEMENTED;
    }
    if !is_list(b) {
        let r = try_reflected(a, b, BinOp::Add);
        if r != NOT_IMPLEMENTED {
            return r;
        }
        return raise_type_error(format!("can only concatenate list (not \"{}\") to list", tname(b)));
    }
    let (x, y) = (list_items(a), list_items(b));
    let mut v = Vec::with_capacity(x.len() + y.len());
    v.extend_from_slice(x);
    v.extend_from_slice(y);
    for &w in &v {
        incref(w);
    }
    list_new(v)
}

/// `seq * n` with the sequence on the left (`nb[Mul]`).
unsafe fn list_mul(a: u64, b: u64) -> u64 {
    list_mul_impl(a, b, true)
}

/// `n * seq` (`nb_r[Mul]`, called on the sequence).
unsafe fn list_rmul(a: u64, b: u64) -> u64 {
    list_mul_impl(a, b, false)
}

unsafe fn list_mul_impl(a: u64, b: u64, seq_left: bool) -> u64 {
    let (seq, n) = if is_list(a) { (a, b) } else { (b, a) };
    if !seq_left && is_list(n) {
        // `[1] * ListSub()` reached through the subclass's reflected slot:
        // the left operand reports the error (CPython names the right type).
        return NOT_IMPLEMENTED;
    }
    if seq_left && !is_list(n) {
        // `[7] * Rep()`: Rep.__rmul__ runs before repetition via __index__.
        let r = try_reflected(seq, n, BinOp::Mul);
        if r != NOT_IMPLEMENTED {
            return r;
        }
    }
    let count = match repeat_count(seq, n) {
        Ok(Some(c)) => c,
        Ok(None) => return seq_mul_error(seq, n),
        Err(_) => return ERR,
    };
    let src = list_items(seq);
    let immediate = src.iter().all(|&w| is_immediate_item(w));
    let v = ok!(repeat_items(src, count));
    if !immediate {
        for &w in &v {
            incref(w);
        }
    }
    mark_if_immediate(list_new(v), immediate)
}

unsafe fn list_iadd(a: u64, b: u64) -> u64 {
    ok!(list_extend(a, b));
    newref(a)
}

unsafe fn list_imul(a: u64, b: u64) -> u64 {
    let count = match repeat_count(a, b) {
        Ok(Some(c)) => c,
        Ok(None) => return seq_mul_error(a, b),
        Err(_) => return ERR,
    };
    if count == 0 {
        let old = list_vec(a).take_vec();
        decref_all(old);
    } else if count > 1 {
        let v = ok!(repeat_items(list_items(a), count - 1));
        for &w in &v {
            incref(w);
        }
        list_vec(a).extend(v);
    }
    newref(a)
}

unsafe fn list_tp_new(t: *mut TypeObject, _args: &[u64], _kw: u64) -> u64 {
    list_new_of(t, Vec::new())
}

unsafe fn list_tp_init(v: u64, args: &[u64], kw: u64) -> u64 {
    if type_of(v) == tp(TypeId::List) {
        ok!(no_kwargs("list", kw));
    }
    let np = args.len() - nkw(kw);
    if np > 1 {
        return raise_type_error(format!("list expected at most 1 argument, got {}", np));
    }
    let old = list_vec(v).take_vec();
    decref_all(old);
    if np == 1 {
        ok!(list_extend(v, args[0]));
    }
    NONE
}

/// `l.extend(iterable)` (also `l += iterable` and `[*a]`).
pub fn list_extend(l: u64, src: u64) -> R<()> {
    if is_list(src) || crate::types::tuple::is_tuple(src) {
        let items: &[u64] = if is_list(src) { list_items(src) } else { crate::types::tuple::tuple_items(src) };
        let snapshot = items.to_vec();
        for &x in &snapshot {
            incref(x);
        }
        list_vec(l).extend(snapshot);
        return Ok(());
    }
    let it = chk(crate::protocols::iter::iter(src))?;
    let hint = length_hint(src);
    list_vec(l).reserve(hint);
    loop {
        match next_opt(it) {
            Ok(Some(x)) => list_vec(l).push(x),
            Ok(None) => break,
            Err(e) => {
                decref(it);
                return Err(e);
            }
        }
    }
    decref(it);
    Ok(())
}

// ---- methods -------------------------------------------------------------------

unsafe fn list_append_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("list.append", args, kw, 1, 1));
    list_append(args[0], args[1]);
    NONE
}

unsafe fn list_extend_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("list.extend", args, kw, 1, 1));
    unit(list_extend(args[0], args[1]))
}

unsafe fn list_insert_m(args: &[u64], kw: u64) -> u64 {
    ok!(no_kwargs("insert", kw));
    if args.len() != 3 {
        return raise_type_error(format!("insert expected 2 arguments, got {}", args.len().saturating_sub(1)));
    }
    let i = ok!(index_arg(args[1]));
    let items = list_vec(args[0]);
    let n = items.len() as i64;
    let pos = if i < 0 { (i.saturating_add(n)).max(0) } else { i.min(n) };
    incref(args[2]);
    items.insert(pos as usize, args[2]);
    NONE
}

unsafe fn list_pop_m(args: &[u64], kw: u64) -> u64 {
    ok!(no_kwargs("pop", kw));
    if args.len() > 2 {
        return raise_type_error(format!("pop expected at most 1 argument, got {}", args.len() - 1));
    }
    let i = if args.len() == 2 { ok!(index_arg(args[1])) } else { -1 };
    let items = list_vec(args[0]);
    if items.is_empty() {
        return raise_index_error("pop from empty list".to_string());
    }
    match norm_index(i, items.len()) {
        Some(j) => items.remove(j),
        None => raise_index_error("pop index out of range".to_string()),
    }
}

unsafe fn list_remove_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("list.remove", args, kw, 1, 1));
    let l = args[0];
    match ok!(seq_find(l, list_items, args[1], 0, usize::MAX)) {
        Some(i) => {
            let items = list_vec(l);
            if i < items.len() {
                let old = items.remove(i);
                decref(old);
            }
            NONE
        }
        None => raise_value_error("list.remove(x): x not in list".to_string()),
    }
}

unsafe fn list_index_m(args: &[u64], kw: u64) -> u64 {
    ok!(no_kwargs("index", kw));
    if args.len() < 2 || args.len() > 4 {
        return raise_type_error(format!(
            "index expected {} {} argument{}, got {}",
            if args.len() < 2 { "at least" } else { "at most" },
            if args.len() < 2 { 1 } else { 3 },
            if args.len() < 2 { "" } else { "s" },
            args.len() - 1
        ));
    }
    let (a, b) = ok!(index_range(&args[2..], list_items(args[0]).len()));
    match ok!(seq_find(args[0], list_items, args[1], a, b)) {
        Some(i) => small_int(i as i64),
        None => {
            let r = ok!(crate::protocols::repr::repr_string(args[1]));
            raise_value_error(format!("{} is not in list", r))
        }
    }
}

unsafe fn list_count_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("list.count", args, kw, 1, 1));
    small_int(ok!(seq_count(args[0], list_items, args[1])) as i64)
}

unsafe fn list_reverse_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("list.reverse", args, kw, 0, 0));
    list_vec(args[0]).reverse();
    NONE
}

unsafe fn list_copy_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("list.copy", args, kw, 0, 0));
    list_from(list_items(args[0]))
}

unsafe fn list_clear_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("list.clear", args, kw, 0, 0));
    let old = list_vec(args[0]).take_vec();
    decref_all(old);
    NONE
}

unsafe fn list_reversed_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__reversed__", args, kw, 1, 1));
    crate::types::iterators::list_reviter_new(args[0])
}

unsafe fn list_sort_m(args: &[u64], kw: u64) -> u64 {
    let nk = nkw(kw);
    if args.len() - nk > 1 {
        return raise_type_error("sort() takes no positional arguments".to_string());
    }
    let mut key = NONE;
    let mut reverse = FALSE;
    if nk > 0 {
        let names = crate::types::tuple::tuple_items(kw);
        for (i, &n) in names.iter().enumerate() {
            let v = args[args.len() - nk + i];
            match crate::types::str::str_as(n) {
                "key" => key = v,
                "reverse" => reverse = v,
                other => {
                    return raise_type_error(format!("'{}' is an invalid keyword argument for sort()", other))
                }
            }
        }
    }
    let rev = ok!(sort_reverse_flag(reverse));
    unit(list_sort(args[0], key, rev))
}

/// `reverse=` must be an int-like (CPython converts it with `int()`).
pub fn sort_reverse_flag(v: u64) -> R<bool> {
    if is_bool(v) {
        return Ok(v == TRUE);
    }
    if is_float(v) {
        return Err(raise_type_error_p("'float' object cannot be interpreted as an integer".to_string()));
    }
    match as_index(v)? {
        Some((i, _)) => Ok(i != 0),
        None => Err(raise_type_error_p(format!("'{}' object cannot be interpreted as an integer", tname(v)))),
    }
}

/// `l.sort(key=key, reverse=reverse)` (key NONE = identity).
pub fn list_sort(l: u64, key: u64, reverse: bool) -> R<()> {
    let saved = list_vec(l).take_vec();
    let n = saved.len();
    // (key, value) records; key == value without a key function.
    let mut recs: Vec<(u64, u64)> = Vec::with_capacity(n);
    let mut result: R<()> = Ok(());
    if key != NONE {
        for &x in &saved {
            let k = crate::protocols::call::call_function(key, &[x], 0);
            if k == ERR {
                result = Err(Pending);
                break;
            }
            recs.push((k, x));
        }
        if result.is_err() {
            for (k, _) in recs {
                decref(k);
            }
            restore_after_sort(l, saved);
            return result;
        }
    } else {
        recs.extend(saved.iter().map(|&x| (x, x)));
    }
    if reverse {
        recs.reverse();
    }
    result = sort_records(&mut recs);
    let modified = !list_vec(l).is_empty() || list_vec(l).capacity() != 0;
    if result.is_ok() && modified {
        result = Err(raise_value_error_p("list modified during sort".to_string()));
    }
    if reverse {
        recs.reverse();
    }
    let out: Vec<u64> = recs.iter().map(|r| r.1).collect();
    if key != NONE {
        for (k, _) in recs {
            decref(k);
        }
    }
    restore_after_sort(l, out);
    result
}

fn restore_after_sort(l: u64, items: Vec<u64>) {
    let during = std::mem::replace(list_vec(l), items.into()).into_vec();
    decref_all(during);
}

/// Sort records by key with `<` (stable; CPython's comparison sequence
/// for short lists: count_run + binary insertion).
pub fn sort_records(v: &mut [(u64, u64)]) -> R<()> {
    if v.len() < 2 {
        return Ok(());
    }
    let keys = || v.iter().map(|r| r.0);
    if keys().all(is_int) {
        return timsort(v, &mut |a, b| Ok(int_val(a) < int_val(b)));
    }
    if keys().all(is_float) {
        return timsort(v, &mut |a, b| Ok(float_val(a) < float_val(b)));
    }
    let str_t = tp(TypeId::Str);
    if keys().all(|k| is_ptr(k) && type_of(k) == str_t) {
        return timsort(v, &mut |a, b| {
            Ok(crate::types::str::str_as(a) < crate::types::str::str_as(b))
        });
    }
    timsort(v, &mut |a, b| crate::protocols::compare::lt_bool(a, b))
}

type LtFn<'a> = dyn FnMut(u64, u64) -> R<bool> + 'a;

fn minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// Length of the run at the start of `v` and whether it is strictly descending.
fn count_run(v: &[(u64, u64)], lt: &mut LtFn) -> R<(usize, bool)> {
    if v.len() == 1 {
        return Ok((1, false));
    }
    let mut n = 2;
    if lt(v[1].0, v[0].0)? {
        while n < v.len() && lt(v[n].0, v[n - 1].0)? {
            n += 1;
        }
        Ok((n, true))
    } else {
        while n < v.len() && !lt(v[n].0, v[n - 1].0)? {
            n += 1;
        }
        Ok((n, false))
    }
}

/// Binary insertion sort of v where v[..start] is already sorted.
fn binarysort(v: &mut [(u64, u64)], mut start: usize, lt: &mut LtFn) -> R<()> {
    if start == 0 {
        start = 1;
    }
    while start < v.len() {
        let pivot = v[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(pivot.0, v[p].0)? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        let mut p = start;
        while p > l {
            v[p] = v[p - 1];
            p -= 1;
        }
        v[l] = pivot;
        start += 1;
    }
    Ok(())
}

/// Stable merge of v[..mid] and v[mid..]; on error v stays a permutation.
fn merge(v: &mut [(u64, u64)], mid: usize, lt: &mut LtFn) -> R<()> {
    let left: Vec<(u64, u64)> = v[..mid].to_vec();
    let (mut i, mut j, mut k) = (0, mid, 0);
    let mut res = Ok(());
    while i < left.len() && j < v.len() {
        match lt(v[j].0, left[i].0) {
            Ok(true) => {
                v[k] = v[j];
                j += 1;
            }
            Ok(false) => {
                v[k] = left[i];
                i += 1;
            }
            Err(e) => {
                res = Err(e);
                break;
            }
        }
        k += 1;
    }
    let rest = left.len() - i;
    v[k..k + rest].copy_from_slice(&left[i..]);
    res
}

fn timsort(v: &mut [(u64, u64)], lt: &mut LtFn) -> R<()> {
    let n = v.len();
    let minrun = minrun(n);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut lo = 0;
    while lo < n {
        let (mut len, desc) = count_run(&v[lo..], lt)?;
        if desc {
            v[lo..lo + len].reverse();
        }
        if len < minrun {
            let force = minrun.min(n - lo);
            binarysort(&mut v[lo..lo + force], len, lt)?;
            len = force;
        }
        runs.push((lo, len));
        // Keep run lengths decreasing like a Fibonacci sequence.
        while runs.len() > 1 {
            let mut m = runs.len() - 2;
            let l = |k: usize, runs: &Vec<(usize, usize)>| runs[k].1;
            if (m > 0 && l(m - 1, &runs) <= l(m, &runs) + l(m + 1, &runs))
                || (m > 1 && l(m - 2, &runs) <= l(m - 1, &runs) + l(m, &runs))
            {
                if l(m - 1, &runs) < l(m + 1, &runs) {
                    m -= 1;
                }
            } else if l(m, &runs) > l(m + 1, &runs) {
                break;
            }
            merge_at(v, &mut runs, m, lt)?;
        }
        lo += len;
    }
    while runs.len() > 1 {
        let m = runs.len() - 2;
        merge_at(v, &mut runs, m, lt)?;
    }
    Ok(())
}

fn merge_at(v: &mut [(u64, u64)], runs: &mut Vec<(usize, usize)>, m: usize, lt: &mut LtFn) -> R<()> {
    let (a, la) = runs[m];
    let (_, lb) = runs[m + 1];
    runs[m] = (a, la + lb);
    runs.remove(m + 1);
    merge(&mut v[a..a + la + lb], la, lt)
}

// ---- op exports ------------------------------------------------------------------

/// `molt_list_new(argv, n)`: a list of the operands.
#[no_mangle]
pub unsafe extern "C" fn molt_list_new(argv: *const u64, n: usize) -> u64 {
    crate::gc::maybe_collect(); // safe point: compiled code owns every live value
    if n == 0 {
        return mark_if_immediate(list_new(Vec::new()), true);
    }
    list_from(std::slice::from_raw_parts(argv, n as usize))
}

#[no_mangle]
pub extern "C" fn molt_list_append(l: u64, v: u64) -> u64 {
    if is_list(l) {
        list_append(l, v);
        return NONE;
    }
    crate::protocols::call::call_method_str(l, "append", &[v])
}

#[no_mangle]
pub extern "C" fn molt_list_extend(l: u64, src: u64) -> u64 {
    match list_extend(l, src) {
        Ok(()) => NONE,
        Err(_) => {
            // `[*x]` with a non-iterable: CPython's message names the value.
            if pending_matches(Exc::TypeError) {
                let t = type_of(src);
                // SAFETY: t is live.
                if unsafe { (*t).slots.iter.is_none() && (*t).slots.getitem.is_none() } {
                    clear_pending();
                    return raise_type_error(format!("Value after * must be an iterable, not {}", tname(src)));
                }
            }
            ERR
        }
    }
}

#[no_mangle]
pub extern "C" fn molt_list_to_tuple(l: u64) -> u64 {
    crate::types::tuple::tuple_from(list_items(l))
}

/// Offsets of the item pointer and the length of a list's `items` (a
/// `#[repr(C)]` `CVec {ptr, len, cap}`: the same on every rustc; checked by
/// `tests::layout`).
/// Compiled code indexes exact lists inline with them (lower-native's
/// `layout.ts` mirrors the numbers).
pub const LIST_ITEMS_PTR_OFFSET: usize = std::mem::size_of::<ObjHeader>() + crate::cvec::CVEC_PTR_OFFSET;
pub const LIST_LEN_OFFSET: usize = std::mem::size_of::<ObjHeader>() + crate::cvec::CVEC_LEN_OFFSET;
