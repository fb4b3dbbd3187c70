// lowerExpr.ts — lowering of expressions and of name access (load, store,
// delete per the scope's symbol kinds), assignment targets, calls and
// f-strings. Neighbours: context.ts (FnCtx), lowerFunction.ts (lambdas,
// comprehensions, generators' yield), lowerStmt.ts (statements).

import type { ValueId } from '@molt/ir';
import type { Arguments, ConstValue, Expr, Keyword } from './ast.js';
import type { FnCtx } from './context.js';
import { Codes } from './diagnostics.js';
import { lowerComprehension, lowerLambda, lowerYield, lowerYieldFrom, lowerAwait } from './lowerFunction.js';
import { containsSuspend, type Scope } from './scope.js';

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
  if (!ctx.isResume) return exprs.map((e) => lowerExpr(ctx, e)); // nothing suspends: no value needs holding
  // suspendsAfter[i]: an expression after exprs[i] may suspend.
  const suspendsAfter: boolean[] = [];
  for (let i = exprs.length - 1, later = false; i >= 0; i--) {
    suspendsAfter[i] = later;
    later ||= containsSuspend(exprs[i]);
  }
  const getters = exprs.map((e, i) => ctx.hold(lowerExpr(ctx, e), suspendsAfter[i]!));
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
      if (e.elts.length >= 3 && e.elts.every(isFoldedConstant)) return ctx.v('set.new_const', lowerAll(ctx, e.elts));
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

/** An expression CPython's AST optimizer folds to a constant: a literal, a sign on one, a tuple of them. */
function isFoldedConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'Constant': return true;
    case 'UnaryOp': return e.op !== 'not' && e.operand.kind === 'Constant' && ['int', 'float', 'complex', 'bool'].includes(e.operand.value.kind);
    case 'Tuple': return e.elts.every(isFoldedConstant);
    default: return false;
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
  if (func.kind === 'Name' && INTROSPECTION.has(func.id) && args.length === 0 && keywords.length === 0) {
    const sym = ctx.cur.symbol(func.id);
    if (sym === 'global' || sym === 'globalImplicit') return lowerIntrospection(ctx, func.id, call);
  }
  const simple = isSimpleCall(args, keywords);
  if (simple) {
    const kwValues = keywords.map((k) => k.value);
    if (func.kind === 'Attribute') return lowerMethodCall(ctx, func, args, keywords, call);
    const vals = lowerAll(ctx, [func, ...args, ...kwValues]);
    ctx.setLoc(call.loc);
    const [f, ...rest] = vals;
    if (keywords.length === 0) return ctx.v('call', [f!, ...rest]);
    return ctx.v('call.kw', [f!, kwnames(ctx, keywords), ...rest]);
  }
  // General form: f(*args, **kwargs). A lone `*x` is passed as is, as CPython does: `call.ex` turns
  // it into a tuple after the keywords are evaluated, naming the callee when `x` is not iterable.
  const f = ctx.newTemp();
  ctx.store(f, lowerExpr(ctx, func));
  const lst = ctx.newTemp();
  const lone = args.length === 1 && args[0]!.kind === 'Starred' ? args[0]!.value : undefined;
  if (lone !== undefined) ctx.store(lst, lowerExpr(ctx, lone));
  else {
    ctx.store(lst, ctx.v('list.new'));
    for (const a of args) {
      const v = lowerExpr(ctx, a.kind === 'Starred' ? a.value : a);
      ctx.ins(a.kind === 'Starred' ? 'list.extend' : 'list.append', [ctx.load(lst), v]);
    }
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
  const tup = lone !== undefined ? ctx.load(lst) : ctx.v('list.to_tuple', [ctx.load(lst)]);
  return ctx.v('call.ex', [ctx.load(f), tup, kw]);
}

/**
 * `o.m(args)` in CPython's order: `o`, then the method lookup, then the arguments. `method.load`
 * may return a METHOD word, which must not be stored in a generator slot; when an argument may
 * suspend, the lookup is a plain `getattr` (a bound method) held across the suspension instead.
 */
function lowerMethodCall(ctx: FnCtx, func: Extract<Expr, { kind: 'Attribute' }>, args: Expr[], keywords: Keyword[], call: Expr): ValueId {
  const kwValues = keywords.map((k) => k.value);
  const rest = [...args, ...kwValues];
  const obj = lowerExpr(ctx, func.value);
  ctx.setLoc(func.loc);
  if (rest.some(containsSuspend)) {
    const keep = ctx.hold(ctx.v('getattr', [obj, ctx.str(func.attr)]), true);
    const vals = lowerAll(ctx, rest);
    ctx.setLoc(call.loc);
    if (keywords.length === 0) return ctx.v('call', [keep(), ...vals]);
    return ctx.v('call.kw', [keep(), kwnames(ctx, keywords), ...vals]);
  }
  const m = ctx.v('method.load', [obj, ctx.str(func.attr)]);
  const vals = lowerAll(ctx, rest);
  ctx.setLoc(call.loc);
  if (keywords.length === 0) return ctx.v('method.call', [m, obj, ...vals]);
  return ctx.v('method.call.kw', [m, obj, kwnames(ctx, keywords), ...vals]);
}

// ---- globals(), locals(), vars(), dir() -----------------------------------------------------

/** Builtins without arguments that read the calling frame: the frontend knows the frame, the runtime does not. */
const INTROSPECTION = new Set(['globals', 'locals', 'vars', 'dir']);

/**
 * `globals()`, `locals()`, `vars()` or `dir()` with no arguments. The name is looked up as usual; when
 * it is the builtin, the result is built here from the frame, else the value found is called.
 */
function lowerIntrospection(ctx: FnCtx, name: string, call: Expr): ValueId {
  const f = loadName(ctx, name);
  ctx.setLoc(call.loc);
  const res = ctx.newTemp();
  const isBuiltin = ctx.v('is', [f, ctx.v('builtin', [ctx.str(name)])]);
  const special = ctx.b.createBlock();
  const generic = ctx.b.createBlock();
  const done = ctx.b.createBlock();
  ctx.b.brif(isBuiltin, special, generic);
  ctx.b.sealBlock(special);
  ctx.b.sealBlock(generic);
  ctx.b.switchToBlock(generic);
  ctx.store(res, ctx.v('call', [f]));
  ctx.b.jump(done);
  ctx.b.switchToBlock(special);
  let v: ValueId;
  if (name === 'globals') v = ctx.globals;
  else {
    v = frameLocals(ctx);
    if (name === 'dir') v = ctx.v('call', [ctx.v('builtin', [ctx.str('sorted')]), v]);
  }
  ctx.store(res, v);
  ctx.b.jump(done);
  ctx.b.sealBlock(done);
  ctx.b.switchToBlock(done);
  return ctx.load(res);
}

/**
 * What `locals()` returns: the globals dict at module level, the namespace in a class body. In a
 * function, CPython 3.12 returns the frame's one locals dict, refreshed on each call: bound local,
 * cell and free variables are set, unbound ones removed. Its order is CPython's: parameters
 * (positional, keyword-only, `*args`, `**kwargs`), other locals in order of appearance, then cells
 * and free variables sorted by name.
 */
function frameLocals(ctx: FnCtx): ValueId {
  const scope = ctx.cur;
  if (scope.kind === 'module') return ctx.globals;
  if (scope.kind === 'class') return ctx.load(classCtx(ctx).ns);
  const params = paramOrder(scope);
  const locals = [...scope.bound].filter((n) => !params.includes(n) && !n.startsWith('.') && scope.symbol(n) === 'local');
  const cells = [...scope.cellVars].filter((n) => !params.includes(n)).sort();
  const frees = [...scope.freeVars].sort();
  const st = ctx.storage('F:locals');
  const old = ctx.load(st);
  const made = ctx.b.createBlock();
  const ready = ctx.b.createBlock();
  ctx.b.brif(ctx.v('unbound.is', [old]), made, ready);
  ctx.b.sealBlock(made);
  ctx.b.switchToBlock(made);
  ctx.store(st, ctx.v('dict.new'));
  ctx.b.jump(ready);
  ctx.b.sealBlock(ready);
  ctx.b.switchToBlock(ready);
  const d = ctx.load(st);
  for (const n of [...params, ...locals, ...cells, ...frees]) {
    const v = scope.symbol(n) === 'local' ? ctx.load(ctx.storage(`L:${n}`)) : ctx.v('cell.peek', [cellStorage(ctx, n)]);
    const set = ctx.b.createBlock();
    const drop = ctx.b.createBlock();
    const next = ctx.b.createBlock();
    ctx.b.brif(ctx.v('unbound.is', [v]), drop, set);
    ctx.b.sealBlock(set);
    ctx.b.sealBlock(drop);
    ctx.b.switchToBlock(set);
    ctx.ins('setitem', [d, ctx.str(n), v]);
    ctx.b.jump(next);
    ctx.b.switchToBlock(drop);
    const pop = ctx.v('method.load', [d, ctx.str('pop')]);
    ctx.v('method.call', [pop, d, ctx.str(n), ctx.none()]);
    ctx.b.jump(next);
    ctx.b.sealBlock(next);
    ctx.b.switchToBlock(next);
  }
  return d;
}

/** The parameters of a function scope in `co_varnames` order (hidden ones such as `.0` left out). */
function paramOrder(scope: Scope): string[] {
  const node = scope.node as { kind?: string; args?: Arguments };
  const a = node.args;
  if ((node.kind === 'FunctionDef' || node.kind === 'Lambda') && a !== undefined) {
    const names = [...a.posonly, ...a.args, ...a.kwonly].map((p) => p.name);
    if (a.vararg !== undefined) names.push(a.vararg.name);
    if (a.kwarg !== undefined) names.push(a.kwarg.name);
    return names;
  }
  return scope.params.filter((n) => !n.startsWith('.'));
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
