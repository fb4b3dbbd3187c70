//! types/floatrepr.rs — doubles to and from text with CPython's rules:
//! shortest round-trip `repr`, exact (correctly rounded, ties-to-even)
//! `e`/`f`/`g`/`%` formatting, `round(x, n)`, `float(str)` parsing, `hex` /
//! `fromhex`, and the numeric hash. Pure Rust (no object model).
//! Neighbours: types/float.rs (the `float` type uses these), types/format.rs
//! (the format mini-language lays out what this file produces),
//! types/bignum.rs (ratios, parsing).
//!
//! Exact digits come from base-10**9 arithmetic on the mantissa (value =
//! m * 2**e = m * 5**-e / 10**-e, `decimal_of_product`), so
//! the result does not depend on the Rust version's float formatting (Rust
//! 1.63 rounds exact ties away from zero; CPython rounds them to even).

use crate::types::bignum::{BigInt, HASH_MODULUS};

/// Mantissa and exponent of a finite non-zero |f|: |f| = m * 2**e.
pub fn decompose(f: f64) -> (u64, i64) {
    let bits = f.abs().to_bits();
    let be = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    if be == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), be - 1075)
    }
}

/// Exact decimal expansion of a finite non-zero |f|: (digits without
/// leading or trailing zeros, dp) where |f| = 0.DIGITS * 10**dp.
pub fn exact_digits(f: f64) -> (Vec<u8>, i32) {
    let (mut m, mut e) = decompose(f);
    let tz = m.trailing_zeros() as i64;
    m >>= tz;
    e += tz;
    // |f| = m * 2**e = m * 5**-e / 10**-e when e < 0
    let (mut d, point_shift) = if e >= 0 { (decimal_of_product(m, 2, e as u64), 0) } else { (decimal_of_product(m, 5, (-e) as u64), e as i32) };
    let dp = d.len() as i32 + point_shift;
    while d.last() == Some(&b'0') {
        d.pop();
    }
    (d, dp)
}

/// Decimal digits (no leading zeros) of `m * base**k` for base 2 or 5,
/// computed exactly in base-10**9 limbs (least significant first): the
/// product of a double's mantissa and a power of 2 or 5 is a few hundred
/// digits at most, where schoolbook multiplication by small powers beats a
/// general big-int multiply and radix conversion.
pub fn decimal_of_product(m: u64, base: u64, k: u64) -> Vec<u8> {
    const LIMB: u64 = 1_000_000_000;
    // largest power of `base` whose product with a limb (< 10**9 < 2**30)
    // plus a carry stays below 2**64: 2**29 and 5**13 (< 2**31)
    let (step, step_pow) = if base == 2 { (29u64, 1u64 << 29) } else { (13u64, 1_220_703_125u64) };
    let mut limbs: Vec<u32> = Vec::with_capacity(4 + (k as usize) / 9);
    let mut v = m;
    while v > 0 {
        limbs.push((v % LIMB) as u32);
        v /= LIMB;
    }
    let mut left = k;
    while left > 0 {
        let (n, mult) = if left >= step { (step, step_pow) } else { (left, base.pow(left as u32)) };
        left -= n;
        let mut carry = 0u64;
        for l in limbs.iter_mut() {
            let x = *l as u64 * mult + carry;
            *l = (x % LIMB) as u32;
            carry = x / LIMB;
        }
        while carry > 0 {
            limbs.push((carry % LIMB) as u32);
            carry /= LIMB;
        }
    }
    let mut out = Vec::with_capacity(limbs.len() * 9);
    for (i, &l) in limbs.iter().rev().enumerate() {
        let mut buf = [b'0'; 9];
        let mut x = l;
        for slot in buf.iter_mut().rev() {
            *slot = b'0' + (x % 10) as u8;
            x /= 10;
        }
        if i == 0 {
            let lead = buf.iter().position(|&c| c != b'0').unwrap_or(9);
            out.extend_from_slice(&buf[lead..]);
        } else {
            out.extend_from_slice(&buf);
        }
    }
    out
}

/// Round (digits, dp) to `k` significant digits (ties to even). The result
/// has no trailing zeros; an empty digit list means zero.
pub fn round_digits(d: &[u8], dp: i32, k: i64) -> (Vec<u8>, i32) {
    if k >= d.len() as i64 {
        return (d.to_vec(), dp);
    }
    if k < 0 {
        return (Vec::new(), dp);
    }
    let k = k as usize;
    let next = d[k];
    let rest_nonzero = d[k + 1..].iter().any(|&c| c != b'0');
    let last_odd = k > 0 && (d[k - 1] - b'0') % 2 == 1;
    let up = next > b'5' || (next == b'5' && (rest_nonzero || last_odd));
    let mut out = d[..k].to_vec();
    let mut dp = dp;
    if up {
        let mut i = out.len();
        loop {
            if i == 0 {
                out.insert(0, b'1');
                dp += 1;
                break;
            }
            i -= 1;
            if out[i] == b'9' {
                out[i] = b'0';
            } else {
                out[i] += 1;
                break;
            }
        }
    }
    while out.last() == Some(&b'0') {
        out.pop();
    }
    (out, dp)
}

/// Shortest digits that round-trip (what `repr` prints): (digits, dp).
pub fn shortest_digits(f: f64) -> (Vec<u8>, i32) {
    // Rust's `{:e}` without a precision is the shortest round-trip
    // representation (closest to the exact value when several exist),
    // identical on every Rust version we build with.
    let s = format!("{:e}", f.abs());
    let epos = s.find('e').unwrap_or(s.len());
    let exp: i32 = s[epos + 1..].parse().unwrap_or(0);
    let mut d: Vec<u8> = s[..epos].bytes().filter(|c| c.is_ascii_digit()).collect();
    while d.len() > 1 && d.last() == Some(&b'0') {
        d.pop();
    }
    (d, exp + 1)
}

/// Lay out digits (0.D * 10**dp) in fixed notation with exactly `frac`
/// digits after the point (point omitted when frac == 0 unless `point`).
fn layout_fixed(d: &[u8], dp: i32, frac: usize, point: bool) -> String {
    let mut s = String::new();
    if dp <= 0 || d.is_empty() {
        s.push('0');
    } else {
        for i in 0..dp as usize {
            s.push(if i < d.len() { d[i] as char } else { '0' });
        }
    }
    if frac > 0 || point {
        s.push('.');
    }
    for i in 0..frac as i64 {
        let idx = dp as i64 + i;
        s.push(if idx >= 0 && (idx as usize) < d.len() && !d.is_empty() { d[idx as usize] as char } else { '0' });
    }
    s
}

/// Lay out digits in exponent notation: first digit, `frac` more digits.
fn layout_exp(d: &[u8], dp: i32, frac: usize, point: bool, upper: bool) -> String {
    let mut s = String::new();
    s.push(if d.is_empty() { '0' } else { d[0] as char });
    if frac > 0 || point {
        s.push('.');
    }
    for i in 1..=frac {
        s.push(if i < d.len() { d[i] as char } else { '0' });
    }
    let exp = if d.is_empty() { 0 } else { dp - 1 };
    s.push(if upper { 'E' } else { 'e' });
    s.push(if exp < 0 { '-' } else { '+' });
    s.push_str(&format!("{:02}", exp.abs()));
    s
}

/// `repr(float)` / `str(float)`.
pub fn repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    let mut s = String::new();
    if f.is_sign_negative() {
        s.push('-');
    }
    s.push_str(&repr_abs(f));
    s
}

fn repr_abs(f: f64) -> String {
    if f.is_infinite() {
        return "inf".into();
    }
    if f == 0.0 {
        return "0.0".into();
    }
    let (d, dp) = shortest_digits(f);
    if dp <= -4 || dp > 16 {
        layout_exp(&d, dp, d.len() - 1, false, false)
    } else {
        let frac = (d.len() as i64 - dp as i64).max(1) as usize;
        layout_fixed(&d, dp, frac, true)
    }
}

/// Format |f| (sign excluded) for presentation type `ty` ('e','E','f','F',
/// 'g','G','n','%','r' = repr, '' = the no-type float format) with an
/// optional precision and the alternate form. `inf`/`nan` come out in the
/// case of the type.
pub fn format_abs(f: f64, ty: char, prec: Option<usize>, alt: bool) -> String {
    let upper = matches!(ty, 'E' | 'F' | 'G');
    if !f.is_finite() {
        let s = if f.is_nan() { "nan" } else { "inf" };
        return if upper { s.to_uppercase() } else { s.to_string() };
    }
    let f = f.abs();
    let exact = |f: f64| if f == 0.0 { (Vec::new(), 1) } else { exact_digits(f) };
    match ty {
        'f' | 'F' | '%' => {
            let p = prec.unwrap_or(6);
            let (d, dp) = exact(f);
            let (d, dp) = round_digits(&d, dp, dp as i64 + p as i64);
            layout_fixed(&d, dp, p, alt)
        }
        'e' | 'E' => {
            let p = prec.unwrap_or(6);
            let (d, dp) = exact(f);
            let (d, dp) = round_digits(&d, dp, p as i64 + 1);
            layout_exp(&d, dp, p, alt, upper)
        }
        'r' => repr_abs(f),
        '\0' if prec.is_none() => {
            if alt {
                // `#` with no type: repr digits, always a point
                let s = repr_abs(f);
                s
            } else {
                repr_abs(f)
            }
        }
        _ => {
            // 'g', 'G', 'n', and '' with a precision
            let add_dot0 = ty == '\0';
            let mut p = prec.unwrap_or(6);
            if p == 0 {
                p = 1;
            }
            let (d, dp) = if f == 0.0 { (Vec::new(), 1) } else { exact(f) };
            let (d, dp) = if f == 0.0 { (d, dp) } else { round_digits(&d, dp, p as i64) };
            let dp = if d.is_empty() { 1 } else { dp };
            let limit = if add_dot0 { p as i32 - 1 } else { p as i32 };
            let use_exp = dp <= -4 || dp > limit;
            let ndig = d.len().max(1);
            if use_exp {
                let frac = if alt { p - 1 } else { ndig - 1 };
                layout_exp(&d, dp, frac, alt, upper)
            } else {
                let frac = if alt {
                    (p as i64 - dp as i64).max(0) as usize
                } else {
                    (ndig as i64 - dp as i64).max(0) as usize
                };
                if add_dot0 && frac == 0 {
                    let mut s = layout_fixed(&d, dp, 0, false);
                    s.push_str(".0");
                    s
                } else {
                    layout_fixed(&d, dp, frac, alt)
                }
            }
        }
    }
}

/// `math.ldexp(x, e)`: x * 2**e correctly rounded (ties to even), also
/// into and out of the subnormal range; +-inf on overflow.
pub fn ldexp(x: f64, e: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (m, ex) = decompose(x);
    let r = crate::types::bignum::round_to_f64(m, ex + e.clamp(-4000, 4000), false);
    if x < 0.0 {
        -r
    } else {
        r
    }
}

/// `round(x, n)`: Err(()) when the result overflows (OverflowError
/// "rounded value too large to represent").
pub fn round_ndigits(x: f64, n: i64) -> Result<f64, ()> {
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if n > 323 {
        return Ok(x);
    }
    if n < -308 {
        return Ok(0.0 * x);
    }
    let (d, dp) = exact_digits(x);
    let (d, dp) = round_digits(&d, dp, dp as i64 + n);
    if d.is_empty() {
        return Ok(if x < 0.0 { -0.0 } else { 0.0 });
    }
    let s = format!("{}0.{}e{}", if x < 0.0 { "-" } else { "" }, std::str::from_utf8(&d).unwrap(), dp);
    let r: f64 = s.parse().unwrap_or(f64::INFINITY);
    if r.is_infinite() {
        return Err(());
    }
    Ok(r)
}

/// Round half to even to an integral double.
pub fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

/// Parse `float(s)` text (already a Rust str). None when invalid.
pub fn parse(s: &str) -> Option<f64> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let v = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => {
            if !valid_decimal(body.as_bytes()) {
                return None;
            }
            let clean: String = body.chars().filter(|&c| c != '_').collect();
            clean.parse::<f64>().ok()
        }
    }?;
    Some(if neg { -v } else { v })
}

/// digits with single underscores between digits, optional '.', optional
/// exponent; at least one digit in the mantissa.
fn valid_decimal(b: &[u8]) -> bool {
    let mut i = 0;
    let digits = |i: &mut usize| -> Option<usize> {
        let start = *i;
        let mut n = 0;
        while *i < b.len() {
            if b[*i].is_ascii_digit() {
                n += 1;
                *i += 1;
            } else if b[*i] == b'_' && *i > start && b[*i - 1].is_ascii_digit() && *i + 1 < b.len() && b[*i + 1].is_ascii_digit() {
                *i += 1;
            } else {
                break;
            }
        }
        if n == 0 && *i > start {
            None
        } else {
            Some(n)
        }
    };
    let n1 = match digits(&mut i) {
        Some(n) => n,
        None => return false,
    };
    let mut n2 = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        n2 = match digits(&mut i) {
            Some(n) => n,
            None => return false,
        };
    }
    if n1 + n2 == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        match digits(&mut i) {
            Some(n) if n > 0 => {}
            _ => return false,
        }
    }
    i == b.len()
}

/// Python's hash of a float (integral values hash like ints).
pub fn hash(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f == 0.0 {
        return 0;
    }
    // |f| = m * 2**e; hash = m * 2**e mod P, and 2**61 == 1 (mod P)
    let (m, e) = decompose(f);
    let p = HASH_MODULUS;
    let mut x = m % p;
    let e61 = e.rem_euclid(61) as u32;
    // x * 2**e61 mod P
    x = (((x as u128) << e61) % p as u128) as u64;
    let mut h = x as i64;
    if f < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `float.hex()`.
pub fn to_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{}0x0.0p+0", sign);
    }
    let bits = f.abs().to_bits();
    let be = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if be == 0 { (0, -1022) } else { (1, be - 1023) };
    let hex = format!("{:013x}", frac);
    format!("{}0x{}.{}p{}{}", sign, lead, hex, if exp < 0 { "-" } else { "+" }, exp.abs())
}

/// `float.fromhex(s)`: Err(msg, is_overflow).
pub fn from_hex(s: &str) -> Result<f64, (&'static str, bool)> {
    const INVALID: &str = "invalid hexadecimal floating-point string";
    let t = s.trim();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if neg { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if lower == "nan" {
        return Ok(f64::NAN);
    }
    let b = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp) = match b.find('p') {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    if ip.is_empty() && fp.is_empty() {
        return Err((INVALID, false));
    }
    let mut m = BigInt::zero();
    for c in ip.chars().chain(fp.chars()) {
        let d = c.to_digit(16).ok_or((INVALID, false))?;
        m = m.mul_small(16).add_small(d);
    }
    let mut e: i64 = -(4 * fp.len() as i64);
    if let Some(x) = exp {
        let (eneg, digits) = match x.as_bytes().first() {
            Some(b'-') => (true, &x[1..]),
            Some(b'+') => (false, &x[1..]),
            _ => (false, x),
        };
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err((INVALID, false));
        }
        let v: i64 = digits.parse().unwrap_or(i64::MAX / 4).min(1 << 40);
        e += if eneg { -v } else { v };
    }
    if m.is_zero() {
        return Ok(if neg { -0.0 } else { 0.0 });
    }
    // top 64 bits with sticky, then round
    let bl = m.bit_length() as i64;
    let (top, sticky, shift) = if bl > 64 {
        let t = m.shr((bl - 64) as u64);
        let back = t.shl((bl - 64) as u64);
        (t.to_u64().unwrap_or(0), back != m, bl - 64)
    } else {
        (m.to_u64().unwrap_or(0), false, 0)
    };
    let r = crate::types::bignum::round_to_f64(top, e + shift, sticky);
    if r.is_infinite() {
        return Err(("hexadecimal value too large to represent as a float", true));
    }
    Ok(if neg { -r } else { r })
}

/// (numerator, denominator) of a finite float, lowest terms.
pub fn as_integer_ratio(f: f64) -> (BigInt, BigInt) {
    if f == 0.0 {
        return (BigInt::zero(), BigInt::from_u64(1));
    }
    let (mut m, mut e) = decompose(f);
    let tz = m.trailing_zeros() as i64;
    m >>= tz;
    e += tz;
    let mut n = BigInt::from_u64(m);
    if f < 0.0 {
        n = n.negate();
    }
    if e >= 0 {
        (n.shl(e as u64), BigInt::from_u64(1))
    } else {
        (n, BigInt::from_u64(1).shl((-e) as u64))
    }
}

/// Python's float `divmod` (x, y finite or not; y != 0): (floordiv, mod).
pub fn divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let fd = if div != 0.0 {
        let mut fl = div.floor();
        if div - fl > 0.5 {
            fl += 1.0;
        }
        fl
    } else {
        0.0f64.copysign(x / y)
    };
    (fd, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_python() {
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (-0.0, "-0.0"),
            (1.5, "1.5"),
            (123456789.0, "123456789.0"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (0.1 + 0.2, "0.30000000000000004"),
            (2.5e-5, "2.5e-05"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (9007199254740993.0, "9007199254740992.0"),
        ];
        for &(f, s) in cases {
            assert_eq!(repr(f), s, "repr of {:e}", f);
        }
    }

    #[test]
    fn exact_formatting_ties_to_even() {
        assert_eq!(format_abs(0.125, 'f', Some(2), false), "0.12");
        assert_eq!(format_abs(0.375, 'f', Some(2), false), "0.38");
        assert_eq!(format_abs(0.5, 'f', Some(0), false), "0");
        assert_eq!(format_abs(1.5, 'f', Some(0), false), "2");
        assert_eq!(format_abs(2.675, 'f', Some(2), false), "2.67");
        assert_eq!(format_abs(1234.5678, 'e', None, false), "1.234568e+03");
        assert_eq!(format_abs(0.0, 'e', Some(0), false), "0e+00");
        assert_eq!(format_abs(1234.5678, 'g', None, false), "1234.57");
        assert_eq!(format_abs(1e-7, 'g', None, true), "1.00000e-07");
        assert_eq!(format_abs(255.0, 'g', None, true), "255.000");
        assert_eq!(format_abs(0.0, 'g', None, true), "0.00000");
        assert_eq!(format_abs(1234.5678, '\0', Some(3), false), "1.23e+03");
        assert_eq!(format_abs(12.0, '\0', Some(3), false), "12.0");
        assert_eq!(format_abs(0.0, '\0', Some(3), true), "0.00");
        assert_eq!(format_abs(1e300, 'f', Some(0), false).len(), 301);
        assert_eq!(format_abs(9.9999, 'f', Some(2), false), "10.00");
        assert_eq!(format_abs(0.000123456, 'g', Some(3), false), "0.000123");
        assert_eq!(format_abs(f64::INFINITY, 'F', None, false), "INF");
    }

    #[test]
    fn rounding_parsing_hash() {
        assert_eq!(round_ndigits(2.675, 2), Ok(2.67));
        assert_eq!(round_ndigits(0.5, 0), Ok(0.0));
        assert_eq!(round_ndigits(1234.0, -2), Ok(1200.0));
        assert_eq!(round_ndigits(1.7976931348623157e308, -308), Err(()));
        assert_eq!(round_half_even(2.5), 2.0);
        assert_eq!(round_half_even(3.5), 4.0);
        assert_eq!(round_half_even(-2.5), -2.0);
        assert_eq!(parse(" 1_000.5 "), Some(1000.5));
        assert_eq!(parse("1__0"), None);
        assert_eq!(parse("_1"), None);
        assert_eq!(parse("-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(parse("1e"), None);
        assert_eq!(parse("."), None);
        assert_eq!(parse(".5e-3"), Some(0.0005));
        assert_eq!(hash(1.5), 1152921504606846977);
        assert_eq!(hash(-1.0), -2);
        assert_eq!(hash(0.1), 230584300921369408);
        assert_eq!(hash(1e100), 1822893315824342674);
        assert_eq!(to_hex(1.0), "0x1.0000000000000p+0");
        assert_eq!(to_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(to_hex(0.1), "0x1.999999999999ap-4");
        assert_eq!(from_hex("0x1.999999999999ap-4"), Ok(0.1));
        assert_eq!(from_hex("0x1p-1074"), Ok(5e-324));
        assert_eq!(divmod(-7.0, 2.0), (-4.0, 1.0));
        assert_eq!(ldexp(1.0, -1073), 1e-323);
        assert_eq!(ldexp(1.0, -1075), 0.0);
        assert_eq!(ldexp(3.0, -1075), 1e-323);
        assert_eq!(ldexp(-1.5, 1024), f64::NEG_INFINITY);
        assert_eq!(ldexp(5e-324, 1074), 1.0);
        assert_eq!(divmod(7.0, -2.0), (-4.0, -1.0));
    }
}
