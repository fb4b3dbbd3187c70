// modules.ts — the module graph: lowering of one module (its body as the
// init function) and discovery of the user modules a program imports
// (files next to the entry: `m.py`, `pkg/__init__.py`, relative imports).
// Names that are not user files are left to the runtime's import.
// Neighbours: astBuilder.ts, scope.ts, lowerStmt.ts, index.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Diagnostic, type Module, ModuleBuilder, type Program } from '@molt/ir';
import type { ModuleAst, Stmt } from './ast.js';
import { parseModule } from './astBuilder.js';
import { FnCtx, type ModuleLowering } from './context.js';
import { Codes } from './diagnostics.js';
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
  if (parsed.ast.body.some((s) => s.kind === 'AnnAssign' && s.simple)) ctx.ins('global.set', [ctx.globals, ctx.str('__annotations__'), ctx.v('dict.new')]);
  const first = parsed.ast.body[0];
  if (first?.kind === 'Expr' && first.value.kind === 'Constant' && first.value.value.kind === 'str') ctx.ins('global.set', [ctx.globals, ctx.str('__doc__'), ctx.str(first.value.value.value)]);
  lowerBody(ctx, parsed.ast.body);
  if (!fb.isTerminated) fb.ins('return', [ctx.none()]);
  fb.finish();
  if (diags.hasErrors) return { module: undefined, diagnostics: diags.items, ast: parsed.ast };
  return { module: mb.finish(), diagnostics: diags.items, ast: parsed.ast };
}

export interface CompileOptions {
  readFile?(p: string): string | undefined;
  moduleName?: string;
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
  /** Absolute dotted module names this statement may import. */
  names: string[];
}

function collectImports(body: Stmt[], current: string, isPackage: boolean, out: ImportRef[]): void {
  const visit = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      switch (s.kind) {
        case 'Import':
          for (const a of s.names) {
            const parts = a.name.split('.');
            out.push({ names: parts.map((_, i) => parts.slice(0, i + 1).join('.')) });
          }
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
          const parts = base.split('.').filter((x) => x !== '');
          const names = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
          for (const a of s.names) if (a.name !== '*') names.push(base === '' ? a.name : `${base}.${a.name}`);
          out.push({ names });
          break;
        }
        case 'FunctionDef': case 'ClassDef': visit(s.body); break;
        case 'If': case 'While': case 'For': visit(s.body); visit(s.orelse); break;
        case 'With': visit(s.body); break;
        case 'Try': visit(s.body); for (const h of s.handlers) visit(h.body); visit(s.orelse); visit(s.finalbody); break;
        case 'Match': for (const c of s.cases) visit(c.body); break;
        default: break;
      }
    }
  };
  visit(body);
}

/** Compile an entry file and every user module it imports. */
export function compileProgram(entryFile: string, options: CompileOptions = {}): CompileProgramResult {
  const read = options.readFile ?? defaultRead;
  const root = path.dirname(entryFile);
  const diagnostics: Diagnostic[] = [];
  const modules: Module[] = [];
  const seen = new Set<string>();
  const mainName = options.moduleName ?? '__main__';
  const src = read(entryFile);
  if (src === undefined) {
    diagnostics.push({ code: Codes.moduleNotReadable, severity: 'error', message: `cannot read '${entryFile}'`, file: entryFile });
    return { program: undefined, diagnostics };
  }
  const queue: { name: string; file: string; source: string; isPackage: boolean }[] = [{ name: mainName, file: entryFile, source: src, isPackage: false }];
  seen.add(mainName);
  const findModule = (name: string): { file: string; source: string; isPackage: boolean } | undefined => {
    const rel = name.split('.');
    const asFile = path.join(root, ...rel) + '.py';
    const s1 = read(asFile);
    if (s1 !== undefined) return { file: asFile, source: s1, isPackage: false };
    const asPkg = path.join(root, ...rel, '__init__.py');
    const s2 = read(asPkg);
    if (s2 !== undefined) return { file: asPkg, source: s2, isPackage: true };
    return undefined;
  };
  let ok = true;
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
    for (const ref of refs) {
      for (const n of ref.names) {
        if (seen.has(n)) continue;
        const found = findModule(n);
        if (found === undefined) continue;
        seen.add(n);
        queue.push({ name: n, ...found });
      }
    }
  }
  if (!ok) return { program: undefined, diagnostics };
  return { program: { modules, main: mainName }, diagnostics };
}
