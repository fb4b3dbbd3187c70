// parse.test.ts — the typed AST: literals, f-strings, operators, parameters.

import { parse } from '@molt/frontend';
import type { Expr, Stmt } from '@molt/frontend';

function firstExpr(src: string): Expr {
  const r = parse(src, 't.py');
  expect(r.diagnostics).toEqual([]);
  const s = r.ast.body[0] as Stmt;
  if (s.kind === 'Expr') return s.value;
  if (s.kind === 'Assign') return s.value;
  throw new Error(`unexpected ${s.kind}`);
}

describe('literals', () => {
  it('decodes numbers', () => {
    expect(firstExpr('1_000')).toMatchObject({ kind: 'Constant', value: { kind: 'int', value: 1000n } });
    expect(firstExpr('0xff')).toMatchObject({ value: { kind: 'int', value: 255n } });
    expect(firstExpr('0o17')).toMatchObject({ value: { kind: 'int', value: 15n } });
    expect(firstExpr('0b101')).toMatchObject({ value: { kind: 'int', value: 5n } });
    expect(firstExpr('123456789012345678901234567890')).toMatchObject({ value: { kind: 'int', value: 123456789012345678901234567890n } });
    expect(firstExpr('1.5e3')).toMatchObject({ value: { kind: 'float', value: 1500 } });
    expect(firstExpr('2j')).toMatchObject({ value: { kind: 'complex', imag: 2 } });
  });

  it('decodes strings, escapes and implicit concatenation', () => {
    expect(firstExpr('"a\\tb" \'c\\x41\' "\\u00e9"')).toMatchObject({ value: { kind: 'str', value: 'a\tbcA\u00e9' } });
    expect(firstExpr('r"a\\n"')).toMatchObject({ value: { kind: 'str', value: 'a\\n' } });
    const b = firstExpr('b"\\x00\\xffz"');
    expect(b.kind === 'Constant' && b.value.kind === 'bytes' ? Array.from(b.value.value) : []).toEqual([0, 255, 122]);
    expect(firstExpr('"\\N{SNOWMAN}"')).toMatchObject({ value: { kind: 'str', value: '\u2603' } });
  });

  it('builds f-strings with conversions, nested specs and =', () => {
    const e = firstExpr('f"a{{b}} {x!r:>{w}} {y=}"');
    expect(e.kind).toBe('JoinedStr');
    if (e.kind !== 'JoinedStr') return;
    expect(e.values[0]).toMatchObject({ kind: 'Constant', value: { kind: 'str', value: 'a{b} ' } });
    expect(e.values[1]).toMatchObject({ kind: 'FormattedValue', conversion: 'r', formatSpec: { kind: 'JoinedStr' } });
    const eq = e.values[3]!;
    expect(eq).toMatchObject({ kind: 'JoinedStr', values: [{ kind: 'Constant', value: { kind: 'str', value: 'y=' } }, { kind: 'FormattedValue', conversion: 'r' }] });
  });
});

describe('expressions and statements', () => {
  it('chains comparisons and flattens boolean operators', () => {
    expect(firstExpr('a < b <= c')).toMatchObject({ kind: 'Compare', ops: ['lt', 'le'] });
    expect(firstExpr('a is not b')).toMatchObject({ kind: 'Compare', ops: ['isnot'] });
    expect(firstExpr('a not in b')).toMatchObject({ kind: 'Compare', ops: ['notin'] });
    expect(firstExpr('a and b and c')).toMatchObject({ kind: 'BoolOp', op: 'and', values: [{}, {}, {}] });
  });

  it('parses all parameter kinds', () => {
    const r = parse('def f(a, /, b=1, *c, d, e=2, **g): pass', 't.py');
    const s = r.ast.body[0]!;
    expect(s.kind).toBe('FunctionDef');
    if (s.kind !== 'FunctionDef') return;
    expect(s.args.posonly.map((p) => p.name)).toEqual(['a']);
    expect(s.args.args.map((p) => p.name)).toEqual(['b']);
    expect(s.args.vararg?.name).toBe('c');
    expect(s.args.kwonly.map((p) => p.name)).toEqual(['d', 'e']);
    expect(s.args.kwDefaults.map((d) => d !== undefined)).toEqual([false, true]);
    expect(s.args.kwarg?.name).toBe('g');
  });

  it('parses relative imports', () => {
    const r = parse('from ..pkg.mod import x as y', 't.py');
    expect(r.ast.body[0]).toMatchObject({ kind: 'ImportFrom', level: 2, module: 'pkg.mod', names: [{ name: 'x', asname: 'y' }] });
  });
});
