// passes/instrument.ts — the `instrument` pass of `molt build --instrument`:
// inserts the `profile.*` ops that make the runtime count, per site of the
// frontend's IR (profile.ts), what really happened. It runs first, before
// every other pass, on the IR where site ids are defined; the pass manager
// computes the module's site table once (`PassContext.instrumentation`) and
// stores it in `Module.siteTable` for the backend to embed. What it inserts
// (the `site` immediate is the site's index in its module's table):
//
// - generic operators, attribute/item ops, `truthy`, `iter`, `iter.next`,
//   `len`: `profile.types` of the typed operands, before the op;
// - `callmethod`: `profile.types` of the receiver; `call`, `call.kw`,
//   `call.ex`, `method.call`, `method.call.kw`: `profile.call` of the callee
//   (for `method.call*`, what `method.load` returned), before the call;
// - `brif`: `profile.branch` of its condition, before it;
// - `guard.*`: `profile.guard` of its result, after it;
// - allocating ops: `profile.count` slot 0 after the op (it ran without raising);
// - loop headers: `profile.count` slot 0 on each entry edge and slot 1 on
//   each back edge (in the predecessor when it ends with a `jump`, else in
//   a new block on the edge).
//
// Inserted ops carry no source location, so the site ids of the instrumented
// IR are those of the frontend's IR (profile-guided may run after this pass
// and still finds its sites). Neighbours: profile.ts, manager.ts,
// profileGuided.ts (which adds `profile.deopt` on failure paths when both run).

import { buildCfg, dominates, type Edge } from '../cfg.js';
import type { Site } from '../profile.js';
import { InternalError, type BlockId, type Function, type InstId, type ValueId } from '../types.js';
import type { Pass, PassContext } from './manager.js';
import { insertInLayoutAfter, newBlock, newInst, terminator } from './util.js';

/** Call sites whose callee (operand 0) `profile.call` counts. */
const CALLEE_SITES: ReadonlySet<string> = new Set(['call', 'call.kw', 'call.ex', 'method.call', 'method.call.kw']);

/** The module's sites and where each one is in the module's site table. */
export interface Instrumentation {
  readonly sites: readonly Site[];
  readonly indexOf: ReadonlyMap<string, number>;
}

export function instrumentationOf(sites: readonly Site[]): Instrumentation {
  return { sites, indexOf: new Map(sites.map((s, i) => [s.id, i])) };
}

/** The operands whose type tags `profile.types` records for a site of `op`. */
export function typedOperands(op: string, args: readonly ValueId[]): readonly ValueId[] {
  switch (op) {
    case 'getattr':
    case 'setattr':
    case 'delattr':
    case 'callmethod':
    case 'callmethod.kw':
      return args.slice(0, 1);
    case 'getitem':
    case 'setitem':
    case 'delitem':
      return args.slice(0, 2);
    default:
      return args;
  }
}

/** Put `inst` right before position `pos` of block `b`. */
function insertAt(fn: Function, b: BlockId, pos: number, inst: InstId): void {
  fn.blocks[b]!.insts.splice(pos, 0, inst);
}

/**
 * Run the (non-raising) instruction `inst` whenever control takes successor
 * `index` of block `from`: before the terminator when it is a `jump`, else
 * in a new block on the edge that jumps on with the same arguments.
 */
export function insertOnEdge(fn: Function, from: BlockId, index: number, inst: InstId): void {
  const block = fn.blocks[from]!;
  const term = terminator(fn, from);
  if (term === undefined) throw new InternalError(`instrument: block${from} has no terminator`);
  if (term.op === 'jump') {
    insertAt(fn, from, block.insts.length - 1, inst);
    return;
  }
  const call = term.targets[index]!;
  const mid = newBlock(fn);
  fn.blocks[mid]!.insts.push(inst);
  fn.blocks[mid]!.insts.push(newInst(fn, 'jump', [], { targets: [{ block: call.block, args: call.args }] }).id);
  term.targets[index] = { block: mid, args: [] };
  insertInLayoutAfter(fn, from, [mid]);
}

/** Count one traversal of `edge` (a loop entry or back edge) with `profile.count site, slot`. */
function countEdge(fn: Function, edge: Edge, site: number, slot: number): void {
  insertOnEdge(fn, edge.from, edge.index, newInst(fn, 'profile.count', [], { imms: [site, slot] }).id);
}

/** Instrument `fn` with the sites of `inst` (the module's table). Returns true when it inserted anything. */
export function instrumentFunction(fn: Function, inst: Instrumentation, funcId: number): boolean {
  const sites = inst.sites.filter((s) => s.funcId === funcId);
  if (sites.length === 0) return false;
  const index = (s: Site): number => inst.indexOf.get(s.id)!;
  // Instruction sites first (positions are found again for each, since insertions move them).
  for (const s of sites) {
    if (s.inst === undefined) continue;
    const block = fn.blocks[s.block]!;
    const pos = block.insts.indexOf(s.inst);
    if (pos < 0) throw new InternalError(`instrument: site ${s.id} is not in block${s.block}`);
    const i = fn.insts[s.inst]!;
    const site = index(s);
    if (s.op === 'brif') {
      insertAt(fn, s.block, pos, newInst(fn, 'profile.branch', [i.args[0]!], { imms: [site] }).id);
    } else if (s.op.startsWith('guard.')) {
      insertAt(fn, s.block, pos + 1, newInst(fn, 'profile.guard', [i.result!], { imms: [site] }).id);
    } else if (CALLEE_SITES.has(s.op)) {
      insertAt(fn, s.block, pos, newInst(fn, 'profile.call', [i.args[0]!], { imms: [site] }).id);
    } else if (s.kinds.includes('types')) {
      insertAt(fn, s.block, pos, newInst(fn, 'profile.types', [...typedOperands(s.op, i.args)], { imms: [site] }).id);
    } else if (s.kinds.includes('alloc')) {
      insertAt(fn, s.block, pos + 1, newInst(fn, 'profile.count', [], { imms: [site, 0] }).id);
    }
  }
  // Loop sites: entry edges count slot 0, back edges slot 1.
  const loops = sites.filter((s) => s.op === 'loop');
  if (loops.length > 0) {
    const cfg = buildCfg(fn);
    for (const s of loops) {
      for (const e of cfg.preds.get(s.block) ?? []) {
        if (e.index < 0) continue; // an unwind edge into a loop header is not counted
        countEdge(fn, e, index(s), dominates(cfg, s.block, e.from) ? 1 : 0);
      }
    }
  }
  return true;
}

export const instrumentPass: Pass = {
  name: 'instrument',
  required: false,
  run: (fn: Function, ctx: PassContext): boolean => {
    if (ctx.instrumentation === undefined) return false;
    return instrumentFunction(fn, ctx.instrumentation, fn.id);
  },
};
