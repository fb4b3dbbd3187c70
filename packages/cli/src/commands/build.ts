// build.ts — `molt build`: compile a program to an executable or a WASI module.
// Neighbours: pipeline.ts, main.ts.

import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Profile } from '@molt/ir';
import type { OptionSpec, Parsed } from '../args.js';
import type { Io } from '../io.js';
import { reportDiagnostics } from '../main.js';
import { buildArtifact, compile, optimize, setupFeedback, Timings, terminalProgress } from '../pipeline.js';
import { cliError, hasErrors } from '../report.js';
import { loadIr, type Target } from '../toolchain.js';

export const TARGET_OPTION: OptionSpec = { name: 'target', value: true, choices: ['native', 'wasm'], help: 'native executable (default) or WASI module' };
export const PROFILE_OPTION: OptionSpec = { name: 'profile', value: true, choices: ['dev', 'release'], help: 'dev: fast compile; release: optimised and stripped' };

export const FEEDBACK_OPTION: OptionSpec = { name: 'feedback', value: true, help: 'specialise with a runtime profile (molt_runtime_feedback.json); a stale one is ignored with a warning' };
export const INSTRUMENT_OPTION: OptionSpec = { name: 'instrument', help: 'count types, call targets, branches, loops and allocations per site; with MOLT_RUNTIME_FEEDBACK=1 the program writes molt_runtime_feedback.json at exit' };

export const BUILD_OPTIONS: readonly OptionSpec[] = [
  { name: 'output', short: 'o', value: true, help: 'output path (default: FILE without .py, or FILE.wasm)' },
  TARGET_OPTION,
  { ...PROFILE_OPTION, help: PROFILE_OPTION.help + ' (default: release)' },
  { name: 'emit', value: true, repeat: true, choices: ['ir', 'llvm', 'wat'], help: 'also write OUT.moltir, OUT.ll or OUT.wat' },
  FEEDBACK_OPTION,
  INSTRUMENT_OPTION,
  { name: 'timings', help: 'print the time of each phase to stderr' },
];

export function one(p: Parsed, name: string): string | undefined {
  const v = p.options.get(name);
  return v === undefined ? undefined : v[v.length - 1];
}

export function singleFile(p: Parsed, io: Io, command: string): string | number {
  if (p.positionals.length !== 1) {
    reportDiagnostics(io, [cliError('MOLT5001', p.positionals.length === 0 ? `'molt ${command}' needs a Python file` : `'molt ${command}' takes one file, got ${p.positionals.length}`, `usage: molt ${command} FILE.py`)]);
    return 2;
  }
  return resolve(io.cwd, p.positionals[0]!);
}

/** A diagnostic when `out` cannot be written, else undefined. */
export function checkWritable(out: string): string | undefined {
  const dir = dirname(out);
  if (!existsSync(dir)) return `the output directory '${dir}' does not exist`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `the output directory '${dir}' is not writable`;
  }
  if (existsSync(out) && statSync(out).isDirectory()) return `the output path '${out}' is a directory`;
  return undefined;
}

export async function buildCommand(p: Parsed, io: Io): Promise<number> {
  const file = singleFile(p, io, 'build');
  if (typeof file === 'number') return file;
  const target = (one(p, 'target') ?? 'native') as Target;
  const profile = (one(p, 'profile') ?? 'release') as Profile;
  const emits = p.options.get('emit') ?? [];
  if (emits.includes('llvm') && target === 'wasm') return usage(io, "'--emit llvm' needs '--target native'", "use '--emit wat' for wasm");
  if (emits.includes('wat') && target === 'native') return usage(io, "'--emit wat' needs '--target wasm'", "use '--emit llvm' for native");
  const stem = basename(file).replace(/\.py$/, '');
  const out = resolve(io.cwd, one(p, 'output') ?? (target === 'wasm' ? `${stem}.wasm` : stem));
  const unwritable = checkWritable(out);
  if (unwritable !== undefined) {
    reportDiagnostics(io, [cliError('MOLT5004', unwritable, 'choose another path with -o')]);
    return 1;
  }
  const timings = new Timings(terminalProgress(io));
  const c = await compile(file, timings);
  reportDiagnostics(io, c.diagnostics);
  if (c.program === undefined || hasErrors(c.diagnostics)) return 1;
  const feedbackFile = one(p, 'feedback');
  const fb = await setupFeedback(c.program, feedbackFile === undefined ? undefined : resolve(io.cwd, feedbackFile), p.options.has('instrument'));
  reportDiagnostics(io, fb.diagnostics);
  if (hasErrors(fb.diagnostics)) return 1;
  const opt = await optimize(c.program, profile, timings, fb);
  reportDiagnostics(io, opt);
  if (hasErrors(opt)) return 1;
  if (emits.includes('ir')) {
    const ir = await loadIr();
    writeFileSync(`${out}.moltir`, ir.printProgram(c.program));
  }
  const r = await buildArtifact(c.program, { target, profile, outFile: out, emitText: emits.includes('llvm') || emits.includes('wat'), ...(fb.feedbackIdentity === undefined ? {} : { feedbackIdentity: fb.feedbackIdentity }) }, timings);
  reportDiagnostics(io, r.diagnostics);
  if (r.text !== undefined) writeFileSync(`${out}.${target === 'wasm' ? 'wat' : 'll'}`, r.text);
  if (p.options.has('timings')) io.stderr(`molt build timings:\n${timings.format()}`);
  if (!r.ok || !existsSync(out)) {
    if (r.ok) reportDiagnostics(io, [cliError('MOLT5005', `the backend reported success but '${out}' was not written`, 'this is a bug in Molt')]);
    return 1;
  }
  return 0;
}

export function usage(io: Io, message: string, hint: string): number {
  reportDiagnostics(io, [cliError('MOLT5001', message, hint)]);
  return 2;
}
