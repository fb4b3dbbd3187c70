// passes/threadUnbox.ts — jump threading of unboxed numbers across the joins
// that `type-infer` leaves. Each rewritten op boxes its fast result and
// joins the slow path's result in a block parameter; when the next op
// guards and unboxes that parameter at once, the fast path pays a box, a
// phi and a guard (and for an int beyond 48 bits a heap allocation, as the
// guard then fails). Here, a join block B that only guards its single
// parameter p (after constants):
//
//   P:  x1 = box.i64 x; jump B(x1)          P:  jump F(x)
//   B(p): g = guard.int p; brif g, F, S  →  B(p): g = guard.int p; brif g, T, S
//   F:  u = unbox.i64 p; …                  T:  u2 = unbox.i64 p; jump F(u2)
//                                           F(u): …
//
// and the uses of p inside F's region (edge arguments to the slow path)
// get p back as `box.i64 u` on that edge; the slow path's landing blocks
// take p as a parameter. The same holds for floats (`guard.float`,
// `box.f64`, `unbox.f64`) and for the bools of comparisons a `truthy`
// tests (`guard.bool`, `box.bool`, `unbox.bool`). B's constants move to
// the entry block. The fast ops after F compute on i64 with 64-bit overflow
// checks, so a value beyond 48 bits reaching F directly is exact; an int
// converted for a float op is not threaded (exact only below 2^53).
// Neighbours: passes/typeInfer.ts (makes the joins), passes/dce.ts (drops
// the boxes left without uses), cfg.ts.

import { buildCfg, dominates, edgeCall, type Cfg } from '../cfg.js';
import type { BlockId, Function, InstId, ValueId } from '../types.js';
import type { Pass } from './manager.js';
import { addBlockParam, append, defInst, insertInLayoutAfter, newBlock, newInst, removeUnreachable, spec } from './util.js';

const KINDS: Readonly<Record<string, { box: string; unbox: string }>> = {
  'guard.int': { box: 'box.i64', unbox: 'unbox.i64' },
  'guard.float': { box: 'box.f64', unbox: 'unbox.f64' },
  'guard.bool': { box: 'box.bool', unbox: 'unbox.bool' },
};

interface Candidate {
  readonly b: BlockId;
  readonly f: BlockId;
  readonly p: ValueId;
  readonly box: string;
  readonly unbox: string;
  /** Instructions of B before the guard (constants). */
  readonly consts: InstId[];
  /**
   * Blocks outside F's region (other than B) that use p and are entered
   * only from B or from F's region (the slow path's landing blocks, where
   * the generic op runs): they get p as a new parameter.
   */
  readonly landings: Set<BlockId>;
}

/** Candidates threaded per function run (each rebuilds the CFG). */
const MAX_THREADS = 400;

export const threadUnboxPass: Pass = {
  name: 'thread-unbox',
  required: false,
  run: (fn) => {
    if (fn.layout.length === 0) return false;
    // Blocks are examined once, and again only when threading changed what
    // enters them (landings, targets of re-boxing edges).
    const seen = new Set<BlockId>();
    let n = 0;
    for (; n < MAX_THREADS; n++) {
      const cfg = buildCfg(fn);
      let c: Candidate | undefined;
      for (const b of cfg.rpo) {
        if (seen.has(b)) continue;
        seen.add(b);
        c = candidate(fn, cfg, b);
        if (c !== undefined) break;
      }
      if (c === undefined) break;
      for (const b of thread(fn, cfg, c)) seen.delete(b);
    }
    if (n > 0) removeUnreachable(fn);
    return n > 0;
  },
};

/** B as a join that only guards its parameter, with what threading it needs; undefined otherwise. */
function candidate(fn: Function, cfg: Cfg, b: BlockId): Candidate | undefined {
  const block = fn.blocks[b]!;
  if (b === fn.layout[0] || block.params.length !== 1 || block.unwind !== undefined) return undefined;
  const p = block.params[0]!;
  const insts = block.insts;
  if (insts.length < 2) return undefined;
  const guard = fn.insts[insts[insts.length - 2]!]!;
  const br = fn.insts[insts[insts.length - 1]!]!;
  const kind = KINDS[guard.op];
  if (kind === undefined || guard.args[0] !== p || br.op !== 'brif' || br.args[0] !== guard.result) return undefined;
  const consts = insts.slice(0, -2);
  if (!consts.every((id) => spec(fn.insts[id]!.op).family === 'constant')) return undefined;
  const f = br.targets[0]!.block;
  const fBlock = fn.blocks[f]!;
  if (f === b || br.targets[0]!.args.length !== 0 || br.targets[1]!.block === f || fBlock.params.length !== 0) return undefined;
  if ((cfg.preds.get(f) ?? []).length !== 1) return undefined;
  const unbox = fn.insts[fBlock.insts[0]!];
  if (unbox === undefined || unbox.op !== kind.unbox || unbox.args[0] !== p) return undefined;
  // An int converted for a float op is exact only below 2^53 (comparisons
  // must be exact): that path keeps the guard, which admits 48-bit ints only.
  if (fBlock.insts.some((id) => fn.insts[id]!.op === 'i64.to_f64' && fn.insts[id]!.args[0] === unbox.result)) return undefined;
  const preds = cfg.preds.get(b) ?? [];
  if (preds.some((e) => e.index === -1)) return undefined;
  if (!preds.some((e) => defInst(fn, edgeCall(fn, e)!.args[0]!)?.op === kind.box)) return undefined;
  // Every use of p: the guard, F's unbox, edge arguments of B and of F's region, or in a landing.
  const landings = new Set<BlockId>();
  for (const q of fn.layout) {
    const qb = fn.blocks[q]!;
    if (qb.unwind?.args.includes(p) === true) return undefined;
    const inF = dominates(cfg, f, q);
    for (const id of qb.insts) {
      const inst = fn.insts[id]!;
      if (inst.args.includes(guard.result!) && inst !== br) return undefined;
      const operand = inst.args.includes(p) && inst !== guard && inst !== unbox;
      if (!operand && (q === b || inF || !inst.targets.some((t) => t.args.includes(p)))) continue;
      if (q === b || inF || qb.unwind !== undefined) return undefined;
      landings.add(q);
    }
  }
  for (const q of landings) {
    for (const e of cfg.preds.get(q) ?? []) {
      if (e.index === -1 || !(e.from === b || dominates(cfg, f, e.from))) return undefined;
    }
  }
  return { b, f, p, box: kind.box, unbox: kind.unbox, consts, landings };
}

/** Thread candidate `c`; returns the blocks whose incoming edges changed. */
function thread(fn: Function, cfg: Cfg, c: Candidate): BlockId[] {
  const entry = fn.blocks[fn.layout[0]!]!;
  const bBlock = fn.blocks[c.b]!;
  entry.insts.unshift(...c.consts);
  bBlock.insts.splice(0, c.consts.length);
  // F takes the unboxed value as a parameter; B's fast edge unboxes in T.
  const fBlock = fn.blocks[c.f]!;
  const unbox = fn.insts[fBlock.insts.shift()!]!;
  const u = unbox.result!;
  fn.values[u]!.def = { kind: 'param', block: c.f, index: 0 };
  fBlock.params.push(u);
  const t = newBlock(fn);
  const u2 = append(fn, t, c.unbox, [c.p], { loc: unbox.loc })!;
  append(fn, t, 'jump', [], { targets: [{ block: c.f, args: [u2] }], loc: unbox.loc });
  insertInLayoutAfter(fn, c.b, [t]);
  const br = fn.insts[bBlock.insts[bBlock.insts.length - 1]!]!;
  br.targets[0] = { block: t, args: [] };
  // Landings take p as a parameter: B passes p, F's region a re-box of u.
  for (const q of c.landings) {
    const qp = addBlockParam(fn, q, 'obj');
    for (const id of fn.blocks[q]!.insts) {
      const inst = fn.insts[id]!;
      inst.args = inst.args.map((a) => (a === c.p ? qp : a));
      for (const tg of inst.targets) tg.args = tg.args.map((a) => (a === c.p ? qp : a));
    }
    for (const e of cfg.preds.get(q) ?? []) {
      if (e.from === c.b) edgeCall(fn, e)!.args.push(c.p);
    }
  }
  const changed: BlockId[] = [...c.landings];
  // Edges out of F's region that pass p, or enter a landing, get p as `box u` on the edge.
  for (const q of fn.layout) {
    if (q === t || !dominates(cfg, c.f, q)) continue;
    const from = fn.blocks[q]!;
    const term = fn.insts[from.insts[from.insts.length - 1]!]!;
    term.targets.forEach((target, i) => {
      const landing = c.landings.has(target.block);
      if (!landing && !target.args.includes(c.p)) return;
      const e = newBlock(fn, from.unwind);
      const { id, result: pb } = newInst(fn, c.box, [u], { loc: term.loc });
      fn.blocks[e]!.insts.push(id);
      const args = target.args.map((a) => (a === c.p ? pb! : a));
      if (landing) args.push(pb!);
      append(fn, e, 'jump', [], { targets: [{ block: target.block, args }], loc: term.loc });
      term.targets[i] = { block: e, args: [] };
      insertInLayoutAfter(fn, q, [e]);
      changed.push(target.block);
    });
  }
  // Boxed predecessors jump straight to F.
  for (const e of cfg.preds.get(c.b) ?? []) {
    const call = edgeCall(fn, e)!;
    if (call.block !== c.b) continue; // an edge from F's region given a block of its own above
    const d = defInst(fn, call.args[0]!);
    if (d === undefined || d.op !== c.box) continue;
    call.block = c.f;
    call.args = [d.args[0]!];
  }
  return changed;
}
