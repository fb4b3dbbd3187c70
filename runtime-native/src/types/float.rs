//! types/float.rs — `float`: immediate doubles (the word is the IEEE bits);
//! instances of float subclasses are heap `FloatObject`s. Arithmetic with
//! CPython's errors (including int/float mixes, which live here as in
//! CPython), exact int/float comparison, methods, `float()`.
//! Owner: numbers engineer. Core API: `float_repr_str`, `float_binop`,
//! `as_f64`, `hash_f64`, `num_to_f64`, `float_round`.
//! Neighbours: floatrepr.rs (text conversions), int.rs, complex.rs (a
//! negative base to a fractional power gives a complex).

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::bignum::BigInt;
use crate::types::builtin_func::{add_classmethod, add_method, check_args, parse_args};
use crate::types::floatrepr;
use crate::types::int::{int_from_float, is_int_like};
use crate::value::*;
use std::cmp::Ordering;

/// A float-subclass instance (plain floats are immediate words).
#[repr(C)]
pub struct FloatObject {
    pub header: ObjHeader,
    pub value: f64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Float);
    (*t).basicsize = std::mem::size_of::<FloatObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE;
    (*t).slots.repr = Some(f_repr);
    (*t).slots.hash = Some(f_hash);
    (*t).slots.richcmp = Some(f_richcmp);
    (*t).slots.bool_ = Some(f_bool);
    (*t).slots.neg = Some(|v| box_float(-fv(v)));
    (*t).slots.pos = Some(|v| box_float(fv(v)));
    (*t).slots.abs = Some(|v| box_float(fv(v).abs()));
    (*t).slots.float_ = Some(|v| box_float(fv(v)));
    (*t).slots.int_ = Some(|v| int_from_float(fv(v)));
    (*t).slots.new = Some(float_new);
    (*t).slots.nb = [
        Some(fb::<0>), Some(fb::<1>), Some(fb::<2>), Some(fb::<3>), Some(fb::<4>), Some(fb::<5>), Some(fb::<6>),
        None, None, None, None, None, None,
    ];
    (*t).slots.nb_r = [
        Some(fbr::<0>), Some(fbr::<1>), Some(fbr::<2>), Some(fbr::<3>), Some(fbr::<4>), Some(fbr::<5>), Some(fbr::<6>),
        None, None, None, None, None, None,
    ];
}

pub fn init_methods() {
    let t = tp(TypeId::Float);
    add_method(t, "is_integer", |a, k| {
        ok!(check_args("is_integer", a, k, 1, 1));
        let f = fv(a[0]);
        box_bool(f.is_finite() && f.fract() == 0.0)
    });
    add_method(t, "as_integer_ratio", |a, k| {
        ok!(check_args("as_integer_ratio", a, k, 1, 1));
        let f = fv(a[0]);
        if f.is_nan() {
            return raise_value_error("cannot convert NaN to integer ratio".into());
        }
        if f.is_infinite() {
            return raise_overflow_error("cannot convert Infinity to integer ratio".into());
        }
        let (n, d) = floatrepr::as_integer_ratio(f);
        let (n, d) = (crate::types::bigint::int_from_big(n), crate::types::bigint::int_from_big(d));
        crate::types::tuple::tuple_new(vec![n, d])
    });
    add_method(t, "conjugate", |a, _| box_float(fv(a[0])));
    add_method(t, "hex", |a, k| {
        ok!(check_args("hex", a, k, 1, 1));
        crate::types::str::str_from_string(floatrepr::to_hex(fv(a[0])))
    });
    add_classmethod(t, "fromhex", |a, k| {
        ok!(check_args("fromhex", a, k, 2, 2));
        if !crate::types::str::is_str(a[1]) {
            return raise_type_error(format!("fromhex() argument must be str, not {}", tname(a[1])));
        }
        let f = match floatrepr::from_hex(crate::types::str::str_as(a[1])) {
            Ok(f) => f,
            Err((m, true)) => return raise_overflow_error(m.into()),
            Err((m, false)) => return raise_value_error(m.into()),
        };
        if is_type(a[0]) && as_type(a[0]) != tp(TypeId::Float) {
            return crate::protocols::call::call_function(a[0], &[box_float(f)], 0);
        }
        box_float(f)
    });
    add_method(t, "__trunc__", |a, _| int_from_float(fv(a[0])));
    add_method(t, "__floor__", |a, _| int_from_float(fv(a[0]).floor()));
    add_method(t, "__ceil__", |a, _| int_from_float(fv(a[0]).ceil()));
    add_method(t, "__round__", |a, k| {
        ok!(check_args("__round__", a, k, 1, 2));
        float_round(fv(a[0]), if a.len() > 1 { a[1] } else { NONE })
    });
    add_method(t, "__getnewargs__", |a, _| crate::types::tuple::tuple_new(vec![box_float(fv(a[0]))]));
    add_method(t, "__format__", |a, k| {
        ok!(check_args("__format__", a, k, 2, 2));
        if !crate::types::str::is_str(a[1]) {
            return raise_type_error(format!("__format__() argument must be str, not {}", tname(a[1])));
        }
        match crate::types::format::format_float(fv(a[0]), crate::types::str::str_as(a[1])) {
            Ok(s) => crate::types::str::str_from_string(s),
            Err(e) => crate::types::format::raise_fmt_err(e),
        }
    });
    crate::types::descr::add_getset(t, "real", |v| box_float(fv(v)), None);
    crate::types::descr::add_getset(t, "imag", |_| box_float(0.0), None);
}

/// The double of a float word or float-subclass instance.
#[inline]
pub fn fv(v: u64) -> f64 {
    if is_float(v) {
        float_val(v)
    } else {
        // SAFETY: float-layout heap object.
        unsafe { (*as_obj::<FloatObject>(v)).value }
    }
}

/// True for floats and float-subclass instances.
#[inline]
pub fn is_float_like(v: u64) -> bool {
    is_float(v) || has_layout(v, TypeId::Float)
}

/// A float value from float or int-like (None otherwise; big ints that
/// overflow become ±inf — use `num_to_f64` to raise instead).
pub fn as_f64(v: u64) -> Option<f64> {
    if is_float_like(v) {
        Some(fv(v))
    } else if is_int(v) {
        Some(int_val(v) as f64)
    } else if is_int_like(v) {
        let b = crate::types::bigint::big_of(v)?;
        Some(b.to_f64().unwrap_or(if b.is_neg() { f64::NEG_INFINITY } else { f64::INFINITY }))
    } else {
        None
    }
}

/// float or int-like to f64, OverflowError for huge ints, TypeError else.
pub fn num_to_f64(v: u64) -> R<f64> {
    if is_float_like(v) {
        return Ok(fv(v));
    }
    if is_int_like(v) {
        return crate::types::int::int_to_f64(v);
    }
    Err(raise_type_error_p(format!("must be real number, not {}", tname(v))))
}

/// Python's `repr(float)`.
pub fn float_repr_str(f: f64) -> String {
    floatrepr::repr(f)
}

unsafe fn f_repr(v: u64) -> u64 {
    crate::types::str::str_from_string(floatrepr::repr(fv(v)))
}

/// Python's float hash (integral floats hash like ints).
pub fn hash_f64(f: f64) -> i64 {
    if f.is_nan() {
        // As CPython 3.10+: a NaN hashes by identity (its word's payload, see
        // value.rs `box_nan`), so distinct NaNs rarely collide.
        return (f.to_bits() & PAYLOAD_MASK).rotate_right(4) as i64 & i64::MAX;
    }
    floatrepr::hash(f)
}

unsafe fn f_hash(v: u64) -> R<i64> {
    Ok(hash_f64(fv(v)))
}

unsafe fn f_bool(v: u64) -> R<bool> {
    Ok(fv(v) != 0.0)
}

/// Exact comparison of a double with an int-like word (None: unordered).
pub fn cmp_float_int(x: f64, b: u64) -> Option<Ordering> {
    if is_int(b) {
        let i = int_val(b);
        // |i| < 2**48: exact in a double
        return x.partial_cmp(&(i as f64));
    }
    let big = crate::types::bigint::big_of(b).unwrap_or_default();
    big.cmp_f64(x).map(|o| o.reverse())
}

unsafe fn f_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    let x = fv(a);
    let o = if is_float_like(b) {
        x.partial_cmp(&fv(b))
    } else if is_int_like(b) {
        cmp_float_int(x, b)
    } else {
        return NOT_IMPLEMENTED;
    };
    match o {
        Some(o) => box_bool(op.test(o)),
        None => box_bool(op == CmpOp::Ne),
    }
}

/// `x ** y` on doubles with CPython's special cases. A negative base with
/// a non-integral exponent gives a complex.
pub fn float_pow(x: f64, y: f64) -> u64 {
    if y == 0.0 {
        return box_float(1.0);
    }
    if x.is_nan() {
        return box_float(x);
    }
    if y.is_nan() {
        return box_float(if x == 1.0 { 1.0 } else { y });
    }
    let y_is_odd_int = y.is_finite() && y.fract() == 0.0 && (y % 2.0).abs() == 1.0;
    if y.is_infinite() {
        let ax = x.abs();
        if ax == 1.0 {
            return box_float(1.0);
        }
        return box_float(if (y > 0.0) == (ax > 1.0) { f64::INFINITY } else { 0.0 });
    }
    if x.is_infinite() {
        return box_float(if y > 0.0 {
            if y_is_odd_int {
                x
            } else {
                x.abs()
            }
        } else if y_is_odd_int {
            0.0f64.copysign(x)
        } else {
            0.0
        });
    }
    if x == 0.0 {
        if y < 0.0 {
            return raise_zero_division("0.0 cannot be raised to a negative power".into());
        }
        return box_float(if y_is_odd_int { x } else { 0.0 });
    }
    let mut negate = false;
    let mut base = x;
    if x < 0.0 {
        if y.fract() != 0.0 {
            return crate::types::complex::complex_pow_values(x, 0.0, y, 0.0);
        }
        negate = y_is_odd_int;
        base = -x;
    }
    if base == 1.0 {
        return box_float(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return crate::errors::raise_args(Exc::OverflowError, &[small_int(34), {
            let m = crate::types::str::str_from("Numerical result out of range");
            m
        }]);
    }
    box_float(if negate { -r } else { r })
}

/// `x op y` on doubles with Python's error rules.
pub fn float_binop(op: BinOp, x: f64, y: f64) -> u64 {
    match op {
        BinOp::Add => box_float(x + y),
        BinOp::Sub => box_float(x - y),
        BinOp::Mul => box_float(x * y),
        BinOp::TrueDiv => {
            if y == 0.0 {
                return raise_zero_division("float division by zero".into());
            }
            box_float(x / y)
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return raise_zero_division("float floor division by zero".into());
            }
            box_float(floatrepr::divmod(x, y).0)
        }
        BinOp::Mod => {
            if y == 0.0 {
                return raise_zero_division("float modulo".into());
            }
            box_float(floatrepr::divmod(x, y).1)
        }
        BinOp::Pow => float_pow(x, y),
        _ => NOT_IMPLEMENTED,
    }
}

/// The float operand of a mixed operation: float-like or int-like.
#[inline]
fn operand(v: u64) -> Option<R<f64>> {
    if is_float(v) {
        Some(Ok(float_val(v)))
    } else if is_int(v) {
        Some(Ok(int_val(v) as f64))
    } else if is_float_like(v) || is_int_like(v) {
        Some(num_to_f64(v))
    } else {
        None
    }
}

unsafe fn fb<const OP: usize>(a: u64, b: u64) -> u64 {
    match (operand(a), operand(b)) {
        (Some(x), Some(y)) => {
            let x = ok!(x);
            let y = ok!(y);
            float_binop(BINOPS[OP], x, y)
        }
        _ => NOT_IMPLEMENTED,
    }
}

unsafe fn fbr<const OP: usize>(a: u64, b: u64) -> u64 {
    match (operand(b), operand(a)) {
        (Some(x), Some(y)) => {
            let x = ok!(x);
            let y = ok!(y);
            float_binop(BINOPS[OP], x, y)
        }
        _ => NOT_IMPLEMENTED,
    }
}

/// `round(float, ndigits)` (ndigits NONE: round half even to an int).
pub fn float_round(f: f64, nd: u64) -> u64 {
    if nd == NONE {
        return int_from_float(floatrepr::round_half_even(f));
    }
    let n = match crate::protocols::number::index_i64(nd) {
        Ok(n) => n,
        Err(_) => {
            if pending_matches(Exc::OverflowError) {
                clear_pending();
                let w = tri!(crate::protocols::number::index(nd));
                let neg = crate::types::bigint::big_of(w).map_or(false, |b| b.is_neg());
                decref(w);
                if neg {
                    i64::MIN
                } else {
                    i64::MAX
                }
            } else {
                return ERR;
            }
        }
    };
    match floatrepr::round_ndigits(f, n) {
        Ok(r) => box_float(r),
        Err(()) => raise_overflow_error("rounded value too large to represent".into()),
    }
}

/// `float(x)` for any object.
pub fn float_of(x: u64) -> u64 {
    if is_float(x) {
        return x;
    }
    if is_float_like(x) {
        return box_float(fv(x));
    }
    if is_int_like(x) {
        return match crate::types::int::int_to_f64(x) {
            Ok(f) => box_float(f),
            Err(_) => ERR,
        };
    }
    let text: Option<String> = if crate::types::str::is_str(x) {
        Some(crate::types::str::str_as(x).to_string())
    } else {
        crate::types::bytes::bytes_like_data(x).map(|d| String::from_utf8_lossy(d).into_owned())
    };
    if let Some(s) = text {
        let norm = crate::types::strmethods::normalize_decimal_digits(&s);
        return match floatrepr::parse(&norm) {
            Some(f) => box_float(f),
            None => {
                let r = if crate::types::str::is_str(x) {
                    crate::types::str::repr_text(&s)
                } else {
                    ok!(crate::protocols::repr::repr_string(x))
                };
                raise_value_error(format!("could not convert string to float: {}", r))
            }
        };
    }
    let t = type_of(x);
    // SAFETY: live type.
    unsafe {
        if let Some(f) = (*t).slots.float_ {
            let r = tri!(f(x));
            if !is_float_like(r) {
                let n = tname(r);
                decref(r);
                return raise_type_error(format!("{}.__float__ returned non-float (type {})", tname(x), n));
            }
            return r;
        }
        if (*t).slots.index.is_some() {
            let w = tri!(crate::protocols::number::index(x));
            let r = crate::types::int::int_to_f64(w);
            decref(w);
            return match r {
                Ok(f) => box_float(f),
                Err(_) => ERR,
            };
        }
    }
    raise_type_error(format!("float() argument must be a string or a real number, not '{}'", tname(x)))
}

unsafe fn float_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    if crate::types::builtin_func::nkw(kw) > 0 {
        return raise_type_error("float() takes no keyword arguments".into());
    }
    let _ = parse_args;
    if args.len() > 1 {
        return raise_type_error(format!("float expected at most 1 argument, got {}", args.len()));
    }
    let v = if args.is_empty() { box_float(0.0) } else { tri!(float_of(args[0])) };
    if t == tp(TypeId::Float) {
        return v;
    }
    let f = fv(v);
    decref(v);
    from_ptr(crate::object::new_object(t, FloatObject { header: crate::object::header0(), value: f }))
}

/// Keep BigInt in scope for callers comparing huge ints (used by tests).
#[allow(dead_code)]
fn _big_cmp(b: &BigInt, f: f64) -> Option<Ordering> {
    b.cmp_f64(f)
}
