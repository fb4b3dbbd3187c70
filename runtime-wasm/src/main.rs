//! molt-runtime-wasm — the Molt runtime as a WASI command module. No
//! semantics of its own: `_start` (from Rust's wasm32-wasi `main`)
//! initialises the runtime, records argv and calls `molt_main` imported from
//! module `molt_program`. Every `molt_*` function of molt-runtime is
//! exported (see build.rs) so a program module importing `molt_runtime.*`
//! can be joined with this one by `wasm-merge`.

/// Our own (empty) `environ`: it keeps wasi-libc's eager environment
/// constructor out of the link, so `__wasm_call_ctors` (which wasm-ld runs
/// around every export of a command module) stays trivial. The runtime
/// never enumerates the environment (`getenv` still works lazily).
#[cfg(target_os = "wasi")]
#[no_mangle]
pub static mut environ: *const *const u8 = std::ptr::null();

/// Start of the region reserved for the program module's data segments.
pub const PROGRAM_DATA_BASE: usize = 0x0500_0000;

#[cfg(target_os = "wasi")]
fn check_layout() {
    extern "C" {
        static __heap_base: u8;
    }
    // SAFETY: only the address of the linker-defined symbol is taken.
    let hb = unsafe { &__heap_base as *const u8 as usize };
    if hb > PROGRAM_DATA_BASE {
        eprintln!("molt runtime: data ends at {:#x}, above the program data region {:#x}", hb, PROGRAM_DATA_BASE);
        std::process::exit(70);
    }
    // Compiled wasm code reads these object fields inline (RUNTIME_ABI.layout32).
    if let Some(field) = molt_runtime::entry::layout_mismatch() {
        eprintln!("molt runtime: the offset of {} differs from the ABI's layout32 (rebuild the runtime and the compiler from one checkout)", field);
        std::process::exit(70);
    }
}

#[cfg(not(target_os = "wasi"))]
fn check_layout() {}

fn main() {
    check_layout();
    // Keep the whole runtime linked in (its exports are listed in build.rs).
    molt_runtime::entry::keep_exports();
    let args: Vec<String> = std::env::args().collect();
    let code = molt_runtime::entry::run_main(args);
    if code != 0 {
        std::process::exit(code);
    }
}
