//! stubs.rs — exported IR-op symbols whose real implementation has not
//! landed yet. Each raises NotImplementedError with a clear message (or does
//! the minimal correct thing). When you implement one, MOVE it into the file
//! that owns its semantics and delete it here (see DESIGN.md).

#[allow(unused_imports)]
use crate::errors::*;
