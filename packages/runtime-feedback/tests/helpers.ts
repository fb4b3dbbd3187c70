// helpers.ts — fixtures and golden comparison (MOLT_BLESS=1 rewrites golden files).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseModule, type Program } from '@molt/ir';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function golden(path: string, actual: string): void {
  if (process.env.MOLT_BLESS === '1' || !existsSync(path)) {
    if (process.env.MOLT_BLESS !== '1' && process.env.CI) throw new Error(`missing golden file ${path}`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The program the fixture profiles were recorded from, and its sources. */
export function fixtureProgram(): { program: Program; sources: Map<string, string> } {
  const r = parseModule(readFileSync(join(FIXTURES, 'program.moltir'), 'utf8'), 'program.moltir');
  if (r.value === undefined) throw new Error('program.moltir does not parse');
  return { program: { modules: [r.value], main: 'm' }, sources: new Map([['m', readFileSync(join(FIXTURES, 'program.py'), 'utf8')]]) };
}
