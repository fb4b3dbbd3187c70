//! profile.rs — runtime feedback of instrumented builds (`molt build
//! --instrument`, specs/runtime-feedback.md §7–§8): the counters of every
//! profile site, the `molt_profile_*` entry points the `profile.*` IR ops
//! lower to, and the at-exit writer of `molt_runtime_feedback.json`
//! (atomic: a temporary file in the target's directory, flushed, then
//! renamed over it). Uninstrumented programs never call into this file.
//! Neighbours: entry.rs (calls `write_at_exit`), json.rs (site tables in,
//! feedback file out), packages/runtime-feedback (the file's schema).

use crate::json::{self, Json};
use crate::object::*;
use crate::typeobj::*;
use crate::value::*;

/// Distinct keys (type tags, call targets) tracked per site; the rest only
/// counts in `executions` (the schema allows sums below it).
pub const KEY_CAP: usize = 8;

/// Deopt reasons, by the `reason` immediate of `profile.deopt`.
pub const DEOPT_REASONS: [&str; 4] = ["type", "overflow", "zero-division", "target"];

/// One tracked key: `fast` identifies it cheaply (type pointers, code id),
/// `name` is what the file says.
struct KeyCount {
    fast: [u64; 3],
    name: String,
    n: u64,
}

/// The counters of one site.
#[derive(Default)]
struct Site {
    id: String,
    kinds: Vec<String>,
    op: String,
    func: String,
    line: u64,
    col: u64,
    types_exec: u64,
    types: Vec<KeyCount>,
    calls_exec: u64,
    targets: Vec<KeyCount>,
    taken: u64,
    not_taken: u64,
    pass: u64,
    fail: u64,
    /// `profile.count` slot 0 (allocations, loop entries) and slot 1 (loop trips).
    count: [u64; 2],
    deopt: [u64; 4],
}

struct Profile {
    /// `{"program": …, "compiler": …}` of the build (copied into the file).
    identity: Option<Json>,
    sites: Vec<Site>,
}

static mut PROFILE: Option<Profile> = None;

fn profile() -> &'static mut Option<Profile> {
    // SAFETY: the runtime is single-threaded; nothing else holds this reference across calls.
    unsafe { &mut *std::ptr::addr_of_mut!(PROFILE) }
}

fn site(i: u64) -> Option<&'static mut Site> {
    profile().as_mut().and_then(|p| p.sites.get_mut(i as usize))
}

/// Count `fast` under `keys` (computing the name only for a new key).
fn count_key(keys: &mut Vec<KeyCount>, fast: [u64; 3], name: impl FnOnce() -> String) {
    if let Some(k) = keys.iter_mut().find(|k| k.fast == fast) {
        k.n += 1;
        return;
    }
    let name = name();
    if let Some(k) = keys.iter_mut().find(|k| k.name == name) {
        k.n += 1;
    } else if keys.len() < KEY_CAP {
        keys.push(KeyCount { fast, name, n: 1 });
    }
}

/// Add one module's site table (UTF-8 JSON from the compiler: `{module,
/// siteIdScheme, sites: [{id, kinds, op, func, line, col}]}`); sites are
/// numbered program-wide in registration order. `identity` is the build's
/// `{"program", "compiler"}` JSON (the same for every module).
pub fn register(table: &str, identity: &str) -> Result<(), String> {
    let t = json::parse(table)?;
    let ident = json::parse(identity)?;
    if ident.get("program").is_none() || ident.get("compiler").is_none() {
        return Err("the identity has no 'program' or 'compiler'".to_string());
    }
    let p = profile().get_or_insert_with(|| Profile { identity: None, sites: Vec::new() });
    if p.identity.is_none() {
        p.identity = Some(ident);
    }
    for row in t.get("sites").map(|s| s.as_arr()).unwrap_or(&[]) {
        let text = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let num = |k: &str| row.get(k).and_then(|v| v.as_f64()).unwrap_or(0.0) as u64;
        let id = text("id");
        if id.len() != 16 {
            return Err(format!("site id '{}' is not 16 hex digits", id));
        }
        let kinds = row.get("kinds").map(|k| k.as_arr()).unwrap_or(&[]).iter().filter_map(|k| k.as_str()).map(|k| k.to_string()).collect();
        p.sites.push(Site { id, kinds, op: text("op"), func: text("func"), line: num("line"), col: num("col"), ..Site::default() });
    }
    Ok(())
}

/// Forget every site (tests).
pub fn reset() {
    *profile() = None;
}

/// `molt_profile_register(table, len, identity, len)`: called by the program's
/// `molt_main` for each instrumented module before any Python code runs.
#[no_mangle]
pub unsafe extern "C" fn molt_profile_register(table: *const u8, len: usize, identity: *const u8, ilen: usize) -> u64 {
    let t = std::str::from_utf8(std::slice::from_raw_parts(table, len)).unwrap_or("");
    let i = std::str::from_utf8(std::slice::from_raw_parts(identity, ilen)).unwrap_or("");
    if let Err(e) = register(t, i) {
        crate::errors::fatal(&format!("malformed profile site table: {}", e));
    }
    NONE
}

/// The type tag of a type: its `__qualname__` (`int`, `NoneType`, `Outer.Inner`).
fn type_tag(t: *mut TypeObject) -> String {
    // SAFETY: live type object; qualname is a str word once set.
    unsafe {
        if (*t).qualname != 0 && crate::types::str::is_str((*t).qualname) {
            crate::types::str::str_as((*t).qualname).to_string()
        } else {
            type_name_of(t)
        }
    }
}

/// `profile.types`: one execution and the operands' type tags (comma-joined).
#[no_mangle]
pub unsafe extern "C" fn molt_profile_types(argv: *const u64, n: usize, site_ix: u64) -> u64 {
    if let Some(s) = site(site_ix) {
        s.types_exec += 1;
        let args = if n == 0 || argv.is_null() { &[][..] } else { std::slice::from_raw_parts(argv, n) };
        let mut fast = [0u64; 3];
        for (i, &a) in args.iter().take(3).enumerate() {
            fast[i] = type_of(a) as u64;
        }
        count_key(&mut s.types, fast, || {
            // The key keeps its types alive, so a freed class's address is never mistaken for another.
            args.iter().take(3).for_each(|&a| incref(from_ptr(type_of(a))));
            args.iter().map(|&a| type_tag(type_of(a))).collect::<Vec<_>>().join(",")
        });
    }
    NONE
}

/// The call-target key of a callee: `<module>:<qualname>` of compiled code,
/// `builtin:<name>`, `type:<qualname>`, else `other`; and its fast key.
fn call_target(f: u64) -> ([u64; 3], Box<dyn FnOnce() -> String>) {
    use crate::types::builtin_func::BuiltinFunction;
    use crate::types::function::FunctionObject;
    // A METHOD word (`method.call`'s callee) counts as its function.
    let f = crate::protocols::method::owned_word(f);
    if crate::types::function::is_function(f) {
        let fo = ptr_of(f) as *mut FunctionObject;
        // SAFETY: a live function object has a live code object.
        let (code_id, qual, module) = unsafe { ((*(*fo).code).code_id, (*(*fo).code).qualname, (*fo).module) };
        let name = move || {
            if crate::types::str::is_str(module) && crate::types::str::is_str(qual) {
                format!("{}:{}", crate::types::str::str_as(module), crate::types::str::str_as(qual))
            } else {
                "other".to_string()
            }
        };
        return ([1, code_id as u64, 0], Box::new(name));
    }
    if has_layout(f, TypeId::BuiltinFunction) {
        let b = ptr_of(f) as *mut BuiltinFunction;
        // SAFETY: a live builtin function; its name is a static str.
        let name: &'static str = unsafe { (*b).name };
        return ([3, name.as_ptr() as u64, name.len() as u64], Box::new(move || format!("builtin:{}", name)));
    }
    if is_type(f) {
        let t = as_type(f);
        return ([2, t as u64, 0], Box::new(move || {
            incref(from_ptr(t));
            format!("type:{}", type_tag(t))
        }));
    }
    ([4, 0, 0], Box::new(|| "other".to_string()))
}

/// `profile.call`: one execution of a call site and the callee's target key.
#[no_mangle]
pub extern "C" fn molt_profile_call(f: u64, site_ix: u64) -> u64 {
    if let Some(s) = site(site_ix) {
        s.calls_exec += 1;
        let (fast, name) = call_target(f);
        count_key(&mut s.targets, fast, name);
    }
    NONE
}

/// `profile.branch`: the direction of a `brif` (nonzero: taken).
#[no_mangle]
pub extern "C" fn molt_profile_branch(c: u64, site_ix: u64) -> u64 {
    if let Some(s) = site(site_ix) {
        tally(c, &mut s.taken, &mut s.not_taken);
    }
    NONE
}

/// `profile.guard`: a guard passed (nonzero) or failed.
#[no_mangle]
pub extern "C" fn molt_profile_guard(ok: u64, site_ix: u64) -> u64 {
    if let Some(s) = site(site_ix) {
        tally(ok, &mut s.pass, &mut s.fail);
    }
    NONE
}

/// Count a boolean word (low bit) in `yes` or `no`.
fn tally(b: u64, yes: &mut u64, no: &mut u64) {
    if b & 1 != 0 {
        *yes += 1;
    } else {
        *no += 1;
    }
}

/// `profile.count`: slot 0 (an allocation, a loop entry) or 1 (a loop trip).
#[no_mangle]
pub extern "C" fn molt_profile_count(site_ix: u64, slot: u64) -> u64 {
    if let Some(s) = site(site_ix) {
        if let Some(c) = s.count.get_mut(slot as usize) {
            *c += 1;
        }
    }
    NONE
}

/// `profile.deopt`: a speculation failed at the site, for `reason` (DEOPT_REASONS).
#[no_mangle]
pub extern "C" fn molt_profile_deopt(site_ix: u64, reason: u64) -> u64 {
    if let Some(s) = site(site_ix) {
        if let Some(c) = s.deopt.get_mut(reason as usize) {
            *c += 1;
        }
    }
    NONE
}

fn counts_json(keys: &[(String, u64)]) -> String {
    let mut out = String::from("{");
    for (i, (k, n)) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::write_str(k, &mut out);
        out.push_str(&format!(":{}", n));
    }
    out.push('}');
    out
}

/// Keys merged by name and sorted (two fast keys may share a name).
fn by_name(keys: &[KeyCount]) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    for k in keys {
        match out.iter_mut().find(|(n, _)| *n == k.name) {
            Some(e) => e.1 += k.n,
            None => out.push((k.name.clone(), k.n)),
        }
    }
    out.sort();
    out
}

/// The records of one site with `executions > 0`, one JSON object per line.
fn site_records(s: &Site, out: &mut Vec<String>) {
    let mut place = String::new();
    json::write_str(&s.func, &mut place);
    let mut op = String::new();
    json::write_str(&s.op, &mut op);
    let rec = |kind: &str, executions: u64, fields: String| {
        format!(
            "{{\"site\":\"{}\",\"kind\":\"{}\",\"executions\":{}{},\"where\":{{\"func\":{},\"line\":{},\"col\":{},\"op\":{}}}}}",
            s.id, kind, executions, fields, place, s.line, s.col, op
        )
    };
    for kind in &s.kinds {
        match kind.as_str() {
            "guard" if s.pass + s.fail > 0 => out.push(rec("guard", s.pass + s.fail, format!(",\"pass\":{},\"fail\":{}", s.pass, s.fail))),
            "branch" if s.taken + s.not_taken > 0 => {
                out.push(rec("branch", s.taken + s.not_taken, format!(",\"taken\":{},\"not_taken\":{}", s.taken, s.not_taken)))
            }
            "types" if s.types_exec > 0 => out.push(rec("types", s.types_exec, format!(",\"counts\":{}", counts_json(&by_name(&s.types))))),
            "calltargets" if s.calls_exec > 0 => {
                out.push(rec("calltargets", s.calls_exec, format!(",\"counts\":{}", counts_json(&by_name(&s.targets)))))
            }
            "deopt" => {
                let total: u64 = s.deopt.iter().sum();
                if total > 0 {
                    let mut keys: Vec<(String, u64)> = Vec::new();
                    for (i, reason) in DEOPT_REASONS.iter().enumerate() {
                        if s.deopt[i] > 0 {
                            keys.push((reason.to_string(), s.deopt[i]));
                        }
                    }
                    let executions = total.max(s.types_exec).max(s.calls_exec);
                    out.push(rec("deopt", executions, format!(",\"counts\":{}", counts_json(&keys))));
                }
            }
            "loop" if s.count[0] + s.count[1] > 0 => out.push(rec("loop", s.count[0], format!(",\"trips\":{}", s.count[1]))),
            "alloc" if s.count[0] > 0 => out.push(rec("alloc", s.count[0], String::new())),
            _ => {}
        }
    }
}

/// The feedback file's text for the counters so far (None: nothing registered).
pub fn render(target: &str) -> Option<String> {
    let p = profile().as_ref()?;
    let ident = p.identity.as_ref()?;
    let mut out = String::from("{\n  \"schema_version\": 1,\n  \"kind\": \"molt-runtime-feedback\",\n  \"program\": ");
    ident.get("program")?.write(&mut out);
    out.push_str(",\n  \"compiler\": ");
    ident.get("compiler")?.write(&mut out);
    out.push_str(&format!(",\n  \"target\": \"{}\",\n  \"runs\": 1,\n  \"sites\": [", target));
    let mut records = Vec::new();
    for s in &p.sites {
        site_records(s, &mut records);
    }
    if records.is_empty() {
        out.push_str("]\n}\n");
    } else {
        out.push_str("\n    ");
        out.push_str(&records.join(",\n    "));
        out.push_str("\n  ]\n}\n");
    }
    Some(out)
}

/// A name for the temporary file that no other process writing the same target uses.
fn temp_suffix() -> String {
    #[cfg(target_os = "wasi")]
    {
        // WASI has no process id: the clock stands in for it.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        format!("{}", nanos)
    }
    #[cfg(not(target_os = "wasi"))]
    {
        format!("{}", std::process::id())
    }
}

/// Write `text` to `path` atomically: `<dir>/.<name>.<pid>.tmp` in the same
/// directory, flushed, then renamed over `path`; the temporary file is
/// removed on failure. Readers see the old file or the whole new one.
pub fn write_atomic(path: &str, text: &str) -> Result<(), String> {
    use std::io::Write;
    let target = std::path::Path::new(path);
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).ok_or_else(|| "the path names no file".to_string())?;
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| std::path::Path::new("."));
    let tmp = dir.join(format!(".{}.{}.tmp", name, temp_suffix()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        match f.sync_all() {
            Ok(()) => {}
            // Some WASI hosts cannot fsync; the rename is still atomic.
            Err(_) if cfg!(target_os = "wasi") => {}
            Err(e) => return Err(e),
        }
        drop(f);
        std::fs::rename(&tmp, target)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        e.to_string()
    })
}

/// The target name written into the file.
pub fn target_name() -> &'static str {
    if cfg!(target_arch = "wasm32") {
        "wasm"
    } else {
        "native"
    }
}

/// At exit (normal return, `sys.exit`, uncaught exception): write the
/// profile when the program is instrumented and `MOLT_RUNTIME_FEEDBACK=1`.
/// A failure prints one line to stderr and never changes the exit status.
pub fn write_at_exit() {
    if profile().is_none() || std::env::var("MOLT_RUNTIME_FEEDBACK").map(|v| v != "1").unwrap_or(true) {
        return;
    }
    let path = std::env::var("MOLT_RUNTIME_FEEDBACK_FILE").ok().filter(|p| !p.is_empty()).unwrap_or_else(|| "molt_runtime_feedback.json".to_string());
    let text = match render(target_name()) {
        Some(t) => t,
        None => return,
    };
    if let Err(e) = write_atomic(&path, &text) {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "molt: cannot write the runtime feedback file '{}': {}", path, e);
    }
}
