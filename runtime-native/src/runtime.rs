//! runtime.rs — the process-wide runtime state and start-up.
//! Neighbours: typeobj.rs (builtin type registry filled here), errors.rs
//! (pending exception lives here), entry.rs (calls `init`), every
//! `types/*.rs` (their `init_slots` / `init_methods` are called from `init`).
//!
//! The runtime is single-threaded: all state is reached through `rt()`.

use crate::object::*;
use crate::typeobj::*;
use crate::value::*;
use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, deterministic hasher for the runtime's internal maps (interned
/// strings, module tables): std's SipHash with a random key cost a visible
/// share of start-up. Keys are names from the program and the runtime, not
/// values Python code hashes (those use `protocols::hash`).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const FAST_SEED: u64 = 0x517c_c1b7_2722_0a95;

impl FastHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(FAST_SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }
    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(n as u64);
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // splitmix64's finalizer: the multiply above only carries entropy
        // upwards, and the table indexes by the low bits.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// `HashMap` with `FastHasher`.
pub type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FastHasher>>;

pub struct Runtime {
    /// The pending exception (owned) or 0.
    pub pending: u64,
    /// Exceptions being handled (`exc.push` / `exc.pop`), innermost last (owned).
    pub handling: Vec<u64>,
    /// Interned strings (immortal).
    pub interned: HashMap<Box<str>, u64>,
    /// Code objects by code_id (0 = not created yet).
    pub codes: Vec<u64>,
    /// `sys.modules` (dict) and the `builtins` module and its dict.
    pub modules: u64,
    pub builtins: u64,
    pub builtins_dict: u64,
    /// Current depth of compiled-function calls and the limit.
    pub depth: u32,
    pub recursion_limit: u32,
    /// Compiled modules registered by `molt_module_register`: name -> (code_id, is_package).
    pub module_specs: HashMap<String, (u32, bool)>,
    /// Modules implemented in Rust: name -> constructor.
    pub native_modules: HashMap<&'static str, fn() -> u64>,
    /// `sys.argv` as given to the process.
    pub argv: Vec<String>,
    /// Buffered stdout bytes (flushed at exit, on input(), before stderr writes).
    pub stdout_buf: Vec<u8>,
    /// Arbitrary per-subsystem caches keyed by name (avoid new fields for
    /// small things): e.g. "sys" -> the sys module.
    pub cache: HashMap<&'static str, u64>,
    /// Module globals by interned filename word (for `func.new`, whose code
    /// belongs to the module with the same filename).
    pub file_globals: HashMap<u64, u64>,
    /// `self` of each compiled function running (pushed by dispatch).
    pub frames: Vec<u64>,
}

static mut RT: *mut Runtime = std::ptr::null_mut();

/// The runtime state. Precondition: `init()` ran on this thread.
#[inline(always)]
pub fn rt() -> &'static mut Runtime {
    // SAFETY: RT is set once by init() and the runtime is single-threaded.
    unsafe { &mut *RT }
}

pub fn is_initialised() -> bool {
    // SAFETY: plain read of the pointer value.
    unsafe { !RT.is_null() }
}

/// Initialise the runtime (idempotent).
pub fn init() {
    if is_initialised() {
        return;
    }
    let state = Box::new(Runtime {
        pending: 0,
        handling: Vec::new(),
        interned: HashMap::default(),
        codes: Vec::new(),
        modules: 0,
        builtins: 0,
        builtins_dict: 0,
        depth: 0,
        recursion_limit: 1000,
        module_specs: HashMap::default(),
        native_modules: HashMap::default(),
        argv: Vec::new(),
        stdout_buf: Vec::with_capacity(1 << 16),
        cache: HashMap::default(),
        file_globals: HashMap::default(),
        frames: Vec::with_capacity(1024),
    });
    // SAFETY: single-threaded start-up; every builtin type is allocated
    // before any object is created, and the slot/layout phase allocates
    // nothing.
    unsafe {
        RT = Box::into_raw(state);
        // Phase 1: placeholder type objects for every builtin type.
        for (i, _) in ALL_TYPE_IDS.iter().enumerate() {
            let id = ALL_TYPE_IDS[i];
            let base = if id == TypeId::Object { std::ptr::null_mut() } else { TYPES[TypeId::Object as usize] };
            TYPES[i] = alloc_builtin_type(id, base, std::mem::size_of::<ObjHeader>(), 0);
        }
        let type_type = TYPES[TypeId::Type as usize];
        for t in (*std::ptr::addr_of!(TYPES)).iter() {
            (**t).header.ty = type_type;
        }
        // Phase 2: layouts and slots (no allocation).
        crate::types::init_slots();
        // Phase 3: names, dicts, bases, MRO and slot inheritance.
        let mut done = vec![false; NTYPES];
        for i in 0..NTYPES {
            finish_builtin(i, &mut done);
        }
        // Phase 4: methods, exceptions, modules.
        crate::types::init_methods();
        // unhashable builtins: `__hash__ = None` and no hash slot
        for id in [TypeId::List, TypeId::Dict, TypeId::Set, TypeId::ByteArray] {
            let t = TYPES[id as usize];
            (*t).tpflags |= TPFLAG_HASH_NONE;
            (*t).slots.hash = None;
            crate::types::dict::dict_set_str((*t).dict, "__hash__", NONE);
        }
        crate::slotdefs::add_slot_wrappers_to_builtins();
        crate::types::exception::init_hierarchy();
        let r = rt();
        r.modules = crate::types::dict::dict_new();
        make_immortal(r.modules);
        crate::modules::init();
        // invalidate lookups cached while types were being filled in
        for t in (*std::ptr::addr_of!(TYPES)).iter() {
            (**t).version = new_version();
        }
        for t in (*std::ptr::addr_of!(crate::errors::EXC_TYPES)).iter() {
            (**t).version = new_version();
        }
    }
}

unsafe fn finish_builtin(i: usize, done: &mut Vec<bool>) {
    if done[i] {
        return;
    }
    done[i] = true;
    let t = TYPES[i];
    let base = (*t).base;
    if !base.is_null() {
        let bi = (*base).layout as usize;
        if TYPES[bi] == base {
            finish_builtin(bi, done);
        }
        let bs = (*base).slots;
        inherit_slots(&mut (*t).slots, &bs);
    }
    finish_type_common(t, TYPE_NAMES[i]);
}

/// Give a builtin-style type its name, dict, bases and MRO (single base).
pub unsafe fn finish_type_common(t: *mut TypeObject, name: &str) {
    let n = crate::types::str::intern(name);
    (*t).name = n;
    (*t).qualname = n;
    (*t).dict = crate::types::dict::dict_new();
    make_immortal((*t).dict);
    crate::types::dict::dict_set_str((*t).dict, "__doc__", NONE);
    let base = (*t).base;
    let mut mro = vec![from_ptr(t)];
    if base.is_null() {
        (*t).bases = crate::types::tuple::tuple_new(Vec::new());
    } else {
        (*t).bases = crate::types::tuple::tuple_new(vec![from_ptr(base)]);
        for &m in crate::types::tuple::tuple_items((*base).mro) {
            mro.push(m);
        }
        (*base).subclasses.push(t);
    }
    (*t).mro = crate::types::tuple::tuple_new(mro);
    make_immortal((*t).bases);
    make_immortal((*t).mro);
}

/// Register a Rust-implemented module constructor (`import name` calls it once).
pub fn register_native_module(name: &'static str, ctor: fn() -> u64) {
    rt().native_modules.insert(name, ctor);
}
