//! types/exception.rs — `BaseException` and the builtin hierarchy
//! (errors.rs `Exc`), exception chaining, tracebacks (frames recorded by
//! `molt_traceback_add`), `BaseExceptionGroup`/`ExceptionGroup`, and the
//! exports `molt_raise`, `molt_reraise`, `molt_exc_*`, `molt_traceback_add`.
//! Neighbours: errors.rs (raising from Rust), entry.rs (printing).

use crate::errors::*;
use crate::object::*;
use crate::protocols::call::call_function;
use crate::runtime::rt;
use crate::typeobj::*;
use crate::types::builtin_func::*;
use crate::types::dict::*;
use crate::types::str::{intern, is_str, str_as, str_from, str_from_string};
use crate::types::tuple::*;
use crate::value::*;

#[repr(C)]
pub struct ExceptionObject {
    pub header: ObjHeader,
    pub args: u64,
    pub cause: u64,
    pub context: u64,
    pub suppress_context: u64,
    /// (code_id, line) frames, innermost first.
    pub frames: Vec<(u32, u32)>,
    /// `__traceback__` when set explicitly (else None).
    pub traceback: u64,
    /// Set once the exception has been raised (it then has a traceback).
    pub raised: bool,
    /// Instance `__dict__` (0 until used).
    pub dict: u64,
}

/// A minimal `traceback` object: the line of one recorded frame and the
/// next (inner) entry.
#[repr(C)]
pub struct TracebackObject {
    pub header: ObjHeader,
    pub lineno: u32,
    pub code_id: u32,
    pub next: u64,
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::BaseException);
    (*t).basicsize = std::mem::size_of::<ExceptionObject>() as u32;
    (*t).tpflags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC;
    (*t).dict_offset = (std::mem::size_of::<ExceptionObject>() - 8) as u32;
    (*t).slots.drop = Some(exc_drop);
    (*t).slots.traverse = Some(exc_traverse);
    (*t).slots.clear = Some(exc_clear);
    (*t).slots.new = Some(exc_new);
    (*t).slots.init = Some(exc_init);
    (*t).slots.repr = Some(exc_repr);
    (*t).slots.str = Some(exc_str);
    let tb = tp(TypeId::Traceback);
    (*tb).basicsize = std::mem::size_of::<TracebackObject>() as u32;
    (*tb).slots.drop = Some(|p| decref_field((*(p as *mut TracebackObject)).next));
}

pub fn init_methods() {
    let t = tp(TypeId::BaseException);
    use crate::types::descr::add_getset;
    // SAFETY (closures): installed only on BaseException (and inherited by
    // its subclasses, which share the layout).
    add_getset(t, "args", |v| unsafe { newref((*as_obj::<ExceptionObject>(v)).args) }, Some(set_args));
    add_getset(t, "__cause__", |v| unsafe { newref((*as_obj::<ExceptionObject>(v)).cause) }, Some(set_cause));
    add_getset(t, "__context__", |v| unsafe { newref((*as_obj::<ExceptionObject>(v)).context) }, Some(set_context));
    add_getset(
        t,
        "__suppress_context__",
        |v| unsafe { (*as_obj::<ExceptionObject>(v)).suppress_context },
        Some(set_suppress),
    );
    add_getset(t, "__traceback__", get_tb, Some(set_tb));
    let tb = tp(TypeId::Traceback);
    add_getset(tb, "tb_lineno", |v| unsafe { small_int((*as_obj::<TracebackObject>(v)).lineno as i64) }, None);
    add_getset(tb, "tb_next", |v| unsafe { newref((*as_obj::<TracebackObject>(v)).next) }, None);
    add_getset(tb, "tb_frame", |v| unsafe { tb_frame(v) }, None);
    add_getset(tb, "tb_lasti", |_| small_int(0), None);
    add_method(t, "with_traceback", exc_with_traceback);
    add_method(t, "add_note", exc_add_note);
}

/// `tb.tb_frame`: Molt keeps no frame objects, so this is a small namespace
/// with what tracebacks read — `f_code` (the entry's code object: `co_name`,
/// `co_filename`) and `f_lineno` — or None when the code is unknown.
unsafe fn tb_frame(v: u64) -> u64 {
    let t = as_obj::<TracebackObject>(v);
    match crate::types::code::code_by_id((*t).code_id) {
        Some(c) => {
            let f = crate::types::module::module_new("frame");
            let code = from_ptr(c);
            incref(code);
            crate::types::module::module_set(f, "f_code", code);
            crate::types::module::module_set(f, "f_lineno", small_int((*t).lineno as i64));
            f
        }
        None => NONE,
    }
}

/// Create the builtin exception types (called from runtime::init).
pub fn init_hierarchy() {
    // SAFETY: start-up, single-threaded.
    unsafe {
        let base = tp(TypeId::BaseException);
        EXC_TYPES[0] = base;
        for (i, (name, parent)) in EXC_TABLE.iter().enumerate().skip(1) {
            let p = EXC_TYPES[*parent as usize];
            let t = alloc_builtin_type(TypeId::BaseException, p, (*p).basicsize as usize, (*p).tpflags);
            (*t).header.ty = tp(TypeId::Type);
            (*t).dict_offset = (*p).dict_offset;
            (*t).slots = (*p).slots;
            crate::runtime::finish_type_common(t, name);
            EXC_TYPES[i] = t;
        }
        let eg = exc_type(Exc::BaseExceptionGroup);
        (*eg).slots.new = Some(group_new);
        (*eg).slots.init = Some(|_, _, _| NONE);
        (*eg).slots.str = Some(group_str);
        let egt = exc_type(Exc::ExceptionGroup);
        (*egt).slots.new = Some(group_new);
        (*egt).slots.init = Some(|_, _, _| NONE);
        (*egt).slots.str = Some(group_str);
        // ExceptionGroup(BaseExceptionGroup, Exception)
        decref((*egt).bases);
        (*egt).bases = tuple_new(vec![from_ptr(eg), from_ptr(exc_type(Exc::Exception))]);
        let mro = c3_mro(egt, &[eg, exc_type(Exc::Exception)]).unwrap_or_default();
        decref((*egt).mro);
        (*egt).mro = tuple_new(mro.iter().map(|&t| from_ptr(t)).collect());
        make_immortal((*egt).bases);
        make_immortal((*egt).mro);
        (*exc_type(Exc::Exception)).subclasses.push(egt);
        add_method(eg, "split", group_split_method);
        add_method(eg, "subgroup", group_subgroup_method);
        add_method(eg, "derive", group_derive);
        let ke = exc_type(Exc::KeyError);
        (*ke).slots.str = Some(keyerror_str);
        for e in [Exc::StopIteration, Exc::StopAsyncIteration] {
            (*exc_type(e)).slots.init = Some(stopiter_init);
        }
        (*exc_type(Exc::SystemExit)).slots.init = Some(systemexit_init);
        for e in [Exc::ImportError, Exc::ModuleNotFoundError, Exc::NameError, Exc::UnboundLocalError, Exc::AttributeError] {
            (*exc_type(e)).slots.init = Some(kw_attr_init);
        }
        for e in [Exc::ImportError, Exc::ModuleNotFoundError] {
            (*exc_type(e)).slots.str = Some(importerror_str);
        }
        (*exc_type(Exc::OSError)).slots.init = Some(oserror_init);
        (*exc_type(Exc::OSError)).slots.str = Some(oserror_str);
        for i in 0..NEXC {
            let t = EXC_TYPES[i];
            if is_subtype(t, exc_type(Exc::OSError)) && t != exc_type(Exc::OSError) {
                (*t).slots.init = Some(oserror_init);
                (*t).slots.str = Some(oserror_str);
            }
        }
        for e in [Exc::UnicodeDecodeError, Exc::UnicodeEncodeError, Exc::UnicodeTranslateError] {
            (*exc_type(e)).slots.init = Some(unicode_init);
            (*exc_type(e)).slots.str = Some(unicode_str);
        }
        for t in (*std::ptr::addr_of!(EXC_TYPES)).iter() {
            make_immortal(from_ptr(*t));
        }
    }
}

unsafe fn exc_drop(p: *mut ObjHeader) {
    let e = p as *mut ExceptionObject;
    for v in [(*e).args, (*e).cause, (*e).context, (*e).traceback, (*e).dict] {
        decref_field(v);
    }
    std::ptr::drop_in_place(&mut (*e).frames);
}

unsafe fn exc_traverse(p: *mut ObjHeader, visit: &mut dyn FnMut(u64)) {
    let e = p as *mut ExceptionObject;
    for v in [(*e).args, (*e).cause, (*e).context, (*e).traceback, (*e).dict] {
        if v != 0 {
            visit(v);
        }
    }
}

unsafe fn exc_clear(p: *mut ObjHeader) {
    let e = p as *mut ExceptionObject;
    for f in [&mut (*e).cause, &mut (*e).context, &mut (*e).traceback] {
        let old = std::mem::replace(f, NONE);
        decref_field(old);
    }
    let d = std::mem::replace(&mut (*e).dict, 0);
    decref_field(d);
    let a = std::mem::replace(&mut (*e).args, empty_tuple());
    decref_field(a);
}

#[inline]
pub fn is_exception(v: u64) -> bool {
    has_layout(v, TypeId::BaseException)
}

#[inline]
pub fn eo(v: u64) -> *mut ExceptionObject {
    as_obj::<ExceptionObject>(v)
}

/// Allocate an exception of type `t` with borrowed positional args (no
/// __init__ call; used by Rust code raising builtin exceptions).
pub fn new_exception(t: *mut TypeObject, args: &[u64]) -> u64 {
    // SAFETY: t is an exception type (layout BaseException).
    unsafe {
        let v = alloc_exc(t, tuple_from(args));
        let init = (*t).slots.init;
        if let Some(f) = init {
            if f as usize != exc_init as *const () as usize {
                let r = f(v, args, 0);
                if r == ERR {
                    clear_pending();
                }
            }
        }
        v
    }
}

unsafe fn alloc_exc(t: *mut TypeObject, args: u64) -> u64 {
    let p = new_object(
        t,
        ExceptionObject {
            header: header0(),
            args,
            cause: NONE,
            context: NONE,
            suppress_context: FALSE,
            frames: Vec::new(),
            traceback: NONE,
            raised: false,
            dict: 0,
        },
    );
    from_ptr(p)
}

unsafe fn exc_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let np = args.len() - nkw(kw);
    alloc_exc(t, tuple_from(&args[..np]))
}

unsafe fn exc_init(s: u64, args: &[u64], kw: u64) -> u64 {
    if nkw(kw) != 0 {
        return raise_type_error(format!("{}() takes no keyword arguments", tname(s)));
    }
    replace_field(&mut (*eo(s)).args, tuple_from(args));
    NONE
}

unsafe fn set_dict_attr(s: u64, name: &str, v: u64) {
    let d = crate::protocols::attr::instance_dict_or_create(s).unwrap_or(0);
    if d != 0 {
        dict_set_str(d, name, v);
    }
}

unsafe fn stopiter_init(s: u64, args: &[u64], kw: u64) -> u64 {
    tri!(exc_init(s, args, kw));
    set_dict_attr(s, "value", if args.is_empty() { NONE } else { args[0] });
    NONE
}

unsafe fn systemexit_init(s: u64, args: &[u64], kw: u64) -> u64 {
    tri!(exc_init(s, args, kw));
    let code = match args.len() {
        0 => NONE,
        1 => args[0],
        _ => (*eo(s)).args,
    };
    set_dict_attr(s, "code", code);
    NONE
}

unsafe fn kw_attr_init(s: u64, args: &[u64], kw: u64) -> u64 {
    let nk = nkw(kw);
    let np = args.len() - nk;
    replace_field(&mut (*eo(s)).args, tuple_from(&args[..np]));
    let is_import = is_instance(s, exc_type(Exc::ImportError));
    let allowed: &[&str] = if is_import {
        &["name", "path"]
    } else if is_instance(s, exc_type(Exc::AttributeError)) {
        &["name", "obj"]
    } else {
        &["name"]
    };
    for a in allowed {
        set_dict_attr(s, a, NONE);
    }
    if is_import {
        set_dict_attr(s, "msg", if np == 1 { args[0] } else { NONE });
    }
    if nk > 0 {
        for (i, &k) in tuple_items(kw).iter().enumerate() {
            let ks = str_as(k);
            if !allowed.contains(&ks) {
                return raise_type_error(format!("{}() got an unexpected keyword argument '{}'", tname(s), ks));
            }
            set_dict_attr(s, ks, args[np + i]);
        }
    }
    NONE
}

fn dict_attr(s: u64, name: &str) -> u64 {
    crate::protocols::attr::instance_dict(s).and_then(|d| dict_get_str(d, name)).unwrap_or(NONE)
}

unsafe fn oserror_init(s: u64, args: &[u64], kw: u64) -> u64 {
    let np = args.len() - nkw(kw);
    if nkw(kw) != 0 {
        return raise_type_error(format!("{}() takes no keyword arguments", tname(s)));
    }
    let a = &args[..np];
    for n in ["errno", "strerror", "filename", "filename2"] {
        set_dict_attr(s, n, NONE);
    }
    if (2..=5).contains(&np) {
        set_dict_attr(s, "errno", a[0]);
        set_dict_attr(s, "strerror", a[1]);
        if np >= 3 {
            set_dict_attr(s, "filename", a[2]);
            replace_field(&mut (*eo(s)).args, tuple_from(&a[..2]));
        } else {
            replace_field(&mut (*eo(s)).args, tuple_from(a));
        }
        if np >= 5 {
            set_dict_attr(s, "filename2", a[4]);
        }
    } else {
        replace_field(&mut (*eo(s)).args, tuple_from(a));
    }
    NONE
}

unsafe fn oserror_str(s: u64) -> u64 {
    let errno = dict_attr(s, "errno");
    let strerror = dict_attr(s, "strerror");
    let filename = dict_attr(s, "filename");
    if errno != NONE || strerror != NONE {
        let e = ok!(crate::protocols::repr::str_string(errno));
        let m = ok!(crate::protocols::repr::str_string(strerror));
        if filename != NONE {
            let f = ok!(crate::protocols::repr::repr_string(filename));
            return str_from_string(format!("[Errno {}] {}: {}", e, m, f));
        }
        return str_from_string(format!("[Errno {}] {}", e, m));
    }
    exc_str(s)
}

unsafe fn unicode_init(s: u64, args: &[u64], kw: u64) -> u64 {
    tri!(exc_init(s, args, kw));
    let is_translate = is_instance(s, exc_type(Exc::UnicodeTranslateError));
    let names: &[&str] =
        if is_translate { &["object", "start", "end", "reason"] } else { &["encoding", "object", "start", "end", "reason"] };
    if args.len() != names.len() {
        // a plain message (raised from Rust with `raise(Exc::UnicodeDecodeError, msg)`)
        return NONE;
    }
    for (n, &v) in names.iter().zip(args.iter()) {
        set_dict_attr(s, n, v);
    }
    NONE
}

unsafe fn unicode_str(s: u64) -> u64 {
    if crate::protocols::attr::instance_dict(s).and_then(|d| dict_get_str(d, "reason")).is_none() {
        return exc_str(s);
    }
    let enc = dict_attr(s, "encoding");
    let obj = dict_attr(s, "object");
    let start = crate::types::int::as_i64(dict_attr(s, "start")).unwrap_or(0);
    let end = crate::types::int::as_i64(dict_attr(s, "end")).unwrap_or(0);
    let reason = ok!(crate::protocols::repr::str_string(dict_attr(s, "reason")));
    let encs = if enc != NONE { ok!(crate::protocols::repr::str_string(enc)) } else { String::new() };
    if is_instance(s, exc_type(Exc::UnicodeDecodeError)) {
        let byte = crate::protocols::item::getitem(obj, small_int(start));
        if end - start == 1 && byte != ERR {
            let b = crate::types::int::as_i64(byte).unwrap_or(0);
            decref(byte);
            return str_from_string(format!(
                "'{}' codec can't decode byte 0x{:02x} in position {}: {}",
                encs, b, start, reason
            ));
        }
        clear_pending();
        return str_from_string(format!(
            "'{}' codec can't decode bytes in position {}-{}: {}",
            encs,
            start,
            end - 1,
            reason
        ));
    }
    let what = if is_instance(s, exc_type(Exc::UnicodeEncodeError)) {
        format!("'{}' codec can't encode", encs)
    } else {
        "can't translate".to_string()
    };
    if end - start == 1 && is_str(obj) {
        if let Some(c) = str_as(obj).chars().nth(start as usize) {
            let u = c as u32;
            let esc = if u < 0x100 {
                format!("\\x{:02x}", u)
            } else if u < 0x10000 {
                format!("\\u{:04x}", u)
            } else {
                format!("\\U{:08x}", u)
            };
            return str_from_string(format!("{} character '{}' in position {}: {}", what, esc, start, reason));
        }
    }
    str_from_string(format!("{} characters in position {}-{}: {}", what, start, end - 1, reason))
}

unsafe fn exc_repr(s: u64) -> u64 {
    let name = tname(s);
    let args = (*eo(s)).args;
    let items = tuple_items(args);
    let inner = if items.len() == 1 {
        let r = tri!(crate::protocols::repr::molt_repr(items[0]));
        let x = str_as(r).to_string();
        decref(r);
        format!("({})", x)
    } else {
        let r = tri!(crate::protocols::repr::molt_repr(args));
        let x = str_as(r).to_string();
        decref(r);
        x
    };
    str_from_string(format!("{}{}", name, inner))
}

unsafe fn exc_str(s: u64) -> u64 {
    let args = (*eo(s)).args;
    let items = tuple_items(args);
    match items.len() {
        0 => intern(""),
        1 => crate::protocols::repr::molt_str(items[0]),
        _ => crate::protocols::repr::molt_str(args),
    }
}

unsafe fn keyerror_str(s: u64) -> u64 {
    let items = tuple_items((*eo(s)).args);
    if items.len() == 1 {
        return crate::protocols::repr::molt_repr(items[0]);
    }
    exc_str(s)
}

unsafe fn importerror_str(s: u64) -> u64 {
    if let Some(d) = crate::protocols::attr::instance_dict(s) {
        if let Some(m) = dict_get_str(d, "msg") {
            if m != NONE {
                return crate::protocols::repr::molt_str(m);
            }
        }
    }
    exc_str(s)
}

unsafe fn set_args(s: u64, v: u64) -> u64 {
    if v == UNBOUND {
        return raise_type_error("args may not be deleted".to_string());
    }
    let items = ok!(crate::protocols::iter::collect(v));
    replace_field(&mut (*eo(s)).args, tuple_new(items));
    NONE
}

unsafe fn set_cause(s: u64, v: u64) -> u64 {
    if v == UNBOUND {
        return raise_type_error("__cause__ may not be deleted".to_string());
    }
    if v != NONE && !is_exception(v) {
        return raise_type_error("exception cause must be None or derive from BaseException".to_string());
    }
    replace_field(&mut (*eo(s)).cause, newref(v));
    (*eo(s)).suppress_context = TRUE;
    NONE
}

unsafe fn set_context(s: u64, v: u64) -> u64 {
    if v == UNBOUND {
        return raise_type_error("__context__ may not be deleted".to_string());
    }
    if v != NONE && !is_exception(v) {
        return raise_type_error("exception context must be None or derive from BaseException".to_string());
    }
    replace_field(&mut (*eo(s)).context, newref(v));
    NONE
}

unsafe fn set_suppress(s: u64, v: u64) -> u64 {
    let b = ok!(crate::protocols::truth::truthy(v));
    (*eo(s)).suppress_context = box_bool(b);
    NONE
}

unsafe fn set_tb(s: u64, v: u64) -> u64 {
    if v == UNBOUND || v == NONE {
        (*eo(s)).raised = false;
    }
    replace_field(&mut (*eo(s)).traceback, newref(if v == UNBOUND { NONE } else { v }));
    NONE
}

/// `__traceback__`: the explicitly set one, else built from the recorded
/// frames once the exception has been raised (None before).
pub unsafe fn get_tb(v: u64) -> u64 {
    let e = eo(v);
    if (*e).traceback != NONE || !(*e).raised {
        return newref((*e).traceback);
    }
    let mut next = NONE;
    let frames = (*e).frames.clone();
    let mut entries: Vec<(u32, u32)> = frames;
    if entries.is_empty() {
        entries.push((u32::MAX, 0));
    }
    for &(code_id, line) in entries.iter() {
        next = from_ptr(new_object(tp(TypeId::Traceback), TracebackObject { header: header0(), lineno: line, code_id, next }));
    }
    newref(next)
}

unsafe fn exc_with_traceback(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("with_traceback", args, kw, 2, 2));
    tri!(set_tb(args[0], args[1]));
    newref(args[0])
}

unsafe fn exc_add_note(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("add_note", args, kw, 2, 2));
    if !is_str(args[1]) {
        return raise_type_error(format!("note must be a str, not '{}'", tname(args[1])));
    }
    let d = ok!(crate::protocols::attr::instance_dict_or_create(args[0]));
    let notes = match dict_get_str(d, "__notes__") {
        Some(n) => n,
        None => {
            let l = crate::types::list::list_new(Vec::new());
            dict_set_str(d, "__notes__", l);
            decref(l);
            l
        }
    };
    if crate::types::list::is_list(notes) {
        crate::types::list::list_append(notes, args[1]);
    }
    NONE
}

// ---- chaining and the pending state -----------------------------------

/// Set `exc.__context__` to the exception being handled (avoiding cycles).
pub fn set_context_from_handler(exc: u64) {
    if !is_exception(exc) {
        return;
    }
    let cur = match rt().handling.last() {
        Some(&c) if c != NONE && c != exc => c,
        _ => return,
    };
    // SAFETY: both are exception objects.
    unsafe {
        // break a cycle: if exc is already in cur's context chain, cut it there
        let mut o = cur;
        let mut steps = 0;
        while is_exception(o) && steps < 1000 {
            let ctx = (*eo(o)).context;
            if ctx == exc {
                replace_field(&mut (*eo(o)).context, NONE);
                break;
            }
            o = ctx;
            steps += 1;
        }
        replace_field(&mut (*eo(exc)).context, newref(cur));
    }
}

/// Turn an exception class or instance into an instance (new reference).
pub fn instantiate(e: u64) -> R<u64> {
    if is_type(e) && is_subtype(as_type(e), tp(TypeId::BaseException)) {
        let v = chk(call_function(e, &[], 0))?;
        if !is_exception(v) {
            let n = tname(v);
            decref(v);
            return Err(raise_type_error_p(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                type_name_of(as_type(e)),
                n
            )));
        }
        return Ok(v);
    }
    if is_exception(e) {
        return Ok(newref(e));
    }
    Err(raise_type_error_p("exceptions must derive from BaseException".to_string()))
}

/// `raise exc from cause` (cause UNBOUND when absent).
#[no_mangle]
pub extern "C" fn molt_raise(exc: u64, cause: u64) -> u64 {
    let e = ok!(instantiate(exc));
    if cause != UNBOUND {
        let c = if cause == NONE {
            NONE
        } else if (is_type(cause) && is_subtype(as_type(cause), tp(TypeId::BaseException))) || is_exception(cause) {
            match instantiate(cause) {
                Ok(c) => c,
                Err(_) => {
                    decref(e);
                    return ERR;
                }
            }
        } else {
            decref(e);
            return raise_type_error("exception causes must derive from BaseException".to_string());
        };
        // SAFETY: e is an exception.
        unsafe {
            replace_field(&mut (*eo(e)).cause, c);
            (*eo(e)).suppress_context = TRUE;
        }
    }
    set_pending(e)
}

/// Re-raise an exception unchanged (bare `raise`, end of `finally`).
#[no_mangle]
pub extern "C" fn molt_reraise(exc: u64) -> u64 {
    if !is_exception(exc) {
        if exc == NONE || exc == UNBOUND {
            return raise(Exc::RuntimeError, "No active exception to reraise".to_string());
        }
        return molt_raise(exc, UNBOUND);
    }
    let r = rt();
    incref(exc);
    // SAFETY: exc is an exception.
    unsafe { (*eo(exc)).raised = true };
    if r.pending != 0 {
        decref(r.pending);
    }
    r.pending = exc;
    ERR
}

/// Record a frame on the pending exception's traceback.
#[no_mangle]
pub extern "C" fn molt_traceback_add(code_id: u32, line: u32) -> u64 {
    let p = rt().pending;
    if is_exception(p) {
        // SAFETY: p is an exception.
        unsafe { (*eo(p)).frames.push((code_id, line)) };
    }
    NONE
}

#[no_mangle]
pub extern "C" fn molt_exc_fetch() -> u64 {
    let e = take_pending();
    if e == 0 {
        return raise(Exc::SystemError, "exc.fetch: no exception is pending".to_string());
    }
    e
}

#[no_mangle]
pub extern "C" fn molt_exc_push(e: u64) -> u64 {
    rt().handling.push(newref(e));
    NONE
}

#[no_mangle]
pub extern "C" fn molt_exc_pop() -> u64 {
    if let Some(e) = rt().handling.pop() {
        decref(e);
    }
    NONE
}

#[no_mangle]
pub extern "C" fn molt_exc_current() -> u64 {
    match rt().handling.last() {
        Some(&e) => newref(e),
        None => NONE,
    }
}

/// `except T:` matching; validates the clause.
pub fn exc_matches(e: u64, types: u64) -> R<bool> {
    if is_tuple(types) {
        for &t in tuple_items(types) {
            if !is_type(t) || !is_subtype(as_type(t), tp(TypeId::BaseException)) {
                return Err(raise_type_error_p(
                    "catching classes that do not inherit from BaseException is not allowed".to_string(),
                ));
            }
        }
        for &t in tuple_items(types) {
            if exc_matches(e, t)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !is_type(types) || !is_subtype(as_type(types), tp(TypeId::BaseException)) {
        return Err(raise_type_error_p(
            "catching classes that do not inherit from BaseException is not allowed".to_string(),
        ));
    }
    Ok(is_instance(e, as_type(types)))
}

#[no_mangle]
pub extern "C" fn molt_exc_match(e: u64, types: u64) -> u64 {
    match exc_matches(e, types) {
        Ok(b) => b as u64,
        Err(_) => ERR,
    }
}

// ---- exception groups ----------------------------------------------------

pub fn is_group(v: u64) -> bool {
    is_instance(v, exc_type(Exc::BaseExceptionGroup))
}

unsafe fn group_new(t: *mut TypeObject, args: &[u64], kw: u64) -> u64 {
    let np = args.len() - nkw(kw);
    if nkw(kw) != 0 {
        return raise_type_error(format!("{}() takes no keyword arguments", type_name_of(t)));
    }
    if np != 2 {
        return raise_type_error(format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)", np));
    }
    let (msg, excs) = (args[0], args[1]);
    if !is_str(msg) {
        return raise_type_error(format!("BaseExceptionGroup.__new__() argument 1 must be str, not {}", tname(msg)));
    }
    let items = match crate::protocols::iter::collect(excs) {
        Ok(v) => v,
        Err(_) => {
            clear_pending();
            return raise_type_error("second argument (exceptions) must be a sequence".to_string());
        }
    };
    if items.is_empty() {
        return raise_value_error("second argument (exceptions) must be a non-empty sequence".to_string());
    }
    let mut all_exc = true;
    for (i, &x) in items.iter().enumerate() {
        if !is_exception(x) {
            for v in items {
                decref(v);
            }
            return raise_value_error(format!("Item {} of second argument (exceptions) is not an exception", i));
        }
        if !is_instance(x, exc_type(Exc::Exception)) {
            all_exc = false;
        }
    }
    let mut cls = t;
    if t == exc_type(Exc::BaseExceptionGroup) {
        if all_exc {
            cls = exc_type(Exc::ExceptionGroup);
        }
    } else if t == exc_type(Exc::ExceptionGroup) {
        if !all_exc {
            for v in items {
                decref(v);
            }
            return raise_type_error("Cannot nest BaseExceptions in an ExceptionGroup".to_string());
        }
    } else if !all_exc && is_subtype(t, exc_type(Exc::Exception)) {
        for v in items {
            decref(v);
        }
        return raise_type_error(format!("Cannot nest BaseExceptions in '{}'", type_name_of(t)));
    }
    let v = alloc_exc(cls, tuple_from(&args[..2]));
    set_dict_attr(v, "message", msg);
    let tup = tuple_new(items);
    set_dict_attr(v, "exceptions", tup);
    decref(tup);
    v
}

unsafe fn group_parts(g: u64) -> (u64, Vec<u64>) {
    let d = crate::protocols::attr::instance_dict(g).unwrap_or(0);
    let msg = if d != 0 { dict_get_str(d, "message").unwrap_or(intern("")) } else { intern("") };
    let ex = if d != 0 { dict_get_str(d, "exceptions") } else { None };
    let v = match ex {
        Some(t) if is_tuple(t) => tuple_items(t).to_vec(),
        _ => Vec::new(),
    };
    (msg, v)
}

unsafe fn group_str(g: u64) -> u64 {
    let (msg, ex) = group_parts(g);
    let n = ex.len();
    str_from_string(format!("{} ({} sub-exception{})", str_as(msg), n, if n == 1 { "" } else { "s" }))
}

/// A new group like `g` (same class when possible) with `excs` (borrowed).
unsafe fn derive_group(g: u64, excs: &[u64]) -> R<u64> {
    let (msg, _) = group_parts(g);
    let lst = tuple_from(excs);
    let r = crate::protocols::call::call_method_str(g, "derive", &[lst]);
    decref(lst);
    let r = chk(r)?;
    // copy __cause__/__context__/__traceback__ and notes
    if is_exception(r) {
        let (o, n) = (eo(g), eo(r));
        replace_field(&mut (*n).cause, newref((*o).cause));
        replace_field(&mut (*n).context, newref((*o).context));
        (*n).frames = (*o).frames.clone();
        if let Some(d) = crate::protocols::attr::instance_dict(g) {
            if let Some(notes) = dict_get_str(d, "__notes__") {
                set_dict_attr(r, "__notes__", notes);
            }
        }
    }
    let _ = msg;
    Ok(r)
}

unsafe fn group_derive(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("derive", args, kw, 2, 2));
    let (msg, _) = group_parts(args[0]);
    group_new(exc_type(Exc::BaseExceptionGroup), &[msg, args[1]], 0)
}

/// Split `e` by a matcher: (matched or NONE, rest or NONE), both owned.
pub unsafe fn split(e: u64, matcher: &dyn Fn(u64) -> R<bool>) -> R<(u64, u64)> {
    if matcher(e)? {
        return Ok((newref(e), NONE));
    }
    if !is_group(e) {
        return Ok((NONE, newref(e)));
    }
    let (_, ex) = group_parts(e);
    let mut m = Vec::new();
    let mut r = Vec::new();
    for x in ex {
        let (a, b) = split(x, matcher)?;
        if a != NONE {
            m.push(a);
        }
        if b != NONE {
            r.push(b);
        }
    }
    let mk = |v: Vec<u64>| -> R<u64> {
        if v.is_empty() {
            return Ok(NONE);
        }
        let g = derive_group(e, &v);
        for x in v {
            decref(x);
        }
        g
    };
    let mg = mk(m)?;
    let rg = mk(r)?;
    Ok((mg, rg))
}

unsafe fn matcher_for(types: u64) -> R<Box<dyn Fn(u64) -> R<bool>>> {
    if is_type(types) || is_tuple(types) {
        exc_matches(NONE, types)?; // validate
        let t = types;
        return Ok(Box::new(move |x| exc_matches(x, t)));
    }
    let f = types;
    Ok(Box::new(move |x| {
        let r = chk(call_function(f, &[x], 0))?;
        let b = crate::protocols::truth::truthy(r);
        decref(r);
        b
    }))
}

unsafe fn group_split_method(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("split", args, kw, 2, 2));
    let m = ok!(matcher_for(args[1]));
    let (a, b) = ok!(split(args[0], &*m));
    tuple_new(vec![a, b])
}

unsafe fn group_subgroup_method(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("subgroup", args, kw, 2, 2));
    let m = ok!(matcher_for(args[1]));
    let (a, b) = ok!(split(args[0], &*m));
    decref(b);
    a
}

/// `except*` split: (matched group or None, rest or None).
#[no_mangle]
pub extern "C" fn molt_exc_split(e: u64, types: u64) -> u64 {
    // SAFETY: operands are live words.
    unsafe {
        ok!(exc_matches(NONE, types).map(|_| ()));
        if is_type(types) && is_subtype(as_type(types), exc_type(Exc::BaseExceptionGroup)) {
            return raise_type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.".to_string(),
            );
        }
        if !is_group(e) {
            if ok!(exc_matches(e, types)) {
                let msg = intern("");
                let lst = tuple_from(&[e]);
                let g = group_new(exc_type(Exc::BaseExceptionGroup), &[msg, lst], 0);
                decref(lst);
                let g = tri!(g);
                return tuple_new(vec![g, NONE]);
            }
            return tuple_new(vec![NONE, newref(e)]);
        }
        let t = types;
        let (a, b) = ok!(split(e, &move |x| exc_matches(x, t)));
        tuple_new(vec![a, b])
    }
}

/// Raise `UnicodeDecodeError`/`UnicodeEncodeError(encoding, object, start,
/// end, reason)` with its attributes set (CPython's message is derived).
pub fn raise_unicode_error(e: Exc, encoding: &str, object: u64, start: usize, end: usize, reason: &str) -> Pending {
    let enc = str_from(encoding);
    let rs = str_from(reason);
    let args = [enc, object, small_int(start as i64), small_int(end as i64), rs];
    let v = call_function(from_ptr(exc_type(e)), &args, 0);
    decref(enc);
    decref(rs);
    if v != ERR {
        set_pending(v);
    }
    Pending
}

unsafe fn collect_leaves(e: u64, out: &mut Vec<u64>) {
    if is_group(e) {
        let (_, ex) = group_parts(e);
        for x in ex {
            collect_leaves(x, out);
        }
    } else {
        out.push(e);
    }
}

/// `__molt_prep_reraise_star(orig, excs)`: what an `except*` statement
/// propagates (CPython's _PyExc_PrepReraiseStar): `excs` holds the
/// exceptions raised by the handlers and the unmatched rest (None entries
/// are ignored). Re-raised parts of `orig` keep its group structure; new
/// exceptions are gathered with them into an ExceptionGroup('').
pub unsafe fn prep_reraise_star(args: &[u64], kw: u64) -> u64 {
    ok!(check_args("__molt_prep_reraise_star", args, kw, 2, 2));
    let orig = args[0];
    let excs: Vec<u64> = ok!(crate::protocols::iter::collect(args[1]));
    let live: Vec<u64> = excs.iter().copied().filter(|&e| e != NONE).collect();
    let result = if live.is_empty() {
        NONE
    } else if !is_group(orig) {
        newref(live[0])
    } else {
        let (mut raised, mut reraised) = (Vec::new(), Vec::new());
        for &e in &live {
            let same = is_exception(e) && (*eo(e)).cause == (*eo(orig)).cause && (*eo(e)).context == (*eo(orig)).context;
            if same {
                reraised.push(e);
            } else {
                raised.push(e);
            }
        }
        let mut keep = Vec::new();
        for &e in &reraised {
            collect_leaves(e, &mut keep);
        }
        let reraised_eg = if keep.is_empty() {
            NONE
        } else {
            match split(orig, &|x| Ok(!is_group(x) && keep.contains(&x))) {
                Ok((m, r)) => {
                    decref(r);
                    m
                }
                Err(_) => {
                    for e in excs {
                        decref(e);
                    }
                    return ERR;
                }
            }
        };
        if raised.is_empty() {
            reraised_eg
        } else {
            let mut items: Vec<u64> = raised.iter().map(|&e| newref(e)).collect();
            if reraised_eg != NONE {
                items.push(reraised_eg);
            }
            if items.len() == 1 {
                items.pop().unwrap()
            } else {
                let lst = crate::types::list::list_new(items);
                let g = group_new(exc_type(Exc::BaseExceptionGroup), &[intern(""), lst], 0);
                decref(lst);
                g
            }
        }
    };
    for e in excs {
        decref(e);
    }
    result
}

/// Build an exception with a Rust message (for Rust callers; new reference).
pub fn exc_with_msg(e: Exc, msg: &str) -> u64 {
    let m = str_from(msg);
    let v = new_exception(exc_type(e), &[m]);
    decref(m);
    v
}

/// Make `exc` (owned) the pending exception without chaining. Returns ERR.
pub fn molt_reraise_owned(exc: u64) -> u64 {
    let r = rt();
    if r.pending != 0 {
        decref(r.pending);
    }
    r.pending = exc;
    ERR
}
