// pipeline.ts — source → IR → artifact, shared by `build`, `run`, `compare`
// and `ir`. Loads phases lazily; reports diagnostics as data.
// Neighbours: toolchain.ts (phase loading), cache.ts, main.ts.

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, Profile, Program, RuntimeProfile } from '@molt/ir';
import { cliError } from './report.js';
import { loadFrontend, loadIr, loadNative, loadWasm, MOLT_VERSION, type Target } from './toolchain.js';

export class Timings {
  readonly phases: [string, number][] = [];
  /** On a terminal: shows a progress line for a phase that takes longer than a second. */
  constructor(private readonly progress?: (line: string | undefined) => void) {}
  async time<T>(name: string, f: () => Promise<T> | T, record = true): Promise<T> {
    const t0 = performance.now();
    const timer = this.progress === undefined ? undefined : setTimeout(() => this.progress?.(`molt: ${name}…`), 1000);
    try {
      return await f();
    } finally {
      if (timer !== undefined) {
        clearTimeout(timer);
        this.progress?.(undefined);
      }
      if (record) this.phases.push([name, performance.now() - t0]);
    }
  }
  add(name: string, ms: number): void {
    this.phases.push([name, ms]);
  }
  format(): string {
    const w = Math.max(8, ...this.phases.map(([n]) => n.length));
    const total = this.phases.reduce((s, [, ms]) => s + ms, 0);
    return this.phases.map(([n, ms]) => `  ${n.padEnd(w)} ${ms.toFixed(1).padStart(9)} ms\n`).join('') + `  ${'total'.padEnd(w)} ${total.toFixed(1).padStart(9)} ms\n`;
  }
}

/** A progress writer for `Timings` when stderr is a terminal (else undefined). */
export function terminalProgress(io: { isTty: boolean; stderr(t: string): void }): ((line: string | undefined) => void) | undefined {
  if (!io.isTty) return undefined;
  let shown = false;
  return (line) => {
    if (line !== undefined) {
      io.stderr(`\r\x1b[K${line}`);
      shown = true;
    } else if (shown) {
      io.stderr('\r\x1b[K');
      shown = false;
    }
  };
}

export interface CompileOutcome {
  readonly program: Program | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Every source file the frontend read. */
  readonly sources: readonly string[];
}

/** Check that a path names a readable Python file (MOLT5002/5003). */
export function checkInputFile(path: string): Diagnostic | undefined {
  let st;
  try {
    st = statSync(path);
  } catch {
    return cliError('MOLT5002', `file '${path}' does not exist`, 'check the path; molt takes a Python file such as app.py');
  }
  if (st.isDirectory()) return cliError('MOLT5003', `'${path}' is a directory, not a Python file`, `pass the program's entry file, e.g. '${join(path, 'main.py')}'`);
  return undefined;
}

export async function compile(entry: string, timings: Timings): Promise<CompileOutcome> {
  const bad = checkInputFile(entry);
  if (bad !== undefined) return { program: undefined, diagnostics: [bad], sources: [] };
  const fe = await timings.time('load frontend', loadFrontend);
  const r = await timings.time('frontend', () => fe.compileProgram(entry));
  const sources = r.program === undefined ? [entry] : r.program.modules.map((m) => m.file);
  return { program: r.program, diagnostics: r.diagnostics, sources };
}

/**
 * Verify the frontend's IR and run the profile's pass pipeline in place.
 * A verification error here is a bug in Molt (the frontend or a pass), so it
 * is reported as an internal error with the IR around it.
 */
export async function optimize(program: Program, profile: Profile, timings: Timings, feedback: FeedbackSetup = {}): Promise<readonly Diagnostic[]> {
  const ir = await loadIr();
  const errors = await timings.time('verify', () => ir.verifyProgram(program));
  if (errors.length > 0) return errors.slice(0, 20).map(internalDiagnostic);
  const instrument = feedback.feedbackIdentity !== undefined;
  const r = await timings.time('passes', () => new ir.PassManager({ profile, runtimeProfile: feedback.runtimeProfile, instrument, verifyEach: process.env.MOLT_VERIFY_EACH === '1' }).runProgram(program));
  return r.diagnostics;
}

/** What `--feedback FILE` and `--instrument` give the pipeline. */
export interface FeedbackSetup {
  /** A fresh, validated profile (`--feedback`); absent when stale or not asked for. */
  readonly runtimeProfile?: RuntimeProfile;
  /** Instrumented builds (`--instrument`): the identity JSON the backend embeds. */
  readonly feedbackIdentity?: string;
}

/**
 * Read the profile of `--feedback FILE` (a stale one gives a MOLT6010 warning
 * and no profile) and, for `--instrument`, compute the program's identity
 * (specs/runtime-feedback.md §4, §7). Call on the frontend's IR.
 */
export async function setupFeedback(program: Program, feedbackFile: string | undefined, instrument: boolean): Promise<FeedbackSetup & { diagnostics: readonly Diagnostic[] }> {
  if (feedbackFile === undefined && !instrument) return { diagnostics: [] };
  const fb = await import('@molt/runtime-feedback');
  const sources = new Map(program.modules.map((m) => [m.name, readFileSync(m.file, 'utf8')]));
  let runtimeProfile: RuntimeProfile | undefined;
  let diagnostics: readonly Diagnostic[] = [];
  if (feedbackFile !== undefined) {
    const r = fb.loadFeedbackForBuild(feedbackFile, { program, sources, compilerVersion: MOLT_VERSION });
    diagnostics = r.diagnostics;
    runtimeProfile = r.profile;
  }
  const feedbackIdentity = instrument ? fb.feedbackIdentityJson(fb.programIdentity(program, sources, MOLT_VERSION)) : undefined;
  return { diagnostics, ...(runtimeProfile === undefined ? {} : { runtimeProfile }), ...(feedbackIdentity === undefined ? {} : { feedbackIdentity }) };
}

function internalDiagnostic(e: { message: string }): Diagnostic {
  return { code: 'MOLT3000', severity: 'error', message: `internal error: the IR is invalid: ${e.message}`, hint: 'this is a bug in Molt; please report it with the program' };
}

export interface ArtifactOptions {
  readonly target: Target;
  readonly profile: Profile;
  readonly outFile: string;
  readonly emitText?: boolean;
  /** Instrumented builds: the identity JSON (`FeedbackSetup.feedbackIdentity`). */
  readonly feedbackIdentity?: string;
}

export interface ArtifactOutcome {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly text?: string;
}

export async function buildArtifact(program: Program, opts: ArtifactOptions, timings: Timings): Promise<ArtifactOutcome> {
  const workDir = mkdtempSync(join(tmpdir(), 'molt-build-'));
  try {
    const backend = opts.target === 'native'
      ? (await timings.time('load backend', loadNative)).nativeBackend
      : (await timings.time('load backend', loadWasm)).wasmBackend;
    const t0 = performance.now();
    // The backend reports its own phases; `time` only shows progress here.
    const r = await timings.time(`${opts.target} backend (${opts.profile})`, () => backend.build(program, { profile: opts.profile, outFile: opts.outFile, workDir, emitText: opts.emitText === true, ...(opts.feedbackIdentity === undefined ? {} : { feedbackIdentity: opts.feedbackIdentity }) }), false);
    if (r.timings !== undefined) for (const [k, v] of Object.entries(r.timings)) timings.add(k, v);
    else timings.add('backend', performance.now() - t0);
    return { ok: r.ok, diagnostics: r.diagnostics, text: r.text };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
