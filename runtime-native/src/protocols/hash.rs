//! protocols/hash.rs — `hash(x)`.

use crate::errors::*;
use crate::typeobj::*;
use crate::value::*;

/// `hash(v)`; TypeError for unhashable values.
#[inline]
pub fn hash(v: u64) -> R<i64> {
    if is_int(v) {
        return Ok(crate::types::int::hash_i128(int_val(v) as i128));
    }
    if crate::types::str::is_str(v) && type_of(v) == tp(TypeId::Str) {
        return Ok(crate::types::str::str_hash(v));
    }
    if is_float(v) {
        return Ok(crate::types::float::hash_f64(float_val(v)));
    }
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe {
        if (*t).tpflags & TPFLAG_HASH_NONE == 0 {
            if let Some(h) = (*t).slots.hash {
                return h(v);
            }
        }
    }
    Err(raise_type_error_p(format!("unhashable type: '{}'", tname(v))))
}
