//! types/bytes.rs — `bytes` (immutable) and the methods it shares with
//! `bytearray` (bytearray.rs holds the mutable object and its mutators).
//! Shared methods read `bytes_like_data(self)` and build results of the
//! receiver's kind with `same_kind`.
//! Owner: numbers/strings engineer. API: `bytes_from_vec`, `bytes_from`,
//! `is_bytes`, `bytes_data`, `bytes_like_data`, `bytes_arg_to_vec`,
//! `bytes_repr_text`, `molt_bytes_from`.
//! Neighbours: strmethods.rs (the byte-level search/split algorithms are
//! shared with str), str.rs (`encode` / `decode`).

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::{add_classmethod, add_method, parse_args, NativeFn};
use crate::types::strmethods as sm;
use crate::value::*;

#[repr(C)]
pub struct BytesObject {
    pub header: ObjHeader,
    /// Cached hash, -1 when not computed yet.
    pub hash: i64,
    pub data: Box<[u8]>,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Bytes);
    (*t).basicsize = std::mem::size_of::<BytesObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE;
    (*t).slots.drop = Some(bytes_drop);
    (*t).slots.repr = Some(|v| crate::types::str::str_from_string(bytes_repr_text(bytes_like_data(v).unwrap_or(&[]), "b")));
    (*t).slots.str = None;
    (*t).slots.hash = Some(bytes_hash);
    (*t).slots.richcmp = Some(bytes_richcmp);
    (*t).slots.len = Some(|v| Ok(data_of(v).len()));
    (*t).slots.bool_ = Some(|v| Ok(!data_of(v).is_empty()));
    (*t).slots.getitem = Some(byteslike_getitem);
    (*t).slots.contains = Some(byteslike_contains);
    (*t).slots.new = Some(bytes_new);
    (*t).slots.nb[BinOp::Add as usize] = Some(byteslike_concat);
    (*t).slots.nb[BinOp::Mul as usize] = Some(byteslike_repeat);
    (*t).slots.nb_r[BinOp::Mul as usize] = Some(byteslike_repeat);
    (*t).slots.nb[BinOp::Mod as usize] = Some(|a, b| crate::types::strmethods::bytes_percent(a, b));
}

pub fn init_methods() {
    add_shared_methods(tp(TypeId::Bytes));
    add_classmethod(tp(TypeId::Bytes), "fromhex", |a, k| fromhex_impl(a, k, false));
    add_method(tp(TypeId::Bytes), "__getnewargs__", |a, _| {
        let b = bytes_from(data_of(a[0]));
        crate::types::tuple::tuple_new(vec![b])
    });
    add_classmethod(tp(TypeId::Bytes), "maketrans", bytes_maketrans);
}

unsafe fn bytes_drop(p: *mut ObjHeader) {
    std::ptr::drop_in_place(&mut (*(p as *mut BytesObject)).data);
}

#[inline]
pub fn is_bytes(v: u64) -> bool {
    has_layout(v, TypeId::Bytes)
}

/// A new bytes object (new reference).
pub fn bytes_from_vec(v: Vec<u8>) -> u64 {
    // SAFETY: the bytes type is initialised.
    unsafe {
        from_ptr(new_object(tp(TypeId::Bytes), BytesObject { header: header0(), hash: -1, data: v.into_boxed_slice() }))
    }
}

pub fn bytes_from(d: &[u8]) -> u64 {
    bytes_from_vec(d.to_vec())
}

/// The contents of a bytes object.
#[inline]
pub fn bytes_data(v: u64) -> &'static [u8] {
    // SAFETY: caller passes a bytes object; objects do not move.
    unsafe { &(*as_obj::<BytesObject>(v)).data }
}

/// The contents of a bytes or bytearray (None for other objects).
pub fn bytes_like_data(v: u64) -> Option<&'static [u8]> {
    if is_bytes(v) {
        Some(bytes_data(v))
    } else if crate::types::bytearray::is_bytearray(v) {
        Some(crate::types::bytearray::bytearray_vec(v).as_slice())
    } else if crate::types::memoryview::is_memoryview(v) {
        crate::types::memoryview::mv_data(v)
    } else {
        None
    }
}

/// Contents of a value known to be bytes-like.
#[inline]
fn data_of(v: u64) -> &'static [u8] {
    bytes_like_data(v).unwrap_or(&[])
}

/// A result of the same kind as `like` (bytes or bytearray).
pub fn same_kind(like: u64, v: Vec<u8>) -> u64 {
    if crate::types::bytearray::is_bytearray(like) {
        crate::types::bytearray::bytearray_from_vec(v)
    } else {
        bytes_from_vec(v)
    }
}

/// Bytes constants of compiled code (immortal).
#[no_mangle]
pub unsafe extern "C" fn molt_bytes_from(p: *const u8, len: usize) -> u64 {
    let d = if len == 0 { &[][..] } else { std::slice::from_raw_parts(p, len) };
    let v = bytes_from(d);
    make_immortal(v);
    v
}

/// `repr(bytes)` text: b'...' with CPython's quote choice and escapes.
pub fn bytes_repr_text(d: &[u8], prefix: &str) -> String {
    let q = if d.contains(&b'\'') && !d.contains(&b'"') { '"' } else { '\'' };
    let mut s = String::with_capacity(d.len() + 3);
    s.push_str(prefix);
    s.push(q);
    for &c in d {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            c if c as char == q => {
                s.push('\\');
                s.push(q);
            }
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{:02x}", c)),
        }
    }
    s.push(q);
    s
}

unsafe fn bytes_hash(v: u64) -> R<i64> {
    let o = as_obj::<BytesObject>(v);
    if (*o).hash == -1 {
        (*o).hash = crate::types::str::hash_bytes(&(*o).data);
    }
    Ok((*o).hash)
}

pub unsafe fn byteslike_richcmp_impl(a: u64, b: u64, op: CmpOp) -> u64 {
    let y = match bytes_like_data(b) {
        Some(y) => y,
        None => return NOT_IMPLEMENTED,
    };
    box_bool(op.test(data_of(a).cmp(y)))
}

unsafe fn bytes_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    byteslike_richcmp_impl(a, b, op)
}

/// `b[i]` -> int, `b[i:j:k]` -> same kind.
pub unsafe fn byteslike_getitem(v: u64, key: u64) -> u64 {
    let d = data_of(v);
    if crate::types::slice::is_slice(key) {
        let s = ok!(crate::protocols::sequence::slice_indices(key, d.len()));
        let out: Vec<u8> = if s.step == 1 {
            d[s.start as usize..s.start as usize + s.len].to_vec()
        } else {
            crate::protocols::sequence::slice_positions(s).map(|i| d[i]).collect()
        };
        return same_kind(v, out);
    }
    match ok!(crate::protocols::sequence::item_index(key)) {
        Some(i) => match crate::protocols::sequence::norm_index(i, d.len()) {
            Some(j) => small_int(d[j] as i64),
            None => raise_index_error(index_error_text(v).into()),
        },
        None => raise_type_error(format!("{} indices must be integers or slices, not {}", kind_name(v), tname(key))),
    }
}

fn kind_name(v: u64) -> &'static str {
    if crate::types::bytearray::is_bytearray(v) {
        "bytearray"
    } else {
        "byte"
    }
}

fn index_error_text(v: u64) -> &'static str {
    if crate::types::bytearray::is_bytearray(v) {
        "bytearray index out of range"
    } else {
        "index out of range"
    }
}

pub unsafe fn byteslike_contains(v: u64, x: u64) -> R<bool> {
    let d = data_of(v);
    if let Some(n) = bytes_like_data(x) {
        return Ok(sm::find_bytes(d, n, 0).is_some());
    }
    match crate::protocols::sequence::as_index(x)? {
        Some((i, _)) => {
            if !(0..256).contains(&i) {
                return Err(raise_value_error_p("byte must be in range(0, 256)".into()));
            }
            Ok(d.contains(&(i as u8)))
        }
        None => Err(raise_type_error_p(format!("a bytes-like object is required, not '{}'", tname(x)))),
    }
}

pub unsafe fn byteslike_concat(a: u64, b: u64) -> u64 {
    let (x, y) = match (bytes_like_data(a), bytes_like_data(b)) {
        (Some(x), Some(y)) => (x, y),
        (Some(_), None) => return raise_type_error(format!("can't concat {} to {}", tname(b), tname(a))),
        _ => return NOT_IMPLEMENTED,
    };
    let mut v = Vec::with_capacity(x.len() + y.len());
    v.extend_from_slice(x);
    v.extend_from_slice(y);
    same_kind(a, v)
}

pub unsafe fn byteslike_repeat(a: u64, n: u64) -> u64 {
    let (seq, cnt) = if bytes_like_data(a).is_some() { (a, n) } else { (n, a) };
    let d = match bytes_like_data(seq) {
        Some(d) => d,
        None => return NOT_IMPLEMENTED,
    };
    let k = match ok!(crate::protocols::sequence::as_index(cnt)) {
        Some((k, _)) => k,
        None => return NOT_IMPLEMENTED,
    };
    let k = k.max(0) as usize;
    if k > 0 && d.len().saturating_mul(k) > isize::MAX as usize / 2 {
        return raise_noarg(Exc::MemoryError);
    }
    same_kind(seq, d.repeat(k))
}

/// The bytes of an argument for `bytes(x)`, `int.from_bytes`, `join`
/// items: bytes-like, or an iterable of ints in range(256).
pub fn bytes_arg_to_vec(v: u64) -> R<Vec<u8>> {
    if let Some(d) = bytes_like_data(v) {
        return Ok(d.to_vec());
    }
    if crate::types::str::is_str(v) {
        return Err(raise_type_error_p("cannot convert 'str' object to bytes".into()));
    }
    let mut out = Vec::new();
    let it = crate::protocols::iter::iter(v);
    if it == ERR {
        return Err(Pending);
    }
    loop {
        let x = crate::protocols::iter::next(it);
        if x == ERR {
            decref(it);
            return Err(Pending);
        }
        if x == UNBOUND {
            break;
        }
        let r = crate::protocols::sequence::as_index(x);
        let tn = tname(x);
        decref(x);
        match r {
            Ok(Some((i, _))) if (0..256).contains(&i) => out.push(i as u8),
            Ok(Some(_)) => {
                decref(it);
                return Err(raise_value_error_p("bytes must be in range(0, 256)".into()));
            }
            Ok(None) => {
                decref(it);
                return Err(raise_type_error_p(format!("'{}' object cannot be interpreted as an integer", tn)));
            }
            Err(e) => {
                decref(it);
                return Err(e);
            }
        }
    }
    decref(it);
    Ok(out)
}

/// The contents for `bytes(...)` / `bytearray(...)` constructor arguments.
pub fn constructor_data(name: &str, args: &[u64], kw: u64) -> R<Vec<u8>> {
    let a = parse_args(name, args, kw, &["source", "encoding", "errors"], 3)?;
    if a[0] == UNBOUND {
        if a[1] != UNBOUND || a[2] != UNBOUND {
            return Err(raise_type_error_p(if a[1] != UNBOUND {
                "encoding without a string argument".into()
            } else {
                "errors without a string argument".into()
            }));
        }
        return Ok(Vec::new());
    }
    let x = a[0];
    if crate::types::str::is_str(x) {
        if a[1] == UNBOUND {
            return Err(raise_type_error_p("string argument without an encoding".into()));
        }
        let enc = str_arg(a[1], name, "encoding")?;
        let errors = if a[2] == UNBOUND { "strict".to_string() } else { str_arg(a[2], name, "errors")? };
        return sm::encode_text(crate::types::str::str_as(x), &enc, &errors);
    }
    if a[1] != UNBOUND {
        return Err(raise_type_error_p("encoding without a string argument".into()));
    }
    if a[2] != UNBOUND {
        return Err(raise_type_error_p("errors without a string argument".into()));
    }
    if crate::types::int::is_int_like(x) {
        let n = match crate::types::int::as_i64(x) {
            Some(n) => n,
            None => return Err(raise_overflow_error_p("cannot fit 'int' into an index-sized integer".into())),
        };
        if n < 0 {
            return Err(raise_value_error_p("negative count".into()));
        }
        return Ok(vec![0u8; n as usize]);
    }
    if bytes_like_data(x).is_none() && !crate::types::str::is_str(x) {
        // objects with __index__ count as sizes; other non-iterables error
        if let Ok(Some((n, _))) = crate::protocols::sequence::as_index(x) {
            if n < 0 {
                return Err(raise_value_error_p("negative count".into()));
            }
            return Ok(vec![0u8; n as usize]);
        }
        clear_if_pending();
        let t = type_of(x);
        // SAFETY: live type.
        let iterable = unsafe { (*t).slots.iter.is_some() || (*t).slots.getitem.is_some() };
        if !iterable {
            return Err(raise_type_error_p(format!("cannot convert '{}' object to {}", tname(x), name)));
        }
    }
    bytes_arg_to_vec(x)
}

fn clear_if_pending() {
    if is_pending() {
        clear_pending();
    }
}

fn str_arg(v: u64, fname: &str, what: &str) -> R<String> {
    if crate::types::str::is_str(v) {
        Ok(crate::types::str::str_as(v).to_string())
    } else {
        Err(raise_type_error_p(format!("{}() argument '{}' must be str, not {}", fname, what, tname(v))))
    }
}

unsafe fn bytes_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    // bytes(x) with __bytes__
    if args.len() == 1 && kw == 0 && !is_bytes(args[0]) && !crate::types::str::is_str(args[0]) {
        match crate::protocols::call::call_special(args[0], "__bytes__", &[]) {
            Ok(Some(r)) => {
                if !is_bytes(r) {
                    let n = tname(r);
                    decref(r);
                    return raise_type_error(format!("__bytes__ returned non-bytes (type {})", n));
                }
                return r;
            }
            Ok(None) => {}
            Err(_) => return ERR,
        }
    }
    let v = ok!(constructor_data("bytes", args, kw));
    if t == tp(TypeId::Bytes) {
        return bytes_from_vec(v);
    }
    from_ptr(new_object(t, BytesObject { header: header0(), hash: -1, data: v.into_boxed_slice() }))
}

// ---- shared methods (bytes and bytearray) ---------------------------------

/// A byte-string argument (bytes-like) or TypeError.
fn bytes_arg(v: u64) -> R<&'static [u8]> {
    match bytes_like_data(v) {
        Some(d) => Ok(d),
        None => Err(raise_type_error_p(format!("a bytes-like object is required, not '{}'", tname(v)))),
    }
}

/// Optional `chars`-style argument (None / absent -> None).
fn opt_bytes_arg(a: &[u64], i: usize) -> R<Option<&'static [u8]>> {
    if a.len() <= i || a[i] == NONE || a[i] == UNBOUND {
        return Ok(None);
    }
    bytes_arg(a[i]).map(Some)
}

/// Either a bytes-like or an int in range(256) (find/count/index args).
fn sub_arg(v: u64) -> R<Vec<u8>> {
    if let Some(d) = bytes_like_data(v) {
        return Ok(d.to_vec());
    }
    match crate::protocols::sequence::as_index(v)? {
        Some((i, _)) if (0..256).contains(&i) => Ok(vec![i as u8]),
        Some(_) => Err(raise_value_error_p("byte must be in range(0, 256)".into())),
        None => Err(raise_type_error_p(format!(
            "argument should be integer or bytes-like object, not '{}'",
            tname(v)
        ))),
    }
}

fn list_of_kind(like: u64, parts: Vec<Vec<u8>>) -> u64 {
    let items: Vec<u64> = parts.into_iter().map(|p| same_kind(like, p)).collect();
    crate::types::list::list_new(items)
}

/// (start, end) byte range from optional slice-like args at a[i], a[i+1].
fn range_args(a: &[u64], i: usize, len: usize) -> R<(usize, usize, bool)> {
    sm::slice_range_args(a, i, len)
}

/// Register the methods bytes and bytearray share on type `t`.
pub fn add_shared_methods_pub(t: *mut TypeObject) {
    add_shared_methods(t)
}

fn add_shared_methods(t: *mut TypeObject) {
    let m: &[(&'static str, NativeFn)] = &[
        ("decode", bm_decode),
        ("hex", bm_hex),
        ("split", |a, k| bm_split(a, k, false)),
        ("rsplit", |a, k| bm_split(a, k, true)),
        ("join", bm_join),
        ("strip", |a, k| bm_strip(a, k, 3, "strip")),
        ("lstrip", |a, k| bm_strip(a, k, 1, "lstrip")),
        ("rstrip", |a, k| bm_strip(a, k, 2, "rstrip")),
        ("replace", bm_replace),
        ("find", |a, k| bm_find(a, k, "find", false, false)),
        ("rfind", |a, k| bm_find(a, k, "rfind", true, false)),
        ("index", |a, k| bm_find(a, k, "index", false, true)),
        ("rindex", |a, k| bm_find(a, k, "rindex", true, true)),
        ("count", bm_count),
        ("startswith", |a, k| bm_startsends(a, k, "startswith", false)),
        ("endswith", |a, k| bm_startsends(a, k, "endswith", true)),
        ("upper", |a, _| same_kind(a[0], data_of(a[0]).to_ascii_uppercase())),
        ("lower", |a, _| same_kind(a[0], data_of(a[0]).to_ascii_lowercase())),
        ("swapcase", |a, _| {
            same_kind(
                a[0],
                data_of(a[0])
                    .iter()
                    .map(|&c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                    .collect(),
            )
        }),
        ("capitalize", |a, _| {
            let d = data_of(a[0]);
            let mut v: Vec<u8> = d.to_ascii_lowercase();
            if let Some(c) = v.first_mut() {
                *c = c.to_ascii_uppercase();
            }
            same_kind(a[0], v)
        }),
        ("title", |a, _| same_kind(a[0], sm::ascii_title(data_of(a[0])))),
        ("isdigit", |a, _| pred(a[0], |c| c.is_ascii_digit())),
        ("isalpha", |a, _| pred(a[0], |c| c.is_ascii_alphabetic())),
        ("isalnum", |a, _| pred(a[0], |c| c.is_ascii_alphanumeric())),
        ("isspace", |a, _| pred(a[0], |c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))),
        ("isascii", |a, _| box_bool(data_of(a[0]).is_ascii())),
        ("isupper", |a, _| {
            let d = data_of(a[0]);
            box_bool(d.iter().any(|c| c.is_ascii_uppercase()) && !d.iter().any(|c| c.is_ascii_lowercase()))
        }),
        ("islower", |a, _| {
            let d = data_of(a[0]);
            box_bool(d.iter().any(|c| c.is_ascii_lowercase()) && !d.iter().any(|c| c.is_ascii_uppercase()))
        }),
        ("istitle", |a, _| box_bool(sm::ascii_istitle(data_of(a[0])))),
        ("partition", |a, k| bm_partition(a, k, false)),
        ("rpartition", |a, k| bm_partition(a, k, true)),
        ("splitlines", bm_splitlines),
        ("center", |a, k| bm_pad(a, k, "center", 0)),
        ("ljust", |a, k| bm_pad(a, k, "ljust", 1)),
        ("rjust", |a, k| bm_pad(a, k, "rjust", 2)),
        ("zfill", bm_zfill),
        ("removeprefix", |a, k| {
            ok!(crate::types::strmethods::ck("removeprefix", a, k, 2, 2));
            let d = data_of(a[0]);
            let p = ok!(bytes_arg(a[1]));
            same_kind(a[0], if d.starts_with(p) { d[p.len()..].to_vec() } else { d.to_vec() })
        }),
        ("removesuffix", |a, k| {
            ok!(crate::types::strmethods::ck("removesuffix", a, k, 2, 2));
            let d = data_of(a[0]);
            let p = ok!(bytes_arg(a[1]));
            same_kind(a[0], if !p.is_empty() && d.ends_with(p) { d[..d.len() - p.len()].to_vec() } else { d.to_vec() })
        }),
        ("expandtabs", bm_expandtabs),
        ("translate", bm_translate),
        ("__bytes__", |a, _| bytes_from(data_of(a[0]))),
    ];
    for &(name, f) in m {
        add_method(t, name, f);
    }
}

fn pred(v: u64, f: fn(&u8) -> bool) -> u64 {
    let d = data_of(v);
    box_bool(!d.is_empty() && d.iter().all(f))
}

fn bm_decode(a: &[u64], k: u64) -> u64 {
    let p = ok!(crate::types::strmethods::pargs("decode", a, k, &["self", "encoding", "errors"], 3));
    let enc = if p[1] == UNBOUND { "utf-8".to_string() } else { ok!(str_arg(p[1], "decode", "encoding")) };
    let errors = if p[2] == UNBOUND { "strict".to_string() } else { ok!(str_arg(p[2], "decode", "errors")) };
    match sm::decode_bytes(data_of(p[0]), &enc, &errors) {
        Ok(s) => crate::types::str::str_from_string(s),
        Err(_) => ERR,
    }
}

fn bm_hex(a: &[u64], k: u64) -> u64 {
    let p = ok!(crate::types::strmethods::pargs("hex", a, k, &["self", "sep", "bytes_per_sep"], 3));
    let d = data_of(p[0]);
    let sep: Option<String> = if p[1] == UNBOUND {
        None
    } else if crate::types::str::is_str(p[1]) {
        Some(crate::types::str::str_as(p[1]).to_string())
    } else if let Some(b) = bytes_like_data(p[1]) {
        Some(String::from_utf8_lossy(b).into_owned())
    } else {
        return raise_type_error(format!("sep must be str or bytes."));
    };
    let per = if p[2] == UNBOUND { 1 } else { ok!(crate::protocols::number::index_i64(p[2])) };
    crate::types::str::str_from_string(ok!(sm::hex_with_sep(d, sep.as_deref(), per)))
}

pub fn fromhex_impl(a: &[u64], k: u64, bytearray: bool) -> u64 {
    ok!(crate::types::strmethods::ck("fromhex", a, k, 2, 2));
    if !crate::types::str::is_str(a[1]) {
        return raise_type_error(format!("fromhex() argument must be str, not {}", tname(a[1])));
    }
    let s = crate::types::str::str_as(a[1]);
    let mut out = Vec::new();
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = c[i].to_digit(16);
        let lo = if i + 1 < c.len() { c[i + 1].to_digit(16) } else { None };
        match (hi, lo) {
            (Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 2;
            }
            (Some(_), None) if i + 1 >= c.len() || !c[i + 1].is_ascii_hexdigit() => {
                let pos = if i + 1 >= c.len() { i + 1 } else { i + 1 };
                let _ = pos;
                return raise_value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    if i + 1 >= c.len() { i + 1 } else { i + 1 }
                ));
            }
            _ => {
                return raise_value_error(format!("non-hexadecimal number found in fromhex() arg at position {}", i));
            }
        }
    }
    let r = if bytearray { crate::types::bytearray::bytearray_from_vec(out) } else { bytes_from_vec(out) };
    let cls = a[0];
    let base = if bytearray { TypeId::ByteArray } else { TypeId::Bytes };
    if is_type(cls) && as_type(cls) != tp(base) {
        let x = crate::protocols::call::call_function(cls, &[r], 0);
        decref(r);
        return x;
    }
    r
}

fn bm_split(a: &[u64], k: u64, right: bool) -> u64 {
    let name = if right { "rsplit" } else { "split" };
    let p = ok!(crate::types::strmethods::pargs(name, a, k, &["self", "sep", "maxsplit"], 3));
    let d = data_of(p[0]);
    let maxsplit = if p[2] == UNBOUND { -1 } else { ok!(crate::protocols::number::index_i64(p[2])) };
    let parts = if p[1] == UNBOUND || p[1] == NONE {
        sm::split_whitespace_bytes(d, maxsplit, right, |c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))
    } else {
        let sep = ok!(bytes_arg(p[1]));
        if sep.is_empty() {
            return raise_value_error("empty separator".into());
        }
        sm::split_sep_bytes(d, sep, maxsplit, right)
    };
    list_of_kind(p[0], parts.into_iter().map(|x| x.to_vec()).collect())
}

fn bm_join(a: &[u64], k: u64) -> u64 {
    ok!(crate::types::strmethods::ck("join", a, k, 2, 2));
    let sep = data_of(a[0]);
    let items = ok!(crate::protocols::sequence::collect(a[1]));
    let mut out = Vec::new();
    for (i, &x) in items.iter().enumerate() {
        let d = match bytes_like_data(x) {
            Some(d) => d,
            None => {
                let msg = format!("sequence item {}: expected a bytes-like object, {} found", i, tname(x));
                crate::protocols::sequence::decref_all(items);
                return raise_type_error(msg);
            }
        };
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(d);
    }
    crate::protocols::sequence::decref_all(items);
    same_kind(a[0], out)
}

fn bm_strip(a: &[u64], k: u64, which: u8, name: &str) -> u64 {
    ok!(crate::types::strmethods::ck(name, a, k, 1, 2));
    let d = data_of(a[0]);
    let chars = ok!(opt_bytes_arg(a, 1));
    let is_strip = |c: &u8| match chars {
        Some(cs) => cs.contains(c),
        None => matches!(*c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'),
    };
    let mut s = 0;
    let mut e = d.len();
    if which & 1 != 0 {
        while s < e && is_strip(&d[s]) {
            s += 1;
        }
    }
    if which & 2 != 0 {
        while e > s && is_strip(&d[e - 1]) {
            e -= 1;
        }
    }
    same_kind(a[0], d[s..e].to_vec())
}

fn bm_replace(a: &[u64], k: u64) -> u64 {
    if a.len() - crate::types::builtin_func::nkw(k) > 4 {
        return raise_type_error(format!(
            "replace expected at most 3 arguments, got {}",
            a.len() - 1 - crate::types::builtin_func::nkw(k)
        ));
    }
    let p = ok!(parse_args("replace", a, k, &["self", "old", "new", "count"], 4));
    if p[1] == UNBOUND || p[2] == UNBOUND {
        return raise_type_error(format!("replace expected at least 2 arguments, got {}", a.len() - 1));
    }
    let old = ok!(bytes_arg(p[1]));
    let new = ok!(bytes_arg(p[2]));
    let count = if p[3] == UNBOUND { -1 } else { ok!(crate::protocols::number::index_i64(p[3])) };
    same_kind(p[0], sm::replace_bytes(data_of(p[0]), old, new, count))
}

fn bm_find(a: &[u64], k: u64, name: &str, right: bool, raise: bool) -> u64 {
    ok!(crate::types::strmethods::ck(name, a, k, 2, 4));
    let d = data_of(a[0]);
    let sub = ok!(sub_arg(a[1]));
    let (s, e, valid) = ok!(range_args(a, 2, d.len()));
    let r = if !valid {
        None
    } else {
        let hay = &d[s..e];
        let f = if right { sm::rfind_bytes(hay, &sub) } else { sm::find_bytes(hay, &sub, 0) };
        f.map(|i| i + s)
    };
    match r {
        Some(i) => small_int(i as i64),
        None if raise => raise_value_error("subsection not found".into()),
        None => small_int(-1),
    }
}

fn bm_count(a: &[u64], k: u64) -> u64 {
    ok!(crate::types::strmethods::ck("count", a, k, 2, 4));
    let d = data_of(a[0]);
    let sub = ok!(sub_arg(a[1]));
    let (s, e, valid) = ok!(range_args(a, 2, d.len()));
    if !valid {
        return small_int(0);
    }
    small_int(sm::count_bytes(&d[s..e], &sub) as i64)
}

fn bm_startsends(a: &[u64], k: u64, name: &str, ends: bool) -> u64 {
    ok!(crate::types::strmethods::ck(name, a, k, 2, 4));
    let d = data_of(a[0]);
    let (s, e, valid) = ok!(range_args(a, 2, d.len()));
    let test = |x: &[u8]| -> bool {
        if !valid {
            return false;
        }
        let hay = &d[s..e];
        if ends {
            hay.ends_with(x)
        } else {
            hay.starts_with(x)
        }
    };
    if crate::types::tuple::is_tuple(a[1]) {
        for &x in crate::types::tuple::tuple_items(a[1]) {
            let xd = match bytes_like_data(x) {
                Some(d) => d,
                None => {
                    return raise_type_error(format!("a bytes-like object is required, not '{}'", tname(x)));
                }
            };
            if test(xd) {
                return TRUE;
            }
        }
        return FALSE;
    }
    match bytes_like_data(a[1]) {
        Some(x) => box_bool(test(x)),
        None => raise_type_error(format!(
            "{} first arg must be bytes or a tuple of bytes, not {}",
            name,
            tname(a[1])
        )),
    }
}

fn bm_partition(a: &[u64], k: u64, right: bool) -> u64 {
    ok!(crate::types::strmethods::ck(if right { "rpartition" } else { "partition" }, a, k, 2, 2));
    let d = data_of(a[0]);
    let sep = ok!(bytes_arg(a[1]));
    if sep.is_empty() {
        return raise_value_error("empty separator".into());
    }
    let pos = if right { sm::rfind_bytes(d, sep) } else { sm::find_bytes(d, sep, 0) };
    let (x, y, z) = match pos {
        Some(i) => (d[..i].to_vec(), sep.to_vec(), d[i + sep.len()..].to_vec()),
        None if right => (Vec::new(), Vec::new(), d.to_vec()),
        None => (d.to_vec(), Vec::new(), Vec::new()),
    };
    crate::types::tuple::tuple_new(vec![same_kind(a[0], x), same_kind(a[0], y), same_kind(a[0], z)])
}

fn bm_splitlines(a: &[u64], k: u64) -> u64 {
    let p = ok!(crate::types::strmethods::pargs("splitlines", a, k, &["self", "keepends"], 2));
    let keep = if p[1] == UNBOUND { false } else { ok!(crate::protocols::truth::truthy(p[1])) };
    let d = data_of(p[0]);
    let mut parts = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < d.len() {
        let c = d[i];
        if c == b'\n' || c == b'\r' {
            let mut end = i + 1;
            if c == b'\r' && end < d.len() && d[end] == b'\n' {
                end += 1;
            }
            parts.push(d[start..if keep { end } else { i }].to_vec());
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < d.len() {
        parts.push(d[start..].to_vec());
    }
    list_of_kind(p[0], parts)
}

fn bm_pad(a: &[u64], k: u64, name: &str, mode: u8) -> u64 {
    ok!(crate::types::strmethods::ck(name, a, k, 2, 3));
    let d = data_of(a[0]);
    let w = ok!(crate::protocols::number::index_i64(a[1]));
    let fill = if a.len() > 2 {
        match bytes_like_data(a[2]) {
            Some(f) if f.len() == 1 => f[0],
            _ => {
                return raise_type_error(format!(
                    "{}() argument 2 must be a byte string of length 1, not {}",
                    name,
                    tname(a[2])
                ))
            }
        }
    } else {
        b' '
    };
    if w <= d.len() as i64 {
        return same_kind(a[0], d.to_vec());
    }
    let total = w as usize - d.len();
    let (l, r) = match mode {
        0 => {
            let l = total / 2 + (total & w as usize & 1);
            (l, total - l)
        }
        1 => (0, total),
        _ => (total, 0),
    };
    let mut v = vec![fill; l];
    v.extend_from_slice(d);
    v.extend(std::iter::repeat(fill).take(r));
    same_kind(a[0], v)
}

fn bm_zfill(a: &[u64], k: u64) -> u64 {
    ok!(crate::types::strmethods::ck("zfill", a, k, 2, 2));
    let d = data_of(a[0]);
    let w = ok!(crate::protocols::number::index_i64(a[1]));
    same_kind(a[0], sm::zfill_bytes(d, w))
}

fn bm_expandtabs(a: &[u64], k: u64) -> u64 {
    let p = ok!(crate::types::strmethods::pargs("expandtabs", a, k, &["self", "tabsize"], 2));
    let ts = if p[1] == UNBOUND { 8 } else { ok!(crate::protocols::number::index_i64(p[1])) };
    let d = data_of(p[0]);
    let mut out = Vec::new();
    let mut col: i64 = 0;
    for &c in d {
        if c == b'\t' {
            if ts > 0 {
                let n = ts - col % ts;
                out.extend(std::iter::repeat(b' ').take(n as usize));
                col += n;
            }
        } else {
            out.push(c);
            col = if c == b'\n' || c == b'\r' { 0 } else { col + 1 };
        }
    }
    same_kind(p[0], out)
}

fn bm_translate(a: &[u64], k: u64) -> u64 {
    let p = ok!(crate::types::strmethods::pargs("translate", a, k, &["self", "table", "delete"], 3));
    let d = data_of(p[0]);
    let table: Option<&[u8]> = if p[1] == NONE || p[1] == UNBOUND {
        None
    } else {
        match bytes_like_data(p[1]) {
            Some(t) if t.len() == 256 => Some(t),
            Some(_) => return raise_value_error("translation table must be 256 characters long".into()),
            None => return raise_type_error(format!("a bytes-like object is required, not '{}'", tname(p[1]))),
        }
    };
    let del: &[u8] = if p[2] == UNBOUND { &[] } else { ok!(bytes_arg(p[2])) };
    let out: Vec<u8> =
        d.iter().filter(|c| !del.contains(c)).map(|&c| table.map_or(c, |t| t[c as usize])).collect();
    same_kind(p[0], out)
}

fn bytes_maketrans(a: &[u64], k: u64) -> u64 {
    ok!(crate::types::strmethods::ck("maketrans", a, k, 3, 3));
    let x = ok!(bytes_arg(a[1]));
    let y = ok!(bytes_arg(a[2]));
    if x.len() != y.len() {
        return raise_value_error("maketrans arguments must have same length".into());
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (i, &c) in x.iter().enumerate() {
        t[c as usize] = y[i];
    }
    bytes_from_vec(t)
}
