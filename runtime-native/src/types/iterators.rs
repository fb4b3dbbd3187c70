//! types/iterators.rs — iterator types over the builtin containers
//! (`list_iterator`, `list_reverseiterator`, `tuple_iterator`,
//! `range_iterator`) and the lazy builtins `enumerate`, `zip` (with
//! `strict=`), `map`, `filter` and `reversed`.
//! Owner: containers engineer.
//! Neighbours: protocols/iter.rs (`iter`/`next`, `iterator` and
//! `callable_iterator`), types/set.rs (set_iterator), types/dictviews.rs
//! (dict iterators).

use crate::errors::*;
use crate::object::*;
use crate::protocols::iter::iter;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::value::*;

/// list_iterator, list_reverseiterator, tuple_iterator and reversed share it.
#[repr(C)]
pub struct IndexIter {
    pub header: ObjHeader,
    /// The sequence (owned) or 0 once exhausted.
    pub seq: u64,
    pub index: i64,
}

#[repr(C)]
pub struct RangeIter {
    pub header: ObjHeader,
    pub next: i128,
    pub step: i128,
    pub remaining: u128,
}

#[repr(C)]
pub struct EnumerateObject {
    pub header: ObjHeader,
    pub it: u64,
    /// The next count as a word (an int), owned.
    pub count: u64,
}

#[repr(C)]
pub struct ZipObject {
    pub header: ObjHeader,
    pub iters: Vec<u64>,
    pub strict: bool,
}

#[repr(C)]
pub struct MapObject {
    pub header: ObjHeader,
    pub func: u64,
    pub iters: Vec<u64>,
}

#[repr(C)]
pub struct FilterObject {
    pub header: ObjHeader,
    pub func: u64,
    pub it: u64,
}

/// The next item: UNBOUND when exhausted (a StopIteration raised by a
/// `__next__` counts as exhaustion), or ERR.
#[inline]
pub fn next(it: u64) -> u64 {
    let x = crate::protocols::iter::next(it);
    if x == ERR && pending_matches(Exc::StopIteration) {
        clear_pending();
        return UNBOUND;
    }
    x
}

unsafe fn self_iter(v: u64) -> u64 {
    newref(v)
}

pub unsafe fn init_slots() {
    for id in [TypeId::ListIterator, TypeId::ListRevIterator, TypeId::TupleIterator, TypeId::Reversed] {
        let t = tp(id);
        (*t).basicsize = std::mem::size_of::<IndexIter>() as u32;
        (*t).tpflags = TPFLAG_HAVE_GC;
        (*t).slots.drop = Some(idx_drop);
        (*t).slots.traverse = Some(idx_traverse);
        (*t).slots.clear = Some(idx_drop);
        (*t).slots.iter = Some(self_iter);
    }
    (*tp(TypeId::ListIterator)).slots.next = Some(list_iter_next);
    (*tp(TypeId::ListRevIterator)).slots.next = Some(list_reviter_next);
    (*tp(TypeId::TupleIterator)).slots.next = Some(tuple_iter_next);
    let t = tp(TypeId::Reversed);
    (*t).slots.next = Some(reversed_next);
    (*t).slots.new = Some(reversed_tp_new);
    (*t).tpflags |= TPFLAG_BASETYPE;

    let t = tp(TypeId::RangeIterator);
    (*t).basicsize = std::mem::size_of::<RangeIter>() as u32;
    (*t).slots.iter = Some(self_iter);
    (*t).slots.next = Some(range_iter_next);

    let t = tp(TypeId::Enumerate);
    (*t).basicsize = std::mem::size_of::<EnumerateObject>() as u32;
    (*t).tpflags = TPFLAG_HAVE_GC | TPFLAG_BASETYPE;
    (*t).slots.drop = Some(enum_drop);
    (*t).slots.clear = Some(enum_drop);
    (*t).slots.traverse = Some(enum_traverse);
    (*t).slots.iter = Some(self_iter);
    (*t).slots.next = Some(enum_next);
    (*t).slots.new = Some(enum_tp_new);

    let t = tp(TypeId::Zip);
    (*t).basicsize = std::mem::size_of::<ZipObject>() as u32;
    (*t).tpflags = TPFLAG_HAVE_GC | TPFLAG_BASETYPE;
    (*t).slots.drop = Some(zip_drop);
    (*t).slots.clear = Some(zip_clear);
    (*t).slots.traverse = Some(zip_traverse);
    (*t).slots.iter = Some(self_iter);
    (*t).slots.next = Some(zip_next);
    (*t).slots.new = Some(zip_tp_new);

    let t = tp(TypeId::Map);
    (*t).basicsize = std::mem::size_of::<MapObject>() as u32;
    (*t).tpflags = TPFLAG_HAVE_GC | TPFLAG_BASETYPE;
    (*t).slots.drop = Some(map_drop);
    (*t).slots.clear = Some(map_clear);
    (*t).slots.traverse = Some(map_traverse);
    (*t).slots.iter = Some(self_iter);
    (*t).slots.next = Some(map_next);
    (*t).slots.new = Some(map_tp_new);

    let t = tp(TypeId::Filter);
    (*t).basicsize = std::mem::size_of::<FilterObject>() as u32;
    (*t).tpflags = TPFLAG_HAVE_GC | TPFLAG_BASETYPE;
    (*t).slots.drop = Some(filter_drop);
    (*t).slots.clear = Some(filter_drop);
    (*t).slots.traverse = Some(filter_traverse);
    (*t).slots.iter = Some(self_iter);
    (*t).slots.next = Some(filter_next);
    (*t).slots.new = Some(filter_tp_new);
}

pub fn init_methods() {
    for id in [TypeId::ListIterator, TypeId::ListRevIterator, TypeId::TupleIterator, TypeId::Reversed] {
        add_method(tp(id), "__length_hint__", idx_length_hint);
    }
    add_method(tp(TypeId::RangeIterator), "__length_hint__", range_length_hint);
}

// ---- index iterators ---------------------------------------------------------------

unsafe fn idx_drop(p: *mut ObjHeader) {
    let o = p as *mut IndexIter;
    let s = std::mem::replace(&mut (*o).seq, 0);
    decref_field(s);
}

unsafe fn idx_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let s = (*(p as *mut IndexIter)).seq;
    if s != 0 {
        visit(s);
    }
}

fn idx_new(id: TypeId, seq: u64, index: i64) -> u64 {
    incref(seq);
    // SAFETY: type initialised.
    unsafe { from_ptr(new_object(tp(id), IndexIter { header: header0(), seq, index })) }
}

/// `iter(list)`.
pub unsafe fn list_iter_new(v: u64) -> u64 {
    idx_new(TypeId::ListIterator, v, 0)
}

/// `reversed(list)`.
pub unsafe fn list_reviter_new(v: u64) -> u64 {
    let n = crate::types::list::list_items(v).len() as i64;
    idx_new(TypeId::ListRevIterator, v, n - 1)
}

/// `iter(tuple)`.
pub unsafe fn tuple_iter_new(v: u64) -> u64 {
    idx_new(TypeId::TupleIterator, v, 0)
}

#[inline]
unsafe fn exhaust(o: *mut IndexIter) -> u64 {
    let s = std::mem::replace(&mut (*o).seq, 0);
    decref_field(s);
    UNBOUND
}

unsafe fn list_iter_next(it: u64) -> u64 {
    let o = as_obj::<IndexIter>(it);
    if (*o).seq == 0 {
        return UNBOUND;
    }
    let items = crate::types::list::list_items((*o).seq);
    let i = (*o).index as usize;
    if i < items.len() {
        (*o).index += 1;
        return newref(items[i]);
    }
    exhaust(o)
}

unsafe fn list_reviter_next(it: u64) -> u64 {
    let o = as_obj::<IndexIter>(it);
    if (*o).seq == 0 {
        return UNBOUND;
    }
    let items = crate::types::list::list_items((*o).seq);
    let i = (*o).index;
    if i >= 0 && (i as usize) < items.len() {
        (*o).index -= 1;
        return newref(items[i as usize]);
    }
    exhaust(o)
}

unsafe fn tuple_iter_next(it: u64) -> u64 {
    let o = as_obj::<IndexIter>(it);
    if (*o).seq == 0 {
        return UNBOUND;
    }
    let items = crate::types::tuple::tuple_items((*o).seq);
    let i = (*o).index as usize;
    if i < items.len() {
        (*o).index += 1;
        return newref(items[i]);
    }
    exhaust(o)
}

unsafe fn reversed_next(it: u64) -> u64 {
    let o = as_obj::<IndexIter>(it);
    if (*o).seq == 0 || (*o).index < 0 {
        return exhaust(o);
    }
    let r = crate::protocols::item::getitem((*o).seq, small_int((*o).index));
    if r == ERR {
        if pending_matches(Exc::IndexError) || pending_matches(Exc::StopIteration) {
            clear_pending();
            return exhaust(o);
        }
        return ERR;
    }
    (*o).index -= 1;
    r
}

unsafe fn idx_length_hint(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__length_hint__", args, kw, 1, 1));
    let o = as_obj::<IndexIter>(args[0]);
    if (*o).seq == 0 {
        return small_int(0);
    }
    let t = type_of(args[0]);
    let n = if t == tp(TypeId::ListIterator) {
        crate::types::list::list_items((*o).seq).len() as i64 - (*o).index
    } else if t == tp(TypeId::TupleIterator) {
        crate::types::tuple::tuple_items((*o).seq).len() as i64 - (*o).index
    } else {
        (*o).index + 1
    };
    small_int(n.max(0))
}

/// `reversed(seq)`.
unsafe fn reversed_tp_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    if t == tp(TypeId::Reversed) {
        ok!(no_kwargs("reversed", kw));
    }
    if args.len() != 1 {
        return raise_type_error(format!("reversed expected 1 argument, got {}", args.len()));
    }
    reversed_of(args[0])
}

/// `reversed(seq)`: `__reversed__`, else the sequence protocol.
pub fn reversed_of(seq: u64) -> u64 {
    if crate::types::list::is_list(seq) && type_of(seq) == tp(TypeId::List) {
        // SAFETY: seq is a list.
        return unsafe { list_reviter_new(seq) };
    }
    let t = type_of(seq);
    if let Some(r) = lookup_str(t, "__reversed__") {
        if r == NONE {
            return raise_type_error(format!("'{}' object is not reversible", tname(seq)));
        }
        return crate::protocols::call::call_method_str(seq, "__reversed__", &[]);
    }
    // SAFETY: t is live.
    let seq_like =
        unsafe { (*t).slots.getitem.is_some() && (*t).slots.len.is_some() } && !crate::types::dict::is_dict(seq);
    if !seq_like {
        return raise_type_error(format!("'{}' object is not reversible", tname(seq)));
    }
    let n = ok!(crate::protocols::item::len(seq)) as i64;
    idx_new(TypeId::Reversed, seq, n - 1)
}

// ---- range iterator -------------------------------------------------------------------

/// A range iterator from start with step producing `count` items.
pub fn range_iter_new(start: i128, step: i128, count: u128) -> u64 {
    // SAFETY: type initialised.
    unsafe {
        from_ptr(new_object(
            tp(TypeId::RangeIterator),
            RangeIter { header: header0(), next: start, step, remaining: count },
        ))
    }
}

/// An int word for any i128.
pub fn int_from_i128(x: i128) -> u64 {
    if x >= INT_MIN as i128 && x <= INT_MAX as i128 {
        small_int(x as i64)
    } else {
        crate::types::bigint::bigint_from_i128(x)
    }
}

unsafe fn range_iter_next(it: u64) -> u64 {
    let o = as_obj::<RangeIter>(it);
    if (*o).remaining == 0 {
        return UNBOUND;
    }
    let v = (*o).next;
    (*o).remaining -= 1;
    if (*o).remaining > 0 {
        (*o).next = v + (*o).step;
    }
    int_from_i128(v)
}

unsafe fn range_length_hint(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__length_hint__", args, kw, 1, 1));
    int_from_i128((*as_obj::<RangeIter>(args[0])).remaining as i128)
}

// ---- enumerate --------------------------------------------------------------------------

unsafe fn enum_drop(p: *mut ObjHeader) {
    let o = p as *mut EnumerateObject;
    let it = std::mem::replace(&mut (*o).it, 0);
    let c = std::mem::replace(&mut (*o).count, 0);
    decref_field(it);
    decref_field(c);
}

unsafe fn enum_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let o = p as *mut EnumerateObject;
    if (*o).it != 0 {
        visit((*o).it);
    }
    if (*o).count != 0 {
        visit((*o).count);
    }
}

unsafe fn enum_tp_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let a = ok!(parse_args("enumerate", args, kw, &["iterable", "start"], 2));
    if a[0] == UNBOUND {
        return raise_type_error("enumerate() missing required argument 'iterable'".to_string());
    }
    let start = if a[1] == UNBOUND {
        small_int(0)
    } else if is_int(a[1]) || crate::types::int::is_int_like(a[1]) && !is_bool(a[1]) {
        newref(a[1])
    } else {
        match ok!(crate::protocols::sequence::as_index(a[1])) {
            Some(_) => tri!(crate::protocols::number::index(a[1])),
            None => {
                return raise_type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    tname(a[1])
                ))
            }
        }
    };
    let start = if is_bool(start) { small_int((start & 1) as i64) } else { start };
    let it = iter(a[0]);
    if it == ERR {
        decref(start);
        return ERR;
    }
    from_ptr(new_object(t, EnumerateObject { header: header0(), it, count: start }))
}

unsafe fn enum_next(v: u64) -> u64 {
    let o = as_obj::<EnumerateObject>(v);
    if (*o).it == 0 {
        return UNBOUND;
    }
    let x = next((*o).it);
    if x == UNBOUND || x == ERR {
        return x;
    }
    let c = (*o).count;
    let nc = if is_int(c) && int_val(c) < INT_MAX {
        small_int(int_val(c) + 1)
    } else {
        let r = crate::protocols::number::binary_op(c, small_int(1), BinOp::Add);
        if r == ERR {
            decref(x);
            return ERR;
        }
        r
    };
    (*o).count = nc;
    crate::types::tuple::tuple_new(vec![c, x])
}

// ---- zip ----------------------------------------------------------------------------------

unsafe fn zip_drop(p: *mut ObjHeader) {
    zip_clear(p);
    std::ptr::drop_in_place(&mut (*(p as *mut ZipObject)).iters);
}

unsafe fn zip_clear(p: *mut ObjHeader) {
    let its = std::mem::take(&mut (*(p as *mut ZipObject)).iters);
    crate::protocols::sequence::decref_all(its);
}

unsafe fn zip_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    for &it in (*(p as *mut ZipObject)).iters.iter() {
        visit(it);
    }
}

unsafe fn zip_tp_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let nk = nkw(kw);
    let np = args.len() - nk;
    let mut strict = false;
    if nk > 0 {
        let names = crate::types::tuple::tuple_items(kw);
        for (i, &n) in names.iter().enumerate() {
            let s = crate::types::str::str_as(n);
            if s != "strict" {
                return raise_type_error(format!("zip() got an unexpected keyword argument '{}'", s));
            }
            strict = ok!(crate::protocols::truth::truthy(args[np + i]));
        }
    }
    let mut iters = Vec::with_capacity(np);
    for &a in &args[..np] {
        let it = iter(a);
        if it == ERR {
            crate::protocols::sequence::decref_all(iters);
            return ERR;
        }
        iters.push(it);
    }
    from_ptr(new_object(t, ZipObject { header: header0(), iters, strict }))
}

unsafe fn zip_next(v: u64) -> u64 {
    let o = as_obj::<ZipObject>(v);
    let n = (*o).iters.len();
    if n == 0 {
        return UNBOUND;
    }
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        let x = next((&(*o).iters)[i]);
        if x == UNBOUND || x == ERR {
            crate::protocols::sequence::decref_all(items);
            if x == ERR && !pending_matches(Exc::StopIteration) {
                return ERR;
            }
            if x == ERR {
                clear_pending();
            }
            if !(*o).strict {
                return UNBOUND;
            }
            return zip_strict_check(o, i);
        }
        items.push(x);
    }
    crate::types::tuple::tuple_new(items)
}

unsafe fn zip_strict_check(o: *mut ZipObject, i: usize) -> u64 {
    let plural = |i: usize| if i == 1 { " ".to_string() } else { "s 1-".to_string() };
    if i > 0 {
        return raise_value_error(format!(
            "zip() argument {} is shorter than argument{}{}",
            i + 1,
            plural(i),
            i
        ));
    }
    for k in 1..(*o).iters.len() {
        let x = next((&(*o).iters)[k]);
        if x == ERR {
            if !pending_matches(Exc::StopIteration) {
                return ERR;
            }
            clear_pending();
        } else if x != UNBOUND {
            decref(x);
            return raise_value_error(format!(
                "zip() argument {} is longer than argument{}{}",
                k + 1,
                plural(k),
                k
            ));
        }
    }
    UNBOUND
}

// ---- map ------------------------------------------------------------------------------------

unsafe fn map_drop(p: *mut ObjHeader) {
    map_clear(p);
    std::ptr::drop_in_place(&mut (*(p as *mut MapObject)).iters);
}

unsafe fn map_clear(p: *mut ObjHeader) {
    let o = p as *mut MapObject;
    let its = std::mem::take(&mut (*o).iters);
    let f = std::mem::replace(&mut (*o).func, 0);
    decref_field(f);
    crate::protocols::sequence::decref_all(its);
}

unsafe fn map_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let o = p as *mut MapObject;
    if (*o).func != 0 {
        visit((*o).func);
    }
    for &it in (*o).iters.iter() {
        visit(it);
    }
}

unsafe fn map_tp_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    if t == tp(TypeId::Map) {
        ok!(no_kwargs("map", kw));
    }
    if args.len() < 2 {
        return raise_type_error("map() must have at least two arguments.".to_string());
    }
    let mut iters = Vec::with_capacity(args.len() - 1);
    for &a in &args[1..] {
        let it = iter(a);
        if it == ERR {
            crate::protocols::sequence::decref_all(iters);
            return ERR;
        }
        iters.push(it);
    }
    incref(args[0]);
    from_ptr(new_object(t, MapObject { header: header0(), func: args[0], iters }))
}

unsafe fn map_next(v: u64) -> u64 {
    let o = as_obj::<MapObject>(v);
    let n = (*o).iters.len();
    if n == 0 {
        return UNBOUND;
    }
    let mut buf: [u64; 4] = [0; 4];
    let mut heap: Vec<u64> = Vec::new();
    for i in 0..n {
        let x = next((&(*o).iters)[i]);
        if x == UNBOUND || x == ERR {
            for &y in buf[..i.min(4)].iter().chain(heap.iter()) {
                decref(y);
            }
            return x;
        }
        if n <= 4 {
            buf[i] = x;
        } else {
            heap.push(x);
        }
    }
    let args: &[u64] = if n <= 4 { &buf[..n] } else { &heap };
    let r = crate::protocols::call::call_function((*o).func, args, 0);
    for &y in args {
        decref(y);
    }
    r
}

// ---- filter ------------------------------------------------------------------------------------

unsafe fn filter_drop(p: *mut ObjHeader) {
    let o = p as *mut FilterObject;
    let f = std::mem::replace(&mut (*o).func, 0);
    let it = std::mem::replace(&mut (*o).it, 0);
    decref_field(f);
    decref_field(it);
}

unsafe fn filter_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let o = p as *mut FilterObject;
    if (*o).func != 0 {
        visit((*o).func);
    }
    if (*o).it != 0 {
        visit((*o).it);
    }
}

unsafe fn filter_tp_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    if t == tp(TypeId::Filter) {
        ok!(no_kwargs("filter", kw));
    }
    if args.len() != 2 {
        return raise_type_error(format!("filter expected 2 arguments, got {}", args.len()));
    }
    let it = tri!(iter(args[1]));
    incref(args[0]);
    from_ptr(new_object(t, FilterObject { header: header0(), func: args[0], it }))
}

unsafe fn filter_next(v: u64) -> u64 {
    let o = as_obj::<FilterObject>(v);
    if (*o).it == 0 {
        return UNBOUND;
    }
    loop {
        let x = next((*o).it);
        if x == UNBOUND || x == ERR {
            return x;
        }
        let keep = if (*o).func == NONE || (*o).func == tpw(TypeId::Bool) {
            crate::protocols::truth::truthy(x)
        } else {
            let r = crate::protocols::call::call_function((*o).func, &[x], 0);
            if r == ERR {
                decref(x);
                return ERR;
            }
            let t = crate::protocols::truth::truthy(r);
            decref(r);
            t
        };
        match keep {
            Ok(true) => return x,
            Ok(false) => decref(x),
            Err(_) => {
                decref(x);
                return ERR;
            }
        }
    }
}
