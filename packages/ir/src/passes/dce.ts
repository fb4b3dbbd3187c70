// passes/dce.ts — dead code elimination. `unreachable` (required) drops
// blocks the entry cannot reach. `dce` also removes instructions whose only
// effects are pure / alloc / read and whose results are unused, and block
// parameters nobody uses (with their incoming arguments), by marking live
// code from effectful instructions and terminators.
// Neighbours: passes/util.ts, cfg.ts, passes/manager.ts.

import { buildCfg, edgeCall } from '../cfg.js';
import type { BlockId, InstId, ValueId } from '../types.js';
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

export const dcePass: Pass = {
  name: 'dce',
  required: false,
  run: (fn) => {
    let changed = removeUnreachable(fn);
    const cfg = buildCfg(fn);
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
