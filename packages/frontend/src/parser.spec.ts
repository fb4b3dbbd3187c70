// parser.spec.ts — the plain-JS mirror of the CST (`mirrorTree`) agrees, node by
// node, with the native tree-sitter nodes: type, named-ness, extent, children and
// fields — on edge cases and on every conformance program.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Cst, type CstNode, mirrorTree, parseCst, rootOf } from './parser.js';

/** Every field name of the Python grammar. */
const FIELD_NAMES = [...new Set(
  (createRequire(import.meta.url)('tree-sitter-python') as { nodeTypeInfo: { fields?: Record<string, unknown> }[] }).nodeTypeInfo.flatMap((t) => Object.keys(t.fields ?? {})),
)].sort();

/** Differences between a mirror node and its native node, recursively (empty when they agree). */
function compare(m: Cst, n: CstNode, where: string, out: string[]): void {
  if (out.length > 10) return;
  const at = `${where}/${n.type}@${n.startIndex}`;
  if (m.type !== n.type || m.isNamed !== n.isNamed || m.startIndex !== n.startIndex || m.endIndex !== n.endIndex) {
    out.push(`${at}: mirror ${m.type} named=${m.isNamed} [${m.startIndex},${m.endIndex}) vs native named=${n.isNamed} [${n.startIndex},${n.endIndex})`);
    return;
  }
  const kids = n.children;
  if (kids.length !== m.children.length) {
    out.push(`${at}: ${m.children.length} children vs ${kids.length}`);
    return;
  }
  const index = new Map(kids.map((k, i) => [k.id, i]));
  for (const f of kids.length === 0 ? [] : FIELD_NAMES) {
    const native = n.childrenForFieldName(f).map((k) => index.get(k.id));
    const mirror = m.children.flatMap((k, i) => (k.field === f ? [i] : []));
    if (native.join() !== mirror.join()) out.push(`${at}: field '${f}' children [${mirror.join()}] vs [${native.join()}]`);
  }
  kids.forEach((k, i) => compare(m.children[i]!, k, at, out));
}

function differences(src: string): string[] {
  const tree = parseCst(src);
  const root = rootOf(tree);
  expect(root.hasError).toBe(false);
  const out: string[] = [];
  compare(mirrorTree(tree, src), root, '', out);
  return out;
}

describe('mirrorTree', () => {
  it('matches the native nodes on edge cases', () => {
    const cases = [
      'x = 1\n',
      'if a not  in b and c is   not d: pass\n',
      'if a not in b or c is not d: pass\n',
      'é = ñ + x1é\nαβ = 2\nprint = 3\nmatch = 4\ntype = 5\nexec(1)\n',
      'x = [1,\n  2]  # comment\ny = 1 + \\\n  2\n',
      'f"{x!r:>{w}} {y=} {{z}}" b"\\xff" rb"\\d" "a" "b"\n',
      'def f[T, *Ts, **P](a, /, b: int = 1, *c, d, **e) -> None:\n    return await g(x async for x in y if x)\n',
      'class C[T: int](B, metaclass=M):\n    x: int = 1\n',
      'match p:\n    case {"a": 1, **rest} | [1, *_] | C(x, y=2) if p: pass\n    case -1+2j: pass\n',
      'try:\n    pass\nexcept* (A, B) as e:\n    pass\nfinally:\n    pass\n',
      'type X[T] = list[T]\nlambda x, *y: x[1:2, ::3]\n',
      'x = "tab\\there"\r\ny = 2\r\n',
      'with (a as b, c as d): yield from e\n',
      's = "😀 ok"; t = 1\n',
    ];
    for (const c of cases) expect([c, differences(c)]).toEqual([c, []]);
  });

  const root = path.join(process.env.MOLT_SHARED_DIR ?? path.resolve(fileURLToPath(import.meta.url), '../../../../../shared'), 'conformance');
  (fs.existsSync(root) ? it : it.skip)('matches the native nodes on every conformance program', () => {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.py') ? [path.join(dir, e.name)] : []));
    const bad: string[] = [];
    let checked = 0;
    for (const f of files(root).sort()) {
      const src = fs.readFileSync(f, 'utf8');
      if (rootOf(parseCst(src)).hasError) continue;
      checked++;
      const d = differences(src);
      if (d.length > 0) bad.push(`${f}: ${d.join('; ')}`);
    }
    expect(FIELD_NAMES.length).toBeGreaterThan(20);
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });
});
