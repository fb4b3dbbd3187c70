// index.ts — the public API of @molt/ir. Other packages import only from here.
export * from './types.js';
export { OPS, type OpSpec, type Effect, type ImmKind, type ImmSpec, type ValueTypeName } from './opTable.js';
export { ModuleBuilder, FunctionBuilder, opSpec, requireOp, isTerminator, mayRaise, type Variable, type InsOptions, type ModuleBuilderOptions } from './builder.js';
export { encodeCodeInfo } from './codeinfo.js';
export type { Backend, BackendOptions, BackendResult, Profile } from './backend.js';
