// outline.test.ts — outermost loops lowered as loop functions (outline.ts):
// the regions and the values that cross, and runs of the unmerged program
// module (a mock runtime) with and without outlining, long enough that the
// loop function stops and resumes at the outer and the inner header many
// times, leaving by every kind of exit.

import { parseModule, type Program } from '@molt/ir';
import { lowerToWasmSync as lowerToWasm, lowerToWatSync as lowerToWat } from '../src/emit.js';
import { LOOP_CHUNK, loopRegions } from '../src/outline.js';
import { mockRuntime, smallInt, WA } from './mockRuntime.js';

// count(n, stop): for i in range(n): for j in range(100): acc = (acc + j) ^ i;
// if acc == stop: return (acc + i) * 2 — else after the loops: acc * 3.
// The early exit reads v12 (defined in the inner body) and v4 (the outer header's param).
const SOURCE = `module "m" file "m.py" init f1

function f0 "count"(v0: obj, v1: obj, v2: obj) -> obj {
block0(v0: obj, v1: obj, v2: obj):
  v3 = unbox.i64 v1
  v23 = unbox.i64 v2
  v24 = iconst 0
  jump block1(v24, v24)
block1(v4: i64, v5: i64):
  v6 = i64.lt v4, v3
  brif v6, block2, block5(v5)
block2:
  v7 = iconst 0
  jump block3(v7, v5)
block3(v8: i64, v9: i64):
  v10 = iconst 100
  v11 = i64.lt v8, v10
  brif v11, block4, block6
block4:
  v12 = i64.add v9, v8
  v13 = i64.xor v12, v4
  v14 = iconst 1
  v15 = i64.add v8, v14
  v16 = i64.eq v13, v23
  brif v16, block7, block3(v15, v13)
block6:
  v17 = iconst 1
  v18 = i64.add v4, v17
  jump block1(v18, v9)
block7:
  v19 = i64.add v12, v4
  v20 = iconst 2
  v21 = i64.mul v19, v20
  v22 = box.i64 v21
  return v22
block5(v25: i64):
  v26 = iconst 3
  v27 = i64.mul v25, v26
  v28 = box.i64 v27
  return v28
}

function f1 "<module>"(v0: obj) -> obj {
block0(v0: obj):
  v1 = const.none
  return v1
}
`;

function program(): Program {
  const r = parseModule(SOURCE);
  if (r.value === undefined) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return { modules: [r.value], main: 'm' };
}

/** The reference: the same loops in JavaScript BigInt arithmetic. */
function reference(n: bigint, stop: bigint): bigint {
  let acc = 0n;
  for (let i = 0n; i < n; i++) {
    for (let j = 0n; j < 100n; j++) {
      const sum = acc + j;
      acc = sum ^ i;
      if (acc === stop) return (sum + i) * 2n;
    }
  }
  return acc * 3n;
}

const int = smallInt;
const unint = (w: bigint): bigint => BigInt.asIntN(48, w);

async function runner(outlineLoops: boolean, optimize: boolean): Promise<(n: bigint, stop: bigint) => bigint> {
  const { memory, runtime } = mockRuntime(0n, {
    molt_int_from_i64: () => {
      throw new Error('result out of the small-int range');
    },
  });
  const { wasm } = lowerToWasm(program(), { outlineLoops, ...(optimize ? { optimize: '-O3' as const } : {}) });
  const { instance } = await WA.instantiate(wasm, { molt_runtime: runtime });
  const dispatch = instance.exports['molt_dispatch'] as (code: number, self: bigint, params: number) => bigint;
  return (n, stop) => {
    const view = new DataView(memory.buffer);
    view.setBigInt64(64, int(n), true);
    view.setBigInt64(72, int(stop), true);
    return unint(dispatch(0, 0n, 64));
  };
}

describe('loop regions', () => {
  test('the outer loop is one region with both headers as resume points; the early exit hands back v12', () => {
    const fn = program().modules[0]!.functions[0]!;
    const regions = loopRegions(fn);
    expect(regions).toHaveLength(1);
    const r = regions[0]!;
    expect(r.header).toBe(1);
    expect([...r.blocks].sort()).toEqual([1, 2, 3, 4, 6]);
    expect(r.resumes).toEqual([1, 3]);
    // Live at block1: n, stop and its params; at block3: also i (v4) and its params.
    expect(r.params).toEqual([3, 4, 5, 8, 9, 23]);
    expect(r.saved).toEqual([[4, 5], [4, 8, 9]]);
    expect(r.liveOuts).toEqual([4, 12]);
    expect(r.exits).toEqual([7, 5]);
  });

  test('a function without loops has none', () => {
    const fn = program().modules[0]!.functions[1]!;
    expect(loopRegions(fn)).toEqual([]);
  });

  test('the program module has the loop function, called from the function', () => {
    const wat = lowerToWat(program());
    expect(wat).toContain('(func $m::count$loop0');
    expect(wat).toContain('(call $m::count$loop0');
    expect(lowerToWat(program(), { outlineLoops: false })).not.toContain('$loop0');
  });
});

describe('loop functions compute what the inline loop computes', () => {
  // Small, exactly one chunk, many chunks (resuming at the inner header), exits early after many chunks.
  const cases: [bigint, bigint][] = [
    [3n, -1n],
    [BigInt(LOOP_CHUNK) / 100n, -1n],
    [2_000n, -1n],
    [0n, -1n],
  ];
  // An early exit late in the run: a value acc takes after more than one chunk.
  const late = (() => {
    let acc = 0n;
    let steps = 0;
    for (let i = 0n; ; i++) {
      for (let j = 0n; j < 100n; j++) {
        acc = (acc + j) ^ i;
        if (++steps === 3 * LOOP_CHUNK + 17) return acc;
      }
    }
  })();
  cases.push([2_000n, late]);

  for (const optimize of [false, true]) {
    test(`${optimize ? 'optimised' : 'unoptimised'} module`, async () => {
      const outlined = await runner(true, optimize);
      const inline = await runner(false, optimize);
      for (const [n, stop] of cases) {
        const want = reference(n, stop);
        expect([n, stop, outlined(n, stop)]).toEqual([n, stop, want]);
        expect([n, stop, inline(n, stop)]).toEqual([n, stop, want]);
      }
    });
  }
});
