//! errors.rs — raising exceptions from Rust and the pending-exception state
//! (specs/runtime-abi.md §4).
//! Neighbours: types/exception.rs (the exception objects and the builtin
//! hierarchy), runtime.rs (the state), entry.rs (uncaught exceptions).
//!
//! Conventions: a function returning a word returns `ERR` when an exception
//! is pending. Functions returning other things use `R<T>` and `Err(Pending)`.
//! `raise_*` set the pending exception; the `*_p` variants return `Pending`
//! for use as `return Err(raise_type_error_p(...))`.

use crate::object::*;
use crate::runtime::rt;
use crate::value::*;

/// Marker: an exception is pending in the runtime state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending;

pub type R<T> = Result<T, Pending>;

/// Turn a word result into `R` (ERR -> Err).
#[inline(always)]
pub fn chk(v: u64) -> R<u64> {
    if v == ERR {
        Err(Pending)
    } else {
        Ok(v)
    }
}

/// Turn `R<u64>` into a word result.
#[inline(always)]
pub fn word(r: R<u64>) -> u64 {
    match r {
        Ok(v) => v,
        Err(_) => ERR,
    }
}

/// Turn `R<()>` into a None-or-ERR word.
#[inline(always)]
pub fn unit(r: R<()>) -> u64 {
    match r {
        Ok(()) => NONE,
        Err(_) => ERR,
    }
}

/// `let v = tri!(expr_returning_word);` — return ERR from a word function.
#[macro_export]
macro_rules! tri {
    ($e:expr) => {{
        let v: u64 = $e;
        if v == $crate::value::ERR {
            return $crate::value::ERR;
        }
        v
    }};
}

/// `let v = ok!(expr_returning_R);` — return ERR from a word function.
#[macro_export]
macro_rules! ok {
    ($e:expr) => {{
        match $e {
            Ok(v) => v,
            Err(_) => return $crate::value::ERR,
        }
    }};
}

/// Builtin exception types, indexed into the runtime's exception table.
macro_rules! exc_ids {
    ($($id:ident => ($name:expr, $base:ident)),* $(,)?) => {
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[repr(u16)]
        pub enum Exc { $($id),* }
        /// (name, base) per `Exc`, parents before children.
        pub const EXC_TABLE: &[(&str, Exc)] = &[$(($name, Exc::$base)),*];
    };
}

exc_ids! {
    BaseException => ("BaseException", BaseException),
    BaseExceptionGroup => ("BaseExceptionGroup", BaseException),
    GeneratorExit => ("GeneratorExit", BaseException),
    KeyboardInterrupt => ("KeyboardInterrupt", BaseException),
    SystemExit => ("SystemExit", BaseException),
    Exception => ("Exception", BaseException),
    ArithmeticError => ("ArithmeticError", Exception),
    FloatingPointError => ("FloatingPointError", ArithmeticError),
    OverflowError => ("OverflowError", ArithmeticError),
    ZeroDivisionError => ("ZeroDivisionError", ArithmeticError),
    AssertionError => ("AssertionError", Exception),
    AttributeError => ("AttributeError", Exception),
    BufferError => ("BufferError", Exception),
    EOFError => ("EOFError", Exception),
    ExceptionGroup => ("ExceptionGroup", BaseExceptionGroup),
    ImportError => ("ImportError", Exception),
    ModuleNotFoundError => ("ModuleNotFoundError", ImportError),
    LookupError => ("LookupError", Exception),
    IndexError => ("IndexError", LookupError),
    KeyError => ("KeyError", LookupError),
    MemoryError => ("MemoryError", Exception),
    NameError => ("NameError", Exception),
    UnboundLocalError => ("UnboundLocalError", NameError),
    OSError => ("OSError", Exception),
    BlockingIOError => ("BlockingIOError", OSError),
    ChildProcessError => ("ChildProcessError", OSError),
    ConnectionError => ("ConnectionError", OSError),
    BrokenPipeError => ("BrokenPipeError", ConnectionError),
    ConnectionAbortedError => ("ConnectionAbortedError", ConnectionError),
    ConnectionRefusedError => ("ConnectionRefusedError", ConnectionError),
    ConnectionResetError => ("ConnectionResetError", ConnectionError),
    FileExistsError => ("FileExistsError", OSError),
    FileNotFoundError => ("FileNotFoundError", OSError),
    InterruptedError => ("InterruptedError", OSError),
    IsADirectoryError => ("IsADirectoryError", OSError),
    NotADirectoryError => ("NotADirectoryError", OSError),
    PermissionError => ("PermissionError", OSError),
    ProcessLookupError => ("ProcessLookupError", OSError),
    TimeoutError => ("TimeoutError", OSError),
    ReferenceError => ("ReferenceError", Exception),
    RuntimeError => ("RuntimeError", Exception),
    NotImplementedError => ("NotImplementedError", RuntimeError),
    RecursionError => ("RecursionError", RuntimeError),
    StopAsyncIteration => ("StopAsyncIteration", Exception),
    StopIteration => ("StopIteration", Exception),
    SyntaxError => ("SyntaxError", Exception),
    IndentationError => ("IndentationError", SyntaxError),
    TabError => ("TabError", IndentationError),
    SystemError => ("SystemError", Exception),
    TypeError => ("TypeError", Exception),
    ValueError => ("ValueError", Exception),
    UnicodeError => ("UnicodeError", ValueError),
    UnicodeDecodeError => ("UnicodeDecodeError", UnicodeError),
    UnicodeEncodeError => ("UnicodeEncodeError", UnicodeError),
    UnicodeTranslateError => ("UnicodeTranslateError", UnicodeError),
    Warning => ("Warning", Exception),
    BytesWarning => ("BytesWarning", Warning),
    DeprecationWarning => ("DeprecationWarning", Warning),
    EncodingWarning => ("EncodingWarning", Warning),
    FutureWarning => ("FutureWarning", Warning),
    ImportWarning => ("ImportWarning", Warning),
    PendingDeprecationWarning => ("PendingDeprecationWarning", Warning),
    ResourceWarning => ("ResourceWarning", Warning),
    RuntimeWarning => ("RuntimeWarning", Warning),
    SyntaxWarning => ("SyntaxWarning", Warning),
    UnicodeWarning => ("UnicodeWarning", Warning),
    UserWarning => ("UserWarning", Warning),
}

pub const NEXC: usize = EXC_TABLE.len();
pub static mut EXC_TYPES: [*mut crate::typeobj::TypeObject; NEXC] = [std::ptr::null_mut(); NEXC];

/// The type object of a builtin exception.
#[inline]
pub fn exc_type(e: Exc) -> *mut crate::typeobj::TypeObject {
    // SAFETY: written once during init.
    unsafe { EXC_TYPES[e as usize] }
}

/// Set `exc` (owned) as the pending exception, chaining the exception being
/// handled as its `__context__`. Returns ERR.
pub fn set_pending(exc: u64) -> u64 {
    crate::types::exception::set_context_from_handler(exc);
    if crate::types::exception::is_exception(exc) {
        // SAFETY: exception layout.
        unsafe { (*crate::types::exception::eo(exc)).raised = true };
    }
    let r = rt();
    if r.pending != 0 {
        decref(r.pending);
    }
    r.pending = exc;
    ERR
}

/// Raise a builtin exception with a message. Returns ERR.
pub fn raise(e: Exc, msg: String) -> u64 {
    let m = crate::types::str::str_from(&msg);
    let exc = crate::types::exception::new_exception(exc_type(e), &[m]);
    decref(m);
    set_pending(exc)
}

/// Raise a builtin exception without arguments. Returns ERR.
pub fn raise_noarg(e: Exc) -> u64 {
    let exc = crate::types::exception::new_exception(exc_type(e), &[]);
    set_pending(exc)
}

/// Raise an exception with arbitrary args (borrowed). Returns ERR.
pub fn raise_args(e: Exc, args: &[u64]) -> u64 {
    let exc = crate::types::exception::new_exception(exc_type(e), args);
    set_pending(exc)
}

pub fn raise_type_error(msg: String) -> u64 {
    raise(Exc::TypeError, msg)
}
pub fn raise_value_error(msg: String) -> u64 {
    raise(Exc::ValueError, msg)
}
pub fn raise_index_error(msg: String) -> u64 {
    raise(Exc::IndexError, msg)
}
pub fn raise_overflow_error(msg: String) -> u64 {
    raise(Exc::OverflowError, msg)
}
pub fn raise_zero_division(msg: String) -> u64 {
    raise(Exc::ZeroDivisionError, msg)
}
pub fn raise_runtime_error(msg: String) -> u64 {
    raise(Exc::RuntimeError, msg)
}
pub fn raise_not_implemented(what: &str) -> u64 {
    raise(Exc::NotImplementedError, format!("molt runtime: {} is not implemented yet", what))
}
/// `KeyError(key)` (the key object, repr'd by KeyError.__str__).
pub fn raise_key_error(key: u64) -> u64 {
    raise_args(Exc::KeyError, &[key])
}
/// `AttributeError` with the message CPython uses (sets `.name`/`.obj`).
pub fn raise_attribute_error(obj: u64, name: u64) -> u64 {
    let n = crate::types::str::str_as(name);
    let msg = if crate::typeobj::is_type(obj) {
        format!("type object '{}' has no attribute '{}'", crate::typeobj::type_name_of(crate::typeobj::as_type(obj)), n)
    } else if crate::typeobj::has_layout(obj, crate::typeobj::TypeId::Module) {
        let mname = crate::types::module::module_name(obj);
        format!("module '{}' has no attribute '{}'", mname, n)
    } else {
        format!("'{}' object has no attribute '{}'", crate::typeobj::tname(obj), n)
    };
    let e = crate::types::exception::exc_with_msg(Exc::AttributeError, &msg);
    if let Ok(d) = crate::protocols::attr::instance_dict_or_create(e) {
        crate::types::dict::dict_set_str(d, "name", name);
        crate::types::dict::dict_set_str(d, "obj", obj);
    }
    set_pending(e)
}

macro_rules! p_variant {
    ($($p:ident => $f:ident),*) => { $(
        pub fn $p(msg: String) -> Pending { $f(msg); Pending }
    )* };
}
p_variant!(raise_type_error_p => raise_type_error, raise_value_error_p => raise_value_error,
    raise_index_error_p => raise_index_error, raise_overflow_error_p => raise_overflow_error,
    raise_runtime_error_p => raise_runtime_error);

/// `Err(Pending)` after raising `e(msg)`.
pub fn raise_p(e: Exc, msg: String) -> Pending {
    raise(e, msg);
    Pending
}

/// Take the pending exception out of the state (0 when none; owned).
pub fn take_pending() -> u64 {
    std::mem::replace(&mut rt().pending, 0)
}

/// Put back an exception taken with `take_pending` (0 = none).
pub fn restore_pending(e: u64) {
    let r = rt();
    if e != 0 {
        if r.pending != 0 {
            decref(r.pending);
        }
        r.pending = e;
    }
}

/// True when an exception is pending.
pub fn is_pending() -> bool {
    rt().pending != 0
}

/// The pending exception is an instance of `e` (borrowed check).
pub fn pending_matches(e: Exc) -> bool {
    let p = rt().pending;
    p != 0 && crate::typeobj::is_instance(p, exc_type(e))
}

/// Clear the pending exception.
pub fn clear_pending() {
    let e = take_pending();
    if e != 0 {
        decref(e);
    }
}

/// Print "Exception ignored in: <obj>" and the exception (like
/// sys.unraisablehook).
pub fn write_unraisable(exc: u64, prefix: &str, obj: u64) {
    let r = crate::protocols::repr::repr_string(obj).unwrap_or_else(|_| {
        clear_pending();
        "<object>".to_string()
    });
    crate::modules::sys::write_stderr(&format!("{}{}\n", prefix, r));
    crate::entry::print_exception(exc);
    decref(exc);
}

/// An unrecoverable runtime failure (internal bug or out of memory).
pub fn fatal(msg: &str) -> ! {
    crate::modules::sys::flush_stdout();
    eprintln!("Fatal Python error: {}", msg);
    std::process::abort()
}
