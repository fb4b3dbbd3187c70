// gen_prog.mjs — writes prog.wat: a hand-written "compiled program" module
// (what @molt/lower-wasm emits) that imports the runtime from module
// `molt_runtime` and exports molt_main / molt_dispatch. Its data segment
// sits in the fixed program data region at 0x05000000 (specs/runtime-abi.md §8).
import { writeFileSync } from 'node:fs';

const strings = {};
let data = '';
function put(s) {
  if (!(s in strings)) { strings[s] = Buffer.byteLength(data); data += s; }
  return [strings[s], Buffer.byteLength(s)];
}
const modInfo = JSON.stringify({ name: '<module>', qualname: '<module>', filename: 'prog.py', firstLine: 1, params: [], flags: { module: true } });
const addInfo = JSON.stringify({ name: 'add', qualname: 'add', filename: 'prog.py', firstLine: 1, params: [{ name: 'a', kind: 'normal' }, { name: 'b', kind: 'normal' }], flags: {} });
const S = (s) => { const [o, n] = put(s); return `(call $str (i32.const ${0x5000000 + o}) (i32.const ${n}))`; };
const NONE = '(i64.const -1125899906842624)';
const UNBOUND = '(i64.const -844424930131965)';
const body = `
  (func $main_body (result i64) (local $print i64) (local $add i64) (local $argv i32) (local $r i64) (local $e i64)
    (local.set $print (call $builtin ${S('print')}))
    (local.set $add (call $func_new ${NONE} ${NONE} ${NONE} ${NONE} (i64.const 1)))
    (local.set $argv (call $alloc (i32.const 16)))
    (i64.store (local.get $argv) (call $int (i64.const 40)))
    (i64.store offset=8 (local.get $argv) (call $int (i64.const 2)))
    (local.set $r (call $call (local.get $add) (local.get $argv) (i32.const 2)))
    (i64.store (local.get $argv) ${S('hello from wasm:')})
    (i64.store offset=8 (local.get $argv) (local.get $r))
    (drop (call $call (local.get $print) (local.get $argv) (i32.const 2)))
    (i64.store (local.get $argv) ${S('boom')})
    (local.set $e (call $call (call $builtin ${S('ValueError')}) (local.get $argv) (i32.const 1)))
    (drop (call $raise (local.get $e) ${UNBOUND}))
    (drop (call $tb (i32.const 0) (i32.const 5)))
    (i64.const -1))
  (func (export "molt_dispatch") (param $code i32) (param $self i64) (param $params i32) (result i64)
    (if (result i64) (i32.eqz (local.get $code))
      (then (call $main_body))
      (else (call $add (i64.load (local.get $params)) (i64.load offset=8 (local.get $params))))))
  (func (export "molt_main") (result i64)
    (drop (call $code_new (i32.const 0) (i32.const ${0x5000000 + put(modInfo)[0]}) (i32.const ${put(modInfo)[1]})))
    (drop (call $code_new (i32.const 1) (i32.const ${0x5000000 + put(addInfo)[0]}) (i32.const ${put(addInfo)[1]})))
    (drop (call $reg ${S('__main__')} (i32.const 0) (i32.const 0)))
    (call $run_main ${S('__main__')}))`;
const esc = [...Buffer.from(data)].map((b) => '\\' + b.toString(16).padStart(2, '0')).join('');
const wat = `(module
  (import "molt_runtime" "memory" (memory 1))
  (import "molt_runtime" "molt_str_from_utf8" (func $str (param i32 i32) (result i64)))
  (import "molt_runtime" "molt_builtin" (func $builtin (param i64) (result i64)))
  (import "molt_runtime" "molt_call" (func $call (param i64 i32 i32) (result i64)))
  (import "molt_runtime" "molt_add" (func $add (param i64 i64) (result i64)))
  (import "molt_runtime" "molt_code_new" (func $code_new (param i32 i32 i32) (result i64)))
  (import "molt_runtime" "molt_func_new" (func $func_new (param i64 i64 i64 i64 i64) (result i64)))
  (import "molt_runtime" "molt_module_register" (func $reg (param i64 i32 i32) (result i64)))
  (import "molt_runtime" "molt_run_main" (func $run_main (param i64) (result i64)))
  (import "molt_runtime" "molt_raise" (func $raise (param i64 i64) (result i64)))
  (import "molt_runtime" "molt_traceback_add" (func $tb (param i32 i32) (result i64)))
  (import "molt_runtime" "molt_int_from_i64" (func $int (param i64) (result i64)))
  (import "molt_runtime" "molt_alloc" (func $alloc (param i32) (result i32)))
  ${body}
  (data (i32.const ${0x5000000}) "${esc}"))
`;
writeFileSync(process.argv[2] || 'prog.wat', wat);
