// lowerExpr.ts — lowering of expressions and of name access (load, store,
// delete per the scope's symbol kinds), assignment targets, calls and
// f-strings. Neighbours: context.ts (FnCtx), lowerFunction.ts (lambdas,
// comprehensions, generators' yield), lowerStmt.ts (statements).

import type { ValueId } from '@molt/ir';
import type { ConstValue, Expr, Keyword } from './ast.js';
import type { FnCtx } from './context.js';
import { Codes } from './diagnostics.js';
import { lowerComprehension, lowerLambda, lowerYield, lowerYieldFrom, lowerAwait } from './lowerFunction.js';
import { containsSuspend } from './scope.js';

const OUTSIDE_CONTRACT = new Set(['eval', 'exec', 'compile']);

// ---- names ------------------------------------------------------------------------

function classCtx(ctx: FnCtx) {
  return ctx.classes[ctx.classes.length - 1]!;
}

/** The storage of a cell for a cell/free name of the current IR function. */
export function cellStorage(ctx: FnCtx, name: string): ValueId {
  if (name === '__class__') {
    for (let i = ctx.classes.length - 1; i >= 0; i--) {
      const c = ctx.classes[i]!;
      if (c.classCell !== undefined) return ctx.load(c.classCell);
    }
  }
  return ctx.load(ctx.storage(`C:${name}`));
}

export function loadName(ctx: FnCtx, name: string): ValueId {
  const sym = ctx.cur.symbol(name);
  switch (sym) {
    case 'local': {
      const v = ctx.load(ctx.storage(`L:${name}`));
      ctx.checkBound(v, name);
      return v;
    }
    case 'cell':
    case 'free':
      if (ctx.cur.kind === 'class' && name === '__class__') return ctx.v('cell.get', [cellStorage(ctx, name), ctx.str(name)]);
      return ctx.v('cell.get', [cellStorage(ctx, name), ctx.str(name)]);
    case 'classLocal':
    case 'globalImplicit':
      if (ctx.cur.kind === 'class') return ctx.v('class.lookup', [ctx.load(classCtx(ctx).ns), ctx.globals, ctx.str(name)]);
      return ctx.v('global.get', [ctx.globals, ctx.str(name)]);
    case 'global':
      return ctx.v('global.get', [ctx.globals, ctx.str(name)]);
  }
}

export function storeName(ctx: FnCtx, name: string, v: ValueId): void {
  const sym = ctx.cur.symbol(name);
  switch (sym) {
    case 'local': ctx.store(ctx.storage(`L:${name}`), v); return;
    case 'cell': case 'free': ctx.ins('cell.set', [cellStorage(ctx, name), v]); return;
    case 'classLocal': ctx.ins('setitem', [ctx.load(classCtx(ctx).ns), ctx.str(name), v]); return;
    case 'global': case 'globalImplicit': ctx.ins('global.set', [ctx.globals, ctx.str(name), v]); return;
  }
}

export function deleteName(ctx: FnCtx, name: string): void {
  const sym = ctx.cur.symbol(name);
  switch (sym) {
    case 'local': {
      const st = ctx.storage(`L:${name}`);
      ctx.checkBound(ctx.load(st), name);
      ctx.store(st, ctx.v('const.unbound'));
      return;
    }
    case 'cell': case 'free': {
      const c = cellStorage(ctx, name);
      ctx.v('cell.get', [c, ctx.str(name)]);
      ctx.ins('cell.set', [c, ctx.v('const.unbound')]);
      return;
    }
    case 'classLocal': ctx.ins('delitem', [ctx.load(classCtx(ctx).ns), ctx.str(name)]); return;
    case 'global': case 'globalImplicit': ctx.ins('global.del', [ctx.globals, ctx.str(name)]); return;
  }
}

// ---- constants ----------------------------------------------------------------------

export function lowerConst(ctx: FnCtx, c: ConstValue): ValueId {
  switch (c.kind) {
    case 'none': return ctx.none();
    case 'bool': return ctx.v('const.bool', [], [c.value]);
    case 'int': return ctx.v('const.int', [], [c.value]);
    case 'float': return ctx.v('const.float', [], [c.value]);
    case 'complex': return ctx.v('const.complex', [], [c.imag]);
    case 'str': return ctx.str(c.value);
    case 'bytes': return ctx.v('const.bytes', [], [c.value]);
    case 'ellipsis': return ctx.v('const.ellipsis');
  }
}

// ---- expressions --------------------------------------------------------------------

/** Evaluate expressions left to right, keeping earlier results alive across suspensions. */
export function lowerAll(ctx: FnCtx, exprs: Expr[]): ValueId[] {
  const getters: (() => ValueId)[] = [];
  exprs.forEach((e, i) => {
    const v = lowerExpr(ctx, e);
    getters.push(ctx.hold(v, exprs.slice(i + 1).some(containsSuspend)));
  });
  return getters.map((g) => g());
}

/** Lower a condition to an unboxed bool. */
export function lowerCond(ctx: FnCtx, e: Expr): ValueId {
  if (e.kind === 'UnaryOp' && e.op === 'not') return ctx.v('bnot', [lowerCond(ctx, e.operand)]);
  if (e.kind === 'Constant' && e.value.kind === 'bool') return ctx.v('bconst', [], [e.value.value]);
  if (e.kind === 'Compare' && e.ops.length === 1 && ['is', 'isnot', 'in', 'notin'].includes(e.ops[0]!)) {
    // Identity and membership tests are unboxed booleans already: no box.bool + truthy.
    const [a, b] = lowerAll(ctx, [e.left, e.comparators[0]!]);
    ctx.setLoc(e.loc);
    const op = e.ops[0]!;
    const r = op === 'is' || op === 'isnot' ? ctx.v('is', [a!, b!]) : ctx.v('contains', [b!, a!]);
    return op === 'isnot' || op === 'notin' ? ctx.v('bnot', [r]) : r;
  }
  if (e.kind === 'BoolOp' && !e.values.some(containsSuspend)) {
    // Short-circuit on unboxed booleans: the result is a bool block parameter.
    const done = ctx.b.createBlock();
    const result = ctx.b.appendBlockParam(done, 'bool');
    e.values.forEach((ve, i) => {
      const c = lowerCond(ctx, ve);
      if (i === e.values.length - 1) {
        ctx.b.jump(done, [c]);
        return;
      }
      const next = ctx.b.createBlock();
      if (e.op === 'and') ctx.b.brif(c, next, done, [], [c]);
      else ctx.b.brif(c, done, next, [c], []);
      ctx.b.sealBlock(next);
      ctx.b.switchToBlock(next);
    });
    ctx.b.sealBlock(done);
    ctx.b.switchToBlock(done);
    return result;
  }
  return ctx.v('truthy', [lowerExpr(ctx, e)]);
}

export function lowerExpr(ctx: FnCtx, e: Expr): ValueId {
  ctx.setLoc(e.loc);
  switch (e.kind) {
    case 'Name': return loadName(ctx, e.id);
    case 'Constant': return lowerConst(ctx, e.value);
    case 'JoinedStr': {
      const parts = lowerAll(ctx, e.values);
      ctx.setLoc(e.loc);
      if (parts.length === 0) return ctx.str('');
      if (parts.length === 1 && e.values[0]!.kind === 'FormattedValue') return parts[0]!;
      return ctx.v('str.concat', parts);
    }
    case 'FormattedValue': {
      let v = lowerExpr(ctx, e.value);
      if (e.conversion !== undefined) v = ctx.v({ r: 'repr', s: 'str', a: 'ascii' }[e.conversion], [v]);
      const keep = ctx.hold(v, containsSuspend(e.formatSpec));
      const spec = e.formatSpec === undefined ? ctx.str('') : lowerExpr(ctx, e.formatSpec);
      ctx.setLoc(e.loc);
      return ctx.v('format', [keep(), spec]);
    }
    case 'BinOp': {
      const [l, r] = lowerAll(ctx, [e.left, e.right]);
      ctx.setLoc(e.loc);
      return ctx.v(e.op, [l!, r!]);
    }
    case 'UnaryOp': {
      if (e.op === 'not') return ctx.v('box.bool', [ctx.v('bnot', [lowerCond(ctx, e.operand)])]);
      const v = lowerExpr(ctx, e.operand);
      ctx.setLoc(e.loc);
      return ctx.v(e.op, [v]);
    }
    case 'BoolOp': {
      const res = ctx.newTemp();
      const done = ctx.b.createBlock();
      e.values.forEach((ve, i) => {
        const v = lowerExpr(ctx, ve);
        ctx.store(res, v);
        if (i === e.values.length - 1) {
          ctx.b.jump(done);
          return;
        }
        const t = ctx.v('truthy', [v]);
        const next = ctx.b.createBlock();
        if (e.op === 'and') ctx.b.brif(t, next, done);
        else ctx.b.brif(t, done, next);
        ctx.b.sealBlock(next);
        ctx.b.switchToBlock(next);
      });
      ctx.b.sealBlock(done);
      ctx.b.switchToBlock(done);
      return ctx.load(res);
    }
    case 'Compare': return lowerCompare(ctx, e.left, e.ops, e.comparators);
    case 'IfExp': {
      const res = ctx.newTemp();
      const c = lowerCond(ctx, e.test);
      const tb = ctx.b.createBlock();
      const fb = ctx.b.createBlock();
      const done = ctx.b.createBlock();
      ctx.b.brif(c, tb, fb);
      ctx.b.sealBlock(tb);
      ctx.b.sealBlock(fb);
      ctx.b.switchToBlock(tb);
      ctx.store(res, lowerExpr(ctx, e.body));
      ctx.b.jump(done);
      ctx.b.switchToBlock(fb);
      ctx.store(res, lowerExpr(ctx, e.orelse));
      ctx.b.jump(done);
      ctx.b.sealBlock(done);
      ctx.b.switchToBlock(done);
      return ctx.load(res);
    }
    case 'Attribute': {
      const o = lowerExpr(ctx, e.value);
      ctx.setLoc(e.loc);
      return ctx.v('getattr', [o, ctx.str(e.attr)]);
    }
    case 'Subscript': {
      const [o, k] = lowerAll(ctx, [e.value, e.slice]);
      ctx.setLoc(e.loc);
      return ctx.v('getitem', [o!, k!]);
    }
    case 'Slice': {
      const parts = [e.lower, e.upper, e.step];
      const present = parts.filter((p): p is Expr => p !== undefined);
      const vals = lowerAll(ctx, present);
      let i = 0;
      const args = parts.map((p) => (p === undefined ? ctx.none() : vals[i++]!));
      return ctx.v('slice.new', args);
    }
    case 'Tuple': {
      if (!e.elts.some((x) => x.kind === 'Starred')) return ctx.v('tuple.new', lowerAll(ctx, e.elts));
      return ctx.v('list.to_tuple', [buildList(ctx, e.elts)]);
    }
    case 'List': return buildList(ctx, e.elts);
    case 'Set': {
      if (!e.elts.some((x) => x.kind === 'Starred')) return ctx.v('set.new', lowerAll(ctx, e.elts));
      const s = ctx.newTemp();
      ctx.store(s, ctx.v('set.new'));
      for (const x of e.elts) {
        const v = lowerExpr(ctx, x.kind === 'Starred' ? x.value : x);
        ctx.ins(x.kind === 'Starred' ? 'set.update' : 'set.add', [ctx.load(s), v]);
      }
      return ctx.load(s);
    }
    case 'Dict': {
      if (!e.keys.some((k) => k === undefined)) {
        const flat: Expr[] = [];
        e.keys.forEach((k, i) => flat.push(k!, e.values[i]!));
        return ctx.v('dict.new', lowerAll(ctx, flat));
      }
      const d = ctx.newTemp();
      ctx.store(d, ctx.v('dict.new'));
      e.keys.forEach((k, i) => {
        if (k === undefined) {
          const m = lowerExpr(ctx, e.values[i]!);
          ctx.ins('dict.update', [ctx.load(d), m]);
        } else {
          const [kv, vv] = lowerAll(ctx, [k, e.values[i]!]);
          ctx.ins('setitem', [ctx.load(d), kv!, vv!]);
        }
      });
      return ctx.load(d);
    }
    case 'Starred':
      ctx.m.diags.error(Codes.invalidTarget, "can't use starred expression here", e.loc);
      return ctx.none();
    case 'Call': return lowerCall(ctx, e.func, e.args, e.keywords, e);
    case 'NamedExpr': {
      const v = lowerExpr(ctx, e.value);
      if (e.target.kind === 'Name') storeName(ctx, e.target.id, v);
      return v;
    }
    case 'Lambda': return lowerLambda(ctx, e);
    case 'ListComp': case 'SetComp': case 'DictComp': case 'GeneratorExp': return lowerComprehension(ctx, e);
    case 'Yield': return lowerYield(ctx, e);
    case 'YieldFrom': return lowerYieldFrom(ctx, e);
    case 'Await': return lowerAwait(ctx, e);
  }
}

function buildList(ctx: FnCtx, elts: Expr[]): ValueId {
  if (!elts.some((x) => x.kind === 'Starred')) return ctx.v('list.new', lowerAll(ctx, elts));
  const l = ctx.newTemp();
  ctx.store(l, ctx.v('list.new'));
  for (const x of elts) {
    const v = lowerExpr(ctx, x.kind === 'Starred' ? x.value : x);
    ctx.ins(x.kind === 'Starred' ? 'list.extend' : 'list.append', [ctx.load(l), v]);
  }
  return ctx.load(l);
}

const CMP_OPS: Record<string, string> = { eq: 'eq', ne: 'ne', lt: 'lt', le: 'le', gt: 'gt', ge: 'ge' };

/** One comparison `a op b` as an object. */
export function compareOnce(ctx: FnCtx, op: string, a: ValueId, b: ValueId): ValueId {
  switch (op) {
    case 'is': return ctx.v('box.bool', [ctx.v('is', [a, b])]);
    case 'isnot': return ctx.v('box.bool', [ctx.v('bnot', [ctx.v('is', [a, b])])]);
    case 'in': return ctx.v('box.bool', [ctx.v('contains', [b, a])]);
    case 'notin': return ctx.v('box.bool', [ctx.v('bnot', [ctx.v('contains', [b, a])])]);
    default: return ctx.v(CMP_OPS[op]!, [a, b]);
  }
}

function lowerCompare(ctx: FnCtx, left: Expr, ops: string[], comps: Expr[]): ValueId {
  if (ops.length === 1) {
    const [a, b] = lowerAll(ctx, [left, comps[0]!]);
    return compareOnce(ctx, ops[0]!, a!, b!);
  }
  // a < b < c: evaluate b once; stop at the first false result.
  const res = ctx.newTemp();
  const done = ctx.b.createBlock();
  let lhs = ctx.newTemp();
  ctx.store(lhs, lowerExpr(ctx, left));
  ops.forEach((op, i) => {
    const rhs = lowerExpr(ctx, comps[i]!);
    const rt = ctx.newTemp();
    ctx.store(rt, rhs);
    const r = compareOnce(ctx, op, ctx.load(lhs), rhs);
    ctx.store(res, r);
    if (i === ops.length - 1) {
      ctx.b.jump(done);
      return;
    }
    const next = ctx.b.createBlock();
    ctx.b.brif(ctx.v('truthy', [r]), next, done);
    ctx.b.sealBlock(next);
    ctx.b.switchToBlock(next);
    lhs = rt;
  });
  ctx.b.sealBlock(done);
  ctx.b.switchToBlock(done);
  return ctx.load(res);
}

// ---- calls ----------------------------------------------------------------------------

function isSimpleCall(args: Expr[], keywords: Keyword[]): boolean {
  return !args.some((a) => a.kind === 'Starred') && !keywords.some((k) => k.arg === undefined);
}

export function lowerCall(ctx: FnCtx, func: Expr, args: Expr[], keywords: Keyword[], call: Expr): ValueId {
  if (func.kind === 'Name' && OUTSIDE_CONTRACT.has(func.id) && ctx.cur.symbol(func.id) !== 'local') {
    ctx.m.diags.error(Codes.outsideContract, `'${func.id}()' of source code is outside Molt's ahead-of-time contract`, call.loc, 'Molt compiles the whole program ahead of time; run dynamic code with CPython.');
  }
  if (func.kind === 'Name' && func.id === 'super' && args.length === 0 && keywords.length === 0 && ctx.cur.isFunctionLike && ctx.cur.symbol('super') !== 'local') {
    return lowerZeroArgSuper(ctx, call);
  }
  const simple = isSimpleCall(args, keywords);
  if (simple) {
    const kwValues = keywords.map((k) => k.value);
    if (func.kind === 'Attribute') {
      const vals = lowerAll(ctx, [func.value, ...args, ...kwValues]);
      ctx.setLoc(call.loc);
      const [obj, ...rest] = vals;
      if (keywords.length === 0) return ctx.v('callmethod', [obj!, ctx.str(func.attr), ...rest]);
      return ctx.v('callmethod.kw', [obj!, ctx.str(func.attr), kwnames(ctx, keywords), ...rest]);
    }
    const vals = lowerAll(ctx, [func, ...args, ...kwValues]);
    ctx.setLoc(call.loc);
    const [f, ...rest] = vals;
    if (keywords.length === 0) return ctx.v('call', [f!, ...rest]);
    return ctx.v('call.kw', [f!, kwnames(ctx, keywords), ...rest]);
  }
  // General form: f(*args, **kwargs).
  const f = ctx.newTemp();
  ctx.store(f, lowerExpr(ctx, func));
  const lst = ctx.newTemp();
  ctx.store(lst, ctx.v('list.new'));
  for (const a of args) {
    const v = lowerExpr(ctx, a.kind === 'Starred' ? a.value : a);
    ctx.ins(a.kind === 'Starred' ? 'list.extend' : 'list.append', [ctx.load(lst), v]);
  }
  let kw: ValueId;
  if (keywords.length === 0) kw = ctx.none();
  else {
    const d = ctx.newTemp();
    ctx.store(d, ctx.v('dict.new'));
    for (const k of keywords) {
      const v = lowerExpr(ctx, k.value);
      if (k.arg === undefined) ctx.ins('dict.merge_kw', [ctx.load(d), v, ctx.load(f)]);
      else ctx.ins('dict.merge_kw', [ctx.load(d), ctx.v('dict.new', [ctx.str(k.arg), v]), ctx.load(f)]);
    }
    kw = ctx.load(d);
  }
  ctx.setLoc(call.loc);
  const tup = ctx.v('list.to_tuple', [ctx.load(lst)]);
  return ctx.v('call.ex', [ctx.load(f), tup, kw]);
}

function kwnames(ctx: FnCtx, keywords: Keyword[]): ValueId {
  return ctx.v('tuple.new', keywords.map((k) => ctx.str(k.arg!)));
}

function lowerZeroArgSuper(ctx: FnCtx, call: Expr): ValueId {
  const scope = ctx.cur;
  const first = scope.params[0];
  if (first === undefined || !scope.freeVars.includes('__class__')) {
    // CPython raises at run time.
    ctx.raiseIf(ctx.v('bconst', [], [true]), 'RuntimeError', first === undefined ? 'super(): no arguments' : 'super(): __class__ cell not found');
    return ctx.none();
  }
  const sup = ctx.v('global.get', [ctx.globals, ctx.str('super')]);
  const cls = ctx.v('cell.get', [cellStorage(ctx, '__class__'), ctx.str('__class__')]);
  const self = loadName(ctx, first);
  ctx.setLoc(call.loc);
  return ctx.v('call', [sup, cls, self]);
}

// ---- assignment targets ----------------------------------------------------------------

/** Store `v` into an assignment target. */
export function assignTo(ctx: FnCtx, t: Expr, v: ValueId): void {
  ctx.setLoc(t.loc);
  switch (t.kind) {
    case 'Name': storeName(ctx, t.id, v); return;
    case 'Attribute': {
      const keep = ctx.hold(v, containsSuspend(t.value));
      const o = lowerExpr(ctx, t.value);
      ctx.ins('setattr', [o, ctx.str(t.attr), keep()]);
      return;
    }
    case 'Subscript': {
      const keep = ctx.hold(v, containsSuspend(t.value) || containsSuspend(t.slice));
      const [o, k] = lowerAll(ctx, [t.value, t.slice]);
      ctx.ins('setitem', [o!, k!, keep()]);
      return;
    }
    case 'Tuple':
    case 'List': {
      const star = t.elts.findIndex((x) => x.kind === 'Starred');
      let parts: ValueId;
      if (star < 0) parts = ctx.v('unpack.seq', [v], [t.elts.length]);
      else parts = ctx.v('unpack.ex', [v], [star, t.elts.length - star - 1]);
      const tmp = ctx.newTemp();
      ctx.store(tmp, parts);
      t.elts.forEach((x, i) => {
        const item = ctx.v('tuple.get', [ctx.load(tmp)], [i]);
        assignTo(ctx, x.kind === 'Starred' ? x.value : x, item);
      });
      return;
    }
    case 'Starred':
      ctx.m.diags.error(Codes.invalidTarget, 'starred assignment target must be in a list or tuple', t.loc);
      return;
    default:
      ctx.m.diags.error(Codes.invalidTarget, `cannot assign to ${describe(t)}`, t.loc);
  }
}

export function describe(e: Expr): string {
  switch (e.kind) {
    case 'Call': return 'function call';
    case 'Constant': return 'literal';
    case 'BinOp': case 'UnaryOp': return 'expression';
    case 'Compare': return 'comparison';
    default: return 'expression';
  }
}
