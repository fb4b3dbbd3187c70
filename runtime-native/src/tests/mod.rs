//! Unit tests. A Rust `molt_dispatch` stands in for the compiled program:
//! tests register "compiled" functions as Rust closures by code_id.

mod calls;
mod classes;
mod containers;
mod core;
mod exceptions;
mod fast_paths;
mod gc;
mod generators;
mod modules;
// Native object layout (lower-native inlines these offsets; the wasm backend does not).
#[cfg(not(target_arch = "wasm32"))]
mod layout;
mod numbers_text;
mod os_prims;
mod profile;
mod seq_repeat;

use crate::errors::*;
use crate::object::*;
use crate::types::str::{intern, str_as};
use crate::value::*;

pub type TestFn = fn(u64, &[u64]) -> u64;

static mut FUNCS: Vec<(TestFn, usize)> = Vec::new();

/// Register a compiled-function stand-in; returns its code_id.
pub fn def(info: &str, nparams: usize, f: TestFn) -> u32 {
    crate::runtime::init();
    // SAFETY: single-threaded tests.
    let funcs = unsafe { &mut *std::ptr::addr_of_mut!(FUNCS) };
    funcs.push((f, nparams));
    let id = (funcs.len() - 1) as u32 + 1000;
    // SAFETY: info is valid UTF-8 for its length.
    let c = unsafe { crate::types::code::molt_code_new(id, info.as_ptr(), info.len()) };
    assert_ne!(c, ERR, "bad code info {}", info);
    id
}

/// Code info JSON for a function with (name, kind) params.
pub fn info(name: &str, params: &[(&str, &str)]) -> String {
    let ps: Vec<String> = params.iter().map(|(n, k)| format!("{{\"name\":\"{}\",\"kind\":\"{}\"}}", n, k)).collect();
    format!(
        "{{\"name\":\"{}\",\"qualname\":\"{}\",\"filename\":\"test.py\",\"firstLine\":1,\"params\":[{}],\"flags\":{{}}}}",
        name,
        name,
        ps.join(",")
    )
}

#[no_mangle]
pub extern "C" fn molt_dispatch(code_id: u32, self_: u64, params: *const u64) -> u64 {
    // SAFETY: single-threaded tests; params has the registered count.
    unsafe {
        let funcs = &*std::ptr::addr_of!(FUNCS);
        let (f, n) = funcs[(code_id - 1000) as usize];
        let args = if n == 0 || params.is_null() { &[][..] } else { std::slice::from_raw_parts(params, n) };
        f(self_, args)
    }
}

#[no_mangle]
pub extern "C" fn molt_main() -> u64 {
    NONE
}

/// A function object for a registered code id.
pub fn func(code_id: u32) -> u64 {
    crate::types::function::molt_func_new(NONE, NONE, NONE, NONE, code_id as u64)
}

pub fn s(x: &str) -> u64 {
    intern(x)
}

pub fn int(i: i64) -> u64 {
    crate::types::int::int_from_i64(i)
}

/// "Type: message" of the pending exception (clears it).
pub fn err_text() -> String {
    let e = take_pending();
    assert!(e != 0, "expected a pending exception");
    let t = crate::entry::exception_only(e);
    decref(e);
    t.trim_end().to_string()
}

/// str(v) as a Rust String.
pub fn text(v: u64) -> String {
    assert_ne!(v, ERR, "unexpected error: {}", err_text());
    crate::protocols::repr::str_string(v).unwrap()
}

/// repr(v) as a Rust String.
pub fn rep(v: u64) -> String {
    assert_ne!(v, ERR, "unexpected error: {}", err_text());
    crate::protocols::repr::repr_string(v).unwrap()
}

pub fn call(f: u64, args: &[u64]) -> u64 {
    crate::protocols::call::call_function(f, args, 0)
}

pub fn call_kw(f: u64, args: &[u64], names: &[&str]) -> u64 {
    let kn = crate::types::tuple::tuple_new(names.iter().map(|n| s(n)).collect());
    crate::protocols::call::call_function(f, args, kn)
}

pub fn getattr(o: u64, n: &str) -> u64 {
    crate::protocols::attr::getattr(o, s(n))
}

pub fn setup() {
    crate::runtime::init();
    clear_pending();
    let _ = str_as;
}
