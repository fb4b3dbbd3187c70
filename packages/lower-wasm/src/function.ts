// function.ts — lowers one IR function to one wasm function
// `(self i64, params...) -> result`. The CFG goes through binaryen's
// Relooper: every IR block becomes one or more Relooper blocks (split after
// each may-raise call of a block that has an unwind handler, so the `== ERR`
// test can branch to the handler); block parameters are wasm locals
// assigned on each edge. Neighbours: module.ts (program-level state:
// constants, imports, code ids), abi.ts (words and signatures),
// binaryen.ts (the façade).

import { buildCfg, dominates, requireOp, InternalError, type BlockCall, type BlockId, type Cfg, type Diagnostic, type Function, type Inst, type ValueId } from '@molt/ir';
import * as abi from './abi.js';
import { createRelooper, params as paramType, T, type Expr, type WasmModule, type WasmType } from './binaryen.js';
import { WasmDiag, error } from './diagnostics.js';
import { LOOP_CHUNK, LOOP_FUNCTION_MARK, loopRegions, type LoopRegion } from './outline.js';

/** Internal name of the (imported) linear memory. */
export const MEMORY = 'memory';

/** What a function's lowering needs from the program being lowered. */
export interface ProgramContext {
  readonly m: WasmModule;
  readonly diagnostics: Diagnostic[];
  /** The dense code id of function `fn` of module number `mi`. */
  codeId(mi: number, fn: number): number;
  /** The wasm function name of function `fn` of module number `mi`. */
  funcName(mi: number, fn: number): string;
  /** The IR function `fn` of module `mi`. */
  func(mi: number, fn: number): Function;
  /** The name of the wasm global holding a constant created by `molt_main`. */
  constant(kind: 'str' | 'bytes' | 'bigint', text: string, bytes: Uint8Array): string;
  /** The name of the wasm global holding the complex constant `imag`j. */
  complexConstant(imag: number): string;
  /** Declare (once) a runtime import and its signature. */
  useImport(symbol: string, sig: abi.ImportSig): void;
  /** Where module `mi`'s profile sites start in the program-wide numbering (instrumented builds). */
  siteBase(mi: number): number;
  /** A new zeroed per-site cache of `words` words in linear memory; returns its byte offset from `cacheGlobal`. */
  cacheSite(words: number): number;
  /** The global holding the address of the per-site caches. */
  readonly cacheGlobal: string;
  /** Globals of the argv scratch stack. */
  readonly spGlobal: string;
  readonly spEndGlobal: string;
  /** Inline fast paths for small-int and float arithmetic/compares. */
  readonly fastPaths: boolean;
  /** The i32 global holding the raw `list` or `tuple` type-object pointer (set by `molt_main`). */
  typeGlobal(which: 'list' | 'tuple' | 'listiter'): string;
  /** The i32 global holding the address of the runtime's call-depth counter or of its recursion limit (set by `molt_main`). */
  depthGlobal(which: 'depth' | 'limit'): string;
  /** Lower outermost loops as functions of their own (outline.ts). */
  readonly outlineLoops: boolean;
  /** The mutable global number `slot` of kind `kind` that carries values out of a loop function. */
  xferGlobal(kind: abi.WasmKind, slot: number): string;
}

export function wasmType(kind: abi.WasmKind | 'none'): WasmType {
  return kind === 'none' ? T.none : T[kind];
}

type Target = { readonly kind: 'block'; readonly block: BlockId } | { readonly kind: 'seg'; readonly seg: number };

interface Branch {
  to: Target;
  /** Undefined: the default branch. */
  cond: Expr | undefined;
  code: Expr[];
  /** Switch case indexes (for a segment with `switchCond`). */
  indexes?: number[];
}

interface Segment {
  stmts: Expr[];
  branches: Branch[];
  switchCond?: Expr;
}

const FAST_ARITH = ['add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'bitand', 'bitor', 'bitxor'];
const FAST_BINOPS = new Set([...FAST_ARITH, ...FAST_ARITH.map((n) => 'i' + n), 'eq', 'ne', 'lt', 'le', 'gt', 'ge']);

/**
 * What one FunctionLowering produces: the function itself, whose outlined
 * loops (`regions`) are calls of their loop functions; or the loop function
 * of one region (outline.ts).
 */
type Part = { readonly kind: 'function'; readonly regions: readonly LoopRegion[]; readonly names: readonly string[] } | { readonly kind: 'loop'; readonly region: LoopRegion; readonly name: string };

/**
 * Exit codes of a loop function: ERR (the exception is on its way, the
 * traceback entry added), RET (the function returns the value in the
 * first xfer global of its kind), then one per resume header (stopped
 * after LOOP_CHUNK back edges), then one per exit target.
 */
const CODE_ERR = 0;
const CODE_RET = 1;
const CODE_FIRST = 2;

/** Lower IR function `fn` of module `mi` (and its loop functions) and add it to the module. */
export function lowerFunction(ctx: ProgramContext, mi: number, fn: Function, file: string): void {
  const regions = ctx.outlineLoops ? loopRegions(fn) : [];
  const base = ctx.funcName(mi, fn.id);
  const names = regions.map((_, k) => `${base}${LOOP_FUNCTION_MARK}${k}`);
  new FunctionLowering(ctx, mi, fn, file, { kind: 'function', regions, names }).run();
  regions.forEach((region, k) => new FunctionLowering(ctx, mi, fn, file, { kind: 'loop', region, name: names[k]! }).run());
}

/** The values defined in a region's blocks and the parameters of the blocks it exits to. */
function regionValues(fn: Function, r: LoopRegion): Set<ValueId> {
  const out = new Set<ValueId>();
  for (const b of r.blocks) {
    const block = fn.blocks[b]!;
    for (const p of block.params) out.add(p);
    for (const id of block.insts) {
      const res = fn.insts[id]!.result;
      if (res !== undefined) out.add(res);
    }
  }
  for (const t of r.exits) for (const p of fn.blocks[t]!.params) out.add(p);
  return out;
}

/** The xfer global of each value of `values`: per kind, slots in order. */
function xferSlots(ctx: ProgramContext, fn: Function, values: readonly ValueId[]): { v: ValueId; global: string }[] {
  const next: Record<abi.WasmKind, number> = { i32: 0, i64: 0, f64: 0 };
  return values.map((v) => {
    const kind = abi.kindOf(fn.values[v]!.type);
    return { v, global: ctx.xferGlobal(kind, next[kind]++) };
  });
}

class FunctionLowering {
  private readonly m: WasmModule;
  private readonly codeId: number;
  private readonly localOf: number[] = [];
  private readonly vars: WasmType[] = [];
  private readonly segs: Segment[] = [];
  private readonly blockSeg = new Map<BlockId, number>();
  private cur: Segment | undefined;
  private curBlock: BlockId = 0 as BlockId;
  private rawTmp = -1;
  private argvTmp = -1;
  /** Scratch locals of the inline refcount and item fast paths. */
  private rcAddr = -1;
  private rcVal = -1;
  private objBase = -1;
  private itemAddr = -1;
  private itemIndex = -1;
  private itemLen = -1;
  private itemOld = -1;
  /** The call-depth count before a call.direct (a local made on first use). */
  private depthTmp = -1;
  private labels = 0;
  private readonly i64Tmps: number[] = [];
  /** Count of wasm parameters (locals start after them). */
  private readonly paramCount: number;
  /** A loop function: its region, dominators (to tell back edges), budget local, and the segments its edges leave through. */
  private readonly loop: { region: LoopRegion; cfg: Cfg; budget: number; backSeg: Map<BlockId, number>; exitSeg: Map<BlockId, number> } | undefined;

  constructor(private readonly ctx: ProgramContext, private readonly mi: number, private readonly fn: Function, private readonly file: string, private readonly part: Part) {
    this.m = ctx.m;
    this.codeId = ctx.codeId(mi, fn.id);
    this.paramCount = part.kind === 'loop' ? 1 + part.region.params.length : fn.params.length;
    this.loop = part.kind === 'loop' ? { region: part.region, cfg: buildCfg(fn), budget: -1, backSeg: new Map(), exitSeg: new Map() } : undefined;
  }

  run(): void {
    const { fn, m, part } = this;
    const entry = fn.layout[0];
    if (entry === undefined) throw new InternalError(`function '${fn.name}' has no blocks`);
    const entryParams = fn.blocks[entry]!.params;
    if (entryParams.length !== fn.params.length) throw new InternalError(`function '${fn.name}': entry block has ${entryParams.length} params, signature has ${fn.params.length}`);
    if (part.kind === 'loop') {
      part.region.params.forEach((v, i) => {
        this.localOf[v] = 1 + i;
      });
    } else {
      entryParams.forEach((v, i) => {
        this.localOf[v] = i;
      });
    }
    // A loop function has locals for the values of its region and the parameters of its exit targets only.
    const needed = part.kind === 'loop' ? regionValues(fn, part.region) : undefined;
    fn.values.forEach((val, v) => {
      if (this.localOf[v] === undefined && (needed === undefined || needed.has(v as ValueId))) this.localOf[v] = this.newLocal(abi.kindOf(val.type));
    });
    this.rawTmp = this.newLocal('i64');
    this.argvTmp = this.newLocal('i32');
    this.rcAddr = this.newLocal('i32');
    this.rcVal = this.newLocal('i32');
    this.objBase = this.newLocal('i32');
    this.itemAddr = this.newLocal('i32');
    this.itemIndex = this.newLocal('i64');
    this.itemLen = this.newLocal('i64');
    this.itemOld = this.newLocal('i64');

    const outlined = new Set(part.kind === 'function' ? part.regions.flatMap((r) => [...r.blocks]) : []);
    const lowered = fn.layout.filter((b) => (part.kind === 'loop' ? part.region.blocks.has(b) : !outlined.has(b)));
    let entrySeg: number;
    if (part.kind === 'loop') {
      entrySeg = this.loopEntry(part.region);
      for (const b of lowered) this.blockSeg.set(b, this.newSegment());
    } else {
      for (const b of lowered) this.blockSeg.set(b, this.newSegment());
      part.regions.forEach((r, k) => this.blockSeg.set(r.header, this.loopCall(r, part.names[k]!)));
      entrySeg = this.blockSeg.get(entry)!;
    }
    for (const b of lowered) this.lowerBlock(b);

    const relooper = createRelooper(m);
    const rbs = this.segs.map((s) => {
      const code = m.block(null, s.stmts, T.none);
      return s.switchCond !== undefined ? relooper.addBlockWithSwitch(code, s.switchCond) : relooper.addBlock(code);
    });
    this.segs.forEach((s, i) => {
      for (const br of s.branches) {
        const to = rbs[this.resolveTarget(br.to)]!;
        const code = br.code.length === 0 ? 0 : m.block(null, br.code, T.none);
        if (s.switchCond !== undefined) relooper.addBranchForSwitch(rbs[i]!, to, br.indexes ?? [], code);
        else relooper.addBranch(rbs[i]!, to, br.cond ?? 0, code);
      }
    });
    const label = this.newLocal('i32');
    const body = m.block(null, [relooper.renderAndDispose(rbs[entrySeg]!, label), m.unreachable()]);
    if (part.kind === 'loop') {
      const ptypes = [T.i32, ...part.region.params.map((v) => this.typeOf(v))];
      m.addFunction(part.name, paramType(ptypes), T.i32, this.vars, body);
    } else {
      const ptypes = fn.params.map((t) => wasmType(abi.kindOf(t)));
      m.addFunction(this.ctx.funcName(this.mi, fn.id), paramType(ptypes), wasmType(abi.kindOf(fn.result)), this.vars, body);
    }
  }

  // ---- outlined loops (outline.ts) -------------------------------------------------

  /**
   * In the function: the segment that edges into the region's header go to.
   * It calls the loop function from the header, then again from the resume
   * header it stopped at, until it returns an error, a return or an exit.
   */
  private loopCall(r: LoopRegion, name: string): number {
    const m = this.m;
    const resume = this.newLocal('i32');
    const code = this.newLocal('i32');
    const enter = this.newSegment();
    const call = this.newSegment();
    this.segs[enter]!.stmts.push(m.local.set(resume, m.i32.const(0)));
    this.segs[enter]!.branches.push({ to: { kind: 'seg', seg: call }, cond: undefined, code: [] });
    const cs = this.segs[call]!;
    cs.stmts.push(m.local.set(code, m.call(name, [m.local.get(resume, T.i32), ...r.params.map((v) => this.get(v))], T.i32)));
    cs.switchCond = m.local.get(code, T.i32);
    const leaf = (stmts: Expr[]): number => {
      const s = this.newSegment();
      this.segs[s]!.stmts.push(...stmts);
      return s;
    };
    cs.branches.push({ to: { kind: 'seg', seg: leaf([m.return(this.errValue())]) }, cond: undefined, code: [], indexes: [] });
    const rk = abi.kindOf(this.fn.result);
    cs.branches.push({ to: { kind: 'seg', seg: leaf([m.return(m.global.get(this.ctx.xferGlobal(rk, 0), wasmType(rk)))]) }, cond: undefined, code: [], indexes: [CODE_RET] });
    const load = (values: readonly ValueId[]): Expr[] => xferSlots(this.ctx, this.fn, values).map(({ v, global }) => m.local.set(this.localOf[v]!, m.global.get(global, this.typeOf(v))));
    r.resumes.forEach((_, j) => {
      const s = leaf([...load(r.saved[j]!), m.local.set(resume, m.i32.const(j))]);
      this.segs[s]!.branches.push({ to: { kind: 'seg', seg: call }, cond: undefined, code: [] });
      cs.branches.push({ to: { kind: 'seg', seg: s }, cond: undefined, code: [], indexes: [CODE_FIRST + j] });
    });
    r.exits.forEach((t, e) => {
      const s = leaf(load([...this.fn.blocks[t]!.params, ...r.liveOuts]));
      this.segs[s]!.branches.push({ to: { kind: 'block', block: t }, cond: undefined, code: [] });
      cs.branches.push({ to: { kind: 'seg', seg: s }, cond: undefined, code: [], indexes: [CODE_FIRST + r.resumes.length + e] });
    });
    return enter;
  }

  /**
   * In a loop function: the entry segment (sets the back-edge budget, goes
   * to the resume header its first parameter names) and the segments that
   * back edges and exit edges go through.
   */
  private loopEntry(r: LoopRegion): number {
    const m = this.m;
    const lp = this.loop!;
    lp.budget = this.newLocal('i32');
    const enter = this.newSegment();
    const es = this.segs[enter]!;
    es.stmts.push(m.local.set(lp.budget, m.i32.const(LOOP_CHUNK)));
    es.switchCond = m.local.get(0, T.i32);
    const store = (values: readonly ValueId[]): Expr[] => xferSlots(this.ctx, this.fn, values).map(({ v, global }) => m.global.set(global, this.get(v)));
    r.resumes.forEach((h, j) => {
      es.branches.push({ to: { kind: 'block', block: h }, cond: undefined, code: [], indexes: j === 0 ? [] : [j] });
      const stop = this.newSegment();
      this.segs[stop]!.stmts.push(...store(r.saved[j]!), m.return(m.i32.const(CODE_FIRST + j)));
      const back = this.newSegment();
      const bs = this.segs[back]!;
      bs.stmts.push(m.local.set(lp.budget, m.i32.sub(m.local.get(lp.budget, T.i32), m.i32.const(1))));
      bs.branches.push({ to: { kind: 'block', block: h }, cond: m.local.get(lp.budget, T.i32), code: [] });
      bs.branches.push({ to: { kind: 'seg', seg: stop }, cond: undefined, code: [] });
      lp.backSeg.set(h, back);
    });
    r.exits.forEach((t, e) => {
      const s = this.newSegment();
      this.segs[s]!.stmts.push(...store([...this.fn.blocks[t]!.params, ...r.liveOuts]), m.return(m.i32.const(CODE_FIRST + r.resumes.length + e)));
      lp.exitSeg.set(t, s);
    });
    return enter;
  }

  /** Where an edge of the current block to `block` goes: in a loop function, back and exit edges go through their segments. */
  private edgeTarget(block: BlockId): Target {
    const lp = this.loop;
    if (lp !== undefined) {
      const exit = lp.exitSeg.get(block);
      if (exit !== undefined) return { kind: 'seg', seg: exit };
      const back = lp.backSeg.get(block);
      if (back !== undefined && dominates(lp.cfg, block, this.curBlock)) return { kind: 'seg', seg: back };
    }
    return { kind: 'block', block };
  }

  // ---- locals and segments -------------------------------------------------------

  private newLocal(kind: abi.WasmKind): number {
    this.vars.push(wasmType(kind));
    return this.paramCount + this.vars.length - 1;
  }

  private typeOf(v: ValueId): WasmType {
    return wasmType(abi.kindOf(this.fn.values[v]!.type));
  }

  private get(v: ValueId): Expr {
    const idx = this.localOf[v];
    if (idx === undefined) throw new InternalError(`function '${this.fn.name}': value v${v} has no local`);
    return this.m.local.get(idx, this.typeOf(v));
  }

  private set(v: ValueId, e: Expr): void {
    this.emit(this.m.local.set(this.localOf[v]!, e));
  }

  private emit(e: Expr): void {
    this.cur!.stmts.push(e);
  }

  private newSegment(): number {
    this.segs.push({ stmts: [], branches: [] });
    return this.segs.length - 1;
  }

  private resolveTarget(t: Target): number {
    if (t.kind === 'seg') return t.seg;
    const s = this.blockSeg.get(t.block);
    if (s === undefined) throw new InternalError(`function '${this.fn.name}': branch to block${t.block}, which is not in the layout`);
    return s;
  }

  /**
   * Add a branch from the current segment. The Relooper allows one branch
   * per (from, to) pair, so a second edge to the same block goes through an
   * empty trampoline segment that carries its copies.
   */
  private addBranch(call: BlockCall, cond: Expr | undefined, indexes?: number[], before: Expr[] = []): void {
    const seg = this.cur!;
    const code = [...before, ...this.edgeCopies(call)];
    let to = this.edgeTarget(call.block);
    const first = to;
    if (seg.branches.some((b) => (b.to.kind === 'block' ? first.kind === 'block' && b.to.block === first.block : first.kind === 'seg' && b.to.seg === first.seg))) {
      const tramp = this.newSegment();
      this.segs[tramp]!.branches.push({ to, cond: undefined, code });
      to = { kind: 'seg', seg: tramp };
      seg.branches.push({ to, cond, code: [], ...(indexes ? { indexes } : {}) });
      return;
    }
    seg.branches.push({ to, cond, code, ...(indexes ? { indexes } : {}) });
  }

  /** Parallel copy of block arguments into the target's parameter locals. */
  private edgeCopies(call: BlockCall): Expr[] {
    const params = this.fn.blocks[call.block]!.params;
    if (params.length !== call.args.length) throw new InternalError(`function '${this.fn.name}': block${call.block} takes ${params.length} args, edge passes ${call.args.length}`);
    const m = this.m;
    const pairs = params.map((p, i) => [p, call.args[i]!] as const).filter(([p, a]) => p !== a);
    const paramSet = new Set(params);
    if (!pairs.some(([, a]) => paramSet.has(a))) return pairs.map(([p, a]) => m.local.set(this.localOf[p]!, this.get(a)));
    const out: Expr[] = [];
    const temps = pairs.map(([p, a]) => {
      const t = this.newLocal(abi.kindOf(this.fn.values[p]!.type));
      out.push(m.local.set(t, this.get(a)));
      return t;
    });
    pairs.forEach(([p], i) => out.push(m.local.set(this.localOf[p]!, m.local.get(temps[i]!, this.typeOf(p)))));
    return out;
  }

  // ---- errors -------------------------------------------------------------------

  private errValue(): Expr {
    if (this.part.kind === 'loop') return this.m.i32.const(CODE_ERR);
    const k = abi.kindOf(this.fn.result);
    return k === 'i64' ? this.m.i64.const(abi.ERR) : k === 'i32' ? this.m.i32.const(-1) : this.m.f64.const(NaN);
  }

  private propagate(inst: Inst): Expr {
    const m = this.m;
    const at = inst.loc?.inlined;
    const line = at?.line ?? inst.loc?.line ?? this.fn.py?.firstLine ?? 0;
    return m.block(null, [...this.leaveInlined(inst), this.tracebackAdd(this.codeId, line), m.return(this.errValue())], T.none);
  }

  private tracebackAdd(code: number, line: number): Expr {
    this.ctx.useImport('molt_traceback_add', abi.ENTRY_POINTS.molt_traceback_add!);
    return this.m.drop(this.m.call('molt_traceback_add', [this.m.i32.const(code), this.m.i32.const(line)], T.i64));
  }

  /**
   * For an instruction inlined from another function (passes/inline.ts), an
   * exception leaving it first gets the callee's traceback entry, then goes
   * on as if raised by the call.
   */
  private leaveInlined(inst: Inst): Expr[] {
    const at = inst.loc?.inlined;
    if (at === undefined) return [];
    return [this.tracebackAdd(this.ctx.codeId(this.mi, at.func), inst.loc!.line)];
  }

  /** After a may-raise call whose i64 result is in local `local`: go to the handler, or return ERR. */
  private checkErr(inst: Inst, local: number): void {
    const m = this.m;
    const isErr = m.i64.eq(m.local.get(local, T.i64), m.i64.const(abi.ERR));
    const unwind = this.fn.blocks[this.curBlock]!.unwind;
    if (unwind === undefined) {
      this.emit(m.if(isErr, this.propagate(inst)));
      return;
    }
    const next = this.newSegment();
    this.addBranch(unwind, isErr, undefined, this.leaveInlined(inst));
    this.cur!.branches.push({ to: { kind: 'seg', seg: next }, cond: undefined, code: [] });
    this.cur = this.segs[next]!;
  }

  /** An instruction that always raises: to the handler, or return ERR. */
  private alwaysRaise(inst: Inst): void {
    const unwind = this.fn.blocks[this.curBlock]!.unwind;
    if (unwind === undefined) this.emit(this.propagate(inst));
    else this.addBranch(unwind, undefined, undefined, this.leaveInlined(inst));
  }

  // ---- blocks and instructions --------------------------------------------------

  private lowerBlock(b: BlockId): void {
    this.curBlock = b;
    this.cur = this.segs[this.blockSeg.get(b)!]!;
    for (const id of this.fn.blocks[b]!.insts) this.lowerInst(this.fn.insts[id]!);
  }

  private i64(v: bigint | number): Expr {
    return this.m.i64.const(BigInt.asIntN(64, BigInt(v)));
  }

  private tagOf(e: Expr): Expr {
    return this.m.i64.shr_u(e, this.i64(abi.TAG_SHIFT));
  }

  private boxInt(e: Expr): Expr {
    return this.m.i64.or(this.m.i64.and(e, this.i64(abi.PAYLOAD_MASK)), this.i64(abi.TAG_INT << abi.TAG_SHIFT));
  }

  private unboxInt(e: Expr): Expr {
    return this.m.i64.shr_s(this.m.i64.shl(e, this.i64(16)), this.i64(16));
  }

  private lowerInst(inst: Inst): void {
    const m = this.m;
    const a = (i: number): Expr => this.get(inst.args[i]!);
    const r = inst.result;
    const setR = (e: Expr): void => this.set(r!, e);
    switch (inst.op) {
      // -- constants
      case 'const.none': return setR(this.i64(abi.NONE));
      case 'const.bool': return setR(this.i64(inst.imms[0] ? abi.TRUE : abi.FALSE));
      case 'const.ellipsis': return setR(this.i64(abi.ELLIPSIS));
      case 'const.unbound': return setR(this.i64(abi.UNBOUND));
      case 'const.float': return setR(this.i64(abi.floatWord(Number(inst.imms[0]))));
      case 'const.int': {
        const v = BigInt(inst.imms[0] as bigint | number);
        if (abi.fitsSmallInt(v)) return setR(this.i64(abi.smallInt(v)));
        const text = v.toString(10);
        return setR(m.global.get(this.ctx.constant('bigint', text, new TextEncoder().encode(text)), T.i64));
      }
      case 'const.str': {
        const s = String(inst.imms[0]);
        return setR(m.global.get(this.ctx.constant('str', s, new TextEncoder().encode(s)), T.i64));
      }
      case 'const.bytes': {
        const bytes = inst.imms[0] as Uint8Array;
        const key = Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
        return setR(m.global.get(this.ctx.constant('bytes', key, bytes), T.i64));
      }
      case 'const.complex': return setR(m.global.get(this.ctx.complexConstant(Number(inst.imms[0])), T.i64));
      case 'iconst': return setR(this.i64(BigInt(inst.imms[0] as bigint | number)));
      case 'fconst': return setR(m.f64.const(Number(inst.imms[0])));
      case 'bconst': return setR(m.i32.const(inst.imms[0] ? 1 : 0));

      // -- boxing, guards, identity
      case 'box.i64': {
        const fits = m.i64.eq(this.unboxInt(a(0)), a(0));
        this.ctx.useImport('molt_int_from_i64', { params: ['i64'], result: 'i64' });
        return setR(m.if(fits, this.boxInt(a(0)), m.call('molt_int_from_i64', [a(0)], T.i64)));
      }
      case 'box.f64': {
        // A NaN goes to the runtime, which keeps its identity or gives it one (specs/runtime-abi.md §1).
        this.ctx.useImport('molt_float_box_nan', abi.ENTRY_POINTS.molt_float_box_nan!);
        return setR(m.if(m.f64.ne(a(0), a(0)), m.call('molt_float_box_nan', [m.i64.reinterpret(a(0))], T.i64), m.i64.reinterpret(a(0))));
      }
      case 'box.bool': return setR(m.i64.or(m.i64.extend_u(a(0)), this.i64(abi.FALSE)));
      case 'unbox.i64': return setR(this.unboxInt(a(0)));
      case 'unbox.f64': return setR(m.f64.reinterpret(a(0)));
      case 'unbox.bool': return setR(m.i32.and(m.i32.wrap(a(0)), m.i32.const(1)));
      case 'guard.int': return setR(m.i64.eq(this.tagOf(a(0)), this.i64(abi.TAG_INT)));
      case 'guard.float': return setR(m.i64.lt_u(this.tagOf(a(0)), this.i64(abi.FIRST_TAG)));
      case 'guard.bool': return setR(m.i64.eq(this.tagOf(a(0)), this.i64(abi.TAG_BOOL)));
      case 'is': return setR(m.i64.eq(a(0), a(1)));
      case 'unbound.is': return setR(m.i64.eq(a(0), this.i64(abi.UNBOUND)));
      case 'bnot': return setR(m.i32.eqz(a(0)));
      // Only extends its operands' lifetimes (the refcount pass placed their decrefs after it).
      case 'keepalive': return;
      case 'tuple.get': {
        if (!this.ctx.fastPaths) return this.lowerGeneric(inst);
        // Item `index` of a tuple of known length (`unpack.seq`'s result): a load and an incref.
        const items = m.i32.load(abi.LAYOUT32.tupleItems, 4, m.i32.wrap(a(0)), MEMORY);
        setR(m.i64.load(Number(inst.imms[0]) * 8, 8, items, MEMORY));
        this.emit(this.countWord(() => this.get(r!), 'inc'));
        return;
      }
      case 'method.func': {
        // A METHOD word's function object (a new reference), else None.
        const fnWord = m.i64.or(m.i64.and(a(0), this.i64(abi.PAYLOAD_MASK)), this.i64(abi.TAG_PTR << abi.TAG_SHIFT));
        setR(m.select(m.i64.eq(this.tagOf(a(0)), this.i64(abi.TAG_METHOD)), fnWord, this.i64(abi.NONE)));
        this.emit(this.countWord(() => this.get(r!), 'inc'));
        return;
      }

      // -- unboxed arithmetic
      case 'i64.add': return setR(m.i64.add(a(0), a(1)));
      case 'i64.sub': return setR(m.i64.sub(a(0), a(1)));
      case 'i64.mul': return setR(m.i64.mul(a(0), a(1)));
      case 'i64.and': return setR(m.i64.and(a(0), a(1)));
      case 'i64.or': return setR(m.i64.or(a(0), a(1)));
      case 'i64.xor': return setR(m.i64.xor(a(0), a(1)));
      case 'i64.shl': return setR(m.i64.shl(a(0), a(1)));
      case 'i64.ashr': return setR(m.i64.shr_s(a(0), a(1)));
      case 'i64.neg': return setR(m.i64.sub(this.i64(0), a(0)));
      case 'i64.ovf_add': // overflow iff both operands differ in sign from the result
        return setR(m.i64.lt_s(m.i64.and(m.i64.xor(a(0), m.i64.add(a(0), a(1))), m.i64.xor(a(1), m.i64.add(a(0), a(1)))), this.i64(0)));
      case 'i64.ovf_sub': // overflow iff the operands differ in sign and the result differs from a
        return setR(m.i64.lt_s(m.i64.and(m.i64.xor(a(0), a(1)), m.i64.xor(a(0), m.i64.sub(a(0), a(1)))), this.i64(0)));
      case 'i64.ovf_mul':
        return setR(m.if(m.i64.eqz(a(0)), m.i32.const(0),
          m.if(m.i64.eq(a(0), this.i64(-1)), m.i64.eq(a(1), this.i64(-(1n << 63n))),
            m.i64.ne(m.i64.div_s(m.i64.mul(a(0), a(1)), a(0)), a(1)))));
      case 'i64.floordiv': {
        const adjust = m.i32.and(m.i64.ne(m.i64.rem_s(a(0), a(1)), this.i64(0)), m.i64.lt_s(m.i64.xor(a(0), a(1)), this.i64(0)));
        return setR(m.i64.sub(m.i64.div_s(a(0), a(1)), m.i64.extend_u(adjust)));
      }
      case 'i64.mod': {
        const t = this.rawTmp;
        this.emit(m.local.set(t, m.i64.rem_s(a(0), a(1))));
        const rem = (): Expr => m.local.get(t, T.i64);
        const adjust = m.i32.and(m.i64.ne(rem(), this.i64(0)), m.i64.lt_s(m.i64.xor(rem(), a(1)), this.i64(0)));
        return setR(m.select(adjust, m.i64.add(rem(), a(1)), rem()));
      }
      case 'i64.eq': return setR(m.i64.eq(a(0), a(1)));
      case 'i64.ne': return setR(m.i64.ne(a(0), a(1)));
      case 'i64.lt': return setR(m.i64.lt_s(a(0), a(1)));
      case 'i64.le': return setR(m.i64.le_s(a(0), a(1)));
      case 'i64.gt': return setR(m.i64.gt_s(a(0), a(1)));
      case 'i64.ge': return setR(m.i64.ge_s(a(0), a(1)));
      case 'f64.add': return setR(m.f64.add(a(0), a(1)));
      case 'f64.sub': return setR(m.f64.sub(a(0), a(1)));
      case 'f64.mul': return setR(m.f64.mul(a(0), a(1)));
      case 'f64.div': return setR(m.f64.div(a(0), a(1)));
      case 'f64.neg': return setR(m.f64.neg(a(0)));
      case 'f64.sqrt': return setR(m.f64.sqrt(a(0)));
      case 'f64.eq': return setR(m.f64.eq(a(0), a(1)));
      case 'f64.ne': return setR(m.f64.ne(a(0), a(1)));
      case 'f64.lt': return setR(m.f64.lt(a(0), a(1)));
      case 'f64.le': return setR(m.f64.le(a(0), a(1)));
      case 'f64.gt': return setR(m.f64.gt(a(0), a(1)));
      case 'f64.ge': return setR(m.f64.ge(a(0), a(1)));
      case 'i64.to_f64': return setR(m.f64.convert_s.i64(a(0)));

      case 'global.get': {
        if (!this.ctx.fastPaths) return this.lowerGeneric(inst);
        // Through a per-site cache that the runtime fills (molt_global_get_cached).
        const site = this.ctx.cacheSite(3);
        this.ctx.useImport('molt_global_get_cached', { params: ['i64', 'i64', 'i32'], result: 'i64' });
        return this.lowerFastGlobalGet(inst, () => m.i32.add(m.global.get(this.ctx.cacheGlobal, T.i32), m.i32.const(site)));
      }
      case 'getattr':
      case 'setattr':
      case 'method.load': {
        if (!this.ctx.fastPaths) return this.lowerGeneric(inst);
        // A site's cache is for one name: a computed name takes the generic call.
        const nameDef = this.fn.values[inst.args[1]!]!.def;
        if (nameDef.kind !== 'inst' || this.fn.insts[nameDef.inst]!.op !== 'const.str') return this.lowerGeneric(inst);
        // Through the per-site caches of specs/runtime-abi.md §8, checked and filled by the runtime.
        const sym = `molt_${inst.op.replace('.', '_')}_cached`;
        const site = this.ctx.cacheSite(inst.op === 'method.load' ? 5 * abi.CACHES.methodEntries : 4 * abi.CACHES.attrEntries);
        this.ctx.useImport(sym, { params: [...inst.args.map((): 'i64' => 'i64'), 'i32'], result: 'i64' });
        const cache = m.i32.add(m.global.get(this.ctx.cacheGlobal, T.i32), m.i32.const(site));
        const call = m.call(sym, [...inst.args.map((_, i) => a(i)), cache], T.i64);
        if (r === undefined) {
          this.emit(m.local.set(this.rawTmp, call));
          return this.checkErr(inst, this.rawTmp);
        }
        setR(call);
        return this.checkErr(inst, this.localOf[r]!);
      }

      // -- calls
      case 'call.direct': return this.lowerCallDirect(inst);
      case 'incref':
      case 'decref': return this.emit(this.countWord(() => a(0), inst.op === 'incref' ? 'inc' : 'dec'));

      // -- terminators
      case 'jump': return this.addBranch(inst.targets[0]!, undefined);
      case 'brif': {
        this.addBranch(inst.targets[0]!, a(0));
        return this.addBranch(inst.targets[1]!, undefined);
      }
      case 'switch': return this.lowerSwitch(inst);
      case 'return':
        // The operand is a reference the caller now owns (the refcount pass made it so).
        if (this.part.kind === 'loop') {
          this.emit(m.global.set(this.ctx.xferGlobal(abi.kindOf(this.fn.result), 0), a(0)));
          return this.emit(m.return(m.i32.const(CODE_RET)));
        }
        return this.emit(m.return(a(0)));
      case 'unreachable': return this.emit(m.unreachable());
      case 'raise':
      case 'reraise':
        this.emit(m.drop(this.runtimeCall(inst)));
        return this.alwaysRaise(inst);
      case 'gen.yield': {
        this.ctx.useImport('molt_gen_set_state', abi.ENTRY_POINTS.molt_gen_set_state!);
        this.emit(m.drop(m.call('molt_gen_set_state', [a(0), a(1), this.i64(BigInt(inst.imms[0] as bigint | number))], T.i64)));
        return this.emit(m.return(a(1)));
      }
      case 'gen.return': {
        this.ctx.useImport('molt_gen_finish', abi.ENTRY_POINTS.molt_gen_finish!);
        this.emit(m.drop(m.call('molt_gen_finish', [a(0), a(1)], T.i64)));
        return this.emit(m.return(this.i64(abi.UNBOUND)));
      }
      default:
        return this.lowerGeneric(inst);
    }
  }

  private lowerSwitch(inst: Inst): void {
    const m = this.m;
    const n = inst.targets.length;
    if (n <= 1) return this.addBranch(inst.targets[0]!, undefined);
    const v = (): Expr => this.get(inst.args[0]!);
    const cases = n - 1;
    this.cur!.switchCond = m.select(m.i64.lt_u(v(), this.i64(cases)), m.i32.wrap(v()), m.i32.const(cases));
    this.addBranch(inst.targets[0]!, undefined, []);
    for (let k = 0; k < cases; k++) this.addBranch(inst.targets[k + 1]!, undefined, [k]);
  }

  private lowerCallDirect(inst: Inst): void {
    const m = this.m;
    const callee = this.ctx.func(this.mi, inst.imms[0] as number);
    if (callee.params.length !== inst.args.length) throw new InternalError(`call.direct of '${callee.name}' passes ${inst.args.length} values for ${callee.params.length} params`);
    const rk = abi.kindOf(callee.result);
    // The runtime's call-depth counter, kept as molt_dispatch keeps it (RecursionError at the limit).
    if (this.depthTmp < 0) this.depthTmp = this.newLocal('i32');
    const depthAt = (): Expr => m.global.get(this.ctx.depthGlobal('depth'), T.i32);
    const depth = (): Expr => m.local.get(this.depthTmp, T.i32);
    this.emit(m.local.set(this.depthTmp, m.i32.load(0, 4, depthAt(), MEMORY)));
    const over = m.i32.ge_u(depth(), m.i32.load(0, 4, m.global.get(this.ctx.depthGlobal('limit'), T.i32), MEMORY));
    this.ctx.useImport('molt_recursion_error', abi.ENTRY_POINTS.molt_recursion_error!);
    const recursionError = m.drop(m.call('molt_recursion_error', [], T.i64));
    if (this.fn.blocks[this.curBlock]!.unwind === undefined) {
      this.emit(m.if(over, m.block(null, [recursionError, this.propagate(inst)], T.none)));
    } else {
      const deep = this.newSegment();
      const go = this.newSegment();
      this.cur!.branches.push({ to: { kind: 'seg', seg: deep }, cond: over, code: [] }, { to: { kind: 'seg', seg: go }, cond: undefined, code: [] });
      this.cur = this.segs[deep]!;
      this.emit(recursionError);
      this.alwaysRaise(inst);
      this.cur = this.segs[go]!;
    }
    this.emit(m.i32.store(0, 4, depthAt(), m.i32.add(depth(), m.i32.const(1)), MEMORY));
    this.set(inst.result!, m.call(this.ctx.funcName(this.mi, callee.id), inst.args.map((v) => this.get(v)), wasmType(rk)));
    this.emit(m.i32.store(0, 4, depthAt(), depth(), MEMORY));
    if (rk === 'i64') this.checkErr(inst, this.localOf[inst.result!]!);
  }

  /**
   * A call of the op's runtime function: fixed operands, then (argv, n) for
   * variadic operands, then immediates as i64 (a `func` immediate as its
   * code id). Returns the raw i64 result expression; the caller stores it.
   * Restores the argv stack pointer after the call (through `rawTmp`).
   */
  private runtimeCall(inst: Inst): Expr {
    const m = this.m;
    const spec = requireOp(inst.op);
    const symbol = spec.runtime;
    if (symbol === undefined) throw new InternalError(`op '${inst.op}' has no runtime function`);
    const fixed = spec.operands.length;
    // A `bool` operand is passed as a word (0/1), as natively.
    const operands: Expr[] = inst.args.slice(0, fixed).map((v, i) => (spec.operands[i] === 'bool' ? m.i64.extend_u(this.get(v)) : this.get(v)));
    const sig: abi.WasmKind[] = spec.operands.map((t) => (t === 'bool' ? 'i64' : abi.kindOf(t)));
    let argc = 0;
    if (spec.variadic !== undefined) {
      const rest = inst.args.slice(fixed);
      argc = rest.length;
      sig.push('i32', 'i32');
      if (argc === 0) {
        operands.push(m.i32.const(0), m.i32.const(0));
      } else {
        const sp = this.ctx.spGlobal;
        const argv = (): Expr => m.local.get(this.argvTmp, T.i32);
        this.emit(m.local.set(this.argvTmp, m.global.get(sp, T.i32)));
        this.emit(m.global.set(sp, m.i32.add(argv(), m.i32.const(8 * argc))));
        this.emit(m.if(m.i32.gt_u(m.global.get(sp, T.i32), m.global.get(this.ctx.spEndGlobal, T.i32)), m.unreachable()));
        rest.forEach((v, i) => this.emit(m.i64.store(8 * i, 8, argv(), this.get(v), MEMORY)));
        operands.push(argv(), m.i32.const(argc));
      }
    }
    for (const [i, imm] of (spec.imms ?? []).entries()) {
      const raw = inst.imms[i];
      sig.push('i64');
      if (imm.kind === 'func') operands.push(this.i64(this.ctx.codeId(this.mi, raw as number)));
      else if (imm.kind === 'i64' && spec.family === 'profile' && imm.name === 'site') operands.push(this.i64(this.ctx.siteBase(this.mi) + Number(raw)));
      else if (imm.kind === 'i64' || imm.kind === 'bool') operands.push(this.i64(typeof raw === 'boolean' ? (raw ? 1 : 0) : BigInt(raw as bigint | number)));
      else throw new InternalError(`op '${inst.op}': immediate kind '${imm.kind}' cannot be passed to the runtime`);
    }
    this.ctx.useImport(symbol, { params: sig, result: 'i64' });
    const call = m.call(symbol, operands, T.i64);
    if (spec.variadic === undefined || argc === 0) return call;
    // Keep the result, pop the argv frame, then yield the result.
    return m.block(null, [m.local.set(this.rawTmp, call), m.global.set(this.ctx.spGlobal, m.local.get(this.argvTmp, T.i32)), m.local.get(this.rawTmp, T.i64)], T.i64);
  }

  private lowerGeneric(inst: Inst): void {
    const m = this.m;
    const spec = requireOp(inst.op);
    if (spec.runtime === undefined) {
      this.ctx.diagnostics.push(error(WasmDiag.unsupportedOp, `The wasm backend does not lower the IR op '${inst.op}' yet.`, 'Compile for the native target, or avoid the construct.', this.file, inst.loc?.line));
      this.emit(m.unreachable());
      return;
    }
    if (this.ctx.fastPaths && FAST_BINOPS.has(inst.op) && this.lowerFastBinop(inst)) return;
    if (this.ctx.fastPaths && inst.op === 'truthy') return this.lowerFastTruthy(inst);
    if (this.ctx.fastPaths && inst.op === 'neg') return this.lowerFastNeg(inst);
    if (this.ctx.fastPaths && inst.op === 'getitem') return this.lowerFastGetItem(inst);
    if (this.ctx.fastPaths && inst.op === 'setitem') return this.lowerFastSetItem(inst);
    if (this.ctx.fastPaths && inst.op === 'iter.next') return this.lowerFastIterNext(inst);
    const raises = spec.effects.includes('may-raise');
    const result = spec.result;
    if (result === 'obj' || result === 'i64') {
      this.set(inst.result!, this.runtimeCall(inst));
      if (raises) this.checkErr(inst, this.localOf[inst.result!]!);
      return;
    }
    this.emit(m.local.set(this.rawTmp, this.runtimeCall(inst)));
    if (raises) this.checkErr(inst, this.rawTmp);
    if (result === 'bool') this.set(inst.result!, m.i32.wrap(m.local.get(this.rawTmp, T.i64)));
    else if (result === 'f64') this.set(inst.result!, m.f64.reinterpret(m.local.get(this.rawTmp, T.i64)));
  }

  /**
   * Inline fast paths of generic arithmetic and comparisons: when both
   * words are small ints, compute in place (add/sub/mul: only when the
   * result still fits 48 bits); when both are floats, compute the IEEE
   * result (truediv: only for a non-zero divisor). Everything else calls
   * the runtime, so the semantics are the runtime's.
   */
  private lowerFastBinop(inst: Inst): boolean {
    const m = this.m;
    const op = inst.op.replace(/^i(add|sub|mul|truediv|floordiv|mod|bitand|bitor|bitxor)$/, '$1');
    const x = (): Expr => this.get(inst.args[0]!);
    const y = (): Expr => this.get(inst.args[1]!);
    const ux = (): Expr => this.unboxInt(x());
    const uy = (): Expr => this.unboxInt(y());
    const fx = (): Expr => m.f64.reinterpret(x());
    const fy = (): Expr => m.f64.reinterpret(y());
    const rl = this.localOf[inst.result!]!;
    const t = this.rawTmp;
    const tget = (): Expr => m.local.get(t, T.i64);
    const setR = (e: Expr): Expr => m.local.set(rl, e);
    const slow = (): Expr => {
      const saved = this.cur!;
      const stmts: Expr[] = [];
      this.cur = { stmts, branches: [] };
      this.set(inst.result!, this.runtimeCall(inst));
      this.cur = saved;
      return m.block(null, stmts, T.none);
    };
    const boxIfFits = (): Expr => m.if(m.i64.eq(this.unboxInt(tget()), tget()), setR(this.boxInt(tget())), slow());
    const boolWord = (b: Expr): Expr => m.i64.or(m.i64.extend_u(b), this.i64(abi.FALSE));
    const boxFloat = (e: Expr): Expr => {
      // A NaN result goes to the runtime, which keeps its identity or gives it one.
      this.ctx.useImport('molt_float_box_nan', abi.ENTRY_POINTS.molt_float_box_nan!);
      return m.block(null, [
        m.local.set(t, m.i64.reinterpret(e)),
        setR(m.if(m.i64.gt_u(m.i64.and(tget(), this.i64(0x7fff_ffff_ffff_ffffn)), this.i64(0x7ff0_0000_0000_0000n)),
          m.call('molt_float_box_nan', [tget()], T.i64), tget())),
      ], T.none);
    };
    const cmpI = { eq: m.i64.eq, ne: m.i64.ne, lt: m.i64.lt_s, le: m.i64.le_s, gt: m.i64.gt_s, ge: m.i64.ge_s } as const;
    const cmpF = { eq: m.f64.eq, ne: m.f64.ne, lt: m.f64.lt, le: m.f64.le, gt: m.f64.gt, ge: m.f64.ge } as const;
    let intPath: Expr | undefined;
    let floatPath: Expr | undefined;
    switch (op) {
      case 'add':
      case 'sub':
        intPath = m.block(null, [m.local.set(t, op === 'add' ? m.i64.add(ux(), uy()) : m.i64.sub(ux(), uy())), boxIfFits()], T.none);
        floatPath = boxFloat(op === 'add' ? m.f64.add(fx(), fy()) : m.f64.sub(fx(), fy()));
        break;
      case 'mul':
        // |ux|, |uy| < 2^47: the product overflows i64 iff (ux*uy)/ux != uy.
        intPath = m.if(m.i64.eqz(ux()), setR(this.i64(abi.smallInt(0n))),
          m.block(null, [m.local.set(t, m.i64.mul(ux(), uy())), m.if(m.i64.eq(m.i64.div_s(tget(), ux()), uy()), boxIfFits(), slow())], T.none));
        floatPath = boxFloat(m.f64.mul(fx(), fy()));
        break;
      case 'truediv':
        // Small ints convert to f64 exactly (as in CPython); a zero divisor raises in the runtime.
        intPath = m.if(m.i64.eqz(uy()), slow(), boxFloat(m.f64.div(m.f64.convert_s.i64(ux()), m.f64.convert_s.i64(uy()))));
        floatPath = m.if(m.f64.eq(fy(), m.f64.const(0)), slow(), boxFloat(m.f64.div(fx(), fy())));
        break;
      case 'floordiv':
      case 'mod': {
        // Floor semantics: adjust C-style division when the remainder's sign differs from the divisor's.
        const rem = (): Expr => m.i64.rem_s(ux(), uy());
        const adjust = (): Expr => m.i32.and(m.i64.ne(rem(), this.i64(0)), m.i64.lt_s(m.i64.xor(rem(), uy()), this.i64(0)));
        const value = op === 'floordiv'
          ? m.i64.sub(m.i64.div_s(ux(), uy()), m.i64.extend_u(adjust()))
          : m.select(adjust(), m.i64.add(rem(), uy()), rem());
        intPath = m.if(m.i64.eqz(uy()), slow(), m.block(null, [m.local.set(t, value), boxIfFits()], T.none));
        break;
      }
      case 'bitand':
      case 'bitor':
        // Both tags are TAG_INT: and/or of the words is the tagged and/or of the payloads.
        intPath = setR(op === 'bitand' ? m.i64.and(x(), y()) : m.i64.or(x(), y()));
        break;
      case 'bitxor':
        intPath = setR(this.boxInt(m.i64.xor(x(), y())));
        break;
      case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge':
        intPath = setR(boolWord(cmpI[op].call(m.i64, ux(), uy())));
        floatPath = setR(boolWord(cmpF[op].call(m.f64, fx(), fy())));
        break;
      default:
        return false;
    }
    const isInt = (e: Expr): Expr => m.i64.eq(this.tagOf(e), this.i64(abi.TAG_INT));
    const isFloat = (e: Expr): Expr => m.i64.lt_u(this.tagOf(e), this.i64(abi.FIRST_TAG));
    const bothFloat = m.i32.and(isFloat(x()), isFloat(y()));
    const notInt = floatPath === undefined ? slow() : m.if(bothFloat, floatPath, slow());
    this.emit(intPath === undefined ? notInt : m.if(m.i32.and(isInt(x()), isInt(y())), intPath, notInt));
    this.checkErr(inst, rl);
    return true;
  }

  /** `truthy`: small ints and bools by payload, None is false; everything else in the runtime. */
  private lowerFastTruthy(inst: Inst): void {
    const m = this.m;
    const x = (): Expr => this.get(inst.args[0]!);
    const t = this.rawTmp;
    const tag = (): Expr => this.tagOf(x());
    const intOrBool = m.i32.or(m.i64.eq(tag(), this.i64(abi.TAG_INT)), m.i64.eq(tag(), this.i64(abi.TAG_BOOL)));
    const payloadNonZero = m.i64.extend_u(m.i64.ne(m.i64.and(x(), this.i64(abi.PAYLOAD_MASK)), this.i64(0)));
    this.emit(m.if(intOrBool, m.local.set(t, payloadNonZero),
      m.if(m.i64.eq(x(), this.i64(abi.NONE)), m.local.set(t, this.i64(0)), m.local.set(t, this.runtimeCall(inst)))));
    this.checkErr(inst, t);
    this.set(inst.result!, m.i32.wrap(m.local.get(t, T.i64)));
  }

  /** Unary minus of a small int (−2^47 overflows to the runtime) or a float (sign flip). */
  private lowerFastNeg(inst: Inst): void {
    const m = this.m;
    const x = (): Expr => this.get(inst.args[0]!);
    const rl = this.localOf[inst.result!]!;
    const t = this.rawTmp;
    const tget = (): Expr => m.local.get(t, T.i64);
    const slow = (): Expr => m.local.set(rl, this.runtimeCall(inst));
    const intPath = m.block(null, [
      m.local.set(t, m.i64.sub(this.i64(0), this.unboxInt(x()))),
      m.if(m.i64.eq(this.unboxInt(tget()), tget()), m.local.set(rl, this.boxInt(tget())), slow()),
    ], T.none);
    const floatPath = m.local.set(rl, m.i64.xor(x(), this.i64(1n << 63n)));
    this.emit(m.if(m.i64.eq(this.tagOf(x()), this.i64(abi.TAG_INT)), intPath,
      m.if(m.i64.lt_u(this.tagOf(x()), this.i64(abi.FIRST_TAG)), floatPath, slow())));
    this.checkErr(inst, rl);
  }

  // ---- inline reference counting and item access ----------------------------------

  private label(what: string): string {
    return `${what}${this.labels++}`;
  }

  /**
   * `incref`/`decref` of the word `v()`: a heap object's u32 refcount (at
   * offset 0) inline unless it is immortal, the free at zero and METHOD
   * words (which own their function) through the runtime, immediates not at
   * all — as natively (lower-native `countWord`).
   */
  private countWord(v: () => Expr, dir: 'inc' | 'dec'): Expr {
    const m = this.m;
    const sym = dir === 'inc' ? 'molt_incref' : 'molt_decref';
    this.ctx.useImport(sym, abi.ENTRY_POINTS[sym]!);
    const call = (): Expr => m.drop(m.call(sym, [v()], T.i64));
    if (!this.ctx.fastPaths) return call();
    const addr = (): Expr => m.local.get(this.rcAddr, T.i32);
    const rc = (): Expr => m.local.get(this.rcVal, T.i32);
    const update = dir === 'inc'
      ? m.i32.store(0, 4, addr(), m.i32.add(rc(), m.i32.const(1)), MEMORY)
      : m.if(m.i32.le_u(rc(), m.i32.const(1)), call(), m.i32.store(0, 4, addr(), m.i32.sub(rc(), m.i32.const(1)), MEMORY));
    const heap = m.block(null, [
      m.local.set(this.rcAddr, m.i32.wrap(v())),
      m.local.set(this.rcVal, m.i32.load(0, 4, addr(), MEMORY)),
      m.if(m.i32.ne(rc(), m.i32.const(abi.IMMORTAL)), update),
    ], T.none);
    return m.if(m.i64.eq(this.tagOf(v()), this.i64(abi.TAG_PTR)), heap, m.if(m.i64.eq(this.tagOf(v()), this.i64(abi.TAG_METHOD)), call()));
  }

  /** The statements of the generic (runtime) lowering of `inst`, collected as one block. */
  private slowPath(inst: Inst, store: (call: Expr) => Expr): Expr {
    const saved = this.cur!;
    const stmts: Expr[] = [];
    this.cur = { stmts, branches: [] };
    this.emit(store(this.runtimeCall(inst)));
    this.cur = saved;
    return this.m.block(null, stmts, T.none);
  }

  /**
   * The checks shared by the item fast paths: `obj` is an exact list (or
   * tuple when `tuples`) and `index` a small int in range, negative indices
   * counted from the end; otherwise `br slow`. Leaves the item's address in
   * `itemAddr`.
   */
  private itemChecks(obj: () => Expr, index: () => Expr, slow: string, tuples: boolean): Expr[] {
    const m = this.m;
    const L = abi.LAYOUT32;
    const base = (): Expr => m.local.get(this.objBase, T.i32);
    const isList = (): Expr => m.i32.eq(m.i32.load(L.objType, 4, base(), MEMORY), m.global.get(this.ctx.typeGlobal('list'), T.i32));
    const isTuple = (): Expr => m.i32.eq(m.i32.load(L.objType, 4, base(), MEMORY), m.global.get(this.ctx.typeGlobal('tuple'), T.i32));
    const field = (listOff: number, tupleOff: number): Expr => (!tuples || listOff === tupleOff
      ? m.i32.load(listOff, 4, base(), MEMORY)
      : m.select(isList(), m.i32.load(listOff, 4, base(), MEMORY), m.i32.load(tupleOff, 4, base(), MEMORY)));
    const i = (): Expr => m.local.get(this.itemIndex, T.i64);
    const len = (): Expr => m.local.get(this.itemLen, T.i64);
    return [
      m.br(slow, m.i32.eqz(m.i32.and(m.i64.eq(this.tagOf(obj()), this.i64(abi.TAG_PTR)), m.i64.eq(this.tagOf(index()), this.i64(abi.TAG_INT))))),
      m.local.set(this.objBase, m.i32.wrap(obj())),
      m.br(slow, m.i32.eqz(tuples ? m.i32.or(isList(), isTuple()) : isList())),
      m.local.set(this.itemLen, m.i64.extend_u(field(L.listLen, L.tupleLen))),
      m.local.set(this.itemIndex, this.unboxInt(index())),
      m.local.set(this.itemIndex, m.select(m.i64.lt_s(i(), this.i64(0)), m.i64.add(i(), len()), i())),
      m.br(slow, m.i32.eqz(m.i64.lt_u(i(), len()))),
      m.local.set(this.itemAddr, m.i32.add(field(L.listItems, L.tupleItems), m.i32.shl(m.i32.wrap(i()), m.i32.const(3)))),
    ];
  }

  /** `obj[i]` on an exact list or tuple with an in-range small int: a load (new reference); else the runtime. */
  private lowerFastGetItem(inst: Inst): void {
    const m = this.m;
    const rl = this.localOf[inst.result!]!;
    const done = this.label('item.done');
    const slow = this.label('item.slow');
    const fast = [
      ...this.itemChecks(() => this.get(inst.args[0]!), () => this.get(inst.args[1]!), slow, true),
      m.local.set(rl, m.i64.load(0, 8, m.local.get(this.itemAddr, T.i32), MEMORY)),
      this.countWord(() => m.local.get(rl, T.i64), 'inc'),
      m.br(done),
    ];
    this.emit(m.block(done, [m.block(slow, fast, T.none), this.slowPath(inst, (call) => m.local.set(rl, call))], T.none));
    this.checkErr(inst, rl);
  }

  /**
   * `global.get` through its site cache `[globals, version, slot]` (filled
   * by `molt_global_get_cached`): when the cache names an entry of this
   * globals dict (slot > 0) that still holds the name, its value is loaded
   * inline (a new reference), as natively (lower-native `globalGet`);
   * anything else (a builtin, a miss) calls the runtime.
   */
  private lowerFastGlobalGet(inst: Inst, cache: () => Expr): void {
    const m = this.m;
    const L = abi.LAYOUT32;
    const rl = this.localOf[inst.result!]!;
    const done = this.label('gget.done');
    const slow = this.label('gget.slow');
    const g = (): Expr => this.get(inst.args[0]!);
    const ix = (): Expr => m.local.get(this.itemIndex, T.i64);
    const base = (): Expr => m.local.get(this.objBase, T.i32);
    const entry = (): Expr => m.local.get(this.itemAddr, T.i32);
    const fast = [
      m.local.set(this.itemIndex, m.i64.load(16, 8, cache(), MEMORY)),
      m.br(slow, m.i32.eqz(m.i32.and(m.i64.gt_s(ix(), this.i64(0)), m.i64.eq(m.i64.load(0, 8, cache(), MEMORY), g())))),
      m.local.set(this.objBase, m.i32.wrap(g())),
      m.local.set(this.itemIndex, m.i64.sub(ix(), this.i64(1))),
      m.br(slow, m.i32.eqz(m.i64.lt_u(ix(), m.i64.extend_u(m.i32.load(L.dictLen, 4, base(), MEMORY))))),
      m.local.set(this.itemAddr, m.i32.add(m.i32.load(L.dictEntries, 4, base(), MEMORY), m.i32.mul(m.i32.wrap(ix()), m.i32.const(L.dictEntrySize)))),
      m.br(slow, m.i64.ne(m.i64.load(L.dictEntryKey, 8, entry(), MEMORY), this.get(inst.args[1]!))),
      m.local.set(rl, m.i64.load(L.dictEntryValue, 8, entry(), MEMORY)),
      this.countWord(() => m.local.get(rl, T.i64), 'inc'),
      m.br(done),
    ];
    const call = m.local.set(rl, m.call('molt_global_get_cached', [g(), this.get(inst.args[1]!), cache()], T.i64));
    this.emit(m.block(done, [m.block(slow, fast, T.none), call], T.none));
    this.checkErr(inst, rl);
  }

  /**
   * `iter.next` of a list iterator whose list still has an item at its
   * index: the item (new reference), and the index moves on; else the
   * runtime (other iterators, and the end, which releases the list).
   */
  private lowerFastIterNext(inst: Inst): void {
    const m = this.m;
    const L = abi.LAYOUT32;
    const rl = this.localOf[inst.result!]!;
    const done = this.label('next.done');
    const slow = this.label('next.slow');
    const it = (): Expr => this.get(inst.args[0]!);
    const base = (): Expr => m.local.get(this.objBase, T.i32);
    // The list's address: the low half of its word (0 once exhausted).
    const list = (): Expr => m.local.get(this.itemAddr, T.i32);
    const index = (): Expr => m.local.get(this.itemIndex, T.i64);
    const fast = [
      m.br(slow, m.i32.eqz(m.i64.eq(this.tagOf(it()), this.i64(abi.TAG_PTR)))),
      m.local.set(this.objBase, m.i32.wrap(it())),
      m.br(slow, m.i32.ne(m.i32.load(L.objType, 4, base(), MEMORY), m.global.get(this.ctx.typeGlobal('listiter'), T.i32))),
      m.local.set(this.itemAddr, m.i32.wrap(m.i64.load(L.listIterSeq, 8, base(), MEMORY))),
      m.br(slow, m.i32.eqz(list())),
      m.local.set(this.itemIndex, m.i64.load(L.listIterIndex, 8, base(), MEMORY)),
      m.br(slow, m.i32.eqz(m.i64.lt_u(index(), m.i64.extend_u(m.i32.load(L.listLen, 4, list(), MEMORY))))),
      m.local.set(rl, m.i64.load(0, 8, m.i32.add(m.i32.load(L.listItems, 4, list(), MEMORY), m.i32.shl(m.i32.wrap(index()), m.i32.const(3))), MEMORY)),
      m.i64.store(L.listIterIndex, 8, base(), m.i64.add(index(), this.i64(1)), MEMORY),
      this.countWord(() => m.local.get(rl, T.i64), 'inc'),
      m.br(done),
    ];
    this.emit(m.block(done, [m.block(slow, fast, T.none), this.slowPath(inst, (call) => m.local.set(rl, call))], T.none));
    this.checkErr(inst, rl);
  }

  /**
   * `lst[i] = v` on an exact list with an in-range small int: a store; else
   * the runtime. A list with the immediate-items header flag holds no
   * reference in its items, so the old item is not loaded: an immediate
   * value is just stored, any other value clears the flag first. Without
   * the flag the old item is released after the store (as natively).
   */
  private lowerFastSetItem(inst: Inst): void {
    const m = this.m;
    const done = this.label('item.done');
    const slow = this.label('item.slow');
    const value = (): Expr => this.get(inst.args[2]!);
    const addr = (): Expr => m.local.get(this.itemAddr, T.i32);
    const old = (): Expr => m.local.get(this.itemOld, T.i64);
    const base = (): Expr => m.local.get(this.objBase, T.i32);
    const flags = (): Expr => m.i32.load(abi.LAYOUT32.objFlags, 4, base(), MEMORY);
    const counted = m.i32.or(m.i64.eq(this.tagOf(value()), this.i64(abi.TAG_PTR)), m.i64.eq(this.tagOf(value()), this.i64(abi.TAG_METHOD)));
    const fast = [
      ...this.itemChecks(() => this.get(inst.args[0]!), () => this.get(inst.args[1]!), slow, false),
      this.countWord(value, 'inc'),
      m.if(m.i32.ne(m.i32.and(flags(), m.i32.const(abi.OF_IMMEDIATE_ITEMS)), m.i32.const(0)),
        // Flagged: the old item holds no reference (None stands in for it); a counted value ends the flag.
        m.block(null, [
          m.if(counted, m.i32.store(abi.LAYOUT32.objFlags, 4, base(), m.i32.and(flags(), m.i32.const(~abi.OF_IMMEDIATE_ITEMS)), MEMORY)),
          m.local.set(this.itemOld, this.i64(abi.NONE)),
        ], T.none),
        m.local.set(this.itemOld, m.i64.load(0, 8, addr(), MEMORY))),
      m.i64.store(0, 8, addr(), value(), MEMORY),
      this.countWord(old, 'dec'),
      m.local.set(this.rawTmp, this.i64(abi.NONE)),
      m.br(done),
    ];
    this.emit(m.block(done, [m.block(slow, fast, T.none), this.slowPath(inst, (call) => m.local.set(this.rawTmp, call))], T.none));
    this.checkErr(inst, this.rawTmp);
  }
}
