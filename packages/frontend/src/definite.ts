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
  let uses: Map<ValueId, number> | undefined; // likewise
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
    uses ??= countUsers(fn);
    // Used elsewhere than by `term` (which uses it once).
    if (uses.get(check.result)! > 1) continue;
    // The check is `unbound.is v; brif c, raise, ok`: always false.
    countUsersOf(term, uses, -1);
    countUsersOf(check, uses, -1);
    const ok = term.targets[1]!;
    term.op = 'jump';
    term.args = [];
    term.targets = [ok];
    countUsersOf(term, uses, 1);
    block.insts.splice(n - 2, 1);
    removed++;
  }
  if (removed > 0) {
    const reach = reachable(fn);
    fn.layout = fn.layout.filter((x) => reach.has(x));
  }
  return removed;
}

/** For each value, the number of instructions and unwind edges of laid-out blocks that use it. */
function countUsers(fn: Function): Map<ValueId, number> {
  const uses = new Map<ValueId, number>();
  for (const b of fn.layout) {
    const block = fn.blocks[b]!;
    for (const i of block.insts) countUsersOf(fn.insts[i]!, uses, 1);
    if (block.unwind !== undefined) countUsersIn([block.unwind.args], uses, 1);
  }
  return uses;
}

/** Add `delta` to the user count of each value `inst` uses (once per value, however often it appears). */
function countUsersOf(inst: Inst, uses: Map<ValueId, number>, delta: number): void {
  if (inst.targets.length === 0) countUsersIn([inst.args], uses, delta);
  else countUsersIn([inst.args, ...inst.targets.map((t) => t.args)], uses, delta);
}

function countUsersIn(lists: readonly ValueId[][], uses: Map<ValueId, number>, delta: number): void {
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l]!;
    for (let i = 0; i < list.length; i++) {
      const v = list[i]!;
      if (seenBefore(lists, l, i, v)) continue;
      uses.set(v, (uses.get(v) ?? 0) + delta);
    }
  }
}

/** True when `v` occurs in `lists` before position `i` of list `l`. */
function seenBefore(lists: readonly ValueId[][], l: number, i: number, v: ValueId): boolean {
  for (let k = 0; k <= l; k++) {
    const list = lists[k]!;
    const end = k === l ? i : list.length;
    for (let j = 0; j < end; j++) if (list[j] === v) return true;
  }
  return false;
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
