// lower.ts — Molt IR (`Program`) to an LLVM module, following
// specs/runtime-abi.md: one internal LLVM function per IR function
// (`i64 @f(i64 self, params...)`), the program dispatcher `molt_dispatch`
// and the entry `molt_main`. Generic ops become runtime calls driven by the
// op table; constants, boxing, unboxed arithmetic and control flow are
// inline. Neighbours: fastpaths.ts (inline small-int/float paths in front of
// runtime calls), constants.ts (heap constants), runtime.ts (extern
// declarations), llvm.ts (the llvm-bindings façade).

import {
  type Block, type BlockCall, type BlockId, type Function as IrFunction, type Inst, type Module, type OpSpec,
  type InlinedAt, type Program, type PyCodeInfo, type ValueId, type ValueType, InternalError, RUNTIME_ABI, encodeCodeInfo, requireOp, siteTableBases,
} from '@molt/ir';
import * as abi from './abi.js';
import { ConstantPool } from './constants.js';
import * as layout from './layout.js';
import { lowerFastPath } from './fastpaths.js';
import {
  configureForHost, constI32, constI64, linkage, llvm, privateBytes,
  type LBlock, type LBuilder, type LContext, type LFunction, type LGlobal, type LModule, type LPhi, type LType, type LValue,
} from './llvm.js';
import { RuntimeDecls } from './runtime.js';

export interface LoweredModule {
  readonly ctx: LContext;
  readonly mod: LModule;
}

/** `molt_type_ptr`'s ids of the type objects compared inline. */
const TYPE_PTR_IDS = { list: 0n, tuple: 1n, function: 2n, listiter: 3n } as const;

/** Dense code ids: modules in program order, functions in module order. */
export function assignCodeIds(program: Program): number[] {
  const bases: number[] = [];
  let next = 0;
  for (const m of program.modules) {
    bases.push(next);
    next += m.functions.length;
  }
  return bases;
}

/** A symbol-safe, unique name for an IR function. */
function mangle(mod: Module, fn: IrFunction, used: Set<string>, codeId: number): string {
  const base = `${mod.name}.${fn.name}`.replace(/[^A-Za-z0-9_.]/g, '_');
  const name = used.has(base) || base.startsWith('molt_') || base.startsWith('llvm.') ? `${base}.${codeId}` : base;
  used.add(name);
  return name;
}

/** The code info of a function, synthesised when the frontend gave none. */
function codeInfoOf(mod: Module, fn: IrFunction): PyCodeInfo {
  if (fn.py !== undefined) return fn.py;
  return {
    name: fn.name,
    qualname: fn.name,
    filename: mod.file,
    firstLine: 0,
    params: fn.params.slice(1).map((_, i) => ({ name: `arg${i}`, kind: 'normal' as const })),
    flags: fn.id === mod.init ? { module: true } : {},
  };
}

/** State shared by the lowering of every function of a program. */
/** The index word of an attribute cache entry for a `__slots__` member (runtime `GETATTR_CACHE_SLOT`). */
const ATTR_CACHE_SLOT = (1n << 64n) - 1n;
/** Entries of the per-site attribute and method caches (specs/runtime-abi.md §8). */
const CACHES = RUNTIME_ABI.caches;

export class ProgramLowering {
  readonly ctx = new llvm.LLVMContext();
  readonly mod: LModule;
  readonly b: LBuilder;
  readonly rt: RuntimeDecls;
  readonly consts: ConstantPool;
  readonly i64: LType;
  readonly i32: LType;
  readonly i1: LType;
  readonly f64: LType;
  readonly bases: number[];
  /** LLVM function per code id. */
  readonly funcs: LFunction[] = [];
  readonly irFuncs: { mod: Module; fn: IrFunction }[] = [];
  private readonly intrinsics = new Map<string, LFunction>();
  /** i64 constants by value: LLVM uniques them per context, so one lookup spares the addon calls. */
  private readonly words = new Map<bigint, LValue>();
  /** Program globals filled by `molt_main` before any Python code runs (see `emitMain`). */
  private readonly cells = new Map<'depth' | 'limit' | keyof typeof TYPE_PTR_IDS, LGlobal>();
  private siteCaches = 0;
  /** Per module: where its profile sites start in the program-wide numbering (instrumented builds). */
  readonly siteBases: number[];

  constructor(readonly program: Program, private readonly feedbackIdentity?: string) {
    this.mod = new llvm.Module(program.main, this.ctx);
    this.mod.setSourceFileName(program.modules.find((m) => m.name === program.main)?.file ?? program.main);
    configureForHost(this.mod);
    this.b = new llvm.IRBuilder(this.ctx);
    this.rt = new RuntimeDecls(this.ctx, this.mod);
    this.consts = new ConstantPool(this.ctx, this.mod, this.b);
    this.i64 = llvm.Type.getInt64Ty(this.ctx);
    this.i32 = llvm.Type.getInt32Ty(this.ctx);
    this.i1 = llvm.Type.getInt1Ty(this.ctx);
    this.f64 = llvm.Type.getDoubleTy(this.ctx);
    this.bases = assignCodeIds(program);
    this.siteBases = siteTableBases(program);
  }

  /** The i64 constant with this 64-bit pattern. */
  word(v: bigint): LValue {
    const key = BigInt.asIntN(64, v);
    let c = this.words.get(key);
    if (c === undefined) {
      c = constI64(this.b, key);
      this.words.set(key, c);
    }
    return c;
  }

  llType(t: ValueType): LType {
    switch (t) {
      case 'obj':
      case 'i64':
        return this.i64;
      case 'f64':
        return this.f64;
      case 'bool':
        return this.i1;
    }
  }

  intrinsic(id: 'sadd' | 'ssub' | 'smul' | 'expect' | 'sqrt' | 'trap'): LFunction {
    const known = this.intrinsics.get(id);
    if (known !== undefined) return known;
    const I = llvm.Intrinsic;
    const fn =
      id === 'sadd' ? I.getDeclaration(this.mod, I.sadd_with_overflow, [this.i64])
      : id === 'ssub' ? I.getDeclaration(this.mod, I.ssub_with_overflow, [this.i64])
      : id === 'smul' ? I.getDeclaration(this.mod, I.smul_with_overflow, [this.i64])
      : id === 'expect' ? I.getDeclaration(this.mod, I.expect, [this.i1])
      : id === 'sqrt' ? I.getDeclaration(this.mod, I.sqrt, [this.f64])
      : I.getDeclaration(this.mod, I.trap);
    this.intrinsics.set(id, fn);
    return fn;
  }

  lower(): LoweredModule {
    const used = new Set<string>();
    this.program.modules.forEach((m, mi) => {
      for (const fn of m.functions) {
        const codeId = this.bases[mi]! + fn.id;
        const type = llvm.FunctionType.get(this.llType(fn.result), fn.params.map((t) => this.llType(t)), false);
        this.funcs[codeId] = llvm.Function.Create(type, linkage.internal, mangle(m, fn, used, codeId), this.mod);
        this.irFuncs[codeId] = { mod: m, fn };
      }
    });
    this.irFuncs.forEach(({ mod, fn }, codeId) => {
      const mi = this.program.modules.indexOf(mod);
      new FunctionLowering(this, mod, this.bases[mi]!, fn, codeId, this.siteBases[mi]!).lower();
    });
    this.emitDispatch();
    this.emitMain();
    return { ctx: this.ctx, mod: this.mod };
  }

  /**
   * A word-sized program global set once in `molt_main` from a runtime call:
   * `depth`/`limit` hold the runtime's `u32*` call-depth counter and
   * recursion limit, `list`/`tuple`/`function`/`listiter` the raw type-object pointers.
   */
  cell(which: 'depth' | 'limit' | keyof typeof TYPE_PTR_IDS): LGlobal {
    const known = this.cells.get(which);
    if (known !== undefined) return known;
    const g = new llvm.GlobalVariable(this.mod, this.i64, false, linkage.internal, llvm.ConstantInt.get(this.i64, 0, false), `molt.cell.${which}`);
    this.cells.set(which, g);
    return g;
  }

  /** A fresh zeroed `[words x i64]` cache for one site (`global.get`: 3 words, `getattr`/`setattr`: 8). */
  siteCache(words = 3): LValue {
    const ty = llvm.ArrayType.get(this.i64, words);
    const g = new llvm.GlobalVariable(this.mod, ty, false, linkage.internal, llvm.Constant.getNullValue(ty), `molt.gcache.${this.siteCaches++}`);
    return this.b.CreateBitCast(g, this.rt.i64p);
  }

  toWord(v: LValue, t: ValueType): LValue {
    if (t === 'f64') return this.b.CreateBitCast(v, this.i64);
    if (t === 'bool') return this.b.CreateZExt(v, this.i64);
    return v;
  }

  fromWord(w: LValue, t: ValueType): LValue {
    if (t === 'f64') return this.b.CreateBitCast(w, this.f64);
    if (t === 'bool') return this.b.CreateICmpNE(w, constI64(this.b, 0n));
    return w;
  }

  /**
   * `molt_dispatch(code_id, self, params)`, the runtime's way into compiled code: an indirect call
   * through a constant table of per-function entries (`molt.entry.N`: load the parameters from the
   * array, convert them, call the function). Each entry is a function of its own, so LLVM inlines a
   * function reached only through the runtime into its entry, not into one giant dispatcher, which
   * would take `llc` superlinear time and defeat the module split (backend.ts).
   */
  private emitDispatch(): void {
    const { b, i64, i32 } = this;
    const entryType = llvm.FunctionType.get(i64, [i64, this.rt.i64p], false);
    const entries = this.funcs.map((target, codeId) => {
      const { fn: irFn } = this.irFuncs[codeId]!;
      const fn = llvm.Function.Create(entryType, linkage.internal, `molt.entry.${codeId}`, this.mod);
      const [self, params] = [fn.getArg(0), fn.getArg(1)];
      self.setName('self');
      params.setName('params');
      b.SetInsertPoint(llvm.BasicBlock.Create(this.ctx, 'entry', fn));
      const args: LValue[] = [this.fromWord(self, irFn.params[0] ?? 'obj')];
      for (let i = 1; i < irFn.params.length; i++) {
        const p = b.CreateInBoundsGEP(i64, params, [llvm.ConstantInt.get(i64, i - 1, false)]);
        args.push(this.fromWord(b.CreateLoad(i64, p), irFn.params[i]!));
      }
      b.CreateRet(this.toWord(b.CreateCall(target, args), irFn.result));
      return fn;
    });
    const entryPtr = llvm.PointerType.get(entryType, 0);
    const tableType = llvm.ArrayType.get(entryPtr, entries.length);
    const table = new llvm.GlobalVariable(this.mod, tableType, true, linkage.private, llvm.ConstantArray.get(tableType, entries), 'molt.dispatch.table');
    const fn = llvm.Function.Create(llvm.FunctionType.get(i64, [i32, i64, this.rt.i64p], false), linkage.external, 'molt_dispatch', this.mod);
    const [code, self, params] = [fn.getArg(0), fn.getArg(1), fn.getArg(2)];
    code.setName('code_id');
    self.setName('self');
    params.setName('params');
    const entry = llvm.BasicBlock.Create(this.ctx, 'entry', fn);
    const call = llvm.BasicBlock.Create(this.ctx, 'call', fn);
    const bad = llvm.BasicBlock.Create(this.ctx, 'bad_code', fn);
    b.SetInsertPoint(entry);
    b.CreateCondBr(b.CreateICmpULT(code, llvm.ConstantInt.get(i32, entries.length, false)), call, bad);
    b.SetInsertPoint(call);
    const slot = b.CreateInBoundsGEP(tableType, table, [llvm.ConstantInt.get(i64, 0, false), b.CreateZExt(code, i64)]);
    b.CreateRet(b.CreateCall(entryType, b.CreateLoad(entryPtr, slot, 'entry'), [self, params]));
    b.SetInsertPoint(bad);
    b.CreateCall(this.intrinsic('trap'), []);
    b.CreateUnreachable();
  }

  private emitMain(): void {
    const { b, i64 } = this;
    const main = this.program.modules.find((m) => m.name === this.program.main);
    if (main === undefined) throw new InternalError(`the main module '${this.program.main}' is not in the program`);
    for (const m of this.program.modules) this.consts.str(m.name);
    const fn = llvm.Function.Create(llvm.FunctionType.get(i64, [], false), linkage.external, 'molt_main', this.mod);
    const entry = llvm.BasicBlock.Create(this.ctx, 'entry', fn);
    const fail = llvm.BasicBlock.Create(this.ctx, 'fail', fn);
    b.SetInsertPoint(fail);
    b.CreateRet(constI64(b, abi.ERR));
    b.SetInsertPoint(entry);
    const err = constI64(b, abi.ERR);
    const check = (word: LValue): void => {
      const ok = llvm.BasicBlock.Create(this.ctx, 'ok', fn, fail);
      b.CreateCondBr(b.CreateICmpEQ(word, err), fail, ok);
      b.SetInsertPoint(ok);
    };
    this.consts.emitInit(this.rt, check);
    this.irFuncs.forEach(({ mod, fn: irFn }, codeId) => {
      const info = encodeCodeInfo(codeInfoOf(mod, irFn));
      const ptr = privateBytes(this.mod, this.ctx, b, `molt.code.${codeId}.info`, info);
      check(b.CreateCall(this.rt.codeNew(), [constI32(b, codeId), ptr, llvm.ConstantInt.get(i64, info.length, false)], `code${codeId}`));
    });
    // Instrumented modules: their site tables, before any Python code runs (specs/runtime-feedback.md §7).
    const instrumented = this.program.modules.filter((m) => m.siteTable !== undefined);
    if (instrumented.length > 0) {
      if (this.feedbackIdentity === undefined) throw new InternalError('an instrumented program needs the feedback identity (BackendOptions.feedbackIdentity)');
      const identity = privateBytes(this.mod, this.ctx, b, 'molt.profile.identity', new TextEncoder().encode(this.feedbackIdentity));
      const identityLen = llvm.ConstantInt.get(i64, new TextEncoder().encode(this.feedbackIdentity).length, false);
      const register = this.rt.declare('molt_profile_register', i64, [this.rt.i8p, i64, this.rt.i8p, i64]);
      instrumented.forEach((m, k) => {
        const table = privateBytes(this.mod, this.ctx, b, `molt.profile.sites.${k}`, m.siteTable!);
        check(b.CreateCall(register, [table, llvm.ConstantInt.get(i64, m.siteTable!.length, false), identity, identityLen]));
      });
    }
    this.program.modules.forEach((m, mi) => {
      const name = b.CreateLoad(i64, this.consts.str(m.name), `name.${mi}`);
      check(b.CreateCall(this.rt.moduleRegister(), [name, constI32(b, this.bases[mi]! + m.init), constI32(b, m.isPackage ? 1 : 0)]));
    });
    for (const [which, g] of this.cells) {
      const v =
        which === 'depth' ? b.CreatePtrToInt(b.CreateCall(this.rt.declare('molt_depth_ptr', this.rt.i32p, []), []), i64)
        : which === 'limit' ? b.CreatePtrToInt(b.CreateCall(this.rt.declare('molt_recursion_limit_ptr', this.rt.i32p, []), []), i64)
        : b.CreateCall(this.rt.declare('molt_type_ptr', i64, [i64]), [constI64(b, TYPE_PTR_IDS[which])]);
      b.CreateStore(v, g);
    }
    const mainName = b.CreateLoad(i64, this.consts.str(main.name), 'main.name');
    b.CreateRet(b.CreateCall(this.rt.runMain(), [mainName], 'result'));
  }
}

/** Blocks reachable from the entry in reverse postorder (definitions before uses). */
function reversePostorder(fn: IrFunction): BlockId[] {
  const entry = fn.layout[0];
  if (entry === undefined) throw new InternalError(`function '${fn.name}' has no blocks`);
  const seen = new Set<BlockId>();
  const post: BlockId[] = [];
  const succs = (id: BlockId): BlockId[] => {
    const block = fn.blocks[id]!;
    const out: BlockId[] = [];
    const last = block.insts[block.insts.length - 1];
    if (last !== undefined) for (const t of fn.insts[last]!.targets) out.push(t.block);
    if (block.unwind !== undefined) out.push(block.unwind.block);
    return out;
  };
  // Iterative DFS so deep CFGs cannot overflow the JS stack.
  const stack: [BlockId, BlockId[], number][] = [[entry, succs(entry), 0]];
  seen.add(entry);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top[2] < top[1].length) {
      const next = top[1][top[2]++]!;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push([next, succs(next), 0]);
      }
    } else {
      post.push(top[0]);
      stack.pop();
    }
  }
  return post.reverse();
}

/** Lowers the body of one IR function into its LLVM function. */
export class FunctionLowering {
  readonly b: LBuilder;
  private readonly vals: (LValue | undefined)[] = [];
  private readonly blocks = new Map<BlockId, LBlock>();
  private readonly phis = new Map<BlockId, LPhi[]>();
  private errExit: LBlock | undefined;
  private errLine: LPhi | undefined;
  private argv: LValue | undefined;
  private insertBefore: LBlock | undefined;
  private curBlock: Block | undefined;
  private curLine = 0;
  /** The call site the current instruction was inlined through, if any. */
  private curInlined: InlinedAt | undefined;

  constructor(
    readonly pl: ProgramLowering,
    readonly mod: Module,
    private readonly moduleBase: number,
    readonly fn: IrFunction,
    readonly codeId: number,
    private readonly siteBase = 0,
  ) {
    this.b = pl.b;
  }

  get llf(): LFunction {
    return this.pl.funcs[this.codeId]!;
  }

  lower(): void {
    const { b, fn, pl } = this;
    const order = reversePostorder(fn);
    const reachable = new Set(order);
    const layout = fn.layout.filter((id) => reachable.has(id));
    const inLayout = new Set(layout);
    for (const id of order) if (!inLayout.has(id)) layout.push(id);
    const position = new Map(layout.map((id, i) => [id, i]));
    const entryId = order[0]!;
    for (const id of layout) this.blocks.set(id, llvm.BasicBlock.Create(pl.ctx, `b${id}`, this.llf));
    // Block parameters: function arguments for the entry, phis elsewhere.
    for (const id of layout) {
      const params = fn.blocks[id]!.params;
      if (id === entryId) {
        if (params.length !== this.llf.arg_size()) throw new InternalError(`function '${fn.name}': entry block has ${params.length} params, signature has ${this.llf.arg_size()}`);
        params.forEach((p, i) => {
          const arg = this.llf.getArg(i);
          arg.setName(i === 0 ? 'self' : `v${p}`);
          this.vals[p] = arg;
        });
        continue;
      }
      b.SetInsertPoint(this.blocks.get(id)!);
      this.phis.set(id, params.map((p) => {
        const phi = b.CreatePHI(pl.llType(fn.values[p]!.type), 2, `v${p}`);
        this.vals[p] = phi;
        return phi;
      }));
    }
    let maxVariadic = 0;
    for (const inst of fn.insts) {
      const spec = requireOp(inst.op);
      if (spec.variadic !== undefined) maxVariadic = Math.max(maxVariadic, inst.args.length - spec.operands.length);
    }
    for (const id of order) {
      const lb = this.blocks.get(id)!;
      const li = position.get(id)!;
      this.insertBefore = li + 1 < layout.length ? this.blocks.get(layout[li + 1]!) : undefined;
      this.curBlock = fn.blocks[id]!;
      b.SetInsertPoint(lb);
      if (id === entryId && maxVariadic > 0) {
        const buf = b.CreateAlloca(llvm.ArrayType.get(pl.i64, maxVariadic), null, 'argv');
        this.argv = b.CreateBitCast(buf, pl.rt.i64p, 'argv.p');
      }
      for (const instId of this.curBlock.insts) this.lowerInst(fn.insts[instId]!);
    }
    if (this.errExit !== undefined) {
      this.errExit.removeFromParent();
      this.errExit.insertInto(this.llf);
    }
  }

  // ---- helpers used by fastpaths.ts ---------------------------------------

  val(id: ValueId): LValue {
    const v = this.vals[id];
    if (v === undefined) throw new InternalError(`function '${this.fn.name}': v${id} is used before it is defined`);
    return v;
  }

  typeOf(id: ValueId): ValueType {
    return this.fn.values[id]!.type;
  }

  /**
   * Whether `getattr`/`setattr`/`method.load` go through a per-site cache: the
   * object is not a number constant and the name is a `const.str` (a site's
   * cache is for one name, specs/runtime-abi.md §8; a computed name takes the
   * generic call).
   */
  private cachedAttrSite(inst: Inst): boolean {
    const def = this.fn.values[inst.args[1]!]!.def;
    return this.knownKind(inst.args[0]!) === undefined && def.kind === 'inst' && this.fn.insts[def.inst]!.op === 'const.str';
  }

  /** What a value is known to be from its definition: a small-int or float constant. */
  knownKind(id: ValueId): 'int' | 'float' | undefined {
    const def = this.fn.values[id]!.def;
    if (def.kind !== 'inst') return undefined;
    const inst = this.fn.insts[def.inst]!;
    if (inst.op === 'const.float') return 'float';
    if (inst.op === 'const.int' && abi.isSmallInt(BigInt(inst.imms[0] as bigint | number))) return 'int';
    return undefined;
  }

  word(v: bigint): LValue {
    return this.pl.word(v);
  }

  newBlock(name: string): LBlock {
    const ctx = this.pl.ctx;
    return this.insertBefore === undefined ? llvm.BasicBlock.Create(ctx, name, this.llf) : llvm.BasicBlock.Create(ctx, name, this.llf, this.insertBefore);
  }

  /** Move a block to the end of the current IR block's region (for a readable, fall-through layout). */
  moveToRegionEnd(block: LBlock): void {
    block.removeFromParent();
    if (this.insertBefore === undefined) block.insertInto(this.llf);
    else block.insertInto(this.llf, this.insertBefore);
  }

  get currentBlock(): LBlock {
    const bb = this.b.GetInsertBlock();
    if (bb === null) throw new InternalError('no insertion block');
    return bb;
  }

  /** `cond` annotated as unlikely (llvm.expect). */
  unlikely(cond: LValue): LValue {
    return this.b.CreateCall(this.pl.intrinsic('expect'), [cond, llvm.ConstantInt.getFalse(this.pl.ctx)]);
  }

  /** Branch to the raise path of the current block when `word` is ERR. */
  checkErr(word: LValue): void {
    const isErr = this.unlikely(this.b.CreateICmpEQ(word, this.word(abi.ERR), 'is_err'));
    const ok = this.newBlock('ok');
    this.b.CreateCondBr(isErr, this.raiseTarget(), ok);
    this.b.SetInsertPoint(ok);
  }

  /**
   * Where an exception pending at the current point goes: the block's unwind
   * handler (with its arguments), or the function's exit that records the
   * traceback line and returns ERR. Registers the edge from the current block.
   */
  raiseTarget(): LBlock {
    const inl = this.curInlined;
    if (inl === undefined) return this.raiseTargetHere();
    // An instruction inlined from another function (passes/inline.ts): the
    // exception leaves the inlined body, so it first gets the callee's
    // traceback entry, then goes on as if raised by the call.
    const { b, pl } = this;
    const from = this.currentBlock;
    const leave = this.newBlock('inlined.raise');
    b.SetInsertPoint(leave);
    b.CreateCall(pl.rt.tracebackAdd(), [constI32(b, this.moduleBase + inl.func), constI32(b, this.curLine)]);
    const line = this.curLine;
    this.curLine = inl.line;
    b.CreateBr(this.raiseTargetHere());
    this.curLine = line;
    b.SetInsertPoint(from);
    return leave;
  }

  /** `raiseTarget` for an exception raised by this function's own code, at `curLine`. */
  private raiseTargetHere(): LBlock {
    const from = this.currentBlock;
    const unwind = this.curBlock?.unwind;
    if (unwind !== undefined) {
      this.addIncoming(unwind, from);
      return this.blocks.get(unwind.block)!;
    }
    if (this.errExit === undefined || this.errLine === undefined) {
      const { b, pl } = this;
      this.errExit = llvm.BasicBlock.Create(pl.ctx, 'raise', this.llf);
      b.SetInsertPoint(this.errExit);
      this.errLine = b.CreatePHI(pl.i32, 4, 'line');
      b.CreateCall(pl.rt.tracebackAdd(), [constI32(b, this.codeId), this.errLine]);
      b.CreateRet(this.fn.result === 'f64' || this.fn.result === 'bool' ? llvm.UndefValue.get(pl.llType(this.fn.result)) : this.word(abi.ERR));
      b.SetInsertPoint(from);
    }
    this.errLine.addIncoming(constI32(this.b, this.curLine), from);
    return this.errExit;
  }

  /** Call the op's runtime function (no ERR check, raw word result). */
  callRuntime(inst: Inst, spec: OpSpec): LValue {
    const { b, pl } = this;
    const nFixed = spec.operands.length;
    const args: LValue[] = inst.args.slice(0, nFixed).map((a) => pl.toWord(this.val(a), this.typeOf(a)));
    if (spec.variadic !== undefined) {
      const rest = inst.args.slice(nFixed);
      if (rest.length > 0 && this.argv === undefined) throw new InternalError('argv buffer missing');
      rest.forEach((a, i) => {
        const slot = i === 0 ? this.argv! : b.CreateInBoundsGEP(pl.i64, this.argv!, [llvm.ConstantInt.get(pl.i64, i, false)]);
        b.CreateStore(pl.toWord(this.val(a), this.typeOf(a)), slot);
      });
      args.push(this.argv ?? llvm.ConstantPointerNull.get(pl.rt.i64p), llvm.ConstantInt.get(pl.i64, rest.length, false));
    }
    (spec.imms ?? []).forEach((imm, i) => {
      const v = inst.imms[i];
      if (imm.kind === 'func') args.push(llvm.ConstantInt.get(pl.i64, this.moduleBase + Number(v), false));
      else if (imm.kind === 'bool') args.push(llvm.ConstantInt.get(pl.i64, v === true ? 1 : 0, false));
      else if (imm.kind === 'i64' && spec.family === 'profile' && imm.name === 'site') args.push(constI64(b, BigInt(this.siteBase) + BigInt(v as number | bigint)));
      else if (imm.kind === 'i64') args.push(constI64(b, BigInt(v as number | bigint)));
      else throw new InternalError(`op '${spec.name}': immediate '${imm.name}' of kind '${imm.kind}' has no runtime form`);
    });
    return b.CreateCall(pl.rt.generic(spec), args, inst.result === undefined ? 'r' : `w${inst.result}`);
  }

  /** The generic lowering of an op with a runtime symbol: call, ERR check, result conversion. */
  lowerGeneric(inst: Inst, spec: OpSpec): LValue | undefined {
    const word = this.callRuntime(inst, spec);
    if (spec.effects.includes('may-raise')) this.checkErr(word);
    if (spec.result === undefined) return undefined;
    return this.pl.fromWord(word, spec.result);
  }

  // ---- instructions ---------------------------------------------------------

  private define(inst: Inst, v: LValue | undefined): void {
    if (inst.result === undefined) return;
    if (v === undefined) throw new InternalError(`op '${inst.op}' produced no value`);
    this.vals[inst.result] = v;
  }

  private lowerInst(inst: Inst): void {
    const { b, pl } = this;
    this.curLine = inst.loc?.line ?? this.fn.py?.firstLine ?? 0;
    this.curInlined = inst.loc?.inlined;
    const a = (i: number): LValue => this.val(inst.args[i]!);
    const name = inst.result === undefined ? '' : `v${inst.result}`;
    const W = (v: bigint): LValue => this.word(v);
    const imm0 = inst.imms[0];
    switch (inst.op) {
      // constants
      case 'const.none': return this.define(inst, W(abi.NONE));
      case 'const.bool': return this.define(inst, W(abi.boxBool(imm0 === true)));
      case 'const.ellipsis': return this.define(inst, W(abi.ELLIPSIS));
      case 'const.unbound': return this.define(inst, W(abi.UNBOUND));
      case 'const.int': {
        const v = BigInt(imm0 as bigint | number);
        return this.define(inst, abi.isSmallInt(v) ? W(abi.boxSmallInt(v)) : b.CreateLoad(pl.i64, pl.consts.bigint(v), name));
      }
      case 'const.float': return this.define(inst, W(abi.boxFloat(Number(imm0))));
      case 'const.str': return this.define(inst, b.CreateLoad(pl.i64, pl.consts.str(String(imm0)), name));
      case 'const.bytes': return this.define(inst, b.CreateLoad(pl.i64, pl.consts.bytes(imm0 as Uint8Array), name));
      case 'const.complex': return this.define(inst, b.CreateLoad(pl.i64, pl.consts.complex(Number(imm0)), name));
      case 'iconst': return this.define(inst, W(BigInt(imm0 as bigint | number)));
      case 'fconst': return this.define(inst, llvm.ConstantFP.get(pl.f64, Number(imm0)));
      case 'bconst': return this.define(inst, imm0 === true ? llvm.ConstantInt.getTrue(pl.ctx) : llvm.ConstantInt.getFalse(pl.ctx));

      // boxing, tags
      case 'box.i64': return this.define(inst, this.boxI64(a(0), inst, requireOp(inst.op)));
      case 'box.f64': return this.define(inst, this.boxF64(a(0)));
      case 'box.bool': return this.define(inst, b.CreateOr(b.CreateZExt(a(0), pl.i64), W(abi.FALSE), name));
      case 'unbox.i64': return this.define(inst, this.sext48(a(0), name));
      case 'unbox.f64': return this.define(inst, b.CreateBitCast(a(0), pl.f64, name));
      case 'unbox.bool': return this.define(inst, b.CreateTrunc(a(0), pl.i1, name));
      case 'guard.int': return this.define(inst, this.hasTag(a(0), abi.TAG_INT, name));
      case 'guard.bool': return this.define(inst, this.hasTag(a(0), abi.TAG_BOOL, name));
      case 'guard.float': return this.define(inst, this.isFloat(a(0), name));
      case 'is': return this.define(inst, b.CreateICmpEQ(a(0), a(1), name));
      case 'unbound.is': return this.define(inst, b.CreateICmpEQ(a(0), W(abi.UNBOUND), name));
      case 'bnot': return this.define(inst, b.CreateXor(a(0), llvm.ConstantInt.getTrue(pl.ctx), name));
      // Only extends its operands' lifetimes (the refcount pass placed their decrefs after it).
      case 'keepalive': return;

      // unboxed arithmetic
      case 'i64.add': return this.define(inst, b.CreateAdd(a(0), a(1), name));
      case 'i64.sub': return this.define(inst, b.CreateSub(a(0), a(1), name));
      case 'i64.mul': return this.define(inst, b.CreateMul(a(0), a(1), name));
      case 'i64.and': return this.define(inst, b.CreateAnd(a(0), a(1), name));
      case 'i64.or': return this.define(inst, b.CreateOr(a(0), a(1), name));
      case 'i64.xor': return this.define(inst, b.CreateXor(a(0), a(1), name));
      case 'i64.shl': return this.define(inst, b.CreateShl(a(0), a(1), name));
      case 'i64.ashr': return this.define(inst, b.CreateAShr(a(0), a(1), name));
      case 'i64.ovf_add': return this.define(inst, b.CreateExtractValue(b.CreateCall(pl.intrinsic('sadd'), [a(0), a(1)]), [1], name));
      case 'i64.ovf_sub': return this.define(inst, b.CreateExtractValue(b.CreateCall(pl.intrinsic('ssub'), [a(0), a(1)]), [1], name));
      case 'i64.ovf_mul': return this.define(inst, b.CreateExtractValue(b.CreateCall(pl.intrinsic('smul'), [a(0), a(1)]), [1], name));
      case 'i64.neg': return this.define(inst, b.CreateNeg(a(0), name));
      case 'i64.floordiv': return this.define(inst, this.floorDiv(a(0), a(1), name));
      case 'i64.mod': return this.define(inst, this.floorMod(a(0), a(1), name));
      case 'i64.eq': return this.define(inst, b.CreateICmpEQ(a(0), a(1), name));
      case 'i64.ne': return this.define(inst, b.CreateICmpNE(a(0), a(1), name));
      case 'i64.lt': return this.define(inst, b.CreateICmpSLT(a(0), a(1), name));
      case 'i64.le': return this.define(inst, b.CreateICmpSLE(a(0), a(1), name));
      case 'i64.gt': return this.define(inst, b.CreateICmpSGT(a(0), a(1), name));
      case 'i64.ge': return this.define(inst, b.CreateICmpSGE(a(0), a(1), name));
      case 'f64.add': return this.define(inst, b.CreateFAdd(a(0), a(1), name));
      case 'f64.sub': return this.define(inst, b.CreateFSub(a(0), a(1), name));
      case 'f64.mul': return this.define(inst, b.CreateFMul(a(0), a(1), name));
      case 'f64.div': return this.define(inst, b.CreateFDiv(a(0), a(1), name));
      case 'f64.neg': return this.define(inst, b.CreateFNeg(a(0), name));
      case 'f64.sqrt': return this.define(inst, b.CreateCall(pl.intrinsic('sqrt'), [a(0)], name));
      case 'f64.eq': return this.define(inst, b.CreateFCmpOEQ(a(0), a(1), name));
      case 'f64.ne': return this.define(inst, b.CreateFCmpUNE(a(0), a(1), name));
      case 'f64.lt': return this.define(inst, b.CreateFCmpOLT(a(0), a(1), name));
      case 'f64.le': return this.define(inst, b.CreateFCmpOLE(a(0), a(1), name));
      case 'f64.gt': return this.define(inst, b.CreateFCmpOGT(a(0), a(1), name));
      case 'f64.ge': return this.define(inst, b.CreateFCmpOGE(a(0), a(1), name));
      case 'i64.to_f64': return this.define(inst, b.CreateSIToFP(a(0), pl.f64, name));

      // calls
      case 'call.direct': return this.define(inst, this.callDirect(inst));
      case 'method.func': {
        // A METHOD word's function object (a new reference), else None.
        const isMethod = this.hasTag(a(0), abi.TAG_METHOD);
        const f = b.CreateOr(b.CreateAnd(a(0), this.word(abi.PAYLOAD_MASK)), this.word(abi.TAG_PTR << abi.TAG_SHIFT), 'method.fn');
        const r = b.CreateSelect(isMethod, f, this.word(abi.NONE), name);
        this.increfInline(r);
        return this.define(inst, r);
      }

      // containers
      case 'tuple.get': {
        // Item `index` of a tuple of known length (`unpack.seq`'s result): a load and an incref.
        const items = this.loadField(a(0), layout.TUPLE_ITEMS, 'tuple.items');
        const addr = b.CreateIntToPtr(b.CreateAdd(items, this.word(BigInt(Number(imm0) * 8))), pl.rt.i64p);
        const r = b.CreateLoad(pl.i64, addr, name);
        this.increfInline(r);
        return this.define(inst, r);
      }

      // globals
      case 'func.globals': {
        const flags = this.fn.py?.flags;
        if (flags === undefined || flags.module === true || flags.resume === true) break;
        // A plain function's `self` is its function object: load its globals field.
        return this.define(inst, this.loadField(a(0), layout.FUNCTION_GLOBALS, name));
      }
      case 'global.get': return this.define(inst, this.globalGet(a(0), a(1), name));
      case 'getattr': {
        if (!this.cachedAttrSite(inst)) break;
        return this.define(inst, this.getattrCached(a(0), a(1), name));
      }
      case 'method.load': {
        if (!this.cachedAttrSite(inst)) break;
        return this.define(inst, this.methodLoadCached(a(0), a(1), name));
      }
      case 'setattr': {
        if (!this.cachedAttrSite(inst)) break;
        this.setattrCached(a(0), a(1), a(2));
        return;
      }

      // generator frame slots, read and written inline (the runtime's `molt_gen_load`/`molt_gen_store`)
      case 'gen.load': {
        const v = b.CreateLoad(pl.i64, this.genSlot(a(0), Number(imm0)), name);
        this.countWord(v, 'inc');
        return this.define(inst, v);
      }
      case 'gen.store': {
        const slot = this.genSlot(a(0), Number(imm0));
        this.countWord(a(1), 'inc');
        const old = b.CreateLoad(pl.i64, slot);
        b.CreateStore(a(1), slot);
        this.countWord(old, 'dec');
        return;
      }
      case 'guard.code': return this.define(inst, this.guardCode(a(0), this.moduleBase + Number(imm0), name));

      // control flow and other terminators
      case 'jump': {
        const [t] = this.edges(inst.targets);
        b.CreateBr(t!);
        return;
      }
      case 'brif': {
        const [t, f] = this.edges(inst.targets);
        b.CreateCondBr(a(0), t!, f!);
        return;
      }
      case 'switch': {
        const targets = this.edges(inst.targets);
        const sw = b.CreateSwitch(a(0), targets[0]!, targets.length - 1);
        targets.slice(1).forEach((t, i) => sw.addCase(llvm.ConstantInt.get(this.pl.ctx, new llvm.APInt(64, i)), t));
        return;
      }
      case 'return': {
        // The operand is a reference the caller now owns (the refcount pass made it so).
        const t = this.typeOf(inst.args[0]!);
        b.CreateRet(this.fromType(a(0), t, this.fn.result));
        return;
      }
      case 'unreachable':
        b.CreateCall(pl.intrinsic('trap'), []);
        b.CreateUnreachable();
        return;
      case 'raise':
      case 'reraise':
        this.callRuntime(inst, requireOp(inst.op));
        b.CreateBr(this.raiseTarget());
        return;
      case 'gen.yield':
        b.CreateCall(pl.rt.genSetState(), [a(0), a(1), constI64(b, BigInt(imm0 as number | bigint))]);
        b.CreateRet(this.fromType(a(1), 'obj', this.fn.result));
        return;
      case 'gen.return':
        b.CreateRet(this.fromType(b.CreateCall(pl.rt.genFinish(), [a(0), a(1)], 'finished'), 'obj', this.fn.result));
        return;
      default:
        break;
    }
    // Every other op (and the cases above that decline): fast paths, then the runtime.
    const spec = requireOp(inst.op);
    if (spec.runtime === undefined) throw new InternalError(`op '${inst.op}' has no native lowering`);
    const fast = lowerFastPath(this, inst, spec);
    this.define(inst, fast === null ? this.lowerGeneric(inst, spec) : fast);
  }

  private fromType(v: LValue, from: ValueType, to: ValueType): LValue {
    if (from === to) return v;
    return this.pl.fromWord(this.pl.toWord(v, from), to);
  }

  /** Targets of a terminator as LLVM blocks, with phi incomings; repeated targets go through a trampoline. */
  private edges(calls: BlockCall[]): LBlock[] {
    const from = this.currentBlock;
    const seen = new Set<BlockId>();
    return calls.map((c) => {
      const target = this.blocks.get(c.block);
      if (target === undefined) throw new InternalError(`branch to unknown block b${c.block}`);
      if (!seen.has(c.block)) {
        seen.add(c.block);
        this.addIncoming(c, from);
        return target;
      }
      const tramp = this.newBlock(`b${c.block}.edge`);
      this.b.SetInsertPoint(tramp);
      this.b.CreateBr(target);
      this.addIncoming(c, tramp);
      this.b.SetInsertPoint(from);
      return tramp;
    });
  }

  private addIncoming(c: BlockCall, from: LBlock): void {
    const phis = this.phis.get(c.block) ?? [];
    if (phis.length !== c.args.length) throw new InternalError(`b${c.block} takes ${phis.length} arguments, the edge passes ${c.args.length}`);
    c.args.forEach((arg, i) => phis[i]!.addIncoming(this.val(arg), from));
  }

  private callDirect(inst: Inst): LValue {
    const codeId = this.moduleBase + Number(inst.imms[0]);
    const target = this.pl.funcs[codeId];
    const targetIr = this.pl.irFuncs[codeId]?.fn;
    if (target === undefined || targetIr === undefined) throw new InternalError(`call.direct to unknown function ${String(inst.imms[0])}`);
    if (targetIr.params.length !== inst.args.length) throw new InternalError(`call.direct to '${targetIr.name}' passes ${inst.args.length} operands for ${targetIr.params.length} parameters`);
    const { b, pl } = this;
    const args = inst.args.map((v, i) => this.fromType(this.val(v), this.typeOf(v), targetIr.params[i]!));
    // The runtime's depth counter, as `molt_dispatch` keeps it (RecursionError at the limit).
    const depthP = b.CreateIntToPtr(b.CreateLoad(pl.i64, pl.cell('depth')), pl.rt.i32p);
    const limitP = b.CreateIntToPtr(b.CreateLoad(pl.i64, pl.cell('limit')), pl.rt.i32p);
    const depth = b.CreateLoad(pl.i32, depthP);
    const over = this.unlikely(b.CreateICmpUGE(depth, b.CreateLoad(pl.i32, limitP)));
    const deep = this.newBlock('direct.deep');
    const go = this.newBlock('direct.call');
    b.CreateCondBr(over, deep, go);
    b.SetInsertPoint(deep);
    b.CreateCall(pl.rt.declare('molt_recursion_error', pl.i64, []), []);
    b.CreateBr(this.raiseTarget());
    b.SetInsertPoint(go);
    b.CreateStore(b.CreateAdd(depth, constI32(b, 1)), depthP);
    const r = b.CreateCall(target, args, `w${inst.result}`);
    b.CreateStore(depth, depthP);
    this.checkErr(r);
    return r;
  }

  /** Word `i` of a per-site cache. */
  private cacheWord(cache: LValue, i: number): LValue {
    const at = i === 0 ? cache : this.b.CreateInBoundsGEP(this.pl.i64, cache, [constI64(this.b, BigInt(i))]);
    return this.b.CreateLoad(this.pl.i64, at);
  }

  /** Continue in a new block `label` when `cond` holds, else branch to `slow`. */
  private stepOr(slow: LBlock, cond: LValue, label: string): void {
    const next = this.newBlock(label);
    this.b.CreateCondBr(cond, next, slow);
    this.b.SetInsertPoint(next);
  }

  /**
   * The end of an inline cache lookup: the fast path (the current block)
   * has `fast`; the `slow` block calls the runtime's `symbol(words…, cache)`
   * (which may raise and fills the cache); both meet in block `label.done`,
   * in a phi named `name`.
   */
  private joinSlowCall(label: string, fast: LValue, slow: LBlock, symbol: string, words: LValue[], cache: LValue, name: string): LValue {
    const { b, pl } = this;
    const fastEnd = this.currentBlock;
    const done = this.newBlock(`${label}.done`);
    b.CreateBr(done);
    this.moveToRegionEnd(slow);
    b.SetInsertPoint(slow);
    const w = b.CreateCall(pl.rt.declare(symbol, pl.i64, [...words.map(() => pl.i64), pl.rt.i64p]), [...words, cache]);
    this.checkErr(w);
    const slowEnd = this.currentBlock;
    b.CreateBr(done);
    this.moveToRegionEnd(done);
    b.SetInsertPoint(done);
    const phi = b.CreatePHI(pl.i64, 2, name);
    phi.addIncoming(fast, fastEnd);
    phi.addIncoming(w, slowEnd);
    return phi;
  }

  /**
   * `global.get` through a per-site cache: a hit in the globals dict (the
   * cached entry still holds the name) is loaded inline; anything else goes
   * to `molt_global_get_cached`, which fills the cache.
   */
  private globalGet(g: LValue, key: LValue, name: string): LValue {
    const { b, pl } = this;
    const cache = pl.siteCache();
    const slow = this.newBlock('gget.slow');
    const slot = this.cacheWord(cache, 2);
    const owner = this.cacheWord(cache, 0);
    this.stepOr(slow, b.CreateAnd(b.CreateICmpSGT(slot, this.word(0n)), b.CreateICmpEQ(owner, g)), 'gget.cached');
    const ix = b.CreateSub(slot, this.word(1n));
    this.stepOr(slow, b.CreateICmpULT(ix, this.loadField(g, layout.DICT_LEN)), 'gget.inrange');
    const entry = b.CreateAdd(this.loadField(g, layout.DICT_ENTRIES), b.CreateMul(ix, this.word(BigInt(layout.ENTRY_SIZE))));
    const at = (off: number): LValue => b.CreateLoad(pl.i64, b.CreateIntToPtr(b.CreateAdd(entry, this.word(BigInt(off))), pl.rt.i64p));
    this.stepOr(slow, b.CreateICmpEQ(at(layout.ENTRY_KEY), key), 'gget.hit');
    const v = at(layout.ENTRY_VALUE);
    this.increfInline(v);
    return this.joinSlowCall('gget', v, slow, 'molt_global_get_cached', [g, key], cache, name);
  }

  /**
   * The check every per-type cache starts with: `obj` is a heap object whose
   * type is the cache's word 0 at the version in word 1 (a type's version is
   * bumped whenever it or a base changes).
   */
  private typeVersionCheck(obj: LValue, cache: LValue, slow: LBlock): void {
    const { b, pl } = this;
    this.stepOr(slow, this.hasTag(obj, abi.TAG_PTR), 'cache.ptr');
    const t = this.loadField(obj, layout.OBJ_TYPE);
    this.stepOr(slow, b.CreateICmpEQ(t, this.cacheWord(cache, 0)), 'cache.type');
    const verP = b.CreateIntToPtr(b.CreateAdd(t, this.word(BigInt(layout.TYPE_VERSION))), pl.rt.i32p);
    this.stepOr(slow, b.CreateICmpEQ(b.CreateZExt(b.CreateLoad(pl.i32, verP), pl.i64), this.cacheWord(cache, 1)), 'cache.version');
  }

  /**
   * The inline part of an attribute cache (`molt_getattr_cached`,
   * `molt_setattr_cached`; words `[type, version, offset, index]`): branches
   * to `slow` unless `obj` has the cached type at the cached version and the
   * cache names a `__slots__` member (index `ATTR_CACHE_SLOT`: the word at
   * `offset`) or an instance-dict entry that still holds `key` (the dict's
   * word is at `offset`, the entry at `index - 1`). Returns the address of
   * the attribute's word.
   */
  private attrCacheWord(obj: LValue, key: LValue, cache: LValue, slow: LBlock): LValue {
    const { b, pl } = this;
    this.typeVersionCheck(obj, cache, slow);
    const index = this.cacheWord(cache, 3);
    const at = b.CreateAdd(b.CreateAnd(obj, this.word(abi.PAYLOAD_MASK)), this.cacheWord(cache, 2));
    const fromSlot = this.newBlock('attr.member');
    const fromDict = this.newBlock('attr.instdict');
    const found = this.newBlock('attr.found');
    b.CreateCondBr(b.CreateICmpEQ(index, this.word(ATTR_CACHE_SLOT)), fromSlot, fromDict);
    b.SetInsertPoint(fromSlot);
    b.CreateBr(found);
    b.SetInsertPoint(fromDict);
    // The dict's word (0 while the object has no instance dict).
    const dict = b.CreateLoad(pl.i64, b.CreateIntToPtr(at, pl.rt.i64p));
    this.stepOr(slow, b.CreateICmpNE(dict, this.word(0n)), 'attr.dict');
    const ix = b.CreateSub(index, this.word(1n));
    this.stepOr(slow, b.CreateICmpULT(ix, this.loadField(dict, layout.DICT_LEN)), 'attr.inrange');
    const entry = b.CreateAdd(this.loadField(dict, layout.DICT_ENTRIES), b.CreateMul(ix, this.word(BigInt(layout.ENTRY_SIZE))));
    const entryKey = b.CreateLoad(pl.i64, b.CreateIntToPtr(b.CreateAdd(entry, this.word(BigInt(layout.ENTRY_KEY))), pl.rt.i64p));
    this.stepOr(slow, b.CreateICmpEQ(entryKey, key), 'attr.hit');
    const valueAt = b.CreateAdd(entry, this.word(BigInt(layout.ENTRY_VALUE)));
    const dictEnd = this.currentBlock;
    b.CreateBr(found);
    b.SetInsertPoint(found);
    const addr = b.CreatePHI(pl.i64, 2, 'attr.addr');
    addr.addIncoming(at, fromSlot);
    addr.addIncoming(valueAt, dictEnd);
    return b.CreateIntToPtr(addr, pl.rt.i64p);
  }

  /**
   * The address of the attribute's word from the first
   * `CACHES.inlineEntries` entries of a site's cache (4 words each, the
   * newest first; see attrCacheWord), or a branch to `slow`.
   */
  private attrCacheWords(obj: LValue, key: LValue, cache: LValue, slow: LBlock): LValue {
    const { b, pl } = this;
    const n = Math.min(CACHES.inlineEntries, CACHES.attrEntries);
    const found = this.newBlock('attr.either');
    const addrs: [LValue, LBlock][] = [];
    for (let k = 0; k < n; k++) {
      const miss = k + 1 < n ? this.newBlock('attr.next') : slow;
      const entry = k === 0 ? cache : b.CreateInBoundsGEP(pl.i64, cache, [constI64(b, BigInt(4 * k))]);
      addrs.push([this.attrCacheWord(obj, key, entry, miss), this.currentBlock]);
      b.CreateBr(found);
      if (miss !== slow) b.SetInsertPoint(miss);
    }
    b.SetInsertPoint(found);
    const addr = b.CreatePHI(pl.rt.i64p, addrs.length, 'attr.at');
    for (const [v, from] of addrs) addr.addIncoming(v, from);
    return addr;
  }

  /** `getattr obj, name` through a per-site inline cache (see attrCacheWords), else `molt_getattr_cached`. */
  private getattrCached(obj: LValue, key: LValue, name: string): LValue {
    const { b, pl } = this;
    const cache = pl.siteCache(4 * CACHES.attrEntries);
    const slow = this.newBlock('gattr.slow');
    const v = b.CreateLoad(pl.i64, this.attrCacheWords(obj, key, cache, slow), 'attr');
    // An unset `__slots__` member raises AttributeError in the runtime.
    this.stepOr(slow, b.CreateICmpNE(v, this.word(abi.UNBOUND)), 'gattr.hit');
    this.countWord(v, 'inc');
    return this.joinSlowCall('gattr', v, slow, 'molt_getattr_cached', [obj, key], cache, name);
  }

  /** `setattr obj, name, v` through a per-site inline cache (see attrCacheWords), else `molt_setattr_cached`. */
  private setattrCached(obj: LValue, key: LValue, v: LValue): void {
    const { b, pl } = this;
    const cache = pl.siteCache(4 * CACHES.attrEntries);
    const slow = this.newBlock('sattr.slow');
    const p = this.attrCacheWords(obj, key, cache, slow);
    this.countWord(v, 'inc');
    const old = b.CreateLoad(pl.i64, p);
    b.CreateStore(v, p);
    this.countWord(old, 'dec');
    this.joinSlowCall('sattr', this.word(abi.NONE), slow, 'molt_setattr_cached', [obj, key, v], cache, '');
  }

  /**
   * `method.load obj, name` through a per-site inline cache of
   * `CACHES.methodEntries` entries `[type, version, function, dict offset,
   * bloom bit]` that `molt_method_load_cached` fills: when `obj` has the
   * type of one of the first `CACHES.inlineEntries` entries at its version
   * and no instance dict entry can shadow the method (no dict, or the dict's
   * key bloom lacks the name's bit), the result is a METHOD word of that
   * entry's function; anything else calls the runtime, which checks every entry.
   */
  private methodLoadCached(obj: LValue, key: LValue, name: string): LValue {
    const { b, pl } = this;
    const cache = pl.siteCache(5 * CACHES.methodEntries);
    const slow = this.newBlock('mload.slow');
    const hit = this.newBlock('mload.hit');
    const fns: [LValue, LBlock][] = [];
    for (let k = 0; k < Math.min(CACHES.inlineEntries, CACHES.methodEntries); k++) {
      const miss = k + 1 < Math.min(CACHES.inlineEntries, CACHES.methodEntries) ? this.newBlock('mload.next') : slow;
      const entry = k === 0 ? cache : b.CreateInBoundsGEP(pl.i64, cache, [constI64(b, BigInt(5 * k))]);
      this.typeVersionCheck(obj, entry, miss);
      const dictOff = this.cacheWord(entry, 3);
      const hasSlot = this.newBlock('mload.dictslot');
      const hasDict = this.newBlock('mload.dict');
      const noShadow = this.newBlock('mload.method');
      b.CreateCondBr(b.CreateICmpEQ(dictOff, this.word(0n)), noShadow, hasSlot);
      b.SetInsertPoint(hasSlot);
      const dict = b.CreateLoad(pl.i64, b.CreateIntToPtr(b.CreateAdd(b.CreateAnd(obj, this.word(abi.PAYLOAD_MASK)), dictOff), pl.rt.i64p));
      b.CreateCondBr(b.CreateICmpEQ(dict, this.word(0n)), noShadow, hasDict);
      b.SetInsertPoint(hasDict);
      const bloom = this.loadField(dict, layout.DICT_BLOOM);
      b.CreateCondBr(b.CreateICmpEQ(b.CreateAnd(bloom, this.cacheWord(entry, 4)), this.word(0n)), noShadow, miss);
      b.SetInsertPoint(noShadow);
      fns.push([this.cacheWord(entry, 2), noShadow]);
      b.CreateBr(hit);
      if (miss !== slow) b.SetInsertPoint(miss);
    }
    b.SetInsertPoint(hit);
    const f = b.CreatePHI(pl.i64, fns.length, 'mload.fn');
    for (const [v, from] of fns) f.addIncoming(v, from);
    this.increfInline(f);
    const m = b.CreateOr(b.CreateAnd(f, this.word(abi.PAYLOAD_MASK)), this.word(abi.TAG_METHOD << abi.TAG_SHIFT));
    return this.joinSlowCall('mload', m, slow, 'molt_method_load_cached', [obj, key], cache, name);
  }

  /** `guard.code` inline: a heap object whose type is `function` and whose code has id `codeId`. */
  private guardCode(f: LValue, codeId: number, name: string): LValue {
    const { b, pl } = this;
    const start = this.currentBlock;
    const check = this.newBlock('gcode.check');
    const done = this.newBlock('gcode.done');
    b.CreateCondBr(this.hasTag(f, abi.TAG_PTR), check, done);
    b.SetInsertPoint(check);
    const isFn = b.CreateICmpEQ(this.loadField(f, layout.OBJ_TYPE), b.CreateLoad(pl.i64, pl.cell('function')));
    const fnCheck = this.newBlock('gcode.fn');
    b.CreateCondBr(isFn, fnCheck, done);
    b.SetInsertPoint(fnCheck);
    // Only a function object has a code pointer at this offset.
    const code = b.CreateIntToPtr(b.CreateAdd(this.loadField(f, layout.FUNCTION_CODE), this.word(BigInt(layout.CODE_ID))), pl.rt.i32p);
    const same = b.CreateICmpEQ(b.CreateLoad(pl.i32, code), constI32(b, codeId));
    b.CreateBr(done);
    b.SetInsertPoint(done);
    const phi = b.CreatePHI(pl.i1, 3, name);
    phi.addIncoming(llvm.ConstantInt.getFalse(pl.ctx), start);
    phi.addIncoming(llvm.ConstantInt.getFalse(pl.ctx), check);
    phi.addIncoming(same, fnCheck);
    return phi;
  }

  /** Inline `incref` of a word: heap objects that are not immortal. */
  increfInline(v: LValue): void {
    this.countInline(v, 'inc');
  }

  /** Inline `decref` of a word: heap objects that are not immortal; `molt_decref` frees at zero. */
  decrefInline(v: LValue): void {
    this.countInline(v, 'dec');
  }

  private countInline(v: LValue, dir: 'inc' | 'dec'): void {
    const { b, pl } = this;
    const heap = this.newBlock(`${dir}.heap`);
    const counted = this.newBlock(`${dir}.counted`);
    const done = this.newBlock(`${dir}.done`);
    b.CreateCondBr(this.hasTag(v, abi.TAG_PTR), heap, done);
    b.SetInsertPoint(heap);
    const rcp = b.CreateIntToPtr(b.CreateAnd(v, this.word(abi.PAYLOAD_MASK)), pl.rt.i32p);
    const rc = b.CreateLoad(pl.i32, rcp);
    const one = llvm.ConstantInt.get(pl.i32, 1, false);
    b.CreateCondBr(b.CreateICmpEQ(rc, llvm.ConstantInt.get(pl.i32, 0xffffffff, false)), done, counted);
    b.SetInsertPoint(counted);
    if (dir === 'inc') {
      b.CreateStore(b.CreateAdd(rc, one), rcp);
    } else {
      const free = this.newBlock('dec.free');
      const dec = this.newBlock('dec.dec');
      b.CreateCondBr(this.unlikely(b.CreateICmpULE(rc, one)), free, dec);
      b.SetInsertPoint(free);
      b.CreateCall(pl.rt.declare('molt_decref', pl.i64, [pl.i64]), [v]);
      b.CreateBr(done);
      b.SetInsertPoint(dec);
      b.CreateStore(b.CreateSub(rc, one), rcp);
    }
    b.CreateBr(done);
    b.SetInsertPoint(done);
  }

  /**
   * `incref`/`decref` of any word: heap pointers inline, a METHOD word
   * (which owns its function) through the runtime, immediates not at all.
   */
  countWord(v: LValue, dir: 'inc' | 'dec', labels = { method: `${dir}.method`, done: `${dir}.word` }): void {
    const { b, pl } = this;
    this.countInline(v, dir);
    const method = this.newBlock(labels.method);
    const done = this.newBlock(labels.done);
    b.CreateCondBr(this.unlikely(this.hasTag(v, abi.TAG_METHOD)), method, done);
    b.SetInsertPoint(method);
    b.CreateCall(pl.rt.declare(dir === 'inc' ? 'molt_incref' : 'molt_decref', pl.i64, [pl.i64]), [v], 'r');
    b.CreateBr(done);
    b.SetInsertPoint(done);
  }

  /** The address of slot `slot` of generator `g`'s frame. */
  private genSlot(g: LValue, slot: number): LValue {
    const { b, pl } = this;
    const slots = this.loadField(g, layout.GEN_SLOTS);
    return b.CreateIntToPtr(b.CreateAdd(slots, this.word(BigInt(slot * 8))), pl.rt.i64p, 'gen.slot');
  }

  /** The word at byte `offset` of the heap object a pointer word points at. */
  loadField(obj: LValue, offset: number, name = ''): LValue {
    const { b, pl } = this;
    const addr = b.CreateAdd(b.CreateAnd(obj, this.word(abi.PAYLOAD_MASK)), this.word(BigInt(offset)));
    return b.CreateLoad(pl.i64, b.CreateIntToPtr(addr, pl.rt.i64p), name);
  }

  sext48(v: LValue, name = ''): LValue {
    const sixteen = this.word(16n);
    return this.b.CreateAShr(this.b.CreateShl(v, sixteen), sixteen, name);
  }

  hasTag(v: LValue, tag: bigint, name = ''): LValue {
    return this.b.CreateICmpEQ(this.b.CreateLShr(v, this.word(abi.TAG_SHIFT)), this.word(tag), name);
  }

  isFloat(v: LValue, name = ''): LValue {
    return this.b.CreateICmpULT(this.b.CreateLShr(v, this.word(abi.TAG_SHIFT)), this.word(abi.TAG_INT), name);
  }

  /** The word of a small int from an i64 known to fit 48 bits. */
  tagInt(v: LValue, name = ''): LValue {
    return this.b.CreateOr(this.b.CreateAnd(v, this.word(abi.PAYLOAD_MASK)), this.word(abi.TAG_INT << abi.TAG_SHIFT), name);
  }

  /** True when an i64 fits the small-int range. */
  fitsSmall(v: LValue): LValue {
    return this.b.CreateICmpEQ(this.sext48(v), v);
  }

  /**
   * The word of an f64: its bits; a NaN goes to the runtime, which keeps the
   * NaN's identity or gives it a fresh one (specs/runtime-abi.md §1).
   */
  boxF64(x: LValue): LValue {
    const { b, pl } = this;
    const bits = b.CreateBitCast(x, pl.i64);
    const from = this.currentBlock;
    const nan = this.newBlock('box.nan');
    const done = this.newBlock('box.float');
    b.CreateCondBr(this.unlikely(b.CreateFCmpUNE(x, x)), nan, done);
    b.SetInsertPoint(nan);
    const identity = b.CreateCall(pl.rt.declare('molt_float_box_nan', pl.i64, [pl.i64]), [bits]);
    b.CreateBr(done);
    b.SetInsertPoint(done);
    const phi = b.CreatePHI(pl.i64, 2);
    phi.addIncoming(bits, from);
    phi.addIncoming(identity, nan);
    return phi;
  }

  private boxI64(v: LValue, inst: Inst, spec: OpSpec): LValue {
    const { b, pl } = this;
    const fast = this.newBlock('box.small');
    const slow = this.newBlock('box.big');
    const done = this.newBlock('box.done');
    b.CreateCondBr(this.fitsSmall(v), fast, slow);
    b.SetInsertPoint(fast);
    const small = this.tagInt(v);
    b.CreateBr(done);
    b.SetInsertPoint(slow);
    const big = this.callRuntime(inst, spec);
    const slowEnd = this.currentBlock;
    b.CreateBr(done);
    b.SetInsertPoint(done);
    const phi = b.CreatePHI(pl.i64, 2, inst.result === undefined ? '' : `v${inst.result}`);
    phi.addIncoming(small, fast);
    phi.addIncoming(big, slowEnd);
    return phi;
  }

  /** Python `//` on i64 (rounds toward −∞). */
  floorDiv(x: LValue, y: LValue, name = ''): LValue {
    const { b } = this;
    const q = b.CreateSDiv(x, y);
    const r = b.CreateSRem(x, y);
    const adjust = b.CreateAnd(b.CreateICmpNE(r, this.word(0n)), b.CreateICmpSLT(b.CreateXor(r, y), this.word(0n)));
    return b.CreateSub(q, b.CreateZExt(adjust, this.pl.i64), name);
  }

  /** Python `%` on i64 (sign of the divisor). */
  floorMod(x: LValue, y: LValue, name = ''): LValue {
    const { b } = this;
    const r = b.CreateSRem(x, y);
    const adjust = b.CreateAnd(b.CreateICmpNE(r, this.word(0n)), b.CreateICmpSLT(b.CreateXor(r, y), this.word(0n)));
    return b.CreateAdd(r, b.CreateSelect(adjust, y, this.word(0n)), name);
  }
}

/** Lower a whole program to an LLVM module (not yet verified). */
export function lowerProgram(program: Program, feedbackIdentity?: string): LoweredModule {
  return new ProgramLowering(program, feedbackIdentity).lower();
}
