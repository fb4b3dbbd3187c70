//! object.rs — the heap object header, allocation and reference counting
//! (specs/runtime-abi.md §2–3).
//! Neighbours: value.rs (words pointing here), typeobj.rs (the `ty` field and
//! the per-type slots used to drop and traverse objects), gc.rs (the cycle
//! collector, which owns the GC links allocated before tracked objects).

use crate::typeobj::{TypeObject, TPFLAG_HAS_DEL, TPFLAG_HAVE_GC, TPFLAG_HEAPTYPE};
use crate::value::*;
use std::alloc::{alloc_zeroed, dealloc as sys_dealloc, Layout};

/// The header at offset 0 of every heap object. 16 bytes on every target.
#[repr(C)]
pub struct ObjHeader {
    pub refcnt: u32,
    pub flags: u32,
    pub ty: *mut TypeObject,
    #[cfg(target_pointer_width = "32")]
    pub _pad: u32,
}

const _: () = assert!(std::mem::size_of::<ObjHeader>() == 16);

pub const IMMORTAL: u32 = u32::MAX;

/// Header flag bits (bits 0 and 3 are part of the ABI).
pub const OF_GC_TRACKED: u32 = 1;
/// The allocation carries a `GcHead` before the header.
pub const OF_HAS_GC_HEAD: u32 = 2;
/// `__del__` already ran.
pub const OF_FINALIZED: u32 = 4;
/// A list whose items are all immediates (types/list.rs; part of the ABI:
/// compiled item stores test and clear it, runtimeAbi.ts `headerFlags`).
pub const OF_IMMEDIATE_ITEMS: u32 = crate::abi_consts::OF_IMMEDIATE_ITEMS;
const _: () = assert!(OF_IMMEDIATE_ITEMS & (OF_GC_TRACKED | OF_HAS_GC_HEAD | OF_FINALIZED) == 0);

/// GC bookkeeping placed before the header of objects whose type has
/// `TPFLAG_HAVE_GC` (see gc.rs): the object's place in the tracked array,
/// its tracking sequence number (collection order) and the collector's
/// scratch reference count.
#[repr(C)]
pub struct GcHead {
    pub index: usize,
    pub seq: u64,
    pub refs: i64,
}

pub const GC_HEAD_SIZE: usize = std::mem::size_of::<GcHead>();
const _: () = assert!(GC_HEAD_SIZE % 8 == 0);

pub const ALIGN: usize = 8;

/// Allocate a zeroed object of `(*ty).basicsize` bytes with refcount 1.
/// The caller initialises the fields after the header with `ptr::write`.
///
/// # Safety
/// `ty` must be a live type object whose basicsize covers the struct the
/// caller writes.
pub unsafe fn alloc_object(ty: *mut TypeObject) -> *mut ObjHeader {
    let size = (*ty).basicsize as usize;
    let gc = (*ty).tpflags & TPFLAG_HAVE_GC != 0;
    let prefix = if gc { GC_HEAD_SIZE } else { 0 };
    let raw = if size + prefix <= POOL_MAX {
        pool_alloc(size + prefix)
    } else {
        alloc_zeroed(Layout::from_size_align_unchecked(size + prefix, ALIGN))
    };
    if raw.is_null() {
        crate::errors::fatal("out of memory");
    }
    let p = raw.add(prefix) as *mut ObjHeader;
    (*p).refcnt = 1;
    (*p).flags = if gc { OF_HAS_GC_HEAD } else { 0 };
    (*p).ty = ty;
    if (*ty).tpflags & TPFLAG_HEAPTYPE != 0 {
        incref_ptr(ty as *mut ObjHeader);
    }
    if (*ty).nslots > 0 && (*ty).tpflags & TPFLAG_HEAPTYPE != 0 {
        // `__slots__` words start unset (UNBOUND): zero is the float +0.0.
        let mut off = (*ty).slots_offset as usize;
        while off < size {
            if off != (*ty).dict_offset as usize {
                *((p as *mut u8).add(off) as *mut u64) = crate::value::UNBOUND;
            }
            off += 8;
        }
    }
    if gc {
        crate::gc::track(p);
    }
    p
}

/// Allocate an object of struct `T` for type `ty` and move `value` into it.
/// `value`'s header field is overwritten by the allocated header.
///
/// # Safety
/// `T` must be `#[repr(C)]` and start with an `ObjHeader`.
pub unsafe fn new_object<T>(ty: *mut TypeObject, value: T) -> *mut T {
    debug_assert!((*ty).basicsize as usize >= std::mem::size_of::<T>());
    let p = alloc_object(ty);
    let header = std::ptr::read(p);
    let t = p as *mut T;
    std::ptr::write(t, value);
    std::ptr::write(p, header);
    t
}

/// An empty header placeholder for struct literals passed to `new_object`.
pub const fn header0() -> ObjHeader {
    ObjHeader {
        refcnt: 0,
        flags: 0,
        ty: std::ptr::null_mut(),
        #[cfg(target_pointer_width = "32")]
        _pad: 0,
    }
}

/// Release the memory of an object (no destructor logic).
unsafe fn free_object(p: *mut ObjHeader, ty: *mut TypeObject) {
    let size = (*ty).basicsize as usize;
    let gc = (*p).flags & OF_HAS_GC_HEAD != 0;
    let prefix = if gc { GC_HEAD_SIZE } else { 0 };
    let raw = (p as *mut u8).sub(prefix);
    if size + prefix <= POOL_MAX {
        pool_free(raw, size + prefix);
    } else {
        sys_dealloc(raw, Layout::from_size_align_unchecked(size + prefix, ALIGN));
    }
}

// ---- small-object pool -------------------------------------------------------
//
// Objects of up to POOL_MAX bytes (with their GC prefix) come from 64 KiB
// chunks of the system allocator, in size classes of 16 bytes, and are
// recycled through one free list per class (the free list link is the
// block's first word). Chunks are kept for the life of the process, as
// CPython's small-object allocator mostly does. Python code runs on one
// thread (entry.rs), so the pool is not locked.

const POOL_MAX: usize = 512;
const POOL_STEP: usize = 16;
const POOL_CHUNK: usize = 64 * 1024;

struct Pool {
    free: [*mut u8; POOL_MAX / POOL_STEP],
    bump: usize,
    end: usize,
}

static mut POOL: Pool = Pool { free: [std::ptr::null_mut(); POOL_MAX / POOL_STEP], bump: 0, end: 0 };

/// A zeroed block for `total` bytes (at most POOL_MAX), or null.
unsafe fn pool_alloc(total: usize) -> *mut u8 {
    let class = (total + POOL_STEP - 1) / POOL_STEP - 1;
    let size = (class + 1) * POOL_STEP;
    let pool = std::ptr::addr_of_mut!(POOL);
    let head = (*pool).free[class];
    if !head.is_null() {
        (*pool).free[class] = *(head as *mut *mut u8);
        std::ptr::write_bytes(head, 0, size);
        return head;
    }
    if (*pool).bump + size > (*pool).end {
        let chunk = alloc_zeroed(Layout::from_size_align_unchecked(POOL_CHUNK, POOL_STEP));
        if chunk.is_null() {
            return chunk;
        }
        (*pool).bump = chunk as usize;
        (*pool).end = chunk as usize + POOL_CHUNK;
    }
    let p = (*pool).bump as *mut u8;
    (*pool).bump += size;
    p
}

unsafe fn pool_free(raw: *mut u8, total: usize) {
    let class = (total + POOL_STEP - 1) / POOL_STEP - 1;
    let pool = std::ptr::addr_of_mut!(POOL);
    *(raw as *mut *mut u8) = (*pool).free[class];
    (*pool).free[class] = raw;
}

#[inline(always)]
pub unsafe fn incref_ptr(p: *mut ObjHeader) {
    let rc = (*p).refcnt;
    if rc != IMMORTAL {
        (*p).refcnt = rc + 1;
    }
}

#[inline(always)]
pub unsafe fn decref_ptr(p: *mut ObjHeader) {
    let rc = (*p).refcnt;
    if rc == IMMORTAL {
        return;
    }
    if rc <= 1 {
        dealloc(p);
    } else {
        (*p).refcnt = rc - 1;
    }
}

/// Take a new reference to any word (immediates are ignored).
#[inline(always)]
pub fn incref(v: u64) {
    if is_ptr(v) {
        // SAFETY: a TAG_PTR word always points at a live object header.
        unsafe { incref_ptr(ptr_of(v)) }
    }
}

/// Drop a reference to any word; frees the object when it was the last.
#[inline(always)]
pub fn decref(v: u64) {
    if is_ptr(v) {
        // SAFETY: a TAG_PTR word always points at a live object header.
        unsafe { decref_ptr(ptr_of(v)) }
    }
}

/// incref and return the word (for "return a new reference" code).
#[inline(always)]
pub fn newref(v: u64) -> u64 {
    incref(v);
    v
}

/// Make an object immortal (constants, interned strings, builtin types).
pub fn make_immortal(v: u64) {
    if is_ptr(v) {
        // SAFETY: live header.
        unsafe { (*ptr_of(v)).refcnt = IMMORTAL }
    }
}

/// Refcount of a word (tests and the GC). Immediates report IMMORTAL.
pub fn refcnt(v: u64) -> u32 {
    if is_ptr(v) {
        // SAFETY: live header.
        unsafe { (*ptr_of(v)).refcnt }
    } else {
        IMMORTAL
    }
}

/// The last reference went away: finalize, release owned references, free.
unsafe fn dealloc(p: *mut ObjHeader) {
    let ty = (*p).ty;
    // Only a class with `__del__` (TPFLAG_HAS_DEL: heap types only) finalizes.
    if (*ty).tpflags & TPFLAG_HAS_DEL != 0 && (*p).flags & OF_FINALIZED == 0 {
        (*p).flags |= OF_FINALIZED;
        (*p).refcnt = 1; // keep alive while __del__ runs
        crate::typeobj::run_del(p);
        (*p).refcnt -= 1;
        if (*p).refcnt > 0 {
            return; // resurrected
        }
    }
    if (*p).flags & OF_GC_TRACKED != 0 {
        crate::gc::untrack(p);
    }
    if let Some(drop_fn) = (*ty).slots.drop {
        drop_fn(p);
    }
    free_object(p, ty);
    if (*ty).tpflags & TPFLAG_HEAPTYPE != 0 {
        decref_ptr(ty as *mut ObjHeader);
    }
}

/// Replace a word held in a field: store `new` (owned) and drop the old one.
#[inline]
pub fn replace_field(field: &mut u64, new: u64) {
    let old = std::mem::replace(field, new);
    decref(old);
}

/// Decref a word held in a field unless it is 0 (a never-set field).
#[inline]
pub fn decref_field(v: u64) {
    if v != 0 {
        decref(v);
    }
}
