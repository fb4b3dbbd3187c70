// scope.ts — the symbol table, following CPython's rules: each name of
// each scope is local, cell, free, explicitly global or implicitly global;
// class scopes are skipped when resolving free names; comprehensions are
// scopes of their own; a method using `super()` or `__class__` gets the
// implicit `__class__` cell of its class. Neighbours: ast.ts (input),
// lower*.ts (which ask a Scope how to load and store a name).

import type { Arguments, Loc, ClassDef, Comprehension, Expr, FunctionDef, ModuleAst, Pattern, Stmt, TypeAlias, TypeParam } from './ast.js';
import { Codes, type DiagnosticBag } from './diagnostics.js';

export type ScopeKind = 'module' | 'function' | 'class' | 'lambda' | 'comprehension';
export type SymbolKind = 'local' | 'cell' | 'free' | 'global' | 'globalImplicit' | 'classLocal';

/**
 * A scope-creating node. A PEP 695 type-parameter list (the array itself)
 * keys its annotation scope; a `type` statement keys the scope of its lazily
 * evaluated value.
 */
export type ScopeNode = ModuleAst | FunctionDef | ClassDef | Expr | TypeAlias | TypeParam[];

export class Scope {
  readonly children: Scope[] = [];
  readonly bound = new Set<string>();
  readonly used = new Set<string>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly params: string[] = [];
  /** Ordered free variables (closure indices). */
  readonly freeVars: string[] = [];
  /** Ordered cell variables. */
  readonly cellVars: string[] = [];
  readonly deleted = new Set<string>();
  /** Where each nonlocal name was declared (for diagnostics). */
  readonly nonlocalLocs = new Map<string, Loc>();
  isGenerator = false;
  isCoroutine = false;
  /** A class scope whose methods use `__class__` (or zero-arg `super()`). */
  needsClassCell = false;
  usesSuper = false;
  hasYield = false;
  /** A PEP 695 annotation scope (`<generic parameters of f>`): compiled as a function called where the definition runs. */
  isTypeParams = false;

  constructor(
    readonly kind: ScopeKind,
    readonly name: string,
    readonly node: ScopeNode,
    readonly parent: Scope | undefined,
    readonly qualname: string,
  ) {
    parent?.children.push(this);
  }

  get isFunctionLike(): boolean {
    return this.kind === 'function' || this.kind === 'lambda' || this.kind === 'comprehension';
  }

  /** How a name is accessed in this scope. */
  symbol(name: string): SymbolKind {
    if (this.kind === 'module') return 'global';
    if (this.globals.has(name)) return 'global';
    if (this.kind === 'class') {
      if (name === '__class__' && this.freeVars.includes(name)) return 'free';
      if (this.bound.has(name)) return 'classLocal';
      if (this.freeVars.includes(name)) return 'free';
      return 'globalImplicit';
    }
    if (this.freeVars.includes(name)) return 'free';
    if (this.cellVars.includes(name)) return 'cell';
    if (this.bound.has(name)) return 'local';
    return 'globalImplicit';
  }

  /** The nearest scope that is compiled to an IR function (class bodies run inline). */
  get irScope(): Scope {
    return this.kind === 'class' ? this.parent!.irScope : this;
  }
}

export interface ScopeTable {
  module: Scope;
  /** Scope of each scope-creating AST node. */
  of(node: ScopeNode): Scope;
}

/** Build the symbol table of a module. */
export function analyzeScopes(mod: ModuleAst, diags: DiagnosticBag): ScopeTable {
  const byNode = new Map<ScopeNode, Scope>();
  const module = new Scope('module', '<module>', mod, undefined, '');
  byNode.set(mod, module);
  const v = new Collector(byNode, diags);
  v.stmts(mod.body, module);
  resolve(module, diags);
  return {
    module,
    of(node: ScopeNode): Scope {
      const s = byNode.get(node);
      if (s === undefined) throw new Error('scope of node not analysed');
      return s;
    },
  };
}

/** True for a list, set or dict comprehension: CPython 3.12 inlines them (PEP 709), so they add no qualname level. */
function isInlinedComprehension(s: Scope): boolean {
  return s.kind === 'comprehension' && (s.node as Expr).kind !== 'GeneratorExp';
}

function childQualname(scope: Scope, name: string): string {
  let parent = scope;
  while (isInlinedComprehension(parent)) parent = parent.parent!;
  if (parent.kind === 'module') return name;
  if (parent.kind === 'class') return `${parent.qualname}.${name}`;
  return `${parent.qualname}.<locals>.${name}`;
}

class Collector {
  constructor(private readonly byNode: Map<ScopeNode, Scope>, private readonly diags: DiagnosticBag) {}

  private bind(name: string, s: Scope): void {
    s.bound.add(name);
  }

  stmts(body: Stmt[], s: Scope): void {
    for (const st of body) this.stmt(st, s);
  }

  private stmt(st: Stmt, s: Scope): void {
    switch (st.kind) {
      case 'FunctionDef': {
        for (const d of st.decorators) this.expr(d, s);
        this.argDefaults(st.args, s);
        const ann = st.typeParams === undefined ? s : this.typeParamScope(st.typeParams, s, st.name, ['.defaults', '.kwdefaults']);
        this.argAnnotations(st.args, ann);
        if (st.returns !== undefined) this.expr(st.returns, ann);
        const f = new Scope('function', st.name, st, ann, childQualname(s, st.name));
        this.byNode.set(st, f);
        this.params(st.args, f);
        f.isCoroutine = st.isAsync;
        this.stmts(st.body, f);
        this.bind(st.name, s);
        return;
      }
      case 'ClassDef': {
        for (const d of st.decorators) this.expr(d, s);
        const outer = st.typeParams === undefined ? s : this.typeParamScope(st.typeParams, s, st.name, []);
        for (const b of st.bases) this.expr(b, outer);
        for (const k of st.keywords) this.expr(k.value, outer);
        const c = new Scope('class', st.name, st, outer, childQualname(s, st.name));
        this.byNode.set(st, c);
        this.stmts(st.body, c);
        this.bind(st.name, s);
        return;
      }
      case 'TypeAlias': {
        this.bind(st.name, s);
        const outer = st.typeParams === undefined ? s : this.typeParamScope(st.typeParams, s, st.name, []);
        const v = new Scope('lambda', st.name, st, outer, childQualname(s, st.name));
        this.byNode.set(st, v);
        this.expr(st.value, v);
        return;
      }
      case 'Return': if (st.value) this.expr(st.value, s); return;
      case 'Delete': for (const t of st.targets) { this.target(t, s); if (t.kind === 'Name') s.deleted.add(t.id); } return;
      case 'Assign': this.expr(st.value, s); for (const t of st.targets) this.target(t, s); return;
      case 'AugAssign': this.expr(st.value, s); this.target(st.target, s); if (st.target.kind === 'Name') s.used.add(st.target.id); return;
      case 'AnnAssign':
        if (st.value) this.expr(st.value, s);
        if (s.kind !== 'function') this.expr(st.annotation, s);
        if (st.target.kind === 'Name') { if (st.value !== undefined || s.kind !== 'module') this.bind(st.target.id, s); } else this.target(st.target, s);
        return;
      case 'For': this.expr(st.iter, s); this.target(st.target, s); this.stmts(st.body, s); this.stmts(st.orelse, s); return;
      case 'While': this.expr(st.test, s); this.stmts(st.body, s); this.stmts(st.orelse, s); return;
      case 'If': this.expr(st.test, s); this.stmts(st.body, s); this.stmts(st.orelse, s); return;
      case 'With': for (const it of st.items) { this.expr(it.contextExpr, s); if (it.optionalVars) this.target(it.optionalVars, s); } this.stmts(st.body, s); return;
      case 'Match':
        this.expr(st.subject, s);
        for (const c of st.cases) { this.pattern(c.pattern, s); if (c.guard) this.expr(c.guard, s); this.stmts(c.body, s); }
        return;
      case 'Raise': if (st.exc) this.expr(st.exc, s); if (st.cause) this.expr(st.cause, s); return;
      case 'Try':
        this.stmts(st.body, s);
        for (const h of st.handlers) { if (h.type) this.expr(h.type, s); if (h.name !== undefined) this.bind(h.name, s); this.stmts(h.body, s); }
        this.stmts(st.orelse, s); this.stmts(st.finalbody, s);
        return;
      case 'Assert': this.expr(st.test, s); if (st.msg) this.expr(st.msg, s); return;
      case 'Import': for (const a of st.names) this.bind(a.asname ?? a.name.split('.')[0]!, s); return;
      case 'ImportFrom':
        for (const a of st.names) {
          if (a.name === '*') {
            if (s.kind !== 'module') this.diags.error(Codes.misplacedStatement, 'import * only allowed at module level', st.loc);
          } else this.bind(a.asname ?? a.name, s);
        }
        return;
      case 'Global':
        for (const n of st.names) {
          if (s.bound.has(n) || s.used.has(n)) this.diags.error(Codes.misplacedStatement, `name '${n}' is ${s.bound.has(n) ? 'assigned to' : 'used'} before global declaration`, st.loc);
          s.globals.add(n);
        }
        return;
      case 'Nonlocal':
        if (s.kind === 'module') this.diags.error(Codes.misplacedStatement, 'nonlocal declaration not allowed at module level', st.loc);
        for (const n of st.names) {
          s.nonlocals.add(n);
          s.nonlocalLocs.set(n, st.loc);
        }
        return;
      case 'Expr': this.expr(st.value, s); return;
      case 'Pass': case 'Break': case 'Continue': case 'Unsupported': return;
    }
  }

  private argDefaults(a: Arguments, s: Scope): void {
    for (const d of a.defaults) this.expr(d, s);
    for (const d of a.kwDefaults) if (d) this.expr(d, s);
  }

  private argAnnotations(a: Arguments, s: Scope): void {
    for (const p of [...a.posonly, ...a.args, a.vararg, ...a.kwonly, a.kwarg]) if (p?.annotation) this.expr(p.annotation, s);
  }

  /** The annotation scope of a PEP 695 definition: binds the type parameters (and hidden parameters). */
  private typeParamScope(tps: TypeParam[], s: Scope, name: string, hidden: string[]): Scope {
    const label = `<generic parameters of ${name}>`;
    const t = new Scope('function', label, tps, s, childQualname(s, label));
    t.isTypeParams = true;
    this.byNode.set(tps, t);
    for (const h of hidden) {
      t.params.push(h);
      this.bind(h, t);
    }
    for (const tp of tps) {
      this.bind(tp.name, t);
      if (tp.bound !== undefined) this.expr(tp.bound, t);
    }
    return t;
  }

  private params(a: Arguments, f: Scope): void {
    for (const p of [...a.posonly, ...a.args]) f.params.push(p.name);
    if (a.vararg) f.params.push(a.vararg.name);
    for (const p of a.kwonly) f.params.push(p.name);
    if (a.kwarg) f.params.push(a.kwarg.name);
    for (const p of f.params) this.bind(p, f);
  }

  target(t: Expr, s: Scope): void {
    switch (t.kind) {
      case 'Name': this.bind(t.id, s); return;
      case 'Tuple': case 'List': for (const e of t.elts) this.target(e, s); return;
      case 'Starred': this.target(t.value, s); return;
      default: this.expr(t, s);
    }
  }

  private pattern(p: Pattern, s: Scope): void {
    switch (p.kind) {
      case 'MatchValue': this.expr(p.value, s); return;
      case 'MatchSingleton': return;
      case 'MatchSequence': for (const q of p.patterns) this.pattern(q, s); return;
      case 'MatchStar': if (p.name) this.bind(p.name, s); return;
      case 'MatchMapping': for (const k of p.keys) this.expr(k, s); for (const q of p.patterns) this.pattern(q, s); if (p.rest) this.bind(p.rest, s); return;
      case 'MatchClass': this.expr(p.cls, s); for (const q of [...p.patterns, ...p.kwdPatterns]) this.pattern(q, s); return;
      case 'MatchAs': if (p.pattern) this.pattern(p.pattern, s); if (p.name) this.bind(p.name, s); return;
      case 'MatchOr': for (const q of p.patterns) this.pattern(q, s); return;
    }
  }

  expr(e: Expr, s: Scope): void {
    switch (e.kind) {
      case 'Name':
        s.used.add(e.id);
        if (e.id === 'super' && s.isFunctionLike) s.usesSuper = true;
        return;
      case 'Constant': return;
      case 'JoinedStr': for (const v of e.values) this.expr(v, s); return;
      case 'FormattedValue': this.expr(e.value, s); if (e.formatSpec) this.expr(e.formatSpec, s); return;
      case 'BinOp': this.expr(e.left, s); this.expr(e.right, s); return;
      case 'UnaryOp': this.expr(e.operand, s); return;
      case 'BoolOp': for (const v of e.values) this.expr(v, s); return;
      case 'Compare': this.expr(e.left, s); for (const v of e.comparators) this.expr(v, s); return;
      case 'Call': this.expr(e.func, s); for (const a of e.args) this.expr(a, s); for (const k of e.keywords) this.expr(k.value, s); return;
      case 'Attribute': this.expr(e.value, s); return;
      case 'Subscript': this.expr(e.value, s); this.expr(e.slice, s); return;
      case 'Slice': for (const v of [e.lower, e.upper, e.step]) if (v) this.expr(v, s); return;
      case 'Starred': this.expr(e.value, s); return;
      case 'Tuple': case 'List': case 'Set': for (const v of e.elts) this.expr(v, s); return;
      case 'Dict': for (const k of e.keys) if (k) this.expr(k, s); for (const v of e.values) this.expr(v, s); return;
      case 'IfExp': this.expr(e.test, s); this.expr(e.body, s); this.expr(e.orelse, s); return;
      case 'Lambda': {
        this.argDefaults(e.args, s);
        const f = new Scope('lambda', '<lambda>', e, s, childQualname(s, '<lambda>'));
        this.byNode.set(e, f);
        this.params(e.args, f);
        this.expr(e.body, f);
        return;
      }
      case 'NamedExpr': {
        this.expr(e.value, s);
        if (e.target.kind !== 'Name') return;
        let owner = s;
        while (owner.kind === 'comprehension') owner = owner.parent!;
        if (owner !== s) {
          if (owner.kind === 'class') this.diags.error(Codes.misplacedStatement, 'assignment expression within a comprehension cannot be used in a class body', e.loc);
          this.bind(e.target.id, owner);
          for (let c: Scope = s; c !== owner; c = c.parent!) {
            if (owner.kind === 'module') c.globals.add(e.target.id);
            else c.nonlocals.add(e.target.id);
          }
        } else this.bind(e.target.id, s);
        return;
      }
      case 'ListComp': case 'SetComp': case 'GeneratorExp': case 'DictComp': {
        const name = { ListComp: '<listcomp>', SetComp: '<setcomp>', GeneratorExp: '<genexpr>', DictComp: '<dictcomp>' }[e.kind];
        this.expr(e.generators[0]!.iter, s);
        const c = new Scope('comprehension', name, e, s, childQualname(s, name));
        this.byNode.set(e, c);
        c.params.push('.0');
        c.bound.add('.0');
        if (e.kind === 'GeneratorExp') c.isGenerator = true;
        if (e.generators.some((g) => g.isAsync)) c.isCoroutine = true;
        this.comprehension(e.generators, c);
        if (e.kind === 'DictComp') { this.expr(e.key, c); this.expr(e.value, c); } else this.expr(e.elt, c);
        // An async list/set/dict comprehension is awaited where it stands (CPython
        // 3.12 inlines it): only inside a coroutine. An async generator
        // expression just makes an async generator.
        if (c.isCoroutine && e.kind !== 'GeneratorExp' && !isAsyncContext(s)) {
          this.diags.error(Codes.misplacedStatement, 'asynchronous comprehension outside of an asynchronous function', e.loc);
        }
        return;
      }
      case 'Yield': case 'YieldFrom':
        if (e.value) this.expr(e.value, s);
        if (e.kind === 'YieldFrom' && s.kind === 'function' && s.isCoroutine) this.diags.error(Codes.misplacedStatement, "'yield from' inside async function", e.loc);
        if (s.isFunctionLike) { s.isGenerator = true; s.hasYield = true; } else this.diags.error(Codes.misplacedStatement, "'yield' outside function", e.loc);
        return;
      case 'Await':
        this.expr(e.value, s);
        // In a comprehension, `await` makes it a coroutine (checked where it ends).
        if (s.kind === 'comprehension') s.isCoroutine = true;
        else if (s.kind === 'function' && s.isCoroutine) s.hasYield = true;
        else if (s.kind === 'function' || s.kind === 'lambda') this.diags.error(Codes.misplacedStatement, "'await' outside async function", e.loc);
        else this.diags.error(Codes.misplacedStatement, "'await' outside function", e.loc);
        return;
    }
  }

  private comprehension(gens: Comprehension[], c: Scope): void {
    gens.forEach((g, i) => {
      if (i > 0) this.expr(g.iter, c);
      this.target(g.target, c);
      for (const f of g.ifs) this.expr(f, c);
    });
  }
}

/** Resolve every scope's names: cells, frees and the `__class__` cell. */
function resolve(module: Scope, diags: DiagnosticBag): void {
  const all: Scope[] = [];
  const walk = (s: Scope): void => {
    all.push(s);
    for (const c of s.children) walk(c);
  };
  walk(module);
  // Names declared nonlocal/global are not local bindings.
  for (const s of all) {
    for (const n of s.globals) s.bound.delete(n);
    for (const n of s.nonlocals) s.bound.delete(n);
    if (s.usesSuper) s.used.add('__class__');
  }
  const addFree = (s: Scope, n: string): void => {
    if (!s.freeVars.includes(n)) s.freeVars.push(n);
  };
  const addCell = (s: Scope, n: string): void => {
    if (!s.cellVars.includes(n)) s.cellVars.push(n);
  };
  /** Find the defining scope of a free name used in `s`; mark the chain. */
  const lookup = (s: Scope, n: string): boolean => {
    const chain: Scope[] = [];
    for (let p = s.parent; p !== undefined; p = p.parent) {
      if (p.kind === 'module') return false;
      if (p.kind === 'class') {
        if (n === '__class__') {
          p.needsClassCell = true;
          for (const c of chain) addFree(c, n);
          addFree(s, n);
          return true;
        }
        continue;
      }
      if (p.globals.has(n)) return false;
      if (p.bound.has(n)) {
        addCell(p, n);
        for (const c of chain) addFree(c, n);
        addFree(s, n);
        return true;
      }
      chain.push(p);
    }
    return false;
  };
  for (const s of all) {
    if (s.kind === 'module') continue;
    for (const n of s.nonlocals) {
      if (!lookup(s, n)) {
        diags.error(Codes.nonlocalBinding, `no binding for nonlocal '${n}' found`, s.nonlocalLocs.get(n));
      }
    }
    for (const n of s.used) {
      if (s.bound.has(n) || s.globals.has(n) || s.nonlocals.has(n)) continue;
      lookup(s, n);
    }
  }
  // A class's own `__class__` is not an ordinary binding; order cells deterministically.
  for (const s of all) {
    if (s.kind === 'class') s.freeVars.splice(0, s.freeVars.length, ...s.freeVars.filter((n) => n !== '__class__'));
    const paramOrder = (n: string): number => {
      const i = s.params.indexOf(n);
      return i < 0 ? s.params.length : i;
    };
    s.cellVars.sort((a, b) => paramOrder(a) - paramOrder(b) || (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** True when an expression contains `yield`/`await` outside nested scopes. */
export function containsSuspend(e: Expr | undefined): boolean {
  if (e === undefined) return false;
  switch (e.kind) {
    case 'Yield': case 'YieldFrom': case 'Await': return true;
    case 'Name': case 'Constant': case 'Lambda': return false;
    case 'GeneratorExp': return containsSuspend(e.generators[0]!.iter);
    // An async list/set/dict comprehension is awaited where it stands.
    case 'ListComp': case 'SetComp': case 'DictComp':
      return e.generators.some((g) => g.isAsync || containsSuspend(g.iter) || g.ifs.some(containsSuspend))
        || (e.kind === 'DictComp' ? containsSuspend(e.key) || containsSuspend(e.value) : containsSuspend(e.elt));
    case 'JoinedStr': return e.values.some(containsSuspend);
    case 'FormattedValue': return containsSuspend(e.value) || containsSuspend(e.formatSpec);
    case 'BinOp': return containsSuspend(e.left) || containsSuspend(e.right);
    case 'UnaryOp': return containsSuspend(e.operand);
    case 'BoolOp': return e.values.some(containsSuspend);
    case 'Compare': return containsSuspend(e.left) || e.comparators.some(containsSuspend);
    case 'Call': return containsSuspend(e.func) || e.args.some(containsSuspend) || e.keywords.some((k) => containsSuspend(k.value));
    case 'Attribute': return containsSuspend(e.value);
    case 'Subscript': return containsSuspend(e.value) || containsSuspend(e.slice);
    case 'Slice': return containsSuspend(e.lower) || containsSuspend(e.upper) || containsSuspend(e.step);
    case 'Starred': return containsSuspend(e.value);
    case 'Tuple': case 'List': case 'Set': return e.elts.some(containsSuspend);
    case 'Dict': return e.keys.some(containsSuspend) || e.values.some(containsSuspend);
    case 'IfExp': return containsSuspend(e.test) || containsSuspend(e.body) || containsSuspend(e.orelse);
    case 'NamedExpr': return containsSuspend(e.value);
  }
}

/** True inside an `async def` (or a comprehension awaited in one), where an async comprehension may be awaited. */
function isAsyncContext(s: Scope): boolean {
  if (s.kind === 'function') return s.isCoroutine;
  if (s.kind === 'comprehension') return s.isCoroutine && s.parent !== undefined && isAsyncContext(s.parent);
  return false;
}
