// lowerClass.ts — class definitions: the namespace from `class.prepare`,
// the body run inline in the enclosing IR function against that
// namespace, `class.new`, the implicit `__class__` cell, decorators.
// Neighbours: lowerStmt.ts (caller), lowerExpr.ts (names), context.ts.

import type { ValueId } from '@molt/ir';
import type { ClassDef, Expr, Stmt } from './ast.js';
import type { FnCtx } from './context.js';
import { lowerAll, lowerExpr, storeName } from './lowerExpr.js';
import { applyDecorators, decoratorHolders } from './lowerFunction.js';
import { lowerBody } from './lowerStmt.js';

function hasAnnotations(body: Stmt[]): boolean {
  return body.some((s) => s.kind === 'AnnAssign' && s.simple);
}

export function lowerClassDef(ctx: FnCtx, def: ClassDef): void {
  const scope = ctx.m.scopes.of(def);
  const decos = decoratorHolders(ctx, def.decorators);
  ctx.setLoc(def.loc);
  const starred = def.bases.some((b) => b.kind === 'Starred') || def.keywords.some((k) => k.arg === undefined);
  if (starred) {
    ctx.m.diags.notSupported('star arguments in a class definition', def.loc);
    return;
  }
  const exprs: Expr[] = [...def.bases, ...def.keywords.map((k) => k.value)];
  const vals = lowerAll(ctx, exprs);
  ctx.setLoc(def.loc);
  const bases = ctx.newTemp();
  ctx.store(bases, ctx.v('tuple.new', vals.slice(0, def.bases.length)));
  const kw = ctx.newTemp();
  if (def.keywords.length === 0) ctx.store(kw, ctx.none());
  else {
    const kv: ValueId[] = [];
    def.keywords.forEach((k, i) => kv.push(ctx.str(k.arg!), vals[def.bases.length + i]!));
    ctx.store(kw, ctx.v('dict.new', kv));
  }
  const name = ctx.str(def.name);
  const ns = ctx.newTemp();
  ctx.store(ns, ctx.v('class.prepare', [name, ctx.load(bases), ctx.load(kw)]));
  ctx.ins('setitem', [ctx.load(ns), ctx.str('__module__'), ctx.v('global.get', [ctx.globals, ctx.str('__name__')])]);
  ctx.ins('setitem', [ctx.load(ns), ctx.str('__qualname__'), ctx.str(scope.qualname)]);
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
  const cls = ctx.v('class.new', [ctx.str(def.name), ctx.load(bases), ctx.load(ns), ctx.load(kw)]);
  const keep = ctx.hold(cls, false);
  if (classCell !== undefined) ctx.ins('cell.set', [ctx.load(classCell), keep()]);
  const result = applyDecorators(ctx, decos, keep());
  storeName(ctx, def.name, result);
  void lowerExpr;
}
