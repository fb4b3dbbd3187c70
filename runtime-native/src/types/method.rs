//! types/method.rs — `method`: a Python function bound to an object.
//! Neighbours: function.rs (descr_get creates these), protocols/call.rs.

use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

#[repr(C)]
pub struct MethodObject {
    pub header: ObjHeader,
    pub func: u64,
    pub self_: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Method);
    (*t).basicsize = std::mem::size_of::<MethodObject>() as u32;
    (*t).tpflags = TPFLAG_HAVE_GC;
    (*t).slots.drop = Some(m_drop);
    (*t).slots.traverse = Some(m_traverse);
    (*t).slots.call = Some(m_call);
    (*t).slots.repr = Some(m_repr);
    (*t).slots.richcmp = Some(m_richcmp);
    (*t).slots.hash = Some(m_hash);
    (*t).slots.getattr = Some(m_getattr);
}

pub fn init_methods() {
    // SAFETY (closures): installed only on `method`.
    crate::types::descr::add_getset(tp(TypeId::Method), "__func__", |v| unsafe { newref((*as_obj::<MethodObject>(v)).func) }, None);
    crate::types::descr::add_getset(tp(TypeId::Method), "__self__", |v| unsafe { newref((*as_obj::<MethodObject>(v)).self_) }, None);
}

/// A bound method (new reference).
pub fn method_new(func: u64, self_: u64) -> u64 {
    incref(func);
    incref(self_);
    // SAFETY: method type initialised.
    unsafe { from_ptr(new_object(tp(TypeId::Method), MethodObject { header: header0(), func, self_ })) }
}

unsafe fn m_drop(p: *mut ObjHeader) {
    let m = p as *mut MethodObject;
    decref((*m).func);
    decref((*m).self_);
}

unsafe fn m_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let m = p as *mut MethodObject;
    visit((*m).func);
    visit((*m).self_);
}

unsafe fn m_call(callee: u64, args: &[u64], kwnames: u64) -> u64 {
    let m = as_obj::<MethodObject>(callee);
    crate::protocols::call::call_with_self((*m).func, (*m).self_, args, kwnames)
}

unsafe fn m_repr(v: u64) -> u64 {
    let m = as_obj::<MethodObject>(v);
    let qn = match crate::protocols::attr::getattr_opt((*m).func, crate::types::str::intern("__qualname__")) {
        Ok(Some(q)) if crate::types::str::is_str(q) => {
            let s = crate::types::str::str_as(q).to_string();
            decref(q);
            s
        }
        _ => {
            crate::errors::clear_pending();
            "?".to_string()
        }
    };
    let sr = crate::errors::word(crate::protocols::repr::repr((*m).self_).map_err(|e| e));
    if sr == ERR {
        return ERR;
    }
    let s = format!("<bound method {} of {}>", qn, crate::types::str::str_as(sr));
    decref(sr);
    crate::types::str::str_from_string(s)
}

unsafe fn m_richcmp(a: u64, b: u64, op: CmpOp) -> u64 {
    if type_of(b) != tp(TypeId::Method) || !(op == CmpOp::Eq || op == CmpOp::Ne) {
        return NOT_IMPLEMENTED;
    }
    let (x, y) = (as_obj::<MethodObject>(a), as_obj::<MethodObject>(b));
    let eq = (*x).self_ == (*y).self_ && {
        let r = crate::protocols::compare::eq_bool((*x).func, (*y).func);
        match r {
            Ok(b) => b,
            Err(_) => return ERR,
        }
    };
    box_bool(eq == (op == CmpOp::Eq))
}

unsafe fn m_hash(v: u64) -> crate::errors::R<i64> {
    let m = as_obj::<MethodObject>(v);
    Ok(((*m).self_ as i64 ^ (*m).func as i64) >> 4)
}

/// Attributes not found on the method come from the function.
unsafe fn m_getattr(v: u64, name: u64) -> u64 {
    let r = crate::protocols::attr::generic_getattr_opt(v, name);
    match r {
        Ok(Some(x)) => x,
        Ok(None) => crate::protocols::attr::getattr((*as_obj::<MethodObject>(v)).func, name),
        Err(_) => ERR,
    }
}
