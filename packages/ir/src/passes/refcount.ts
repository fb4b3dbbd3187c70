// passes/refcount.ts — makes reference ownership explicit: inserts `incref`
// and `decref` so every object a function creates is released after its
// last use (specs/ir.md, "Ownership"). Required, and the last pass of every
// pipeline: backends lower `incref`/`decref` and add no counting of their own.
//
// Model. An `obj` value is
//  - owned: the result of any op that returns an object, except constants
//    and immediate boxes, and a parameter of a block reached by branches
//    (the branch hands one reference over per argument);
//  - borrowed: a function parameter (the caller keeps it alive), a
//    constant (immortal or held by the module), `box.f64`/`box.bool`
//    (immediates), `func.globals` (held by the function), and a parameter of an unwind target (see below).
// Ops borrow their operands; `return` and `gen.yield` consume theirs (the
// caller or resumer gets a new reference). An owned value gets a `decref`
// right after its last use on every path; a branch argument transfers the
// reference when the value dies there, and takes a new one otherwise; a
// value live out of a block but not into a successor is released on that
// edge (edges to blocks with other predecessors are split).
//
// Exceptional paths are not balanced: when an op raises, the values its
// block still owns are not released (a leak, never a premature free), which
// is why unwind-target parameters are borrowed. `raise` operands leak too.
// A function the model does not fit (an unwind target also reached by a
// branch with object arguments) falls back to "leak mode": only returned
// and yielded values get a reference. Neighbours: cfg.ts, passes/util.ts.

import { buildCfg, type Edge } from '../cfg.js';
import type { BlockCall, BlockId, Function, InstId, ValueId } from '../types.js';
import type { Pass } from './manager.js';
import { insertInLayoutAfter, newBlock, newInst } from './util.js';

/** Immediate boxes: no reference to take or release. */
const IMMEDIATE_RESULT = new Set(['box.f64', 'box.bool']);

/** Object results that are not new references (immediates, or kept alive by an operand). */
const BORROWED_RESULT = new Set([...IMMEDIATE_RESULT, 'func.globals']);

/** Terminators whose object operand at this index is consumed (handed to the caller). */
const CONSUMES: ReadonlyMap<string, number> = new Map([
  ['return', 0],
  ['gen.yield', 1],
]);

/**
 * A borrowed result that needs no reference even when handed on: an
 * immediate, or a constant the runtime made immortal (`const.complex` is
 * held by the module instead, so it does need one).
 */
function needsNoReference(op: string): boolean {
  return IMMEDIATE_RESULT.has(op) || (op.startsWith('const.') && op !== 'const.complex');
}

type Ownership = 'owned' | 'borrowed';

class Bail extends Error {}

export const refcountPass: Pass = {
  name: 'refcount',
  late: true,
  required: true,
  run: (fn) => {
    if (fn.layout.length === 0) return false;
    try {
      return insertRefcounts(fn);
    } catch (e) {
      if (!(e instanceof Bail)) throw e;
      return leakMode(fn);
    }
  },
};

/** The pre-ownership contract: every returned or yielded object gets one more reference. */
function leakMode(fn: Function): boolean {
  let changed = false;
  for (const b of fn.layout) {
    const insts = fn.blocks[b]!.insts;
    const term = fn.insts[insts[insts.length - 1]!];
    const at = term === undefined ? undefined : CONSUMES.get(term.op);
    if (term === undefined || at === undefined) continue;
    const v = term.args[at]!;
    if (fn.values[v]!.type !== 'obj') continue;
    insts.splice(insts.length - 1, 0, newInst(fn, 'incref', [v]).id);
    changed = true;
  }
  return changed;
}

function insertRefcounts(fn: Function): boolean {
  const cfg = buildCfg(fn);
  const blocks = cfg.rpo;
  const isObj = (v: ValueId): boolean => fn.values[v]!.type === 'obj';

  // Unwind targets and normal branch targets.
  const unwindTargets = new Set<BlockId>();
  const branchTargets = new Set<BlockId>();
  for (const b of blocks) {
    for (const e of cfg.succs.get(b) ?? []) (e.index === -1 ? unwindTargets : branchTargets).add(e.to);
  }
  for (const t of unwindTargets) {
    if (branchTargets.has(t) && fn.blocks[t]!.params.some(isObj)) throw new Bail();
  }

  const entry = fn.layout[0]!;
  const ownership = (v: ValueId): Ownership => {
    const d = fn.values[v]!.def;
    if (d.kind === 'param') return d.block === entry || unwindTargets.has(d.block) ? 'borrowed' : 'owned';
    const op = fn.insts[d.inst]!.op;
    return op.startsWith('const.') || BORROWED_RESULT.has(op) ? 'borrowed' : 'owned';
  };

  // ---- liveness of obj values (block params are defined at block entry) ----
  const defsIn = new Map<BlockId, Set<ValueId>>();
  const upward = new Map<BlockId, Set<ValueId>>();
  for (const b of blocks) {
    const block = fn.blocks[b]!;
    const defs = new Set<ValueId>(block.params.filter(isObj));
    const up = new Set<ValueId>();
    const use = (v: ValueId): void => {
      if (isObj(v) && !defs.has(v)) up.add(v);
    };
    for (const id of block.insts) {
      const inst = fn.insts[id]!;
      inst.args.forEach(use);
      for (const t of inst.targets) t.args.forEach(use);
      if (inst.result !== undefined && isObj(inst.result)) defs.add(inst.result);
    }
    // Unwind arguments are read at the start of the block (they may be its own parameters).
    block.unwind?.args.forEach((v) => {
      if (!isObj(v) || block.params.includes(v)) return;
      if (defs.has(v)) throw new Bail();
      up.add(v);
    });
    defsIn.set(b, defs);
    upward.set(b, up);
  }
  const liveIn = new Map<BlockId, Set<ValueId>>(blocks.map((b) => [b, new Set(upward.get(b))]));
  const liveOut = new Map<BlockId, Set<ValueId>>(blocks.map((b) => [b, new Set()]));
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i]!;
      const out = liveOut.get(b)!;
      for (const e of cfg.succs.get(b) ?? []) {
        for (const v of liveIn.get(e.to)!) {
          if (!out.has(v)) {
            out.add(v);
            changed = true;
          }
        }
      }
      const inn = liveIn.get(b)!;
      const defs = defsIn.get(b)!;
      for (const v of out) {
        if (!defs.has(v) && !inn.has(v)) {
          inn.add(v);
          changed = true;
        }
      }
    }
  }
  // A value defined in a block and live into its unwind target would be
  // read on a path where it may not exist yet.
  for (const b of blocks) {
    const u = fn.blocks[b]!.unwind;
    if (u === undefined) continue;
    const defs = defsIn.get(b)!;
    for (const v of liveIn.get(u.block) ?? []) if (defs.has(v) && !fn.blocks[b]!.params.includes(v)) throw new Bail();
  }

  const increfNeeded = (v: ValueId): boolean => {
    const d = fn.values[v]!.def;
    return d.kind !== 'inst' || !needsNoReference(fn.insts[d.inst]!.op);
  };
  let changed = false;
  const edits: (() => void)[] = [];

  for (const b of blocks) {
    const block = fn.blocks[b]!;
    const insts = block.insts;
    const term = fn.insts[insts[insts.length - 1]!]!;
    const unwind = block.unwind;
    // Live after the terminator's own reads: what successors (normal and unwind) need.
    const tail = new Set<ValueId>(liveOut.get(b));
    unwind?.args.forEach((v) => isObj(v) && tail.add(v));
    const consumedAt = CONSUMES.get(term.op);
    const consumed = consumedAt === undefined ? undefined : term.args[consumedAt];

    // Backward scan: live-after set of every non-terminator instruction.
    const liveBeforeTerm = new Set(tail);
    term.args.forEach((v) => isObj(v) && liveBeforeTerm.add(v));
    for (const t of term.targets) t.args.forEach((v) => isObj(v) && liveBeforeTerm.add(v));
    const after: Set<ValueId>[] = new Array(insts.length);
    let cur = liveBeforeTerm;
    for (let i = insts.length - 2; i >= 0; i--) {
      after[i] = cur;
      const inst = fn.insts[insts[i]!]!;
      const next = new Set(cur);
      if (inst.result !== undefined) next.delete(inst.result);
      inst.args.forEach((v) => isObj(v) && next.add(v));
      cur = next;
    }
    const liveAtStart = cur;

    const out: InstId[] = [];
    const decref = (v: ValueId): InstId => newInst(fn, 'decref', [v]).id;
    const incref = (v: ValueId): InstId => newInst(fn, 'incref', [v]).id;
    let i = 0;
    // Leading exc.fetch stays first; then release unused owned parameters.
    while (i < insts.length - 1 && fn.insts[insts[i]!]!.op === 'exc.fetch') {
      const id = insts[i]!;
      out.push(id);
      const r = fn.insts[id]!.result!;
      if (!after[i]!.has(r)) out.push(decref(r));
      i++;
    }
    for (const p of block.params) {
      if (isObj(p) && ownership(p) === 'owned' && !liveAtStart.has(p)) out.push(decref(p));
    }
    for (; i < insts.length - 1; i++) {
      const id = insts[i]!;
      const inst = fn.insts[id]!;
      out.push(id);
      const dead = new Set<ValueId>();
      for (const v of inst.args) if (isObj(v) && ownership(v) === 'owned' && !after[i]!.has(v)) dead.add(v);
      const r = inst.result;
      if (r !== undefined && isObj(r) && ownership(r) === 'owned' && !after[i]!.has(r)) dead.add(r);
      for (const v of dead) out.push(decref(v));
    }

    // The terminator.
    const owned = (v: ValueId): boolean => isObj(v) && ownership(v) === 'owned';
    if (term.targets.length === 0) {
      if (term.op !== 'raise' && term.op !== 'reraise' && term.op !== 'unreachable') {
        // return / gen.yield / gen.return leave the function: nothing is
        // needed after them, not even by the unwind target.
        if (consumed !== undefined && isObj(consumed) && !owned(consumed) && increfNeeded(consumed)) out.push(incref(consumed));
        for (const v of tail) if (owned(v) && v !== consumed && !term.args.includes(v)) out.push(decref(v));
      }
      out.push(insts[insts.length - 1]!);
      if (out.length !== insts.length) changed = true;
      block.insts = out;
      continue;
    }

    // Branches: what each normal edge must add or release.
    const normal = (cfg.succs.get(b) ?? []).filter((e) => e.index !== -1);
    const edgeOps = normal.map((e) => edgeRefOps(e, term.targets[e.index]!, term.targets, liveOut.get(b)!, unwind, liveIn, owned, isObj).filter(([op, v]) => op === 'decref' || increfNeeded(v)));
    if (normal.length === 1) {
      for (const [op, v] of edgeOps[0]!) out.push(op === 'incref' ? incref(v) : decref(v));
      out.push(insts[insts.length - 1]!);
    } else {
      out.push(insts[insts.length - 1]!);
      normal.forEach((e, k) => {
        const ops = edgeOps[k]!;
        if (ops.length === 0) return;
        const target = term.targets[e.index]!;
        if (cfg.preds.get(e.to)?.length === 1 && e.to !== entry) {
          // Sole predecessor: the successor's start is on this edge only.
          edits.push(() => {
            const s = fn.blocks[e.to]!;
            let at = 0;
            while (at < s.insts.length - 1 && fn.insts[s.insts[at]!]!.op === 'exc.fetch') at++;
            s.insts.splice(at, 0, ...ops.map(([op, v]) => (op === 'incref' ? incref(v) : decref(v))));
          });
        } else {
          const split = newBlock(fn);
          fn.blocks[split]!.insts = [
            ...ops.map(([op, v]) => (op === 'incref' ? incref(v) : decref(v))),
            newInst(fn, 'jump', [], { targets: [{ block: target.block, args: target.args }] }).id,
          ];
          term.targets[e.index] = { block: split, args: [] };
          insertInLayoutAfter(fn, b, [split]);
        }
      });
    }
    if (out.length !== insts.length || edgeOps.some((o) => o.length > 0)) changed = true;
    block.insts = out;
  }
  for (const e of edits) e();
  return changed;
}

type RefOp = readonly ['incref' | 'decref', ValueId];

/** The increfs and decrefs a normal edge needs (see the file comment). */
function edgeRefOps(
  e: Edge,
  call: BlockCall,
  allTargets: readonly BlockCall[],
  out: ReadonlySet<ValueId>,
  unwind: BlockCall | undefined,
  liveIn: ReadonlyMap<BlockId, ReadonlySet<ValueId>>,
  owned: (v: ValueId) => boolean,
  isObj: (v: ValueId) => boolean,
): RefOp[] {
  const ops: RefOp[] = [];
  const inS = liveIn.get(e.to) ?? new Set<ValueId>();
  const count = new Map<ValueId, number>();
  for (const v of call.args) if (isObj(v)) count.set(v, (count.get(v) ?? 0) + 1);
  // Values this block holds at its end: live out (any successor), unwind
  // arguments, and the arguments of every branch target (not just this one's).
  const held = new Set<ValueId>(out);
  unwind?.args.forEach((v) => isObj(v) && held.add(v));
  for (const t of allTargets) for (const v of t.args) if (isObj(v)) held.add(v);
  for (const v of held) {
    const need = (count.get(v) ?? 0) + (inS.has(v) ? 1 : 0);
    if (owned(v)) {
      if (need === 0) ops.push(['decref', v]);
      for (let k = 1; k < need; k++) ops.push(['incref', v]);
    } else {
      for (let k = 0; k < (count.get(v) ?? 0); k++) ops.push(['incref', v]);
    }
  }
  return ops;
}
