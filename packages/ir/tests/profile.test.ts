import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PassManager, encodeSiteTable, fnv1a64, functionSites, instrumentPass, loopHeaders, moduleSites, parseModule, printModule, profileGuidedPass, programSites, siteKindsOf, sourceHash,
  verifyModule, type Module, type RuntimeProfile, type SiteProfile,
} from '../src/index.js';
import { FIXTURES, golden } from './helpers.js';
import { run, type PyVal } from './interp.js';
import { profileFromDirectives } from './profileHelpers.js';

const DIR = join(FIXTURES, 'profile');
const CASES = readdirSync(DIR).filter((n) => n.endsWith('.moltir') && !n.endsWith('.expected.moltir')).sort();
const parse = (text: string): Module => {
  const r = parseModule(text);
  expect(r.diagnostics).toEqual([]);
  return r.value!;
};
const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');

describe('site ids', () => {
  it('hash with FNV-1a 64', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(sourceHash('x = 1\r\ny = 2\r\n')).toBe(sourceHash('x = 1\ny = 2\n'));
    expect(sourceHash('x = 1\n')).not.toBe(sourceHash('x = 2\n'));
  });

  it('are deterministic, unique and 16 hex digits', () => {
    const text = fixture('binop-int.moltir');
    const a = moduleSites(parse(text));
    const b = moduleSites(parse(text));
    expect(a.map((s) => s.id)).toEqual(b.map((s) => s.id));
    expect(new Set(a.map((s) => s.id)).size).toBe(a.length);
    for (const s of a) expect(s.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a.map((s) => `${s.op}@${s.line}:${s.col}#${s.ordinal}`)).toEqual([
      'loop@3:10#0', 'lt@3:10#0', 'truthy@3:10#0', 'brif@3:10#0', 'iadd@4:8#0', 'mul@5:11#0', 'add@5:11#0',
    ]);
  });

  it('depend on the function, the location and the ordinal', () => {
    const text = `module "m" file "m.py" init f0
function f0 "f"(v0: obj, v1: obj) -> obj {
block0(v0: obj, v1: obj):
  v2 = add v1, v1  ; 2:4
  v3 = add v2, v1  ; 2:4
  v4 = tuple.new v2, v3
  return v4
}
`;
    const m = parse(text);
    const s = moduleSites(m);
    expect(s.map((x) => x.ordinal)).toEqual([0, 1, 0]);
    expect(s[0]!.id).not.toBe(s[1]!.id);
    expect(s[2]!.kinds).toEqual(['alloc']);
    const moved = moduleSites(parse(text.replace(/2:4/g, '3:4')));
    expect(moved[0]!.id).not.toBe(s[0]!.id);
    const renamed = moduleSites(parse(text.replace('"f"', '"g"')));
    expect(renamed[0]!.id).not.toBe(s[0]!.id);
  });

  it('give each op the record kinds the runtime may write', () => {
    expect(siteKindsOf('add')).toEqual(['types', 'deopt']);
    expect(siteKindsOf('lt')).toEqual(['types', 'deopt']);
    expect(siteKindsOf('getattr')).toEqual(['types']);
    expect(siteKindsOf('call')).toEqual(['calltargets', 'deopt']);
    expect(siteKindsOf('callmethod')).toEqual(['types', 'calltargets', 'deopt']);
    expect(siteKindsOf('brif')).toEqual(['branch']);
    expect(siteKindsOf('guard.int')).toEqual(['guard']);
    expect(siteKindsOf('list.new')).toEqual(['alloc']);
    expect(siteKindsOf('loop')).toEqual(['loop']);
    expect(siteKindsOf('i64.add')).toEqual([]);
    expect(siteKindsOf('is')).toEqual([]);
  });

  it('find loop headers and encode a site table', () => {
    const m = parse(fixture('binop-int.moltir'));
    expect(loopHeaders(m.functions[0]!)).toEqual([1]);
    const table = JSON.parse(new TextDecoder().decode(encodeSiteTable(m))) as { module: string; sites: { id: string; op: string }[] };
    expect(table.module).toBe('m');
    expect(table.sites.map((s) => s.id)).toEqual(moduleSites(m).map((s) => s.id));
    expect(programSites({ modules: [m], main: 'm' }).size).toBe(table.sites.length);
  });
});

function optimize(text: string, profile?: RuntimeProfile): { before: Module; after: Module; changed: boolean } {
  const before = parse(text);
  const after = parse(text);
  const res = new PassManager({ pipeline: [], runtimeProfile: profile ?? profileFromDirectives(after, text), verifyEach: true }).runModule(after);
  expect(res.diagnostics).toEqual([]);
  expect(verifyModule(after)).toEqual([]);
  return { before, after, changed: res.changedBy.length > 0 };
}

describe('profile-guided pass (golden .moltir files)', () => {
  for (const f of CASES) {
    it(f, () => {
      const text = fixture(f);
      const { before, after, changed } = optimize(text);
      const out = printModule(after);
      if (/^; expect: unchanged$/m.test(text)) {
        expect(changed).toBe(false);
        expect(out).toBe(printModule(before));
        return;
      }
      expect(changed).toBe(true);
      expect(out).not.toBe(printModule(before));
      golden(join(DIR, f.replace(/\.moltir$/, '.expected.moltir')), out);
      expect(printModule(parse(out))).toBe(out);
    });
  }

  it('is added first only when a profile is supplied', () => {
    expect(new PassManager({ profile: 'release' }).pipeline).not.toContain(profileGuidedPass);
    const m = parse(fixture('binop-int.moltir'));
    const pm = new PassManager({ profile: 'release', runtimeProfile: profileFromDirectives(m, '') });
    expect(pm.pipeline[0]).toBe(profileGuidedPass);
    expect(pm.pipeline.slice(1)).toEqual(new PassManager({ profile: 'release' }).pipeline);
  });

  it('ignores site ids the program does not have', () => {
    const text = fixture('binop-int.moltir');
    const m = parse(text);
    const real = profileFromDirectives(m, text);
    const foreign: RuntimeProfile = { ...real, sites: new Map([...real.sites].map(([id, p]) => [fnv1a64(id), p])) };
    const { before, after, changed } = optimize(text, foreign);
    expect(changed).toBe(false);
    expect(printModule(after)).toBe(printModule(before));
  });
});

const int = (v: bigint): PyVal => ({ t: 'int', v });
const flt = (v: number): PyVal => ({ t: 'float', v });
const fun = (f: number): PyVal => ({ t: 'func', f });
const meth = (f: number): PyVal => ({ t: 'method', f });
const show = (f: () => PyVal): string => {
  try {
    return JSON.stringify(f(), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? '-0' : v));
  } catch (e) {
    return `raised ${(e as Error).message}`;
  }
};

/** Inputs per fixture: argument lists for f0. */
const INPUTS: Record<string, PyVal[][]> = {
  'binop-int.moltir': [[int(0n)], [int(3n)], [int(20n)], [flt(2.5)], [int(-1n)]],
  'binop-float.moltir': [[flt(1.5), flt(2.0)], [flt(-0.0), flt(3.0)], [int(2n), int(3n)], [flt(1.0), flt(0.0)], [int(2n ** 47n - 1n), flt(NaN)], [flt(1e308), flt(10)]],
  'polymorphic.moltir': [[int(1n), int(2n)], [flt(0.5), int(2n)]],
  'branch-layout.moltir': [[int(0n)], [int(7n)], [flt(0.0)]],
  'call-target.moltir': [[fun(1)], [fun(2)]],
  'method-target.moltir': [[meth(1), int(5n)], [meth(2), int(5n)], [fun(3), int(5n)]],
};

/** A deliberately wrong profile: every site claims whatever `claim` says, with high counts. */
function wrongProfile(m: Module, claim: 'int' | 'float' | 'taken' | 'not-taken'): RuntimeProfile {
  const sites = new Map<string, SiteProfile>();
  for (const fn of m.functions) {
    for (const s of functionSites(m, fn)) {
      const tag = claim === 'float' ? 'float,float' : 'int,int';
      if (s.kinds.includes('types')) sites.set(s.id, { types: { kind: 'types', site: s.id, executions: 1000, counts: { [tag]: 1000 } } });
      if (s.kinds.includes('branch')) sites.set(s.id, { branch: { kind: 'branch', site: s.id, executions: 1000, taken: claim === 'not-taken' ? 0 : 1000, notTaken: claim === 'not-taken' ? 1000 : 0 } });
      if (s.kinds.includes('calltargets')) sites.set(s.id, { calltargets: { kind: 'calltargets', site: s.id, executions: 1000, counts: { 'm:triple': 1000 } } });
    }
  }
  return { identity: { main: m.name, modules: [], compiler: { version: 'x', opTableHash: 'x', siteIdScheme: 1 } }, runs: 1, sites };
}

describe('a profile never changes semantics (reference interpreter)', () => {
  for (const f of CASES) {
    const text = fixture(f);
    const profiles: [string, (m: Module) => RuntimeProfile][] = [
      ['its own profile', (m) => profileFromDirectives(m, text)],
      ...(['int', 'float', 'taken', 'not-taken'] as const).map((c): [string, (m: Module) => RuntimeProfile] => [`a wrong '${c}' profile`, (m) => wrongProfile(m, c)]),
    ];
    for (const [what, mk] of profiles) {
      it(`${f} with ${what}`, () => {
        const { before, after } = optimize(text, mk(parse(text)));
        for (const args of INPUTS[f]!) expect(show(() => run(after, 0, args))).toBe(show(() => run(before, 0, args)));
      });
    }
  }

  it('in the full release pipeline too', () => {
    for (const f of CASES) {
      const text = fixture(f);
      const before = parse(text);
      const after = parse(text);
      const res = new PassManager({ profile: 'release', runtimeProfile: profileFromDirectives(after, text), verifyEach: true }).runModule(after);
      expect(res.diagnostics).toEqual([]);
      if (/^; expect: unchanged$/m.test(text)) expect(res.changedBy).not.toContain('profile-guided');
      else expect(res.changedBy[0]).toBe('profile-guided');
      for (const args of INPUTS[f]!) expect(show(() => run(after, 0, args))).toBe(show(() => run(before, 0, args)));
    }
  });

  it('the wrong profiles do specialise (so the fallback paths really run)', () => {
    const text = fixture('binop-float.moltir');
    const { after } = optimize(text, wrongProfile(parse(text), 'int'));
    expect(printModule(after)).toMatch(/guard\.int/);
    const call = fixture('call-target.moltir');
    const r = optimize(call, wrongProfile(parse(call), 'int'));
    expect(printModule(r.after)).toMatch(/guard\.code v1, f2/);
  });
});

describe('instrument pass', () => {
  const instrument = (text: string, profile?: RuntimeProfile): { m: Module; sites: ReturnType<typeof moduleSites> } => {
    const m = parse(text);
    const sites = moduleSites(m);
    const res = new PassManager({ pipeline: [], instrument: true, verifyEach: true, ...(profile === undefined ? {} : { runtimeProfile: profile }) }).runModule(m);
    expect(res.diagnostics).toEqual([]);
    expect(verifyModule(m)).toEqual([]);
    return { m, sites };
  };

  it('inserts one profile op per site (golden), keeps site ids and stores the site table', () => {
    const text = fixture('binop-int.moltir');
    const { m, sites } = instrument(text);
    golden(join(DIR, 'instrumented', 'binop-int.expected.moltir'), printModule(m));
    // Inserted ops carry no location: the sites of the instrumented IR are the frontend's.
    expect(moduleSites(m).map((s) => s.id)).toEqual(sites.map((s) => s.id));
    expect(m.siteTable).toEqual(encodeSiteTable(parse(text)));
    const table = JSON.parse(new TextDecoder().decode(m.siteTable)) as { sites: { id: string }[] };
    expect(table.sites.map((s) => s.id)).toEqual(sites.map((s) => s.id));
    // Every instruction site's index appears in exactly one profile op (loop sites in two: entry and back edge).
    const fn = m.functions[0]!;
    const uses = new Map<number, string[]>();
    for (const b of fn.layout) for (const id of fn.blocks[b]!.insts) {
      const inst = fn.insts[id]!;
      if (inst.op.startsWith('profile.')) uses.set(Number(inst.imms[0]), [...(uses.get(Number(inst.imms[0])) ?? []), `${inst.op} ${inst.imms.slice(1).join(' ')}`.trim()]);
    }
    expect(sites.map((s, i) => `${s.op}: ${(uses.get(i) ?? []).sort().join(', ')}`)).toEqual([
      'loop: profile.count 0, profile.count 1', 'lt: profile.types', 'truthy: profile.types', 'brif: profile.branch', 'iadd: profile.types', 'mul: profile.types', 'add: profile.types',
    ]);
  });

  it('counts what really happens (reference interpreter) and keeps the results', () => {
    const text = fixture('binop-int.moltir');
    const { m, sites } = instrument(text);
    const events: string[] = [];
    const n = 10n;
    expect(run(m, 0, [{ t: 'int', v: n }], undefined, events)).toEqual(run(parse(text), 0, [{ t: 'int', v: n }]));
    const ix = (op: string): number => sites.findIndex((s) => s.op === op);
    const count = (line: string): number => events.filter((e) => e === line).length;
    expect(count(`count ${ix('loop')} 0`)).toBe(1); // entered once
    expect(count(`count ${ix('loop')} 1`)).toBe(10); // ten back edges
    expect(count(`branch ${ix('brif')} 1`)).toBe(10);
    expect(count(`branch ${ix('brif')} 0`)).toBe(1);
    expect(count(`types ${ix('lt')} int,int`)).toBe(11);
    expect(count(`types ${ix('mul')} int,float`)).toBe(1);
    expect(events.filter((e) => e.startsWith('deopt'))).toEqual([]);
  });

  it('with a profile too: failure paths of speculated sites count deopts with their reason', () => {
    const text = fixture('binop-int.moltir');
    const profile = profileFromDirectives(parse(text), text);
    const { m, sites } = instrument(text, profile);
    const fn = m.functions[0]!;
    const deopts = fn.layout.flatMap((b) => fn.blocks[b]!.insts.map((id) => fn.insts[id]!)).filter((i) => i.op === 'profile.deopt');
    // `lt` (two type guards) and `iadd` (one type guard: its other operand is the constant 1; and
    // the overflow check) are speculated; each edge into a failure path counts.
    const reasons = deopts.map((d) => `${sites[Number(d.imms[0])]!.op}:${String(d.imms[1])}`).sort();
    expect(reasons).toEqual(['iadd:0', 'iadd:1', 'lt:0', 'lt:0']);
    // A float where the profile said int takes the failure path, counted as a type deopt; the result is unchanged.
    const events: string[] = [];
    const ref = run(parse(text), 0, [{ t: 'float', v: 3.5 }]);
    expect(run(m, 0, [{ t: 'float', v: 3.5 }], undefined, events)).toEqual(ref);
    expect(events.some((e) => e === `deopt ${sites.findIndex((s) => s.op === 'lt')} 0`)).toBe(true);
  });

  it('is added first (before profile-guided) only when instrumenting', () => {
    const m = parse(fixture('binop-int.moltir'));
    expect(new PassManager({ profile: 'release' }).pipeline.map((p) => p.name)).not.toContain('instrument');
    const pm = new PassManager({ profile: 'release', instrument: true, runtimeProfile: profileFromDirectives(m, '') });
    expect(pm.pipeline.slice(0, 2)).toEqual([instrumentPass, profileGuidedPass]);
    expect(m.siteTable).toBeUndefined();
  });
});
