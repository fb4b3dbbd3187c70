//! types/int.rs — `int`: immediate 48-bit values (value.rs) and heap big
//! ints (bigint.rs, arithmetic in bignum.rs), with CPython 3.12's operator
//! semantics, methods, `int()` parsing and the int/str digit limit.
//! Owner: numbers engineer. Core API: `int_from_i64`, `as_i64`, `as_i128`,
//! `is_int_like`, `hash_i128`, `int_to_decimal`, `molt_int_from_i64`,
//! `molt_int_from_str`; builtins `bin hex oct divmod pow round` are
//! registered by `register_builtins` (called from modules/builtins.rs).
//! Neighbours: float.rs (int/float mixed arithmetic and comparison lives on
//! the float side, as in CPython), format.rs (`__format__`).

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::bigint::*;
use crate::types::bignum::BigInt;
use crate::types::builtin_func::{add_classmethod, add_method, check_args, parse_args};
use crate::value::*;
use std::cmp::Ordering;

pub unsafe fn init_slots() {
    let t = tp(TypeId::Int);
    (*t).basicsize = std::mem::size_of::<BigIntObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE;
    (*t).slots.repr = Some(int_repr);
    (*t).slots.hash = Some(int_hash);
    (*t).slots.richcmp = Some(int_richcmp);
    (*t).slots.bool_ = Some(int_bool);
    (*t).slots.index = Some(int_index);
    (*t).slots.int_ = Some(int_index);
    (*t).slots.neg = Some(int_neg);
    (*t).slots.pos = Some(int_index);
    (*t).slots.abs = Some(int_abs);
    (*t).slots.invert = Some(int_invert);
    (*t).slots.new = Some(int_new);
    (*t).slots.float_ = Some(int_float);
    (*t).slots.nb = [
        Some(ib::<0>), Some(ib::<1>), Some(ib::<2>), Some(ib::<3>), Some(ib::<4>), Some(ib::<5>), Some(ib::<6>),
        None, Some(ib::<8>), Some(ib::<9>), Some(ib::<10>), Some(ib::<11>), Some(ib::<12>),
    ];
    (*t).slots.nb_r = [
        Some(ibr::<0>), Some(ibr::<1>), Some(ibr::<2>), Some(ibr::<3>), Some(ibr::<4>), Some(ibr::<5>), Some(ibr::<6>),
        None, Some(ibr::<8>), Some(ibr::<9>), Some(ibr::<10>), Some(ibr::<11>), Some(ibr::<12>),
    ];
}

pub fn init_methods() {
    let t = tp(TypeId::Int);
    add_method(t, "bit_length", |a, k| {
        ok!(check_args("bit_length", a, k, 1, 1));
        int_from_i64(big_of(a[0]).map_or(0, |b| b.bit_length() as i64))
    });
    add_method(t, "bit_count", |a, k| {
        ok!(check_args("bit_count", a, k, 1, 1));
        int_from_i64(big_of(a[0]).map_or(0, |b| b.bit_count() as i64))
    });
    add_method(t, "conjugate", |a, k| {
        ok!(check_args("conjugate", a, k, 1, 1));
        int_exact(a[0])
    });
    add_method(t, "is_integer", |a, k| {
        ok!(check_args("is_integer", a, k, 1, 1));
        TRUE
    });
    add_method(t, "as_integer_ratio", |a, k| {
        ok!(check_args("as_integer_ratio", a, k, 1, 1));
        let n = int_exact(a[0]);
        crate::types::tuple::tuple_new(vec![n, small_int(1)])
    });
    add_method(t, "__trunc__", |a, _| int_exact(a[0]));
    add_method(t, "__floor__", |a, _| int_exact(a[0]));
    add_method(t, "__ceil__", |a, _| int_exact(a[0]));
    add_method(t, "__getnewargs__", |a, _| {
        let n = int_exact(a[0]);
        crate::types::tuple::tuple_new(vec![n])
    });
    add_method(t, "__round__", int_round_method);
    add_method(t, "__format__", |a, k| {
        ok!(check_args("__format__", a, k, 2, 2));
        if !crate::types::str::is_str(a[1]) {
            return raise_type_error(format!("__format__() argument must be str, not {}", tname(a[1])));
        }
        format_int_word(a[0], crate::types::str::str_as(a[1]))
    });
    add_method(t, "__sizeof__", |a, _| {
        let n = big_of(a[0]).map_or(0, |b| b.mag.len());
        int_from_i64(24 + 4 * n.max(1) as i64)
    });
    add_method(t, "to_bytes", int_to_bytes);
    add_classmethod(t, "from_bytes", int_from_bytes);
    crate::types::descr::add_getset(t, "real", |v| int_exact(v), None);
    crate::types::descr::add_getset(t, "imag", |_| small_int(0), None);
    crate::types::descr::add_getset(t, "numerator", |v| int_exact(v), None);
    crate::types::descr::add_getset(t, "denominator", |_| small_int(1), None);
}

// ---- conversions --------------------------------------------------------

/// True for int, bool and int-subclass values.
#[inline]
pub fn is_int_like(v: u64) -> bool {
    is_int(v) || is_bool(v) || is_bigint(v)
}

/// The value of an int-like as i128 (None when not an int or too big).
#[inline]
pub fn as_i128(v: u64) -> Option<i128> {
    if is_int(v) {
        Some(int_val(v) as i128)
    } else if is_bool(v) {
        Some((v & 1) as i128)
    } else if is_bigint(v) {
        bigint_to_i128(v)
    } else {
        None
    }
}

/// The value of an int-like as i64 (None when not an int or too big).
#[inline]
pub fn as_i64(v: u64) -> Option<i64> {
    if is_int(v) {
        return Some(int_val(v));
    }
    as_i128(v).and_then(|x| if x >= i64::MIN as i128 && x <= i64::MAX as i128 { Some(x as i64) } else { None })
}

/// An int word for any i64.
#[inline]
pub fn int_from_i64(i: i64) -> u64 {
    if fits_small(i) {
        small_int(i)
    } else {
        bigint_from_i128(i as i128)
    }
}

#[inline]
fn int_from_i128(i: i128) -> u64 {
    bigint_from_i128(i)
}

/// An exact `int` (not a subclass) with the value of an int-like word.
pub fn int_exact(v: u64) -> u64 {
    if is_int(v) {
        return v;
    }
    if is_bool(v) {
        return small_int((v & 1) as i64);
    }
    if is_bigint(v) {
        if type_of(v) == tp(TypeId::Int) {
            return newref(v);
        }
        return int_from_big(bigint_ref(v).clone());
    }
    raise_type_error(format!("an integer is required (got type {})", tname(v)))
}

/// `float(int)` (OverflowError when too large).
pub fn int_to_f64(v: u64) -> R<f64> {
    if is_int(v) {
        return Ok(int_val(v) as f64);
    }
    if is_bool(v) {
        return Ok((v & 1) as f64);
    }
    match bigint_ref(v).to_f64() {
        Some(f) => Ok(f),
        None => Err(raise_p(Exc::OverflowError, "int too large to convert to float".into())),
    }
}

#[no_mangle]
pub extern "C" fn molt_int_from_i64(i: i64) -> u64 {
    int_from_i64(i)
}

/// Parse a decimal literal (big int constants; immortal result).
#[no_mangle]
pub unsafe extern "C" fn molt_int_from_str(p: *const u8, len: usize) -> u64 {
    let s = std::slice::from_raw_parts(p, len);
    let digits: Vec<u8> = s.iter().cloned().filter(|&c| c != b'_').collect();
    let (neg, d) = match digits.first() {
        Some(b'-') => (true, &digits[1..]),
        Some(b'+') => (false, &digits[1..]),
        _ => (false, &digits[..]),
    };
    match BigInt::parse_digits(d, 10) {
        Some(b) => {
            let w = int_from_big(if neg { b.negate() } else { b });
            make_immortal(w);
            w
        }
        None => raise_value_error(format!("invalid int constant {:?}", String::from_utf8_lossy(s))),
    }
}

// ---- the int/str digit limit (sys.set_int_max_str_digits) -----------------

static mut MAX_STR_DIGITS: usize = 4300;
pub const STR_DIGITS_THRESHOLD: usize = 640;

pub fn get_max_str_digits() -> usize {
    // SAFETY: single-threaded runtime.
    unsafe { MAX_STR_DIGITS }
}

/// `sys.set_int_max_str_digits(n)`.
pub fn set_max_str_digits(n: i64) -> R<()> {
    if n != 0 && n < STR_DIGITS_THRESHOLD as i64 {
        return Err(raise_value_error_p(format!("maxdigits must be 0 or larger than {}", STR_DIGITS_THRESHOLD)));
    }
    // SAFETY: single-threaded runtime.
    unsafe { MAX_STR_DIGITS = n as usize };
    Ok(())
}

fn str_limit_error() -> Pending {
    raise_value_error_p(format!(
        "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
        get_max_str_digits()
    ))
}

/// Decimal text of a BigInt, honouring the digit limit.
pub fn big_to_decimal(b: &BigInt) -> R<String> {
    let limit = get_max_str_digits();
    if limit > 0 && b.mag.len() > 2 {
        // lower bound of the digit count: floor(bits * log10(2))
        let bits = b.bit_length();
        let est = ((bits - 1) as f64 * std::f64::consts::LOG10_2).floor() as usize + 1;
        if est > limit + 1 {
            return Err(str_limit_error());
        }
        let s = b.to_string_dec();
        let nd = s.len() - b.is_neg() as usize;
        if nd > limit {
            return Err(str_limit_error());
        }
        return Ok(s);
    }
    Ok(b.to_string_dec())
}

/// `str(int)` text for any int-like word.
pub fn int_to_decimal(v: u64) -> R<String> {
    if is_int(v) {
        return Ok(int_val(v).to_string());
    }
    if is_bool(v) {
        return Ok(((v & 1) as i64).to_string());
    }
    big_to_decimal(bigint_ref(v))
}

unsafe fn int_repr(v: u64) -> u64 {
    match int_to_decimal(v) {
        Ok(s) => crate::types::str::str_from_string(s),
        Err(_) => ERR,
    }
}

// ---- hashing, comparison, truth --------------------------------------------

/// Python's int hash: value modulo 2**61 - 1 with the sign kept.
pub fn hash_i128(x: i128) -> i64 {
    const P: i128 = (1i128 << 61) - 1;
    let m = x.abs() % P;
    let h = if x < 0 { -(m as i64) } else { m as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Hash of any int-like word.
pub fn int_hash_word(v: u64) -> i64 {
    if is_int(v) {
        return hash_i128(int_val(v) as i128);
    }
    if is_bool(v) {
        return (v & 1) as i64;
    }
    bigint_ref(v).hash()
}

unsafe fn int_hash(v: u64) -> R<i64> {
    Ok(int_hash_word(v))
}

/// Compare two int-like words.
pub fn int_cmp(a: u64, b: u64) -> Ordering {
    if let (Some(x), Some(y)) = (small_of(a), small_of(b)) {
        return x.cmp(&y);
    }
    let (ta, tb);
    let x: &BigInt = if is_bigint(a) {
        bigint_ref(a)
    } else {
        ta = big_of(a).unwrap_or_default();
        &ta
    };
    let y: &BigInt = if is_bigint(b) {
        bigint_ref(b)
    } else {
        tb = big_of(b).unwrap_or_default();
        &tb
    };
    x.cmp(y)
}

unsafe fn int_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !is_int_like(b) {
        return NOT_IMPLEMENTED;
    }
    box_bool(op.test(int_cmp(a, b)))
}

unsafe fn int_bool(v: u64) -> R<bool> {
    if is_int(v) {
        return Ok(int_val(v) != 0);
    }
    if is_bool(v) {
        return Ok(v & 1 == 1);
    }
    Ok(!bigint_ref(v).is_zero())
}

unsafe fn int_index(v: u64) -> u64 {
    int_exact(v)
}

unsafe fn int_float(v: u64) -> u64 {
    match int_to_f64(v) {
        Ok(f) => box_float(f),
        Err(_) => ERR,
    }
}

/// The value when it is an i64-range int-like (fast paths).
#[inline]
fn small_of(v: u64) -> Option<i64> {
    if is_int(v) {
        Some(int_val(v))
    } else if is_bool(v) {
        Some((v & 1) as i64)
    } else if is_bigint(v) {
        let b = bigint_ref(v);
        if b.mag.len() <= 2 {
            b.to_i64()
        } else {
            None
        }
    } else {
        None
    }
}

unsafe fn int_neg(v: u64) -> u64 {
    match small_of(v) {
        Some(x) => int_from_i128(-(x as i128)),
        None => int_from_big(bigint_ref(v).negate()),
    }
}
unsafe fn int_abs(v: u64) -> u64 {
    match small_of(v) {
        Some(x) => int_from_i128((x as i128).abs()),
        None => int_from_big(bigint_ref(v).abs()),
    }
}
unsafe fn int_invert(v: u64) -> u64 {
    match small_of(v) {
        Some(x) => int_from_i128(!(x as i128)),
        None => int_from_big(bigint_ref(v).invert()),
    }
}

// ---- arithmetic ---------------------------------------------------------

/// Floor division and modulo with Python's signs.
pub fn floordiv_i128(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}
pub fn mod_i128(a: i128, b: i128) -> i128 {
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

fn div_zero(op: BinOp) -> u64 {
    raise_zero_division(
        match op {
            BinOp::Mod => "integer modulo by zero",
            BinOp::TrueDiv => "division by zero",
            _ => "integer division or modulo by zero",
        }
        .to_string(),
    )
}

/// `x op y` for two int-like words (never NotImplemented except @).
pub fn int_binop_words(op: BinOp, a: u64, b: u64) -> u64 {
    if let (Some(x), Some(y)) = (small_of(a), small_of(b)) {
        if let Some(r) = small_binop(op, x, y) {
            return r;
        }
    }
    // borrow heap operands (no copy of their limbs)
    let (ta, tb);
    let x: &BigInt = if is_bigint(a) {
        bigint_ref(a)
    } else {
        ta = big_of(a).unwrap_or_default();
        &ta
    };
    let y: &BigInt = if is_bigint(b) {
        bigint_ref(b)
    } else {
        tb = big_of(b).unwrap_or_default();
        &tb
    };
    big_binop(op, x, y)
}

/// i64 fast path; None when the big path must handle it.
fn small_binop(op: BinOp, x: i64, y: i64) -> Option<u64> {
    let (xx, yy) = (x as i128, y as i128);
    Some(match op {
        BinOp::Add => int_from_i128(xx + yy),
        BinOp::Sub => int_from_i128(xx - yy),
        BinOp::Mul => int_from_i128(xx * yy),
        BinOp::FloorDiv | BinOp::Mod => {
            if y == 0 {
                return Some(div_zero(op));
            }
            if op == BinOp::Mod {
                int_from_i128(mod_i128(xx, yy))
            } else {
                int_from_i128(floordiv_i128(xx, yy))
            }
        }
        BinOp::TrueDiv => {
            if y == 0 {
                return Some(div_zero(op));
            }
            if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                box_float(x as f64 / y as f64)
            } else {
                return None;
            }
        }
        BinOp::Pow => {
            if y < 0 {
                return None;
            }
            if y > u32::MAX as i64 {
                return None;
            }
            match xx.checked_pow(y as u32) {
                Some(r) => int_from_i128(r),
                None => return None,
            }
        }
        BinOp::LShift => {
            if y < 0 {
                return Some(raise_value_error("negative shift count".into()));
            }
            if x == 0 {
                return Some(small_int(0));
            }
            if y < 64 {
                int_from_i128(xx << y)
            } else {
                return None;
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return Some(raise_value_error("negative shift count".into()));
            }
            int_from_i128(xx >> y.min(127))
        }
        BinOp::And => int_from_i128(xx & yy),
        BinOp::Or => int_from_i128(xx | yy),
        BinOp::Xor => int_from_i128(xx ^ yy),
        BinOp::MatMul => NOT_IMPLEMENTED,
    })
}

/// Bits above which a result is refused (MemoryError instead of an abort).
const MAX_BITS: u64 = 1 << 36;

fn big_binop(op: BinOp, x: &BigInt, y: &BigInt) -> u64 {
    match op {
        BinOp::Add => int_from_big(x.add(y)),
        BinOp::Sub => int_from_big(x.sub(y)),
        BinOp::Mul => int_from_big(x.mul(y)),
        BinOp::FloorDiv | BinOp::Mod => {
            if y.is_zero() {
                return div_zero(op);
            }
            let (q, r) = x.divmod_floor(y);
            int_from_big(if op == BinOp::Mod { r } else { q })
        }
        BinOp::TrueDiv => match x.true_div(y) {
            Ok(f) => box_float(f),
            Err(true) => div_zero(op),
            Err(false) => raise_overflow_error("integer division result too large for a float".into()),
        },
        BinOp::Pow => {
            if y.is_neg() {
                let fx = match x.to_f64() {
                    Some(f) => f,
                    None => return raise_overflow_error("int too large to convert to float".into()),
                };
                let fy = y.to_f64().unwrap_or(f64::NEG_INFINITY);
                return crate::types::float::float_binop(BinOp::Pow, fx, fy);
            }
            // trivial bases first (any exponent)
            if x.is_zero() {
                return small_int(if y.is_zero() { 1 } else { 0 });
            }
            if x.mag == [1] {
                return small_int(if x.is_neg() && y.is_odd() { -1 } else { 1 });
            }
            let e = match y.to_u64() {
                Some(e) if e.saturating_mul(x.bit_length()) <= MAX_BITS => e,
                _ => return raise_noarg(Exc::MemoryError),
            };
            int_from_big(x.pow(e))
        }
        BinOp::LShift => {
            if y.is_neg() {
                return raise_value_error("negative shift count".into());
            }
            if x.is_zero() {
                return small_int(0);
            }
            match y.to_u64() {
                Some(n) if n <= MAX_BITS => int_from_big(x.shl(n)),
                Some(n) if n <= i64::MAX as u64 => raise_noarg(Exc::MemoryError),
                _ => raise_overflow_error("too many digits in integer".into()),
            }
        }
        BinOp::RShift => {
            if y.is_neg() {
                return raise_value_error("negative shift count".into());
            }
            match y.to_u64() {
                Some(n) => int_from_big(x.shr(n)),
                None => small_int(if x.is_neg() { -1 } else { 0 }),
            }
        }
        BinOp::And => int_from_big(x.and(y)),
        BinOp::Or => int_from_big(x.or(y)),
        BinOp::Xor => int_from_big(x.xor(y)),
        BinOp::MatMul => NOT_IMPLEMENTED,
    }
}

/// Compatibility entry (core code): `x op y` on i128 values.
pub fn int_binop(op: BinOp, x: i128, y: i128) -> u64 {
    big_binop(op, &BigInt::from_i128(x), &BigInt::from_i128(y))
}

unsafe fn ib<const OP: usize>(a: u64, b: u64) -> u64 {
    if !is_int_like(b) || !is_int_like(a) {
        return NOT_IMPLEMENTED;
    }
    int_binop_words(BINOPS[OP], a, b)
}

unsafe fn ibr<const OP: usize>(a: u64, b: u64) -> u64 {
    if !is_int_like(b) || !is_int_like(a) {
        return NOT_IMPLEMENTED;
    }
    int_binop_words(BINOPS[OP], b, a)
}

/// `pow(base, exp, mod)` for ints.
pub fn int_pow_mod(a: u64, b: u64, m: u64) -> u64 {
    let (x, e, md) = (big_of(a).unwrap_or_default(), big_of(b).unwrap_or_default(), big_of(m).unwrap_or_default());
    if md.is_zero() {
        return raise_value_error("pow() 3rd argument cannot be 0".into());
    }
    if e.is_neg() {
        let inv = match x.modinv(&md) {
            Some(i) => i,
            None => return raise_value_error("base is not invertible for the given modulus".into()),
        };
        let r = inv.modpow(&e.negate(), &md);
        return int_from_big(r);
    }
    int_from_big(x.modpow(&e, &md))
}

// ---- round, format, bytes -----------------------------------------------

/// `round(int, ndigits)`.
pub fn int_round(v: u64, nd: u64) -> u64 {
    let n = match crate::protocols::number::index_i64(nd) {
        Ok(n) => n,
        Err(_) => {
            // huge ndigits: positive -> unchanged, negative -> 0
            if !is_pending() {
                return ERR;
            }
            let w = tri!(crate::protocols::number::index(nd));
            let neg = big_of(w).map_or(false, |b| b.is_neg());
            decref(w);
            clear_pending();
            return if neg { small_int(0) } else { int_exact(v) };
        }
    };
    if n >= 0 {
        return int_exact(v);
    }
    let x = big_of(v).unwrap_or_default();
    if (-n) as u64 > x.bit_length() / 3 + 2 {
        return small_int(0);
    }
    let p = BigInt::from_u64(10).pow((-n) as u64);
    let (q, r) = x.divmod_floor(&p);
    let twice = r.shl(1);
    let up = match twice.cmp(&p) {
        Ordering::Greater => true,
        Ordering::Equal => q.is_odd(),
        Ordering::Less => false,
    };
    let q = if up { q.add_small(1) } else { q };
    int_from_big(q.mul(&p))
}

fn int_round_method(a: &[u64], k: u64) -> u64 {
    ok!(check_args("__round__", a, k, 1, 2));
    if a.len() == 1 || a[1] == NONE {
        return int_exact(a[0]);
    }
    int_round(a[0], a[1])
}

/// `format(int, spec)` for an int-like word.
pub fn format_int_word(v: u64, spec: &str) -> u64 {
    if spec.is_empty() {
        return match int_to_decimal(v) {
            Ok(s) => crate::types::str::str_from_string(s),
            Err(_) => ERR,
        };
    }
    let b = big_of(v).unwrap_or_default();
    let tn = if is_bool(v) { "bool".to_string() } else { tname(v) };
    match crate::types::format::format_int(&b, spec, &tn) {
        Ok(s) => crate::types::str::str_from_string(s),
        Err(e) => crate::types::format::raise_fmt_err(e),
    }
}

fn int_to_bytes(a: &[u64], k: u64) -> u64 {
    let p = ok!(crate::types::strmethods::pargs("to_bytes", a, k, &["self", "length", "byteorder", "signed"], 3));
    let len = if p[1] == UNBOUND { 1 } else { ok!(crate::protocols::number::index_i64(p[1])) };
    if len < 0 {
        return raise_value_error("length argument must be non-negative".into());
    }
    let little = ok!(byteorder_arg(p[2]));
    let signed = if p[3] == UNBOUND { false } else { ok!(crate::protocols::truth::truthy(p[3])) };
    let b = big_of(p[0]).unwrap_or_default();
    if b.is_neg() && !signed {
        return raise_overflow_error("can't convert negative int to unsigned".into());
    }
    match b.to_bytes(len as usize, little, signed) {
        Some(v) => crate::types::bytes::bytes_from_vec(v),
        None => raise_overflow_error("int too big to convert".into()),
    }
}

fn byteorder_arg(v: u64) -> R<bool> {
    if v == UNBOUND {
        return Ok(false);
    }
    if !crate::types::str::is_str(v) {
        return Err(raise_type_error_p(format!("to_bytes() argument 'byteorder' must be str, not {}", tname(v))));
    }
    match crate::types::str::str_as(v) {
        "little" => Ok(true),
        "big" => Ok(false),
        _ => Err(raise_value_error_p("byteorder must be either 'little' or 'big'".into())),
    }
}

fn int_from_bytes(a: &[u64], k: u64) -> u64 {
    let p = ok!(parse_args("from_bytes", a, k, &["cls", "bytes", "byteorder", "signed"], 3));
    if p[1] == UNBOUND {
        return raise_type_error("from_bytes() missing required argument 'bytes' (pos 1)".into());
    }
    let little = ok!(byteorder_arg(p[2]));
    let signed = if p[3] == UNBOUND { false } else { ok!(crate::protocols::truth::truthy(p[3])) };
    let data = ok!(crate::types::bytes::bytes_arg_to_vec(p[1]));
    let b = BigInt::from_bytes(&data, little, signed);
    let cls = p[0];
    if is_type(cls) && as_type(cls) != tp(TypeId::Int) {
        let w = int_from_big(b);
        let r = crate::protocols::call::call_function(cls, &[w], 0);
        decref(w);
        return r;
    }
    int_from_big(b)
}

// ---- int() ------------------------------------------------------------

/// Why `int(text, base)` failed.
#[derive(Debug, PartialEq, Eq)]
pub enum ParseIntErr {
    Invalid,
    TooManyDigits(usize),
}

/// Parse `int(s, base)` text (base 0 or 2..=36) with CPython's rules:
/// surrounding whitespace, sign, prefixes, single underscores between
/// digits (and after a prefix), the digit limit for non-power-of-two bases.
pub fn parse_int_text(s: &str, base: u32) -> Result<BigInt, ParseIntErr> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let b = t.as_bytes();
    let mut i = 0;
    let mut neg = false;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        neg = b[i] == b'-';
        i += 1;
    }
    let mut base = base;
    let mut prefixed = false;
    if i + 1 < b.len() && b[i] == b'0' {
        let p = b[i + 1].to_ascii_lowercase();
        let pb = match p {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        };
        if pb != 0 && (base == 0 || base == pb) {
            base = pb;
            i += 2;
            prefixed = true;
        }
    }
    let from_zero = base == 0;
    if base == 0 {
        base = 10;
    }
    let rest = &b[i..];
    // validate underscores, collect digits
    let mut digits = Vec::with_capacity(rest.len());
    let mut prev_digit = false;
    for (k, &c) in rest.iter().enumerate() {
        if c == b'_' {
            if !(prev_digit || (prefixed && k == 0)) {
                return Err(ParseIntErr::Invalid);
            }
            prev_digit = false;
            continue;
        }
        match (c as char).to_digit(36) {
            Some(d) if d < base => {}
            _ => return Err(ParseIntErr::Invalid),
        }
        digits.push(c);
        prev_digit = true;
    }
    if digits.is_empty() || rest.last() == Some(&b'_') {
        return Err(ParseIntErr::Invalid);
    }
    if from_zero && !prefixed && digits[0] == b'0' && digits.iter().any(|&c| c != b'0') {
        return Err(ParseIntErr::Invalid);
    }
    let limit = get_max_str_digits();
    if limit > 0 && !base.is_power_of_two() && digits.len() > limit {
        return Err(ParseIntErr::TooManyDigits(digits.len()));
    }
    let v = BigInt::parse_digits(&digits, base).ok_or(ParseIntErr::Invalid)?;
    Ok(if neg { v.negate() } else { v })
}

/// `int(text, base)` raising CPython's errors; `orig` is the argument
/// (its repr goes into the message).
pub fn int_from_text(text: &str, base: u32, orig: u64) -> u64 {
    let norm;
    let text = if text.is_ascii() {
        text
    } else {
        norm = crate::types::strmethods::normalize_decimal_digits(text);
        &norm
    };
    match parse_int_text(text, base) {
        Ok(b) => int_from_big(b),
        Err(ParseIntErr::TooManyDigits(n)) => raise_value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            get_max_str_digits(),
            n
        )),
        Err(ParseIntErr::Invalid) => {
            let r = if crate::types::str::is_str(orig) {
                let s: String = crate::types::str::str_as(orig).chars().take(200).collect();
                crate::types::str::repr_text(&s)
            } else {
                match crate::protocols::repr::repr_string(orig) {
                    Ok(s) => s,
                    Err(_) => return ERR,
                }
            };
            raise_value_error(format!("invalid literal for int() with base {}: {}", base, r))
        }
    }
}

/// `int(x)` for any object (no base).
pub fn int_of(x: u64) -> u64 {
    if is_int(x) {
        return x;
    }
    if is_int_like(x) && type_of(x) == tp(TypeId::Int) || is_bool(x) {
        return int_exact(x);
    }
    if is_float(x) {
        return int_from_float(float_val(x));
    }
    if crate::types::str::is_str(x) {
        return int_from_text(crate::types::str::str_as(x), 10, x);
    }
    if let Some(d) = crate::types::bytes::bytes_like_data(x) {
        let s = String::from_utf8_lossy(d).into_owned();
        return int_from_text(&s, 10, x);
    }
    let r = tri!(crate::protocols::number::to_int(x));
    if !is_int_like(r) {
        let n = tname(r);
        decref(r);
        return raise_type_error(format!("__int__ returned non-int (type {})", n));
    }
    if type_of(r) != tp(TypeId::Int) && !is_int(r) {
        let e = int_exact(r);
        decref(r);
        return e;
    }
    r
}

/// `int(float)`: truncation, errors for inf and nan.
pub fn int_from_float(f: f64) -> u64 {
    if f.is_nan() {
        return raise_value_error("cannot convert float NaN to integer".into());
    }
    if f.is_infinite() {
        return raise_overflow_error("cannot convert float infinity to integer".into());
    }
    if f.abs() < 1.4e14 {
        return small_int(f.trunc() as i64);
    }
    int_from_big(BigInt::from_f64(f))
}

unsafe fn int_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let a = ok!(parse_args("int", args, kw, &["x", "base"], 2));
    let v = if a[0] == UNBOUND {
        if a[1] != UNBOUND {
            return raise_type_error("int() missing string argument".into());
        }
        small_int(0)
    } else if a[1] == UNBOUND {
        tri!(int_of(a[0]))
    } else {
        let base = match crate::protocols::number::index_i64(a[1]) {
            Ok(b) => b,
            Err(_) => {
                if pending_matches(Exc::OverflowError) {
                    clear_pending();
                    -1
                } else {
                    return ERR;
                }
            }
        };
        if base != 0 && !(2..=36).contains(&base) {
            return raise_value_error("int() base must be >= 2 and <= 36, or 0".into());
        }
        let x = a[0];
        if crate::types::str::is_str(x) {
            tri!(int_from_text(crate::types::str::str_as(x), base as u32, x))
        } else if let Some(d) = crate::types::bytes::bytes_like_data(x) {
            let s = String::from_utf8_lossy(d).into_owned();
            tri!(int_from_text(&s, base as u32, x))
        } else {
            return raise_type_error("int() can't convert non-string with explicit base".into());
        }
    };
    if t == tp(TypeId::Int) {
        v
    } else {
        let b = big_of(v).unwrap_or_default();
        decref(v);
        bigint_new_of_big(t, b)
    }
}

// ---- sys attributes -------------------------------------------------------

/// Add the numeric attributes of `sys` (called from modules/sys.rs).
pub fn add_sys_attrs(m: u64) {
    use crate::types::builtin_func::new_builtin;
    use crate::types::module::{module_new, module_set};
    let ii = module_new("sys.int_info");
    module_set(ii, "bits_per_digit", small_int(30));
    module_set(ii, "sizeof_digit", small_int(4));
    module_set(ii, "default_max_str_digits", small_int(4300));
    module_set(ii, "str_digits_check_threshold", small_int(STR_DIGITS_THRESHOLD as i64));
    module_set(m, "int_info", ii);
    let hi = module_new("sys.hash_info");
    module_set(hi, "width", small_int(64));
    module_set(hi, "modulus", int_from_i64(crate::types::bignum::HASH_MODULUS as i64));
    module_set(hi, "inf", small_int(314159));
    module_set(hi, "nan", small_int(0));
    module_set(hi, "imag", small_int(1000003));
    module_set(hi, "algorithm", crate::types::str::str_from("siphash13"));
    module_set(hi, "hash_bits", small_int(64));
    module_set(hi, "seed_bits", small_int(128));
    module_set(hi, "cutoff", small_int(0));
    module_set(m, "hash_info", hi);
    let fi = module_new("sys.float_info");
    module_set(fi, "max", box_float(f64::MAX));
    module_set(fi, "max_exp", small_int(1024));
    module_set(fi, "max_10_exp", small_int(308));
    module_set(fi, "min", box_float(f64::MIN_POSITIVE));
    module_set(fi, "min_exp", small_int(-1021));
    module_set(fi, "min_10_exp", small_int(-307));
    module_set(fi, "dig", small_int(15));
    module_set(fi, "mant_dig", small_int(53));
    module_set(fi, "epsilon", box_float(f64::EPSILON));
    module_set(fi, "radix", small_int(2));
    module_set(fi, "rounds", small_int(1));
    module_set(m, "float_info", fi);
    module_set(m, "get_int_max_str_digits", new_builtin("get_int_max_str_digits", "sys", |a, k| {
        ok!(check_args("get_int_max_str_digits", a, k, 0, 0));
        int_from_i64(get_max_str_digits() as i64)
    }));
    module_set(m, "set_int_max_str_digits", new_builtin("set_int_max_str_digits", "sys", |a, k| {
        let p = ok!(parse_args("set_int_max_str_digits", a, k, &["maxdigits"], 1));
        if p[0] == UNBOUND {
            return raise_type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)".into());
        }
        let n = ok!(crate::protocols::number::index_i64(p[0]));
        ok!(set_max_str_digits(n));
        NONE
    }));
}

// ---- builtins -------------------------------------------------------------

/// Register `bin hex oct divmod pow round` in builtins.
pub fn register_builtins() {
    use crate::modules::builtins::add_builtin;
    add_builtin("bin", |a, k| radix_builtin("bin", a, k, 2, "0b"));
    add_builtin("hex", |a, k| radix_builtin("hex", a, k, 16, "0x"));
    add_builtin("oct", |a, k| radix_builtin("oct", a, k, 8, "0o"));
    add_builtin("divmod", bi_divmod);
    add_builtin("pow", bi_pow);
    add_builtin("round", bi_round);
}

fn radix_builtin(name: &str, a: &[u64], k: u64, radix: u32, prefix: &str) -> u64 {
    ok!(check_args(name, a, k, 1, 1));
    let w = tri!(crate::protocols::number::index(a[0]));
    let b = big_of(w).unwrap_or_default();
    decref(w);
    let s = format!("{}{}{}", if b.is_neg() { "-" } else { "" }, prefix, b.mag_to_radix(radix));
    crate::types::str::str_from_string(s)
}

fn bi_divmod(a: &[u64], k: u64) -> u64 {
    ok!(check_args("divmod", a, k, 2, 2));
    let (x, y) = (a[0], a[1]);
    if is_int_like(x) && is_int_like(y) {
        let (bx, by) = (big_of(x).unwrap_or_default(), big_of(y).unwrap_or_default());
        if by.is_zero() {
            return raise_zero_division("integer division or modulo by zero".into());
        }
        let (q, r) = bx.divmod_floor(&by);
        return crate::types::tuple::tuple_new(vec![int_from_big(q), int_from_big(r)]);
    }
    let is_num = |v: u64| is_float(v) || is_int_like(v);
    if is_num(x) && is_num(y) && (is_float(x) || is_float(y)) {
        let fx = ok!(crate::types::float::num_to_f64(x));
        let fy = ok!(crate::types::float::num_to_f64(y));
        if fy == 0.0 {
            return raise_zero_division("float divmod()".into());
        }
        let (q, r) = crate::types::floatrepr::divmod(fx, fy);
        return crate::types::tuple::tuple_new(vec![box_float(q), box_float(r)]);
    }
    // generic: __divmod__ / __rdivmod__
    match crate::protocols::call::call_special(x, "__divmod__", &[y]) {
        Ok(Some(r)) if r != NOT_IMPLEMENTED => return r,
        Ok(_) => {}
        Err(_) => return ERR,
    }
    match crate::protocols::call::call_special(y, "__rdivmod__", &[x]) {
        Ok(Some(r)) if r != NOT_IMPLEMENTED => return r,
        Ok(_) => {}
        Err(_) => return ERR,
    }
    raise_type_error(format!("unsupported operand type(s) for divmod(): '{}' and '{}'", tname(x), tname(y)))
}

fn bi_pow(a: &[u64], k: u64) -> u64 {
    let p = ok!(parse_args("pow", a, k, &["base", "exp", "mod"], 3));
    if p[0] == UNBOUND || p[1] == UNBOUND {
        let missing = if p[0] == UNBOUND { "base" } else { "exp" };
        let pos = if p[0] == UNBOUND { 1 } else { 2 };
        return raise_type_error(format!("pow() missing required argument '{}' (pos {})", missing, pos));
    }
    if p[2] == UNBOUND || p[2] == NONE {
        return crate::protocols::number::binary_op(p[0], p[1], BinOp::Pow);
    }
    if is_int_like(p[0]) && is_int_like(p[1]) && is_int_like(p[2]) {
        return int_pow_mod(p[0], p[1], p[2]);
    }
    let builtin_num = |v: u64| {
        is_int_like(v) || crate::types::float::is_float_like(v) || crate::types::complex::is_complex(v)
    };
    if builtin_num(p[0]) && builtin_num(p[1]) && builtin_num(p[2]) {
        return raise_type_error("pow() 3rd argument not allowed unless all arguments are integers".into());
    }
    match crate::protocols::call::call_special(p[0], "__pow__", &[p[1], p[2]]) {
        Ok(Some(r)) if r != NOT_IMPLEMENTED => return r,
        Ok(_) => {}
        Err(_) => return ERR,
    }
    raise_type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        tname(p[0]),
        tname(p[1]),
        tname(p[2])
    ))
}

fn bi_round(a: &[u64], k: u64) -> u64 {
    let p = ok!(parse_args("round", a, k, &["number", "ndigits"], 2));
    if p[0] == UNBOUND {
        return raise_type_error("round() missing required argument 'number' (pos 1)".into());
    }
    let x = p[0];
    let nd = if p[1] == UNBOUND { NONE } else { p[1] };
    if is_float(x) {
        return crate::types::float::float_round(float_val(x), nd);
    }
    if is_int_like(x) {
        return if nd == NONE { int_exact(x) } else { int_round(x, nd) };
    }
    let args: Vec<u64> = if nd == NONE { vec![] } else { vec![nd] };
    match crate::protocols::call::call_special(x, "__round__", &args) {
        Ok(Some(r)) => r,
        Ok(None) => raise_type_error(format!("type {} doesn't define __round__ method", tname(x))),
        Err(_) => ERR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_text_parsing_rules() {
        let p = |s: &str, b: u32| parse_int_text(s, b).map(|v| v.to_string_dec());
        assert_eq!(p(" -0x_1f ", 0), Ok("-31".into()));
        assert_eq!(p("1_000", 10), Ok("1000".into()));
        assert_eq!(p("0b101", 2), Ok("5".into()));
        assert_eq!(p("000", 0), Ok("0".into()));
        assert_eq!(p("010", 0), Err(ParseIntErr::Invalid));
        assert_eq!(p("010", 10), Ok("10".into()));
        assert_eq!(p("1__0", 10), Err(ParseIntErr::Invalid));
        assert_eq!(p("_1", 10), Err(ParseIntErr::Invalid));
        assert_eq!(p("1_", 10), Err(ParseIntErr::Invalid));
        assert_eq!(p("0x", 16), Err(ParseIntErr::Invalid));
        assert_eq!(p("z", 36), Ok("35".into()));
        assert_eq!(p("12", 2), Err(ParseIntErr::Invalid));
        assert_eq!(p("+", 10), Err(ParseIntErr::Invalid));
        assert_eq!(p(&"9".repeat(4301), 10), Err(ParseIntErr::TooManyDigits(4301)));
        assert!(p(&"f".repeat(5000), 16).is_ok());
    }

    #[test]
    fn small_path_helpers() {
        assert_eq!(floordiv_i128(-7, 2), -4);
        assert_eq!(mod_i128(-7, 2), 1);
        assert_eq!(mod_i128(7, -2), -1);
        assert_eq!(hash_i128(-1), -2);
        assert_eq!(hash_i128((1 << 61) - 1), 0);
    }
}
