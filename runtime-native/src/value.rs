//! value.rs — NaN-boxed value words (specs/runtime-abi.md §1).
//! Neighbours: object.rs (heap header behind TAG_PTR words), types/int.rs and
//! types/float.rs (semantics of the immediate numbers).

use crate::object::ObjHeader;

/// Every Python value crossing the ABI.
pub type Word = u64;

// The numbers come from the generated abi_consts.rs (packages/ir/src/runtimeAbi.ts).
use crate::abi_consts as abi;
pub use crate::abi_consts::{TAG_BOOL, TAG_INT, TAG_NONE, TAG_PTR, TAG_SHIFT};
pub const PAYLOAD_MASK: u64 = (1u64 << abi::SMALL_INT_BITS) - 1;
pub const TAG_IMM: u64 = abi::TAG_OTHER;

pub const NONE: u64 = TAG_NONE << TAG_SHIFT;
pub const FALSE: u64 = TAG_BOOL << TAG_SHIFT;
pub const TRUE: u64 = (TAG_BOOL << TAG_SHIFT) | 1;
pub const NOT_IMPLEMENTED: u64 = (TAG_IMM << TAG_SHIFT) | abi::IMM_NOT_IMPLEMENTED;
pub const ELLIPSIS: u64 = (TAG_IMM << TAG_SHIFT) | abi::IMM_ELLIPSIS;
/// Internal marker: unbound local, exhausted iterator, "delete" for set slots.
pub const UNBOUND: u64 = (TAG_IMM << TAG_SHIFT) | abi::IMM_UNBOUND;
/// Internal marker: the sent value of a generator being thrown into.
pub const THROW: u64 = (TAG_IMM << TAG_SHIFT) | abi::IMM_THROW;
/// "An exception is pending" (never a Python value).
pub const ERR: u64 = u64::MAX;

pub const INT_MIN: i64 = -(1i64 << (abi::SMALL_INT_BITS - 1));
pub const INT_MAX: i64 = (1i64 << (abi::SMALL_INT_BITS - 1)) - 1;

pub const CANON_NAN_POS: u64 = abi::NAN_TOP_POS << TAG_SHIFT;
pub const CANON_NAN_NEG: u64 = abi::NAN_TOP_NEG << TAG_SHIFT;

#[inline(always)]
pub fn tag(v: u64) -> u64 {
    v >> TAG_SHIFT
}
#[inline(always)]
pub fn is_int(v: u64) -> bool {
    tag(v) == TAG_INT
}
#[inline(always)]
pub fn is_ptr(v: u64) -> bool {
    tag(v) == TAG_PTR
}
#[inline(always)]
pub fn is_bool(v: u64) -> bool {
    tag(v) == TAG_BOOL
}
#[inline(always)]
pub fn is_none(v: u64) -> bool {
    v == NONE
}
#[inline(always)]
pub fn is_float(v: u64) -> bool {
    tag(v) < TAG_INT
}
/// The value of a small int word (precondition: `is_int(v)`).
#[inline(always)]
pub fn int_val(v: u64) -> i64 {
    ((v << 16) as i64) >> 16
}
#[inline(always)]
pub fn fits_small(i: i64) -> bool {
    (INT_MIN..=INT_MAX).contains(&i)
}
/// Box a small int (precondition: `fits_small(i)`; see types/int.rs
/// `int_from_i64` for the general case).
#[inline(always)]
pub fn small_int(i: i64) -> u64 {
    debug_assert!(fits_small(i));
    (TAG_INT << TAG_SHIFT) | (i as u64 & PAYLOAD_MASK)
}
#[inline(always)]
pub fn box_bool(b: bool) -> u64 {
    FALSE | b as u64
}
/// The word of a float. Non-NaN floats are their IEEE bits. NaNs carry an
/// identity: a NaN float is a distinct object in CPython (`nan is nan` holds
/// for one object, `float("nan") is float("nan")` does not; containers test
/// identity before `==`, and `hash(nan)` hashes the object). A NaN whose word
/// already has an identity (`is_identity_nan`) keeps it, so unboxing and
/// re-boxing, and arithmetic that propagates a NaN operand, keep the object;
/// any other NaN (from `float("nan")`, `inf - inf`, ...) gets a fresh one.
#[inline(always)]
pub fn box_float(f: f64) -> u64 {
    if f.is_nan() {
        box_nan(f.to_bits())
    } else {
        f.to_bits()
    }
}
/// A quiet NaN with the top 16 bits `0x7FF8`/`0xFFF8` and a non-zero 48-bit
/// payload: a NaN float with an identity (its payload).
#[inline(always)]
pub fn is_identity_nan(bits: u64) -> bool {
    let top = bits >> TAG_SHIFT;
    (top == abi::NAN_TOP_POS || top == abi::NAN_TOP_NEG) && bits & PAYLOAD_MASK != 0
}
/// The word of the NaN `bits` (precondition: it is a NaN): itself when it has an
/// identity, else a fresh identity with the same sign.
#[cold]
pub fn box_nan(bits: u64) -> u64 {
    if is_identity_nan(bits) {
        return bits;
    }
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT_NAN: AtomicU64 = AtomicU64::new(1);
    let mut id = NEXT_NAN.fetch_add(1, Ordering::Relaxed) & PAYLOAD_MASK;
    if id == 0 {
        id = NEXT_NAN.fetch_add(1, Ordering::Relaxed) & PAYLOAD_MASK;
    }
    (if bits >> 63 == 1 { CANON_NAN_NEG } else { CANON_NAN_POS }) | id
}
#[inline(always)]
pub fn float_val(v: u64) -> f64 {
    f64::from_bits(v)
}
#[inline(always)]
pub fn ptr_of(v: u64) -> *mut ObjHeader {
    (v & PAYLOAD_MASK) as usize as *mut ObjHeader
}
#[inline(always)]
pub fn from_ptr<T>(p: *const T) -> u64 {
    (TAG_PTR << TAG_SHIFT) | (p as usize as u64)
}
/// The pointer of a heap word cast to a concrete object struct.
#[inline(always)]
pub fn as_obj<T>(v: u64) -> *mut T {
    ptr_of(v) as *mut T
}
