// parser.ts — tree-sitter-python wrapper: source text to a concrete syntax
// tree. Neighbours: astBuilder.ts turns the CST into ast.ts shapes.
//
// The tree-sitter JS wrapper patches the native `Tree.prototype.rootNode`
// when it is evaluated. A host that evaluates it twice in one process
// (jest creates a module registry per test file) breaks that getter, so
// the first working getter is kept under a global symbol and reused.

import { createRequire } from 'node:module';
import type ParserType from 'tree-sitter';
import { InternalError } from '@molt/ir';

const nodeRequire = createRequire(import.meta.url);

export type CstNode = ParserType.SyntaxNode;

const ROOT_GETTER = Symbol.for('molt.frontend.treeSitterRootNode');
/** The first working `TreeCursor.prototype.currentNode` accessor (`walk()` reads it), kept for the same reason. */
const CURSOR_NODE = Symbol.for('molt.frontend.treeSitterCursorNode');

type RootGetter = (this: ParserType.Tree) => CstNode | undefined;

let shared: ParserType | undefined;

/**
 * Node types that have fields (from the grammar's node-types.json); a child of any other node has no
 * field, so the walk does not ask. Undefined when the binding does not expose the table: ask always.
 */
let fieldParents: Set<string> | undefined;

function parser(): ParserType {
  if (shared === undefined) {
    const Parser = nodeRequire('tree-sitter') as typeof ParserType;
    const cursorProto = (Parser as unknown as { TreeCursor: { prototype: Record<string | symbol, unknown> } }).TreeCursor.prototype;
    const stashed = cursorProto[CURSOR_NODE] as PropertyDescriptor | undefined;
    if (stashed === undefined) cursorProto[CURSOR_NODE] = Object.getOwnPropertyDescriptor(cursorProto, 'currentNode');
    else Object.defineProperty(cursorProto, 'currentNode', stashed);
    const Python = nodeRequire('tree-sitter-python') as unknown as ParserType.Language;
    shared = new Parser();
    shared.setLanguage(Python);
    const info = (Python as unknown as { nodeTypeInfo?: { type: string; fields?: Record<string, unknown> }[] }).nodeTypeInfo;
    if (Array.isArray(info)) fieldParents = new Set(info.filter((t) => t.fields !== undefined && Object.keys(t.fields).length > 0).map((t) => t.type));
    const probe = shared.parse('');
    const proto = Object.getPrototypeOf(probe) as Record<symbol, RootGetter | undefined>;
    if (proto[ROOT_GETTER] === undefined && probe.rootNode !== undefined) {
      proto[ROOT_GETTER] = Object.getOwnPropertyDescriptor(proto, 'rootNode')?.get as RootGetter;
    }
  }
  return shared;
}

/** The root node of a tree, robust to a re-evaluated binding wrapper. */
export function rootOf(tree: ParserType.Tree): CstNode {
  const direct = tree.rootNode as CstNode | undefined;
  if (direct !== undefined) return direct;
  const getter = (Object.getPrototypeOf(tree) as Record<symbol, RootGetter | undefined>)[ROOT_GETTER];
  const viaStash = getter?.call(tree);
  if (viaStash === undefined) throw new InternalError('the tree-sitter binding returned no root node');
  return viaStash;
}

/** Parse Python source into a tree-sitter tree (never throws on bad input). */
export function parseCst(source: string): ParserType.Tree {
  // Large inputs need an explicit buffer size with the node binding.
  return parser().parse(source, undefined, { bufferSize: Math.max(32 * 1024, source.length * 4 + 1024) });
}

/**
 * A plain-JavaScript copy of one tree-sitter node. Reading a native node's properties crosses the
 * binding on every access, so astBuilder.ts works on this mirror, built by `mirrorTree` in one
 * cursor walk (a handful of crossings per node). Text and positions come from the source string.
 */
export interface Cst {
  readonly type: string;
  readonly isNamed: boolean;
  /** The field this node fills in its parent (`childForFieldName`), if any. */
  readonly field: string | undefined;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly children: Cst[];
}

/** Node type names, named-ness and field names by id, filled on first sight (one language). */
const typeNames: string[] = [];
const typeIsNamed: boolean[] = [];
const fieldNames: string[] = [];

/** True for [A-Za-z0-9_]. */
function isAsciiWordChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95;
}

/**
 * The end index of the node under the cursor, computed from the source where that is exact (saving
 * a crossing): an anonymous node whose text is its type (every anonymous node of the Python grammar
 * is a literal token, or `not in` / `is not`, whose text equals the type when written with one
 * space), and an ASCII identifier followed by an ASCII character (the identifier token is the
 * longest run of identifier characters). Anything else asks the cursor.
 */
function endOf(c: ParserType.TreeCursor, source: string, type: string, isNamed: boolean, start: number): number {
  if (!isNamed) {
    if (source.startsWith(type, start)) return start + type.length;
  } else if (type === 'identifier') {
    let i = start;
    const n = source.length;
    while (i < n && isAsciiWordChar(source.charCodeAt(i))) i++;
    if (i > start && (i === n || source.charCodeAt(i) < 128)) return i;
  }
  return c.endIndex;
}

function mirrorNode(c: ParserType.TreeCursor, source: string, parent: Cst | undefined): Cst {
  const typeId = c.nodeTypeId;
  let type = typeNames[typeId];
  if (type === undefined) {
    type = c.nodeType;
    typeNames[typeId] = type;
    typeIsNamed[typeId] = c.nodeIsNamed;
  }
  const fieldId = parent === undefined || (fieldParents !== undefined && !fieldParents.has(parent.type)) ? undefined : (c.currentFieldId as number | undefined);
  let field: string | undefined;
  if (fieldId !== undefined && fieldId !== 0) {
    field = fieldNames[fieldId];
    if (field === undefined) {
      field = c.currentFieldName;
      fieldNames[fieldId] = field;
    }
  }
  const isNamed = typeIsNamed[typeId]!;
  const startIndex = c.startIndex;
  const n: Cst = { type, isNamed, field, startIndex, endIndex: endOf(c, source, type, isNamed, startIndex), children: [] };
  if (parent !== undefined) parent.children.push(n);
  return n;
}

/** Copy a whole (error-free) tree into `Cst` nodes with one cursor walk. */
export function mirrorTree(tree: ParserType.Tree, source: string): Cst {
  const c = rootOf(tree).walk();
  const root = mirrorNode(c, source, undefined);
  if (!c.gotoFirstChild()) return root;
  const stack: Cst[] = [];
  let parent = root;
  for (;;) {
    const n = mirrorNode(c, source, parent);
    if (c.gotoFirstChild()) {
      stack.push(parent);
      parent = n;
      continue;
    }
    while (!c.gotoNextSibling()) {
      if (stack.length === 0) return root;
      c.gotoParent();
      parent = stack.pop()!;
    }
  }
}
