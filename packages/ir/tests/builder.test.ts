import { ModuleBuilder, type ValueId } from '../src/index.js';

describe('FunctionBuilder SSA construction', () => {
  it('places a block parameter at a loop header and removes trivial ones', () => {
    const mb = new ModuleBuilder({ name: '__main__', file: 'm.py' });
    const fb = mb.createFunction('f', ['obj']);
    fb.declareVar('x', 'obj');
    fb.declareVar('y', 'obj');
    fb.defVar('x', fb.value('const.int', [], { imms: [0n] }));
    fb.defVar('y', fb.value('const.int', [], { imms: [7n] }));
    const header = fb.createBlock();
    const body = fb.createBlock();
    const exit = fb.createBlock();
    fb.jump(header);
    fb.switchToBlock(header);
    const x = fb.useVar('x');
    const c = fb.value('truthy', [x]);
    fb.brif(c, body, exit);
    fb.sealBlock(body);
    fb.switchToBlock(body);
    const one = fb.value('const.int', [], { imms: [1n] });
    fb.defVar('x', fb.value('add', [fb.useVar('x'), one]));
    fb.jump(header);
    fb.sealBlock(header);
    fb.sealBlock(exit);
    fb.switchToBlock(exit);
    fb.ins('return', [fb.useVar('y')]);
    const fn = fb.finish();
    // x varies around the loop: one parameter; y does not: none.
    expect(fn.blocks[header]!.params.length).toBe(1);
    const ret = fn.insts[fn.blocks[exit]!.insts[0]!]!;
    const yDef = fn.values[ret.args[0]! as ValueId]!.def;
    expect(yDef.kind).toBe('inst');
  });
});
