#!/bin/sh
# Build libmolt_runtime.a (release, feature `entry`), link prog.c against it
# with the system C compiler, run it and check stdout, stderr and the exit
# status. Usage: tests/native_link/run.sh   (from runtime-native/)
set -e
cd "$(dirname "$0")/../.."
${CARGO:-cargo} build --release --quiet
OUT=${TMPDIR:-/tmp}/molt_native_link
mkdir -p "$OUT"
cc -O2 -c tests/native_link/prog.c -o "$OUT/prog.o"
cc "$OUT/prog.o" target/release/libmolt_runtime.a -lm -lpthread -ldl -o "$OUT/prog"
set +e
"$OUT/prog" >"$OUT/stdout" 2>"$OUT/stderr"
status=$?
set -e
fail=0
[ "$(cat "$OUT/stdout")" = "hello from C: 42" ] || { echo "stdout mismatch:"; cat "$OUT/stdout"; fail=1; }
[ $status -eq 1 ] || { echo "exit status $status, expected 1"; fail=1; }
printf 'Traceback (most recent call last):\n  File "prog.py", line 5, in <module>\nValueError: boom\n' >"$OUT/expected_stderr"
cmp -s "$OUT/stderr" "$OUT/expected_stderr" || { echo "stderr mismatch:"; cat "$OUT/stderr"; fail=1; }
[ $fail -eq 0 ] && echo "native link test: ok"
exit $fail
