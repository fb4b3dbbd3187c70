//! types/dict.rs — `dict`: insertion-ordered hash table (dense entry array +
//! sparse index table with perturbed open addressing).
//! Owner: containers engineer (methods, views, iteration, comparison).
//! Core API: `dict_new`, `dict_get`, `dict_set`, `dict_del`, `dict_get_str`,
//! `dict_set_str`, `dict_get_str_key`, `dict_len`, `dict_entries`.
//! Neighbours: protocols/hash.rs and protocols/compare.rs (key hashing and
//! equality, which may call Python code).

use crate::errors::R;
use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

/// Marks an unused or deleted entry. Not 0: 0 is the word of the float +0.0.
const NO_KEY: u64 = ERR;

#[derive(Clone, Copy)]
#[repr(C)]
pub struct Entry {
    pub hash: i64,
    /// 0 = deleted entry.
    pub key: u64,
    pub value: u64,
}

const NO_ENTRY: Entry = Entry { hash: 0, key: NO_KEY, value: 0 };

/// Entries a dict keeps in its own object (as many as its in-object index
/// table serves: instance dicts, keyword arguments).
const INLINE_ENTRIES: usize = 5;

/// A dict's dense entry array, laid out `{ptr, len, cap}` like `CVec` at the
/// start (compiled code reads `ptr` and `len` at the offsets below). Up to
/// INLINE_ENTRIES entries live in `inline`, inside the dict object, so a
/// small dict is one allocation and a lookup reads no other memory; `ptr`
/// then points at `inline`, which is sound because dict objects never move
/// and an `EntryVec` is never moved out of its dict (`take` copies the
/// entries out). Larger arrays are `Vec<Entry>` buffers.
#[repr(C)]
pub struct EntryVec {
    ptr: *mut Entry,
    len: usize,
    cap: usize,
    inline: [Entry; INLINE_ENTRIES],
}

impl EntryVec {
    fn new() -> EntryVec {
        EntryVec { ptr: std::ptr::NonNull::dangling().as_ptr(), len: 0, cap: 0, inline: [NO_ENTRY; INLINE_ENTRIES] }
    }

    fn on_heap(&self) -> bool {
        self.cap > 0 && self.ptr as *const Entry != self.inline.as_ptr()
    }

    /// Make room for at least `need` entries in total.
    fn grow_to(&mut self, need: usize) {
        if need <= self.cap {
            return;
        }
        if self.cap == 0 && need <= INLINE_ENTRIES {
            self.ptr = self.inline.as_mut_ptr();
            self.cap = INLINE_ENTRIES;
            return;
        }
        let mut v: Vec<Entry> = Vec::with_capacity(need.max(self.cap * 2));
        v.extend_from_slice(self);
        self.free_heap();
        let mut v = std::mem::ManuallyDrop::new(v);
        self.ptr = v.as_mut_ptr();
        self.cap = v.capacity();
    }

    fn free_heap(&mut self) {
        if self.on_heap() {
            // SAFETY: a heap buffer is a Vec<Entry> allocation of `cap` (Entry is Copy: nothing to drop).
            drop(unsafe { Vec::from_raw_parts(self.ptr, 0, self.cap) });
        }
    }

    pub fn capacity(&self) -> usize {
        self.cap
    }

    pub fn as_ptr(&self) -> *const Entry {
        self.ptr
    }

    fn push(&mut self, e: Entry) {
        if self.len == self.cap {
            self.grow_to(self.len + 1);
        }
        // SAFETY: len < cap after grow_to.
        unsafe { self.ptr.add(self.len).write(e) };
        self.len += 1;
    }

    fn pop(&mut self) -> Option<Entry> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: the slot was initialised.
        Some(unsafe { self.ptr.add(self.len).read() })
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    fn reserve(&mut self, n: usize) {
        self.grow_to(self.len + n);
    }

    fn retain(&mut self, keep: impl Fn(&Entry) -> bool) {
        let mut w = 0;
        for r in 0..self.len {
            let e = self[r];
            if keep(&e) {
                self[w] = e;
                w += 1;
            }
        }
        self.len = w;
    }

    /// The entries, leaving the array empty (and its heap buffer freed).
    fn take(&mut self) -> Vec<Entry> {
        let v = self.to_vec();
        self.free_heap();
        self.ptr = std::ptr::NonNull::dangling().as_ptr();
        self.len = 0;
        self.cap = 0;
        v
    }
}

impl std::ops::Deref for EntryVec {
    type Target = [Entry];
    fn deref(&self) -> &[Entry] {
        // SAFETY: ptr is non-null, aligned and covers len initialised entries.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl std::ops::DerefMut for EntryVec {
    fn deref_mut(&mut self) -> &mut [Entry] {
        // SAFETY: as in deref; the dict owns the entries exclusively.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl Drop for EntryVec {
    fn drop(&mut self) {
        self.free_heap();
    }
}

#[repr(C)]
pub struct DictObject {
    pub header: ObjHeader,
    pub entries: EntryVec,
    /// Index table: EMPTY, DUMMY or an index into `entries`.
    pub indices: IndexTable,
    /// Live entries.
    pub used: usize,
    /// Bumped on every structural change (iteration checks).
    pub version: u64,
    /// Bit `hash & 63` is set for the hash of every key ever inserted (until
    /// the dict is cleared): a lookup whose bit is clear misses without
    /// probing (an instance dict asked for a method name, a global asked for
    /// a builtin).
    pub bloom: u64,
}

/// The bloom bit of a key hash (`DictObject::bloom`).
#[inline]
pub fn bloom_bit(hash: i64) -> u64 {
    1u64 << (hash as u64 & 63)
}

/// Offset of `bloom` (compiled code's method caches test it; `RUNTIME_ABI.layout64.dictBloom`).
pub fn dict_bloom_offset() -> usize {
    let d = std::mem::MaybeUninit::<DictObject>::uninit();
    // SAFETY: only the field's address is taken, nothing is read.
    (unsafe { std::ptr::addr_of!((*d.as_ptr()).bloom) }) as usize - d.as_ptr() as usize
}

/// Offsets compiled code reads (lower-native `layout.ts`): the entry array
/// pointer and its length (`entries` is the first field after the header),
/// and an `Entry`'s size / key / value offsets.
pub const DICT_ENTRIES_PTR_OFFSET: usize = std::mem::size_of::<ObjHeader>() + crate::cvec::CVEC_PTR_OFFSET;
pub const DICT_ENTRIES_LEN_OFFSET: usize = std::mem::size_of::<ObjHeader>() + crate::cvec::CVEC_LEN_OFFSET;
pub const ENTRY_SIZE: usize = std::mem::size_of::<Entry>();
pub const ENTRY_KEY_OFFSET: usize = 8;
pub const ENTRY_VALUE_OFFSET: usize = 16;

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;

/// Slots of an index table stored in the dict object itself.
const SMALL_INDICES: usize = 8;

/// A dict's index table (a power-of-two number of slots, or none). Tables
/// of up to SMALL_INDICES slots (dicts of up to 5 entries: instance dicts,
/// keyword arguments) live in the object: no allocation, and a probe reads
/// the dict's own cache lines.
pub struct IndexTable {
    size: usize,
    small: [u32; SMALL_INDICES],
    heap: Vec<u32>,
}

impl IndexTable {
    pub const fn new() -> IndexTable {
        IndexTable { size: 0, small: [EMPTY; SMALL_INDICES], heap: Vec::new() }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.size
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// No table (a later insert builds one).
    pub fn clear(&mut self) {
        self.size = 0;
        self.heap = Vec::new();
    }

    /// A table of `size` slots (a power of two), all `fill`.
    pub fn resize(&mut self, size: usize, fill: u32) {
        debug_assert!(size.is_power_of_two());
        self.size = size;
        if size <= SMALL_INDICES {
            self.heap = Vec::new();
            for x in self.small.iter_mut() {
                *x = fill;
            }
        } else {
            self.heap.clear();
            self.heap.resize(size, fill);
        }
    }
}

impl std::ops::Index<usize> for IndexTable {
    type Output = u32;
    #[inline]
    fn index(&self, i: usize) -> &u32 {
        if self.size <= SMALL_INDICES {
            &self.small[i]
        } else {
            &self.heap[i]
        }
    }
}

impl std::ops::IndexMut<usize> for IndexTable {
    #[inline]
    fn index_mut(&mut self, i: usize) -> &mut u32 {
        if self.size <= SMALL_INDICES {
            &mut self.small[i]
        } else {
            &mut self.heap[i]
        }
    }
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Dict);
    (*t).basicsize = std::mem::size_of::<DictObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC;
    (*t).slots.drop = Some(dict_drop);
    (*t).slots.traverse = Some(dict_traverse);
    (*t).slots.clear = Some(dict_clear_slot);
    (*t).slots.len = Some(dict_len_slot);
    (*t).tpflags |= TPFLAG_HASH_NONE;
    (*t).slots.repr = Some(dict_repr);
    (*t).slots.richcmp = Some(dict_richcmp);
    (*t).slots.getitem = Some(dict_getitem_slot);
    (*t).slots.setitem = Some(dict_setitem_slot);
    (*t).slots.contains = Some(dict_contains_slot);
    (*t).slots.iter = Some(crate::types::dictviews::dict_iter_new);
    (*t).slots.nb[BinOp::Or as usize] = Some(dict_or);
    (*t).slots.nb_i[BinOp::Or as usize] = Some(dict_ior);
    (*t).slots.new = Some(dict_tp_new);
    (*t).slots.init = Some(dict_tp_init);
}

pub fn init_methods() {
    use crate::types::builtin_func::{add_classmethod, add_method};
    let t = tp(TypeId::Dict);
    add_method(t, "get", dict_get_m);
    add_method(t, "setdefault", dict_setdefault_m);
    add_method(t, "pop", dict_pop_m);
    add_method(t, "popitem", dict_popitem_m);
    add_method(t, "update", dict_update_m);
    add_method(t, "keys", dict_keys_m);
    add_method(t, "values", dict_values_m);
    add_method(t, "items", dict_items_m);
    add_method(t, "copy", dict_copy_m);
    add_method(t, "clear", dict_clear_m);
    add_method(t, "__reversed__", dict_reversed_m);
    add_classmethod(t, "fromkeys", dict_fromkeys_m);
}

unsafe fn dict_drop(p: *mut ObjHeader) {
    let o = p as *mut DictObject;
    for e in (*o).entries.iter() {
        if e.key != NO_KEY {
            decref(e.key);
            decref(e.value);
        }
    }
    std::ptr::drop_in_place(&mut (*o).entries);
    std::ptr::drop_in_place(&mut (*o).indices);
}

unsafe fn dict_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    for e in (*(p as *mut DictObject)).entries.iter() {
        if e.key != NO_KEY {
            visit(e.key);
            visit(e.value);
        }
    }
}

unsafe fn dict_clear_slot(p: *mut ObjHeader) {
    dict_clear(from_ptr(p));
}

unsafe fn dict_len_slot(v: u64) -> R<usize> {
    Ok(dict_len(v))
}

#[inline]
pub fn is_dict(v: u64) -> bool {
    has_layout(v, TypeId::Dict)
}

#[inline]
fn d(v: u64) -> &'static mut DictObject {
    // SAFETY: caller passes a dict; single-threaded runtime.
    unsafe { &mut *as_obj::<DictObject>(v) }
}

/// A new empty dict.
pub fn dict_new() -> u64 {
    dict_new_of(tp(TypeId::Dict))
}

/// A new empty dict owned by one instance of a user class (its `__dict__`):
/// not tracked by the collector, which visits its entries through the
/// instance (slotdefs `heap_traverse`), so a collection has half the
/// objects to look at for attribute-holding instances. It is tracked like
/// any dict as soon as it escapes (`instance_dict_escaping`).
pub fn dict_new_owned() -> u64 {
    let d = dict_new();
    // SAFETY: d was just allocated, and is tracked.
    unsafe { crate::gc::untrack(ptr_of(d)) };
    d
}

/// A new empty dict of type `t` (a dict subclass).
pub fn dict_new_of(t: *mut TypeObject) -> u64 {
    // SAFETY: t has dict layout.
    unsafe {
        from_ptr(new_object(
            t,
            DictObject { header: header0(), entries: EntryVec::new(), indices: IndexTable::new(), used: 0, version: 0, bloom: 0 },
        ))
    }
}

pub fn dict_len(v: u64) -> usize {
    d(v).used
}

/// Live (key, value) pairs in insertion order (borrowed words).
pub fn dict_entries(v: u64) -> impl Iterator<Item = (u64, u64)> {
    d(v).entries.iter().filter(|e| e.key != NO_KEY).map(|e| (e.key, e.value))
}

/// A snapshot of the live pairs (safe against mutation during iteration).
pub fn dict_pairs(v: u64) -> Vec<(u64, u64)> {
    dict_entries(v).collect()
}

#[inline]
fn key_eq_fast(a: u64, b: u64) -> Option<bool> {
    if a == b {
        return Some(true);
    }
    let sa = crate::types::str::is_str(a);
    let sb = crate::types::str::is_str(b);
    if sa && sb {
        return Some(crate::types::str::str_as(a) == crate::types::str::str_as(b));
    }
    if is_int(a) && is_int(b) {
        return Some(false);
    }
    None
}

/// Probe for `key`: Ok(Some(entry index)) or Ok(None). An entry whose key
/// is `key` itself matches without a comparison (as in CPython); exact str
/// keys compare by bytes without leaving the loop.
fn find(o: &mut DictObject, key: u64, hash: i64) -> R<Option<usize>> {
    if o.indices.is_empty() || o.bloom & bloom_bit(hash) == 0 {
        return Ok(None);
    }
    let mask = o.indices.len() - 1;
    let key_is_str = is_exact_str(key);
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let ix = o.indices[i];
        if ix == EMPTY {
            return Ok(None);
        }
        if ix != DUMMY {
            debug_assert!((ix as usize) < o.entries.len());
            // SAFETY: the index table only holds indices of `entries`.
            let e = unsafe { *o.entries.as_ptr().add(ix as usize) };
            if e.key == key {
                return Ok(Some(ix as usize));
            }
            if e.hash == hash && e.key != NO_KEY {
                let eq = if key_is_str && is_exact_str(e.key) {
                    crate::types::str::str_as(e.key) == crate::types::str::str_as(key)
                } else {
                    match key_eq_fast(e.key, key) {
                        Some(b) => b,
                        None => keys_equal_slow(o, e.key, key)?,
                    }
                };
                if eq {
                    return Ok(Some(ix as usize));
                }
            }
        }
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
}

/// `stored == key` through `__eq__` (may run Python code, which must not
/// change the dict).
#[inline(never)]
fn keys_equal_slow(o: &mut DictObject, stored: u64, key: u64) -> R<bool> {
    let ver = o.version;
    incref(stored);
    let r = crate::protocols::compare::eq_bool(stored, key);
    decref(stored);
    let r = r?;
    if o.version != ver {
        return Err(crate::errors::raise_runtime_error_p("dictionary changed size during iteration".to_string()));
    }
    Ok(r)
}

#[inline]
fn is_exact_str(v: u64) -> bool {
    is_ptr(v) && type_of(v) == tp(TypeId::Str)
}

fn rebuild(o: &mut DictObject, min_used: usize) {
    // compact entries
    if o.used != o.entries.len() {
        o.entries.retain(|e| e.key != NO_KEY);
    }
    let mut size = 8;
    while size * 2 < (min_used + 1) * 3 {
        size *= 2;
    }
    o.indices.resize(size, EMPTY);
    if o.entries.capacity() < size * 2 / 3 {
        let n = size * 2 / 3 - o.entries.len();
        o.entries.reserve(n);
    }
    let mask = size - 1;
    for (ix, e) in o.entries.iter().enumerate() {
        let mut perturb = e.hash as u64;
        let mut i = (e.hash as u64 as usize) & mask;
        while o.indices[i] != EMPTY {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
        o.indices[i] = ix as u32;
    }
}

fn insert_index(o: &mut DictObject, hash: i64, ix: usize) {
    let mask = o.indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    while o.indices[i] != EMPTY && o.indices[i] != DUMMY {
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
    o.indices[i] = ix as u32;
}

/// Look `key` up (borrowed result).
pub fn dict_get(dict: u64, key: u64) -> R<Option<u64>> {
    let h = crate::protocols::hash::hash(key)?;
    dict_get_h(dict, key, h)
}

/// Look up with a precomputed hash.
pub fn dict_get_h(dict: u64, key: u64, h: i64) -> R<Option<u64>> {
    let o = d(dict);
    Ok(find(o, key, h)?.map(|ix| o.entries[ix].value))
}

/// Look up a str key (cannot raise).
pub fn dict_get_str_key(dict: u64, key: u64) -> Option<u64> {
    let h = crate::types::str::str_hash(key);
    let o = d(dict);
    match find(o, key, h) {
        Ok(r) => r.map(|ix| o.entries[ix].value),
        Err(_) => {
            crate::errors::clear_pending();
            None
        }
    }
}

/// `dict_get_str_key` that first tries the entry at `*hint` (a guess from
/// `typeobj::lookup_hinted`; null for none) and records where the key was
/// found.
#[inline]
pub fn dict_get_str_key_hinted(dict: u64, key: u64, hint: *mut u32) -> Option<u64> {
    let o = d(dict);
    if !hint.is_null() {
        // SAFETY: hint points at a live cache word; the entry is read only
        // when its index is in bounds.
        unsafe {
            let ix = *hint as usize;
            if ix < o.entries.len() {
                let e = &*o.entries.as_ptr().add(ix);
                if e.key == key {
                    return Some(e.value);
                }
            }
        }
    }
    let h = crate::types::str::str_hash(key);
    match find(o, key, h) {
        Ok(Some(ix)) => {
            if !hint.is_null() {
                // SAFETY: as above.
                unsafe { *hint = ix as u32 };
            }
            Some(o.entries[ix].value)
        }
        Ok(None) => None,
        Err(_) => {
            crate::errors::clear_pending();
            None
        }
    }
}

/// `dict[key] = value` for a str key, trying the entry at `*hint` first (see
/// `dict_get_str_key_hinted`).
pub fn dict_set_str_key_hinted(dict: u64, key: u64, value: u64, hint: *mut u32) -> R<()> {
    let o = d(dict);
    if !hint.is_null() {
        // SAFETY: as in `dict_get_str_key_hinted`.
        unsafe {
            let ix = *hint as usize;
            if ix < o.entries.len() && o.entries[ix].key == key {
                incref(value);
                let old = std::mem::replace(&mut o.entries[ix].value, value);
                decref(old);
                return Ok(());
            }
        }
    }
    dict_set_h(dict, key, value, crate::types::str::str_hash(key))?;
    let o = d(dict);
    // a new key is the last entry
    if let Some(last) = o.entries.len().checked_sub(1) {
        if !hint.is_null() && o.entries[last].key == key {
            // SAFETY: as above.
            unsafe { *hint = last as u32 };
        }
    }
    Ok(())
}

/// The entry index of an interned-str key (for per-site global caches).
pub fn dict_index_of_str_key(dict: u64, key: u64) -> Option<usize> {
    let h = crate::types::str::str_hash(key);
    match find(d(dict), key, h) {
        Ok(r) => r,
        Err(_) => {
            crate::errors::clear_pending();
            None
        }
    }
}

/// Look up by Rust string (borrowed result).
pub fn dict_get_str(dict: u64, key: &str) -> Option<u64> {
    dict_get_str_key(dict, crate::types::str::intern(key))
}

/// `dict[key] = value` (both borrowed).
pub fn dict_set(dict: u64, key: u64, value: u64) -> R<()> {
    let h = crate::protocols::hash::hash(key)?;
    dict_set_h(dict, key, value, h)
}

/// Set with a precomputed hash.
pub fn dict_set_h(dict: u64, key: u64, value: u64, h: i64) -> R<()> {
    let o = d(dict);
    if let Some(ix) = find(o, key, h)? {
        incref(value);
        let old = std::mem::replace(&mut o.entries[ix].value, value);
        decref(old);
        return Ok(());
    }
    push_entry(o, key, value, h);
    Ok(())
}

/// Add the entry `key: value` (new references to both), the key being absent.
fn push_entry(o: &mut DictObject, key: u64, value: u64, h: i64) {
    incref(key);
    incref(value);
    if o.indices.is_empty() || (o.entries.len() + 1) * 3 > o.indices.len() * 2 {
        rebuild(o, o.used + 1);
    }
    o.bloom |= bloom_bit(h);
    o.entries.push(Entry { hash: h, key, value });
    let ix = o.entries.len() - 1;
    insert_index(o, h, ix);
    o.used += 1;
    o.version += 1;
}

/// Append the entry `key: value` for a str key known to be absent (the
/// caller checked the bloom bit of `h`, the key's hash); no lookup.
pub fn dict_append_absent(dict: u64, key: u64, value: u64, h: i64) {
    let o = d(dict);
    debug_assert!(o.bloom & bloom_bit(h) == 0);
    push_entry(o, key, value, h);
}

/// True when a dict has `n` entries and none deleted, and `h`'s bloom bit is clear.
pub fn dict_can_append_at(dict: u64, n: usize, h: i64) -> bool {
    let o = d(dict);
    o.used == n && o.entries.len() == n && o.bloom & bloom_bit(h) == 0
}

/// Set a str-keyed entry from Rust (cannot raise).
pub fn dict_set_str(dict: u64, key: &str, value: u64) {
    let k = crate::types::str::intern(key);
    let _ = dict_set_h(dict, k, value, crate::types::str::str_hash(k));
}

/// Remove `key`; Ok(Some(value)) with the owned value when present.
pub fn dict_pop(dict: u64, key: u64) -> R<Option<u64>> {
    let h = crate::protocols::hash::hash(key)?;
    let o = d(dict);
    let ix = match find(o, key, h)? {
        Some(ix) => ix,
        None => return Ok(None),
    };
    let mask = o.indices.len() - 1;
    let mut perturb = h as u64;
    let mut i = (h as u64 as usize) & mask;
    while o.indices[i] != ix as u32 {
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
    o.indices[i] = DUMMY;
    let e = o.entries[ix];
    o.entries[ix].key = NO_KEY;
    o.entries[ix].value = 0;
    o.used -= 1;
    o.version += 1;
    decref(e.key);
    if o.used == 0 {
        o.entries.clear();
        o.indices.clear();
    }
    Ok(Some(e.value))
}

/// Delete `key`; Ok(false) when absent (no exception raised).
pub fn dict_del(dict: u64, key: u64) -> R<bool> {
    match dict_pop(dict, key)? {
        Some(v) => {
            decref(v);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Remove every entry.
pub fn dict_clear(dict: u64) {
    let o = d(dict);
    let entries = o.entries.take();
    o.indices.clear();
    o.used = 0;
    o.bloom = 0;
    o.version += 1;
    for e in entries {
        if e.key != NO_KEY {
            decref(e.key);
            decref(e.value);
        }
    }
}

/// A shallow copy.
pub fn dict_copy(dict: u64) -> u64 {
    let n = dict_new();
    let es: Vec<Entry> = d(dict).entries.iter().filter(|e| e.key != NO_KEY).copied().collect();
    for e in es {
        let _ = dict_set_h(n, e.key, e.value, e.hash);
    }
    n
}

#[no_mangle]
pub unsafe extern "C" fn molt_dict_new(argv: *const u64, n: usize) -> u64 {
    crate::gc::maybe_collect(); // safe point: compiled code owns every live value
    let items = if n == 0 { &[][..] } else { std::slice::from_raw_parts(argv, n) };
    let d = dict_new();
    for kv in items.chunks(2) {
        if kv.len() == 2 && dict_set(d, kv[0], kv[1]).is_err() {
            decref(d);
            return ERR;
        }
    }
    d
}

/// Merge a mapping into a dict (`{**m}`); later keys win.
pub fn dict_update_from(d: u64, m: u64) -> R<()> {
    if is_dict(m) {
        for (k, v) in dict_pairs(m) {
            dict_set(d, k, v)?;
        }
        return Ok(());
    }
    let keys = crate::errors::chk(crate::protocols::call::call_method_str(m, "keys", &[]));
    let keys = match keys {
        Ok(k) => k,
        Err(_) => {
            if crate::errors::pending_matches(crate::errors::Exc::AttributeError) {
                crate::errors::clear_pending();
                return Err(crate::errors::raise_type_error_p(format!("'{}' object is not a mapping", tname(m))));
            }
            return Err(crate::errors::Pending);
        }
    };
    let ks = crate::protocols::iter::collect(keys);
    decref(keys);
    for k in ks? {
        let v = crate::protocols::item::getitem(m, k);
        if v == ERR {
            decref(k);
            return Err(crate::errors::Pending);
        }
        let r = dict_set(d, k, v);
        decref(k);
        decref(v);
        r?;
    }
    Ok(())
}

#[no_mangle]
pub extern "C" fn molt_dict_update(d: u64, m: u64) -> u64 {
    crate::errors::unit(dict_update_from(d, m))
}

/// Merge a mapping into call kwargs: TypeError for repeated keys.
#[no_mangle]
pub extern "C" fn molt_dict_merge_kw(d: u64, m: u64, callee: u64) -> u64 {
    if !crate::protocols::item::mapping_check(m) {
        return crate::errors::raise_type_error(format!(
            "{} argument after ** must be a mapping, not {}",
            crate::protocols::call::func_desc(callee),
            tname(m)
        ));
    }
    let tmp = dict_new();
    if dict_update_from(tmp, m).is_err() {
        decref(tmp);
        return ERR;
    }
    for (k, v) in dict_pairs(tmp) {
        if !crate::types::str::is_str(k) {
            decref(tmp);
            return crate::errors::raise_type_error("keywords must be strings".to_string());
        }
        match dict_get(d, k) {
            Ok(Some(_)) => {
                let msg = format!(
                    "{} got multiple values for keyword argument '{}'",
                    crate::protocols::call::func_desc(callee),
                    crate::types::str::str_as(k)
                );
                decref(tmp);
                return crate::errors::raise_type_error(msg);
            }
            Ok(None) => {}
            Err(_) => {
                decref(tmp);
                return ERR;
            }
        }
        if dict_set(d, k, v).is_err() {
            decref(tmp);
            return ERR;
        }
    }
    decref(tmp);
    NONE
}

// ---- containers engineer: slots, methods, helpers ------------------------------------

use crate::errors::{chk, raise, raise_key_error, raise_type_error, raise_type_error_p, raise_value_error_p, unit, Exc};
use crate::types::builtin_func::{check_args, nkw, no_kwargs};

/// Live (key, hash) pairs in insertion order (borrowed keys).
pub fn dict_keys_hashes(v: u64) -> Vec<(u64, i64)> {
    d(v).entries.iter().filter(|e| e.key != NO_KEY).map(|e| (e.key, e.hash)).collect()
}

/// The entry at `ix` of the dense entry array (None when deleted or past
/// the end): for iterators.
pub fn dict_entry_at(v: u64, ix: usize) -> Option<Entry> {
    match d(v).entries.get(ix) {
        Some(e) if e.key != NO_KEY => Some(*e),
        _ => None,
    }
}

/// Length of the dense entry array (iteration bound).
pub fn dict_entries_len(v: u64) -> usize {
    d(v).entries.len()
}

/// Remove the entry at index `ix` (known live) and return (key, value) owned.
fn remove_ix(v: u64, ix: usize) -> (u64, u64) {
    let o = d(v);
    let e = o.entries[ix];
    let mask = o.indices.len() - 1;
    let mut perturb = e.hash as u64;
    let mut i = (e.hash as u64 as usize) & mask;
    while o.indices[i] != ix as u32 {
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
    o.indices[i] = DUMMY;
    o.entries[ix].key = NO_KEY;
    o.entries[ix].value = 0;
    o.used -= 1;
    o.version += 1;
    if o.used == 0 {
        o.entries.clear();
        o.indices.clear();
    } else {
        while let Some(last) = o.entries.last() {
            if last.key != NO_KEY {
                break;
            }
            // Trailing deleted entries are unreachable from the index table.
            o.entries.pop();
        }
    }
    (e.key, e.value)
}

/// `dict[key]` honouring `__missing__` on subclasses (new reference).
pub fn dict_subscript(v: u64, key: u64) -> u64 {
    match dict_get(v, key) {
        Err(_) => ERR,
        Ok(Some(x)) => newref(x),
        Ok(None) => {
            let t = type_of(v);
            if t != tp(TypeId::Dict) {
                if let Some(_m) = lookup_str(t, "__missing__") {
                    return crate::protocols::call::call_method_str(v, "__missing__", &[key]);
                }
            }
            raise_key_error(key)
        }
    }
}

unsafe fn dict_getitem_slot(v: u64, key: u64) -> u64 {
    dict_subscript(v, key)
}

unsafe fn dict_setitem_slot(v: u64, key: u64, value: u64) -> u64 {
    if value == UNBOUND {
        return match dict_pop(v, key) {
            Ok(Some(old)) => {
                decref(old);
                NONE
            }
            Ok(None) => raise_key_error(key),
            Err(_) => ERR,
        };
    }
    unit(dict_set(v, key, value))
}

unsafe fn dict_contains_slot(v: u64, key: u64) -> R<bool> {
    Ok(dict_get(v, key)?.is_some())
}

unsafe fn dict_repr(v: u64) -> u64 {
    if dict_len(v) == 0 {
        return crate::types::str::str_from("{}");
    }
    if !crate::protocols::repr::repr_enter(v) {
        return crate::types::str::str_from("{...}");
    }
    let pairs = dict_pairs(v);
    for &(k, x) in &pairs {
        incref(k);
        incref(x);
    }
    let mut out = String::from("{");
    let mut res = Ok(());
    for (i, &(k, x)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match crate::protocols::repr::repr_string(k) {
            Ok(s) => out.push_str(&s),
            Err(e) => {
                res = Err(e);
                break;
            }
        }
        out.push_str(": ");
        match crate::protocols::repr::repr_string(x) {
            Ok(s) => out.push_str(&s),
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    for (k, x) in pairs {
        decref(k);
        decref(x);
    }
    crate::protocols::repr::repr_leave(v);
    if res.is_err() {
        return ERR;
    }
    out.push('}');
    crate::types::str::str_from_string(out)
}

/// `a == b` for two dicts.
pub fn dict_equal(a: u64, b: u64) -> R<bool> {
    if dict_len(a) != dict_len(b) {
        return Ok(false);
    }
    let es: Vec<Entry> = d(a).entries.iter().filter(|e| e.key != NO_KEY).copied().collect();
    for e in es {
        // the entry may have been removed by a comparison callback
        incref(e.key);
        incref(e.value);
        let r = (|| -> R<bool> {
            match dict_get_h(b, e.key, e.hash)? {
                None => Ok(false),
                Some(bv) => {
                    incref(bv);
                    let r = crate::protocols::compare::eq_bool(e.value, bv);
                    decref(bv);
                    r
                }
            }
        })();
        decref(e.key);
        decref(e.value);
        if !r? {
            return Ok(false);
        }
    }
    Ok(true)
}

unsafe fn dict_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !is_dict(b) || !(op == CmpOp::Eq || op == CmpOp::Ne) {
        return NOT_IMPLEMENTED;
    }
    match dict_equal(a, b) {
        Ok(eq) => box_bool(eq == (op == CmpOp::Eq)),
        Err(_) => ERR,
    }
}

unsafe fn dict_or(a: u64, b: u64) -> u64 {
    if !is_dict(a) || !is_dict(b) {
        return NOT_IMPLEMENTED;
    }
    let n = dict_copy(a);
    if dict_update_from(n, b).is_err() {
        decref(n);
        return ERR;
    }
    n
}

unsafe fn dict_ior(a: u64, b: u64) -> u64 {
    if dict_update_arg(a, b).is_err() {
        return ERR;
    }
    newref(a)
}

unsafe fn dict_tp_new(t: *mut TypeObject, _args: &[u64], _kw: u64) -> u64 {
    dict_new_of(t)
}

unsafe fn dict_tp_init(v: u64, args: &[u64], kw: u64) -> u64 {
    unit(update_common(v, args, kw, "dict"))
}

/// `dict.update(arg, **kw)` / `dict(arg, **kw)` semantics.
fn update_common(v: u64, args: &[u64], kw: u64, name: &str) -> R<()> {
    let nk = nkw(kw);
    let np = args.len() - nk;
    if np > 1 {
        return Err(raise_type_error_p(format!("{} expected at most 1 argument, got {}", name, np)));
    }
    if np == 1 {
        dict_update_arg(v, args[0])?;
    }
    if nk > 0 {
        let names = crate::types::tuple::tuple_items(kw);
        for (i, &n) in names.iter().enumerate() {
            dict_set(v, n, args[np + i])?;
        }
    }
    Ok(())
}

/// Merge a mapping (anything with `keys`) or an iterable of pairs.
pub fn dict_update_arg(v: u64, arg: u64) -> R<()> {
    if is_dict(arg) {
        return dict_update_from(v, arg);
    }
    let has_keys = crate::protocols::attr::getattr_opt(arg, crate::types::str::intern("keys"))?;
    if let Some(k) = has_keys {
        decref(k);
        return dict_update_from(v, arg);
    }
    dict_merge_pairs(v, arg)
}

/// `dict_merge_from_seq2`: an iterable of 2-item iterables.
pub fn dict_merge_pairs(v: u64, seq: u64) -> R<()> {
    let it = chk(crate::protocols::iter::iter(seq))?;
    let mut i = 0usize;
    let r = (|| -> R<()> {
        while let Some(item) = crate::protocols::sequence::next_opt(it)? {
            let t = type_of(item);
            // SAFETY: t is live.
            let iterable = unsafe { (*t).slots.iter.is_some() || (*t).slots.getitem.is_some() };
            if !iterable {
                decref(item);
                return Err(raise_type_error_p(format!(
                    "cannot convert dictionary update sequence element #{} to a sequence",
                    i
                )));
            }
            let kv = crate::protocols::sequence::collect(item);
            decref(item);
            let kv = kv?;
            if kv.len() != 2 {
                let n = kv.len();
                crate::protocols::sequence::decref_all(kv);
                return Err(raise_value_error_p(format!(
                    "dictionary update sequence element #{} has length {}; 2 is required",
                    i, n
                )));
            }
            let r = dict_set(v, kv[0], kv[1]);
            crate::protocols::sequence::decref_all(kv);
            r?;
            i += 1;
        }
        Ok(())
    })();
    decref(it);
    r
}

unsafe fn dict_get_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict.get", args, kw, 1, 2));
    match ok!(dict_get(args[0], args[1])) {
        Some(x) => newref(x),
        None => {
            if args.len() == 3 {
                newref(args[2])
            } else {
                NONE
            }
        }
    }
}

unsafe fn dict_setdefault_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict.setdefault", args, kw, 1, 2));
    let dflt = if args.len() == 3 { args[2] } else { NONE };
    let h = ok!(crate::protocols::hash::hash(args[1]));
    match ok!(dict_get_h(args[0], args[1], h)) {
        Some(x) => newref(x),
        None => {
            ok!(dict_set_h(args[0], args[1], dflt, h));
            newref(dflt)
        }
    }
}

unsafe fn dict_pop_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict.pop", args, kw, 1, 2));
    match ok!(dict_pop(args[0], args[1])) {
        Some(x) => x,
        None => {
            if args.len() == 3 {
                newref(args[2])
            } else {
                raise_key_error(args[1])
            }
        }
    }
}

unsafe fn dict_popitem_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict.popitem", args, kw, 0, 0));
    let v = args[0];
    if dict_len(v) == 0 {
        return raise(Exc::KeyError, "popitem(): dictionary is empty".to_string());
    }
    let o = d(v);
    let mut ix = o.entries.len();
    while ix > 0 && o.entries[ix - 1].key == NO_KEY {
        ix -= 1;
    }
    let (k, x) = remove_ix(v, ix - 1);
    crate::types::tuple::tuple_new(vec![k, x])
}

unsafe fn dict_update_m(args: &[u64], kw: u64) -> u64 {
    unit(update_common(args[0], &args[1..], kw, "update"))
}

unsafe fn dict_keys_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict.keys", args, kw, 0, 0));
    crate::types::dictviews::view_new(TypeId::DictKeys, args[0])
}

unsafe fn dict_values_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict.values", args, kw, 0, 0));
    crate::types::dictviews::view_new(TypeId::DictValues, args[0])
}

unsafe fn dict_items_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict.items", args, kw, 0, 0));
    crate::types::dictviews::view_new(TypeId::DictItems, args[0])
}

unsafe fn dict_copy_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict.copy", args, kw, 0, 0));
    dict_copy(args[0])
}

unsafe fn dict_clear_m(args: &[u64], kw: u64) -> u64 {
    ok!(crate::protocols::sequence::margs("dict.clear", args, kw, 0, 0));
    dict_clear(args[0]);
    NONE
}

unsafe fn dict_reversed_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__reversed__", args, kw, 1, 1));
    crate::types::dictviews::dict_reviter_new(args[0], TypeId::DictRevKeyIterator)
}

unsafe fn dict_fromkeys_m(args: &[u64], kw: u64) -> u64 {
    ok!(no_kwargs("fromkeys", kw));
    if args.len() < 2 || args.len() > 3 {
        return raise_type_error(format!(
            "fromkeys expected {}, got {}",
            if args.len() < 2 { "at least 1 argument" } else { "at most 2 arguments" },
            args.len() - 1
        ));
    }
    let cls = args[0];
    let value = if args.len() == 3 { args[2] } else { NONE };
    let dv = tri!(crate::protocols::call::call_function(cls, &[], 0));
    let exact = type_of(dv) == tp(TypeId::Dict);
    let r = crate::protocols::sequence::for_each(args[1], &mut |k| {
        if exact {
            dict_set(dv, k, value)
        } else {
            chk(crate::protocols::item::setitem(dv, k, value)).map(|_| ())
        }
        .map(|_| true)
    });
    if r.is_err() {
        decref(dv);
        return ERR;
    }
    dv
}
