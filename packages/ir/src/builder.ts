// builder.ts — construction of IR functions, with SSA built from variables.
// Frontends declare variables, define and use them, and seal blocks when
// all their predecessors are known; the builder places block parameters
// (the algorithm of Braun et al., "Simple and Efficient Construction of
// SSA Form", 2013). Neighbours: types.ts (the shapes it builds),
// opTable.ts (op signatures it checks), verifier.ts (checks the result).

import { OPS, type OpSpec } from './opTable.js';
import {
  type Block, type BlockCall, type BlockId, type FuncId, type Function, type Imm, type Inst, type InstId,
  type Module, type PyCodeInfo, type SourceLoc, type ValueId, type ValueType, InternalError,
} from './types.js';

const OP_BY_NAME: ReadonlyMap<string, OpSpec> = new Map(OPS.map((o) => [o.name, o]));
/** Names of the terminator and may-raise ops (asked on every appended instruction). */
const TERMINATORS: ReadonlySet<string> = new Set(OPS.filter((o) => o.effects.includes('terminator')).map((o) => o.name));
const MAY_RAISE: ReadonlySet<string> = new Set(OPS.filter((o) => o.effects.includes('may-raise')).map((o) => o.name));

/** The op table entry for a name, or undefined. */
export function opSpec(name: string): OpSpec | undefined {
  return OP_BY_NAME.get(name);
}

/** The op table entry for a name; an unknown name is an internal error. */
export function requireOp(name: string): OpSpec {
  const spec = OP_BY_NAME.get(name);
  if (spec === undefined) throw new InternalError(`unknown IR op '${name}'`);
  return spec;
}

export function isTerminator(op: string): boolean {
  if (TERMINATORS.has(op)) return true;
  requireOp(op);
  return false;
}

export function mayRaise(op: string): boolean {
  if (MAY_RAISE.has(op)) return true;
  requireOp(op);
  return false;
}

/** A variable of the frontend; any value that identifies it. */
export type Variable = number | string;

interface PredEdge {
  readonly block: BlockId;
  /** Index into the predecessor's terminator targets, or -1 for its unwind edge. */
  readonly edge: number;
}

interface BlockState {
  sealed: boolean;
  filled: boolean;
  preds: PredEdge[];
  /** Params added while unsealed: [variable, param value]. */
  incomplete: [Variable, ValueId][];
}

export interface ModuleBuilderOptions {
  name: string;
  file: string;
  isPackage?: boolean;
}

/** Builds a module: a set of functions, one of them the module body. */
export class ModuleBuilder {
  readonly functions: Function[] = [];
  private initId: FuncId | undefined;

  constructor(private readonly opts: ModuleBuilderOptions) {}

  /** Start a function. Its entry block has one parameter per type in `params`. */
  createFunction(name: string, params: ValueType[], result: ValueType = 'obj', py?: PyCodeInfo): FunctionBuilder {
    const id = this.functions.length as FuncId;
    const fn: Function = { id, name, params: [...params], result, values: [], insts: [], blocks: [], layout: [], py };
    this.functions.push(fn);
    return new FunctionBuilder(fn);
  }

  /** Reserve a function id (for forward references) to be filled by `createFunction` order. */
  get nextFuncId(): FuncId {
    return this.functions.length as FuncId;
  }

  setInit(id: FuncId): void {
    this.initId = id;
  }

  finish(): Module {
    if (this.initId === undefined) throw new InternalError(`module '${this.opts.name}' has no init function`);
    return { name: this.opts.name, file: this.opts.file, isPackage: this.opts.isPackage ?? false, functions: this.functions, init: this.initId };
  }
}

export interface InsOptions {
  imms?: Imm[];
  targets?: BlockCall[];
  loc?: SourceLoc;
}

/** Builds one function in SSA form. */
export class FunctionBuilder {
  private readonly state: BlockState[] = [];
  private readonly defs = new Map<Variable, Map<BlockId, ValueId>>();
  private readonly varTypes = new Map<Variable, ValueType>();
  private readonly aliases = new Map<ValueId, ValueId>();
  private current: BlockId | undefined;
  private inLayout = new Set<BlockId>();
  private unwindTarget: BlockId | undefined;
  /** Location given to instructions that do not pass their own. */
  loc: SourceLoc | undefined;

  readonly entry: BlockId;

  constructor(readonly fn: Function) {
    this.entry = this.createBlock();
    for (const t of fn.params) this.appendBlockParam(this.entry, t);
    this.switchToBlock(this.entry);
    this.sealBlock(this.entry);
  }

  /** The entry block's parameters (the function's arguments). */
  get params(): ValueId[] {
    return this.fn.blocks[this.entry]!.params;
  }

  get currentBlock(): BlockId {
    if (this.current === undefined) throw new InternalError('no current block');
    return this.current;
  }

  /** True when the current block already ends with a terminator. */
  get isTerminated(): boolean {
    const b = this.current === undefined ? undefined : this.fn.blocks[this.current];
    if (b === undefined || b.insts.length === 0) return false;
    return TERMINATORS.has(this.fn.insts[b.insts[b.insts.length - 1]!]!.op);
  }

  createBlock(): BlockId {
    const id = this.fn.blocks.length as BlockId;
    const block: Block = { params: [], insts: [], unwind: this.unwindTarget === undefined ? undefined : { block: this.unwindTarget, args: [] } };
    this.fn.blocks.push(block);
    this.state.push({ sealed: false, filled: false, preds: [], incomplete: [] });
    if (block.unwind !== undefined) this.state[block.unwind.block]!.preds.push({ block: id, edge: -1 });
    return id;
  }

  /**
   * The handler that blocks created from now on unwind to (undefined:
   * propagate). The handler must be sealed only after every block created
   * under it is finished.
   */
  setUnwind(handler: BlockId | undefined): void {
    this.unwindTarget = handler;
  }

  get unwind(): BlockId | undefined {
    return this.unwindTarget;
  }

  appendBlockParam(block: BlockId, type: ValueType): ValueId {
    const b = this.fn.blocks[block]!;
    const v = this.newValue(type, { kind: 'param', block, index: b.params.length });
    b.params.push(v);
    return v;
  }

  switchToBlock(block: BlockId): void {
    this.current = block;
    if (!this.inLayout.has(block)) {
      this.inLayout.add(block);
      this.fn.layout.push(block);
    }
  }

  /** Declare a frontend variable and its type. */
  declareVar(v: Variable, type: ValueType): void {
    this.varTypes.set(v, type);
  }

  isDeclared(v: Variable): boolean {
    return this.varTypes.has(v);
  }

  defVar(v: Variable, value: ValueId): void {
    if (!this.varTypes.has(v)) throw new InternalError(`variable '${String(v)}' is not declared`);
    let block = this.currentBlock;
    const b = this.fn.blocks[block]!;
    if (b.unwind !== undefined && b.insts.length > 0 && !this.isTerminated) {
      // Unwind arguments are read at the start of a block: split so that a
      // raise before this definition sees the old value.
      const next = this.createBlockWithUnwind(b.unwind.block);
      this.jump(next, []);
      this.sealBlock(next);
      this.switchToBlock(next);
      block = next;
    }
    this.writeVariable(v, block, value);
  }

  useVar(v: Variable): ValueId {
    if (!this.varTypes.has(v)) throw new InternalError(`variable '${String(v)}' is not declared`);
    return this.readVariable(v, this.currentBlock);
  }

  /** Seal a block: all of its predecessors are known. */
  sealBlock(block: BlockId): void {
    const st = this.state[block]!;
    if (st.sealed) return;
    for (const [variable, param] of st.incomplete) this.addParamOperands(variable, param, block);
    st.incomplete = [];
    st.sealed = true;
  }

  sealAllBlocks(): void {
    for (let i = 0; i < this.state.length; i++) this.sealBlock(i as BlockId);
  }

  /** Append an instruction to the current block; returns its result, if any. */
  ins(op: string, args: ValueId[] = [], opts: InsOptions = {}): ValueId | undefined {
    const spec = requireOp(op);
    const block = this.currentBlock;
    if (this.isTerminated) throw new InternalError(`instruction '${op}' appended after a terminator in block${block}`);
    const instId = this.fn.insts.length as InstId;
    const inst: Inst = { op, args: this.resolveAll(args), imms: opts.imms ?? [], result: undefined, targets: opts.targets ?? [], loc: opts.loc ?? this.loc };
    this.fn.insts.push(inst);
    if (spec.result !== undefined) inst.result = this.newValue(spec.result, { kind: 'inst', inst: instId });
    this.fn.blocks[block]!.insts.push(instId);
    const targets = inst.targets;
    for (let i = 0; i < targets.length; i++) this.state[targets[i]!.block]!.preds.push({ block, edge: i });
    if (TERMINATORS.has(op)) this.state[block]!.filled = true;
    return inst.result;
  }

  /** Like `ins` for an op that has a result. */
  value(op: string, args: ValueId[] = [], opts: InsOptions = {}): ValueId {
    const r = this.ins(op, args, opts);
    if (r === undefined) throw new InternalError(`op '${op}' has no result`);
    return r;
  }

  jump(block: BlockId, args: ValueId[] = []): void {
    this.ins('jump', [], { targets: [{ block, args }] });
  }

  brif(cond: ValueId, thenBlock: BlockId, elseBlock: BlockId, thenArgs: ValueId[] = [], elseArgs: ValueId[] = []): void {
    this.ins('brif', [cond], { targets: [{ block: thenBlock, args: thenArgs }, { block: elseBlock, args: elseArgs }] });
  }

  /** Finish construction: seal everything and remove trivial block parameters. */
  finish(): Function {
    this.sealAllBlocks();
    this.removeTrivialParams();
    this.applyAliases();
    return this.fn;
  }

  typeOf(v: ValueId): ValueType {
    return this.fn.values[this.resolve(v)]!.type;
  }

  // ---- internals ---------------------------------------------------------------

  private createBlockWithUnwind(handler: BlockId): BlockId {
    const saved = this.unwindTarget;
    this.unwindTarget = handler;
    const b = this.createBlock();
    this.unwindTarget = saved;
    return b;
  }

  private newValue(type: ValueType, def: Function['values'][number]['def']): ValueId {
    const id = this.fn.values.length as ValueId;
    this.fn.values.push({ type, def });
    return id;
  }

  /** A copy of `vs` with aliases resolved (no aliases exist before `finish`). */
  private resolveAll(vs: ValueId[]): ValueId[] {
    if (this.aliases.size === 0) return vs.slice();
    return vs.map((a) => this.resolve(a));
  }

  private resolve(v: ValueId): ValueId {
    let cur = v;
    for (;;) {
      const next = this.aliases.get(cur);
      if (next === undefined) return cur;
      cur = next;
    }
  }

  private writeVariable(v: Variable, block: BlockId, value: ValueId): void {
    let m = this.defs.get(v);
    if (m === undefined) {
      m = new Map();
      this.defs.set(v, m);
    }
    m.set(block, value);
  }

  private readVariable(v: Variable, block: BlockId): ValueId {
    const local = this.defs.get(v)?.get(block);
    if (local !== undefined) return this.resolve(local);
    return this.readVariableRecursive(v, block);
  }

  private readVariableRecursive(v: Variable, block: BlockId): ValueId {
    const st = this.state[block]!;
    const type = this.varTypes.get(v)!;
    let val: ValueId;
    if (!st.sealed) {
      val = this.appendBlockParam(block, type);
      st.incomplete.push([v, val]);
    } else if (st.preds.length === 0) {
      val = this.undefinedValue(v, type);
    } else if (st.preds.length === 1) {
      val = this.readAtEdge(v, st.preds[0]!);
    } else {
      val = this.appendBlockParam(block, type);
      this.writeVariable(v, block, val);
      this.addParamOperands(v, val, block);
    }
    this.writeVariable(v, block, val);
    return val;
  }

  private readAtEdge(v: Variable, edge: PredEdge): ValueId {
    return this.readVariable(v, edge.block);
  }

  private addParamOperands(v: Variable, param: ValueId, block: BlockId): void {
    for (const edge of this.state[block]!.preds) {
      const arg = this.readAtEdge(v, edge);
      this.edgeCall(edge).args.push(arg);
    }
  }

  private edgeCall(edge: PredEdge): BlockCall {
    const b = this.fn.blocks[edge.block]!;
    if (edge.edge === -1) return b.unwind!;
    const term = b.insts[b.insts.length - 1];
    if (term === undefined) throw new InternalError(`block${edge.block} has no terminator`);
    return this.fn.insts[term]!.targets[edge.edge]!;
  }

  /** A use with no reaching definition: UNBOUND for objects (the frontend raises on it). */
  private undefinedValue(v: Variable, type: ValueType): ValueId {
    const op = type === 'obj' ? 'const.unbound' : type === 'i64' ? 'iconst' : type === 'f64' ? 'fconst' : 'bconst';
    const imms: Imm[] = type === 'obj' ? [] : type === 'bool' ? [false] : [0];
    const instId = this.fn.insts.length as InstId;
    const inst: Inst = { op, args: [], imms, result: undefined, targets: [], loc: undefined };
    this.fn.insts.push(inst);
    inst.result = this.newValue(type, { kind: 'inst', inst: instId });
    this.fn.blocks[this.entry]!.insts.unshift(instId);
    void v;
    return inst.result;
  }

  private removeTrivialParams(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (let bi = 0; bi < this.fn.blocks.length; bi++) {
        const block = bi as BlockId;
        if (block === this.entry) continue;
        const b = this.fn.blocks[block]!;
        for (let pi = b.params.length - 1; pi >= 0; pi--) {
          const p = b.params[pi]!;
          let same: ValueId | undefined;
          let trivial = true;
          for (const edge of this.state[block]!.preds) {
            const a = this.resolve(this.edgeCall(edge).args[pi]!);
            if (a === p || a === same) continue;
            if (same !== undefined) {
              trivial = false;
              break;
            }
            same = a;
          }
          if (!trivial || same === undefined) continue;
          this.aliases.set(p, same);
          b.params.splice(pi, 1);
          for (const edge of this.state[block]!.preds) this.edgeCall(edge).args.splice(pi, 1);
          b.params.forEach((q, i) => {
            this.fn.values[q]!.def = { kind: 'param', block, index: i };
          });
          changed = true;
        }
      }
    }
  }

  private applyAliases(): void {
    if (this.aliases.size === 0) return;
    for (const inst of this.fn.insts) {
      inst.args = this.resolveAliased(inst.args);
      for (const t of inst.targets) t.args = this.resolveAliased(t.args);
    }
    for (const b of this.fn.blocks) if (b.unwind !== undefined) b.unwind.args = this.resolveAliased(b.unwind.args);
  }

  /** `vs` with aliases resolved: a new array when one of them is aliased, else `vs` itself. */
  private resolveAliased(vs: ValueId[]): ValueId[] {
    for (let i = 0; i < vs.length; i++) {
      if (this.aliases.has(vs[i]!)) return vs.map((a) => this.resolve(a));
    }
    return vs;
  }
}
