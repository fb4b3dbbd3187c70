//! protocols/attr.rs — attribute access: the generic algorithm (data
//! descriptors, instance dict, non-data descriptors, `__getattr__`),
//! instance dicts, and the exports `molt_getattr/setattr/delattr`.
//! Neighbours: type_.rs (attribute access on classes), slotdefs.rs
//! (user `__getattribute__`/`__getattr__`/`__setattr__`).

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::dict::*;
use crate::types::str::is_str;
use crate::value::*;

/// Pointer to the instance `__dict__` word of `v`, when its type has one.
#[inline]
pub fn dict_slot(v: u64) -> Option<*mut u64> {
    if !is_ptr(v) {
        return None;
    }
    let t = type_of(v);
    // SAFETY: t is live; the offset lies inside the instance.
    unsafe {
        let off = (*t).dict_offset;
        if off == 0 {
            return None;
        }
        Some((ptr_of(v) as *mut u8).add(off as usize) as *mut u64)
    }
}

/// The existing instance dict of `v` (borrowed), if any.
pub fn instance_dict(v: u64) -> Option<u64> {
    let s = dict_slot(v)?;
    // SAFETY: s points into the live instance.
    let d = unsafe { *s };
    if d == 0 {
        None
    } else {
        Some(d)
    }
}

/// A new dict for the instance-dict word of `v`: an owned (untracked)
/// dict when the word is one `v`'s user class added, which its traverse
/// visits (slotdefs `adds_dict_word`), else an ordinary dict.
pub fn new_instance_dict(v: u64) -> u64 {
    // SAFETY: v's type is live.
    if unsafe { crate::slotdefs::adds_dict_word(type_of(v)) } {
        dict_new_owned()
    } else {
        dict_new()
    }
}

/// The instance dict of `v` where Python code gets hold of it
/// (`v.__dict__`, `vars(v)`): created if needed and tracked from now on,
/// since it can outlive `v` or be shared (borrowed).
pub fn instance_dict_escaping(v: u64) -> R<u64> {
    let d = instance_dict_or_create(v)?;
    // SAFETY: d is a live dict (track is a no-op when already tracked).
    unsafe { crate::gc::track(ptr_of(d)) };
    Ok(d)
}

/// The instance dict of `v`, created on first use (borrowed).
pub fn instance_dict_or_create(v: u64) -> R<u64> {
    match dict_slot(v) {
        Some(s) => {
            // SAFETY: s points into the live instance.
            unsafe {
                if *s == 0 {
                    *s = new_instance_dict(v);
                }
                Ok(*s)
            }
        }
        None => Err(raise_p(Exc::AttributeError, format!("'{}' object has no attribute '__dict__'", tname(v)))),
    }
}

/// Generic `__getattribute__` without raising AttributeError for a missing
/// name (Ok(None)).
pub unsafe fn generic_getattr_opt(obj: u64, name: u64) -> R<Option<u64>> {
    let t = type_of(obj);
    let (descr, hint) = lookup_hinted(t, name);
    let mut dget = None;
    if let Some(d) = descr {
        let dt = type_of(d);
        dget = (*dt).slots.descr_get;
        if let Some(g) = dget {
            if (*dt).slots.descr_set.is_some() {
                return Ok(Some(chk(g(d, obj, from_ptr(t)))?));
            }
        }
    }
    if let Some(dict) = instance_dict(obj) {
        let v = if is_exact_str(name) { dict_get_str_key_hinted(dict, name, hint) } else { dict_get_str_key_or_any(dict, name)? };
        if let Some(v) = v {
            return Ok(Some(newref(v)));
        }
    }
    if let Some(d) = descr {
        if let Some(g) = dget {
            return Ok(Some(chk(g(d, obj, from_ptr(t)))?));
        }
        return Ok(Some(newref(d)));
    }
    if is_str(name) && crate::types::str::str_as(name) == "__dict__" {
        if dict_slot(obj).is_some() {
            return Ok(Some(newref(instance_dict_escaping(obj)?)));
        }
    }
    Ok(None)
}

#[inline]
fn is_exact_str(v: u64) -> bool {
    is_ptr(v) && type_of(v) == tp(TypeId::Str)
}

#[inline]
fn dict_get_str_key_or_any(dict: u64, name: u64) -> R<Option<u64>> {
    if is_str(name) {
        Ok(dict_get_str_key(dict, name))
    } else {
        dict_get(dict, name)
    }
}

/// Generic `__getattribute__` (object's getattr slot).
pub unsafe fn generic_getattr(obj: u64, name: u64) -> u64 {
    match generic_getattr_opt(obj, name) {
        Ok(Some(v)) => v,
        Ok(None) => raise_attribute_error(obj, name),
        Err(_) => ERR,
    }
}

/// Generic `__setattr__`/`__delattr__` (v == UNBOUND deletes).
pub unsafe fn generic_setattr(obj: u64, name: u64, v: u64) -> u64 {
    let t = type_of(obj);
    let (descr, hint) = lookup_hinted(t, name);
    if let Some(d) = descr {
        if let Some(s) = (*type_of(d)).slots.descr_set {
            return s(d, obj, v);
        }
    }
    match dict_slot(obj) {
        Some(_) => {
            let dict = ok!(instance_dict_or_create(obj));
            if v == UNBOUND {
                let found = ok!(dict_del(dict, name));
                if !found {
                    return raise_attribute_error(obj, name);
                }
            } else if is_exact_str(name) {
                ok!(dict_set_str_key_hinted(dict, name, v, hint));
            } else {
                ok!(dict_set(dict, name, v));
            }
            NONE
        }
        None => {
            let n = crate::types::str::str_as(name);
            if lookup(t, name).is_some() {
                raise(Exc::AttributeError, format!("'{}' object attribute '{}' is read-only", tname(obj), n))
            } else {
                raise(Exc::AttributeError, format!("'{}' object has no attribute '{}'", tname(obj), n))
            }
        }
    }
}

/// `obj.name` (new reference or ERR).
#[inline]
pub fn getattr(obj: u64, name: u64) -> u64 {
    let t = type_of(obj);
    // SAFETY: t is live.
    unsafe {
        match (*t).slots.getattr {
            Some(g) => g(obj, name),
            None => generic_getattr(obj, name),
        }
    }
}

/// `obj.name` by Rust string.
pub fn getattr_str(obj: u64, name: &'static str) -> u64 {
    getattr(obj, crate::types::str::intern_static(name))
}

/// `getattr(obj, name, <missing>)`: Ok(None) when AttributeError.
pub fn getattr_opt(obj: u64, name: u64) -> R<Option<u64>> {
    let t = type_of(obj);
    // SAFETY: t is live.
    unsafe {
        let g = (*t).slots.getattr;
        if g.is_none() || has_generic_getattr(t) {
            return match generic_getattr_opt(obj, name) {
                Err(_) if pending_matches(Exc::AttributeError) => {
                    clear_pending();
                    Ok(None)
                }
                r => r,
            };
        }
        let r = g.unwrap()(obj, name);
        if r == ERR {
            if pending_matches(Exc::AttributeError) {
                clear_pending();
                return Ok(None);
            }
            return Err(Pending);
        }
        Ok(Some(r))
    }
}

/// `obj.name = v` (v == UNBOUND deletes).
pub fn setattr(obj: u64, name: u64, v: u64) -> u64 {
    let t = type_of(obj);
    // SAFETY: t is live.
    unsafe {
        match (*t).slots.setattr {
            Some(s) => s(obj, name, v),
            None => {
                if v == UNBOUND {
                    raise_type_error(format!("'{}' object has no attributes (del .{})", tname(obj), crate::types::str::str_as(name)))
                } else {
                    raise_type_error(format!(
                        "'{}' object has no attributes (assign to .{})",
                        tname(obj),
                        crate::types::str::str_as(name)
                    ))
                }
            }
        }
    }
}

fn check_name(name: u64) -> bool {
    if is_str(name) {
        true
    } else {
        raise_type_error(format!("attribute name must be string, not '{}'", tname(name)));
        false
    }
}

#[no_mangle]
pub extern "C" fn molt_getattr(obj: u64, name: u64) -> u64 {
    if !check_name(name) {
        return ERR;
    }
    getattr(obj, name)
}

/// The `index` word of a `getattr` cache entry for a `__slots__` member.
pub const GETATTR_CACHE_SLOT: u64 = u64::MAX;

/// True when `t` uses the generic `__getattribute__` (no override in Python).
pub fn has_generic_getattr(t: *mut TypeObject) -> bool {
    // SAFETY: t is a live type.
    unsafe { (*t).slots.getattr.map(|f| f as usize) == Some(generic_getattr as *const () as usize) }
}

/// True when `t` uses the generic `__setattr__`.
pub fn has_generic_setattr(t: *mut TypeObject) -> bool {
    // SAFETY: t is a live type.
    unsafe { (*t).slots.setattr.map(|f| f as usize) == Some(generic_setattr as *const () as usize) }
}

/// The cache entry of a `__slots__` member (descriptor `d`) of type `t` at `version`.
unsafe fn member_entry(t: *mut TypeObject, version: u32, d: u64) -> [u64; 4] {
    [t as u64, version as u64, (*as_obj::<crate::types::descr::MemberDescr>(d)).offset as u64, GETATTR_CACHE_SLOT]
}

/// The cache entry of instance-dict entry `ix` of `obj` (whose dict word is at `slot`).
fn dict_entry(t: *mut TypeObject, version: u32, obj: u64, slot: *mut u64, ix: usize) -> [u64; 4] {
    [t as u64, version as u64, (slot as usize - ptr_of(obj) as usize) as u64, ix as u64 + 1]
}

/// `getattr` through a per-site inline cache of compiled code:
/// `CACHE_ATTR_ENTRIES` entries `[type, type version, offset, index]` (the
/// newest first; see `record_front`). Compiled code answers
/// inline when the object's type and that type's version are the cached ones
/// and either `index` is `GETATTR_CACHE_SLOT` and the word at `offset` in the
/// object (a `__slots__` member) is set, or the instance dict (whose word is
/// at `offset`) still holds `name` at entry `index - 1`. Otherwise it calls
/// this, which looks the attribute up as `getattr` does and records where
/// the value came from when the type uses the generic `__getattribute__` and
/// `name` is a `__slots__` member, or is in the instance dict and not a data
/// descriptor of the type (the version pins those facts: any change to the
/// type or a base bumps it).
///
/// # Safety
/// `cache` points at `ATTR_CACHE_WORDS` writable words owned by the call site.
#[no_mangle]
pub unsafe extern "C" fn molt_getattr_cached(obj: u64, name: u64, cache: *mut u64) -> u64 {
    if !is_ptr(obj) || !is_exact_str(name) {
        return molt_getattr(obj, name);
    }
    // The check native code makes inline (the wasm backend's fast path).
    if let Some(p) = cached_word(obj, name, cache) {
        let v = *p;
        if v != UNBOUND {
            return newref(v);
        }
    }
    let t = type_of(obj);
    let version = (*t).version;
    if !has_generic_getattr(t) || version == 0 {
        return getattr(obj, name);
    }
    let (descr, hint) = lookup_hinted(t, name);
    if let Some(d) = descr {
        if type_of(d) == tp(TypeId::MemberDescriptor) {
            let v = getattr(obj, name);
            if v != ERR {
                record(cache, member_entry(t, version, d));
            }
            return v;
        }
        if (*type_of(d)).slots.descr_set.is_some() {
            return generic_getattr(obj, name);
        }
    }
    if let (Some(dict), Some(slot)) = (instance_dict(obj), dict_slot(obj)) {
        if let Some(ix) = hinted_index(dict, name, hint) {
            record(cache, dict_entry(t, version, obj, slot, ix));
            return newref(dict_entry_at(dict, ix).map_or(NONE, |e| e.value));
        }
    }
    generic_getattr(obj, name)
}

/// The attribute's word per a site's cache (see `molt_getattr_cached`),
/// when one of its entries holds for `obj` and `name`.
/// The entries of a site's cache recorded for `obj`'s type at its current
/// version, as (index word, the word at the entry's offset in `obj`).
unsafe fn live_entries(obj: u64, cache: *mut u64) -> impl Iterator<Item = (u64, *mut u64)> {
    let t = type_of(obj);
    let version = (*t).version as u64;
    let c = std::slice::from_raw_parts(cache, ATTR_CACHE_WORDS);
    c.chunks_exact(4)
        .filter(move |e| e[0] == t as u64 && e[1] == version)
        .map(move |e| (e[3], (ptr_of(obj) as *mut u8).add(e[2] as usize) as *mut u64))
}

unsafe fn cached_word(obj: u64, name: u64, cache: *mut u64) -> Option<*mut u64> {
    for (index, at) in live_entries(obj, cache) {
        if index == GETATTR_CACHE_SLOT {
            return Some(at);
        }
        let dict = *at;
        if dict != 0 {
            let ix = (index - 1) as usize;
            if ix < dict_entries_len(dict) {
                let o = as_obj::<DictObject>(dict);
                let entry = (*o).entries.as_ptr().add(ix) as *mut Entry;
                if (*entry).key == name {
                    return Some(std::ptr::addr_of_mut!((*entry).value));
                }
            }
        }
    }
    None
}

/// The entry index of `name` in `dict`: first where the type cache's hint
/// says (a site that sees several types finds each one's index there), then
/// by probing, keeping the hint up to date.
unsafe fn hinted_index(dict: u64, name: u64, hint: *mut u32) -> Option<usize> {
    if !hint.is_null() {
        let ix = *hint as usize;
        if dict_entry_at(dict, ix).map_or(false, |e| e.key == name) {
            return Some(ix);
        }
    }
    let ix = dict_index_of_str_key(dict, name)?;
    if !hint.is_null() {
        *hint = ix as u32;
    }
    Some(ix)
}

/// Words of a `getattr`/`setattr` site's cache: `CACHE_ATTR_ENTRIES`
/// entries of 4 words (compiled code checks the first
/// `CACHE_INLINE_ENTRIES` inline, the runtime all of them).
pub const ATTR_CACHE_WORDS: usize = 4 * crate::abi_consts::CACHE_ATTR_ENTRIES;

/// Record entry `e` (of `width` words) at the front of a site's cache of
/// `words` words: the entry of the same type (word 0) is removed, else the
/// last one; the others move one place back. Hits never reorder a cache,
/// so a site that sees more types than compiled code checks inline keeps
/// answering the first ones inline.
pub unsafe fn record_front(cache: *mut u64, words: usize, width: usize, e: &[u64]) {
    let c = std::slice::from_raw_parts_mut(cache, words);
    let same = (0..words / width).find(|&k| c[k * width] == e[0]).unwrap_or(words / width - 1);
    c.copy_within(0..same * width, width);
    c[..width].copy_from_slice(e);
}

unsafe fn record(cache: *mut u64, e: [u64; 4]) {
    record_front(cache, ATTR_CACHE_WORDS, 4, &e);
}

/// `setattr` through a per-site inline cache of compiled code, laid out as
/// `molt_getattr_cached`'s: compiled code stores inline when the object's
/// type and version are the cached ones and the target is the cached
/// `__slots__` member or an existing instance-dict entry for `name`;
/// otherwise it calls this, which sets the attribute as `setattr` does and
/// then records where it went (only for types with the generic
/// `__setattr__`, and a `__slots__` member or an instance-dict entry that is
/// no data descriptor of the type).
///
/// # Safety
/// `cache` points at `ATTR_CACHE_WORDS` writable words owned by the call site.
#[no_mangle]
pub unsafe extern "C" fn molt_setattr_cached(obj: u64, name: u64, v: u64, cache: *mut u64) -> u64 {
    if !is_ptr(obj) || !is_exact_str(name) || v == UNBOUND {
        return molt_setattr(obj, name, v);
    }
    // The store native code makes inline (the wasm backend's fast path).
    if let Some(p) = cached_word(obj, name, cache) {
        incref(v);
        let old = std::mem::replace(&mut *p, v);
        decref(old);
        return NONE;
    }
    if append_cached(obj, name, v, cache) {
        return NONE;
    }
    let t = type_of(obj);
    let version = (*t).version;
    if !has_generic_setattr(t) || version == 0 {
        return setattr(obj, name, v);
    }
    // `generic_setattr`, recording where the value went.
    let (descr, hint) = lookup_hinted(t, name);
    if let Some(d) = descr {
        let dt = type_of(d);
        if let Some(set) = (*dt).slots.descr_set {
            let r = set(d, obj, v);
            if r != ERR && dt == tp(TypeId::MemberDescriptor) && (*t).version == version {
                record(cache, member_entry(t, version, d));
            }
            return r;
        }
    }
    let slot = match dict_slot(obj) {
        Some(s) => s,
        None => return setattr(obj, name, v), // raises AttributeError
    };
    let dict = match instance_dict_or_create(obj) {
        Ok(dict) => dict,
        Err(_) => return ERR,
    };
    if dict_set_str_key_hinted(dict, name, v, hint).is_err() {
        return ERR;
    }
    // The store usually left the entry's index in the type cache's hint (no second probe).
    if let (Some(ix), true) = (hinted_index(dict, name, hint), (*t).version == version) {
        record(cache, dict_entry(t, version, obj, slot, ix));
    }
    NONE
}

/// A store that adds `name` to the instance dict where the site's cache
/// expects it (`__init__` setting the attributes of a new instance): the
/// cached entry of the object's type and version says the attribute is the
/// dict's entry `ix` (the version pins that the type has the generic
/// `__setattr__` and no data descriptor `name`), and the dict has exactly
/// `ix` live entries and no bit of `name`'s hash in its bloom, so `name` is
/// absent and is appended without a lookup (a new instance has no dict yet:
/// it is made for `ix` 0). Returns false, changing nothing, otherwise.
unsafe fn append_cached(obj: u64, name: u64, v: u64, cache: *mut u64) -> bool {
    for (index, at) in live_entries(obj, cache) {
        if index == GETATTR_CACHE_SLOT || index == 0 {
            continue;
        }
        let ix = (index - 1) as usize;
        let h = crate::types::str::str_hash(name);
        if *at == 0 {
            if ix != 0 {
                return false;
            }
            *at = new_instance_dict(obj);
        } else if !dict_can_append_at(*at, ix, h) {
            return false;
        }
        dict_append_absent(*at, name, v, h);
        return true;
    }
    false
}

#[no_mangle]
pub extern "C" fn molt_setattr(obj: u64, name: u64, v: u64) -> u64 {
    if !check_name(name) {
        return ERR;
    }
    setattr(obj, name, v)
}

#[no_mangle]
pub extern "C" fn molt_delattr(obj: u64, name: u64) -> u64 {
    if !check_name(name) {
        return ERR;
    }
    setattr(obj, name, UNBOUND)
}
