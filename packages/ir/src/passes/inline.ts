// passes/inline.ts — inlining of small known functions at `call.direct`
// sites (the frontend emits `call.direct` only after `guard.code`, so the
// callee is exactly the referenced IR function with its parameters bound).
//
// A callee is inlined when it is small (at most INLINE_MAX_INSTS
// instructions), is not the caller, is a plain function (not a generator,
// coroutine, resume function or module body), has no exception handlers of
// its own and contains no inlined code itself. It may raise: each copied
// instruction's location records the callee and the call site
// (`SourceLoc.inlined`), and the backends give an exception leaving the
// inlined body the callee's traceback entry before the caller's, as if the
// call had happened.
// The caller block is split at the call; the callee's blocks are copied with
// fresh ids; `self` maps to the call's function operand, the parameters to its
// arguments; each `return v` becomes a jump to the continuation with `v`.
// Neighbours: passes/util.ts, passes/manager.ts (runs it per function).

import type { BlockCall, BlockId, FuncId, Function, InstId, SourceLoc, ValueId } from '../types.js';
import type { Pass, PassContext } from './manager.js';
import { adoptAsParam, newBlock, newValue, splitBlockAfter } from './util.js';

export const INLINE_MAX_INSTS = 40;

/** Why a callee cannot be inlined, or undefined when it can. */
export function inlineBlocker(caller: Function, callee: Function | undefined, nArgs: number): string | undefined {
  if (callee === undefined) return 'unknown callee';
  if (callee === caller || callee.id === caller.id) return 'recursive';
  const f = callee.py?.flags ?? {};
  if (f.generator || f.coroutine || f.asyncgen || f.resume || f.module) return 'not a plain function';
  if (callee.params.length !== nArgs || callee.params.some((t) => t !== 'obj')) return 'arity';
  for (const b of callee.layout) {
    if (callee.blocks[b]!.unwind !== undefined) return 'has exception handlers';
    for (const id of callee.blocks[b]!.insts) {
      const inst = callee.insts[id]!;
      if (inst.op === 'gen.yield' || inst.op === 'gen.return' || inst.op === 'unreachable') return 'not a plain function';
      if (inst.loc?.inlined !== undefined) return 'contains inlined code';
    }
  }
  return instCount(callee) > INLINE_MAX_INSTS ? 'too large' : undefined;
}

/** The number of instructions in `fn`'s layout, not counting instrumentation (`profile.*`). */
export function instCount(fn: Function): number {
  let n = 0;
  for (const b of fn.layout) for (const id of fn.blocks[b]!.insts) if (!fn.insts[id]!.op.startsWith('profile.')) n++;
  return n;
}

function inlineAt(fn: Function, b0: BlockId, pos: number, callee: Function): void {
  const block = fn.blocks[b0]!;
  const callId = block.insts[pos]!;
  const call = fn.insts[callId]!;
  const cont = splitBlockAfter(fn, b0, pos);
  block.insts.pop();
  adoptAsParam(fn, cont, call.result!);
  const vmap = new Map<ValueId, ValueId>();
  const bmap = new Map<BlockId, BlockId>();
  const entry = callee.layout[0]!;
  callee.blocks[entry]!.params.forEach((p, i) => vmap.set(p, call.args[i]!));
  for (const b of callee.layout) bmap.set(b, newBlock(fn));
  // Values first (a use may precede its definition in layout order).
  for (const b of callee.layout) {
    const cb = callee.blocks[b]!;
    if (b !== entry) {
      const nb = bmap.get(b)!;
      for (const p of cb.params) {
        const v = newValue(fn, callee.values[p]!.type, { kind: 'param', block: nb, index: fn.blocks[nb]!.params.length });
        fn.blocks[nb]!.params.push(v);
        vmap.set(p, v);
      }
    }
    for (const id of cb.insts) {
      const r = callee.insts[id]!.result;
      if (r !== undefined) vmap.set(r, newValue(fn, callee.values[r]!.type, { kind: 'inst', inst: -1 as InstId }));
    }
  }
  const mv = (v: ValueId): ValueId => vmap.get(v)!;
  const calleeId = call.imms[0] as FuncId;
  const site = { func: calleeId, line: call.loc?.line ?? fn.py?.firstLine ?? 0, col: call.loc?.col ?? 0 };
  const locOf = (l: SourceLoc | undefined): SourceLoc => ({ line: l?.line ?? callee.py?.firstLine ?? 0, col: l?.col ?? 0, inlined: site });
  const mc = (c: BlockCall): BlockCall => ({ block: bmap.get(c.block)!, args: c.args.map(mv) });
  for (const b of callee.layout) {
    const cb = callee.blocks[b]!;
    const nb = fn.blocks[bmap.get(b)!]!;
    nb.unwind = cb.unwind !== undefined ? mc(cb.unwind) : block.unwind === undefined ? undefined : { block: block.unwind.block, args: [...block.unwind.args] };
    for (const id of cb.insts) {
      const ci = callee.insts[id]!;
      const nid = fn.insts.length as InstId;
      if (ci.op === 'return') {
        fn.insts.push({ op: 'jump', args: [], imms: [], result: undefined, targets: [{ block: cont, args: [mv(ci.args[0]!)] }], loc: locOf(ci.loc) });
      } else {
        const result = ci.result === undefined ? undefined : mv(ci.result);
        fn.insts.push({ op: ci.op, args: ci.args.map(mv), imms: [...ci.imms], result, targets: ci.targets.map(mc), loc: locOf(ci.loc) });
        if (result !== undefined) fn.values[result]!.def = { kind: 'inst', inst: nid };
      }
      nb.insts.push(nid);
    }
  }
  const nid = fn.insts.length as InstId;
  fn.insts.push({ op: 'jump', args: [], imms: [], result: undefined, targets: [{ block: bmap.get(entry)!, args: [] }], loc: call.loc });
  block.insts.push(nid);
  const at = fn.layout.indexOf(b0);
  fn.layout.splice(at + 1, 0, ...callee.layout.map((b) => bmap.get(b)!));
}

/** The body to copy for callee `id`: as before any pass when the manager kept it, else as it is now. */
function calleeOf(id: number, ctx: PassContext): Function | undefined {
  return ctx.inlineSources?.get(id) ?? ctx.module.functions[id];
}

export const inlinePass: Pass = {
  name: 'inline',
  required: false,
  run: (fn: Function, ctx: PassContext) => {
    const sites: InstId[] = [];
    for (const b of fn.layout) {
      for (const id of fn.blocks[b]!.insts) {
        const inst = fn.insts[id]!;
        if (inst.op !== 'call.direct' || inst.result === undefined) continue;
        if (inlineBlocker(fn, calleeOf(inst.imms[0] as number, ctx), inst.args.length) === undefined) sites.push(id);
      }
    }
    for (const id of sites) {
      const inst = fn.insts[id]!;
      const b = fn.layout.find((x) => fn.blocks[x]!.insts.includes(id))!;
      inlineAt(fn, b, fn.blocks[b]!.insts.indexOf(id), calleeOf(inst.imms[0] as number, ctx)!);
    }
    return sites.length > 0;
  },
};
