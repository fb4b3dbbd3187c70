// parser.spec.ts — the plain-JS mirror of the CST (`mirrorTree`) agrees, node by
// node, with the native tree-sitter nodes: type, named-ness, extent, children and
// fields — on edge cases and on every conformance program; the grammar facts the
// walk relies on (which anonymous nodes have children, which nodes may begin or
// end with a hidden token) hold for tree-sitter-python's grammar.json.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ANON_WITH_CHILDREN, type Cst, type CstNode, mirrorTree, OWN_END_TYPES, OWN_START_TYPES, parseCst, rootOf } from './parser.js';

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

/** A rule of tree-sitter's grammar.json. */
interface Rule {
  type: string;
  name?: string;
  value?: string;
  named?: boolean;
  content?: Rule;
  members?: Rule[];
}

describe('grammar facts of the walk', () => {
  const grammar = createRequire(import.meta.url)('tree-sitter-python/src/grammar.json') as {
    rules: Record<string, Rule>; supertypes?: Rule[]; inline?: (Rule | string)[];
  };
  const rules = grammar.rules;
  /** Rules that never appear as nodes: `_name`, supertypes, inlined rules. */
  const hidden = new Set([...(grammar.supertypes ?? []), ...(grammar.inline ?? [])].map((r) => (typeof r === 'string' ? r : r.name!)));
  const isHidden = (name: string): boolean => name.startsWith('_') || hidden.has(name);
  const all = (r: Rule, visit: (r: Rule) => void): void => {
    visit(r);
    for (const c of r.members ?? (r.content === undefined ? [] : [r.content])) all(c, visit);
  };
  const nullable = (r: Rule, seen: Set<string>): boolean => {
    switch (r.type) {
      case 'BLANK': case 'REPEAT': return true;
      case 'STRING': case 'PATTERN': case 'TOKEN': case 'IMMEDIATE_TOKEN': case 'ALIAS': return false;
      case 'SYMBOL': {
        const body = rules[r.name!];
        if (body === undefined || seen.has(r.name!)) return false;
        return nullable(body, new Set([...seen, r.name!]));
      }
      case 'SEQ': return r.members!.every((m) => nullable(m, seen));
      case 'CHOICE': return r.members!.some((m) => nullable(m, seen));
      default: return nullable(r.content!, seen);
    }
  };
  /** True when `r` may produce a hidden token first (`dir` 1) or last (`dir` -1) among its nodes. */
  const edgeHidden = (r: Rule, dir: 1 | -1, seen: Set<string>): boolean => {
    switch (r.type) {
      case 'BLANK': case 'STRING': case 'ALIAS': return false;
      case 'PATTERN': case 'TOKEN': case 'IMMEDIATE_TOKEN': return true;
      case 'SYMBOL': {
        if (!isHidden(r.name!)) return false;
        const body = rules[r.name!];
        if (body === undefined) return true; // a hidden external token (newline, indent, dedent, string content)
        if (seen.has(r.name!)) return false;
        seen.add(r.name!);
        return edgeHidden(body, dir, seen);
      }
      case 'SEQ': {
        for (const m of dir === 1 ? r.members! : [...r.members!].reverse()) {
          if (edgeHidden(m, dir, seen)) return true;
          if (!nullable(m, new Set())) return false;
        }
        return false;
      }
      case 'CHOICE': return r.members!.some((m) => edgeHidden(m, dir, seen));
      default: return edgeHidden(r.content!, dir, seen);
    }
  };
  /** The rule bodies each visible node type is built from: its own rule and the rules aliased to its name. */
  const bodies = new Map<string, Rule[]>();
  const addBody = (type: string, r: Rule): void => void (bodies.get(type) ?? bodies.set(type, []).get(type)!).push(r);
  for (const [name, r] of Object.entries(rules)) if (!isHidden(name)) addBody(name, r);
  const anonAliasesOfSequences = new Set<string>();
  for (const r of Object.values(rules)) {
    all(r, (x) => {
      if (x.type !== 'ALIAS') return;
      const body = x.content!.type === 'SYMBOL' ? rules[x.content!.name!] : x.content!;
      if (x.named === true) addBody(x.value!, body ?? { type: 'PATTERN' });
      else if (x.content!.type !== 'STRING') anonAliasesOfSequences.add(x.value!);
    });
  }

  it('lists every anonymous node type that may have children', () => {
    expect([...anonAliasesOfSequences].filter((t) => !ANON_WITH_CHILDREN.has(t))).toEqual([]);
  });

  it('lists every node type that may begin or end with a hidden token', () => {
    const tokens = new Set(Object.entries(rules).filter(([, r]) => ['STRING', 'PATTERN', 'TOKEN', 'IMMEDIATE_TOKEN'].includes(r.type)).map(([n]) => n));
    const mayEdge = (dir: 1 | -1): string[] => [...bodies].filter(([t, bs]) => !tokens.has(t) && bs.some((b) => edgeHidden(b, dir, new Set()))).map(([t]) => t);
    expect(mayEdge(1).filter((t) => !OWN_START_TYPES.has(t))).toEqual([]);
    expect(mayEdge(-1).filter((t) => !OWN_END_TYPES.has(t))).toEqual([]);
    expect(mayEdge(-1)).toContain('module');
  });
});
