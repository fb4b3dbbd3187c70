//! `_molt` host primitives (the `os` package's back end) and `open()`.

use super::*;

fn prim(name: &str) -> u64 {
    let m = crate::modules::imports::import_module("_molt");
    assert_ne!(m, ERR);
    let f = getattr(m, name);
    decref(m);
    assert_ne!(f, ERR, "_molt.{} missing", name);
    f
}

#[test]
fn molt_os_primitives_roundtrip() {
    setup();
    let dir = std::env::temp_dir().join(format!("molt_os_prims_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_string_lossy().into_owned();
    let sub = format!("{}/sub", d);
    assert_eq!(call(prim("stat_kind"), &[s(&d)]), int(0));
    assert_eq!(call(prim("mkdir"), &[s(&d), int(0o777)]), NONE);
    assert_eq!(call(prim("mkdir"), &[s(&sub), int(0o777)]), NONE);
    assert_eq!(call(prim("stat_kind"), &[s(&d)]), int(2));
    assert_eq!(call(prim("mkdir"), &[s(&d), int(0o777)]), ERR);
    assert_eq!(err_text(), format!("FileExistsError: [Errno 17] File exists: '{}'", d));
    std::fs::write(format!("{}/a.txt", d), b"hello").unwrap();
    assert_eq!(call(prim("lstat_kind"), &[s(&format!("{}/a.txt", d))]), int(1));
    let st = call(prim("stat"), &[s(&format!("{}/a.txt", d))]);
    assert_eq!(crate::types::tuple::tuple_items(st)[1], int(5));
    assert_eq!(call(prim("rmdir"), &[s(&d)]), ERR);
    assert_eq!(err_text(), format!("OSError: [Errno 39] Directory not empty: '{}'", d));
    assert_eq!(call(prim("rename"), &[s(&format!("{}/a.txt", d)), s(&format!("{}/b.txt", d))]), NONE);
    let names = call(prim("listdir"), &[s(&d)]);
    let mut got: Vec<String> = crate::types::list::list_items(names).iter().map(|&v| text(v)).collect();
    got.sort();
    assert_eq!(got, vec!["b.txt".to_string(), "sub".to_string()]);
    assert_eq!(call(prim("remove"), &[s(&format!("{}/b.txt", d))]), NONE);
    assert_eq!(call(prim("remove"), &[s(&format!("{}/b.txt", d))]), ERR);
    assert!(err_text().starts_with("FileNotFoundError: [Errno 2] No such file or directory"));
    assert_eq!(call(prim("rmdir"), &[s(&sub)]), NONE);
    assert_eq!(call(prim("rmdir"), &[s(&d)]), NONE);
    assert_eq!(call(prim("listdir"), &[s(&d)]), ERR);
    assert_eq!(err_text(), format!("FileNotFoundError: [Errno 2] No such file or directory: '{}'", d));
    assert_eq!(call(prim("listdir"), &[int(3)]), ERR);
    assert_eq!(err_text(), "TypeError: listdir: path should be string, not int");
}

#[test]
fn molt_os_environ_and_cwd() {
    setup();
    assert_eq!(call(prim("putenv"), &[s("MOLT_PRIM_TEST"), s("v1")]), NONE);
    let env = call(prim("environ"), &[]);
    assert_eq!(text(crate::types::dict::dict_get_str(env, "MOLT_PRIM_TEST").unwrap()), "v1");
    assert_eq!(call(prim("unsetenv"), &[s("MOLT_PRIM_TEST")]), NONE);
    let env = call(prim("environ"), &[]);
    assert!(crate::types::dict::dict_get_str(env, "MOLT_PRIM_TEST").is_none());
    assert_eq!(call(prim("putenv"), &[s("A=B"), s("x")]), ERR);
    assert_eq!(err_text(), "ValueError: illegal environment variable name");
    let cwd = call(prim("getcwd"), &[]);
    assert_eq!(text(cwd), std::env::current_dir().unwrap().to_string_lossy());
    assert_eq!(call(prim("getpid"), &[]), int(std::process::id() as i64));
}

#[test]
fn open_write_read_roundtrip() {
    setup();
    let p = std::env::temp_dir().join(format!("molt_open_{}.txt", std::process::id()));
    let ps = p.to_string_lossy().into_owned();
    let open = crate::modules::globals::molt_builtin(s("open"));
    let f = call(open, &[s(&ps), s("w")]);
    assert_ne!(f, ERR);
    assert_eq!(crate::protocols::call::call_method_str(f, "write", &[s("héllo\nwörld")]), int(11));
    assert_eq!(crate::protocols::call::call_method_str(f, "close", &[]), NONE);
    assert_eq!(getattr(f, "closed"), TRUE);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "héllo\nwörld");
    let f = call(open, &[s(&ps)]);
    assert_eq!(text(crate::protocols::call::call_method_str(f, "readline", &[])), "héllo\n");
    assert_eq!(text(crate::protocols::call::call_method_str(f, "read", &[int(2)])), "wö");
    assert_eq!(text(crate::protocols::call::call_method_str(f, "read", &[])), "rld");
    assert_eq!(call(open, &[s(&ps), s("rw")]), ERR);
    assert_eq!(err_text(), "ValueError: must have exactly one of create/read/write/append mode");
    std::fs::remove_file(&p).unwrap();
    assert_eq!(call(open, &[s(&ps)]), ERR);
    assert_eq!(err_text(), format!("FileNotFoundError: [Errno 2] No such file or directory: '{}'", ps));
}
