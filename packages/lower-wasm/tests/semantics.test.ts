// semantics.test.ts — runs the *unmerged* program module in node with a
// JavaScript mock of the runtime imports, to check the inline lowering
// (NaN-boxing, guards, unboxed arithmetic, overflow tests, small-int fast
// paths, switch, dispatch) against BigInt reference results.

import { ModuleBuilder, type FunctionBuilder, type Program, type ValueId } from '@molt/ir';
import { lowerToWasmSync as lowerToWasm } from '../src/emit.js';
import { mockRuntime, WA } from './mockRuntime.js';

const TAG = (t: bigint): bigint => t << 48n;
const INT = (v: bigint): bigint => BigInt.asUintN(64, TAG(0xfff9n) | (v & ((1n << 48n) - 1n)));
const BOOL = (b: boolean): bigint => TAG(0xfffbn) | (b ? 1n : 0n);
const NONE = TAG(0xfffcn);
const SLOW = 0xfffa_0000_0000_1234n; // marker word returned by the mock's slow paths
const u64 = (w: unknown): bigint => BigInt.asUintN(64, w as bigint);

type Body = (f: FunctionBuilder, a: ValueId, b: ValueId) => ValueId;

/** One function per entry: f(self, a, b) -> obj. Code id = index + 1 (0 is the module body). */
function program(bodies: Body[]): Program {
  const mb = new ModuleBuilder({ name: '__main__', file: 'main.py' });
  const init = mb.createFunction('__main__', ['obj']);
  mb.setInit(init.fn.id);
  init.ins('return', [init.value('const.none')]);
  init.finish();
  bodies.forEach((body, i) => {
    const f = mb.createFunction(`f${i}`, ['obj', 'obj', 'obj']);
    f.ins('return', [body(f, f.params[1]!, f.params[2]!)]);
    f.finish();
  });
  return { modules: [mb.finish()], main: '__main__' };
}

async function instantiate(p: Program): Promise<{ call: (code: number, a: bigint, b: bigint) => bigint; slowCalls: string[] }> {
  const slowCalls: string[] = [];
  const { memory, runtime } = mockRuntime(NONE, {
    molt_str_from_utf8: () => SLOW,
    molt_traceback_add: () => undefined,
    molt_incref: (x: bigint) => x,
    molt_decref: (x: bigint) => x,
    // As the runtime's box_nan: a NaN with an identity keeps it, any other gets identity 7 with its sign.
    molt_float_box_nan: (x: bigint) => {
      const bits = BigInt.asUintN(64, x);
      const top = bits >> 48n;
      if ((top === 0x7ff8n || top === 0xfff8n) && (bits & 0xffff_ffff_ffffn) !== 0n) return x;
      return BigInt.asIntN(64, (bits & (1n << 63n)) | 0x7ff8_0000_0000_0007n);
    },
  });
  for (const s of ['molt_add', 'molt_sub', 'molt_mul', 'molt_truediv', 'molt_lt', 'molt_eq', 'molt_int_from_i64']) {
    runtime[s] = (...args: unknown[]) => {
      slowCalls.push(s);
      void args;
      return SLOW;
    };
  }
  const { wasm } = lowerToWasm(p);
  const { instance } = await WA.instantiate(wasm, { molt_runtime: runtime });
  const ex = instance.exports;
  (ex['molt_main'] as () => bigint)();
  const call = (code: number, a: bigint, b: bigint): bigint => {
    const view = new DataView(memory.buffer);
    view.setBigUint64(64, a, true);
    view.setBigUint64(72, b, true);
    return u64((ex['molt_dispatch'] as (c: number, s: bigint, p: number) => bigint)(code, NONE, 64));
  };
  return { call, slowCalls };
}

const unboxed = (op: string): Body => (f, a, b) => f.value('box.i64', [f.value(op, [f.value('unbox.i64', [a]), f.value('unbox.i64', [b])])]);
const ovf = (op: string): Body => (f, a, b) => f.value('box.bool', [f.value(op, [f.value('unbox.i64', [a]), f.value('unbox.i64', [b])])]);

const pyFloorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
};
const pyMod = (a: bigint, b: bigint): bigint => a - b * pyFloorDiv(a, b);

describe('inline lowering, run with a mock runtime', () => {
  const PAIRS: [bigint, bigint][] = [[7n, 3n], [-7n, 3n], [7n, -3n], [-7n, -3n], [6n, 3n], [-6n, 3n], [0n, 5n], [1n, -1n]];

  test('i64.floordiv and i64.mod round like Python', async () => {
    const { call } = await instantiate(program([unboxed('i64.floordiv'), unboxed('i64.mod')]));
    for (const [a, b] of PAIRS) {
      expect([a, b, call(1, INT(a), INT(b))]).toEqual([a, b, INT(pyFloorDiv(a, b))]);
      expect([a, b, call(2, INT(a), INT(b))]).toEqual([a, b, INT(pyMod(a, b))]);
    }
  });

  test('box.i64 stays immediate in 48 bits and calls the runtime outside', async () => {
    const { call, slowCalls } = await instantiate(program([unboxed('i64.mul')]));
    expect(call(1, INT(1n << 23n), INT(1n << 23n))).toBe(INT(1n << 46n));
    expect(call(1, INT(-(1n << 23n)), INT(1n << 24n))).toBe(INT(-(1n << 47n)));
    expect(slowCalls).toEqual([]);
    expect(call(1, INT(1n << 24n), INT(1n << 23n))).toBe(SLOW);
    expect(slowCalls).toEqual(['molt_int_from_i64']);
  });

  test('overflow predicates', async () => {
    const add = (f: FunctionBuilder, a: ValueId, b: ValueId) => f.value('box.bool', [f.value('i64.ovf_add', [f.value('i64.shl', [f.value('unbox.i64', [a]), f.value('iconst', [], { imms: [16n] })]), f.value('i64.shl', [f.value('unbox.i64', [b]), f.value('iconst', [], { imms: [16n] })])])]);
    const { call } = await instantiate(program([add, ovf('i64.ovf_sub'), ovf('i64.ovf_mul')]));
    // a<<16 + b<<16 overflows 64 bits iff a + b overflows 48 bits.
    expect(call(1, INT((1n << 46n)), INT(1n << 46n))).toBe(BOOL(true));
    expect(call(1, INT((1n << 46n)), INT((1n << 46n) - 1n))).toBe(BOOL(false));
    expect(call(1, INT(-(1n << 47n)), INT(-1n))).toBe(BOOL(true));
    expect(call(2, INT(5n), INT(7n))).toBe(BOOL(false));
    expect(call(3, INT(1n << 40n), INT(1n << 30n))).toBe(BOOL(true));
    expect(call(3, INT(1n << 40n), INT(1n << 20n))).toBe(BOOL(false));
    expect(call(3, INT(0n), INT(1n << 40n))).toBe(BOOL(false));
    expect(call(3, INT(-1n), INT(-(1n << 47n)))).toBe(BOOL(false));
  });

  test('small-int fast paths for add and lt, runtime call otherwise', async () => {
    const gen = (op: string): Body => (f, a, b) => f.value(op, [a, b]);
    const { call, slowCalls } = await instantiate(program([gen('add'), gen('lt')]));
    expect(call(1, INT(40n), INT(2n))).toBe(INT(42n));
    expect(call(1, INT(-5n), INT(2n))).toBe(INT(-3n));
    expect(call(2, INT(-5n), INT(2n))).toBe(BOOL(true));
    expect(call(2, INT(5n), INT(5n))).toBe(BOOL(false));
    expect(slowCalls).toEqual([]);
    expect(call(1, INT((1n << 47n) - 1n), INT(1n))).toBe(SLOW); // leaves the small range
    expect(call(1, NONE, INT(1n))).toBe(SLOW);
    expect(call(2, 0x3ff0_0000_0000_0000n, INT(1n))).toBe(SLOW);
    expect(slowCalls).toEqual(['molt_add', 'molt_add', 'molt_lt']);
  });

  test('float fast paths and small-int mul', async () => {
    const gen = (op: string): Body => (f, a, b) => f.value(op, [a, b]);
    const { call, slowCalls } = await instantiate(program([gen('add'), gen('mul'), gen('truediv'), gen('lt')]));
    const F = (x: number): bigint => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x);
      return v.getBigUint64(0);
    };
    expect(call(1, F(0.1), F(0.2))).toBe(F(0.1 + 0.2));
    expect(call(2, F(1.5), F(-4))).toBe(F(-6));
    expect(call(3, F(1), F(3))).toBe(F(1 / 3));
    expect(call(4, F(-0.5), F(0.25))).toBe(BOOL(true));
    expect(call(4, F(NaN), F(0.25))).toBe(BOOL(false));
    expect(call(2, INT(-12345n), INT(6789n))).toBe(INT(-12345n * 6789n));
    expect(call(2, INT(0n), INT(-5n))).toBe(INT(0n));
    expect(slowCalls).toEqual([]);
    expect(call(3, F(1), F(0))).toBe(SLOW); // ZeroDivisionError is the runtime's
    expect(call(2, INT(1n << 30n), INT(1n << 30n))).toBe(SLOW); // 2^60 leaves the small range
    expect(call(2, INT((1n << 46n) + 3n), INT((1n << 46n) + 5n))).toBe(SLOW); // overflows i64
    expect(call(1, INT(1n), F(0.5))).toBe(SLOW); // mixed int/float
    expect(slowCalls).toEqual(['molt_truediv', 'molt_mul', 'molt_mul', 'molt_add']);
  });

  test('guards, float boxing and NaN identities', async () => {
    const guard = (g: string): Body => (f, a) => f.value('box.bool', [f.value(g, [a])]);
    const fsum: Body = (f, a, b) => f.value('box.f64', [f.value('f64.mul', [f.value('unbox.f64', [a]), f.value('unbox.f64', [b])])]);
    const { call } = await instantiate(program([guard('guard.int'), guard('guard.float'), guard('guard.bool'), fsum]));
    const F = (x: number): bigint => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x);
      return v.getBigUint64(0);
    };
    expect(call(1, INT(-1n), 0n)).toBe(BOOL(true));
    expect(call(1, F(1.5), 0n)).toBe(BOOL(false));
    expect(call(2, F(-1.5), 0n)).toBe(BOOL(true));
    expect(call(2, F(NaN), 0n)).toBe(BOOL(true));
    expect(call(2, NONE, 0n)).toBe(BOOL(false));
    expect(call(3, BOOL(true), 0n)).toBe(BOOL(true));
    expect(call(3, INT(1n), 0n)).toBe(BOOL(false));
    expect(call(4, F(1.5), F(-2))).toBe(F(-3));
    // A NaN result goes to the runtime (molt_float_box_nan): a NaN with an
    // identity keeps it, any other gets a fresh one with its sign.
    expect([0x7ff8_0000_0000_0007n, 0xfff8_0000_0000_0007n]).toContain(call(4, F(Infinity), F(0)));
    expect(call(4, 0x7ff8_0000_0000_0042n, F(1))).toBe(0x7ff8_0000_0000_0042n);
    expect([0x7ff8_0000_0000_0007n, 0xfff8_0000_0000_0007n]).toContain(call(4, 0xfff4_0000_0000_abcdn, F(1)));
  });

  test('switch picks successor 1 + value, else the default', async () => {
    const sw: Body = (f, a) => {
      const blocks = [f.createBlock(), f.createBlock(), f.createBlock()];
      f.ins('switch', [f.value('unbox.i64', [a])], { targets: blocks.map((block) => ({ block, args: [] })) });
      const out = f.createBlock();
      const r = f.appendBlockParam(out, 'obj');
      blocks.forEach((b, i) => {
        f.switchToBlock(b);
        f.sealBlock(b);
        f.jump(out, [f.value('const.int', [], { imms: [BigInt(i * 10)] })]);
      });
      f.switchToBlock(out);
      f.sealBlock(out);
      return r;
    };
    const { call } = await instantiate(program([sw]));
    expect(call(1, INT(0n), 0n)).toBe(INT(10n));
    expect(call(1, INT(1n), 0n)).toBe(INT(20n));
    expect(call(1, INT(2n), 0n)).toBe(INT(0n));
    expect(call(1, INT(-1n), 0n)).toBe(INT(0n));
    expect(call(1, INT(1n << 40n), 0n)).toBe(INT(0n));
  });

  test('both edges of a brif to one block with different arguments', async () => {
    const sel: Body = (f, a, b) => {
      const join = f.createBlock();
      const r = f.appendBlockParam(join, 'obj');
      f.brif(f.value('guard.int', [a]), join, join, [a], [b]);
      f.switchToBlock(join);
      f.sealBlock(join);
      return r;
    };
    const { call } = await instantiate(program([sel]));
    expect(call(1, INT(5n), NONE)).toBe(INT(5n));
    expect(call(1, NONE, INT(7n))).toBe(INT(7n));
  });

  test('block arguments are copied in parallel (swap in a loop)', async () => {
    // a, b = x, y; for 3 times: a, b = b, a  → returns a (== y)
    const swap: Body = (f, x, y) => {
      const head = f.createBlock();
      const pa = f.appendBlockParam(head, 'obj');
      const pb = f.appendBlockParam(head, 'obj');
      const pn = f.appendBlockParam(head, 'i64');
      f.jump(head, [x, y, f.value('iconst', [], { imms: [3n] })]);
      f.switchToBlock(head);
      const body = f.createBlock();
      const exit = f.createBlock();
      f.brif(f.value('i64.gt', [pn, f.value('iconst', [], { imms: [0n] })]), body, exit);
      f.switchToBlock(body);
      f.sealBlock(body);
      f.jump(head, [pb, pa, f.value('i64.sub', [pn, f.value('iconst', [], { imms: [1n] })])]);
      f.sealBlock(head);
      f.switchToBlock(exit);
      f.sealBlock(exit);
      return pa;
    };
    const { call } = await instantiate(program([swap]));
    expect(call(1, INT(1n), INT(2n))).toBe(INT(2n));
  });
});
