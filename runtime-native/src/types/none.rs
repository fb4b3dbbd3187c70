//! types/none.rs — `NoneType`, `NotImplementedType`, `ellipsis` (all
//! immediates) and the internal UNBOUND marker's type.

use crate::errors::R;
use crate::typeobj::*;
use crate::value::*;

pub unsafe fn init_slots() {
    let t = tp(TypeId::NoneType);
    (*t).slots.repr = Some(|_| crate::types::str::newref_interned("None"));
    (*t).slots.bool_ = Some(none_bool);
    (*t).slots.hash = Some(imm_hash);
    (*t).slots.new = Some(none_new);
    let t = tp(TypeId::NotImplementedType);
    (*t).slots.repr = Some(|_| crate::types::str::newref_interned("NotImplemented"));
    (*t).slots.hash = Some(imm_hash);
    let t = tp(TypeId::EllipsisType);
    (*t).slots.repr = Some(|_| crate::types::str::newref_interned("Ellipsis"));
    (*t).slots.hash = Some(imm_hash);
    let t = tp(TypeId::Unbound);
    (*t).slots.repr = Some(|_| crate::types::str::newref_interned("<unbound>"));
}

pub fn init_methods() {}

unsafe fn none_bool(_v: u64) -> R<bool> {
    Ok(false)
}

unsafe fn imm_hash(v: u64) -> R<i64> {
    if v == NONE {
        // CPython 3.12: hash(None) is the constant 0xFCA86420.
        return Ok(4238894112);
    }
    Ok(((v & 0xffff) as i64) * 1_000_003 + 0x5a5a)
}

unsafe fn none_new(_t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    if !args.is_empty() || kw != 0 {
        return crate::errors::raise_type_error("NoneType takes no arguments".to_string());
    }
    NONE
}
