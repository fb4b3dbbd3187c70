//! protocols/hash.rs — `hash(x)`.

use crate::errors::*;
use crate::typeobj::*;
use crate::value::*;

/// `hash(v)`; TypeError for unhashable values.
#[inline]
pub fn hash(v: u64) -> R<i64> {
    if is_int(v) {
        // |x| < 2**47 is below the modulus 2**61 - 1: the hash is x (-1 is -2)
        let x = int_val(v);
        return Ok(if x == -1 { -2 } else { x });
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
