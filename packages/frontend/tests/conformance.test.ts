// conformance.test.ts — every conformance program is lowered; the IR of
// each one that lowers must verify. Tracks how many lower without
// diagnostics (a floor that only goes up).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { verifyProgram } from '@molt/ir';
import { compileProgram } from '@molt/frontend';

const root = '/work/shared/conformance';
const FLOOR = 183;

const manifest = fs.existsSync(path.join(root, 'MANIFEST.tsv'))
  ? fs.readFileSync(path.join(root, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]!)
  : [];

(manifest.length > 0 ? describe : describe.skip)('conformance corpus', () => {
  it(`lowers at least ${FLOOR} programs without diagnostics, all verifying`, () => {
    let ok = 0;
    const bad: string[] = [];
    for (const p of manifest) {
      const r = compileProgram(path.join(root, p));
      if (r.program === undefined || r.diagnostics.length > 0) continue;
      const errs = verifyProgram(r.program);
      if (errs.length > 0) bad.push(`${p}: ${errs[0]!.message}`);
      else ok++;
    }
    expect(bad).toEqual([]);
    expect(ok).toBeGreaterThanOrEqual(FLOOR);
  });

  it('finds the user modules of multi-module programs', () => {
    const r = compileProgram(path.join(root, 'programs/library_system/main.py'));
    expect(r.program).toBeDefined();
    const names = r.program!.modules.map((m) => m.name);
    expect(names[0]).toBe('__main__');
    expect(names.length).toBeGreaterThan(1);
    expect(r.program!.main).toBe('__main__');
  });
});
