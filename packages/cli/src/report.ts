// report.ts — formats diagnostics for humans: `path:line:col: error[MOLTnnnn]: message`,
// the source line, a caret span and a hint. Only the CLI formats diagnostics;
// phases return them as data. Neighbours: main.ts, io.ts.

import { readFileSync } from 'node:fs';
import type { Diagnostic } from '@molt/ir';

const COLORS = { error: '\x1b[1;31m', warning: '\x1b[1;33m', note: '\x1b[1;36m', bold: '\x1b[1m', blue: '\x1b[1;34m', reset: '\x1b[0m' } as const;

export interface FormatOptions {
  readonly color: boolean;
  /** Source text by file, when the caller already has it. */
  readonly sources?: ReadonlyMap<string, string>;
}

function sourceLine(file: string, line: number, opts: FormatOptions): string | undefined {
  let text = opts.sources?.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }
  return text.split(/\r?\n/)[line - 1];
}

export function formatDiagnostic(d: Diagnostic, opts: FormatOptions): string {
  const c = (k: keyof typeof COLORS, s: string): string => (opts.color ? COLORS[k] + s + COLORS.reset : s);
  const where = d.file === undefined ? 'molt' : d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  let out = `${c('bold', where + ':')} ${c(d.severity, `${d.severity}[${d.code}]`)}${c('bold', ': ' + d.message)}\n`;
  if (d.file !== undefined && d.line !== undefined) {
    const src = sourceLine(d.file, d.line, opts);
    if (src !== undefined) {
      const gutter = String(d.line);
      const col = Math.max(1, d.column ?? 1);
      const len = Math.max(1, Math.min(d.length ?? 1, Math.max(1, src.length - col + 1)));
      out += `${' '.repeat(gutter.length)} ${c('blue', '|')}\n`;
      out += `${c('blue', gutter)} ${c('blue', '|')} ${src}\n`;
      out += `${' '.repeat(gutter.length)} ${c('blue', '|')} ${' '.repeat(col - 1)}${c(d.severity, '^'.repeat(len))}\n`;
    }
  }
  if (d.hint !== undefined) out += `  ${c('bold', 'hint:')} ${d.hint}\n`;
  for (const r of d.related ?? []) {
    const rw = r.file === undefined ? '' : `${r.file}${r.line === undefined ? '' : ':' + r.line}: `;
    out += `  ${c('note', 'note:')} ${rw}${r.message}\n`;
  }
  return out;
}

export function formatDiagnostics(ds: readonly Diagnostic[], opts: FormatOptions): string {
  return ds.map((d) => formatDiagnostic(d, opts)).join('');
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** A CLI-level diagnostic (MOLT5xxx). */
export function cliError(code: string, message: string, hint?: string, file?: string): Diagnostic {
  return { code, severity: 'error', message, hint, file };
}
