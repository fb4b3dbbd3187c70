// index.ts — the public API of @molt/runtime-feedback: the feedback file's
// schema, validation (MOLT6xxx), reading into the `RuntimeProfile` of
// @molt/ir, merging, writing, and the CLI-level check/merge operations.
export {
  FEEDBACK_SCHEMA_VERSION, FEEDBACK_KIND, FEEDBACK_FILE_NAME, FEEDBACK_ENV, FEEDBACK_FILE_ENV, RUNTIME_FEEDBACK_SCHEMA,
  type FeedbackJson, type SiteJson, type WhereJson,
} from './schema.js';
export { validateFeedbackText, validateFeedbackJson, type SiteInfo, type ValidateOptions, type ValidateResult } from './validate.js';
export { programIdentity, identityDifferences, staleProfileDiagnostics } from './identity.js';
export { readFeedback, readFeedbackFile, profileFromJson, loadFeedbackForBuild, type ReadResult, type BuildFeedbackInput } from './read.js';
export { toFeedbackJson, feedbackIdentityJson, serializeFeedback, writeFileAtomic, writeFeedbackFile } from './write.js';
export { mergeProfiles, mergeRecords, type MergeResult } from './merge.js';
export { checkFeedbackFile, mergeFeedbackFiles, summarizeProfile, profileStats, type CheckResult } from './check.js';
export { wrongProfile } from './wrong.js';
