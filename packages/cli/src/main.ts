// main.ts — the `molt` command as a library: `main(argv, io)` returns the
// exit status. Commands: build, run, compare, ir, doctor. Exit statuses:
// 0 success; 1 compile error (as CPython for a SyntaxError) or failed build;
// 2 usage error; `run` passes the program's own status through.
// Neighbours: args.ts (parsing), pipeline.ts (compile/build), cache.ts,
// report.ts (diagnostic formatting), commands/*.ts.

import type { Diagnostic } from '@molt/ir';
import { optionHelp, parseArgs, type OptionSpec, type Parsed } from './args.js';
import { buildCommand, BUILD_OPTIONS } from './commands/build.js';
import { compareCommand, COMPARE_OPTIONS } from './commands/compare.js';
import { doctorCommand, DOCTOR_OPTIONS } from './commands/doctor.js';
import { feedbackCommand, FEEDBACK_OPTIONS } from './commands/feedback.js';
import { irCommand, IR_OPTIONS } from './commands/ir.js';
import { runCommand, RUN_OPTIONS } from './commands/run.js';
import type { Io } from './io.js';
import { cliError, formatDiagnostics } from './report.js';
import { MOLT_VERSION } from './toolchain.js';

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** Arguments after this many positionals belong to the program (run, compare). */
  readonly argsAfter?: number;
  run(parsed: Parsed, io: Io): Promise<number>;
}

const HELP: OptionSpec = { name: 'help', short: 'h', help: 'show this help' };

const COMMANDS: readonly Command[] = [
  { name: 'build', usage: 'molt build FILE.py [-o OUT] [--target native|wasm] [--profile dev|release] [--emit ir|llvm|wat] [--instrument] [--feedback PROFILE.json] [--timings]', summary: 'compile a program to a native executable or a WASI module', options: BUILD_OPTIONS, run: buildCommand },
  { name: 'run', usage: 'molt run FILE.py|FILE.wasm [--target native|wasm] [--profile dev|release] [--instrument] [--feedback PROFILE.json] [--] [ARGS...]', summary: 'compile (cached) and run a program; arguments after the file are the program\'s', options: RUN_OPTIONS, argsAfter: 1, run: runCommand },
  { name: 'compare', usage: 'molt compare FILE.py [--target native|wasm] [--python EXE] [ARGS...]', summary: 'run a program compiled by Molt and under CPython 3.12, and diff the results', options: COMPARE_OPTIONS, argsAfter: 1, run: compareCommand },
  { name: 'ir', usage: 'molt ir FILE.py [--after PASS] [--profile dev|release] [--format text|json]', summary: "print a program's IR after the frontend or after a pass", options: IR_OPTIONS, run: irCommand },
  { name: 'feedback', usage: 'molt feedback check FILE [--program PROG.py] | molt feedback merge OUT FILE...', summary: 'validate or merge runtime feedback files (molt_runtime_feedback.json)', options: FEEDBACK_OPTIONS, run: feedbackCommand },
  { name: 'doctor', usage: 'molt doctor', summary: 'check every tool Molt needs and say how to fix what is missing', options: DOCTOR_OPTIONS, run: doctorCommand },
];

function topHelp(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `molt ${MOLT_VERSION} — an ahead-of-time compiler for Python 3.12`,
    '',
    'Usage: molt <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also `molt <command> --help`)',
    '  -V, --version  print the version',
    '',
    'Exit status: 0 success; 1 compile error or failed build; 2 usage error;',
    '`molt run` exits with the program\'s own status.',
    '',
  ].join('\n');
}

export function commandHelp(c: Command): string {
  return `${c.summary}\n\nUsage: ${c.usage}\n\nOptions:\n${optionHelp([...c.options, HELP])}\n`;
}

export function reportDiagnostics(io: Io, ds: readonly Diagnostic[]): void {
  if (ds.length > 0) io.stderr(formatDiagnostics(ds, { color: io.isTty && io.env.NO_COLOR === undefined }));
}

function usageError(io: Io, message: string, hint: string): number {
  reportDiagnostics(io, [cliError('MOLT5001', message, hint)]);
  return 2;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(topHelp());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`molt ${MOLT_VERSION}\n`);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === first);
  if (cmd === undefined) {
    if (first.endsWith('.py')) return usageError(io, `unknown command '${first}'`, `to compile and run it: molt run ${first}`);
    return usageError(io, `unknown command '${first}'`, `commands: ${COMMANDS.map((c) => c.name).join(', ')}; see 'molt --help'`);
  }
  const pr = parseArgs(rest, [...cmd.options, HELP], cmd.argsAfter);
  if (!pr.ok) return usageError(io, pr.message, `see 'molt ${cmd.name} --help'`);
  if (pr.parsed.options.has('help')) {
    io.stdout(commandHelp(cmd));
    return 0;
  }
  try {
    return await cmd.run(pr.parsed, io);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`molt: internal error: ${err.message}\nThis is a bug in Molt; please report it with the program that triggered it.\n${err.stack ?? ''}\n`);
    return 70;
  }
}
