// fuzz.test.ts — truncated and mutated conformance programs: the frontend
// never throws; it returns a module or diagnostics.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileSource } from '@molt/frontend';

const root = '/work/shared/conformance';

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

const JUNK = ['(', ')', ':', '"', "'", 'yield ', 'return ', '\n    ', 'lambda', '**', '*', 'f"{', '}', '=', 'async ', 'await ', 'nonlocal x\n', 'del ', '[', ','];

describe('fuzz', () => {
  const all = files(root).sort().slice(0, 60);
  it('never throws on truncated or mutated programs', () => {
    const rand = rng(1234);
    let withModule = 0;
    let withDiag = 0;
    for (const f of all) {
      const src = fs.readFileSync(f, 'utf8');
      for (let k = 0; k < 4; k++) {
        let s: string;
        if (k === 0) s = src.slice(0, Math.floor(rand() * src.length));
        else {
          const at = Math.floor(rand() * src.length);
          s = src.slice(0, at) + JUNK[Math.floor(rand() * JUNK.length)]! + src.slice(at + (k === 3 ? 1 : 0));
        }
        const r = compileSource(s, 'fuzz.py');
        if (r.module !== undefined) withModule++;
        else {
          withDiag++;
          expect(r.diagnostics.length).toBeGreaterThan(0);
        }
      }
    }
    expect(withModule + withDiag).toBe(all.length * 4);
  });
});
