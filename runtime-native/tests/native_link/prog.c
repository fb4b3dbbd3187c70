/* prog.c — a hand-written "compiled program" proving that a native
 * executable links against libmolt_runtime.a: it defines molt_main and
 * molt_dispatch itself (specs/runtime-abi.md §5–6). */
#include <stdint.h>
#include <string.h>

typedef uint64_t u64;
#define ERR UINT64_MAX

u64 molt_str_from_utf8(const char *p, size_t n);
u64 molt_builtin(u64 name);
u64 molt_call(u64 f, const u64 *argv, size_t n);
u64 molt_add(u64 a, u64 b);
u64 molt_code_new(uint32_t code_id, const char *info, size_t len);
u64 molt_func_new(u64 defaults, u64 kwdefaults, u64 closure, u64 annotations, u64 code_id);
u64 molt_module_register(u64 name, uint32_t code_id, uint32_t is_package);
u64 molt_import(u64 name, u64 globals, u64 fromlist, u64 level);
u64 molt_raise(u64 exc, u64 cause);
u64 molt_traceback_add(uint32_t code_id, uint32_t line);
u64 molt_int_from_i64(int64_t i);
void molt_decref(u64 v);

#define NONE ((u64)0xFFFC << 48)
#define UNBOUND (((u64)0xFFFD << 48) | 3)

static u64 S(const char *s) { return molt_str_from_utf8(s, strlen(s)); }

/* code 0: module __main__; code 1: def add(a, b): return a + b */
static u64 main_body(u64 module) {
  (void)module;
  u64 print = molt_builtin(S("print"));
  u64 add = molt_func_new(NONE, NONE, NONE, NONE, 1);
  u64 args[2] = {molt_int_from_i64(40), molt_int_from_i64(2)};
  u64 r = molt_call(add, args, 2);
  if (r == ERR) { molt_traceback_add(0, 3); return ERR; }
  u64 pargs[2] = {S("hello from C:"), r};
  u64 p = molt_call(print, pargs, 2);
  if (p == ERR) return ERR;
  /* raise ValueError('boom') at line 5 */
  u64 ve = molt_builtin(S("ValueError"));
  u64 msg = S("boom");
  u64 e = molt_call(ve, &msg, 1);
  molt_raise(e, UNBOUND);
  molt_traceback_add(0, 5);
  return ERR;
}

u64 molt_dispatch(uint32_t code_id, u64 self, const u64 *params) {
  switch (code_id) {
  case 0: return main_body(self);
  case 1: return molt_add(params[0], params[1]);
  }
  return ERR;
}

u64 molt_main(void) {
  const char *m = "{\"name\":\"<module>\",\"qualname\":\"<module>\",\"filename\":\"prog.py\",\"firstLine\":1,\"params\":[],\"flags\":{\"module\":true}}";
  const char *f = "{\"name\":\"add\",\"qualname\":\"add\",\"filename\":\"prog.py\",\"firstLine\":1,\"params\":[{\"name\":\"a\",\"kind\":\"normal\"},{\"name\":\"b\",\"kind\":\"normal\"}],\"flags\":{}}";
  molt_code_new(0, m, strlen(m));
  molt_code_new(1, f, strlen(f));
  molt_module_register(S("__main__"), 0, 0);
  return molt_import(S("__main__"), NONE, NONE, 0);
}
