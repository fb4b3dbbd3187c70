// passes/util.ts — in-place editing helpers shared by the passes: create
// values and instructions, replace uses, split blocks, remove block
// parameters, find constants. Neighbours: passes/*.ts, cfg.ts.

import { buildCfg, dominates, edgeCall, type Cfg, type Edge } from '../cfg.js';
import { OPS, type OpSpec } from '../opTable.js';
import {
  type BlockCall, type BlockId, type Function, type Imm, type Inst, type InstId, type SourceLoc, type ValueDef, type ValueId, type ValueType,
  InternalError,
} from '../types.js';

const OP_BY_NAME: ReadonlyMap<string, OpSpec> = new Map(OPS.map((o) => [o.name, o]));

export function spec(op: string): OpSpec {
  const s = OP_BY_NAME.get(op);
  if (s === undefined) throw new InternalError(`unknown IR op '${op}'`);
  return s;
}

export function newValue(fn: Function, type: ValueType, def: ValueDef): ValueId {
  const id = fn.values.length as ValueId;
  fn.values.push({ type, def });
  return id;
}

export interface NewInstOptions {
  imms?: Imm[];
  targets?: BlockCall[];
  loc?: SourceLoc | undefined;
}

/** Create an instruction (and its result value) without placing it in a block. */
export function newInst(fn: Function, op: string, args: ValueId[], opts: NewInstOptions = {}): { id: InstId; result: ValueId | undefined } {
  const s = spec(op);
  const id = fn.insts.length as InstId;
  const inst: Inst = { op, args, imms: opts.imms ?? [], result: undefined, targets: opts.targets ?? [], loc: opts.loc };
  fn.insts.push(inst);
  if (s.result !== undefined) inst.result = newValue(fn, s.result, { kind: 'inst', inst: id });
  return { id, result: inst.result };
}

/** Create a block (outside the layout). */
export function newBlock(fn: Function, unwind?: BlockCall): BlockId {
  const id = fn.blocks.length as BlockId;
  fn.blocks.push({ params: [], insts: [], unwind: unwind === undefined ? undefined : { block: unwind.block, args: [...unwind.args] } });
  return id;
}

export function addBlockParam(fn: Function, b: BlockId, type: ValueType): ValueId {
  const block = fn.blocks[b]!;
  const v = newValue(fn, type, { kind: 'param', block: b, index: block.params.length });
  block.params.push(v);
  return v;
}

/** Turn an existing value into a new parameter of block `b` (its old definition must be removed by the caller). */
export function adoptAsParam(fn: Function, b: BlockId, v: ValueId): void {
  const block = fn.blocks[b]!;
  fn.values[v]!.def = { kind: 'param', block: b, index: block.params.length };
  block.params.push(v);
}

/** Replace every use of `from` (operands, branch and unwind arguments) by `to` in the laid-out blocks. */
export function replaceAllUses(fn: Function, from: ValueId, to: ValueId): void {
  const map = new Map([[from, to]]);
  replaceUses(fn, map);
}

/** Replace uses according to `map` (applied transitively). */
export function replaceUses(fn: Function, map: ReadonlyMap<ValueId, ValueId>): void {
  if (map.size === 0) return;
  const resolve = (v: ValueId): ValueId => {
    let cur = v;
    for (let n = 0; n < 1000; n++) {
      const next = map.get(cur);
      if (next === undefined || next === cur) return cur;
      cur = next;
    }
    throw new InternalError('cycle in value replacement');
  };
  for (const b of fn.layout) {
    const block = fn.blocks[b]!;
    if (block.unwind !== undefined) block.unwind.args = block.unwind.args.map(resolve);
    for (const id of block.insts) {
      const inst = fn.insts[id]!;
      inst.args = inst.args.map(resolve);
      for (const t of inst.targets) t.args = t.args.map(resolve);
    }
  }
}

/** Number of uses of each value in the laid-out blocks. */
export function useCounts(fn: Function): Map<ValueId, number> {
  const counts = new Map<ValueId, number>();
  const use = (v: ValueId): void => {
    counts.set(v, (counts.get(v) ?? 0) + 1);
  };
  for (const b of fn.layout) {
    const block = fn.blocks[b]!;
    block.unwind?.args.forEach(use);
    for (const id of block.insts) {
      const inst = fn.insts[id]!;
      inst.args.forEach(use);
      for (const t of inst.targets) t.args.forEach(use);
    }
  }
  return counts;
}

/** The defining instruction of a value, if it is an instruction result. */
export function defInst(fn: Function, v: ValueId): Inst | undefined {
  const d = fn.values[v]?.def;
  return d?.kind === 'inst' ? fn.insts[d.inst] : undefined;
}

/** The last instruction of a block (its terminator when well formed). */
export function terminator(fn: Function, b: BlockId): Inst | undefined {
  const block = fn.blocks[b]!;
  const last = block.insts[block.insts.length - 1];
  return last === undefined ? undefined : fn.insts[last];
}

/**
 * Split block `b` after position `pos`: instructions after it move to a new
 * block (same unwind edge) placed right after `b` in the layout. `b` is left
 * without a terminator. Returns the new block.
 */
export function splitBlockAfter(fn: Function, b: BlockId, pos: number): BlockId {
  const block = fn.blocks[b]!;
  const tail = newBlock(fn, block.unwind);
  fn.blocks[tail]!.insts = block.insts.splice(pos + 1);
  insertInLayoutAfter(fn, b, [tail]);
  return tail;
}

export function insertInLayoutAfter(fn: Function, after: BlockId, blocks: BlockId[]): void {
  const i = fn.layout.indexOf(after);
  if (i < 0) throw new InternalError(`block${after} is not in the layout`);
  fn.layout.splice(i + 1, 0, ...blocks);
}

export function append(fn: Function, b: BlockId, op: string, args: ValueId[], opts: NewInstOptions = {}): ValueId | undefined {
  const { id, result } = newInst(fn, op, args, opts);
  fn.blocks[b]!.insts.push(id);
  return result;
}

/** Remove parameter `index` of block `b` and the matching argument of every incoming edge. */
export function removeBlockParam(fn: Function, b: BlockId, index: number, preds: readonly Edge[]): void {
  for (const e of preds) {
    const call = edgeCall(fn, e);
    if (call === undefined || call.block !== b) throw new InternalError(`stale edge into block${b}`);
    call.args.splice(index, 1);
  }
  const block = fn.blocks[b]!;
  block.params.splice(index, 1);
  block.params.forEach((p, i) => {
    fn.values[p]!.def = { kind: 'param', block: b, index: i };
  });
}

/** Remove blocks unreachable from the entry from the layout. Returns true when any was removed. */
export function removeUnreachable(fn: Function): boolean {
  const reach = new Set(buildCfg(fn).rpo);
  const before = fn.layout.length;
  fn.layout = fn.layout.filter((b) => reach.has(b));
  return fn.layout.length !== before;
}

/** Rewrite an instruction in place into a constant op with one immediate (or none). */
export function setConst(inst: Inst, op: string, imm?: Imm): void {
  inst.op = op;
  inst.args = [];
  inst.imms = imm === undefined ? [] : [imm];
  inst.targets = [];
}

/** A constant-defining instruction of a value: its op and immediate. */
export function constOf(fn: Function, v: ValueId): { op: string; imm: Imm | undefined } | undefined {
  const inst = defInst(fn, v);
  if (inst === undefined || !(inst.op.startsWith('const.') || inst.op === 'iconst' || inst.op === 'fconst' || inst.op === 'bconst')) return undefined;
  return { op: inst.op, imm: inst.imms[0] };
}

/** A small int is immediate in a NaN-boxed word: −2^47 … 2^47−1 (specs/runtime-abi.md §1). */
export const SMALL_INT_MIN = -(2n ** 47n);
export const SMALL_INT_MAX = 2n ** 47n - 1n;

export function isSmallInt(x: bigint): boolean {
  return x >= SMALL_INT_MIN && x <= SMALL_INT_MAX;
}

/** An i64 immediate as a bigint. */
export function toBig(imm: Imm | undefined): bigint | undefined {
  if (typeof imm === 'bigint') return imm;
  if (typeof imm === 'number' && Number.isInteger(imm)) return BigInt(imm);
  return undefined;
}

/** A bigint in i64 range as an immediate (number when safe). */
export function i64Imm(x: bigint): Imm {
  const n = Number(x);
  return Number.isSafeInteger(n) ? n : x;
}

/** Which block each laid-out instruction is in. */
export function instBlocks(fn: Function): Map<InstId, BlockId> {
  const m = new Map<InstId, BlockId>();
  for (const b of fn.layout) for (const id of fn.blocks[b]!.insts) m.set(id, b);
  return m;
}

/** Renumber values, instructions and blocks densely in layout order (drops everything outside the layout). */
export function compactFunction(fn: Function): void {
  const bmap = new Map<BlockId, BlockId>();
  fn.layout.forEach((b, i) => bmap.set(b, i as BlockId));
  const vmap = new Map<ValueId, ValueId>();
  const values: Function['values'] = [];
  const insts: Inst[] = [];
  const mapV = (v: ValueId): ValueId => {
    const n = vmap.get(v);
    if (n === undefined) throw new InternalError(`compact: value v${v} used but not defined`);
    return n;
  };
  const blocks = fn.layout.map((b) => fn.blocks[b]!);
  blocks.forEach((block, bi) => {
    block.params.forEach((p, i) => {
      vmap.set(p, values.length as ValueId);
      values.push({ type: fn.values[p]!.type, def: { kind: 'param', block: bi as BlockId, index: i } });
    });
    for (const id of block.insts) {
      const r = fn.insts[id]!.result;
      if (r !== undefined) {
        vmap.set(r, values.length as ValueId);
        values.push({ type: fn.values[r]!.type, def: { kind: 'inst', inst: -1 as InstId } });
      }
    }
  });
  const mapCall = (c: BlockCall): BlockCall => ({ block: bmap.get(c.block)!, args: c.args.map(mapV) });
  const newBlocks = blocks.map((block) => {
    const ids: InstId[] = [];
    for (const id of block.insts) {
      const old = fn.insts[id]!;
      const nid = insts.length as InstId;
      const inst: Inst = { op: old.op, args: old.args.map(mapV), imms: old.imms, result: old.result === undefined ? undefined : mapV(old.result), targets: old.targets.map(mapCall), loc: old.loc };
      if (inst.result !== undefined) values[inst.result]!.def = { kind: 'inst', inst: nid };
      insts.push(inst);
      ids.push(nid);
    }
    return { params: block.params.map(mapV), insts: ids, unwind: block.unwind === undefined ? undefined : mapCall(block.unwind) };
  });
  fn.values = values;
  fn.insts = insts;
  fn.blocks = newBlocks;
  fn.layout = newBlocks.map((_, i) => i as BlockId);
}

/** Blocks inside some natural loop (a back edge's source reaches its header without leaving the loop). */
export function loopBlocks(fn: Function, cfg: Cfg): Set<BlockId> {
  const inLoop = new Set<BlockId>();
  for (const b of cfg.rpo) {
    for (const e of cfg.succs.get(b) ?? []) {
      if (e.index === -1 || !dominates(cfg, e.to, b)) continue;
      const body = new Set<BlockId>([e.to]);
      const work = [b];
      while (work.length > 0) {
        const x = work.pop()!;
        if (body.has(x)) continue;
        body.add(x);
        for (const p of cfg.preds.get(x) ?? []) work.push(p.from);
      }
      for (const x of body) inLoop.add(x);
    }
  }
  return inLoop;
}

/**
 * The instructions of the generic copy `specialize-loops` made of a function, for the `type-infer` run
 * that follows it, which leaves them generic and forgets the entry. A hint between two passes of one
 * pipeline run, never part of the IR: a function without an entry is rewritten in full, which is also
 * correct (only larger).
 */
export const genericCopyInsts = new WeakMap<Function, Set<InstId>>();
