//! modules/sys.rs — the `sys` module and buffered standard streams.
//! stdout is buffered in the runtime (flushed at exit, on input(), when
//! stderr is written, and when the buffer grows large).

use crate::errors::*;
use crate::object::*;
use crate::runtime::rt;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::module::*;
use crate::types::str::{is_str, str_as, str_from};
use crate::value::*;
use std::io::Write;

#[repr(C)]
pub struct TextIOObject {
    pub header: ObjHeader,
    pub fd: u32,
}

const FLUSH_AT: usize = 1 << 16;

/// Append text to stdout (buffered).
pub fn write_stdout(s: &str) {
    let r = rt();
    r.stdout_buf.extend_from_slice(s.as_bytes());
    if r.stdout_buf.len() >= FLUSH_AT {
        flush_stdout();
    }
}

pub fn flush_stdout() {
    if !crate::runtime::is_initialised() {
        return;
    }
    let r = rt();
    if r.stdout_buf.is_empty() {
        return;
    }
    let out = std::io::stdout();
    let mut lock = out.lock();
    let _ = lock.write_all(&r.stdout_buf);
    let _ = lock.flush();
    r.stdout_buf.clear();
}

/// Write to stderr (flushes stdout first to keep the order).
pub fn write_stderr(s: &str) {
    flush_stdout();
    let e = std::io::stderr();
    let mut lock = e.lock();
    let _ = lock.write_all(s.as_bytes());
    let _ = lock.flush();
}

/// Write to fd 1 or 2.
pub fn write_fd(fd: u32, s: &str) {
    if fd == 2 {
        write_stderr(s)
    } else {
        write_stdout(s)
    }
}

/// The fd of a standard stream object, if `v` is one.
pub fn stream_fd(v: u64) -> Option<u32> {
    if is_ptr(v) && type_of(v) == tp(TypeId::TextIO) {
        // SAFETY: checked type.
        Some(unsafe { (*as_obj::<TextIOObject>(v)).fd })
    } else {
        None
    }
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::TextIO);
    (*t).basicsize = std::mem::size_of::<TextIOObject>() as u32;
    (*t).slots.repr = Some(tio_repr);
    (*t).slots.iter = Some(|v| newref(v));
    (*t).slots.next = Some(tio_next);
}

pub fn init_methods() {
    let t = tp(TypeId::TextIO);
    add_method(t, "write", tio_write);
    add_method(t, "flush", tio_flush);
    add_method(t, "readline", tio_readline);
    add_method(t, "read", tio_read);
    add_method(t, "readlines", tio_readlines);
    add_method(t, "readable", |a, _| unsafe { box_bool((*as_obj::<TextIOObject>(a[0])).fd == 0) });
    add_method(t, "writable", |a, _| unsafe { box_bool((*as_obj::<TextIOObject>(a[0])).fd != 0) });
    add_method(t, "isatty", |_, _| FALSE);
    add_method(t, "fileno", tio_fileno);
}

unsafe fn tio_repr(v: u64) -> u64 {
    let fd = (*as_obj::<TextIOObject>(v)).fd;
    let name = ["<stdin>", "<stdout>", "<stderr>"][fd.min(2) as usize];
    crate::types::str::str_from_string(format!("<_io.TextIOWrapper name='{}' mode='{}' encoding='utf-8'>", name, if fd == 0 { "r" } else { "w" }))
}

unsafe fn tio_write(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("write", args, kw, 2, 2));
    let fd = (*as_obj::<TextIOObject>(args[0])).fd;
    if !is_str(args[1]) {
        return raise_type_error(format!("write() argument must be str, not {}", tname(args[1])));
    }
    let s = str_as(args[1]);
    write_fd(fd, s);
    small_int(crate::types::str::str_nchars(args[1]) as i64)
}

unsafe fn tio_flush(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("flush", args, kw, 1, 1));
    flush_stdout();
    NONE
}

unsafe fn tio_fileno(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("fileno", args, kw, 1, 1));
    small_int((*as_obj::<TextIOObject>(args[0])).fd as i64)
}

/// Text read from stdin ahead of the caller (`sys.stdin.read(n)` stops
/// inside a line); `read_line` and `read` take it first.
static mut STDIN_AHEAD: String = String::new();

fn ahead() -> &'static mut String {
    // SAFETY: the runtime is single-threaded.
    unsafe { &mut *std::ptr::addr_of_mut!(STDIN_AHEAD) }
}

/// Bytes from stdin as text (UTF-8; line ends kept as they are, as CPython's
/// `sys.stdin` does on POSIX), or UnicodeDecodeError pending.
fn stdin_text(bytes: Vec<u8>) -> R<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let b = e.as_bytes()[at];
            let why = match e.utf8_error().error_len() {
                None => "unexpected end of data",
                Some(_) if (0xc2..=0xf4).contains(&b) => "invalid continuation byte",
                Some(_) => "invalid start byte",
            };
            Err(raise_p(Exc::UnicodeDecodeError, format!("'utf-8' codec can't decode byte {:#04x} in position {}: {}", b, at, why)))
        }
    }
}

/// One line from stdin with its newline ("" at EOF).
fn stdin_line() -> R<String> {
    let buf = ahead();
    if let Some(i) = buf.find('\n') {
        let rest = buf.split_off(i + 1);
        return Ok(std::mem::replace(buf, rest));
    }
    flush_stdout();
    let mut bytes = Vec::new();
    let _ = std::io::BufRead::read_until(&mut std::io::stdin().lock(), b'\n', &mut bytes);
    let line = stdin_text(bytes)?;
    let mut out = std::mem::take(buf);
    out.push_str(&line);
    Ok(out)
}

/// Read one line from stdin (None at EOF).
pub fn read_line() -> R<Option<String>> {
    let s = stdin_line()?;
    Ok(if s.is_empty() { None } else { Some(s) })
}

/// The rest of stdin (`size` < 0), or up to `size` characters of it.
fn stdin_read(size: i64) -> R<String> {
    if size < 0 {
        flush_stdout();
        let mut bytes = Vec::new();
        let _ = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes);
        let mut out = std::mem::take(ahead());
        out.push_str(&stdin_text(bytes)?);
        return Ok(out);
    }
    let want = size as usize;
    let mut out = String::new();
    while out.chars().count() < want {
        let line = stdin_line()?;
        if line.is_empty() {
            break;
        }
        out.push_str(&line);
    }
    if let Some((i, _)) = out.char_indices().nth(want) {
        *ahead() = out.split_off(i);
    }
    Ok(out)
}

fn stdin_only(args: &[u64], what: &str) -> R<()> {
    // SAFETY: methods of the TextIO type get a TextIO object first.
    if unsafe { (*as_obj::<TextIOObject>(args[0])).fd } != 0 {
        return Err(raise_p(Exc::OSError, format!("not readable (sys.std* stream: {}() needs sys.stdin)", what)));
    }
    Ok(())
}

fn size_arg(args: &[u64]) -> R<i64> {
    match args.get(1) {
        None => Ok(-1),
        Some(&v) if v == NONE => Ok(-1),
        Some(&v) if is_int(v) => Ok(int_val(v)),
        Some(&v) => Err(raise_type_error_p(format!("argument should be integer or None, not '{}'", tname(v)))),
    }
}

unsafe fn tio_readline(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("readline", args, kw, 1, 2));
    ok!(stdin_only(args, "readline"));
    let size = ok!(size_arg(args));
    let mut line = ok!(stdin_line());
    if size >= 0 {
        if let Some((i, _)) = line.char_indices().nth(size as usize) {
            let rest = line.split_off(i);
            let buf = ahead();
            *buf = rest + buf;
        }
    }
    crate::types::str::str_from_string(line)
}

unsafe fn tio_read(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("read", args, kw, 1, 2));
    ok!(stdin_only(args, "read"));
    let size = ok!(size_arg(args));
    crate::types::str::str_from_string(ok!(stdin_read(size)))
}

unsafe fn tio_readlines(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("readlines", args, kw, 1, 2));
    ok!(stdin_only(args, "readlines"));
    let mut lines = Vec::new();
    loop {
        let line = match stdin_line() {
            Ok(l) => l,
            Err(_) => {
                crate::protocols::sequence::decref_all(lines);
                return ERR;
            }
        };
        if line.is_empty() {
            break;
        }
        lines.push(crate::types::str::str_from_string(line));
    }
    crate::types::list::list_new(lines)
}

/// `for line in sys.stdin`.
unsafe fn tio_next(v: u64) -> u64 {
    if (*as_obj::<TextIOObject>(v)).fd != 0 {
        return raise(Exc::OSError, "not readable (sys.std* stream: iteration needs sys.stdin)".to_string());
    }
    match stdin_line() {
        Ok(l) if l.is_empty() => UNBOUND,
        Ok(l) => crate::types::str::str_from_string(l),
        Err(_) => ERR,
    }
}

fn stream(fd: u32) -> u64 {
    // SAFETY: TextIO type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::TextIO), TextIOObject { header: header0(), fd })) }
}

fn f(name: &'static str, func: NativeFn) -> u64 {
    new_builtin(name, "sys", func)
}

/// Build the `sys` module.
pub fn create() -> u64 {
    let m = module_new("sys");
    let argv: Vec<u64> = rt().argv.iter().map(|a| str_from(a)).collect();
    module_set(m, "argv", crate::types::list::list_new(argv));
    module_set(m, "orig_argv", crate::types::list::list_new(Vec::new()));
    module_set(m, "stdin", stream(0));
    module_set(m, "stdout", stream(1));
    module_set(m, "stderr", stream(2));
    for (a, b) in [("__stdin__", "stdin"), ("__stdout__", "stdout"), ("__stderr__", "stderr")] {
        let v = crate::types::dict::dict_get_str(module_dict(m), b).unwrap();
        module_set(m, a, newref(v));
    }
    module_set(m, "maxsize", crate::types::int::int_from_i64(i64::MAX));
    module_set(m, "maxunicode", small_int(0x10ffff));
    module_set(m, "byteorder", str_from(if cfg!(target_endian = "little") { "little" } else { "big" }));
    module_set(m, "platform", str_from(if cfg!(target_os = "wasi") { "wasi" } else if cfg!(target_os = "macos") { "darwin" } else { "linux" }));
    module_set(m, "version", str_from("3.12.1 (molt)"));
    module_set(m, "hexversion", small_int(0x030c01f0));
    module_set(m, "executable", str_from(""));
    module_set(m, "prefix", str_from(""));
    module_set(m, "path", crate::types::list::list_new(Vec::new()));
    module_set(m, "modules", newref(rt().modules));
    module_set(m, "dont_write_bytecode", TRUE);
    let vi = crate::types::tuple::tuple_new_of(
        version_info_type(),
        vec![small_int(3), small_int(12), small_int(1), str_from("final"), small_int(0)],
    );
    module_set(m, "version_info", vi);
    let imp = crate::types::module::module_new("implementation");
    module_set(imp, "name", str_from("molt"));
    module_set(imp, "cache_tag", NONE);
    module_set(m, "implementation", imp);
    let hi = module_new("sys.hash_info");
    module_set(hi, "width", small_int(64));
    module_set(hi, "modulus", crate::types::int::int_from_i64((1i64 << 61) - 1));
    module_set(hi, "inf", small_int(314159));
    module_set(hi, "nan", small_int(0));
    module_set(hi, "imag", small_int(1000003));
    module_set(hi, "algorithm", str_from("fnv"));
    module_set(hi, "hash_bits", small_int(64));
    module_set(hi, "seed_bits", small_int(0));
    module_set(hi, "cutoff", small_int(0));
    module_set(m, "hash_info", hi);
    let ii = module_new("sys.int_info");
    module_set(ii, "bits_per_digit", small_int(30));
    module_set(ii, "sizeof_digit", small_int(4));
    module_set(ii, "default_max_str_digits", small_int(4300));
    module_set(ii, "str_digits_check_threshold", small_int(640));
    module_set(m, "int_info", ii);
    let fi = module_new("sys.float_info");
    module_set(fi, "max", box_float(f64::MAX));
    module_set(fi, "min", box_float(f64::MIN_POSITIVE));
    module_set(fi, "epsilon", box_float(f64::EPSILON));
    module_set(fi, "dig", small_int(15));
    module_set(fi, "mant_dig", small_int(53));
    module_set(fi, "max_exp", small_int(1024));
    module_set(fi, "min_exp", small_int(-1021));
    module_set(fi, "max_10_exp", small_int(308));
    module_set(fi, "min_10_exp", small_int(-307));
    module_set(fi, "radix", small_int(2));
    module_set(fi, "rounds", small_int(1));
    module_set(m, "float_info", fi);
    module_set(m, "get_int_max_str_digits", f("get_int_max_str_digits", sys_get_int_max_str_digits));
    module_set(m, "set_int_max_str_digits", f("set_int_max_str_digits", sys_set_int_max_str_digits));
    module_set(m, "exit", f("exit", sys_exit));
    module_set(m, "getrecursionlimit", f("getrecursionlimit", sys_getrecursionlimit));
    module_set(m, "setrecursionlimit", f("setrecursionlimit", sys_setrecursionlimit));
    module_set(m, "exc_info", f("exc_info", sys_exc_info));
    module_set(m, "exception", f("exception", sys_exception));
    module_set(m, "intern", f("intern", sys_intern));
    module_set(m, "getrefcount", f("getrefcount", sys_getrefcount));
    module_set(m, "getsizeof", f("getsizeof", sys_getsizeof));
    module_set(m, "getdefaultencoding", f("getdefaultencoding", |_, _| str_from("utf-8")));
    module_set(m, "_getframe", f("_getframe", |_, _| raise_not_implemented("sys._getframe")));
    // int_info, float_info, hash_info, get/set_int_max_str_digits (types/int.rs)
    crate::types::int::add_sys_attrs(m);
    rt().cache.insert("sys", m);
    make_immortal(m);
    newref(m)
}

unsafe fn sys_get_int_max_str_digits(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("get_int_max_str_digits", args, kw, 0, 0));
    small_int(crate::types::int::get_max_str_digits() as i64)
}

unsafe fn sys_set_int_max_str_digits(args: &[u64], kw: u64) -> u64 {
    let p = ok!(parse_args("set_int_max_str_digits", args, kw, &["maxdigits"], 1));
    if p[0] == UNBOUND {
        return raise_type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)".to_string());
    }
    let n = match crate::types::int::as_i64(p[0]) {
        Some(n) => n,
        None => return raise_type_error(format!("'{}' object cannot be interpreted as an integer", tname(p[0]))),
    };
    ok!(crate::types::int::set_max_str_digits(n));
    NONE
}

unsafe fn sys_exit(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("exit", args, kw, 0, 1));
    if args.is_empty() || args[0] == NONE {
        return raise_noarg(Exc::SystemExit);
    }
    raise_args(Exc::SystemExit, &[args[0]])
}

unsafe fn sys_getrecursionlimit(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("getrecursionlimit", args, kw, 0, 0));
    small_int(rt().recursion_limit as i64)
}

unsafe fn sys_setrecursionlimit(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("setrecursionlimit", args, kw, 1, 1));
    let n = match crate::types::int::as_i64(args[0]) {
        Some(n) if !is_bool(args[0]) => n,
        _ => return raise_type_error(format!("'{}' object cannot be interpreted as an integer", tname(args[0]))),
    };
    if n < 1 {
        return raise_value_error("recursion limit must be greater or equal than 1".to_string());
    }
    let r = rt();
    if (n as u64) <= r.depth as u64 {
        return raise(
            Exc::RecursionError,
            format!("cannot set the recursion limit to {} at the recursion depth {}: the limit is too low", n, r.depth),
        );
    }
    r.recursion_limit = n.min(u32::MAX as i64 - 1) as u32;
    NONE
}

unsafe fn sys_exc_info(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("exc_info", args, kw, 0, 0));
    match rt().handling.last() {
        Some(&e) if e != NONE => {
            let tb = if crate::types::exception::is_exception(e) { crate::types::exception::get_tb(e) } else { NONE };
            crate::types::tuple::tuple_new(vec![newref(from_ptr(type_of(e))), newref(e), tb])
        }
        _ => crate::types::tuple::tuple_new(vec![NONE, NONE, NONE]),
    }
}

unsafe fn sys_exception(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("exception", args, kw, 0, 0));
    crate::types::exception::molt_exc_current()
}

unsafe fn sys_intern(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("intern", args, kw, 1, 1));
    if !is_str(args[0]) {
        return raise_type_error(format!("intern() argument must be str, not {}", tname(args[0])));
    }
    newref(crate::types::str::intern(str_as(args[0])))
}

unsafe fn sys_getrefcount(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("getrefcount", args, kw, 1, 1));
    let rc = refcnt(args[0]);
    crate::types::int::int_from_i64(if rc == IMMORTAL { u32::MAX as i64 } else { rc as i64 + 1 })
}

unsafe fn sys_getsizeof(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("getsizeof", args, kw, 1, 2));
    let v = args[0];
    small_int(if is_ptr(v) { (*type_of(v)).basicsize as i64 } else { 24 })
}

/// `sys` module (borrowed), once created.
pub fn sys_module() -> u64 {
    *rt().cache.get("sys").unwrap_or(&NONE)
}

/// Field names of `sys.version_info`, a tuple with named fields (as CPython's struct sequence).
const VERSION_FIELDS: [&str; 5] = ["major", "minor", "micro", "releaselevel", "serial"];

unsafe fn vi_field(v: u64, i: usize) -> u64 {
    let x = crate::types::tuple::tuple_items(v)[i];
    incref(x);
    x
}

/// `sys.version_info(major=3, minor=12, micro=1, releaselevel='final', serial=0)`.
unsafe fn vi_repr(v: u64) -> u64 {
    let mut out = String::from("sys.version_info(");
    for (i, name) in VERSION_FIELDS.iter().enumerate() {
        let r = match crate::protocols::repr::repr(crate::types::tuple::tuple_items(v)[i]) {
            Ok(r) => r,
            Err(_) => return ERR,
        };
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
        out.push('=');
        out.push_str(str_as(r));
        decref(r);
    }
    out.push(')');
    crate::types::str::str_from_string(out)
}

/// The type of `sys.version_info`: a tuple subtype with read-only fields.
fn version_info_type() -> *mut TypeObject {
    // SAFETY: start-up, single-threaded; the tuple type is initialised.
    unsafe {
        let t = crate::types::tuple::tuple_subtype(tp(TypeId::Tuple), "version_info", Some(vi_repr));
        crate::types::descr::add_getset(t, VERSION_FIELDS[0], |v| vi_field(v, 0), None);
        crate::types::descr::add_getset(t, VERSION_FIELDS[1], |v| vi_field(v, 1), None);
        crate::types::descr::add_getset(t, VERSION_FIELDS[2], |v| vi_field(v, 2), None);
        crate::types::descr::add_getset(t, VERSION_FIELDS[3], |v| vi_field(v, 3), None);
        crate::types::descr::add_getset(t, VERSION_FIELDS[4], |v| vi_field(v, 4), None);
        t
    }
}
