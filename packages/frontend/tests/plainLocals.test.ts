// plainLocals.test.ts — which locals the frontend keeps alive to the end of
// the function (keepalive) and which hold only plain values.

import { parse } from '@molt/frontend';
import { plainLocals } from '../src/plainLocals.js';

function plainOf(src: string): string[] {
  const r = parse(src, 't.py');
  const def = r.ast.body[0]!;
  if (def.kind !== 'FunctionDef') throw new Error('expected a def');
  return [...plainLocals(def.body)].sort();
}

describe('plainLocals', () => {
  it('takes numbers, bools, strs and arithmetic, and range loop targets', () => {
    expect(plainOf('def f(n):\n    a = 0\n    b = a * 2 + n\n    c = a < b\n    s = f"{a}"\n    a += 1\n    for i in range(n):\n        b = -b\n    return a\n')).toEqual(['a', 'b', 'c', 'i', 's']);
  });

  it('leaves out any name also bound to something else', () => {
    const src = [
      'def f(xs, g):',
      '    a = 0',
      '    a = g()',
      '    b = 1',
      '    for b in xs:',
      '        pass',
      '    c = 2',
      '    if (c := g()):',
      '        pass',
      '    d = 3',
      '    try:',
      '        pass',
      '    except ValueError as d:',
      '        pass',
      '    e = 4',
      '    with g() as e:',
      '        pass',
      '    h = 5',
      '    x, h = g()',
      '    k = 6',
      '    match g():',
      '        case [k]:',
      '            pass',
      '    m = 7',
      '    import os as m',
      '    n = 8',
      '    ys = [(n := y) for y in xs]',
      '    ok = 9',
      '',
    ].join('\n');
    expect(plainOf(src)).toEqual(['ok']);
  });
});
