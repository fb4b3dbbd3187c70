// runtime.ts — declarations of the runtime's C entry points
// (specs/runtime-abi.md §5–§8) in the LLVM module, cached by symbol.
// Neighbours: lower.ts calls `generic` for op-table ops and the named
// helpers for the entry points that have no op.

import { type OpSpec, InternalError } from '@molt/ir';
import { llvm, linkage, type LContext, type LFunction, type LModule, type LPointerType, type LType } from './llvm.js';

export class RuntimeDecls {
  private readonly fns = new Map<string, LFunction>();
  readonly i64: LType;
  readonly i32: LType;
  readonly i8p: LPointerType;
  readonly i64p: LPointerType;
  readonly i32p: LPointerType;
  readonly void: LType;

  constructor(private readonly ctx: LContext, private readonly mod: LModule) {
    this.i64 = llvm.Type.getInt64Ty(ctx);
    this.i32 = llvm.Type.getInt32Ty(ctx);
    this.i8p = llvm.Type.getInt8PtrTy(ctx);
    this.i64p = llvm.Type.getInt64PtrTy(ctx);
    this.i32p = llvm.Type.getInt32PtrTy(ctx);
    this.void = llvm.Type.getVoidTy(ctx);
  }

  /** Declare (once) an external function. */
  declare(name: string, ret: LType, params: LType[]): LFunction {
    const known = this.fns.get(name);
    if (known !== undefined) return known;
    const fn = llvm.Function.Create(llvm.FunctionType.get(ret, params, false), linkage.external, name, this.mod);
    this.fns.set(name, fn);
    return fn;
  }

  /**
   * The runtime function of an op-table op: fixed operands as i64, then
   * (argv, n) for variadic ops, then one i64 per integer/func/bool immediate.
   */
  generic(spec: OpSpec): LFunction {
    if (spec.runtime === undefined) throw new InternalError(`op '${spec.name}' has no runtime symbol`);
    const params: LType[] = spec.operands.map(() => this.i64);
    if (spec.variadic !== undefined) params.push(this.i64p, this.i64);
    for (const imm of spec.imms ?? []) {
      if (imm.kind === 'i64' || imm.kind === 'func' || imm.kind === 'bool') params.push(this.i64);
      else throw new InternalError(`op '${spec.name}': immediate kind '${imm.kind}' cannot be passed to the runtime`);
    }
    return this.declare(spec.runtime, this.i64, params);
  }

  tracebackAdd(): LFunction {
    return this.declare('molt_traceback_add', this.void, [this.i32, this.i32]);
  }
  strFromUtf8(): LFunction {
    return this.declare('molt_str_from_utf8', this.i64, [this.i8p, this.i64]);
  }
  bytesFrom(): LFunction {
    return this.declare('molt_bytes_from', this.i64, [this.i8p, this.i64]);
  }
  intFromStr(): LFunction {
    return this.declare('molt_int_from_str', this.i64, [this.i8p, this.i64]);
  }
  codeNew(): LFunction {
    return this.declare('molt_code_new', this.i64, [this.i32, this.i8p, this.i64]);
  }
  moduleRegister(): LFunction {
    return this.declare('molt_module_register', this.i64, [this.i64, this.i32, this.i32]);
  }
  runMain(): LFunction {
    return this.declare('molt_run_main', this.i64, [this.i64]);
  }
  genSetState(): LFunction {
    return this.declare('molt_gen_set_state', this.i64, [this.i64, this.i64, this.i64]);
  }
  genFinish(): LFunction {
    return this.declare('molt_gen_finish', this.i64, [this.i64, this.i64]);
  }
}
