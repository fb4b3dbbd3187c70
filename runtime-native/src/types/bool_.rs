//! types/bool_.rs — `bool` (immediate `True`/`False`; subclass of int).
//! Owner: numbers engineer (arithmetic goes through int's slots, which must
//! accept bool words).

use crate::errors::R;
use crate::typeobj::*;
use crate::value::*;

pub unsafe fn init_slots() {
    let t = tp(TypeId::Bool);
    (*t).base = tp(TypeId::Int);
    (*t).slots.repr = Some(bool_repr);
    (*t).slots.bool_ = Some(bool_bool);
    (*t).slots.hash = Some(bool_hash);
    (*t).slots.new = Some(bool_new);
    // bool & | ^ bool stays bool; anything else is int arithmetic
    (*t).slots.nb[BinOp::And as usize] = Some(bool_and);
    (*t).slots.nb[BinOp::Or as usize] = Some(bool_or);
    (*t).slots.nb[BinOp::Xor as usize] = Some(bool_xor);
    (*t).slots.nb_r[BinOp::And as usize] = Some(bool_and);
    (*t).slots.nb_r[BinOp::Or as usize] = Some(bool_or);
    (*t).slots.nb_r[BinOp::Xor as usize] = Some(bool_xor);
}

fn bool_bitop(a: u64, b: u64, op: BinOp) -> u64 {
    if is_bool(a) && is_bool(b) {
        let (x, y) = (a == TRUE, b == TRUE);
        return box_bool(match op {
            BinOp::And => x & y,
            BinOp::Or => x | y,
            _ => x ^ y,
        });
    }
    if !crate::types::int::is_int_like(a) || !crate::types::int::is_int_like(b) {
        return NOT_IMPLEMENTED;
    }
    crate::types::int::int_binop_words(op, a, b)
}

unsafe fn bool_and(a: u64, b: u64) -> u64 {
    bool_bitop(a, b, BinOp::And)
}
unsafe fn bool_or(a: u64, b: u64) -> u64 {
    bool_bitop(a, b, BinOp::Or)
}
unsafe fn bool_xor(a: u64, b: u64) -> u64 {
    bool_bitop(a, b, BinOp::Xor)
}

pub fn init_methods() {}

unsafe fn bool_repr(v: u64) -> u64 {
    crate::types::str::intern(if v == TRUE { "True" } else { "False" })
}

unsafe fn bool_bool(v: u64) -> R<bool> {
    Ok(v == TRUE)
}

unsafe fn bool_hash(v: u64) -> R<i64> {
    Ok((v == TRUE) as i64)
}

unsafe fn bool_new(_t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    if let Err(_) = crate::types::builtin_func::check_args("bool", args, kw, 0, 1) {
        return ERR;
    }
    if args.is_empty() {
        return FALSE;
    }
    match crate::protocols::truth::truthy(args[0]) {
        Ok(b) => box_bool(b),
        Err(_) => ERR,
    }
}
