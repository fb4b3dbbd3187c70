//! Runtime feedback (profile.rs): counters per site, the rendered file, the
//! key cap, and the atomic writer (temporary file, then rename).

use super::*;
use crate::json::{parse, Json};
use crate::profile::*;

const IDENTITY: &str = r#"{"program":{"main":"__main__","modules":[{"name":"__main__","file":"t.py","source_hash":"0123456789abcdef"}]},"compiler":{"version":"0.1.0","op_table_hash":"aaaaaaaaaaaaaaaa","site_id_scheme":1}}"#;

fn table() -> String {
    let row = |id: &str, kinds: &str, op: &str| format!(r#"{{"id":"{}","kinds":[{}],"op":"{}","func":"f","line":3,"col":4}}"#, id, kinds, op);
    let rows = [
        row("000000000000000a", r#""types","deopt""#, "add"),
        row("000000000000000b", r#""branch""#, "brif"),
        row("000000000000000c", r#""loop""#, "loop"),
        row("000000000000000d", r#""alloc""#, "list.new"),
        row("000000000000000e", r#""calltargets","deopt""#, "call"),
        row("000000000000000f", r#""guard""#, "guard.int"),
        row("0000000000000010", r#""types""#, "getattr"),
    ];
    format!(r#"{{"module":"__main__","siteIdScheme":1,"sites":[{}]}}"#, rows.join(","))
}

fn record<'a>(file: &'a Json, site: &str, kind: &str) -> Option<&'a Json> {
    file.get("sites")?.as_arr().iter().find(|r| r.get("site").and_then(|s| s.as_str()) == Some(site) && r.get("kind").and_then(|k| k.as_str()) == Some(kind))
}

fn num(r: &Json, path: &[&str]) -> f64 {
    let mut v = r;
    for k in path {
        v = v.get(k).unwrap_or_else(|| panic!("no field {}", k));
    }
    v.as_f64().unwrap()
}

#[test]
fn profile_counts_each_kind_and_renders_the_file() {
    setup();
    reset();
    register(&table(), IDENTITY).unwrap();
    let ints = [small_int(1), small_int(2)];
    let mixed = [box_float(1.5), small_int(2)];
    unsafe {
        for _ in 0..5 {
            molt_profile_types(ints.as_ptr(), 2, 0);
        }
        molt_profile_types(mixed.as_ptr(), 2, 0);
    }
    molt_profile_deopt(0, 0);
    molt_profile_deopt(0, 1);
    for c in [1u64, 1, 0] {
        molt_profile_branch(c, 1);
    }
    molt_profile_count(2, 0);
    for _ in 0..7 {
        molt_profile_count(2, 1);
    }
    molt_profile_count(3, 0);
    molt_profile_count(3, 0);
    let print = crate::modules::globals::molt_builtin(intern("print"));
    let len = crate::modules::globals::molt_builtin(intern("len"));
    let int_t = crate::modules::globals::molt_builtin(intern("int"));
    for f in [print, print, len, int_t] {
        molt_profile_call(f, 4);
    }
    molt_profile_guard(1, 5);
    molt_profile_guard(0, 5);
    // Out-of-range sites are ignored (no crash, nothing counted).
    molt_profile_count(999, 0);

    let text = render("native").unwrap();
    let file = parse(&text).unwrap();
    assert_eq!(num(&file, &["schema_version"]), 1.0);
    assert_eq!(file.get("kind").unwrap().as_str(), Some("molt-runtime-feedback"));
    assert_eq!(file.get("target").unwrap().as_str(), Some("native"));
    assert_eq!(file.get("program").unwrap().get("main").unwrap().as_str(), Some("__main__"));
    assert_eq!(num(&file, &["compiler", "site_id_scheme"]), 1.0);

    let types = record(&file, "000000000000000a", "types").unwrap();
    assert_eq!(num(types, &["executions"]), 6.0);
    assert_eq!(num(types, &["counts", "int,int"]), 5.0);
    assert_eq!(num(types, &["counts", "float,int"]), 1.0);
    assert_eq!(types.get("where").unwrap().get("op").unwrap().as_str(), Some("add"));
    let deopt = record(&file, "000000000000000a", "deopt").unwrap();
    assert_eq!(num(deopt, &["executions"]), 6.0);
    assert_eq!(num(deopt, &["counts", "type"]), 1.0);
    assert_eq!(num(deopt, &["counts", "overflow"]), 1.0);
    let br = record(&file, "000000000000000b", "branch").unwrap();
    assert_eq!((num(br, &["executions"]), num(br, &["taken"]), num(br, &["not_taken"])), (3.0, 2.0, 1.0));
    let lp = record(&file, "000000000000000c", "loop").unwrap();
    assert_eq!((num(lp, &["executions"]), num(lp, &["trips"])), (1.0, 7.0));
    assert_eq!(num(record(&file, "000000000000000d", "alloc").unwrap(), &["executions"]), 2.0);
    let calls = record(&file, "000000000000000e", "calltargets").unwrap();
    assert_eq!(num(calls, &["executions"]), 4.0);
    assert_eq!(num(calls, &["counts", "builtin:print"]), 2.0);
    assert_eq!(num(calls, &["counts", "builtin:len"]), 1.0);
    assert_eq!(num(calls, &["counts", "type:int"]), 1.0);
    let g = record(&file, "000000000000000f", "guard").unwrap();
    assert_eq!((num(g, &["executions"]), num(g, &["pass"]), num(g, &["fail"])), (2.0, 1.0, 1.0));
    // A site that never ran writes nothing.
    assert!(record(&file, "0000000000000010", "types").is_none());
    reset();
}

#[test]
fn profile_tracks_at_most_key_cap_keys_per_site() {
    setup();
    reset();
    register(&table(), IDENTITY).unwrap();
    let vals = [
        small_int(1),
        box_float(1.0),
        box_bool(true),
        NONE,
        intern("s"),
        crate::types::list::list_new(vec![]),
        crate::types::tuple::tuple_from(&[small_int(1)]),
        crate::types::dict::dict_new(),
        crate::types::bytes::bytes_from(b"b"),
        crate::types::set::set_new(),
    ];
    for v in vals.iter() {
        unsafe { molt_profile_types(v, 1, 6) };
    }
    let file = parse(&render("wasm").unwrap()).unwrap();
    let r = record(&file, "0000000000000010", "types").unwrap();
    assert_eq!(num(r, &["executions"]), 10.0);
    let keys = match r.get("counts").unwrap() {
        Json::Obj(kv) => kv.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
        _ => panic!("counts is not an object"),
    };
    assert_eq!(keys.len(), KEY_CAP);
    for k in ["int", "float", "bool", "NoneType", "str", "list", "tuple", "dict"] {
        assert!(keys.iter().any(|x| x == k), "missing {} in {:?}", k, keys);
    }
    assert_eq!(file.get("target").unwrap().as_str(), Some("wasm"));
    reset();
}

#[test]
fn profile_register_rejects_a_malformed_table() {
    setup();
    reset();
    assert!(register("{\"sites\":[{\"id\":\"12\"}]}", IDENTITY).is_err());
    assert!(register(&table(), "{}").is_err());
    assert!(register("not json", IDENTITY).is_err());
    reset();
}

/// A scratch directory (under /tmp, which the wasm test runner preopens).
fn scratch(name: &str) -> String {
    let d = format!("/tmp/molt_profile_{}", name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn leftovers(dir: &str) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".tmp")).collect()
}

#[test]
fn profile_writer_replaces_the_file_atomically() {
    let d = scratch("atomic");
    let path = format!("{}/molt_runtime_feedback.json", d);
    std::fs::write(&path, "old contents").unwrap();
    write_atomic(&path, "{\"new\": true}\n").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"new\": true}\n");
    assert!(leftovers(&d).is_empty(), "temporary files left: {:?}", leftovers(&d));
    // The rename fails (the target is a non-empty directory): the error is reported, the
    // target is untouched and the temporary file (written in the same directory) is removed.
    let blocked = format!("{}/blocked.json", d);
    std::fs::create_dir_all(format!("{}/inside", blocked)).unwrap();
    assert!(write_atomic(&blocked, "x").is_err());
    assert!(std::path::Path::new(&format!("{}/inside", blocked)).is_dir());
    assert!(leftovers(&d).is_empty(), "temporary files left: {:?}", leftovers(&d));
    // A missing directory: an error, nothing created.
    assert!(write_atomic(&format!("{}/missing/f.json", d), "x").is_err());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn profile_written_at_exit_only_when_asked() {
    setup();
    reset();
    let d = scratch("at_exit");
    let path = format!("{}/p.json", d);
    std::env::set_var("MOLT_RUNTIME_FEEDBACK_FILE", &path);
    // Not instrumented: nothing is written even when asked.
    std::env::set_var("MOLT_RUNTIME_FEEDBACK", "1");
    write_at_exit();
    assert!(!std::path::Path::new(&path).exists());
    register(&table(), IDENTITY).unwrap();
    molt_profile_count(3, 0);
    std::env::set_var("MOLT_RUNTIME_FEEDBACK", "0");
    write_at_exit();
    assert!(!std::path::Path::new(&path).exists());
    std::env::set_var("MOLT_RUNTIME_FEEDBACK", "1");
    write_at_exit();
    let file = parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(num(record(&file, "000000000000000d", "alloc").unwrap(), &["executions"]), 1.0);
    // A path that cannot be written: write_at_exit reports on stderr and returns normally.
    std::env::set_var("MOLT_RUNTIME_FEEDBACK_FILE", format!("{}/missing/p.json", d));
    write_at_exit();
    std::env::remove_var("MOLT_RUNTIME_FEEDBACK");
    std::env::remove_var("MOLT_RUNTIME_FEEDBACK_FILE");
    let _ = std::fs::remove_dir_all(&d);
    reset();
}
