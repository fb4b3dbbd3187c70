//! types/bigint.rs — heap `int` objects: values outside the 48-bit
//! immediate range, and the values of int-subclass instances (which may be
//! small). The arithmetic lives in bignum.rs; the operators in int.rs.
//! API: `is_bigint`, `bigint_from_i128`, `bigint_to_i128`, `int_from_big`,
//! `big_of` (any int-like word as a `BigInt`), `bigint_ref`,
//! `bigint_new_of`, `bigint_new_of_big`.

use crate::object::*;
use crate::typeobj::*;
use crate::types::bignum::BigInt;
use crate::value::*;

#[repr(C)]
pub struct BigIntObject {
    pub header: ObjHeader,
    pub value: BigInt,
}

pub unsafe fn init_slots() {
    // the int type's basicsize and slots are set in int.rs; only the drop
    // of the Rust value lives here
    (*tp(TypeId::Int)).slots.drop = Some(bigint_drop);
}

pub fn init_methods() {}

unsafe fn bigint_drop(p: *mut ObjHeader) {
    std::ptr::drop_in_place(&mut (*(p as *mut BigIntObject)).value);
}

/// True when `v` is a heap int (int layout; includes int subclasses, and
/// bool subclasses never exist).
#[inline]
pub fn is_bigint(v: u64) -> bool {
    has_layout(v, TypeId::Int)
}

/// The BigInt inside a heap int (borrowed for the object's lifetime).
#[inline]
pub fn bigint_ref(v: u64) -> &'static BigInt {
    // SAFETY: caller passes a heap int.
    unsafe { &(*as_obj::<BigIntObject>(v)).value }
}

/// An int word for a BigInt (immediate when it fits).
pub fn int_from_big(b: BigInt) -> u64 {
    if b.mag.len() <= 2 {
        if let Some(i) = b.to_i64() {
            if fits_small(i) {
                return small_int(i);
            }
        }
    }
    // SAFETY: the int type's basicsize covers BigIntObject.
    unsafe { from_ptr(new_object(tp(TypeId::Int), BigIntObject { header: header0(), value: b })) }
}

/// An int for any i128 (immediate when it fits).
pub fn bigint_from_i128(i: i128) -> u64 {
    if i >= INT_MIN as i128 && i <= INT_MAX as i128 {
        return small_int(i as i64);
    }
    int_from_big(BigInt::from_i128(i))
}

/// A heap int of type `t` (int subclass instances; value may be small).
pub fn bigint_new_of(t: *mut TypeObject, i: i128) -> u64 {
    bigint_new_of_big(t, BigInt::from_i128(i))
}

pub fn bigint_new_of_big(t: *mut TypeObject, b: BigInt) -> u64 {
    // SAFETY: t has int layout.
    unsafe { from_ptr(new_object(t, BigIntObject { header: header0(), value: b })) }
}

pub fn bigint_to_i128(v: u64) -> Option<i128> {
    bigint_ref(v).to_i128()
}

/// Any int-like word (small int, bool, heap int) as a BigInt.
pub fn big_of(v: u64) -> Option<BigInt> {
    if is_int(v) {
        Some(BigInt::from_i64(int_val(v)))
    } else if is_bool(v) {
        Some(BigInt::from_i64((v & 1) as i64))
    } else if is_bigint(v) {
        Some(bigint_ref(v).clone())
    } else {
        None
    }
}
