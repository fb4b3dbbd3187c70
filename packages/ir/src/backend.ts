// backend.ts — what a backend receives and returns. Implemented by
// @molt/lower-native and @molt/lower-wasm, and by anyone writing their own
// backend against @molt/ir. No backend-library type appears here.

import type { Diagnostic, Program } from './types.js';

export type Profile = 'dev' | 'release';

export interface BackendOptions {
  /** `dev`: fast compile, debuggable; `release`: optimised, stripped. */
  readonly profile: Profile;
  /** Where to write the artifact (executable or `.wasm`). */
  readonly outFile: string;
  /** A scratch directory the backend may use for intermediate files. */
  readonly workDir: string;
  /** Also return the backend's textual IR (`.ll`, `.wat`) in `text`. */
  readonly emitText?: boolean;
  /**
   * Instrumented programs (modules with a `siteTable`): the identity JSON
   * `{"program": …, "compiler": …}` the runtime copies into the feedback
   * file (specs/runtime-feedback.md §7). Required when a module has a site table.
   */
  readonly feedbackIdentity?: string;
}

export interface BackendResult {
  /** True when `outFile` was written. */
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** The textual form requested by `emitText`. */
  readonly text?: string;
  /** Milliseconds per phase, for `--timings`. */
  readonly timings?: Readonly<Record<string, number>>;
}

export interface Backend {
  /** Short name: `native`, `wasm`, or your own. */
  readonly name: string;
  build(program: Program, options: BackendOptions): Promise<BackendResult>;
}
