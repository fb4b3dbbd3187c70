// modules.ts — the module graph: lowering of one module (its body as the
// init function) and discovery of the modules a program imports. An import
// resolves to (1) the user's files next to the entry (`m.py`,
// `pkg/__init__.py`, relative imports), else (2) Molt's Python standard
// library shipped in this package's `stdlib/` directory, else (3) a module
// the runtime provides (`RUNTIME_MODULES`); anything else is diagnosed with
// its import chain. Neighbours: astBuilder.ts, scope.ts, lowerStmt.ts, index.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Diagnostic, type Module, ModuleBuilder, type Program } from '@molt/ir';
import type { Loc, ModuleAst, Stmt } from './ast.js';
import { parseModule } from './astBuilder.js';
import { elideBoundChecks } from './definite.js';
import { FnCtx, type ModuleLowering } from './context.js';
import { Codes } from './diagnostics.js';
import { hasAnnotations } from './lowerClass.js';
import { lowerBody } from './lowerStmt.js';
import { analyzeScopes } from './scope.js';

export interface CompileSourceResult {
  module: Module | undefined;
  diagnostics: Diagnostic[];
}

/** Lower one module's source to an IR module. */
export function compileSource(source: string, file: string, moduleName = '__main__', isPackage = false): CompileSourceResult & { ast?: ModuleAst } {
  const parsed = parseModule(source, file);
  const diags = parsed.diagnostics;
  if (diags.hasErrors) return { module: undefined, diagnostics: diags.items };
  const scopes = analyzeScopes(parsed.ast, diags);
  if (diags.hasErrors) return { module: undefined, diagnostics: diags.items };
  const mb = new ModuleBuilder({ name: moduleName, file, isPackage });
  const m: ModuleLowering = { mb, file, moduleName, diags, scopes, usedNames: new Map() };
  const fb = mb.createFunction('<module>', ['obj'], 'obj', { name: '<module>', qualname: '<module>', filename: file, firstLine: 1, params: [], flags: { module: true } });
  mb.setInit(fb.fn.id);
  const ctx = new FnCtx(m, fb, scopes.module, false);
  fb.loc = { line: 1, col: 0 };
  ctx.globals = ctx.v('func.globals', [ctx.self]);
  if (hasAnnotations(parsed.ast.body)) ctx.ins('global.set', [ctx.globals, ctx.str('__annotations__'), ctx.v('dict.new')]);
  const first = parsed.ast.body[0];
  if (first?.kind === 'Expr' && first.value.kind === 'Constant' && first.value.value.kind === 'str') ctx.ins('global.set', [ctx.globals, ctx.str('__doc__'), ctx.str(first.value.value.value)]);
  lowerBody(ctx, parsed.ast.body);
  if (!fb.isTerminated) fb.ins('return', [ctx.none()]);
  fb.finish();
  if (diags.hasErrors) return { module: undefined, diagnostics: diags.items, ast: parsed.ast };
  const module = mb.finish();
  for (const fn of module.functions) elideBoundChecks(fn);
  return { module, diagnostics: diags.items, ast: parsed.ast };
}

/**
 * Modules implemented by the runtime (Rust), imported at run time by name. The frontend does not
 * look for their source; the runtime engineers extend this list as they add modules.
 */
export const RUNTIME_MODULES: readonly string[] = [
  '__future__', '_molt', 'builtins', 'gc', 'io', 'math', 'random', 'sys', 'time',
];

/** The directory of Molt's Python standard library (`packages/frontend/stdlib`), from `src/` or `dist/` alike. */
export function defaultStdlibDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'stdlib');
}

export interface CompileOptions {
  readFile?(p: string): string | undefined;
  moduleName?: string;
  /** Where the Python standard library lives (default: `defaultStdlibDir()`). */
  stdlibDir?: string;
  /** Runtime-provided module names (default: `RUNTIME_MODULES`). */
  runtimeModules?: readonly string[];
}

export interface CompileProgramResult {
  program: Program | undefined;
  diagnostics: Diagnostic[];
}

function defaultRead(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

interface ImportRef {
  /** Absolute dotted names that must be modules (`import a.b` → a, a.b; `from a.b import c` → a, a.b). */
  required: string[];
  /** Names that are modules only if such a file exists (`from a import c` → a.c). */
  optional: string[];
  loc: Loc;
  /** Inside a `try` with handlers: a missing module is left to the program's own `except ImportError`. */
  guarded: boolean;
}

function collectImports(body: Stmt[], current: string, isPackage: boolean, out: ImportRef[]): void {
  const prefixes = (dotted: string): string[] => {
    const parts = dotted.split('.').filter((x) => x !== '');
    return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  };
  const visit = (stmts: Stmt[], guarded: boolean): void => {
    for (const s of stmts) {
      switch (s.kind) {
        case 'Import':
          for (const a of s.names) out.push({ required: prefixes(a.name), optional: [], loc: a.loc, guarded });
          break;
        case 'ImportFrom': {
          let base: string;
          if (s.level > 0) {
            const pkgParts = current.split('.');
            const drop = isPackage ? s.level - 1 : s.level;
            if (drop > pkgParts.length) break;
            const pkg = pkgParts.slice(0, pkgParts.length - drop);
            base = [...pkg, ...(s.module === undefined ? [] : s.module.split('.'))].filter((x) => x !== '').join('.');
          } else base = s.module ?? '';
          const optional = s.names.filter((a) => a.name !== '*').map((a) => (base === '' ? a.name : `${base}.${a.name}`));
          out.push({ required: prefixes(base), optional, loc: s.loc, guarded });
          break;
        }
        case 'FunctionDef': case 'ClassDef': visit(s.body, guarded); break;
        case 'If': case 'While': case 'For': visit(s.body, guarded); visit(s.orelse, guarded); break;
        case 'With': visit(s.body, guarded); break;
        case 'Try':
          visit(s.body, guarded || s.handlers.length > 0);
          for (const h of s.handlers) visit(h.body, guarded);
          visit(s.orelse, guarded);
          visit(s.finalbody, guarded);
          break;
        case 'Match': for (const c of s.cases) visit(c.body, guarded); break;
        default: break;
      }
    }
  };
  visit(body, false);
}

interface Located {
  file: string;
  source: string;
  isPackage: boolean;
}

/** Compile an entry file and every user and standard-library module it imports. */
export function compileProgram(entryFile: string, options: CompileOptions = {}): CompileProgramResult {
  const read = options.readFile ?? defaultRead;
  const root = path.dirname(entryFile);
  const stdlib = options.stdlibDir ?? defaultStdlibDir();
  const runtime = new Set(options.runtimeModules ?? RUNTIME_MODULES);
  const diagnostics: Diagnostic[] = [];
  const modules: Module[] = [];
  const seen = new Set<string>();
  const mainName = options.moduleName ?? '__main__';
  const src = read(entryFile);
  if (src === undefined) {
    diagnostics.push({ code: Codes.moduleNotReadable, severity: 'error', message: `cannot read '${entryFile}'`, file: entryFile });
    return { program: undefined, diagnostics };
  }
  /** How a module was reached: `file:line` of each import from the entry. */
  const chains = new Map<string, string[]>();
  const queue: ({ name: string } & Located)[] = [{ name: mainName, file: entryFile, source: src, isPackage: false }];
  seen.add(mainName);
  chains.set(mainName, []);
  const lookIn = (dir: string, name: string): Located | undefined => {
    const rel = name.split('.');
    const asFile = path.join(dir, ...rel) + '.py';
    const s1 = read(asFile);
    if (s1 !== undefined) return { file: asFile, source: s1, isPackage: false };
    const asPkg = path.join(dir, ...rel, '__init__.py');
    const s2 = read(asPkg);
    if (s2 !== undefined) return { file: asPkg, source: s2, isPackage: true };
    return undefined;
  };
  const findModule = (name: string): Located | undefined => lookIn(root, name) ?? lookIn(stdlib, name);
  const display = (file: string): string => {
    const inRoot = path.relative(root, file);
    if (!inRoot.startsWith('..') && !path.isAbsolute(inRoot)) return inRoot;
    const inStd = path.relative(stdlib, file);
    if (!inStd.startsWith('..') && !path.isAbsolute(inStd)) return `<stdlib>/${inStd}`;
    return file;
  };
  let ok = true;
  const missing = new Set<string>();
  while (queue.length > 0) {
    const item = queue.shift()!;
    const r = compileSource(item.source, item.file, item.name, item.isPackage);
    diagnostics.push(...r.diagnostics);
    if (r.module === undefined) {
      ok = false;
      continue;
    }
    modules.push(r.module);
    if (r.ast === undefined) continue;
    const refs: ImportRef[] = [];
    collectImports(r.ast.body, item.name, item.isPackage, refs);
    const here = chains.get(item.name) ?? [];
    for (const ref of refs) {
      const via = [...here, `${display(item.file)}:${ref.loc.line}`];
      for (const [n, required] of [...ref.required.map((x) => [x, true] as const), ...ref.optional.map((x) => [x, false] as const)]) {
        if (seen.has(n)) continue;
        const found = findModule(n);
        if (found === undefined) {
          if (!required || ref.guarded || runtime.has(n) || missing.has(`${item.name}:${n}`)) continue;
          missing.add(`${item.name}:${n}`);
          ok = false;
          diagnostics.push({
            code: Codes.moduleNotFound, severity: 'error', message: `module '${n}' not found (imported from ${via.join(' → ')})`,
            file: item.file, line: ref.loc.line, column: ref.loc.col + 1, length: ref.loc.endLine === ref.loc.line ? Math.max(1, ref.loc.endCol - ref.loc.col) : 1,
            hint: 'Molt compiles user modules next to the entry file, its standard library and the modules its runtime provides.',
          });
          break;
        }
        seen.add(n);
        chains.set(n, via);
        queue.push({ name: n, ...found });
      }
    }
  }
  if (!ok) return { program: undefined, diagnostics };
  return { program: { modules, main: mainName }, diagnostics };
}
