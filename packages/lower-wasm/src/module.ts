// module.ts — lowers a whole IR Program to the wasm *program module*: one
// wasm function per IR function (function.ts), the exported
// `molt_dispatch(code_id, self, params)` and `molt_main()` of
// specs/runtime-abi.md §5–§6, the runtime imports (module `molt_runtime`,
// including its memory), the constants' globals and one passive data
// segment (code info blobs and constant bytes) copied into memory obtained
// from `molt_alloc`. Neighbours: function.ts, abi.ts, binaryen.ts,
// toolchain.ts (merges this module with the runtime).

import { encodeCodeInfo, InternalError, siteTableBases, type Diagnostic, type Function, type Program, type PyCodeInfo } from '@molt/ir';
import * as abi from './abi.js';
import { createModule, params, T, type Expr, type WasmModule } from './binaryen.js';
import { lowerFunction, MEMORY, wasmType, type ProgramContext } from './function.js';

export interface LowerOptions {
  /** Inline small-int fast paths (default true). */
  readonly fastPaths?: boolean;
  /** The feedback identity JSON of an instrumented program (`BackendOptions.feedbackIdentity`). */
  readonly feedbackIdentity?: string;
  /** Lower each outermost loop as a function of its own, called in chunks (outline.ts; default true). */
  readonly outlineLoops?: boolean;
}

export interface LoweredProgram {
  readonly module: WasmModule;
  readonly diagnostics: Diagnostic[];
}

const DATA_SEGMENT = 'molt.data';
const SP = 'molt.sp';
const SP_END = 'molt.sp_end';
const GCACHE = 'molt.gcache';
/** `molt_type_ptr`'s ids of the type objects compared inline. */
const TYPE_PTR_IDS = { list: 0n, tuple: 1n, listiter: 3n } as const;

interface Constant {
  readonly kind: 'str' | 'bytes' | 'bigint' | 'complex';
  readonly global: string;
  readonly bytes: Uint8Array;
  /** The imaginary part of a complex constant (its real part is 0). */
  readonly imag: number;
}

/** The code info of a function without Python-level facts (hand-built IR). */
function defaultCodeInfo(fn: Function, file: string, isInit: boolean): PyCodeInfo {
  return {
    name: isInit ? '<module>' : fn.name,
    qualname: isInit ? '<module>' : fn.name,
    filename: file,
    firstLine: 1,
    params: fn.params.slice(1).map((_, i) => ({ name: `p${i}`, kind: 'normal' as const })),
    flags: isInit ? { module: true } : {},
  };
}

/** Lower a program to an (unmerged) binaryen module. The caller disposes it. */
export function lowerProgram(program: Program, options: LowerOptions = {}): LoweredProgram {
  const m = createModule();
  const diagnostics: Diagnostic[] = [];
  const offsets: number[] = [];
  let total = 0;
  for (const mod of program.modules) {
    offsets.push(total);
    total += mod.functions.length;
  }
  const names: string[][] = [];
  const used = new Set<string>();
  program.modules.forEach((mod, mi) => {
    names.push(mod.functions.map((fn, fi) => {
      let name = `${mod.name}::${fn.name}`;
      if (used.has(name)) name = `${name}#${offsets[mi]! + fi}`;
      used.add(name);
      return name;
    }));
  });

  const constants = new Map<string, Constant>();
  const imports = new Map<string, abi.ImportSig>();
  const useImport = (symbol: string, sig: abi.ImportSig): void => {
    const prev = imports.get(symbol);
    if (prev === undefined) imports.set(symbol, sig);
    else if (prev.result !== sig.result || prev.params.join() !== sig.params.join()) throw new InternalError(`runtime function '${symbol}' used with two signatures`);
  };
  const addConstant = (kind: Constant['kind'], text: string, bytes: Uint8Array, imag: number): string => {
    const key = `${kind}:${text}`;
    let c = constants.get(key);
    if (c === undefined) {
      c = { kind, global: `molt.const.${constants.size}`, bytes, imag };
      constants.set(key, c);
    }
    return c.global;
  };
  const constant = (kind: 'str' | 'bytes' | 'bigint', text: string, bytes: Uint8Array): string => addConstant(kind, text, bytes, 0);
  const complexConstant = (imag: number): string => {
    // The name `complex` is created before the constants that need it.
    constant('str', 'complex', new TextEncoder().encode('complex'));
    return addConstant('complex', abi.floatWord(imag).toString(), new Uint8Array(), imag);
  };
  let cacheBytes = 0;
  const typeGlobals = new Map<'list' | 'tuple' | 'listiter', string>();
  const depthGlobals = new Map<'depth' | 'limit', string>();
  const xferGlobals = new Map<string, abi.WasmKind>();
  const siteBases = siteTableBases(program);
  const ctx: ProgramContext = {
    m,
    diagnostics,
    codeId: (mi, fn) => offsets[mi]! + fn,
    funcName: (mi, fn) => names[mi]![fn]!,
    func: (mi, fn) => {
      const f = program.modules[mi]!.functions[fn];
      if (f === undefined) throw new InternalError(`module '${program.modules[mi]!.name}' has no function ${fn}`);
      return f;
    },
    constant,
    complexConstant,
    useImport,
    cacheSite: (words) => {
      const at = cacheBytes;
      cacheBytes += 8 * words;
      return at;
    },
    siteBase: (mi) => siteBases[mi]!,
    cacheGlobal: GCACHE,
    spGlobal: SP,
    spEndGlobal: SP_END,
    fastPaths: options.fastPaths ?? true,
    outlineLoops: options.outlineLoops ?? true,
    xferGlobal: (kind, slot) => {
      const name = `molt.xfer.${kind}.${slot}`;
      xferGlobals.set(name, kind);
      return name;
    },
    depthGlobal: (which) => {
      let g = depthGlobals.get(which);
      if (g === undefined) {
        g = `molt.${which}`;
        depthGlobals.set(which, g);
      }
      return g;
    },
    typeGlobal: (which) => {
      let g = typeGlobals.get(which);
      if (g === undefined) {
        g = `molt.type.${which}`;
        typeGlobals.set(which, g);
      }
      return g;
    },
  };

  program.modules.forEach((mod, mi) => {
    for (const fn of mod.functions) lowerFunction(ctx, mi, fn, mod.file);
  });

  // Module names are str constants too (for molt_module_register / molt_run_main).
  const enc = new TextEncoder();
  const moduleNames = program.modules.map((mod) => constant('str', mod.name, enc.encode(mod.name)));
  if (!program.modules.some((mod) => mod.name === program.main)) throw new InternalError(`main module '${program.main}' is not in the program`);
  const mainName = constant('str', program.main, enc.encode(program.main));

  // The data segment: code info blobs (in code id order), then constant bytes.
  const pieces: Uint8Array[] = [];
  let dataLen = 0;
  const place = (bytes: Uint8Array): number => {
    const at = dataLen;
    pieces.push(bytes);
    dataLen += bytes.length;
    return at;
  };
  const infos = program.modules.flatMap((mod) => mod.functions.map((fn) => {
    const blob = encodeCodeInfo(fn.py ?? defaultCodeInfo(fn, mod.file, fn.id === mod.init));
    return { at: place(blob), len: blob.length };
  }));
  const constPlaces = [...constants.values()].map((c) => ({ c, at: place(c.bytes), len: c.bytes.length }));
  // Instrumented modules: site tables and the identity (specs/runtime-feedback.md §7).
  const instrumented = program.modules.filter((mod) => mod.siteTable !== undefined);
  if (instrumented.length > 0 && options.feedbackIdentity === undefined) throw new InternalError('an instrumented program needs the feedback identity (BackendOptions.feedbackIdentity)');
  const identityBytes = new TextEncoder().encode(options.feedbackIdentity ?? '');
  const identityPlace = instrumented.length > 0 ? { at: place(identityBytes), len: identityBytes.length } : undefined;
  const tablePlaces = instrumented.map((mod) => ({ at: place(mod.siteTable!), len: mod.siteTable!.length }));
  const data = new Uint8Array(dataLen);
  let off = 0;
  for (const p of pieces) {
    data.set(p, off);
    off += p.length;
  }

  // molt_main (ABI §6).
  for (const s of ['molt_alloc', 'molt_code_new', 'molt_module_register', 'molt_run_main', 'molt_str_from_utf8']) useImport(s, abi.ENTRY_POINTS[s]!);
  const creator = (c: Constant): string => (c.kind === 'str' ? 'molt_str_from_utf8' : c.kind === 'bytes' ? 'molt_bytes_from' : c.kind === 'bigint' ? 'molt_int_from_str' : 'molt_call');
  for (const { c } of constPlaces) {
    if (c.kind === 'complex') {
      useImport('molt_builtin', { params: ['i64'], result: 'i64' });
      useImport('molt_call', { params: ['i64', 'i32', 'i32'], result: 'i64' });
    } else {
      useImport(creator(c), abi.ENTRY_POINTS[creator(c)]!);
    }
  }
  const base = 0;
  const res = 1;
  const baseAt = (at: number): Expr => m.i32.add(m.local.get(base, T.i32), m.i32.const(at));
  const check = (e: Expr): Expr => m.block(null, [
    m.local.set(res, e),
    m.if(m.i64.eq(m.local.get(res, T.i64), m.i64.const(abi.ERR)), m.return(m.local.get(res, T.i64))),
  ], T.none);
  const body: Expr[] = [
    m.global.set(SP, m.call('molt_alloc', [m.i32.const(abi.ARGV_STACK_BYTES)], T.i32)),
    m.global.set(SP_END, m.i32.add(m.global.get(SP, T.i32), m.i32.const(abi.ARGV_STACK_BYTES))),
  ];
  // The addresses of the runtime's call-depth counter and recursion limit (call.direct keeps the count).
  for (const [which, g] of [...depthGlobals].sort()) {
    const sym = which === 'depth' ? 'molt_depth_ptr' : 'molt_recursion_limit_ptr';
    useImport(sym, abi.ENTRY_POINTS[sym]!);
    body.push(m.global.set(g, m.call(sym, [], T.i32)));
  }
  // The raw type pointers that inline item access and `iter.next` compare with.
  for (const [which, g] of [...typeGlobals].sort()) {
    useImport('molt_type_ptr', abi.ENTRY_POINTS['molt_type_ptr']!);
    body.push(m.global.set(g, m.i32.wrap(m.call('molt_type_ptr', [m.i64.const(TYPE_PTR_IDS[which])], T.i64))));
  }
  if (cacheBytes > 0) {
    body.push(
      m.global.set(GCACHE, m.call('molt_alloc', [m.i32.const(cacheBytes)], T.i32)),
      // Zero the caches (a loop: memory.fill would need the bulk-memory-opt feature).
      m.local.set(3, m.global.get(GCACHE, T.i32)),
      m.loop('molt.gcache.zero', m.block(null, [
        m.i64.store(0, 8, m.local.get(3, T.i32), m.i64.const(0n), MEMORY),
        m.local.set(3, m.i32.add(m.local.get(3, T.i32), m.i32.const(8))),
        m.br('molt.gcache.zero', m.i32.lt_u(m.local.get(3, T.i32), m.i32.add(m.global.get(GCACHE, T.i32), m.i32.const(cacheBytes)))),
      ], T.none)),
    );
  }
  if (dataLen > 0) {
    body.push(
      m.local.set(base, m.call('molt_alloc', [m.i32.const(dataLen)], T.i32)),
      m.memory.init(DATA_SEGMENT, m.local.get(base, T.i32), m.i32.const(0), m.i32.const(dataLen), MEMORY),
      m.data.drop(DATA_SEGMENT),
    );
  }
  const complexType = 2;
  let haveComplexType = false;
  for (const { c, at, len } of constPlaces) {
    if (c.kind === 'complex') {
      // complex(0.0, imag): the builtin `complex` called with two floats on the argv stack.
      if (!haveComplexType) {
        const name = constants.get('str:complex')!.global;
        body.push(check(m.call('molt_builtin', [m.global.get(name, T.i64)], T.i64)), m.local.set(complexType, m.local.get(res, T.i64)));
        haveComplexType = true;
      }
      const sp = (): Expr => m.global.get(SP, T.i32);
      body.push(
        m.i64.store(0, 8, sp(), m.i64.const(abi.floatWord(0)), MEMORY),
        m.i64.store(8, 8, sp(), m.i64.const(abi.floatWord(c.imag)), MEMORY),
        check(m.call('molt_call', [m.local.get(complexType, T.i64), sp(), m.i32.const(2)], T.i64)),
        m.global.set(c.global, m.local.get(res, T.i64)),
      );
      continue;
    }
    body.push(check(m.call(creator(c), [baseAt(at), m.i32.const(len)], T.i64)), m.global.set(c.global, m.local.get(res, T.i64)));
  }
  infos.forEach(({ at, len }, id) => body.push(check(m.call('molt_code_new', [m.i32.const(id), baseAt(at), m.i32.const(len)], T.i64))));
  if (identityPlace !== undefined) {
    useImport('molt_profile_register', abi.ENTRY_POINTS['molt_profile_register']!);
    for (const t of tablePlaces) body.push(check(m.call('molt_profile_register', [baseAt(t.at), m.i32.const(t.len), baseAt(identityPlace.at), m.i32.const(identityPlace.len)], T.i64)));
  }
  program.modules.forEach((mod, mi) => {
    body.push(check(m.call('molt_module_register', [m.global.get(moduleNames[mi]!, T.i64), m.i32.const(offsets[mi]! + mod.init), m.i32.const(mod.isPackage ? 1 : 0)], T.i64)));
  });
  body.push(m.return(m.call('molt_run_main', [m.global.get(mainName, T.i64)], T.i64)));
  m.addFunction('molt_main', T.none, T.i64, [T.i32, T.i64, T.i64, T.i32], m.block(null, body, T.none));
  m.addFunctionExport('molt_main', 'molt_main');

  // molt_dispatch(code_id, self, params): br_table over the code ids.
  const all = program.modules.flatMap((mod, mi) => mod.functions.map((fn) => ({ fn, name: names[mi]![fn.id]! })));
  const code = m.local.get(0, T.i32);
  const labels = all.map((_, i) => `case${i}`);
  let inner: Expr = m.switch(labels, 'default', code);
  all.forEach(({ fn, name }, i) => {
    const args: Expr[] = [m.local.get(1, T.i64)];
    fn.params.slice(1).forEach((t, k) => {
      const load = m.i64.load(8 * k, 8, m.local.get(2, T.i32), MEMORY);
      const kind = abi.kindOf(t);
      args.push(kind === 'i64' ? load : kind === 'f64' ? m.f64.reinterpret(load) : m.i32.wrap(load));
    });
    const rk = abi.kindOf(fn.result);
    let call = m.call(name, args, wasmType(rk));
    if (rk === 'i32') call = m.i64.extend_u(call);
    else if (rk === 'f64') call = m.i64.reinterpret(call);
    inner = m.block(null, [m.block(labels[i]!, [inner], T.none), m.return(call)], T.none);
  });
  const dispatchBody = m.block(null, [m.block('default', [inner], T.none), m.unreachable()], T.none);
  m.addFunction('molt_dispatch', params([T.i32, T.i64, T.i32]), T.i64, [], dispatchBody);
  m.addFunctionExport('molt_dispatch', 'molt_dispatch');

  // Globals, memory, imports (sorted for deterministic output).
  m.addGlobal(SP, T.i32, true, m.i32.const(0));
  m.addGlobal(SP_END, T.i32, true, m.i32.const(0));
  m.addGlobal(GCACHE, T.i32, true, m.i32.const(0));
  for (const g of [...typeGlobals.values()].sort()) m.addGlobal(g, T.i32, true, m.i32.const(0));
  for (const g of [...depthGlobals.values()].sort()) m.addGlobal(g, T.i32, true, m.i32.const(0));
  for (const [g, kind] of [...xferGlobals].sort()) m.addGlobal(g, T[kind], true, kind === 'i64' ? m.i64.const(0n) : kind === 'f64' ? m.f64.const(0) : m.i32.const(0));
  for (const c of constants.values()) m.addGlobal(c.global, T.i64, true, m.i64.const(0n));
  const segments = dataLen > 0 ? [{ name: DATA_SEGMENT, data, passive: true, offset: 0 }] : [];
  m.setMemory(0, -1, null, segments, false, false, MEMORY);
  m.addMemoryImport(MEMORY, abi.RUNTIME_MODULE, 'memory');
  for (const symbol of [...imports.keys()].sort()) {
    const sig = imports.get(symbol)!;
    m.addFunctionImport(symbol, abi.RUNTIME_MODULE, symbol, params(sig.params.map((k) => wasmType(k))), wasmType(sig.result));
  }
  return { module: m, diagnostics };
}
