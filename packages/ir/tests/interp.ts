// interp.ts — a tiny reference interpreter for a numeric subset of the IR,
// used to check that passes preserve semantics (not a product feature).
import type { BlockId, Function, Module, ValueId } from '../src/index.js';

export type PyVal = { t: 'int'; v: bigint } | { t: 'float'; v: number } | { t: 'bool'; v: boolean } | { t: 'none' } | { t: 'tuple'; v: PyVal[] } | { t: 'func'; f: number } | { t: 'method'; f: number }
  | { t: 'str'; v: string } | { t: 'builtin'; name: 'sqrt' };
type V = PyVal | bigint | number | boolean;

const SMALL = (x: bigint): boolean => x >= -(2n ** 47n) && x < 2n ** 47n;
const num = (x: PyVal): number | bigint => {
  if (x.t === 'int') return x.v;
  if (x.t === 'float') return x.v;
  if (x.t === 'bool') return x.v ? 1n : 0n;
  throw new Error(`not a number: ${x.t}`);
};

function generic(op: string, a: PyVal, b: PyVal): PyVal {
  const base = op.startsWith('i') ? op.slice(1) : op;
  const x = num(a);
  const y = num(b);
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    switch (base) {
      case 'add': return { t: 'int', v: x + y };
      case 'sub': return { t: 'int', v: x - y };
      case 'mul': return { t: 'int', v: x * y };
      case 'lt': return { t: 'bool', v: x < y };
      case 'le': return { t: 'bool', v: x <= y };
      case 'gt': return { t: 'bool', v: x > y };
      case 'ge': return { t: 'bool', v: x >= y };
      case 'eq': return { t: 'bool', v: x === y };
      case 'ne': return { t: 'bool', v: x !== y };
      case 'truediv': return { t: 'float', v: Number(x) / Number(y) };
    }
  }
  const fx = Number(x);
  const fy = Number(y);
  switch (base) {
    case 'add': return { t: 'float', v: fx + fy };
    case 'sub': return { t: 'float', v: fx - fy };
    case 'mul': return { t: 'float', v: fx * fy };
    case 'truediv': if (fy === 0) throw new Error('ZeroDivisionError'); return { t: 'float', v: fx / fy };
    case 'lt': return { t: 'bool', v: fx < fy };
    case 'le': return { t: 'bool', v: fx <= fy };
    case 'gt': return { t: 'bool', v: fx > fy };
    case 'ge': return { t: 'bool', v: fx >= fy };
    case 'eq': return { t: 'bool', v: fx === fy };
    case 'ne': return { t: 'bool', v: fx !== fy };
  }
  throw new Error(`generic ${op}`);
}

const W = (x: bigint): bigint => BigInt.asIntN(64, x);

/** Tags of values as the runtime's `profile.types` names them. */
const tag = (v: V): string => (typeof v === 'object' ? ({ int: 'int', float: 'float', bool: 'bool', none: 'NoneType', tuple: 'tuple', func: 'function', method: 'method', str: 'str', builtin: 'builtin_function_or_method' } as const)[v.t] : typeof v);

/** `math.sqrt(x)`. */
function sqrt(x: PyVal): PyVal {
  const v = Number(num(x));
  if (v < 0) throw new Error('ValueError: math domain error');
  return { t: 'float', v: Math.sqrt(v) };
}

/**
 * `events` receives one line per executed `profile.*` op (`types 3 int,int`, `count 0 1`, …);
 * `global.get` reads `globals` (whatever its globals operand).
 */
export function run(m: Module, fnId: number, args: PyVal[], fuel = { n: 100000 }, events?: string[], globals: ReadonlyMap<string, PyVal> = new Map()): PyVal {
  const fn: Function = m.functions[fnId]!;
  const env = new Map<ValueId, V>();
  let b: BlockId = fn.layout[0]!;
  let incoming: V[] = [{ t: 'func', f: fnId }, ...args];
  for (;;) {
    if (--fuel.n < 0) throw new Error('out of fuel');
    const block = fn.blocks[b]!;
    block.params.forEach((p, i) => env.set(p, incoming[i]!));
    let next: { block: BlockId; args: ValueId[] } | undefined;
    for (const id of block.insts) {
      const inst = fn.insts[id]!;
      const a = inst.args.map((x) => env.get(x)!);
      const imm = inst.imms[0];
      let r: V | undefined;
      const i = (k: number): bigint => a[k] as bigint;
      const f = (k: number): number => a[k] as number;
      const o = (k: number): PyVal => a[k] as PyVal;
      switch (inst.op) {
        case 'const.int': r = { t: 'int', v: imm as bigint }; break;
        case 'const.float': r = { t: 'float', v: imm as number }; break;
        case 'const.bool': r = { t: 'bool', v: imm as boolean }; break;
        case 'const.none': r = { t: 'none' }; break;
        case 'iconst': r = BigInt(imm as number | bigint); break;
        case 'fconst': r = imm as number; break;
        case 'bconst': r = imm as boolean; break;
        case 'box.i64': r = { t: 'int', v: i(0) }; break;
        case 'box.f64': r = { t: 'float', v: f(0) }; break;
        case 'box.bool': r = { t: 'bool', v: a[0] as boolean }; break;
        case 'unbox.i64': { const x = o(0); if (x.t !== 'int' || !SMALL(x.v)) throw new Error('unbox.i64 precondition'); r = x.v; break; }
        case 'unbox.f64': { const x = o(0); if (x.t !== 'float') throw new Error('unbox.f64 precondition'); r = x.v; break; }
        case 'guard.int': { const x = o(0); r = x.t === 'int' && SMALL(x.v); break; }
        case 'guard.float': r = o(0).t === 'float'; break;
        case 'guard.bool': r = o(0).t === 'bool'; break;
        case 'unbox.bool': { const x = o(0); if (x.t !== 'bool') throw new Error('unbox.bool precondition'); r = x.v; break; }
        case 'truthy': { const x = o(0); r = x.t === 'none' ? false : x.t === 'tuple' ? x.v.length > 0 : x.t === 'func' ? true : num(x) !== 0n && num(x) !== 0; break; }
        case 'bnot': r = !(a[0] as boolean); break;
        case 'i64.add': r = W(i(0) + i(1)); break;
        case 'i64.sub': r = W(i(0) - i(1)); break;
        case 'i64.mul': r = W(i(0) * i(1)); break;
        case 'i64.ovf_add': r = W(i(0) + i(1)) !== i(0) + i(1); break;
        case 'i64.ovf_sub': r = W(i(0) - i(1)) !== i(0) - i(1); break;
        case 'i64.ovf_mul': r = W(i(0) * i(1)) !== i(0) * i(1); break;
        case 'i64.lt': r = i(0) < i(1); break;
        case 'i64.le': r = i(0) <= i(1); break;
        case 'i64.gt': r = i(0) > i(1); break;
        case 'i64.ge': r = i(0) >= i(1); break;
        case 'i64.eq': r = i(0) === i(1); break;
        case 'i64.ne': r = i(0) !== i(1); break;
        case 'f64.add': r = f(0) + f(1); break;
        case 'f64.sub': r = f(0) - f(1); break;
        case 'f64.mul': r = f(0) * f(1); break;
        case 'f64.div': r = f(0) / f(1); break;
        case 'f64.ne': r = f(0) !== f(1); break;
        case 'f64.lt': r = f(0) < f(1); break;
        case 'f64.le': r = f(0) <= f(1); break;
        case 'f64.gt': r = f(0) > f(1); break;
        case 'f64.ge': r = f(0) >= f(1); break;
        case 'f64.eq': r = f(0) === f(1); break;
        case 'i64.to_f64': r = Number(i(0)); break;
        case 'tuple.new': r = { t: 'tuple', v: a as PyVal[] }; break;
        case 'func.new': r = { t: 'func', f: imm as number }; break;
        case 'call.direct': r = run(m, imm as number, a.slice(1) as PyVal[], fuel, events, globals); break;
        case 'guard.code': { const x = o(0); r = x.t === 'func' && x.f === imm; break; }
        // A METHOD word of function f (what `method.load` returns for a plain function on the type).
        case 'method.func': { const x = o(0); r = x.t === 'method' ? { t: 'func', f: x.f } : { t: 'none' }; break; }
        case 'method.call': { const x = o(0); if (x.t === 'method') r = run(m, x.f, a.slice(1) as PyVal[], fuel, events, globals); else if (x.t === 'func') r = run(m, x.f, a.slice(2) as PyVal[], fuel, events, globals); else throw new Error('TypeError: not callable'); break; }
        case 'call': {
          const x = o(0);
          if (x.t === 'builtin' && a.length === 2) r = sqrt(o(1));
          else if (x.t !== 'func') throw new Error('TypeError: not callable');
          else r = run(m, x.f, a.slice(1) as PyVal[], fuel, events, globals);
          break;
        }
        case 'const.str': r = { t: 'str', v: imm as string }; break;
        case 'global.get': {
          const name = o(1);
          const x = name.t === 'str' ? globals.get(name.v) : undefined;
          if (x === undefined) throw new Error('NameError');
          r = x;
          break;
        }
        case 'guard.builtin': { const x = o(0); r = x.t === 'builtin' && x.name === 'sqrt' && BigInt(imm as number | bigint) === 0n; break; }
        case 'f64.sqrt': r = Math.sqrt(f(0)); break;
        // Reference counts have no effect on values here.
        case 'incref': case 'decref': break;
        case 'profile.types': events?.push(`types ${String(imm)} ${a.map(tag).join(',')}`); break;
        case 'profile.call': events?.push(`call ${String(imm)} ${tag(a[0]!)}`); break;
        case 'profile.branch': case 'profile.guard': events?.push(`${inst.op.slice(8)} ${String(imm)} ${a[0] ? 1 : 0}`); break;
        case 'profile.count': case 'profile.deopt': events?.push(`${inst.op.slice(8)} ${String(imm)} ${String(inst.imms[1])}`); break;
        case 'jump': next = inst.targets[0]; break;
        case 'brif': next = inst.targets[a[0] ? 0 : 1]; break;
        case 'return': return o(0);
        default:
          if (inst.args.length === 2) r = generic(inst.op, o(0), o(1));
          else throw new Error(`interp: op ${inst.op}`);
      }
      if (inst.result !== undefined) env.set(inst.result, r!);
    }
    if (next === undefined) throw new Error('fell off a block');
    incoming = next.args.map((x) => env.get(x)!);
    b = next.block;
  }
}
