// lowerStmt.ts — lowering of statements: assignments, control flow
// (if/while/for with else, break/continue through try/with), return,
// raise, try/except/else/finally, with, assert, import, del.
// Neighbours: lowerExpr.ts, lowerFunction.ts (def), lowerClass.ts (class),
// lowerMatch.ts (match), context.ts (frames and storage).

import type { BlockId, ValueId } from '@molt/ir';
import type { ExceptHandler, Expr, Stmt, WithItem } from './ast.js';
import type { FnCtx, Frame, Storage } from './context.js';
import { Codes } from './diagnostics.js';
import { lowerClassDef } from './lowerClass.js';
import { assignTo, deleteName, loadName, lowerAll, lowerCond, lowerExpr, storeName } from './lowerExpr.js';
import { emitReturn, lowerFunctionDef } from './lowerFunction.js';
import { lowerMatch } from './lowerMatch.js';
import { containsSuspend } from './scope.js';

export function lowerBody(ctx: FnCtx, body: Stmt[]): void {
  for (const st of body) {
    if (ctx.b.isTerminated) ctx.deadBlock();
    lowerStmt(ctx, st);
  }
}

function lowerStmt(ctx: FnCtx, st: Stmt): void {
  ctx.setLoc(st.loc);
  switch (st.kind) {
    case 'Expr': lowerExpr(ctx, st.value); return;
    case 'Pass': case 'Global': case 'Nonlocal': return;
    case 'Assign': {
      const v = lowerExpr(ctx, st.value);
      if (st.targets.length === 1) {
        assignTo(ctx, st.targets[0]!, v);
        return;
      }
      const keep = ctx.hold(v, true);
      for (const t of st.targets) assignTo(ctx, t, keep());
      return;
    }
    case 'AugAssign': return lowerAugAssign(ctx, st.target, st.op, st.value);
    case 'AnnAssign': {
      if (st.value !== undefined) assignTo(ctx, st.target, lowerExpr(ctx, st.value));
      if (st.simple && st.target.kind === 'Name' && ctx.cur.kind !== 'function' && ctx.cur.kind !== 'lambda') {
        const ann = lowerExpr(ctx, st.annotation);
        const d = loadName(ctx, '__annotations__');
        ctx.ins('setitem', [d, ctx.str(st.target.id), ann]);
      }
      return;
    }
    case 'Delete':
      for (const t of st.targets) lowerDelete(ctx, t);
      return;
    case 'If': {
      const c = lowerCond(ctx, st.test);
      const tb = ctx.b.createBlock();
      const fb = ctx.b.createBlock();
      const after = ctx.b.createBlock();
      ctx.b.brif(c, tb, fb);
      ctx.b.sealBlock(tb);
      ctx.b.sealBlock(fb);
      ctx.b.switchToBlock(tb);
      lowerBody(ctx, st.body);
      if (!ctx.b.isTerminated) ctx.b.jump(after);
      ctx.b.switchToBlock(fb);
      lowerBody(ctx, st.orelse);
      if (!ctx.b.isTerminated) ctx.b.jump(after);
      ctx.b.sealBlock(after);
      ctx.b.switchToBlock(after);
      return;
    }
    case 'While': {
      const head = ctx.b.createBlock();
      const body = ctx.b.createBlock();
      const orelse = ctx.b.createBlock();
      const after = ctx.b.createBlock();
      ctx.b.jump(head);
      ctx.b.switchToBlock(head);
      const c = lowerCond(ctx, st.test);
      ctx.b.brif(c, body, orelse);
      ctx.b.sealBlock(body);
      ctx.b.switchToBlock(body);
      ctx.frames.push({ kind: 'loop', breakBlock: after, continueBlock: head });
      lowerBody(ctx, st.body);
      ctx.frames.pop();
      if (!ctx.b.isTerminated) ctx.b.jump(head);
      ctx.b.sealBlock(head);
      ctx.b.sealBlock(orelse);
      ctx.b.switchToBlock(orelse);
      lowerBody(ctx, st.orelse);
      if (!ctx.b.isTerminated) ctx.b.jump(after);
      ctx.b.sealBlock(after);
      ctx.b.switchToBlock(after);
      return;
    }
    case 'For': {
      if (st.isAsync) {
        ctx.m.diags.notSupported("'async for'", st.loc);
        return;
      }
      const it = ctx.newTemp();
      ctx.store(it, ctx.v('iter', [lowerExpr(ctx, st.iter)]));
      const head = ctx.b.createBlock();
      const body = ctx.b.createBlock();
      const orelse = ctx.b.createBlock();
      const after = ctx.b.createBlock();
      ctx.b.jump(head);
      ctx.b.switchToBlock(head);
      ctx.setLoc(st.loc);
      const item = ctx.v('iter.next', [ctx.load(it)]);
      ctx.b.brif(ctx.v('unbound.is', [item]), orelse, body);
      ctx.b.sealBlock(body);
      ctx.b.switchToBlock(body);
      assignTo(ctx, st.target, item);
      ctx.frames.push({ kind: 'loop', breakBlock: after, continueBlock: head });
      lowerBody(ctx, st.body);
      ctx.frames.pop();
      if (!ctx.b.isTerminated) ctx.b.jump(head);
      ctx.b.sealBlock(head);
      ctx.b.sealBlock(orelse);
      ctx.b.switchToBlock(orelse);
      lowerBody(ctx, st.orelse);
      if (!ctx.b.isTerminated) ctx.b.jump(after);
      ctx.b.sealBlock(after);
      ctx.b.switchToBlock(after);
      return;
    }
    case 'Break':
    case 'Continue': {
      let i = ctx.frames.length - 1;
      while (i >= 0 && ctx.frames[i]!.kind !== 'loop') i--;
      if (i < 0) {
        ctx.m.diags.error(Codes.misplacedStatement, `'${st.kind === 'Break' ? 'break' : 'continue'}' ${st.kind === 'Break' ? 'outside loop' : 'not properly in loop'}`, st.loc);
        return;
      }
      const loop = ctx.frames[i] as Extract<Frame, { kind: 'loop' }>;
      const saved = ctx.b.unwind;
      unwindFrames(ctx, i + 1);
      ctx.b.jump(st.kind === 'Break' ? loop.breakBlock : loop.continueBlock);
      ctx.b.setUnwind(saved);
      return;
    }
    case 'Return': {
      if (!ctx.cur.isFunctionLike) {
        ctx.m.diags.error(Codes.misplacedStatement, "'return' outside function", st.loc);
        return;
      }
      let v = st.value === undefined ? ctx.none() : lowerExpr(ctx, st.value);
      const saved = ctx.b.unwind;
      if (ctx.frames.some((f) => f.kind !== 'loop')) {
        const t = ctx.newTemp();
        ctx.store(t, v);
        unwindFrames(ctx, 0);
        v = ctx.load(t);
      }
      ctx.setLoc(st.loc);
      emitReturn(ctx, v);
      ctx.b.setUnwind(saved);
      return;
    }
    case 'Raise': {
      if (st.exc === undefined) {
        ctx.b.ins('reraise', [ctx.v('exc.current')]);
        return;
      }
      const [e, c] = st.cause === undefined ? [lowerExpr(ctx, st.exc), ctx.v('const.unbound')] : lowerAll(ctx, [st.exc, st.cause]);
      ctx.setLoc(st.loc);
      ctx.b.ins('raise', [e!, c!]);
      return;
    }
    case 'Assert': {
      const c = lowerCond(ctx, st.test);
      const bad = ctx.b.createBlock();
      const ok = ctx.b.createBlock();
      ctx.b.brif(c, ok, bad);
      ctx.b.sealBlock(bad);
      ctx.b.sealBlock(ok);
      ctx.b.switchToBlock(bad);
      ctx.setLoc(st.loc);
      const t = ctx.v('builtin', [ctx.str('AssertionError')]);
      const exc = st.msg === undefined ? ctx.v('call', [t]) : ctx.v('call', [t, lowerExpr(ctx, st.msg)]);
      ctx.b.ins('raise', [exc, ctx.v('const.unbound')]);
      ctx.b.switchToBlock(ok);
      return;
    }
    case 'Import':
      for (const a of st.names) {
        ctx.setLoc(a.loc);
        let m = ctx.v('import', [ctx.str(a.name), ctx.globals, ctx.none()], [0]);
        if (a.asname === undefined) {
          storeName(ctx, a.name.split('.')[0]!, m);
        } else {
          for (const part of a.name.split('.').slice(1)) m = ctx.v('import.from', [m, ctx.str(part)]);
          storeName(ctx, a.asname, m);
        }
      }
      return;
    case 'ImportFrom': {
      const star = st.names.length === 1 && st.names[0]!.name === '*';
      const fromlist = ctx.v('tuple.new', st.names.map((a) => ctx.str(a.name)));
      const m = ctx.v('import', [ctx.str(st.module ?? ''), ctx.globals, fromlist], [st.level]);
      if (star) {
        ctx.ins('import.star', [m, ctx.globals]);
        return;
      }
      const keep = ctx.hold(m, false);
      for (const a of st.names) {
        ctx.setLoc(a.loc);
        storeName(ctx, a.asname ?? a.name, ctx.v('import.from', [keep(), ctx.str(a.name)]));
      }
      return;
    }
    case 'FunctionDef': {
      const f = lowerFunctionDef(ctx, st);
      ctx.setLoc(st.loc);
      storeName(ctx, st.name, f);
      return;
    }
    case 'ClassDef': lowerClassDef(ctx, st); return;
    case 'Try': lowerTry(ctx, st); return;
    case 'With': lowerWith(ctx, st.items, 0, st.body, st.isAsync, st); return;
    case 'Match': lowerMatch(ctx, st); return;
    case 'Unsupported': return;
  }
}

function lowerAugAssign(ctx: FnCtx, target: Expr, op: string, value: Expr): void {
  const iop = 'i' + op;
  switch (target.kind) {
    case 'Name': {
      const cur = loadName(ctx, target.id);
      const keep = ctx.hold(cur, containsSuspend(value));
      const r = lowerExpr(ctx, value);
      ctx.setLoc(target.loc);
      storeName(ctx, target.id, ctx.v(iop, [keep(), r]));
      return;
    }
    case 'Attribute': {
      const o = ctx.hold(lowerExpr(ctx, target.value), true);
      const cur = ctx.hold(ctx.v('getattr', [o(), ctx.str(target.attr)]), containsSuspend(value));
      const r = lowerExpr(ctx, value);
      ctx.setLoc(target.loc);
      ctx.ins('setattr', [o(), ctx.str(target.attr), ctx.v(iop, [cur(), r])]);
      return;
    }
    case 'Subscript': {
      const [o0, k0] = lowerAll(ctx, [target.value, target.slice]);
      const o = ctx.hold(o0!, true);
      const k = ctx.hold(k0!, true);
      const cur = ctx.hold(ctx.v('getitem', [o(), k()]), containsSuspend(value));
      const r = lowerExpr(ctx, value);
      ctx.setLoc(target.loc);
      ctx.ins('setitem', [o(), k(), ctx.v(iop, [cur(), r])]);
      return;
    }
    default:
      ctx.m.diags.error(Codes.invalidTarget, "'expression' is an illegal expression for augmented assignment", target.loc);
  }
}

function lowerDelete(ctx: FnCtx, t: Expr): void {
  ctx.setLoc(t.loc);
  switch (t.kind) {
    case 'Name': deleteName(ctx, t.id); return;
    case 'Attribute': ctx.ins('delattr', [lowerExpr(ctx, t.value), ctx.str(t.attr)]); return;
    case 'Subscript': {
      const [o, k] = lowerAll(ctx, [t.value, t.slice]);
      ctx.ins('delitem', [o!, k!]);
      return;
    }
    case 'Tuple': case 'List': for (const x of t.elts) lowerDelete(ctx, x); return;
    default: ctx.m.diags.error(Codes.invalidTarget, 'cannot delete expression', t.loc);
  }
}

/** `except E as n`: unbind n at the end of the handler. */
function clearName(ctx: FnCtx, name: string): void {
  const sym = ctx.cur.symbol(name);
  if (sym === 'local') ctx.store(ctx.storage(`L:${name}`), ctx.v('const.unbound'));
  else {
    storeName(ctx, name, ctx.none());
    deleteName(ctx, name);
  }
}

/** Run the cleanups of frames[from..] (innermost first) for a jump out of them. */
function unwindFrames(ctx: FnCtx, from: number): void {
  const all = ctx.frames.slice();
  for (let i = all.length - 1; i >= from; i--) {
    const f = all[i]!;
    if (f.kind === 'loop') continue;
    ctx.b.setUnwind(f.outerUnwind);
    ctx.continueInNewBlock();
    ctx.frames.length = i;
    switch (f.kind) {
      case 'finally': lowerBody(ctx, f.body); break;
      case 'handler': ctx.ins('exc.pop'); if (f.name !== undefined) clearName(ctx, f.name); break;
      case 'with': ctx.v('with.exit', [ctx.load(f.exit), ctx.none()]); break;
    }
    if (ctx.b.isTerminated) ctx.deadBlock();
  }
  ctx.frames.length = 0;
  ctx.frames.push(...all);
}

/** A block (unwinding to `outer`) that leaves a handler and re-raises the new exception. */
function popAndReraise(ctx: FnCtx, outer: BlockId | undefined, name?: string): BlockId {
  const saved = ctx.b.unwind;
  const savedBlock = ctx.b.currentBlock;
  ctx.b.setUnwind(outer);
  const blk = ctx.b.createBlock();
  ctx.b.switchToBlock(blk);
  const e = ctx.v('exc.fetch');
  const keep = ctx.hold(e, false);
  ctx.ins('exc.pop');
  if (name !== undefined && ctx.cur.symbol(name) === 'local') clearName(ctx, name);
  ctx.b.ins('reraise', [keep()]);
  ctx.b.setUnwind(saved);
  ctx.b.switchToBlock(savedBlock);
  return blk;
}

function lowerTry(ctx: FnCtx, st: Extract<Stmt, { kind: 'Try' }>): void {
  if (st.isStar) {
    ctx.m.diags.notSupported("'except*'", st.loc);
    return;
  }
  if (st.finalbody.length === 0) {
    lowerTryExcept(ctx, st.body, st.handlers, st.orelse);
    return;
  }
  const outer = ctx.b.unwind;
  const fh = ctx.b.createBlock();
  ctx.b.setUnwind(fh);
  ctx.continueInNewBlock();
  ctx.frames.push({ kind: 'finally', body: st.finalbody, outerUnwind: outer });
  if (st.handlers.length > 0) lowerTryExcept(ctx, st.body, st.handlers, st.orelse);
  else lowerBody(ctx, st.body);
  ctx.frames.pop();
  ctx.b.setUnwind(outer);
  const after = ctx.b.createBlock();
  if (!ctx.b.isTerminated) {
    ctx.continueInNewBlock();
    lowerBody(ctx, st.finalbody);
    if (!ctx.b.isTerminated) ctx.b.jump(after);
  }
  ctx.b.sealBlock(fh);
  ctx.b.switchToBlock(fh);
  const e = ctx.newTemp();
  ctx.store(e, ctx.v('exc.fetch'));
  ctx.ins('exc.push', [ctx.load(e)]);
  const cleanup = popAndReraise(ctx, outer);
  ctx.b.setUnwind(cleanup);
  ctx.continueInNewBlock();
  ctx.frames.push({ kind: 'handler', name: undefined, outerUnwind: outer });
  lowerBody(ctx, st.finalbody);
  ctx.frames.pop();
  ctx.b.setUnwind(outer);
  if (!ctx.b.isTerminated) {
    ctx.continueInNewBlock();
    ctx.ins('exc.pop');
    ctx.b.ins('reraise', [ctx.load(e)]);
  }
  ctx.b.sealBlock(cleanup);
  ctx.b.sealBlock(after);
  ctx.b.switchToBlock(after);
}

function lowerTryExcept(ctx: FnCtx, body: Stmt[], handlers: ExceptHandler[], orelse: Stmt[]): void {
  const outer = ctx.b.unwind;
  const h = ctx.b.createBlock();
  ctx.b.setUnwind(h);
  ctx.continueInNewBlock();
  lowerBody(ctx, body);
  ctx.b.setUnwind(outer);
  const after = ctx.b.createBlock();
  if (!ctx.b.isTerminated) {
    ctx.continueInNewBlock();
    lowerBody(ctx, orelse);
    if (!ctx.b.isTerminated) ctx.b.jump(after);
  }
  ctx.b.sealBlock(h);
  ctx.b.switchToBlock(h);
  const e = ctx.newTemp();
  ctx.store(e, ctx.v('exc.fetch'));
  ctx.ins('exc.push', [ctx.load(e)]);
  const cleanup = popAndReraise(ctx, outer);
  for (const hd of handlers) {
    ctx.setLoc(hd.loc);
    ctx.b.setUnwind(cleanup);
    ctx.continueInNewBlock();
    let next: BlockId | undefined;
    if (hd.type !== undefined) {
      const t = lowerExpr(ctx, hd.type);
      const m = ctx.v('exc.match', [ctx.load(e), t]);
      const yes = ctx.b.createBlock();
      next = ctx.b.createBlock();
      ctx.b.brif(m, yes, next);
      ctx.b.sealBlock(yes);
      ctx.b.sealBlock(next);
      ctx.b.switchToBlock(yes);
    }
    let nameCleanup: BlockId | undefined;
    if (hd.name !== undefined) {
      storeName(ctx, hd.name, ctx.load(e));
      nameCleanup = popAndReraise(ctx, outer, hd.name);
      ctx.b.setUnwind(nameCleanup);
      ctx.continueInNewBlock();
    }
    ctx.frames.push({ kind: 'handler', name: hd.name, outerUnwind: outer });
    lowerBody(ctx, hd.body);
    ctx.frames.pop();
    ctx.b.setUnwind(outer);
    if (!ctx.b.isTerminated) {
      ctx.continueInNewBlock();
      ctx.ins('exc.pop');
      if (hd.name !== undefined) clearName(ctx, hd.name);
      ctx.b.jump(after);
    }
    if (nameCleanup !== undefined) ctx.b.sealBlock(nameCleanup);
    if (next === undefined) break;
    ctx.b.switchToBlock(next);
  }
  if (handlers[handlers.length - 1]?.type !== undefined) {
    ctx.b.setUnwind(outer);
    ctx.continueInNewBlock();
    ctx.ins('exc.pop');
    ctx.b.ins('reraise', [ctx.load(e)]);
  }
  ctx.b.setUnwind(outer);
  ctx.b.sealBlock(cleanup);
  ctx.b.sealBlock(after);
  ctx.b.switchToBlock(after);
}

function lowerWith(ctx: FnCtx, items: WithItem[], i: number, body: Stmt[], isAsync: boolean, st: Stmt): void {
  if (isAsync) {
    ctx.m.diags.notSupported("'async with'", st.loc);
    return;
  }
  if (i === items.length) {
    lowerBody(ctx, body);
    return;
  }
  const item = items[i]!;
  const mgr = lowerExpr(ctx, item.contextExpr);
  ctx.setLoc(st.loc);
  const pair = ctx.v('with.enter', [mgr]);
  const exit: Storage = ctx.newTemp();
  ctx.store(exit, ctx.v('tuple.get', [pair], [0]));
  const val = ctx.v('tuple.get', [pair], [1]);
  const outer = ctx.b.unwind;
  const h = ctx.b.createBlock();
  ctx.b.setUnwind(h);
  ctx.continueInNewBlock();
  if (item.optionalVars !== undefined) assignTo(ctx, item.optionalVars, val);
  ctx.frames.push({ kind: 'with', exit, outerUnwind: outer, isAsync });
  lowerWith(ctx, items, i + 1, body, isAsync, st);
  ctx.frames.pop();
  ctx.b.setUnwind(outer);
  const after = ctx.b.createBlock();
  if (!ctx.b.isTerminated) {
    ctx.continueInNewBlock();
    ctx.setLoc(st.loc);
    ctx.v('with.exit', [ctx.load(exit), ctx.none()]);
    ctx.b.jump(after);
  }
  ctx.b.sealBlock(h);
  ctx.b.switchToBlock(h);
  const e = ctx.newTemp();
  ctx.store(e, ctx.v('exc.fetch'));
  ctx.ins('exc.push', [ctx.load(e)]);
  const cleanup = popAndReraise(ctx, outer);
  ctx.b.setUnwind(cleanup);
  ctx.continueInNewBlock();
  const suppress = ctx.v('with.exit', [ctx.load(exit), ctx.load(e)]);
  ctx.b.setUnwind(outer);
  const sup = ctx.b.createBlock();
  const re = ctx.b.createBlock();
  ctx.b.brif(suppress, sup, re);
  ctx.b.sealBlock(sup);
  ctx.b.sealBlock(re);
  ctx.b.switchToBlock(sup);
  ctx.ins('exc.pop');
  ctx.b.jump(after);
  ctx.b.switchToBlock(re);
  ctx.ins('exc.pop');
  ctx.b.ins('reraise', [ctx.load(e)]);
  ctx.b.sealBlock(cleanup);
  ctx.b.sealBlock(after);
  ctx.b.switchToBlock(after);
}

export type { ValueId };
