import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ModuleBuilder, OP_NAMES, OPCODES, OPS, ops, printFunction, verifyFunction } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('generated files', () => {
  it('are up to date with the op table (gen-ir --check)', () => {
    const r = spawnSync(process.execPath, ['tools/gen-ir.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('list every op with its opcode', () => {
    expect(OP_NAMES.length).toBe(OPS.length);
    for (const o of OPS) expect(OPCODES[o.name as keyof typeof OPCODES]).toBe(o.opcode);
  });

  it('give typed builder helpers that build valid IR', () => {
    const mb = new ModuleBuilder({ name: 'm', file: 'm.py' });
    const b = mb.createFunction('f', ['obj', 'obj']);
    const [, x] = b.params;
    const one = ops.constInt(b, 1n);
    const s = ops.add(b, x!, one);
    const t = ops.tupleNew(b, s, one);
    const c = ops.truthy(b, t);
    const yes = b.createBlock();
    const no = b.createBlock();
    ops.brif(b, c, { block: yes, args: [] }, { block: no, args: [] });
    b.switchToBlock(yes);
    ops.return_(b, s);
    b.switchToBlock(no);
    ops.return_(b, one);
    const fn = b.finish();
    expect(verifyFunction(fn)).toEqual([]);
    expect(printFunction(fn)).toContain('v3 = add v1, v2\n  v4 = tuple.new v3, v2');
  });
});
