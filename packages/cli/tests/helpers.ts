// helpers.ts — an in-memory Io for driving `main(argv, io)` in tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnProcess, type Io } from '../src/index.js';

export interface MemoryIo extends Io {
  readonly out: string[];
  readonly err: string[];
  stdoutText(): string;
  stderrText(): string;
}

export function memoryIo(cwd: string, env: Record<string, string | undefined> = {}, stdin = ''): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    isTty: false,
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    spawn: (cmd, args, opts) => spawnProcess(cmd, args, { ...opts, capture: true }),
    readStdin: () => Buffer.from(stdin),
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
  };
}

/** A scratch directory with the given files. */
export function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'molt-cli-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
