//! modules/ — modules implemented in Rust (`builtins`, `sys`, …), globals
//! lookup and the import system. Add a native module: write
//! `modules/<name>.rs` with `pub fn create() -> u64` and register it in
//! `init` below with `register_native_module`.

pub mod builtins;
pub mod builtins_containers;
pub mod gcmod;
pub mod globals;
pub mod imports;
pub mod math;
pub mod missing;
pub mod molt_os;
pub mod sys;
pub mod stdlib_missing;
pub mod time;
pub mod typing_rt;

/// Create `builtins` and register the native modules (start-up).
pub fn init() {
    builtins::init();
    builtins_containers::init();
    crate::runtime::register_native_module("sys", sys::create);
    crate::runtime::register_native_module("builtins", builtins::module);
    crate::runtime::register_native_module("math", math::create);
    crate::runtime::register_native_module("time", time::create);
    crate::runtime::register_native_module("gc", gcmod::create);
    crate::runtime::register_native_module("_molt", molt_os::create);
    // `sys` is needed by the runtime itself (stdout objects, argv)
    let s = imports::import_module("sys");
    if s != crate::value::ERR {
        crate::object::decref(s);
    }
}
