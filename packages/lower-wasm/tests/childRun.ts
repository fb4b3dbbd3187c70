// childRun.ts — runs a built .wasm under node:wasi in a child process (the
// package's runWasi from dist), capturing stdout, stderr and the exit code.
// Tests use a child because instantiating many large wasm memories inside
// jest's VM sandbox can crash the test process itself.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const script = `
const { runWasi } = await import(${JSON.stringify(join(repo, 'packages', 'lower-wasm', 'dist', 'index.js'))});
const r = await runWasi(process.argv[1], { args: process.argv.slice(2) });
process.exitCode = r.exitCode;
`;

export function runWasmInChild(file: string, args: readonly string[] = ['main']): { exitCode: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script, file, ...args], { encoding: 'utf8' });
  return { exitCode: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}
