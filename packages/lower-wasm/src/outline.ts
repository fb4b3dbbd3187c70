// outline.ts — which loops of an IR function the wasm lowering moves into a
// function of their own, and the values that cross between the two.
//
// Why: V8 (Node, Chrome) first compiles wasm with its baseline compiler and
// re-compiles a function with the optimising one once it has run enough,
// but a running call keeps its baseline code (no on-stack replacement). A
// hot loop in a function that is called once (a `main`, a module body, a
// simulation step loop) would run to the end at baseline speed. Each
// outermost loop therefore becomes a function that runs at most
// LOOP_CHUNK back edges per call and is called again until the loop exits,
// so the loop's later chunks run optimised code. Other hosts (wasmtime,
// WAMR's AOT) see one extra call per chunk.
//
// Neighbours: function.ts (lowers the caller and the loop functions),
// @molt/ir cfg.ts (edges, dominators). Described in the package README
// ("Loop functions and V8's tiers").

import { buildCfg, dominates, outEdges, type BlockId, type Function, type ValueId } from '@molt/ir';

/** In the name of every loop function (`fn$loop0`). */
export const LOOP_FUNCTION_MARK = '$loop';

/** Back edges a loop function runs per call before it returns to its caller, which calls it again. */
export const LOOP_CHUNK = 10_000;

/** One outermost loop of a function, lowered as a function of its own (see the file comment). */
export interface LoopRegion {
  /** The loop header: every edge into the region from outside goes to it. */
  readonly header: BlockId;
  /** The blocks of the loop, header included. */
  readonly blocks: ReadonlySet<BlockId>;
  /** Where a call may resume: the header, then the headers of inner loops (layout order). */
  readonly resumes: readonly BlockId[];
  /** The loop function's value parameters (after the i32 resume index): every value live at a resume header, ascending. */
  readonly params: readonly ValueId[];
  /** Per resume header, the values defined in the region and live at it: saved when a call stops there. */
  readonly saved: readonly (readonly ValueId[])[];
  /** Values defined in the region and used outside it: handed back on every exit edge. */
  readonly liveOuts: readonly ValueId[];
  /** Blocks outside the region that edges of the region go to (layout order). */
  readonly exits: readonly BlockId[];
}

/** The values an instruction, block call or block reads. */
function blockUses(fn: Function, b: BlockId): { uses: Set<ValueId>; defs: Set<ValueId> } {
  const block = fn.blocks[b]!;
  const defs = new Set<ValueId>(block.params);
  const uses = new Set<ValueId>();
  const use = (v: ValueId): void => {
    if (!defs.has(v)) uses.add(v);
  };
  // Unwind arguments are read at the start of the block.
  for (const v of block.unwind?.args ?? []) use(v);
  for (const id of block.insts) {
    const inst = fn.insts[id]!;
    for (const v of inst.args) use(v);
    for (const t of inst.targets) for (const v of t.args) use(v);
    if (inst.result !== undefined) defs.add(inst.result);
  }
  return { uses, defs };
}

type BlockUses = ReadonlyMap<BlockId, { uses: Set<ValueId>; defs: Set<ValueId> }>;

/** Live-in sets of every block in the layout (block parameters are defined at entry, so not live-in). */
function liveIn(fn: Function, info: BlockUses): Map<BlockId, Set<ValueId>> {
  const live = new Map<BlockId, Set<ValueId>>(fn.layout.map((b) => [b, new Set(info.get(b)!.uses)]));
  const order = [...fn.layout].reverse();
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of order) {
      const mine = live.get(b)!;
      const { defs } = info.get(b)!;
      for (const e of outEdges(fn, b)) {
        for (const v of live.get(e.to) ?? []) {
          if (!defs.has(v) && !mine.has(v)) {
            mine.add(v);
            changed = true;
          }
        }
      }
    }
  }
  return live;
}

/** True when `fn` is lowered as a generator state machine (its loops are not outlined). */
function isGenerator(fn: Function): boolean {
  return fn.insts.some((i) => i.op === 'gen.yield' || i.op === 'gen.return');
}

/** The outermost loops of `fn` to outline, in layout order; none for generators. */
export function loopRegions(fn: Function): LoopRegion[] {
  if (fn.layout.length < 2 || isGenerator(fn)) return [];
  const cfg = buildCfg(fn);
  const pos = new Map(fn.layout.map((b, i) => [b, i]));
  // Natural loops: a back edge a -> h (h dominates a) adds every block that reaches a without passing h.
  const loops = new Map<BlockId, Set<BlockId>>();
  for (const b of cfg.rpo) {
    for (const e of cfg.succs.get(b) ?? []) {
      if (!dominates(cfg, e.to, b)) continue;
      const body = loops.get(e.to) ?? loops.set(e.to, new Set([e.to])).get(e.to)!;
      const work = [b];
      while (work.length > 0) {
        const x = work.pop()!;
        if (body.has(x)) continue;
        body.add(x);
        for (const p of cfg.preds.get(x) ?? []) if (cfg.idom.has(p.from)) work.push(p.from);
      }
    }
  }
  const headers = [...loops.keys()].sort((a, b) => pos.get(a)! - pos.get(b)!);
  const outer = headers.filter((h) => h !== fn.layout[0] && !headers.some((o) => o !== h && loops.get(o)!.has(h)));
  if (outer.length === 0) return [];
  const info: BlockUses = new Map(fn.layout.map((b) => [b, blockUses(fn, b)] as const));
  const live = liveIn(fn, info);
  const instBlock = new Map<number, BlockId>();
  for (const b of fn.layout) for (const i of fn.blocks[b]!.insts) instBlock.set(i, b);
  const defBlock = (v: ValueId): BlockId | undefined => {
    const d = fn.values[v]!.def;
    return d.kind === 'param' ? d.block : instBlock.get(d.inst);
  };
  // A region is entered at its header only (an unreachable block may still branch into it: keep such a loop).
  const enteredOnlyAtHeader = (h: BlockId): boolean => {
    const blocks = loops.get(h)!;
    return fn.layout.every((b) => blocks.has(b) || outEdges(fn, b).every((e) => e.to === h || !blocks.has(e.to)));
  };
  return outer.filter(enteredOnlyAtHeader).map((h) => {
    const blocks = loops.get(h)!;
    const resumes = [h, ...headers.filter((x) => x !== h && blocks.has(x))];
    const inRegion = (v: ValueId): boolean => {
      const d = defBlock(v);
      return d !== undefined && blocks.has(d);
    };
    const params = [...new Set(resumes.flatMap((r) => [...live.get(r)!, ...fn.blocks[r]!.params]))].sort((a, b) => a - b);
    const saved = resumes.map((r) => [...new Set([...live.get(r)!, ...fn.blocks[r]!.params])].filter(inRegion).sort((a, b) => a - b));
    const outside = new Set<ValueId>();
    const exits: BlockId[] = [];
    for (const b of fn.layout) {
      if (blocks.has(b)) {
        for (const e of outEdges(fn, b)) if (!blocks.has(e.to) && !exits.includes(e.to)) exits.push(e.to);
        continue;
      }
      for (const v of info.get(b)!.uses) if (inRegion(v)) outside.add(v);
    }
    exits.sort((a, b) => pos.get(a)! - pos.get(b)!);
    return { header: h, blocks, resumes, params, saved, liveOuts: [...outside].sort((a, b) => a - b), exits };
  });
}
