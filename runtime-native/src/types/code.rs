//! types/code.rs — `code`: static description of a compiled function
//! (names, parameters, flags), created by `molt_code_new` from the code
//! info blob (JSON, @molt/ir `encodeCodeInfo`).
//! Neighbours: function.rs (functions point at code), protocols/call.rs
//! (argument binding reads the parameter layout), entry.rs (tracebacks).

use crate::errors::*;
use crate::object::*;
use crate::runtime::rt;
use crate::typeobj::*;
use crate::value::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParamKind {
    PosOnly,
    Normal,
    VarArgs,
    KwOnly,
    VarKw,
}

pub const CO_GENERATOR: u32 = 1;
pub const CO_COROUTINE: u32 = 2;
pub const CO_ASYNCGEN: u32 = 4;
pub const CO_MODULE: u32 = 8;

#[repr(C)]
pub struct CodeObject {
    pub header: ObjHeader,
    pub code_id: u32,
    pub flags: u32,
    pub first_line: u32,
    pub name: u64,
    pub qualname: u64,
    pub filename: u64,
    /// Parameter names in binding order (positional, *args, kw-only, **kw).
    pub param_names: Vec<u64>,
    /// Positional-only count, positional (incl. pos-only) count, kw-only count.
    pub nposonly: u32,
    pub nargs: u32,
    pub nkwonly: u32,
    pub has_varargs: bool,
    pub has_varkw: bool,
    /// Globals of the module this code belongs to (borrowed; 0 until known).
    pub globals: u64,
    /// The docstring (info key "doc"), or NONE.
    pub doc: u64,
}

impl CodeObject {
    /// Total number of bound parameter slots.
    pub fn nparams(&self) -> usize {
        self.param_names.len()
    }
    /// Only positional-or-keyword parameters, no *args/**kw/kw-only.
    pub fn is_simple(&self) -> bool {
        !self.has_varargs && !self.has_varkw && self.nkwonly == 0
    }
}

pub unsafe fn init_slots() {
    let t = tp(TypeId::Code);
    (*t).basicsize = std::mem::size_of::<CodeObject>() as u32;
    (*t).slots.repr = Some(code_repr);
}

pub fn init_methods() {
    use crate::types::descr::add_getset;
    // SAFETY (closures): installed only on `code`.
    add_getset(tp(TypeId::Code), "co_name", |v| unsafe { newref((*as_obj::<CodeObject>(v)).name) }, None);
    add_getset(tp(TypeId::Code), "co_qualname", |v| unsafe { newref((*as_obj::<CodeObject>(v)).qualname) }, None);
    add_getset(tp(TypeId::Code), "co_filename", |v| unsafe { newref((*as_obj::<CodeObject>(v)).filename) }, None);
    add_getset(
        tp(TypeId::Code),
        "co_firstlineno",
        |v| unsafe { small_int((*as_obj::<CodeObject>(v)).first_line as i64) },
        None,
    );
    add_getset(
        tp(TypeId::Code),
        "co_argcount",
        |v| unsafe { small_int((*as_obj::<CodeObject>(v)).nargs as i64) },
        None,
    );
    add_getset(
        tp(TypeId::Code),
        "co_varnames",
        |v| unsafe { crate::types::tuple::tuple_from(&(*as_obj::<CodeObject>(v)).param_names) },
        None,
    );
}

unsafe fn code_repr(v: u64) -> u64 {
    let c = as_obj::<CodeObject>(v);
    crate::types::str::str_from_string(format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        crate::types::str::str_as((*c).name),
        ptr_of(v) as usize,
        crate::types::str::str_as((*c).filename),
        (*c).first_line
    ))
}

/// Build a code object from the info blob text.
pub fn code_from_info(code_id: u32, info: &str) -> R<u64> {
    let j = crate::json::parse(info)
        .map_err(|e| raise_p(Exc::SystemError, format!("molt_code_new: bad code info for {}: {}", code_id, e)))?;
    let s = |k: &str| j.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let name = s("name");
    let qualname = match j.get("qualname").and_then(|v| v.as_str()) {
        Some(q) => q.to_string(),
        None => name.clone(),
    };
    let mut flags = 0;
    if let Some(f) = j.get("flags") {
        let fb = |k: &str| f.get(k).map(|v| v.as_bool()).unwrap_or(false);
        if fb("generator") {
            flags |= CO_GENERATOR;
        }
        if fb("coroutine") {
            flags |= CO_COROUTINE;
        }
        if fb("asyncgen") {
            flags |= CO_ASYNCGEN;
        }
        if fb("module") {
            flags |= CO_MODULE;
        }
    }
    let mut pos = Vec::new();
    let mut posonly = 0;
    let mut varargs = None;
    let mut kwonly = Vec::new();
    let mut varkw = None;
    for p in j.get("params").map(|p| p.as_arr()).unwrap_or(&[]) {
        let pname = p.get("name").and_then(|v| v.as_str()).unwrap_or("_").to_string();
        match p.get("kind").and_then(|v| v.as_str()).unwrap_or("normal") {
            "posonly" => {
                posonly += 1;
                pos.push(pname)
            }
            "varargs" => varargs = Some(pname),
            "kwonly" => kwonly.push(pname),
            "varkw" => varkw = Some(pname),
            _ => pos.push(pname),
        }
    }
    let nargs = pos.len() as u32;
    let nkwonly = kwonly.len() as u32;
    let mut names: Vec<u64> = Vec::new();
    for n in pos {
        names.push(newref(crate::types::str::intern(&n)));
    }
    let has_varargs = varargs.is_some();
    if let Some(n) = varargs {
        names.push(newref(crate::types::str::intern(&n)));
    }
    for n in kwonly {
        names.push(newref(crate::types::str::intern(&n)));
    }
    let has_varkw = varkw.is_some();
    if let Some(n) = varkw {
        names.push(newref(crate::types::str::intern(&n)));
    }
    let first_line = j.get("firstLine").and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
    let filename = s("filename");
    let doc = match j.get("doc").and_then(|v| v.as_str()) {
        Some(d) => {
            let w = crate::types::str::str_from(d);
            make_immortal(w);
            w
        }
        None => NONE,
    };
    // SAFETY: code type initialised.
    let v = unsafe {
        from_ptr(new_object(
            tp(TypeId::Code),
            CodeObject {
                header: header0(),
                code_id,
                flags,
                first_line,
                name: newref(crate::types::str::intern(&name)),
                qualname: newref(crate::types::str::intern(&qualname)),
                filename: newref(crate::types::str::intern(&filename)),
                param_names: names,
                nposonly: posonly,
                nargs,
                nkwonly,
                has_varargs,
                has_varkw,
                globals: 0,
                doc,
            },
        ))
    };
    Ok(v)
}

/// The code object registered for `code_id` (borrowed), if any.
pub fn code_by_id(code_id: u32) -> Option<*mut CodeObject> {
    let r = rt();
    match r.codes.get(code_id as usize) {
        Some(&c) if c != 0 => Some(as_obj::<CodeObject>(c)),
        _ => None,
    }
}

/// `molt_code_new(code_id, info_ptr, info_len)`: create and register the
/// code object for a compiled function (immortal; returns it).
#[no_mangle]
pub unsafe extern "C" fn molt_code_new(code_id: u32, info: *const u8, len: usize) -> u64 {
    let bytes = std::slice::from_raw_parts(info, len);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => return raise(Exc::SystemError, "molt_code_new: code info is not UTF-8".to_string()),
    };
    let c = ok!(code_from_info(code_id, text));
    make_immortal(c);
    let r = rt();
    if r.codes.len() <= code_id as usize {
        r.codes.resize(code_id as usize + 1, 0);
    }
    r.codes[code_id as usize] = c;
    c
}
