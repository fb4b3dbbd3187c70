//! entry.rs — process entry (C `main` natively behind the `entry` feature;
//! the wasm crate's `_start` calls `run_main`), uncaught-exception reporting,
//! SystemExit, and the extra ABI entry points (`molt_alloc`,
//! `molt_str_from_utf8`, `molt_float_box`, `molt_incref`, `molt_decref`).
//! Neighbours: runtime.rs (init), modules/sys.rs (streams), profile.rs
//! (the runtime feedback written at exit).

use crate::errors::*;
use crate::object::*;
use crate::runtime::rt;
use crate::typeobj::*;
use crate::types::exception::{eo, is_exception};
use crate::types::str::str_as;
use crate::value::*;

#[cfg_attr(target_arch = "wasm32", link(wasm_import_module = "molt_program"))]
extern "C" {
    /// Defined by the compiled program: registers modules and runs __main__.
    fn molt_main() -> u64;
}

/// Initialise, record argv, run the program, report errors; returns the
/// process exit status.
pub fn run_main(args: Vec<String>) -> i32 {
    crate::runtime::init();
    set_argv(args);
    // SAFETY: the program defines molt_main.
    let r = unsafe { molt_main() };
    let code = if r == ERR { handle_uncaught() } else {
        decref(r);
        0
    };
    crate::modules::sys::flush_stdout();
    // Instrumented builds: the runtime profile (MOLT_RUNTIME_FEEDBACK=1); never changes `code`.
    crate::profile::write_at_exit();
    code
}

/// Set `sys.argv`.
pub fn set_argv(args: Vec<String>) {
    rt().argv = args.clone();
    let sys = crate::modules::sys::sys_module();
    if sys != NONE {
        let l = crate::types::list::list_new(args.iter().map(|a| crate::types::str::str_from(a)).collect());
        crate::types::module::module_set(sys, "argv", l);
    }
}

/// Report the pending exception like CPython's top level; returns the
/// exit status (SystemExit's code, else 1).
pub fn handle_uncaught() -> i32 {
    let e = take_pending();
    if e == 0 {
        // An ERR return with nothing pending is a bug in the runtime or the
        // compiler; say so instead of exiting silently.
        crate::modules::sys::flush_stdout();
        crate::modules::sys::write_stderr("SystemError: error return without exception set (a bug in Molt)\n");
        return 1;
    }
    if is_instance(e, exc_type(Exc::SystemExit)) {
        let code = crate::protocols::attr::instance_dict(e)
            .and_then(|d| crate::types::dict::dict_get_str(d, "code"))
            .unwrap_or(NONE);
        let status = if code == NONE {
            0
        } else if let Some(i) = crate::types::int::as_i64(code) {
            i as i32
        } else {
            let s = crate::protocols::repr::str_string(code).unwrap_or_default();
            crate::modules::sys::write_stderr(&format!("{}\n", s));
            1
        };
        decref(e);
        return status;
    }
    print_exception(e);
    decref(e);
    1
}

/// The text CPython prints for an uncaught exception (with its chain).
pub fn format_exception(e: u64) -> String {
    let mut out = String::new();
    let mut seen: Vec<u64> = Vec::new();
    format_chain(e, &mut out, &mut seen);
    out
}

fn format_chain(e: u64, out: &mut String, seen: &mut Vec<u64>) {
    seen.push(e);
    if is_exception(e) {
        // SAFETY: exception layout.
        let (cause, ctx, suppress) = unsafe { ((*eo(e)).cause, (*eo(e)).context, (*eo(e)).suppress_context) };
        if cause != NONE && is_exception(cause) && !seen.contains(&cause) {
            format_chain(cause, out, seen);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if ctx != NONE && suppress != TRUE && is_exception(ctx) && !seen.contains(&ctx) {
            format_chain(ctx, out, seen);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
        // SAFETY: exception layout.
        let frames = unsafe { (*eo(e)).frames.clone() };
        if !frames.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for &(code_id, line) in frames.iter().rev() {
                match crate::types::code::code_by_id(code_id) {
                    // SAFETY: live code object.
                    Some(c) => unsafe {
                        out.push_str(&format!(
                            "  File \"{}\", line {}, in {}\n",
                            str_as((*c).filename),
                            line,
                            str_as((*c).name)
                        ));
                    },
                    None => out.push_str(&format!("  File \"<unknown>\", line {}, in <code {}>\n", line, code_id)),
                }
            }
        }
    }
    out.push_str(&exception_only(e));
}

/// `Type: message` (qualified with the module outside builtins).
pub fn exception_only(e: u64) -> String {
    let t = type_of(e);
    let name = crate::types::type_::type_full_name(t);
    let msg = match crate::protocols::repr::str_string(e) {
        Ok(s) => s,
        Err(_) => {
            clear_pending();
            "<exception str() failed>".to_string()
        }
    };
    let mut s = if msg.is_empty() { format!("{}\n", name) } else { format!("{}: {}\n", name, msg) };
    if let Some(d) = crate::protocols::attr::instance_dict(e) {
        if let Some(notes) = crate::types::dict::dict_get_str(d, "__notes__") {
            if let Ok(items) = crate::protocols::iter::collect(notes) {
                for n in items {
                    s.push_str(&crate::protocols::repr::str_string(n).unwrap_or_default());
                    s.push('\n');
                    decref(n);
                }
            }
        }
    }
    s
}

/// Print an exception with its traceback to stderr.
pub fn print_exception(e: u64) {
    let s = format_exception(e);
    crate::modules::sys::write_stderr(&s);
}

/// Stack size for the thread that runs compiled code natively.
pub const MAIN_STACK_SIZE: usize = if cfg!(target_pointer_width = "64") { 1 << 30 } else { 64 << 20 };

/// C entry point of native executables.
#[cfg(all(feature = "entry", not(test), not(target_arch = "wasm32")))]
#[no_mangle]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    let args: Vec<String> = std::env::args().collect();
    let h = std::thread::Builder::new().stack_size(MAIN_STACK_SIZE).spawn(move || run_main(args));
    match h {
        Ok(h) => match h.join() {
            Ok(code) => code,
            Err(_) => {
                crate::modules::sys::flush_stdout();
                70
            }
        },
        Err(_) => run_main(std::env::args().collect()),
    }
}

#[no_mangle]
pub extern "C" fn molt_incref(v: u64) -> u64 {
    incref(crate::protocols::method::owned_word(v));
    NONE
}

#[no_mangle]
pub extern "C" fn molt_decref(v: u64) -> u64 {
    decref(crate::protocols::method::owned_word(v));
    NONE
}

/// The word of the NaN whose IEEE bits are `bits`: compiled code boxes floats
/// inline and calls this only for NaNs, which carry an identity (value.rs
/// `box_nan`).
#[no_mangle]
pub extern "C" fn molt_float_box_nan(bits: u64) -> u64 {
    crate::value::box_nan(bits)
}

/// Raw memory for compiled code (8-byte aligned; freed with `molt_free`).
#[no_mangle]
pub extern "C" fn molt_alloc(size: usize) -> *mut u8 {
    // SAFETY: size + header fits; layout is valid.
    unsafe {
        let layout = std::alloc::Layout::from_size_align_unchecked(size + 8, 8);
        let p = std::alloc::alloc_zeroed(layout);
        if p.is_null() {
            fatal("out of memory");
        }
        *(p as *mut usize) = size;
        p.add(8)
    }
}

#[no_mangle]
pub unsafe extern "C" fn molt_free(p: *mut u8) {
    if p.is_null() {
        return;
    }
    let base = p.sub(8);
    let size = *(base as *mut usize);
    std::alloc::dealloc(base, std::alloc::Layout::from_size_align_unchecked(size + 8, 8));
}

/// An interned, immortal str constant from UTF-8 bytes.
#[no_mangle]
pub unsafe extern "C" fn molt_str_from_utf8(p: *const u8, len: usize) -> u64 {
    let b = if len == 0 { &[][..] } else { std::slice::from_raw_parts(p, len) };
    match std::str::from_utf8(b) {
        Ok(s) => crate::types::str::intern(s),
        Err(_) => {
            let s = String::from_utf8_lossy(b).into_owned();
            crate::types::str::intern(&s)
        }
    }
}

#[no_mangle]
pub extern "C" fn molt_float_box(f: f64) -> u64 {
    box_float(f)
}

/// Initialise the runtime explicitly (embedders, tests, the wasm `_start`).
#[no_mangle]
pub extern "C" fn molt_runtime_init() -> u64 {
    crate::runtime::init();
    NONE
}

/// Referenced by the wasm crate's `main` so the runtime's object files are
/// linked (their `molt_*` symbols are then exported by build.rs flags).
#[inline(never)]
pub fn keep_exports() {
    let f: [usize; 4] = [
        molt_incref as *const () as usize,
        molt_decref as *const () as usize,
        crate::protocols::call::molt_call as *const () as usize,
        crate::modules::imports::molt_module_register as *const () as usize,
    ];
    // SAFETY: a volatile read of a live local array.
    unsafe { std::ptr::read_volatile(&f) };
}

/// The object offsets compiled code reads inline on this target
/// (`abi_consts` `LAYOUT_*` on 64-bit targets, `LAYOUT32_*` on wasm32),
/// checked against the structs: the name of the first field whose offset
/// differs, or `None`. The wasm runtime calls it when it starts; a unit test
/// runs it natively.
pub fn layout_mismatch() -> Option<&'static str> {
    use crate::abi_consts::*;
    use crate::types::list::{LIST_ITEMS_PTR_OFFSET, LIST_LEN_OFFSET};
    use crate::types::tuple::TupleObject;
    #[cfg(target_pointer_width = "32")]
    let (obj_flags, obj_type, list_items, list_len, tuple_items, tuple_len) =
        (LAYOUT32_OBJ_FLAGS, LAYOUT32_OBJ_TYPE, LAYOUT32_LIST_ITEMS, LAYOUT32_LIST_LEN, LAYOUT32_TUPLE_ITEMS, LAYOUT32_TUPLE_LEN);
    #[cfg(not(target_pointer_width = "32"))]
    let (obj_flags, obj_type, list_items, list_len, tuple_items, tuple_len) =
        (LAYOUT_OBJ_FLAGS, LAYOUT_OBJ_TYPE, LAYOUT_LIST_ITEMS, LAYOUT_LIST_LEN, LAYOUT_TUPLE_ITEMS, LAYOUT_TUPLE_LEN);
    let h = std::mem::MaybeUninit::<ObjHeader>::uninit();
    let t = std::mem::MaybeUninit::<TupleObject>::uninit();
    // SAFETY: only field addresses of uninitialised values are taken (no reads).
    let (refcnt_at, flags_at, ty_at, items_at) = unsafe {
        (
            std::ptr::addr_of!((*h.as_ptr()).refcnt) as usize - h.as_ptr() as usize,
            std::ptr::addr_of!((*h.as_ptr()).flags) as usize - h.as_ptr() as usize,
            std::ptr::addr_of!((*h.as_ptr()).ty) as usize - h.as_ptr() as usize,
            std::ptr::addr_of!((*t.as_ptr()).items) as usize - t.as_ptr() as usize,
        )
    };
    if refcnt_at != 0 {
        return Some("ObjHeader.refcnt");
    }
    if flags_at != obj_flags {
        return Some("ObjHeader.flags");
    }
    if ty_at != obj_type {
        return Some("ObjHeader.ty");
    }
    if (LIST_ITEMS_PTR_OFFSET, LIST_LEN_OFFSET) != (list_items, list_len) {
        return Some("ListObject.items");
    }
    // A boxed slice is two words, the data pointer and the length, in an
    // order rustc does not promise: find it out.
    let b: Box<[u64]> = vec![0u64; 3].into_boxed_slice();
    let data = b.as_ptr() as usize;
    // SAFETY: a `Box<[u64]>` is exactly two `usize` words.
    let raw: [usize; 2] = unsafe { std::mem::transmute_copy(&b) };
    let w = std::mem::size_of::<usize>();
    let (ptr_at, len_at) = if raw == [data, 3] {
        (0, w)
    } else if raw == [3, data] {
        (w, 0)
    } else {
        return Some("Box<[u64]>");
    };
    if (items_at + ptr_at, items_at + len_at) != (tuple_items, tuple_len) {
        return Some("TupleObject.items");
    }
    #[cfg(target_pointer_width = "32")]
    let (iter_seq, iter_index) = (LAYOUT32_LIST_ITER_SEQ, LAYOUT32_LIST_ITER_INDEX);
    #[cfg(not(target_pointer_width = "32"))]
    let (iter_seq, iter_index) = (LAYOUT_LIST_ITER_SEQ, LAYOUT_LIST_ITER_INDEX);
    let it = std::mem::MaybeUninit::<crate::types::iterators::IndexIter>::uninit();
    // SAFETY: only field addresses of an uninitialised value are taken (no reads).
    let (seq_at, index_at) = unsafe {
        (
            std::ptr::addr_of!((*it.as_ptr()).seq) as usize - it.as_ptr() as usize,
            std::ptr::addr_of!((*it.as_ptr()).index) as usize - it.as_ptr() as usize,
        )
    };
    if (seq_at, index_at) != (iter_seq, iter_index) {
        return Some("IndexIter.seq");
    }
    use crate::types::dict;
    #[cfg(target_pointer_width = "32")]
    let dict_layout = (LAYOUT32_DICT_ENTRIES, LAYOUT32_DICT_LEN, LAYOUT32_DICT_ENTRY_SIZE, LAYOUT32_DICT_ENTRY_KEY, LAYOUT32_DICT_ENTRY_VALUE);
    #[cfg(not(target_pointer_width = "32"))]
    let dict_layout = (LAYOUT_DICT_ENTRIES, LAYOUT_DICT_LEN, LAYOUT_DICT_ENTRY_SIZE, LAYOUT_DICT_ENTRY_KEY, LAYOUT_DICT_ENTRY_VALUE);
    if (dict::DICT_ENTRIES_PTR_OFFSET, dict::DICT_ENTRIES_LEN_OFFSET, dict::ENTRY_SIZE, dict::ENTRY_KEY_OFFSET, dict::ENTRY_VALUE_OFFSET) != dict_layout {
        return Some("DictObject.entries");
    }
    None
}
