//! molt-runtime — the Python 3.12 object model and runtime ABI of Molt,
//! one source for native (static library) and wasm32-wasi builds.
//! See DESIGN.md for the layout and conventions, and
//! ../specs/runtime-abi.md for the contract with compiled code.

#![allow(clippy::missing_safety_doc)]
#![allow(clippy::not_unsafe_ptr_arg_deref)]

pub mod abi_consts;
#[macro_use]
pub mod errors;
pub mod cvec;
pub mod entry;
pub mod gc;
pub mod json;
pub mod modules;
pub mod object;
pub mod profile;
pub mod protocols;
pub mod runtime;
pub mod slotdefs;
pub mod stubs;
pub mod typeobj;
pub mod types;
pub mod value;

#[cfg(test)]
mod tests;
