//! build.rs — linker flags of the wasm runtime module:
//! - export every `molt_*` function defined in ../runtime-native/src (found
//!   by scanning for `extern "C" fn molt_`), so a compiled program module can
//!   import them from module `molt_runtime` and wasm-merge can join both;
//! - a 64 MiB shadow stack so deep Python recursion (RecursionError at the
//!   recursion limit) never overflows the wasm stack;
//! - 96 MiB initial memory; [80 MiB, 96 MiB) = [0x0500_0000, 0x0600_0000) is
//!   reserved for the program module's data segments (fixed addresses; the
//!   allocator only uses memory grown beyond the initial size, and `main`
//!   checks that the runtime's own data ends below 80 MiB).
//! `molt_main` and `molt_dispatch` are imports from module `molt_program`
//! (`#[link(wasm_import_module = "molt_program")]` in the runtime source).

use std::fs;
use std::path::Path;

fn scan(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = match fs::read_dir(dir) {
        Ok(e) => e.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(_) => return,
    };
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().map(|n| n == "tests").unwrap_or(false) {
                continue;
            }
            scan(&p, out);
        } else if p.extension().map(|e| e == "rs").unwrap_or(false) {
            let text = fs::read_to_string(&p).unwrap_or_default();
            for line in text.lines() {
                let l = line.trim_start();
                if !l.starts_with("pub ") {
                    continue;
                }
                if let Some(i) = l.find("extern \"C\" fn molt_") {
                    let rest = &l[i + "extern \"C\" fn ".len()..];
                    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
            }
        }
    }
}

fn main() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime-native/src");
    println!("cargo:rerun-if-changed={}", src.display());
    let target = std::env::var("TARGET").unwrap_or_default();
    if !target.starts_with("wasm32") {
        return;
    }
    let mut names = Vec::new();
    scan(&src, &mut names);
    for n in &names {
        println!("cargo:rustc-link-arg=--export={}", n);
    }
    println!("cargo:rustc-link-arg=-zstack-size=67108864");
    // 96 MiB initial memory: 64 MiB stack + runtime data below 80 MiB, then
    // [80 MiB, 96 MiB) for the program module's data segments.
    println!("cargo:rustc-link-arg=--initial-memory=100663296");
}
