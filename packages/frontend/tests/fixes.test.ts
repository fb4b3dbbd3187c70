// fixes.test.ts — targeted checks of lowering details that CPython's
// observable behaviour depends on: method lookup before arguments, signed
// literal patterns, `{expr=}` text, frame introspection builtins, constant
// set displays, function docstrings. The fixtures/lower goldens hold the full IR.

import { printModule, verifyModule } from '@molt/ir';
import { compileSource, parse } from '@molt/frontend';

function ir(src: string): string {
  const r = compileSource(src, 't.py');
  expect(r.diagnostics).toEqual([]);
  expect(verifyModule(r.module!)).toEqual([]);
  return printModule(r.module!);
}

/** The op names of the printed IR, in order. */
function ops(text: string): string[] {
  return [...text.matchAll(/^\s+(?:v\d+ = )?([a-z][\w.]*)/gm)].map((m) => m[1]!);
}

describe('method calls', () => {
  it('look the method up before evaluating the arguments', () => {
    const o = ops(ir('o.m(g(), k=h())\n'));
    const load = o.indexOf('method.load');
    expect(load).toBeGreaterThanOrEqual(0);
    expect(o.indexOf('call')).toBeGreaterThan(load);
    expect(o).toContain('method.call.kw');
    expect(o).not.toContain('callmethod');
    expect(o).not.toContain('callmethod.kw');
  });

  it('use a bound method when an argument may suspend (no METHOD word in a generator slot)', () => {
    const text = ir('def g(o):\n    o.send((yield 1))\n');
    expect(text).not.toContain('method.load');
    const o = ops(text);
    expect(o.indexOf('getattr')).toBeLessThan(o.indexOf('gen.yield'));
  });
});

describe('literal patterns', () => {
  const values = (src: string): unknown[] => {
    const r = parse(src, 't.py');
    expect(r.diagnostics).toEqual([]);
    const m = r.ast.body[0]!;
    if (m.kind !== 'Match') throw new Error('not a match');
    return m.cases.map((c) => c.pattern);
  };

  it('keep the sign of negative numbers', () => {
    const [p1, p2] = values('match x:\n    case -1: pass\n    case {-2.5: v}: pass\n') as { kind: string; value?: unknown; keys?: unknown[] }[];
    expect(p1).toMatchObject({ kind: 'MatchValue', value: { kind: 'UnaryOp', op: 'neg', operand: { kind: 'Constant', value: { kind: 'int', value: 1n } } } });
    expect(p2).toMatchObject({ kind: 'MatchMapping', keys: [{ kind: 'UnaryOp', op: 'neg', operand: { kind: 'Constant', value: { kind: 'float', value: 2.5 } } }] });
  });

  it('bind `as` names and treat `(p)` as a group', () => {
    const [p] = values('match x:\n    case [int() as a, ("n" | "s") as d]: pass\n');
    expect(p).toMatchObject({ kind: 'MatchSequence', patterns: [{ kind: 'MatchAs', name: 'a', pattern: { kind: 'MatchClass' } }, { kind: 'MatchAs', name: 'd', pattern: { kind: 'MatchOr' } }] });
  });
});

describe('f-string `=`', () => {
  it('keeps the expression text and the whitespace around =', () => {
    const text = ir('w = 1\nf"{w * 2 = }{w=}{ w =:5}{w = !r}"\n');
    for (const s of ['"w * 2 = "', '"w="', '" w ="', '"w = "']) expect(text).toContain(`const.str ${s}`);
  });
});

describe('globals(), locals(), vars(), dir()', () => {
  it('read the frame when the name is the builtin', () => {
    const text = ir('def f(a):\n    if a:\n        b = a\n    return locals()\n');
    expect(text).toContain('builtin');
    expect(text).toContain('unbound.is');
    expect(text).toContain('const.str "a"');
    expect(text).toContain('const.str "b"');
    expect(text).toContain('const.str "pop"');
  });

  it('calls a local of that name as usual', () => {
    const text = ir('def f(locals):\n    return locals()\n');
    expect(text).not.toContain('builtin');
    expect(text).not.toContain('unbound.is');
  });

  it('returns the globals dict for globals() and module-level locals()', () => {
    const text = ir('globals()\nlocals()\n');
    expect(ops(text).filter((o) => o === 'dict.new')).toEqual([]);
  });
});

describe('set displays', () => {
  it('build three or more constants with set.new_const', () => {
    expect(ops(ir('{1, -2, "a", (1, 2)}\n'))).toContain('set.new_const');
    expect(ops(ir('{1, 2}\n'))).not.toContain('set.new_const');
    expect(ops(ir('{1, 2, x}\n'))).not.toContain('set.new_const');
  });
});

describe('docstrings', () => {
  it('set __doc__ of a function before its decorators run', () => {
    const o = ops(ir('@d\ndef f():\n    "Doc."\n'));
    const set = o.indexOf('setattr');
    expect(set).toBeGreaterThan(o.indexOf('func.new'));
    expect(o.lastIndexOf('call')).toBeGreaterThan(set);
  });
});

describe('bitwise operator precedence', () => {
  /** The AST of one expression statement, printed with explicit parentheses. */
  const shape = (src: string): string => {
    const r = parse(src, 't.py');
    expect(r.diagnostics).toEqual([]);
    const st = r.ast.body[0]!;
    if (st.kind !== 'Expr') throw new Error('not an expression');
    const show = (e: typeof st.value): string => {
      if (e.kind === 'BinOp') return `(${show(e.left)} ${e.op} ${show(e.right)})`;
      if (e.kind === 'Name') return e.id;
      return '?';
    };
    return show(st.value);
  };

  it('binds & tighter than ^ and ^ tighter than | (tree-sitter swaps & and ^)', () => {
    expect(shape('a | b ^ c & d << e\n')).toBe('(a bitor (b bitxor (c bitand (d lshift e))))');
    expect(shape('a & b ^ c & d\n')).toBe('((a bitand b) bitxor (c bitand d))');
    expect(shape('a ^ b ^ c | d\n')).toBe('(((a bitxor b) bitxor c) bitor d)');
    expect(shape('a ^ (b | c) & d\n')).toBe('(a bitxor ((b bitor c) bitand d))');
  });
});

describe('qualnames', () => {
  it('skip inlined list comprehensions (PEP 709) but not generator expressions', () => {
    const text = ir('def f():\n    return [lambda: 0 for _ in ()], (lambda: 0 for _ in ())\n');
    expect(text).toContain('"qualname":"f.<locals>.<lambda>"');
    expect(text).toContain('"qualname":"f.<locals>.<genexpr>.<locals>.<lambda>"');
  });
});

describe('class cell', () => {
  it('passes __classcell__ in the namespace to the metaclass, filling the cell only when it stayed empty', () => {
    const o = ops(ir('class C:\n    def m(self):\n        return __class__\n'));
    const text = ir('class C:\n    def m(self):\n        return __class__\n');
    expect(text).toContain('const.str "__classcell__"');
    const newAt = o.indexOf('class.new');
    expect(o.lastIndexOf('setitem', newAt)).toBeGreaterThan(o.indexOf('func.new'));
    expect(o.indexOf('cell.peek', newAt)).toBeGreaterThan(newAt);
    expect(o.indexOf('cell.set', newAt)).toBeGreaterThan(o.indexOf('cell.peek', newAt));
  });
});

describe('star calls', () => {
  it('pass a lone *x to call.ex as is (CPython names the callee when x is not iterable)', () => {
    const lone = ops(ir('f(*x, k=1)\n'));
    expect(lone).toContain('call.ex');
    expect(lone).not.toContain('list.to_tuple');
    expect(lone).not.toContain('list.extend');
    const mixed = ops(ir('f(1, *x)\n'));
    expect(mixed).toContain('list.extend');
    expect(mixed).toContain('list.to_tuple');
  });
});
