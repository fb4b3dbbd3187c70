//! types/ — one Python type per file. Each file declares its object struct
//! (`#[repr(C)]`, header first), `init_slots()` (layout, flags, slot
//! functions; must not allocate) and `init_methods()` (methods, attributes).
//! Both are called from `runtime::init` through the lists below: add a line
//! for a new file.

pub mod bigint;
pub mod bignum;
pub mod bool_;
pub mod builtin_func;
pub mod bytearray;
pub mod bytes;
pub mod cell;
pub mod code;
pub mod complex;
pub mod descr;
pub mod dict;
pub mod dictviews;
pub mod exception;
pub mod file;
pub mod float;
pub mod floatrepr;
pub mod format;
pub mod function;
pub mod asyncgen;
pub mod generator;
pub mod int;
pub mod iterators;
pub mod list;
pub mod memoryview;
pub mod method;
pub mod module;
pub mod none;
pub mod object;
pub mod set;
pub mod slice;
pub mod range;
pub mod str;
pub mod strmethods;
pub mod super_;
pub mod tuple;
pub mod type_;
pub mod unicode_tables;
pub mod union;

/// Phase 2 of start-up: layouts and slots (no allocation allowed).
pub unsafe fn init_slots() {
    object::init_slots();
    type_::init_slots();
    union::init_slots();
    none::init_slots();
    bool_::init_slots();
    int::init_slots();
    bigint::init_slots();
    float::init_slots();
    complex::init_slots();
    str::init_slots();
    bytes::init_slots();
    bytearray::init_slots();
    memoryview::init_slots();
    file::init_slots();
    tuple::init_slots();
    list::init_slots();
    dict::init_slots();
    dictviews::init_slots();
    set::init_slots();
    range::init_slots();
    slice::init_slots();
    iterators::init_slots();
    builtin_func::init_slots();
    function::init_slots();
    method::init_slots();
    code::init_slots();
    cell::init_slots();
    module::init_slots();
    descr::init_slots();
    super_::init_slots();
    generator::init_slots();
    asyncgen::init_slots();
    exception::init_slots();
    crate::protocols::iter::init_slots();
    crate::modules::sys::init_slots();
}

/// Phase 4 of start-up: methods and attributes (types, str, dict exist).
pub fn init_methods() {
    object::init_methods();
    type_::init_methods();
    union::init_methods();
    none::init_methods();
    bool_::init_methods();
    int::init_methods();
    bigint::init_methods();
    float::init_methods();
    complex::init_methods();
    str::init_methods();
    bytes::init_methods();
    bytearray::init_methods();
    memoryview::init_methods();
    file::init_methods();
    tuple::init_methods();
    list::init_methods();
    dict::init_methods();
    dictviews::init_methods();
    set::init_methods();
    range::init_methods();
    slice::init_methods();
    iterators::init_methods();
    builtin_func::init_methods();
    function::init_methods();
    method::init_methods();
    code::init_methods();
    cell::init_methods();
    module::init_methods();
    descr::init_methods();
    super_::init_methods();
    generator::init_methods();
    asyncgen::init_methods();
    exception::init_methods();
    crate::modules::sys::init_methods();
}
