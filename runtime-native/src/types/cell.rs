//! types/cell.rs — `cell`: a closure variable shared between scopes, and the
//! exports `molt_cell_*`.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

#[repr(C)]
pub struct CellObject {
    pub header: ObjHeader,
    /// UNBOUND when empty.
    pub value: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Cell);
    (*t).basicsize = std::mem::size_of::<CellObject>() as u32;
    (*t).tpflags = TPFLAG_HAVE_GC;
    (*t).slots.drop = Some(cell_drop);
    (*t).slots.traverse = Some(cell_traverse);
    (*t).slots.clear = Some(cell_clear);
}

pub fn init_methods() {
    crate::types::descr::add_getset(tp(TypeId::Cell), "cell_contents", cell_contents, None);
}

unsafe fn cell_contents(c: u64) -> u64 {
    let v = (*as_obj::<CellObject>(c)).value;
    if v == UNBOUND {
        return raise(Exc::ValueError, "Cell is empty".to_string());
    }
    newref(v)
}

unsafe fn cell_drop(p: *mut ObjHeader) {
    decref((*(p as *mut CellObject)).value);
}
unsafe fn cell_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    visit((*(p as *mut CellObject)).value);
}
unsafe fn cell_clear(p: *mut ObjHeader) {
    let old = std::mem::replace(&mut (*(p as *mut CellObject)).value, UNBOUND);
    decref(old);
}

pub fn cell_new(v: u64) -> u64 {
    incref(v);
    // SAFETY: cell type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::Cell), CellObject { header: header0(), value: v })) }
}

/// The contents of a cell (borrowed; UNBOUND when empty).
pub fn cell_peek(c: u64) -> u64 {
    // SAFETY: caller passes a cell.
    unsafe { (*as_obj::<CellObject>(c)).value }
}

pub fn cell_set(c: u64, v: u64) {
    incref(v);
    // SAFETY: caller passes a cell.
    unsafe { replace_field(&mut (*as_obj::<CellObject>(c)).value, v) }
}

#[no_mangle]
pub extern "C" fn molt_cell_new(v: u64) -> u64 {
    cell_new(v)
}

#[no_mangle]
pub extern "C" fn molt_cell_get(c: u64, name: u64) -> u64 {
    let v = cell_peek(c);
    if v == UNBOUND {
        let n = if crate::types::str::is_str(name) { crate::types::str::str_as(name) } else { "?" };
        return raise(
            Exc::NameError,
            format!("cannot access free variable '{}' where it is not associated with a value in enclosing scope", n),
        );
    }
    newref(v)
}

#[no_mangle]
pub extern "C" fn molt_cell_set(c: u64, v: u64) -> u64 {
    cell_set(c, v);
    NONE
}

#[no_mangle]
pub extern "C" fn molt_cell_peek(c: u64) -> u64 {
    newref(cell_peek(c))
}
