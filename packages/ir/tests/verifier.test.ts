import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModule, printWithErrors, verifyFunction, verifyModule, ModuleBuilder, type Function, type ValueId } from '../src/index.js';
import { FIXTURES, golden, sampleModule } from './helpers.js';

const DIR = join(FIXTURES, 'verify');

/** Strip `; error:` lines so a fixture is its own input. */
function input(text: string): string {
  return text.split('\n').filter((l) => !/^\s*; error:/.test(l)).join('\n');
}

describe('verifier', () => {
  it('accepts valid IR', () => {
    expect(verifyModule(sampleModule())).toEqual([]);
  });

  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.moltir'))) {
    it(`reports every error of ${f} under its line`, () => {
      const path = join(DIR, f);
      const r = parseModule(input(readFileSync(path, 'utf8')), f);
      expect(r.diagnostics).toEqual([]);
      const m = r.value!;
      const errors = verifyModule(m);
      expect(errors.length).toBeGreaterThan(0);
      const head = `module ${JSON.stringify(m.name)} file ${JSON.stringify(m.file)} init f${m.init}\n`;
      golden(path, [head, ...m.functions.map((fn) => printWithErrors(fn, errors))].join('\n'));
    });
  }

  function errorsOf(text: string): string[] {
    const r = parseModule('module "m" file "m.py" init f0\n' + text);
    expect(r.diagnostics).toEqual([]);
    return verifyModule(r.value!).map((e) => e.code);
  }

  it('checks dominance of uses across blocks', () => {
    expect(errorsOf('function f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  v1 = truthy v0\n  brif v1, block1, block2\nblock1:\n  v2 = const.none\n  jump block3\nblock2:\n  jump block3\nblock3:\n  return v2\n}\n')).toEqual(['MOLT3008']);
  });

  it('checks uses before definitions within a block', () => {
    expect(errorsOf('function f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  v2 = add v1, v0\n  v1 = const.none\n  return v2\n}\n')).toEqual(['MOLT3008']);
  });

  it('checks that unwind arguments are defined at the block start', () => {
    expect(errorsOf('function f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  jump block1\nblock1 unwind block2(v3):\n  v3 = const.none\n  return v3\nblock2(v4: obj):\n  return v4\n}\n')).toEqual(['MOLT3014']);
  });

  it('checks the entry block against the function signature', () => {
    expect(errorsOf('function f0 "f"(v0: obj, v1: obj) -> obj {\nblock0(v0: obj):\n  return v0\n}\n')).toEqual(['MOLT3011']);
  });

  it('checks immediates built in memory', () => {
    const mb = new ModuleBuilder({ name: 'm', file: 'm.py' });
    const fb = mb.createFunction('f', ['obj']);
    mb.setInit(fb.fn.id);
    const v = fb.value('const.int', [], { imms: [3] });
    fb.value('iconst', [], { imms: [1.5] });
    fb.ins('return', [v]);
    const fn: Function = fb.finish();
    const errs = verifyFunction(fn, { functionCount: 1 });
    expect(errs.map((e) => e.code)).toEqual(['MOLT3005', 'MOLT3005']);
    expect(errs[0]!.inst).toBe(fn.blocks[0]!.insts[0]);
    expect(printWithErrors(fn, errs)).toContain('v1 = const.int 3\n  ; error: MOLT3005');
    void (0 as unknown as ValueId);
  });
});
