//! modules/builtins.rs — the `builtins` module: core builtin functions
//! (print, repr, isinstance, getattr, iter/next, len, …) and the builtin
//! types and exceptions. Container-heavy builtins (sorted, min, max, sum,
//! zip, enumerate, range, …) are added by the containers engineer from
//! their files through `add_builtin`; numeric ones (round, divmod, pow,
//! chr, ord, bin, hex, …) by the numbers engineer.

use crate::errors::*;
use crate::object::*;
use crate::protocols::call::call_function;
use crate::runtime::rt;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::dict::*;
use crate::types::str::{intern, is_str, str_as, str_from};
use crate::types::tuple::*;
use crate::value::*;

/// Add (or replace) a builtin function.
pub fn add_builtin(name: &'static str, f: NativeFn) {
    let v = new_builtin(name, "builtins", f);
    dict_set_str(rt().builtins_dict, name, v);
    decref(v);
}

/// Add any object to builtins (takes ownership of `v`).
pub fn add_builtin_value(name: &str, v: u64) {
    dict_set_str(rt().builtins_dict, name, v);
    decref(v);
}

/// The builtins module (new reference) — native module constructor.
pub fn module() -> u64 {
    newref(rt().builtins)
}

pub fn init() {
    let m = crate::types::module::module_new("builtins");
    make_immortal(m);
    let r = rt();
    r.builtins = m;
    r.builtins_dict = crate::types::module::module_dict(m);
    dict_set_str(r.modules, "builtins", m);
    for (i, &id) in ALL_TYPE_IDS.iter().enumerate() {
        let name = TYPE_NAMES[i];
        let public = matches!(
            id,
            TypeId::Object
                | TypeId::Type
                | TypeId::Bool
                | TypeId::Int
                | TypeId::Float
                | TypeId::Complex
                | TypeId::Str
                | TypeId::Bytes
                | TypeId::ByteArray
                | TypeId::List
                | TypeId::Tuple
                | TypeId::Dict
                | TypeId::Set
                | TypeId::FrozenSet
                | TypeId::Range
                | TypeId::Slice
                | TypeId::Property
                | TypeId::ClassMethod
                | TypeId::StaticMethod
                | TypeId::Super
                | TypeId::Enumerate
                | TypeId::Zip
                | TypeId::Map
                | TypeId::Filter
                | TypeId::Reversed
        );
        if public {
            dict_set_str(r.builtins_dict, name, from_ptr(tp(id)));
        }
    }
    for (i, (name, _)) in EXC_TABLE.iter().enumerate() {
        // SAFETY: exception types are created before builtins.
        dict_set_str(r.builtins_dict, name, from_ptr(unsafe { EXC_TYPES[i] }));
    }
    dict_set_str(r.builtins_dict, "EnvironmentError", from_ptr(exc_type(Exc::OSError)));
    dict_set_str(r.builtins_dict, "IOError", from_ptr(exc_type(Exc::OSError)));
    dict_set_str(r.builtins_dict, "None", NONE);
    dict_set_str(r.builtins_dict, "True", TRUE);
    dict_set_str(r.builtins_dict, "False", FALSE);
    dict_set_str(r.builtins_dict, "NotImplemented", NOT_IMPLEMENTED);
    dict_set_str(r.builtins_dict, "Ellipsis", ELLIPSIS);
    dict_set_str(r.builtins_dict, "__debug__", TRUE);
    dict_set_str(r.builtins_dict, "__name__", intern("builtins"));
    add_builtin("print", bi_print);
    add_builtin("repr", |a, k| {
        ok!(check_args("repr", a, k, 1, 1));
        crate::protocols::repr::molt_repr(a[0])
    });
    add_builtin("ascii", |a, k| {
        ok!(check_args("ascii", a, k, 1, 1));
        crate::protocols::repr::molt_ascii(a[0])
    });
    add_builtin("format", bi_format);
    add_builtin("isinstance", bi_isinstance);
    add_builtin("issubclass", bi_issubclass);
    add_builtin("getattr", bi_getattr);
    add_builtin("setattr", bi_setattr);
    add_builtin("hasattr", bi_hasattr);
    add_builtin("delattr", bi_delattr);
    add_builtin("id", bi_id);
    add_builtin("hash", bi_hash);
    add_builtin("callable", bi_callable);
    add_builtin("iter", bi_iter);
    add_builtin("next", bi_next);
    add_builtin("len", bi_len);
    add_builtin("abs", |a, k| {
        ok!(check_args("abs", a, k, 1, 1));
        crate::protocols::number::abs(a[0])
    });
    add_builtin("input", bi_input);
    add_builtin("vars", bi_vars);
    add_builtin("dir", bi_dir);
    add_builtin("__import__", bi_import);
    add_builtin("__build_class__", |_, _| raise_not_implemented("__build_class__ (classes are built by class.new)"));
    add_builtin("globals", bi_globals);
    add_builtin("locals", bi_locals);
    add_builtin("exit", bi_exit);
    add_builtin("quit", bi_exit);
    // numbers and text (types/int.rs, types/str.rs)
    crate::types::int::register_builtins();
    crate::types::str::register_builtins();
    // Builtins defined by other files: add `crate::types::<file>::init_builtins();` here.
    add_builtin("__molt_prep_reraise_star", crate::types::exception::prep_reraise_star);
    crate::modules::typing_rt::init_builtins();
    // --- begin extra builtins ---
    crate::types::file::init_builtins();
    // --- end extra builtins ---
}

unsafe fn bi_print(args: &[u64], kw: u64) -> u64 {
    let nk = nkw(kw);
    let np = args.len() - nk;
    let (mut sep, mut end, mut file, mut flush) = (NONE, NONE, NONE, FALSE);
    if nk > 0 {
        for (i, &k) in tuple_items(kw).iter().enumerate() {
            let v = args[np + i];
            match str_as(k) {
                "sep" => sep = v,
                "end" => end = v,
                "file" => file = v,
                "flush" => flush = v,
                other => {
                    return raise_type_error(format!("'{}' is an invalid keyword argument for print()", other))
                }
            }
        }
    }
    if sep != NONE && !is_str(sep) {
        return raise_type_error(format!("sep must be None or a string, not {}", tname(sep)));
    }
    if end != NONE && !is_str(end) {
        return raise_type_error(format!("end must be None or a string, not {}", tname(end)));
    }
    let sep_s = if sep == NONE { " " } else { str_as(sep) };
    let end_s = if end == NONE { "\n" } else { str_as(end) };
    let mut out = String::new();
    for (i, &a) in args[..np].iter().enumerate() {
        if i > 0 {
            out.push_str(sep_s);
        }
        if is_str(a) {
            out.push_str(str_as(a));
        } else if is_int(a) {
            out.push_str(&int_val(a).to_string());
        } else {
            let s = tri!(crate::protocols::repr::molt_str(a));
            out.push_str(str_as(s));
            decref(s);
        }
    }
    out.push_str(end_s);
    let fd = if file == NONE { Some(1) } else { crate::modules::sys::stream_fd(file) };
    match fd {
        Some(fd) => {
            // honour a replaced sys.stdout
            if file == NONE {
                let sys = crate::modules::sys::sys_module();
                if sys != NONE {
                    if let Some(so) = dict_get_str(crate::types::module::module_dict(sys), "stdout") {
                        if crate::modules::sys::stream_fd(so).is_none() {
                            if so == NONE {
                                return NONE;
                            }
                            return write_to(so, &out, flush);
                        }
                    }
                }
            }
            crate::modules::sys::write_fd(fd, &out);
            if flush != FALSE && flush != NONE {
                crate::modules::sys::flush_stdout();
            }
            NONE
        }
        None => write_to(file, &out, flush),
    }
}

unsafe fn write_to(file: u64, s: &str, flush: u64) -> u64 {
    let sv = crate::types::str::str_from(s);
    let r = crate::protocols::call::call_method_str(file, "write", &[sv]);
    decref(sv);
    decref(tri!(r));
    if ok!(crate::protocols::truth::truthy(flush)) {
        let r = tri!(crate::protocols::call::call_method_str(file, "flush", &[]));
        decref(r);
    }
    NONE
}

unsafe fn bi_format(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("format", args, kw, 1, 2));
    let spec = if args.len() > 1 { args[1] } else { intern("") };
    crate::types::format::molt_format(args[0], spec)
}

/// `isinstance(obj, cls)` honouring tuples and `__instancecheck__`.
pub fn isinstance(obj: u64, cls: u64) -> R<bool> {
    if is_type(cls) {
        let ct = as_type(cls);
        if is_instance(obj, ct) {
            return Ok(true);
        }
        let meta = type_of(cls);
        if meta != tp(TypeId::Type) {
            // SAFETY: meta is live.
            if unsafe { crate::slotdefs::has_heap_dunder(meta, "__instancecheck__") } {
                let r = crate::protocols::call::call_special(cls, "__instancecheck__", &[obj])?.unwrap_or(FALSE);
                let b = crate::protocols::truth::truthy(r);
                decref(r);
                return b;
            }
        }
        return Ok(false);
    }
    if has_layout(cls, TypeId::UnionType) {
        return isinstance(obj, crate::types::union::union_args(cls));
    }
    if is_tuple(cls) {
        for &c in tuple_items(cls) {
            if isinstance(obj, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(r) = crate::protocols::call::call_special(cls, "__instancecheck__", &[obj])? {
        let b = crate::protocols::truth::truthy(r);
        decref(r);
        return b;
    }
    Err(raise_type_error_p("isinstance() arg 2 must be a type, a tuple of types, or a union".to_string()))
}

/// `issubclass(c, cls)`.
pub fn issubclass(c: u64, cls: u64) -> R<bool> {
    if has_layout(cls, TypeId::UnionType) {
        return issubclass(c, crate::types::union::union_args(cls));
    }
    if is_tuple(cls) {
        for &x in tuple_items(cls) {
            if issubclass(c, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if is_type(cls) {
        let meta = type_of(cls);
        // SAFETY: meta is live.
        if meta != tp(TypeId::Type) && unsafe { crate::slotdefs::has_heap_dunder(meta, "__subclasscheck__") } {
            let r = crate::protocols::call::call_special(cls, "__subclasscheck__", &[c])?.unwrap_or(FALSE);
            let b = crate::protocols::truth::truthy(r);
            decref(r);
            return b;
        }
        if !is_type(c) {
            return Err(raise_type_error_p("issubclass() arg 1 must be a class".to_string()));
        }
        return Ok(is_subtype(as_type(c), as_type(cls)));
    }
    if let Some(r) = crate::protocols::call::call_special(cls, "__subclasscheck__", &[c])? {
        let b = crate::protocols::truth::truthy(r);
        decref(r);
        return b;
    }
    Err(raise_type_error_p("issubclass() arg 2 must be a class, a tuple of classes, or a union".to_string()))
}

unsafe fn bi_isinstance(a: &[u64], k: u64) -> u64 {
    ok!(check_args("isinstance", a, k, 2, 2));
    box_bool(ok!(isinstance(a[0], a[1])))
}

unsafe fn bi_issubclass(a: &[u64], k: u64) -> u64 {
    ok!(check_args("issubclass", a, k, 2, 2));
    box_bool(ok!(issubclass(a[0], a[1])))
}

unsafe fn bi_getattr(a: &[u64], k: u64) -> u64 {
    ok!(check_args("getattr", a, k, 2, 3));
    if !is_str(a[1]) {
        return raise_type_error(format!("attribute name must be string, not '{}'", tname(a[1])));
    }
    if a.len() == 3 {
        return match crate::protocols::attr::getattr_opt(a[0], a[1]) {
            Ok(Some(v)) => v,
            Ok(None) => newref(a[2]),
            Err(_) => ERR,
        };
    }
    crate::protocols::attr::getattr(a[0], a[1])
}

unsafe fn bi_setattr(a: &[u64], k: u64) -> u64 {
    ok!(check_args("setattr", a, k, 3, 3));
    if !is_str(a[1]) {
        return raise_type_error(format!("attribute name must be string, not '{}'", tname(a[1])));
    }
    crate::protocols::attr::setattr(a[0], a[1], a[2])
}

unsafe fn bi_delattr(a: &[u64], k: u64) -> u64 {
    ok!(check_args("delattr", a, k, 2, 2));
    if !is_str(a[1]) {
        return raise_type_error(format!("attribute name must be string, not '{}'", tname(a[1])));
    }
    crate::protocols::attr::setattr(a[0], a[1], UNBOUND)
}

unsafe fn bi_hasattr(a: &[u64], k: u64) -> u64 {
    ok!(check_args("hasattr", a, k, 2, 2));
    if !is_str(a[1]) {
        return raise_type_error("hasattr(): attribute name must be string".to_string());
    }
    match crate::protocols::attr::getattr_opt(a[0], a[1]) {
        Ok(Some(v)) => {
            decref(v);
            TRUE
        }
        Ok(None) => FALSE,
        Err(_) => ERR,
    }
}

unsafe fn bi_id(a: &[u64], k: u64) -> u64 {
    ok!(check_args("id", a, k, 1, 1));
    let v = a[0];
    let id = if is_ptr(v) { (v & PAYLOAD_MASK) as i64 } else { (v >> 1) as i64 };
    crate::types::int::int_from_i64(id)
}

unsafe fn bi_hash(a: &[u64], k: u64) -> u64 {
    ok!(check_args("hash", a, k, 1, 1));
    crate::types::int::int_from_i64(ok!(crate::protocols::hash::hash(a[0])))
}

unsafe fn bi_callable(a: &[u64], k: u64) -> u64 {
    ok!(check_args("callable", a, k, 1, 1));
    box_bool((*type_of(a[0])).slots.call.is_some())
}

unsafe fn bi_iter(a: &[u64], k: u64) -> u64 {
    ok!(check_args("iter", a, k, 1, 2));
    if a.len() == 2 {
        if (*type_of(a[0])).slots.call.is_none() {
            return raise_type_error("iter(v, w): v must be callable".to_string());
        }
        return crate::protocols::iter::callable_iter_new(a[0], a[1]);
    }
    crate::protocols::iter::iter(a[0])
}

unsafe fn bi_next(a: &[u64], k: u64) -> u64 {
    ok!(check_args("next", a, k, 1, 2));
    let r = crate::protocols::iter::next(a[0]);
    if r == UNBOUND {
        if a.len() == 2 {
            return newref(a[1]);
        }
        return raise_noarg(Exc::StopIteration);
    }
    if r == ERR && a.len() == 2 && pending_matches(Exc::StopIteration) {
        clear_pending();
        return newref(a[1]);
    }
    r
}

unsafe fn bi_len(a: &[u64], k: u64) -> u64 {
    ok!(check_args("len", a, k, 1, 1));
    crate::types::int::int_from_i64(ok!(crate::protocols::item::len_i64(a[0])))
}

unsafe fn bi_input(a: &[u64], k: u64) -> u64 {
    ok!(check_args("input", a, k, 0, 1));
    if a.len() == 1 {
        let s = ok!(crate::protocols::repr::str_string(a[0]));
        crate::modules::sys::write_stdout(&s);
    }
    match ok!(crate::modules::sys::read_line()) {
        Some(mut l) => {
            if l.ends_with('\n') {
                l.pop();
                if l.ends_with('\r') {
                    l.pop();
                }
            }
            crate::types::str::str_from_string(l)
        }
        None => raise(Exc::EOFError, "EOF when reading a line".to_string()),
    }
}

unsafe fn bi_vars(a: &[u64], k: u64) -> u64 {
    ok!(check_args("vars", a, k, 0, 1));
    if a.is_empty() {
        return bi_locals(a, k);
    }
    match crate::protocols::attr::getattr_opt(a[0], intern("__dict__")) {
        Ok(Some(d)) => d,
        Ok(None) => raise_type_error("vars() argument must have __dict__ attribute".to_string()),
        Err(_) => ERR,
    }
}

unsafe fn bi_dir(a: &[u64], k: u64) -> u64 {
    ok!(check_args("dir", a, k, 0, 1));
    if a.is_empty() {
        let d = tri!(bi_locals(a, k));
        let mut names: Vec<u64> = dict_entries(d).map(|(k, _)| newref(k)).collect();
        decref(d);
        names.sort_by(|&x, &y| str_as(x).cmp(str_as(y)));
        return crate::types::list::list_new(names);
    }
    let r = match crate::protocols::call::call_special(a[0], "__dir__", &[]) {
        Ok(Some(r)) => r,
        Ok(None) => return raise_type_error("object does not provide __dir__".to_string()),
        Err(_) => return ERR,
    };
    let items = crate::protocols::iter::collect(r);
    decref(r);
    let mut items = ok!(items);
    let mut err = false;
    items.sort_by(|&x, &y| {
        if is_str(x) && is_str(y) {
            str_as(x).cmp(str_as(y))
        } else {
            err = true;
            std::cmp::Ordering::Equal
        }
    });
    let _ = err;
    crate::types::list::list_new(items)
}

unsafe fn bi_import(a: &[u64], k: u64) -> u64 {
    let p = ok!(parse_args("__import__", a, k, &["name", "globals", "locals", "fromlist", "level"], 5));
    if p[0] == UNBOUND {
        return raise_type_error("__import__() missing required argument 'name' (pos 1)".to_string());
    }
    let g = if p[1] == UNBOUND { NONE } else { p[1] };
    let fl = if p[3] == UNBOUND { NONE } else { p[3] };
    let level = if p[4] == UNBOUND { 0 } else { crate::types::int::as_i64(p[4]).unwrap_or(0) };
    crate::modules::imports::molt_import(p[0], g, fl, level as u64)
}

/// The compiled function (or module/generator) currently running.
fn current_frame() -> u64 {
    *rt().frames.last().unwrap_or(&NONE)
}

unsafe fn bi_globals(a: &[u64], k: u64) -> u64 {
    ok!(check_args("globals", a, k, 0, 0));
    let f = current_frame();
    if f == NONE {
        return newref(crate::types::module::module_dict(ok!(crate::errors::chk(crate::modules::imports::import_module("__main__")))));
    }
    crate::types::function::molt_func_globals(f)
}

unsafe fn bi_locals(a: &[u64], k: u64) -> u64 {
    ok!(check_args("locals", a, k, 0, 0));
    let f = current_frame();
    if f != NONE && has_layout(f, TypeId::Module) {
        return crate::types::function::molt_func_globals(f);
    }
    raise_not_implemented("locals() inside a function")
}

unsafe fn bi_exit(a: &[u64], k: u64) -> u64 {
    ok!(check_args("exit", a, k, 0, 1));
    if a.is_empty() {
        return raise_noarg(Exc::SystemExit);
    }
    raise_args(Exc::SystemExit, &[a[0]])
}

/// Call a builtin by name (for Rust code; new reference).
pub fn call_builtin(name: &str, args: &[u64]) -> u64 {
    match dict_get_str(rt().builtins_dict, name) {
        Some(f) => call_function(f, args, 0),
        None => raise(Exc::NameError, format!("name '{}' is not defined", name)),
    }
}

#[allow(dead_code)]
fn _unused() -> u64 {
    str_from("")
}
