// scope.test.ts — CPython symbol-table rules through the lowering's view.

import { compileSource } from '@molt/frontend';
import { printModule } from '@molt/ir';

function ir(src: string): string {
  const r = compileSource(src, 't.py');
  expect(r.diagnostics).toEqual([]);
  return printModule(r.module!);
}

describe('scopes', () => {
  it('makes captured locals cells and reads them through the closure', () => {
    const text = ir('def f():\n    x = 1\n    def g():\n        return x\n    return g\n');
    expect(text).toContain('cell.new');
    expect(text).toMatch(/func\.closure v0, 0/);
    expect(text).toContain('cell.get');
  });

  it('uses globals for names declared global', () => {
    const text = ir('def f():\n    global G\n    G = 1\n');
    expect(text).toContain('global.set');
    expect(text).not.toContain('UnboundLocalError');
  });

  it('checks possibly unbound locals', () => {
    expect(ir('def f(c):\n    if c:\n        y = 1\n    return y\n')).toContain("cannot access local variable 'y'");
  });

  it('gives methods using super() the __class__ cell', () => {
    const text = ir('class A:\n    def m(self):\n        return super().m()\n');
    expect(text).toContain('class.prepare');
    expect(text).toContain('cell.set');
    expect(text).toContain('"__class__"');
  });

  it('reports nonlocal without a binding', () => {
    const r = compileSource('def f():\n    nonlocal zz\n', 't.py');
    expect(r.module).toBeUndefined();
    expect(r.diagnostics[0]!.code).toBe('MOLT1006');
  });
});
