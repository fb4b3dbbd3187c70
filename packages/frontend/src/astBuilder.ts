// astBuilder.ts — tree-sitter CST to the typed AST of ast.ts, reporting
// syntax errors (ERROR/MISSING nodes) as MOLT1xxx diagnostics with
// CPython-like messages. Neighbours: parser.ts (the CST), literals.ts
// (literal decoding), scope.ts (reads the AST).

import type {
  Alias, Arg, Arguments, BinOpName, CmpOpName, Comprehension, ConstValue, ExceptHandler, Expr, Keyword, Loc,
  MatchCase, ModuleAst, Pattern, Stmt, TypeParam, WithItem,
} from './ast.js';
import { Codes, DiagnosticBag } from './diagnostics.js';
import { codesToString, decodeBytesBody, decodeEscapes, parseNumber, parsePrefix } from './literals.js';
import { type Cst, type CstNode, mirrorTree, parseCst, rootOf } from './parser.js';

const BINOPS: Record<string, BinOpName> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow', '@': 'matmul',
  '<<': 'lshift', '>>': 'rshift', '&': 'bitand', '|': 'bitor', '^': 'bitxor',
};
/** The bitwise operators from loosest to tightest (see `bitwise`). */
const BITWISE_LEVELS = ['|', '^', '&'];
const BITWISE = new Set(BITWISE_LEVELS);
const CMPOPS: Record<string, CmpOpName> = {
  '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', is: 'is', 'is not': 'isnot', in: 'in', 'not in': 'notin', '<>': 'ne',
};

export interface ParseResult {
  ast: ModuleAst;
  diagnostics: DiagnosticBag;
}

/** Parse Python source to the typed AST plus syntax diagnostics. */
export function parseModule(source: string, file: string): ParseResult {
  const diags = new DiagnosticBag(file);
  const tree = parseCst(source);
  const root = rootOf(tree);
  reportSyntaxErrors(root, diags);
  const body = diags.hasErrors ? [] : new AstBuilder(diags, source).block(mirrorTree(tree, source));
  return { ast: { body, file }, diagnostics: diags };
}

function locOf(n: CstNode): Loc {
  return { line: n.startPosition.row + 1, col: n.startPosition.column, endLine: n.endPosition.row + 1, endCol: n.endPosition.column };
}

function reportSyntaxErrors(root: CstNode, diags: DiagnosticBag): void {
  if (!root.hasError) return;
  let found: CstNode | undefined;
  const visit = (n: CstNode): void => {
    if (found !== undefined) return;
    if (n.isMissing || n.type === 'ERROR') {
      found = n;
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) visit(c);
  };
  visit(root);
  if (found === undefined) {
    diags.error(Codes.invalidSyntax, 'invalid syntax', undefined);
    return;
  }
  const n = found;
  if (n.isMissing) {
    const tok = n.type;
    if (tok === ':' || tok === ')' || tok === ']' || tok === '}' || tok === '=' || tok === 'in') diags.error(Codes.expectedToken, `expected '${tok}'`, locOf(n));
    else diags.error(Codes.invalidSyntax, 'invalid syntax', locOf(n));
    return;
  }
  const text = n.text;
  const firstTok = n.firstChild;
  if (/^[rbuf]*['"]/i.test(text) && !/^[rbuf]*("""|''')/i.test(text) && !text.includes('\n') === false) {
    diags.error(Codes.unterminatedString, 'unterminated string literal (detected at line ' + (n.startPosition.row + 1) + ')', locOf(n));
    return;
  }
  if (/^[rbuf]*['"]/i.test(text) || firstTok?.type === 'string_start' || (firstTok?.type === '"' && !text.trimEnd().endsWith('"'))) {
    diags.error(Codes.unterminatedString, `unterminated string literal (detected at line ${n.startPosition.row + 1})`, locOf(n));
    return;
  }
  const firstLine = text.split('\n')[0]!;
  if (/^(if|elif|else|while|for|def|class|try|except|finally|with)\b/.test(text) && !firstLine.includes(':')) {
    const row = n.startPosition.row + 1;
    const col = n.startPosition.column + firstLine.trimEnd().length;
    diags.error(Codes.expectedToken, "expected ':'", { line: row, col, endLine: row, endCol: col + 1 });
    return;
  }
  diags.error(Codes.invalidSyntax, 'invalid syntax', locOf(n));
}

/** The named children of `n` other than comments and line continuations. */
function named(n: Cst): Cst[] {
  const out: Cst[] = [];
  for (const c of n.children) if (c.isNamed && c.type !== 'comment' && c.type !== 'line_continuation') out.push(c);
  return out;
}

/** The first child of `n` in field `name` (`childForFieldName`). */
function field(n: Cst, name: string): Cst | undefined {
  for (const c of n.children) if (c.field === name) return c;
  return undefined;
}

/** Every child of `n` in field `name` (`childrenForFieldName`). */
function fields(n: Cst, name: string): Cst[] {
  const out: Cst[] = [];
  for (const c of n.children) if (c.field === name) out.push(c);
  return out;
}

class AstBuilder {
  /** Index of the first character of each line (rows are split at '\n' only, as tree-sitter does). */
  private readonly lineStarts: number[] = [0];

  constructor(private readonly diags: DiagnosticBag, private readonly source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** The row `row` answered last: nodes are mostly visited in source order, so the next answer is often the same. */
  private lastRow = 0;

  /** The 0-based row of a source index. */
  private row(index: number): number {
    const starts = this.lineStarts;
    const last = this.lastRow;
    if (starts[last]! <= index && (last + 1 === starts.length || index < starts[last + 1]!)) return last;
    this.lastRow = this.searchRow(index);
    return this.lastRow;
  }

  private searchRow(index: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private loc(n: Cst): Loc {
    const line = this.row(n.startIndex);
    const endLine = this.row(n.endIndex);
    return { line: line + 1, col: n.startIndex - this.lineStarts[line]!, endLine: endLine + 1, endCol: n.endIndex - this.lineStarts[endLine]! };
  }

  private text(n: Cst): string {
    return this.source.slice(n.startIndex, n.endIndex);
  }

  private textOf(n: Cst | undefined): string | undefined {
    return n === undefined ? undefined : this.source.slice(n.startIndex, n.endIndex);
  }

  private unsupported(what: string, n: Cst): Stmt {
    this.diags.notSupported(what, this.loc(n));
    return { kind: 'Unsupported', loc: this.loc(n), what };
  }

  private badExpr(what: string, n: Cst): Expr {
    this.diags.notSupported(what, this.loc(n));
    return { kind: 'Constant', loc: this.loc(n), value: { kind: 'none' } };
  }

  // ---- statements --------------------------------------------------------------

  block(n: Cst | undefined): Stmt[] {
    if (n === undefined) return [];
    const out: Stmt[] = [];
    for (const c of named(n)) this.stmt(c, out);
    return out;
  }

  private stmt(n: Cst, out: Stmt[]): void {
    const loc = this.loc(n);
    switch (n.type) {
      case 'expression_statement': {
        const kids = named(n);
        if (kids.length === 1) out.push(this.exprStatement(kids[0]!));
        else out.push({ kind: 'Expr', loc, value: { kind: 'Tuple', loc, elts: kids.map((k) => this.expr(k)) } });
        return;
      }
      case 'pass_statement': out.push({ kind: 'Pass', loc }); return;
      case 'break_statement': out.push({ kind: 'Break', loc }); return;
      case 'continue_statement': out.push({ kind: 'Continue', loc }); return;
      case 'return_statement': {
        const k = named(n)[0];
        out.push({ kind: 'Return', loc, value: k === undefined ? undefined : this.expr(k) });
        return;
      }
      case 'delete_statement': {
        const k = named(n)[0]!;
        const targets = k.type === 'expression_list' ? named(k).map((e) => this.expr(e)) : [this.expr(k)];
        out.push({ kind: 'Delete', loc, targets });
        return;
      }
      case 'global_statement': out.push({ kind: 'Global', loc, names: named(n).map((c) => this.text(c)) }); return;
      case 'nonlocal_statement': out.push({ kind: 'Nonlocal', loc, names: named(n).map((c) => this.text(c)) }); return;
      case 'assert_statement': {
        const k = named(n);
        out.push({ kind: 'Assert', loc, test: this.expr(k[0]!), msg: k[1] === undefined ? undefined : this.expr(k[1]) });
        return;
      }
      case 'raise_statement': {
        const cause = field(n, 'cause');
        const exc = named(n).find((c) => c !== cause);
        out.push({ kind: 'Raise', loc, exc: exc === undefined ? undefined : this.expr(exc), cause: cause === undefined ? undefined : this.expr(cause) });
        return;
      }
      case 'import_statement': {
        out.push({ kind: 'Import', loc, names: fields(n, 'name').map((c) => this.alias(c)) });
        return;
      }
      case 'import_from_statement': {
        const mod = field(n, 'module_name')!;
        let level = 0;
        let module: string | undefined;
        if (mod.type === 'relative_import') {
          for (const c of named(mod)) {
            if (c.type === 'import_prefix') level = this.text(c).length;
            else module = this.text(c).replace(/\s+/g, '');
          }
        } else module = this.text(mod).replace(/\s+/g, '');
        const names = named(n).some((c) => c.type === 'wildcard_import')
          ? [{ name: '*', asname: undefined, loc }]
          : fields(n, 'name').map((c) => this.alias(c));
        out.push({ kind: 'ImportFrom', loc, module, names, level });
        return;
      }
      case 'future_import_statement': return;
      case 'if_statement': {
        const test = this.expr(field(n, 'condition')!);
        const body = this.block(field(n, 'consequence'));
        const alts = fields(n, 'alternative');
        let orelse: Stmt[] = [];
        for (let i = alts.length - 1; i >= 0; i--) {
          const a = alts[i]!;
          if (a.type === 'else_clause') orelse = this.block(field(a, 'body'));
          else orelse = [{ kind: 'If', loc: this.loc(a), test: this.expr(field(a, 'condition')!), body: this.block(field(a, 'consequence')), orelse }];
        }
        out.push({ kind: 'If', loc, test, body, orelse });
        return;
      }
      case 'while_statement': {
        const alt = field(n, 'alternative');
        out.push({ kind: 'While', loc, test: this.expr(field(n, 'condition')!), body: this.block(field(n, 'body')), orelse: alt === undefined ? [] : this.block(field(alt, 'body')) });
        return;
      }
      case 'for_statement': {
        const alt = field(n, 'alternative');
        out.push({
          kind: 'For', loc, target: this.target(field(n, 'left')!), iter: this.exprOrTuple(field(n, 'right')!), body: this.block(field(n, 'body')),
          orelse: alt === undefined ? [] : this.block(field(alt, 'body')), isAsync: n.children.some((c) => c.type === 'async'),
        });
        return;
      }
      case 'with_statement': {
        const clause = named(n).find((c) => c.type === 'with_clause')!;
        const items: WithItem[] = named(clause).map((it) => {
          const v = field(it, 'value')!;
          if (v.type === 'as_pattern') {
            const kids = named(v);
            const alias = field(v, 'alias')!;
            return { contextExpr: this.expr(kids[0]!), optionalVars: this.target(named(alias)[0] ?? alias) };
          }
          return { contextExpr: this.expr(v), optionalVars: undefined };
        });
        out.push({ kind: 'With', loc, items, body: this.block(field(n, 'body')), isAsync: n.children.some((c) => c.type === 'async') });
        return;
      }
      case 'try_statement': {
        const handlers: ExceptHandler[] = [];
        let orelse: Stmt[] = [];
        let finalbody: Stmt[] = [];
        let isStar = false;
        for (const c of named(n)) {
          if (c.type === 'except_clause' || c.type === 'except_group_clause') {
            const star = c.type === 'except_group_clause' || c.children.some((t) => t.type === '*' || t.type === 'except*');
            if (handlers.length > 0 && star !== isStar) this.diags.error(Codes.invalidSyntax, "cannot have both 'except' and 'except*' on the same 'try'", this.loc(c));
            isStar = star;
            const kids = named(c);
            const body = kids.find((k) => k.type === 'block');
            const valueNodes = kids.filter((k) => k.type !== 'block');
            let type: Expr | undefined;
            let name: string | undefined;
            const v = valueNodes[0];
            if (v !== undefined) {
              if (v.type === 'as_pattern') {
                type = this.expr(named(v)[0]!);
                name = this.textOf(field(v, 'alias'));
              } else {
                type = this.expr(v);
                const alias = field(c, 'alias');
                if (alias !== undefined) name = this.text(alias);
              }
            }
            if (star && type === undefined) this.diags.error(Codes.invalidSyntax, 'expected one or more exception types', this.loc(c));
            handlers.push({ type, name, body: this.block(body), loc: this.loc(c) });
          } else if (c.type === 'else_clause') orelse = this.block(field(c, 'body'));
          else if (c.type === 'finally_clause') finalbody = this.block(named(c).find((k) => k.type === 'block'));
        }
        if (handlers.length === 0 && !named(n).some((c) => c.type === 'finally_clause')) this.diags.error(Codes.expectedToken, "expected 'except' or 'finally' block", loc);
        out.push({ kind: 'Try', loc, body: this.block(field(n, 'body')), handlers, orelse, finalbody, isStar });
        return;
      }
      case 'function_definition': out.push(this.functionDef(n, [])); return;
      case 'class_definition': out.push(this.classDef(n, [])); return;
      case 'decorated_definition': {
        const decos = named(n).filter((c) => c.type === 'decorator').map((d) => this.expr(named(d)[0]!));
        const def = field(n, 'definition')!;
        out.push(def.type === 'class_definition' ? this.classDef(def, decos) : this.functionDef(def, decos));
        return;
      }
      case 'match_statement': out.push(this.matchStmt(n)); return;
      case 'type_alias_statement': out.push(this.typeAlias(n)); return;
      case 'print_statement':
      case 'exec_statement':
        this.diags.error(Codes.invalidSyntax, 'invalid syntax', loc);
        return;
      default:
        out.push(this.unsupported(`statement '${n.type}'`, n));
    }
  }

  private alias(n: Cst): Alias {
    if (n.type === 'aliased_import') return { name: this.text(field(n, 'name')!).replace(/\s+/g, ''), asname: this.textOf(field(n, 'alias')), loc: this.loc(n) };
    return { name: this.text(n).replace(/\s+/g, ''), asname: undefined, loc: this.loc(n) };
  }

  private exprStatement(n: Cst): Stmt {
    const loc = this.loc(n);
    if (n.type === 'assignment') {
      const targets: Expr[] = [];
      let cur: Cst = n;
      for (;;) {
        const type = field(cur, 'type');
        const right = field(cur, 'right');
        if (type !== undefined) {
          const target = this.target(field(cur, 'left')!);
          return { kind: 'AnnAssign', loc, target, annotation: this.expr(type), value: right === undefined ? undefined : this.exprOrTuple(right), simple: target.kind === 'Name' && field(cur, 'left')!.type === 'identifier' };
        }
        targets.push(this.target(field(cur, 'left')!));
        if (right === undefined) return this.unsupported('assignment without value', n);
        if (right.type === 'assignment') {
          cur = right;
          continue;
        }
        if (right.type === 'augmented_assignment') return this.unsupported('chained augmented assignment', right);
        return { kind: 'Assign', loc, targets, value: this.exprOrTuple(right) };
      }
    }
    if (n.type === 'augmented_assignment') {
      const opText = field(n, 'operator')!.type.slice(0, -1);
      return { kind: 'AugAssign', loc, target: this.target(field(n, 'left')!), op: BINOPS[opText]!, value: this.exprOrTuple(field(n, 'right')!) };
    }
    return { kind: 'Expr', loc, value: this.exprOrTuple(n) };
  }

  private functionDef(n: Cst, decorators: Expr[]): Stmt {
    const returns = field(n, 'return_type');
    return {
      kind: 'FunctionDef', loc: this.loc(n), name: this.text(field(n, 'name')!), args: this.parameters(field(n, 'parameters')), body: this.block(field(n, 'body')),
      decorators, returns: returns === undefined ? undefined : this.expr(named(returns)[0] ?? returns), isAsync: n.children.some((c) => c.type === 'async'),
      typeParams: this.typeParams(field(n, 'type_parameters')),
    };
  }

  private classDef(n: Cst, decorators: Expr[]): Stmt {
    const sup = field(n, 'superclasses');
    const { args, keywords } = sup === undefined ? { args: [], keywords: [] } : this.argList(sup);
    return {
      kind: 'ClassDef', loc: this.loc(n), name: this.text(field(n, 'name')!), bases: args, keywords, body: this.block(field(n, 'body')), decorators,
      typeParams: this.typeParams(field(n, 'type_parameters')),
    };
  }

  /** PEP 695 `[T, U: bound, V: (a, b), *Ts, **P]`. */
  private typeParams(n: Cst | undefined): TypeParam[] | undefined {
    if (n === undefined) return undefined;
    const out: TypeParam[] = [];
    const seen = new Set<string>();
    for (const t of named(n)) {
      const inner = t.type === 'type' ? named(t)[0] : t;
      if (inner === undefined) continue;
      let tp: TypeParam;
      if (inner.type === 'identifier') tp = { kind: 'TypeVar', name: this.text(inner), bound: undefined, loc: this.loc(inner) };
      else if (inner.type === 'splat_type' && named(inner)[0]?.type === 'identifier') {
        const double = inner.children[0]?.type === '**';
        tp = { kind: double ? 'ParamSpec' : 'TypeVarTuple', name: this.text(named(inner)[0]!), bound: undefined, loc: this.loc(inner) };
      } else if (inner.type === 'constrained_type' && named(inner).length === 2 && named(named(inner)[0]!)[0]?.type === 'identifier') {
        const [nameNode, boundNode] = named(inner) as [Cst, Cst];
        tp = { kind: 'TypeVar', name: this.text(named(nameNode)[0]!), bound: this.expr(boundNode), loc: this.loc(inner) };
      } else {
        this.diags.error(Codes.invalidSyntax, 'invalid syntax', this.loc(t));
        continue;
      }
      if (seen.has(tp.name)) this.diags.error(Codes.invalidSyntax, `duplicate type parameter '${tp.name}'`, tp.loc);
      seen.add(tp.name);
      out.push(tp);
    }
    if (out.length === 0) this.diags.error(Codes.invalidSyntax, 'type parameter list cannot be empty', this.loc(n));
    return out;
  }

  private typeAlias(n: Cst): Stmt {
    const left = field(n, 'left');
    const right = field(n, 'right');
    let head = left !== undefined && left.type === 'type' ? named(left)[0] : left;
    let typeParams: TypeParam[] | undefined;
    if (head?.type === 'generic_type') {
      const kids = named(head);
      typeParams = this.typeParams(kids.find((k) => k.type === 'type_parameter'));
      head = kids[0];
    }
    if (head === undefined || head.type !== 'identifier' || right === undefined) {
      this.diags.error(Codes.invalidSyntax, 'invalid syntax', this.loc(n));
      return { kind: 'Pass', loc: this.loc(n) };
    }
    return { kind: 'TypeAlias', loc: this.loc(n), name: this.text(head), nameLoc: this.loc(head), typeParams, value: this.expr(right) };
  }

  private parameters(n: Cst | undefined): Arguments {
    const a: Arguments = { posonly: [], args: [], vararg: undefined, kwonly: [], kwDefaults: [], kwarg: undefined, defaults: [] };
    if (n === undefined) return a;
    let afterStar = false;
    const arg = (nameNode: Cst, ann: Cst | undefined): Arg => ({ name: this.text(nameNode), annotation: ann === undefined ? undefined : this.expr(named(ann)[0] ?? ann), loc: this.loc(nameNode) });
    for (const p of named(n)) {
      let def: Expr | undefined;
      let ar: Arg | undefined;
      switch (p.type) {
        case 'identifier': ar = arg(p, undefined); break;
        case 'typed_parameter': {
          const typeNode = field(p, 'type');
          const inner = named(p).find((c) => c !== typeNode)!;
          if (inner.type === 'list_splat_pattern') {
            a.vararg = arg(named(inner)[0]!, field(p, 'type'));
            afterStar = true;
            continue;
          }
          if (inner.type === 'dictionary_splat_pattern') {
            a.kwarg = arg(named(inner)[0]!, field(p, 'type'));
            continue;
          }
          ar = arg(inner, field(p, 'type'));
          break;
        }
        case 'default_parameter':
        case 'typed_default_parameter':
          ar = arg(field(p, 'name')!, field(p, 'type'));
          def = this.expr(field(p, 'value')!);
          break;
        case 'list_splat_pattern': a.vararg = arg(named(p)[0]!, undefined); afterStar = true; continue;
        case 'dictionary_splat_pattern': a.kwarg = arg(named(p)[0]!, undefined); continue;
        case 'keyword_separator': afterStar = true; continue;
        case 'positional_separator': a.posonly = a.args; a.args = []; continue;
        default:
          this.diags.notSupported(`parameter '${p.type}'`, this.loc(p));
          continue;
      }
      if (afterStar) {
        a.kwonly.push(ar);
        a.kwDefaults.push(def);
      } else {
        if (ar.name && a.args.some((x) => x.name === ar!.name)) this.diags.error(Codes.invalidSyntax, `duplicate argument '${ar.name}' in function definition`, ar.loc);
        a.args.push(ar);
        if (def !== undefined) a.defaults.push(def);
        else if (a.defaults.length > 0) this.diags.error(Codes.invalidSyntax, 'non-default argument follows default argument', ar.loc);
      }
    }
    return a;
  }

  private matchStmt(n: Cst): Stmt {
    const subjects = fields(n, 'subject');
    const subject: Expr = subjects.length === 1 ? this.expr(subjects[0]!) : { kind: 'Tuple', loc: this.loc(n), elts: subjects.map((s) => this.expr(s)) };
    const cases: MatchCase[] = [];
    const body = field(n, 'body')!;
    for (const c of named(body)) {
      if (c.type !== 'case_clause') continue;
      const pats = named(c).filter((k) => k.type === 'case_pattern');
      const guard = field(c, 'guard');
      const pattern: Pattern = pats.length === 1 ? this.pattern(pats[0]!) : { kind: 'MatchSequence', loc: this.loc(c), patterns: pats.map((p) => this.pattern(p)) };
      cases.push({ pattern, guard: guard === undefined ? undefined : this.expr(named(guard)[0]!), body: this.block(field(c, 'consequence')) });
    }
    return { kind: 'Match', loc: this.loc(n), subject, cases };
  }

  private pattern(n: Cst): Pattern {
    const loc = this.loc(n);
    switch (n.type) {
      case 'case_pattern': {
        const k = named(n)[0];
        if (k === undefined) return { kind: 'MatchAs', loc, pattern: undefined, name: undefined };
        return this.pattern(k);
      }
      case 'identifier':
        return this.text(n) === '_' ? { kind: 'MatchAs', loc, pattern: undefined, name: undefined } : { kind: 'MatchAs', loc, pattern: undefined, name: this.text(n) };
      case 'dotted_name': {
        const parts = named(n);
        if (parts.length === 1) return this.pattern(parts[0]!);
        return { kind: 'MatchValue', loc, value: this.dotted(n) };
      }
      case 'as_pattern': {
        const kids = named(n);
        // tree-sitter-python 0.20 gives the alias no field: it is the last named child.
        const alias = field(n, 'alias') ?? (kids.length > 1 ? kids[kids.length - 1] : undefined);
        return { kind: 'MatchAs', loc, pattern: this.pattern(kids[0]!), name: this.textOf(alias) };
      }
      case 'union_pattern': return { kind: 'MatchOr', loc, patterns: named(n).map((k) => this.pattern(k)) };
      case 'tuple_pattern': {
        // `(p)` is a group, not a one-item sequence: the grammar calls both tuple_pattern.
        const kids = named(n);
        if (kids.length === 1 && !n.children.some((c) => c.type === ',')) return this.pattern(kids[0]!);
        return { kind: 'MatchSequence', loc, patterns: kids.map((k) => this.pattern(k)) };
      }
      case 'list_pattern': return { kind: 'MatchSequence', loc, patterns: named(n).map((k) => this.pattern(k)) };
      case 'splat_pattern': {
        const id = named(n)[0];
        return { kind: 'MatchStar', loc, name: id === undefined || this.text(id) === '_' ? undefined : this.text(id) };
      }
      case 'none': return { kind: 'MatchSingleton', loc, value: { kind: 'none' } };
      case 'true': return { kind: 'MatchSingleton', loc, value: { kind: 'bool', value: true } };
      case 'false': return { kind: 'MatchSingleton', loc, value: { kind: 'bool', value: false } };
      case 'integer': case 'float':
        return { kind: 'MatchValue', loc, value: this.patternNumber(n) };
      case 'string': case 'concatenated_string':
        return { kind: 'MatchValue', loc, value: this.expr(n) };
      case 'complex_pattern': return { kind: 'MatchValue', loc, value: this.complexPattern(n) };
      case 'dict_pattern': {
        const keys: Expr[] = [];
        const patterns: Pattern[] = [];
        let rest: string | undefined;
        // A negative key's '-' token is in the 'key' field too: patternNumber reads the sign.
        const ks = fields(n, 'key').filter((k) => k.isNamed);
        const vs = fields(n, 'value').filter((v) => v.isNamed);
        for (let i = 0; i < ks.length; i++) {
          const k = ks[i]!;
          keys.push(k.type === 'dotted_name' ? this.dotted(k) : k.type === 'complex_pattern' ? this.complexPattern(k) : k.type === 'integer' || k.type === 'float' ? this.patternNumber(k) : this.expr(k));
          patterns.push(this.pattern(vs[i]!));
        }
        for (const c of named(n)) if (c.type === 'splat_pattern' && !ks.includes(c)) rest = this.textOf(named(c)[0]);
        return { kind: 'MatchMapping', loc, keys, patterns, rest };
      }
      case 'class_pattern': {
        const kids = named(n);
        const cls = this.dotted(kids[0]!);
        const patterns: Pattern[] = [];
        const kwdAttrs: string[] = [];
        const kwdPatterns: Pattern[] = [];
        for (const k of kids.slice(1)) {
          const inner = k.type === 'case_pattern' ? named(k)[0] : k;
          if (inner?.type === 'keyword_pattern') {
            const parts = named(inner);
            kwdAttrs.push(this.text(parts[0]!));
            kwdPatterns.push(this.pattern(parts[1]!));
          } else patterns.push(this.pattern(k));
        }
        return { kind: 'MatchClass', loc, cls, patterns, kwdAttrs, kwdPatterns };
      }
      default:
        this.diags.notSupported(`pattern '${n.type}'`, loc);
        return { kind: 'MatchAs', loc, pattern: undefined, name: undefined };
    }
  }

  /**
   * A number literal in a pattern. The grammar puts the sign of `case -1:` in an anonymous '-' token
   * before the number, a sibling in whichever node holds the literal (case, union, keyword or dict
   * pattern); in a pattern a '-' right before a number can only be its sign.
   */
  private patternNumber(n: Cst): Expr {
    const value = this.expr(n);
    let i = n.startIndex - 1;
    while (i >= 0 && /\s|\\/.test(this.source[i]!)) i--;
    if (this.source[i] !== '-') return value;
    return { kind: 'UnaryOp', loc: value.loc, op: 'neg', operand: value };
  }

  /**
   * A chain of `|`, `^` and `&`. tree-sitter-python binds `^` tighter than `&` (Python: `&` tighter
   * than `^`, `^` tighter than `|`), so the chain is flattened to operands and operators in source
   * order and rebuilt with Python's precedence, each level left-associative. Operands joined by any
   * other operator, and parenthesised groups, stay whole.
   */
  private bitwise(n: Cst): Expr {
    const operands: Expr[] = [];
    const ops: string[] = [];
    const flatten = (c: Cst): void => {
      const op = c.type === 'binary_operator' ? field(c, 'operator')!.type : undefined;
      if (op === undefined || !BITWISE.has(op)) {
        operands.push(this.expr(c));
        return;
      }
      flatten(field(c, 'left')!);
      ops.push(op);
      flatten(field(c, 'right')!);
    };
    flatten(n);
    let i = 0;
    const level = (k: number): Expr => {
      const tok = BITWISE_LEVELS[k];
      if (tok === undefined) return operands[i]!;
      let left = level(k + 1);
      while (ops[i] === tok) {
        i++;
        const right = level(k + 1);
        left = { kind: 'BinOp', loc: { line: left.loc.line, col: left.loc.col, endLine: right.loc.endLine, endCol: right.loc.endCol }, op: BINOPS[tok]!, left, right };
      }
      return left;
    };
    return level(0);
  }

  private complexPattern(n: Cst): Expr {
    // -1, 1+2j, -1-2j: rebuild as arithmetic on constants.
    const loc = this.loc(n);
    const text = this.text(n).replace(/\s+/g, '');
    const m = /^(-?)([^+-]+)(?:([+-])(.+))?$/.exec(text);
    if (m === null) return this.badExpr('complex literal pattern', n);
    const num = (s: string): Expr => ({ kind: 'Constant', loc, value: parseNumber(s) ?? { kind: 'int', value: 0n } });
    let left: Expr = num(m[2]!);
    if (m[1] === '-') left = { kind: 'UnaryOp', loc, op: 'neg', operand: left };
    if (m[3] === undefined) return left;
    return { kind: 'BinOp', loc, op: m[3] === '+' ? 'add' : 'sub', left, right: num(m[4]!) };
  }

  private dotted(n: Cst): Expr {
    const parts = n.type === 'dotted_name' ? named(n) : [n];
    let e: Expr = { kind: 'Name', loc: this.loc(parts[0]!), id: this.text(parts[0]!) };
    for (const p of parts.slice(1)) e = { kind: 'Attribute', loc: this.loc(n), value: e, attr: this.text(p) };
    return e;
  }

  // ---- expressions -------------------------------------------------------------

  /** A target (assignment, for, with): patterns become Tuple/List/Starred. */
  target(n: Cst): Expr {
    return this.exprOrTuple(n);
  }

  /** An expression where a bare `a, b` list means a tuple. */
  exprOrTuple(n: Cst): Expr {
    if (n.type === 'expression_list' || n.type === 'pattern_list') return { kind: 'Tuple', loc: this.loc(n), elts: named(n).map((c) => this.expr(c)) };
    return this.expr(n);
  }

  expr(n: Cst): Expr {
    const loc = this.loc(n);
    switch (n.type) {
      case 'identifier': return { kind: 'Name', loc, id: this.text(n) };
      case 'keyword_identifier': return { kind: 'Name', loc, id: this.text(n) };
      case 'true': return { kind: 'Constant', loc, value: { kind: 'bool', value: true } };
      case 'false': return { kind: 'Constant', loc, value: { kind: 'bool', value: false } };
      case 'none': return { kind: 'Constant', loc, value: { kind: 'none' } };
      case 'ellipsis': return { kind: 'Constant', loc, value: { kind: 'ellipsis' } };
      case 'integer':
      case 'float': {
        const v = parseNumber(this.text(n));
        if (v === undefined) {
          this.diags.error(Codes.invalidLiteral, n.type === 'integer' ? 'invalid decimal literal' : 'invalid float literal', loc);
          return { kind: 'Constant', loc, value: { kind: 'int', value: 0n } };
        }
        return { kind: 'Constant', loc, value: v };
      }
      case 'string': return this.strings([n], loc);
      case 'concatenated_string': return this.strings(named(n).filter((c) => c.type === 'string'), loc);
      case 'parenthesized_expression': {
        const k = named(n)[0];
        if (k === undefined) return { kind: 'Tuple', loc, elts: [] };
        return this.expr(k);
      }
      case 'expression_list':
      case 'pattern_list':
      case 'tuple':
      case 'tuple_pattern':
        return { kind: 'Tuple', loc, elts: named(n).map((c) => this.expr(c)) };
      case 'list':
      case 'list_pattern':
        return { kind: 'List', loc, elts: named(n).map((c) => this.expr(c)) };
      case 'set': return { kind: 'Set', loc, elts: named(n).map((c) => this.expr(c)) };
      case 'dictionary': {
        const keys: (Expr | undefined)[] = [];
        const values: Expr[] = [];
        for (const c of named(n)) {
          if (c.type === 'pair') {
            keys.push(this.expr(field(c, 'key')!));
            values.push(this.expr(field(c, 'value')!));
          } else if (c.type === 'dictionary_splat') {
            keys.push(undefined);
            values.push(this.expr(named(c)[0]!));
          }
        }
        return { kind: 'Dict', loc, keys, values };
      }
      case 'list_splat':
      case 'list_splat_pattern':
        return { kind: 'Starred', loc, value: this.expr(named(n)[0]!) };
      case 'parenthesized_list_splat': return this.expr(named(n)[0]!);
      case 'binary_operator': {
        if (BITWISE.has(field(n, 'operator')!.type)) return this.bitwise(n);
        const op = BINOPS[field(n, 'operator')!.type];
        if (op === undefined) return this.badExpr(`operator '${field(n, 'operator')!.type}'`, n);
        return { kind: 'BinOp', loc, op, left: this.expr(field(n, 'left')!), right: this.expr(field(n, 'right')!) };
      }
      case 'unary_operator': {
        const t = field(n, 'operator')!.type;
        return { kind: 'UnaryOp', loc, op: t === '-' ? 'neg' : t === '+' ? 'pos' : 'invert', operand: this.expr(field(n, 'argument')!) };
      }
      case 'not_operator': return { kind: 'UnaryOp', loc, op: 'not', operand: this.expr(field(n, 'argument')!) };
      case 'boolean_operator': {
        const op = field(n, 'operator')!.type as 'and' | 'or';
        const values: Expr[] = [];
        const flat = (e: Cst): void => {
          if (e.type === 'boolean_operator' && field(e, 'operator')!.type === op) {
            flat(field(e, 'left')!);
            flat(field(e, 'right')!);
          } else values.push(this.expr(e));
        };
        flat(field(n, 'left')!);
        flat(field(n, 'right')!);
        return { kind: 'BoolOp', loc, op, values };
      }
      case 'comparison_operator': {
        const operands = named(n).map((c) => this.expr(c));
        const ops = fields(n, 'operators').map((o) => CMPOPS[o.type.replace(/\s+/g, ' ')] ?? CMPOPS[this.text(o).replace(/\s+/g, ' ')]!);
        return { kind: 'Compare', loc, left: operands[0]!, ops, comparators: operands.slice(1) };
      }
      case 'conditional_expression': {
        const k = named(n);
        return { kind: 'IfExp', loc, body: this.expr(k[0]!), test: this.expr(k[1]!), orelse: this.expr(k[2]!) };
      }
      case 'named_expression': return { kind: 'NamedExpr', loc, target: this.expr(field(n, 'name')!), value: this.expr(field(n, 'value')!) };
      case 'attribute': return { kind: 'Attribute', loc, value: this.expr(field(n, 'object')!), attr: this.text(field(n, 'attribute')!) };
      case 'subscript': {
        const subs = fields(n, 'subscript');
        const trailingComma = n.children.some((c) => c.type === ',');
        const parts = subs.map((s) => this.expr(s));
        const slice: Expr = parts.length === 1 && !trailingComma ? parts[0]! : { kind: 'Tuple', loc, elts: parts };
        return { kind: 'Subscript', loc, value: this.expr(field(n, 'value')!), slice };
      }
      case 'slice': {
        const parts: (Expr | undefined)[] = [undefined, undefined, undefined];
        let idx = 0;
        for (const c of n.children) {
          if (c.type === ':') idx++;
          else if (c.isNamed && c.type !== 'comment') parts[idx] = this.expr(c);
        }
        return { kind: 'Slice', loc, lower: parts[0], upper: parts[1], step: parts[2] };
      }
      case 'call': {
        const func = this.expr(field(n, 'function')!);
        const a = field(n, 'arguments')!;
        if (a.type === 'generator_expression') return { kind: 'Call', loc, func, args: [this.expr(a)], keywords: [] };
        const { args, keywords } = this.argList(a);
        return { kind: 'Call', loc, func, args, keywords };
      }
      case 'lambda': {
        const params = field(n, 'parameters');
        return { kind: 'Lambda', loc, args: this.parameters(params), body: this.expr(field(n, 'body')!) };
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression': {
        const kind = n.type === 'list_comprehension' ? 'ListComp' : n.type === 'set_comprehension' ? 'SetComp' : 'GeneratorExp';
        return { kind, loc, elt: this.expr(field(n, 'body')!), generators: this.comprehension(n) };
      }
      case 'dictionary_comprehension': {
        const pair = field(n, 'body')!;
        return { kind: 'DictComp', loc, key: this.expr(field(pair, 'key')!), value: this.expr(field(pair, 'value')!), generators: this.comprehension(n) };
      }
      case 'yield': {
        const k = named(n)[0];
        if (n.children.some((c) => c.type === 'from')) return { kind: 'YieldFrom', loc, value: this.expr(k!) };
        return { kind: 'Yield', loc, value: k === undefined ? undefined : this.exprOrTuple(k) };
      }
      case 'await': return { kind: 'Await', loc, value: this.expr(named(n)[0]!) };
      case 'as_pattern': return this.badExpr("'as' in this position", n);
      case 'type': {
        const k = named(n)[0];
        return k === undefined ? this.badExpr('empty annotation', n) : this.expr(k);
      }
      case 'generic_type': {
        const kids = named(n);
        const params = kids.slice(1).flatMap((k) => (k.type === 'type_parameter' ? named(k) : [k])).map((k) => this.expr(k));
        const slice: Expr = params.length === 1 ? params[0]! : { kind: 'Tuple', loc, elts: params };
        return { kind: 'Subscript', loc, value: this.expr(kids[0]!), slice };
      }
      case 'union_type': {
        const kids = named(n).map((k) => this.expr(k));
        return kids.slice(1).reduce((l: Expr, r: Expr): Expr => ({ kind: 'BinOp', loc, op: 'bitor', left: l, right: r }), kids[0]!);
      }
      case 'member_type': {
        const kids = named(n);
        return { kind: 'Attribute', loc, value: this.expr(kids[0]!), attr: this.text(kids[kids.length - 1]!) };
      }
      case 'splat_type': return { kind: 'Starred', loc, value: this.expr(named(n)[0]!) };
      default:
        return this.badExpr(`expression '${n.type}'`, n);
    }
  }

  private argList(n: Cst): { args: Expr[]; keywords: Keyword[] } {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    for (const c of named(n)) {
      if (c.type === 'keyword_argument') keywords.push({ arg: this.text(field(c, 'name')!), value: this.expr(field(c, 'value')!), loc: this.loc(c) });
      else if (c.type === 'dictionary_splat') keywords.push({ arg: undefined, value: this.expr(named(c)[0]!), loc: this.loc(c) });
      else args.push(this.expr(c));
    }
    return { args, keywords };
  }

  private comprehension(n: Cst): Comprehension[] {
    const gens: Comprehension[] = [];
    for (const c of named(n)) {
      if (c.type === 'for_in_clause') {
        const rights = fields(c, 'right').filter((r) => r.type !== ',');
        const iter: Expr = rights.length === 1 ? this.expr(rights[0]!) : { kind: 'Tuple', loc: this.loc(c), elts: rights.map((r) => this.expr(r)) };
        gens.push({ target: this.target(field(c, 'left')!), iter, ifs: [], isAsync: c.children.some((t) => t.type === 'async') });
      } else if (c.type === 'if_clause') gens[gens.length - 1]?.ifs.push(this.expr(named(c)[0]!));
    }
    return gens;
  }

  // ---- strings -----------------------------------------------------------------

  private strings(parts: Cst[], loc: Loc): Expr {
    let isBytes: boolean | undefined;
    let anyF = false;
    const values: Expr[] = [];
    let pending = '';
    const bytes: number[] = [];
    const flush = (): void => {
      if (pending !== '') values.push({ kind: 'Constant', loc, value: { kind: 'str', value: pending } });
      pending = '';
    };
    for (const s of parts) {
      const kids = s.children;
      const start = kids[0]!;
      const prefix = parsePrefix(this.text(start));
      if (isBytes !== undefined && isBytes !== prefix.bytes) {
        this.diags.error(Codes.invalidSyntax, 'cannot mix bytes and nonbytes literals', this.loc(s));
        return { kind: 'Constant', loc, value: { kind: 'str', value: '' } };
      }
      isBytes = prefix.bytes;
      const endNode = kids[kids.length - 1]!;
      if (prefix.bytes) {
        const body = this.text(s).slice(this.text(start).length, this.text(s).length - (endNode.type === 'string_end' ? this.text(endNode).length : 0));
        const r = decodeBytesBody(body, prefix.raw);
        if (r.error !== undefined) this.diags.error(Codes.invalidLiteral, r.error, this.loc(s));
        bytes.push(...r.value);
        continue;
      }
      if (!prefix.fstring) {
        const body = this.text(s).slice(this.text(start).length, this.text(s).length - (endNode.type === 'string_end' ? this.text(endNode).length : 0));
        pending += this.decodeText(body, prefix.raw, s);
        continue;
      }
      anyF = true;
      this.fstringParts(s, prefix.raw, (text) => { pending += text; }, (e) => { flush(); values.push(e); });
    }
    if (isBytes === true) return { kind: 'Constant', loc, value: { kind: 'bytes', value: Uint8Array.from(bytes) } };
    if (!anyF) return { kind: 'Constant', loc, value: { kind: 'str', value: pending } };
    flush();
    return { kind: 'JoinedStr', loc, values };
  }

  private decodeText(body: string, raw: boolean, n: Cst): string {
    if (raw) return body.replace(/\r\n/g, '\n');
    if (!body.includes('\\')) return body; // no escapes: decoding gives the body back
    const r = decodeEscapes(body, false);
    if (r.error !== undefined) this.diags.error(Codes.invalidLiteral, `(unicode error) 'unicodeescape' codec can't decode bytes: ${r.error}`, this.loc(n));
    return codesToString(r.codes);
  }

  /** Walk an f-string (or a format spec) node, emitting literal text and fields. */
  private fstringParts(s: Cst, raw: boolean, text: (t: string) => void, field_: (e: Expr) => void): void {
    const src = this.text(s);
    const base = s.startIndex;
    // Literal text lies between the children that are not literal content.
    let cursor = -1;
    for (const c of s.children) {
      if (c.type === 'string_start' || c.type === ':' && s.type === 'format_specifier') {
        cursor = c.endIndex;
        continue;
      }
      if (c.type === 'interpolation' || c.type === 'format_expression' || c.type === 'string_end') {
        if (cursor >= 0 && c.startIndex > cursor) this.literalChunk(src.slice(cursor - base, c.startIndex - base), raw, s, text);
        cursor = c.endIndex;
        if (c.type !== 'string_end') field_(this.interpolation(c, raw));
        continue;
      }
      if (cursor < 0) cursor = c.startIndex;
    }
    if (s.type === 'format_specifier' && cursor >= 0 && cursor < s.endIndex) this.literalChunk(src.slice(cursor - base), raw, s, text);
  }

  private literalChunk(chunk: string, raw: boolean, n: Cst, text: (t: string) => void): void {
    text(this.decodeText(chunk.replace(/\{\{/g, '{').replace(/\}\}/g, '}'), raw, n));
  }

  private interpolation(n: Cst, raw: boolean): Expr {
    const loc = this.loc(n);
    const exprNode = field(n, 'expression')!;
    const value = this.exprOrTuple(exprNode);
    const conv = field(n, 'type_conversion');
    const spec = field(n, 'format_specifier');
    let conversion = conv === undefined ? undefined : (this.text(conv).slice(1) as 'r' | 's' | 'a');
    const out: Expr[] = [];
    const hasEq = n.children.some((c) => c.type === '=');
    if (hasEq) {
      // `{expr=}`: the expression text (with its whitespace) then repr unless a spec/conversion says otherwise.
      // The text runs to the next token ('!', ':' or '}'), keeping the whitespace after '='.
      const eqAt = n.children.findIndex((c) => c.type === '=');
      const next = n.children[eqAt + 1];
      const end = next === undefined ? n.endIndex - 1 : next.startIndex;
      const txt = this.source.slice(n.startIndex + 1, end);
      out.push({ kind: 'Constant', loc, value: { kind: 'str', value: txt } });
      if (conversion === undefined && spec === undefined) conversion = 'r';
    }
    let formatSpec: Expr | undefined;
    if (spec !== undefined) {
      const parts: Expr[] = [];
      let pending = '';
      this.fstringParts(spec, raw, (t) => { pending += t; }, (e) => {
        if (pending !== '') parts.push({ kind: 'Constant', loc, value: { kind: 'str', value: pending } });
        pending = '';
        parts.push(e);
      });
      if (pending !== '') parts.push({ kind: 'Constant', loc, value: { kind: 'str', value: pending } });
      formatSpec = { kind: 'JoinedStr', loc, values: parts };
    }
    const fv: Expr = { kind: 'FormattedValue', loc, value, conversion, formatSpec };
    if (!hasEq) return fv;
    return { kind: 'JoinedStr', loc, values: [...out, fv] };
  }
}

export type { ConstValue };
