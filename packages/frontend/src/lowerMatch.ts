// lowerMatch.ts — `match` statements: each pattern compiles to tests that
// branch to the next case on failure (match.sequence/mapping/class/keys,
// len, getitem, eq, is), binding captures as it goes.
// Neighbours: lowerStmt.ts (caller), lowerExpr.ts (values, stores).

import type { BlockId, ValueId } from '@molt/ir';
import type { Pattern, Stmt } from './ast.js';
import type { FnCtx } from './context.js';
import { lowerConst, lowerCond, lowerExpr, storeName } from './lowerExpr.js';
import { lowerBody } from './lowerStmt.js';

export function lowerMatch(ctx: FnCtx, st: Extract<Stmt, { kind: 'Match' }>): void {
  const subj = ctx.newTemp();
  ctx.store(subj, lowerExpr(ctx, st.subject));
  const after = ctx.b.createBlock();
  for (const c of st.cases) {
    const fail = ctx.b.createBlock();
    ctx.setLoc(c.pattern.loc);
    lowerPattern(ctx, c.pattern, ctx.load(subj), fail);
    if (c.guard !== undefined) branchIf(ctx, lowerCond(ctx, c.guard), fail);
    lowerBody(ctx, c.body);
    if (!ctx.b.isTerminated) ctx.b.jump(after);
    ctx.b.sealBlock(fail);
    ctx.b.switchToBlock(fail);
  }
  ctx.b.jump(after);
  ctx.b.sealBlock(after);
  ctx.b.switchToBlock(after);
}

/** Continue when `cond` holds, else go to `fail`. */
function branchIf(ctx: FnCtx, cond: ValueId, fail: BlockId): void {
  const ok = ctx.b.createBlock();
  ctx.b.brif(cond, ok, fail);
  ctx.b.sealBlock(ok);
  ctx.b.switchToBlock(ok);
}

function lowerPattern(ctx: FnCtx, p: Pattern, subject: ValueId, fail: BlockId): void {
  const hold = ctx.newTemp();
  ctx.store(hold, subject);
  const s = (): ValueId => ctx.load(hold);
  switch (p.kind) {
    case 'MatchAs':
      if (p.pattern !== undefined) lowerPattern(ctx, p.pattern, s(), fail);
      if (p.name !== undefined) storeName(ctx, p.name, s());
      return;
    case 'MatchValue': {
      const v = lowerExpr(ctx, p.value);
      branchIf(ctx, ctx.v('truthy', [ctx.v('eq', [s(), v])]), fail);
      return;
    }
    case 'MatchSingleton':
      branchIf(ctx, ctx.v('is', [s(), lowerConst(ctx, p.value)]), fail);
      return;
    case 'MatchOr': {
      const ok = ctx.b.createBlock();
      p.patterns.forEach((q, i) => {
        const next = ctx.b.createBlock();
        lowerPattern(ctx, q, s(), i === p.patterns.length - 1 ? fail : next);
        ctx.b.jump(ok);
        ctx.b.sealBlock(next);
        ctx.b.switchToBlock(next);
        if (i === p.patterns.length - 1) ctx.b.jump(fail);
      });
      ctx.b.sealBlock(ok);
      ctx.b.switchToBlock(ok);
      return;
    }
    case 'MatchSequence': {
      branchIf(ctx, ctx.v('match.sequence', [s()]), fail);
      const star = p.patterns.findIndex((q) => q.kind === 'MatchStar');
      const n = ctx.v('len', [s()]);
      const fixed = star < 0 ? p.patterns.length : p.patterns.length - 1;
      const want = ctx.v('iconst', [], [fixed]);
      branchIf(ctx, ctx.v(star < 0 ? 'i64.eq' : 'i64.ge', [n, want]), fail);
      if (star < 0) {
        p.patterns.forEach((q, i) => lowerPattern(ctx, q, ctx.v('getitem', [s(), ctx.v('const.int', [], [BigInt(i)])]), fail));
        return;
      }
      const parts = ctx.newTemp();
      ctx.store(parts, ctx.v('unpack.ex', [s()], [star, p.patterns.length - star - 1]));
      p.patterns.forEach((q, i) => {
        const item = ctx.v('tuple.get', [ctx.load(parts)], [i]);
        if (q.kind === 'MatchStar') {
          if (q.name !== undefined) storeName(ctx, q.name, item);
        } else lowerPattern(ctx, q, item, fail);
      });
      return;
    }
    case 'MatchStar':
      if (p.name !== undefined) storeName(ctx, p.name, s());
      return;
    case 'MatchMapping': {
      branchIf(ctx, ctx.v('match.mapping', [s()]), fail);
      const keys = ctx.newTemp();
      ctx.store(keys, ctx.v('tuple.new', p.keys.map((k) => lowerExpr(ctx, k))));
      const vals = ctx.newTemp();
      ctx.store(vals, ctx.v('match.keys', [s(), ctx.load(keys)]));
      branchIf(ctx, ctx.v('bnot', [ctx.v('is', [ctx.load(vals), ctx.none()])]), fail);
      p.patterns.forEach((q, i) => lowerPattern(ctx, q, ctx.v('tuple.get', [ctx.load(vals)], [i]), fail));
      if (p.rest !== undefined) storeName(ctx, p.rest, ctx.v('match.rest', [s(), ctx.load(keys)]));
      return;
    }
    case 'MatchClass': {
      const cls = lowerExpr(ctx, p.cls);
      const names = ctx.v('tuple.new', p.kwdAttrs.map((a) => ctx.str(a)));
      const r = ctx.newTemp();
      ctx.store(r, ctx.v('match.class', [s(), cls, names], [p.patterns.length]));
      branchIf(ctx, ctx.v('bnot', [ctx.v('is', [ctx.load(r), ctx.none()])]), fail);
      [...p.patterns, ...p.kwdPatterns].forEach((q, i) => lowerPattern(ctx, q, ctx.v('tuple.get', [ctx.load(r)], [i]), fail));
      return;
    }
  }
}
