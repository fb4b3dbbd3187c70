// io.ts — the CLI's view of the outside world. `main(argv, io)` only talks
// to an Io, so tests drive every command in memory. Neighbours: main.ts.

export interface Io {
  /** Program output only: Molt itself never writes here, except `molt ir` and `--help`. */
  stdout(text: string): void;
  /** Diagnostics, progress and timings. */
  stderr(text: string): void;
  /** Whether stderr is a terminal (colours, progress lines). */
  readonly isTty: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Run a child process with inherited stdio (or captured, when `capture` is
   * set) and resolve with its exit status.
   */
  spawn(cmd: string, args: readonly string[], opts: SpawnOptions): Promise<SpawnResult>;
  /**
   * All of this process's standard input when it is a pipe or a file
   * (`molt compare` gives the same input to both programs); empty for a
   * terminal, which is not read.
   */
  readStdin(): Buffer;
}

export interface SpawnOptions {
  readonly cwd?: string;
  readonly capture?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Standard input for the child (default: inherited). */
  readonly input?: Buffer;
}

export interface SpawnResult {
  /** Exit status; 128 + n for a signal n; -1 when the command could not start. */
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: string;
}

import { spawn as nodeSpawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

function signalNumber(sig: NodeJS.Signals | null): number {
  if (sig === null) return 1;
  return (constants.signals as Record<string, number>)[sig] ?? 1;
}

export function spawnProcess(cmd: string, args: readonly string[], opts: SpawnOptions): Promise<SpawnResult> {
  return new Promise((resolve) => {
    const child = nodeSpawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env === undefined ? process.env : { ...opts.env },
      stdio: [opts.input === undefined ? 'inherit' : 'pipe', opts.capture === true ? 'pipe' : 'inherit', opts.capture === true ? 'pipe' : 'inherit'],
    });
    if (opts.input !== undefined && child.stdin !== null) {
      // A child that exits without reading all of it closes the pipe early.
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input);
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => resolve({ status: -1, stdout: '', stderr: '', error: e.message }));
    child.on('close', (code, sig) => {
      resolve({
        status: code ?? 128 + signalNumber(sig),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** The real process as an Io. */
export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTty: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
    spawn: spawnProcess,
    readStdin: () => {
      if (process.stdin.isTTY === true) return Buffer.alloc(0);
      try {
        return readFileSync(0);
      } catch {
        return Buffer.alloc(0); // closed or unreadable: no input
      }
    },
  };
}
