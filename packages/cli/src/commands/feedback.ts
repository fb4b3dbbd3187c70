// feedback.ts — `molt feedback check FILE [--program PROG.py]`: validate a
// runtime feedback file (molt_runtime_feedback.json) against its schema and,
// with --program, against the program it claims to profile (site ids,
// staleness). `molt feedback merge OUT FILE...` sums several runs' files.
// Neighbours: @molt/runtime-feedback (the work), pipeline.ts.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OptionSpec, Parsed } from '../args.js';
import type { Io } from '../io.js';
import { reportDiagnostics } from '../main.js';
import { compile, Timings } from '../pipeline.js';
import { cliError, hasErrors } from '../report.js';
import { MOLT_VERSION } from '../toolchain.js';
import { one, usage } from './build.js';

export const FEEDBACK_OPTIONS: readonly OptionSpec[] = [
  { name: 'program', value: true, help: 'check site ids and staleness against this program (check only)' },
];

const loadFeedback = () => import('@molt/runtime-feedback');

/** The frontend's program plus its sources, as the feedback identity needs them. */
export async function feedbackInput(file: string, io: Io) {
  const c = await compile(file, new Timings());
  reportDiagnostics(io, c.diagnostics);
  if (c.program === undefined || hasErrors(c.diagnostics)) return undefined;
  const sources = new Map(c.program.modules.map((m) => [m.name, readFileSync(m.file, 'utf8')]));
  return { program: c.program, sources, compilerVersion: MOLT_VERSION };
}

export async function feedbackCommand(p: Parsed, io: Io): Promise<number> {
  const [sub, ...files] = p.positionals;
  const fb = await loadFeedback();
  if (sub === 'check') {
    if (files.length !== 1) return usage(io, "'molt feedback check' takes one file", 'usage: molt feedback check FILE [--program PROG.py]');
    const program = one(p, 'program');
    const against = program === undefined ? undefined : await feedbackInput(resolve(io.cwd, program), io);
    if (program !== undefined && against === undefined) return 1;
    const r = fb.checkFeedbackFile(resolve(io.cwd, files[0]!), against);
    reportDiagnostics(io, r.diagnostics);
    if (r.summary !== undefined) io.stderr(r.summary.endsWith('\n') ? r.summary : r.summary + '\n');
    io.stderr(r.ok ? 'molt feedback: the file is valid\n' : 'molt feedback: the file is not valid\n');
    return r.ok ? 0 : 1;
  }
  if (sub === 'merge') {
    const [out, ...inputs] = files;
    if (out === undefined || inputs.length === 0) return usage(io, "'molt feedback merge' needs an output and at least one input", 'usage: molt feedback merge OUT.json IN.json...');
    const r = fb.mergeFeedbackFiles(resolve(io.cwd, out), inputs.map((f) => resolve(io.cwd, f)));
    reportDiagnostics(io, r.diagnostics);
    return r.ok ? 0 : 1;
  }
  reportDiagnostics(io, [cliError('MOLT5001', sub === undefined ? "'molt feedback' needs a subcommand" : `unknown feedback subcommand '${sub}'`, 'subcommands: check, merge')]);
  return 2;
}
