// depth.test.ts — call.direct keeps the runtime's call-depth counter as
// molt_dispatch does: +1 around the call, restored after it, and at the
// recursion limit molt_recursion_error instead of the call (so deep
// recursion is a RecursionError, not an overflow of the host's stack).
// Runs the unmerged program module with a mock runtime.

import { parseModule, type Program } from '@molt/ir';
import { ERR } from '../src/abi.js';
import { lowerToWasmSync as lowerToWasm } from '../src/emit.js';
import { mockRuntime, smallInt, WA } from './mockRuntime.js';

// down(n) = 0 if n == 0 else down(n - 1) + 1, on unboxed small ints.
const SOURCE = `module "m" file "m.py" init f1

function f0 "down"(v0: obj, v1: obj) -> obj {
block0(v0: obj, v1: obj):
  v2 = unbox.i64 v1
  v3 = iconst 0
  v4 = i64.eq v2, v3
  brif v4, block1, block2
block1:
  return v1
block2:
  v5 = iconst 1
  v6 = i64.sub v2, v5
  v7 = box.i64 v6
  v8 = call.direct v0, v7, f0
  v9 = unbox.i64 v8
  v10 = i64.add v9, v5
  v11 = box.i64 v10
  return v11
}

function f1 "<module>"(v0: obj) -> obj {
block0(v0: obj):
  v1 = const.none
  return v1
}
`;

const int = smallInt;

const DEPTH_AT = 16;
const LIMIT_AT = 20;

test('call.direct counts depth and raises at the limit', async () => {
  const r = parseModule(SOURCE);
  if (r.value === undefined) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const program: Program = { modules: [r.value], main: 'm' };
  const errors: number[] = [];
  const { memory, runtime } = mockRuntime(0n, {
    molt_int_from_i64: () => {
      throw new Error('result out of the small-int range');
    },
    molt_depth_ptr: () => DEPTH_AT,
    molt_recursion_limit_ptr: () => LIMIT_AT,
    molt_recursion_error: () => {
      errors.push(view().getUint32(DEPTH_AT, true));
      return ERR;
    },
  });
  const view = (): DataView => new DataView(memory.buffer);
  const { wasm } = lowerToWasm(program);
  const { instance } = await WA.instantiate(wasm, { molt_runtime: runtime });
  (instance.exports['molt_main'] as () => bigint)();
  const dispatch = instance.exports['molt_dispatch'] as (code: number, self: bigint, params: number) => bigint;
  const down = (n: bigint): bigint => {
    view().setBigInt64(64, int(n), true);
    return dispatch(0, 0n, 64);
  };
  view().setUint32(DEPTH_AT, 3, true);
  view().setUint32(LIMIT_AT, 50, true);
  expect(down(40n)).toBe(int(40n));
  expect(errors).toEqual([]);
  expect(view().getUint32(DEPTH_AT, true)).toBe(3);
  // 47 nested calls fit under the limit of 50 from depth 3; the 48th raises.
  expect(down(47n)).toBe(int(47n));
  expect(down(48n)).toBe(ERR);
  expect(errors).toEqual([50]);
  expect(view().getUint32(DEPTH_AT, true)).toBe(3);
});
