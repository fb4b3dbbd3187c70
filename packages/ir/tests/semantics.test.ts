import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassManager, parseModule, verifyModule, type Module } from '../src/index.js';
import { FIXTURES } from './helpers.js';
import { run, type PyVal } from './interp.js';

/** Number of laid-out instructions of f0 with op `op`. */
function laidOut(m: Module, op: string): number {
  const fn = m.functions[0]!;
  return fn.layout.flatMap((b) => fn.blocks[b]!.insts).filter((i) => fn.insts[i]!.op === op).length;
}

const int = (v: bigint): PyVal => ({ t: 'int', v });
const flt = (v: number): PyVal => ({ t: 'float', v });

function optimized(text: string): { before: Module; after: Module } {
  const before = parseModule(text).value!;
  const after = parseModule(text).value!;
  const res = new PassManager({ profile: 'release', verifyEach: true }).runModule(after);
  expect(res.diagnostics).toEqual([]);
  expect(verifyModule(after)).toEqual([]);
  return { before, after };
}

const ARITH = `module "m" file "m.py" init f0
function f0 "f"(v0: obj, v1: obj) -> obj {
block0(v0: obj, v1: obj):
  v2 = const.int 1
  v3 = add v1, v2
  v4 = mul v3, v3
  v5 = sub v4, v2
  v6 = const.float 0.5
  v7 = mul v6, v6
  v8 = lt v5, v1
  v9 = tuple.new v3, v4, v5, v7, v8
  return v9
}
`;

describe('passes preserve semantics (reference interpreter)', () => {
  const inputs: PyVal[] = [int(0n), int(5n), int(-3n), int(2n ** 46n), int(2n ** 47n - 1n), int(-(2n ** 47n)), int(2n ** 63n - 1n), int(-(2n ** 64n)), flt(1.5), flt(-0.0), flt(NaN)];

  it('on guarded int arithmetic with overflow to big ints', () => {
    const { before, after } = optimized(ARITH);
    const text = JSON.stringify;
    expect(laidOut(after, 'i64.ovf_mul')).toBe(1);
    expect(laidOut(after, 'i64.lt')).toBe(1);
    for (const x of inputs) {
      const want = run(before, 0, [x]);
      const got = run(after, 0, [x]);
      expect(text(got, (_k, v) => (typeof v === 'bigint' ? v.toString() + 'n' : Number.isNaN(v) ? 'NaN' : v))).toBe(text(want, (_k, v) => (typeof v === 'bigint' ? v.toString() + 'n' : Number.isNaN(v) ? 'NaN' : v)));
    }
  });

  it('on the counting loop of the type-infer fixture', () => {
    const src = readFileSync(join(FIXTURES, 'passes', 'type-infer.moltir'), 'utf8');
    const { before, after } = optimized(src);
    for (const n of [int(0n), int(3n), int(50n), flt(2.5), int(-1n)]) {
      expect(run(after, 0, [n])).toEqual(run(before, 0, [n]));
    }
  });

  it('on inlined calls', () => {
    const src = readFileSync(join(FIXTURES, 'passes', 'inline.moltir'), 'utf8');
    const { before, after } = optimized(src);
    // Both callees are inlined, the one that may raise too (its locations record the call).
    expect(laidOut(after, 'call.direct')).toBe(0);
    expect(laidOut(before, 'call.direct')).toBe(2);
    expect(run(after, 0, [])).toEqual(run(before, 0, []));
  });
});
