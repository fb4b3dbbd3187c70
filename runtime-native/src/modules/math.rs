//! modules/math.rs — the `math` module (floating-point functions on f64,
//! integer functions on arbitrary ints through the generic operators).

use crate::errors::*;
use crate::object::*;
use crate::protocols::number::binary_op;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::int::is_int_like;
use crate::types::module::*;
use crate::value::*;

/// A float from a number or an object with `__float__`/`__index__`.
pub fn to_f64(v: u64) -> R<f64> {
    if is_float(v) {
        return Ok(float_val(v));
    }
    if is_int(v) {
        return Ok(int_val(v) as f64);
    }
    if is_int_like(v) {
        return crate::types::int::int_to_f64(v);
    }
    let t = type_of(v);
    // SAFETY: t is live.
    unsafe {
        if let Some(f) = (*t).slots.float_ {
            let r = chk(f(v))?;
            let x = if is_float(r) { float_val(r) } else { crate::types::float::num_to_f64(r)? };
            decref(r);
            return Ok(x);
        }
        if (*t).slots.index.is_some() {
            let r = chk(crate::protocols::number::index(v))?;
            let x = crate::types::int::int_to_f64(r);
            decref(r);
            return x;
        }
    }
    Err(raise_type_error_p(format!("must be real number, not {}", tname(v))))
}

fn domain() -> u64 {
    raise_value_error("math domain error".to_string())
}

fn range_err() -> u64 {
    raise_overflow_error("math range error".to_string())
}

/// Box a float result, checking for domain/range errors like CPython.
fn result(x: f64, r: f64) -> u64 {
    if r.is_nan() && !x.is_nan() {
        return domain();
    }
    if r.is_infinite() && x.is_finite() {
        return range_err();
    }
    box_float(r)
}

macro_rules! unary_math {
    ($($name:ident => $f:expr),* $(,)?) => { $(
        pub(crate) unsafe fn $name(a: &[u64], k: u64) -> u64 {
            ok!(check_args(stringify!($name), a, k, 1, 1));
            let x = ok!(to_f64(a[0]));
            let f: fn(f64) -> f64 = $f;
            result(x, f(x))
        }
    )* };
}

unary_math! {
    sqrt => |x| if x < 0.0 { f64::NAN } else { x.sqrt() },
    exp => f64::exp,
    exp2 => f64::exp2,
    expm1 => f64::exp_m1,
    sin => f64::sin,
    cos => f64::cos,
    tan => f64::tan,
    asin => |x| if !(-1.0..=1.0).contains(&x) { f64::NAN } else { x.asin() },
    acos => |x| if !(-1.0..=1.0).contains(&x) { f64::NAN } else { x.acos() },
    atan => f64::atan,
    sinh => f64::sinh,
    cosh => f64::cosh,
    tanh => f64::tanh,
    asinh => f64::asinh,
    acosh => |x| if x < 1.0 { f64::NAN } else { x.acosh() },
    atanh => |x| if x <= -1.0 || x >= 1.0 { f64::NAN } else { x.atanh() },
    fabs => f64::abs,
    log2 => |x| if x <= 0.0 { f64::NAN } else { x.log2() },
    log10 => |x| if x <= 0.0 { f64::NAN } else { x.log10() },
    log1p => |x| if x <= -1.0 { f64::NAN } else { x.ln_1p() },
    degrees => f64::to_degrees,
    radians => f64::to_radians,
    cbrt => f64::cbrt,
    erf => erf_f,
    erfc => |x| 1.0 - erf_f(x),
    gamma => gamma_f,
    lgamma => |x| gamma_f(x).abs().ln(),
}

/// erf by a high-precision rational approximation (Abramowitz–Stegun 7.1.26
/// refined with a series for small |x|).
fn erf_f(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let ax = x.abs();
    if ax < 2.0 {
        // Maclaurin series
        let mut sum = ax;
        let mut term = ax;
        let x2 = ax * ax;
        let mut n = 0.0;
        loop {
            n += 1.0;
            term *= -x2 / n;
            let add = term / (2.0 * n + 1.0);
            sum += add;
            if add.abs() < 1e-17 * sum.abs() {
                break;
            }
        }
        let r = sum * 2.0 / std::f64::consts::PI.sqrt();
        return if x < 0.0 { -r } else { r };
    }
    // continued fraction for erfc
    let mut f = 0.0;
    let mut k = 60.0;
    while k > 0.0 {
        f = k / 2.0 / (ax + f);
        k -= 1.0;
    }
    let erfc = (-ax * ax).exp() / (ax + f) / std::f64::consts::PI.sqrt();
    let r = 1.0 - erfc;
    if x < 0.0 {
        -r
    } else {
        r
    }
}

/// Gamma by the Lanczos approximation.
fn gamma_f(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x == x.floor() && x <= 0.0 {
        return f64::NAN;
    }
    if x == x.floor() && x > 0.0 && x < 171.0 {
        let mut r = 1.0;
        let mut i = 2.0;
        while i < x {
            r *= i;
            i += 1.0;
        }
        return r;
    }
    if x < 0.5 {
        return std::f64::consts::PI / ((std::f64::consts::PI * x).sin() * gamma_f(1.0 - x));
    }
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    (2.0 * std::f64::consts::PI).sqrt() * t.powf(x + 0.5) * (-t).exp() * a
}

unsafe fn log(a: &[u64], k: u64) -> u64 {
    ok!(check_args("log", a, k, 1, 2));
    let ln = |v: u64| -> R<f64> {
        if is_int_like(v) && !is_int(v) {
            // large ints: log of the decimal magnitude keeps precision
            let s = crate::types::int::int_to_decimal(v)?;
            let neg = s.starts_with('-');
            if neg || s == "0" {
                return Ok(f64::NAN);
            }
            let digits = s.len() as f64;
            let lead: f64 = s[..s.len().min(17)].parse().unwrap_or(1.0);
            return Ok(lead.ln() + (digits - s.len().min(17) as f64) * std::f64::consts::LN_10);
        }
        let x = to_f64(v)?;
        Ok(if x <= 0.0 { f64::NAN } else { x.ln() })
    };
    let x = ok!(ln(a[0]));
    if x.is_nan() {
        return domain();
    }
    if a.len() == 2 {
        let b = ok!(ln(a[1]));
        if b.is_nan() {
            return domain();
        }
        if b == 0.0 {
            return raise_zero_division("float division by zero".to_string());
        }
        return box_float(x / b);
    }
    box_float(x)
}

unsafe fn pow_(a: &[u64], k: u64) -> u64 {
    ok!(check_args("pow", a, k, 2, 2));
    let x = ok!(to_f64(a[0]));
    let y = ok!(to_f64(a[1]));
    if x == 0.0 && y < 0.0 {
        return domain();
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return domain();
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return range_err();
    }
    box_float(r)
}

unsafe fn atan2(a: &[u64], k: u64) -> u64 {
    ok!(check_args("atan2", a, k, 2, 2));
    box_float(ok!(to_f64(a[0])).atan2(ok!(to_f64(a[1]))))
}

unsafe fn copysign(a: &[u64], k: u64) -> u64 {
    ok!(check_args("copysign", a, k, 2, 2));
    box_float(ok!(to_f64(a[0])).copysign(ok!(to_f64(a[1]))))
}

unsafe fn fmod(a: &[u64], k: u64) -> u64 {
    ok!(check_args("fmod", a, k, 2, 2));
    let (x, y) = (ok!(to_f64(a[0])), ok!(to_f64(a[1])));
    if y == 0.0 || x.is_infinite() {
        return domain();
    }
    box_float(x % y)
}

unsafe fn remainder(a: &[u64], k: u64) -> u64 {
    ok!(check_args("remainder", a, k, 2, 2));
    let (x, y) = (ok!(to_f64(a[0])), ok!(to_f64(a[1])));
    if y == 0.0 || x.is_infinite() {
        return domain();
    }
    let n = (x / y).round();
    let mut r = x - n * y;
    // round half to even
    if ((x / y) - (x / y).trunc()).abs() == 0.5 && (n % 2.0) != 0.0 {
        let n2 = n - (x / y).signum();
        r = x - n2 * y;
    }
    box_float(r)
}

unsafe fn hypot(a: &[u64], k: u64) -> u64 {
    ok!(no_kwargs("hypot", k));
    let mut acc = 0.0f64;
    let mut inf = false;
    for &v in a {
        let x = ok!(to_f64(v));
        if x.is_infinite() {
            inf = true;
        }
        acc = acc.hypot(x);
    }
    box_float(if inf { f64::INFINITY } else { acc })
}

unsafe fn dist(a: &[u64], k: u64) -> u64 {
    ok!(check_args("dist", a, k, 2, 2));
    let p = ok!(crate::protocols::iter::collect(a[0]));
    let q = ok!(crate::protocols::iter::collect(a[1]));
    if p.len() != q.len() {
        return raise_value_error("both points must have the same number of dimensions".to_string());
    }
    let mut acc = 0.0f64;
    for (x, y) in p.iter().zip(q.iter()) {
        acc = acc.hypot(ok!(to_f64(*x)) - ok!(to_f64(*y)));
    }
    for v in p.into_iter().chain(q) {
        decref(v);
    }
    box_float(acc)
}

fn int_result_of_float(name: &str, v: u64, f: fn(f64) -> f64) -> u64 {
    if is_int_like(v) {
        // SAFETY: int-like values have an index slot.
        return crate::protocols::number::index(v);
    }
    let dunder = if name == "floor" { "__floor__" } else if name == "ceil" { "__ceil__" } else { "__trunc__" };
    if !is_float(v) {
        match crate::protocols::call::call_special(v, dunder, &[]) {
            Ok(Some(r)) => return r,
            Ok(None) => {}
            Err(_) => return ERR,
        }
    }
    let x = ok!(to_f64(v));
    crate::types::int::int_from_float(f(x))
}

unsafe fn floor(a: &[u64], k: u64) -> u64 {
    ok!(check_args("floor", a, k, 1, 1));
    int_result_of_float("floor", a[0], f64::floor)
}
unsafe fn ceil(a: &[u64], k: u64) -> u64 {
    ok!(check_args("ceil", a, k, 1, 1));
    int_result_of_float("ceil", a[0], f64::ceil)
}
unsafe fn trunc(a: &[u64], k: u64) -> u64 {
    ok!(check_args("trunc", a, k, 1, 1));
    int_result_of_float("trunc", a[0], f64::trunc)
}

unsafe fn modf(a: &[u64], k: u64) -> u64 {
    ok!(check_args("modf", a, k, 1, 1));
    let x = ok!(to_f64(a[0]));
    if x.is_infinite() {
        return crate::types::tuple::tuple_new(vec![box_float(0.0f64.copysign(x)), box_float(x)]);
    }
    crate::types::tuple::tuple_new(vec![box_float(x.fract()), box_float(x.trunc())])
}

unsafe fn frexp(a: &[u64], k: u64) -> u64 {
    ok!(check_args("frexp", a, k, 1, 1));
    let x = ok!(to_f64(a[0]));
    if x == 0.0 || !x.is_finite() {
        return crate::types::tuple::tuple_new(vec![box_float(x), small_int(0)]);
    }
    let mut e = x.abs().log2().floor() as i64 + 1;
    let mut m = x / 2f64.powi(e as i32);
    if m.abs() >= 1.0 {
        m /= 2.0;
        e += 1;
    } else if m.abs() < 0.5 {
        m *= 2.0;
        e -= 1;
    }
    crate::types::tuple::tuple_new(vec![box_float(m), small_int(e)])
}

unsafe fn ldexp(a: &[u64], k: u64) -> u64 {
    ok!(check_args("ldexp", a, k, 2, 2));
    let x = ok!(to_f64(a[0]));
    let e = match crate::types::int::as_i64(a[1]) {
        Some(e) => e,
        None => return raise_type_error("Expected an int as second argument to ldexp.".to_string()),
    };
    // correctly rounded, also for subnormal results (types/floatrepr.rs)
    let r = crate::types::floatrepr::ldexp(x, e);
    result(x, r)
}

unsafe fn isfinite(a: &[u64], k: u64) -> u64 {
    ok!(check_args("isfinite", a, k, 1, 1));
    box_bool(ok!(to_f64(a[0])).is_finite())
}
unsafe fn isinf(a: &[u64], k: u64) -> u64 {
    ok!(check_args("isinf", a, k, 1, 1));
    box_bool(ok!(to_f64(a[0])).is_infinite())
}
unsafe fn isnan(a: &[u64], k: u64) -> u64 {
    ok!(check_args("isnan", a, k, 1, 1));
    box_bool(ok!(to_f64(a[0])).is_nan())
}

unsafe fn isclose(a: &[u64], k: u64) -> u64 {
    let p = ok!(parse_args("isclose", a, k, &["a", "b", "rel_tol", "abs_tol"], 2));
    if p[0] == UNBOUND || p[1] == UNBOUND {
        return raise_type_error("isclose() missing required argument".to_string());
    }
    let (x, y) = (ok!(to_f64(p[0])), ok!(to_f64(p[1])));
    let rel = if p[2] == UNBOUND { 1e-9 } else { ok!(to_f64(p[2])) };
    let abs = if p[3] == UNBOUND { 0.0 } else { ok!(to_f64(p[3])) };
    if rel < 0.0 || abs < 0.0 {
        return raise_value_error("tolerances must be non-negative".to_string());
    }
    if x == y {
        return TRUE;
    }
    if x.is_infinite() || y.is_infinite() {
        return FALSE;
    }
    let d = (x - y).abs();
    box_bool(d <= (rel * y).abs() || d <= (rel * x).abs() || d <= abs)
}

fn int_arg(name: &str, v: u64) -> R<u64> {
    if is_int_like(v) {
        return Ok(newref(v));
    }
    if is_float(v) {
        return Err(raise_type_error_p("'float' object cannot be interpreted as an integer".to_string()));
    }
    let _ = name;
    chk(crate::protocols::number::index(v))
}

fn is_negative(v: u64) -> bool {
    crate::protocols::compare::lt_bool(v, small_int(0)).unwrap_or(false)
}

fn gcd2(a: u64, b: u64) -> u64 {
    let mut x = tri!(crate::protocols::number::abs(a));
    let mut y = tri!(crate::protocols::number::abs(b));
    while y != small_int(0) {
        let r = binary_op(x, y, BinOp::Mod);
        decref(x);
        if r == ERR {
            decref(y);
            return ERR;
        }
        x = y;
        y = r;
    }
    decref(y);
    x
}

unsafe fn gcd(a: &[u64], k: u64) -> u64 {
    ok!(no_kwargs("gcd", k));
    let mut acc = small_int(0);
    for &v in a {
        let i = ok!(int_arg("gcd", v));
        let g = gcd2(acc, i);
        decref(i);
        decref(acc);
        acc = tri!(g);
    }
    acc
}

unsafe fn lcm(a: &[u64], k: u64) -> u64 {
    ok!(no_kwargs("lcm", k));
    let mut acc = small_int(1);
    for &v in a {
        let i = ok!(int_arg("lcm", v));
        if i == small_int(0) || acc == small_int(0) {
            decref(acc);
            decref(i);
            acc = small_int(0);
            continue;
        }
        let g = tri!(gcd2(acc, i));
        let p = tri!(binary_op(acc, i, BinOp::Mul));
        let q = tri!(binary_op(p, g, BinOp::FloorDiv));
        decref(p);
        decref(g);
        decref(i);
        decref(acc);
        acc = tri!(crate::protocols::number::abs(q));
        decref(q);
    }
    acc
}

unsafe fn factorial(a: &[u64], k: u64) -> u64 {
    ok!(check_args("factorial", a, k, 1, 1));
    let n = ok!(int_arg("factorial", a[0]));
    if is_negative(n) {
        return raise_value_error("factorial() not defined for negative values".to_string());
    }
    let n = match crate::types::int::as_i64(n) {
        Some(n) => n,
        None => return raise_overflow_error("factorial() argument should not exceed 9223372036854775807".to_string()),
    };
    let mut acc = small_int(1);
    let mut i = 2;
    while i <= n {
        let r = tri!(binary_op(acc, small_int(i), BinOp::Mul));
        decref(acc);
        acc = r;
        i += 1;
    }
    acc
}

unsafe fn perm_comb(a: &[u64], k: u64, comb: bool) -> u64 {
    let name = if comb { "comb" } else { "perm" };
    ok!(check_args(name, a, k, if comb { 2 } else { 1 }, 2));
    let n = ok!(int_arg(name, a[0]));
    let kk = if a.len() > 1 && a[1] != NONE { ok!(int_arg(name, a[1])) } else { newref(n) };
    if is_negative(n) {
        return raise_value_error("n must be a non-negative integer".to_string());
    }
    if is_negative(kk) {
        return raise_value_error("k must be a non-negative integer".to_string());
    }
    let (ni, ki) = match (crate::types::int::as_i64(n), crate::types::int::as_i64(kk)) {
        (Some(x), Some(y)) => (x, y),
        _ => return raise_overflow_error("arguments too large".to_string()),
    };
    if ki > ni {
        return small_int(0);
    }
    let kk2 = if comb { ki.min(ni - ki) } else { ki };
    let mut acc = small_int(1);
    for j in 0..kk2 {
        let r = tri!(binary_op(acc, crate::types::int::int_from_i64(ni - j), BinOp::Mul));
        decref(acc);
        acc = r;
        if comb {
            let r = tri!(binary_op(acc, crate::types::int::int_from_i64(j + 1), BinOp::FloorDiv));
            decref(acc);
            acc = r;
        }
    }
    acc
}

unsafe fn comb(a: &[u64], k: u64) -> u64 {
    perm_comb(a, k, true)
}
unsafe fn perm(a: &[u64], k: u64) -> u64 {
    perm_comb(a, k, false)
}

unsafe fn isqrt(a: &[u64], k: u64) -> u64 {
    ok!(check_args("isqrt", a, k, 1, 1));
    let n = ok!(int_arg("isqrt", a[0]));
    if is_negative(n) {
        return raise_value_error("isqrt() argument must be nonnegative".to_string());
    }
    if let Some(x) = crate::types::int::as_i64(n) {
        let mut r = (x as f64).sqrt() as i64;
        while r > 0 && (r as i128) * (r as i128) > x as i128 {
            r -= 1;
        }
        while ((r + 1) as i128) * ((r + 1) as i128) <= x as i128 {
            r += 1;
        }
        return small_int(r);
    }
    // Newton iteration on big ints
    let mut x = newref(n);
    loop {
        let q = tri!(binary_op(n, x, BinOp::FloorDiv));
        let s = tri!(binary_op(x, q, BinOp::Add));
        decref(q);
        let y = tri!(binary_op(s, small_int(2), BinOp::FloorDiv));
        decref(s);
        if !ok!(crate::protocols::compare::lt_bool(y, x)) {
            decref(y);
            return x;
        }
        decref(x);
        x = y;
    }
}

unsafe fn prod(a: &[u64], k: u64) -> u64 {
    let p = ok!(parse_args("prod", a, k, &["iterable", "start"], 1));
    let items = ok!(crate::protocols::iter::collect(p[0]));
    let mut acc = if p[1] == UNBOUND { small_int(1) } else { newref(p[1]) };
    for v in items {
        let r = binary_op(acc, v, BinOp::Mul);
        decref(acc);
        decref(v);
        acc = tri!(r);
    }
    acc
}

unsafe fn fsum(a: &[u64], k: u64) -> u64 {
    ok!(check_args("fsum", a, k, 1, 1));
    let items = ok!(crate::protocols::iter::collect(a[0]));
    let mut partials: Vec<f64> = Vec::new();
    for v in items {
        let x = ok!(to_f64(v));
        decref(v);
        add_partial(&mut partials, x);
    }
    box_float(partials.iter().sum())
}

/// Add `x` to Shewchuk's exact partials (non-overlapping, increasing magnitude).
fn add_partial(partials: &mut Vec<f64>, x0: f64) {
    let mut x = x0;
    let mut i = 0;
    for j in 0..partials.len() {
        let mut y = partials[j];
        if x.abs() < y.abs() {
            std::mem::swap(&mut x, &mut y);
        }
        let hi = x + y;
        let lo = y - (hi - x);
        if lo != 0.0 {
            partials[i] = lo;
            i += 1;
        }
        x = hi;
    }
    partials.truncate(i);
    partials.push(x);
}

/// The correctly rounded sum of `xs` (Shewchuk's partials, then a final
/// round-half-even correction across the two top partials).
fn exact_sum(xs: &[f64]) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for &x in xs {
        add_partial(&mut partials, x);
    }
    let mut n = partials.len();
    if n == 0 {
        return 0.0;
    }
    n -= 1;
    let mut hi = partials[n];
    let mut lo = 0.0;
    while n > 0 {
        let x = hi;
        n -= 1;
        let y = partials[n];
        hi = x + y;
        lo = y - (hi - x);
        if lo != 0.0 {
            break;
        }
    }
    // hi + lo is exact; when lo is half an ulp of hi and the next partial
    // pushes the same way, round away from hi.
    if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
        let y = lo * 2.0;
        let x = hi + y;
        if y == x - hi {
            hi = x;
        }
    }
    hi
}

/// A float operand of sumprod's float path: a float, or an int a double
/// holds exactly.
fn sumprod_float(v: u64) -> Option<f64> {
    if is_float(v) {
        return Some(float_val(v));
    }
    if crate::types::int::is_int_like(v) && !crate::value::is_bool(v) {
        if let Some(i) = crate::types::int::as_i64(v) {
            if i.unsigned_abs() <= 1u64 << 53 {
                return Some(i as f64);
            }
        }
    }
    None
}

unsafe fn sumprod(a: &[u64], k: u64) -> u64 {
    ok!(check_args("sumprod", a, k, 2, 2));
    let p = ok!(crate::protocols::iter::collect(a[0]));
    let q = ok!(crate::protocols::iter::collect(a[1]));
    let drop_all = |p: Vec<u64>, q: Vec<u64>| {
        for v in p.into_iter().chain(q) {
            decref(v);
        }
    };
    if p.len() != q.len() {
        drop_all(p, q);
        return raise_value_error("Inputs are not the same length".to_string());
    }
    // Floats: the exact products (hi + lo by fused multiply-add), summed
    // with one rounding.
    let any_float = p.iter().chain(q.iter()).any(|&v| is_float(v));
    if any_float {
        let mut parts: Vec<f64> = Vec::with_capacity(2 * p.len());
        let mut ok_path = true;
        for (&x, &y) in p.iter().zip(q.iter()) {
            match (sumprod_float(x), sumprod_float(y)) {
                (Some(x), Some(y)) => {
                    let hi = x * y;
                    if !hi.is_finite() {
                        ok_path = false;
                        break;
                    }
                    parts.push(hi);
                    parts.push(x.mul_add(y, -hi));
                }
                _ => {
                    ok_path = false;
                    break;
                }
            }
        }
        if ok_path {
            drop_all(p, q);
            return box_float(exact_sum(&parts));
        }
    }
    let mut acc = small_int(0);
    let mut err = false;
    for (&x, &y) in p.iter().zip(q.iter()) {
        let m = binary_op(x, y, BinOp::Mul);
        if m == ERR {
            err = true;
            break;
        }
        let r = binary_op(acc, m, BinOp::Add);
        decref(m);
        decref(acc);
        if r == ERR {
            acc = NONE;
            err = true;
            break;
        }
        acc = r;
    }
    drop_all(p, q);
    if err {
        if acc != NONE {
            decref(acc);
        }
        return ERR;
    }
    acc
}

unsafe fn nextafter(a: &[u64], k: u64) -> u64 {
    ok!(check_args("nextafter", a, k, 2, 2));
    let (x, y) = (ok!(to_f64(a[0])), ok!(to_f64(a[1])));
    if x.is_nan() || y.is_nan() {
        return box_float(f64::NAN);
    }
    if x == y {
        return box_float(y);
    }
    if x == 0.0 {
        return box_float(f64::from_bits(1).copysign(y));
    }
    let b = x.to_bits();
    let up = (y > x) == (x > 0.0);
    box_float(f64::from_bits(if up { b + 1 } else { b - 1 }))
}

unsafe fn ulp(a: &[u64], k: u64) -> u64 {
    ok!(check_args("ulp", a, k, 1, 1));
    let x = ok!(to_f64(a[0])).abs();
    if x.is_nan() || x.is_infinite() {
        return box_float(x);
    }
    let n = f64::from_bits(x.to_bits() + 1);
    if n.is_infinite() {
        return box_float(x - f64::from_bits(x.to_bits() - 1));
    }
    box_float(n - x)
}

/// Build the `math` module.
pub fn create() -> u64 {
    let m = module_new("math");
    let fns: &[(&'static str, NativeFn)] = &[
        ("sqrt", sqrt),
        ("exp", exp),
        ("exp2", exp2),
        ("expm1", expm1),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("atan2", atan2),
        ("sinh", sinh),
        ("cosh", cosh),
        ("tanh", tanh),
        ("asinh", asinh),
        ("acosh", acosh),
        ("atanh", atanh),
        ("fabs", fabs),
        ("log", log),
        ("log2", log2),
        ("log10", log10),
        ("log1p", log1p),
        ("degrees", degrees),
        ("radians", radians),
        ("cbrt", cbrt),
        ("erf", erf),
        ("erfc", erfc),
        ("gamma", gamma),
        ("lgamma", lgamma),
        ("pow", pow_),
        ("copysign", copysign),
        ("fmod", fmod),
        ("remainder", remainder),
        ("hypot", hypot),
        ("dist", dist),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("modf", modf),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("isfinite", isfinite),
        ("isinf", isinf),
        ("isnan", isnan),
        ("isclose", isclose),
        ("gcd", gcd),
        ("lcm", lcm),
        ("factorial", factorial),
        ("comb", comb),
        ("perm", perm),
        ("isqrt", isqrt),
        ("prod", prod),
        ("sumprod", sumprod),
        ("fsum", fsum),
        ("nextafter", nextafter),
        ("ulp", ulp),
    ];
    for (n, f) in fns {
        module_set(m, n, new_builtin(n, "math", *f));
    }
    module_set(m, "pi", box_float(std::f64::consts::PI));
    module_set(m, "e", box_float(std::f64::consts::E));
    module_set(m, "tau", box_float(std::f64::consts::TAU));
    module_set(m, "inf", box_float(f64::INFINITY));
    module_set(m, "nan", box_float(f64::NAN));
    m
}
