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
import { awaitNext, awaitValue, emitReturn, lowerFunctionDef, lowerTypeAlias } from './lowerFunction.js';
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
      // PEP 526: annotations of locals are never evaluated; at module and class level a simple
      // name's annotation is stored in `__annotations__`, any other target's is evaluated and dropped.
      if (ctx.cur.isFunctionLike) return;
      if (st.simple && st.target.kind === 'Name') {
        const ann = lowerExpr(ctx, st.annotation);
        const d = loadName(ctx, '__annotations__');
        ctx.ins('setitem', [d, ctx.str(st.target.id), ann]);
      } else {
        if (st.value === undefined && st.target.kind === 'Attribute') lowerExpr(ctx, st.target.value);
        if (st.value === undefined && st.target.kind === 'Subscript') lowerAll(ctx, [st.target.value, st.target.slice]);
        lowerExpr(ctx, st.annotation);
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
        lowerAsyncFor(ctx, st);
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
      if (ctx.frames.slice(i + 1).some((f) => f.kind === 'starHandler')) {
        ctx.m.diags.error(Codes.misplacedStatement, "'break', 'continue' and 'return' cannot appear in an except* block", st.loc);
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
      if (ctx.frames.some((f) => f.kind === 'starHandler')) {
        ctx.m.diags.error(Codes.misplacedStatement, "'break', 'continue' and 'return' cannot appear in an except* block", st.loc);
        return;
      }
      if (st.value !== undefined && ctx.scope.isCoroutine && ctx.scope.isGenerator && ctx.cur === ctx.scope) {
        ctx.m.diags.error(Codes.misplacedStatement, "'return' with value in async generator", st.loc);
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
    case 'TypeAlias': {
      const alias = lowerTypeAlias(ctx, st);
      ctx.setLoc(st.loc);
      storeName(ctx, st.name, alias);
      return;
    }
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
    if (f.kind === 'loop' || f.kind === 'starHandler') continue;
    ctx.b.setUnwind(f.outerUnwind);
    ctx.continueInNewBlock();
    ctx.frames.length = i;
    switch (f.kind) {
      case 'finally': lowerBody(ctx, f.body); break;
      case 'handler': ctx.ins('exc.pop'); if (f.name !== undefined) clearName(ctx, f.name); break;
      case 'with': withExit(ctx, f, undefined); break;
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
  const tryExcept = st.isStar ? lowerTryStar : lowerTryExcept;
  if (st.finalbody.length === 0) {
    tryExcept(ctx, st.body, st.handlers, st.orelse);
    return;
  }
  const outer = ctx.b.unwind;
  const fh = ctx.b.createBlock();
  ctx.b.setUnwind(fh);
  ctx.continueInNewBlock();
  ctx.frames.push({ kind: 'finally', body: st.finalbody, outerUnwind: outer });
  if (st.handlers.length > 0) tryExcept(ctx, st.body, st.handlers, st.orelse);
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
  if (handlers.length === 0 || handlers[handlers.length - 1]!.type !== undefined) {
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

/**
 * `try ... except* T as n: ...` (PEP 654, as CPython 3.12): the exception is split clause by clause
 * with `exc.split` (a naked exception is wrapped in an `ExceptionGroup('', [e])` by the runtime when it
 * matches); each matching clause runs with the matched group as the handled exception; exceptions
 * raised by handlers are collected, and with the unmatched rest the runtime's builtin
 * `__molt_prep_reraise_star(orig, excs)` computes what propagates (None: nothing), like CPython's
 * `_PyExc_PrepReraiseStar` (re-raised parts keep the original group's shape).
 */
function lowerTryStar(ctx: FnCtx, body: Stmt[], handlers: ExceptHandler[], orelse: Stmt[]): void {
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
  ctx.b.setUnwind(cleanup);
  ctx.continueInNewBlock();
  const rest = ctx.newTemp();
  ctx.store(rest, ctx.load(e));
  const raised = ctx.newTemp();
  ctx.store(raised, ctx.v('list.new'));
  const done = ctx.b.createBlock();
  for (const hd of handlers) {
    ctx.setLoc(hd.loc);
    const test = ctx.b.createBlock();
    ctx.b.brif(ctx.v('is', [ctx.load(rest), ctx.none()]), done, test);
    ctx.b.sealBlock(test);
    ctx.b.switchToBlock(test);
    const t = hd.type === undefined ? ctx.v('builtin', [ctx.str('BaseException')]) : lowerExpr(ctx, hd.type);
    ctx.setLoc(hd.loc);
    const pair = ctx.v('exc.split', [ctx.load(rest), t]);
    const matched = ctx.newTemp();
    ctx.store(matched, ctx.v('tuple.get', [pair], [0]));
    ctx.store(rest, ctx.v('tuple.get', [pair], [1]));
    const yes = ctx.b.createBlock();
    const next = ctx.b.createBlock();
    ctx.b.brif(ctx.v('is', [ctx.load(matched), ctx.none()]), next, yes);
    ctx.b.sealBlock(yes);
    ctx.b.switchToBlock(yes);
    ctx.ins('exc.push', [ctx.load(matched)]);
    // An exception raised by the handler body is collected, not propagated.
    const caught = ctx.b.createBlock();
    ctx.b.setUnwind(caught);
    ctx.continueInNewBlock();
    if (hd.name !== undefined) storeName(ctx, hd.name, ctx.load(matched));
    ctx.frames.push({ kind: 'starHandler' });
    lowerBody(ctx, hd.body);
    ctx.frames.pop();
    ctx.b.setUnwind(cleanup);
    if (!ctx.b.isTerminated) {
      ctx.continueInNewBlock();
      ctx.ins('exc.pop');
      if (hd.name !== undefined) clearName(ctx, hd.name);
      ctx.b.jump(next);
    }
    ctx.b.sealBlock(caught);
    ctx.b.switchToBlock(caught);
    const x = ctx.hold(ctx.v('exc.fetch'), false);
    ctx.ins('exc.pop');
    if (hd.name !== undefined) clearName(ctx, hd.name);
    ctx.ins('list.append', [ctx.load(raised), x()]);
    ctx.b.jump(next);
    ctx.b.sealBlock(next);
    ctx.b.switchToBlock(next);
  }
  ctx.b.jump(done);
  ctx.b.sealBlock(done);
  ctx.b.switchToBlock(done);
  ctx.ins('list.append', [ctx.load(raised), ctx.load(rest)]);
  const prep = ctx.v('builtin', [ctx.str('__molt_prep_reraise_star')]);
  const res = ctx.hold(ctx.v('call', [prep, ctx.load(e), ctx.load(raised)]), false);
  ctx.b.setUnwind(outer);
  const none = ctx.b.createBlock();
  const some = ctx.b.createBlock();
  ctx.b.brif(ctx.v('is', [res(), ctx.none()]), none, some);
  ctx.b.sealBlock(none);
  ctx.b.sealBlock(some);
  ctx.b.switchToBlock(none);
  ctx.ins('exc.pop');
  ctx.b.jump(after);
  ctx.b.switchToBlock(some);
  ctx.ins('exc.pop');
  ctx.b.ins('reraise', [res()]);
  ctx.b.sealBlock(cleanup);
  ctx.b.sealBlock(after);
  ctx.b.switchToBlock(after);
}

/** True where `async for`/`async with` may appear (the body of an `async def`); diagnoses otherwise. */
function checkAsyncContext(ctx: FnCtx, what: string, st: Stmt): boolean {
  if (ctx.isResume && ctx.cur.kind !== 'class' && ctx.scope.isCoroutine && !ctx.scope.isTypeParams) return true;
  ctx.m.diags.error(Codes.misplacedStatement, `'${what}' outside async function`, st.loc);
  return false;
}

/**
 * `async for t in it: ...`: `aiter` once, then per step `await anext(it)`; `StopAsyncIteration`
 * raised by that await ends the loop (the else clause runs), any other exception propagates.
 */
function lowerAsyncFor(ctx: FnCtx, st: Extract<Stmt, { kind: 'For' }>): void {
  if (!checkAsyncContext(ctx, 'async for', st)) return;
  const it = ctx.newTemp();
  ctx.store(it, ctx.v('aiter', [lowerExpr(ctx, st.iter)]));
  const head = ctx.b.createBlock();
  const body = ctx.b.createBlock();
  const orelse = ctx.b.createBlock();
  const after = ctx.b.createBlock();
  ctx.b.jump(head);
  ctx.b.switchToBlock(head);
  ctx.setLoc(st.loc);
  assignTo(ctx, st.target, awaitNext(ctx, ctx.load(it), body, orelse));
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
}

/**
 * Leave a `with` block: sync `with.exit(exit, exc|None)`; async `await exit(mgr, type(e), e, tb)`
 * (or `(mgr, None, None, None)`) with `__aexit__` looked up on the type. Returns "suppress".
 */
function withExit(ctx: FnCtx, f: Extract<Frame, { kind: 'with' }>, exc: Storage | undefined): ValueId {
  if (!f.isAsync) return ctx.v('with.exit', [ctx.load(f.exit), exc === undefined ? ctx.none() : ctx.load(exc)]);
  let r: ValueId;
  if (exc === undefined) r = ctx.v('call', [ctx.load(f.exit), ctx.load(f.mgr!), ctx.none(), ctx.none(), ctx.none()]);
  else {
    const t = ctx.v('call', [ctx.v('builtin', [ctx.str('type')]), ctx.load(exc)]);
    const tb = ctx.v('getattr', [ctx.load(exc), ctx.str('__traceback__')]);
    r = ctx.v('call', [ctx.load(f.exit), ctx.load(f.mgr!), t, ctx.load(exc), tb]);
  }
  return ctx.v('truthy', [awaitValue(ctx, r)]);
}

function lowerWith(ctx: FnCtx, items: WithItem[], i: number, body: Stmt[], isAsync: boolean, st: Stmt): void {
  if (isAsync && i === 0 && !checkAsyncContext(ctx, 'async with', st)) return;
  if (i === items.length) {
    lowerBody(ctx, body);
    return;
  }
  const item = items[i]!;
  const mgrValue = lowerExpr(ctx, item.contextExpr);
  ctx.setLoc(st.loc);
  const exit: Storage = ctx.newTemp();
  let mgr: Storage | undefined;
  let val: ValueId;
  if (!isAsync) {
    const pair = ctx.v('with.enter', [mgrValue]);
    ctx.store(exit, ctx.v('tuple.get', [pair], [0]));
    val = ctx.v('tuple.get', [pair], [1]);
  } else {
    mgr = ctx.newTemp();
    ctx.store(mgr, mgrValue);
    const tp = ctx.v('call', [ctx.v('builtin', [ctx.str('type')]), ctx.load(mgr)]);
    const enter = ctx.v('getattr', [tp, ctx.str('__aenter__')]);
    ctx.store(exit, ctx.v('getattr', [tp, ctx.str('__aexit__')]));
    val = awaitValue(ctx, ctx.v('call', [enter, ctx.load(mgr)]));
  }
  const frame: Extract<Frame, { kind: 'with' }> = { kind: 'with', exit, outerUnwind: ctx.b.unwind, isAsync, mgr };
  const outer = ctx.b.unwind;
  const h = ctx.b.createBlock();
  ctx.b.setUnwind(h);
  ctx.continueInNewBlock();
  if (item.optionalVars !== undefined) assignTo(ctx, item.optionalVars, val);
  ctx.frames.push(frame);
  lowerWith(ctx, items, i + 1, body, isAsync, st);
  ctx.frames.pop();
  ctx.b.setUnwind(outer);
  const after = ctx.b.createBlock();
  if (!ctx.b.isTerminated) {
    ctx.continueInNewBlock();
    ctx.setLoc(st.loc);
    withExit(ctx, frame, undefined);
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
  const suppress = withExit(ctx, frame, e);
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
