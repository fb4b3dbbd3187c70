//! protocols/number.rs — binary operators with reflection and in-place
//! variants, unary operators, `__index__`/`int()` conversions; exports
//! `molt_add` … `molt_ibitxor`, `molt_neg/pos/invert`.
//! Types implement operators by filling `slots.nb` (self op other),
//! `slots.nb_r` (other op self, called on self) and `slots.nb_i`.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

/// `a op b` with full dispatch.
pub fn binary_op(a: u64, b: u64, op: BinOp) -> u64 {
    if is_int(a) && is_int(b) {
        let (x, y) = (int_val(a), int_val(b));
        match op {
            BinOp::Add => return crate::types::int::int_from_i64(x + y),
            BinOp::Sub => return crate::types::int::int_from_i64(x - y),
            BinOp::Mul => {
                if let Some(p) = x.checked_mul(y) {
                    return crate::types::int::int_from_i64(p);
                }
            }
            BinOp::And => return small_int(x & y),
            BinOp::Or => return small_int(x | y),
            BinOp::Xor => return small_int(x ^ y),
            BinOp::FloorDiv if y > 0 => return small_int(x.div_euclid(y)),
            BinOp::Mod if y > 0 => return small_int(x.rem_euclid(y)),
            _ => {}
        }
    } else if is_float(a) && is_float(b) {
        let (x, y) = (float_val(a), float_val(b));
        match op {
            BinOp::Add => return box_float(x + y),
            BinOp::Sub => return box_float(x - y),
            BinOp::Mul => return box_float(x * y),
            BinOp::TrueDiv if y != 0.0 => return box_float(x / y),
            _ => {}
        }
    }
    let r = binary_op_slots(a, b, op);
    if r == NOT_IMPLEMENTED {
        return raise_type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            tname(a),
            tname(b)
        ));
    }
    r
}

/// Slot dispatch; NOT_IMPLEMENTED when neither operand handles it.
pub fn binary_op_slots(a: u64, b: u64, op: BinOp) -> u64 {
    let i = op as usize;
    let ta = type_of(a);
    let tb = type_of(b);
    // SAFETY: types are live.
    unsafe {
        let fa = (*ta).slots.nb[i];
        let fb = if ta != tb { (*tb).slots.nb_r[i] } else { None };
        if let Some(fb) = fb {
            if is_subtype(tb, ta) && (*tb).tpflags & TPFLAG_HEAPTYPE != 0 && overrides_reflected(ta, tb, op) {
                let r = tri!(fb(b, a));
                if r != NOT_IMPLEMENTED {
                    return r;
                }
                if let Some(fa) = fa {
                    return fa(a, b);
                }
                return NOT_IMPLEMENTED;
            }
        }
        if let Some(fa) = fa {
            let r = tri!(fa(a, b));
            if r != NOT_IMPLEMENTED {
                return r;
            }
        }
        if let Some(fb) = fb {
            return fb(b, a);
        }
    }
    NOT_IMPLEMENTED
}

/// True when subclass `tb` overrides the reflected method of `ta` (only then
/// is it tried first).
unsafe fn overrides_reflected(ta: *mut TypeObject, tb: *mut TypeObject, op: BinOp) -> bool {
    let i = op as usize;
    let (sa, sb) = ((*ta).slots.nb_r[i], (*tb).slots.nb_r[i]);
    if sa.map(|f| f as usize) != sb.map(|f| f as usize) {
        return true;
    }
    lookup_str(tb, op.rdunder()) != lookup_str(ta, op.rdunder())
}

/// `a op= b`: `__iop__`, then the binary operator.
pub fn inplace_op(a: u64, b: u64, op: BinOp) -> u64 {
    if !is_ptr(a) {
        return binary_op(a, b, op);
    }
    let ta = type_of(a);
    // SAFETY: ta is live.
    unsafe {
        if let Some(f) = (*ta).slots.nb_i[op as usize] {
            let r = tri!(f(a, b));
            if r != NOT_IMPLEMENTED {
                return r;
            }
        }
    }
    let r = binary_op_slots(a, b, op);
    if r == NOT_IMPLEMENTED {
        return raise_type_error(format!(
            "unsupported operand type(s) for {}=: '{}' and '{}'",
            if op == BinOp::Pow { "**" } else { op.symbol() },
            tname(a),
            tname(b)
        ));
    }
    r
}

macro_rules! binops {
    ($($f:ident, $fi:ident => $op:ident);* $(;)?) => { $(
        #[no_mangle]
        pub extern "C" fn $f(a: u64, b: u64) -> u64 { binary_op(a, b, BinOp::$op) }
        #[no_mangle]
        pub extern "C" fn $fi(a: u64, b: u64) -> u64 { inplace_op(a, b, BinOp::$op) }
    )* };
}

binops! {
    molt_add, molt_iadd => Add;
    molt_sub, molt_isub => Sub;
    molt_mul, molt_imul => Mul;
    molt_truediv, molt_itruediv => TrueDiv;
    molt_floordiv, molt_ifloordiv => FloorDiv;
    molt_mod, molt_imod => Mod;
    molt_pow, molt_ipow => Pow;
    molt_matmul, molt_imatmul => MatMul;
    molt_lshift, molt_ilshift => LShift;
    molt_rshift, molt_irshift => RShift;
    molt_bitand, molt_ibitand => And;
    molt_bitor, molt_ibitor => Or;
    molt_bitxor, molt_ibitxor => Xor;
}

fn unary(v: u64, f: Option<UnaryFn>, sym: &str) -> u64 {
    match f {
        // SAFETY: slot of v's type.
        Some(f) => unsafe { f(v) },
        None => raise_type_error(format!("bad operand type for {}: '{}'", sym, tname(v))),
    }
}

#[no_mangle]
pub extern "C" fn molt_neg(v: u64) -> u64 {
    if is_int(v) {
        return crate::types::int::int_from_i64(-int_val(v));
    }
    if is_float(v) {
        return box_float(-float_val(v));
    }
    // SAFETY: type is live.
    unary(v, unsafe { (*type_of(v)).slots.neg }, "unary -")
}

#[no_mangle]
pub extern "C" fn molt_pos(v: u64) -> u64 {
    if is_int(v) || is_float(v) {
        return v;
    }
    // SAFETY: type is live.
    unary(v, unsafe { (*type_of(v)).slots.pos }, "unary +")
}

#[no_mangle]
pub extern "C" fn molt_invert(v: u64) -> u64 {
    if is_int(v) {
        return small_int(!int_val(v));
    }
    // SAFETY: type is live.
    unary(v, unsafe { (*type_of(v)).slots.invert }, "unary ~")
}

/// `abs(v)`.
pub fn abs(v: u64) -> u64 {
    if is_int(v) {
        return crate::types::int::int_from_i64(int_val(v).abs());
    }
    if is_float(v) {
        return box_float(float_val(v).abs());
    }
    // SAFETY: type is live.
    unary(v, unsafe { (*type_of(v)).slots.abs }, "abs()")
}

/// `operator.index(v)` as an int word.
pub fn index(v: u64) -> u64 {
    if is_int(v) {
        return v;
    }
    let t = type_of(v);
    // SAFETY: type is live.
    unsafe {
        match (*t).slots.index {
            Some(f) => f(v),
            None => raise_type_error(format!("'{}' object cannot be interpreted as an integer", tname(v))),
        }
    }
}

/// `v.__index__()` as an i64 (OverflowError when too large).
pub fn index_i64(v: u64) -> R<i64> {
    if is_int(v) {
        return Ok(int_val(v));
    }
    let w = chk(index(v))?;
    let r = crate::types::int::as_i64(w);
    decref(w);
    match r {
        Some(i) => Ok(i),
        None => Err(raise_p(Exc::OverflowError, "Python int too large to convert to C ssize_t".to_string())),
    }
}

/// `int(v)` for objects with `__int__`/`__index__`/`__trunc__`.
pub fn to_int(v: u64) -> u64 {
    let t = type_of(v);
    // SAFETY: type is live.
    unsafe {
        if let Some(f) = (*t).slots.int_ {
            return f(v);
        }
        if let Some(f) = (*t).slots.index {
            return f(v);
        }
    }
    match crate::protocols::call::call_special(v, "__trunc__", &[]) {
        Ok(Some(r)) => r,
        Ok(None) => raise_type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            tname(v)
        )),
        Err(_) => ERR,
    }
}
