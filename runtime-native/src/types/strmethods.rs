//! types/strmethods.rs — the methods of `str` (registered by
//! `init_str_methods`, called from str.rs), `str.format`/`format_map`,
//! `%`-formatting for str, the byte-level search/split/replace algorithms
//! shared with bytes/bytearray, and the codecs (utf-8, ascii, latin-1).
//! Owner: numbers/strings engineer.
//! Neighbours: str.rs (the object, slots, repr), bytes.rs, format.rs
//! (the mini-language and template parser), floatrepr.rs.
//!
//! Text is UTF-8; character indices are converted with `char_to_byte` /
//! `byte_to_char`, which are O(1) for ASCII strings.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::{add_method, add_staticmethod, check_args, nkw, parse_args, NativeFn};
use crate::types::str::{is_str, str_as, str_from, str_from_string};
use crate::value::*;

// ---- byte-level algorithms (shared with bytes) --------------------------------

/// First occurrence of `n` in `h` at or after `from`.
pub fn find_bytes(h: &[u8], n: &[u8], from: usize) -> Option<usize> {
    if n.is_empty() {
        return if from <= h.len() { Some(from) } else { None };
    }
    if n.len() > h.len() {
        return None;
    }
    let first = n[0];
    let last = h.len() - n.len();
    let mut i = from;
    while i <= last {
        match h[i..=last].iter().position(|&c| c == first) {
            None => return None,
            Some(p) => {
                let j = i + p;
                if &h[j..j + n.len()] == n {
                    return Some(j);
                }
                i = j + 1;
            }
        }
    }
    None
}

/// Last occurrence of `n` in `h`.
pub fn rfind_bytes(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(h.len());
    }
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).rev().find(|&i| &h[i..i + n.len()] == n)
}

/// Non-overlapping occurrences (empty needle: len + 1).
pub fn count_bytes(h: &[u8], n: &[u8]) -> usize {
    if n.is_empty() {
        return h.len() + 1;
    }
    let mut c = 0;
    let mut i = 0;
    while let Some(j) = find_bytes(h, n, i) {
        c += 1;
        i = j + n.len();
    }
    c
}

/// Replace up to `count` (negative: all) occurrences. An empty `old`
/// inserts `new` around every byte.
pub fn replace_bytes(h: &[u8], old: &[u8], new: &[u8], count: i64) -> Vec<u8> {
    let max = if count < 0 { usize::MAX } else { count as usize };
    let mut out = Vec::with_capacity(h.len());
    if old.is_empty() {
        let mut n = 0;
        for (i, &c) in h.iter().enumerate() {
            if n < max {
                out.extend_from_slice(new);
                n += 1;
            }
            out.push(c);
            let _ = i;
        }
        if n < max {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    let mut n = 0;
    while n < max {
        match find_bytes(h, old, i) {
            Some(j) => {
                out.extend_from_slice(&h[i..j]);
                out.extend_from_slice(new);
                i = j + old.len();
                n += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&h[i..]);
    out
}

/// `split(sep, maxsplit)` / `rsplit` with an explicit separator.
pub fn split_sep_bytes<'a>(d: &'a [u8], sep: &[u8], maxsplit: i64, right: bool) -> Vec<&'a [u8]> {
    let max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut parts = Vec::new();
    if !right {
        let mut i = 0;
        while parts.len() < max {
            match find_bytes(d, sep, i) {
                Some(j) => {
                    parts.push(&d[i..j]);
                    i = j + sep.len();
                }
                None => break,
            }
        }
        parts.push(&d[i..]);
    } else {
        let mut end = d.len();
        while parts.len() < max {
            match rfind_bytes(&d[..end], sep) {
                Some(j) => {
                    parts.push(&d[j + sep.len()..end]);
                    end = j;
                }
                None => break,
            }
        }
        parts.push(&d[..end]);
        parts.reverse();
    }
    parts
}

/// `split()` / `rsplit()` on runs of ASCII whitespace (bytes).
pub fn split_whitespace_bytes(d: &[u8], maxsplit: i64, right: bool, ws: fn(u8) -> bool) -> Vec<&[u8]> {
    let max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut parts = Vec::new();
    if !right {
        let mut i = 0;
        loop {
            while i < d.len() && ws(d[i]) {
                i += 1;
            }
            if i >= d.len() {
                break;
            }
            if parts.len() == max {
                parts.push(&d[i..]);
                break;
            }
            let s = i;
            while i < d.len() && !ws(d[i]) {
                i += 1;
            }
            parts.push(&d[s..i]);
        }
    } else {
        let mut e = d.len();
        loop {
            while e > 0 && ws(d[e - 1]) {
                e -= 1;
            }
            if e == 0 {
                break;
            }
            if parts.len() == max {
                parts.push(&d[..e]);
                break;
            }
            let end = e;
            while e > 0 && !ws(d[e - 1]) {
                e -= 1;
            }
            parts.push(&d[e..end]);
        }
        parts.reverse();
    }
    parts
}

pub fn zfill_bytes(d: &[u8], w: i64) -> Vec<u8> {
    if w <= d.len() as i64 {
        return d.to_vec();
    }
    let fill = w as usize - d.len();
    let mut out = Vec::with_capacity(w as usize);
    let (sign, rest) = if !d.is_empty() && (d[0] == b'+' || d[0] == b'-') { (&d[..1], &d[1..]) } else { (&d[..0], d) };
    out.extend_from_slice(sign);
    out.extend(std::iter::repeat(b'0').take(fill));
    out.extend_from_slice(rest);
    out
}

pub fn ascii_title(d: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    d.iter()
        .map(|&c| {
            let r = if c.is_ascii_alphabetic() {
                if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            } else {
                c
            };
            prev_cased = c.is_ascii_alphabetic();
            r
        })
        .collect()
}

pub fn ascii_istitle(d: &[u8]) -> bool {
    let mut prev_cased = false;
    let mut any = false;
    for &c in d {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    any
}

/// `bytes.hex(sep, bytes_per_sep)`.
pub fn hex_with_sep(d: &[u8], sep: Option<&str>, per: i64) -> R<String> {
    let hex: Vec<String> = d.iter().map(|b| format!("{:02x}", b)).collect();
    let sep = match sep {
        None => return Ok(hex.concat()),
        Some(s) => s,
    };
    if sep.chars().count() != 1 {
        return Err(raise_value_error_p("sep must be length 1.".into()));
    }
    if per == 0 || d.is_empty() {
        return Ok(hex.concat());
    }
    let n = per.unsigned_abs() as usize;
    let mut groups: Vec<String> = Vec::new();
    if per > 0 {
        // groups counted from the right
        let first = d.len() % n;
        let mut i = 0;
        if first > 0 {
            groups.push(hex[..first].concat());
            i = first;
        }
        while i < d.len() {
            groups.push(hex[i..i + n].concat());
            i += n;
        }
    } else {
        let mut i = 0;
        while i < d.len() {
            let e = (i + n).min(d.len());
            groups.push(hex[i..e].concat());
            i = e;
        }
    }
    Ok(groups.join(sep))
}

/// Optional start/end arguments at a[i], a[i+1] (None allowed) resolved
/// against `len` like a slice: (start, end, valid).
pub fn slice_range_args(a: &[u64], i: usize, len: usize) -> R<(usize, usize, bool)> {
    let get = |k: usize| -> R<Option<i64>> {
        if a.len() <= k || a[k] == NONE {
            return Ok(None);
        }
        match crate::protocols::sequence::as_index(a[k])? {
            Some((v, _)) => Ok(Some(v)),
            None => Err(raise_type_error_p(
                "slice indices must be integers or None or have an __index__ method".into(),
            )),
        }
    };
    let n = len as i64;
    let adj = |v: i64| -> i64 {
        if v < 0 {
            (v + n).max(0)
        } else {
            v
        }
    };
    let s = get(i)?.map_or(0, adj);
    let e = get(i + 1)?.map_or(n, |v| adj(v).min(n));
    if s > n || s > e {
        return Ok((0, 0, false));
    }
    Ok((s as usize, e as usize, true))
}

// ---- codecs -------------------------------------------------------------

/// Raise UnicodeDecodeError(encoding, bytes, start, end, reason).
fn decode_error(enc: &str, d: &[u8], start: usize, end: usize, reason: &str) -> Pending {
    let obj = crate::types::bytes::bytes_from(d);
    let e = crate::types::exception::raise_unicode_error(Exc::UnicodeDecodeError, enc, obj, start, end, reason);
    decref(obj);
    e
}

fn norm_encoding(enc: &str) -> String {
    enc.trim().to_ascii_lowercase().replace('_', "-")
}

/// `str.encode(encoding, errors)`.
pub fn encode_text(s: &str, enc: &str, errors: &str) -> R<Vec<u8>> {
    let e = norm_encoding(enc);
    if let Some((width, little, bom)) = wide_codec(&e) {
        let mut out = Vec::with_capacity(s.len() * width);
        let mut push = |u: u32| {
            if width == 2 {
                let b = (u as u16).to_le_bytes();
                if little {
                    out.extend_from_slice(&b);
                } else {
                    out.extend_from_slice(&[b[1], b[0]]);
                }
            } else if little {
                out.extend_from_slice(&u.to_le_bytes());
            } else {
                out.extend_from_slice(&u.to_be_bytes());
            }
        };
        if bom {
            push(0xFEFF);
        }
        for c in s.chars() {
            if width == 2 {
                let mut buf = [0u16; 2];
                for &unit in c.encode_utf16(&mut buf).iter() {
                    push(unit as u32);
                }
            } else {
                push(c as u32);
            }
        }
        return Ok(out);
    }
    let (limit, name) = match e.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => return Ok(s.as_bytes().to_vec()),
        "ascii" | "us-ascii" | "646" => (0x80u32, "ascii"),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "l1" | "latin" => (0x100, "latin-1"),
        _ => return Err(raise_p(Exc::LookupError, format!("unknown encoding: {}", enc))),
    };
    let mut out = Vec::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => {
                let u = c as u32;
                let t = if u <= 0xff {
                    format!("\\x{:02x}", u)
                } else if u <= 0xffff {
                    format!("\\u{:04x}", u)
                } else {
                    format!("\\U{:08x}", u)
                };
                out.extend_from_slice(t.as_bytes());
            }
            "xmlcharrefreplace" => out.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
            "strict" => {
                let mut j = i;
                while j < chars.len() && (chars[j] as u32) >= limit {
                    j += 1;
                }
                let obj = str_from(s);
                let reason = format!("ordinal not in range({})", limit);
                let e = crate::types::exception::raise_unicode_error(Exc::UnicodeEncodeError, name, obj, i, j, &reason);
                decref(obj);
                return Err(e);
            }
            _ => return Err(raise_p(Exc::LookupError, format!("unknown error handler name '{}'", errors))),
        }
        i += 1;
    }
    Ok(out)
}

/// `bytes.decode(encoding, errors)`.
pub fn decode_bytes(d: &[u8], enc: &str, errors: &str) -> R<String> {
    let e = norm_encoding(enc);
    if let Some((width, little, bom)) = wide_codec(&e) {
        return decode_wide(d, width, little, bom, &e, errors);
    }
    match e.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => decode_utf8(d, errors),
        "ascii" | "us-ascii" | "646" => {
            let mut s = String::with_capacity(d.len());
            for (i, &b) in d.iter().enumerate() {
                if b < 0x80 {
                    s.push(b as char);
                    continue;
                }
                match errors {
                    "ignore" => {}
                    "replace" => s.push('\u{fffd}'),
                    "backslashreplace" => s.push_str(&format!("\\x{:02x}", b)),
                    "strict" => return Err(decode_error("ascii", d, i, i + 1, "ordinal not in range(128)")),
                    _ => return Err(raise_p(Exc::LookupError, format!("unknown error handler name '{}'", errors))),
                }
            }
            Ok(s)
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "l1" | "latin" => {
            Ok(d.iter().map(|&b| b as char).collect())
        }
        _ => Err(raise_p(Exc::LookupError, format!("unknown encoding: {}", enc))),
    }
}

fn decode_utf8(d: &[u8], errors: &str) -> R<String> {
    let mut s = String::with_capacity(d.len());
    let mut i = 0;
    while i < d.len() {
        match std::str::from_utf8(&d[i..]) {
            Ok(t) => {
                s.push_str(t);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                s.push_str(std::str::from_utf8(&d[i..i + good]).unwrap_or(""));
                let pos = i + good;
                let bad = e.error_len();
                let (n, reason) = match bad {
                    Some(n) => {
                        let b = d[pos];
                        let start_ok = (0xc2..=0xf4).contains(&b);
                        (n, if start_ok { "invalid continuation byte" } else { "invalid start byte" })
                    }
                    None => (d.len() - pos, "unexpected end of data"),
                };
                match errors {
                    "ignore" => {}
                    "replace" => s.push('\u{fffd}'),
                    "backslashreplace" => {
                        for &b in &d[pos..pos + n] {
                            s.push_str(&format!("\\x{:02x}", b));
                        }
                    }
                    "strict" => return Err(decode_error("utf-8", d, pos, pos + n, reason)),
                    _ => return Err(raise_p(Exc::LookupError, format!("unknown error handler name '{}'", errors))),
                }
                i = pos + n;
            }
        }
    }
    Ok(s)
}

/// (code unit width, little-endian, uses a BOM) for utf-16/utf-32 names.
fn wide_codec(e: &str) -> Option<(usize, bool, bool)> {
    let native_little = cfg!(target_endian = "little");
    match e {
        "utf-16" | "utf16" => Some((2, native_little, true)),
        "utf-16-le" | "utf-16le" | "utf16le" => Some((2, true, false)),
        "utf-16-be" | "utf-16be" | "utf16be" => Some((2, false, false)),
        "utf-32" | "utf32" => Some((4, native_little, true)),
        "utf-32-le" | "utf-32le" | "utf32le" => Some((4, true, false)),
        "utf-32-be" | "utf-32be" | "utf32be" => Some((4, false, false)),
        _ => None,
    }
}

fn decode_wide(d: &[u8], width: usize, little: bool, bom: bool, name: &str, errors: &str) -> R<String> {
    let mut little = little;
    let mut start = 0;
    let unit = |b: &[u8], little: bool| -> u32 {
        if width == 2 {
            let v = [b[0], b[1]];
            (if little { u16::from_le_bytes(v) } else { u16::from_be_bytes(v) }) as u32
        } else {
            let v = [b[0], b[1], b[2], b[3]];
            if little {
                u32::from_le_bytes(v)
            } else {
                u32::from_be_bytes(v)
            }
        }
    };
    if bom && d.len() >= width {
        if unit(&d[..width], true) == 0xFEFF {
            little = true;
            start = width;
        } else if unit(&d[..width], false) == 0xFEFF {
            little = false;
            start = width;
        }
    }
    let cname = name.replace("utf", "utf").to_string();
    let mut s = String::new();
    let mut i = start;
    let fail = |pos: usize, end: usize, reason: &str| -> Pending { decode_error(&cname, d, pos, end, reason) };
    while i < d.len() {
        if i + width > d.len() {
            match errors {
                "ignore" => break,
                "replace" => {
                    s.push('\u{fffd}');
                    break;
                }
                _ => {
                    return Err(fail(i, d.len(), "truncated data"));
                }
            }
        }
        let u = unit(&d[i..i + width], little);
        let mut consumed = width;
        let ch = if width == 2 && (0xD800..0xDC00).contains(&u) {
            if i + 4 <= d.len() {
                let lo = unit(&d[i + 2..i + 4], little);
                if (0xDC00..0xE000).contains(&lo) {
                    consumed = 4;
                    std::char::from_u32(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00))
                } else {
                    None
                }
            } else {
                None
            }
        } else {
            std::char::from_u32(u)
        };
        match ch {
            Some(c) => s.push(c),
            None => match errors {
                "ignore" => {}
                "replace" => s.push('\u{fffd}'),
                _ => {
                    let reason = if width == 2 { "illegal encoding" } else { "code point not in range(0x110000)" };
                    return Err(fail(i, i + width, reason));
                }
            },
        }
        i += consumed;
    }
    Ok(s)
}

/// The decimal value of a Unicode decimal digit (category Nd).
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let u = c as u32;
    if u < 0x660 {
        return None;
    }
    let z = crate::types::unicode_tables::DECIMAL_ZEROS;
    let i = match z.binary_search(&u) {
        Ok(i) => i,
        Err(0) => return None,
        Err(i) => i - 1,
    };
    if u - z[i] < 10 {
        Some(u - z[i])
    } else {
        None
    }
}

/// Map non-ASCII decimal digits to ASCII and Unicode spaces to ' ' (what
/// int()/float() do before parsing).
pub fn normalize_decimal_digits(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.chars()
        .map(|c| match decimal_value(c) {
            Some(d) if !c.is_ascii() => std::char::from_digit(d, 10).unwrap_or(c),
            _ => {
                if py_isspace(c) {
                    ' '
                } else {
                    c
                }
            }
        })
        .collect()
}

// ---- character classes --------------------------------------------------

use crate::types::unicode_tables::{in_table, ALPHA, DIGIT, LOWER, NUMERIC, SPACE, TITLE, UPPER};

/// Python's `str.isspace` for one character.
pub fn py_isspace(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f');
    }
    in_table(SPACE, c)
}

fn is_linebreak(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

pub fn py_isdecimal(c: char) -> bool {
    decimal_value(c).is_some()
}

pub fn py_isdigit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(DIGIT, c)
}

pub fn py_isnumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(NUMERIC, c)
}

pub fn py_isalpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_table(ALPHA, c)
}

pub fn py_islower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_table(LOWER, c)
}

pub fn py_isupper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_table(UPPER, c)
}

fn is_cased(c: char) -> bool {
    py_islower(c) || py_isupper(c) || is_titlecase(c)
}

fn is_titlecase(c: char) -> bool {
    !c.is_ascii() && in_table(TITLE, c)
}

fn to_title(c: char, out: &mut String) {
    match c as u32 {
        0x1C4..=0x1C6 => out.push('\u{1C5}'),
        0x1C7..=0x1C9 => out.push('\u{1C8}'),
        0x1CA..=0x1CC => out.push('\u{1CB}'),
        0x1F1..=0x1F3 => out.push('\u{1F2}'),
        0xDF => out.push_str("Ss"),
        0xFB00 => out.push_str("Ff"),
        0xFB01 => out.push_str("Fi"),
        0xFB02 => out.push_str("Fl"),
        0xFB03 => out.push_str("Ffi"),
        0xFB04 => out.push_str("Ffl"),
        0xFB05 | 0xFB06 => out.push_str("St"),
        0x149 => out.push_str("\u{2BC}N"),
        _ => out.extend(c.to_uppercase()),
    }
}

/// Lowercase one char with final-sigma handling done by the caller.
fn lower_into(s: &str, out: &mut String) {
    out.push_str(&s.to_lowercase());
}

pub fn py_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            if c == 'Σ' {
                out.push(final_sigma(&chars, i));
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            to_title(c, &mut out);
        }
        prev_cased = is_cased(c);
    }
    out
}

pub fn py_capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    if let Some(c) = it.next() {
        to_title(c, &mut out);
        let rest: String = it.collect();
        lower_into(&rest, &mut out);
    }
    out
}

/// Lowercase of a capital sigma at `i`: final form at the end of a word.
fn final_sigma(chars: &[char], i: usize) -> char {
    let mut j = i;
    let mut before = false;
    while j > 0 {
        j -= 1;
        if is_case_ignorable(chars[j]) {
            continue;
        }
        before = is_cased(chars[j]);
        break;
    }
    let mut after = false;
    for &c in &chars[i + 1..] {
        if is_case_ignorable(c) {
            continue;
        }
        after = is_cased(c);
        break;
    }
    if before && !after {
        'ς'
    } else {
        'σ'
    }
}

fn is_case_ignorable(c: char) -> bool {
    matches!(c, '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}' | '\u{2019}') || is_mark(c)
}

pub fn py_swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if py_isupper(c) {
            if c == 'Σ' {
                out.push(final_sigma(&chars, i));
            } else {
                out.extend(c.to_lowercase());
            }
        } else if py_islower(c) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

pub fn py_casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ſ' => out.push('s'),
            'ς' => out.push('σ'),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬀ' => out.push_str("ff"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            'ŉ' => out.push_str("ʼn"),
            'µ' => out.push('μ'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

pub fn py_istitle(s: &str) -> bool {
    let mut prev_cased = false;
    let mut any = false;
    for c in s.chars() {
        if py_isupper(c) || is_titlecase(c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else if py_islower(c) {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    any
}

pub fn py_isidentifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if c == '_' || (c.is_alphabetic() && !c.is_numeric()) || c.is_alphabetic() => {}
        _ => return false,
    }
    it.all(|c| c == '_' || c.is_alphanumeric() || is_mark(c))
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x483..=0x487 | 0x591..=0x5BD | 0x610..=0x61A | 0x64B..=0x65F | 0x900..=0x903 | 0x93A..=0x94F | 0x200C | 0x200D | 0x20D0..=0x20F0 | 0xFE00..=0xFE0F)
}

// ---- char/byte index conversion ---------------------------------------------

/// Byte offset of char index `ci` (clamped to the end).
pub fn char_to_byte(s: &str, nchars: usize, ci: usize) -> usize {
    if nchars == s.len() {
        return ci.min(s.len());
    }
    s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b)
}

/// Char index of byte offset `bi` (a char boundary).
pub fn byte_to_char(s: &str, nchars: usize, bi: usize) -> usize {
    if nchars == s.len() {
        return bi;
    }
    s[..bi].chars().count()
}

// ---- str methods ------------------------------------------------------------

/// Argument-count check for a builtin method (`a[0]` is self; `min`/`max`
/// count self) with CPython's messages: `str.upper() takes no arguments
/// (1 given)`, `str.zfill() takes exactly one argument (0 given)`,
/// `find expected at least 1 argument, got 0`.
pub fn ck(name: &str, a: &[u64], k: u64, min: usize, max: usize) -> R<()> {
    let owner = if a.is_empty() {
        "str".to_string()
    } else if is_type(a[0]) {
        type_name_of(as_type(a[0]))
    } else if crate::types::bytearray::is_bytearray(a[0]) {
        "bytearray".to_string()
    } else if crate::types::bytes::is_bytes(a[0]) {
        "bytes".to_string()
    } else if is_str(a[0]) {
        "str".to_string()
    } else {
        tname(a[0])
    };
    let n = a.len().saturating_sub(1 + nkw(k));
    let (lo, hi) = (min.saturating_sub(1), max.saturating_sub(1));
    if nkw(k) > 0 {
        return Err(raise_type_error_p(if lo == hi && hi <= 1 {
            format!("{}.{}() takes no keyword arguments", owner, name)
        } else {
            format!("{}() takes no keyword arguments", name)
        }));
    }
    if n >= lo && n <= hi {
        return Ok(());
    }
    let clinic = matches!(name, "find" | "rfind" | "index" | "rindex" | "count" | "startswith" | "endswith");
    let plural = |x: usize| if x == 1 { "" } else { "s" };
    let msg = if clinic && n < lo {
        format!("{}() takes at least {} argument{} ({} given)", name, lo, plural(lo), n)
    } else if clinic {
        format!("{}() takes at most {} argument{} ({} given)", name, hi, plural(hi), n)
    } else if lo == hi && hi == 0 {
        format!("{}.{}() takes no arguments ({} given)", owner, name, n)
    } else if lo == hi && hi == 1 {
        format!("{}.{}() takes exactly one argument ({} given)", owner, name, n)
    } else if n < lo {
        format!("{} expected at least {} argument{}, got {}", name, lo, if lo == 1 { "" } else { "s" }, n)
    } else {
        format!("{} expected at most {} argument{}, got {}", name, hi, if hi == 1 { "" } else { "s" }, n)
    };
    Err(raise_type_error_p(msg))
}

fn nchars(v: u64) -> usize {
    crate::types::str::str_nchars(v)
}

fn str_arg<'a>(v: u64, what: &str) -> R<&'static str> {
    if is_str(v) {
        Ok(str_as(v))
    } else {
        Err(raise_type_error_p(format!("{}, not {}", what, tname(v))))
    }
}

fn new_list_of_strs<'a>(parts: impl Iterator<Item = &'a str>) -> u64 {
    let items: Vec<u64> = parts.map(str_from).collect();
    crate::types::list::list_new(items)
}

/// `parse_args` for a method (`a[0]` is self, `names[0]` names it) with
/// CPython's count message: `split() takes at most 2 arguments (5 given)`.
pub fn pargs(name: &str, a: &[u64], k: u64, names: &[&str], npos: usize) -> R<Vec<u64>> {
    let np = a.len() - nkw(k);
    if np > npos {
        let hi = npos - 1;
        return Err(raise_type_error_p(format!(
            "{}() takes at most {} argument{} ({} given)",
            name,
            hi,
            if hi == 1 { "" } else { "s" },
            np - 1
        )));
    }
    parse_args(name, a, k, names, npos)
}

/// Register every str method on `t` (called from str.rs init_methods).
pub fn init_str_methods(t: *mut TypeObject) {
    let m: &[(&'static str, NativeFn)] = &[
        ("split", |a, k| sm_split(a, k, false)),
        ("rsplit", |a, k| sm_split(a, k, true)),
        ("join", sm_join),
        ("strip", |a, k| sm_strip(a, k, 3, "strip")),
        ("lstrip", |a, k| sm_strip(a, k, 1, "lstrip")),
        ("rstrip", |a, k| sm_strip(a, k, 2, "rstrip")),
        ("replace", sm_replace),
        ("find", |a, k| sm_find(a, k, "find", false, false)),
        ("rfind", |a, k| sm_find(a, k, "rfind", true, false)),
        ("index", |a, k| sm_find(a, k, "index", false, true)),
        ("rindex", |a, k| sm_find(a, k, "rindex", true, true)),
        ("count", sm_count),
        ("startswith", |a, k| sm_startsends(a, k, "startswith", false)),
        ("endswith", |a, k| sm_startsends(a, k, "endswith", true)),
        ("upper", |a, k| {
            unary_text(a, k, "upper", |s| if s.is_ascii() { s.to_ascii_uppercase() } else { s.to_uppercase() })
        }),
        ("lower", |a, k| {
            unary_text(a, k, "lower", |s| if s.is_ascii() { s.to_ascii_lowercase() } else { s.to_lowercase() })
        }),
        ("casefold", |a, k| unary_text(a, k, "casefold", py_casefold)),
        ("capitalize", |a, k| unary_text(a, k, "capitalize", py_capitalize)),
        ("title", |a, k| unary_text(a, k, "title", py_title)),
        ("swapcase", |a, k| unary_text(a, k, "swapcase", py_swapcase)),
        ("isdigit", |a, _| all_chars(a[0], py_isdigit)),
        ("isdecimal", |a, _| all_chars(a[0], py_isdecimal)),
        ("isnumeric", |a, _| all_chars(a[0], py_isnumeric)),
        ("isalpha", |a, _| all_chars(a[0], py_isalpha)),
        ("isalnum", |a, _| all_chars(a[0], |c| py_isalpha(c) || py_isnumeric(c))),
        ("isspace", |a, _| all_chars(a[0], py_isspace)),
        ("isascii", |a, _| box_bool(str_as(a[0]).is_ascii())),
        ("isprintable", |a, _| box_bool(str_as(a[0]).chars().all(crate::types::str::is_printable))),
        ("isidentifier", |a, _| box_bool(py_isidentifier(str_as(a[0])))),
        ("istitle", |a, _| box_bool(py_istitle(str_as(a[0])))),
        ("isupper", |a, _| {
            let s = str_as(a[0]);
            box_bool(s.chars().any(py_isupper) && !s.chars().any(|c| py_islower(c) || is_titlecase(c)))
        }),
        ("islower", |a, _| {
            let s = str_as(a[0]);
            box_bool(s.chars().any(py_islower) && !s.chars().any(|c| py_isupper(c) || is_titlecase(c)))
        }),
        ("center", |a, k| sm_pad(a, k, "center", 0)),
        ("ljust", |a, k| sm_pad(a, k, "ljust", 1)),
        ("rjust", |a, k| sm_pad(a, k, "rjust", 2)),
        ("zfill", |a, k| {
            ok!(ck("zfill", a, k, 2, 2));
            let w = ok!(crate::protocols::number::index_i64(a[1]));
            let s = str_as(a[0]);
            let n = nchars(a[0]) as i64;
            if w <= n {
                return str_from(s);
            }
            let (sign, rest) = if s.starts_with('+') || s.starts_with('-') { s.split_at(1) } else { ("", s) };
            str_from_string(format!("{}{}{}", sign, "0".repeat((w - n) as usize), rest))
        }),
        ("partition", |a, k| sm_partition(a, k, false)),
        ("rpartition", |a, k| sm_partition(a, k, true)),
        ("splitlines", sm_splitlines),
        ("expandtabs", sm_expandtabs),
        ("encode", sm_encode),
        ("removeprefix", |a, k| {
            ok!(ck("removeprefix", a, k, 2, 2));
            let p = ok!(str_arg(a[1], "removeprefix() argument must be str"));
            let s = str_as(a[0]);
            str_from(s.strip_prefix(p).unwrap_or(s))
        }),
        ("removesuffix", |a, k| {
            ok!(ck("removesuffix", a, k, 2, 2));
            let p = ok!(str_arg(a[1], "removesuffix() argument must be str"));
            let s = str_as(a[0]);
            str_from(if p.is_empty() { s } else { s.strip_suffix(p).unwrap_or(s) })
        }),
        ("translate", sm_translate),
        ("format", sm_format),
        ("format_map", sm_format_map),
        ("__format__", |a, k| {
            ok!(ck("__format__", a, k, 2, 2));
            let spec = ok!(str_arg(a[1], "__format__() argument must be str"));
            match crate::types::format::format_str(str_as(a[0]), spec) {
                Ok(s) => str_from_string(s),
                Err(e) => crate::types::format::raise_fmt_err(e),
            }
        }),
        ("__getnewargs__", |a, _| crate::types::tuple::tuple_new(vec![str_from(str_as(a[0]))])),
    ];
    for &(name, f) in m {
        add_method(t, name, f);
    }
    add_staticmethod(t, "maketrans", sm_maketrans);
}

fn unary_text(a: &[u64], k: u64, name: &str, f: fn(&str) -> String) -> u64 {
    ok!(ck(name, a, k, 1, 1));
    str_from_string(f(str_as(a[0])))
}

fn all_chars(v: u64, f: fn(char) -> bool) -> u64 {
    let s = str_as(v);
    box_bool(!s.is_empty() && s.chars().all(f))
}

fn sm_split(a: &[u64], k: u64, right: bool) -> u64 {
    let name = if right { "rsplit" } else { "split" };
    let p = ok!(pargs(name, a, k, &["self", "sep", "maxsplit"], 3));
    let s = str_as(p[0]);
    let maxsplit = if p[2] == UNBOUND { -1 } else { ok!(crate::protocols::number::index_i64(p[2])) };
    if p[1] == UNBOUND || p[1] == NONE {
        let max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
        let mut parts: Vec<&str> = Vec::new();
        if !right {
            let mut rest = s.trim_start_matches(py_isspace);
            while !rest.is_empty() {
                if parts.len() == max {
                    parts.push(rest);
                    break;
                }
                let end = rest.find(py_isspace).unwrap_or(rest.len());
                parts.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(py_isspace);
            }
        } else {
            let mut rest = s.trim_end_matches(py_isspace);
            while !rest.is_empty() {
                if parts.len() == max {
                    parts.push(rest);
                    break;
                }
                let start = rest.rfind(py_isspace).map_or(0, |i| i + rest[i..].chars().next().unwrap().len_utf8());
                parts.push(&rest[start..]);
                rest = rest[..start].trim_end_matches(py_isspace);
            }
            parts.reverse();
        }
        return new_list_of_strs(parts.into_iter());
    }
    let sep = ok!(str_arg(p[1], "must be str or None"));
    if sep.is_empty() {
        return raise_value_error("empty separator".into());
    }
    let parts = split_sep_bytes(s.as_bytes(), sep.as_bytes(), maxsplit, right);
    // SAFETY: splitting UTF-8 at a UTF-8 separator keeps char boundaries.
    new_list_of_strs(parts.into_iter().map(|b| unsafe { std::str::from_utf8_unchecked(b) }))
}

fn sm_join(a: &[u64], k: u64) -> u64 {
    ok!(ck("join", a, k, 2, 2));
    let sep = str_as(a[0]);
    let x = a[1];
    let owned;
    let items: &[u64] = if crate::types::list::is_list(x) {
        crate::types::list::list_items(x)
    } else if crate::types::tuple::is_tuple(x) {
        crate::types::tuple::tuple_items(x)
    } else {
        let t = type_of(x);
        // SAFETY: live type.
        let iterable = unsafe { (*t).slots.iter.is_some() || (*t).slots.getitem.is_some() };
        if !iterable {
            return raise_type_error("can only join an iterable".into());
        }
        owned = ok!(crate::protocols::sequence::collect(x));
        &owned
    };
    let mut total = 0;
    for (i, &it) in items.iter().enumerate() {
        if !is_str(it) {
            let msg = format!("sequence item {}: expected str instance, {} found", i, tname(it));
            return raise_type_error(msg);
        }
        total += str_as(it).len() + sep.len();
    }
    let mut out = String::with_capacity(total);
    for (i, &it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(str_as(it));
    }
    let r = str_from_string(out);
    if !(crate::types::list::is_list(x) || crate::types::tuple::is_tuple(x)) {
        crate::protocols::sequence::decref_all(items.to_vec());
    }
    r
}

fn sm_strip(a: &[u64], k: u64, which: u8, name: &str) -> u64 {
    ok!(ck(name, a, k, 1, 2));
    let s = str_as(a[0]);
    let r = if a.len() < 2 || a[1] == NONE {
        match which {
            1 => s.trim_start_matches(py_isspace),
            2 => s.trim_end_matches(py_isspace),
            _ => s.trim_matches(py_isspace),
        }
    } else {
        if !is_str(a[1]) {
            return raise_type_error(format!("{} arg must be None or str", name));
        }
        let cs: Vec<char> = str_as(a[1]).chars().collect();
        let f = |c: char| cs.contains(&c);
        match which {
            1 => s.trim_start_matches(f),
            2 => s.trim_end_matches(f),
            _ => s.trim_matches(f),
        }
    };
    if r.len() == s.len() && type_of(a[0]) == tp(TypeId::Str) {
        return newref(a[0]);
    }
    str_from(r)
}

fn sm_replace(a: &[u64], k: u64) -> u64 {
    if a.len() - nkw(k) > 4 {
        return raise_type_error(format!("replace expected at most 3 arguments, got {}", a.len() - 1 - nkw(k)));
    }
    let p = ok!(parse_args("replace", a, k, &["self", "old", "new", "count"], 4));
    if p[1] == UNBOUND || p[2] == UNBOUND {
        return raise_type_error(format!("replace expected at least 2 arguments, got {}", a.len() - 1));
    }
    let old = ok!(str_arg(p[1], "replace() argument 1 must be str"));
    let new = ok!(str_arg(p[2], "replace() argument 2 must be str"));
    let count = if p[3] == UNBOUND { -1 } else { ok!(crate::protocols::number::index_i64(p[3])) };
    let s = str_as(p[0]);
    if old.is_empty() {
        let max = if count < 0 { usize::MAX } else { count as usize };
        let mut out = String::new();
        let mut n = 0;
        for c in s.chars() {
            if n < max {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if n < max {
            out.push_str(new);
        }
        return str_from_string(out);
    }
    let r = replace_bytes(s.as_bytes(), old.as_bytes(), new.as_bytes(), count);
    str_from_string(String::from_utf8(r).unwrap_or_default())
}

/// Resolve optional start/end char arguments to a byte range of `s`.
fn str_range(v: u64, a: &[u64], i: usize) -> R<(usize, usize, bool, usize, usize)> {
    let s = str_as(v);
    let n = nchars(v);
    let (cs, ce, valid) = slice_range_args(a, i, n)?;
    if !valid {
        return Ok((0, 0, false, 0, 0));
    }
    let _ = s;
    let bs = crate::types::str::str_char_offset(v, cs);
    let be = crate::types::str::str_char_offset(v, ce);
    Ok((bs, be, true, cs, ce))
}

fn sm_find(a: &[u64], k: u64, name: &str, right: bool, raise: bool) -> u64 {
    ok!(ck(name, a, k, 2, 4));
    let sub = ok!(str_arg(a[1], "must be str"));
    let s = str_as(a[0]);
    let (bs, be, valid, _, _) = ok!(str_range(a[0], a, 2));
    let r = if !valid {
        None
    } else {
        let hay = &s.as_bytes()[bs..be];
        let f = if right { rfind_bytes(hay, sub.as_bytes()) } else { find_bytes(hay, sub.as_bytes(), 0) };
        f.map(|i| byte_to_char(s, nchars(a[0]), bs + i))
    };
    match r {
        Some(i) => small_int(i as i64),
        None if raise => raise_value_error("substring not found".into()),
        None => small_int(-1),
    }
}

fn sm_count(a: &[u64], k: u64) -> u64 {
    ok!(ck("count", a, k, 2, 4));
    let sub = ok!(str_arg(a[1], "must be str"));
    let s = str_as(a[0]);
    let (bs, be, valid, cs, ce) = ok!(str_range(a[0], a, 2));
    if !valid {
        return small_int(0);
    }
    if sub.is_empty() {
        return small_int((ce - cs + 1) as i64);
    }
    small_int(count_bytes(&s.as_bytes()[bs..be], sub.as_bytes()) as i64)
}

fn sm_startsends(a: &[u64], k: u64, name: &str, ends: bool) -> u64 {
    ok!(ck(name, a, k, 2, 4));
    let s = str_as(a[0]);
    let (bs, be, valid, _, _) = ok!(str_range(a[0], a, 2));
    let test = |x: &str| -> bool {
        if !valid {
            return false;
        }
        let hay = &s.as_bytes()[bs..be];
        if ends {
            hay.ends_with(x.as_bytes())
        } else {
            hay.starts_with(x.as_bytes())
        }
    };
    if crate::types::tuple::is_tuple(a[1]) {
        for &x in crate::types::tuple::tuple_items(a[1]) {
            if !is_str(x) {
                return raise_type_error(format!(
                    "tuple for {} must only contain str, not {}",
                    name,
                    tname(x)
                ));
            }
            if test(str_as(x)) {
                return TRUE;
            }
        }
        return FALSE;
    }
    if !is_str(a[1]) {
        return raise_type_error(format!("{} first arg must be str or a tuple of str, not {}", name, tname(a[1])));
    }
    box_bool(test(str_as(a[1])))
}

fn sm_pad(a: &[u64], k: u64, name: &str, mode: u8) -> u64 {
    ok!(ck(name, a, k, 2, 3));
    let w = ok!(crate::protocols::number::index_i64(a[1]));
    let fill = if a.len() > 2 {
        if !is_str(a[2]) {
            return raise_type_error(format!("{}() argument 2 must be str, not {}", name, tname(a[2])));
        }
        let f = str_as(a[2]);
        let mut it = f.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => c,
            _ => return raise_type_error("The fill character must be exactly one character long".into()),
        }
    } else {
        ' '
    };
    let s = str_as(a[0]);
    let n = nchars(a[0]) as i64;
    if w <= n {
        return str_from(s);
    }
    let total = (w - n) as usize;
    let (l, r) = match mode {
        0 => {
            let l = total / 2 + (total & w as usize & 1);
            (l, total - l)
        }
        1 => (0, total),
        _ => (total, 0),
    };
    let mut out = String::with_capacity(s.len() + total);
    out.extend(std::iter::repeat(fill).take(l));
    out.push_str(s);
    out.extend(std::iter::repeat(fill).take(r));
    str_from_string(out)
}

fn sm_partition(a: &[u64], k: u64, right: bool) -> u64 {
    ok!(ck(if right { "rpartition" } else { "partition" }, a, k, 2, 2));
    let s = str_as(a[0]);
    let sep = ok!(str_arg(a[1], "must be str"));
    if sep.is_empty() {
        return raise_value_error("empty separator".into());
    }
    let pos = if right { s.rfind(sep) } else { s.find(sep) };
    let (x, y, z) = match pos {
        Some(i) => (&s[..i], sep, &s[i + sep.len()..]),
        None if right => ("", "", s),
        None => (s, "", ""),
    };
    crate::types::tuple::tuple_new(vec![str_from(x), str_from(y), str_from(z)])
}

fn sm_splitlines(a: &[u64], k: u64) -> u64 {
    let p = ok!(pargs("splitlines", a, k, &["self", "keepends"], 2));
    let keep = if p[1] == UNBOUND { false } else { ok!(crate::protocols::truth::truthy(p[1])) };
    let s = str_as(p[0]);
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_linebreak(c) {
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(_, '\n')) = it.peek() {
                    it.next();
                    end += 1;
                }
            }
            parts.push(&s[start..if keep { end } else { i }]);
            start = end;
        }
    }
    if start < s.len() {
        parts.push(&s[start..]);
    }
    new_list_of_strs(parts.into_iter())
}

fn sm_expandtabs(a: &[u64], k: u64) -> u64 {
    let p = ok!(pargs("expandtabs", a, k, &["self", "tabsize"], 2));
    let ts = if p[1] == UNBOUND { 8 } else { ok!(crate::protocols::number::index_i64(p[1])) };
    let mut out = String::new();
    let mut col: i64 = 0;
    for c in str_as(p[0]).chars() {
        if c == '\t' {
            if ts > 0 {
                let n = ts - col % ts;
                out.extend(std::iter::repeat(' ').take(n as usize));
                col += n;
            }
        } else {
            out.push(c);
            col = if c == '\n' || c == '\r' { 0 } else { col + 1 };
        }
    }
    str_from_string(out)
}

fn sm_encode(a: &[u64], k: u64) -> u64 {
    let p = ok!(pargs("encode", a, k, &["self", "encoding", "errors"], 3));
    let enc = if p[1] == UNBOUND { "utf-8" } else { ok!(str_arg(p[1], "encode() argument 'encoding' must be str")) };
    let errors = if p[2] == UNBOUND { "strict" } else { ok!(str_arg(p[2], "encode() argument 'errors' must be str")) };
    match encode_text(str_as(p[0]), enc, errors) {
        Ok(v) => crate::types::bytes::bytes_from_vec(v),
        Err(_) => ERR,
    }
}

fn sm_translate(a: &[u64], k: u64) -> u64 {
    ok!(ck("translate", a, k, 2, 2));
    let table = a[1];
    let mut out = String::new();
    for c in str_as(a[0]).chars() {
        let key = small_int(c as i64);
        let r = crate::protocols::item::getitem(table, key);
        if r == ERR {
            if pending_matches(Exc::LookupError) {
                clear_pending();
                out.push(c);
                continue;
            }
            return ERR;
        }
        if r == NONE {
            continue;
        }
        if is_str(r) {
            out.push_str(str_as(r));
        } else if let Some(i) = crate::types::int::as_i64(r) {
            match std::char::from_u32(i as u32).filter(|_| (0..0x110000).contains(&i)) {
                Some(ch) => out.push(ch),
                None => {
                    decref(r);
                    return raise_value_error("character mapping must be in range(0x110000)".into());
                }
            }
        } else {
            decref(r);
            return raise_type_error("character mapping must return integer, None or str".into());
        }
        decref(r);
    }
    str_from_string(out)
}

fn sm_maketrans(a: &[u64], k: u64) -> u64 {
    ok!(check_args("maketrans", a, k, 1, 3));
    let d = crate::types::dict::dict_new();
    if a.len() == 1 {
        if !crate::types::dict::is_dict(a[0]) {
            decref(d);
            return raise_type_error("if you give only one argument to maketrans it must be a dict".into());
        }
        for (key, v) in crate::types::dict::dict_pairs(a[0]) {
            let kk = if is_str(key) {
                let s = str_as(key);
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => small_int(c as i64),
                    _ => {
                        decref(d);
                        return raise_value_error("string keys in translate table must be of length 1".into());
                    }
                }
            } else if crate::types::int::is_int_like(key) {
                newref(key)
            } else {
                decref(d);
                return raise_type_error("keys in translate table must be strings or integers".into());
            };
            if crate::types::dict::dict_set(d, kk, v).is_err() {
                decref(d);
                return ERR;
            }
            decref(kk);
        }
        return d;
    }
    let x = ok!(str_arg(a[0], "maketrans() argument 1 must be str"));
    let y = ok!(str_arg(a[1], "maketrans() argument 2 must be str"));
    let xs: Vec<char> = x.chars().collect();
    let ys: Vec<char> = y.chars().collect();
    if xs.len() != ys.len() {
        decref(d);
        return raise_value_error("the first two maketrans arguments must have equal length".into());
    }
    for (c, r) in xs.iter().zip(ys.iter()) {
        let _ = crate::types::dict::dict_set(d, small_int(*c as i64), small_int(*r as i64));
    }
    if a.len() == 3 {
        let z = ok!(str_arg(a[2], "maketrans() argument 3 must be str"));
        for c in z.chars() {
            let _ = crate::types::dict::dict_set(d, small_int(c as i64), NONE);
        }
    }
    d
}

// ---- str.format ---------------------------------------------------------

struct FormatCtx<'a> {
    args: &'a [u64],
    /// A dict or mapping for keyword fields (0 = none).
    kwargs: u64,
    auto: Option<usize>,
    manual: bool,
}

/// Parsed templates of immortal strs (the constants of `"...".format(...)`
/// calls), by word: an immortal object is never freed, so its word never
/// names another template.
static mut TEMPLATE_CACHE: Option<std::collections::HashMap<u64, std::rc::Rc<Vec<crate::types::format::Piece>>>> = None;

/// At most this many templates are cached (the cache is emptied when full).
const TEMPLATE_CACHE_MAX: usize = 512;

/// `str.format` of template word `tmpl`.
fn format_template_word(tmpl: u64, ctx: &mut FormatCtx) -> R<String> {
    use crate::types::format::parse_template;
    if refcnt(tmpl) != IMMORTAL {
        return format_template(str_as(tmpl), ctx, 0);
    }
    // SAFETY: single-threaded runtime; the reference to the cache does not
    // outlive this block (formatting may format other templates).
    let pieces = unsafe {
        let cache = (*std::ptr::addr_of_mut!(TEMPLATE_CACHE)).get_or_insert_with(Default::default);
        match cache.get(&tmpl) {
            Some(p) => p.clone(),
            None => {
                let p = std::rc::Rc::new(parse_template(str_as(tmpl)).map_err(raise_value_error_p)?);
                if cache.len() >= TEMPLATE_CACHE_MAX {
                    cache.clear();
                }
                cache.insert(tmpl, p.clone());
                p
            }
        }
    };
    format_pieces(&pieces, ctx, 0)
}

fn format_template(tmpl: &str, ctx: &mut FormatCtx, depth: u32) -> R<String> {
    use crate::types::format::parse_template;
    if depth > 2 {
        return Err(raise_value_error_p("Max string recursion exceeded".into()));
    }
    let pieces = parse_template(tmpl).map_err(raise_value_error_p)?;
    format_pieces(&pieces, ctx, depth)
}

fn format_pieces(pieces: &[crate::types::format::Piece], ctx: &mut FormatCtx, depth: u32) -> R<String> {
    use crate::types::format::Piece;
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Field(name, conv, spec) => {
                let v = resolve_field(name, ctx)?;
                let v2 = match *conv {
                    None => v,
                    Some(c) => {
                        let r = match c {
                            'r' => crate::protocols::repr::molt_repr(v),
                            's' => crate::protocols::repr::molt_str(v),
                            'a' => crate::protocols::repr::molt_ascii(v),
                            _ => {
                                decref(v);
                                return Err(raise_value_error_p(format!("Unknown conversion specifier {}", c)));
                            }
                        };
                        decref(v);
                        chk(r)?
                    }
                };
                let r = if spec.contains('{') {
                    format_template(spec, ctx, depth + 1).and_then(|sp| crate::types::format::format_into(v2, &sp, &mut out))
                } else {
                    crate::types::format::format_into(v2, spec, &mut out)
                };
                decref(v2);
                r?;
            }
        }
    }
    Ok(out)
}

fn resolve_field(name: &str, ctx: &mut FormatCtx) -> R<u64> {
    use crate::types::format::{split_field_name, Access};
    if name.is_empty() && !ctx.manual {
        // `{}`: the next positional argument
        let i = ctx.auto.unwrap_or(0);
        ctx.auto = Some(i + 1);
        return positional(ctx, i);
    }
    let (first, rest) = split_field_name(name).map_err(raise_value_error_p)?;
    let mut v = if first.is_empty() {
        if ctx.manual {
            return Err(raise_value_error_p(
                "cannot switch from manual field specification to automatic field numbering".into(),
            ));
        }
        let i = ctx.auto.unwrap_or(0);
        ctx.auto = Some(i + 1);
        positional(ctx, i)?
    } else if first.bytes().all(|c| c.is_ascii_digit()) {
        if ctx.auto.is_some() {
            return Err(raise_value_error_p(
                "cannot switch from automatic field numbering to manual field specification".into(),
            ));
        }
        ctx.manual = true;
        let i: usize = first.parse().unwrap_or(usize::MAX);
        positional(ctx, i)?
    } else {
        if ctx.kwargs == 0 {
            return Err(keyerr(&first));
        }
        let key = str_from(&first);
        let r = crate::protocols::item::getitem(ctx.kwargs, key);
        decref(key);
        chk(r)?
    };
    for acc in rest {
        let nv = match acc {
            Access::Attr(a) => {
                let n = crate::types::str::intern(&a);
                crate::protocols::attr::getattr(v, n)
            }
            Access::Index(ix) => {
                let key = if ix.bytes().all(|c| c.is_ascii_digit()) {
                    match ix.parse::<i64>() {
                        Ok(i) => crate::types::int::int_from_i64(i),
                        Err(_) => str_from(&ix),
                    }
                } else {
                    str_from(&ix)
                };
                let r = crate::protocols::item::getitem(v, key);
                decref(key);
                r
            }
        };
        decref(v);
        v = chk(nv)?;
    }
    Ok(v)
}

fn keyerr(k: &str) -> Pending {
    let key = str_from(k);
    raise_key_error(key);
    decref(key);
    Pending
}

fn positional(ctx: &FormatCtx, i: usize) -> R<u64> {
    if i >= ctx.args.len() {
        return Err(raise_index_error_p(format!("Replacement index {} out of range for positional args tuple", i)));
    }
    Ok(newref(ctx.args[i]))
}

fn sm_format(a: &[u64], k: u64) -> u64 {
    let nk = nkw(k);
    let np = a.len() - nk;
    let kwargs = if nk > 0 {
        let d = crate::types::dict::dict_new();
        let names = crate::types::tuple::tuple_items(k);
        for (i, &n) in names.iter().enumerate() {
            let _ = crate::types::dict::dict_set(d, n, a[np + i]);
        }
        d
    } else {
        0
    };
    let mut ctx = FormatCtx { args: &a[1..np], kwargs, auto: None, manual: false };
    let r = format_template_word(a[0], &mut ctx);
    if kwargs != 0 {
        decref(kwargs);
    }
    match r {
        Ok(s) => str_from_string(s),
        Err(_) => ERR,
    }
}

fn sm_format_map(a: &[u64], k: u64) -> u64 {
    ok!(ck("format_map", a, k, 2, 2));
    let mut ctx = FormatCtx { args: &[], kwargs: a[1], auto: None, manual: false };
    match format_template(str_as(a[0]), &mut ctx, 0) {
        Ok(s) => str_from_string(s),
        Err(_) => ERR,
    }
}

// ---- %-formatting ---------------------------------------------------------

/// `fmt % args` for str.
pub fn str_percent(fmt: u64, args: u64) -> u64 {
    match percent_format(str_as(fmt), args, false) {
        Ok(s) => str_from_string(s),
        Err(_) => ERR,
    }
}

/// `bytes % args` / `bytearray % args`: the format runs on latin-1 text
/// (one char per byte) and the result is mapped back to bytes.
pub fn bytes_percent(a: u64, b: u64) -> u64 {
    let d = match crate::types::bytes::bytes_like_data(a) {
        Some(d) => d,
        None => return NOT_IMPLEMENTED,
    };
    let f: String = d.iter().map(|&c| c as char).collect();
    match percent_format(&f, b, true) {
        Ok(s) => {
            let v: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
            crate::types::bytes::same_kind(a, v)
        }
        Err(_) => ERR,
    }
}

fn percent_format(f: &str, args: u64, bytes_mode: bool) -> R<String> {
    let is_mapping = !crate::types::tuple::is_tuple(args)
        && !is_str(args)
        && (crate::types::dict::is_dict(args) || {
            let t = type_of(args);
            // SAFETY: live type.
            unsafe { (*t).slots.getitem.is_some() && crate::types::bytes::bytes_like_data(args).is_none() }
        } && !crate::types::list::is_list(args));
    let items: Vec<u64> = if crate::types::tuple::is_tuple(args) {
        crate::types::tuple::tuple_items(args).to_vec()
    } else {
        vec![args]
    };
    let mut argi = 0usize;
    let mut used_mapping = false;
    // the syntax is ASCII: walk bytes, copy literal runs as slices
    let c = f.as_bytes();
    let mut out = String::with_capacity(f.len() + 16);
    let mut i = 0;
    let next_arg = |argi: &mut usize| -> R<u64> {
        if *argi >= items.len() {
            return Err(raise_type_error_p("not enough arguments for format string".into()));
        }
        *argi += 1;
        Ok(items[*argi - 1])
    };
    while i < c.len() {
        if c[i] != b'%' {
            let run = c[i..].iter().position(|&b| b == b'%').map_or(c.len(), |k| i + k);
            out.push_str(&f[i..run]);
            i = run;
            continue;
        }
        i += 1;
        if i >= c.len() {
            return Err(raise_value_error_p("incomplete format".into()));
        }
        // mapping key
        let mut value: Option<u64> = None;
        let mut owned_value = false;
        if c[i] == b'(' {
            if !is_mapping {
                return Err(raise_type_error_p("format requires a mapping".into()));
            }
            let mut depth = 1;
            let ks = i + 1;
            i += 1;
            while i < c.len() && depth > 0 {
                if c[i] == b'(' {
                    depth += 1;
                } else if c[i] == b')' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(raise_value_error_p("incomplete format key".into()));
            }
            let key: String = f[ks..i - 1].to_string();
            let kw = if bytes_mode {
                crate::types::bytes::bytes_from_vec(key.chars().map(|ch| ch as u32 as u8).collect())
            } else {
                str_from(&key)
            };
            let r = crate::protocols::item::getitem(args, kw);
            decref(kw);
            value = Some(chk(r)?);
            owned_value = true;
            used_mapping = true;
        }
        let mut left = false;
        let mut plus = false;
        let mut space = false;
        let mut alt = false;
        let mut zero = false;
        while i < c.len() {
            match c[i] {
                b'-' => left = true,
                b'+' => plus = true,
                b' ' => space = true,
                b'#' => alt = true,
                b'0' => zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width: usize = 0;
        if i < c.len() && c[i] == b'*' {
            let w = next_arg(&mut argi)?;
            match crate::types::int::as_i64(w) {
                Some(n) => {
                    if n < 0 {
                        left = true;
                    }
                    width = n.unsigned_abs() as usize;
                }
                None => return Err(raise_type_error_p("* wants int".into())),
            }
            i += 1;
        } else {
            while i < c.len() && c[i].is_ascii_digit() {
                width = width * 10 + (c[i] - b'0') as usize;
                i += 1;
            }
        }
        let mut prec: Option<usize> = None;
        if i < c.len() && c[i] == b'.' {
            i += 1;
            if i < c.len() && c[i] == b'*' {
                let w = next_arg(&mut argi)?;
                match crate::types::int::as_i64(w) {
                    Some(n) => prec = Some(n.max(0) as usize),
                    None => return Err(raise_type_error_p("* wants int".into())),
                }
                i += 1;
            } else {
                let mut p = 0;
                while i < c.len() && c[i].is_ascii_digit() {
                    p = p * 10 + (c[i] - b'0') as usize;
                    i += 1;
                }
                prec = Some(p);
            }
        }
        while i < c.len() && matches!(c[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        if i >= c.len() {
            return Err(raise_value_error_p("incomplete format".into()));
        }
        let conv = f[i..].chars().next().unwrap_or('\0');
        i += conv.len_utf8();
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = match value {
            Some(v) => v,
            None => next_arg(&mut argi)?,
        };
        let res = if bytes_mode { percent_bytes_one(conv, v, prec) } else { None }
            .unwrap_or_else(|| percent_one(conv, v, plus, space, alt, prec, &f[..i]));
        if owned_value {
            decref(v);
        }
        let (sign, body) = res?;
        // layout: sign + body padded
        let is_num = matches!(conv, 'd' | 'i' | 'u' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G');
        let len = sign.chars().count() + body.chars().count();
        if len >= width {
            out.push_str(&sign);
            out.push_str(&body);
        } else if left {
            out.push_str(&sign);
            out.push_str(&body);
            out.extend(std::iter::repeat(' ').take(width - len));
        } else if zero && is_num && !(body.ends_with("inf") || body.ends_with("nan") || body.ends_with("INF") || body.ends_with("NAN")) {
            // zero padding goes after the sign and any 0x prefix
            let (pfx, digits) = if alt && (body.starts_with("0x") || body.starts_with("0X") || body.starts_with("0o")) {
                body.split_at(2)
            } else {
                body.split_at(0)
            };
            out.push_str(&sign);
            out.push_str(pfx);
            out.extend(std::iter::repeat('0').take(width - len));
            out.push_str(digits);
        } else {
            out.extend(std::iter::repeat(' ').take(width - len));
            out.push_str(&sign);
            out.push_str(&body);
        }
    }
    if argi < items.len() && !used_mapping && !is_mapping {
        return Err(raise_type_error_p("not all arguments converted during string formatting".into()));
    }
    Ok(out)
}

/// The conversions that differ for bytes formats (None: as for str).
fn percent_bytes_one(conv: char, v: u64, prec: Option<usize>) -> Option<R<(String, String)>> {
    let latin = |d: &[u8]| -> String { d.iter().map(|&c| c as char).collect() };
    let cut = |s: String| -> String {
        match prec {
            Some(p) => s.chars().take(p).collect(),
            None => s,
        }
    };
    match conv {
        's' | 'b' => {
            if let Some(d) = crate::types::bytes::bytes_like_data(v) {
                return Some(Ok((String::new(), cut(latin(d)))));
            }
            match crate::protocols::call::call_special(v, "__bytes__", &[]) {
                Ok(Some(r)) => {
                    let s = latin(crate::types::bytes::bytes_like_data(r).unwrap_or(&[]));
                    decref(r);
                    Some(Ok((String::new(), cut(s))))
                }
                Ok(None) => Some(Err(raise_type_error_p(format!(
                    "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                    tname(v)
                )))),
                Err(e) => Some(Err(e)),
            }
        }
        'r' | 'a' => {
            let r = crate::protocols::repr::molt_ascii(v);
            if r == ERR {
                return Some(Err(Pending));
            }
            let s = str_as(r).to_string();
            decref(r);
            Some(Ok((String::new(), cut(s))))
        }
        'c' => {
            if let Some(d) = crate::types::bytes::bytes_like_data(v) {
                if d.len() == 1 {
                    return Some(Ok((String::new(), latin(d))));
                }
            } else if let Some(i) = crate::types::int::as_i64(v) {
                if (0..256).contains(&i) {
                    return Some(Ok((String::new(), (i as u8 as char).to_string())));
                }
                return Some(Err(raise_overflow_error_p("%c arg not in range(256)".into())));
            }
            Some(Err(raise_type_error_p("%c requires an integer in range(256) or a single byte".into())))
        }
        _ => None,
    }
}

/// One conversion: (sign, body).
#[allow(clippy::too_many_arguments)]
fn percent_one(
    conv: char,
    v: u64,
    plus: bool,
    space: bool,
    alt: bool,
    prec: Option<usize>,
    upto: &str,
) -> R<(String, String)> {
    let signs = |neg: bool| -> String {
        if neg {
            "-".into()
        } else if plus {
            "+".into()
        } else if space {
            " ".into()
        } else {
            String::new()
        }
    };
    match conv {
        's' | 'r' | 'a' => {
            let r = match conv {
                's' => crate::protocols::repr::molt_str(v),
                'r' => crate::protocols::repr::molt_repr(v),
                _ => crate::protocols::repr::molt_ascii(v),
            };
            let r = chk(r)?;
            let s = str_as(r);
            let body: String = match prec {
                Some(p) => s.chars().take(p).collect(),
                None => s.to_string(),
            };
            decref(r);
            Ok((String::new(), body))
        }
        'c' => {
            if is_str(v) {
                let s = str_as(v);
                if s.chars().count() != 1 {
                    return Err(raise_type_error_p("%c requires int or char".into()));
                }
                return Ok((String::new(), s.to_string()));
            }
            if !crate::types::int::is_int_like(v) {
                return Err(raise_type_error_p("%c requires int or char".into()));
            }
            match crate::types::int::as_i64(v).filter(|&i| (0..0x110000).contains(&i)).and_then(|i| std::char::from_u32(i as u32)) {
                Some(ch) => Ok((String::new(), ch.to_string())),
                None => Err(raise_overflow_error_p("%c arg not in range(0x110000)".into())),
            }
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let iv: u64 = if crate::types::int::is_int_like(v) {
                newref(v)
            } else if crate::types::float::is_float_like(v) {
                if matches!(conv, 'o' | 'x' | 'X') {
                    return Err(raise_type_error_p(format!("%{} format: an integer is required, not {}", conv, tname(v))));
                }
                chk(crate::types::int::int_from_float(crate::types::float::fv(v)))?
            } else {
                let t = type_of(v);
                // SAFETY: live type.
                let has = unsafe { (*t).slots.index.is_some() || ((*t).slots.int_.is_some() && matches!(conv, 'd' | 'i' | 'u')) };
                if !has || is_str(v) {
                    let what = if matches!(conv, 'o' | 'x' | 'X') { "an integer" } else { "a real number" };
                    return Err(raise_type_error_p(format!("%{} format: {} is required, not {}", conv, what, tname(v))));
                }
                chk(crate::types::int::int_of(v))?
            };
            let b = crate::types::bigint::big_of(iv).unwrap_or_default();
            decref(iv);
            let radix = match conv {
                'o' => 8,
                'x' | 'X' => 16,
                _ => 10,
            };
            let mut digits = if radix == 10 { crate::types::int::big_to_decimal(&b.abs())? } else { b.mag_to_radix(radix) };
            if conv == 'X' {
                digits = digits.to_uppercase();
            }
            if let Some(p) = prec {
                if digits.len() < p {
                    digits = format!("{}{}", "0".repeat(p - digits.len()), digits);
                }
            }
            let prefix = if alt {
                match conv {
                    'o' => "0o",
                    'x' => "0x",
                    'X' => "0X",
                    _ => "",
                }
            } else {
                ""
            };
            Ok((signs(b.is_neg()), format!("{}{}", prefix, digits)))
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let f = if crate::types::float::is_float_like(v) || crate::types::int::is_int_like(v) {
                crate::types::float::num_to_f64(v)?
            } else {
                let t = type_of(v);
                // SAFETY: live type.
                let has = unsafe { (*t).slots.float_.is_some() || (*t).slots.index.is_some() };
                if !has || is_str(v) {
                    return Err(raise_type_error_p(format!("must be real number, not {}", tname(v))));
                }
                let w = chk(crate::types::float::float_of(v))?;
                let f = crate::types::float::fv(w);
                decref(w);
                f
            };
            let body = crate::types::floatrepr::format_abs(f, conv, Some(prec.unwrap_or(6)), alt);
            Ok((signs(f.is_sign_negative() && !f.is_nan()), body))
        }
        _ => {
            let ch = conv;
            Err(raise_value_error_p(format!(
                "unsupported format character '{}' (0x{:x}) at index {}",
                ch,
                ch as u32,
                upto.chars().count() - 1
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_algorithms() {
        assert_eq!(find_bytes(b"hello", b"ll", 0), Some(2));
        assert_eq!(find_bytes(b"hello", b"", 5), Some(5));
        assert_eq!(find_bytes(b"hello", b"", 6), None);
        assert_eq!(rfind_bytes(b"abab", b"ab"), Some(2));
        assert_eq!(count_bytes(b"aaaa", b"aa"), 2);
        assert_eq!(count_bytes(b"abc", b""), 4);
        assert_eq!(replace_bytes(b"aXbXc", b"X", b"--", 1), b"a--bXc".to_vec());
        assert_eq!(replace_bytes(b"ab", b"", b"-", -1), b"-a-b-".to_vec());
        assert_eq!(split_sep_bytes(b"a,b,,c", b",", -1, false), vec![&b"a"[..], b"b", b"", b"c"]);
        assert_eq!(split_sep_bytes(b"a,b,c", b",", 1, true), vec![&b"a,b"[..], b"c"]);
        let ws = |c: u8| c == b' ';
        assert_eq!(split_whitespace_bytes(b"  a  b c ", 1, false, ws), vec![&b"a"[..], b"b c "]);
        assert_eq!(split_whitespace_bytes(b"  a  b c ", 1, true, ws), vec![&b"  a  b"[..], b"c"]);
        assert_eq!(zfill_bytes(b"-42", 5), b"-0042".to_vec());
        assert_eq!(hex_with_sep(&[1, 2, 3], Some(":"), 2).unwrap(), "01:0203");
        assert_eq!(hex_with_sep(&[1, 2, 3], Some(":"), -2).unwrap(), "0102:03");
    }

    #[test]
    fn unicode_helpers() {
        assert_eq!(py_title("hello wORLD's"), "Hello World'S");
        assert_eq!(py_capitalize("hELLO"), "Hello");
        assert_eq!(py_swapcase("aBc"), "AbC");
        assert_eq!(py_casefold("Straße"), "strasse");
        assert!(py_istitle("Hello World"));
        assert!(!py_istitle("Hello world"));
        assert_eq!(decimal_value('٣'), Some(3));
        assert_eq!(normalize_decimal_digits("١.٥"), "1.5");
        assert!(py_isdigit('²') && !py_isdecimal('²'));
        assert!(py_isnumeric('½') && !py_isdigit('½'));
        assert!(py_isspace('\x1f') && !py_isspace('a'));
        assert_eq!(char_to_byte("aé b", 4, 2), 3);
        // CPython 3.12 tables (unicode_tables.rs)
        assert!(!crate::types::str::is_printable('\u{378}') && !crate::types::str::is_printable('\u{ffff}'));
        assert!(crate::types::str::is_printable('é') && !crate::types::str::is_printable('\u{a0}'));
        assert!(py_isalpha('ª') && !py_isalpha('\u{301}') && !py_isalpha('1'));
        assert_eq!(decimal_value('𝟗'), Some(9));
        assert_eq!(decimal_value('Ⅻ'), None);
        assert!(py_isnumeric('Ⅻ') && py_isnumeric('一') && !py_isdigit('一'));
        assert!(is_titlecase('ǅ') && !py_isupper('ǅ') && py_isupper('Ǆ'));
        assert_eq!(byte_to_char("aé b", 4, 3), 2);
    }
}
