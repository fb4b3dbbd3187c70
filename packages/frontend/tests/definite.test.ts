// definite.test.ts — UnboundLocalError checks only where a local may be
// unbound; unboxed conditions for identity/membership tests.

import { printModule } from '@molt/ir';
import { compileSource } from '@molt/frontend';

function ir(src: string): string {
  const r = compileSource(src, 't.py');
  expect(r.diagnostics).toEqual([]);
  return printModule(r.module!);
}

function fnText(text: string, name: string): string {
  const start = text.indexOf(`"${name}"(`);
  expect(start).toBeGreaterThan(0);
  const end = text.indexOf('\n}\n', start);
  return text.slice(start, end);
}

describe('definite assignment', () => {
  it('emits no unbound check for locals always assigned before use in loops', () => {
    const t = ir('def f(n):\n    total = 0\n    i = 0\n    while i < n:\n        x = i * 2\n        total += x\n        i += 1\n    return total\n');
    expect(fnText(t, 'f')).not.toContain('unbound.is');
    expect(fnText(t, 'f')).not.toContain('UnboundLocalError');
  });

  it('keeps the check where the local may be unbound (conditional assignment, del)', () => {
    const t = ir('def g(c):\n    if c:\n        y = 1\n    return y\n\ndef h(v):\n    del v\n    return v\n');
    expect(fnText(t, 'g')).toContain('UnboundLocalError');
    expect(fnText(t, 'h')).toContain('UnboundLocalError');
  });

  it('keeps the exhaustion test of for loops', () => {
    const t = ir('def f(xs):\n    for x in xs:\n        y = x\n    return 0\n');
    expect(fnText(t, 'f')).toContain('iter.next');
    expect(fnText(t, 'f').match(/unbound\.is/g)?.length).toBe(1);
  });

  it('lowers `is`/`in` conditions to unboxed booleans (no box.bool + truthy)', () => {
    const t = fnText(ir('def f(a, b):\n    while a is not None and b:\n        if a in b:\n            return 1\n    return 0\n'), 'f');
    expect(t).not.toContain('box.bool');
    expect(t).toContain('contains');
  });
});

describe('annotations (PEP 484/526)', () => {
  it('stores module and class annotations, evaluates function annotations into __annotations__, never local ones', () => {
    const t = ir('x: int = 1\nclass K:\n    a: str\ndef f(p: int) -> bool:\n    q: undefined_name = 1\n    return q\n');
    expect(t).toContain('"__annotations__"');
    expect(fnText(t, 'f')).not.toContain('undefined_name');
    expect(t.indexOf('"return"')).toBeGreaterThan(0);
  });
});
