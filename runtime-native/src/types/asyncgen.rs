//! types/asyncgen.rs — the async generator protocol on top of generator
//! frames (types/generator.rs): `__anext__`/`asend` return an awaitable
//! (`async_generator_asend`), `athrow`/`aclose` another
//! (`async_generator_athrow`). Driving the awaitable resumes the async
//! generator; what its body yields with `yield` arrives wrapped (the
//! frontend emits `asyncgen.wrap`, `molt_asyncgen_wrap`), which ends the
//! await with that value (StopIteration(value)); anything else it yields
//! comes from an `await` inside and goes on to whoever drives the awaitable.
//! The end of the body is StopAsyncIteration.
//! Neighbours: types/generator.rs (resume, throw, close), protocols/iter.rs.

use crate::errors::*;
use crate::object::*;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::generator::{go, raise_stop_iteration, resume, throw_value, Resumed};
use crate::value::*;

/// A value the async generator's body yielded (owned).
#[repr(C)]
pub struct Wrapped {
    pub header: ObjHeader,
    pub value: u64,
}

const MODE_ASEND: u8 = 0;
const MODE_ATHROW: u8 = 1;
const MODE_ACLOSE: u8 = 2;

const STATE_INIT: u8 = 0;
const STATE_ITER: u8 = 1;
const STATE_CLOSED: u8 = 2;

/// `async_generator_asend` and `async_generator_athrow`.
#[repr(C)]
pub struct Awaitable {
    pub header: ObjHeader,
    /// The async generator (owned).
    pub agen: u64,
    /// asend: the value sent first; athrow: the exception thrown first; both owned (0: none).
    pub value: u64,
    pub mode: u8,
    pub state: u8,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::AsyncGenWrapped);
    (*t).basicsize = std::mem::size_of::<Wrapped>() as u32;
    (*t).slots.drop = Some(wrapped_drop);
    for id in [TypeId::AsyncGenASend, TypeId::AsyncGenAThrow] {
        let t = tp(id);
        (*t).basicsize = std::mem::size_of::<Awaitable>() as u32;
        (*t).tpflags = TPFLAG_HAVE_GC;
        (*t).slots.drop = Some(aw_drop);
        (*t).slots.clear = Some(aw_drop);
        (*t).slots.traverse = Some(aw_traverse);
        (*t).slots.iter = Some(|v| newref(v));
        (*t).slots.next = Some(aw_next);
    }
}

pub fn init_methods() {
    let t = tp(TypeId::AsyncGenerator);
    add_method(t, "__anext__", anext_m);
    add_method(t, "asend", asend_m);
    add_method(t, "athrow", athrow_m);
    add_method(t, "aclose", aclose_m);
    for id in [TypeId::AsyncGenASend, TypeId::AsyncGenAThrow] {
        let t = tp(id);
        add_method(t, "__await__", |a, _| newref(a[0]));
        add_method(t, "send", aw_send_m);
        add_method(t, "throw", aw_throw_m);
        add_method(t, "close", aw_close_m);
    }
}

unsafe fn wrapped_drop(p: *mut ObjHeader) {
    decref_field((*(p as *mut Wrapped)).value);
}

unsafe fn aw_drop(p: *mut ObjHeader) {
    let o = p as *mut Awaitable;
    decref_field(std::mem::replace(&mut (*o).agen, 0));
    decref_field(std::mem::replace(&mut (*o).value, 0));
}

unsafe fn aw_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let o = p as *mut Awaitable;
    for v in [(*o).agen, (*o).value] {
        if v != 0 {
            visit(v);
        }
    }
}

/// `asyncgen.wrap`: box a value the body yields (borrowed in, new reference out).
#[no_mangle]
pub extern "C" fn molt_asyncgen_wrap(v: u64) -> u64 {
    incref(v);
    // SAFETY: the type is initialised.
    unsafe { from_ptr(new_object(tp(TypeId::AsyncGenWrapped), Wrapped { header: header0(), value: v })) }
}

fn is_agen(v: u64) -> bool {
    is_ptr(v) && layout_of(v) == TypeId::AsyncGenerator
}

unsafe fn awaitable(agen: u64, value: u64, mode: u8) -> u64 {
    incref(agen);
    let id = if mode == MODE_ASEND { TypeId::AsyncGenASend } else { TypeId::AsyncGenAThrow };
    from_ptr(new_object(tp(id), Awaitable { header: header0(), agen, value, mode, state: STATE_INIT }))
}

fn self_agen(name: &str, args: &[u64], kw: u64, min: usize, max: usize) -> R<u64> {
    check_args(name, args, kw, min, max)?;
    if !is_agen(args[0]) {
        return Err(raise_type_error_p(format!("descriptor '{}' requires an 'async_generator' object but received '{}'", name, tname(args[0]))));
    }
    Ok(args[0])
}

unsafe fn anext_m(args: &[u64], kw: u64) -> u64 {
    let g = ok!(self_agen("__anext__", args, kw, 1, 1));
    awaitable(g, NONE, MODE_ASEND)
}

unsafe fn asend_m(args: &[u64], kw: u64) -> u64 {
    let g = ok!(self_agen("asend", args, kw, 2, 2));
    incref(args[1]);
    awaitable(g, args[1], MODE_ASEND)
}

unsafe fn athrow_m(args: &[u64], kw: u64) -> u64 {
    let g = ok!(self_agen("athrow", args, kw, 2, 4));
    let e = ok!(throw_value(args[1], if args.len() > 2 { args[2] } else { UNBOUND }));
    awaitable(g, e, MODE_ATHROW)
}

unsafe fn aclose_m(args: &[u64], kw: u64) -> u64 {
    let g = ok!(self_agen("aclose", args, kw, 1, 1));
    awaitable(g, 0, MODE_ACLOSE)
}

fn aw(v: u64) -> *mut Awaitable {
    as_obj::<Awaitable>(v)
}

/// What a resumption of the async generator means for the awaitable:
/// a wrapped value ends the await with it; another yield passes on.
unsafe fn outcome(o: *mut Awaitable, r: Resumed) -> u64 {
    match r {
        Resumed::Yield(x) => {
            if !is_ptr(x) || layout_of(x) != TypeId::AsyncGenWrapped {
                return x;
            }
            (*o).state = STATE_CLOSED;
            let v = newref((*as_obj::<Wrapped>(x)).value);
            decref(x);
            if (*o).mode == MODE_ACLOSE {
                decref(v);
                return raise(Exc::RuntimeError, "async generator ignored GeneratorExit".to_string());
            }
            let r = raise_stop_iteration(v);
            decref(v);
            r
        }
        Resumed::Return(x) => {
            decref(x);
            (*o).state = STATE_CLOSED;
            if (*o).mode == MODE_ACLOSE {
                return raise_noarg(Exc::StopIteration);
            }
            raise_noarg(Exc::StopAsyncIteration)
        }
        Resumed::Err => {
            (*o).state = STATE_CLOSED;
            if (*o).mode == MODE_ACLOSE && (pending_matches(Exc::GeneratorExit) || pending_matches(Exc::StopAsyncIteration)) {
                clear_pending();
                return raise_noarg(Exc::StopIteration);
            }
            ERR
        }
    }
}

/// `send(x)` of an awaitable (x borrowed).
unsafe fn aw_send(v: u64, x: u64) -> u64 {
    let o = aw(v);
    if (*o).state == STATE_CLOSED {
        let what = if (*o).mode == MODE_ASEND { "cannot reuse already awaited __anext__()/asend()" } else { "cannot reuse already awaited aclose()/athrow()" };
        return raise(Exc::RuntimeError, what.to_string());
    }
    let g = (*o).agen;
    if (*o).state == STATE_INIT {
        (*o).state = STATE_ITER;
        if (*o).mode == MODE_ASEND {
            let first = if x == NONE { std::mem::replace(&mut (*o).value, 0) } else { newref(x) };
            let first = if first == 0 { NONE } else { first };
            let r = resume(g, first);
            decref(first);
            return outcome(o, r);
        }
        let exc = if (*o).mode == MODE_ACLOSE {
            crate::types::exception::new_exception(exc_type(Exc::GeneratorExit), &[])
        } else {
            std::mem::replace(&mut (*o).value, 0)
        };
        return throw_into(o, exc, (*o).mode == MODE_ACLOSE);
    }
    outcome(o, resume(g, x))
}

/// Throw `exc` (owned) into the awaitable's async generator. One that has
/// not started or has finished runs nothing: `exc` is raised, or with
/// `close_ends` (an `aclose`) the await just ends.
unsafe fn throw_into(o: *mut Awaitable, exc: u64, close_ends: bool) -> u64 {
    let gen = go((*o).agen);
    if (*gen).finished || (*gen).state == 0 {
        (*gen).finished = true;
        (*o).state = STATE_CLOSED;
        if close_ends {
            decref(exc);
            return raise_noarg(Exc::StopIteration);
        }
        return crate::types::exception::molt_reraise_owned(exc);
    }
    crate::types::exception::molt_reraise_owned(exc);
    outcome(o, resume((*o).agen, THROW))
}

unsafe fn aw_next(v: u64) -> u64 {
    aw_send(v, NONE)
}

unsafe fn aw_send_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("send", args, kw, 2, 2));
    aw_send(args[0], args[1])
}

unsafe fn aw_throw_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("throw", args, kw, 2, 4));
    let o = aw(args[0]);
    if (*o).state == STATE_CLOSED {
        return raise(Exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()".to_string());
    }
    let e = ok!(throw_value(args[1], if args.len() > 2 { args[2] } else { UNBOUND }));
    (*o).state = STATE_ITER;
    throw_into(o, e, false)
}

unsafe fn aw_close_m(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("close", args, kw, 1, 1));
    (*aw(args[0])).state = STATE_CLOSED;
    NONE
}
