//! types/file.rs — file objects returned by the builtin `open()` (text and
//! binary; CPython's `_io.TextIOWrapper` / buffered file API subset):
//! read, readline, readlines, write, writelines, flush, close, readable,
//! writable, context manager and line iteration; `name`, `mode`, `closed`.
//! Writes are buffered (flushed at 64 KiB, on flush/close and when the
//! object dies). Text mode is UTF-8 with universal newlines on reading.
//! std::fs only, so it works on wasm32-wasi (preopened directories).
//! Neighbours: modules/molt_os.rs (`raise_os`: OSError subclasses).

use crate::errors::*;
use crate::modules::molt_os::raise_os;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::str::{is_str, str_as, str_from, str_from_string};
use crate::value::*;
use std::io::{Read, Write};

#[repr(C)]
pub struct FileObject {
    pub header: ObjHeader,
    file: Option<std::fs::File>,
    name: u64,
    mode: u64,
    binary: bool,
    readable: bool,
    writable: bool,
    wbuf: Vec<u8>,
    rbuf: Vec<u8>,
    rpos: usize,
    eof: bool,
}

const WBUF_MAX: usize = 1 << 16;

pub unsafe fn init_slots() {
    let t = tp(TypeId::File);
    (*t).basicsize = std::mem::size_of::<FileObject>() as u32;
    (*t).slots.drop = Some(file_drop);
    (*t).slots.repr = Some(file_repr);
    (*t).slots.iter = Some(|v| newref(v));
    (*t).slots.next = Some(file_next);
}

pub fn init_methods() {
    let t = tp(TypeId::File);
    add_method(t, "read", file_read);
    add_method(t, "readline", file_readline);
    add_method(t, "readlines", file_readlines);
    add_method(t, "write", file_write);
    add_method(t, "writelines", file_writelines);
    add_method(t, "flush", file_flush);
    add_method(t, "close", file_close);
    add_method(t, "readable", file_readable);
    add_method(t, "writable", file_writable);
    add_method(t, "__enter__", file_enter);
    add_method(t, "__exit__", file_exit);
    crate::types::descr::add_getset(t, "name", file_name, None);
    crate::types::descr::add_getset(t, "mode", file_mode, None);
    crate::types::descr::add_getset(t, "closed", file_closed, None);
}

unsafe fn file_readable(a: &[u64], k: u64) -> u64 {
    ok!(check_args("readable", a, k, 1, 1));
    let o = ok!(open_obj(a[0]));
    box_bool((*o).readable)
}

unsafe fn file_writable(a: &[u64], k: u64) -> u64 {
    ok!(check_args("writable", a, k, 1, 1));
    let o = ok!(open_obj(a[0]));
    box_bool((*o).writable)
}

unsafe fn file_enter(a: &[u64], k: u64) -> u64 {
    ok!(check_args("__enter__", a, k, 1, 1));
    ok!(open_obj(a[0]));
    newref(a[0])
}

unsafe fn file_exit(a: &[u64], _k: u64) -> u64 {
    tri!(file_close(&a[..1], 0));
    NONE
}

unsafe fn file_name(v: u64) -> u64 {
    newref((*fobj(v)).name)
}

unsafe fn file_mode(v: u64) -> u64 {
    newref((*fobj(v)).mode)
}

unsafe fn file_closed(v: u64) -> u64 {
    box_bool((*fobj(v)).file.is_none())
}

/// Register the builtin `open` (called from modules::builtins::init).
pub fn init_builtins() {
    crate::modules::builtins::add_builtin("open", bi_open);
}

fn fobj(v: u64) -> *mut FileObject {
    as_obj::<FileObject>(v)
}

fn open_obj(v: u64) -> R<*mut FileObject> {
    if !is_ptr(v) || type_of(v) != tp(TypeId::File) {
        return Err(raise_type_error_p(format!("descriptor requires a file object, not '{}'", tname(v))));
    }
    let o = fobj(v);
    // SAFETY: v is a live file object.
    if unsafe { (*o).file.is_none() } {
        return Err(raise_value_error_p("I/O operation on closed file.".to_string()));
    }
    Ok(o)
}

unsafe fn file_drop(p: *mut ObjHeader) {
    let o = p as *mut FileObject;
    let _ = flush_buf(o);
    std::ptr::drop_in_place(&mut (*o).file);
    std::ptr::drop_in_place(&mut (*o).wbuf);
    std::ptr::drop_in_place(&mut (*o).rbuf);
    decref((*o).name);
    decref((*o).mode);
}

unsafe fn file_repr(v: u64) -> u64 {
    let o = fobj(v);
    let name = ok!(crate::protocols::repr::repr_string((*o).name));
    if (*o).binary {
        let kind = if (*o).readable && (*o).writable {
            "BufferedRandom"
        } else if (*o).readable {
            "BufferedReader"
        } else {
            "BufferedWriter"
        };
        return str_from_string(format!("<_io.{} name={}>", kind, name));
    }
    str_from_string(format!("<_io.TextIOWrapper name={} mode='{}' encoding='UTF-8'>", name, str_as((*o).mode)))
}

unsafe fn flush_buf(o: *mut FileObject) -> std::io::Result<()> {
    if (*o).wbuf.is_empty() {
        return Ok(());
    }
    let data = std::mem::take(&mut (*o).wbuf);
    match (*o).file.as_mut() {
        Some(f) => f.write_all(&data),
        None => Ok(()),
    }
}

fn io_err(o: *mut FileObject, e: &std::io::Error) -> Pending {
    // SAFETY: o is live; name is a str or bytes path.
    let name = unsafe { (*o).name };
    let n = if is_str(name) { Some(str_as(name)) } else { None };
    let _ = raise_os(e, n, None);
    Pending
}

/// Reads more bytes into rbuf; false at end of file.
unsafe fn fill(o: *mut FileObject) -> R<bool> {
    if (*o).eof {
        return Ok(false);
    }
    if (*o).rpos > 0 {
        let p = (*o).rpos;
        (*o).rbuf.drain(..p);
        (*o).rpos = 0;
    }
    let mut chunk = [0u8; 8192];
    let n = match (*o).file.as_mut().unwrap().read(&mut chunk) {
        Ok(n) => n,
        Err(e) => return Err(io_err(o, &e)),
    };
    if n == 0 {
        (*o).eof = true;
        return Ok(false);
    }
    (*o).rbuf.extend_from_slice(&chunk[..n]);
    Ok(true)
}

fn text_of(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.into_owned()
    }
}

unsafe fn result_of(o: *mut FileObject, bytes: &[u8]) -> u64 {
    if (*o).binary {
        crate::types::bytes::bytes_from(bytes)
    } else {
        str_from_string(text_of(bytes))
    }
}

unsafe fn check_readable(o: *mut FileObject) -> R<()> {
    if !(*o).readable {
        return Err(raise_p(Exc::OSError, "not readable"));
    }
    ok_r(flush_buf(o), o)
}

fn raise_p(e: Exc, m: &str) -> Pending {
    let _ = raise(e, m.to_string());
    Pending
}

fn ok_r(r: std::io::Result<()>, o: *mut FileObject) -> R<()> {
    r.map_err(|e| io_err(o, &e))
}

/// One line (with its newline) as raw bytes; empty at end of file.
unsafe fn read_line_bytes(o: *mut FileObject) -> R<Vec<u8>> {
    loop {
        let start = (*o).rpos;
        let hay = &(&(*o).rbuf)[start..];
        let nl = if (*o).binary { hay.iter().position(|&b| b == b'\n') } else { hay.iter().position(|&b| b == b'\n' || b == b'\r') };
        if let Some(i) = nl {
            let mut end = start + i + 1;
            if !(*o).binary && (&(*o).rbuf)[start + i] == b'\r' {
                // "\r\n" counts as one newline: make sure the '\n' is buffered.
                if end == (*o).rbuf.len() && !(*o).eof {
                    fill(o)?;
                    continue;
                }
                if end < (*o).rbuf.len() && (&(*o).rbuf)[end] == b'\n' {
                    end += 1;
                }
            }
            let line = (&(*o).rbuf)[start..end].to_vec();
            (*o).rpos = end;
            return Ok(line);
        }
        if !fill(o)? {
            let line = (&(*o).rbuf)[(*o).rpos..].to_vec();
            (*o).rpos = (*o).rbuf.len();
            return Ok(line);
        }
    }
}

unsafe fn file_read(a: &[u64], k: u64) -> u64 {
    ok!(check_args("read", a, k, 1, 2));
    let o = ok!(open_obj(a[0]));
    ok!(check_readable(o));
    let size = if a.len() > 1 && a[1] != NONE {
        if !is_int(a[1]) {
            return raise_type_error(format!("argument should be integer or None, not '{}'", tname(a[1])));
        }
        int_val(a[1])
    } else {
        -1
    };
    if size < 0 {
        while ok!(fill(o)) {}
        let out = result_of(o, &(&(*o).rbuf)[(*o).rpos..]);
        (*o).rbuf.clear();
        (*o).rpos = 0;
        return out;
    }
    // size counts bytes in binary mode, characters in text mode.
    let want = size as usize;
    loop {
        let avail = &(&(*o).rbuf)[(*o).rpos..];
        let have = if (*o).binary { avail.len() } else { text_of(avail).chars().count() };
        if have >= want || !ok!(fill(o)) {
            break;
        }
    }
    let avail = &(&(*o).rbuf)[(*o).rpos..];
    if (*o).binary {
        let n = want.min(avail.len());
        let out = crate::types::bytes::bytes_from(&avail[..n]);
        (*o).rpos += n;
        return out;
    }
    // Take whole characters of the raw bytes until `want` text characters.
    let s = String::from_utf8_lossy(avail).into_owned();
    let mut taken = 0usize;
    let mut raw = 0usize;
    let bytes = s.as_bytes();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if taken == want {
            raw = i;
            break;
        }
        if c == '\r' {
            if let Some(&(_, '\n')) = it.peek() {
                it.next();
            }
        }
        taken += 1;
        raw = it.peek().map(|&(j, _)| j).unwrap_or(bytes.len());
    }
    let out = str_from_string(text_of(&bytes[..raw]));
    (*o).rpos += raw.min(avail.len());
    out
}

unsafe fn file_readline(a: &[u64], k: u64) -> u64 {
    ok!(check_args("readline", a, k, 1, 2));
    let o = ok!(open_obj(a[0]));
    ok!(check_readable(o));
    let line = ok!(read_line_bytes(o));
    result_of(o, &line)
}

unsafe fn file_next(v: u64) -> u64 {
    let o = ok!(open_obj(v));
    ok!(check_readable(o));
    let line = ok!(read_line_bytes(o));
    if line.is_empty() {
        return UNBOUND;
    }
    result_of(o, &line)
}

unsafe fn file_readlines(a: &[u64], k: u64) -> u64 {
    ok!(check_args("readlines", a, k, 1, 2));
    let o = ok!(open_obj(a[0]));
    ok!(check_readable(o));
    let mut lines = Vec::new();
    loop {
        let line = match read_line_bytes(o) {
            Ok(l) => l,
            Err(_) => {
                crate::protocols::sequence::decref_all(lines);
                return ERR;
            }
        };
        if line.is_empty() {
            break;
        }
        lines.push(result_of(o, &line));
    }
    crate::types::list::list_new(lines)
}

unsafe fn write_value(o: *mut FileObject, v: u64) -> R<usize> {
    if !(*o).writable {
        return Err(raise_p(Exc::OSError, "not writable"));
    }
    let (data, n): (Vec<u8>, usize) = if (*o).binary {
        match crate::types::bytes::bytes_like_data(v) {
            Some(b) => (b.to_vec(), b.len()),
            None => {
                return Err(raise_type_error_p(format!("a bytes-like object is required, not '{}'", tname(v))))
            }
        }
    } else {
        if !is_str(v) {
            return Err(raise_type_error_p(format!("write() argument must be str, not {}", tname(v))));
        }
        (str_as(v).as_bytes().to_vec(), crate::types::str::str_nchars(v))
    };
    if (*o).rpos < (*o).rbuf.len() {
        // Drop read-ahead so the write lands at the logical position.
        let back = ((*o).rbuf.len() - (*o).rpos) as i64;
        use std::io::Seek;
        let _ = (*o).file.as_mut().unwrap().seek(std::io::SeekFrom::Current(-back));
    }
    (*o).rbuf.clear();
    (*o).rpos = 0;
    (*o).eof = false;
    (*o).wbuf.extend_from_slice(&data);
    if (*o).wbuf.len() >= WBUF_MAX {
        ok_r(flush_buf(o), o)?;
    }
    Ok(n)
}

unsafe fn file_write(a: &[u64], k: u64) -> u64 {
    ok!(check_args("write", a, k, 2, 2));
    let o = ok!(open_obj(a[0]));
    let n = ok!(write_value(o, a[1]));
    crate::types::int::int_from_i64(n as i64)
}

unsafe fn file_writelines(a: &[u64], k: u64) -> u64 {
    ok!(check_args("writelines", a, k, 2, 2));
    let o = ok!(open_obj(a[0]));
    let it = tri!(crate::protocols::iter::iter(a[1]));
    loop {
        let x = crate::protocols::iter::molt_iter_next(it);
        if x == ERR {
            decref(it);
            return ERR;
        }
        if x == UNBOUND {
            break;
        }
        let r = write_value(o, x);
        decref(x);
        if r.is_err() {
            decref(it);
            return ERR;
        }
    }
    decref(it);
    NONE
}

unsafe fn file_flush(a: &[u64], k: u64) -> u64 {
    ok!(check_args("flush", a, k, 1, 1));
    let o = ok!(open_obj(a[0]));
    ok!(ok_r(flush_buf(o), o));
    NONE
}

unsafe fn file_close(a: &[u64], k: u64) -> u64 {
    ok!(check_args("close", a, k, 1, 1));
    let o = fobj(a[0]);
    if (*o).file.is_none() {
        return NONE;
    }
    let r = flush_buf(o);
    (*o).file = None;
    ok!(ok_r(r, o));
    NONE
}

unsafe fn bi_open(a: &[u64], k: u64) -> u64 {
    let p = ok!(parse_args(
        "open",
        a,
        k,
        &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"],
        8
    ));
    let file = p[0];
    if file == UNBOUND {
        return raise_type_error("open() missing required argument 'file' (pos 1)".to_string());
    }
    let path: String = if is_str(file) {
        str_as(file).to_string()
    } else if let Some(b) = crate::types::bytes::bytes_like_data(file) {
        String::from_utf8_lossy(b).into_owned()
    } else {
        return raise_type_error(format!("expected str, bytes or os.PathLike object, not {}", tname(file)));
    };
    let mode = if p[1] == UNBOUND { "r" } else if is_str(p[1]) { str_as(p[1]) } else {
        return raise_type_error(format!("open() argument 'mode' must be str, not {}", tname(p[1])));
    };
    let (mut r, mut w, mut x, mut ap, mut plus, mut b, mut t) = (0, 0, 0, 0, 0, 0, 0);
    for c in mode.chars() {
        match c {
            'r' => r += 1,
            'w' => w += 1,
            'x' => x += 1,
            'a' => ap += 1,
            '+' => plus += 1,
            'b' => b += 1,
            't' => t += 1,
            _ => return raise_value_error(format!("invalid mode: '{}'", mode)),
        }
    }
    if r + w + x + ap != 1 || plus > 1 || b > 1 || t > 1 {
        if b == 1 && t == 1 {
            return raise_value_error("can't have text and binary mode at once".to_string());
        }
        if r + w + x + ap > 1 {
            return raise_value_error("must have exactly one of create/read/write/append mode".to_string());
        }
        return raise_value_error(format!("invalid mode: '{}'", mode));
    }
    if b == 1 && t == 1 {
        return raise_value_error("can't have text and binary mode at once".to_string());
    }
    let mut oo = std::fs::OpenOptions::new();
    oo.read(r == 1 || plus == 1);
    if w == 1 {
        oo.write(true).create(true).truncate(true);
    } else if x == 1 {
        oo.write(true).create_new(true);
    } else if ap == 1 {
        oo.append(true).create(true);
    } else if plus == 1 {
        oo.write(true);
    }
    let f = match oo.open(&path) {
        Ok(f) => f,
        Err(e) => return raise_os(&e, Some(&path), None),
    };
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        let e = std::io::Error::from_raw_os_error(if cfg!(target_os = "wasi") { 31 } else { 21 });
        return raise_os(&e, Some(&path), None);
    }
    incref(file);
    let obj = FileObject {
        header: header0(),
        file: Some(f),
        name: file,
        mode: str_from(mode),
        binary: b == 1,
        readable: r == 1 || plus == 1,
        writable: r == 0 || plus == 1,
        wbuf: Vec::new(),
        rbuf: Vec::new(),
        rpos: 0,
        eof: false,
    };
    // (unsafe fn) the file type is initialised.
    from_ptr(new_object(tp(TypeId::File), obj))
}
