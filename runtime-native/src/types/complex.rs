//! types/complex.rs — `complex`: arithmetic (with CPython's division and
//! power algorithms), repr `(1+2j)`, abs, real/imag, conjugate, ==, hash,
//! `complex()` from numbers and strings.
//! Owner: numbers engineer. Neighbours: float.rs (a negative float to a
//! fractional power lands here), floatrepr.rs (repr of the parts).

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::{add_method, check_args, parse_args};
use crate::types::float::{fv, is_float_like};
use crate::types::int::is_int_like;
use crate::value::*;

#[repr(C)]
pub struct ComplexObject {
    pub header: ObjHeader,
    pub re: f64,
    pub im: f64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Complex);
    (*t).basicsize = std::mem::size_of::<ComplexObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE;
    (*t).slots.repr = Some(c_repr);
    (*t).slots.hash = Some(c_hash);
    (*t).slots.richcmp = Some(c_richcmp);
    (*t).slots.bool_ = Some(|v| {
        let (r, i) = parts(v);
        Ok(r != 0.0 || i != 0.0)
    });
    (*t).slots.neg = Some(|v| {
        let (r, i) = parts(v);
        complex_new(-r, -i)
    });
    (*t).slots.pos = Some(|v| {
        let (r, i) = parts(v);
        complex_new(r, i)
    });
    (*t).slots.abs = Some(c_abs);
    (*t).slots.new = Some(complex_new_slot);
    (*t).slots.nb = [
        Some(cb::<0>), Some(cb::<1>), Some(cb::<2>), Some(cb::<3>), None, None, Some(cb::<6>),
        None, None, None, None, None, None,
    ];
    (*t).slots.nb_r = [
        Some(cbr::<0>), Some(cbr::<1>), Some(cbr::<2>), Some(cbr::<3>), None, None, Some(cbr::<6>),
        None, None, None, None, None, None,
    ];
}

pub fn init_methods() {
    let t = tp(TypeId::Complex);
    add_method(t, "conjugate", |a, k| {
        ok!(check_args("conjugate", a, k, 1, 1));
        let (r, i) = parts(a[0]);
        complex_new(r, -i)
    });
    add_method(t, "__format__", |a, k| {
        ok!(check_args("__format__", a, k, 2, 2));
        if !crate::types::str::is_str(a[1]) {
            return raise_type_error(format!("__format__() argument must be str, not {}", tname(a[1])));
        }
        let (r, i) = parts(a[0]);
        match format_complex(r, i, crate::types::str::str_as(a[1])) {
            Ok(s) => crate::types::str::str_from_string(s),
            Err(e) => crate::types::format::raise_fmt_err(e),
        }
    });
    add_method(t, "__getnewargs__", |a, _| {
        let (r, i) = parts(a[0]);
        crate::types::tuple::tuple_new(vec![box_float(r), box_float(i)])
    });
    crate::types::descr::add_getset(t, "real", |v| box_float(parts(v).0), None);
    crate::types::descr::add_getset(t, "imag", |v| box_float(parts(v).1), None);
}

#[inline]
pub fn is_complex(v: u64) -> bool {
    has_layout(v, TypeId::Complex)
}

/// (real, imag) of a complex object.
pub fn parts(v: u64) -> (f64, f64) {
    // SAFETY: complex layout.
    unsafe {
        let c = as_obj::<ComplexObject>(v);
        ((*c).re, (*c).im)
    }
}

pub fn complex_new(re: f64, im: f64) -> u64 {
    // SAFETY: the complex type is initialised.
    unsafe { from_ptr(new_object(tp(TypeId::Complex), ComplexObject { header: header0(), re, im })) }
}

/// Any number as (re, im); None for non-numbers. Err when an int is too
/// large for a float.
fn operand(v: u64) -> Option<R<(f64, f64)>> {
    if is_complex(v) {
        Some(Ok(parts(v)))
    } else if is_float_like(v) {
        Some(Ok((fv(v), 0.0)))
    } else if is_int_like(v) {
        Some(crate::types::int::int_to_f64(v).map(|f| (f, 0.0)))
    } else {
        None
    }
}

fn part_repr(f: f64) -> String {
    let s = crate::types::floatrepr::repr(f);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// `repr(complex)`.
pub fn complex_repr_str(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", part_repr(im));
    }
    let is = part_repr(im);
    let sign = if is.starts_with('-') { "" } else { "+" };
    format!("({}{}{}j)", part_repr(re), sign, is)
}

unsafe fn c_repr(v: u64) -> u64 {
    let (r, i) = parts(v);
    crate::types::str::str_from_string(complex_repr_str(r, i))
}

unsafe fn c_hash(v: u64) -> R<i64> {
    let (r, i) = parts(v);
    let hr = crate::types::floatrepr::hash(r) as u64;
    let hi = crate::types::floatrepr::hash(i) as u64;
    let h = hr.wrapping_add(hi.wrapping_mul(1000003)) as i64;
    Ok(if h == -1 { -2 } else { h })
}

unsafe fn c_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if op != CmpOp::Eq && op != CmpOp::Ne {
        return NOT_IMPLEMENTED;
    }
    let (ar, ai) = parts(a);
    let eq = if is_complex(b) {
        let (br, bi) = parts(b);
        ar == br && ai == bi
    } else if is_float_like(b) {
        ai == 0.0 && ar == fv(b)
    } else if is_int_like(b) {
        ai == 0.0 && crate::types::float::cmp_float_int(ar, b) == Some(std::cmp::Ordering::Equal)
    } else {
        return NOT_IMPLEMENTED;
    };
    box_bool(eq == (op == CmpOp::Eq))
}

unsafe fn c_abs(v: u64) -> u64 {
    let (r, i) = parts(v);
    let h = r.hypot(i);
    if h.is_infinite() && r.is_finite() && i.is_finite() {
        return raise_overflow_error("absolute value too large".into());
    }
    box_float(h)
}

fn c_mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// Complex division (CPython's scaled algorithm). None: division by zero.
fn c_div(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn c_powu(x: (f64, f64), n: u64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_mul(r, p);
        }
        mask <<= 1;
        p = c_mul(p, p);
    }
    r
}

/// `(ar+ai j) ** (br+bi j)` as a complex word (errors as CPython).
pub fn complex_pow_values(ar: f64, ai: f64, br: f64, bi: f64) -> u64 {
    let r = if br == 0.0 && bi == 0.0 {
        (1.0, 0.0)
    } else if ar == 0.0 && ai == 0.0 {
        if bi != 0.0 || br < 0.0 {
            return raise_zero_division("0.0 to a negative or complex power".into());
        }
        (0.0, 0.0)
    } else if bi == 0.0 && br == br.trunc() && br.abs() <= 100.0 {
        let n = br as i64;
        if n > 0 {
            c_powu((ar, ai), n as u64)
        } else {
            match c_div((1.0, 0.0), c_powu((ar, ai), (-n) as u64)) {
                Some(q) => q,
                None => return raise_zero_division("0.0 to a negative or complex power".into()),
            }
        }
    } else {
        let vabs = ar.hypot(ai);
        let mut len = vabs.powf(br);
        let at = ai.atan2(ar);
        let mut phase = at * br;
        if bi != 0.0 {
            len /= (at * bi).exp();
            phase += bi * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    if (r.0.is_infinite() || r.1.is_infinite()) && ar.is_finite() && ai.is_finite() && br.is_finite() && bi.is_finite() {
        return raise_overflow_error("complex exponentiation".into());
    }
    complex_new(r.0, r.1)
}

fn complex_binop(op: BinOp, a: (f64, f64), b: (f64, f64)) -> u64 {
    match op {
        BinOp::Add => complex_new(a.0 + b.0, a.1 + b.1),
        BinOp::Sub => complex_new(a.0 - b.0, a.1 - b.1),
        BinOp::Mul => {
            let r = c_mul(a, b);
            complex_new(r.0, r.1)
        }
        BinOp::TrueDiv => match c_div(a, b) {
            Some(r) => complex_new(r.0, r.1),
            None => raise_zero_division("complex division by zero".into()),
        },
        BinOp::Pow => complex_pow_values(a.0, a.1, b.0, b.1),
        _ => NOT_IMPLEMENTED,
    }
}

unsafe fn cb<const OP: usize>(a: u64, b: u64) -> u64 {
    match (operand(a), operand(b)) {
        (Some(x), Some(y)) => {
            let x = ok!(x);
            let y = ok!(y);
            complex_binop(BINOPS[OP], x, y)
        }
        _ => NOT_IMPLEMENTED,
    }
}

unsafe fn cbr<const OP: usize>(a: u64, b: u64) -> u64 {
    match (operand(b), operand(a)) {
        (Some(x), Some(y)) => {
            let x = ok!(x);
            let y = ok!(y);
            complex_binop(BINOPS[OP], x, y)
        }
        _ => NOT_IMPLEMENTED,
    }
}

/// `format(complex, spec)` (CPython's rules: no '=' alignment, no zero
/// padding; without a type the result has parentheses and `repr` digits).
pub fn format_complex(re: f64, im: f64, spec: &str) -> Result<String, crate::types::format::FmtErr> {
    use crate::types::format::FmtErr;
    use crate::types::floatrepr::format_abs;
    if spec.is_empty() {
        return Ok(complex_repr_str(re, im));
    }
    let s = crate::types::format::parse_spec(spec, "complex", '>')?;
    match s.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' => {}
        t => return Err(FmtErr::Value(format!("Unknown format code '{}' for object of type 'complex'", t))),
    }
    if s.fill == '0' && !s.fill_given {
        return Err(FmtErr::Value("Zero padding is not allowed in complex format specifier".into()));
    }
    if s.align == Some('=') {
        return Err(FmtErr::Value("'=' alignment flag is not allowed in complex format specifier".into()));
    }
    let (ty, parens) = match s.ty {
        '\0' => (if s.precision.is_none() { 'r' } else { 'g' }, true),
        'n' => ('g', false),
        t => (t, false),
    };
    let skip_re = s.ty == '\0' && re == 0.0 && re.is_sign_positive();
    let part = |x: f64| -> String {
        let t = format_abs(x, ty, s.precision, s.alt);
        if ty == 'r' {
            match t.strip_suffix(".0") {
                Some(u) => u.to_string(),
                None => t,
            }
        } else {
            t
        }
    };
    let sign_of = |x: f64, explicit: Option<char>| -> &'static str {
        if x.is_sign_negative() && !x.is_nan() {
            "-"
        } else {
            match explicit {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        }
    };
    let mut body = String::new();
    if parens && !skip_re {
        body.push('(');
    }
    if !skip_re {
        body.push_str(sign_of(re, s.sign));
        body.push_str(&part(re));
        body.push_str(if im.is_sign_negative() && !im.is_nan() { "-" } else { "+" });
    } else {
        body.push_str(sign_of(im, s.sign));
    }
    body.push_str(&part(im));
    body.push('j');
    if parens && !skip_re {
        body.push(')');
    }
    let n = body.chars().count();
    if n >= s.width {
        return Ok(body);
    }
    let fill = s.width - n;
    let (l, r) = match s.align.unwrap_or('>') {
        '<' => (0, fill),
        '^' => (fill / 2, fill - fill / 2),
        _ => (fill, 0),
    };
    let f: String = std::iter::repeat(s.fill).take(l).collect();
    let g: String = std::iter::repeat(s.fill).take(r).collect();
    Ok(format!("{}{}{}", f, body, g))
}

/// Parse `complex(str)` text: "1", "2j", "1+2j", "(1-2.5e3j)", "j".
pub fn parse_complex(s: &str) -> Option<(f64, f64)> {
    let mut t = s.trim();
    if t.starts_with('(') && t.ends_with(')') && t.len() >= 2 {
        t = t[1..t.len() - 1].trim();
    }
    if t.is_empty() {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if let Some(body) = lower.strip_suffix('j') {
        // find the split between real and imaginary parts: a sign not
        // at the start and not following an 'e'
        let b = body.as_bytes();
        let mut split = None;
        for i in (1..b.len()).rev() {
            if (b[i] == b'+' || b[i] == b'-') && b[i - 1] != b'e' {
                split = Some(i);
                break;
            }
        }
        let imag_of = |x: &str| -> Option<f64> {
            match x {
                "" | "+" => Some(1.0),
                "-" => Some(-1.0),
                _ => {
                    if x.contains(char::is_whitespace) {
                        return None;
                    }
                    crate::types::floatrepr::parse(x)
                }
            }
        };
        match split {
            Some(i) => {
                let re = &body[..i];
                if re.contains(char::is_whitespace) {
                    return None;
                }
                Some((crate::types::floatrepr::parse(re)?, imag_of(&body[i..])?))
            }
            None => Some((0.0, imag_of(body)?)),
        }
    } else {
        if t.contains(char::is_whitespace) {
            return None;
        }
        Some((crate::types::floatrepr::parse(t)?, 0.0))
    }
}

unsafe fn complex_new_slot(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let a = ok!(parse_args("complex", args, kw, &["real", "imag"], 2));
    let (mut re, mut im) = (0.0, 0.0);
    let mut first_complex = false;
    if a[0] != UNBOUND {
        let x = a[0];
        if crate::types::str::is_str(x) {
            if a[1] != UNBOUND {
                return raise_type_error("complex() can't take second arg if first is a string".into());
            }
            match parse_complex(crate::types::str::str_as(x)) {
                Some((r, i)) => {
                    re = r;
                    im = i;
                }
                None => return raise_value_error("complex() arg is a malformed string".into()),
            }
        } else {
            match operand(x) {
                Some(p) => {
                    let (r, i) = ok!(p);
                    re = r;
                    im = i;
                    first_complex = is_complex(x);
                }
                None => {
                    let f = tri!(crate::types::float::float_of(x));
                    re = fv(f);
                }
            }
        }
    }
    if a[1] != UNBOUND {
        if crate::types::str::is_str(a[1]) {
            return raise_type_error("complex() second arg can't be a string".into());
        }
        match operand(a[1]) {
            Some(p) => {
                let (r, i) = ok!(p);
                // real + imag*1j, keeping the sign of a zero imag argument
                re -= i;
                im = if first_complex { im + r } else { r };
            }
            None => {
                return raise_type_error(format!(
                    "complex() argument 'imag' must be a real number, not {}",
                    tname(a[1])
                ))
            }
        }
    }
    if t == tp(TypeId::Complex) {
        return complex_new(re, im);
    }
    from_ptr(new_object(t, ComplexObject { header: header0(), re, im }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_and_parse() {
        assert_eq!(complex_repr_str(1.0, 2.0), "(1+2j)");
        assert_eq!(complex_repr_str(0.0, 1.0), "1j");
        assert_eq!(complex_repr_str(-0.0, -1.0), "(-0-1j)");
        assert_eq!(complex_repr_str(1e16, 1.0), "(1e+16+1j)");
        assert_eq!(complex_repr_str(1.5, f64::NAN), "(1.5+nanj)");
        assert_eq!(parse_complex("1+2j"), Some((1.0, 2.0)));
        assert_eq!(parse_complex("(-1.5e3-2J)"), Some((-1500.0, -2.0)));
        assert_eq!(parse_complex("j"), Some((0.0, 1.0)));
        assert_eq!(parse_complex("1 + 2j"), None);
        assert_eq!(c_div((1.0, 2.0), (3.0, 4.0)), Some((0.44, 0.08)));
        assert_eq!(c_powu((1.0, 2.0), 2), (-3.0, 4.0));
        let f = |re: f64, im: f64, s: &str| format_complex(re, im, s).unwrap();
        assert_eq!(f(1.5, -2.25, ">20"), "         (1.5-2.25j)");
        assert_eq!(f(1.5, -2.25, "+.3e"), "+1.500e+00-2.250e+00j");
        assert_eq!(f(1.5, -2.25, "^30.2g"), "           1.5-2.2j           ");
        assert_eq!(f(0.0, 2.0, ".2f"), "0.00+2.00j");
        assert_eq!(f(0.0, 2.0, "+"), "+2j");
        assert_eq!(f(-0.0, 1.0, " "), "(-0+1j)");
        assert_eq!(f(1.5, -2.25, ".1"), "(2-2j)");
        assert!(format_complex(1.0, 1.0, "010").is_err());
    }
}
