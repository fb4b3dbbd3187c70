// passes/dce.ts — dead code elimination. `unreachable` (required) drops
// blocks the entry cannot reach. `dce` also removes instructions whose only
// effects are pure / alloc / read and whose results are unused, and block
// parameters nobody uses (with their incoming arguments), by marking live
// code from effectful instructions and terminators. First it drops the
// `keepalive` operands whose release nothing can observe (numbers, bools,
// strs, constants), so the values kept only for them die too.
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
 * Drop the operands of `keepalive` that nothing observes the release of
 * (the values above, and block parameters only ever given such values),
 * and the `keepalive`s left with none. Returns true when something changed.
 */
function pruneKeepalives(fn: Function, cfg: Cfg): boolean {
  const plain = new Map<ValueId, boolean>();
  const isPlainDef = (v: ValueId): boolean | undefined => {
    const d = fn.values[v]!.def;
    if (d.kind === 'param') return undefined;
    const op = fn.insts[d.inst]!.op;
    return op.startsWith('const.') || NOTHING_TO_FINALIZE.has(op);
  };
  // Optimistic fixpoint over block parameters: plain until an argument is not.
  const params: ValueId[] = [];
  for (const b of fn.layout) for (const p of fn.blocks[b]!.params) if (fn.values[p]!.type === 'obj') params.push(p);
  const entry = fn.layout[0]!;
  for (const p of params) plain.set(p, (fn.values[p]!.def as { block: BlockId }).block !== entry);
  const plainValue = (v: ValueId): boolean => isPlainDef(v) ?? plain.get(v) ?? false;
  for (let changed = true; changed;) {
    changed = false;
    for (const p of params) {
      if (!plain.get(p)) continue;
      const def = fn.values[p]!.def as { block: BlockId; index: number };
      const ok = (cfg.preds.get(def.block) ?? []).every((e) => {
        const a = edgeCall(fn, e)?.args[def.index];
        return e.index !== -1 && a !== undefined && plainValue(a);
      });
      if (!ok) {
        plain.set(p, false);
        changed = true;
      }
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
    changed = pruneKeepalives(fn, buildCfg(fn)) || changed;
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
