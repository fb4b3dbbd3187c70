// verifier.ts — checks the IR invariants of specs/ir.md §Invariants and
// returns every violation as data (MOLT30xx diagnostics that also name the
// function, block and instruction). `printWithErrors` re-prints a function
// with each error on a `; error:` line under the line it concerns.
// Neighbours: opTable.ts (signatures), cfg.ts (dominance), printer.ts.

import { buildCfg, dominates } from './cfg.js';
import { OPS, type ImmKind, type OpSpec } from './opTable.js';
import { printFunctionLines } from './printer.js';
import type { BlockCall, BlockId, Diagnostic, FuncId, Function, Imm, InstId, Module, Program, ValueId } from './types.js';

const OP_BY_NAME: ReadonlyMap<string, OpSpec> = new Map(OPS.map((o) => [o.name, o]));

/** A verification error: a diagnostic that also points into the IR. */
export interface VerifyError extends Diagnostic {
  readonly func: FuncId;
  readonly block?: BlockId;
  readonly inst?: InstId;
}

export interface VerifyOptions {
  /** Number of functions in the module (func immediates must be below it). */
  readonly functionCount?: number;
  /** Source file, copied into each error. */
  readonly file?: string;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function immMatches(imm: Imm, kind: ImmKind): boolean {
  switch (kind) {
    case 'i64':
      return (typeof imm === 'number' && Number.isSafeInteger(imm)) || (typeof imm === 'bigint' && imm >= I64_MIN && imm <= I64_MAX);
    case 'f64':
      return typeof imm === 'number';
    case 'bool':
      return typeof imm === 'boolean';
    case 'str':
      return typeof imm === 'string';
    case 'bytes':
      return imm instanceof Uint8Array;
    case 'bigint':
      return typeof imm === 'bigint';
    case 'func':
      return typeof imm === 'number' && Number.isInteger(imm) && imm >= 0;
  }
}

function describeImm(imm: Imm): string {
  if (imm instanceof Uint8Array) return 'bytes';
  if (typeof imm === 'number') return Number.isInteger(imm) ? 'an integer number' : 'a float';
  return `a ${typeof imm}`;
}

/** Verify one function. Returns every error found (empty when valid). */
export function verifyFunction(fn: Function, opts: VerifyOptions = {}): VerifyError[] {
  const errors: VerifyError[] = [];
  const err = (code: string, message: string, at: { block?: BlockId; inst?: InstId } = {}): void => {
    const inst = at.inst === undefined ? undefined : fn.insts[at.inst];
    errors.push({
      code, severity: 'error', message, func: fn.id,
      ...(at.block === undefined ? {} : { block: at.block }),
      ...(at.inst === undefined ? {} : { inst: at.inst }),
      ...(opts.file === undefined ? {} : { file: opts.file }),
      ...(inst?.loc === undefined ? {} : { line: inst.loc.line, column: inst.loc.col + 1 }),
    });
  };

  // ---- layout ----
  if (fn.layout.length === 0) {
    err('MOLT3016', `function '${fn.name}' has no blocks`);
    return errors;
  }
  const laidOut = new Set<BlockId>();
  for (const b of fn.layout) {
    if (fn.blocks[b] === undefined) err('MOLT3016', `the layout names 'block${b}', which does not exist`);
    else if (laidOut.has(b)) err('MOLT3016', `'block${b}' appears twice in the layout`, { block: b });
    laidOut.add(b);
  }
  const layout = [...laidOut].filter((b) => fn.blocks[b] !== undefined);
  const entry = fn.layout[0]!;

  // ---- definitions ----
  /** Where each value is defined: block and position (-1 for a block parameter). */
  const defAt = new Map<ValueId, { block: BlockId; pos: number }>();
  const instBlock = new Map<InstId, BlockId>();
  for (const b of layout) {
    const block = fn.blocks[b]!;
    block.params.forEach((p, i) => {
      const v = fn.values[p];
      if (v === undefined) return err('MOLT3015', `block parameter 'v${p}' has no entry in the value table`, { block: b });
      if (defAt.has(p)) return err('MOLT3015', `value 'v${p}' is defined more than once`, { block: b });
      if (v.def.kind !== 'param' || v.def.block !== b || v.def.index !== i) err('MOLT3015', `value 'v${p}' does not record its definition as parameter ${i} of 'block${b}'`, { block: b });
      defAt.set(p, { block: b, pos: -1 });
    });
    block.insts.forEach((id, pos) => {
      const inst = fn.insts[id];
      if (inst === undefined) return err('MOLT3015', `'block${b}' lists instruction ${id}, which does not exist`, { block: b });
      if (instBlock.has(id)) return err('MOLT3015', `instruction ${id} appears in more than one block`, { block: b, inst: id });
      instBlock.set(id, b);
      if (inst.result === undefined) return;
      const r = inst.result;
      const v = fn.values[r];
      if (v === undefined) return err('MOLT3015', `result 'v${r}' has no entry in the value table`, { block: b, inst: id });
      if (defAt.has(r)) return err('MOLT3015', `value 'v${r}' is defined more than once`, { block: b, inst: id });
      if (v.def.kind !== 'inst' || v.def.inst !== id) err('MOLT3015', `value 'v${r}' does not record its defining instruction`, { block: b, inst: id });
      defAt.set(r, { block: b, pos });
    });
  }

  // ---- entry block ----
  const entryBlock = fn.blocks[entry];
  if (entryBlock !== undefined) {
    const ps = entryBlock.params;
    if (ps.length !== fn.params.length) err('MOLT3011', `the entry block has ${ps.length} parameter(s) but the function declares ${fn.params.length}`, { block: entry });
    else ps.forEach((p, i) => {
      const t = fn.values[p]?.type;
      if (t !== fn.params[i]) err('MOLT3011', `entry parameter 'v${p}' has type '${t}' but the function declares '${fn.params[i]}'`, { block: entry });
    });
  }

  const cfg = buildCfg(fn);
  const reachable = new Set(cfg.rpo);

  /** Checks that value `v` is available at position `pos` of block `b` (pos -1: block start, params included). */
  const checkUse = (v: ValueId, b: BlockId, pos: number, at: { block?: BlockId; inst?: InstId }, what: string): void => {
    const d = defAt.get(v);
    if (d === undefined) return err('MOLT3008', `${what} 'v${v}' is not defined in this function`, at);
    if (!reachable.has(b)) return;
    const ok = d.block === b ? d.pos < pos || (d.pos === -1 && pos === -1) : dominates(cfg, d.block, b);
    if (!ok) err('MOLT3008', `${what} 'v${v}' does not dominate its use`, at);
  };

  const checkCall = (call: BlockCall, from: BlockId, pos: number, at: { block?: BlockId; inst?: InstId }, kind: string): void => {
    const target = fn.blocks[call.block];
    if (target === undefined || !laidOut.has(call.block)) return err('MOLT3013', `${kind} 'block${call.block}' is not a block of the layout`, at);
    if (call.block === entry) err('MOLT3013', `${kind} is the entry block, which cannot have predecessors`, at);
    if (call.args.length !== target.params.length) return err('MOLT3006', `${kind} 'block${call.block}' passes ${call.args.length} argument(s) for ${target.params.length} parameter(s)`, at);
    call.args.forEach((a, i) => {
      checkUse(a, from, pos, at, 'argument');
      const at1 = fn.values[a]?.type;
      const pt = fn.values[target.params[i]!]?.type;
      if (at1 !== undefined && pt !== undefined && at1 !== pt) err('MOLT3007', `argument ${i} to 'block${call.block}' is '${at1}' but the parameter is '${pt}'`, at);
    });
  };

  // ---- blocks and instructions ----
  for (const b of layout) {
    const block = fn.blocks[b]!;
    if (block.insts.length === 0) err('MOLT3002', `'block${b}' is empty: it needs a terminator`, { block: b });
    if (block.unwind !== undefined) {
      const u = block.unwind;
      const target = fn.blocks[u.block];
      if (target === undefined || !laidOut.has(u.block)) err('MOLT3013', `unwind target 'block${u.block}' is not a block of the layout`, { block: b });
      else if (u.args.length !== target.params.length) err('MOLT3006', `unwind edge to 'block${u.block}' passes ${u.args.length} argument(s) for ${target.params.length} parameter(s)`, { block: b });
      else
        u.args.forEach((a, i) => {
          const d = defAt.get(a);
          if (d !== undefined && d.block === b && d.pos >= 0) err('MOLT3014', `unwind argument 'v${a}' is defined inside 'block${b}': unwind arguments are read at the block start`, { block: b });
          else checkUse(a, b, -1, { block: b }, 'unwind argument');
          const at1 = fn.values[a]?.type;
          const pt = fn.values[target.params[i]!]?.type;
          if (at1 !== undefined && pt !== undefined && at1 !== pt) err('MOLT3007', `unwind argument ${i} to 'block${u.block}' is '${at1}' but the parameter is '${pt}'`, { block: b });
        });
    }
    block.insts.forEach((id, pos) => {
      const inst = fn.insts[id];
      if (inst === undefined) return;
      const at = { block: b, inst: id };
      const spec = OP_BY_NAME.get(inst.op);
      if (spec === undefined) return err('MOLT3001', `unknown op '${inst.op}'`, at);
      const isTerm = spec.effects.includes('terminator');
      const last = pos === block.insts.length - 1;
      if (isTerm && !last) err('MOLT3002', `terminator '${inst.op}' is not the last instruction of 'block${b}'`, at);
      if (!isTerm && last) err('MOLT3002', `'block${b}' does not end with a terminator ('${inst.op}' is not one)`, at);
      // operands
      const nFixed = spec.operands.length;
      if (spec.variadic === undefined ? inst.args.length !== nFixed : inst.args.length < nFixed) {
        err('MOLT3003', `'${inst.op}' takes ${spec.variadic === undefined ? '' : 'at least '}${nFixed} operand(s), found ${inst.args.length}`, at);
      }
      inst.args.forEach((a, i) => {
        checkUse(a, b, pos, at, 'operand');
        const want = i < nFixed ? spec.operands[i] : spec.variadic;
        const have = fn.values[a]?.type;
        if (want !== undefined && have !== undefined && have !== want) err('MOLT3004', `operand ${i} of '${inst.op}' must be '${want}', found 'v${a}: ${have}'`, at);
      });
      // immediates
      const immSpecs = spec.imms ?? [];
      if (inst.imms.length !== immSpecs.length) err('MOLT3005', `'${inst.op}' takes ${immSpecs.length} immediate(s), found ${inst.imms.length}`, at);
      inst.imms.forEach((imm, i) => {
        const s = immSpecs[i];
        if (s === undefined) return;
        if (!immMatches(imm, s.kind)) return err('MOLT3005', `immediate '${s.name}' of '${inst.op}' must be ${s.kind}, found ${describeImm(imm)}`, at);
        if (s.kind === 'func' && opts.functionCount !== undefined && (imm as number) >= opts.functionCount) err('MOLT3010', `function reference 'f${imm as number}' is out of range (the module has ${opts.functionCount} function(s))`, at);
      });
      const inl = inst.loc?.inlined;
      if (inl !== undefined && opts.functionCount !== undefined && inl.func >= opts.functionCount) err('MOLT3010', `the location says the instruction was inlined from 'f${inl.func}', which is out of range (the module has ${opts.functionCount} function(s))`, at);
      // result
      if (spec.result === undefined && inst.result !== undefined) err('MOLT3009', `'${inst.op}' has no result but defines 'v${inst.result}'`, at);
      if (spec.result !== undefined && inst.result === undefined) err('MOLT3009', `'${inst.op}' must define a result of type '${spec.result}'`, at);
      if (spec.result !== undefined && inst.result !== undefined) {
        const t = fn.values[inst.result]?.type;
        if (t !== undefined && t !== spec.result) err('MOLT3009', `result 'v${inst.result}' of '${inst.op}' must be '${spec.result}', found '${t}'`, at);
      }
      // successors
      if (!isTerm && inst.targets.length > 0) err('MOLT3012', `'${inst.op}' is not a terminator but has branch targets`, at);
      if (isTerm) {
        const succ = spec.succ ?? 0;
        if (succ === 'variadic' ? inst.targets.length < 1 : inst.targets.length !== succ) {
          err('MOLT3012', `'${inst.op}' takes ${succ === 'variadic' ? 'at least 1' : succ} successor(s), found ${inst.targets.length}`, at);
        }
        inst.targets.forEach((t) => checkCall(t, b, pos, at, 'branch target'));
      }
    });
  }
  return errors;
}

/** Verify every function of a module and the module's own fields. */
export function verifyModule(module: Module): VerifyError[] {
  const errors: VerifyError[] = [];
  const n = module.functions.length;
  if (!Number.isInteger(module.init) || module.init < 0 || module.init >= n) {
    errors.push({ code: 'MOLT3010', severity: 'error', message: `module '${module.name}' has init function 'f${module.init}', which is out of range`, func: module.init, file: module.file });
  }
  module.functions.forEach((fn, i) => {
    if (fn.id !== i) errors.push({ code: 'MOLT3016', severity: 'error', message: `function '${fn.name}' has id ${fn.id} but is at index ${i}`, func: fn.id, file: module.file });
    errors.push(...verifyFunction(fn, { functionCount: n, file: module.file }));
  });
  return errors;
}

/** Verify every module of a program; the main module must exist and names be unique. */
export function verifyProgram(program: Program): VerifyError[] {
  const errors: VerifyError[] = [];
  const names = new Set<string>();
  for (const m of program.modules) {
    if (names.has(m.name)) errors.push({ code: 'MOLT3017', severity: 'error', message: `module '${m.name}' appears twice in the program`, func: 0 as FuncId });
    names.add(m.name);
    errors.push(...verifyModule(m));
  }
  if (!names.has(program.main)) errors.push({ code: 'MOLT3017', severity: 'error', message: `the main module '${program.main}' is not in the program`, func: 0 as FuncId });
  return errors;
}

/** Print a function with each error on a `; error:` line under the line it concerns. */
export function printWithErrors(fn: Function, errors: readonly VerifyError[]): string {
  const mine = errors.filter((e) => e.func === fn.id);
  const lines = printFunctionLines(fn);
  const placed = new Set<VerifyError>();
  const byInst = new Map<InstId, VerifyError[]>();
  const byBlock = new Map<BlockId, VerifyError[]>();
  const shownInsts = new Set(lines.flatMap((l) => (l.inst === undefined ? [] : [l.inst])));
  const shownBlocks = new Set(lines.flatMap((l) => (l.block === undefined ? [] : [l.block])));
  for (const e of mine) {
    if (e.inst !== undefined && shownInsts.has(e.inst)) (byInst.get(e.inst) ?? byInst.set(e.inst, []).get(e.inst)!).push(e);
    else if (e.block !== undefined && shownBlocks.has(e.block)) (byBlock.get(e.block) ?? byBlock.set(e.block, []).get(e.block)!).push(e);
    else continue;
    placed.add(e);
  }
  const out: string[] = [];
  const emit = (es: readonly VerifyError[] | undefined): void => {
    for (const e of es ?? []) out.push(`  ; error: ${e.code} ${e.message}`);
  };
  lines.forEach((l, i) => {
    out.push(l.text);
    if (i === 0) emit(mine.filter((e) => !placed.has(e)));
    if (l.inst !== undefined) emit(byInst.get(l.inst));
    else if (l.block !== undefined) emit(byBlock.get(l.block));
  });
  return out.map((l) => l + '\n').join('');
}
