// passes/specialize.ts — loop specialisation with a generic fallback copy.
// `type-infer` alone rewrites each likely-int/float op into guard, unbox,
// compute, box, and a join with the generic op's result, so every value it
// produces is only *likely* numeric again and the next op guards it anew; a
// loop-carried `zr` is re-guarded and re-boxed on every iteration.
//
// This pass runs just before `type-infer` on functions with such ops inside
// loops. It makes a second copy of the function's body (every block but the
// entry): the *generic copy*, reached only when a speculation fails. In the
// original (the *specialised copy*), each likely-numeric op in a loop whose
// operands are all inferred int/float (a comparison's may also be of unknown
// type, e.g. a loop bound; two operands of unknown type, e.g. list items,
// are guessed floats or ints: see `blindCandidates`) is rewritten with `type-infer`'s fast
// path, but its failure path (a failed guard, an i64 overflow, a zero
// divisor) does not run the generic op and rejoin: it jumps into the generic
// copy right before that op's clone, passing every value live there. So the
// result is exactly an int or float (`box.i64`/`box.f64` of the unboxed
// result) and later ops need no guard; block parameters fed only by such
// boxes (or numeric constants) then become unboxed `i64`/`f64`/`bool`
// parameters, so loop-carried numbers stay in registers.
//
// The generic copy is the function as it was, so a program whose numbers are
// not what the inference guessed (big ints past i64, an int where a float
// was likely) continues there with exact semantics. The `type-infer` run
// right after leaves its ops generic (util.ts `genericCopyInsts`): the
// backends' inline fast paths for generic arithmetic still serve small ints
// and floats there, and not specialising the copy a second time keeps the
// function about half the size (LLVM's opt and llc time with it). Entering it
// mid-block needs SSA repair: each entry block gets one parameter per live
// value, and values with several reaching definitions get block parameters
// at their iterated dominance frontier (Cytron et al.), renamed by walking
// the dominator tree. Anything unexpected (an unwind target needing a new
// parameter while branches reach it too, a verifier error) restores the
// function unchanged.
//
// Neighbours: passes/typeInfer.ts (inference and the op rewrite),
// passes/constFold.ts (folds the guards and box/unbox pairs left behind), cfg.ts.

import { buildCfg, edgeCall, type Cfg, type Edge } from '../cfg.js';
import type { BlockId, Function, Inst, InstId, Value, ValueId, ValueType } from '../types.js';
import { printFunction } from '../printer.js';
import { verifyFunction } from '../verifier.js';
import type { Pass } from './manager.js';
import { ARITH, COMPARE, FLOAT_ONLY, inferLikelyTypes, numericArgs, rewrite, selectCandidates, type Candidate, type LikelyType } from './typeInfer.js';
import { addBlockParam, append, genericCopyInsts, constOf, i64Imm, isSmallInt, loopBlocks, newBlock, removeUnreachable, replaceUses, setConst, splitBlockAfter } from './util.js';

/** Functions larger than this (laid-out instructions) are not copied: compile time doubles for them. */
export const SPECIALIZE_MAX_INSTS = 4000;

/** The function does not fit the transformation; `expected` ones are limits, the others bugs (thrown under MOLT_DEBUG_SPECIALIZE). */
class Bail extends Error {
  constructor(message: string, readonly expected = false) {
    super(message);
  }
}

type Unboxed = 'f64' | 'i64' | 'bool';


function eligible(fn: Function): boolean {
  const f = fn.py?.flags;
  if (f !== undefined && (f.generator === true || f.coroutine === true || f.asyncgen === true || f.module === true || f.resume === true)) return false;
  let n = 0;
  for (const b of fn.layout) {
    for (const id of fn.blocks[b]!.insts) {
      n++;
      if (fn.insts[id]!.op.startsWith('gen.')) return false;
    }
  }
  return n <= SPECIALIZE_MAX_INSTS;
}

/** A deep copy of the parts of `fn` this pass edits, to restore on a bail-out. */
function snapshot(fn: Function): Pick<Function, 'values' | 'insts' | 'blocks' | 'layout'> {
  return structuredClone({ values: fn.values, insts: fn.insts, blocks: fn.blocks, layout: fn.layout });
}

/** The copy of the non-entry blocks: its blocks, the instruction map (original → copy) and the value map back. */
interface GenericCopy {
  /** Value of the copy → the original value. */
  readonly inverse: Map<ValueId, ValueId>;
  readonly imap: Map<InstId, InstId>;
  readonly blocks: Set<BlockId>;
  /** Block of each instruction of the copy (kept current across splits). */
  readonly blockOf: Map<InstId, BlockId>;
}

function copyBody(fn: Function, cfg: Cfg): GenericCopy {
  const entry = fn.layout[0]!;
  const src = cfg.rpo.filter((b) => b !== entry);
  const vmap = new Map<ValueId, ValueId>();
  const bmap = new Map<BlockId, BlockId>();
  const imap = new Map<InstId, InstId>();
  const fresh = (v: ValueId): ValueId => {
    const id = fn.values.length as ValueId;
    fn.values.push({ type: fn.values[v]!.type, def: fn.values[v]!.def });
    vmap.set(v, id);
    return id;
  };
  for (const b of src) {
    const nb = newBlock(fn);
    bmap.set(b, nb);
    fn.blocks[b]!.params.forEach((p, i) => {
      const np = fresh(p);
      fn.values[np]!.def = { kind: 'param', block: nb, index: i };
      fn.blocks[nb]!.params.push(np);
    });
    for (const id of fn.blocks[b]!.insts) {
      imap.set(id, (fn.insts.length + imap.size) as InstId);
      const r = fn.insts[id]!.result;
      if (r !== undefined) fresh(r);
    }
  }
  // Instruction ids were reserved in order above; create them in the same order.
  const mapV = (v: ValueId): ValueId => vmap.get(v) ?? v;
  const mapB = (b: BlockId): BlockId => {
    const m = bmap.get(b);
    if (m === undefined) throw new Bail(`edge to block${b} outside the copied body`);
    return m;
  };
  const base = fn.insts.length;
  const blockOf = new Map<InstId, BlockId>();
  const created: Inst[] = [];
  for (const b of src) {
    const nb = bmap.get(b)!;
    const block = fn.blocks[b]!;
    const copy = fn.blocks[nb]!;
    if (block.unwind !== undefined) copy.unwind = { block: mapB(block.unwind.block), args: block.unwind.args.map(mapV) };
    for (const id of block.insts) {
      const inst = fn.insts[id]!;
      const nid = imap.get(id)!;
      if (nid !== base + created.length) throw new Bail('instruction ids out of order');
      const r = inst.result === undefined ? undefined : vmap.get(inst.result)!;
      if (r !== undefined) fn.values[r]!.def = { kind: 'inst', inst: nid };
      created.push({ op: inst.op, args: inst.args.map(mapV), imms: [...inst.imms], result: r, targets: inst.targets.map((t) => ({ block: mapB(t.block), args: t.args.map(mapV) })), loc: inst.loc });
      copy.insts.push(nid);
      blockOf.set(nid, nb);
    }
  }
  fn.insts.push(...created);
  fn.layout.push(...src.map((b) => bmap.get(b)!));
  const inverse = new Map<ValueId, ValueId>();
  for (const [a, b] of vmap) inverse.set(b, a);
  return { inverse, imap, blocks: new Set(bmap.values()), blockOf };
}

/**
 * Liveness over the copy (before any split): the live-in set of each block,
 * and the values live right before each instruction in `at`. Values of the
 * entry block are left out: they dominate everything.
 */
function liveness(fn: Function, copy: GenericCopy, at: ReadonlySet<InstId>): { liveIn: Map<BlockId, Set<ValueId>>; before: Map<InstId, ValueId[]> } {
  const liveIn = new Map<BlockId, Set<ValueId>>();
  const order = [...copy.blocks];
  const before = new Map<InstId, ValueId[]>();
  const tracked = (v: ValueId): boolean => copy.inverse.has(v);
  const through = (into: Set<ValueId>, target: BlockId, args: readonly ValueId[]): void => {
    const params = new Set(fn.blocks[target]!.params);
    for (const v of liveIn.get(target) ?? []) if (!params.has(v)) into.add(v);
    for (const a of args) if (tracked(a)) into.add(a);
  };
  const scan = (b: BlockId, record: boolean): Set<ValueId> => {
    const block = fn.blocks[b]!;
    const live = new Set<ValueId>();
    const last = block.insts[block.insts.length - 1];
    for (const t of last === undefined ? [] : fn.insts[last]!.targets) through(live, t.block, t.args);
    // The unwind target's live values (and its arguments) are live across the whole block.
    const across = new Set<ValueId>();
    if (block.unwind !== undefined) through(across, block.unwind.block, block.unwind.args);
    for (let i = block.insts.length - 1; i >= 0; i--) {
      const inst = fn.insts[block.insts[i]!]!;
      if (inst.result !== undefined) live.delete(inst.result);
      for (const a of inst.args) if (tracked(a)) live.add(a);
      if (record && at.has(block.insts[i]!)) before.set(block.insts[i]!, [...new Set([...live, ...across])].sort((x, y) => x - y));
    }
    for (const v of across) live.add(v);
    for (const p of block.params) live.delete(p);
    return live;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = order.length - 1; i >= 0; i--) {
      const b = order[i]!;
      const live = scan(b, false);
      const old = liveIn.get(b);
      if (old === undefined || old.size !== live.size) {
        liveIn.set(b, live);
        changed = true;
      }
    }
  }
  for (const b of order) scan(b, true);
  return { liveIn, before };
}

/** Values whose defining op is a box of `kind` or a constant of it: their unboxed form, to add in `pred` if needed. */
function boxedKind(fn: Function, v: ValueId): Unboxed | undefined {
  const d = fn.values[v]!.def;
  if (d.kind !== 'inst') return undefined;
  const inst = fn.insts[d.inst]!;
  switch (inst.op) {
    case 'box.f64': case 'const.float': return 'f64';
    case 'box.i64': return 'i64';
    case 'const.int': return typeof inst.imms[0] === 'bigint' && isSmallInt(inst.imms[0]) ? 'i64' : undefined;
    case 'box.bool': case 'const.bool': return 'bool';
    default: return undefined;
  }
}

/**
 * Turn `obj` parameters of blocks outside `skip` whose every incoming value
 * is a box or constant of one kind (or another such parameter) into unboxed
 * parameters; the old value becomes a box of the new parameter at the top of
 * the block. Returns the number of parameters changed.
 */
export function unboxBlockParams(fn: Function, skip: ReadonlySet<BlockId>): number {
  const cfg = buildCfg(fn);
  const entry = fn.layout[0];
  const state = new Map<ValueId, Unboxed | null>();
  const where = new Map<ValueId, { block: BlockId; index: number }>();
  for (const b of cfg.rpo) {
    if (b === entry || skip.has(b)) continue;
    const preds = cfg.preds.get(b) ?? [];
    if (preds.length === 0 || preds.some((e) => e.index === -1)) continue;
    const block = fn.blocks[b]!;
    block.params.forEach((p, index) => {
      if (fn.values[p]!.type !== 'obj' || block.unwind?.args.includes(p) === true) return;
      state.set(p, null);
      where.set(p, { block: b, index });
    });
  }
  for (let settled = false; !settled;) {
    settle(fn, cfg, state, where);
    // A parameter left undecided (fed only by undecided ones) stays boxed; decide the rest again.
    settled = true;
    for (const [p, k] of state) {
      if (k !== null) continue;
      state.delete(p);
      settled = false;
    }
  }
  const unboxed = new Map<ValueId, ValueId>();
  for (const [p, kind] of state) {
    const { block, index } = where.get(p)!;
    const np = fn.values.length as ValueId;
    fn.values.push({ type: kind!, def: { kind: 'param', block, index } });
    fn.blocks[block]!.params[index] = np;
    unboxed.set(p, np);
    const id = fn.insts.length as InstId;
    fn.insts.push({ op: `box.${kind!}`, args: [np], imms: [], result: p, targets: [], loc: undefined });
    fn.values[p]!.def = { kind: 'inst', inst: id };
    fn.blocks[block]!.insts.unshift(id);
  }
  for (const [p, np] of unboxed) {
    const { block, index } = where.get(p)!;
    const kind = fn.values[np]!.type as Unboxed;
    for (const e of cfg.preds.get(block)!) {
      const call = edgeCall(fn, e)!;
      call.args[index] = unboxedArg(fn, e.from, call.args[index]!, kind, unboxed);
    }
  }
  return unboxed.size;
}

/** The optimistic fixpoint of `unboxBlockParams`: a parameter keeps a kind while every decided input agrees with it. */
function settle(fn: Function, cfg: Cfg, state: Map<ValueId, Unboxed | null>, where: ReadonlyMap<ValueId, { block: BlockId; index: number }>): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const [p, cur] of state) {
      const { block, index } = where.get(p)!;
      let kind: Unboxed | undefined;
      let ok = true;
      for (const e of cfg.preds.get(block)!) {
        const a = edgeCall(fn, e)!.args[index]!;
        const k = boxedKind(fn, a) ?? (state.has(a) ? state.get(a) : undefined);
        if (k === null) continue; // optimistic: a parameter not decided yet
        if (k === undefined || (kind !== undefined && kind !== k)) {
          ok = false;
          break;
        }
        kind = k;
      }
      if (!ok) {
        state.delete(p);
        changed = true;
      } else if (kind !== undefined && cur !== kind) {
        state.set(p, kind);
        changed = true;
      }
    }
  }
}

function unboxedArg(fn: Function, pred: BlockId, a: ValueId, kind: Unboxed, unboxed: ReadonlyMap<ValueId, ValueId>): ValueId {
  const u = unboxed.get(a);
  if (u !== undefined) return u;
  const inst = fn.insts[(fn.values[a]!.def as { inst: InstId }).inst]!;
  if (inst.op.startsWith('box.')) return inst.args[0]!;
  const c = constOf(fn, a)!;
  const [op, imm] = kind === 'f64' ? ['fconst', c.imm] : kind === 'i64' ? ['iconst', i64Imm(c.imm as bigint)] : ['bconst', c.imm];
  const block = fn.blocks[pred]!;
  const id = fn.insts.length as InstId;
  const r = fn.values.length as ValueId;
  fn.values.push({ type: kind as ValueType, def: { kind: 'inst', inst: id } } satisfies Value);
  fn.insts.push({ op: op as string, args: [], imms: [imm!], result: r, targets: [], loc: inst.loc });
  block.insts.splice(block.insts.length - 1, 0, id);
  return r;
}

/** Which candidates become exits: numeric ops inside loops whose operands are all inferred numbers. */
function exitCandidates(fn: Function, cands: readonly Candidate[], blockOf: ReadonlyMap<InstId, BlockId>, inLoop: ReadonlySet<BlockId>, types: ReturnType<typeof inferLikelyTypes>): Candidate[] {
  const entry = fn.layout[0];
  return cands.filter((c) => {
    if (c.kind === 'bool') return false;
    const b = blockOf.get(c.id)!;
    if (b === entry || !inLoop.has(b)) return false;
    // A comparison may also guard an operand of unknown type (a loop bound, say):
    // its result then feeds the branch directly. So may float arithmetic (a
    // list item next to a float) and an inline builtin call: the guard tests
    // float, then int.
    const want = c.kind === 'int' ? ['int'] : ['int', 'float'];
    if (COMPARE.has(fn.insts[c.id]!.op) || c.kind === 'float') want.push('unknown');
    return numericArgs(fn, fn.insts[c.id]!).every((a) => want.includes(types.get(a) ?? 'unknown'));
  });
}

const BLIND_OPS = new Set([...ARITH, ...COMPARE]);

/** Ops whose result may well be a number the function knows nothing about (a display or a str never is). */
const OPAQUE_RESULTS = new Set([
  'getitem', 'getattr', 'call', 'call.direct', 'call.kw', 'call.ex', 'callmethod', 'callmethod.kw', 'method.call', 'method.call.kw',
  'iter.next', 'global.get', 'cell.get', 'tuple.get',
  // and arithmetic (its operands were guessed too, or it is another exit)
  ...ARITH, ...FLOAT_ONLY, 'neg',
]);

function opaque(fn: Function, v: ValueId): boolean {
  const d = fn.values[v]!.def;
  return d.kind === 'param' || OPAQUE_RESULTS.has(fn.insts[d.inst]!.op);
}

/**
 * Generic arithmetic and comparisons in loops whose operands are both of
 * unknown type (list items, attributes, call results): in the specialised
 * copy a wrong guess costs one exit, so in a function that computes with
 * floats (a float constant or a true division) they are guessed to be
 * floats. Each maps to the operand types its rewrite assumes (an exact
 * guard, never a conversion).
 */
function blindCandidates(fn: Function, known: readonly Candidate[], blockOf: ReadonlyMap<InstId, BlockId>, inLoop: ReadonlySet<BlockId>, types: ReturnType<typeof inferLikelyTypes>): Map<Candidate, Map<ValueId, LikelyType>> {
  const out = new Map<Candidate, Map<ValueId, LikelyType>>();
  const taken = new Set(known.map((c) => c.id));
  let floats = false;
  for (const b of fn.layout) {
    for (const id of fn.blocks[b]!.insts) {
      const op = fn.insts[id]!.op;
      if (op === 'const.float' || op === 'fconst' || op === 'truediv' || op === 'itruediv') floats = true;
    }
  }
  // Without floats the likely unknowns are strs and containers as much as ints: no guess.
  if (!floats) return out;
  const kind = 'float';
  const entry = fn.layout[0];
  for (const b of fn.layout) {
    if (b === entry || !inLoop.has(b)) continue;
    for (const id of fn.blocks[b]!.insts) {
      const inst = fn.insts[id]!;
      if (taken.has(id) || !BLIND_OPS.has(inst.op) || inst.args.length !== 2 || inst.result === undefined) continue;
      if (!inst.args.every((a) => (types.get(a) ?? 'unknown') === 'unknown' && opaque(fn, a))) continue;
      if (blockOf.get(id) !== b) continue;
      out.set({ id, kind }, new Map(inst.args.map((a) => [a, kind])));
    }
  }
  return out;
}

function specialize(fn: Function): boolean {
  const cfg = buildCfg(fn);
  const inLoop = loopBlocks(fn, cfg);
  if (inLoop.size === 0) return false;
  const types = inferLikelyTypes(fn);
  const blockOf = new Map<InstId, BlockId>();
  const exits = exitCandidates(fn, selectCandidates(fn, types, blockOf), blockOf, inLoop, types);
  const blind = blindCandidates(fn, exits, blockOf, inLoop, types);
  exits.push(...blind.keys());
  if (exits.length === 0) return false;
  const order = new Map<InstId, number>();
  for (const b of fn.layout) for (const id of fn.blocks[b]!.insts) order.set(id, order.size);
  exits.sort((x, y) => order.get(x.id)! - order.get(y.id)!);

  const copy = copyBody(fn, cfg);
  genericCopyInsts.set(fn, new Set(copy.imap.values()));
  const { liveIn, before } = liveness(fn, copy, new Set(exits.map((c) => copy.imap.get(c.id)!)));
  /** New parameters per block of the copy: original value → parameter, in parameter order. */
  const added = new Map<BlockId, Map<ValueId, ValueId>>();
  const entries: BlockId[] = [];

  // Entry points into the copy, right before each exit candidate's clone.
  const entryFor = (c: Candidate): { block: BlockId; live: ValueId[] } => {
    const gi = copy.imap.get(c.id)!;
    const gb = copy.blockOf.get(gi)!;
    const pos = fn.blocks[gb]!.insts.indexOf(gi);
    const tail = splitBlockAfter(fn, gb, pos - 1);
    for (const m of fn.blocks[tail]!.insts) copy.blockOf.set(m, tail);
    copy.blocks.add(tail);
    append(fn, gb, 'jump', [], { targets: [{ block: tail, args: [] }], loc: fn.insts[gi]!.loc });
    const live = before.get(gi)!;
    for (const v of live) addParam(fn, added, tail, v);
    liveIn.set(tail, new Set(live));
    entries.push(tail);
    return { block: tail, live };
  };

  const firstRewritten = fn.insts.length;
  for (const c of exits) {
    const b = blockOf.get(c.id)!;
    const pos = fn.blocks[b]!.insts.indexOf(c.id);
    rewrite(fn, b, pos, c.kind as 'int' | 'float', blind.get(c) ?? types, blockOf, (slow) => {
      const e = entryFor(c);
      const args = e.live.map((v) => {
        const s = copy.inverse.get(v);
        if (s === undefined) throw new Bail(`no original for v${v}`);
        return s;
      });
      append(fn, slow, 'jump', [], { targets: [{ block: e.block, args }], loc: fn.insts[c.id]!.loc });
    });
  }
  repairSsa(fn, copy, liveIn, added, entries);
  removeUnreachable(fn);
  unboxBlockParams(fn, copy.blocks);
  // A guard the rewrites above put on an operand that is now `box.i64 x` only
  // protects that operand's unbox, which folds to `x`: the fast path's i64
  // arithmetic (overflow-checked) and conversion to f64 take any i64, small or
  // not, so the guard is dropped. (`guard.int` elsewhere also promises |x| < 2^47.)
  // The unboxes are replaced here too, so no pipeline can leave one reading a big int.
  const direct = new Map<ValueId, ValueId>();
  for (let id = firstRewritten; id < fn.insts.length; id++) {
    const inst = fn.insts[id]!;
    if (inst.op !== 'guard.int' && inst.op !== 'unbox.i64') continue;
    const d = fn.values[inst.args[0]!]!.def;
    if (d.kind !== 'inst' || fn.insts[d.inst]!.op !== 'box.i64') continue;
    if (inst.op === 'guard.int') setConst(inst, 'bconst', true);
    else direct.set(inst.result!, fn.insts[d.inst]!.args[0]!);
  }
  replaceUses(fn, direct);
  return true;
}

/** A new parameter of block `b` standing for value `v`, recorded in `added`. */
function addParam(fn: Function, added: Map<BlockId, Map<ValueId, ValueId>>, b: BlockId, v: ValueId): void {
  const p = addBlockParam(fn, b, fn.values[v]!.type);
  (added.get(b) ?? added.set(b, new Map()).get(b)!).set(v, p);
}

/** Give every value of the copy with several reaching definitions block parameters, and rename its uses. */
function repairSsa(fn: Function, copy: GenericCopy, liveIn: Map<BlockId, Set<ValueId>>, added: Map<BlockId, Map<ValueId, ValueId>>, entries: readonly BlockId[]): void {
  const cfg = buildCfg(fn);
  const reach = new Set(cfg.rpo);
  const defBlock = new Map<ValueId, BlockId>();
  const defIndex = new Map<ValueId, number>();
  for (const b of copy.blocks) {
    fn.blocks[b]!.params.forEach((p) => {
      defBlock.set(p, b);
      defIndex.set(p, -2); // before the unwind arguments (read at -1) and every instruction
    });
    fn.blocks[b]!.insts.forEach((id, i) => {
      const r = fn.insts[id]!.result;
      if (r !== undefined) {
        defBlock.set(r, b);
        defIndex.set(r, i);
      }
    });
  }
  const renamed = new Set<ValueId>();
  for (const b of entries) for (const v of added.get(b)!.keys()) renamed.add(v);

  // Dominance frontiers (Cooper, Harvey & Kennedy).
  const df = new Map<BlockId, Set<BlockId>>();
  const predsOf = (b: BlockId): Edge[] => cfg.preds.get(b)!.filter((e) => reach.has(e.from));
  for (const b of cfg.rpo) {
    const preds = predsOf(b);
    if (preds.length < 2) continue;
    for (const e of preds) {
      let r = e.from;
      while (r !== cfg.idom.get(b)) {
        (df.get(r) ?? df.set(r, new Set()).get(r)!).add(b);
        const up = cfg.idom.get(r)!;
        if (up === r) break;
        r = up;
      }
    }
  }
  // An exception handler can take a new parameter from its unwind edges (read
  // at the start of each raising block; a borrowed reference, like its other
  // parameters), but not when branches reach it too: `refcount` would fall back
  // to leaking for the whole function.
  const mixedTarget = (b: BlockId): boolean => predsOf(b).some((e) => e.index === -1) && predsOf(b).some((e) => e.index !== -1);
  for (const v of renamed) {
    const work: BlockId[] = entries.filter((b) => added.get(b)!.has(v));
    const d = defBlock.get(v);
    if (d !== undefined && reach.has(d)) work.push(d);
    const seen = new Set<BlockId>();
    while (work.length > 0) {
      const x = work.pop()!;
      for (const y of df.get(x) ?? []) {
        if (seen.has(y)) continue;
        seen.add(y);
        work.push(y);
        if (!copy.blocks.has(y)) throw new Bail(`frontier block${y} outside the copy`);
        if (added.get(y)?.has(v) === true || liveIn.get(y)?.has(v) !== true) continue;
        if (mixedTarget(y)) throw new Bail(`block${y}, reached by unwind edges and branches, needs a parameter`, true);
        addParam(fn, added, y, v);
      }
    }
  }
  const memo = new Map<string, ValueId>();
  const atEnd = (b: BlockId, v: ValueId): ValueId => {
    if (defBlock.get(v) === b) return v;
    const p = added.get(b)?.get(v);
    if (p !== undefined) return p;
    if (!copy.blocks.has(b)) throw new Bail(`no definition of v${v} reaches block${b}`);
    const key = `${b}:${v}`;
    let r = memo.get(key);
    if (r === undefined) {
      const up = cfg.idom.get(b)!;
      if (up === b) throw new Bail(`no definition of v${v}`);
      r = atEnd(up, v);
      memo.set(key, r);
    }
    return r;
  };
  const atStart = (b: BlockId, v: ValueId): ValueId => {
    const p = added.get(b)?.get(v);
    if (p !== undefined) return p;
    if (defBlock.get(v) === b) throw new Bail(`v${v} is read at the start of its own block${b} (defined at ${defIndex.get(v)})`);
    const up = cfg.idom.get(b)!;
    if (up === b) throw new Bail(`no definition of v${v}`);
    return atEnd(up, v);
  };
  for (const b of cfg.rpo) {
    if (!copy.blocks.has(b)) continue;
    const block = fn.blocks[b]!;
    const at = (i: number) => (v: ValueId): ValueId => {
      if (!renamed.has(v)) return v;
      if (defBlock.get(v) === b && defIndex.get(v)! < i) return v;
      return atStart(b, v);
    };
    if (block.unwind !== undefined) block.unwind.args = block.unwind.args.map(at(-1));
    block.insts.forEach((id, i) => {
      const inst = fn.insts[id]!;
      inst.args = inst.args.map(at(i));
      for (const t of inst.targets) t.args = t.args.map(at(i));
    });
  }
  // Arguments for the new parameters, on every incoming edge from the copy.
  for (const [b, params] of added) {
    if (!reach.has(b)) continue;
    for (const e of predsOf(b)) {
      if (!copy.blocks.has(e.from)) continue; // an exit: its arguments are complete
      const call = edgeCall(fn, e)!;
      for (const v of params.keys()) call.args.push(e.index === -1 ? atStart(e.from, v) : atEnd(e.from, v));
    }
  }
}

export const specializePass: Pass = {
  name: 'specialize-loops',
  required: false,
  run: (fn) => {
    if (!eligible(fn)) return false;
    const saved = snapshot(fn);
    const restore = (): false => {
      Object.assign(fn, saved);
      genericCopyInsts.delete(fn);
      return false;
    };
    try {
      if (!specialize(fn)) return restore();
    } catch (e) {
      if (!(e instanceof Bail)) throw e;
      if (!e.expected && process.env['MOLT_DEBUG_SPECIALIZE'] !== undefined) throw e;
      return restore();
    }
    const errors = verifyFunction(fn);
    if (errors.length > 0) {
      if (process.env['MOLT_DEBUG_SPECIALIZE'] !== undefined) {
        const after = printFunction(fn);
        Object.assign(fn, saved);
        throw new Error(`specialize-loops broke ${fn.name}: ${errors.map((x) => x.message).join('; ')}\n--- before\n${printFunction(fn)}\n--- after\n${after}`);
      }
      return restore();
    }
    return true;
  },
};
