//! modules/molt_os.rs — the `_molt` module: the host primitives that the
//! Python `os` package (packages/frontend/stdlib/os/__init__.py) is built
//! on: getcwd, listdir, stat_kind, lstat_kind, stat, environ, putenv,
//! unsetenv, mkdir, remove, rmdir, rename, chdir, getpid. Failures raise the
//! OSError subclass CPython raises for the errno (FileNotFoundError, …) with
//! errno / strerror / filename set. std::fs and std::env only, so the same
//! code runs on wasm32-wasi (paths resolve against preopened directories;
//! WASI errno numbers are translated to the POSIX/Linux ones).

use crate::errors::*;
use crate::object::decref;
use crate::types::builtin_func::*;
use crate::types::int::int_from_i64;
use crate::types::module::*;
use crate::types::str::{is_str, str_as, str_from};
use crate::typeobj::tname;
use crate::value::*;
use std::io;

/// Linux errno of an io::Error (WASI numbers translated).
fn errno_of(e: &io::Error) -> i64 {
    match e.raw_os_error() {
        #[cfg(target_os = "wasi")]
        Some(n) => wasi_to_posix(n),
        #[cfg(not(target_os = "wasi"))]
        Some(n) => n as i64,
        None => match e.kind() {
            io::ErrorKind::NotFound => 2,
            io::ErrorKind::PermissionDenied => 13,
            io::ErrorKind::AlreadyExists => 17,
            io::ErrorKind::InvalidInput => 22,
            _ => 5,
        },
    }
}

#[cfg(target_os = "wasi")]
fn wasi_to_posix(n: i32) -> i64 {
    // wasi-libc <errno.h> numbers → Linux numbers (the ones CPython shows).
    match n {
        2 => 13,  // EACCES
        6 => 11,  // EAGAIN
        10 => 16, // EBUSY
        18 => 33, // EDOM
        20 => 17, // EEXIST
        28 => 22, // EINVAL
        29 => 5,  // EIO
        31 => 21, // EISDIR
        32 => 40, // ELOOP
        37 => 36, // ENAMETOOLONG
        44 => 2,  // ENOENT
        51 => 28, // ENOSPC
        52 => 38, // ENOSYS
        54 => 20, // ENOTDIR
        55 => 39, // ENOTEMPTY
        58 => 95, // ENOTSUP
        63 => 1,  // EPERM
        69 => 30, // EROFS
        75 => 18, // EXDEV
        76 => 76, // ENOTCAPABLE (no Linux equivalent)
        x => x as i64,
    }
}

fn strerror(errno: i64, e: &io::Error) -> String {
    let s = match errno {
        1 => "Operation not permitted",
        2 => "No such file or directory",
        5 => "Input/output error",
        11 => "Resource temporarily unavailable",
        13 => "Permission denied",
        16 => "Device or resource busy",
        17 => "File exists",
        18 => "Invalid cross-device link",
        20 => "Not a directory",
        21 => "Is a directory",
        22 => "Invalid argument",
        28 => "No space left on device",
        30 => "Read-only file system",
        36 => "File name too long",
        38 => "Function not implemented",
        39 => "Directory not empty",
        40 => "Too many levels of symbolic links",
        95 => "Operation not supported",
        _ => {
            let m = e.to_string();
            return match m.find(" (os error") {
                Some(i) => m[..i].to_string(),
                None => m,
            };
        }
    };
    s.to_string()
}

/// The OSError subclass CPython picks for an errno.
fn exc_for(errno: i64) -> Exc {
    match errno {
        2 => Exc::FileNotFoundError,
        17 => Exc::FileExistsError,
        20 => Exc::NotADirectoryError,
        21 => Exc::IsADirectoryError,
        1 | 13 => Exc::PermissionError,
        11 => Exc::BlockingIOError,
        _ => Exc::OSError,
    }
}

/// Raise the OSError for `e` about `path` (and `path2`, for rename).
pub fn raise_os(e: &io::Error, path: Option<&str>, path2: Option<&str>) -> u64 {
    let errno = errno_of(e);
    let no = int_from_i64(errno);
    let msg = str_from(&strerror(errno, e));
    let mut args = vec![no, msg];
    if let Some(p) = path {
        args.push(str_from(p));
        if let Some(p2) = path2 {
            args.push(NONE);
            args.push(str_from(p2));
        }
    }
    let r = raise_args(exc_for(errno), &args);
    for a in args {
        decref(a);
    }
    r
}

fn str_arg(fname: &str, v: u64) -> R<&'static str> {
    if is_str(v) {
        Ok(str_as(v))
    } else {
        Err(raise_type_error_p(format!("{}: path should be string, not {}", fname, tname(v))))
    }
}

unsafe fn getcwd(a: &[u64], k: u64) -> u64 {
    ok!(check_args("getcwd", a, k, 0, 0));
    match std::env::current_dir() {
        Ok(p) => str_from(&p.to_string_lossy()),
        // WASI without a cwd: the preopened root.
        Err(_) if cfg!(target_os = "wasi") => str_from(&std::env::var("PWD").unwrap_or_else(|_| "/".to_string())),
        Err(e) => raise_os(&e, None, None),
    }
}

unsafe fn listdir(a: &[u64], k: u64) -> u64 {
    ok!(check_args("listdir", a, k, 1, 1));
    let p = ok!(str_arg("listdir", a[0]));
    let rd = match std::fs::read_dir(p) {
        Ok(rd) => rd,
        Err(e) => return raise_os(&e, Some(p), None),
    };
    let mut names = Vec::new();
    for ent in rd {
        match ent {
            Ok(ent) => names.push(str_from(&ent.file_name().to_string_lossy())),
            Err(e) => {
                for n in names {
                    decref(n);
                }
                return raise_os(&e, Some(p), None);
            }
        }
    }
    crate::types::list::list_new(names)
}

fn kind_of(md: &std::fs::Metadata) -> i64 {
    let ft = md.file_type();
    if ft.is_symlink() {
        4
    } else if ft.is_file() {
        1
    } else if ft.is_dir() {
        2
    } else {
        3
    }
}

unsafe fn stat_kind(a: &[u64], k: u64) -> u64 {
    ok!(check_args("stat_kind", a, k, 1, 1));
    let p = ok!(str_arg("stat_kind", a[0]));
    int_from_i64(std::fs::metadata(p).map(|m| kind_of(&m)).unwrap_or(0))
}

unsafe fn lstat_kind(a: &[u64], k: u64) -> u64 {
    ok!(check_args("lstat_kind", a, k, 1, 1));
    let p = ok!(str_arg("lstat_kind", a[0]));
    int_from_i64(std::fs::symlink_metadata(p).map(|m| kind_of(&m)).unwrap_or(0))
}

#[cfg(unix)]
fn mode_of(md: &std::fs::Metadata) -> i64 {
    use std::os::unix::fs::MetadataExt;
    md.mode() as i64
}

#[cfg(not(unix))]
fn mode_of(md: &std::fs::Metadata) -> i64 {
    let perm = if md.permissions().readonly() { 0o444 } else { 0o644 };
    match kind_of(md) {
        1 => 0o100000 | perm,
        2 => 0o040000 | perm | 0o111,
        4 => 0o120777,
        _ => perm,
    }
}

unsafe fn stat(a: &[u64], k: u64) -> u64 {
    ok!(check_args("stat", a, k, 1, 1));
    let p = ok!(str_arg("stat", a[0]));
    let md = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => return raise_os(&e, Some(p), None),
    };
    let mtime = md
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    let items = vec![int_from_i64(mode_of(&md)), int_from_i64(md.len() as i64), box_float(mtime)];
    crate::types::tuple::tuple_new(items)
}

unsafe fn environ(a: &[u64], k: u64) -> u64 {
    ok!(check_args("environ", a, k, 0, 0));
    let d = crate::types::dict::dict_new();
    for (key, val) in env_pairs() {
        let (kk, vv) = (str_from(&key), str_from(&val));
        let r = crate::types::dict::dict_set(d, kk, vv);
        decref(kk);
        decref(vv);
        if r.is_err() {
            decref(d);
            return ERR;
        }
    }
    d
}

#[cfg(not(target_os = "wasi"))]
fn env_pairs() -> Vec<(String, String)> {
    std::env::vars_os().map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned())).collect()
}

/// The WASI environment straight from the host: runtime-wasm replaces
/// libc's `environ` with an empty one (see runtime-wasm/src/main.rs), so
/// `std::env::vars_os` sees nothing there.
#[cfg(target_os = "wasi")]
fn env_pairs() -> Vec<(String, String)> {
    #[link(wasm_import_module = "wasi_snapshot_preview1")]
    extern "C" {
        #[link_name = "environ_sizes_get"]
        fn molt_wasi_environ_sizes_get(count: *mut usize, size: *mut usize) -> u16;
        #[link_name = "environ_get"]
        fn molt_wasi_environ_get(env: *mut *mut u8, buf: *mut u8) -> u16;
    }
    let (mut count, mut size) = (0usize, 0usize);
    // SAFETY: WASI fills the two counters, then `count` pointers into a
    // `size`-byte buffer of NUL-terminated "KEY=VALUE" strings.
    unsafe {
        if molt_wasi_environ_sizes_get(&mut count, &mut size) != 0 {
            return Vec::new();
        }
        let mut ptrs: Vec<*mut u8> = vec![std::ptr::null_mut(); count];
        let mut buf: Vec<u8> = vec![0; size];
        if molt_wasi_environ_get(ptrs.as_mut_ptr(), buf.as_mut_ptr()) != 0 {
            return Vec::new();
        }
        let base = buf.as_ptr() as usize;
        let mut out = Vec::with_capacity(count);
        for p in ptrs {
            let start = p as usize - base;
            let end = buf[start..].iter().position(|&b| b == 0).map(|n| start + n).unwrap_or(size);
            let entry = String::from_utf8_lossy(&buf[start..end]).into_owned();
            if let Some(eq) = entry.find('=') {
                out.push((entry[..eq].to_string(), entry[eq + 1..].to_string()));
            }
        }
        out
    }
}

fn env_key(fname: &str, v: u64) -> R<&'static str> {
    let s = str_arg(fname, v)?;
    if s.is_empty() || s.contains('=') || s.contains('\0') {
        return Err(raise_value_error_p("illegal environment variable name".to_string()));
    }
    Ok(s)
}

unsafe fn putenv(a: &[u64], k: u64) -> u64 {
    ok!(check_args("putenv", a, k, 2, 2));
    let key = ok!(env_key("putenv", a[0]));
    let val = ok!(str_arg("putenv", a[1]));
    if val.contains('\0') {
        return raise_value_error("embedded null byte".to_string());
    }
    std::env::set_var(key, val);
    NONE
}

unsafe fn unsetenv(a: &[u64], k: u64) -> u64 {
    ok!(check_args("unsetenv", a, k, 1, 1));
    let key = ok!(env_key("unsetenv", a[0]));
    std::env::remove_var(key);
    NONE
}

unsafe fn mkdir(a: &[u64], k: u64) -> u64 {
    ok!(check_args("mkdir", a, k, 1, 2));
    let p = ok!(str_arg("mkdir", a[0]));
    #[allow(unused_mut)]
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        let mode = if a.len() > 1 && is_int(a[1]) { int_val(a[1]) as u32 } else { 0o777 };
        b.mode(mode);
    }
    match b.create(p) {
        Ok(()) => NONE,
        Err(e) => raise_os(&e, Some(p), None),
    }
}

fn path_op(a: &[u64], k: u64, name: &str, f: fn(&str) -> io::Result<()>) -> u64 {
    ok!(check_args(name, a, k, 1, 1));
    let p = ok!(str_arg(name, a[0]));
    match f(p) {
        Ok(()) => NONE,
        Err(e) => raise_os(&e, Some(p), None),
    }
}

unsafe fn remove(a: &[u64], k: u64) -> u64 {
    path_op(a, k, "remove", |p| std::fs::remove_file(p))
}

unsafe fn rmdir(a: &[u64], k: u64) -> u64 {
    path_op(a, k, "rmdir", |p| std::fs::remove_dir(p))
}

#[cfg(not(target_os = "wasi"))]
unsafe fn chdir(a: &[u64], k: u64) -> u64 {
    path_op(a, k, "chdir", |p| std::env::set_current_dir(p))
}

unsafe fn rename(a: &[u64], k: u64) -> u64 {
    ok!(check_args("rename", a, k, 2, 2));
    let src = ok!(str_arg("rename", a[0]));
    let dst = ok!(str_arg("rename", a[1]));
    match std::fs::rename(src, dst) {
        Ok(()) => NONE,
        Err(e) => raise_os(&e, Some(src), Some(dst)),
    }
}

#[cfg(not(target_os = "wasi"))]
unsafe fn getpid(a: &[u64], k: u64) -> u64 {
    ok!(check_args("getpid", a, k, 0, 0));
    int_from_i64(std::process::id() as i64)
}

/// Build the `_molt` module.
pub fn create() -> u64 {
    let m = module_new("_molt");
    #[allow(unused_mut)]
    let mut fns: Vec<(&'static str, NativeFn)> = vec![
        ("getcwd", getcwd),
        ("listdir", listdir),
        ("stat_kind", stat_kind),
        ("lstat_kind", lstat_kind),
        ("stat", stat),
        ("environ", environ),
        ("putenv", putenv),
        ("unsetenv", unsetenv),
        ("mkdir", mkdir),
        ("remove", remove),
        ("rmdir", rmdir),
        ("rename", rename),
    ];
    // WASI has no process id and no working-directory change: os.getpid /
    // os.chdir then raise NotImplementedError (optional primitives).
    #[cfg(not(target_os = "wasi"))]
    {
        fns.push(("chdir", chdir));
        fns.push(("getpid", getpid));
    }
    for (n, f) in fns {
        module_set(m, n, new_builtin(n, "_molt", f));
    }
    m
}
