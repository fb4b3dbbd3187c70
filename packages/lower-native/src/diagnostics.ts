// diagnostics.ts — the native backend's diagnostics (MOLT4xxx). Messages
// are one sentence, present tense, names in single quotes; each carries a
// hint. Neighbours: backend.ts and toolchain.ts produce them; the CLI
// formats them.

import type { Diagnostic } from '@molt/ir';

export const NativeDiag = {
  toolMissing: 'MOLT4001',
  runtimeMissing: 'MOLT4002',
  optFailed: 'MOLT4003',
  llcFailed: 'MOLT4004',
  linkFailed: 'MOLT4005',
  ioFailed: 'MOLT4006',
} as const;

export function nativeError(code: string, message: string, hint: string, file?: string): Diagnostic {
  return { code, severity: 'error', message, hint, ...(file === undefined ? {} : { file }) };
}

/** The last lines of a tool's stderr, for a diagnostic's hint. */
export function tail(stderr: string, lines = 12): string {
  const all = stderr.trim().split('\n');
  return all.slice(Math.max(0, all.length - lines)).join('\n');
}
