// samples.ts — a program that uses every op of the op table once, for
// backend authors: a backend that lowers `opSampleProgram()` without a
// diagnostic covers the whole table. Each op gets its own function with
// operands made from constants of the right types. Neighbours: opTable.ts,
// builder.ts; used by both backends' tests and tools/ir-inventory.mjs.

import { FunctionBuilder, ModuleBuilder } from './builder.js';
import { OPS, type ImmKind } from './opTable.js';
import type { Imm, Program, ValueId, ValueType } from './types.js';

function constOf(fb: FunctionBuilder, t: ValueType): ValueId {
  switch (t) {
    case 'obj': return fb.value('const.none');
    case 'i64': return fb.value('iconst', [], { imms: [3] });
    case 'f64': return fb.value('fconst', [], { imms: [1.5] });
    case 'bool': return fb.value('bconst', [], { imms: [true] });
  }
}

function immOf(kind: ImmKind, op: string): Imm {
  switch (kind) {
    case 'i64': return 1;
    case 'f64': return op === 'const.float' ? Number.NaN : 2.5;
    case 'bool': return true;
    case 'str': return 'caf\u00e9 \ud83d\ude00';
    case 'bytes': return Uint8Array.from([0, 1, 255]);
    case 'bigint': return op === 'const.int' ? 10n ** 30n : 5n;
    case 'func': return 0;
  }
}

/** The name of the function that exercises `op` in `opSampleProgram()`. */
export function opSampleFunctionName(op: string): string {
  return `op_${op}`;
}

/** A verifiable program with one function per op of the op table. */
export function opSampleProgram(): Program {
  const mb = new ModuleBuilder({ name: '__main__', file: 'allops.py' });
  // Function 0 is the target of `func` immediates (call.direct passes self + 2).
  const target = mb.createFunction('target', ['obj', 'obj', 'obj']);
  target.ins('return', [target.params[1]!]);
  target.finish();
  const init = mb.createFunction('init', ['obj']);
  init.ins('return', [init.value('const.none')]);
  init.finish();
  mb.setInit(init.fn.id);
  for (const spec of OPS) {
    const fb = mb.createFunction(opSampleFunctionName(spec.name), ['obj']);
    const args = spec.operands.map((t) => constOf(fb, t));
    if (spec.variadic !== undefined) args.push(constOf(fb, spec.variadic), constOf(fb, spec.variadic));
    const imms = (spec.imms ?? []).map((i) => immOf(i.kind, spec.name));
    if (spec.succ !== undefined) {
      const n = spec.succ === 'variadic' ? 3 : spec.succ;
      const targets = Array.from({ length: n }, () => fb.createBlock());
      // brif/switch with a repeated target exercise edge splitting.
      const calls = targets.map((b, i) => ({ block: i === 1 && n > 1 ? targets[0]! : b, args: [] }));
      fb.ins(spec.name, args, { imms, targets: calls });
      for (const b of targets) {
        fb.sealBlock(b);
        fb.switchToBlock(b);
        fb.ins('return', [fb.value('const.none')]);
      }
    } else {
      fb.ins(spec.name, args, { imms });
      if (!spec.effects.includes('terminator')) fb.ins('return', [fb.value('const.none')]);
    }
    fb.finish();
  }
  return { modules: [mb.finish()], main: '__main__' };
}
