// backend.ts — the native backend: lower the program to an LLVM module,
// verify it, write bitcode, optimise with `opt` (release), compile with
// `llc` (a big release module split in two, compiled in parallel), link with
// `cc` against the runtime static library. Neighbours:
// lower.ts (IR to LLVM), toolchain.ts (tools), diagnostics.ts (MOLT4xxx).

import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { type Backend, type BackendOptions, type BackendResult, type Diagnostic, type Program, InternalError } from '@molt/ir';
import { NativeDiag, nativeError, tail } from './diagnostics.js';
import { moduleIsValid, printModule, writeBitcode } from './llvm.js';
import { lowerProgram, type LoweredModule } from './lower.js';
import { findLlvmSplit, findTool, hintFor, runTool, runtimeLibPath } from './toolchain.js';

/**
 * Release bitcode of at least this size (after `opt`) is split by `llvm-split` into SPLIT_PARTS
 * modules that `llc` compiles in parallel; smaller modules compile in one `llc` faster than the split
 * costs. The part count is fixed, not the machine's core count, so every machine builds the same
 * executable (the parts are chosen from function names). `llc` is most of a big program's build
 * after `opt`, and one part often holds one huge function, so more parts gain little on 2 cores.
 */
export const SPLIT_MIN_BYTES = 128 * 1024;
export const SPLIT_PARTS = 2;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Lower and verify; a module LLVM rejects is a bug in Molt. */
function lowerVerified(program: Program, dumpDir?: string, feedbackIdentity?: string): LoweredModule {
  const lowered = lowerProgram(program, feedbackIdentity);
  if (!moduleIsValid(lowered.mod)) {
    let where = '';
    if (dumpDir !== undefined) {
      try {
        mkdirSync(dumpDir, { recursive: true });
        const file = join(dumpDir, 'invalid.ll');
        writeFileSync(file, printModule(lowered.mod));
        where = ` (module written to '${file}')`;
      } catch {
        // best effort
      }
    }
    throw new InternalError(`the LLVM module for '${program.main}' fails verification${where}`);
  }
  return lowered;
}

/** The textual LLVM IR (`.ll`) of a program, verified. */
export function lowerToLlvmText(program: Program, feedbackIdentity?: string): string {
  return printModule(lowerVerified(program, undefined, feedbackIdentity).mod);
}

async function buildNative(program: Program, options: BackendOptions): Promise<BackendResult> {
  const timings: Record<string, number> = {};
  const time = <T>(phase: string, f: () => T): T => {
    const t0 = performance.now();
    try {
      return f();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - t0;
    }
  };
  const timeAsync = async <T>(phase: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - t0;
    }
  };
  const workDir = resolve(options.workDir);
  const outFile = resolve(options.outFile);
  const lowered = time('lower', () => lowerVerified(program, workDir, options.feedbackIdentity));
  const text = options.emitText === true ? printModule(lowered.mod) : undefined;
  const fail = (d: Diagnostic): BackendResult => ({ ok: false, diagnostics: [d], ...(text === undefined ? {} : { text }), timings });

  // Tools first, so a missing one is reported before any work.
  const tools: Partial<Record<'llc' | 'opt' | 'cc', string>> = {};
  for (const tool of ['llc', 'opt', 'cc'] as const) {
    if (tool === 'opt' && options.profile === 'dev') continue;
    const path = findTool(tool);
    if (path === undefined) return fail(nativeError(NativeDiag.toolMissing, `The native backend needs '${tool}', which is not installed.`, hintFor(tool)));
    tools[tool] = path;
  }
  const runtime = runtimeLibPath();
  if (!existsSync(runtime)) return fail(nativeError(NativeDiag.runtimeMissing, `The runtime library '${runtime}' does not exist.`, hintFor('runtime')));

  const bc = join(workDir, 'prog.bc');
  const optBc = join(workDir, 'prog.opt.bc');
  const obj = join(workDir, 'prog.o');
  try {
    mkdirSync(workDir, { recursive: true });
    mkdirSync(dirname(outFile), { recursive: true });
    time('bitcode', () => writeBitcode(lowered.mod, bc));
  } catch (err) {
    return fail(nativeError(NativeDiag.ioFailed, `Cannot write to the work directory '${workDir}'.`, String(err)));
  }

  const release = options.profile === 'release';
  let input = bc;
  if (release) {
    const r = await timeAsync('opt', () => runTool(tools.opt!, ['-O2', bc, '-o', optBc], workDir));
    if (!r.ok) return fail(nativeError(NativeDiag.optFailed, `'opt' fails on the generated bitcode.`, tail(r.stderr)));
    input = optBc;
  }
  // Position-dependent code, as the executable is linked `-no-pie` (linkArguments): direct calls into the runtime.
  const llcFlags = [release ? '-O2' : '-O0', '-filetype=obj', '-relocation-model=static'];
  const split = release ? findLlvmSplit(tools.llc!) : undefined;
  /** What each `llc` compiles into which object: the whole module, or the parts `llvm-split` wrote. */
  let jobs = [{ src: input, obj }];
  if (split !== undefined && fileSize(input) >= SPLIT_MIN_BYTES) {
    const parts = Array.from({ length: SPLIT_PARTS }, (_, i) => ({ src: join(workDir, `prog.part${i}`), obj: join(workDir, `prog.${i}.o`) }));
    const s = await timeAsync('split', () => runTool(split, [`-j=${SPLIT_PARTS}`, '-o', join(workDir, 'prog.part'), input], workDir));
    if (s.ok && parts.every((p) => existsSync(p.src))) jobs = parts;
  }
  const compiled = await timeAsync('llc', () => Promise.all(jobs.map((j) => runTool(tools.llc!, [...llcFlags, j.src, '-o', j.obj], workDir))));
  const l = compiled.find((r) => !r.ok);
  if (l !== undefined) return fail(nativeError(NativeDiag.llcFailed, `'llc' fails on the generated bitcode.`, tail(l.stderr)));

  const linkArgs = linkArguments(jobs.map((j) => j.obj), runtime, outFile, release, process.env['MOLT_KEEP_SYMBOLS'] === '1');
  const k = await timeAsync('link', () => runTool(tools.cc!, linkArgs, workDir));
  if (!k.ok) {
    return fail(nativeError(NativeDiag.linkFailed, `Linking '${outFile}' fails.`, `${tail(k.stderr)}\n(check that '${runtime}' is built from the same runtime ABI version)`));
  }
  return { ok: true, diagnostics: [], ...(text === undefined ? {} : { text }), timings };
}

/**
 * The `cc` command line of the link. Executables are position-dependent
 * (`-no-pie`): the runtime's tables of function pointers then need no
 * dynamic relocations, which saves about 65 KB and the loader's work at
 * start-up. Release builds also drop unreferenced sections and strip the
 * symbol table (kept with MOLT_KEEP_SYMBOLS=1, to measure where the bytes go).
 */
export function linkArguments(objs: readonly string[], runtime: string, outFile: string, release: boolean, keepSymbols: boolean): string[] {
  const args = [...objs, runtime, '-no-pie', '-lm', '-lpthread', '-ldl', '-o', outFile];
  if (release) args.push(...(keepSymbols ? [] : ['-s']), '-Wl,--gc-sections');
  return args;
}

/** The native backend (`molt build --target native`). */
export const nativeBackend: Backend = {
  name: 'native',
  build: buildNative,
};
