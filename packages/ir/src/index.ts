// index.ts — the public API of @molt/ir. Other packages import only from here.
export * from './types.js';
export { OPS, type OpSpec, type Effect, type ImmKind, type ImmSpec, type ValueTypeName } from './opTable.js';
export { RUNTIME_ABI, type RuntimeAbi } from './runtimeAbi.js';
export { ModuleBuilder, FunctionBuilder, opSpec, requireOp, isTerminator, mayRaise, type Variable, type InsOptions, type ModuleBuilderOptions } from './builder.js';
export { encodeCodeInfo } from './codeinfo.js';
export type { Backend, BackendOptions, BackendResult, Profile } from './backend.js';
export { printProgram, printModule, printFunction, printFunctionLines, printInst, printImm, printFloat, printBytes, printBlockCall, valueName, type PrintedLine } from './printer.js';
export { parseModule, parseProgram, type ParseResult } from './reader.js';
export { verifyFunction, verifyModule, verifyProgram, printWithErrors, type VerifyError, type VerifyOptions } from './verifier.js';
export { buildCfg, dominates, edgeCall, outEdges, type Cfg, type Edge } from './cfg.js';
export { writeBinary, readBinary, toJson, fromJson, serializeProgram, deserializeProgram, opTableHash, BINARY_MAGIC, BINARY_FORMAT_VERSION, type ReadResult } from './binary.js';
export { IR_PROGRAM_SCHEMA } from './schema.generated.js';
export type { OpName } from './ops.generated.js';
export { OP_NAMES, OPCODES } from './ops.generated.js';
import * as ops from './ops.generated.js';
/** Typed builder helpers, one per op: `ops.add(b, x, y)`, `ops.constInt(b, 5n)`, `ops.brif(b, c, t, e)`. */
export { ops };
export {
  PassManager, PASSES, pipelineFor, constFoldPass, foldInst, copyPropPass, dcePass, unreachablePass, isRemovable, inlinePass, inlineBlocker, INLINE_MAX_INSTS,
  simplifyCfgPass, typeInferPass, threadUnboxPass, inferLikelyTypes, canSpeculateBinary, speculateBinary, compactFunction, replaceAllUses, splitBlockAfter,
  instrumentPass, instrumentFunction, instrumentationOf, typedOperands, type Instrumentation,
  profileGuidedPass, coldBlocks, PGO_MIN_EXECUTIONS, PGO_DOMINANT_SHARE, directCallPass, directCallable, moduleFunctionNames, rangeLoopPass, refcountPass, specializePass, unboxBlockParams, SPECIALIZE_MAX_INSTS,
  type Pass, type PassContext, type PassManagerOptions, type PassRunResult, type LikelyType,
} from './passes/index.js';
export {
  SITE_ID_SCHEME, SITE_KINDS, fnv1a64, sourceHash, siteKindsOf, loopHeaders, functionSites, moduleSites, programSites, encodeSiteTable, siteTableBases, siteRecord, dominantKey,
  type SiteId, type SiteKind, type CountMap, type SiteRecord, type SiteRecordOf, type SiteProfile, type ProfileModule, type ProfileIdentity, type RuntimeProfile, type Site,
} from './profile.js';
export { opSampleProgram, opSampleFunctionName } from './samples.js';
