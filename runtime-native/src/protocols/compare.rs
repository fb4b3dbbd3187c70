//! protocols/compare.rs — rich comparison with reflection, `==` as a Rust
//! bool for containers, and the exports `molt_eq` … `molt_ge`.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

/// `a op b` (any object or ERR).
pub fn richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if is_int(a) && is_int(b) {
        return box_bool(op.test(int_val(a).cmp(&int_val(b))));
    }
    if is_float(a) && is_float(b) {
        let (x, y) = (float_val(a), float_val(b));
        return match x.partial_cmp(&y) {
            Some(o) => box_bool(op.test(o)),
            None => box_bool(op == CmpOp::Ne),
        };
    }
    let ta = type_of(a);
    let tb = type_of(b);
    // SAFETY: types are live.
    unsafe {
        let mut checked_reflected = false;
        if ta != tb && is_subtype(tb, ta) {
            if let Some(f) = (*tb).slots.richcmp {
                checked_reflected = true;
                let r = tri!(f(b, a, op.swapped()));
                if r != NOT_IMPLEMENTED {
                    return r;
                }
            }
        }
        if let Some(f) = (*ta).slots.richcmp {
            let r = tri!(f(a, b, op));
            if r != NOT_IMPLEMENTED {
                return r;
            }
        }
        if !checked_reflected {
            if let Some(f) = (*tb).slots.richcmp {
                let r = tri!(f(b, a, op.swapped()));
                if r != NOT_IMPLEMENTED {
                    return r;
                }
            }
        }
    }
    match op {
        CmpOp::Eq => box_bool(a == b),
        CmpOp::Ne => box_bool(a != b),
        _ => raise_type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            tname(a),
            tname(b)
        )),
    }
}

/// `a == b` as a Rust bool (identity implies equality, as in containers).
pub fn eq_bool(a: u64, b: u64) -> R<bool> {
    if a == b {
        return Ok(true);
    }
    if is_int(a) && is_int(b) {
        return Ok(false);
    }
    if crate::types::str::is_str(a) && crate::types::str::is_str(b) {
        return Ok(crate::types::str::str_as(a) == crate::types::str::str_as(b));
    }
    let r = chk(richcmp(a, b, CmpOp::Eq))?;
    if is_bool(r) {
        return Ok(r == TRUE);
    }
    let t = crate::protocols::truth::truthy(r);
    decref(r);
    t
}

/// `a < b` as a Rust bool (sorting, min/max).
pub fn lt_bool(a: u64, b: u64) -> R<bool> {
    if is_int(a) && is_int(b) {
        return Ok(int_val(a) < int_val(b));
    }
    let r = chk(richcmp(a, b, CmpOp::Lt))?;
    if is_bool(r) {
        return Ok(r == TRUE);
    }
    let t = crate::protocols::truth::truthy(r);
    decref(r);
    t
}

#[no_mangle]
pub extern "C" fn molt_eq(a: u64, b: u64) -> u64 {
    richcmp(a, b, CmpOp::Eq)
}
#[no_mangle]
pub extern "C" fn molt_ne(a: u64, b: u64) -> u64 {
    richcmp(a, b, CmpOp::Ne)
}
#[no_mangle]
pub extern "C" fn molt_lt(a: u64, b: u64) -> u64 {
    richcmp(a, b, CmpOp::Lt)
}
#[no_mangle]
pub extern "C" fn molt_le(a: u64, b: u64) -> u64 {
    richcmp(a, b, CmpOp::Le)
}
#[no_mangle]
pub extern "C" fn molt_gt(a: u64, b: u64) -> u64 {
    richcmp(a, b, CmpOp::Gt)
}
#[no_mangle]
pub extern "C" fn molt_ge(a: u64, b: u64) -> u64 {
    richcmp(a, b, CmpOp::Ge)
}
