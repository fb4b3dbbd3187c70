// run.ts — `molt run`: compile with the build cache and run the program,
// passing its stdio and exit status through unchanged. Also runs a built
// `.wasm` directly. Neighbours: cache.ts, pipeline.ts, build.ts.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Profile } from '@molt/ir';
import type { OptionSpec, Parsed } from '../args.js';
import { BuildCache, cacheMaxBytes, cacheRoot, fileSha256, sha256 } from '../cache.js';
import type { Io, SpawnResult } from '../io.js';
import { reportDiagnostics } from '../main.js';
import { buildArtifact, checkInputFile, compile, optimize, setupFeedback, Timings, terminalProgress } from '../pipeline.js';
import { hasErrors } from '../report.js';
import { compilerId, loadWasm, moltRoot, type Target } from '../toolchain.js';
import { FEEDBACK_OPTION, INSTRUMENT_OPTION, one, PROFILE_OPTION, singleFile, TARGET_OPTION } from './build.js';

export const RUN_OPTIONS: readonly OptionSpec[] = [
  TARGET_OPTION,
  { ...PROFILE_OPTION, help: PROFILE_OPTION.help + ' (default: dev)' },
  FEEDBACK_OPTION,
  INSTRUMENT_OPTION,
  { name: 'timings', help: 'print the time of each phase to stderr' },
];

export interface Prepared {
  readonly artifact: string;
  readonly target: Target;
}

/** How a program is built besides target and profile (`--feedback`, `--instrument`). */
export interface PrepareOptions {
  /** Absolute path of a runtime profile to specialise with. */
  readonly feedback?: string;
  readonly instrument?: boolean;
}

/** Build (or find in the cache) the artifact for a program; a number is an exit status. */
export async function prepare(file: string, target: Target, profile: Profile, io: Io, timings: Timings, opts: PrepareOptions = {}): Promise<Prepared | number> {
  if (file.endsWith('.wasm')) {
    const bad = checkInputFile(file);
    if (bad !== undefined) {
      reportDiagnostics(io, [bad]);
      return 1;
    }
    return { artifact: file, target: 'wasm' };
  }
  const cache = new BuildCache(cacheRoot(io.env), cacheMaxBytes(io.env));
  // Instrumentation and the profile's content are part of what is built.
  const feedbackHash = opts.feedback === undefined ? undefined : fileSha256(opts.feedback) ?? 'missing';
  const key = sha256(JSON.stringify([compilerId(), target, profile, file, opts.instrument === true, feedbackHash ?? null]));
  const hit = await timings.time('cache lookup', () => cache.lookup(key));
  if (hit !== undefined) return { artifact: hit, target };
  const c = await compile(file, timings);
  reportDiagnostics(io, c.diagnostics);
  if (c.program === undefined || hasErrors(c.diagnostics)) return 1;
  const fb = await setupFeedback(c.program, opts.feedback, opts.instrument === true);
  reportDiagnostics(io, fb.diagnostics);
  if (hasErrors(fb.diagnostics)) return 1;
  const opt = await optimize(c.program, profile, timings, fb);
  reportDiagnostics(io, opt);
  if (hasErrors(opt)) return 1;
  const dir = mkdtempSync(join(tmpdir(), 'molt-run-'));
  try {
    const name = target === 'wasm' ? 'program.wasm' : 'program';
    const out = join(dir, name);
    const r = await buildArtifact(c.program, { target, profile, outFile: out, ...(fb.feedbackIdentity === undefined ? {} : { feedbackIdentity: fb.feedbackIdentity }) }, timings);
    reportDiagnostics(io, r.diagnostics);
    if (!r.ok) return 1;
    return { artifact: cache.store(key, out, name, c.sources), target };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run a prepared artifact with the program's arguments. */
export async function execute(prep: Prepared, argv0: string, args: readonly string[], io: Io, capture: boolean, input?: Buffer): Promise<SpawnResult> {
  const stdin = input === undefined ? {} : { input };
  if (prep.target === 'native') return io.spawn(prep.artifact, args, { cwd: io.cwd, capture, ...stdin });
  if (capture) {
    // A child process keeps the program's stdio separate from ours.
    return io.spawn(process.execPath, [join(moltRoot(), 'packages', 'cli', 'bin', 'molt.js'), 'run', prep.artifact, '--', ...args], { cwd: io.cwd, capture: true, ...stdin });
  }
  const wasm = await loadWasm();
  try {
    const r = await wasm.runWasi(prep.artifact, { args: [argv0, ...args], cwd: io.cwd, env: Object.fromEntries(Object.entries(io.env).filter((e): e is [string, string] => e[1] !== undefined)) });
    return { status: r.exitCode, stdout: '', stderr: '' };
  } catch (e) {
    // A module that does not compile or instantiate (corrupt, or built for another runtime ABI).
    return { status: -1, stdout: '', stderr: '', error: `not a runnable Molt WASI module: ${(e as Error).message.split('\n')[0]}` };
  }
}

export async function runCommand(p: Parsed, io: Io): Promise<number> {
  const file = singleFile(p, io, 'run');
  if (typeof file === 'number') return file;
  const target = (one(p, 'target') ?? (file.endsWith('.wasm') ? 'wasm' : 'native')) as Target;
  const profile = (one(p, 'profile') ?? 'dev') as Profile;
  const timings = new Timings(terminalProgress(io));
  const feedback = one(p, 'feedback');
  const prep = await prepare(file, target, profile, io, timings, { ...(feedback === undefined ? {} : { feedback: resolve(io.cwd, feedback) }), instrument: p.options.has('instrument') });
  if (typeof prep === 'number') return prep;
  if (p.options.has('timings')) io.stderr(`molt run timings:\n${timings.format()}`);
  const r = await execute(prep, file, p.rest, io, false);
  // With inherited stdio these are empty; an in-memory Io captures them.
  if (r.stdout !== '') io.stdout(r.stdout);
  if (r.stderr !== '') io.stderr(r.stderr);
  if (r.status === -1) {
    io.stderr(`molt: could not start '${prep.artifact}': ${r.error ?? 'unknown error'}\n`);
    return 1;
  }
  return r.status;
}
