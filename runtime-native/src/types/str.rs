//! types/str.rs — `str`: immutable Unicode text stored as UTF-8.
//! Owner: numbers/strings engineer (methods, formatting live here and in
//! format.rs). Core API used everywhere: `str_from`, `str_as`, `intern`,
//! `is_str`, `str_hash`, `str_eq`.
//! Neighbours: protocols/hash.rs (hashing), types/format.rs.

use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

/// The text is `len` UTF-8 bytes at `ptr`. Text of up to `INLINE` bytes
/// lives in the object itself (`inline`, `cap` 0: no buffer), next to the
/// header, hash and length that a dict probe reads, and costs no separate
/// allocation. Longer text is the start of a buffer of `cap` bytes
/// allocated as a `Vec<u8>`. The buffer belongs to this object alone when
/// `shared` is null; otherwise several strs share it through a counted
/// `SharedBuf`: concatenation appends into the spare capacity of a buffer
/// whose high-water mark is its left operand's end (`str_concat`), so
/// `s += piece` in a loop is amortised linear, as CPython's in-place resize
/// makes it. Bytes below a str's `len` never change once written.
#[repr(C)]
pub struct StrObject {
    pub header: ObjHeader,
    /// Cached hash, -1 when not computed yet.
    pub hash: i64,
    len: usize,
    ptr: *mut u8,
    inline: [u8; INLINE],
    /// Number of code points (== len when ASCII).
    pub nchars: usize,
    cap: usize,
    shared: *mut SharedBuf,
    /// Non-ASCII strings: byte offset of every `CHAR_BLOCK`-th code point,
    /// built on the first index operation (null until then; a `Box`).
    blocks: *mut Vec<u32>,
}

/// Text of at most this many bytes is stored in the str object.
pub const INLINE: usize = 24;

/// Owner count and high-water mark of a str buffer shared by several strs.
struct SharedBuf {
    refs: usize,
    /// Bytes of the buffer in use (the longest sharing str's length).
    used: usize,
}

fn str_struct(nchars: usize, ptr: *mut u8, len: usize, cap: usize, shared: *mut SharedBuf) -> StrObject {
    StrObject {
        header: header0(),
        hash: -1,
        len,
        ptr,
        inline: [0; INLINE],
        nchars,
        cap,
        shared,
        blocks: std::ptr::null_mut(),
    }
}

/// A str object for type `t` whose text, the concatenation of `parts`
/// (at most INLINE bytes of UTF-8 in all), is stored inline.
unsafe fn new_inline_str(t: *mut TypeObject, parts: &[&[u8]], nchars: usize) -> u64 {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    debug_assert!(len <= INLINE);
    let o = new_object(t, str_struct(nchars, std::ptr::null_mut(), len, 0, std::ptr::null_mut()));
    let base = std::ptr::addr_of_mut!((*o).inline) as *mut u8;
    let mut at = 0;
    for p in parts {
        std::ptr::copy_nonoverlapping(p.as_ptr(), base.add(at), p.len());
        at += p.len();
    }
    (*o).ptr = base;
    from_ptr(o)
}

/// A str object for type `t` with text `s` (new reference): inline when
/// short, else in `s`'s buffer.
unsafe fn new_str_object(t: *mut TypeObject, s: String, nchars: usize) -> u64 {
    if s.len() <= INLINE {
        return new_inline_str(t, &[s.as_bytes()], nchars);
    }
    let mut s = std::mem::ManuallyDrop::new(s.into_bytes());
    let (ptr, len, cap) = (s.as_mut_ptr(), s.len(), s.capacity());
    from_ptr(new_object(t, str_struct(nchars, ptr, len, cap, std::ptr::null_mut())))
}

/// A str object for type `t` with a copy of `s` (new reference).
unsafe fn new_str_copy(t: *mut TypeObject, s: &str, nchars: usize) -> u64 {
    if s.len() <= INLINE {
        return new_inline_str(t, &[s.as_bytes()], nchars);
    }
    new_str_object(t, s.to_string(), nchars)
}

/// Code points in `s`.
#[inline]
fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Code points per entry of `StrObject::blocks`.
pub const CHAR_BLOCK: usize = 32;

pub unsafe fn init_slots() {
    let t = tp(TypeId::Str);
    (*t).basicsize = std::mem::size_of::<StrObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE;
    (*t).slots.drop = Some(str_drop);
    (*t).slots.hash = Some(str_hash_slot);
    (*t).slots.repr = Some(str_repr_slot);
    (*t).slots.str = Some(str_str_slot);
    (*t).slots.richcmp = Some(str_richcmp);
    (*t).slots.len = Some(str_len_slot);
    (*t).slots.bool_ = Some(str_bool_slot);
    (*t).slots.nb[BinOp::Add as usize] = Some(str_add);
    (*t).slots.nb_i[BinOp::Add as usize] = Some(str_iadd);
    (*t).slots.nb[BinOp::Mul as usize] = Some(str_mul);
    (*t).slots.nb_r[BinOp::Mul as usize] = Some(str_mul);
    (*t).slots.nb[BinOp::Mod as usize] = Some(str_mod);
    (*t).slots.getitem = Some(str_getitem);
    (*t).slots.contains = Some(str_contains);
    (*t).slots.new = Some(str_new);
    (*t).slots.iter = Some(str_iter);
    let it = tp(TypeId::StrIterator);
    (*it).basicsize = std::mem::size_of::<StrIterObject>() as u32;
    (*it).slots.drop = Some(|p| decref_field((*(p as *mut StrIterObject)).s));
    (*it).slots.iter = Some(|v| newref(v));
    (*it).slots.next = Some(str_iter_next);
}

/// Iterator over the characters of a str (walks the UTF-8 bytes).
#[repr(C)]
pub struct StrIterObject {
    pub header: ObjHeader,
    /// The str (owned), 0 once exhausted.
    pub s: u64,
    pub pos: usize,
}

unsafe fn str_iter(v: u64) -> u64 {
    incref(v);
    from_ptr(new_object(tp(TypeId::StrIterator), StrIterObject { header: header0(), s: v, pos: 0 }))
}

unsafe fn str_iter_next(it: u64) -> u64 {
    let o = as_obj::<StrIterObject>(it);
    if (*o).s == 0 {
        return UNBOUND;
    }
    let text = str_as((*o).s);
    match text[(*o).pos..].chars().next() {
        Some(c) => {
            (*o).pos += c.len_utf8();
            char_str(c)
        }
        None => {
            let s = std::mem::replace(&mut (*o).s, 0);
            decref(s);
            UNBOUND
        }
    }
}

pub fn init_methods() {
    crate::types::strmethods::init_str_methods(tp(TypeId::Str));
}

unsafe fn str_drop(p: *mut ObjHeader) {
    let o = p as *mut StrObject;
    let sh = (*o).shared;
    let last = if sh.is_null() {
        true
    } else {
        (*sh).refs -= 1;
        (*sh).refs == 0
    };
    if last {
        if !sh.is_null() {
            drop(Box::from_raw(sh));
        }
        if (*o).cap != 0 {
            drop(Vec::from_raw_parts((*o).ptr, 0, (*o).cap));
        }
    }
    if !(*o).blocks.is_null() {
        drop(Box::from_raw((*o).blocks));
    }
}

/// Byte offset of code point `ci` of a str word (O(1) for ASCII; for other
/// strings a block index built on first use makes it O(CHAR_BLOCK)).
pub fn str_char_offset(v: u64, ci: usize) -> usize {
    // SAFETY: v is a str; the index lives in the object and is only
    // appended to while empty.
    unsafe {
        let o = as_obj::<StrObject>(v);
        let s: &str = str_as(v);
        if (*o).nchars == s.len() {
            return ci.min(s.len());
        }
        if ci >= (*o).nchars {
            return s.len();
        }
        if (*o).nchars <= CHAR_BLOCK {
            return s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b);
        }
        if (*o).blocks.is_null() {
            let mut blocks = Vec::with_capacity((*o).nchars / CHAR_BLOCK + 1);
            for (k, (b, _)) in s.char_indices().enumerate() {
                if k % CHAR_BLOCK == 0 {
                    blocks.push(b as u32);
                }
            }
            (*o).blocks = Box::into_raw(Box::new(blocks));
        }
        let start = (&*(*o).blocks)[ci / CHAR_BLOCK] as usize;
        s[start..].char_indices().nth(ci % CHAR_BLOCK).map_or(s.len(), |(b, _)| start + b)
    }
}

/// True when `v` is a str (or subclass instance).
#[inline]
pub fn is_str(v: u64) -> bool {
    has_layout(v, TypeId::Str)
}

/// A new str object (new reference).
pub fn str_from(s: &str) -> u64 {
    // SAFETY: the str type is initialised and its basicsize covers StrObject.
    unsafe { new_str_copy(tp(TypeId::Str), s, count_chars(s)) }
}

/// A new str object from an owned String (new reference). Spare capacity
/// of a long text is kept unless it is large (a shrink is a realloc and a
/// copy).
pub fn str_from_string(s: String) -> u64 {
    let n = count_chars(&s);
    str_from_string_nchars(s, n)
}

/// `str_from_string` for a caller that knows the number of code points.
pub fn str_from_string_nchars(mut s: String, nchars: usize) -> u64 {
    debug_assert_eq!(nchars, s.chars().count());
    if s.len() > INLINE && s.capacity() - s.len() > 64 && s.capacity() - s.len() > s.len() / 2 {
        s.shrink_to_fit();
    }
    // SAFETY: the str type is initialised and its basicsize covers StrObject.
    unsafe { new_str_object(tp(TypeId::Str), s, nchars) }
}

/// The text of a str word. The reference is valid while the object lives.
#[inline]
pub fn str_as(v: u64) -> &'static str {
    // SAFETY: caller passes a str (checked in debug builds); objects are not
    // moved, so the slice stays valid while the object is alive.
    unsafe {
        debug_assert!(is_str(v));
        let o = as_obj::<StrObject>(v);
        std::str::from_utf8_unchecked(std::slice::from_raw_parts((*o).ptr, (*o).len))
    }
}

/// Number of code points.
pub fn str_nchars(v: u64) -> usize {
    // SAFETY: v is a str.
    unsafe { (*as_obj::<StrObject>(v)).nchars }
}

/// The interned (immortal, borrowed) str for `s`.
pub fn intern(s: &str) -> u64 {
    let r = crate::runtime::rt();
    if let Some(&v) = r.interned.get(s) {
        return v;
    }
    let v = str_from(s);
    make_immortal(v);
    r.interned.insert(s.into(), v);
    v
}

/// `intern` of a name written in the runtime's source (a dunder, a module
/// attribute): a direct-mapped cache keyed by the literal's address and
/// length answers without hashing. Only `'static` strs may be keys: their
/// addresses are never reused for other contents.
#[inline(never)]
pub fn intern_static(s: &'static str) -> u64 {
    const N: usize = 256;
    static mut CACHE: [(usize, usize, u64); N] = [(0, 0, 0); N];
    let p = s.as_ptr() as usize;
    let i = ((p >> 3) ^ (p >> 11) ^ s.len()) & (N - 1);
    // SAFETY: the runtime is single-threaded (as ATTR_CACHE); entries only
    // ever hold immortal interned strs.
    unsafe {
        let e = CACHE[i];
        if e.0 == p && e.1 == s.len() {
            return e.2;
        }
        let v = intern(s);
        CACHE[i] = (p, s.len(), v);
        v
    }
}

/// Deterministic 64-bit FNV-1a over the UTF-8 bytes (never -1).
pub fn hash_bytes(b: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h ^= c as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let h = (h >> 1) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Hash of a str (cached).
#[inline]
pub fn str_hash(v: u64) -> i64 {
    // SAFETY: v is a str.
    unsafe {
        let o = as_obj::<StrObject>(v);
        if (*o).hash == -1 {
            (*o).hash = hash_bytes(str_as(v).as_bytes());
        }
        (*o).hash
    }
}

/// Equality of two str words (identity first).
#[inline]
pub fn str_eq(a: u64, b: u64) -> bool {
    a == b || str_as(a) == str_as(b)
}

unsafe fn str_hash_slot(v: u64) -> crate::errors::R<i64> {
    Ok(str_hash(v))
}

/// `repr()` of a Rust string with Python's quoting rules.
pub fn repr_text(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c)
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(q);
    out
}

/// `str.isprintable` for one character (CPython 3.12's tables, see
/// unicode_tables.rs): not Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs other than ' '.
pub fn is_printable(c: char) -> bool {
    let u = c as u32;
    if u < 0x7f {
        return u >= 0x20;
    }
    !crate::types::unicode_tables::in_table(crate::types::unicode_tables::NOT_PRINTABLE, c)
}

unsafe fn str_repr_slot(v: u64) -> u64 {
    str_from_string(repr_text(str_as(v)))
}

unsafe fn str_str_slot(v: u64) -> u64 {
    if type_of(v) == tp(TypeId::Str) {
        newref(v)
    } else {
        str_from(str_as(v))
    }
}

unsafe fn str_len_slot(v: u64) -> crate::errors::R<usize> {
    Ok(str_nchars(v))
}

unsafe fn str_bool_slot(v: u64) -> crate::errors::R<bool> {
    Ok(!str_as(v).is_empty())
}

unsafe fn str_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if !is_str(b) {
        return NOT_IMPLEMENTED;
    }
    // UTF-8 byte order is code point order; most compares of different
    // strs are decided by the first byte, without a memcmp call
    let (x, y) = (str_as(a).as_bytes(), str_as(b).as_bytes());
    let ord = match (x.first(), y.first()) {
        (Some(p), Some(q)) if p != q => p.cmp(q),
        _ => x.cmp(y),
    };
    box_bool(op.test(ord))
}

unsafe fn str_add(a: u64, b: u64) -> u64 {
    if !is_str(b) {
        if is_str(a) {
            // a user class's `__radd__` runs before the concatenation error
            let r = reflected_first(a, b, BinOp::Add);
            if r != NOT_IMPLEMENTED {
                return r;
            }
            return crate::errors::raise_type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                tname(b)
            ));
        }
        return NOT_IMPLEMENTED;
    }
    str_concat(a, b, false)
}

/// `a += b` for two exact strs: like `a + b`, but a result that needs a
/// new buffer gets spare capacity, so the next `+=` can append in place.
/// Other operands take the binary operator's path (subclass slots).
unsafe fn str_iadd(a: u64, b: u64) -> u64 {
    let t = tp(TypeId::Str);
    if type_of(a) != t || !is_ptr(b) || type_of(b) != t {
        return NOT_IMPLEMENTED;
    }
    str_concat(a, b, true)
}

/// The concatenation of strs `a` and `b` (new reference). When `a` ends at
/// its buffer's high-water mark and the buffer has room, `b` is appended
/// there and the result shares the buffer; otherwise the result gets a new
/// buffer, with spare room when `grow`.
unsafe fn str_concat(a: u64, b: u64, grow: bool) -> u64 {
    let oa = as_obj::<StrObject>(a);
    let y = str_as(b);
    let nchars = (*oa).nchars + str_nchars(b);
    if y.is_empty() && type_of(a) == tp(TypeId::Str) {
        return newref(a);
    }
    let len = (*oa).len;
    let total = len + y.len();
    if total <= INLINE {
        return new_inline_str(tp(TypeId::Str), &[str_as(a).as_bytes(), y.as_bytes()], nchars);
    }
    let sh = (*oa).shared;
    let at_tip = sh.is_null() || (*sh).used == len;
    if at_tip && (*oa).cap >= total && !y.is_empty() {
        // SAFETY: bytes [len, total) of the buffer are unused by every str
        // sharing it (len is the high-water mark) and inside its capacity;
        // `b` cannot overlap them (its text is at most its own length).
        std::ptr::copy_nonoverlapping(y.as_ptr(), (*oa).ptr.add(len), y.len());
        let sh = if sh.is_null() {
            let n = Box::into_raw(Box::new(SharedBuf { refs: 1, used: len }));
            (*oa).shared = n;
            n
        } else {
            sh
        };
        (*sh).refs += 1;
        (*sh).used = total;
        let o = str_struct(nchars, (*oa).ptr, total, (*oa).cap, sh);
        return from_ptr(new_object(tp(TypeId::Str), o));
    }
    let cap = if grow { (total + total / 2).max(32) } else { total };
    let mut s = String::with_capacity(cap);
    s.push_str(str_as(a));
    s.push_str(y);
    new_str_object(tp(TypeId::Str), s, nchars)
}

/// CPython tries the number slots of both operands before a sequence's
/// concat/repeat: call a heap-type right operand's reflected slot first.
pub unsafe fn reflected_first(a: u64, b: u64, op: BinOp) -> u64 {
    let tb = type_of(b);
    if (*tb).tpflags & TPFLAG_HEAPTYPE == 0 || type_of(a) == tb {
        return NOT_IMPLEMENTED;
    }
    match (*tb).slots.nb_r[op as usize] {
        Some(f) => f(b, a),
        None => NOT_IMPLEMENTED,
    }
}

unsafe fn str_mul(a: u64, b: u64) -> u64 {
    let (s, n) = if is_str(a) { (a, b) } else { (b, a) };
    if !is_str(s) {
        return NOT_IMPLEMENTED;
    }
    if s == a {
        let r = reflected_first(a, b, BinOp::Mul);
        if r != NOT_IMPLEMENTED {
            return r;
        }
    }
    let k = match crate::protocols::sequence::as_index(n) {
        Ok(Some((k, _))) => k,
        Ok(None) => {
            if !crate::types::int::is_int_like(n) && !is_str(a) {
                return NOT_IMPLEMENTED;
            }
            return crate::errors::raise_type_error(format!("can't multiply sequence by non-int of type '{}'", tname(n)));
        }
        Err(_) => return ERR,
    };
    let t = str_as(s);
    if k <= 0 || t.is_empty() {
        return str_from("");
    }
    if k == 1 && type_of(s) == tp(TypeId::Str) {
        return newref(s);
    }
    if t.len().saturating_mul(k as usize) > isize::MAX as usize / 2 {
        return crate::errors::raise_overflow_error("repeated string is too long".to_string());
    }
    str_from_string(t.repeat(k as usize))
}

unsafe fn str_mod(a: u64, b: u64) -> u64 {
    if !is_str(a) {
        return NOT_IMPLEMENTED;
    }
    crate::types::strmethods::str_percent(a, b)
}

/// `s[i]` and `s[i:j:k]` by code point.
unsafe fn str_getitem(v: u64, key: u64) -> u64 {
    let s = str_as(v);
    let n = str_nchars(v);
    let ascii = n == s.len();
    if crate::types::slice::is_slice(key) {
        let sl = match crate::protocols::sequence::slice_indices(key, n) {
            Ok(x) => x,
            Err(_) => return ERR,
        };
        if sl.len == 0 {
            return str_from("");
        }
        if sl.step == 1 {
            let a = str_char_offset(v, sl.start as usize);
            let b = str_char_offset(v, sl.start as usize + sl.len);
            if a == 0 && b == s.len() && type_of(v) == tp(TypeId::Str) {
                return newref(v);
            }
            return str_from(&s[a..b]);
        }
        let mut out = String::with_capacity(sl.len);
        if ascii {
            let bytes = s.as_bytes();
            for i in crate::protocols::sequence::slice_positions(sl) {
                out.push(bytes[i] as char);
            }
        } else {
            let chars: Vec<char> = s.chars().collect();
            for i in crate::protocols::sequence::slice_positions(sl) {
                out.push(chars[i]);
            }
        }
        return str_from_string(out);
    }
    let i = match crate::protocols::sequence::item_index(key) {
        Ok(Some(i)) => i,
        Ok(None) => {
            return crate::errors::raise_type_error(format!("string indices must be integers, not '{}'", tname(key)))
        }
        Err(_) => return ERR,
    };
    match crate::protocols::sequence::norm_index(i, n) {
        Some(j) => {
            if ascii {
                char_str(s.as_bytes()[j] as char)
            } else {
                let b = str_char_offset(v, j);
                char_str(s[b..].chars().next().unwrap_or(' '))
            }
        }
        None => crate::errors::raise_index_error("string index out of range".to_string()),
    }
}

/// The interned one-character strs of code points below 256 (0 until first
/// use), as CPython keeps its Latin-1 singletons: iterating over or
/// indexing text gives these without a hash-table lookup.
static mut LATIN1: [u64; 256] = [0; 256];

/// A one-character str (Latin-1 ones are interned and borrowed-immortal;
/// the result is a new reference either way).
#[inline]
pub fn char_str(c: char) -> u64 {
    let u = c as u32;
    if u < 256 {
        // SAFETY: single-threaded runtime; the table only holds immortal strs.
        unsafe {
            let slot = (std::ptr::addr_of_mut!(LATIN1) as *mut u64).add(u as usize);
            if *slot == 0 {
                let mut b = [0u8; 4];
                *slot = intern(c.encode_utf8(&mut b));
            }
            return *slot;
        }
    }
    let mut b = [0u8; 4];
    // SAFETY: the str type is initialised.
    unsafe { new_inline_str(tp(TypeId::Str), &[c.encode_utf8(&mut b).as_bytes()], 1) }
}

unsafe fn str_contains(v: u64, x: u64) -> crate::errors::R<bool> {
    if !is_str(x) {
        return Err(crate::errors::raise_type_error_p(format!(
            "'in <string>' requires string as left operand, not {}",
            tname(x)
        )));
    }
    Ok(str_as(v).contains(str_as(x)))
}

/// `str(x)`, `str(b, encoding, errors)`.
unsafe fn str_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let a = match crate::types::builtin_func::parse_args("str", args, kw, &["object", "encoding", "errors"], 3) {
        Ok(a) => a,
        Err(_) => return ERR,
    };
    let r = if a[0] == UNBOUND {
        str_from("")
    } else if a[1] == UNBOUND && a[2] == UNBOUND {
        crate::protocols::repr::molt_str(a[0])
    } else {
        let d = match crate::types::bytes::bytes_like_data(a[0]) {
            Some(d) => d,
            None => {
                return crate::errors::raise_type_error(format!(
                    "decoding to str: need a bytes-like object, {} found",
                    tname(a[0])
                ))
            }
        };
        let arg = |w: u64, dflt: &str, what: &str| -> Result<String, u64> {
            if w == UNBOUND {
                Ok(dflt.to_string())
            } else if is_str(w) {
                Ok(str_as(w).to_string())
            } else {
                Err(crate::errors::raise_type_error(format!(
                    "str() argument '{}' must be str, not {}",
                    what,
                    tname(w)
                )))
            }
        };
        let enc = match arg(a[1], "utf-8", "encoding") {
            Ok(e) => e,
            Err(e) => return e,
        };
        let errors = match arg(a[2], "strict", "errors") {
            Ok(e) => e,
            Err(e) => return e,
        };
        match crate::types::strmethods::decode_bytes(d, &enc, &errors) {
            Ok(s) => str_from_string(s),
            Err(_) => return ERR,
        }
    };
    if r == ERR || t == tp(TypeId::Str) {
        return r;
    }
    let o = new_str_copy(t, str_as(r), str_nchars(r));
    decref(r);
    o
}

/// Register `ord chr memoryview` in builtins.
pub fn register_builtins() {
    use crate::modules::builtins::add_builtin;
    crate::modules::builtins::add_builtin_value("memoryview", newref(tpw(TypeId::MemoryView)));
    add_builtin("ord", |a, k| {
        if let Err(_) = crate::types::builtin_func::check_args("ord", a, k, 1, 1) {
            return ERR;
        }
        let v = a[0];
        let text: Option<(u32, usize)> = if is_str(v) {
            let s = str_as(v);
            Some((s.chars().next().map_or(0, |c| c as u32), str_nchars(v)))
        } else {
            crate::types::bytes::bytes_like_data(v).map(|d| (d.first().map_or(0, |&b| b as u32), d.len()))
        };
        match text {
            Some((c, 1)) => small_int(c as i64),
            Some((_, n)) => crate::errors::raise_type_error(format!(
                "ord() expected a character, but string of length {} found",
                n
            )),
            None => crate::errors::raise_type_error(format!(
                "ord() expected string of length 1, but {} found",
                tname(v)
            )),
        }
    });
    add_builtin("chr", |a, k| {
        if let Err(_) = crate::types::builtin_func::check_args("chr", a, k, 1, 1) {
            return ERR;
        }
        if !crate::types::int::is_int_like(a[0]) {
            return crate::errors::raise_type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                tname(a[0])
            ));
        }
        match crate::types::int::as_i64(a[0]) {
            Some(i) if (0..0x110000).contains(&i) => match std::char::from_u32(i as u32) {
                Some(c) => char_str(c),
                None => crate::errors::raise_value_error(
                    "molt: lone surrogate code points are not supported in str".to_string(),
                ),
            },
            Some(_) => crate::errors::raise_value_error("chr() arg not in range(0x110000)".to_string()),
            None => crate::errors::raise_overflow_error("Python int too large to convert to C int".to_string()),
        }
    });
}

/// The interned str for `s` as a new reference (immortal, so no-op incref).
pub fn newref_interned(s: &str) -> u64 {
    intern(s)
}
