// passes/rangeLoop.ts — `for i in range(...)` on an unboxed counter. The
// frontend lowers a for loop over `range(args)` to
//
//   P:  r = call c, args...; it = iter r; jump H(init...)
//   H(params...): x = iter.next it; u = unbound.is x; brif u, EXIT(...), BODY(...)
//
// with `c = global.get g, "range"`. When the loop is a single-entry natural
// loop whose values are not used outside it, the loop is versioned:
//
//   P:  brif guard.range(c), guards..., SLOW        (each argument guard.int)
//   FP: start/stop/step unboxed; jump H'(init..., start)
//   H'(params..., k: i64): brif i64.lt k, stop (gt for a negative step), B', EXIT'(...)
//   B': x' = box.i64 k; k2 = i64.add k, step; jump BODY'(...)
//   (a clone of the loop body, whose back edges pass k2 to H')
//   SLOW: the original call, iter and loop, unchanged.
//
// A constant step must be nonzero (zero keeps the generic loop, which raises
// ValueError); a variable step takes the fast loop only when positive. The
// bounds are small ints (|x| < 2^47), so `k + step` never overflows i64.
// The loop variable keeps its last value after the loop: the header's block
// parameters carry it exactly as in the generic loop. Loops inside the slow
// copy are not versioned again (the copies would grow exponentially).
// Neighbours: passes/typeInfer.ts (sees `box.i64` loop variables as exact
// ints), passes/manager.ts (release pipeline), passes/util.ts.

import { buildCfg, dominates, edgeCall, type Cfg } from '../cfg.js';
import type { BlockCall, BlockId, Function, Inst, InstId, ValueId } from '../types.js';
import type { Pass } from './manager.js';
import { addBlockParam, append, constOf, defInst, i64Imm, instBlocks, isSmallInt, newBlock, newInst, newValue, useCounts } from './util.js';

interface Candidate {
  readonly pre: BlockId;
  readonly header: BlockId;
  readonly callInst: Inst;
  readonly loop: Set<BlockId>;
  readonly stepSign: 1 | -1 | 0; // 0: variable (must be positive at run time)
  /** Loop values used after the loop. */
  readonly outside: Set<ValueId>;
  /** The blocks after the loop that its header dominates, in reverse postorder. */
  readonly region: BlockId[];
}

/**
 * After versioning, a block after the loop is reached from the original loop
 * (value `v`) and from its clone (value `vmap(v)`): give it a block parameter
 * wherever the two meet, and rewrite the uses.
 */
function repairUses(fn: Function, c: Candidate, vmap: Map<ValueId, ValueId>, clones: Set<BlockId>, hClone: BlockId, exitMap: Map<ValueId, ValueId>): void {
  if (c.outside.size === 0) return;
  const cfg = buildCfg(fn);
  const inRegion = new Set(c.region);
  const reaching = new Map<BlockId, Map<ValueId, ValueId>>();
  const where = instBlocks(fn);
  const defBlock = (v: ValueId): BlockId | undefined => {
    const d = fn.values[v]!.def;
    return d.kind === 'param' ? d.block : where.get(d.inst);
  };
  for (const b of c.region) {
    const here = new Map<ValueId, ValueId>();
    const preds = cfg.preds.get(b) ?? [];
    for (const v of c.outside) {
      // A value defined in an inner part of the loop (not dominating an exit's
      // source) is dead after that exit: every later use is reached through its
      // definition again. It needs no parameter here.
      const d = defBlock(v);
      if (d === undefined || preds.some((e) => c.loop.has(e.from) && !dominates(cfg, d, e.from))) continue;
      let unavailable = false;
      const incoming = preds.map((e): ValueId | undefined => {
        if (c.loop.has(e.from)) return v;
        if (e.from === hClone) return exitMap.get(v) ?? vmap.get(v) ?? v;
        if (clones.has(e.from)) return vmap.get(v) ?? v;
        if (inRegion.has(e.from)) {
          const there = reaching.get(e.from);
          if (there === undefined) return undefined; // a back edge, not visited yet
          // A predecessor where `v` is not available (a path that did not pass
          // its definition): `v` is dead here too, as in the original SSA.
          if (!there.has(v)) unavailable = true;
          return there.get(v);
        }
        return v;
      });
      if (unavailable) continue;
      const known = incoming.filter((x): x is ValueId => x !== undefined);
      if (known.every((x) => x === known[0])) {
        here.set(v, known[0] ?? v);
        continue;
      }
      const p = addBlockParam(fn, b, fn.values[v]!.type);
      preds.forEach((e) => {
        const call = edgeCall(fn, e)!;
        call.args.push(incoming[preds.indexOf(e)] ?? v);
      });
      here.set(v, p);
    }
    reaching.set(b, here);
  }
  // Rewrite the uses (back edges whose value was unknown pass `v`: the source's reaching value).
  for (const b of c.region) {
    const block = fn.blocks[b]!;
    const here = reaching.get(b)!;
    const map = (v: ValueId): ValueId => here.get(v) ?? v;
    if (block.unwind !== undefined) block.unwind.args = block.unwind.args.map(map);
    for (const id of block.insts) {
      const inst = fn.insts[id]!;
      inst.args = inst.args.map(map);
      for (const t of inst.targets) t.args = t.args.map(map);
    }
  }
}


/** The natural loop of `header` entered only from `pre`, or undefined when it has other entries. */
function naturalLoop(fn: Function, cfg: Cfg, header: BlockId, pre: BlockId): Set<BlockId> | undefined {
  const preds = cfg.preds.get(header) ?? [];
  if (preds.filter((e) => e.from === pre).length !== 1) return undefined;
  const loop = new Set<BlockId>([header]);
  const stack = preds.filter((e) => e.from !== pre).map((e) => e.from);
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (loop.has(b)) continue;
    if (b === pre || b === fn.layout[0]) return undefined;
    loop.add(b);
    for (const e of cfg.preds.get(b) ?? []) stack.push(e.from);
  }
  // Single entry: every block of the loop but the header is entered from inside it.
  for (const b of loop) {
    if (b === header) continue;
    if ((cfg.preds.get(b) ?? []).some((e) => !loop.has(e.from))) return undefined;
  }
  return loop;
}

function findCandidate(fn: Function, cfg: Cfg, pre: BlockId, uses: Map<ValueId, number>, reach: Set<BlockId>): Candidate | undefined {
  const insts = fn.blocks[pre]!.insts;
  const n = insts.length;
  if (n < 3 || !reach.has(pre)) return undefined;
  const [callInst, iterInst, jumpInst] = [fn.insts[insts[n - 3]!]!, fn.insts[insts[n - 2]!]!, fn.insts[insts[n - 1]!]!];
  if (callInst.op !== 'call' || iterInst.op !== 'iter' || jumpInst.op !== 'jump') return undefined;
  const nArgs = callInst.args.length - 1;
  if (nArgs < 1 || nArgs > 3 || iterInst.args[0] !== callInst.result || uses.get(callInst.result!) !== 1) return undefined;
  const callee = defInst(fn, callInst.args[0]!);
  if (callee?.op !== 'global.get') return undefined;
  const name = constOf(fn, callee.args[1]!);
  if (name?.op !== 'const.str' || name.imm !== 'range') return undefined;
  const it = iterInst.result!;
  if (uses.get(it) !== 1) return undefined;
  const header = jumpInst.targets[0]!.block;
  const h = fn.blocks[header]!;
  if (h.insts.length !== 3) return undefined;
  const [nx, ub, br] = h.insts.map((id) => fn.insts[id]!) as [Inst, Inst, Inst];
  if (nx.op !== 'iter.next' || nx.args[0] !== it || ub.op !== 'unbound.is' || ub.args[0] !== nx.result || br.op !== 'brif' || br.args[0] !== ub.result) return undefined;
  if (uses.get(ub.result!) !== 1) return undefined;
  let stepSign: 1 | -1 | 0 = 1;
  if (nArgs === 3) {
    const s = constOf(fn, callInst.args[3]!);
    if (s !== undefined) {
      if (s.op !== 'const.int' || typeof s.imm !== 'bigint' || s.imm === 0n || !isSmallInt(s.imm)) return undefined;
      stepSign = s.imm > 0n ? 1 : -1;
    } else stepSign = 0;
  }
  const loop = naturalLoop(fn, cfg, header, pre);
  if (loop === undefined) return undefined;
  const [exit, body] = br.targets as [BlockCall, BlockCall];
  if (loop.has(exit.block) || !loop.has(body.block)) return undefined;
  if (h.unwind !== undefined && loop.has(h.unwind.block)) return undefined;
  // Values defined in the loop are used outside it only through edge arguments of loop blocks.
  const defined = new Set<ValueId>();
  for (const b of loop) {
    fn.blocks[b]!.params.forEach((p) => defined.add(p));
    for (const id of fn.blocks[b]!.insts) {
      const r = fn.insts[id]!.result;
      if (r !== undefined) defined.add(r);
    }
  }
  // Blocks after the loop (dominated by its header) may use loop values; the
  // versioned loop merges them again (`repairUses`). Other blocks may not.
  const dominatedByHeader = (b: BlockId): boolean => dominates(cfg, header, b);
  const outside = new Set<ValueId>();
  const region: BlockId[] = [];
  for (const b of cfg.rpo) {
    if (loop.has(b)) continue;
    const block = fn.blocks[b]!;
    const used: ValueId[] = [...(block.unwind?.args ?? [])];
    for (const id of block.insts) {
      const inst = fn.insts[id]!;
      used.push(...inst.args);
      for (const t of inst.targets) used.push(...t.args);
    }
    const mine = used.filter((v) => defined.has(v));
    const dom = dominatedByHeader(b);
    if (mine.length > 0 && !dom) return undefined;
    if (dom) region.push(b);
    for (const v of mine) outside.add(v);
  }
  return { pre, header, callInst, loop, stepSign, outside, region };
}

/** The unboxed form of a range argument: an `iconst`, an existing i64, or guarded. */
function unboxArg(fn: Function, v: ValueId): { kind: 'const'; imm: bigint } | { kind: 'direct'; value: ValueId } | { kind: 'guarded'; value: ValueId } | undefined {
  const c = constOf(fn, v);
  if (c !== undefined) return c.op === 'const.int' && typeof c.imm === 'bigint' && isSmallInt(c.imm) ? { kind: 'const', imm: c.imm } : undefined;
  const d = defInst(fn, v);
  if (d?.op === 'box.i64') return { kind: 'direct', value: d.args[0]! };
  return { kind: 'guarded', value: v };
}

function version(fn: Function, c: Candidate): BlockId[] | undefined {
  const { pre, header, callInst, loop, stepSign } = c;
  const loc = callInst.loc;
  const args = callInst.args.slice(1);
  const forms = args.map((a) => unboxArg(fn, a));
  if (forms.some((f) => f === undefined)) return undefined;
  const preBlock = fn.blocks[pre]!;
  const unwind = preBlock.unwind;
  // The slow path: the original call, iter and jump.
  const slow = newBlock(fn, unwind);
  fn.blocks[slow]!.insts = preBlock.insts.splice(preBlock.insts.length - 3, 3);
  const added: BlockId[] = [];
  const same = append(fn, pre, 'guard.range', [callInst.args[0]!], { loc })!;
  let cur = newBlock(fn, unwind);
  added.push(cur);
  append(fn, pre, 'brif', [same], { targets: [{ block: cur, args: [] }, { block: slow, args: [] }], loc });
  const unboxed: ValueId[] = [];
  for (const f of forms) {
    if (f!.kind === 'const') unboxed.push(append(fn, cur, 'iconst', [], { imms: [i64Imm(f!.imm)], loc })!);
    else if (f!.kind === 'direct') unboxed.push(f!.value);
    else {
      const g = append(fn, cur, 'guard.int', [f!.value], { loc })!;
      const ok = newBlock(fn, unwind);
      added.push(ok);
      append(fn, cur, 'brif', [g], { targets: [{ block: ok, args: [] }, { block: slow, args: [] }], loc });
      cur = ok;
      unboxed.push(append(fn, cur, 'unbox.i64', [f!.value], { loc })!);
    }
  }
  let start: ValueId, stop: ValueId, step: ValueId;
  if (unboxed.length === 1) {
    start = append(fn, cur, 'iconst', [], { imms: [0], loc })!;
    stop = unboxed[0]!;
    step = append(fn, cur, 'iconst', [], { imms: [1], loc })!;
  } else {
    [start, stop] = unboxed as [ValueId, ValueId];
    step = unboxed[2] ?? append(fn, cur, 'iconst', [], { imms: [1], loc })!;
  }
  if (stepSign === 0) {
    const zero = append(fn, cur, 'iconst', [], { imms: [0], loc })!;
    const pos = append(fn, cur, 'i64.gt', [step, zero], { loc })!;
    const ok = newBlock(fn, unwind);
    added.push(ok);
    append(fn, cur, 'brif', [pos], { targets: [{ block: ok, args: [] }, { block: slow, args: [] }], loc });
    cur = ok;
  }
  // Clone the loop.
  const order = fn.layout.filter((b) => loop.has(b));
  const bmap = new Map<BlockId, BlockId>();
  const vmap = new Map<ValueId, ValueId>();
  for (const b of order) bmap.set(b, newBlock(fn));
  for (const b of order) {
    const nb = bmap.get(b)!;
    for (const p of fn.blocks[b]!.params) vmap.set(p, addBlockParam(fn, nb, fn.values[p]!.type));
  }
  const hClone = bmap.get(header)!;
  const k = addBlockParam(fn, hClone, 'i64');
  const headerInsts = fn.blocks[header]!.insts.map((id) => fn.insts[id]!);
  const x = headerInsts[0]!.result!;
  const bodyEntry = newBlock(fn);
  const xv = append(fn, bodyEntry, 'box.i64', [k], { loc })!;
  vmap.set(x, xv);
  const k2 = append(fn, bodyEntry, 'i64.add', [k, step], { loc })!;
  for (const b of order) {
    if (b === header) continue;
    for (const id of fn.blocks[b]!.insts) {
      const r = fn.insts[id]!.result;
      if (r !== undefined) vmap.set(r, newValue(fn, fn.values[r]!.type, { kind: 'inst', inst: -1 as InstId }));
    }
  }
  const mv = (v: ValueId): ValueId => vmap.get(v) ?? v;
  const mcall = (t: BlockCall): BlockCall => {
    const nb = bmap.get(t.block);
    if (nb === undefined) return { block: t.block, args: t.args.map(mv) };
    return { block: nb, args: t.block === header ? [...t.args.map(mv), k2] : t.args.map(mv) };
  };
  for (const b of order) {
    const src = fn.blocks[b]!;
    const dst = fn.blocks[bmap.get(b)!]!;
    dst.unwind = src.unwind === undefined ? undefined : mcall(src.unwind);
    if (b === header) continue;
    for (const id of src.insts) {
      const old = fn.insts[id]!;
      const nid = fn.insts.length as InstId;
      const r = old.result === undefined ? undefined : vmap.get(old.result)!;
      fn.insts.push({ op: old.op, args: old.args.map(mv), imms: [...old.imms], result: r, targets: old.targets.map(mcall), loc: old.loc });
      if (r !== undefined) fn.values[r]!.def = { kind: 'inst', inst: nid };
      dst.insts.push(nid);
    }
  }
  fn.blocks[bodyEntry]!.unwind = fn.blocks[hClone]!.unwind;
  const br = headerInsts[2]!;
  const [exitCall, bodyCall] = br.targets as [BlockCall, BlockCall];
  const hLoc = br.loc;
  const cond = append(fn, hClone, stepSign === -1 ? 'i64.gt' : 'i64.lt', [k, stop], { loc: hLoc })!;
  append(fn, hClone, 'brif', [cond], { targets: [{ block: bodyEntry, args: [] }, mcall(exitCall)], loc: hLoc });
  append(fn, bodyEntry, 'jump', [], { targets: [mcall(bodyCall)], loc: hLoc });
  // Enter the fast loop.
  const entryJump = fn.insts[fn.blocks[slow]!.insts[2]!]!;
  append(fn, cur, 'jump', [], { targets: [{ block: hClone, args: [...entryJump.targets[0]!.args, start] }], loc });
  const clones = order.map((b) => bmap.get(b)!);
  const at = fn.layout.indexOf(pre);
  fn.layout.splice(at + 1, 0, ...added, hClone, bodyEntry, ...clones.slice(1), slow);
  // On the header's exit edge the loop variable is UNBOUND (the iterator is exhausted), as in the generic loop.
  const exitMap = new Map<ValueId, ValueId>();
  if (c.outside.has(x)) {
    const { id, result } = newInst(fn, 'const.unbound', [], { loc: hLoc });
    fn.blocks[hClone]!.insts.unshift(id);
    exitMap.set(x, result!);
  }
  repairUses(fn, c, vmap, new Set([...clones, bodyEntry]), hClone, exitMap);
  // The slow copy (and the loops in it) stay generic.
  return [slow, ...order];
}

/** Release pass: unboxed counters for `for x in range(...)` loops, versioned on a guard. */
export const rangeLoopPass: Pass = {
  name: 'range-loop',
  required: false,
  run(fn: Function): boolean {
    let changed = false;
    const cold = new Set<BlockId>();
    for (let round = 0; round < 64; round++) {
      const cfg = buildCfg(fn);
      const reach = new Set(cfg.rpo);
      const uses = useCounts(fn);
      let done = true;
      for (const b of [...fn.layout]) {
        if (cold.has(b)) continue;
        const c = findCandidate(fn, cfg, b, uses, reach);
        if (c === undefined || cold.has(c.header)) continue;
        const slowBlocks = version(fn, c);
        if (slowBlocks === undefined) {
          cold.add(b);
          continue;
        }
        for (const s of slowBlocks) cold.add(s);
        changed = true;
        done = false;
        break; // the CFG changed: recompute
      }
      if (done) break;
    }
    return changed;
  },
};
