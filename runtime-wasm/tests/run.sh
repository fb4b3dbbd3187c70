#!/bin/sh
# End-to-end wasm check: build the runtime module (Rust 1.63, wasm32-wasi),
# assemble a hand-written program module, join them with binaryen's
# wasm-merge and run the result under node:wasi, checking output and status.
set -e
cd "$(dirname "$0")/.."
BIN=${BINARYEN_BIN:-../node_modules/binaryen/bin}
RUSTC=${RUSTC:-/usr/bin/rustc} ${CARGO:-/usr/bin/cargo} build --release --target wasm32-wasi --quiet
OUT=${TMPDIR:-/tmp}/molt_wasm_link
mkdir -p "$OUT"
node tests/gen_prog.mjs "$OUT/prog.wat"
"$BIN/wasm-as" --enable-bulk-memory "$OUT/prog.wat" -o "$OUT/prog.wasm"
"$BIN/wasm-merge" --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
  target/wasm32-wasi/release/molt_runtime.wasm molt_runtime "$OUT/prog.wasm" molt_program -o "$OUT/merged.wasm"
set +e
node --no-warnings tests/run_wasi.mjs "$OUT/merged.wasm" >"$OUT/stdout" 2>"$OUT/stderr"
status=$?
set -e
fail=0
[ "$(cat "$OUT/stdout")" = "hello from wasm: 42" ] || { echo "stdout mismatch:"; cat "$OUT/stdout"; fail=1; }
[ $status -eq 1 ] || { echo "exit status $status, expected 1"; cat "$OUT/stderr"; fail=1; }
grep -q "^ValueError: boom$" "$OUT/stderr" || { echo "stderr mismatch:"; cat "$OUT/stderr"; fail=1; }
[ $fail -eq 0 ] && echo "wasm link test: ok"
exit $fail
