// passes/directCall.ts — direct calls of module-level functions. A call
// `call(global.get(g, "NAME"), args...)` where the module body binds NAME to
// `func.new ... fK` (a plain function whose parameters are all positional and
// as many as the arguments) becomes
//
//   brif guard.code(f, fK), direct, generic
//   direct:  r1 = call.direct f, args...   [fK]
//   generic: r2 = call f, args...
//   join(r): ...
//
// The guard checks the callee object at run time (globals can be rebound),
// so the generic call keeps the exact semantics on every other path.
//
// A method call `method.call(method.load(obj, "NAME"), obj, args...)` in a
// loop (each site grows by a guard and a direct call per target) gets
// one guarded direct call per compiled method NAME of the module (a function
// defined in a class body, taking obj and the arguments positionally; at
// most MAX_METHOD_TARGETS, else none): `guard.code(method.func m, fK)` then
// `call.direct f, obj, args...`, the generic `method.call` last. Which class
// the object has does not matter: the guard compares the code found.
// Neighbours: passes/inline.ts (may then inline small direct callees),
// passes/manager.ts (release pipeline), the backends (`call.direct`).

import { buildCfg } from '../cfg.js';
import type { BlockId, Function, FuncId, Module, ValueId } from '../types.js';
import type { Pass, PassContext } from './manager.js';
import { adoptAsParam, constOf, defInst, loopBlocks, newBlock, newInst, splitBlockAfter } from './util.js';

/** Names the module body binds to a `func.new` of a module function (a name bound to two functions is left out). */
export function moduleFunctionNames(module: Module): Map<string, FuncId> {
  const out = new Map<string, FuncId>();
  const ambiguous = new Set<string>();
  const init = module.functions[module.init];
  if (init === undefined) return out;
  for (const b of init.layout) {
    for (const id of init.blocks[b]!.insts) {
      const inst = init.insts[id]!;
      if (inst.op !== 'global.set') continue;
      const name = constOf(init, inst.args[1]!);
      const value = defInst(init, inst.args[2]!);
      if (name?.op !== 'const.str' || typeof name.imm !== 'string') continue;
      if (value?.op !== 'func.new') continue;
      const target = Number(value.imms[0]) as FuncId;
      const known = out.get(name.imm);
      if (known !== undefined && known !== target) ambiguous.add(name.imm);
      out.set(name.imm, target);
    }
  }
  for (const n of ambiguous) out.delete(n);
  return out;
}

/** True when `callee` can be entered by `call.direct` with `nArgs` positional arguments. */
export function directCallable(callee: Function | undefined, nArgs: number): callee is Function {
  if (callee === undefined || callee.py === undefined) return false;
  const f = callee.py.flags;
  if (f.generator || f.coroutine || f.asyncgen || f.resume || f.module) return false;
  if (callee.py.params.length !== nArgs || callee.params.length !== nArgs + 1) return false;
  return callee.py.params.every((p) => p.kind === 'normal' || p.kind === 'posonly') && callee.params.every((t) => t === 'obj');
}

/** Most compiled methods of one name a method call site is guarded for (more are left to the generic call). */
export const MAX_METHOD_TARGETS = 8;

/**
 * The functions of a module defined in a class body (qualname `C.name`, not
 * `f.<locals>.name`), by name: the compiled code a `method.call` of that
 * name may reach.
 */
export function moduleMethodsByName(module: Module): Map<string, FuncId[]> {
  const out = new Map<string, FuncId[]>();
  module.functions.forEach((f, id) => {
    const py = f.py;
    if (py === undefined || py.flags.module || py.flags.resume) return;
    const parts = py.qualname.split('.');
    if (parts.length < 2 || parts[parts.length - 2] === '<locals>') return;
    const list = out.get(py.name) ?? [];
    list.push(id as FuncId);
    out.set(py.name, list);
  });
  return out;
}

/**
 * `r = method.call m, obj, args...` with `m = method.load obj, "NAME"`: for
 * each compiled method NAME (at most MAX_METHOD_TARGETS) that takes exactly
 * `obj` and the arguments positionally, a `guard.code` of `method.func m`
 * and a `call.direct` with `obj` first (what `method.call` does for a METHOD
 * word); the generic call when none matches. Returns the number of blocks
 * added after the site's block (0, changing nothing, when it has no target).
 */
function rewriteMethodCall(fn: Function, ctx: PassContext, methods: Map<string, FuncId[]>, guarded: ReadonlySet<ValueId>, li: number, pos: number): number {
  const b = fn.layout[li]!;
  const insts = fn.blocks[b]!.insts;
  const inst = fn.insts[insts[pos]!]!;
  const load = defInst(fn, inst.args[0]!);
  if (load?.op !== 'method.load' || load.args[0] !== inst.args[1] || guarded.has(inst.args[0]!)) return 0;
  const name = constOf(fn, load.args[1]!);
  if (name?.op !== 'const.str' || typeof name.imm !== 'string') return 0;
  const nArgs = inst.args.length - 1; // obj and the arguments
  const targets = (methods.get(name.imm) ?? []).filter((t) => directCallable(ctx.module.functions[t], nArgs));
  if (targets.length === 0 || targets.length > MAX_METHOD_TARGETS) return 0;
  return guardedCalls(fn, li, pos, targets, true);
}

/**
 * Replace the call at `pos` of block `fn.layout[li]` (a `call`, or a
 * `method.call` when `method`) by, for each target in turn, `guard.code` of
 * the callee (of `method.func` of it for a method) and a `call.direct` of
 * that target with the call's other operands, then the call itself when no
 * guard holds; all join on its result. Returns the number of blocks added
 * right after the site's block (before the join).
 */
function guardedCalls(fn: Function, li: number, pos: number, targets: readonly FuncId[], method: boolean): number {
  const b = fn.layout[li]!;
  const insts = fn.blocks[b]!.insts;
  const inst = fn.insts[insts[pos]!]!;
  const loc = inst.loc;
  const unwind = fn.blocks[b]!.unwind;
  const tail = splitBlockAfter(fn, b, pos);
  insts.pop();
  let callee = inst.args[0]!;
  if (method) {
    const f = newInst(fn, 'method.func', [callee], { loc });
    insts.push(f.id);
    callee = f.result!;
  }
  let cur = b;
  const added: BlockId[] = [];
  for (const t of targets) {
    const direct = newBlock(fn, unwind);
    const next = newBlock(fn, unwind);
    const guard = newInst(fn, 'guard.code', [callee], { imms: [t], loc });
    const br = newInst(fn, 'brif', [guard.result!], { targets: [{ block: direct, args: [] }, { block: next, args: [] }], loc });
    fn.blocks[cur]!.insts.push(guard.id, br.id);
    const d = newInst(fn, 'call.direct', [callee, ...inst.args.slice(1)], { imms: [t], loc });
    const dj = newInst(fn, 'jump', [], { targets: [{ block: tail, args: [d.result!] }], loc });
    fn.blocks[direct]!.insts.push(d.id, dj.id);
    added.push(direct, next);
    cur = next;
  }
  const g = newInst(fn, inst.op, [...inst.args], { loc });
  const gj = newInst(fn, 'jump', [], { targets: [{ block: tail, args: [g.result!] }], loc });
  fn.blocks[cur]!.insts.push(g.id, gj.id);
  adoptAsParam(fn, tail, inst.result!);
  fn.layout.splice(li + 1, 0, ...added);
  return added.length;
}

function rewrite(fn: Function, ctx: PassContext, names: Map<string, FuncId>, methods?: Map<string, FuncId[]>): boolean {
  let changed = false;
  // Callees and methods already guarded (by an earlier run, or profile-guided): their generic call stays generic.
  const guarded = new Set<ValueId>();
  for (const inst of fn.insts) if (inst.op === 'method.func' || inst.op === 'guard.code') guarded.add(inst.args[0]!);
  // Method calls only in loops: each site grows by a guard and a direct call per target.
  const inLoop = methods === undefined || methods.size === 0 ? new Set<BlockId>() : loopBlocks(fn, buildCfg(fn));
  for (let li = 0; li < fn.layout.length; li++) {
    const b = fn.layout[li]!;
    const insts = fn.blocks[b]!.insts;
    for (let pos = 0; pos < insts.length; pos++) {
      const inst = fn.insts[insts[pos]!]!;
      if (inst.op === 'method.call' && inst.result !== undefined && methods !== undefined && inLoop.has(b)) {
        const added = rewriteMethodCall(fn, ctx, methods, guarded, li, pos);
        if (added > 0) {
          // The blocks made (the rest of this block among them) are in the loop too.
          for (let k = 1; k <= added + 1; k++) inLoop.add(fn.layout[li + k]!);
          li += added; // skip the blocks made (the generic call would match again)
          changed = true;
          break; // the rest of this block moved to the join, visited next
        }
        continue;
      }
      if (inst.op !== 'call' || inst.result === undefined) continue;
      const calleeDef = defInst(fn, inst.args[0]!);
      if (calleeDef?.op !== 'global.get') continue;
      const name = constOf(fn, calleeDef.args[1]!);
      if (name?.op !== 'const.str' || typeof name.imm !== 'string') continue;
      const target = names.get(name.imm);
      if (target === undefined || guarded.has(inst.args[0]!)) continue;
      if (!directCallable(ctx.module.functions[target], inst.args.length - 1)) continue;
      li += guardedCalls(fn, li, pos, [target], false); // skip the new blocks (the generic call would match again)
      changed = true;
      break; // the rest of this block moved to `tail`, visited next
    }
  }
  return changed;
}

const namesCache = new WeakMap<Module, Map<string, FuncId>>();
const methodsCache = new WeakMap<Module, Map<string, FuncId[]>>();

/** Release pass: guarded direct calls of module-level functions and of methods. */
export const directCallPass: Pass = {
  name: 'direct-call',
  required: false,
  run(fn: Function, ctx: PassContext): boolean {
    let names = namesCache.get(ctx.module);
    if (names === undefined) {
      names = moduleFunctionNames(ctx.module);
      namesCache.set(ctx.module, names);
    }
    let methods = methodsCache.get(ctx.module);
    if (methods === undefined) {
      methods = moduleMethodsByName(ctx.module);
      methodsCache.set(ctx.module, methods);
    }
    if (names.size === 0 && methods.size === 0) return false;
    return rewrite(fn, ctx, names, methods);
  },
};
