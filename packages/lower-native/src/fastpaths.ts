// fastpaths.ts — inline paths placed in front of generic runtime calls:
// small-int and float arithmetic and comparisons, `truthy` of bool/None/
// small ints, and reference counting that skips immediates. Each path tests
// the operands' tags, computes the result inline, and falls back to the
// runtime call (with its ERR check) when a test or an overflow check fails.
// Neighbours: lower.ts (calls `lowerFastPath` before the generic lowering).

import { type Inst, type OpSpec, InternalError } from '@molt/ir';
import * as abi from './abi.js';
import * as layout from './layout.js';
import { llvm, type LValue } from './llvm.js';
import type { FunctionLowering } from './lower.js';

/** A fast path: its guard, and its body (with an optional late failure test). */
interface FastCase {
  readonly test: () => LValue;
  readonly body: () => { value: LValue; fail?: LValue };
}

type IntArith = 'add' | 'sub' | 'mul' | 'floordiv' | 'mod' | 'bitand' | 'bitor' | 'bitxor' | 'truediv';
type Compare = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

const ARITH: ReadonlyMap<string, IntArith> = new Map(
  (['add', 'sub', 'mul', 'floordiv', 'mod', 'bitand', 'bitor', 'bitxor', 'truediv'] as const).flatMap((n) => [[n, n], ['i' + n, n]] as [string, IntArith][]),
);
const COMPARES: ReadonlySet<string> = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);

/**
 * Lower `inst` with its fast paths when it has any; returns null when the
 * op has none (the caller then lowers it generically).
 */
export function lowerFastPath(e: FunctionLowering, inst: Inst, spec: OpSpec): LValue | undefined | null {
  const arith = ARITH.get(inst.op);
  if (arith !== undefined) return binary(e, inst, spec, arithCases(e, inst, arith));
  if (COMPARES.has(inst.op)) return binary(e, inst, spec, compareCases(e, inst, inst.op as Compare));
  if (inst.op === 'neg') return binary(e, inst, spec, negCases(e, inst));
  if (inst.op === 'truthy') return truthy(e, inst, spec);
  if (inst.op === 'incref' || inst.op === 'decref') return refcount(e, inst);
  if (inst.op === 'getitem' && e.knownKind(inst.args[1]!) !== 'float') return getItem(e, inst, spec);
  if (inst.op === 'setitem' && e.knownKind(inst.args[1]!) !== 'float') return setItem(e, inst, spec);
  if (inst.op === 'iter.next') return listIterNext(e, inst, spec);
  return null;
}

/** Run the cases in order, then the generic call; join the results with a phi. */
function withCases(e: FunctionLowering, inst: Inst, spec: OpSpec, cases: FastCase[]): LValue {
  const { b, pl } = e;
  const slow = e.newBlock('slow');
  const done = e.newBlock('done');
  const incoming: [LValue, ReturnType<FunctionLowering['newBlock']>][] = [];
  cases.forEach((c, i) => {
    const fast = e.newBlock('fast');
    const next = i === cases.length - 1 ? slow : e.newBlock('next');
    b.CreateCondBr(c.test(), fast, next);
    b.SetInsertPoint(fast);
    const r = c.body();
    incoming.push([r.value, e.currentBlock]);
    if (r.fail === undefined) b.CreateBr(done);
    else b.CreateCondBr(e.unlikely(r.fail), slow, done);
    b.SetInsertPoint(next);
  });
  e.moveToRegionEnd(slow);
  const generic = e.lowerGeneric(inst, spec);
  if (generic === undefined) throw new InternalError(`fast path for '${inst.op}' needs a result`);
  incoming.push([generic, e.currentBlock]);
  b.CreateBr(done);
  e.moveToRegionEnd(done);
  b.SetInsertPoint(done);
  const phi = b.CreatePHI(pl.llType(spec.result ?? 'obj'), incoming.length, inst.result === undefined ? '' : `v${inst.result}`);
  for (const [v, from] of incoming) phi.addIncoming(v, from);
  return phi;
}

/** Drop the cases a constant operand rules out (an int constant is never a float, and back). */
function binary(e: FunctionLowering, inst: Inst, spec: OpSpec, cases: (FastCase & { kind: 'int' | 'float' })[]): LValue | null {
  const known = inst.args.map((a) => e.knownKind(a));
  const live = cases.filter((c) => known.every((k) => k === undefined || k === c.kind));
  if (live.length === 0) return null;
  return withCases(e, inst, spec, live);
}

function bothInt(e: FunctionLowering, x: LValue, y: LValue): LValue {
  return e.b.CreateAnd(e.hasTag(x, abi.TAG_INT), e.hasTag(y, abi.TAG_INT));
}

function bothFloat(e: FunctionLowering, x: LValue, y: LValue): LValue {
  return e.b.CreateAnd(e.isFloat(x), e.isFloat(y));
}

function arithCases(e: FunctionLowering, inst: Inst, op: IntArith): (FastCase & { kind: 'int' | 'float' })[] {
  const { b, pl } = e;
  const x = e.val(inst.args[0]!);
  const y = e.val(inst.args[1]!);
  const asF = (v: LValue): LValue => b.CreateBitCast(v, pl.f64);
  const zeroF = (): LValue => b.CreateFCmpOEQ(asF(y), b.CreateSIToFP(e.word(0n), pl.f64));
  const intCase: FastCase & { kind: 'int' } = {
    kind: 'int',
    test: () => bothInt(e, x, y),
    body: () => {
      const xs = e.sext48(x);
      const ys = e.sext48(y);
      switch (op) {
        case 'add':
        case 'sub': {
          const r = op === 'add' ? b.CreateAdd(xs, ys) : b.CreateSub(xs, ys);
          return { value: e.tagInt(r), fail: b.CreateNot(e.fitsSmall(r)) };
        }
        case 'mul': {
          const pair = b.CreateCall(pl.intrinsic('smul'), [xs, ys]);
          const r = b.CreateExtractValue(pair, [0]);
          const ovf = b.CreateOr(b.CreateExtractValue(pair, [1]), b.CreateNot(e.fitsSmall(r)));
          return { value: e.tagInt(r), fail: ovf };
        }
        case 'floordiv':
        case 'mod': {
          // A zero divisor is replaced by 1 so the division is defined; the
          // failure test then sends that case to the runtime (ZeroDivisionError).
          const isZero = b.CreateICmpEQ(ys, e.word(0n));
          const safe = b.CreateSelect(isZero, e.word(1n), ys);
          const r = op === 'floordiv' ? e.floorDiv(xs, safe) : e.floorMod(xs, safe);
          return { value: e.tagInt(r), fail: b.CreateOr(isZero, b.CreateNot(e.fitsSmall(r))) };
        }
        case 'bitand':
          return { value: b.CreateAnd(x, y) };
        case 'bitor':
          return { value: b.CreateOr(x, y) };
        case 'bitxor':
          return { value: e.tagInt(b.CreateXor(x, y)) };
        case 'truediv': {
          // Both fit 48 bits, so the conversions are exact (as in CPython).
          const isZero = b.CreateICmpEQ(ys, e.word(0n));
          const q = b.CreateFDiv(b.CreateSIToFP(xs, pl.f64), b.CreateSIToFP(ys, pl.f64));
          return { value: e.boxF64(q), fail: isZero };
        }
      }
    },
  };
  const floatCase: (FastCase & { kind: 'float' }) | undefined =
    op === 'add' || op === 'sub' || op === 'mul' || op === 'truediv'
      ? {
          kind: 'float',
          test: () => bothFloat(e, x, y),
          body: () => {
            const fx = asF(x);
            const fy = asF(y);
            if (op === 'truediv') return { value: e.boxF64(b.CreateFDiv(fx, fy)), fail: zeroF() };
            const r = op === 'add' ? b.CreateFAdd(fx, fy) : op === 'sub' ? b.CreateFSub(fx, fy) : b.CreateFMul(fx, fy);
            return { value: e.boxF64(r) };
          },
        }
      : undefined;
  return floatCase === undefined ? [intCase] : [intCase, floatCase];
}

function compareCases(e: FunctionLowering, inst: Inst, op: Compare): (FastCase & { kind: 'int' | 'float' })[] {
  const { b, pl } = e;
  const x = e.val(inst.args[0]!);
  const y = e.val(inst.args[1]!);
  const box = (c: LValue): LValue => b.CreateOr(b.CreateZExt(c, pl.i64), e.word(abi.FALSE));
  const icmp = (l: LValue, r: LValue): LValue => {
    switch (op) {
      case 'eq': return b.CreateICmpEQ(l, r);
      case 'ne': return b.CreateICmpNE(l, r);
      case 'lt': return b.CreateICmpSLT(l, r);
      case 'le': return b.CreateICmpSLE(l, r);
      case 'gt': return b.CreateICmpSGT(l, r);
      case 'ge': return b.CreateICmpSGE(l, r);
    }
  };
  const fcmp = (l: LValue, r: LValue): LValue => {
    switch (op) {
      case 'eq': return b.CreateFCmpOEQ(l, r);
      case 'ne': return b.CreateFCmpUNE(l, r);
      case 'lt': return b.CreateFCmpOLT(l, r);
      case 'le': return b.CreateFCmpOLE(l, r);
      case 'gt': return b.CreateFCmpOGT(l, r);
      case 'ge': return b.CreateFCmpOGE(l, r);
    }
  };
  return [
    { kind: 'int', test: () => bothInt(e, x, y), body: () => ({ value: box(icmp(e.sext48(x), e.sext48(y))) }) },
    { kind: 'float', test: () => bothFloat(e, x, y), body: () => ({ value: box(fcmp(b.CreateBitCast(x, pl.f64), b.CreateBitCast(y, pl.f64))) }) },
  ];
}

/** Unary minus: small ints (−2^47 overflows to a big int) and floats. */
function negCases(e: FunctionLowering, inst: Inst): (FastCase & { kind: 'int' | 'float' })[] {
  const { b, pl } = e;
  const x = e.val(inst.args[0]!);
  return [
    {
      kind: 'int',
      test: () => e.hasTag(x, abi.TAG_INT),
      body: () => {
        const r = b.CreateNeg(e.sext48(x));
        return { value: e.tagInt(r), fail: b.CreateNot(e.fitsSmall(r)) };
      },
    },
    { kind: 'float', test: () => e.isFloat(x), body: () => ({ value: e.boxF64(b.CreateFNeg(b.CreateBitCast(x, pl.f64))) }) },
  ];
}

/** `truthy`: bools and small ints by payload, None is false, the rest in the runtime. */
function truthy(e: FunctionLowering, inst: Inst, spec: OpSpec): LValue {
  const { b } = e;
  const x = e.val(inst.args[0]!);
  return withCases(e, inst, spec, [
    {
      test: () => b.CreateOr(e.hasTag(x, abi.TAG_INT), e.hasTag(x, abi.TAG_BOOL)),
      body: () => ({ value: b.CreateICmpNE(b.CreateAnd(x, e.word(abi.PAYLOAD_MASK)), e.word(0n)) }),
    },
    { test: () => b.CreateICmpEQ(x, e.word(abi.NONE)), body: () => ({ value: b.getFalse() }) },
  ]);
}

/**
 * `incref`/`decref`: heap pointers are counted inline, method words (which
 * own their function) through the runtime (lower.ts `countWord`).
 */
function refcount(e: FunctionLowering, inst: Inst): undefined {
  e.countWord(e.val(inst.args[0]!), inst.op === 'incref' ? 'inc' : 'dec', { method: 'rc.method', done: 'rc.done' });
  return undefined;
}

/** Continue in a new block `name` when `cond` holds, else (unlikely) branch to `slow`. */
function stepOrSlow(e: FunctionLowering, cond: LValue, slow: ReturnType<FunctionLowering['newBlock']>, name: string): void {
  const next = e.newBlock(name);
  e.b.CreateCondBr(e.unlikely(e.b.CreateNot(cond)), slow, next);
  e.b.SetInsertPoint(next);
}

/**
 * The address of item `index` of an exact list (or tuple when `tuple`) with
 * an in-range small-int index, negative indices counted from the end, and
 * the object's address (`base`); the branch to `slow` is taken for any
 * other operands.
 */
function itemAddress(
  e: FunctionLowering,
  obj: LValue,
  index: LValue,
  slow: ReturnType<FunctionLowering['newBlock']>,
  tuples: boolean,
): { addr: LValue; base: LValue } {
  const { b, pl } = e;
  const step = (cond: LValue, name: string): void => stepOrSlow(e, cond, slow, name);
  step(b.CreateAnd(e.hasTag(obj, abi.TAG_PTR), e.hasTag(index, abi.TAG_INT)), 'item.tags');
  const type = e.loadField(obj, layout.OBJ_TYPE);
  const isList = b.CreateICmpEQ(type, b.CreateLoad(pl.i64, pl.cell('list')));
  let lenOff: LValue;
  let itemsOff: LValue;
  if (tuples) {
    const isTuple = b.CreateICmpEQ(type, b.CreateLoad(pl.i64, pl.cell('tuple')));
    step(b.CreateOr(isList, isTuple), 'item.type');
    lenOff = b.CreateSelect(isList, e.word(BigInt(layout.LIST_LEN)), e.word(BigInt(layout.TUPLE_LEN)));
    itemsOff = b.CreateSelect(isList, e.word(BigInt(layout.LIST_ITEMS)), e.word(BigInt(layout.TUPLE_ITEMS)));
  } else {
    step(isList, 'item.type');
    lenOff = e.word(BigInt(layout.LIST_LEN));
    itemsOff = e.word(BigInt(layout.LIST_ITEMS));
  }
  const base = b.CreateAnd(obj, e.word(abi.PAYLOAD_MASK));
  const load = (off: LValue): LValue => b.CreateLoad(pl.i64, b.CreateIntToPtr(b.CreateAdd(base, off), pl.rt.i64p));
  const len = load(lenOff);
  const i0 = e.sext48(index);
  const i = b.CreateSelect(b.CreateICmpSLT(i0, e.word(0n)), b.CreateAdd(i0, len), i0);
  step(b.CreateICmpULT(i, len), 'item.inrange');
  const items = load(itemsOff);
  return { addr: b.CreateIntToPtr(b.CreateAdd(items, b.CreateShl(i, e.word(3n))), pl.rt.i64p), base };
}

/**
 * The end of an inline load (`item`, in the current block): the generic
 * lowering in `slow`, and a phi of the two in a new `<label>.done` block.
 */
function joinLoaded(e: FunctionLowering, inst: Inst, spec: OpSpec, item: LValue, slow: ReturnType<FunctionLowering['newBlock']>, label: string): LValue {
  const { b, pl } = e;
  const fastEnd = e.currentBlock;
  const done = e.newBlock(`${label}.done`);
  b.CreateBr(done);
  e.moveToRegionEnd(slow);
  b.SetInsertPoint(slow);
  const generic = e.lowerGeneric(inst, spec);
  if (generic === undefined) throw new InternalError(`'${inst.op}' has a result`);
  const slowEnd = e.currentBlock;
  b.CreateBr(done);
  e.moveToRegionEnd(done);
  b.SetInsertPoint(done);
  const phi = b.CreatePHI(pl.i64, 2, inst.result === undefined ? '' : `v${inst.result}`);
  phi.addIncoming(item, fastEnd);
  phi.addIncoming(generic, slowEnd);
  return phi;
}

/** `obj[i]` on an exact list or tuple with an in-range small int: a load (new reference). */
function getItem(e: FunctionLowering, inst: Inst, spec: OpSpec): LValue {
  const { b, pl } = e;
  const slow = e.newBlock('item.slow');
  const { addr } = itemAddress(e, e.val(inst.args[0]!), e.val(inst.args[1]!), slow, true);
  const item = b.CreateLoad(pl.i64, addr);
  e.increfInline(item);
  return joinLoaded(e, inst, spec, item, slow, 'item');
}

/**
 * `lst[i] = v` on an exact list with an in-range small int: a store. When
 * the list has the immediate-items header flag (specs/runtime-abi.md §2)
 * the old item holds no reference, so it is not loaded: an immediate value
 * is simply stored, any other value clears the flag first. Without the
 * flag the old item is loaded and released after the store.
 */
function setItem(e: FunctionLowering, inst: Inst, spec: OpSpec): undefined {
  const { b, pl } = e;
  const slow = e.newBlock('item.slow');
  const value = e.val(inst.args[2]!);
  const { addr, base } = itemAddress(e, e.val(inst.args[0]!), e.val(inst.args[1]!), slow, false);
  const flagsAddr = b.CreateIntToPtr(b.CreateAdd(base, e.word(BigInt(layout.OBJ_FLAGS))), pl.rt.i32p);
  const flags = b.CreateLoad(pl.i32, flagsAddr);
  const bit = llvm.ConstantInt.get(pl.i32, layout.OF_IMMEDIATE_ITEMS, false);
  const marked = b.CreateICmpNE(b.CreateAnd(flags, bit), llvm.ConstantInt.get(pl.i32, 0, false));
  const immediate = b.CreateNot(b.CreateOr(e.hasTag(value, abi.TAG_PTR), e.hasTag(value, abi.TAG_METHOD)));
  const plain = e.newBlock('item.plain');
  const other = e.newBlock('item.other');
  const unmark = e.newBlock('item.unmark');
  const counted = e.newBlock('item.counted');
  const done = e.newBlock('item.done');
  b.CreateCondBr(b.CreateAnd(marked, immediate), plain, other);
  b.SetInsertPoint(plain);
  b.CreateStore(value, addr);
  b.CreateBr(done);
  b.SetInsertPoint(other);
  b.CreateCondBr(marked, unmark, counted);
  b.SetInsertPoint(unmark);
  b.CreateStore(b.CreateAnd(flags, b.CreateNot(bit)), flagsAddr);
  e.increfInline(value);
  b.CreateStore(value, addr);
  b.CreateBr(done);
  b.SetInsertPoint(counted);
  const old = b.CreateLoad(pl.i64, addr);
  e.increfInline(value);
  b.CreateStore(value, addr);
  e.decrefInline(old);
  b.CreateBr(done);
  e.moveToRegionEnd(slow);
  b.SetInsertPoint(slow);
  e.lowerGeneric(inst, spec);
  b.CreateBr(done);
  e.moveToRegionEnd(done);
  b.SetInsertPoint(done);
  return undefined;
}

/**
 * `iter.next` of a list iterator whose list still has an item at its index:
 * the item (new reference), and the index moves on. Everything else (other
 * iterators, the end of the list, which releases the list) is the runtime's.
 */
function listIterNext(e: FunctionLowering, inst: Inst, spec: OpSpec): LValue {
  const { b, pl } = e;
  const it = e.val(inst.args[0]!);
  const slow = e.newBlock('next.slow');
  const step = (cond: LValue, name: string): void => stepOrSlow(e, cond, slow, name);
  step(e.hasTag(it, abi.TAG_PTR), 'next.tag');
  step(b.CreateICmpEQ(e.loadField(it, layout.OBJ_TYPE), b.CreateLoad(pl.i64, pl.cell('listiter'))), 'next.type');
  const seq = e.loadField(it, layout.LIST_ITER_SEQ);
  step(b.CreateICmpNE(seq, e.word(0n)), 'next.live');
  const base = b.CreateAnd(it, e.word(abi.PAYLOAD_MASK));
  const indexAddr = b.CreateIntToPtr(b.CreateAdd(base, e.word(BigInt(layout.LIST_ITER_INDEX))), pl.rt.i64p);
  const index = b.CreateLoad(pl.i64, indexAddr);
  step(b.CreateICmpULT(index, e.loadField(seq, layout.LIST_LEN)), 'next.inrange');
  const items = e.loadField(seq, layout.LIST_ITEMS);
  const item = b.CreateLoad(pl.i64, b.CreateIntToPtr(b.CreateAdd(items, b.CreateShl(index, e.word(3n))), pl.rt.i64p));
  b.CreateStore(b.CreateAdd(index, e.word(1n)), indexAddr);
  e.increfInline(item);
  return joinLoaded(e, inst, spec, item, slow, 'next');
}
