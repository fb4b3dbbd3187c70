// passes/dce.ts — dead code elimination. `unreachable` (required) drops
// blocks the entry cannot reach. `dce` also removes instructions whose only
// effects are pure / alloc / read and whose results are unused, and block
// parameters nobody uses (with their incoming arguments), by marking live
// code from effectful instructions and terminators. First it drops the
// `keepalive` operands whose release nothing can observe (numbers, bools,
// strs, constants, and arithmetic on those), so the values kept only for
// them die too.
// Neighbours: passes/util.ts, cfg.ts, passes/manager.ts.

import { buildCfg, edgeCall, type Cfg } from '../cfg.js';
import type { BlockId, Function, InstId, ValueId } from '../types.js';
import type { Pass } from './manager.js';
import { removeBlockParam, removeUnreachable, spec } from './util.js';

const REMOVABLE = new Set(['pure', 'alloc', 'read']);

/** True when an op may be deleted if its result is unused. */
export function isRemovable(op: string): boolean {
  return spec(op).effects.every((e) => REMOVABLE.has(e));
}

export const unreachablePass: Pass = {
  name: 'unreachable',
  required: true,
  run: (fn) => removeUnreachable(fn),
};

/** Ops whose result has no finalizer to run: constants, boxed numbers and bools, and strs. */
const NOTHING_TO_FINALIZE = new Set(['box.i64', 'box.f64', 'box.bool', 'str.concat', 'format', 'repr', 'str']);

/**
 * Arithmetic and comparisons: on operands that are numbers (ints, floats,
 * bools, constants) the result is a number or a bool too (their operators
 * cannot be overridden), which has no finalizer either.
 */
const NUMERIC_OPS = new Set(
  ['add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'bitand', 'bitor', 'bitxor', 'lshift', 'rshift']
    .flatMap((n) => [n, 'i' + n])
    .concat(['neg', 'pos', 'eq', 'ne', 'lt', 'le', 'gt', 'ge']),
);

/**
 * Drop the operands of `keepalive` that nothing observes the release of
 * (the values above, and block parameters only ever given such values),
 * and the `keepalive`s left with none. Returns true when something changed.
 */
function pruneKeepalives(fn: Function, cfg: Cfg): boolean {
  // Optimistic fixpoint over block parameters and numeric ops: plain until
  // an argument (an operand) is not.
  const plain = new Map<ValueId, boolean>();
  const entry = fn.layout[0]!;
  const open: ValueId[] = [];
  for (const b of fn.layout) {
    for (const p of fn.blocks[b]!.params) {
      if (fn.values[p]!.type !== 'obj') continue;
      plain.set(p, b !== entry);
      open.push(p);
    }
    for (const id of fn.blocks[b]!.insts) {
      const inst = fn.insts[id]!;
      if (inst.result === undefined || fn.values[inst.result]!.type !== 'obj') continue;
      if (inst.op.startsWith('const.') || NOTHING_TO_FINALIZE.has(inst.op)) plain.set(inst.result, true);
      else if (NUMERIC_OPS.has(inst.op)) {
        plain.set(inst.result, true);
        open.push(inst.result);
      }
    }
  }
  const plainValue = (v: ValueId): boolean => plain.get(v) ?? false;
  const stillPlain = (v: ValueId): boolean => {
    const d = fn.values[v]!.def;
    if (d.kind === 'inst') return fn.insts[d.inst]!.args.every((a) => fn.values[a]!.type !== 'obj' || plainValue(a));
    return (cfg.preds.get(d.block) ?? []).every((e) => {
      const a = edgeCall(fn, e)?.args[d.index];
      return e.index !== -1 && a !== undefined && plainValue(a);
    });
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const v of open) {
      if (plain.get(v) !== true || stillPlain(v)) continue;
      plain.set(v, false);
      changed = true;
    }
  }
  let changed = false;
  for (const b of fn.layout) {
    const block = fn.blocks[b]!;
    const kept = block.insts.filter((id) => {
      const inst = fn.insts[id]!;
      if (inst.op !== 'keepalive') return true;
      const args = inst.args.filter((a) => !plainValue(a));
      if (args.length !== inst.args.length) changed = true;
      inst.args = args;
      return args.length > 0;
    });
    block.insts = kept;
  }
  return changed;
}

export const dcePass: Pass = {
  name: 'dce',
  required: false,
  run: (fn) => {
    let changed = removeUnreachable(fn);
    // Pruning removes only `keepalive` instructions: the CFG stays valid.
    const cfg = buildCfg(fn);
    changed = pruneKeepalives(fn, cfg) || changed;
    const entry = fn.layout[0]!;
    const liveInst = new Set<InstId>();
    const liveValue = new Set<ValueId>();
    const work: ValueId[] = [];
    const markValue = (v: ValueId): void => {
      if (liveValue.has(v)) return;
      liveValue.add(v);
      work.push(v);
    };
    const markInst = (id: InstId): void => {
      if (liveInst.has(id)) return;
      liveInst.add(id);
      const inst = fn.insts[id]!;
      inst.args.forEach(markValue);
      // Branch arguments are live only through the parameters they feed (below).
    };
    for (const b of fn.layout) {
      const block = fn.blocks[b]!;
      for (const id of block.insts) if (!isRemovable(fn.insts[id]!.op) || spec(fn.insts[id]!.op).effects.includes('terminator')) markInst(id);
    }
    for (const p of fn.blocks[entry]!.params) markValue(p);
    while (work.length > 0) {
      const v = work.pop()!;
      const def = fn.values[v]!.def;
      if (def.kind === 'inst') markInst(def.inst);
      else {
        for (const e of cfg.preds.get(def.block) ?? []) {
          const call = edgeCall(fn, e);
          const a = call?.args[def.index];
          if (a !== undefined) markValue(a);
        }
      }
    }
    for (const b of fn.layout) {
      const block = fn.blocks[b]!;
      const kept = block.insts.filter((id) => liveInst.has(id));
      if (kept.length !== block.insts.length) changed = true;
      block.insts = kept;
      if (b === entry) continue;
      for (let i = block.params.length - 1; i >= 0; i--) {
        if (liveValue.has(block.params[i]!)) continue;
        removeBlockParam(fn, b as BlockId, i, cfg.preds.get(b) ?? []);
        changed = true;
      }
    }
    return changed;
  },
};
