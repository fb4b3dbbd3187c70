// lowerClass.ts — class definitions: the namespace from `class.prepare`,
// the body run inline in the enclosing IR function against that
// namespace, `class.new`, the implicit `__class__` cell, decorators,
// star-args in the class header and PEP 695 type parameters (`class
// C[T]`: an annotation scope that adds `Generic[T]` to the bases).
// Neighbours: lowerStmt.ts (caller), lowerExpr.ts (names), context.ts.

import type { ValueId } from '@molt/ir';
import type { ClassDef, Stmt } from './ast.js';
import type { FnCtx } from './context.js';
import { lowerAll, lowerExpr, storeName } from './lowerExpr.js';
import { applyDecorators, callAnnotationScope, decoratorHolders, emitReturn, lowerTypeParams } from './lowerFunction.js';
import { lowerBody } from './lowerStmt.js';

/** True when a body has a simple annotated assignment outside nested functions and classes (CPython's `find_ann`). */
export function hasAnnotations(body: Stmt[]): boolean {
  return body.some((s) => {
    switch (s.kind) {
      case 'AnnAssign': return s.simple;
      case 'If': case 'While': case 'For': return hasAnnotations(s.body) || hasAnnotations(s.orelse);
      case 'With': return hasAnnotations(s.body);
      case 'Try': return hasAnnotations(s.body) || s.handlers.some((h) => hasAnnotations(h.body)) || hasAnnotations(s.orelse) || hasAnnotations(s.finalbody);
      case 'Match': return s.cases.some((c) => hasAnnotations(c.body));
      default: return false;
    }
  });
}

export function lowerClassDef(ctx: FnCtx, def: ClassDef): void {
  const decos = decoratorHolders(ctx, def.decorators);
  ctx.setLoc(def.loc);
  let cls: ValueId;
  if (def.typeParams === undefined) cls = buildClass(ctx, def, undefined);
  else {
    const tps = def.typeParams;
    cls = callAnnotationScope(ctx, ctx.m.scopes.of(tps), def.loc.line, [], [], (f) => {
      const params = f.hold(lowerTypeParams(f, tps), true);
      f.setLoc(def.loc);
      emitReturn(f, buildClass(f, def, params));
    });
  }
  const result = applyDecorators(ctx, decos, cls);
  ctx.setLoc(def.loc);
  storeName(ctx, def.name, result);
}

/** Bases tuple and keywords dict (or None) of a class header, with `*bases` and `**kw`. */
function lowerHeader(ctx: FnCtx, def: ClassDef, generic: ValueId | undefined): { bases: ValueId; kw: ValueId } {
  const starred = def.bases.some((b) => b.kind === 'Starred') || def.keywords.some((k) => k.arg === undefined);
  if (!starred) {
    const vals = lowerAll(ctx, [...def.bases, ...def.keywords.map((k) => k.value)]);
    ctx.setLoc(def.loc);
    const baseVals = vals.slice(0, def.bases.length);
    if (generic !== undefined) baseVals.push(generic);
    const bases = ctx.v('tuple.new', baseVals);
    if (def.keywords.length === 0) return { bases, kw: ctx.none() };
    const kv: ValueId[] = [];
    def.keywords.forEach((k, i) => kv.push(ctx.str(k.arg!), vals[def.bases.length + i]!));
    return { bases, kw: ctx.v('dict.new', kv) };
  }
  const lst = ctx.newTemp();
  ctx.store(lst, ctx.v('list.new'));
  for (const b of def.bases) {
    const v = lowerExpr(ctx, b.kind === 'Starred' ? b.value : b);
    ctx.ins(b.kind === 'Starred' ? 'list.extend' : 'list.append', [ctx.load(lst), v]);
  }
  if (generic !== undefined) ctx.ins('list.append', [ctx.load(lst), generic]);
  let kw: ValueId = ctx.none();
  if (def.keywords.length > 0) {
    const d = ctx.newTemp();
    ctx.store(d, ctx.v('dict.new'));
    const callee = ctx.str(def.name);
    for (const k of def.keywords) {
      const v = lowerExpr(ctx, k.value);
      const m = k.arg === undefined ? v : ctx.v('dict.new', [ctx.str(k.arg), v]);
      ctx.ins('dict.merge_kw', [ctx.load(d), m, callee]);
    }
    kw = ctx.load(d);
  }
  ctx.setLoc(def.loc);
  return { bases: ctx.v('list.to_tuple', [ctx.load(lst)]), kw };
}

/** Evaluate the header, run the body against the namespace and create the (undecorated) class. */
function buildClass(ctx: FnCtx, def: ClassDef, typeParams: (() => ValueId) | undefined): ValueId {
  const scope = ctx.m.scopes.of(def);
  const generic = typeParams === undefined ? undefined : ctx.v('getitem', [ctx.v('builtin', [ctx.str('Generic')]), typeParams()]);
  const header = lowerHeader(ctx, def, generic);
  const bases = ctx.newTemp();
  ctx.store(bases, header.bases);
  const kw = ctx.newTemp();
  ctx.store(kw, header.kw);
  const name = ctx.str(def.name);
  const ns = ctx.newTemp();
  ctx.store(ns, ctx.v('class.prepare', [name, ctx.load(bases), ctx.load(kw)]));
  ctx.ins('setitem', [ctx.load(ns), ctx.str('__module__'), ctx.v('global.get', [ctx.globals, ctx.str('__name__')])]);
  ctx.ins('setitem', [ctx.load(ns), ctx.str('__qualname__'), ctx.str(scope.qualname)]);
  if (typeParams !== undefined) ctx.ins('setitem', [ctx.load(ns), ctx.str('__type_params__'), typeParams()]);
  const first = def.body[0];
  if (first?.kind === 'Expr' && first.value.kind === 'Constant' && first.value.value.kind === 'str') {
    ctx.ins('setitem', [ctx.load(ns), ctx.str('__doc__'), ctx.str(first.value.value.value)]);
  }
  if (hasAnnotations(def.body)) ctx.ins('setitem', [ctx.load(ns), ctx.str('__annotations__'), ctx.v('dict.new')]);
  let classCell: ReturnType<FnCtx['newTemp']> | undefined;
  if (scope.needsClassCell) {
    classCell = ctx.newTemp();
    ctx.store(classCell, ctx.v('cell.new', [ctx.v('const.unbound')]));
  }
  ctx.classes.push({ scope, ns, classCell });
  const savedFrames = ctx.frames.splice(0, ctx.frames.length);
  lowerBody(ctx, def.body);
  ctx.frames.push(...savedFrames);
  ctx.classes.pop();
  ctx.setLoc(def.loc);
  // As in CPython, `type.__new__` finds the cell in the namespace, fills it and removes it, so the
  // metaclass sees `__classcell__` and `__class__` works while `__set_name__`/`__init_subclass__` run.
  if (classCell !== undefined) ctx.ins('setitem', [ctx.load(ns), ctx.str('__classcell__'), ctx.load(classCell)]);
  const cls = ctx.v('class.new', [ctx.str(def.name), ctx.load(bases), ctx.load(ns), ctx.load(kw)]);
  if (classCell === undefined) return cls;
  // A metaclass that never calls `type.__new__` leaves the cell empty: fill it with what it returned.
  const cell = ctx.load(classCell);
  const empty = ctx.b.createBlock();
  const done = ctx.b.createBlock();
  ctx.b.brif(ctx.v('unbound.is', [ctx.v('cell.peek', [cell])]), empty, done);
  ctx.b.sealBlock(empty);
  ctx.b.switchToBlock(empty);
  ctx.ins('cell.set', [cell, cls]);
  ctx.b.jump(done);
  ctx.b.sealBlock(done);
  ctx.b.switchToBlock(done);
  return cls;
}
