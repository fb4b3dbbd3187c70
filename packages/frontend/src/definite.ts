// definite.ts — definite-assignment refinement after lowering: a local's
// read is checked with `unbound.is` (raising UnboundLocalError/NameError)
// only where the local may really be unbound. Lowering emits a check for
// every read whose SSA value is not obviously bound (block parameters of
// loop heads and joins); this pass computes which values may carry the
// UNBOUND marker (a forward data-flow over block arguments, seeded by the
// ops that can produce it) and removes the checks of the others, with the
// raising blocks that become unreachable. Neighbours: context.ts
// (`checkBound` emits the checks), modules.ts (runs this per function).

import type { BlockCall, BlockId, Function, Inst, ValueId } from '@molt/ir';

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
  let users: Map<ValueId, number> | undefined; // likewise
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
    users ??= checkUsers(fn);
    // Used elsewhere than by `term`, which uses it.
    if (users.get(check.result)! > 1) continue;
    // The check is `unbound.is v; brif c, raise, ok`: always false.
    countUses(term, users, -1);
    countUses(check, users, -1);
    const ok = term.targets[1]!;
    term.op = 'jump';
    term.args = [];
    term.targets = [ok];
    countUses(term, users, 1);
    block.insts.splice(n - 2, 1);
    removed++;
  }
  if (removed > 0) {
    const reach = reachable(fn);
    fn.layout = fn.layout.filter((x) => reach.has(x));
  }
  return removed;
}

/**
 * For the result of each `unbound.is` of a laid-out block, the number of instructions and unwind
 * edges of laid-out blocks that use it.
 */
function checkUsers(fn: Function): Map<ValueId, number> {
  const users = new Map<ValueId, number>();
  for (const b of fn.layout) {
    for (const i of fn.blocks[b]!.insts) {
      const inst = fn.insts[i]!;
      if (inst.op === 'unbound.is' && inst.result !== undefined) users.set(inst.result, 0);
    }
  }
  for (const b of fn.layout) {
    const block = fn.blocks[b]!;
    for (const i of block.insts) countUses(fn.insts[i]!, users, 1);
    if (block.unwind !== undefined) for (const v of countedIn(block.unwind.args, users, undefined) ?? []) users.set(v, users.get(v)! + 1);
  }
  return users;
}

/** Add `delta` to the count of each counted value that `inst` uses (once per value, however often it appears). */
function countUses(inst: Inst, users: Map<ValueId, number>, delta: number): void {
  let used = countedIn(inst.args, users, undefined);
  for (const t of inst.targets) used = countedIn(t.args, users, used);
  if (used !== undefined) for (const v of used) users.set(v, users.get(v)! + delta);
}

/** `used` plus the counted values of `list` not in it yet. */
function countedIn(list: readonly ValueId[], users: Map<ValueId, number>, used: ValueId[] | undefined): ValueId[] | undefined {
  for (const v of list) {
    if (users.has(v) && used?.includes(v) !== true) (used ??= []).push(v);
  }
  return used;
}

/** The blocks reachable from the first laid-out block along branch and unwind edges of laid-out blocks. */
function reachable(fn: Function): Set<BlockId> {
  const inLayout = new Set(fn.layout);
  const seen = new Set<BlockId>();
  const entry = fn.layout[0];
  if (entry === undefined) return seen;
  const stack: BlockId[] = [entry];
  seen.add(entry);
  const visit = (to: BlockId): void => {
    if (inLayout.has(to) && !seen.has(to)) {
      seen.add(to);
      stack.push(to);
    }
  };
  while (stack.length > 0) {
    const block = fn.blocks[stack.pop()!]!;
    const last = block.insts[block.insts.length - 1];
    if (last !== undefined) for (const t of fn.insts[last]!.targets) visit(t.block);
    if (block.unwind !== undefined) visit(block.unwind.block);
  }
  return seen;
}
