// passes/simplifyCfg.ts — control-flow simplification: `brif`/`switch` on a
// constant (or with identical targets) becomes a `jump`; jumps through a
// block that only jumps on are threaded to the final target; a block with a
// single predecessor that jumps to it is merged into that predecessor;
// unreachable blocks are dropped. Repeats until nothing changes.
// Neighbours: passes/util.ts, cfg.ts, passes/constFold.ts.

import { buildCfg, edgeCall } from '../cfg.js';
import type { BlockCall, BlockId, Function, ValueId } from '../types.js';
import type { Pass } from './manager.js';
import { constOf, removeUnreachable, replaceUses, spec, terminator, toBig, useCounts } from './util.js';

function sameCall(a: BlockCall | undefined, b: BlockCall | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.block === b.block && a.args.length === b.args.length && a.args.every((x, i) => x === b.args[i]);
}

/** Fold constant and trivial conditional branches into jumps. */
function foldBranches(fn: Function): boolean {
  let changed = false;
  for (const b of fn.layout) {
    const term = terminator(fn, b);
    if (term === undefined) continue;
    let taken: BlockCall | undefined;
    if (term.op === 'brif') {
      const c = constOf(fn, term.args[0]!);
      if (c?.op === 'bconst') taken = term.targets[c.imm ? 0 : 1];
      else if (sameCall(term.targets[0], term.targets[1])) taken = term.targets[0];
    } else if (term.op === 'switch') {
      const c = constOf(fn, term.args[0]!);
      const v = c?.op === 'iconst' ? toBig(c.imm) : undefined;
      if (v !== undefined) taken = v >= 0n && v < BigInt(term.targets.length - 1) ? term.targets[Number(v) + 1] : term.targets[0];
    }
    if (taken === undefined) continue;
    term.op = 'jump';
    term.args = [];
    term.targets = [taken];
    changed = true;
  }
  return changed;
}

/** Redirect edges into blocks that only `jump` elsewhere. */
function threadJumps(fn: Function): boolean {
  let changed = false;
  const cfg = buildCfg(fn);
  const uses = useCounts(fn);
  const entry = fn.layout[0];
  for (const b of fn.layout) {
    if (b === entry) continue;
    const block = fn.blocks[b]!;
    if (block.insts.length !== 1) continue;
    const term = fn.insts[block.insts[0]!]!;
    if (term.op !== 'jump' || term.targets[0]!.block === b) continue;
    const preds = cfg.preds.get(b) ?? [];
    if (preds.some((e) => e.index === -1)) continue;
    const out = term.targets[0]!;
    // B's parameters may be used by blocks B dominates; then B must stay.
    const usedHere = new Map<ValueId, number>();
    for (const a of out.args) usedHere.set(a, (usedHere.get(a) ?? 0) + 1);
    if (block.params.some((p) => (uses.get(p) ?? 0) !== (usedHere.get(p) ?? 0))) continue;
    for (const e of preds) {
      if (e.from === b) continue;
      const call = edgeCall(fn, e)!;
      const subst = new Map<ValueId, ValueId>(block.params.map((p, i) => [p, call.args[i]!]));
      call.block = out.block;
      call.args = out.args.map((a) => subst.get(a) ?? a);
      changed = true;
    }
  }
  return changed;
}

function canRaise(fn: Function, b: BlockId): boolean {
  return fn.blocks[b]!.insts.some((id) => spec(fn.insts[id]!.op).effects.includes('may-raise'));
}

/** Merge a block into its only predecessor when that predecessor ends with a jump to it. */
function mergeBlocks(fn: Function): boolean {
  let changed = false;
  const entry = fn.layout[0];
  for (;;) {
    const cfg = buildCfg(fn);
    let merged = false;
    // Blocks whose edges changed in this sweep; their CFG facts are stale until the next one.
    const dirty = new Set<BlockId>();
    for (const b of cfg.rpo) {
      if (b === entry || dirty.has(b)) continue;
      const preds = cfg.preds.get(b)!;
      if (preds.length !== 1) continue;
      const e = preds[0]!;
      if (e.index === -1 || e.from === b || dirty.has(e.from)) continue;
      const a = e.from;
      const term = terminator(fn, a);
      if (term?.op !== 'jump') continue;
      const A = fn.blocks[a]!;
      const B = fn.blocks[b]!;
      if (!sameCall(A.unwind, B.unwind) && canRaise(fn, b)) continue;
      const subst = new Map<ValueId, ValueId>(B.params.map((p, i) => [p, term.targets[0]!.args[i]!]));
      A.insts.pop();
      A.insts.push(...B.insts);
      B.insts = [];
      B.params = [];
      fn.layout = fn.layout.filter((x) => x !== b);
      replaceUses(fn, subst);
      merged = true;
      changed = true;
      dirty.add(a);
      dirty.add(b);
      for (const se of cfg.succs.get(b) ?? []) dirty.add(se.to);
    }
    if (!merged) return changed;
  }
}

export const simplifyCfgPass: Pass = {
  name: 'simplify-cfg',
  required: false,
  run: (fn) => {
    let changed = false;
    for (let round = 0; round < 50; round++) {
      let any = foldBranches(fn);
      any = removeUnreachable(fn) || any;
      any = threadJumps(fn) || any;
      any = removeUnreachable(fn) || any;
      any = mergeBlocks(fn) || any;
      if (!any) break;
      changed = true;
    }
    return changed;
  },
};
