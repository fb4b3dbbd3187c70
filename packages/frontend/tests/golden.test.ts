// golden.test.ts — source → printed IR (fixtures/lower/*.py → .moltir) and
// source → diagnostics (fixtures/diagnostics/*.py → .errors.txt).
// MOLT_BLESS=1 rewrites the expected files.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printModule, verifyModule } from '@molt/ir';
import { compileSource } from '@molt/frontend';

const here = path.dirname(fileURLToPath(import.meta.url));
const bless = process.env.MOLT_BLESS === '1';

function checkGolden(file: string, actual: string): void {
  if (bless || !fs.existsSync(file)) {
    fs.writeFileSync(file, actual);
    if (!bless) throw new Error(`golden file ${path.basename(file)} was missing and has been written; re-run`);
    return;
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

describe('lowering goldens', () => {
  const dir = path.join(here, 'fixtures', 'lower');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.py')).sort()) {
    it(f, () => {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      const r = compileSource(src, f);
      expect(r.diagnostics).toEqual([]);
      expect(r.module).toBeDefined();
      expect(verifyModule(r.module!)).toEqual([]);
      checkGolden(path.join(dir, f.replace(/\.py$/, '.moltir')), printModule(r.module!));
    });
  }
});

describe('diagnostic goldens', () => {
  const dir = path.join(here, 'fixtures', 'diagnostics');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.py')).sort()) {
    it(f, () => {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      const r = compileSource(src, f);
      expect(r.module).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
      const text = r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`).join('\n') + '\n';
      checkGolden(path.join(dir, f.replace(/\.py$/, '.errors.txt')), text);
    });
  }
});
