// passes/index.ts — the passes of @molt/ir and their manager (re-exported by src/index.ts).
export { PassManager, PASSES, pipelineFor, type Pass, type PassContext, type PassManagerOptions, type PassRunResult } from './manager.js';
export { constFoldPass, foldInst } from './constFold.js';
export { copyPropPass } from './copyProp.js';
export { directCallPass, directCallable, moduleFunctionNames } from './directCall.js';
export { dcePass, unreachablePass, isRemovable } from './dce.js';
export { inlinePass, inlineBlocker, INLINE_MAX_INSTS } from './inline.js';
export { rangeLoopPass } from './rangeLoop.js';
export { specializePass, unboxBlockParams, SPECIALIZE_MAX_INSTS } from './specialize.js';
export { refcountPass } from './refcount.js';
export { simplifyCfgPass } from './simplifyCfg.js';
export { typeInferPass, inferLikelyTypes, canSpeculateBinary, speculateBinary, type LikelyType } from './typeInfer.js';
export { threadUnboxPass } from './threadUnbox.js';
export { instrumentPass, instrumentFunction, instrumentationOf, typedOperands, type Instrumentation } from './instrument.js';
export { profileGuidedPass, coldBlocks, PGO_MIN_EXECUTIONS, PGO_DOMINANT_SHARE } from './profileGuided.js';
export { compactFunction, replaceAllUses, splitBlockAfter } from './util.js';
