import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PASSES, PassManager, parseModule, pipelineFor, printModule, verifyModule, type Pass, type Module,
} from '../src/index.js';
import { FIXTURES, golden, sampleModule } from './helpers.js';

const DIR = join(FIXTURES, 'passes');

function passesByName(names: string[]): Pass[] {
  return names.map((n) => {
    const p = PASSES.find((x) => x.name === n);
    if (p === undefined) throw new Error(`no pass ${n}`);
    return p;
  });
}

describe('passes (golden .moltir files)', () => {
  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.moltir') && !n.endsWith('.expected.moltir'))) {
    it(`${f}`, () => {
      const text = readFileSync(join(DIR, f), 'utf8');
      const run = /^; run: (.*)$/m.exec(text);
      expect(run).not.toBeNull();
      const r = parseModule(text, f);
      expect(r.diagnostics).toEqual([]);
      const m = r.value!;
      expect(verifyModule(m)).toEqual([]);
      const before = printModule(m);
      const res = new PassManager({ pipeline: passesByName(run![1]!.trim().split(/\s+/)), verifyEach: true }).runModule(m);
      expect(res.diagnostics).toEqual([]);
      const after = printModule(m);
      expect(after).not.toBe(before);
      golden(join(DIR, f.replace(/\.moltir$/, '.expected.moltir')), after);
      // The expected output itself round-trips and verifies.
      const again = parseModule(after);
      expect(again.diagnostics).toEqual([]);
      expect(printModule(again.value!)).toBe(after);
    });
  }
});

describe('PassManager', () => {
  const fresh = (): Module => sampleModule();

  it('chooses pipelines by profile', () => {
    expect(pipelineFor('dev').every((p) => p.required)).toBe(true);
    expect(pipelineFor('dev').map((p) => p.name)).toEqual(['unreachable', 'refcount']);
    expect(pipelineFor('release').at(-1)?.name).toBe('refcount');
    const rel = pipelineFor('release').map((p) => p.name);
    for (const p of PASSES) expect(rel).toContain(p.name);
  });

  it('runs the release pipeline on valid IR and keeps it valid', () => {
    const m = fresh();
    const res = new PassManager({ profile: 'release', verifyEach: true }).runModule(m);
    expect(res.diagnostics).toEqual([]);
    expect(verifyModule(m)).toEqual([]);
  });

  it('dumps before and after named passes', () => {
    const m = fresh();
    const res = new PassManager({ profile: 'release', dumpBefore: ['dce'], dumpAfter: ['type-infer'] }).runModule(m);
    expect(res.dumps.length).toBe(2 * m.functions.length);
    expect(res.dumps[0]).toMatch(/^; after type-infer\nfunction f0/);
    expect(res.dumps[1]).toMatch(/^; before dce\nfunction f0/);
  });

  it('skips disabled passes and warns about required or unknown ones', () => {
    const m = fresh();
    const res = new PassManager({ profile: 'release', disabled: ['const-fold', 'unreachable', 'no-such-pass'] }).runModule(m);
    expect(res.changedBy).not.toContain('const-fold');
    expect(res.diagnostics.map((d) => d.code).sort()).toEqual(['MOLT3302', 'MOLT3303']);
  });

  it('reports a pass that breaks the IR when verifying each pass', () => {
    const breaker: Pass = {
      name: 'breaker', required: false,
      run: (fn) => {
        const b = fn.blocks[fn.layout[0]!]!;
        b.insts.pop();
        return true;
      },
    };
    const res = new PassManager({ pipeline: [breaker], verifyEach: true }).runModule(fresh());
    expect(res.diagnostics[0]!.code).toBe('MOLT3301');
    expect(res.diagnostics[0]!.message).toMatch(/after pass 'breaker'/);
  });
});
