//! modules/missing.rs — what a program gets for a public name of CPython 3.12
//! that a module Molt provides lacks: a placeholder function whose call
//! raises `NotImplementedError("math.sumprod is not implemented by Molt")`,
//! or that error at once when the name is not callable in CPython. Driven by
//! the generated table `stdlib_missing.rs` (tools/stdlib-audit.mjs); used by
//! the module getattr slot (types/module.rs, so `mod.name` and `from mod
//! import name`) and by builtins lookup of bare names (modules/globals.rs).

use crate::errors::*;

use super::stdlib_missing::MISSING;

/// (module index, name index) of `module.name` in the table.
fn find(module: &str, name: &str) -> Option<(usize, usize)> {
    let mi = MISSING.iter().position(|(m, _)| *m == module)?;
    let ni = MISSING[mi].1.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    Some((mi, ni))
}

/// True when `module.name` is a CPython name Molt lacks.
pub fn is_missing(module: &str, name: &str) -> bool {
    find(module, name).is_some()
}

fn not_implemented(mi: usize, ni: usize) -> u64 {
    raise(
        Exc::NotImplementedError,
        format!("{}.{} is not implemented by Molt", MISSING[mi].0, MISSING[mi].1[ni].0),
    )
}

unsafe fn call_placeholder(data: usize, _owner: *mut crate::typeobj::TypeObject, _args: &[u64], _kw: u64) -> u64 {
    not_implemented(data >> 16, data & 0xffff)
}

/// The placeholder for `module.name` (new reference, or ERR with
/// NotImplementedError pending for a non-callable name); None when CPython
/// has no such public name either.
pub fn placeholder(module: &str, name: &str) -> Option<u64> {
    let (mi, ni) = find(module, name)?;
    let (n, callable) = MISSING[mi].1[ni];
    if !callable {
        return Some(not_implemented(mi, ni));
    }
    Some(crate::types::builtin_func::new_builtin_data(n, MISSING[mi].0, call_placeholder, (mi << 16) | ni))
}
