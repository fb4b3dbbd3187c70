//! protocols/ — generic operations dispatched through type slots: attribute
//! access, calls, comparison, hashing, iteration, items, numbers, repr/str,
//! truth, context managers. Each file also holds the `molt_*` exports of
//! its IR ops.

pub mod attr;
pub mod call;
pub mod compare;
pub mod hash;
pub mod item;
pub mod iter;
pub mod method;
pub mod number;
pub mod pattern;
pub mod repr;
pub mod sequence;
pub mod truth;
pub mod with;
