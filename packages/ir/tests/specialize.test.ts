import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassManager, parseModule, pipelineFor, printFunction, printModule, specializePass, verifyModule, type Function, type Module } from '../src/index.js';
import { FIXTURES } from './helpers.js';
import { run, type PyVal } from './interp.js';

const int = (v: bigint): PyVal => ({ t: 'int', v });
const flt = (v: number): PyVal => ({ t: 'float', v });
const show = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : Number.isNaN(x) ? 'NaN' : x));

/** What f0 of `m` returns for `args` (shown), or the error it raises; `global.get` reads `globals`. */
function outcome(m: Module, args: PyVal[], globals: ReadonlyMap<string, PyVal> = new Map()): string {
  try {
    return show(run(m, 0, args, undefined, undefined, globals));
  } catch (e) {
    return `raised ${(e as Error).message}`;
  }
}

function release(text: string): { before: Module; after: Module } {
  const before = parseModule(text).value!;
  const after = parseModule(text).value!;
  const res = new PassManager({ profile: 'release', verifyEach: true }).runModule(after);
  expect(res.diagnostics).toEqual([]);
  expect(res.changedBy).toContain('specialize-loops');
  expect(verifyModule(after)).toEqual([]);
  return { before, after };
}

/** The loop header of the specialised copy: a block with an unboxed parameter for acc (f64), and i and k (i64). */
function unboxedHeader(fn: Function): boolean {
  return fn.layout.some((b) => {
    const types = fn.blocks[b]!.params.map((p) => fn.values[p]!.type);
    return types.filter((t) => t === 'f64').length === 1 && types.filter((t) => t === 'i64').length === 2;
  });
}

describe('specialize-loops', () => {
  const src = readFileSync(join(FIXTURES, 'passes', 'specialize.moltir'), 'utf8');

  it('keeps loop-carried numbers unboxed in the specialised copy', () => {
    const { after } = release(src);
    expect(unboxedHeader(after.functions[0]!)).toBe(true);
    const without = parseModule(src).value!;
    new PassManager({ profile: 'release', disabled: ['specialize-loops'] }).runModule(without);
    expect(unboxedHeader(without.functions[0]!)).toBe(false);
  });

  it('gives the same results, leaving for the generic copy mid-loop when a guess fails', () => {
    const { before, after } = release(src);
    // n = 50: k passes 2^63 after 40 rounds (an i64 overflow exit mid-block, with acc already computed);
    // x a float, a big int, a str (the generic `add` raises); n a float (the guarded compare fails at once).
    const cases: PyVal[][] = [
      [int(0n), int(1n)], [int(5n), int(2n)], [int(50n), int(7n)], [int(50n), flt(0.25)], [int(45n), int(2n ** 70n)],
      [flt(3.5), int(1n)], [int(-4n), int(1n)], [int(41n), flt(NaN)], [int(3n), { t: 'str', v: 'a' } as PyVal],
    ];
    for (const args of cases) {
      expect(outcome(after, args)).toBe(outcome(before, args));
    }
  });

  it('leaves the generic copy generic when type-infer runs next', () => {
    const { before, after } = release(src);
    // The same pipeline, with the IR reparsed right after specialize-loops: the hint it leaves for
    // type-infer is gone, so type-infer specialises the generic copy too.
    const pipeline = pipelineFor('release');
    const at = pipeline.indexOf(specializePass);
    const split = parseModule(src).value!;
    new PassManager({ profile: 'release', pipeline: pipeline.slice(0, at + 1) }).runModule(split);
    const full = parseModule(printModule(split)).value!;
    new PassManager({ profile: 'release', pipeline: pipeline.slice(at + 1) }).runModule(full);
    const count = (fn: Function, ops: string[]): number => fn.layout.flatMap((b) => fn.blocks[b]!.insts).filter((i) => ops.some((o) => fn.insts[i]!.op.startsWith(o))).length;
    expect(count(after.functions[0]!, ['guard.'])).toBeLessThan(count(full.functions[0]!, ['guard.']));
    expect(count(after.functions[0]!, ['add', 'mul', 'lt'])).toBeGreaterThan(0);
    for (const args of [[int(50n), int(7n)], [int(50n), flt(0.25)], [int(45n), int(2n ** 70n)], [flt(3.5), int(1n)]]) {
      expect(outcome(after, args)).toBe(outcome(before, args));
      expect(outcome(full, args)).toBe(outcome(before, args));
    }
  });

  it('guesses floats for two unknown operands in a function that computes with floats', () => {
    // s = 0.0; for n rounds: s = s + x * y (x, y parameters of unknown type).
    const text = `module "m" file "m.py" init f0
function f0 "f"(v0: obj, v1: obj, v2: obj, v3: obj) -> obj {
block0(v0: obj, v1: obj, v2: obj, v3: obj):
  v4 = const.float 0.0
  v5 = const.int 0
  jump block1(v4, v5)
block1(v6: obj, v7: obj):
  v8 = lt v7, v1
  v9 = truthy v8
  brif v9, block2, block3
block2:
  v10 = mul v2, v3
  v11 = add v6, v10
  v12 = const.int 1
  v13 = add v7, v12
  jump block1(v11, v13)
block3:
  return v6
}
`;
    const { before, after } = release(text);
    const fn = after.functions[0]!;
    const ops = fn.layout.flatMap((b) => fn.blocks[b]!.insts.map((i) => fn.insts[i]!.op));
    expect(ops).toContain('f64.mul');
    const str: PyVal = { t: 'str', v: 'a' } as PyVal;
    for (const [x, y] of [[flt(1.5), flt(2.0)], [int(2n), int(3n)], [flt(0.5), int(4n)], [int(2n ** 70n), flt(1.0)], [flt(NaN), flt(1.0)], [str, int(2n)]] as [PyVal, PyVal][]) {
      for (const n of [int(0n), int(3n)]) {
        expect(outcome(after, [n, x, y])).toBe(outcome(before, [n, x, y]));
      }
    }
  });

  it('computes sqrt(x) of a float inline when the callee is math.sqrt, and calls whatever else the name is bound to', () => {
    // s = 0.0; for n rounds: s = s + sqrt(x), with `sqrt` a global.
    const text = `module "m" file "m.py" init f0
function f0 "f"(v0: obj, v1: obj, v2: obj) -> obj {
block0(v0: obj, v1: obj, v2: obj):
  v3 = const.float 0.0
  v4 = const.int 0
  jump block1(v3, v4)
block1(v5: obj, v6: obj):
  v7 = lt v6, v1
  v8 = truthy v7
  brif v8, block2, block3
block2:
  v9 = const.str "sqrt"
  v10 = global.get v0, v9
  v11 = call v10, v2
  v12 = add v5, v11
  v13 = const.int 1
  v14 = add v6, v13
  jump block1(v12, v14)
block3:
  return v5
}

function f1 "twice"(v0: obj, v1: obj) -> obj {
block0(v0: obj, v1: obj):
  v2 = add v1, v1
  return v2
}
`;
    const { before, after } = release(text);
    const fn = after.functions[0]!;
    const ops = fn.layout.flatMap((b) => fn.blocks[b]!.insts.map((i) => fn.insts[i]!.op));
    expect(ops).toContain('guard.builtin');
    expect(ops).toContain('f64.sqrt');
    // The sum stays unboxed: a loop header with an f64 parameter.
    expect(fn.layout.some((b) => fn.blocks[b]!.params.some((p) => fn.values[p]!.type === 'f64'))).toBe(true);
    const result = (m: Module, bound: PyVal, n: PyVal, x: PyVal): string => outcome(m, [n, x], new Map([['sqrt', bound]]));
    const builtin: PyVal = { t: 'builtin', name: 'sqrt' };
    const user: PyVal = { t: 'func', f: 1 };
    for (const bound of [builtin, user]) {
      for (const x of [flt(2.0), int(9n), flt(-1.0), flt(-0.0), flt(NaN), flt(Infinity), int(2n ** 70n), { t: 'none' } as PyVal]) {
        for (const n of [int(0n), int(3n)]) expect(result(after, bound, n, x)).toBe(result(before, bound, n, x));
      }
    }
    expect(result(after, builtin, int(2n), flt(2.25))).toBe('{"t":"float","v":3}');
    expect(result(after, user, int(2n), flt(2.25))).toBe('{"t":"float","v":9}');
    expect(result(after, builtin, int(2n), flt(-1.0))).toBe('raised ValueError: math domain error');
  });

  it('leaves a function unchanged when a block reached by unwind edges and branches would need a new parameter', () => {
    // block4, an exception handler that block3 also jumps to, reads the
    // loop-carried v3 directly: entering the generic copy mid-loop would give
    // it a second reaching definition there (and refcount would fall back to leaking).
    const text = `module "m" file "m.py" init f0
function f0 "f"(v0: obj, v1: obj) -> obj {
block0(v0: obj, v1: obj):
  v2 = const.int 0
  jump block1(v2)
block1(v3: obj) unwind block4:
  v4 = lt v3, v1
  v5 = truthy v4
  brif v5, block2, block3
block2 unwind block4:
  v6 = const.int 3
  v7 = mul v3, v6
  v8 = call v1, v7
  jump block1(v7)
block3:
  jump block4
block4:
  return v3
}
`;
    const m = parseModule(text).value!;
    const fn = m.functions[0]!;
    const was = printFunction(fn);
    expect(specializePass.run(fn, { module: m, profile: 'release' })).toBe(false);
    expect(printFunction(fn)).toBe(was);
  });
});
