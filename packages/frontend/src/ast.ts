// ast.ts — the typed Python 3.12 AST: discriminated unions on `kind`,
// close to CPython's `ast` module. Built by astBuilder.ts from the
// tree-sitter CST; read by scope.ts and the lower*.ts files.

export interface Loc {
  readonly line: number;
  /** 0-based column. */
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

export type Expr =
  | { kind: 'Name'; loc: Loc; id: string }
  | { kind: 'Constant'; loc: Loc; value: ConstValue }
  | { kind: 'JoinedStr'; loc: Loc; values: Expr[] }
  | { kind: 'FormattedValue'; loc: Loc; value: Expr; conversion: 'r' | 's' | 'a' | undefined; formatSpec: Expr | undefined }
  | { kind: 'BinOp'; loc: Loc; op: BinOpName; left: Expr; right: Expr }
  | { kind: 'UnaryOp'; loc: Loc; op: 'neg' | 'pos' | 'invert' | 'not'; operand: Expr }
  | { kind: 'BoolOp'; loc: Loc; op: 'and' | 'or'; values: Expr[] }
  | { kind: 'Compare'; loc: Loc; left: Expr; ops: CmpOpName[]; comparators: Expr[] }
  | { kind: 'Call'; loc: Loc; func: Expr; args: Expr[]; keywords: Keyword[] }
  | { kind: 'Attribute'; loc: Loc; value: Expr; attr: string }
  | { kind: 'Subscript'; loc: Loc; value: Expr; slice: Expr }
  | { kind: 'Slice'; loc: Loc; lower: Expr | undefined; upper: Expr | undefined; step: Expr | undefined }
  | { kind: 'Starred'; loc: Loc; value: Expr }
  | { kind: 'Tuple'; loc: Loc; elts: Expr[] }
  | { kind: 'List'; loc: Loc; elts: Expr[] }
  | { kind: 'Set'; loc: Loc; elts: Expr[] }
  | { kind: 'Dict'; loc: Loc; keys: (Expr | undefined)[]; values: Expr[] }
  | { kind: 'IfExp'; loc: Loc; test: Expr; body: Expr; orelse: Expr }
  | { kind: 'Lambda'; loc: Loc; args: Arguments; body: Expr }
  | { kind: 'NamedExpr'; loc: Loc; target: Expr; value: Expr }
  | { kind: 'ListComp' | 'SetComp' | 'GeneratorExp'; loc: Loc; elt: Expr; generators: Comprehension[] }
  | { kind: 'DictComp'; loc: Loc; key: Expr; value: Expr; generators: Comprehension[] }
  | { kind: 'Yield'; loc: Loc; value: Expr | undefined }
  | { kind: 'YieldFrom'; loc: Loc; value: Expr }
  | { kind: 'Await'; loc: Loc; value: Expr };

export type ConstValue =
  | { kind: 'none' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex'; imag: number }
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: Uint8Array }
  | { kind: 'ellipsis' };

export type BinOpName = 'add' | 'sub' | 'mul' | 'truediv' | 'floordiv' | 'mod' | 'pow' | 'matmul' | 'lshift' | 'rshift' | 'bitand' | 'bitor' | 'bitxor';
export type CmpOpName = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'is' | 'isnot' | 'in' | 'notin';

export interface Keyword {
  /** undefined for `**mapping`. */
  arg: string | undefined;
  value: Expr;
  loc: Loc;
}

export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  isAsync: boolean;
}

export interface Arg {
  name: string;
  annotation: Expr | undefined;
  loc: Loc;
}

export interface Arguments {
  posonly: Arg[];
  args: Arg[];
  vararg: Arg | undefined;
  kwonly: Arg[];
  /** Same length as kwonly; undefined where there is no default. */
  kwDefaults: (Expr | undefined)[];
  kwarg: Arg | undefined;
  /** Defaults of the last positional parameters (posonly + args). */
  defaults: Expr[];
}

export interface ExceptHandler {
  type: Expr | undefined;
  name: string | undefined;
  body: Stmt[];
  loc: Loc;
}

export interface WithItem {
  contextExpr: Expr;
  optionalVars: Expr | undefined;
}

export interface Alias {
  name: string;
  asname: string | undefined;
  loc: Loc;
}

export interface MatchCase {
  pattern: Pattern;
  guard: Expr | undefined;
  body: Stmt[];
}

export type Pattern =
  | { kind: 'MatchValue'; loc: Loc; value: Expr }
  | { kind: 'MatchSingleton'; loc: Loc; value: ConstValue }
  | { kind: 'MatchSequence'; loc: Loc; patterns: Pattern[] }
  | { kind: 'MatchStar'; loc: Loc; name: string | undefined }
  | { kind: 'MatchMapping'; loc: Loc; keys: Expr[]; patterns: Pattern[]; rest: string | undefined }
  | { kind: 'MatchClass'; loc: Loc; cls: Expr; patterns: Pattern[]; kwdAttrs: string[]; kwdPatterns: Pattern[] }
  | { kind: 'MatchAs'; loc: Loc; pattern: Pattern | undefined; name: string | undefined }
  | { kind: 'MatchOr'; loc: Loc; patterns: Pattern[] };

/** A PEP 695 type parameter: `T`, `T: bound`, `T: (c1, c2)`, `*Ts`, `**P`. */
export interface TypeParam {
  kind: 'TypeVar' | 'TypeVarTuple' | 'ParamSpec';
  name: string;
  /** `T: bound` (a bound) or `T: (a, b)` (constraints: a Tuple expression). */
  bound: Expr | undefined;
  loc: Loc;
}

export interface FunctionDef {
  kind: 'FunctionDef';
  loc: Loc;
  name: string;
  args: Arguments;
  body: Stmt[];
  decorators: Expr[];
  returns: Expr | undefined;
  isAsync: boolean;
  /** PEP 695 `def f[T](...)`; undefined without brackets. */
  typeParams: TypeParam[] | undefined;
}

export interface ClassDef {
  kind: 'ClassDef';
  loc: Loc;
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorators: Expr[];
  /** PEP 695 `class C[T]: ...`; undefined without brackets. */
  typeParams: TypeParam[] | undefined;
}

/** `type Name[params] = value` (the value is evaluated lazily). */
export interface TypeAlias {
  kind: 'TypeAlias';
  loc: Loc;
  name: string;
  nameLoc: Loc;
  typeParams: TypeParam[] | undefined;
  value: Expr;
}

export type Stmt =
  | FunctionDef
  | ClassDef
  | TypeAlias
  | { kind: 'Return'; loc: Loc; value: Expr | undefined }
  | { kind: 'Delete'; loc: Loc; targets: Expr[] }
  | { kind: 'Assign'; loc: Loc; targets: Expr[]; value: Expr }
  | { kind: 'AugAssign'; loc: Loc; target: Expr; op: BinOpName; value: Expr }
  | { kind: 'AnnAssign'; loc: Loc; target: Expr; annotation: Expr; value: Expr | undefined; simple: boolean }
  | { kind: 'For'; loc: Loc; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[]; isAsync: boolean }
  | { kind: 'While'; loc: Loc; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { kind: 'If'; loc: Loc; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { kind: 'With'; loc: Loc; items: WithItem[]; body: Stmt[]; isAsync: boolean }
  | { kind: 'Match'; loc: Loc; subject: Expr; cases: MatchCase[] }
  | { kind: 'Raise'; loc: Loc; exc: Expr | undefined; cause: Expr | undefined }
  | { kind: 'Try'; loc: Loc; body: Stmt[]; handlers: ExceptHandler[]; orelse: Stmt[]; finalbody: Stmt[]; isStar: boolean }
  | { kind: 'Assert'; loc: Loc; test: Expr; msg: Expr | undefined }
  | { kind: 'Import'; loc: Loc; names: Alias[] }
  | { kind: 'ImportFrom'; loc: Loc; module: string | undefined; names: Alias[]; level: number }
  | { kind: 'Global'; loc: Loc; names: string[] }
  | { kind: 'Nonlocal'; loc: Loc; names: string[] }
  | { kind: 'Expr'; loc: Loc; value: Expr }
  | { kind: 'Pass'; loc: Loc }
  | { kind: 'Break'; loc: Loc }
  | { kind: 'Continue'; loc: Loc }
  /** A construct the AST builder recognised but does not model (diagnosed). */
  | { kind: 'Unsupported'; loc: Loc; what: string };

export interface ModuleAst {
  body: Stmt[];
  file: string;
}
