// passes/typeInfer.ts — type inference and unboxing. An optimistic fixpoint
// gives each `obj` value a likely Python type (int, float, or unknown) from
// constants, boxes, arithmetic and block parameters (so loop counters such
// as `i = 0 ... i += 1` are likely ints). Generic arithmetic and comparisons
// on likely ints/floats are then rewritten into unboxed i64/f64 ops:
//
//   guard each operand whose type is only likely (`guard.int` / `guard.float`),
//   unbox, compute (i64 add/sub/mul check `i64.ovf_*` first), box, and join;
//   every failed guard or overflow goes to a slow block running the original
//   generic op, so semantics are exact (Python ints are unbounded).
//
// Ints also get `&`, `|`, `^`, `>>`, `<<`, `//` and `%` unboxed (INT_ONLY),
// each with the checks its i64 op needs on the slow path's side. Operands
// that are known exactly (a small `const.int`, a `box.i64`) need no
// guard. Neighbours: passes/constFold.ts (cleans up the box/unbox pairs),
// passes/util.ts.

import { buildCfg, edgeCall } from '../cfg.js';
import type { BlockId, Function, Inst, InstId, ValueId } from '../types.js';
import type { Pass } from './manager.js';
import { addBlockParam, adoptAsParam, genericCopyInsts, append, constOf, defInst, i64Imm, insertInLayoutAfter, isSmallInt, newBlock, newInst, splitBlockAfter } from './util.js';

export type LikelyType = 'int' | 'float' | 'bool' | 'unknown';

/** Generic ops this pass (and `specialize-loops`) rewrite: arithmetic, float-only arithmetic, comparisons. */
export const ARITH: ReadonlySet<string> = new Set(['add', 'sub', 'mul', 'iadd', 'isub', 'imul']);
export const FLOAT_ONLY: ReadonlySet<string> = new Set(['truediv', 'itruediv']);
export const COMPARE: ReadonlySet<string> = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);
/**
 * Int-only rewrites: bitwise ops (never overflow), `>>`/`<<` with a count in
 * 0..63 (`<<` also checks that no bit is lost), `//` and `%` by a positive
 * divisor. Any other operand (a negative divisor, a big count) takes the
 * slow path, which runs the generic op.
 */
export const INT_ONLY: ReadonlySet<string> = new Set(
  ['bitand', 'bitor', 'bitxor', 'rshift', 'lshift', 'floordiv', 'mod'].flatMap((n) => [n, 'i' + n]),
);

/**
 * Builtin functions computed inline on a float, by the name a call reaches
 * them by (a global from `from math import sqrt`, or an attribute as in
 * `math.sqrt`), with their `guard.builtin` number: the guard checks the
 * callee is really that function, whatever the name is bound to.
 */
export const INLINE_BUILTINS: ReadonlyMap<string, number> = new Map([['sqrt', 0]]);

/** The `guard.builtin` number of the builtin `r = call f, x` likely calls, or undefined. */
export function inlineBuiltin(fn: Function, inst: Inst): number | undefined {
  if (inst.op !== 'call' || inst.args.length !== 2 || inst.result === undefined) return undefined;
  const d = defInst(fn, inst.args[0]!);
  if (d === undefined || (d.op !== 'global.get' && d.op !== 'getattr')) return undefined;
  const name = constOf(fn, d.args[1]!);
  return name?.op === 'const.str' && typeof name.imm === 'string' ? INLINE_BUILTINS.get(name.imm) : undefined;
}

/** The operands of a candidate that its rewrite unboxes: both of a binary op, the argument of an inline builtin call. */
export function numericArgs(fn: Function, inst: Inst): readonly ValueId[] {
  return inst.op === 'call' ? inst.args.slice(1) : inst.args;
}

function join(a: LikelyType | undefined, b: LikelyType | undefined): LikelyType | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a === b ? a : 'unknown';
}

/** The likely type of every `obj` value (optimistic fixpoint over the CFG). */
export function inferLikelyTypes(fn: Function): Map<ValueId, LikelyType> {
  const t = new Map<ValueId, LikelyType>();
  const cfg = buildCfg(fn);
  const get = (v: ValueId): LikelyType | undefined => t.get(v);
  for (let round = 0; round < 50; round++) {
    let changed = false;
    const set = (v: ValueId, ty: LikelyType | undefined): void => {
      if (ty === undefined || t.get(v) === ty) return;
      t.set(v, ty);
      changed = true;
    };
    for (const b of cfg.rpo) {
      const block = fn.blocks[b]!;
      if (b !== fn.layout[0]) {
        block.params.forEach((p, i) => {
          if (fn.values[p]!.type !== 'obj') return;
          let ty: LikelyType | undefined;
          for (const e of cfg.preds.get(b) ?? []) {
            if (e.index === -1) ty = 'unknown';
            else ty = join(ty, get(edgeCall(fn, e)!.args[i]!));
          }
          set(p, ty);
        });
      } else for (const p of block.params) set(p, 'unknown');
      for (const id of block.insts) {
        const inst = fn.insts[id]!;
        const r = inst.result;
        if (r === undefined || fn.values[r]!.type !== 'obj') continue;
        const [a, c] = inst.args.map(get);
        let ty: LikelyType | undefined = 'unknown';
        if (inst.op === 'const.int' || inst.op === 'box.i64') ty = 'int';
        else if (inst.op === 'const.float' || inst.op === 'box.f64') ty = 'float';
        else if (ARITH.has(inst.op) || inst.op === 'neg') {
          const operands = inst.op === 'neg' ? [a] : [a, c];
          if (operands.some((x) => x === undefined)) ty = undefined;
          // A float next to an int or an unknown is likely float arithmetic (the rewrite guards it).
          else if (operands.includes('float')) ty = operands.every((x) => x === 'float' || x === 'int' || x === 'unknown') ? 'float' : 'unknown';
          // Arithmetic with an int is likely int arithmetic (the rewrite guards it).
          else ty = operands.includes('int') ? 'int' : 'unknown';
        } else if (INT_ONLY.has(inst.op)) {
          if (a === undefined || c === undefined) ty = undefined;
          // int op int is an int; `%` and `//` of a float are floats (`%` of a str formats).
          else if (a === 'float' || c === 'float') ty = (inst.op.endsWith('mod') || inst.op.endsWith('floordiv')) && a !== 'bool' && c !== 'bool' ? 'float' : 'unknown';
          else ty = (a === 'int' || c === 'int') && (a === 'int' || a === 'unknown') && (c === 'int' || c === 'unknown') ? 'int' : 'unknown';
        } else if (inst.op === 'call' && inlineBuiltin(fn, inst) !== undefined) ty = 'float';
        else if (inst.op === 'const.bool' || inst.op === 'box.bool') ty = 'bool';
        else if (COMPARE.has(inst.op)) {
          // Comparisons of numbers give a bool.
          if (a === undefined || c === undefined) ty = undefined;
          else if (a === 'unknown' && c === 'unknown') ty = 'unknown';
          else ty = (a === 'int' || a === 'float' || a === 'unknown') && (c === 'int' || c === 'float' || c === 'unknown') ? 'bool' : 'unknown';
        } else if (FLOAT_ONLY.has(inst.op)) {
          if (a === undefined || c === undefined) ty = undefined;
          else ty = (a === 'int' || a === 'float' || c === 'int' || c === 'float') && a !== 'bool' && c !== 'bool' ? 'float' : 'unknown';
        }
        set(r, ty);
      }
    }
    if (!changed) break;
  }
  for (const [v, ty] of t) if (ty === undefined) t.set(v, 'unknown');
  return t;
}

/** How an operand becomes unboxed: a new constant, an existing unboxed value, or a guard and unbox. */
type Operand =
  | { kind: 'const'; op: 'iconst' | 'fconst'; imm: number | bigint }
  | { kind: 'direct'; value: ValueId }
  | { kind: 'guarded'; value: ValueId }
  // For float arithmetic: an i64 converted exactly (small ints are below 2^53), a likely int, or either.
  | { kind: 'directInt'; value: ValueId }
  | { kind: 'guardedInt'; value: ValueId }
  | { kind: 'guardedNum'; value: ValueId };

function classify(fn: Function, v: ValueId, want: 'int' | 'float', likely: LikelyType, exact = false): Operand | undefined {
  const c = constOf(fn, v);
  const def = fn.values[v]!.def;
  const d = def.kind === 'inst' ? fn.insts[def.inst] : undefined;
  if (want === 'int') {
    if (c?.op === 'const.int' && typeof c.imm === 'bigint') return isSmallInt(c.imm) ? { kind: 'const', op: 'iconst', imm: i64Imm(c.imm) as number | bigint } : undefined;
    if (d?.op === 'box.i64') return { kind: 'direct', value: d.args[0]! };
    // Another constant (a str, a float) would fail the guard every time.
    if (c !== undefined) return undefined;
    return { kind: 'guarded', value: v };
  }
  if (c?.op === 'const.float' && typeof c.imm === 'number') return { kind: 'const', op: 'fconst', imm: c.imm };
  if (c?.op === 'const.int' && typeof c.imm === 'bigint') {
    return c.imm < -(2n ** 53n) || c.imm > 2n ** 53n ? undefined : { kind: 'const', op: 'fconst', imm: Number(c.imm) };
  }
  if (d?.op === 'box.f64') return { kind: 'direct', value: d.args[0]! };
  // A boxed i64 may exceed 2^53; a comparison (exact in Python) converts it only after the small-int guard.
  if (d?.op === 'box.i64') return exact ? { kind: 'guardedInt', value: v } : { kind: 'directInt', value: d.args[0]! };
  if (c !== undefined) return undefined;
  // A likely int would fail `guard.float` every time: it is converted instead.
  if (likely === 'int') return { kind: 'guardedInt', value: v };
  if (likely === 'unknown') return { kind: 'guardedNum', value: v };
  if (likely !== 'float') return undefined;
  return { kind: 'guarded', value: v };
}

const I64_OP: Record<string, string> = { add: 'add', sub: 'sub', mul: 'mul', iadd: 'add', isub: 'sub', imul: 'mul' };
const I64_INT_ONLY: Record<string, string> = { bitand: 'and', bitor: 'or', bitxor: 'xor', rshift: 'ashr', lshift: 'shl', floordiv: 'floordiv', mod: 'mod' };
const F64_OP: Record<string, string> = { add: 'add', sub: 'sub', mul: 'mul', iadd: 'add', isub: 'sub', imul: 'mul', truediv: 'div', itruediv: 'div' };

/**
 * Rewrite `r = op a, b` at position `pos` of `b0` into guarded unboxed code.
 * Returns false (changing nothing) when the operands cannot be unboxed.
 */
export function rewrite(
  fn: Function, b0: BlockId, pos: number, kind: 'int' | 'float', types: Map<ValueId, LikelyType>, blockOf: Map<InstId, BlockId>,
  exit?: (slow: BlockId) => void,
): boolean {
  const block = fn.blocks[b0]!;
  const id = block.insts[pos]!;
  const inst = fn.insts[id]!;
  const loc = inst.loc;
  const r = inst.result!;
  const operands: Operand[] = [];
  const builtin = inlineBuiltin(fn, inst);
  for (const a of numericArgs(fn, inst)) {
    const o = classify(fn, a, kind, types.get(a) ?? 'unknown', kind === 'float' && COMPARE.has(inst.op));
    if (o === undefined) return false;
    operands.push(o);
  }
  // Split: the instructions after the op go to `joinB`, whose parameter is `r`.
  // With `exit`, the slow block leaves instead (the callback ends it) and the
  // fast path's box defines `r` itself, so `r` is exactly an int or float.
  const joinB = splitBlockAfter(fn, b0, pos);
  for (const m of fn.blocks[joinB]!.insts) blockOf.set(m, joinB);
  block.insts.pop();
  if (exit === undefined) adoptAsParam(fn, joinB, r);
  const slow = newBlock(fn, block.unwind);
  if (exit === undefined) {
    const generic = newInst(fn, inst.op, [...inst.args], { loc });
    fn.blocks[slow]!.insts.push(generic.id);
    blockOf.set(generic.id, slow);
    append(fn, slow, 'jump', [], { targets: [{ block: joinB, args: [generic.result!] }], loc });
  } else exit(slow);
  /** Box `x` with `op` at the end of `blk` as the op's result and jump to the join. */
  const finish = (blk: BlockId, op: string, x: ValueId): void => {
    if (exit === undefined) {
      const boxed = append(fn, blk, op, [x], { loc })!;
      append(fn, blk, 'jump', [], { targets: [{ block: joinB, args: [boxed] }], loc });
      return;
    }
    const id = fn.insts.length as InstId;
    fn.insts.push({ op, args: [x], imms: [], result: r, targets: [], loc });
    fn.values[r]!.def = { kind: 'inst', inst: id };
    fn.blocks[blk]!.insts.push(id);
    append(fn, blk, 'jump', [], { targets: [{ block: joinB, args: [] }], loc });
  };
  const added: BlockId[] = [];
  // Guards: each failing guard branches to the slow path.
  let cur = b0;
  /** Continue in a new block when `cond` holds, else take the slow path. */
  const continueWhen = (cond: ValueId): void => {
    const next = newBlock(fn, block.unwind);
    added.push(next);
    append(fn, cur, 'brif', [cond], { targets: [{ block: next, args: [] }, { block: slow, args: [] }], loc });
    cur = next;
  };
  // The callee must be the builtin itself.
  if (builtin !== undefined) continueWhen(append(fn, cur, 'guard.builtin', [inst.args[0]!], { imms: [builtin], loc })!);
  const unboxed: ValueId[] = [];
  for (const o of operands) {
    if (o.kind === 'const') {
      unboxed.push(append(fn, cur, o.op, [], { imms: [o.imm], loc })!);
      continue;
    }
    if (o.kind === 'direct') {
      unboxed.push(o.value);
      continue;
    }
    if (o.kind === 'directInt') {
      unboxed.push(append(fn, cur, 'i64.to_f64', [o.value], { loc })!);
      continue;
    }
    if (o.kind === 'guardedInt' || o.kind === 'guardedNum') {
      // guardedNum: a float is unboxed, an int converted; guardedInt: only the int test.
      const asInt = newBlock(fn, block.unwind);
      const joined = newBlock(fn, block.unwind);
      const f = addBlockParam(fn, joined, 'f64');
      if (o.kind === 'guardedNum') {
        const asFloat = newBlock(fn, block.unwind);
        const gf = append(fn, cur, 'guard.float', [o.value], { loc })!;
        append(fn, cur, 'brif', [gf], { targets: [{ block: asFloat, args: [] }, { block: asInt, args: [] }], loc });
        const uf = append(fn, asFloat, 'unbox.f64', [o.value], { loc })!;
        append(fn, asFloat, 'jump', [], { targets: [{ block: joined, args: [uf] }], loc });
        added.push(asFloat);
        cur = asInt;
        const gi = append(fn, cur, 'guard.int', [o.value], { loc })!;
        const ok = newBlock(fn, block.unwind);
        append(fn, cur, 'brif', [gi], { targets: [{ block: ok, args: [] }, { block: slow, args: [] }], loc });
        added.push(asInt);
        cur = ok;
      } else {
        const gi = append(fn, cur, 'guard.int', [o.value], { loc })!;
        append(fn, cur, 'brif', [gi], { targets: [{ block: asInt, args: [] }, { block: slow, args: [] }], loc });
        cur = asInt;
      }
      added.push(cur);
      const ui = append(fn, cur, 'unbox.i64', [o.value], { loc })!;
      const cf = append(fn, cur, 'i64.to_f64', [ui], { loc })!;
      append(fn, cur, 'jump', [], { targets: [{ block: joined, args: [cf] }], loc });
      added.push(joined);
      cur = joined;
      unboxed.push(f);
      continue;
    }
    continueWhen(append(fn, cur, kind === 'int' ? 'guard.int' : 'guard.float', [o.value], { loc })!);
    unboxed.push(append(fn, cur, kind === 'int' ? 'unbox.i64' : 'unbox.f64', [o.value], { loc })!);
  }
  const [x, y] = unboxed as [ValueId, ValueId];
  if (builtin !== undefined) {
    // sqrt: a negative operand raises ValueError and a NaN passes through: both take the slow path.
    const zero = append(fn, cur, 'fconst', [], { imms: [0], loc })!;
    continueWhen(append(fn, cur, 'f64.ge', [x, zero], { loc })!);
    finish(cur, 'box.f64', append(fn, cur, 'f64.sqrt', [x], { loc })!);
  } else if (COMPARE.has(inst.op)) {
    const c = append(fn, cur, `${kind === 'int' ? 'i64' : 'f64'}.${inst.op}`, [x, y], { loc })!;
    finish(cur, 'box.bool', c);
  } else if (kind === 'int' && INT_ONLY.has(inst.op)) {
    const name = I64_INT_ONLY[inst.op.replace(/^i(?=bit|rshift|lshift|floordiv|mod)/, '')]!;
    /** Continue in a new block when `op x, k` holds, else take the slow path. */
    const require = (op: string, a: ValueId, k: number): void => {
      const c = append(fn, cur, 'iconst', [], { imms: [k], loc })!;
      continueWhen(append(fn, cur, op, [a, c], { loc })!);
    };
    if (name === 'floordiv' || name === 'mod') require('i64.gt', y, 0);
    if (name === 'ashr' || name === 'shl') {
      require('i64.ge', y, 0);
      require('i64.lt', y, 64);
    }
    const res = append(fn, cur, `i64.${name}`, [x, y], { loc })!;
    if (name === 'shl') {
      // No bit lost: shifting back gives the operand.
      const back = append(fn, cur, 'i64.ashr', [res, y], { loc })!;
      continueWhen(append(fn, cur, 'i64.eq', [back, x], { loc })!);
    }
    finish(cur, 'box.i64', res);
  } else if (kind === 'int') {
    const name = I64_OP[inst.op]!;
    const ovf = append(fn, cur, `i64.ovf_${name}`, [x, y], { loc })!;
    const fast = newBlock(fn, block.unwind);
    added.push(fast);
    append(fn, cur, 'brif', [ovf], { targets: [{ block: slow, args: [] }, { block: fast, args: [] }], loc });
    finish(fast, 'box.i64', append(fn, fast, `i64.${name}`, [x, y], { loc })!);
  } else {
    const name = F64_OP[inst.op]!;
    if (name === 'div') {
      // Python raises ZeroDivisionError: a zero divisor takes the slow path.
      const zero = append(fn, cur, 'fconst', [], { imms: [0], loc })!;
      continueWhen(append(fn, cur, 'f64.ne', [y, zero], { loc })!);
    }
    finish(cur, 'box.f64', append(fn, cur, `f64.${name}`, [x, y], { loc })!);
  }
  insertInLayoutAfter(fn, b0, [...added, slow]);
  return true;
}

/** True when `speculateBinary` can rewrite op `op` for `kind`. */
export function canSpeculateBinary(op: string, kind: 'int' | 'float'): boolean {
  return ARITH.has(op) || COMPARE.has(op) || (kind === 'float' && FLOAT_ONLY.has(op)) || (kind === 'int' && INT_ONLY.has(op));
}

/**
 * Rewrite the binary generic op at position `pos` of block `b` into a guarded
 * unboxed fast path for `kind` with the generic op on the failure path (used
 * by the profile-guided pass). `blockOf` is kept up to date for instructions
 * that move. Returns false, changing nothing, when it cannot.
 */
export function speculateBinary(fn: Function, b: BlockId, pos: number, kind: 'int' | 'float', blockOf: Map<InstId, BlockId>): boolean {
  const inst = fn.insts[fn.blocks[b]!.insts[pos]!]!;
  if (inst.args.length !== 2 || inst.result === undefined || !canSpeculateBinary(inst.op, kind)) return false;
  const types = new Map<ValueId, LikelyType>(inst.args.map((a) => [a, kind]));
  return rewrite(fn, b, pos, kind, types, blockOf);
}

/** Rewrite `r = truthy x` on a likely bool into `guard.bool` + `unbox.bool`, with `truthy` on the slow path. */
function rewriteTruthy(fn: Function, b0: BlockId, pos: number, blockOf: Map<InstId, BlockId>): void {
  const block = fn.blocks[b0]!;
  const id = block.insts[pos]!;
  const inst = fn.insts[id]!;
  const loc = inst.loc;
  const x = inst.args[0]!;
  const joinB = splitBlockAfter(fn, b0, pos);
  for (const m of fn.blocks[joinB]!.insts) blockOf.set(m, joinB);
  block.insts.pop();
  adoptAsParam(fn, joinB, inst.result!);
  const fast = newBlock(fn, block.unwind);
  const slow = newBlock(fn, block.unwind);
  const g = append(fn, b0, 'guard.bool', [x], { loc })!;
  append(fn, b0, 'brif', [g], { targets: [{ block: fast, args: [] }, { block: slow, args: [] }], loc });
  const u = append(fn, fast, 'unbox.bool', [x], { loc })!;
  append(fn, fast, 'jump', [], { targets: [{ block: joinB, args: [u] }], loc });
  const t = newInst(fn, 'truthy', [x], { loc });
  fn.blocks[slow]!.insts.push(t.id);
  blockOf.set(t.id, slow);
  append(fn, slow, 'jump', [], { targets: [{ block: joinB, args: [t.result!] }], loc });
  insertInLayoutAfter(fn, b0, [fast, slow]);
}

/** An op `type-infer` rewrites: generic arithmetic or a comparison as `int`/`float`, or `truthy` of a likely bool. */
export interface Candidate {
  readonly id: InstId;
  readonly kind: 'int' | 'float' | 'bool';
}

/** The ops of `fn` that `type-infer` rewrites for `types`, in layout order; fills `blockOf` for every laid-out instruction. */
export function selectCandidates(fn: Function, types: Map<ValueId, LikelyType>, blockOf: Map<InstId, BlockId>): Candidate[] {
  const candidates: Candidate[] = [];
  for (const b of fn.layout) {
    for (const id of fn.blocks[b]!.insts) {
      blockOf.set(id, b);
      const inst = fn.insts[id]!;
      if (inst.op === 'truthy' && types.get(inst.args[0]!) === 'bool' && constOf(fn, inst.args[0]!) === undefined) {
        const d = fn.values[inst.args[0]!]!.def;
        if (!(d.kind === 'inst' && fn.insts[d.inst]!.op === 'box.bool')) candidates.push({ id, kind: 'bool' });
        continue;
      }
      if (inlineBuiltin(fn, inst) !== undefined) {
        // Of any operand: an int is converted, anything else fails the guards (a non-numeric constant is left alone by `rewrite`).
        candidates.push({ id, kind: 'float' });
        continue;
      }
      if (inst.args.length !== 2 || inst.result === undefined) continue;
      const ts = inst.args.map((a) => types.get(a) ?? 'unknown');
      const bothConst = inst.args.every((a) => constOf(fn, a) !== undefined);
      if (bothConst) continue; // const-fold's job
      // An operand of unknown type next to a likely int is speculated to be an int too (a failed guard only costs the check).
      const intish = ts.every((t) => t === 'int' || t === 'unknown') && ts.includes('int');
      if (intish && (ARITH.has(inst.op) || COMPARE.has(inst.op) || INT_ONLY.has(inst.op))) candidates.push({ id, kind: 'int' });
      else if (ts.includes('float') && ts.every((t) => t !== 'bool') && (ARITH.has(inst.op) || COMPARE.has(inst.op) || FLOAT_ONLY.has(inst.op))) candidates.push({ id, kind: 'float' });
      // int / int (or an unknown next to an int) is float division of exactly converted small ints.
      else if (FLOAT_ONLY.has(inst.op) && ts.includes('int') && ts.every((t) => t === 'int' || t === 'unknown')) candidates.push({ id, kind: 'float' });
    }
  }
  return candidates;
}

export const typeInferPass: Pass = {
  name: 'type-infer',
  required: false,
  run: (fn) => {
    const types = inferLikelyTypes(fn);
    const blockOf = new Map<InstId, BlockId>();
    const candidates = selectCandidates(fn, types, blockOf);
    let changed = false;
    // The generic copy made by `specialize-loops` just before keeps its generic ops (see specialize.ts).
    const generic = genericCopyInsts.get(fn);
    genericCopyInsts.delete(fn);
    for (const c of candidates) {
      if (generic?.has(c.id) === true) continue;
      const b = blockOf.get(c.id)!;
      const pos = fn.blocks[b]!.insts.indexOf(c.id);
      if (c.kind === 'bool') {
        rewriteTruthy(fn, b, pos, blockOf);
        changed = true;
      } else if (rewrite(fn, b, pos, c.kind, types, blockOf)) changed = true;
    }
    return changed;
  },
};
