// context.ts — the state of lowering one IR function: its builder, where
// each Python name lives (SSA variable, cell, generator slot, globals,
// class namespace), temporaries, and the stack of active control frames
// (loops, try/finally, handlers, with) that break/continue/return unwind.
// Neighbours: lowerExpr.ts, lowerStmt.ts, lowerFunction.ts, lowerClass.ts.

import { type BlockId, type FunctionBuilder, type ModuleBuilder, type ValueId, InternalError } from '@molt/ir';
import type { Loc, Stmt } from './ast.js';
import type { DiagnosticBag } from './diagnostics.js';
import type { Scope, ScopeTable } from './scope.js';

export interface ModuleLowering {
  readonly mb: ModuleBuilder;
  readonly file: string;
  readonly moduleName: string;
  readonly diags: DiagnosticBag;
  readonly scopes: ScopeTable;
  /** Unique IR function names within the module. */
  readonly usedNames: Map<string, number>;
}

/** Where a value lives: an SSA builder variable or a generator slot. */
export type Storage = { kind: 'var'; name: string } | { kind: 'slot'; slot: number };

export type Frame =
  | { kind: 'loop'; breakBlock: BlockId; continueBlock: BlockId }
  | { kind: 'finally'; body: Stmt[]; outerUnwind: BlockId | undefined }
  | { kind: 'handler'; name: string | undefined; outerUnwind: BlockId | undefined }
  | { kind: 'with'; exit: Storage; outerUnwind: BlockId | undefined; isAsync: boolean; mgr: Storage | undefined }
  /** The body of an `except*` clause: break/continue/return may not leave it. */
  | { kind: 'starHandler' };

export interface ClassContext {
  scope: Scope;
  ns: Storage;
  classCell: Storage | undefined;
}

export class FnCtx {
  /** The globals dict. */
  globals!: ValueId;
  /** Generator object (resume functions only). */
  gen: ValueId | undefined;
  /** Sent value of the current resume point (resume functions only). */
  sent: ValueId | undefined;
  readonly slots = new Map<string, number>();
  nslots = 0;
  readonly frames: Frame[] = [];
  readonly classes: ClassContext[] = [];
  /** Resume points of a resume function: state k is resumeBlocks[k-1]. */
  readonly resumeBlocks: BlockId[] = [];
  private tempCount = 0;
  /**
   * Set after the prologue of a plain function: a local variable's value is
   * then kept alive (`keepalive`) until the variable is rebound or deleted
   * and until the function returns, as CPython's frame keeps it, so a
   * `__del__` or a generator's `finally` runs at the same point.
   */
  keepLocals = false;
  /** Locals never bound to anything but plain values (plainLocals.ts): not kept alive. */
  plainLocals: ReadonlySet<string> = new Set();
  /** The SSA variables of this function's locals (`L:x`), in declaration order. */
  private readonly localVars: string[] = [];

  constructor(
    readonly m: ModuleLowering,
    readonly b: FunctionBuilder,
    /** The scope compiled into this IR function. */
    readonly scope: Scope,
    readonly isResume: boolean,
  ) {}

  get self(): ValueId {
    return this.b.params[0]!;
  }

  /** The innermost scope being lowered (a class body inside this function, or the function). */
  get cur(): Scope {
    return this.classes.length > 0 ? this.classes[this.classes.length - 1]!.scope : this.scope;
  }

  setLoc(loc: Loc): void {
    this.b.loc = { line: loc.line, col: loc.col };
  }

  // ---- storage -----------------------------------------------------------------

  slotFor(key: string): number {
    let s = this.slots.get(key);
    if (s === undefined) {
      s = this.nslots++;
      this.slots.set(key, s);
    }
    return s;
  }

  /** The storage of a named entity (a local `L:x`, a cell `C:x`). */
  storage(key: string): Storage {
    if (this.isResume) return { kind: 'slot', slot: this.slotFor(key) };
    if (!this.b.isDeclared(key)) {
      this.b.declareVar(key, 'obj');
      if (key.startsWith('L:')) this.localVars.push(key);
    }
    return { kind: 'var', name: key };
  }

  newTemp(): Storage {
    return this.storage(`T:${this.tempCount++}`);
  }

  load(st: Storage): ValueId {
    if (st.kind === 'var') return this.b.useVar(st.name);
    return this.b.value('gen.load', [this.gen!], { imms: [st.slot] });
  }

  store(st: Storage, v: ValueId): void {
    if (st.kind === 'var') {
      if (this.keepLocals && st.name.startsWith('L:') && !this.plainLocals.has(st.name.slice(2))) this.keepAlive([this.b.useVar(st.name)]);
      this.b.defVar(st.name, v);
    } else this.b.ins('gen.store', [this.gen!, v], { imms: [st.slot] });
  }

  /** Before a `return`: keep every local's current value alive up to here. */
  keepLocalsAlive(): void {
    if (this.keepLocals) this.keepAlive(this.localVars.filter((n) => !this.plainLocals.has(n.slice(2))).map((n) => this.b.useVar(n)));
  }

  /**
   * `keepalive` of the values that hold a reference of their own: not
   * constants (immortal or held by the module) nor the function's
   * parameters (the caller holds those).
   */
  private keepAlive(values: ValueId[]): void {
    const fn = this.b.fn;
    const held = values.filter((v) => {
      const d = fn.values[v]!.def;
      if (d.kind === 'param') return d.block !== this.b.entry;
      return !fn.insts[d.inst]!.op.startsWith('const.');
    });
    if (held.length > 0 && !this.b.isTerminated) this.b.ins('keepalive', [...new Set(held)]);
  }

  /** Hold a value across the lowering of later code that may suspend. */
  hold(v: ValueId, mustSpill: boolean): () => ValueId {
    if (!this.isResume || !mustSpill) return () => v;
    const t = this.newTemp();
    this.store(t, v);
    return () => this.load(t);
  }

  // ---- instructions ------------------------------------------------------------

  v(op: string, args: ValueId[] = [], imms: (number | bigint | string | boolean | Uint8Array)[] = []): ValueId {
    return this.b.value(op, args, { imms });
  }

  ins(op: string, args: ValueId[] = [], imms: (number | bigint | string | boolean | Uint8Array)[] = []): void {
    this.b.ins(op, args, { imms });
  }

  str(s: string): ValueId {
    return this.v('const.str', [], [s]);
  }

  none(): ValueId {
    return this.v('const.none');
  }

  /** Start a new block reachable only from nowhere (code after a terminator). */
  deadBlock(): void {
    const blk = this.b.createBlock();
    this.b.sealBlock(blk);
    this.b.switchToBlock(blk);
  }

  /** Create a block, jump to it and continue there (e.g. after changing the unwind target). */
  continueInNewBlock(): void {
    const blk = this.b.createBlock();
    if (!this.b.isTerminated) this.b.jump(blk);
    this.b.sealBlock(blk);
    this.b.switchToBlock(blk);
  }

  /** Raise `builtins.<type>(message)`. */
  raiseBuiltin(type: string, message: string): void {
    const t = this.v('builtin', [this.str(type)]);
    const e = this.v('call', [t, this.str(message)]);
    this.ins('raise', [e, this.v('const.unbound')]);
  }

  /** Branch on an unboxed condition, raising in the true branch. */
  raiseIf(cond: ValueId, type: string, message: string): void {
    const bad = this.b.createBlock();
    const ok = this.b.createBlock();
    this.b.brif(cond, bad, ok);
    this.b.sealBlock(bad);
    this.b.sealBlock(ok);
    this.b.switchToBlock(bad);
    this.raiseBuiltin(type, message);
    this.b.switchToBlock(ok);
  }

  /** Check that a local read is bound unless its definition proves it. */
  checkBound(v: ValueId, name: string, isFree = false): void {
    const def = this.b.fn.values[v]!.def;
    if (def.kind === 'param' && def.block === this.b.entry) return;
    if (def.kind === 'inst' && this.b.fn.insts[def.inst]!.op !== 'const.unbound' && this.b.fn.insts[def.inst]!.op !== 'gen.load') return;
    const isUnbound = this.v('unbound.is', [v]);
    if (isFree) this.raiseIf(isUnbound, 'NameError', `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`);
    else this.raiseIf(isUnbound, 'UnboundLocalError', `cannot access local variable '${name}' where it is not associated with a value`);
  }

  irName(base: string): string {
    const n = this.m.usedNames.get(base) ?? 0;
    this.m.usedNames.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  }

  internal(msg: string): never {
    throw new InternalError(msg);
  }
}
