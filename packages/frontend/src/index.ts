// index.ts — the public API of @molt/frontend: Python 3.12 source to a
// Molt IR `Program`, with diagnostics. Other packages import only from here.

import type { Diagnostic } from '@molt/ir';
import type { ModuleAst } from './ast.js';
import { parseModule } from './astBuilder.js';
import { compileSource as compileSourceImpl, type CompileSourceResult } from './modules.js';

export { compileProgram, defaultStdlibDir, RUNTIME_MODULES, type CompileOptions, type CompileProgramResult, type CompileSourceResult } from './modules.js';
export type * from './ast.js';

/** Lower one module's source (no import discovery). */
export function compileSource(source: string, file: string, moduleName = '__main__'): CompileSourceResult {
  const r = compileSourceImpl(source, file, moduleName);
  return { module: r.module, diagnostics: r.diagnostics };
}

/** Parse to the typed AST with syntax diagnostics (for tests and `molt ir`). */
export function parse(source: string, file: string): { ast: ModuleAst; diagnostics: Diagnostic[] } {
  const r = parseModule(source, file);
  return { ast: r.ast, diagnostics: r.diagnostics.items };
}
