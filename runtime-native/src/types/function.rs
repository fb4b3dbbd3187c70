//! types/function.rs — `function`: a compiled Python function (code,
//! globals, defaults, closure) and the exports `molt_func_*`,
//! `molt_guard_code`.
//! Neighbours: code.rs, protocols/call.rs (calling binds arguments and
//! dispatches to compiled code), method.rs (binding).

use crate::errors::*;
use crate::object::*;
use crate::runtime::rt;
use crate::typeobj::*;
use crate::types::code::CodeObject;
use crate::value::*;

#[repr(C)]
pub struct FunctionObject {
    pub header: ObjHeader,
    pub code: *mut CodeObject,
    pub globals: u64,
    /// tuple or NONE
    pub defaults: u64,
    /// dict or NONE
    pub kwdefaults: u64,
    /// tuple of cells or NONE
    pub closure: u64,
    /// dict or NONE
    pub annotations: u64,
    pub name: u64,
    pub qualname: u64,
    pub module: u64,
    pub doc: u64,
    /// `__dict__` (0 until first set).
    pub dict: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Function);
    (*t).basicsize = std::mem::size_of::<FunctionObject>() as u32;
    (*t).tpflags = TPFLAG_HAVE_GC;
    (*t).dict_offset = (std::mem::size_of::<FunctionObject>() - 8) as u32;
    (*t).slots.drop = Some(f_drop);
    (*t).slots.traverse = Some(f_traverse);
    (*t).slots.clear = Some(f_clear);
    (*t).slots.call = Some(crate::protocols::call::function_call_slot);
    (*t).slots.descr_get = Some(f_descr_get);
    (*t).slots.repr = Some(f_repr);
}

macro_rules! fld {
    ($f:ident) => {
        // SAFETY: installed only on `function`.
        |v| unsafe { newref((*as_obj::<FunctionObject>(v)).$f) }
    };
}

pub fn init_methods() {
    use crate::types::descr::add_getset;
    let t = tp(TypeId::Function);
    add_getset(t, "__name__", fld!(name), Some(set_name));
    add_getset(t, "__qualname__", fld!(qualname), Some(set_qualname));
    add_getset(t, "__module__", fld!(module), Some(set_module));
    add_getset(t, "__doc__", fld!(doc), Some(set_doc));
    add_getset(t, "__defaults__", fld!(defaults), Some(set_defaults));
    add_getset(t, "__kwdefaults__", fld!(kwdefaults), Some(set_kwdefaults));
    add_getset(t, "__closure__", fld!(closure), None);
    add_getset(t, "__globals__", fld!(globals), None);
    add_getset(t, "__annotations__", get_annotations, Some(set_annotations));
    add_getset(t, "__code__", |v| unsafe { newref(from_ptr((*as_obj::<FunctionObject>(v)).code)) }, None);
    add_getset(t, "__builtins__", |_| newref(rt().builtins_dict), None);
}

unsafe fn get_annotations(v: u64) -> u64 {
    let f = as_obj::<FunctionObject>(v);
    if (*f).annotations == NONE {
        (*f).annotations = crate::types::dict::dict_new();
    }
    newref((*f).annotations)
}

macro_rules! setter {
    ($name:ident, $f:ident) => {
        unsafe fn $name(o: u64, v: u64) -> u64 {
            if v == UNBOUND {
                return raise_type_error(concat!("cannot delete ", stringify!($f)).to_string());
            }
            incref(v);
            replace_field(&mut (*as_obj::<FunctionObject>(o)).$f, v);
            NONE
        }
    };
}
setter!(set_name, name);
setter!(set_qualname, qualname);
setter!(set_module, module);
setter!(set_doc, doc);
setter!(set_defaults, defaults);
setter!(set_kwdefaults, kwdefaults);
setter!(set_annotations, annotations);

unsafe fn f_drop(p: *mut ObjHeader) {
    let f = p as *mut FunctionObject;
    for v in [(*f).globals, (*f).defaults, (*f).kwdefaults, (*f).closure, (*f).annotations, (*f).name, (*f).qualname, (*f).module, (*f).doc, (*f).dict] {
        decref_field(v);
    }
}

unsafe fn f_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let f = p as *mut FunctionObject;
    for v in [(*f).globals, (*f).defaults, (*f).kwdefaults, (*f).closure, (*f).annotations, (*f).module, (*f).doc, (*f).dict] {
        if v != 0 {
            visit(v);
        }
    }
}

unsafe fn f_clear(p: *mut ObjHeader) {
    let f = p as *mut FunctionObject;
    for v in [&mut (*f).defaults, &mut (*f).kwdefaults, &mut (*f).closure, &mut (*f).annotations, &mut (*f).dict] {
        let old = std::mem::replace(v, NONE);
        decref_field(old);
    }
    (*f).dict = 0;
}

unsafe fn f_descr_get(f: u64, obj: u64, _owner: u64) -> u64 {
    if obj == UNBOUND {
        return newref(f);
    }
    crate::types::method::method_new(f, obj)
}

unsafe fn f_repr(v: u64) -> u64 {
    let f = as_obj::<FunctionObject>(v);
    crate::types::str::str_from_string(format!(
        "<function {} at {:#x}>",
        crate::types::str::str_as((*f).qualname),
        ptr_of(v) as usize
    ))
}

#[inline]
pub fn is_function(v: u64) -> bool {
    is_ptr(v) && type_of(v) == tp(TypeId::Function)
}

/// The globals dict for code `c` (module found by filename).
pub unsafe fn globals_for_code(c: *mut CodeObject) -> u64 {
    if (*c).globals != 0 {
        return (*c).globals;
    }
    match rt().file_globals.get(&(*c).filename) {
        Some(&g) => {
            (*c).globals = g;
            g
        }
        None => {
            // no module ran with this filename: __main__'s globals, else a fresh dict
            let m = crate::types::dict::dict_get_str(rt().modules, "__main__");
            match m {
                Some(m) => crate::types::module::module_dict(m),
                None => {
                    let d = crate::types::dict::dict_new();
                    make_immortal(d);
                    (*c).globals = d;
                    d
                }
            }
        }
    }
}

/// `func.new`: a function object for `code_id`.
#[no_mangle]
pub extern "C" fn molt_func_new(defaults: u64, kwdefaults: u64, closure: u64, annotations: u64, code_id: u64) -> u64 {
    let c = match crate::types::code::code_by_id(code_id as u32) {
        Some(c) => c,
        None => return raise(Exc::SystemError, format!("func.new: no code object for code_id {}", code_id)),
    };
    // SAFETY: c is a live (immortal) code object.
    unsafe {
        let globals = globals_for_code(c);
        let module = crate::types::dict::dict_get_str(globals, "__name__").unwrap_or(NONE);
        let norm = |v: u64| if v == UNBOUND || v == 0 { NONE } else { v };
        let defaults = norm(defaults);
        let defaults = if is_ptr(defaults) && crate::types::tuple::is_tuple(defaults) && crate::types::tuple::tuple_items(defaults).is_empty() { NONE } else { defaults };
        let fo = FunctionObject {
            header: header0(),
            code: c,
            globals: newref(globals),
            defaults: newref(defaults),
            kwdefaults: newref(norm(kwdefaults)),
            closure: newref(norm(closure)),
            annotations: newref(norm(annotations)),
            name: newref((*c).name),
            qualname: newref((*c).qualname),
            module: newref(module),
            doc: (*c).doc,
            dict: 0,
        };
        from_ptr(new_object(tp(TypeId::Function), fo))
    }
}

/// `func.closure`: cell `index` of the closure of `f` (new reference).
#[no_mangle]
pub extern "C" fn molt_func_closure(f: u64, index: u64) -> u64 {
    // SAFETY: compiled code passes its own function object.
    unsafe {
        let fo = as_obj::<FunctionObject>(f);
        newref(crate::types::tuple::tuple_items((*fo).closure)[index as usize])
    }
}

/// `func.globals`: globals of a function, module or generator (borrowed:
/// the function keeps them alive; compiled code never releases them).
#[no_mangle]
pub extern "C" fn molt_func_globals(s: u64) -> u64 {
    globals_of(s)
}

/// Borrowed globals of a function, module or generator.
pub fn globals_of(s: u64) -> u64 {
    match layout_of(s) {
        // SAFETY: layouts checked.
        TypeId::Function => unsafe { (*as_obj::<FunctionObject>(s)).globals },
        TypeId::Module => crate::types::module::module_dict(s),
        TypeId::Generator | TypeId::Coroutine | TypeId::AsyncGenerator => {
            globals_of(crate::types::generator::gen_func(s))
        }
        _ => rt().builtins_dict,
    }
}

/// `guard.code`: `f` is a function for `code_id` with no defaults to apply.
#[no_mangle]
pub extern "C" fn molt_guard_code(f: u64, code_id: u64) -> u64 {
    if !is_function(f) {
        return 0;
    }
    // SAFETY: checked function.
    unsafe {
        let fo = as_obj::<FunctionObject>(f);
        ((*(*fo).code).code_id as u64 == code_id) as u64
    }
}

/// `guard.range`: `a` is the builtin `range` type itself (rebinding
/// `builtins.range` does not change it), so compiled code may run
/// `for x in range(...)` on an unboxed counter.
#[no_mangle]
pub extern "C" fn molt_guard_range(a: u64) -> u64 {
    (a == from_ptr(tp(TypeId::Range))) as u64
}

/// `guard.builtin`: `a` is the runtime's builtin function number `which`
/// (0: `math.sqrt`) itself, not bound to an object, whatever name the
/// program reaches it by, so compiled code may compute it inline. The
/// function pointer identifies it: a copy of the module or a rebinding
/// still passes, another callable never does.
#[no_mangle]
pub extern "C" fn molt_guard_builtin(a: u64, which: u64) -> u64 {
    use crate::types::builtin_func::{BuiltinFunction, NativeFn};
    let want: NativeFn = match which {
        0 => crate::modules::math::sqrt,
        _ => return 0,
    };
    if !is_ptr(a) || type_of(a) != tp(TypeId::BuiltinFunction) {
        return 0;
    }
    // SAFETY: checked builtin function object.
    unsafe {
        let f = as_obj::<BuiltinFunction>(a);
        ((*f).self_ == 0 && (*f).func.map_or(false, |g| g as usize == want as usize)) as u64
    }
}

/// `guard.type`: `type(a) is b`.
#[no_mangle]
pub extern "C" fn molt_guard_type(a: u64, b: u64) -> u64 {
    (from_ptr(type_of(a)) == b) as u64
}

/// Byte offset of `globals` in a function object: compiled code loads a
/// plain function's globals inline (`func.globals`). Kept true by
/// `tests::layout` and mirrored in lower-native's `layout.ts`.
pub const FUNCTION_GLOBALS_OFFSET: usize = 24;

/// The runtime's call-depth counter, for the depth check compiled code does
/// around `call.direct` (which bypasses `molt_dispatch`).
#[no_mangle]
pub extern "C" fn molt_depth_ptr() -> *mut u32 {
    &mut rt().depth
}

/// The recursion limit (`sys.setrecursionlimit`), read by compiled code.
#[no_mangle]
pub extern "C" fn molt_recursion_limit_ptr() -> *mut u32 {
    &mut rt().recursion_limit
}

/// Raise `RecursionError` for a direct call over the limit; returns ERR.
#[no_mangle]
pub extern "C" fn molt_recursion_error() -> u64 {
    raise(Exc::RecursionError, "maximum recursion depth exceeded".to_string())
}

/// Raw type-object pointers compiled code compares inline (exact-type fast
/// paths): 0 = `list`, 1 = `tuple`, 2 = `function`, 3 = `list_iterator`;
/// 0 for an unknown id.
#[no_mangle]
pub extern "C" fn molt_type_ptr(which: u64) -> u64 {
    match which {
        0 => tp(TypeId::List) as u64,
        1 => tp(TypeId::Tuple) as u64,
        2 => tp(TypeId::Function) as u64,
        3 => tp(TypeId::ListIterator) as u64,
        _ => 0,
    }
}
