// toolchain.ts — the external pieces of the wasm build: the runtime wasm
// module (runtime-wasm/, or MOLT_RUNTIME_WASM), and binaryen's `wasm-merge`
// and `wasm-opt` (the node builds shipped in the `binaryen` package, run
// with this node); the runtime as a build uses it (prepared, and optimised
// once for release builds), cached by content hash. Missing pieces become
// MOLT41xx diagnostics with a hint. Does not load binaryen itself except on
// a cache miss. Neighbours: backend.ts (the build pipeline), binaryen.ts.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '@molt/ir';
import { FEATURE_FLAGS, PROGRAM_MODULE, RUNTIME_MODULE } from './abi.js';
import { WasmDiag, error } from './diagnostics.js';

export interface WasmToolchain {
  /** Path of binaryen's wasm-merge (a node script), or undefined. */
  readonly wasmMerge: string | undefined;
  /** Path of binaryen's wasm-opt (a node script), or undefined. */
  readonly wasmOpt: string | undefined;
  /** Path of the runtime wasm module, or undefined. */
  readonly runtimeWasm: string | undefined;
  /** One diagnostic per missing piece (empty when everything is there). */
  readonly diagnostics: readonly Diagnostic[];
}

const RUNTIME_BUILD_HINT = "Build it with 'RUSTC=/usr/bin/rustc cargo build --release --target wasm32-wasi' in runtime-wasm/, or set MOLT_RUNTIME_WASM to a runtime .wasm file.";

function binaryenBinDir(): string | undefined {
  try {
    const req = createRequire(import.meta.url);
    return join(dirname(req.resolve('binaryen/package.json')), 'bin');
  } catch {
    return undefined;
  }
}

/** The monorepo root: the nearest ancestor of this package that has runtime-wasm/. */
function repoRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'runtime-wasm')) && existsSync(join(dir, 'packages'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function pickWasm(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.wasm') && statSync(join(dir, f)).isFile()).sort();
  return files.find((f) => f.startsWith('molt')) !== undefined ? join(dir, files.find((f) => f.startsWith('molt'))!) : files[0] !== undefined ? join(dir, files[0]) : undefined;
}

/**
 * The runtime wasm module: `MOLT_RUNTIME_WASM` when set, else the cargo
 * build under runtime-wasm/target/wasm32-wasi/{release,debug}/. Undefined
 * when none exists.
 */
export function runtimeWasmPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env['MOLT_RUNTIME_WASM'];
  if (fromEnv !== undefined && fromEnv !== '') return existsSync(fromEnv) ? resolve(fromEnv) : undefined;
  const root = repoRoot();
  if (root === undefined) return undefined;
  for (const profile of ['release', 'debug']) {
    const found = pickWasm(join(root, 'runtime-wasm', 'target', 'wasm32-wasi', profile));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Locate wasm-merge, wasm-opt and the runtime wasm (for `molt doctor` and the backend). */
export function findWasmToolchain(env: NodeJS.ProcessEnv = process.env): WasmToolchain {
  const diagnostics: Diagnostic[] = [];
  const bin = binaryenBinDir();
  const tool = (name: string): string | undefined => {
    const p = bin === undefined ? undefined : join(bin, name);
    if (p !== undefined && existsSync(p)) return p;
    diagnostics.push(error(WasmDiag.toolMissing, `The binaryen tool '${name}' is not installed.`, "Run 'npm install' at the repository root (the 'binaryen' package ships it)."));
    return undefined;
  };
  const wasmMerge = tool('wasm-merge');
  const wasmOpt = tool('wasm-opt');
  const runtimeWasm = runtimeWasmPath(env);
  if (runtimeWasm === undefined) {
    const fromEnv = env['MOLT_RUNTIME_WASM'];
    const msg = fromEnv ? `The runtime wasm module '${fromEnv}' (MOLT_RUNTIME_WASM) does not exist.` : 'The Molt runtime wasm module is not built.';
    diagnostics.push(error(WasmDiag.runtimeMissing, msg, RUNTIME_BUILD_HINT));
  }
  return { wasmMerge, wasmOpt, runtimeWasm, diagnostics };
}

export interface ToolResult {
  readonly ok: boolean;
  readonly stderr: string;
}

/** Run a binaryen node tool with this node. */
export function runTool(script: string, args: readonly string[]): Promise<ToolResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (e) => done({ ok: false, stderr: String(e) }));
    child.on('close', (code) => done({ ok: code === 0, stderr }));
  });
}

/**
 * `wasm-merge runtime molt_runtime program molt_program -o out`. With
 * `validated`, both inputs are known to be valid (the program module was
 * validated in-process, the optimised runtime written by wasm-opt), so
 * wasm-merge skips validating them again (`-n`, about 15% of its time).
 */
export function mergeArgs(runtimeWasm: string, programWasm: string, out: string, validated = false): string[] {
  return [runtimeWasm, RUNTIME_MODULE, programWasm, PROGRAM_MODULE, '-o', out, ...FEATURE_FLAGS, ...(validated ? ['-n'] : [])];
}

/**
 * wasm-opt of the runtime on its own (release builds): optimise at `level`
 * and strip names, debug info and the producers section. Its `molt_*`
 * exports stay (a program still has to be merged with it).
 */
export function runtimeOptArgs(input: string, out: string, level: string): string[] {
  return [input, level, '--strip-debug', '--strip-producers', '-o', out, ...FEATURE_FLAGS];
}

/** Where derived runtimes are cached: one file per content hash, shared by every build on the machine. */
function cacheDir(): string {
  return join(tmpdir(), 'molt-runtime-wasm');
}

function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 24);
}

/** Write `bytes` to `out` atomically (a concurrent reader sees the whole file or none). */
function writeAtomically(out: string, bytes: Uint8Array): void {
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, out);
}

const prepared = new Map<string, string>();

/**
 * The runtime wasm with its `molt_*` exports unwrapped (binaryen.ts,
 * unwrapCommandExports), cached by content hash under the system temp
 * directory (written atomically, so concurrent builds share it safely).
 * Loads binaryen only on a cache miss. Throws when the file cannot be read
 * or written.
 */
export async function preparedRuntime(runtimeWasm: string): Promise<string> {
  const bytes = readFileSync(runtimeWasm);
  const hash = contentHash(bytes);
  const hit = prepared.get(hash);
  if (hit !== undefined && existsSync(hit)) return hit;
  const out = join(cacheDir(), `${hash}.wasm`);
  if (!existsSync(out)) {
    const { unwrapCommandExports } = await import('./binaryen.js');
    writeAtomically(out, unwrapCommandExports(bytes).bytes);
  }
  prepared.set(hash, out);
  return out;
}

/** How long a lock on a runtime being optimised is honoured, even when its holder still runs. */
const LOCK_STALE_MS = 5 * 60_000;

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** True when the lock's holder (the pid written in it) has exited or the lock is older than LOCK_STALE_MS. */
function lockIsStale(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number(readFileSync(lock, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false; // being written
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * The prepared runtime optimised by wasm-opt at `level` (runtimeOptArgs),
 * cached under the system temp directory by the prepared runtime's content
 * hash, the level and binaryen's version. The first release build after a
 * runtime change pays for it (about 20 s at -O3); every later one reuses
 * it. A build that finds another one optimising the same runtime waits for
 * its result instead of doing the work twice (the lock file holds the
 * optimiser's pid: a lock whose process has gone is taken over at once).
 */
export async function optimizedRuntime(preparedWasm: string, wasmOpt: string, level: string): Promise<ToolResult & { path: string }> {
  const hash = contentHash(readFileSync(preparedWasm));
  const out = join(cacheDir(), `${hash}${level}-binaryen${binaryenVersion()}.wasm`);
  const lock = `${out}.lock`;
  for (;;) {
    if (existsSync(out)) return { ok: true, stderr: '', path: out };
    let fd: number;
    try {
      mkdirSync(cacheDir(), { recursive: true });
      fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Another build holds the lock: wait for its result, or take over a stale lock.
      if (lockIsStale(lock)) rmSync(lock, { force: true });
      else await sleep(200);
      continue;
    }
    try {
      const tmp = `${out}.${process.pid}.tmp`;
      const r = await runTool(wasmOpt, runtimeOptArgs(preparedWasm, tmp, level));
      if (r.ok) renameSync(tmp, out);
      else rmSync(tmp, { force: true });
      return { ...r, path: out };
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

function binaryenVersion(): string {
  try {
    const req = createRequire(import.meta.url);
    return String((req('binaryen/package.json') as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}
