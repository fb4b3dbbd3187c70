// lowerFunction.ts — functions, lambdas and comprehensions: creation of
// the function object where the definition executes (defaults, closure,
// annotations, decorators), the IR function for its body, and generators
// and coroutines (a creator plus a resume function with slots, `yield`,
// `yield from`, `await`). Neighbours: context.ts, lowerExpr.ts, lowerStmt.ts.

import type { BlockId, ParamKind, PyCodeInfo, PyParam, ValueId } from '@molt/ir';
import type { Arguments, Comprehension, Expr, FunctionDef, TypeAlias, TypeParam } from './ast.js';
import { plainLocals } from './plainLocals.js';
import { FnCtx } from './context.js';
import { assignTo, cellStorage, loadName, lowerAll, lowerCond, lowerExpr, storeName } from './lowerExpr.js';
import { lowerBody } from './lowerStmt.js';
import type { Scope } from './scope.js';

type CompExpr = Extract<Expr, { kind: 'ListComp' | 'SetComp' | 'GeneratorExp' | 'DictComp' }>;

function pyParams(a: Arguments): PyParam[] {
  const out: PyParam[] = [];
  const push = (name: string, kind: ParamKind): void => {
    out.push({ name, kind });
  };
  for (const p of a.posonly) push(p.name, 'posonly');
  for (const p of a.args) push(p.name, 'normal');
  if (a.vararg) push(a.vararg.name, 'varargs');
  for (const p of a.kwonly) push(p.name, 'kwonly');
  if (a.kwarg) push(a.kwarg.name, 'varkw');
  return out;
}

/** Build the closure tuple for a child scope from the current function's cells. */
function closureTuple(ctx: FnCtx, child: Scope): ValueId {
  if (child.freeVars.length === 0) return ctx.none();
  return ctx.v('tuple.new', child.freeVars.map((n) => cellStorage(ctx, n)));
}

/** `def` statement: returns the decorated function object. */
export function lowerFunctionDef(ctx: FnCtx, def: FunctionDef): ValueId {
  const scope = ctx.m.scopes.of(def);
  const decos = decoratorHolders(ctx, def.decorators);
  const body = (f: FnCtx): void => lowerBody(f, def.body);
  if (def.typeParams === undefined) return applyDecorators(ctx, decos, setDocstring(ctx, def, makeFunction(ctx, scope, def.args, def.name, def.loc.line, def.returns, body)));
  // PEP 695: defaults are evaluated here and passed to the annotation scope, which creates the
  // type parameters, evaluates the annotations, creates the function and sets `__type_params__`.
  const { defaults, kwdefaults } = lowerDefaults(ctx, def.args);
  const keepDefaults = ctx.hold(defaults, true);
  const kw = ctx.hold(kwdefaults, true);
  const tpScope = ctx.m.scopes.of(def.typeParams);
  const tps = def.typeParams;
  const params: PyParam[] = [{ name: '.defaults', kind: 'posonly' }, { name: '.kwdefaults', kind: 'posonly' }];
  const fn = callAnnotationScope(ctx, tpScope, def.loc.line, params, [keepDefaults(), kw()], (f) => {
    const tuple = f.hold(lowerTypeParams(f, tps), true);
    const given = { defaults: loadName(f, '.defaults'), kwdefaults: loadName(f, '.kwdefaults') };
    const inner = setDocstring(f, def, makeFunction(f, scope, def.args, def.name, def.loc.line, def.returns, body, given));
    const keep = f.hold(inner, false);
    f.ins('setattr', [keep(), f.str('__type_params__'), tuple()]);
    emitReturn(f, keep());
  });
  return applyDecorators(ctx, decos, fn);
}

/** Set `__doc__` of a new function whose body opens with a string literal (before any decorator sees it). */
function setDocstring(ctx: FnCtx, def: FunctionDef, fn: ValueId): ValueId {
  const first = def.body[0];
  if (first?.kind !== 'Expr' || first.value.kind !== 'Constant' || first.value.value.kind !== 'str') return fn;
  ctx.ins('setattr', [fn, ctx.str('__doc__'), ctx.str(first.value.value.value)]);
  return fn;
}

/** Compile a PEP 695 annotation scope as a function and call it here with `args`. */
export function callAnnotationScope(ctx: FnCtx, scope: Scope, line: number, params: PyParam[], args: ValueId[], body: (f: FnCtx) => void): ValueId {
  const keepArgs = args.map((a) => ctx.hold(a, false));
  const code = emitFunction(ctx, scope, scope.name, line, params, body);
  const fnObj = ctx.b.value('func.new', [ctx.none(), ctx.none(), closureTuple(ctx, scope), ctx.none()], { imms: [code] });
  return ctx.v('call', [fnObj, ...keepArgs.map((k) => k())]);
}

/**
 * Create the type parameters of an annotation scope in order, binding each name; returns their tuple.
 * The objects come from builtins the runtime provides: `TypeVar(name, *constraints | bound=, infer_variance=True)`,
 * `TypeVarTuple(name)`, `ParamSpec(name)`. Bounds and constraints are evaluated eagerly.
 */
export function lowerTypeParams(f: FnCtx, tps: TypeParam[]): ValueId {
  const held: (() => ValueId)[] = [];
  for (const tp of tps) {
    f.setLoc(tp.loc);
    const ctor = f.v('builtin', [f.str(tp.kind)]);
    const name = f.str(tp.name);
    let v: ValueId;
    if (tp.kind !== 'TypeVar') v = f.v('call', [ctor, name]);
    else {
      let extra: ValueId[] = [];
      let names = ['infer_variance'];
      if (tp.bound?.kind === 'Tuple') extra = lowerAll(f, tp.bound.elts);
      else if (tp.bound !== undefined) {
        extra = [lowerExpr(f, tp.bound)];
        names = ['bound', 'infer_variance'];
      }
      f.setLoc(tp.loc);
      v = f.v('call.kw', [ctor, f.v('tuple.new', names.map((n) => f.str(n))), name, ...extra, f.v('const.bool', [], [true])]);
    }
    storeName(f, tp.name, v);
    held.push(f.hold(v, true));
  }
  return f.v('tuple.new', held.map((h) => h()));
}

/** `type Name[params] = value`: a `TypeAliasType(name, type_params, evaluate_value)` whose value is computed lazily. */
export function lowerTypeAlias(ctx: FnCtx, st: TypeAlias): ValueId {
  const valueScope = ctx.m.scopes.of(st);
  const noArgs: Arguments = { posonly: [], args: [], vararg: undefined, kwonly: [], kwDefaults: [], kwarg: undefined, defaults: [] };
  const build = (f: FnCtx, params: ValueId): ValueId => {
    const keep = f.hold(params, true);
    const evaluate = makeFunction(f, valueScope, noArgs, st.name, st.loc.line, undefined, (g) => emitReturn(g, lowerExpr(g, st.value)));
    const keepEval = f.hold(evaluate, false);
    f.setLoc(st.loc);
    return f.v('call', [f.v('builtin', [f.str('TypeAliasType')]), f.str(st.name), keep(), keepEval()]);
  };
  if (st.typeParams === undefined) return build(ctx, ctx.v('tuple.new'));
  const tps = st.typeParams;
  return callAnnotationScope(ctx, ctx.m.scopes.of(tps), st.loc.line, [], [], (f) => emitReturn(f, build(f, lowerTypeParams(f, tps))));
}

/** Default values of a parameter list: a tuple (or None) and a dict of keyword-only defaults (or None). */
function lowerDefaults(ctx: FnCtx, args: Arguments): { defaults: ValueId; kwdefaults: ValueId } {
  const defaults = args.defaults.length === 0 ? ctx.none() : ctx.v('tuple.new', lowerAll(ctx, args.defaults));
  const keepDefaults = ctx.hold(defaults, true);
  let kwdefaults: ValueId = ctx.none();
  const kwPairs: Expr[] = [];
  args.kwonly.forEach((p, i) => {
    const d = args.kwDefaults[i];
    if (d !== undefined) kwPairs.push({ kind: 'Constant', loc: d.loc, value: { kind: 'str', value: p.name } }, d);
  });
  if (kwPairs.length > 0) kwdefaults = ctx.v('dict.new', lowerAll(ctx, kwPairs));
  return { defaults: keepDefaults(), kwdefaults };
}

export function decoratorHolders(ctx: FnCtx, decorators: Expr[]): (() => ValueId)[] {
  return decorators.map((d) => {
    const t = ctx.newTemp();
    ctx.store(t, lowerExpr(ctx, d));
    return () => ctx.load(t);
  });
}

export function applyDecorators(ctx: FnCtx, decos: (() => ValueId)[], obj: ValueId): ValueId {
  let v = obj;
  for (let i = decos.length - 1; i >= 0; i--) v = ctx.v('call', [decos[i]!(), v]);
  return v;
}

export function lowerLambda(ctx: FnCtx, e: Extract<Expr, { kind: 'Lambda' }>): ValueId {
  const scope = ctx.m.scopes.of(e);
  return makeFunction(ctx, scope, e.args, '<lambda>', e.loc.line, undefined, (f) => {
    const v = lowerExpr(f, e.body);
    emitReturn(f, v);
  });
}

/** Evaluate defaults (unless given), kwdefaults, annotations and closure; create the IR function(s); `func.new`. */
function makeFunction(ctx: FnCtx, scope: Scope, args: Arguments, name: string, line: number, returns: Expr | undefined, body: (f: FnCtx) => void, given?: { defaults: ValueId; kwdefaults: ValueId }): ValueId {
  const { defaults, kwdefaults } = given ?? lowerDefaults(ctx, args);
  const keepDefaults = ctx.hold(defaults, true);
  const keepKw = ctx.hold(kwdefaults, true);
  const annPairs: Expr[] = [];
  for (const p of [...args.posonly, ...args.args, args.vararg, ...args.kwonly, args.kwarg]) {
    if (p?.annotation !== undefined) annPairs.push({ kind: 'Constant', loc: p.loc, value: { kind: 'str', value: p.name } }, p.annotation);
  }
  if (returns !== undefined) annPairs.push({ kind: 'Constant', loc: returns.loc, value: { kind: 'str', value: 'return' } }, returns);
  const ann = annPairs.length === 0 ? ctx.none() : ctx.v('dict.new', lowerAll(ctx, annPairs));
  const keepAnn = ctx.hold(ann, true);
  const code = emitFunction(ctx, scope, name, line, pyParams(args), body);
  const closure = closureTuple(ctx, scope);
  return ctx.b.value('func.new', [keepDefaults(), keepKw(), closure, keepAnn()], { imms: [code] });
}

/** Emit the IR function(s) of a scope; returns the FuncId to put in `func.new`. */
export function emitFunction(ctx: FnCtx, scope: Scope, name: string, line: number, params: PyParam[], body: (f: FnCtx) => void): number {
  const m = ctx.m;
  const isAsync = scope.isCoroutine;
  const isGen = scope.isGenerator;
  const suspends = isGen || isAsync;
  const flags: PyCodeInfo['flags'] = {};
  if (isGen && !isAsync) flags.generator = true;
  if (isAsync && !isGen) flags.coroutine = true;
  if (isAsync && isGen) flags.asyncgen = true;
  const py: PyCodeInfo = { name, qualname: scope.qualname, filename: m.file, firstLine: line, params, flags };
  const irName = ctx.irName(scope.qualname);
  const types = params.map(() => 'obj' as const);
  const savedLoc = ctx.b.loc;
  if (!suspends) {
    const fb = m.mb.createFunction(irName, ['obj', ...types], 'obj', py);
    const f = new FnCtx(m, fb, scope, false);
    fb.loc = { line, col: 0 };
    f.globals = f.v('func.globals', [f.self]);
    prologue(f, scope, (i) => fb.params[i + 1]!);
    f.keepLocals = true;
    if ('kind' in scope.node && scope.node.kind === 'FunctionDef') f.plainLocals = plainLocals(scope.node.body);
    body(f);
    if (!fb.isTerminated) emitReturn(f, f.none());
    fb.finish();
    ctx.b.loc = savedLoc;
    return fb.fn.id;
  }
  // Generator / coroutine: creator + resume.
  const creator = m.mb.createFunction(irName, ['obj', ...types], 'obj', py);
  const resumePy: PyCodeInfo = { ...py, params: [], flags: { ...py.flags, resume: true } };
  const rb = m.mb.createFunction(`${irName}$resume`, ['obj', 'obj'], 'obj', resumePy);
  const r = new FnCtx(m, rb, scope, true);
  r.gen = rb.params[0];
  r.sent = rb.params[1];
  rb.loc = { line, col: 0 };
  r.globals = r.v('func.globals', [r.gen!]);
  const start = rb.createBlock();
  rb.switchToBlock(start);
  r.ins('gen.check_throw', [r.sent!]);
  body(r);
  if (!rb.isTerminated) emitReturn(r, r.none());
  // Entry: dispatch on the state.
  rb.switchToBlock(rb.entry);
  rb.loc = { line, col: 0 };
  const state = rb.value('gen.state', [r.gen!]);
  const dflt = rb.createBlock();
  rb.ins('switch', [state], { targets: [{ block: dflt, args: [] }, { block: start, args: [] }, ...r.resumeBlocks.map((b: BlockId) => ({ block: b, args: [] }))] });
  rb.switchToBlock(dflt);
  rb.ins('unreachable');
  rb.finish();
  // Creator: bind params into slots.
  const c = new FnCtx(m, creator, scope, false);
  creator.loc = { line, col: 0 };
  const kind = isAsync ? (isGen ? 2 : 1) : 0;
  const slotOf = (key: string): number => r.slotFor(key);
  const stores: [number, ValueId | 'cell-empty' | number][] = [];
  params.forEach((p, i) => {
    const isCell = scope.cellVars.includes(p.name);
    stores.push([slotOf(`${isCell ? 'C' : 'L'}:${p.name}`), i + 1]);
  });
  for (const cv of scope.cellVars) if (!params.some((p) => p.name === cv)) stores.push([slotOf(`C:${cv}`), 'cell-empty']);
  scope.freeVars.forEach((fv, i) => stores.push([slotOf(`C:${fv}`), -(i + 1)]));
  const g = creator.value('gen.new', [c.self], { imms: [rb.fn.id, r.nslots, kind] });
  for (const [slot, src] of stores) {
    let v: ValueId;
    if (src === 'cell-empty') v = c.v('cell.new', [c.v('const.unbound')]);
    else if (typeof src === 'number' && src > 0) {
      const p = creator.params[src]!;
      const pname = params[src - 1]!.name;
      v = scope.cellVars.includes(pname) ? c.v('cell.new', [p]) : p;
    } else v = c.v('func.closure', [c.self], [-(src as number) - 1]);
    creator.ins('gen.store', [g, v], { imms: [slot] });
  }
  creator.ins('return', [g]);
  creator.finish();
  ctx.b.loc = savedLoc;
  return creator.fn.id;
}

/** Entry of a normal function: params, cells, closure cells, unbound locals. */
function prologue(f: FnCtx, scope: Scope, param: (i: number) => ValueId): void {
  const paramIndex = new Map(scope.params.map((p, i) => [p, i]));
  for (const cv of scope.cellVars) {
    const i = paramIndex.get(cv);
    const init = i === undefined ? f.v('const.unbound') : param(i);
    f.store(f.storage(`C:${cv}`), f.v('cell.new', [init]));
  }
  scope.freeVars.forEach((fv, i) => f.store(f.storage(`C:${fv}`), f.v('func.closure', [f.self], [i])));
  scope.params.forEach((p, i) => {
    if (!scope.cellVars.includes(p)) f.store(f.storage(`L:${p}`), param(i));
  });
  for (const n of scope.bound) {
    if (paramIndex.has(n) || scope.cellVars.includes(n) || scope.freeVars.includes(n)) continue;
    f.store(f.storage(`L:${n}`), f.v('const.unbound'));
  }
}

export function emitReturn(f: FnCtx, v: ValueId): void {
  if (f.isResume) f.b.ins('gen.return', [f.gen!, v]);
  else {
    f.keepLocalsAlive();
    f.b.ins('return', [v]);
  }
}

// ---- generators: yield, yield from, await -----------------------------------------------

function suspend(ctx: FnCtx, v: ValueId): ValueId {
  const k = ctx.resumeBlocks.length + 1;
  const blk = ctx.b.createBlock();
  ctx.resumeBlocks.push(blk);
  ctx.b.ins('gen.yield', [ctx.gen!, v], { imms: [k] });
  ctx.b.switchToBlock(blk);
  return ctx.sent!;
}

export function lowerYield(ctx: FnCtx, e: Extract<Expr, { kind: 'Yield' }>): ValueId {
  if (!ctx.isResume) return ctx.none();
  const v = e.value === undefined ? ctx.none() : lowerExpr(ctx, e.value);
  ctx.setLoc(e.loc);
  const sent = suspend(ctx, yielded(ctx, v));
  ctx.ins('gen.check_throw', [sent]);
  return sent;
}

/**
 * One step of an `async for` (statement or comprehension clause), in the
 * loop's head block: `await anext(it)`; its value is the result, read in
 * `body` (entered and sealed here); StopAsyncIteration raised by the await
 * goes to `stop`, any other exception propagates.
 */
export function awaitNext(ctx: FnCtx, it: ValueId, body: BlockId, stop: BlockId): ValueId {
  const outer = ctx.b.unwind;
  const handler = ctx.b.createBlock();
  ctx.b.setUnwind(handler);
  ctx.continueInNewBlock();
  const got = ctx.hold(awaitValue(ctx, ctx.v('anext', [it])), false);
  ctx.b.setUnwind(outer);
  ctx.continueInNewBlock();
  const keep = ctx.newTemp();
  ctx.store(keep, got());
  ctx.b.jump(body);
  ctx.b.sealBlock(handler);
  ctx.b.switchToBlock(handler);
  const e = ctx.hold(ctx.v('exc.fetch'), false);
  const isStop = ctx.v('exc.match', [e(), ctx.v('builtin', [ctx.str('StopAsyncIteration')])]);
  const other = ctx.b.createBlock();
  ctx.b.brif(isStop, stop, other);
  ctx.b.sealBlock(other);
  ctx.b.switchToBlock(other);
  ctx.b.ins('reraise', [e()]);
  ctx.b.sealBlock(body);
  ctx.b.switchToBlock(body);
  return ctx.load(keep);
}

/** What `yield v` hands out: in an async generator, `v` wrapped (types/asyncgen.rs tells it from what an `await` yields). */
function yielded(ctx: FnCtx, v: ValueId): ValueId {
  return ctx.scope.isCoroutine && ctx.scope.isGenerator ? ctx.v('asyncgen.wrap', [v]) : v;
}

function delegate(ctx: FnCtx, sub: ValueId): ValueId {
  const it = ctx.newTemp();
  ctx.store(it, sub);
  const toSend = ctx.newTemp();
  ctx.store(toSend, ctx.none());
  const loop = ctx.b.createBlock();
  const done = ctx.b.createBlock();
  const again = ctx.b.createBlock();
  ctx.b.jump(loop);
  ctx.b.switchToBlock(loop);
  const r = ctx.v('yf.send', [ctx.gen!, ctx.load(it), ctx.load(toSend)]);
  ctx.b.brif(ctx.v('unbound.is', [r]), done, again);
  ctx.b.switchToBlock(again);
  const sent = suspend(ctx, r);
  ctx.store(toSend, sent);
  ctx.b.jump(loop);
  ctx.b.switchToBlock(done);
  return ctx.v('yf.result', [ctx.gen!]);
}

export function lowerYieldFrom(ctx: FnCtx, e: Extract<Expr, { kind: 'YieldFrom' }>): ValueId {
  if (!ctx.isResume) return ctx.none();
  const x = lowerExpr(ctx, e.value);
  ctx.setLoc(e.loc);
  return delegate(ctx, ctx.v('iter', [x]));
}

/** `await x` of an already evaluated value (async for/with). Only in resume functions. */
export function awaitValue(ctx: FnCtx, x: ValueId): ValueId {
  if (!ctx.isResume) return ctx.none();
  return delegate(ctx, ctx.v('await.iter', [x]));
}

export function lowerAwait(ctx: FnCtx, e: Extract<Expr, { kind: 'Await' }>): ValueId {
  if (!ctx.isResume) return ctx.none();
  const x = lowerExpr(ctx, e.value);
  ctx.setLoc(e.loc);
  return delegate(ctx, ctx.v('await.iter', [x]));
}

// ---- comprehensions ------------------------------------------------------------------------

export function lowerComprehension(ctx: FnCtx, e: CompExpr): ValueId {
  const scope = ctx.m.scopes.of(e);
  const first = e.generators[0]!;
  const src = lowerExpr(ctx, first.iter);
  const it = ctx.hold(ctx.v(first.isAsync ? 'aiter' : 'iter', [src]), true);
  const name = scope.name;
  const code = emitFunction(ctx, scope, name, e.loc.line, [{ name: '.0', kind: 'posonly' }], (f) => {
    let acc: ReturnType<FnCtx['newTemp']> | undefined;
    if (e.kind !== 'GeneratorExp') {
      acc = f.newTemp();
      f.store(acc, f.v(e.kind === 'ListComp' ? 'list.new' : e.kind === 'SetComp' ? 'set.new' : 'dict.new'));
    }
    compLoop(f, e, e.generators, 0, acc);
    if (!f.b.isTerminated) emitReturn(f, acc === undefined ? f.none() : f.load(acc));
  });
  const fnObj = ctx.b.value('func.new', [ctx.none(), ctx.none(), closureTuple(ctx, scope), ctx.none()], { imms: [code] });
  ctx.setLoc(e.loc);
  const r = ctx.v('call', [fnObj, it()]);
  // An async list/set/dict comprehension is a coroutine awaited right here.
  return scope.isCoroutine && e.kind !== 'GeneratorExp' ? awaitValue(ctx, r) : r;
}

function compLoop(f: FnCtx, e: CompExpr, gens: Comprehension[], i: number, acc: ReturnType<FnCtx['newTemp']> | undefined): void {
  const g = gens[i]!;
  const itSt = f.newTemp();
  if (i === 0) f.store(itSt, f.load(f.storage('L:.0')));
  else f.store(itSt, f.v(g.isAsync ? 'aiter' : 'iter', [lowerExpr(f, g.iter)]));
  const head = f.b.createBlock();
  const body = f.b.createBlock();
  const exit = f.b.createBlock();
  f.b.jump(head);
  f.b.switchToBlock(head);
  let item: ValueId;
  if (g.isAsync) {
    item = awaitNext(f, f.load(itSt), body, exit);
  } else {
    item = f.v('iter.next', [f.load(itSt)]);
    f.b.brif(f.v('unbound.is', [item]), exit, body);
    f.b.sealBlock(body);
    f.b.switchToBlock(body);
  }
  assignTo(f, g.target, item);
  for (const cond of g.ifs) {
    const c = lowerCond(f, cond);
    const next = f.b.createBlock();
    f.b.brif(c, next, head);
    f.b.sealBlock(next);
    f.b.switchToBlock(next);
  }
  if (i + 1 < gens.length) compLoop(f, e, gens, i + 1, acc);
  else if (e.kind === 'GeneratorExp') {
    const v = lowerExpr(f, e.elt);
    suspend(f, yielded(f, v));
    f.ins('gen.check_throw', [f.sent!]);
  } else if (e.kind === 'DictComp') {
    const [k, v] = lowerAll(f, [e.key, e.value]);
    f.ins('setitem', [f.load(acc!), k!, v!]);
  } else {
    const v = lowerExpr(f, e.elt);
    f.ins(e.kind === 'ListComp' ? 'list.append' : 'set.add', [f.load(acc!), v]);
  }
  if (!f.b.isTerminated) f.b.jump(head);
  f.b.sealBlock(head);
  f.b.sealBlock(exit);
  f.b.switchToBlock(exit);
}

export { storeName };
