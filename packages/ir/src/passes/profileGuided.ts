// passes/profileGuided.ts — profile-guided specialisation from a runtime
// profile (`PassContext.runtimeProfile`, read by @molt/runtime-feedback from
// molt_runtime_feedback.json). It runs first in the pipeline, on the
// frontend's IR, because that is where the profile's site ids were computed
// (profile.ts). With no profile it does nothing. What it does:
//
// - Binary ops: a generic arithmetic or comparison whose observed operand
//   types are `int,int` (or `float,float`) in at least 95% of at least
//   PGO_MIN_EXECUTIONS executions becomes a guarded unboxed fast path with the
//   generic op on the failure path (typeInfer.ts's rewrite).
// - Calls: a positional `call` or `method.call` whose observed callee is one
//   compiled function of this module in at least 95% of executions becomes
//   `guard.code` (of `method.func` for a method) + `call.direct` (which the
//   inline pass may then inline) with the generic call on the failure path.
// - Layout: blocks reachable only through branch directions never taken
//   (with enough executions) are cold and go to the end of the layout; each
//   profiled `brif` has its likelier successor placed right after it.
//
// Every rewrite keeps the original generic op on a failure path, so a wrong
// or foreign profile costs speed, never semantics; unknown site ids are
// ignored. Cold code is left generic. In a build that is also instrumented
// (`--instrument --feedback`), every edge into a failure path counts a
// `profile.deopt` of the site with its reason (type, overflow, zero-division,
// target). Neighbours: profile.ts (sites and
// profile types), passes/typeInfer.ts, passes/util.ts, passes/inline.ts.

import { buildCfg, type Edge } from '../cfg.js';
import { dominantKey, functionSites, siteRecord, type RuntimeProfile, type Site } from '../profile.js';
import { InternalError, type BlockId, type Function, type InstId, type Module } from '../types.js';
import type { Pass, PassContext } from './manager.js';
import { insertOnEdge } from './instrument.js';
import { canSpeculateBinary, speculateBinary } from './typeInfer.js';
import { adoptAsParam, constOf, insertInLayoutAfter, instBlocks, newBlock, newInst, splitBlockAfter, terminator } from './util.js';

/** Sites executed fewer times than this are not specialised (not enough evidence). */
export const PGO_MIN_EXECUTIONS = 16;
/** Share of executions the dominant type or target needs for a fast path. */
export const PGO_DOMINANT_SHARE = 0.95;

interface Branch {
  readonly executions: number;
  readonly taken: number;
  readonly notTaken: number;
}

/** The profiled `brif`s of `fn`, by the block they end. */
function branchesOf(fn: Function, sites: readonly Site[], profile: RuntimeProfile): Map<BlockId, Branch> {
  const m = new Map<BlockId, Branch>();
  for (const s of sites) {
    if (s.op !== 'brif' || s.inst === undefined) continue;
    const r = siteRecord(profile, s.id, 'branch');
    if (r === undefined || r.executions < PGO_MIN_EXECUTIONS) continue;
    if (terminator(fn, s.block) !== fn.insts[s.inst]) continue;
    m.set(s.block, r);
  }
  return m;
}

/** Blocks reachable from the entry only through branch directions the profile never saw taken. */
export function coldBlocks(fn: Function, branches: ReadonlyMap<BlockId, Branch>): Set<BlockId> {
  const cfg = buildCfg(fn);
  const hot = new Set<BlockId>();
  const entry = fn.layout[0];
  if (entry === undefined) return new Set();
  const work = [entry];
  hot.add(entry);
  while (work.length > 0) {
    const b = work.pop()!;
    const br = branches.get(b);
    for (const e of cfg.succs.get(b) ?? []) {
      if (br !== undefined && e.index >= 0 && (e.index === 0 ? br.taken : br.notTaken) === 0) continue;
      if (!hot.has(e.to)) {
        hot.add(e.to);
        work.push(e.to);
      }
    }
  }
  return new Set(cfg.rpo.filter((b) => !hot.has(b)));
}

/** Reorder the layout: likelier successors follow their branch; cold blocks go last. */
function reorderLayout(fn: Function, branches: ReadonlyMap<BlockId, Branch>): boolean {
  if (branches.size === 0) return false;
  const cold = coldBlocks(fn, branches);
  const entry = fn.layout[0]!;
  const placed = new Set<BlockId>();
  const out: BlockId[] = [];
  const likely = (b: BlockId): BlockId | undefined => {
    const br = branches.get(b);
    if (br === undefined) return undefined;
    return terminator(fn, b)!.targets[br.taken >= br.notTaken ? 0 : 1]!.block;
  };
  for (const b of fn.layout) {
    let cur: BlockId | undefined = b;
    while (cur !== undefined && !placed.has(cur) && !cold.has(cur) && (cur === b || cur !== entry)) {
      out.push(cur);
      placed.add(cur);
      cur = likely(cur);
    }
  }
  for (const b of fn.layout) if (cold.has(b)) out.push(b);
  const changed = out.some((b, i) => b !== fn.layout[i]);
  if (out.length !== fn.layout.length) throw new InternalError('profile-guided: the new layout lost blocks');
  fn.layout = out;
  return changed;
}

/** The IR function a call-target key (`<module>:<qualname>`) names, when it is unique and callable by `call.direct` with `nargs` arguments. */
function directTarget(module: Module, key: string, nargs: number): Function | undefined {
  const found = module.functions.filter((f) => f.py !== undefined && `${module.name}:${f.py.qualname}` === key && !f.py.flags.module && !f.py.flags.resume);
  if (found.length !== 1) return undefined;
  const f = found[0]!;
  const ok = f.py!.params.length === nargs && f.py!.params.every((p) => p.kind === 'normal' || p.kind === 'posonly') && f.params.length === nargs + 1 && f.params.every((t) => t === 'obj');
  return ok ? f : undefined;
}

/**
 * Rewrite `r = call f, args...` (or `r = method.call m, obj, args...`) at
 * `pos` of `b0` into `guard.code` + `call.direct` with the generic call on
 * the failure path. For `method.call` the guard checks `method.func m` (the
 * function of a METHOD word, else `None`) and the direct call passes `obj`
 * first, as `method.call` does for a METHOD word.
 */
function speculateCall(fn: Function, b0: BlockId, pos: number, target: Function, blockOf: Map<InstId, BlockId>, deoptSite: number | undefined): void {
  const block = fn.blocks[b0]!;
  const inst = fn.insts[block.insts[pos]!]!;
  const loc = inst.loc;
  const joinB = splitBlockAfter(fn, b0, pos);
  for (const m of fn.blocks[joinB]!.insts) blockOf.set(m, joinB);
  block.insts.pop();
  adoptAsParam(fn, joinB, inst.result!);
  const fast = newBlock(fn, block.unwind);
  const slow = newBlock(fn, block.unwind);
  let callee = inst.args[0]!;
  if (inst.op === 'method.call') {
    const f = newInst(fn, 'method.func', [callee], { loc });
    block.insts.push(f.id);
    callee = f.result!;
  }
  const g = newInst(fn, 'guard.code', [callee], { imms: [target.id], loc });
  block.insts.push(g.id);
  const br = newInst(fn, 'brif', [g.result!], { targets: [{ block: fast, args: [] }, { block: slow, args: [] }], loc });
  block.insts.push(br.id);
  const direct = newInst(fn, 'call.direct', [callee, ...inst.args.slice(1)], { imms: [target.id], loc });
  const generic = newInst(fn, inst.op, [...inst.args], { loc });
  for (const [b, c] of [[fast, direct], [slow, generic]] as const) {
    fn.blocks[b]!.insts.push(c.id);
    blockOf.set(c.id, b);
    const j = newInst(fn, 'jump', [], { targets: [{ block: joinB, args: [c.result!] }], loc });
    fn.blocks[b]!.insts.push(j.id);
  }
  if (deoptSite !== undefined) fn.blocks[slow]!.insts.unshift(newInst(fn, 'profile.deopt', [], { imms: [deoptSite, DEOPT_TARGET] }).id);
  insertInLayoutAfter(fn, b0, [fast, slow]);
}

/** Deopt reasons of `profile.deopt` (specs/runtime-feedback.md §2). */
const DEOPT_TYPE = 0;
const DEOPT_OVERFLOW = 1;
const DEOPT_ZERO_DIVISION = 2;
const DEOPT_TARGET = 3;

/** Why a `brif` of a speculated fast path goes to the failure path: from its condition's op. */
function deoptReason(fn: Function, from: BlockId): number {
  const t = terminator(fn, from);
  const d = t === undefined || t.op !== 'brif' ? undefined : fn.values[t.args[0]!]!.def;
  const op = d?.kind === 'inst' ? fn.insts[d.inst]!.op : '';
  if (op.startsWith('i64.ovf_')) return DEOPT_OVERFLOW;
  if (op === 'f64.ne') return DEOPT_ZERO_DIVISION;
  return DEOPT_TYPE;
}

/** Instrumented and profile-guided builds: count each edge into the failure block `slow` with its reason. */
function countDeopts(fn: Function, slow: BlockId, site: number): void {
  const edges: Edge[] = buildCfg(fn).preds.get(slow) ?? [];
  for (const e of edges) {
    if (e.index < 0) continue;
    insertOnEdge(fn, e.from, e.index, newInst(fn, 'profile.deopt', [], { imms: [site, deoptReason(fn, e.from)] }).id);
  }
}

const KIND_OF_TAGS: Readonly<Record<string, 'int' | 'float'>> = { 'int,int': 'int', 'float,float': 'float' };

export const profileGuidedPass: Pass = {
  name: 'profile-guided',
  required: false,
  run: (fn: Function, ctx: PassContext): boolean => {
    const profile = ctx.runtimeProfile;
    if (profile === undefined || profile.sites.size === 0) return false;
    const sites = functionSites(ctx.module, fn);
    let changed = reorderLayout(fn, branchesOf(fn, sites, profile));
    // Specialise in layout order; `blockOf` follows instructions that rewrites move.
    const blockOf = instBlocks(fn);
    for (const s of sites) {
      if (s.inst === undefined) continue;
      const inst = fn.insts[s.inst]!;
      if (canSpeculateBinary(s.op, 'float') && inst.args.length === 2) {
        const r = siteRecord(profile, s.id, 'types');
        if (r === undefined || r.executions < PGO_MIN_EXECUTIONS) continue;
        const { key, share } = dominantKey(r.counts, r.executions);
        const kind = key === undefined ? undefined : KIND_OF_TAGS[key];
        if (kind === undefined || share < PGO_DOMINANT_SHARE) continue;
        if (inst.args.every((a) => constOf(fn, a) !== undefined)) continue; // const-fold's job
        const b = blockOf.get(s.inst);
        if (b === undefined) continue;
        const before = fn.insts.length;
        if (!speculateBinary(fn, b, fn.blocks[b]!.insts.indexOf(s.inst), kind, blockOf)) continue;
        changed = true;
        const deoptSite = ctx.instrumentation?.indexOf.get(s.id);
        if (deoptSite === undefined) continue;
        // The generic op the rewrite put on the failure path is the newest instruction with the site's op.
        let generic: InstId | undefined;
        for (let id = before; id < fn.insts.length; id++) if (fn.insts[id]!.op === s.op) generic = id as InstId;
        const slow = generic === undefined ? undefined : blockOf.get(generic);
        if (slow !== undefined) countDeopts(fn, slow, deoptSite);
      } else if (s.op === 'call' || s.op === 'method.call') {
        const r = siteRecord(profile, s.id, 'calltargets');
        if (r === undefined || r.executions < PGO_MIN_EXECUTIONS) continue;
        const { key, share } = dominantKey(r.counts, r.executions);
        if (key === undefined || share < PGO_DOMINANT_SHARE) continue;
        // `call f, args...` passes the arguments; `method.call m, obj, args...` passes obj too.
        const target = directTarget(ctx.module, key, inst.args.length - 1);
        const b = blockOf.get(s.inst);
        if (target === undefined || b === undefined) continue;
        speculateCall(fn, b, fn.blocks[b]!.insts.indexOf(s.inst), target, blockOf, ctx.instrumentation?.indexOf.get(s.id));
        changed = true;
      }
    }
    return changed;
  },
};
