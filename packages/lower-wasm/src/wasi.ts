// wasi.ts — a small loader for Molt's WASI preview1 command modules on
// node (`node:wasi`): run a module with args/env/preopens/stdio, or
// instantiate it for an embedder, or run it capturing its output.
// Neighbours: backend.ts (produces the modules); used by tests and the CLI.

import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';

// The compiler's lib (ES2023, no DOM) has no WebAssembly types: declare the few used here.
/** An instantiated wasm module (the JS API's `WebAssembly.Instance`). */
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmCompiled {
  readonly __compiled: unique symbol;
}
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<WasmCompiled>;
  instantiate(module: WasmCompiled, imports: Record<string, unknown>): Promise<WasmInstance>;
};

export interface WasiOptions {
  /** argv, including argv[0] (default: ['main']). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Guest path → host directory (default: none). `cwd` is a shortcut for { '.': cwd }. */
  readonly preopens?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** File descriptors for the guest's stdio (default: this process's 0, 1, 2). */
  readonly stdin?: number;
  readonly stdout?: number;
  readonly stderr?: number;
}

export interface WasiRun {
  readonly exitCode: number;
}

export interface MoltInstance {
  readonly instance: WasmInstance;
  /** Run `_start` and return the exit code (proc_exit is caught). */
  start(): number;
}

async function compile(wasm: Uint8Array | string): Promise<WasmCompiled> {
  const bytes = typeof wasm === 'string' ? readFileSync(wasm) : wasm;
  return WebAssembly.compile(bytes);
}

function makeWasi(options: WasiOptions): WASI {
  const preopens: Record<string, string> = { ...(options.preopens ?? {}) };
  if (options.cwd !== undefined) preopens['.'] = options.cwd;
  // node:wasi is experimental and warns once per process; the warning is not ours to print.
  return new WASI({
    version: 'preview1',
    args: [...(options.args ?? ['main'])],
    env: { ...(options.env ?? {}) },
    preopens,
    returnOnExit: true,
    stdin: options.stdin ?? 0,
    stdout: options.stdout ?? 1,
    stderr: options.stderr ?? 2,
  });
}

/**
 * The WASI imports, each behind a plain JS function. Node 20's node:wasi
 * binds its syscalls as V8 fast API calls when wasm imports them directly,
 * and a fast call that triggers a GC corrupts the heap (nodejs/node#46777,
 * #53087): about 2% of runs crashed at random with SIGSEGV. A JS wrapper
 * forces the regular call path; its cost is a few nanoseconds per syscall.
 */
function slowPathImports(imports: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [ns, fns] of Object.entries(imports)) {
    const wrapped: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(fns)) {
      if (typeof fn !== 'function') {
        wrapped[name] = fn;
        continue;
      }
      const f = fn as (...args: unknown[]) => unknown;
      wrapped[name] = (...args: unknown[]): unknown => f(...args);
    }
    out[ns] = wrapped;
  }
  return out;
}

/** Compile and instantiate a Molt module with WASI imports, ready to `start()`. */
export async function instantiateMolt(wasm: Uint8Array | string, options: WasiOptions = {}): Promise<MoltInstance> {
  const mod = await compile(wasm);
  const wasi = makeWasi(options);
  const instance = await WebAssembly.instantiate(mod, slowPathImports(wasi.getImportObject() as Record<string, Record<string, unknown>>));
  return { instance, start: () => wasi.start(instance as Parameters<WASI['start']>[0]) };
}

/** Run a WASI command module to completion. */
export async function runWasi(wasm: Uint8Array | string, options: WasiOptions = {}): Promise<WasiRun> {
  const inst = await instantiateMolt(wasm, options);
  return { exitCode: inst.start() };
}

export interface CapturedRun extends WasiRun {
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a WASI command module with stdout and stderr captured (stdin: empty unless given). */
export async function runWasiCaptured(wasm: Uint8Array | string, options: Omit<WasiOptions, 'stdout' | 'stderr'> & { stdinText?: string } = {}): Promise<CapturedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'molt-wasi-'));
  const outPath = join(dir, 'stdout');
  const errPath = join(dir, 'stderr');
  const inPath = join(dir, 'stdin');
  const { stdinText, ...rest } = options;
  const fds: number[] = [];
  try {
    const stdout = openSync(outPath, 'w+');
    fds.push(stdout);
    const stderr = openSync(errPath, 'w+');
    fds.push(stderr);
    let stdin = options.stdin;
    if (stdin === undefined) {
      const w = openSync(inPath, 'w');
      if (stdinText !== undefined) writeSync(w, stdinText);
      closeSync(w);
      stdin = openSync(inPath, 'r');
      fds.push(stdin);
    }
    const { exitCode } = await runWasi(wasm, { ...rest, stdin, stdout, stderr });
    return { exitCode, stdout: readFileSync(outPath, 'utf8'), stderr: readFileSync(errPath, 'utf8') };
  } finally {
    for (const fd of fds) closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

