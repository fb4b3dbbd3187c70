// opTable.ts — the single source of every Molt IR op.
// Neighbours: tools/gen-ir.mjs reads this table and writes ops.generated.ts
// (op-name union, builder methods), schema.generated.ts (ajv schema) and
// specs/ir-ops.md. The printer, reader, verifier and both backends look ops
// up here; nothing else in the monorepo lists ops.
//
// Conventions (see specs/ir.md):
// - Operand and result types are `obj` (a NaN-boxed Python value), `i64`,
//   `f64` or `bool` (unboxed).
// - `variadic` names the type of trailing operands (any count). A runtime
//   call passes them as a pointer to an array of words and a count.
// - `imms` are immediates stored in the instruction (constants, slot
//   numbers, function references).
// - `runtime` is the symbol of the runtime function a backend calls to
//   implement the op generically: it receives the fixed operands, then
//   (argv, n) for variadic operands, then integer immediates, and returns a
//   word (see specs/runtime-abi.md §4).
// - `succ` is the number of successor blocks of a terminator, or
//   'variadic' for `switch`.
// - Opcodes are stable: never renumber; retire an op by leaving a gap.

export type ValueTypeName = 'obj' | 'i64' | 'f64' | 'bool';

export type Effect =
  | 'pure' // no side effect, cannot raise; may be removed if unused or folded
  | 'may-raise' // may leave an exception pending (backend checks ERR)
  | 'may-call' // may run arbitrary Python code (dunder methods, calls)
  | 'alloc' // allocates (not pure for identity, but removable when unused)
  | 'read' // reads mutable state (globals, attributes, slots)
  | 'write' // writes mutable state
  | 'terminator'; // ends a block

export type ImmKind = 'i64' | 'f64' | 'bool' | 'str' | 'bytes' | 'bigint' | 'func';

export interface ImmSpec {
  readonly name: string;
  readonly kind: ImmKind;
}

export interface OpSpec {
  readonly name: string;
  readonly opcode: number;
  readonly operands: readonly ValueTypeName[];
  readonly variadic?: ValueTypeName;
  readonly result?: ValueTypeName;
  readonly imms?: readonly ImmSpec[];
  readonly effects: readonly Effect[];
  readonly succ?: number | 'variadic';
  readonly runtime?: string;
  readonly family: string;
  readonly doc: string;
}

const O = 'obj' as const;
const I = 'i64' as const;
const F = 'f64' as const;
const B = 'bool' as const;

const RAISES: Effect[] = ['may-raise', 'may-call'];

function generic(name: string, opcode: number, operands: ValueTypeName[], result: ValueTypeName | undefined, family: string, doc: string, extra: Partial<OpSpec> = {}): OpSpec {
  return { name, opcode, operands, result, effects: RAISES, runtime: 'molt_' + name.replace(/\./g, '_'), family, doc, ...extra };
}

const binops: [string, string][] = [
  ['add', '+'], ['sub', '-'], ['mul', '*'], ['truediv', '/'], ['floordiv', '//'], ['mod', '%'],
  ['pow', '**'], ['matmul', '@'], ['lshift', '<<'], ['rshift', '>>'], ['bitand', '&'], ['bitor', '|'], ['bitxor', '^'],
];

const compares: [string, string][] = [['eq', '=='], ['ne', '!='], ['lt', '<'], ['le', '<='], ['gt', '>'], ['ge', '>=']];

export const OPS: readonly OpSpec[] = [
  // ---- constants (0x01–0x1f) -------------------------------------------------
  { name: 'const.none', opcode: 0x01, operands: [], result: O, effects: ['pure'], family: 'constant', doc: 'The `None` object.' },
  { name: 'const.bool', opcode: 0x02, operands: [], result: O, imms: [{ name: 'value', kind: 'bool' }], effects: ['pure'], family: 'constant', doc: '`True` or `False`.' },
  { name: 'const.int', opcode: 0x03, operands: [], result: O, imms: [{ name: 'value', kind: 'bigint' }], effects: ['pure'], family: 'constant', doc: 'An `int` of any size (immediate when it fits 48 bits, else a big int created at module init).' },
  { name: 'const.float', opcode: 0x04, operands: [], result: O, imms: [{ name: 'value', kind: 'f64' }], effects: ['pure'], family: 'constant', doc: 'A `float`.' },
  { name: 'const.str', opcode: 0x05, operands: [], result: O, imms: [{ name: 'value', kind: 'str' }], effects: ['pure'], family: 'constant', doc: 'An interned `str` created once at module init.' },
  { name: 'const.bytes', opcode: 0x06, operands: [], result: O, imms: [{ name: 'value', kind: 'bytes' }], effects: ['pure'], family: 'constant', doc: 'A `bytes` object created once at module init.' },
  { name: 'const.ellipsis', opcode: 0x07, operands: [], result: O, effects: ['pure'], family: 'constant', doc: 'The `Ellipsis` object (`...`).' },
  { name: 'const.unbound', opcode: 0x08, operands: [], result: O, effects: ['pure'], family: 'constant', doc: 'The internal UNBOUND marker: the value of a local before assignment or after `del`.' },
  { name: 'const.complex', opcode: 0x09, operands: [], result: O, imms: [{ name: 'imag', kind: 'f64' }], effects: ['pure'], family: 'constant', doc: 'An imaginary literal `<imag>j` (a `complex` with real part 0).' },
  { name: 'iconst', opcode: 0x10, operands: [], result: I, imms: [{ name: 'value', kind: 'i64' }], effects: ['pure'], family: 'constant', doc: 'An unboxed 64-bit integer.' },
  { name: 'fconst', opcode: 0x11, operands: [], result: F, imms: [{ name: 'value', kind: 'f64' }], effects: ['pure'], family: 'constant', doc: 'An unboxed double.' },
  { name: 'bconst', opcode: 0x12, operands: [], result: B, imms: [{ name: 'value', kind: 'bool' }], effects: ['pure'], family: 'constant', doc: 'An unboxed boolean.' },

  // ---- boxing and tags (0x20–0x3f) ----------------------------------------
  { name: 'box.i64', opcode: 0x20, operands: [I], result: O, effects: ['pure'], runtime: 'molt_int_from_i64', family: 'box', doc: 'Box an i64 as an `int` (a big int when it does not fit 48 bits; the runtime call is only on that path).' },
  { name: 'box.f64', opcode: 0x21, operands: [F], result: O, effects: ['pure'], family: 'box', doc: 'Box a double as a `float` (NaN canonicalised).' },
  { name: 'box.bool', opcode: 0x22, operands: [B], result: O, effects: ['pure'], family: 'box', doc: 'Box a boolean as `True`/`False`.' },
  { name: 'unbox.i64', opcode: 0x23, operands: [O], result: I, effects: ['pure'], family: 'box', doc: 'The value of a small `int`. Precondition: `guard.int` holds for the operand.' },
  { name: 'unbox.f64', opcode: 0x24, operands: [O], result: F, effects: ['pure'], family: 'box', doc: 'The value of a `float`. Precondition: `guard.float` holds.' },
  { name: 'unbox.bool', opcode: 0x25, operands: [O], result: B, effects: ['pure'], family: 'box', doc: 'The value of a `bool`. Precondition: `guard.bool` holds.' },
  { name: 'guard.int', opcode: 0x28, operands: [O], result: B, effects: ['pure'], family: 'guard', doc: 'True when the operand is a small (immediate) `int`. Feeds a `brif` whose false edge is the failure path: a generic path with the same semantics.' },
  { name: 'guard.float', opcode: 0x29, operands: [O], result: B, effects: ['pure'], family: 'guard', doc: 'True when the operand is a `float`. Failure path as for `guard.int`.' },
  { name: 'guard.bool', opcode: 0x2a, operands: [O], result: B, effects: ['pure'], family: 'guard', doc: 'True when the operand is `True` or `False`.' },
  { name: 'guard.type', opcode: 0x2b, operands: [O, O], result: B, effects: ['pure'], runtime: 'molt_guard_type', family: 'guard', doc: 'True when `type(a) is b` exactly.' },
  { name: 'guard.code', opcode: 0x2c, operands: [O], result: B, imms: [{ name: 'func', kind: 'func' }], effects: ['pure'], runtime: 'molt_guard_code', family: 'guard', doc: 'True when the operand is a function object whose code is the named IR function with no defaults to apply (so `call.direct` is valid).' },
  { name: 'guard.range', opcode: 0x2d, operands: [O], result: B, effects: ['pure'], runtime: 'molt_guard_range', family: 'guard', doc: 'True when the operand is the builtin `range` type itself, whatever `builtins.range` is rebound to (used to run `for x in range(...)` on an unboxed counter).' },
  { name: 'guard.builtin', opcode: 0x2e, operands: [O], result: B, imms: [{ name: 'which', kind: 'i64' }], effects: ['pure'], runtime: 'molt_guard_builtin', family: 'guard', doc: 'True when the operand is the runtime\'s own builtin function number `which` (0: `math.sqrt`), under whatever name it is bound (used to compute `sqrt(x)` of a float inline).' },
  { name: 'is', opcode: 0x30, operands: [O, O], result: B, effects: ['pure'], family: 'compare', doc: 'Identity: `a is b`.' },
  { name: 'unbound.is', opcode: 0x31, operands: [O], result: B, effects: ['pure'], family: 'constant', doc: 'True when the operand is the UNBOUND marker.' },
  { name: 'truthy', opcode: 0x32, operands: [O], result: B, effects: RAISES, runtime: 'molt_truthy', family: 'compare', doc: '`bool(x)` as an unboxed boolean (`__bool__`, then `__len__`).' },
  { name: 'bnot', opcode: 0x33, operands: [B], result: B, effects: ['pure'], family: 'unboxed', doc: 'Boolean negation.' },

  // ---- unboxed arithmetic (0x40–0x6f) ----------------------------------------
  ...(['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'ashr'] as const).map((n, i): OpSpec => ({
    name: `i64.${n}`, opcode: 0x40 + i, operands: [I, I], result: I, effects: ['pure'], family: 'unboxed', doc: `Wrapping 64-bit \`${n}\` (shift counts must be in 0..63).`,
  })),
  ...(['add', 'sub', 'mul'] as const).map((n, i): OpSpec => ({
    name: `i64.ovf_${n}`, opcode: 0x48 + i, operands: [I, I], result: B, effects: ['pure'], family: 'unboxed', doc: `True when \`i64.${n}\` of the operands overflows 64 bits.`,
  })),
  { name: 'i64.neg', opcode: 0x4b, operands: [I], result: I, effects: ['pure'], family: 'unboxed', doc: 'Wrapping negation.' },
  { name: 'i64.floordiv', opcode: 0x4c, operands: [I, I], result: I, effects: ['pure'], family: 'unboxed', doc: 'Floor division rounding toward −∞ (Python `//`). Precondition: divisor ≠ 0 and not (MIN, −1).' },
  { name: 'i64.mod', opcode: 0x4d, operands: [I, I], result: I, effects: ['pure'], family: 'unboxed', doc: 'Modulo with the sign of the divisor (Python `%`). Precondition: divisor ≠ 0.' },
  ...compares.map(([n], i): OpSpec => ({ name: `i64.${n}`, opcode: 0x50 + i, operands: [I, I], result: B, effects: ['pure'], family: 'unboxed', doc: `Signed comparison \`${n}\`.` })),
  ...(['add', 'sub', 'mul', 'div'] as const).map((n, i): OpSpec => ({
    name: `f64.${n}`, opcode: 0x58 + i, operands: [F, F], result: F, effects: ['pure'], family: 'unboxed', doc: `IEEE-754 \`${n}\` (no Python division check: guard the divisor first).`,
  })),
  { name: 'f64.neg', opcode: 0x5c, operands: [F], result: F, effects: ['pure'], family: 'unboxed', doc: 'IEEE-754 negation.' },
  { name: 'f64.sqrt', opcode: 0x5d, operands: [F], result: F, effects: ['pure'], family: 'unboxed', doc: 'IEEE-754 square root, correctly rounded (NaN for a negative operand: Python\'s `ValueError` is the caller\'s check).' },
  ...compares.map(([n], i): OpSpec => ({ name: `f64.${n}`, opcode: 0x60 + i, operands: [F, F], result: B, effects: ['pure'], family: 'unboxed', doc: `Ordered IEEE comparison \`${n}\` (\`ne\` is unordered: true for NaN).` })),
  { name: 'i64.to_f64', opcode: 0x66, operands: [I], result: F, effects: ['pure'], family: 'unboxed', doc: 'Convert an integer to the nearest double.' },

  // ---- generic Python operators (0x70–0xaf) ----------------------------------
  ...binops.map(([n, sym], i) => generic(n, 0x70 + i, [O, O], O, 'operator', `Binary \`a ${sym} b\` with full dunder dispatch (reflected operands, \`NotImplemented\`).`)),
  ...binops.map(([n, sym], i) => generic('i' + n, 0x80 + i, [O, O], O, 'operator', `In-place \`a ${sym}= b\`: \`__i${n}__\` then the binary fallback.`)),
  generic('neg', 0x90, [O], O, 'operator', 'Unary `-a`.'),
  generic('pos', 0x91, [O], O, 'operator', 'Unary `+a`.'),
  generic('invert', 0x92, [O], O, 'operator', 'Unary `~a`.'),
  ...compares.map(([n, sym], i) => generic(n, 0x98 + i, [O, O], O, 'compare', `Rich comparison \`a ${sym} b\` (may return any object).`)),
  generic('contains', 0x9e, [O, O], B, 'compare', '`item in container` as an unboxed boolean; operands are (container, item).'),

  // ---- attributes, items (0xb0–0xbf) ------------------------------------------
  generic('getattr', 0xb0, [O, O], O, 'attribute', '`obj.name`; the second operand is an interned `str`.'),
  generic('setattr', 0xb1, [O, O, O], undefined, 'attribute', '`obj.name = value`.'),
  generic('delattr', 0xb2, [O, O], undefined, 'attribute', '`del obj.name`.'),
  generic('getitem', 0xb3, [O, O], O, 'item', '`obj[key]` (slices arrive as `slice` objects).'),
  generic('setitem', 0xb4, [O, O, O], undefined, 'item', '`obj[key] = value`.'),
  generic('delitem', 0xb5, [O, O], undefined, 'item', '`del obj[key]`.'),
  generic('slice.new', 0xb6, [O, O, O], O, 'item', '`slice(start, stop, step)`.', { effects: ['alloc'] }),
  generic('len', 0xb7, [O], I, 'item', '`len(obj)` as an unboxed integer (used by `match`).'),

  // ---- calls and functions (0xc0–0xcf) --------------------------------------------
  generic('call', 0xc0, [O], O, 'call', '`f(*argv)` with positional arguments only.', { variadic: O }),
  generic('call.kw', 0xc1, [O, O], O, 'call', '`f(...)` with keywords: operands are (f, kwnames tuple, values...) where the last `len(kwnames)` values are keyword values.', { variadic: O }),
  generic('call.ex', 0xc2, [O, O, O], O, 'call', '`f(*args, **kwargs)`: a tuple (or any iterable, turned into one at the call: `f(*x)` passes `x` itself, and a non-iterable raises TypeError naming the callee) and a dict (or `None`).'),
  generic('callmethod', 0xc3, [O, O], O, 'call', '`obj.name(*argv)` without allocating a bound method.', { variadic: O }),
  generic('callmethod.kw', 0xc4, [O, O, O], O, 'call', '`obj.name(...)` with keywords: operands (obj, name, kwnames, values...).', { variadic: O }),
  generic('method.load', 0xc6, [O, O], O, 'call', 'Look up method `name` of `obj` before its arguments are evaluated (CPython\'s order): either a METHOD word (a plain function found on the type, to be called with `obj` first; it never escapes to Python code) or the attribute\'s value. Consumed only by `method.call`/`method.call.kw`.'),
  generic('method.call', 0xc7, [O, O], O, 'call', 'Call what `method.load` returned: operands (method, obj, args...); `obj` is passed first only for a METHOD word.', { variadic: O }),
  generic('method.call.kw', 0xcf, [O, O, O], O, 'call', 'Like `method.call` with keywords: operands (method, obj, kwnames tuple, values...).', { variadic: O }),
  generic('method.func', 0xde, [O], O, 'call', 'The function object of a METHOD word from `method.load` (a new reference), or `None` for any other value: with `guard.code` it lets a profile-guided build call a method\'s compiled code directly (`call.direct` with the object first).', { effects: ['pure'] }),
  { name: 'call.direct', opcode: 0xc5, operands: [O], variadic: O, result: O, imms: [{ name: 'func', kind: 'func' }], effects: RAISES, family: 'call', doc: 'Direct call of a known compiled function with exactly its bound parameters: operands are (function object, params...). Valid only after `guard.code`.' },
  generic('func.new', 0xc8, [O, O, O, O], O, 'function', 'Create a function object for the IR function `code` with (defaults tuple|None, kwdefaults dict|None, closure tuple|None, annotations dict|None).', { imms: [{ name: 'code', kind: 'func' }], effects: ['alloc', 'may-raise'] }),
  { name: 'func.closure', opcode: 0xc9, operands: [O], result: O, imms: [{ name: 'index', kind: 'i64' }], effects: ['pure'], runtime: 'molt_func_closure', family: 'function', doc: 'Cell `index` of the closure of function object `self`.' },
  generic('func.globals', 0xca, [O], O, 'function', 'The globals dict of the module that `self` (a function, module or generator) belongs to (a borrowed reference: `self` keeps it alive).', { effects: ['pure'] }),
  generic('cell.new', 0xcb, [O], O, 'function', 'A new cell holding the value (UNBOUND for an empty cell).', { effects: ['alloc'] }),
  generic('cell.get', 0xcc, [O, O], O, 'function', 'The contents of a cell; raises `NameError` (free variable) naming the second operand when empty.', { effects: ['may-raise', 'read'] }),
  generic('cell.set', 0xcd, [O, O], undefined, 'function', 'Store into a cell (UNBOUND empties it).', { effects: ['write'] }),
  generic('cell.peek', 0xce, [O], O, 'function', 'The contents of a cell, UNBOUND when empty (no error).', { effects: ['read'] }),

  // ---- containers and strings (0xd0–0xef) --------------------------------------------
  generic('tuple.new', 0xd0, [], O, 'container', 'A tuple of the operands.', { variadic: O, effects: ['alloc'] }),
  generic('list.new', 0xd1, [], O, 'container', 'A list of the operands.', { variadic: O, effects: ['alloc'] }),
  generic('set.new', 0xd2, [], O, 'container', 'A set of the operands.', { variadic: O }),
  generic('dict.new', 0xd3, [], O, 'container', 'A dict from operands (k0, v0, k1, v1, ...).', { variadic: O }),
  generic('list.append', 0xd4, [O, O], undefined, 'container', 'Append to a list (comprehensions).'),
  generic('list.extend', 0xd5, [O, O], undefined, 'container', 'Extend a list with an iterable (`[*a]`).'),
  generic('set.add', 0xd6, [O, O], undefined, 'container', 'Add to a set.'),
  generic('set.update', 0xd7, [O, O], undefined, 'container', 'Add every element of an iterable (`{*a}`).'),
  generic('dict.update', 0xd8, [O, O], undefined, 'container', 'Merge a mapping into a dict (`{**m}`).'),
  generic('dict.merge_kw', 0xd9, [O, O, O], undefined, 'container', 'Merge a mapping into a call\'s kwargs dict: `TypeError` for a non-mapping or a repeated key; third operand is the callee (for the message).'),
  generic('list.to_tuple', 0xda, [O], O, 'container', 'A tuple with the list\'s items.', { effects: ['alloc'] }),
  generic('tuple.get', 0xdb, [O], O, 'container', 'Item `index` of a tuple whose length is known (no bounds check).', { imms: [{ name: 'index', kind: 'i64' }], effects: ['pure'] }),
  generic('unpack.seq', 0xdc, [O], O, 'container', 'A tuple of exactly `count` items from an iterable, or `ValueError` (too many/not enough values to unpack).', { imms: [{ name: 'count', kind: 'i64' }] }),
  generic('unpack.ex', 0xdd, [O], O, 'container', 'A tuple of `before` items, a list of the middle, and `after` items (`a, *b, c = x`).', { imms: [{ name: 'before', kind: 'i64' }, { name: 'after', kind: 'i64' }] }),
  generic('set.new_const', 0xdf, [], O, 'container', 'A set display of three or more constants (`{1, 2, 3}`): CPython 3.12 builds it from a folded frozenset constant, whose iteration order differs from adding the operands one by one.', { variadic: O }),
  generic('str.concat', 0xe0, [], O, 'string', 'Concatenate `str` operands (f-string parts).', { variadic: O }),
  generic('format', 0xe1, [O, O], O, 'string', '`format(value, spec)`; spec is a `str`.'),
  generic('repr', 0xe2, [O], O, 'string', '`repr(x)` (`!r`).'),
  generic('str', 0xe3, [O], O, 'string', '`str(x)` (`!s`).'),
  generic('ascii', 0xe4, [O], O, 'string', '`ascii(x)` (`!a`).'),

  // ---- iteration (0xf0–0xf7) ----------------------------------------------------------
  generic('iter', 0xf0, [O], O, 'iteration', '`iter(x)`.'),
  generic('iter.next', 0xf1, [O], O, 'iteration', 'The next item of an iterator, or UNBOUND when it is exhausted (`StopIteration` is swallowed).'),
  generic('aiter', 0xf2, [O], O, 'iteration', '`aiter(x)` (`async for`).'),
  generic('anext', 0xf3, [O], O, 'iteration', 'The awaitable of `anext(it)` (`async for`).'),
  generic('await.iter', 0xf4, [O], O, 'iteration', 'The iterator behind `await x` (`__await__`, or a coroutine itself); `TypeError` when not awaitable.'),

  // ---- globals, modules, classes (0x100–0x11f) ------------------------------------------
  generic('global.get', 0x100, [O, O], O, 'module', 'Look up a name in a globals dict, then builtins; `NameError` when absent.', { effects: ['may-raise', 'read'] }),
  generic('global.set', 0x101, [O, O, O], undefined, 'module', 'Store a name in a globals dict.', { effects: ['may-raise', 'write'] }),
  generic('global.del', 0x102, [O, O], undefined, 'module', 'Delete a name from a globals dict; `NameError` when absent.', { effects: ['may-raise', 'write'] }),
  generic('builtin', 0x103, [O], O, 'module', 'A name from the builtins module, bypassing globals (e.g. `AssertionError` for `assert`).', { effects: ['may-raise', 'read'] }),
  generic('import', 0x104, [O, O, O], O, 'module', '`__import__(name, globals, fromlist, level)`: operands (name, globals, fromlist tuple|None); `level` immediate.', { imms: [{ name: 'level', kind: 'i64' }] }),
  generic('import.from', 0x105, [O, O], O, 'module', '`from m import name`: attribute, else submodule, else `ImportError`.'),
  generic('import.star', 0x106, [O, O], undefined, 'module', '`from m import *` into a globals dict (honours `__all__`).'),
  generic('class.prepare', 0x108, [O, O, O], O, 'class', 'The namespace for a class body: operands (name, bases tuple, keywords dict|None); calls the metaclass\'s `__prepare__`.'),
  generic('class.new', 0x109, [O, O, O, O], O, 'class', 'Create the class: operands (name, bases tuple, namespace, keywords dict|None); resolves the metaclass, calls it, runs `__set_name__` and `__init_subclass__`.'),
  generic('class.lookup', 0x10a, [O, O, O], O, 'class', 'A name in a class body: the namespace, then globals, then builtins; operands (namespace, globals, name).'),
  generic('locals.new', 0x10b, [], O, 'class', 'An empty dict used as a namespace.', { effects: ['alloc'] }),

  // ---- exceptions (0x120–0x12f) ------------------------------------------------------------
  generic('exc.fetch', 0x120, [], O, 'exception', 'Take the pending exception (first op of an unwind target).', { effects: ['write'] }),
  generic('exc.push', 0x121, [O], undefined, 'exception', 'Start handling an exception: it becomes the context of exceptions raised in the handler and the target of a bare `raise`.', { effects: ['write'] }),
  generic('exc.pop', 0x122, [], undefined, 'exception', 'Leave the innermost handler.', { effects: ['write'] }),
  generic('exc.match', 0x123, [O, O], B, 'exception', '`isinstance(exc, types)` for an `except` clause; `TypeError` when the clause is not an exception class or tuple of them.'),
  generic('exc.split', 0x124, [O, O], O, 'exception', '`except*`: split an exception (group) by type into a tuple (matched group|None, rest|None).'),
  generic('exc.current', 0x125, [], O, 'exception', 'The exception being handled (`sys.exception()`), or None.', { effects: ['read'] }),
  { name: 'raise', opcode: 0x128, operands: [O, O], effects: ['terminator', 'may-raise', 'may-call'], runtime: 'molt_raise', family: 'exception', doc: '`raise exc from cause` (cause UNBOUND when absent, None for `from None`). Always unwinds.' },
  { name: 'reraise', opcode: 0x129, operands: [O], effects: ['terminator', 'may-raise'], runtime: 'molt_reraise', family: 'exception', doc: 'Re-raise an exception object unchanged (end of `finally`, bare `raise`).' },
  generic('with.enter', 0x12a, [O], O, 'exception', '`with` entry: a tuple (bound `__exit__`, value of `__enter__()`); `TypeError` when the object is not a context manager.'),
  generic('with.exit', 0x12b, [O, O], B, 'exception', 'Call a bound `__exit__` with the exception (or None for a normal exit); true when the exception is suppressed.'),

  // ---- generators (0x130–0x13f) --------------------------------------------------------------
  generic('gen.new', 0x130, [O], O, 'generator', 'A generator (kind 0), coroutine (1) or async generator (2) object for function `self` with `nslots` slots, resumed by IR function `resume`.', { imms: [{ name: 'resume', kind: 'func' }, { name: 'nslots', kind: 'i64' }, { name: 'kind', kind: 'i64' }], effects: ['alloc', 'may-raise'] }),
  { name: 'gen.load', opcode: 0x131, operands: [O], result: O, imms: [{ name: 'slot', kind: 'i64' }], effects: ['read'], runtime: 'molt_gen_load', family: 'generator', doc: 'Slot `slot` of a generator frame (new reference).' },
  { name: 'gen.store', opcode: 0x132, operands: [O, O], imms: [{ name: 'slot', kind: 'i64' }], effects: ['write'], runtime: 'molt_gen_store', family: 'generator', doc: 'Store into slot `slot` of a generator frame.' },
  { name: 'gen.state', opcode: 0x133, operands: [O], result: I, effects: ['read'], runtime: 'molt_gen_state', family: 'generator', doc: 'The resume state of a generator (0 = start).' },
  generic('gen.check_throw', 0x134, [O], undefined, 'generator', 'Raise the pending exception when the sent value is THROW (first op after each resume point).'),
  { name: 'gen.yield', opcode: 0x135, operands: [O, O], imms: [{ name: 'state', kind: 'i64' }], effects: ['terminator', 'write'], runtime: 'molt_gen_set_state', family: 'generator', doc: 'Suspend: set the state and return the value (operands: generator, value) to the resumer.' },
  { name: 'gen.return', opcode: 0x136, operands: [O, O], effects: ['terminator', 'write'], runtime: 'molt_gen_finish', family: 'generator', doc: 'Finish the generator with a return value (operands: generator, value).' },
  generic('yf.send', 0x137, [O, O, O], O, 'generator', '`yield from` step: operands (generator, subiterator, sent); the next value to yield, or UNBOUND when the subiterator finished (its result is then in `yf.result`). A THROW sent value is thrown into the subiterator.'),
  generic('yf.result', 0x138, [O], O, 'generator', 'The return value of the last finished `yield from` of a generator.', { effects: ['read'] }),
  generic('asyncgen.wrap', 0x139, [O], O, 'generator', 'The value an async generator\'s body yields, wrapped so that the awaitable driving it (`__anext__`, `asend`, `athrow`) tells it from what an `await` inside yields.', { effects: ['alloc'] }),

  // ---- pattern matching (0x140–0x14f) ----------------------------------------------------------
  generic('match.class', 0x140, [O, O, O], O, 'match', 'Class pattern: operands (subject, class, kwnames tuple); a tuple of `npos` positional then keyword sub-subjects, or None when it does not match.', { imms: [{ name: 'npos', kind: 'i64' }] }),
  generic('match.sequence', 0x141, [O], B, 'match', 'True when the subject is a sequence for `match` (not str/bytes/bytearray).'),
  generic('match.mapping', 0x142, [O], B, 'match', 'True when the subject is a mapping for `match`.'),
  generic('match.keys', 0x143, [O, O], O, 'match', 'A tuple of the values for the keys tuple, or None when a key is missing.'),
  generic('match.rest', 0x144, [O, O], O, 'match', 'A dict copy of the subject without the keys tuple (`**rest`).'),

  // ---- reference counting (0x150–0x15f) ------------------------------------------------------
  { name: 'incref', opcode: 0x150, operands: [O], effects: ['write'], runtime: 'molt_incref', family: 'memory', doc: 'Take a new reference (immediates ignored).' },
  { name: 'decref', opcode: 0x151, operands: [O], effects: ['write', 'may-call'], runtime: 'molt_decref', family: 'memory', doc: 'Drop a reference; may free (and run `__del__`).' },
  { name: 'keepalive', opcode: 0x152, operands: [], variadic: O, effects: ['write'], family: 'memory', doc: 'No code: its operands are used here, so they stay alive until this point. The frontend keeps a local variable\'s value until the variable is rebound or deleted and until the function returns, as CPython does (a `__del__` or a generator\'s `finally` runs then, not after the value\'s last use).' },

  // ---- runtime feedback instrumentation (0x160–0x16f) --------------------------------------
  // Emitted only by the `instrument` pass (`molt build --instrument`); `site` is the index of the
  // site in its module's site table (`encodeSiteTable`), which the backend offsets by the sites of
  // the modules before it. Effect `write`: never removed, never moved across each other.
  { name: 'profile.types', opcode: 0x160, operands: [], variadic: O, imms: [{ name: 'site', kind: 'i64' }], effects: ['write'], runtime: 'molt_profile_types', family: 'profile', doc: 'Count one execution of site `site` and the type tags of the operands (`int,int`).' },
  { name: 'profile.call', opcode: 0x161, operands: [O], imms: [{ name: 'site', kind: 'i64' }], effects: ['write'], runtime: 'molt_profile_call', family: 'profile', doc: 'Count one execution of call site `site` and the callee\'s target key (`<module>:<qualname>`, `builtin:<name>`, `type:<qualname>`, `other`).' },
  { name: 'profile.branch', opcode: 0x162, operands: [B], imms: [{ name: 'site', kind: 'i64' }], effects: ['write'], runtime: 'molt_profile_branch', family: 'profile', doc: 'Count the direction of `brif` site `site` (true: taken).' },
  { name: 'profile.guard', opcode: 0x163, operands: [B], imms: [{ name: 'site', kind: 'i64' }], effects: ['write'], runtime: 'molt_profile_guard', family: 'profile', doc: 'Count a pass (true) or failure (false) of guard site `site`.' },
  { name: 'profile.count', opcode: 0x164, operands: [], imms: [{ name: 'site', kind: 'i64' }, { name: 'slot', kind: 'i64' }], effects: ['write'], runtime: 'molt_profile_count', family: 'profile', doc: 'Slot 0: one execution of site `site` (an allocation, or a loop entry); slot 1: one loop trip (a back edge).' },
  { name: 'profile.deopt', opcode: 0x165, operands: [], imms: [{ name: 'site', kind: 'i64' }, { name: 'reason', kind: 'i64' }], effects: ['write'], runtime: 'molt_profile_deopt', family: 'profile', doc: 'A failed speculation at site `site`: reason 0 type, 1 overflow, 2 zero-division, 3 target.' },

  // ---- control flow (0x1f0–0x1ff) ---------------------------------------------------------
  { name: 'jump', opcode: 0x1f0, operands: [], effects: ['terminator'], succ: 1, family: 'control', doc: 'Unconditional branch with block arguments.' },
  { name: 'brif', opcode: 0x1f1, operands: [B], effects: ['terminator'], succ: 2, family: 'control', doc: 'Branch to the first successor when true, else the second.' },
  { name: 'switch', opcode: 0x1f2, operands: [I], effects: ['terminator'], succ: 'variadic', family: 'control', doc: 'Branch to successor `1 + value` when `0 <= value < n - 1`, else to successor 0 (the default).' },
  { name: 'return', opcode: 0x1f3, operands: [O], effects: ['terminator'], family: 'control', doc: 'Return a value (new reference) to the caller.' },
  { name: 'unreachable', opcode: 0x1f4, operands: [], effects: ['terminator'], family: 'control', doc: 'Control never reaches here (internal error if it does).' },
];
