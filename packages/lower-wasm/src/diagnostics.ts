// diagnostics.ts — the MOLT4xxx diagnostics of the wasm backend (as data;
// the CLI formats them). Neighbours: toolchain.ts, backend.ts, module.ts.

import type { Diagnostic } from '@molt/ir';

export const WasmDiag = {
  /** The runtime wasm module is missing. */
  runtimeMissing: 'MOLT4101',
  /** A binaryen tool (wasm-merge, wasm-opt) is missing. */
  toolMissing: 'MOLT4102',
  /** A binaryen tool failed. */
  toolFailed: 'MOLT4103',
  /** An IR op the wasm backend does not lower yet. */
  unsupportedOp: 'MOLT4104',
  /** The output file could not be written. */
  writeFailed: 'MOLT4105',
  /** The wasm module could not be loaded or run. */
  loadFailed: 'MOLT4106',
} as const;

export function error(code: string, message: string, hint?: string, file?: string, line?: number): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code, severity: 'error', message };
  if (hint !== undefined) d.hint = hint;
  if (file !== undefined) d.file = file;
  if (line !== undefined) d.line = line;
  return d;
}
