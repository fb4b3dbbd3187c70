// allops.test.ts — every op of the op table lowers to a module that LLVM
// verifies: the table-driven lowering has no gap. Each op gets its own
// function with operands made from constants of the right types.

import { OPS, opSampleProgram } from '@molt/ir';
import { writeFileSync } from 'node:fs';
import { lowerToLlvmText } from '../src/index.js';

describe('every op lowers to valid LLVM IR', () => {
  it('covers the whole op table', () => {
    const text = lowerToLlvmText(opSampleProgram());
    if (process.env['MOLT_DUMP_ALLOPS'] !== undefined) writeFileSync(process.env['MOLT_DUMP_ALLOPS'], text);
    expect(text).toContain('define i64 @molt_dispatch');
    // Every op with a runtime symbol either calls it or has an inline lowering.
    // Inline lowerings: what they call for the general case, or what they read.
    const inline: Record<string, string> = {
      'global.get': '@molt_global_get_cached(',
      // (getattr, setattr and method.load go through per-site caches only for a
      // `const.str` name; the sample's operands are not, so they call the runtime.)
      'guard.code': '@molt.cell.function',
      'method.func': '@__main__.op_method.func(', // inline: a tag test and a select
      'tuple.get': '%tuple.items', // inline: a load and an incref
      'gen.load': '%gen.slot',
      'gen.store': '%gen.slot',
    };
    for (const spec of OPS) if (spec.runtime !== undefined && !['box.i64', 'gen.yield', 'gen.return'].includes(spec.name)) expect(text).toContain(inline[spec.name] ?? `@${spec.runtime}(`);
    // The big int and the str constant are created in molt_main.
    expect(text).toContain('@molt_int_from_str(');
    expect(text).toContain('@molt_bytes_from(');
    expect(text).toContain('c"caf\\C3\\A9 \\F0\\9F\\98\\80"');
  });
});
