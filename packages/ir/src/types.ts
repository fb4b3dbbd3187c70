// types.ts — every shared IR shape. The single contract between phases:
// the frontend produces these, passes rewrite them, backends consume them.
// Neighbours: opTable.ts (the ops), builder.ts (construction),
// verifier.ts, printer.ts / reader.ts (text), binary.ts (msgpack).

import type { ValueTypeName } from './opTable.js';

export type { ValueTypeName } from './opTable.js';

/** Version of the IR data model; bumped on any incompatible change. */
export const IR_VERSION = 1;

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Dense index of a value within its function. */
export type ValueId = Brand<number, 'Value'>;
/** Dense index of a block within its function. */
export type BlockId = Brand<number, 'Block'>;
/** Dense index of an instruction within its function. */
export type InstId = Brand<number, 'Inst'>;
/** Dense index of a function within its module. */
export type FuncId = Brand<number, 'Func'>;

export type ValueType = ValueTypeName;

export interface SourceLoc {
  readonly line: number;
  readonly col: number;
  /**
   * Set on an instruction the `inline` pass copied from function `func` of
   * the same module: `line:col` are in `func`'s source, and `call` is where
   * the enclosing function called it. An exception raised here gets a
   * traceback entry for `func` at `line` before the enclosing function's
   * own entry at `call.line` (specs/ir.md §5).
   */
  readonly inlined?: InlinedAt;
}

/** The call site an inlined instruction came through (see `SourceLoc.inlined`). */
export interface InlinedAt {
  readonly func: FuncId;
  readonly line: number;
  readonly col: number;
}

/** An immediate operand. Its kind is fixed by the op table. */
export type Imm = boolean | number | bigint | string | Uint8Array;

/** A branch target with its block arguments. */
export interface BlockCall {
  block: BlockId;
  args: ValueId[];
}

export interface Inst {
  /** Op name from the op table (e.g. `add`, `const.str`, `brif`). */
  op: string;
  args: ValueId[];
  /** Immediates in the order of the op's `imms`. `func` immediates are FuncIds. */
  imms: Imm[];
  result: ValueId | undefined;
  /** Successors, for terminators only. */
  targets: BlockCall[];
  loc: SourceLoc | undefined;
}

export interface Block {
  params: ValueId[];
  /** Instruction order of this block; the last one is its terminator. */
  insts: InstId[];
  /**
   * Where an exception raised by any may-raise instruction of this block
   * goes. Absent: the exception propagates to the caller. The arguments
   * are read at the start of the block (they must not depend on values
   * defined inside it).
   */
  unwind: BlockCall | undefined;
}

export type ValueDef =
  | { readonly kind: 'param'; readonly block: BlockId; readonly index: number }
  | { readonly kind: 'inst'; readonly inst: InstId };

export interface Value {
  type: ValueType;
  def: ValueDef;
}

export type ParamKind = 'posonly' | 'normal' | 'varargs' | 'kwonly' | 'varkw';

export interface PyParam {
  readonly name: string;
  readonly kind: ParamKind;
}

/** Python-level facts about a function, carried to the runtime's code object. */
export interface PyCodeInfo {
  name: string;
  qualname: string;
  filename: string;
  firstLine: number;
  /** Parameters in binding order (see specs/runtime-abi.md §5). */
  params: PyParam[];
  flags: PyCodeFlags;
}

export interface PyCodeFlags {
  generator?: boolean;
  coroutine?: boolean;
  asyncgen?: boolean;
  /** The body of a module. */
  module?: boolean;
  /** A generator resume function: params are (gen, sent). */
  resume?: boolean;
}

export interface Function {
  id: FuncId;
  /** Unique within the module; used in text and symbols. */
  name: string;
  /** Types of the entry block's parameters (the first is always `self`). */
  params: ValueType[];
  result: ValueType;
  values: Value[];
  insts: Inst[];
  blocks: Block[];
  /** Block order; the first block is the entry. */
  layout: BlockId[];
  py: PyCodeInfo | undefined;
}

export interface Module {
  /** Python module name (`__main__`, `pkg.util`). */
  name: string;
  /** Source path as given to the compiler. */
  file: string;
  /** True for a package (`__init__.py`). */
  isPackage: boolean;
  functions: Function[];
  /** The function that runs the module body. */
  init: FuncId;
  /**
   * Instrumented builds only: the module's site table (`encodeSiteTable`,
   * set by the pass manager before the `instrument` pass), which the backend
   * embeds and registers with `molt_profile_register`. Not serialised.
   */
  siteTable?: Uint8Array;
}

/** A whole program: the main module and every user module it imports. */
export interface Program {
  modules: Module[];
  /** Name of the module run as `__main__`. */
  main: string;
}

export type Severity = 'error' | 'warning' | 'note';

export interface RelatedInfo {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A diagnostic is data; only the CLI formats it. Codes: see specs/diagnostics.md. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly length?: number;
  readonly hint?: string;
  readonly related?: readonly RelatedInfo[];
}

/** Thrown only for broken internal invariants (a bug in Molt, not user error). */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

export function assertNever(x: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(x)}`);
}
