// definite.ts — definite-assignment refinement after lowering: a local's
// read is checked with `unbound.is` (raising UnboundLocalError/NameError)
// only where the local may really be unbound. Lowering emits a check for
// every read whose SSA value is not obviously bound (block parameters of
// loop heads and joins); this pass computes which values may carry the
// UNBOUND marker (a forward data-flow over block arguments, seeded by the
// ops that can produce it) and removes the checks of the others, with the
// raising blocks that become unreachable. Neighbours: context.ts
// (`checkBound` emits the checks), modules.ts (runs this per function).

import { buildCfg, type BlockCall, type BlockId, type Function, type ValueId } from '@molt/ir';

/** Ops whose result may be the UNBOUND marker. */
const MAY_PRODUCE_UNBOUND = new Set(['const.unbound', 'gen.load', 'cell.peek', 'iter.next', 'yf.send']);

/** The values of a function that may hold UNBOUND. */
export function mayBeUnbound(fn: Function): Set<ValueId> {
  const may = new Set<ValueId>();
  for (const b of fn.layout) {
    for (const i of fn.blocks[b]!.insts) {
      const inst = fn.insts[i]!;
      if (inst.result !== undefined && MAY_PRODUCE_UNBOUND.has(inst.op)) may.add(inst.result);
    }
  }
  if (may.size === 0) return may;
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of fn.layout) {
      const block = fn.blocks[b]!;
      const last = block.insts[block.insts.length - 1];
      if (last !== undefined) for (const c of fn.insts[last]!.targets) if (propagate(fn, c, may)) changed = true;
      if (block.unwind !== undefined && propagate(fn, block.unwind, may)) changed = true;
    }
  }
  return may;
}

/** Mark the parameters of `c`'s block that receive a maybe-UNBOUND argument; true when one was added. */
function propagate(fn: Function, c: BlockCall, may: Set<ValueId>): boolean {
  const params = fn.blocks[c.block]!.params;
  let added = false;
  for (let i = 0; i < c.args.length; i++) {
    const p = params[i];
    if (p !== undefined && may.has(c.args[i]!) && !may.has(p)) {
      may.add(p);
      added = true;
    }
  }
  return added;
}

/** Remove `unbound.is` checks (and their raising paths) of values that are always bound. Returns the number removed. */
export function elideBoundChecks(fn: Function): number {
  let may: Set<ValueId> | undefined; // computed at the first candidate check (most functions have none)
  let removed = 0;
  for (const b of fn.layout) {
    const block = fn.blocks[b]!;
    const n = block.insts.length;
    if (n < 2) continue;
    const term = fn.insts[block.insts[n - 1]!]!;
    const check = fn.insts[block.insts[n - 2]!]!;
    if (term.op !== 'brif' || check.op !== 'unbound.is' || check.result === undefined || term.args[0] !== check.result) continue;
    may ??= mayBeUnbound(fn);
    if (may.has(check.args[0]!)) continue;
    if (isUsedElsewhere(fn, check.result, block.insts[n - 1]!)) continue;
    // The check is `unbound.is v; brif c, raise, ok`: always false.
    const ok = term.targets[1]!;
    term.op = 'jump';
    term.args = [];
    term.targets = [ok];
    block.insts.splice(n - 2, 1);
    removed++;
  }
  if (removed > 0) {
    const reach = new Set<BlockId>(buildCfg(fn).rpo);
    fn.layout = fn.layout.filter((x) => reach.has(x));
  }
  return removed;
}

function isUsedElsewhere(fn: Function, v: ValueId, except: number): boolean {
  for (const b of fn.layout) {
    for (const i of fn.blocks[b]!.insts) {
      if (i === except) continue;
      const inst = fn.insts[i]!;
      if (inst.args.includes(v) || inst.targets.some((t) => t.args.includes(v))) return true;
    }
    if (fn.blocks[b]!.unwind?.args.includes(v)) return true;
  }
  return false;
}
