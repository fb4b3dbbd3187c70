//! types/tuple.rs — `tuple`: immutable sequence of words.
//! Owner: containers engineer (methods, comparison, hashing, slicing).
//! Core API: `tuple_new`, `tuple_from`, `tuple_items`, `is_tuple`, `empty_tuple`.

use crate::errors::R;
use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

#[repr(C)]
pub struct TupleObject {
    pub header: ObjHeader,
    pub items: Box<[u64]>,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Tuple);
    (*t).basicsize = std::mem::size_of::<TupleObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC;
    (*t).slots.drop = Some(tuple_drop);
    (*t).slots.traverse = Some(tuple_traverse);
    (*t).slots.clear = Some(tuple_clear);
    (*t).slots.len = Some(tuple_len_slot);
    (*t).slots.hash = Some(tuple_hash);
    (*t).slots.repr = Some(tuple_repr);
    (*t).slots.richcmp = Some(tuple_richcmp);
    (*t).slots.getitem = Some(tuple_getitem);
    (*t).slots.contains = Some(tuple_contains);
    (*t).slots.iter = Some(crate::types::iterators::tuple_iter_new);
    (*t).slots.nb[BinOp::Add as usize] = Some(tuple_add);
    (*t).slots.nb[BinOp::Mul as usize] = Some(tuple_mul);
    (*t).slots.nb_r[BinOp::Mul as usize] = Some(tuple_rmul);
    (*t).slots.new = Some(tuple_tp_new);
}

pub fn init_methods() {
    let t = tp(TypeId::Tuple);
    crate::types::builtin_func::add_method(t, "count", tuple_count_m);
    crate::types::builtin_func::add_method(t, "index", tuple_index_m);
    crate::types::builtin_func::add_method(t, "__getnewargs__", tuple_getnewargs);
}

unsafe fn tuple_drop(p: *mut ObjHeader) {
    let o = p as *mut TupleObject;
    for &v in (*o).items.iter() {
        decref(v);
    }
    std::ptr::drop_in_place(&mut (*o).items);
}

unsafe fn tuple_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    for &v in (*(p as *mut TupleObject)).items.iter() {
        visit(v);
    }
}

unsafe fn tuple_clear(p: *mut ObjHeader) {
    for v in (*(p as *mut TupleObject)).items.iter_mut() {
        let old = std::mem::replace(v, NONE);
        decref(old);
    }
}

unsafe fn tuple_len_slot(v: u64) -> crate::errors::R<usize> {
    Ok(tuple_items(v).len())
}

#[inline]
pub fn is_tuple(v: u64) -> bool {
    has_layout(v, TypeId::Tuple)
}

/// A tuple owning `items` (the references are moved in).
pub fn tuple_new(items: Vec<u64>) -> u64 {
    // SAFETY: tuple type initialised; TupleObject matches its basicsize.
    unsafe { from_ptr(new_object(tp(TypeId::Tuple), TupleObject { header: header0(), items: items.into_boxed_slice() })) }
}

/// A tuple of borrowed items (increfs each).
pub fn tuple_from(items: &[u64]) -> u64 {
    for &v in items {
        incref(v);
    }
    tuple_new(items.to_vec())
}

/// The empty tuple (new reference).
pub fn empty_tuple() -> u64 {
    tuple_new(Vec::new())
}

/// The items of a tuple (valid while it lives).
#[inline]
pub fn tuple_items(v: u64) -> &'static [u64] {
    // SAFETY: caller passes a tuple; objects never move.
    unsafe { &(*as_obj::<TupleObject>(v)).items }
}

/// A tuple of type `t` (tuple or a subclass) owning `items`.
pub fn tuple_new_of(t: *mut TypeObject, items: Vec<u64>) -> u64 {
    // SAFETY: t has tuple layout.
    unsafe { from_ptr(new_object(t, TupleObject { header: header0(), items: items.into_boxed_slice() })) }
}

// ---- hashing (CPython 3.12's xxHash-based tuple hash, 64-bit) ---------------

pub const XXPRIME_1: u64 = 11400714785074694791;
pub const XXPRIME_2: u64 = 14029467366897019727;
pub const XXPRIME_5: u64 = 2870177450012600261;

/// One xxHash round of `acc` with the item hash `lane`.
#[inline]
pub fn xx_lane(acc: u64, lane: i64) -> u64 {
    let acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
    let acc = acc.rotate_left(31);
    acc.wrapping_mul(XXPRIME_1)
}

/// The tuple hash of item hashes.
pub fn hash_of_hashes(hashes: impl Iterator<Item = i64>, len: usize) -> i64 {
    let mut acc = XXPRIME_5;
    for h in hashes {
        acc = xx_lane(acc, h);
    }
    acc = acc.wrapping_add((len as u64) ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        1546275796
    } else {
        acc as i64
    }
}

unsafe fn tuple_hash(v: u64) -> R<i64> {
    let items = tuple_items(v);
    let mut acc = XXPRIME_5;
    for &x in items {
        acc = xx_lane(acc, crate::protocols::hash::hash(x)?);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (XXPRIME_5 ^ 3527539));
    Ok(if acc == u64::MAX { 1546275796 } else { acc as i64 })
}

// ---- repr, comparison, items -------------------------------------------------

unsafe fn tuple_repr(v: u64) -> u64 {
    let items = tuple_items(v);
    if items.is_empty() {
        return crate::types::str::str_from("()");
    }
    if !crate::protocols::repr::repr_enter(v) {
        return crate::types::str::str_from("(...)");
    }
    let r = crate::protocols::sequence::repr_items(items);
    crate::protocols::repr::repr_leave(v);
    let body = ok!(r);
    let s = if items.len() == 1 { format!("({},)", body) } else { format!("({})", body) };
    crate::types::str::str_from_string(s)
}

unsafe fn tuple_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !is_tuple(b) {
        return NOT_IMPLEMENTED;
    }
    crate::protocols::sequence::seq_richcmp(a, b, tuple_items, op)
}

unsafe fn tuple_getitem(v: u64, key: u64) -> u64 {
    let items = tuple_items(v);
    if is_int(key) {
        return match crate::protocols::sequence::norm_index(int_val(key), items.len()) {
            Some(i) => newref(items[i]),
            None => crate::errors::raise_index_error("tuple index out of range".to_string()),
        };
    }
    if crate::types::slice::is_slice(key) {
        let s = ok!(crate::protocols::sequence::slice_indices(key, items.len()));
        if s.step == 1 && s.len == items.len() && type_of(v) == tp(TypeId::Tuple) {
            return newref(v);
        }
        return tuple_from(&crate::protocols::sequence::slice_items(items, s));
    }
    match ok!(crate::protocols::sequence::item_index(key)) {
        Some(i) => match crate::protocols::sequence::norm_index(i, items.len()) {
            Some(i) => newref(items[i]),
            None => crate::errors::raise_index_error("tuple index out of range".to_string()),
        },
        None => crate::errors::raise_type_error(format!(
            "tuple indices must be integers or slices, not {}",
            tname(key)
        )),
    }
}

unsafe fn tuple_contains(v: u64, x: u64) -> R<bool> {
    crate::protocols::sequence::seq_contains(v, tuple_items, x)
}

unsafe fn tuple_add(a: u64, b: u64) -> u64 {
    if !is_tuple(a) {
        return NOT_IMPLEMENTED;
    }
    if !is_tuple(b) {
        let r = crate::types::list::try_reflected(a, b, BinOp::Add);
        if r != NOT_IMPLEMENTED {
            return r;
        }
        return crate::errors::raise_type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            tname(b)
        ));
    }
    let (x, y) = (tuple_items(a), tuple_items(b));
    if y.is_empty() && type_of(a) == tp(TypeId::Tuple) {
        return newref(a);
    }
    if x.is_empty() && type_of(b) == tp(TypeId::Tuple) {
        return newref(b);
    }
    let mut v = Vec::with_capacity(x.len() + y.len());
    v.extend_from_slice(x);
    v.extend_from_slice(y);
    tuple_from(&v)
}

/// `seq * n` with the sequence on the left (`nb[Mul]`).
unsafe fn tuple_mul(a: u64, b: u64) -> u64 {
    tuple_mul_impl(a, b, true)
}

/// `n * seq` (`nb_r[Mul]`, called on the sequence).
unsafe fn tuple_rmul(a: u64, b: u64) -> u64 {
    tuple_mul_impl(a, b, false)
}

unsafe fn tuple_mul_impl(a: u64, b: u64, seq_left: bool) -> u64 {
    let (seq, n) = if is_tuple(a) { (a, b) } else { (b, a) };
    if !seq_left && is_tuple(n) {
        // `[1] * ListSub()` reached through the subclass's reflected slot:
        // the left operand reports the error (CPython names the right type).
        return NOT_IMPLEMENTED;
    }
    if seq_left && !is_tuple(n) {
        // `(7,) * Rep()`: Rep.__rmul__ runs before repetition via __index__.
        let r = crate::types::list::try_reflected(seq, n, BinOp::Mul);
        if r != NOT_IMPLEMENTED {
            return r;
        }
    }
    let count = match crate::types::list::repeat_count(seq, n) {
        Ok(Some(c)) => c,
        Ok(None) => return crate::types::list::seq_mul_error(seq, n),
        Err(_) => return ERR,
    };
    let items = tuple_items(seq);
    if count == 1 && type_of(seq) == tp(TypeId::Tuple) {
        return newref(seq);
    }
    if items.is_empty() || count == 0 {
        return empty_tuple();
    }
    let v = ok!(crate::types::list::repeat_items(items, count));
    tuple_from(&v)
}

unsafe fn tuple_tp_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    if t == tp(TypeId::Tuple) {
        ok!(crate::types::builtin_func::no_kwargs("tuple", kw));
    }
    let np = args.len() - crate::types::builtin_func::nkw(kw);
    if np > 1 {
        return crate::errors::raise_type_error(format!("tuple expected at most 1 argument, got {}", np));
    }
    if np == 0 {
        return tuple_new_of(t, Vec::new());
    }
    let src = args[0];
    if t == tp(TypeId::Tuple) && type_of(src) == tp(TypeId::Tuple) {
        return newref(src);
    }
    let items = ok!(crate::protocols::sequence::collect(src));
    tuple_new_of(t, items)
}

unsafe fn tuple_count_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("tuple.count", args, kw, 1, 1));
    let n = ok!(crate::protocols::sequence::seq_count(args[0], tuple_items, args[1]));
    small_int(n as i64)
}

unsafe fn tuple_index_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::types::builtin_func::no_kwargs("index", kw));
    if args.len() < 2 || args.len() > 4 {
        return crate::errors::raise_type_error(format!(
            "index expected {} {} argument{}, got {}",
            if args.len() < 2 { "at least" } else { "at most" },
            if args.len() < 2 { 1 } else { 3 },
            if args.len() < 2 { "" } else { "s" },
            args.len() - 1
        ));
    }
    let (a, b) = ok!(crate::protocols::sequence::index_range(&args[2..], tuple_items(args[0]).len()));
    match ok!(crate::protocols::sequence::seq_find(args[0], tuple_items, args[1], a, b)) {
        Some(i) => small_int(i as i64),
        None => crate::errors::raise_value_error("tuple.index(x): x not in tuple".to_string()),
    }
}

unsafe fn tuple_getnewargs(args: &[u64], kw: u64) -> u64 {
    ok!(crate::types::builtin_func::check_args("__getnewargs__", args, kw, 1, 1));
    let inner = tuple_from(tuple_items(args[0]));
    tuple_new(vec![inner])
}

/// `molt_tuple_new(argv, n)`: a tuple of the operands.
#[no_mangle]
pub unsafe extern "C" fn molt_tuple_new(argv: *const u64, n: usize) -> u64 {
    crate::gc::maybe_collect(); // safe point: compiled code owns every live value
    if n == 0 {
        return empty_tuple();
    }
    tuple_from(std::slice::from_raw_parts(argv, n as usize))
}

/// `molt_tuple_get(t, index)`: item `index` (no bounds check; new reference).
#[no_mangle]
pub extern "C" fn molt_tuple_get(t: u64, index: i64) -> u64 {
    newref(tuple_items(t)[index as usize])
}

/// Offsets of the item pointer and the length of a tuple's `items` (a boxed
/// slice), checked by `tests::layout`; mirrored in lower-native's `layout.ts`.
pub const TUPLE_ITEMS_PTR_OFFSET: usize = 16;
pub const TUPLE_LEN_OFFSET: usize = 24;

/// A builtin-style subtype `name` of `base` (`tuple` or one of its
/// subtypes) for tuples with named fields, like `sys.version_info` and
/// `time.struct_time`: instances are tuples, the slots are `base`'s (with
/// `repr` when given), and Python code cannot subclass it. The caller adds
/// the field descriptors.
///
/// # Safety
/// Start-up or single-threaded use; `base` is an initialised tuple type.
pub unsafe fn tuple_subtype(base: *mut TypeObject, name: &str, repr: Option<UnaryFn>) -> *mut TypeObject {
    let t = alloc_builtin_type(TypeId::Tuple, base, (*base).basicsize as usize, (*base).tpflags & !TPFLAG_BASETYPE);
    (*t).header.ty = tp(TypeId::Type);
    (*t).slots = (*base).slots;
    if repr.is_some() {
        (*t).slots.repr = repr;
    }
    crate::runtime::finish_type_common(t, name);
    t
}
