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

type RootGetter = (this: ParserType.Tree) => CstNode | undefined;

let shared: ParserType | undefined;

function parser(): ParserType {
  if (shared === undefined) {
    const Parser = nodeRequire('tree-sitter') as typeof ParserType;
    const Python = nodeRequire('tree-sitter-python') as unknown as ParserType.Language;
    shared = new Parser();
    shared.setLanguage(Python);
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
