// llvm.ts — the only file that imports llvm-bindings (LLVM 14 through a
// native addon). It re-exports the pieces the lowering uses and adds the
// helpers the addon lacks (64-bit constants, byte arrays, verification,
// bitcode). Neighbours: lower.ts / runtime.ts / fastpaths.ts build IR
// through it; backend.ts writes bitcode with it. No llvm-bindings type
// leaves this package.

import llvmBindings from 'llvm-bindings';

export const llvm = llvmBindings;
export type LContext = llvmBindings.LLVMContext;
export type LModule = llvmBindings.Module;
export type LBuilder = llvmBindings.IRBuilder;
export type LValue = llvmBindings.Value;
export type LConstant = llvmBindings.Constant;
export type LType = llvmBindings.Type;
export type LPointerType = llvmBindings.PointerType;
export type LFunction = llvmBindings.Function;
export type LFunctionType = llvmBindings.FunctionType;
export type LBlock = llvmBindings.BasicBlock;
export type LPhi = llvmBindings.PHINode;
export type LGlobal = llvmBindings.GlobalVariable;

const TWO_53 = 2n ** 53n;
const U64 = 2n ** 64n;

/**
 * An i64 constant for any 64-bit pattern (signed or unsigned bigint). The
 * addon takes JS numbers, exact only up to 2^53, so wider values are folded
 * from two 32-bit halves by the builder's constant folder.
 */
export function constI64(b: LBuilder, value: bigint): LConstant {
  const i64 = b.getInt64Ty();
  const v = BigInt.asIntN(64, value);
  if (v > -TWO_53 && v < TWO_53) return llvm.ConstantInt.get(i64, Number(v), true);
  const u = (v + U64) % U64;
  const hi = llvm.ConstantInt.get(i64, Number(u >> 32n), false);
  const lo = llvm.ConstantInt.get(i64, Number(u & 0xffffffffn), false);
  const folded = b.CreateOr(b.CreateShl(hi, llvm.ConstantInt.get(i64, 32, false)), lo);
  return folded as LConstant;
}

export function constI32(b: LBuilder, value: number): LConstant {
  return llvm.ConstantInt.get(b.getInt32Ty(), value, true);
}

/** A constant `[n x i8]` holding exactly these bytes. */
export function constBytes(ctx: LContext, bytes: Uint8Array): LConstant {
  const i8 = llvm.Type.getInt8Ty(ctx);
  const arr = llvm.ArrayType.get(i8, bytes.length);
  return llvm.ConstantArray.get(arr, Array.from(bytes, (x) => llvm.ConstantInt.get(i8, x, false) as LConstant));
}

/** A private constant global holding `bytes`; returns an `i8*` to it. */
export function privateBytes(mod: LModule, ctx: LContext, b: LBuilder, name: string, bytes: Uint8Array): LConstant {
  const init = constBytes(ctx, bytes);
  const g = new llvm.GlobalVariable(mod, init.getType(), true, llvm.GlobalValue.LinkageTypes.PrivateLinkage, init, name);
  return b.CreateBitCast(g, b.getInt8PtrTy()) as LConstant;
}

/** True when the module is well formed (the addon returns true when it is broken). */
export function moduleIsValid(mod: LModule): boolean {
  return !llvm.verifyModule(mod);
}

export function printModule(mod: LModule): string {
  return mod.print();
}

export function writeBitcode(mod: LModule, file: string): void {
  llvm.WriteBitcodeToFile(mod, file);
}

export function hostTriple(): string {
  return llvm.config.LLVM_DEFAULT_TARGET_TRIPLE;
}

export function llvmVersion(): string {
  return llvm.config.LLVM_VERSION_STRING;
}

export const linkage = {
  internal: llvm.GlobalValue.LinkageTypes.InternalLinkage,
  external: llvm.GlobalValue.LinkageTypes.ExternalLinkage,
  private: llvm.GlobalValue.LinkageTypes.PrivateLinkage,
} as const;

/** LLVM 14's data layout of x86-64 ELF targets (what `llc` uses for them). */
const X86_64_ELF_LAYOUT = 'e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128';

/**
 * Set the module's triple to the host's, and its data layout when it is
 * known (x86-64 ELF); elsewhere `llc` supplies the layout.
 */
export function configureForHost(mod: LModule): void {
  const triple = hostTriple();
  mod.setTargetTriple(triple);
  if (/^x86_64-.*-linux/.test(triple)) mod.setDataLayout(X86_64_ELF_LAYOUT);
}
