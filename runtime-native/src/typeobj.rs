//! typeobj.rs — the type object: one representation for builtin types and
//! user classes (name, bases, MRO, attribute dict, slot function pointers).
//! Neighbours: object.rs (header/allocation), types/type_.rs (the Python-level
//! `type`: calls, class creation, attributes), slotdefs.rs (slots of user
//! classes that call dunder methods, wrappers exposing builtin slots as
//! dunder methods), runtime.rs (the registry of builtin types).

use crate::errors::R;
use crate::object::*;
use crate::value::*;

pub type UnaryFn = unsafe fn(u64) -> u64;
pub type BinaryFn = unsafe fn(u64, u64) -> u64;
pub type TernaryFn = unsafe fn(u64, u64, u64) -> u64;
/// (callable or self, positional+keyword values, kwnames tuple or 0)
pub type CallFn = unsafe fn(u64, &[u64], u64) -> u64;
pub type NewFn = unsafe fn(*mut TypeObject, &[u64], u64) -> u64;
pub type HashFn = unsafe fn(u64) -> R<i64>;
pub type LenFn = unsafe fn(u64) -> R<usize>;
pub type BoolFn = unsafe fn(u64) -> R<bool>;
pub type ContainsFn = unsafe fn(u64, u64) -> R<bool>;
pub type RichCmpFn = unsafe fn(u64, u64, CmpOp) -> u64;
pub type DropFn = unsafe fn(*mut ObjHeader);
pub type TraverseFn = unsafe fn(*mut ObjHeader, &mut dyn FnMut(u64));

/// Binary operators, in op-table order. Index into `Slots::nb*`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum BinOp {
    Add = 0,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}
pub const NB_COUNT: usize = 13;
pub const BINOPS: [BinOp; NB_COUNT] = [
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::TrueDiv,
    BinOp::FloorDiv,
    BinOp::Mod,
    BinOp::Pow,
    BinOp::MatMul,
    BinOp::LShift,
    BinOp::RShift,
    BinOp::And,
    BinOp::Or,
    BinOp::Xor,
];

impl BinOp {
    pub fn symbol(self) -> &'static str {
        ["+", "-", "*", "/", "//", "%", "** or pow()", "@", "<<", ">>", "&", "|", "^"][self as usize]
    }
    pub fn dunder(self) -> &'static str {
        [
            "__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__", "__pow__", "__matmul__",
            "__lshift__", "__rshift__", "__and__", "__or__", "__xor__",
        ][self as usize]
    }
    pub fn rdunder(self) -> &'static str {
        [
            "__radd__", "__rsub__", "__rmul__", "__rtruediv__", "__rfloordiv__", "__rmod__", "__rpow__",
            "__rmatmul__", "__rlshift__", "__rrshift__", "__rand__", "__ror__", "__rxor__",
        ][self as usize]
    }
    pub fn idunder(self) -> &'static str {
        [
            "__iadd__", "__isub__", "__imul__", "__itruediv__", "__ifloordiv__", "__imod__", "__ipow__",
            "__imatmul__", "__ilshift__", "__irshift__", "__iand__", "__ior__", "__ixor__",
        ][self as usize]
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum CmpOp {
    Lt = 0,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}
impl CmpOp {
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }
    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }
    /// Apply the comparison to an `Ordering`.
    pub fn test(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }
    }
}

/// Fast-dispatch slots. Builtin types fill them directly; user classes get
/// trampolines that call the dunder methods (slotdefs.rs). A `None` slot is
/// inherited from the base at type creation.
#[derive(Clone, Copy)]
pub struct Slots {
    /// Release owned references and drop Rust fields in place (not the memory).
    pub drop: Option<DropFn>,
    /// Visit each owned reference exactly once (cycle collector contract).
    pub traverse: Option<TraverseFn>,
    /// Drop owned references that may form cycles, leaving the object valid.
    pub clear: Option<DropFn>,
    pub repr: Option<UnaryFn>,
    pub str: Option<UnaryFn>,
    pub hash: Option<HashFn>,
    pub richcmp: Option<RichCmpFn>,
    pub bool_: Option<BoolFn>,
    pub len: Option<LenFn>,
    pub iter: Option<UnaryFn>,
    /// Returns the next item, or UNBOUND when exhausted (no StopIteration).
    pub next: Option<UnaryFn>,
    /// `obj.name` (__getattribute__ + __getattr__ fallback).
    pub getattr: Option<BinaryFn>,
    /// `obj.name = v`; v == UNBOUND means delete.
    pub setattr: Option<TernaryFn>,
    /// (descriptor, instance or NONE, owner type word)
    pub descr_get: Option<TernaryFn>,
    /// (descriptor, instance, value or UNBOUND for delete)
    pub descr_set: Option<TernaryFn>,
    pub call: Option<CallFn>,
    pub new: Option<NewFn>,
    pub init: Option<CallFn>,
    pub getitem: Option<BinaryFn>,
    /// value == UNBOUND means delete.
    pub setitem: Option<TernaryFn>,
    pub contains: Option<ContainsFn>,
    /// `self op other` (returns NOT_IMPLEMENTED when unsupported).
    pub nb: [Option<BinaryFn>; NB_COUNT],
    /// reflected: `other op self` called on self (`__radd__(self, other)`).
    pub nb_r: [Option<BinaryFn>; NB_COUNT],
    /// in-place `self op= other`.
    pub nb_i: [Option<BinaryFn>; NB_COUNT],
    pub neg: Option<UnaryFn>,
    pub pos: Option<UnaryFn>,
    pub invert: Option<UnaryFn>,
    pub abs: Option<UnaryFn>,
    /// `__index__`: returns an int word.
    pub index: Option<UnaryFn>,
    /// `__int__`, `__float__`.
    pub int_: Option<UnaryFn>,
    pub float_: Option<UnaryFn>,
}

impl Slots {
    pub const EMPTY: Slots = Slots {
        drop: None,
        traverse: None,
        clear: None,
        repr: None,
        str: None,
        hash: None,
        richcmp: None,
        bool_: None,
        len: None,
        iter: None,
        next: None,
        getattr: None,
        setattr: None,
        descr_get: None,
        descr_set: None,
        call: None,
        new: None,
        init: None,
        getitem: None,
        setitem: None,
        contains: None,
        nb: [None; NB_COUNT],
        nb_r: [None; NB_COUNT],
        nb_i: [None; NB_COUNT],
        neg: None,
        pos: None,
        invert: None,
        abs: None,
        index: None,
        int_: None,
        float_: None,
    };
}

/// Type flags.
pub const TPFLAG_HEAPTYPE: u32 = 1; // a class created at run time
pub const TPFLAG_BASETYPE: u32 = 2; // may be subclassed
pub const TPFLAG_HAVE_GC: u32 = 4; // instances carry GC links
pub const TPFLAG_HAS_DEL: u32 = 8; // defines __del__ (heap types)
pub const TPFLAG_HASH_NONE: u32 = 16; // __hash__ = None
pub const TPFLAG_HAS_GETATTR_HOOK: u32 = 32; // user __getattr__ defined
pub const TPFLAG_ABSTRACT: u32 = 64;
/// Messages name the type with its module, as CPython does for C types
/// such as `typing.TypeAliasType` (`__name__` stays bare).
pub const TPFLAG_DOTTED_NAME: u32 = 128;

#[repr(C)]
pub struct TypeObject {
    pub header: ObjHeader,
    /// `__name__` and `__qualname__` (str words).
    pub name: u64,
    pub qualname: u64,
    /// Primary base (the one whose layout we extend); null for `object`.
    pub base: *mut TypeObject,
    /// `__bases__` and `__mro__` (tuple words), `__dict__` (dict word).
    pub bases: u64,
    pub mro: u64,
    pub dict: u64,
    pub tpflags: u32,
    /// The builtin type whose struct layout instances use.
    pub layout: TypeId,
    /// Instance size in bytes (including the header and any dict / slot words).
    pub basicsize: u32,
    /// Byte offset of the instance `__dict__` word (0 = no instance dict).
    pub dict_offset: u32,
    /// Byte offset of the first `__slots__` word, and how many there are in
    /// total (inherited included).
    pub slots_offset: u32,
    pub nslots: u32,
    pub slots: Slots,
    /// Direct subclasses (borrowed; for slot updates and `__subclasses__`).
    pub subclasses: Vec<*mut TypeObject>,
    /// Bumped whenever the dict of this type or of a base changes.
    pub version: u32,
}

macro_rules! type_ids {
    ($($id:ident => $name:expr),* $(,)?) => {
        /// Every builtin type the runtime creates at start-up. Append new
        /// ones at the end of the list in `typeobj.rs` (keep the name).
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[repr(u16)]
        pub enum TypeId { $($id),* }
        pub const TYPE_NAMES: &[&str] = &[$($name),*];
        pub const ALL_TYPE_IDS: &[TypeId] = &[$(TypeId::$id),*];
    };
}

type_ids! {
    Object => "object",
    Type => "type",
    NoneType => "NoneType",
    NotImplementedType => "NotImplementedType",
    EllipsisType => "ellipsis",
    Bool => "bool",
    Int => "int",
    Float => "float",
    Complex => "complex",
    Str => "str",
    Bytes => "bytes",
    ByteArray => "bytearray",
    List => "list",
    Tuple => "tuple",
    Dict => "dict",
    Set => "set",
    FrozenSet => "frozenset",
    Range => "range",
    Slice => "slice",
    Function => "function",
    BuiltinFunction => "builtin_function_or_method",
    MethodDescriptor => "method_descriptor",
    Method => "method",
    Code => "code",
    Cell => "cell",
    Module => "module",
    Property => "property",
    ClassMethod => "classmethod",
    StaticMethod => "staticmethod",
    Super => "super",
    Generator => "generator",
    Coroutine => "coroutine",
    AsyncGenerator => "async_generator",
    BaseException => "BaseException",
    MemberDescriptor => "member_descriptor",
    GetSetDescriptor => "getset_descriptor",
    SeqIterator => "iterator",
    CallableIterator => "callable_iterator",
    Unbound => "unbound_marker",
    ListIterator => "list_iterator",
    TupleIterator => "tuple_iterator",
    StrIterator => "str_ascii_iterator",
    DictKeys => "dict_keys",
    DictValues => "dict_values",
    DictItems => "dict_items",
    DictKeyIterator => "dict_keyiterator",
    DictValueIterator => "dict_valueiterator",
    DictItemIterator => "dict_itemiterator",
    SetIterator => "set_iterator",
    RangeIterator => "range_iterator",
    Enumerate => "enumerate",
    Zip => "zip",
    Map => "map",
    Filter => "filter",
    Reversed => "reversed",
    MappingProxy => "mappingproxy",
    GenAwait => "coroutine_wrapper",
    ClassMethodDescriptor => "classmethod_descriptor",
    TextIO => "TextIOWrapper",
    Traceback => "traceback",
    UnionType => "UnionType",
    GenericAlias => "GenericAlias",
    ListRevIterator => "list_reverseiterator",
    DictRevKeyIterator => "dict_reversekeyiterator",
    DictRevValueIterator => "dict_reversevalueiterator",
    DictRevItemIterator => "dict_reverseitemiterator",
    MemoryView => "memoryview",
    File => "TextIOWrapper",
    AsyncGenASend => "async_generator_asend",
    AsyncGenAThrow => "async_generator_athrow",
    AsyncGenWrapped => "async_generator_wrapped_value",
}

pub const NTYPES: usize = TYPE_NAMES.len();

/// The builtin type objects, filled by `runtime::init`.
pub static mut TYPES: [*mut TypeObject; NTYPES] = [std::ptr::null_mut(); NTYPES];

/// The type object of a builtin type.
#[inline(always)]
pub fn tp(id: TypeId) -> *mut TypeObject {
    // SAFETY: TYPES is written only during single-threaded init.
    unsafe { TYPES[id as usize] }
}
#[inline(always)]
pub fn tpw(id: TypeId) -> u64 {
    from_ptr(tp(id))
}

/// `type(v)` as a pointer (borrowed).
#[inline]
pub fn type_of(v: u64) -> *mut TypeObject {
    match tag(v) {
        TAG_INT => tp(TypeId::Int),
        TAG_PTR => {
            // SAFETY: a TAG_PTR word points at a live header.
            unsafe { (*ptr_of(v)).ty }
        }
        TAG_BOOL => tp(TypeId::Bool),
        TAG_NONE => tp(TypeId::NoneType),
        TAG_IMM => match v {
            NOT_IMPLEMENTED => tp(TypeId::NotImplementedType),
            ELLIPSIS => tp(TypeId::EllipsisType),
            _ => tp(TypeId::Unbound),
        },
        _ => tp(TypeId::Float),
    }
}

/// The layout id of a value's type (e.g. `TypeId::List` for list subclasses).
#[inline]
pub fn layout_of(v: u64) -> TypeId {
    // SAFETY: type_of returns a live type.
    unsafe { (*type_of(v)).layout }
}

/// True when `v`'s struct layout is that of builtin type `id` (the value is an
/// instance of `id` or of a subclass of it).
#[inline]
pub fn has_layout(v: u64, id: TypeId) -> bool {
    is_ptr(v) && layout_of(v) == id
}

/// The `__name__` of a type as a Rust string.
pub fn type_name_of(t: *mut TypeObject) -> String {
    // SAFETY: live type; name is a str word once init has run.
    unsafe {
        let n = (*t).name;
        if n == 0 {
            return TYPE_NAMES[(*t).layout as usize].to_string();
        }
        crate::types::str::str_as(n).to_string()
    }
}

/// `type(v).__name__`, for error messages.
pub fn tname(v: u64) -> String {
    let t = type_of(v);
    // SAFETY: live type object.
    if unsafe { (*t).tpflags } & TPFLAG_DOTTED_NAME != 0 {
        // SAFETY: as above; heap classes have a dict.
        if let Some(m) = unsafe { crate::types::dict::dict_get_str((*t).dict, "__module__") } {
            if crate::types::str::is_str(m) {
                return format!("{}.{}", crate::types::str::str_as(m), type_name_of(t));
            }
        }
    }
    type_name_of(t)
}

/// `issubclass(a, b)` by MRO.
pub fn is_subtype(a: *mut TypeObject, b: *mut TypeObject) -> bool {
    if a == b {
        return true;
    }
    // SAFETY: live types; mro is a tuple of types.
    unsafe {
        let mro = (*a).mro;
        if mro == 0 {
            let mut t = (*a).base;
            while !t.is_null() {
                if t == b {
                    return true;
                }
                t = (*t).base;
            }
            return false;
        }
        for &m in crate::types::tuple::tuple_items(mro) {
            if ptr_of(m) as *mut TypeObject == b {
                return true;
            }
        }
    }
    false
}

/// `isinstance(v, t)` by exact MRO (ignores `__instancecheck__`).
#[inline]
pub fn is_instance(v: u64, t: *mut TypeObject) -> bool {
    let vt = type_of(v);
    vt == t || is_subtype(vt, t)
}

#[inline]
pub fn is_type(v: u64) -> bool {
    is_ptr(v) && layout_of(v) == TypeId::Type
}

#[inline]
pub fn as_type(v: u64) -> *mut TypeObject {
    ptr_of(v) as *mut TypeObject
}

/// Find `name` along the MRO of `t` (borrowed result). Results for
/// interned names are cached per (type version, name). The hit path is
/// small enough to inline; a miss goes to `lookup_miss`.
#[inline]
pub fn lookup(t: *mut TypeObject, name: u64) -> Option<u64> {
    lookup_hinted(t, name).0
}

/// `lookup`, plus the instance-dict hint of (type, name): a word holding
/// the entry index where an instance of `t` last had attribute `name` in its
/// `__dict__` (instances of a class mostly set their attributes in the same
/// order), or null when the name is not cached. A hint is only a guess:
/// users check the entry's key (`dict::dict_get_str_key_hinted`).
#[inline]
pub fn lookup_hinted(t: *mut TypeObject, name: u64) -> (Option<u64>, *mut u32) {
    // SAFETY: live type; the cache only holds entries whose type version is
    // current (versions are globally unique, so a reused address never hits)
    // and whose name is immortal (never freed, so its word names no other
    // object): a hit needs no check of `name` itself.
    unsafe {
        let ver = (*t).version;
        if ver != 0 {
            let e = cache_slot(t, ver, name);
            if (*e).ty == t && (*e).version == ver && (*e).name == name {
                let v = (*e).value;
                return (if v == NOT_FOUND { None } else { Some(v) }, std::ptr::addr_of_mut!((*e).hint));
            }
        }
        lookup_miss(t, name)
    }
}

/// `CacheEntry::value` of a name the type does not have (never a value).
const NOT_FOUND: u64 = crate::value::ERR;

#[inline(never)]
fn lookup_miss(t: *mut TypeObject, name: u64) -> (Option<u64>, *mut u32) {
    // SAFETY: as in `lookup_hinted`.
    unsafe {
        let ver = (*t).version;
        let r = lookup_uncached(t, name);
        if ver != 0 && (*ptr_of(name)).refcnt == IMMORTAL {
            let slot = cache_slot(t, ver, name);
            *slot = CacheEntry { ty: t, version: ver, name, value: r.unwrap_or(NOT_FOUND), hint: u32::MAX };
            return (r, std::ptr::addr_of_mut!((*slot).hint));
        }
        (r, std::ptr::null_mut())
    }
}

#[derive(Clone, Copy)]
struct CacheEntry {
    ty: *mut TypeObject,
    version: u32,
    /// Instance-dict entry index hint (see `lookup_hinted`).
    hint: u32,
    name: u64,
    /// NOT_FOUND when the type has no such attribute.
    value: u64,
}

const CACHE_SIZE: usize = 4096;
static mut ATTR_CACHE: [CacheEntry; CACHE_SIZE] =
    [CacheEntry { ty: std::ptr::null_mut(), version: 0, hint: 0, name: 0, value: 0 }; CACHE_SIZE];
static mut NEXT_VERSION: u32 = 1;

#[inline]
unsafe fn cache_slot(t: *mut TypeObject, ver: u32, name: u64) -> *mut CacheEntry {
    let h = ((t as usize as u64) >> 4) ^ ((name & PAYLOAD_MASK) >> 3) ^ (ver as u64).wrapping_mul(0x9E37_79B9);
    let i = (h as usize) & (CACHE_SIZE - 1);
    (std::ptr::addr_of_mut!(ATTR_CACHE) as *mut CacheEntry).add(i)
}

/// A fresh, never reused type version (invalidates cached lookups).
pub fn new_version() -> u32 {
    // SAFETY: single-threaded runtime.
    unsafe {
        let v = NEXT_VERSION;
        NEXT_VERSION = if v == u32::MAX { 1 } else { v + 1 };
        v
    }
}

fn lookup_uncached(t: *mut TypeObject, name: u64) -> Option<u64> {
    // SAFETY: live type; mro tuple and dicts are valid.
    unsafe {
        let mro = (*t).mro;
        if mro == 0 {
            return crate::types::dict::dict_get_str_key((*t).dict, name);
        }
        for &m in crate::types::tuple::tuple_items(mro) {
            let d = (*as_type(m)).dict;
            if let Some(v) = crate::types::dict::dict_get_str_key(d, name) {
                return Some(v);
            }
        }
    }
    None
}

/// `lookup` with a Rust string name.
pub fn lookup_str(t: *mut TypeObject, name: &'static str) -> Option<u64> {
    let n = crate::types::str::intern_static(name);
    lookup(t, n)
}

/// Allocate a builtin type object (at start-up). `base` may be null only for
/// `object`. The slots start empty; `finish_builtin_type` inherits them.
pub unsafe fn alloc_builtin_type(id: TypeId, base: *mut TypeObject, basicsize: usize, flags: u32) -> *mut TypeObject {
    let t = Box::into_raw(Box::new(TypeObject {
        header: header0(),
        name: 0,
        qualname: 0,
        base,
        bases: 0,
        mro: 0,
        dict: 0,
        tpflags: flags,
        layout: id,
        basicsize: basicsize as u32,
        dict_offset: 0,
        slots_offset: 0,
        nslots: 0,
        slots: Slots::EMPTY,
        subclasses: Vec::new(),
        version: new_version(),
    }));
    (*t).header.refcnt = IMMORTAL;
    t
}

/// Copy every unset slot from `base` (builtin type inheritance).
pub fn inherit_slots(s: &mut Slots, b: &Slots) {
    macro_rules! inh {
        ($($f:ident),*) => { $( if s.$f.is_none() { s.$f = b.$f; } )* };
    }
    inh!(drop, traverse, clear, repr, str, hash, richcmp, bool_, len, iter, next, getattr, setattr, descr_get,
        descr_set, call, new, init, getitem, setitem, contains, neg, pos, invert, abs, index, int_, float_);
    for i in 0..NB_COUNT {
        if s.nb[i].is_none() {
            s.nb[i] = b.nb[i];
        }
        if s.nb_r[i].is_none() {
            s.nb_r[i] = b.nb_r[i];
        }
        if s.nb_i[i].is_none() {
            s.nb_i[i] = b.nb_i[i];
        }
    }
}

/// Compute the C3 linearisation for a class with `bases` (type pointers).
/// Returns None (with TypeError pending) when no consistent order exists.
pub fn c3_mro(t: *mut TypeObject, bases: &[*mut TypeObject]) -> R<Vec<*mut TypeObject>> {
    let mut seqs: Vec<Vec<*mut TypeObject>> = Vec::new();
    for &b in bases {
        // SAFETY: bases are live types with an mro tuple.
        let m: Vec<*mut TypeObject> =
            unsafe { crate::types::tuple::tuple_items((*b).mro).iter().map(|&w| as_type(w)).collect() };
        seqs.push(m);
    }
    seqs.push(bases.to_vec());
    let mut out = vec![t];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = s[0];
            if !seqs.iter().any(|o| o[1..].contains(&cand)) {
                found = Some(cand);
                break;
            }
        }
        match found {
            Some(c) => {
                out.push(c);
                for s in seqs.iter_mut() {
                    if s[0] == c {
                        s.remove(0);
                    }
                }
            }
            None => {
                let mut names: Vec<String> = Vec::new();
                for &b in bases {
                    let n = type_name_of(b);
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                return Err(crate::errors::raise_type_error_p(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                )));
            }
        }
    }
}

/// Run `__del__` of a heap-type instance about to be freed.
pub unsafe fn run_del(p: *mut ObjHeader) {
    let ty = (*p).ty;
    if (*ty).tpflags & TPFLAG_HAS_DEL == 0 {
        return;
    }
    if let Some(f) = lookup_str(ty, "__del__") {
        let saved = crate::errors::take_pending();
        let obj = from_ptr(p);
        let r = crate::protocols::call::call_function(f, &[obj], 0);
        if r == ERR {
            let e = crate::errors::take_pending();
            crate::errors::write_unraisable(e, "Exception ignored in: ", obj);
        } else {
            decref(r);
        }
        crate::errors::restore_pending(saved);
    }
}
