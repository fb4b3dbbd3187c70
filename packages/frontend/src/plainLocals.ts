// plainLocals.ts — which locals of a function only ever hold values whose
// release nothing observes, so the frontend need not keep them alive to the
// function's end (FnCtx.keepLocals): every binding of such a name is a
// constant, an f-string, arithmetic, a comparison, or a `for` target over
// `range(...)`. Arithmetic on objects with overloaded operators could still
// make an object with a finalizer; such an object, held only by that local,
// is released after its last use rather than when the function returns.
// Neighbours: context.ts (keepalive), lowerFunction.ts.

import type { Expr, Stmt } from './ast.js';

/** An expression whose value is a number, bool, str or constant (for the purpose above). */
function plainExpr(e: Expr): boolean {
  switch (e.kind) {
    case 'Constant': case 'JoinedStr': case 'BinOp': case 'UnaryOp': case 'Compare': return true;
    case 'BoolOp': return e.values.every(plainExpr);
    case 'IfExp': return plainExpr(e.body) && plainExpr(e.orelse);
    default: return false;
  }
}

function isRangeCall(e: Expr): boolean {
  return e.kind === 'Call' && e.func.kind === 'Name' && e.func.id === 'range';
}

/** The names of `body`'s locals bound only to plain values (see the file comment). */
export function plainLocals(body: Stmt[]): Set<string> {
  const plain = new Set<string>();
  const other = new Set<string>();
  const bind = (t: Expr, isPlain: boolean): void => {
    if (t.kind === 'Name') (isPlain ? plain : other).add(t.id);
    else scan(t, true);
  };
  // Any name a construct not modelled below binds (walrus, unpacking, `as`,
  // match captures, imports, defs) counts as holding an object.
  const scan = (node: unknown, targets: boolean): void => {
    if (Array.isArray(node)) {
      for (const x of node) scan(x, targets);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n['kind'] === 'NamedExpr') bind(n['target'] as Expr, false);
    if (targets && n['kind'] === 'Name') other.add(n['id'] as string);
    for (const [k, v] of Object.entries(n)) {
      if (k === 'loc') continue;
      // Names bound by strings: `except E as name`, `def name`, `import a as name`, match captures.
      if (targets && typeof v === 'string' && (k === 'name' || k === 'asname' || k === 'rest')) other.add(v.split('.')[0]!);
      scan(v, targets || k === 'target' || k === 'targets' || k === 'name' || k === 'names' || k === 'optionalVars' || k === 'pattern');
    }
  };
  const stmts = (list: Stmt[]): void => {
    for (const st of list) {
      switch (st.kind) {
        case 'Assign':
          for (const t of st.targets) bind(t, plainExpr(st.value));
          scan(st.value, false);
          break;
        case 'AugAssign':
          bind(st.target, true);
          scan(st.value, false);
          break;
        case 'AnnAssign':
          if (st.value !== undefined) {
            bind(st.target, plainExpr(st.value));
            scan(st.value, false);
          }
          break;
        case 'For':
          bind(st.target, !st.isAsync && isRangeCall(st.iter));
          scan(st.iter, false);
          stmts(st.body);
          stmts(st.orelse);
          break;
        case 'While':
          scan(st.test, false);
          stmts(st.body);
          stmts(st.orelse);
          break;
        case 'If':
          scan(st.test, false);
          stmts(st.body);
          stmts(st.orelse);
          break;
        case 'Expr': case 'Return': case 'Assert': case 'Raise': case 'Delete':
          scan(st, false);
          break;
        case 'Pass': case 'Break': case 'Continue': case 'Global': case 'Nonlocal':
          break;
        default:
          // Everything else (with, try, match, imports, defs, classes) binds
          // names in ways not modelled here: all of them count as objects.
          scan(st, true);
      }
    }
  };
  stmts(body);
  for (const n of other) plain.delete(n);
  return plain;
}
