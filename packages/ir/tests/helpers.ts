// helpers.ts — shared test utilities: sample IR and golden-file comparison (MOLT_BLESS=1 rewrites).
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ModuleBuilder, type Module } from '../src/index.js';

/** The fixtures directory. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Compare `actual` with the golden file; MOLT_BLESS=1 rewrites it instead. */
export function golden(path: string, actual: string): void {
  if (process.env.MOLT_BLESS === '1' || !existsSync(path)) {
    if (process.env.MOLT_BLESS !== '1' && process.env.CI) throw new Error(`missing golden file ${path}`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** A module exercising every immediate kind, block params, unwind edges and locations. */
export function sampleModule(): Module {
  const mb = new ModuleBuilder({ name: '__main__', file: 'm.py' });
  const main = mb.createFunction('__main__', ['obj'], 'obj', {
    name: '<module>', qualname: '<module>', filename: 'm.py', firstLine: 1, params: [], flags: { module: true },
  });
  const g = mb.createFunction('g', ['obj', 'obj'], 'obj', {
    name: 'g', qualname: 'g', filename: 'm.py', firstLine: 3, params: [{ name: 'x', kind: 'normal' }], flags: {},
  });
  mb.setInit(main.fn.id);
  // f1 g(self, x): returns x + 1 with a handler around it.
  {
    const fb = g;
    fb.loc = { line: 4, col: 11 };
    const x = fb.params[1]!;
    const handler = fb.createBlock();
    const exc = fb.appendBlockParam(handler, 'obj');
    const body = fb.createBlock();
    fb.jump(body, []);
    fb.setUnwind(handler);
    const b2 = fb.createBlock();
    fb.setUnwind(undefined);
    fb.sealBlock(body);
    fb.switchToBlock(body);
    fb.jump(b2);
    fb.sealBlock(b2);
    fb.switchToBlock(b2);
    const one = fb.value('const.int', [], { imms: [1n] });
    const r = fb.value('add', [x, one]);
    fb.ins('return', [r]);
    fb.fn.blocks[b2]!.unwind = { block: handler, args: [x] };
    fb.sealBlock(handler);
    fb.switchToBlock(handler);
    fb.loc = undefined;
    const e = fb.value('exc.fetch');
    fb.ins('reraise', [e]);
    void exc;
    fb.finish();
  }
  {
    const fb = main;
    fb.loc = { line: 1, col: 0 };
    fb.value('const.str', [], { imms: ['a "quoted"; str\n\u00e9\ud800'] });
    fb.value('const.bytes', [], { imms: [Uint8Array.from([0, 65, 34, 92, 255, 10])] });
    fb.value('const.int', [], { imms: [123456789012345678901234567890n] });
    fb.value('const.int', [], { imms: [-5n] });
    for (const f of [0.1, -0, NaN, Infinity, -Infinity, 1, 1e300, 5e-324, -2.5]) fb.value('const.float', [], { imms: [f] });
    fb.value('iconst', [], { imms: [-9007199254740993n] });
    fb.value('iconst', [], { imms: [42] });
    fb.value('bconst', [], { imms: [true] });
    const none = fb.value('const.none');
    const fobj = fb.value('func.new', [none, none, none, none], { imms: [1] });
    const one = fb.value('const.int', [], { imms: [1n] });
    const r = fb.value('call.direct', [fobj, one], { imms: [1] });
    const c = fb.value('truthy', [r]);
    const t = fb.createBlock();
    const f = fb.createBlock();
    fb.brif(c, t, f, [], []);
    fb.sealBlock(t);
    fb.sealBlock(f);
    fb.switchToBlock(t);
    fb.ins('return', [r]);
    fb.switchToBlock(f);
    fb.ins('return', [none]);
    fb.finish();
  }
  return mb.finish();
}
