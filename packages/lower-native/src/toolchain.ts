// toolchain.ts — the external tools of the native backend (LLVM 14's `opt`
// and `llc`, the C compiler driver `cc`) and the runtime static library:
// where they are, whether they are present (for `molt doctor`), and running
// them. Neighbours: backend.ts drives the pipeline; diagnostics.ts turns
// failures into MOLT4xxx diagnostics.

import { execFile } from 'node:child_process';
import { accessSync, constants as fsConstants, existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ToolName = 'llc' | 'opt' | 'cc' | 'runtime';

export interface MissingTool {
  readonly tool: ToolName;
  readonly hint: string;
}

export interface ToolchainReport {
  readonly ok: boolean;
  readonly missing: readonly MissingTool[];
}

const CANDIDATES: Record<Exclude<ToolName, 'runtime'>, { env: string; names: string[]; hint: string }> = {
  llc: { env: 'MOLT_LLC', names: ['llc-14', 'llc'], hint: "install LLVM 14 ('apt-get install llvm-14') or set MOLT_LLC" },
  opt: { env: 'MOLT_OPT', names: ['opt-14', 'opt'], hint: "install LLVM 14 ('apt-get install llvm-14') or set MOLT_OPT" },
  cc: { env: 'MOLT_CC', names: ['cc', 'gcc', 'clang'], hint: "install a C compiler driver ('apt-get install gcc') or set MOLT_CC" },
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of a tool: its environment override, else the first candidate on PATH. */
export function findTool(tool: Exclude<ToolName, 'runtime'>): string | undefined {
  const c = CANDIDATES[tool];
  const override = process.env[c.env];
  if (override !== undefined && override !== '') return isExecutable(override) ? override : undefined;
  return onPath(c.names);
}

function onPath(names: readonly string[]): string | undefined {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of names) for (const dir of dirs) {
    const p = join(dir, name);
    if (isExecutable(p)) return p;
  }
  return undefined;
}

/**
 * LLVM 14's `llvm-split` (optional: without it a module is compiled whole),
 * which Debian installs beside `llc` in the LLVM directory but not on PATH:
 * `MOLT_LLVM_SPLIT` when set (`none` turns splitting off), else on PATH,
 * else next to the real path of `llc`.
 */
export function findLlvmSplit(llc: string): string | undefined {
  const override = process.env['MOLT_LLVM_SPLIT'];
  if (override === 'none') return undefined;
  if (override !== undefined && override !== '') return isExecutable(override) ? override : undefined;
  const found = onPath(['llvm-split-14', 'llvm-split']);
  if (found !== undefined) return found;
  try {
    const beside = join(dirname(realpathSync(llc)), 'llvm-split');
    return isExecutable(beside) ? beside : undefined;
  } catch {
    return undefined;
  }
}

/** The monorepo root (the directory holding runtime-native/), found from this file's location. */
export function repoRoot(): string | undefined {
  const starts: string[] = [];
  try {
    starts.push(dirname(fileURLToPath(import.meta.url)));
  } catch {
    // not loaded as an ES module (e.g. a CommonJS test transform)
  }
  starts.push(process.cwd());
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'runtime-native', 'Cargo.toml'))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

/**
 * Where the runtime static library is expected: `MOLT_RUNTIME_LIB` when set,
 * else `runtime-native/target/release/libmolt_runtime.a` in the repository.
 * The file may not exist (see `findNativeToolchain`).
 */
export function runtimeLibPath(): string {
  const env = process.env['MOLT_RUNTIME_LIB'];
  if (env !== undefined && env !== '') return resolve(env);
  const root = repoRoot() ?? process.cwd();
  return join(root, 'runtime-native', 'target', 'release', 'libmolt_runtime.a');
}

const RUNTIME_HINT = "build it with 'cargo build --release' in runtime-native/, or set MOLT_RUNTIME_LIB to its path";

/** What the native backend needs and what is missing, with a hint for each. */
export function findNativeToolchain(): ToolchainReport {
  const missing: MissingTool[] = [];
  for (const tool of ['llc', 'opt', 'cc'] as const) if (findTool(tool) === undefined) missing.push({ tool, hint: CANDIDATES[tool].hint });
  if (!existsSync(runtimeLibPath())) missing.push({ tool: 'runtime', hint: `the runtime library '${runtimeLibPath()}' is missing: ${RUNTIME_HINT}` });
  return { ok: missing.length === 0, missing };
}

export function hintFor(tool: ToolName): string {
  return tool === 'runtime' ? RUNTIME_HINT : CANDIDATES[tool].hint;
}

export interface RunResult {
  readonly ok: boolean;
  readonly stderr: string;
}

/** Run a tool to completion; never throws. */
export function runTool(path: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((done) => {
    execFile(path, [...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (err, _stdout, stderr) => {
      done({ ok: err === null, stderr: String(stderr || (err?.message ?? '')) });
    });
  });
}
