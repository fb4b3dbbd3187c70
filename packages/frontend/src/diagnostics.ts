// diagnostics.ts — the frontend's message catalog: stable codes and
// message builders. Every phase of the frontend reports through here.
// Neighbours: astBuilder.ts (1xxx syntax), scope.ts and lower*.ts (2xxx).

import type { Diagnostic } from '@molt/ir';
import type { Loc } from './ast.js';

export const Codes = {
  invalidSyntax: 'MOLT1001',
  expectedToken: 'MOLT1002',
  unterminatedString: 'MOLT1003',
  invalidLiteral: 'MOLT1004',
  misplacedStatement: 'MOLT1005',
  nonlocalBinding: 'MOLT1006',
  invalidTarget: 'MOLT1007',
  notSupported: 'MOLT2001',
  outsideContract: 'MOLT2002',
  moduleNotReadable: 'MOLT2003',
  moduleNotFound: 'MOLT2004',
} as const;

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(code: string, message: string, loc: Loc | undefined, hint?: string): void {
    const d: Diagnostic = {
      code,
      severity: 'error',
      message,
      file: this.file,
      line: loc?.line,
      column: loc === undefined ? undefined : loc.col + 1,
      length: loc === undefined ? undefined : loc.endLine === loc.line ? Math.max(1, loc.endCol - loc.col) : 1,
      ...(hint === undefined ? {} : { hint }),
    };
    this.items.push(d);
  }

  notSupported(what: string, loc: Loc | undefined): void {
    this.error(Codes.notSupported, `${what} is not supported yet`, loc);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}
