// passes/constFold.ts — constant folding and propagation. Folds unboxed
// arithmetic and comparisons (with i64 wrapping exactly as the backends do),
// `box`/`unbox` pairs, guards and `truthy` of known constants, and generic
// Python operators only when the operands are constants of exact built-in
// types whose methods cannot be overridden (int, float, str): such ops cannot
// call user code. Python ints are unbounded, so generic int arithmetic folds
// to a (possibly big) `const.int`. Results that would be huge are left alone.
// Neighbours: passes/util.ts, passes/typeInfer.ts (produces box/unbox pairs).

import { buildCfg, edgeCall } from '../cfg.js';
import type { BlockId, Function, Imm, Inst, ValueId } from '../types.js';
import type { Pass } from './manager.js';
import { constOf, i64Imm, isSmallInt, replaceAllUses, setConst, defInst, toBig } from './util.js';

const MAX_BITS = 4096n;
const I64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const inI64 = (x: bigint): boolean => x === BigInt.asIntN(64, x);
const EXACT_DOUBLE = 2n ** 53n;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

function bitLength(x: bigint): bigint {
  return BigInt((x < 0n ? -x : x).toString(2).length);
}

function compare(op: string, c: number): boolean {
  switch (op) {
    case 'eq': return c === 0;
    case 'ne': return c !== 0;
    case 'lt': return c < 0;
    case 'le': return c <= 0;
    case 'gt': return c > 0;
    case 'ge': return c >= 0;
  }
  return false;
}

function floatCompare(op: string, a: number, b: number): boolean {
  switch (op) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'lt': return a < b;
    case 'le': return a <= b;
    case 'gt': return a > b;
    case 'ge': return a >= b;
  }
  return false;
}

type Folded = { op: string; imm?: Imm } | { value: ValueId } | undefined;

/** Python numeric constant of a value: int (bigint) or float (number). */
function pyNumber(fn: Function, v: ValueId): bigint | number | undefined {
  const c = constOf(fn, v);
  if (c?.op === 'const.int' && typeof c.imm === 'bigint') return c.imm;
  if (c?.op === 'const.float' && typeof c.imm === 'number') return c.imm;
  return undefined;
}

/** An int operand as a float, when the conversion is exact (so no OverflowError or rounding). */
function asFloat(x: bigint | number): number | undefined {
  if (typeof x === 'number') return x;
  return x >= -EXACT_DOUBLE && x <= EXACT_DOUBLE ? Number(x) : undefined;
}

function foldGenericInt(op: string, a: bigint, b: bigint): Folded {
  let r: bigint | undefined;
  const base = op.startsWith('i') && op !== 'invert' ? op.slice(1) : op;
  switch (base) {
    case 'add': r = a + b; break;
    case 'sub': r = a - b; break;
    case 'mul': r = bitLength(a) + bitLength(b) <= MAX_BITS ? a * b : undefined; break;
    case 'floordiv': r = b === 0n ? undefined : floorDiv(a, b); break;
    case 'mod': r = b === 0n ? undefined : floorMod(a, b); break;
    case 'lshift': r = b >= 0n && bitLength(a) + b <= MAX_BITS ? a << b : undefined; break;
    case 'rshift': r = b >= 0n ? (b > MAX_BITS ? (a < 0n ? -1n : 0n) : a >> b) : undefined; break;
    case 'bitand': r = a & b; break;
    case 'bitor': r = a | b; break;
    case 'bitxor': r = a ^ b; break;
    case 'truediv': {
      const fa = asFloat(a);
      const fb = asFloat(b);
      return b !== 0n && fa !== undefined && fb !== undefined ? { op: 'const.float', imm: fa / fb } : undefined;
    }
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge':
      if (op !== base) return undefined;
      return { op: 'const.bool', imm: compare(op, a < b ? -1 : a > b ? 1 : 0) };
  }
  return r === undefined ? undefined : { op: 'const.int', imm: r };
}

function foldGenericFloat(op: string, a: number, b: number): Folded {
  const base = op.startsWith('i') ? op.slice(1) : op;
  switch (base) {
    case 'add': return { op: 'const.float', imm: a + b };
    case 'sub': return { op: 'const.float', imm: a - b };
    case 'mul': return { op: 'const.float', imm: a * b };
    case 'truediv': return b === 0 ? undefined : { op: 'const.float', imm: a / b };
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge':
      return op === base ? { op: 'const.bool', imm: floatCompare(op, a, b) } : undefined;
  }
  return undefined;
}

const GENERIC_BIN = new Set(['add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'lshift', 'rshift', 'bitand', 'bitor', 'bitxor',
  'iadd', 'isub', 'imul', 'itruediv', 'ifloordiv', 'imod', 'ilshift', 'irshift', 'ibitand', 'ibitor', 'ibitxor', 'eq', 'ne', 'lt', 'le', 'gt', 'ge']);

/** The folded form of an instruction, if it has one. */
export function foldInst(fn: Function, inst: Inst): Folded {
  const op = inst.op;
  const [a, b] = inst.args;
  const c0 = a === undefined ? undefined : constOf(fn, a);
  const c1 = b === undefined ? undefined : constOf(fn, b);
  const i0 = c0?.op === 'iconst' ? toBig(c0.imm) : undefined;
  const i1 = c1?.op === 'iconst' ? toBig(c1.imm) : undefined;
  const f0 = c0?.op === 'fconst' && typeof c0.imm === 'number' ? c0.imm : undefined;
  const f1 = c1?.op === 'fconst' && typeof c1.imm === 'number' ? c1.imm : undefined;
  const d0 = a === undefined ? undefined : defInst(fn, a);

  // ---- unboxed ----
  if (op.startsWith('i64.') && i0 !== undefined) {
    const name = op.slice(4);
    if (name === 'neg') return { op: 'iconst', imm: i64Imm(I64(-i0)) };
    if (name === 'to_f64') return { op: 'fconst', imm: Number(i0) };
    if (i1 === undefined) return undefined;
    switch (name) {
      case 'add': return { op: 'iconst', imm: i64Imm(I64(i0 + i1)) };
      case 'sub': return { op: 'iconst', imm: i64Imm(I64(i0 - i1)) };
      case 'mul': return { op: 'iconst', imm: i64Imm(I64(i0 * i1)) };
      case 'and': return { op: 'iconst', imm: i64Imm(i0 & i1) };
      case 'or': return { op: 'iconst', imm: i64Imm(i0 | i1) };
      case 'xor': return { op: 'iconst', imm: i64Imm(i0 ^ i1) };
      case 'shl': return i1 >= 0n && i1 < 64n ? { op: 'iconst', imm: i64Imm(I64(i0 << i1)) } : undefined;
      case 'ashr': return i1 >= 0n && i1 < 64n ? { op: 'iconst', imm: i64Imm(i0 >> i1) } : undefined;
      case 'ovf_add': return { op: 'bconst', imm: !inI64(i0 + i1) };
      case 'ovf_sub': return { op: 'bconst', imm: !inI64(i0 - i1) };
      case 'ovf_mul': return { op: 'bconst', imm: !inI64(i0 * i1) };
      case 'floordiv': return i1 !== 0n && !(i1 === -1n && i0 === -(2n ** 63n)) ? { op: 'iconst', imm: i64Imm(floorDiv(i0, i1)) } : undefined;
      case 'mod': return i1 !== 0n ? { op: 'iconst', imm: i64Imm(floorMod(i0, i1)) } : undefined;
      case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge':
        return { op: 'bconst', imm: compare(name, i0 < i1 ? -1 : i0 > i1 ? 1 : 0) };
    }
    return undefined;
  }
  if (op.startsWith('f64.') && f0 !== undefined) {
    const name = op.slice(4);
    if (name === 'neg') return { op: 'fconst', imm: -f0 };
    if (f1 === undefined) return undefined;
    switch (name) {
      case 'add': return { op: 'fconst', imm: f0 + f1 };
      case 'sub': return { op: 'fconst', imm: f0 - f1 };
      case 'mul': return { op: 'fconst', imm: f0 * f1 };
      case 'div': return { op: 'fconst', imm: f0 / f1 };
      case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge':
        return { op: 'bconst', imm: floatCompare(name, f0, f1) };
    }
    return undefined;
  }
  if (op === 'bnot' && c0?.op === 'bconst') return { op: 'bconst', imm: !c0.imm };

  // ---- box / unbox / guards ----
  switch (op) {
    case 'box.i64': return i0 === undefined ? undefined : { op: 'const.int', imm: i0 };
    case 'box.f64': return f0 === undefined ? undefined : { op: 'const.float', imm: f0 };
    case 'box.bool': return c0?.op === 'bconst' ? { op: 'const.bool', imm: c0.imm } : undefined;
    case 'unbox.i64':
      if (d0?.op === 'box.i64') return { value: d0.args[0]! };
      // Out of the small range the precondition fails (undefined behaviour), so any i64 will do: keep the value.
      if (c0?.op === 'const.int' && typeof c0.imm === 'bigint' && inI64(c0.imm)) return { op: 'iconst', imm: i64Imm(c0.imm) };
      return undefined;
    case 'unbox.f64':
      if (d0?.op === 'box.f64') return { value: d0.args[0]! };
      return c0?.op === 'const.float' ? { op: 'fconst', imm: c0.imm } : undefined;
    case 'unbox.bool':
      if (d0?.op === 'box.bool') return { value: d0.args[0]! };
      return c0?.op === 'const.bool' ? { op: 'bconst', imm: c0.imm } : undefined;
    case 'guard.int':
      if (c0 !== undefined) return { op: 'bconst', imm: c0.op === 'const.int' && typeof c0.imm === 'bigint' && isSmallInt(c0.imm) };
      if (d0?.op === 'box.i64') {
        const x = constOf(fn, d0.args[0]!);
        const v = x?.op === 'iconst' ? toBig(x.imm) : undefined;
        return v === undefined ? undefined : { op: 'bconst', imm: isSmallInt(v) };
      }
      return d0?.op === 'box.f64' || d0?.op === 'box.bool' ? { op: 'bconst', imm: false } : undefined;
    case 'guard.float':
      if (c0 !== undefined) return { op: 'bconst', imm: c0.op === 'const.float' };
      if (d0?.op === 'box.f64') return { op: 'bconst', imm: true };
      return d0?.op === 'box.i64' || d0?.op === 'box.bool' ? { op: 'bconst', imm: false } : undefined;
    case 'guard.bool':
      if (c0 !== undefined) return { op: 'bconst', imm: c0.op === 'const.bool' };
      if (d0?.op === 'box.bool') return { op: 'bconst', imm: true };
      return d0?.op === 'box.i64' || d0?.op === 'box.f64' ? { op: 'bconst', imm: false } : undefined;
    case 'truthy':
      if (d0?.op === 'box.bool') return { value: d0.args[0]! };
      if (c0 === undefined) return undefined;
      switch (c0.op) {
        case 'const.bool': return { op: 'bconst', imm: c0.imm as boolean };
        case 'const.none': return { op: 'bconst', imm: false };
        case 'const.ellipsis': return { op: 'bconst', imm: true };
        case 'const.int': return { op: 'bconst', imm: c0.imm !== 0n };
        case 'const.float': return { op: 'bconst', imm: c0.imm !== 0 };
        case 'const.str': return { op: 'bconst', imm: (c0.imm as string).length > 0 };
        case 'const.bytes': return { op: 'bconst', imm: (c0.imm as Uint8Array).length > 0 };
      }
      return undefined;
    case 'is':
      return a !== undefined && a === b ? { op: 'bconst', imm: true } : undefined;
  }

  // ---- generic operators on exact built-in constants ----
  if (inst.args.length === 1 && (op === 'neg' || op === 'pos' || op === 'invert')) {
    const x = pyNumber(fn, a!);
    if (typeof x === 'bigint') return { op: 'const.int', imm: op === 'neg' ? -x : op === 'pos' ? x : ~x };
    if (typeof x === 'number' && op !== 'invert') return { op: 'const.float', imm: op === 'neg' ? -x : x };
    return undefined;
  }
  if (GENERIC_BIN.has(op) && inst.args.length === 2) {
    const x = pyNumber(fn, a!);
    const y = pyNumber(fn, b!);
    if (x !== undefined && y !== undefined) {
      if (typeof x === 'bigint' && typeof y === 'bigint') return foldGenericInt(op, x, y);
      const fx = asFloat(x);
      const fy = asFloat(y);
      return fx === undefined || fy === undefined ? undefined : foldGenericFloat(op, fx, fy);
    }
    if (c0?.op === 'const.str' && c1?.op === 'const.str') {
      const s = c0.imm as string;
      const t = c1.imm as string;
      if (op === 'add' || op === 'iadd') return { op: 'const.str', imm: s + t };
      if (op === 'eq' || op === 'ne') return { op: 'const.bool', imm: (s === t) === (op === 'eq') };
    }
  }
  return undefined;
}

/**
 * Ops whose `obj` result is never the UNBOUND marker (it is a Python object, or
 * the op raised). Deliberately excludes `iter.next`, `cell.peek`, `gen.load`,
 * `yf.send`, `tuple.get` and anything else that may pass UNBOUND through.
 */
const NEVER_UNBOUND = new Set([
  'const.none', 'const.bool', 'const.int', 'const.float', 'const.str', 'const.bytes', 'const.ellipsis', 'const.complex',
  'box.i64', 'box.f64', 'box.bool',
  ...GENERIC_BIN, 'pow', 'matmul', 'ipow', 'imatmul', 'neg', 'pos', 'invert',
  'getattr', 'getitem', 'slice.new', 'call', 'call.kw', 'call.ex', 'callmethod', 'callmethod.kw', 'call.direct', 'func.new', 'cell.new',
  'tuple.new', 'list.new', 'set.new', 'dict.new', 'list.to_tuple', 'unpack.seq', 'unpack.ex', 'str.concat', 'format', 'repr', 'str', 'ascii',
  'iter', 'aiter', 'global.get', 'builtin', 'import', 'import.from', 'class.prepare', 'class.new', 'locals.new', 'exc.fetch',
]);

/** The `obj` values that are never UNBOUND (optimistic fixpoint; entry parameters are bound arguments). */
export function boundValues(fn: Function): Set<ValueId> {
  const cfg = buildCfg(fn);
  const maybe = new Set<ValueId>();
  const entry = fn.layout[0];
  // Start optimistic: every block parameter is bound; remove until stable.
  for (let round = 0; round < 100; round++) {
    let changed = false;
    for (const b of cfg.rpo) {
      if (b === entry) continue;
      fn.blocks[b]!.params.forEach((p, i) => {
        if (maybe.has(p)) return;
        for (const e of cfg.preds.get(b) ?? []) {
          const a = edgeCall(fn, e)!.args[i]!;
          if (maybe.has(a) || !isBoundDef(fn, a, entry)) {
            maybe.add(p);
            changed = true;
            return;
          }
        }
      });
    }
    if (!changed) break;
  }
  const bound = new Set<ValueId>();
  for (let v = 0; v < fn.values.length; v++) {
    const id = v as ValueId;
    if (!maybe.has(id) && isBoundDef(fn, id, entry)) bound.add(id);
  }
  return bound;
}

function isBoundDef(fn: Function, v: ValueId, entry: BlockId | undefined): boolean {
  const d = fn.values[v]!.def;
  if (d.kind === 'param') return true; // block params: decided by the fixpoint; entry params: arguments
  const inst = fn.insts[d.inst];
  return inst !== undefined && NEVER_UNBOUND.has(inst.op) && entry !== undefined;
}

const GUARDS = new Set(['guard.int', 'guard.float', 'guard.bool', 'unbound.is']);

/**
 * Guard outcomes known on entry to each block: a block whose only
 * predecessor edge is a `brif` on `guard.X v` knows the guard's value, and
 * every block it dominates inherits that. Keys are `op:value`.
 */
export function guardFacts(fn: Function): Map<BlockId, Map<string, boolean>> {
  const cfg = buildCfg(fn);
  const facts = new Map<BlockId, Map<string, boolean>>();
  for (const b of cfg.rpo) {
    const idom = cfg.idom.get(b);
    const inherited = idom === undefined || idom === b ? new Map<string, boolean>() : new Map(facts.get(idom) ?? []);
    const preds = cfg.preds.get(b) ?? [];
    if (preds.length === 1 && preds[0]!.index >= 0) {
      const e = preds[0]!;
      const block = fn.blocks[e.from]!;
      const term = fn.insts[block.insts[block.insts.length - 1]!]!;
      const cond = term.op === 'brif' ? defInst(fn, term.args[0]!) : undefined;
      if (cond !== undefined && GUARDS.has(cond.op) && term.targets[0]!.block !== term.targets[1]!.block) inherited.set(`${cond.op}:${cond.args[0]}`, e.index === 0);
    }
    facts.set(b, inherited);
  }
  return facts;
}

export const constFoldPass: Pass = {
  name: 'const-fold',
  required: false,
  run: (fn) => {
    let changed = false;
    for (let round = 0; round < 20; round++) {
      let any = false;
      const bound = boundValues(fn);
      const facts = guardFacts(fn);
      for (const b of fn.layout) {
        for (const id of fn.blocks[b]!.insts) {
          const inst = fn.insts[id]!;
          if (inst.result === undefined) continue;
          let f = foldInst(fn, inst);
          if (f === undefined && GUARDS.has(inst.op)) {
            const known = facts.get(b)?.get(`${inst.op}:${inst.args[0]}`);
            if (known !== undefined) f = { op: 'bconst', imm: known };
          }
          if (f === undefined && inst.op === 'unbound.is') {
            const c = constOf(fn, inst.args[0]!);
            if (c?.op === 'const.unbound') f = { op: 'bconst', imm: true };
            else if (bound.has(inst.args[0]!)) f = { op: 'bconst', imm: false };
          }
          if (f === undefined) continue;
          if ('value' in f) {
            if (fn.values[f.value]!.type !== fn.values[inst.result]!.type) continue;
            replaceAllUses(fn, inst.result, f.value);
            // The instruction is now unused; turn it into a constant-free no-op for DCE.
            const t = fn.values[inst.result]!.type;
            setConst(inst, t === 'i64' ? 'iconst' : t === 'f64' ? 'fconst' : t === 'bool' ? 'bconst' : 'const.none', t === 'i64' || t === 'f64' ? 0 : t === 'bool' ? false : undefined);
          } else {
            setConst(inst, f.op, f.imm);
          }
          any = true;
        }
      }
      if (!any) break;
      changed = true;
    }
    return changed;
  },
};
