//! types/generator.rs — generators, coroutines and async generators: frames
//! of value slots resumed through `molt_dispatch(resume_code_id, gen, [sent])`
//! (specs/runtime-abi.md §7); `send`/`throw`/`close`, `yield from`
//! (`molt_yf_send`/`molt_yf_result`), StopIteration/GeneratorExit rules.
//! Neighbours: protocols/call.rs (dispatch + recursion depth), iter.rs.

use crate::errors::*;
use crate::object::*;
use crate::protocols::call::dispatch;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::exception::{eo, is_exception};
use crate::value::*;

pub const KIND_GENERATOR: u8 = 0;
pub const KIND_COROUTINE: u8 = 1;
pub const KIND_ASYNCGEN: u8 = 2;

#[repr(C)]
pub struct GeneratorObject {
    pub header: ObjHeader,
    /// The function that created it (owned).
    pub func: u64,
    pub resume: u32,
    pub kind: u8,
    pub running: bool,
    pub finished: bool,
    /// Set while an exception is being thrown in (check_throw on the gen).
    pub throwing: bool,
    pub state: i64,
    /// The frame's value slots; compiled code reads them inline (`GEN_SLOTS_PTR_OFFSET`).
    pub slots: crate::cvec::CVec<u64>,
    /// Return value after `gen.return` (owned) or 0.
    pub retval: u64,
    /// Result of the last finished `yield from` (owned) or 0.
    pub yf_result: u64,
}

/// Offset of the slot array's pointer in a generator object (`RUNTIME_ABI.layout64.genSlots`):
/// the header, `func`, (resume, kind, 3 flags) in one word, `state`, then the `CVec`.
pub const GEN_SLOTS_PTR_OFFSET: usize = std::mem::size_of::<ObjHeader>() + 3 * 8 + crate::cvec::CVEC_PTR_OFFSET;

fn id_for(kind: u8) -> TypeId {
    match kind {
        KIND_COROUTINE => TypeId::Coroutine,
        KIND_ASYNCGEN => TypeId::AsyncGenerator,
        _ => TypeId::Generator,
    }
}

pub unsafe fn init_slots() {
    for id in [TypeId::Generator, TypeId::Coroutine, TypeId::AsyncGenerator] {
        let t = tp(id);
        (*t).basicsize = std::mem::size_of::<GeneratorObject>() as u32;
        (*t).tpflags = TPFLAG_HAVE_GC;
        (*t).slots.drop = Some(gen_drop);
        (*t).slots.traverse = Some(gen_traverse);
        (*t).slots.clear = Some(gen_clear);
        (*t).slots.repr = Some(gen_repr);
    }
    let t = tp(TypeId::Generator);
    (*t).slots.iter = Some(|v| newref(v));
    (*t).slots.next = Some(gen_next);
}

pub fn init_methods() {
    for id in [TypeId::Generator, TypeId::Coroutine] {
        let t = tp(id);
        add_method(t, "send", gen_send_m);
        add_method(t, "throw", gen_throw_m);
        add_method(t, "close", gen_close_m);
        crate::types::descr::add_getset(t, "__name__", gen_name, None);
        crate::types::descr::add_getset(t, "__qualname__", gen_qualname, None);
        crate::types::descr::add_getset(t, "gi_running", |v| unsafe { box_bool((*go(v)).running) }, None);
        crate::types::descr::add_getset(t, "gi_frame", |v| unsafe { if (*go(v)).finished { NONE } else { TRUE } }, None);
    }
    add_method(tp(TypeId::Coroutine), "__await__", |a, _| newref(a[0]));
    add_method(tp(TypeId::Coroutine), "__next__", coro_next_m);
    let t = tp(TypeId::AsyncGenerator);
    add_method(t, "__aiter__", |a, _| newref(a[0]));
    crate::types::descr::add_getset(t, "__name__", gen_name, None);
    crate::types::descr::add_getset(t, "__qualname__", gen_qualname, None);
    crate::types::descr::add_getset(t, "ag_running", |v| unsafe { box_bool((*go(v)).running) }, None);
}

#[inline]
pub fn go(v: u64) -> *mut GeneratorObject {
    as_obj::<GeneratorObject>(v)
}

pub fn is_gen_like(v: u64) -> bool {
    is_ptr(v) && matches!(layout_of(v), TypeId::Generator | TypeId::Coroutine | TypeId::AsyncGenerator)
}

/// The function a generator belongs to (borrowed).
pub fn gen_func(g: u64) -> u64 {
    // SAFETY: g is a generator-like object.
    unsafe { (*go(g)).func }
}

unsafe fn gen_drop(p: *mut ObjHeader) {
    let g = p as *mut GeneratorObject;
    // A suspended generator or async generator is closed (its `finally`
    // blocks run), as CPython does when no async generator hooks are set.
    if !(*g).finished && (*g).state != 0 && (*g).kind != KIND_COROUTINE {
        // finalize: close() runs pending finally blocks
        (*p).refcnt = 1;
        let saved = take_pending();
        let r = gen_close(from_ptr(p));
        if r == ERR {
            let e = take_pending();
            write_unraisable(e, "Exception ignored in: ", from_ptr(p));
        } else {
            decref(r);
        }
        restore_pending(saved);
        (*p).refcnt = 0;
    }
    for &v in (*g).slots.iter() {
        decref_field(v);
    }
    std::ptr::drop_in_place(&mut (*g).slots);
    decref_field((*g).func);
    decref_field((*g).retval);
    decref_field((*g).yf_result);
}

unsafe fn gen_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let g = p as *mut GeneratorObject;
    for &v in (*g).slots.iter() {
        if v != 0 {
            visit(v);
        }
    }
    visit((*g).func);
}

unsafe fn gen_clear(p: *mut ObjHeader) {
    let g = p as *mut GeneratorObject;
    (*g).finished = true;
    let slots = (*g).slots.take_vec();
    for v in slots {
        decref_field(v);
    }
}

unsafe fn fname(v: u64, q: bool) -> u64 {
    let f = (*go(v)).func;
    if crate::types::function::is_function(f) {
        let fo = as_obj::<crate::types::function::FunctionObject>(f);
        return newref(if q { (*fo).qualname } else { (*fo).name });
    }
    crate::types::str::intern("?")
}
unsafe fn gen_name(v: u64) -> u64 {
    fname(v, false)
}
unsafe fn gen_qualname(v: u64) -> u64 {
    fname(v, true)
}

unsafe fn gen_repr(v: u64) -> u64 {
    let q = fname(v, true);
    let s = format!("<{} object {} at {:#x}>", tname(v), crate::types::str::str_as(q), ptr_of(v) as usize);
    decref(q);
    crate::types::str::str_from_string(s)
}

/// `gen.new`: a generator for function `f` resumed by `resume`.
#[no_mangle]
pub extern "C" fn molt_gen_new(f: u64, resume: u64, nslots: u64, kind: u64) -> u64 {
    incref(f);
    // SAFETY: generator types initialised.
    unsafe {
        from_ptr(new_object(
            tp(id_for(kind as u8)),
            GeneratorObject {
                header: header0(),
                func: f,
                resume: resume as u32,
                kind: kind as u8,
                running: false,
                finished: false,
                throwing: false,
                state: 0,
                slots: crate::cvec::CVec::from_vec(vec![UNBOUND; nslots as usize]),
                retval: 0,
                yf_result: 0,
            },
        ))
    }
}

#[no_mangle]
pub extern "C" fn molt_gen_load(g: u64, slot: u64) -> u64 {
    // SAFETY: compiled code passes its generator and a valid slot.
    unsafe { newref((&(*go(g)).slots)[slot as usize]) }
}

#[no_mangle]
pub extern "C" fn molt_gen_store(g: u64, v: u64, slot: u64) -> u64 {
    incref(v);
    // SAFETY: as above.
    unsafe { replace_field(&mut (&mut (*go(g)).slots)[slot as usize], v) };
    NONE
}

#[no_mangle]
pub extern "C" fn molt_gen_state(g: u64) -> u64 {
    // SAFETY: as above.
    unsafe { (*go(g)).state as u64 }
}

/// Raise the pending exception when resumed by throw(). The operand is the
/// sent value (THROW) or the generator itself.
#[no_mangle]
pub extern "C" fn molt_gen_check_throw(v: u64) -> u64 {
    if v == THROW {
        return ERR;
    }
    if is_gen_like(v) {
        // SAFETY: checked.
        unsafe {
            if (*go(v)).throwing {
                (*go(v)).throwing = false;
                return ERR;
            }
        }
    }
    NONE
}

/// `gen.yield`: record the state; returns the value word unchanged.
#[no_mangle]
pub extern "C" fn molt_gen_set_state(g: u64, v: u64, state: u64) -> u64 {
    // SAFETY: compiled code passes its generator.
    unsafe { (*go(g)).state = state as i64 };
    v
}

/// `gen.return`: finish with a return value; returns UNBOUND (what the
/// resume function then returns).
#[no_mangle]
pub extern "C" fn molt_gen_finish(g: u64, v: u64) -> u64 {
    // SAFETY: compiled code passes its generator.
    unsafe {
        let o = go(g);
        (*o).finished = true;
        let nv = if v == UNBOUND { NONE } else { newref(v) };
        let old = std::mem::replace(&mut (*o).retval, nv);
        decref_field(old);
    }
    UNBOUND
}

pub enum Resumed {
    Yield(u64),
    Return(u64),
    Err,
}

/// Resume a generator with `sent` (THROW: the exception is pending).
pub unsafe fn resume(g: u64, sent: u64) -> Resumed {
    let o = go(g);
    if (*o).finished {
        if sent == THROW {
            return Resumed::Err;
        }
        if (*o).kind == KIND_COROUTINE {
            raise(Exc::RuntimeError, "cannot reuse already awaited coroutine".to_string());
            return Resumed::Err;
        }
        return Resumed::Return(NONE);
    }
    if (*o).running {
        clear_if_throw(sent);
        let what = if (*o).kind == KIND_COROUTINE { "coroutine" } else { "generator" };
        raise(Exc::ValueError, format!("{} already executing", what));
        return Resumed::Err;
    }
    if (*o).state == 0 && sent != NONE && sent != THROW {
        let what = if (*o).kind == KIND_COROUTINE { "coroutine" } else { "generator" };
        raise_type_error(format!("can't send non-None value to a just-started {}", what));
        return Resumed::Err;
    }
    (*o).running = true;
    (*o).throwing = sent == THROW;
    incref(g);
    let params = [sent];
    let r = dispatch((*o).resume, g, params.as_ptr());
    (*o).running = false;
    (*o).throwing = false;
    let out = if r == ERR {
        (*o).finished = true;
        let sub = if (*o).kind == KIND_ASYNCGEN { Exc::StopAsyncIteration } else { Exc::StopIteration };
        if pending_matches(sub) || (sub == Exc::StopAsyncIteration && pending_matches(Exc::StopIteration)) {
            let e = take_pending();
            let what = match (*o).kind {
                KIND_COROUTINE => "coroutine raised StopIteration",
                KIND_ASYNCGEN => {
                    if is_instance(e, exc_type(Exc::StopIteration)) {
                        "async generator raised StopIteration"
                    } else {
                        "async generator raised StopAsyncIteration"
                    }
                }
                _ => "generator raised StopIteration",
            };
            let n = crate::types::exception::exc_with_msg(Exc::RuntimeError, what);
            replace_field(&mut (*eo(n)).cause, newref(e));
            replace_field(&mut (*eo(n)).context, e);
            (*eo(n)).suppress_context = TRUE;
            let rr = crate::runtime::rt();
            if rr.pending != 0 {
                decref(rr.pending);
            }
            rr.pending = n;
        }
        Resumed::Err
    } else if r == UNBOUND || (*o).finished {
        (*o).finished = true;
        let v = std::mem::replace(&mut (*o).retval, 0);
        let v = if v == 0 { NONE } else { v };
        release_slots(o);
        Resumed::Return(v)
    } else {
        Resumed::Yield(r)
    };
    decref(g);
    out
}

unsafe fn release_slots(o: *mut GeneratorObject) {
    let slots = (*o).slots.take_vec();
    for v in slots {
        decref_field(v);
    }
}

fn clear_if_throw(sent: u64) {
    if sent == THROW {
        clear_pending();
    }
}

/// StopIteration(value) pending (value borrowed).
pub fn raise_stop_iteration(v: u64) -> u64 {
    if v == NONE {
        raise_noarg(Exc::StopIteration)
    } else {
        raise_args(Exc::StopIteration, &[v])
    }
}

unsafe fn gen_next(g: u64) -> u64 {
    match resume(g, NONE) {
        Resumed::Yield(v) => v,
        Resumed::Return(v) => {
            if v != NONE {
                // keep the value reachable for `yield from` users of next()
                let r = raise_stop_iteration(v);
                decref(v);
                return r;
            }
            UNBOUND
        }
        Resumed::Err => ERR,
    }
}

/// `gen.send(v)`: the next yielded value, or StopIteration(return value).
pub unsafe fn gen_send(g: u64, v: u64) -> u64 {
    match resume(g, v) {
        Resumed::Yield(x) => x,
        Resumed::Return(x) => {
            let r = raise_stop_iteration(x);
            decref(x);
            r
        }
        Resumed::Err => ERR,
    }
}

unsafe fn gen_send_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("send", args, kw, 2, 2));
    gen_send(args[0], args[1])
}

unsafe fn coro_next_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__next__", args, kw, 1, 1));
    gen_send(args[0], NONE)
}

/// Build the exception for `throw(typ[, val])` (new reference).
pub unsafe fn throw_value(typ: u64, val: u64) -> R<u64> {
    if is_type(typ) && is_subtype(as_type(typ), tp(TypeId::BaseException)) {
        if val == UNBOUND || val == NONE {
            return crate::types::exception::instantiate(typ);
        }
        if is_exception(val) && is_instance(val, as_type(typ)) {
            return Ok(newref(val));
        }
        let args: Vec<u64> = if crate::types::tuple::is_tuple(val) { crate::types::tuple::tuple_items(val).to_vec() } else { vec![val] };
        let e = chk(crate::protocols::call::call_function(typ, &args, 0))?;
        return Ok(e);
    }
    if is_exception(typ) {
        if val != UNBOUND && val != NONE {
            return Err(raise_type_error_p("instance exception may not have a separate value".to_string()));
        }
        return Ok(newref(typ));
    }
    Err(raise_type_error_p(format!(
        "exceptions must be classes or instances deriving from BaseException, not {}",
        tname(typ)
    )))
}

/// Throw `exc` (owned) into the generator.
pub unsafe fn gen_throw(g: u64, exc: u64) -> u64 {
    let o = go(g);
    if (*o).state == 0 || (*o).finished {
        (*o).finished = true;
        release_slots(o);
        return crate::types::exception::molt_reraise_owned(exc);
    }
    crate::types::exception::molt_reraise_owned(exc);
    gen_send_throw(g)
}

unsafe fn gen_send_throw(g: u64) -> u64 {
    match resume(g, THROW) {
        Resumed::Yield(x) => x,
        Resumed::Return(x) => {
            let r = raise_stop_iteration(x);
            decref(x);
            r
        }
        Resumed::Err => ERR,
    }
}

unsafe fn gen_throw_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("throw", args, kw, 2, 4));
    let e = ok!(throw_value(args[1], if args.len() > 2 { args[2] } else { UNBOUND }));
    gen_throw(args[0], e)
}

/// `gen.close()`.
pub unsafe fn gen_close(g: u64) -> u64 {
    let o = go(g);
    if (*o).finished || (*o).state == 0 {
        (*o).finished = true;
        release_slots(o);
        return NONE;
    }
    let e = crate::types::exception::new_exception(exc_type(Exc::GeneratorExit), &[]);
    crate::types::exception::molt_reraise_owned(e);
    match resume(g, THROW) {
        Resumed::Yield(x) => {
            decref(x);
            raise(Exc::RuntimeError, "generator ignored GeneratorExit".to_string())
        }
        Resumed::Return(x) => {
            decref(x);
            NONE
        }
        Resumed::Err => {
            if pending_matches(Exc::GeneratorExit) || pending_matches(Exc::StopIteration) {
                clear_pending();
                NONE
            } else {
                ERR
            }
        }
    }
}

unsafe fn gen_close_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("close", args, kw, 1, 1));
    gen_close(args[0])
}

// ---- yield from ----------------------------------------------------------

unsafe fn set_yf_result(g: u64, v: u64) {
    let old = std::mem::replace(&mut (*go(g)).yf_result, v);
    decref_field(old);
}

/// Take StopIteration's value from the pending exception (new ref), or
/// None when the pending exception is not StopIteration.
pub fn take_stop_value() -> Option<u64> {
    if !pending_matches(Exc::StopIteration) {
        return None;
    }
    let e = take_pending();
    let v = match crate::protocols::attr::instance_dict(e).and_then(|d| crate::types::dict::dict_get_str(d, "value")) {
        Some(v) => newref(v),
        None => {
            // SAFETY: e is an exception.
            let a = unsafe { crate::types::tuple::tuple_items((*eo(e)).args) };
            if a.is_empty() {
                NONE
            } else {
                newref(a[0])
            }
        }
    };
    decref(e);
    Some(v)
}

#[no_mangle]
pub extern "C" fn molt_yf_send(g: u64, sub: u64, sent: u64) -> u64 {
    // SAFETY: operands are live words from compiled code.
    unsafe {
        let r = if sent == THROW {
            let exc = take_pending();
            if is_instance(exc, exc_type(Exc::GeneratorExit)) {
                // close the subiterator, then re-raise
                let c = if is_gen_like(sub) {
                    gen_close(sub)
                } else {
                    match crate::protocols::attr::getattr_opt(sub, crate::types::str::intern("close")) {
                        Ok(Some(f)) => {
                            let r = crate::protocols::call::call_function(f, &[], 0);
                            decref(f);
                            r
                        }
                        Ok(None) => NONE,
                        Err(_) => ERR,
                    }
                };
                if c == ERR {
                    decref(exc);
                    return ERR;
                }
                decref(c);
                return crate::types::exception::molt_reraise_owned(exc);
            }
            if is_gen_like(sub) {
                gen_throw(sub, exc)
            } else {
                match crate::protocols::attr::getattr_opt(sub, crate::types::str::intern("throw")) {
                    Ok(Some(f)) => {
                        let r = crate::protocols::call::call_function(f, &[exc], 0);
                        decref(f);
                        decref(exc);
                        r
                    }
                    Ok(None) => return crate::types::exception::molt_reraise_owned(exc),
                    Err(_) => {
                        decref(exc);
                        return ERR;
                    }
                }
            }
        } else if is_gen_like(sub) && (*go(sub)).kind != KIND_ASYNCGEN {
            match resume(sub, sent) {
                Resumed::Yield(x) => x,
                Resumed::Return(x) => {
                    set_yf_result(g, x);
                    return UNBOUND;
                }
                Resumed::Err => ERR,
            }
        } else if sent == NONE {
            let t = type_of(sub);
            match (*t).slots.next {
                Some(n) => {
                    let r = n(sub);
                    if r == UNBOUND {
                        set_yf_result(g, NONE);
                        return UNBOUND;
                    }
                    r
                }
                None => crate::protocols::call::call_method_str(sub, "__next__", &[]),
            }
        } else {
            crate::protocols::call::call_method_str(sub, "send", &[sent])
        };
        if r == ERR {
            if let Some(v) = take_stop_value() {
                set_yf_result(g, v);
                return UNBOUND;
            }
            return ERR;
        }
        r
    }
}

#[no_mangle]
pub extern "C" fn molt_yf_result(g: u64) -> u64 {
    // SAFETY: g is the compiled code's generator.
    unsafe {
        let v = std::mem::replace(&mut (*go(g)).yf_result, 0);
        if v == 0 {
            NONE
        } else {
            v
        }
    }
}
