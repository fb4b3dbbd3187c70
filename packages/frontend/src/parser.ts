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
/** Of `fieldParents`, the types with a field that may hold an anonymous node (an operator token); an anonymous child of the others has no field. */
let anonFieldParents: Set<string> | undefined;

/** An entry of the grammar's node-types.json. */
interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, { types: { named: boolean }[] }>;
  children?: unknown;
  subtypes?: unknown;
}

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
    const info = (Python as unknown as { nodeTypeInfo?: NodeTypeInfo[] }).nodeTypeInfo;
    if (Array.isArray(info)) {
      tokenTypes = new Set(info.filter((t) => t.named && t.fields === undefined && t.children === undefined && t.subtypes === undefined).map((t) => t.type));
      const withFields = info.filter((t) => t.fields !== undefined && Object.keys(t.fields).length > 0);
      fieldParents = new Set(withFields.map((t) => t.type));
      anonFieldParents = new Set(withFields.filter((t) => Object.values(t.fields!).some((f) => f.types.some((x) => !x.named))).map((t) => t.type));
    }
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
  /** Tokens share one empty array: never mutate. */
  readonly children: readonly Cst[];
}

/**
 * Named node types that are tokens (listed in node-types.json without fields, children or subtypes):
 * such a node never has children, so the walk does not ask. Undefined without the table: ask always.
 */
let tokenTypes: Set<string> | undefined;

/**
 * Every anonymous node is a token except the aliases of token sequences of tree-sitter-python's
 * grammar, listed here (parser.spec.ts checks the list against the grammar).
 */
export const ANON_WITH_CHILDREN: ReadonlySet<string> = new Set(['not in', 'is not']);

/**
 * A node's extent is its children's: it starts where its first child starts and ends where its last
 * child ends, unless the grammar lets it begin (`OWN_START_TYPES`) or end (`OWN_END_TYPES`) with a
 * hidden token (a newline, indent or dedent, a piece of string content), which no visible child
 * covers; the walk asks tree-sitter for those. parser.spec.ts derives both lists from the grammar.
 */
export const OWN_START_TYPES: ReadonlySet<string> = new Set(['block', 'string_content']);
export const OWN_END_TYPES: ReadonlySet<string> = new Set(['block', 'decorator', 'format_specifier', 'module', 'string_content']);

/** A mirror node while the walk fills it in. */
type CstDraft = { -readonly [K in keyof Cst]: Cst[K] } & { children: Cst[] };

/** The children of every token. */
const NO_CHILDREN: Cst[] = [];

const IS_NAMED = 1;
const IS_TOKEN = 2;
const OWN_START = 4;
const OWN_END = 8;
/** Its children may fill fields: named ones (`HAS_FIELDS`), anonymous ones too (`ANON_FIELDS`). */
const HAS_FIELDS = 16;
const ANON_FIELDS = 32;

/** Node type names, their flags (above) and field names by id, filled on first sight (one language). */
const typeNames: string[] = [];
const typeFlags: number[] = [];
const fieldNames: string[] = [];

function learnType(c: ParserType.TreeCursor, typeId: number): number {
  const type = c.nodeType;
  const isNamed = c.nodeIsNamed;
  let flags = isNamed ? IS_NAMED : 0;
  if (isNamed ? tokenTypes?.has(type) === true : tokenTypes !== undefined && !ANON_WITH_CHILDREN.has(type)) flags |= IS_TOKEN;
  if (OWN_START_TYPES.has(type)) flags |= OWN_START;
  if (OWN_END_TYPES.has(type)) flags |= OWN_END;
  if (fieldParents === undefined || fieldParents.has(type)) flags |= HAS_FIELDS;
  if (fieldParents === undefined || anonFieldParents!.has(type)) flags |= ANON_FIELDS;
  typeNames[typeId] = type;
  typeFlags[typeId] = flags;
  return flags;
}

/** True for [A-Za-z0-9_]. */
function isAsciiWordChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95;
}

/**
 * The end index of the childless node under the cursor, computed from the source where that is exact
 * (saving a crossing): an anonymous node whose text is its type (every anonymous token of the Python
 * grammar is a literal string), and an ASCII identifier followed by an ASCII character (the
 * identifier token is the longest run of identifier characters). Anything else asks the cursor.
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

/** The flags of the node last drafted by `mirrorNode`. */
let draftFlags = 0;

/** A draft of the node under the cursor, appended to its parent's children; its extent is filled in later. */
function mirrorNode(c: ParserType.TreeCursor, parent: CstDraft | undefined, parentFlags: number): CstDraft {
  const typeId = c.nodeTypeId;
  const flags = typeFlags[typeId] ?? learnType(c, typeId);
  draftFlags = flags;
  const isNamed = (flags & IS_NAMED) !== 0;
  let field: string | undefined;
  if ((parentFlags & (isNamed ? HAS_FIELDS : ANON_FIELDS)) !== 0) {
    const fieldId = c.currentFieldId as number | undefined;
    if (fieldId !== undefined && fieldId !== 0) {
      field = fieldNames[fieldId];
      if (field === undefined) {
        field = c.currentFieldName;
        fieldNames[fieldId] = field;
      }
    }
  }
  const n: CstDraft = { type: typeNames[typeId]!, isNamed, field, startIndex: (flags & OWN_START) !== 0 ? c.startIndex : -1, endIndex: -1, children: (flags & IS_TOKEN) !== 0 ? NO_CHILDREN : [] };
  if (parent !== undefined) parent.children.push(n);
  return n;
}

/**
 * Copy a whole (error-free) tree into `Cst` nodes with one cursor walk. Tokens and childless nodes
 * take their extent from the cursor (or the source, see `endOf`); other nodes from their children.
 */
export function mirrorTree(tree: ParserType.Tree, source: string): Cst {
  const c = rootOf(tree).walk();
  const root = mirrorNode(c, undefined, 0);
  /** The ancestors of `n` and their flags, innermost last. */
  const stack: CstDraft[] = [];
  const stackFlags: number[] = [];
  let n = root;
  for (;;) {
    if ((draftFlags & IS_TOKEN) === 0 && c.gotoFirstChild()) {
      stack.push(n);
      const flags = draftFlags;
      stackFlags.push(flags);
      n = mirrorNode(c, n, flags);
      continue;
    }
    if (n.startIndex < 0) n.startIndex = c.startIndex;
    n.endIndex = endOf(c, source, n.type, n.isNamed, n.startIndex);
    for (;;) {
      const parent = stack[stack.length - 1];
      if (parent === undefined) return root;
      if (c.gotoNextSibling()) {
        n = mirrorNode(c, parent, stackFlags[stackFlags.length - 1]!);
        break;
      }
      c.gotoParent();
      stack.pop();
      const kids = parent.children;
      if (parent.startIndex < 0) parent.startIndex = kids[0]!.startIndex;
      parent.endIndex = (stackFlags.pop()! & OWN_END) !== 0 ? c.endIndex : kids[kids.length - 1]!.endIndex;
    }
  }
}
