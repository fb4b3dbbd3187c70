//! types/format.rs — the format-spec mini-language (`format(v, spec)`,
//! `str.format` fields, f-string `{x:spec}`) for str, int and float, and the
//! `str.format` template parser. The text layout part is pure Rust (unit
//! tested); `molt_format` and `format_value` at the bottom dispatch on
//! objects (`__format__` of user classes).
//! Neighbours: types/floatrepr.rs (float digits), types/bignum.rs (int
//! digits), types/strmethods.rs (`str.format` / `format_map` drive the
//! template parser here), protocols/repr.rs (`molt_str` / `molt_repr`).

use crate::types::bignum::BigInt;
use crate::types::floatrepr;

/// An error of the mini-language: ValueError or OverflowError text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FmtErr {
    Value(String),
    Overflow(String),
}

fn verr<T>(s: String) -> Result<T, FmtErr> {
    Err(FmtErr::Value(s))
}

/// A parsed format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub fill: char,
    pub fill_given: bool,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    /// '\0' when absent.
    pub ty: char,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Parse `spec` for a value whose default alignment is `default_align`
/// ('<' for str, '>' for numbers; a str spec's type defaults to 's').
/// `tname` names the type in errors.
pub fn parse_spec(spec: &str, tname: &str, default_align: char) -> Result<Spec, FmtErr> {
    // specs are short: their characters go in a stack buffer
    let mut small = ['\0'; 32];
    let heap: Vec<char>;
    let c: &[char] = if spec.len() <= small.len() {
        let mut n = 0;
        for ch in spec.chars() {
            small[n] = ch;
            n += 1;
        }
        &small[..n]
    } else {
        heap = spec.chars().collect();
        &heap
    };
    let mut s = Spec {
        fill: ' ',
        fill_given: false,
        align: None,
        sign: None,
        z: false,
        alt: false,
        width: 0,
        grouping: None,
        precision: None,
        ty: '\0',
    };
    let mut i = 0;
    if c.len() >= 2 && is_align(c[1]) {
        s.fill = c[0];
        s.fill_given = true;
        s.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        s.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        s.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        s.z = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if !s.fill_given && i < c.len() && c[i] == '0' {
        s.fill = '0';
        if s.align.is_none() && default_align == '>' {
            s.align = Some('=');
        }
        i += 1;
    }
    let read_num = |i: &mut usize| -> Result<Option<usize>, FmtErr> {
        let start = *i;
        let mut v: u64 = 0;
        while *i < c.len() && c[*i].is_ascii_digit() {
            v = match v.checked_mul(10).and_then(|x| x.checked_add(c[*i] as u64 - '0' as u64)) {
                Some(x) if x <= i64::MAX as u64 => x,
                _ => return verr("Too many decimal digits in format string".into()),
            };
            *i += 1;
        }
        Ok(if *i == start { None } else { Some(v as usize) })
    };
    if let Some(w) = read_num(&mut i)? {
        s.width = w;
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        s.grouping = Some(c[i]);
        i += 1;
        if i < c.len() && (c[i] == ',' || c[i] == '_') {
            return verr("Cannot specify both ',' and '_'.".into());
        }
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        match read_num(&mut i)? {
            Some(p) => s.precision = Some(p),
            None => return verr("Format specifier missing precision".into()),
        }
    }
    if c.len() - i > 1 {
        return verr(format!("Invalid format specifier '{}' for object of type '{}'", spec, tname));
    }
    if i < c.len() {
        s.ty = c[i];
    } else if default_align == '<' {
        s.ty = 's';
    }
    if let Some(g) = s.grouping {
        match s.ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if g == '_' => {}
            t => return verr(format!("Cannot specify '{}' with '{}'.", g, t)),
        }
    }
    Ok(s)
}

/// Pad `body` (already including sign etc.) to the width.
fn pad(body: &str, s: &Spec, default_align: char) -> String {
    let n = body.chars().count();
    if n >= s.width {
        return body.to_string();
    }
    let fill = s.width - n;
    let (left, right) = match s.align.unwrap_or(default_align) {
        '<' => (0, fill),
        '^' => (fill / 2, fill - fill / 2),
        _ => (fill, 0),
    };
    let mut out = String::with_capacity(body.len() + fill);
    for _ in 0..left {
        out.push(s.fill);
    }
    out.push_str(body);
    for _ in 0..right {
        out.push(s.fill);
    }
    out
}

/// `format(str, spec)`.
pub fn format_str(v: &str, spec: &str) -> Result<String, FmtErr> {
    if spec.is_empty() {
        return Ok(v.to_string());
    }
    let s = parse_spec(spec, "str", '<')?;
    if s.ty != '\0' && s.ty != 's' {
        return verr(format!("Unknown format code '{}' for object of type 'str'", s.ty));
    }
    if s.sign.is_some() {
        return verr("Sign not allowed in string format specifier".into());
    }
    if s.z {
        return verr("Negative zero coercion (z) not allowed in string format specifier".into());
    }
    if s.alt {
        return verr("Alternate form (#) not allowed in string format specifier".into());
    }
    if s.align == Some('=') {
        return verr("'=' alignment not allowed in string format specifier".into());
    }
    let body: String = match s.precision {
        Some(p) => v.chars().take(p).collect(),
        None => v.to_string(),
    };
    Ok(pad(&body, &s, '<'))
}

/// Insert a separator every `group` digits, padding with zeros to at least
/// `min_width` characters (CPython's grouping with zero padding).
fn group_digits(digits: &str, sep: Option<char>, group: usize, min_width: usize) -> String {
    let sep = match sep {
        Some(c) => c,
        None => {
            if digits.len() >= min_width {
                return digits.to_string();
            }
            return format!("{}{}", "0".repeat(min_width - digits.len()), digits);
        }
    };
    let d: Vec<char> = digits.chars().collect();
    let mut remaining = d.len() as i64;
    let mut minw = min_width as i64;
    let mut pieces: Vec<String> = Vec::new();
    let mut end = d.len();
    loop {
        let l = remaining.max(minw).max(1).min(group as i64);
        let n_chars = remaining.min(l).max(0);
        let n_zeros = (l - remaining).max(0);
        let mut p = "0".repeat(n_zeros as usize);
        let start = end - n_chars as usize;
        p.extend(&d[start..end]);
        end = start;
        pieces.push(p);
        remaining -= n_chars;
        minw -= l;
        if remaining <= 0 && minw <= 0 {
            break;
        }
        minw -= 1;
    }
    pieces.reverse();
    pieces.join(&sep.to_string())
}

/// Lay out a number: sign, prefix, integer digits (grouped), the rest
/// (fraction, exponent, '%'), with fill and alignment.
fn layout_number(neg: bool, prefix: &str, digits: &str, rest: &str, s: &Spec, group: usize) -> String {
    let sign = if neg {
        "-"
    } else {
        match s.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let zero_pad = s.fill == '0' && s.align == Some('=');
    let fixed = sign.len() + prefix.len() + rest.chars().count();
    let min_width = if zero_pad && s.width > fixed { s.width - fixed } else { 0 };
    let body: std::borrow::Cow<str> = if s.grouping.is_none() && digits.len() >= min_width {
        std::borrow::Cow::Borrowed(digits)
    } else {
        std::borrow::Cow::Owned(group_digits(digits, s.grouping, group, min_width))
    };
    let total = fixed + body.chars().count();
    let fill = s.width.saturating_sub(total);
    let (left, mid, right) = match s.align.unwrap_or('>') {
        '=' => (0, fill, 0),
        '<' => (0, 0, fill),
        '^' => (fill / 2, 0, fill - fill / 2),
        _ => (fill, 0, 0),
    };
    let mut out = String::with_capacity(sign.len() + prefix.len() + body.len() + rest.len() + fill * s.fill.len_utf8());
    out.extend(std::iter::repeat(s.fill).take(left));
    out.push_str(sign);
    out.push_str(prefix);
    out.extend(std::iter::repeat(s.fill).take(mid));
    out.push_str(&body);
    out.push_str(rest);
    out.extend(std::iter::repeat(s.fill).take(right));
    out
}

/// `format(int, spec)`; `tname` is the value's type name ('int', 'bool').
pub fn format_int(v: &BigInt, spec: &str, tname: &str) -> Result<String, FmtErr> {
    if spec.is_empty() {
        return Ok(v.to_string_dec());
    }
    let s = parse_spec(spec, tname, '>')?;
    match s.ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = match v.to_f64() {
                Some(f) => f,
                None => return Err(FmtErr::Overflow("int too large to convert to float".into())),
            };
            return format_float_spec(f, &s);
        }
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' | '\0' => {}
        t => return verr(format!("Unknown format code '{}' for object of type '{}'", t, tname)),
    }
    if s.precision.is_some() {
        return verr("Precision not allowed in integer format specifier".into());
    }
    if s.z {
        return verr("Negative zero coercion (z) not allowed in integer format specifier".into());
    }
    if s.ty == 'c' {
        if s.sign.is_some() {
            return verr("Sign not allowed with integer format specifier 'c'".into());
        }
        if s.alt {
            return verr("Alternate form (#) not allowed with integer format specifier 'c'".into());
        }
        let ch = v.to_i64().filter(|&x| (0..0x110000).contains(&x)).and_then(|x| std::char::from_u32(x as u32));
        let ch = match ch {
            Some(c) => c,
            None => {
                let ok = v.to_i64().map_or(false, |x| (0xd800..0xe000).contains(&x));
                if ok {
                    // lone surrogates cannot be represented in UTF-8 text
                    return verr("molt: lone surrogate code points are not supported in str".into());
                }
                return Err(FmtErr::Overflow("%c arg not in range(0x110000)".into()));
            }
        };
        let mut t = s.clone();
        if t.align == Some('=') {
            t.align = Some('>');
        }
        return Ok(pad(&ch.to_string(), &t, '>'));
    }
    let (radix, prefix, group) = match s.ty {
        'b' => (2, "0b", 4),
        'o' => (8, "0o", 4),
        'x' => (16, "0x", 4),
        'X' => (16, "0X", 4),
        _ => (10, "", 3),
    };
    let mut digits = v.mag_to_radix(radix);
    if s.ty == 'X' {
        digits = digits.to_uppercase();
    }
    let prefix = if s.alt { prefix } else { "" };
    Ok(layout_number(v.is_neg(), prefix, &digits, "", &s, group))
}

/// `format(float, spec)`.
pub fn format_float(f: f64, spec: &str) -> Result<String, FmtErr> {
    if spec.is_empty() {
        return Ok(floatrepr::repr(f));
    }
    let s = parse_spec(spec, "float", '>')?;
    format_float_spec(f, &s)
}

fn format_float_spec(f: f64, s: &Spec) -> Result<String, FmtErr> {
    let ty = s.ty;
    match ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' | '\0' => {}
        t => return verr(format!("Unknown format code '{}' for object of type 'float'", t)),
    }
    let mut x = f;
    if ty == '%' {
        x *= 100.0;
    }
    let mut body = floatrepr::format_abs(x, ty, s.precision, s.alt);
    if ty == '\0' && s.precision.is_none() && s.alt && x.is_finite() && !body.contains('.') {
        match body.find('e') {
            Some(i) => body.insert(i, '.'),
            None => body.push('.'),
        }
    }
    let mut neg = x.is_sign_negative() && !x.is_nan();
    if s.z && neg {
        let mant = body.split(|c| c == 'e' || c == 'E').next().unwrap_or("");
        if !mant.bytes().any(|c| (b'1'..=b'9').contains(&c)) {
            neg = false;
        }
    }
    if ty == '%' {
        body.push('%');
    }
    if !x.is_finite() {
        let mut t = s.clone();
        t.grouping = None;
        return Ok(layout_number(neg, "", "", &body, &t, 3));
    }
    let split = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
    let (digits, rest) = body.split_at(split);
    let grouping = if ty == 'n' { None } else { s.grouping };
    let mut t = s.clone();
    t.grouping = grouping;
    Ok(layout_number(neg, "", digits, rest, &t, 3))
}

// ---- str.format templates --------------------------------------------------

/// One piece of a `str.format` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// (field name, conversion char or None, format spec (may contain
    /// nested fields, expanded by the caller))
    Field(String, Option<char>, String),
}

/// Split a `str.format` template into literal text and fields. The
/// syntax characters are ASCII, so the scan walks bytes and cuts the text
/// at them (never inside a multi-byte character).
pub fn parse_template(t: &str) -> Result<Vec<Piece>, String> {
    let c = t.as_bytes();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut lit = 0; // start of the literal run not yet copied into `text`
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == b'{' {
            text.push_str(&t[lit..i]);
            if i + 1 < c.len() && c[i + 1] == b'{' {
                text.push('{');
                i += 2;
                lit = i;
                continue;
            }
            // find the matching '}' (spec may nest one level of braces)
            let mut depth = 1;
            let mut j = i + 1;
            let mut in_index = false;
            while j < c.len() {
                match c[j] {
                    b'[' if depth == 1 => in_index = true,
                    b']' if depth == 1 => in_index = false,
                    b'{' if !in_index => depth += 1,
                    b'}' if !in_index => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= c.len() {
                if i + 1 == c.len() {
                    return Err("Single '{' encountered in format string".into());
                }
                let inner = &t[i + 1..];
                if inner.ends_with('!') && !inner.contains(':') {
                    return Err("end of string while looking for conversion specifier".into());
                }
                if depth > 1 || inner.contains('!') {
                    return Err("unmatched '{' in format spec".into());
                }
                return Err("expected '}' before end of string".into());
            }
            if !text.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut text)));
            }
            out.push(parse_field(&t[i + 1..j])?);
            i = j + 1;
            lit = i;
        } else if ch == b'}' {
            text.push_str(&t[lit..i]);
            if i + 1 < c.len() && c[i + 1] == b'}' {
                text.push('}');
                i += 2;
                lit = i;
                continue;
            }
            return Err("Single '}' encountered in format string".into());
        } else {
            i += 1;
        }
    }
    text.push_str(&t[lit..]);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Ok(out)
}

fn parse_field(inner: &str) -> Result<Piece, String> {
    let c = inner.as_bytes();
    // the field name ends at '!' or ':' outside brackets
    let mut i = 0;
    let mut in_index = false;
    while i < c.len() {
        match c[i] {
            b'[' => in_index = true,
            b']' => in_index = false,
            b'!' | b':' if !in_index => break,
            b'{' | b'}' if !in_index => return Err("unexpected '{' in field name".into()),
            _ => {}
        }
        i += 1;
    }
    let name = inner[..i].to_string();
    let mut conv = None;
    if i < c.len() && c[i] == b'!' {
        let ch = match inner[i + 1..].chars().next() {
            Some(ch) => ch,
            None => return Err("end of string while looking for conversion specifier".into()),
        };
        conv = Some(ch);
        i += 1 + ch.len_utf8();
        if i < c.len() && c[i] != b':' {
            return Err("expected ':' after conversion specifier".into());
        }
    }
    let spec = if i < c.len() && c[i] == b':' { inner[i + 1..].to_string() } else { String::new() };
    Ok(Piece::Field(name, conv, spec))
}

/// A field name split into its first part and the accessors that follow:
/// `a.b[0]` -> ("a", [Attr("b"), Index("0")]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    Attr(String),
    Index(String),
}

pub fn split_field_name(name: &str) -> Result<(String, Vec<Access>), String> {
    let c: Vec<char> = name.chars().collect();
    let mut i = 0;
    while i < c.len() && c[i] != '.' && c[i] != '[' {
        i += 1;
    }
    let first: String = c[..i].iter().collect();
    let mut rest = Vec::new();
    while i < c.len() {
        if c[i] == '.' {
            let st = i + 1;
            i = st;
            while i < c.len() && c[i] != '.' && c[i] != '[' {
                i += 1;
            }
            let a: String = c[st..i].iter().collect();
            if a.is_empty() {
                return Err("Empty attribute in format string".into());
            }
            rest.push(Access::Attr(a));
        } else if c[i] == '[' {
            let st = i + 1;
            i = st;
            while i < c.len() && c[i] != ']' {
                i += 1;
            }
            if i >= c.len() {
                return Err("Missing ']' in format string".into());
            }
            let a: String = c[st..i].iter().collect();
            if a.is_empty() {
                return Err("Empty attribute in format string".into());
            }
            rest.push(Access::Index(a));
            i += 1;
            if i < c.len() && c[i] != '.' && c[i] != '[' {
                return Err("Only '.' or '[' may follow ']' in format field specifier".into());
            }
        }
    }
    Ok((first, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fi(v: i64, spec: &str) -> String {
        format_int(&BigInt::from_i64(v), spec, "int").unwrap()
    }

    #[test]
    fn int_specs() {
        assert_eq!(fi(255, "#x"), "0xff");
        assert_eq!(fi(255, "#X"), "0XFF");
        assert_eq!(fi(-255, "x"), "-ff");
        assert_eq!(fi(12345678, "_o"), "5706_0516");
        assert_eq!(fi(65, "08_b"), "100_0001");
        assert_eq!(fi(1, "08_b"), "000_0001");
        assert_eq!(fi(-255, "#010_x"), "-0x00_00ff");
        assert_eq!(fi(-1234, "08,d"), "-001,234");
        assert_eq!(fi(1234, "0>10,"), "000001,234");
        assert_eq!(fi(-5, "=10"), "-        5");
        assert_eq!(fi(-255, "^6"), " -255 ");
        assert_eq!(fi(65, "c"), "A");
        assert_eq!(fi(5, " d"), " 5");
        assert_eq!(fi(-10_000_000_000, ","), "-10,000,000,000");
        assert_eq!(fi(255, ".0e"), "3e+02");
        assert_eq!(fi(-255, "^+#010,.3f"), "0-255.0000");
        assert_eq!(format_int(&BigInt::from_i64(65), "+c", "int"), Err(FmtErr::Value("Sign not allowed with integer format specifier 'c'".into())));
        assert_eq!(format_int(&BigInt::from_i64(0x110000), "c", "int"), Err(FmtErr::Overflow("%c arg not in range(0x110000)".into())));
        assert_eq!(format_int(&BigInt::from_i64(1), "xx<5", "bool"), Err(FmtErr::Value("Invalid format specifier 'xx<5' for object of type 'bool'".into())));
        assert_eq!(format_int(&BigInt::from_i64(1), ",x", "int"), Err(FmtErr::Value("Cannot specify ',' with 'x'.".into())));
        assert_eq!(format_int(&BigInt::from_i64(1), ".3", "int"), Err(FmtErr::Value("Precision not allowed in integer format specifier".into())));
    }

    #[test]
    fn float_specs() {
        let ff = |f: f64, s: &str| format_float(f, s).unwrap();
        assert_eq!(ff(1234.5678, "012,.2f"), "0,001,234.57");
        assert_eq!(ff(-255.0, "012,.2f"), "-0,000,255.00");
        assert_eq!(ff(f64::INFINITY, "010"), "0000000inf");
        assert_eq!(ff(f64::INFINITY, "010,"), "0000000inf");
        assert_eq!(ff(-0.0, "010"), "-0000000.0");
        assert_eq!(ff(1e300, "010"), "00001e+300");
        assert_eq!(ff(f64::INFINITY, "=+10"), "+      inf");
        assert_eq!(ff(1234.5678, ","), "1,234.5678");
        assert_eq!(ff(1e16, "#"), "1.e+16");
        assert_eq!(ff(-0.4, "z.0f"), "0");
        assert_eq!(ff(-0.01, "+z.1f"), "+0.0");
        assert_eq!(ff(0.5, "*^9.1%"), "**50.0%**");
        assert_eq!(ff(12345.678, "015,.3e"), "000,001.235e+04");
        assert_eq!(ff(1234.5678, "10.4n"), "      1235");
        assert_eq!(ff(-f64::NAN, ""), "nan");
        assert_eq!(ff(1e-7, "#n"), "1.00000e-07");
    }

    #[test]
    fn str_specs_and_templates() {
        assert_eq!(format_str("ab", "010").unwrap(), "ab00000000");
        assert_eq!(format_str("ab", "^5").unwrap(), " ab  ");
        assert_eq!(format_str("abcdef", ".3").unwrap(), "abc");
        assert_eq!(format_str("ab", "\u{0}<4").unwrap(), "ab\u{0}\u{0}");
        assert_eq!(format_str("ab", "=5"), Err(FmtErr::Value("'=' alignment not allowed in string format specifier".into())));
        assert_eq!(format_str("ab", ",").unwrap_err(), FmtErr::Value("Cannot specify ',' with 's'.".into()));
        assert_eq!(
            parse_template("a{0!r:>{w}}b{{}}").unwrap(),
            vec![
                Piece::Text("a".into()),
                Piece::Field("0".into(), Some('r'), ">{w}".into()),
                Piece::Text("b{}".into())
            ]
        );
        assert_eq!(parse_template("}").unwrap_err(), "Single '}' encountered in format string");
        assert_eq!(parse_template("{").unwrap_err(), "Single '{' encountered in format string");
        assert_eq!(parse_template("{0").unwrap_err(), "expected '}' before end of string");
        assert_eq!(parse_template("{0:{").unwrap_err(), "unmatched '{' in format spec");
        assert_eq!(
            split_field_name("a.b[0]").unwrap(),
            ("a".to_string(), vec![Access::Attr("b".into()), Access::Index("0".into())])
        );
    }
}

// ---- object glue ------------------------------------------------------------

/// Raise a mini-language error (ValueError / OverflowError). Returns ERR.
pub fn raise_fmt_err(e: FmtErr) -> u64 {
    match e {
        FmtErr::Value(m) => crate::errors::raise_value_error(m),
        FmtErr::Overflow(m) => crate::errors::raise_overflow_error(m),
    }
}

/// Append `format(v, spec)` to `out`: ints, floats and strs directly,
/// other values through `molt_format` (their `__format__`).
pub fn format_into(v: u64, spec: &str, out: &mut String) -> crate::errors::R<()> {
    use crate::types::str::*;
    use crate::typeobj::{tp, type_of, TypeId};
    use crate::value::*;
    use std::fmt::Write;
    if is_int(v) && spec.is_empty() {
        let _ = write!(out, "{}", int_val(v));
        return Ok(());
    }
    let r = if is_float(v) {
        format_float(float_val(v), spec)
    } else if is_ptr(v) && type_of(v) == tp(TypeId::Str) {
        if spec.is_empty() {
            out.push_str(str_as(v));
            return Ok(());
        }
        format_str(str_as(v), spec)
    } else {
        let sw = str_from(spec);
        let r = molt_format(v, sw);
        crate::object::decref(sw);
        let r = crate::errors::chk(r)?;
        out.push_str(str_as(r));
        crate::object::decref(r);
        return Ok(());
    };
    match r {
        Ok(s) => {
            out.push_str(&s);
            Ok(())
        }
        Err(e) => {
            raise_fmt_err(e);
            Err(crate::errors::Pending)
        }
    }
}

/// `format(value, spec)`: fast paths for builtin str/int/float, else
/// `type(value).__format__(value, spec)`.
#[no_mangle]
pub extern "C" fn molt_format(v: u64, spec: u64) -> u64 {
    use crate::object::decref;
    use crate::types::str::*;
    use crate::typeobj::{tname, tp, type_of, TypeId};
    use crate::value::*;
    if !is_str(spec) {
        return crate::errors::raise_type_error(format!("format() argument 2 must be str, not {}", tname(spec)));
    }
    let sp = str_as(spec);
    let t = type_of(v);
    if is_int(v) || is_bool(v) || t == tp(TypeId::Int) {
        if sp.is_empty() {
            return crate::protocols::repr::molt_str(v);
        }
        return crate::types::int::format_int_word(v, sp);
    }
    if is_float(v) {
        return match format_float(float_val(v), sp) {
            Ok(s) => str_from_string(s),
            Err(e) => raise_fmt_err(e),
        };
    }
    if t == tp(TypeId::Str) {
        return match format_str(str_as(v), sp) {
            Ok(s) => str_from_string(s),
            Err(e) => raise_fmt_err(e),
        };
    }
    match crate::protocols::call::call_special(v, "__format__", &[spec]) {
        Ok(Some(r)) => {
            if !is_str(r) {
                let n = tname(r);
                decref(r);
                return crate::errors::raise_type_error(format!("__format__ must return a str, not {}", n));
            }
            r
        }
        Ok(None) => crate::errors::raise_type_error(format!("Type {} doesn't define __format__", tname(v))),
        Err(_) => ERR,
    }
}
