import { join } from 'node:path';
import { parseModule, parseProgram, printModule, printProgram, printFloat, verifyModule } from '../src/index.js';
import { FIXTURES, golden, sampleModule } from './helpers.js';

const FIX = join(FIXTURES, 'text');

describe('.moltir printer and reader', () => {
  it('prints the sample module as in the golden file', () => {
    golden(join(FIX, 'sample.moltir'), printModule(sampleModule()));
  });

  it('round-trips: print(parse(print(m))) === print(m)', () => {
    const m = sampleModule();
    expect(verifyModule(m)).toEqual([]);
    const text = printModule(m);
    const r = parseModule(text, 'sample.moltir');
    expect(r.diagnostics).toEqual([]);
    expect(printModule(r.value!)).toBe(text);
    expect(verifyModule(r.value!)).toEqual([]);
  });

  it('keeps immediates exact', () => {
    const r = parseModule(printModule(sampleModule()));
    const imms = r.value!.functions[0]!.insts.flatMap((i) => i.imms);
    expect(imms).toContain(123456789012345678901234567890n);
    expect(imms).toContain('a "quoted"; str\n\u00e9\ud800');
    expect(imms.some((x) => Object.is(x, -0))).toBe(true);
    expect(imms.some((x) => typeof x === 'number' && Number.isNaN(x))).toBe(true);
    expect(imms).toContain(5e-324);
    expect(imms).toContain(-9007199254740993n);
    const bytes = imms.find((x) => x instanceof Uint8Array) as Uint8Array;
    expect([...bytes]).toEqual([0, 65, 34, 92, 255, 10]);
  });

  it('prints floats so that they read back bit-exactly', () => {
    expect(printFloat(1)).toBe('1.0');
    expect(printFloat(-0)).toBe('-0.0');
    expect(printFloat(NaN)).toBe('nan');
    expect(printFloat(-Infinity)).toBe('-inf');
    expect(printFloat(1e21)).toBe('1e+21');
  });

  it('round-trips a program', () => {
    const p = { modules: [sampleModule()], main: '__main__' };
    const text = printProgram(p);
    const r = parseProgram(text);
    expect(r.diagnostics).toEqual([]);
    expect(printProgram(r.value!)).toBe(text);
  });

  const bad: [string, string, string, number][] = [
    ['unknown op', 'module "m" file "m.py" init f0\nfunction f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  v1 = frobnicate v0\n  return v1\n}\n', 'MOLT3102', 4],
    ['undefined value', 'module "m" file "m.py" init f0\nfunction f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  return v9\n}\n', 'MOLT3103', 4],
    ['undefined block', 'module "m" file "m.py" init f0\nfunction f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  jump block4\n}\n', 'MOLT3106', 4],
    ['bad immediate kind', 'module "m" file "m.py" init f0\nfunction f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  v1 = const.int "x"\n  return v1\n}\n', 'MOLT3105', 4],
    ['duplicate definition', 'module "m" file "m.py" init f0\nfunction f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  v0 = const.none\n  return v0\n}\n', 'MOLT3104', 4],
    ['unterminated string', 'module "m" file "m.py" init f0\nfunction f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  v1 = const.str "abc\n  return v0\n}\n', 'MOLT3101', 4],
    ['function out of order', 'module "m" file "m.py" init f0\nfunction f2 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  return v0\n}\n', 'MOLT3107', 2],
    ['unclosed function', 'module "m" file "m.py" init f0\nfunction f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  return v0\n', 'MOLT3109', 2],
    ['missing result', 'module "m" file "m.py" init f0\nfunction f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):\n  const.none\n  return v0\n}\n', 'MOLT3105', 4],
    ['bad py json', 'module "m" file "m.py" init f0\nfunction f0 "f"(v0: obj) -> obj {\n  py {"name": 1}\nblock0(v0: obj):\n  return v0\n}\n', 'MOLT3108', 3],
    ['empty', '', 'MOLT3109', 1],
  ];
  it.each(bad)('reports %s as a diagnostic with its line', (_name, text, code, line) => {
    const r = parseModule(text, 'bad.moltir');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]!.code).toBe(code);
    expect(r.diagnostics[0]!.line).toBe(line);
    expect(r.diagnostics[0]!.file).toBe('bad.moltir');
    expect(r.diagnostics[0]!.column).toBeGreaterThanOrEqual(1);
  });

  it('reads location comments and ignores other comments', () => {
    const r = parseModule('module "m" file "m.py" init f0\n; a comment\nfunction f0 "f"(v0: obj) -> obj {\nblock0(v0: obj):  ; entry\n  return v0  ; 7:3\n}\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.functions[0]!.insts[0]!.loc).toEqual({ line: 7, col: 3 });
  });
});
