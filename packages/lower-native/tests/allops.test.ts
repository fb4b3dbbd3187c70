// allops.test.ts — every op of the op table lowers to a module that LLVM
// verifies: the table-driven lowering has no gap. Each op gets its own
// function with operands made from constants of the right types.

import { type Imm, type ImmKind, type ValueId, type ValueType, ModuleBuilder, OPS } from '@molt/ir';
import { writeFileSync } from 'node:fs';
import { lowerToLlvmText } from '../src/index.js';

function constOf(fb: ReturnType<ModuleBuilder['createFunction']>, t: ValueType): ValueId {
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

describe('every op lowers to valid LLVM IR', () => {
  it('covers the whole op table', () => {
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
      const fb = mb.createFunction(`op_${spec.name}`, ['obj']);
      const args = spec.operands.map((t) => constOf(fb, t));
      if (spec.variadic !== undefined) args.push(constOf(fb, spec.variadic), constOf(fb, spec.variadic));
      const imms = (spec.imms ?? []).map((i) => immOf(i.kind, spec.name));
      const isTerm = spec.effects.includes('terminator');
      if (spec.succ !== undefined) {
        const n = spec.succ === 'variadic' ? 3 : spec.succ;
        const targets = Array.from({ length: n }, () => fb.createBlock());
        // brif/switch with a repeated target exercise the trampolines.
        const calls = targets.map((b, i) => ({ block: i === 1 && n > 1 ? targets[0]! : b, args: [] }));
        fb.ins(spec.name, args, { imms, targets: calls });
        for (const b of targets) {
          fb.sealBlock(b);
          fb.switchToBlock(b);
          fb.ins('return', [fb.value('const.none')]);
        }
      } else {
        fb.ins(spec.name, args, { imms });
        if (!isTerm) fb.ins('return', [fb.value('const.none')]);
      }
      fb.finish();
    }
    const text = lowerToLlvmText({ modules: [mb.finish()], main: '__main__' });
    if (process.env['MOLT_DUMP_ALLOPS'] !== undefined) writeFileSync(process.env['MOLT_DUMP_ALLOPS'], text);
    expect(text).toContain('define i64 @molt_dispatch');
    // Every op with a runtime symbol either calls it or has an inline lowering.
    for (const spec of OPS) if (spec.runtime !== undefined && !['box.i64', 'gen.yield', 'gen.return'].includes(spec.name)) expect(text).toContain(`@${spec.runtime}(`);
    // The big int and the str constant are created in molt_main.
    expect(text).toContain('@molt_int_from_str(');
    expect(text).toContain('@molt_bytes_from(');
    expect(text).toContain('c"caf\\C3\\A9 \\F0\\9F\\98\\80"');
  });
});
