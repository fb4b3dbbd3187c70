import { mkdtempSync, readdirSync, readFileSync, writeFileSync, readdirSync as ls } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassManager, opTableHash, printModule, programSites, type Diagnostic, type RuntimeProfile } from '@molt/ir';
import {
  FEEDBACK_SCHEMA_VERSION, RUNTIME_FEEDBACK_SCHEMA, checkFeedbackFile, loadFeedbackForBuild, mergeFeedbackFiles, mergeProfiles, programIdentity, readFeedback,
  readFeedbackFile, serializeFeedback, summarizeProfile, validateFeedbackText, writeFeedbackFile,
} from '../src/index.js';
import { FIXTURES, fixtureProgram, golden } from './helpers.js';

const VALID = join(FIXTURES, 'valid');
const INVALID = join(FIXTURES, 'invalid');
const text = (d: string, f: string): string => readFileSync(join(d, f), 'utf8');
const show = (ds: readonly Diagnostic[]): string => ds.map((d) => `${d.code} ${d.severity}${d.line === undefined ? '' : ` ${d.line}:${d.column}`}: ${d.message}\n`).join('');
const sites = programSites(fixtureProgram().program);

function read(d: string, f: string): RuntimeProfile {
  const r = readFeedback(text(d, f), { file: f, sites });
  expect(r.diagnostics).toEqual([]);
  return r.profile!;
}

describe('validation (golden files)', () => {
  for (const f of readdirSync(VALID).filter((n) => n.endsWith('.json'))) {
    it(`accepts valid/${f} and round-trips it`, () => {
      const p = read(VALID, f);
      const again = readFeedback(serializeFeedback(p), { sites });
      expect(again.diagnostics).toEqual([]);
      expect(serializeFeedback(again.profile!)).toBe(serializeFeedback(p));
    });
  }
  for (const f of readdirSync(INVALID).filter((n) => n.endsWith('.json'))) {
    it(`rejects invalid/${f}`, () => {
      const r = validateFeedbackText(text(INVALID, f), { file: f, sites });
      expect(r.json).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
      for (const d of r.diagnostics) {
        expect(d.code).toMatch(/^MOLT60\d\d$/);
        expect(d.file).toBe(f);
      }
      golden(join(INVALID, f.replace(/\.json$/, '.errors.txt')), show(r.diagnostics));
    });
  }

  it('gives each problem its code', () => {
    const code = (f: string): string[] => validateFeedbackText(text(INVALID, f), { sites }).diagnostics.map((d) => d.code);
    expect(code('not-json.json')).toEqual(['MOLT6001']);
    expect(code('empty.json')).toEqual(['MOLT6001']);
    expect(code('wrong-version.json')).toEqual(['MOLT6002']);
    expect(code('no-version.json')).toEqual(['MOLT6002']);
    expect(code('wrong-kind.json')).toEqual(['MOLT6003']);
    expect(code('missing-fields.json')).toContain('MOLT6004');
    expect(code('branch-sum.json')).toEqual(['MOLT6005']);
    expect(code('guard-failures.json')).toContain('MOLT6005');
    expect(code('counts-exceed.json')).toEqual(['MOLT6005']);
    expect(code('negative.json')).toEqual(['MOLT6006', 'MOLT6006']);
    expect(code('duplicate.json')).toEqual(['MOLT6007']);
    expect(code('unknown-site.json')).toEqual(['MOLT6008']);
    expect(code('kind-at-site.json')).toEqual(['MOLT6009']);
  });

  it('checks site ids only when given the program sites', () => {
    expect(validateFeedbackText(text(INVALID, 'unknown-site.json')).diagnostics).toEqual([]);
  });

  it('places a JSON syntax error', () => {
    const d = validateFeedbackText('{\n  "schema_version": 1,\n  oops\n}').diagnostics[0]!;
    expect(d.code).toBe('MOLT6001');
    expect(d.line).toBe(3);
  });

  it('has a versioned schema', () => {
    expect(RUNTIME_FEEDBACK_SCHEMA.properties.schema_version.const).toBe(FEEDBACK_SCHEMA_VERSION);
  });

  it('converts records to the typed profile of @molt/ir', () => {
    const p = read(VALID, 'single-run.json');
    expect(p.runs).toBe(1);
    expect(p.target).toBe('native');
    expect(p.sites.get('3ebae94e76127bfb')?.branch).toEqual({ kind: 'branch', site: '3ebae94e76127bfb', executions: 101, taken: 100, notTaken: 1 });
    expect(p.sites.get('716ba4be427450a8')?.types?.counts).toEqual({ 'int,int': 101 });
    expect(p.sites.get('716ba4be427450a8')?.deopt?.executions).toBe(101);
    expect(summarizeProfile(p)).toBe("1 run of 'm' (1 module, molt test, native): 8 sites (4 types, 1 calltargets, 1 branch, 1 loop, 1 alloc, 1 deopt)");
  });
});

describe('merge', () => {
  it('sums two runs and marks mixed targets', () => {
    const a = read(VALID, 'single-run.json');
    const b = read(VALID, 'second-run.json');
    const m = mergeProfiles([a, b]);
    expect(m.diagnostics).toEqual([]);
    const p = m.profile!;
    expect(p.runs).toBe(2);
    expect(p.target).toBe('mixed');
    expect(p.sites.get('716ba4be427450a8')?.types?.counts).toEqual({ 'int,int': 111, 'float,int': 1 });
    expect(p.sites.get('3ebae94e76127bfb')?.branch).toMatchObject({ executions: 112, taken: 110, notTaken: 2 });
    expect(p.sites.get('9aef7e2746652426')?.loop).toMatchObject({ executions: 2, trips: 110 });
    // The merged profile is itself a valid file.
    expect(readFeedback(serializeFeedback(p), { sites }).diagnostics).toEqual([]);
  });

  it('refuses profiles of different programs', () => {
    const a = read(VALID, 'single-run.json');
    const other: RuntimeProfile = { ...a, identity: { ...a.identity, modules: [{ name: 'm', sourceHash: '1111111111111111' }] } };
    const m = mergeProfiles([a, other], ['a.json', 'b.json']);
    expect(m.profile).toBeUndefined();
    expect(m.diagnostics.map((d) => d.code)).toEqual(['MOLT6011']);
    expect(m.diagnostics[0]!.message).toMatch(/module 'm' has changed/);
    expect(mergeProfiles([]).diagnostics[0]!.code).toBe('MOLT6011');
  });

  // Property-style: random profiles over a fixed identity; merge is associative and commutative.
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }
  function randomProfile(r: () => number, base: RuntimeProfile): RuntimeProfile {
    const ids = [...sites.keys()];
    const out = new Map<string, RuntimeProfile['sites'] extends ReadonlyMap<string, infer P> ? P : never>();
    const n = (): number => Math.floor(r() * 50);
    for (const id of ids) {
      if (r() < 0.3) continue;
      const kinds = sites.get(id)!.kinds;
      const p: Record<string, unknown> = {};
      for (const k of kinds) {
        if (r() < 0.3) continue;
        const tags = ['int,int', 'float,float', 'str,str', 'm:double', 'type'].filter(() => r() < 0.5);
        const counts = Object.fromEntries(tags.map((t) => [t, n()]));
        const total = Object.values(counts).reduce((a, b) => a + b, 0) + n();
        const x = n(), y = n();
        switch (k) {
          case 'types': case 'calltargets': case 'deopt': p[k] = { kind: k, site: id, executions: total, counts }; break;
          case 'guard': p[k] = { kind: k, site: id, executions: x + y, pass: x, fail: y }; break;
          case 'branch': p[k] = { kind: k, site: id, executions: x + y, taken: x, notTaken: y }; break;
          case 'loop': p[k] = { kind: k, site: id, executions: x, trips: y }; break;
          case 'alloc': p[k] = { kind: k, site: id, executions: x }; break;
        }
      }
      out.set(id, p as never);
    }
    return { ...base, runs: 1 + Math.floor(r() * 3), target: r() < 0.5 ? 'native' : 'wasm', sites: out };
  }

  it('is associative and commutative (200 random triples)', () => {
    const base = read(VALID, 'single-run.json');
    const r = rng(42);
    const merge = (...ps: RuntimeProfile[]): RuntimeProfile => mergeProfiles(ps).profile!;
    for (let i = 0; i < 200; i++) {
      const [a, b, c] = [randomProfile(r, base), randomProfile(r, base), randomProfile(r, base)];
      const left = serializeFeedback(merge(merge(a, b), c));
      expect(serializeFeedback(merge(a, merge(b, c)))).toBe(left);
      expect(serializeFeedback(merge(c, b, a))).toBe(left);
      // Every merge result is a valid file for the program.
      expect(readFeedback(left, { sites }).diagnostics).toEqual([]);
    }
  });
});

describe('files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'molt-feedback-'));

  it('writes atomically (no temporary file left) and reads back', () => {
    const p = read(VALID, 'single-run.json');
    const out = join(dir, 'molt_runtime_feedback.json');
    expect(writeFeedbackFile(out, p)).toEqual([]);
    expect(ls(dir)).toEqual(['molt_runtime_feedback.json']);
    expect(serializeFeedback(readFeedbackFile(out).profile!)).toBe(serializeFeedback(p));
    expect(writeFeedbackFile(join(dir, 'no', 'such', 'dir.json'), p)[0]!.code).toBe('MOLT6013');
  });

  it('reports a missing file', () => {
    expect(readFeedbackFile(join(dir, 'absent.json')).diagnostics[0]!.code).toBe('MOLT6012');
  });

  it('merges files in place', () => {
    const a = join(dir, 'a.json');
    writeFileSync(a, text(VALID, 'single-run.json'));
    const r = mergeFeedbackFiles(a, [a, join(VALID, 'second-run.json')]);
    expect(r.diagnostics).toEqual([]);
    expect(readFeedbackFile(a).profile!.runs).toBe(2);
  });

  it('checks a file for the CLI', () => {
    const ok = checkFeedbackFile(join(VALID, 'single-run.json'));
    expect(ok.ok).toBe(true);
    expect(ok.summary).toMatch(/^1 run of 'm'/);
    const bad = checkFeedbackFile(join(INVALID, 'negative.json'));
    expect(bad.ok).toBe(false);
    expect(bad.summary).toBeUndefined();
  });
});

describe('builds with feedback', () => {
  const { program, sources } = fixtureProgram();
  const dir = mkdtempSync(join(tmpdir(), 'molt-feedback-build-'));
  /** The valid fixture, stamped with this compiler's op-table hash (the fixtures carry a placeholder). */
  const fresh = (): string => {
    const f = join(dir, 'fresh.json');
    writeFileSync(f, text(VALID, 'single-run.json').replace('"0000000000000000"', JSON.stringify(opTableHash())));
    return f;
  };

  it('loads a fresh profile and feeds the pass manager', () => {
    const r = loadFeedbackForBuild(fresh(), { program, sources, compilerVersion: 'test' });
    expect(r.diagnostics).toEqual([]);
    expect(r.profile).toBeDefined();
    expect(programIdentity(program, sources, 'test').modules[0]!.sourceHash).toBe('7fcb6f96224ef8f8');
    const m = program.modules[0]!;
    const before = printModule(m);
    const res = new PassManager({ pipeline: [], runtimeProfile: r.profile!, verifyEach: true }).runModule(m);
    expect(res.diagnostics).toEqual([]);
    expect(res.changedBy).toContain('profile-guided');
    const after = printModule(m);
    expect(after).not.toBe(before);
    expect(after).toMatch(/i64\.lt/);
    // The call ran once: too cold to specialise, it stays generic.
    expect(after).not.toMatch(/guard\.code/);
  });

  it('ignores a stale profile with a warning', () => {
    const changed = new Map([['m', sources.get('m')! + '\nprint(count(3, double))\n']]);
    const r = loadFeedbackForBuild(fresh(), { program, sources: changed, compilerVersion: 'test' });
    expect(r.profile).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MOLT6010', 'warning']]);
    expect(r.diagnostics[0]!.message).toMatch(/module 'm' has changed/);
    const other = loadFeedbackForBuild(fresh(), { program, sources, compilerVersion: '9.9.9' });
    expect(other.profile).toBeUndefined();
    expect(other.diagnostics[0]!.code).toBe('MOLT6010');
    const check = checkFeedbackFile(fresh(), { program, sources: changed, compilerVersion: 'test' });
    expect(check.ok).toBe(true);
    expect(check.summary).toMatch(/^1 run/);
  });

  it('rejects a fresh profile with sites the program lacks', () => {
    const f = join(dir, 'unknown.json');
    writeFileSync(f, text(INVALID, 'unknown-site.json').replace('"0000000000000000"', JSON.stringify(opTableHash())));
    const r = loadFeedbackForBuild(f, { program, sources, compilerVersion: 'test' });
    expect(r.profile).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MOLT6008']);
  });
});
