// fuzz.test.ts — 5,000+ truncated, spliced and byte-mutated versions of the
// conformance programs (fixed seed): the frontend never throws; each input
// ends in a module whose IR verifies, or in diagnostics.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyModule } from '@molt/ir';
import { compileSource } from '@molt/frontend';

/** `../shared` beside the repository (CI lays it there), or MOLT_SHARED_DIR. */
const shared = process.env.MOLT_SHARED_DIR ?? path.resolve(fileURLToPath(import.meta.url), '../../../../../shared');
const root = path.join(shared, 'conformance');
const INPUTS = 5200;

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.py') ? [path.join(dir, e.name)] : []));
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = [
  '(', ')', ':', '"', "'", 'yield ', 'return ', '\n    ', 'lambda', '**', '*', 'f"{', '}', '=', 'async ', 'await ', 'nonlocal x\n', 'del ', '[', ',',
  'except* ', 'type X[T] = ', 'def g[T](): ', 'class Q[*Ts]: ', 'global y\n', 'break\n', 'continue\n', 'async for a in b: pass\n', 'async with c: pass\n', '\\', '\t', '\x00', 'é', ':=',
];

(fs.existsSync(root) ? describe : describe.skip)('fuzz', () => {
  const sources = files(root).sort().map((f) => fs.readFileSync(f, 'utf8'));
  it(`never throws on ${INPUTS} truncated, spliced or mutated programs`, () => {
    const rand = rng(20240601);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const counts = { module: 0, diagnostics: 0 };
    const failures: string[] = [];
    for (let n = 0; n < INPUTS; n++) {
      const src = pick(sources);
      let s: string;
      switch (n % 3) {
        case 0: s = src.slice(0, Math.floor(rand() * src.length)); break;
        case 1: {
          const other = pick(sources);
          s = src.slice(0, Math.floor(rand() * src.length)) + other.slice(Math.floor(rand() * other.length));
          break;
        }
        default: {
          s = src;
          const edits = 1 + Math.floor(rand() * 4);
          for (let k = 0; k < edits; k++) {
            const at = Math.floor(rand() * s.length);
            const r = rand();
            if (r < 0.4) s = s.slice(0, at) + pick(JUNK) + s.slice(at);
            else if (r < 0.7) s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 95)) + s.slice(at + 1);
            else s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 8));
          }
        }
      }
      try {
        const r = compileSource(s, 'fuzz.py');
        if (r.module !== undefined) {
          counts.module++;
          const errs = verifyModule(r.module);
          if (errs.length > 0) failures.push(`#${n} verify: ${errs[0]!.message}`);
        } else {
          counts.diagnostics++;
          if (r.diagnostics.length === 0) failures.push(`#${n}: no module and no diagnostics`);
        }
      } catch (e) {
        failures.push(`#${n} threw: ${(e as Error).message}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(counts.module + counts.diagnostics).toBe(INPUTS);
    expect(counts.module).toBeGreaterThan(0);
    expect(counts.diagnostics).toBeGreaterThan(0);
  });
});
