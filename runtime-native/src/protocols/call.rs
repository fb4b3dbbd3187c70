//! protocols/call.rs — calling objects: the program dispatcher
//! (`molt_dispatch`, recursion limit), argument binding with CPython's
//! messages, bound/unbound method calls without allocation, and the exports
//! `molt_call`, `molt_call_kw`, `molt_call_ex`, `molt_callmethod(_kw)`.
//! Neighbours: types/function.rs, types/code.rs, types/builtin_func.rs.

use crate::errors::*;
use crate::object::*;
use crate::runtime::rt;
use crate::typeobj::*;
use crate::types::builtin_func::{BuiltinFunction, BK_METHOD};
use crate::types::code::CodeObject;
use crate::types::dict::*;
use crate::types::function::FunctionObject;
use crate::types::str::{intern, str_as};
use crate::types::tuple::*;
use crate::value::*;

// Under `cfg(test)` the tests define it (tests/mod.rs), on wasm32 too.
#[cfg_attr(all(target_arch = "wasm32", not(test)), link(wasm_import_module = "molt_program"))]
extern "C" {
    /// Defined by the compiled program: run IR function `code_id`.
    fn molt_dispatch(code_id: u32, self_: u64, params: *const u64) -> u64;
}

/// Call compiled code, counting depth against the recursion limit.
#[inline]
pub unsafe fn dispatch(code_id: u32, self_: u64, params: *const u64) -> u64 {
    let r = rt();
    if r.depth >= r.recursion_limit {
        return raise(Exc::RecursionError, "maximum recursion depth exceeded".to_string());
    }
    r.depth += 1;
    r.frames.push(self_);
    crate::gc::maybe_collect();
    let v = molt_dispatch(code_id, self_, params);
    let r = rt();
    r.depth -= 1;
    r.frames.pop();
    v
}

/// `f(*args)` with keywords (the last len(kwnames) of args; kwnames 0 = none).
pub fn call_function(f: u64, args: &[u64], kwnames: u64) -> u64 {
    let t = type_of(f);
    // SAFETY: t is live.
    unsafe {
        if t == tp(TypeId::Function) {
            return function_call_slot(f, args, kwnames);
        }
        match (*t).slots.call {
            Some(c) => c(f, args, kwnames),
            None => raise_type_error(format!("'{}' object is not callable", tname(f))),
        }
    }
}

/// The `call` slot of `function`: bind and dispatch. The simple case (a
/// signature of positional parameters only, called with exactly those) is
/// inline in its callers; binding is out of line.
#[inline]
pub unsafe fn function_call_slot(f: u64, args: &[u64], kwnames: u64) -> u64 {
    let fo = as_obj::<FunctionObject>(f);
    let code = &*(*fo).code;
    if kwnames == 0 && code.is_simple() && args.len() == code.nargs as usize {
        return dispatch(code.code_id, f, args.as_ptr());
    }
    bind_and_dispatch(f, fo, code, args, kwnames)
}

#[inline(never)]
unsafe fn bind_and_dispatch(f: u64, fo: *mut FunctionObject, code: &CodeObject, args: &[u64], kwnames: u64) -> u64 {
    let mut params: Vec<u64> = Vec::new();
    let mut owned: Vec<u64> = Vec::new();
    if bind_args(fo, code, args, kwnames, &mut params, &mut owned).is_err() {
        for o in owned {
            decref(o);
        }
        return ERR;
    }
    let r = dispatch(code.code_id, f, params.as_ptr());
    for o in owned {
        decref(o);
    }
    r
}

fn qualname(fo: *mut FunctionObject) -> String {
    // SAFETY: fo is a live function.
    unsafe { str_as((*fo).qualname).to_string() }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{} {}", n, word)
    } else {
        format!("{} {}s", n, word)
    }
}

fn name_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{}'", n)).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// Bind `args` to the parameters of `code` (specs/runtime-abi.md §5).
/// `params` receives borrowed words; new objects (*args tuple, **kwargs
/// dict) are also pushed to `owned` for the caller to release.
pub unsafe fn bind_args(
    fo: *mut FunctionObject,
    code: &CodeObject,
    args: &[u64],
    kwnames: u64,
    params: &mut Vec<u64>,
    owned: &mut Vec<u64>,
) -> R<()> {
    let kws: &[u64] = if kwnames == 0 { &[] } else { tuple_items(kwnames) };
    let nk = kws.len();
    let np = args.len() - nk;
    let nargs = code.nargs as usize;
    let nkwonly = code.nkwonly as usize;
    let total = code.nparams();
    params.clear();
    params.resize(total, UNBOUND);
    let ncopy = np.min(nargs);
    params[..ncopy].copy_from_slice(&args[..ncopy]);
    let mut idx = nargs;
    if code.has_varargs {
        let extra = if np > nargs { tuple_from(&args[nargs..np]) } else { empty_tuple() };
        params[idx] = extra;
        owned.push(extra);
        idx += 1;
    } else if np > nargs {
        // count keyword-only arguments given, for the message
        let kwonly_given = kws
            .iter()
            .filter(|&&k| code.param_names[idx..idx + nkwonly].iter().any(|&p| str_as(p) == str_as(k)))
            .count();
        let ndef = defaults_len(fo);
        let takes = if ndef > 0 && ndef <= nargs {
            format!("from {} to {} positional arguments", nargs - ndef, nargs)
        } else {
            format!("{} positional argument{}", nargs, if nargs == 1 { "" } else { "s" })
        };
        let given = if kwonly_given > 0 {
            format!(
                "{} positional argument{} (and {} keyword-only argument{}) were given",
                np,
                if np == 1 { "" } else { "s" },
                kwonly_given,
                if kwonly_given == 1 { "" } else { "s" }
            )
        } else {
            format!("{} {} given", np, if np == 1 { "was" } else { "were" })
        };
        return Err(raise_type_error_p(format!("{}() takes {} but {}", qualname(fo), takes, given)));
    }
    let kwonly_start = idx;
    let kwdict = if code.has_varkw {
        let d = dict_new();
        owned.push(d);
        params[total - 1] = d;
        d
    } else {
        0
    };
    // keywords
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (i, &k) in kws.iter().enumerate() {
        let v = args[np + i];
        let ks = str_as(k);
        let mut found = None;
        for (j, &p) in code.param_names[..nargs].iter().enumerate() {
            if p == k || str_as(p) == ks {
                found = Some(j);
                break;
            }
        }
        if found.is_none() {
            for j in kwonly_start..kwonly_start + nkwonly {
                let p = code.param_names[j];
                if p == k || str_as(p) == ks {
                    found = Some(j);
                    break;
                }
            }
        }
        match found {
            Some(j) if j < code.nposonly as usize => {
                if kwdict != 0 {
                    dict_set(kwdict, k, v)?;
                } else {
                    posonly_as_kw.push(ks.to_string());
                }
            }
            Some(j) => {
                if params[j] != UNBOUND {
                    return Err(raise_type_error_p(format!(
                        "{}() got multiple values for argument '{}'",
                        qualname(fo),
                        ks
                    )));
                }
                params[j] = v;
            }
            None => {
                if kwdict != 0 {
                    if dict_get_str_key(kwdict, k).is_some() {
                        return Err(raise_type_error_p(format!(
                            "{}() got multiple values for keyword argument '{}'",
                            qualname(fo),
                            ks
                        )));
                    }
                    dict_set(kwdict, k, v)?;
                } else {
                    return Err(raise_type_error_p(format!(
                        "{}() got an unexpected keyword argument '{}'",
                        qualname(fo),
                        ks
                    )));
                }
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(raise_type_error_p(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname(fo),
            posonly_as_kw.join(", ")
        )));
    }
    // defaults for positional parameters
    if np < nargs {
        let defaults = (*fo).defaults;
        let dv: &[u64] = if defaults != NONE && is_tuple(defaults) { tuple_items(defaults) } else { &[] };
        let first_default = nargs - dv.len().min(nargs);
        let mut missing: Vec<String> = Vec::new();
        for j in np..nargs {
            if params[j] == UNBOUND {
                if j >= first_default {
                    params[j] = dv[j - first_default];
                } else {
                    missing.push(str_as(code.param_names[j]).to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(raise_type_error_p(format!(
                "{}() missing {} required positional argument{}: {}",
                qualname(fo),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
    }
    // keyword-only defaults
    if nkwonly > 0 {
        let kwd = (*fo).kwdefaults;
        let mut missing: Vec<String> = Vec::new();
        for j in kwonly_start..kwonly_start + nkwonly {
            if params[j] == UNBOUND {
                let name = code.param_names[j];
                let dv = if kwd != NONE && is_dict(kwd) { dict_get_str_key(kwd, name) } else { None };
                match dv {
                    Some(v) => params[j] = v,
                    None => missing.push(str_as(name).to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(raise_type_error_p(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                qualname(fo),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
    }
    let _ = plural;
    Ok(())
}

unsafe fn defaults_len(fo: *mut FunctionObject) -> usize {
    let d = (*fo).defaults;
    if d != NONE && is_tuple(d) {
        tuple_items(d).len()
    } else {
        0
    }
}

/// Call `f` (found on the type of `self_`) as a method of `self_`, without
/// allocating a bound method for functions and method descriptors.
pub fn call_with_self(f: u64, self_: u64, args: &[u64], kwnames: u64) -> u64 {
    let t = type_of(f);
    let plain = t == tp(TypeId::Function)
        // SAFETY: layout checked by type.
        || (t == tp(TypeId::MethodDescriptor) && unsafe { (*as_obj::<BuiltinFunction>(f)).kind == BK_METHOD });
    if plain {
        let mut buf = [0u64; 8];
        if args.len() < 8 {
            buf[0] = self_;
            buf[1..=args.len()].copy_from_slice(args);
            if t != tp(TypeId::Function) {
                // An unbound method descriptor called on an instance of
                // exactly its owner type: what its call slot (bf_call) does
                // after its checks, which this case passes.
                // SAFETY: t is the method-descriptor type, so f is a BuiltinFunction.
                unsafe {
                    let bf = as_obj::<BuiltinFunction>(f);
                    if (*bf).self_ == 0 && ((*bf).owner.is_null() || type_of(self_) == (*bf).owner) {
                        return crate::types::builtin_func::invoke(bf, &buf[..=args.len()], kwnames);
                    }
                }
                return call_function(f, &buf[..=args.len()], kwnames);
            }
            // SAFETY: t is the function type.
            return unsafe { function_call_slot(f, &buf[..=args.len()], kwnames) };
        }
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(self_);
        v.extend_from_slice(args);
        return call_function(f, &v, kwnames);
    }
    // SAFETY: t is live.
    unsafe {
        match (*t).slots.descr_get {
            Some(g) => {
                let b = tri!(g(f, self_, from_ptr(type_of(self_))));
                let r = call_function(b, args, kwnames);
                decref(b);
                r
            }
            None => call_function(f, args, kwnames),
        }
    }
}

/// `obj.name(*args)` (method call protocol).
pub fn call_method(obj: u64, name: u64, args: &[u64], kwnames: u64) -> u64 {
    if let Some(d) = crate::protocols::method::method_on_type(obj, name) {
        return call_with_self(d, obj, args, kwnames);
    }
    let m = tri!(crate::protocols::attr::getattr(obj, name));
    let r = call_function(m, args, kwnames);
    decref(m);
    r
}

/// `obj.name(*args)` by Rust string.
pub fn call_method_str(obj: u64, name: &'static str, args: &[u64]) -> u64 {
    call_method(obj, crate::types::str::intern_static(name), args, 0)
}

/// Look up a special method on the type (not the instance) and call it.
/// Ok(None) when the type has no such method.
pub fn call_special(obj: u64, name: &'static str, args: &[u64]) -> R<Option<u64>> {
    match lookup_str(type_of(obj), name) {
        Some(f) => Ok(Some(chk(call_with_self(f, obj, args, 0))?)),
        None => Ok(None),
    }
}

#[no_mangle]
pub unsafe extern "C" fn molt_call(f: u64, argv: *const u64, n: usize) -> u64 {
    crate::gc::maybe_collect(); // safe point: compiled code owns every live value
    let args = if n == 0 { &[][..] } else { std::slice::from_raw_parts(argv, n) };
    call_function(f, args, 0)
}

#[no_mangle]
pub unsafe extern "C" fn molt_call_kw(f: u64, kwnames: u64, argv: *const u64, n: usize) -> u64 {
    let args = if n == 0 { &[][..] } else { std::slice::from_raw_parts(argv, n) };
    let kn = if kwnames == NONE || kwnames == 0 || tuple_items(kwnames).is_empty() { 0 } else { kwnames };
    call_function(f, args, kn)
}

/// `f(*args, **kwargs)`: `args` any iterable (normally a tuple), kwargs a
/// dict or None.
#[no_mangle]
pub extern "C" fn molt_call_ex(f: u64, args: u64, kwargs: u64) -> u64 {
    let mut all: Vec<u64> = if is_tuple(args) {
        tuple_items(args).to_vec()
    } else {
        match crate::protocols::iter::collect(args) {
            Ok(v) => {
                let r = v.clone();
                // keep them alive in a tuple for the duration of the call
                let t = tuple_new(v);
                let res = molt_call_ex(f, t, kwargs);
                decref(t);
                let _ = r;
                return res;
            }
            Err(_) => {
                clear_pending();
                return raise_type_error(format!(
                    "{} argument after * must be an iterable, not {}",
                    func_desc(f),
                    tname(args)
                ));
            }
        }
    };
    if kwargs == NONE || kwargs == 0 || kwargs == UNBOUND || (is_dict(kwargs) && dict_len(kwargs) == 0) {
        return call_function(f, &all, 0);
    }
    if !is_dict(kwargs) {
        return raise_type_error(format!("{} argument after ** must be a mapping, not {}", func_desc(f), tname(kwargs)));
    }
    let mut names = Vec::new();
    for (k, v) in dict_entries(kwargs) {
        if !crate::types::str::is_str(k) {
            return raise_type_error(format!("keywords must be strings"));
        }
        names.push(newref(k));
        all.push(v);
    }
    let kn = tuple_new(names);
    let r = call_function(f, &all, kn);
    decref(kn);
    r
}

/// `name()` description used in call errors.
pub fn func_desc(f: u64) -> String {
    match crate::protocols::attr::getattr_opt(f, intern("__qualname__")) {
        Ok(Some(q)) if crate::types::str::is_str(q) => {
            let mut s = format!("{}()", str_as(q));
            decref(q);
            if let Ok(Some(m)) = crate::protocols::attr::getattr_opt(f, intern("__module__")) {
                if crate::types::str::is_str(m) && str_as(m) != "builtins" {
                    s = format!("{}.{}", str_as(m), s);
                }
                decref(m);
            }
            crate::errors::clear_pending();
            s
        }
        Ok(Some(q)) => {
            decref(q);
            format!("{} object", tname(f))
        }
        _ => {
            clear_pending();
            format!("{} object", tname(f))
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn molt_callmethod(obj: u64, name: u64, argv: *const u64, n: usize) -> u64 {
    crate::gc::maybe_collect(); // safe point: compiled code owns every live value
    let args = if n == 0 { &[][..] } else { std::slice::from_raw_parts(argv, n) };
    call_method(obj, name, args, 0)
}

#[no_mangle]
pub unsafe extern "C" fn molt_callmethod_kw(obj: u64, name: u64, kwnames: u64, argv: *const u64, n: usize) -> u64 {
    let args = if n == 0 { &[][..] } else { std::slice::from_raw_parts(argv, n) };
    let kn = if kwnames == NONE || kwnames == 0 || tuple_items(kwnames).is_empty() { 0 } else { kwnames };
    call_method(obj, name, args, kn)
}
