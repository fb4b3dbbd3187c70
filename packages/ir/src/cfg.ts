// cfg.ts — control-flow facts about a function: successor and predecessor
// edges (branch targets and unwind edges), reachability, reverse postorder
// and dominators (Cooper, Harvey & Kennedy, "A Simple, Fast Dominance
// Algorithm"). Neighbours: verifier.ts (dominance of uses), passes/*.

import type { BlockCall, BlockId, Function } from './types.js';

/** An edge into a block: from `from`'s terminator target `index`, or its unwind edge (`index` = -1). */
export interface Edge {
  readonly from: BlockId;
  readonly to: BlockId;
  readonly index: number;
}

/** The block call of an edge. */
export function edgeCall(fn: Function, e: Edge): BlockCall | undefined {
  const b = fn.blocks[e.from];
  if (b === undefined) return undefined;
  if (e.index === -1) return b.unwind;
  const last = b.insts[b.insts.length - 1];
  return last === undefined ? undefined : fn.insts[last]?.targets[e.index];
}

/** Edges out of a block: its last instruction's targets, then its unwind edge. */
export function outEdges(fn: Function, b: BlockId): Edge[] {
  const block = fn.blocks[b];
  if (block === undefined) return [];
  const out: Edge[] = [];
  const last = block.insts[block.insts.length - 1];
  const term = last === undefined ? undefined : fn.insts[last];
  term?.targets.forEach((t, i) => out.push({ from: b, to: t.block, index: i }));
  if (block.unwind !== undefined) out.push({ from: b, to: block.unwind.block, index: -1 });
  return out;
}

export interface Cfg {
  readonly succs: Map<BlockId, Edge[]>;
  readonly preds: Map<BlockId, Edge[]>;
  /** Reachable blocks from the entry, in reverse postorder. */
  readonly rpo: BlockId[];
  /** Immediate dominator of each reachable block (the entry maps to itself). */
  readonly idom: Map<BlockId, BlockId>;
  /** Dominator-tree DFS intervals: `a` dominates `b` iff pre[a] <= pre[b] && post[b] <= post[a]. */
  readonly domPre: Map<BlockId, number>;
  readonly domPost: Map<BlockId, number>;
}

/** Build CFG facts over the blocks in the layout (edges to blocks outside the layout are ignored). */
export function buildCfg(fn: Function): Cfg {
  const inLayout = new Set(fn.layout);
  const succs = new Map<BlockId, Edge[]>();
  const preds = new Map<BlockId, Edge[]>();
  for (const b of fn.layout) preds.set(b, []);
  for (const b of fn.layout) {
    const es = outEdges(fn, b).filter((e) => inLayout.has(e.to));
    succs.set(b, es);
    for (const e of es) preds.get(e.to)!.push(e);
  }
  const rpo: BlockId[] = [];
  const entry = fn.layout[0];
  if (entry !== undefined) {
    const seen = new Set<BlockId>([entry]);
    const post: BlockId[] = [];
    const stack: [BlockId, number][] = [[entry, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const es = succs.get(top[0]) ?? [];
      if (top[1] < es.length) {
        const to = es[top[1]++]!.to;
        if (!seen.has(to)) {
          seen.add(to);
          stack.push([to, 0]);
        }
      } else {
        post.push(top[0]);
        stack.pop();
      }
    }
    for (let i = post.length - 1; i >= 0; i--) rpo.push(post[i]!);
  }
  const idom = new Map<BlockId, BlockId>();
  if (entry !== undefined) {
    const order = new Map(rpo.map((b, i) => [b, i]));
    idom.set(entry, entry);
    const intersect = (a: BlockId, b: BlockId): BlockId => {
      let x = a;
      let y = b;
      while (x !== y) {
        while (order.get(x)! > order.get(y)!) x = idom.get(x)!;
        while (order.get(y)! > order.get(x)!) y = idom.get(y)!;
      }
      return x;
    };
    let changed = true;
    while (changed) {
      changed = false;
      for (const b of rpo) {
        if (b === entry) continue;
        let nd: BlockId | undefined;
        for (const e of preds.get(b)!) {
          if (!idom.has(e.from)) continue;
          nd = nd === undefined ? e.from : intersect(e.from, nd);
        }
        if (nd !== undefined && idom.get(b) !== nd) {
          idom.set(b, nd);
          changed = true;
        }
      }
    }
  }
  const domPre = new Map<BlockId, number>();
  const domPost = new Map<BlockId, number>();
  if (entry !== undefined) {
    const children = new Map<BlockId, BlockId[]>();
    for (const [b, d] of idom) if (b !== d) (children.get(d) ?? children.set(d, []).get(d)!).push(b);
    let clock = 0;
    const stack: [BlockId, number][] = [[entry, 0]];
    domPre.set(entry, clock++);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const cs = children.get(top[0]) ?? [];
      if (top[1] < cs.length) {
        const c = cs[top[1]++]!;
        domPre.set(c, clock++);
        stack.push([c, 0]);
      } else {
        domPost.set(top[0], clock++);
        stack.pop();
      }
    }
  }
  return { succs, preds, rpo, idom, domPre, domPost };
}

/** True when `a` dominates `b` (both reachable); a block dominates itself. */
export function dominates(cfg: Cfg, a: BlockId, b: BlockId): boolean {
  const pa = cfg.domPre.get(a);
  const pb = cfg.domPre.get(b);
  if (pa === undefined || pb === undefined) return false;
  return pa <= pb && cfg.domPost.get(b)! <= cfg.domPost.get(a)!;
}
