// passes/inline.ts — inlining of small known functions at `call.direct`
// sites (the frontend emits `call.direct` only after `guard.code`, so the
// callee is exactly the referenced IR function with its parameters bound).
//
// A callee is inlined when it is small (at most INLINE_MAX_INSTS
// instructions), is not the caller, is a plain function (not a generator,
// coroutine, resume function or module body) and cannot raise: an exception
// raised inside an inlined body would lose the callee's traceback frame, so
// raising callees stay calls to keep observable behaviour exact.
// The caller block is split at the call; the callee's blocks are copied with
// fresh ids; `self` maps to the call's function operand, the parameters to its
// arguments; each `return v` becomes a jump to the continuation with `v`.
// Neighbours: passes/util.ts, passes/manager.ts (runs it per function).

import type { BlockCall, BlockId, Function, InstId, ValueId } from '../types.js';
import type { Pass, PassContext } from './manager.js';
import { adoptAsParam, newBlock, newValue, spec, splitBlockAfter } from './util.js';

export const INLINE_MAX_INSTS = 40;

/** Why a callee cannot be inlined, or undefined when it can. */
export function inlineBlocker(caller: Function, callee: Function | undefined, nArgs: number): string | undefined {
  if (callee === undefined) return 'unknown callee';
  if (callee === caller || callee.id === caller.id) return 'recursive';
  const f = callee.py?.flags ?? {};
  if (f.generator || f.coroutine || f.asyncgen || f.resume || f.module) return 'not a plain function';
  if (callee.params.length !== nArgs || callee.params.some((t) => t !== 'obj')) return 'arity';
  let n = 0;
  for (const b of callee.layout) {
    for (const id of callee.blocks[b]!.insts) {
      n++;
      const op = callee.insts[id]!.op;
      if (spec(op).effects.includes('may-raise') || op === 'gen.yield' || op === 'gen.return' || op === 'unreachable') return 'may raise';
    }
  }
  return n > INLINE_MAX_INSTS ? 'too large' : undefined;
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
  const mc = (c: BlockCall): BlockCall => ({ block: bmap.get(c.block)!, args: c.args.map(mv) });
  for (const b of callee.layout) {
    const cb = callee.blocks[b]!;
    const nb = fn.blocks[bmap.get(b)!]!;
    nb.unwind = cb.unwind !== undefined ? mc(cb.unwind) : block.unwind === undefined ? undefined : { block: block.unwind.block, args: [...block.unwind.args] };
    for (const id of cb.insts) {
      const ci = callee.insts[id]!;
      const nid = fn.insts.length as InstId;
      if (ci.op === 'return') {
        fn.insts.push({ op: 'jump', args: [], imms: [], result: undefined, targets: [{ block: cont, args: [mv(ci.args[0]!)] }], loc: ci.loc });
      } else {
        const result = ci.result === undefined ? undefined : mv(ci.result);
        fn.insts.push({ op: ci.op, args: ci.args.map(mv), imms: [...ci.imms], result, targets: ci.targets.map(mc), loc: ci.loc });
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

export const inlinePass: Pass = {
  name: 'inline',
  required: false,
  run: (fn: Function, ctx: PassContext) => {
    const sites: InstId[] = [];
    for (const b of fn.layout) {
      for (const id of fn.blocks[b]!.insts) {
        const inst = fn.insts[id]!;
        if (inst.op !== 'call.direct' || inst.result === undefined) continue;
        const callee = ctx.module.functions[inst.imms[0] as number];
        if (inlineBlocker(fn, callee, inst.args.length) === undefined) sites.push(id);
      }
    }
    for (const id of sites) {
      const inst = fn.insts[id]!;
      const b = fn.layout.find((x) => fn.blocks[x]!.insts.includes(id))!;
      inlineAt(fn, b, fn.blocks[b]!.insts.indexOf(id), ctx.module.functions[inst.imms[0] as number]!);
    }
    return sites.length > 0;
  },
};
