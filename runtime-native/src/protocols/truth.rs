//! protocols/truth.rs — truth testing (`__bool__`, then `__len__`) and the
//! export `molt_truthy`.

use crate::errors::*;
use crate::typeobj::*;
use crate::value::*;

#[inline]
pub fn truthy(v: u64) -> R<bool> {
    match v {
        TRUE => return Ok(true),
        FALSE | NONE => return Ok(false),
        _ => {}
    }
    if is_int(v) {
        return Ok(int_val(v) != 0);
    }
    if is_float(v) {
        return Ok(float_val(v) != 0.0);
    }
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe {
        if let Some(b) = (*t).slots.bool_ {
            return b(v);
        }
        if let Some(l) = (*t).slots.len {
            return Ok(l(v)? != 0);
        }
    }
    Ok(true)
}

#[no_mangle]
pub extern "C" fn molt_truthy(v: u64) -> u64 {
    match truthy(v) {
        Ok(b) => b as u64,
        Err(_) => ERR,
    }
}
