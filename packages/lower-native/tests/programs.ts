// programs.ts — small hand-built IR programs shared by the golden and
// end-to-end tests, each with the stdout and exit status CPython gives for
// the Python it stands for.

import { type FunctionBuilder, type Module, type Program, type ValueId, ModuleBuilder, PassManager, refcountPass } from '@molt/ir';

export interface TestProgram {
  readonly name: string;
  readonly python: string;
  readonly program: Program;
  readonly stdout: string;
  readonly exitCode: number;
}

function moduleInfo(file: string) {
  return { name: '<module>', qualname: '<module>', filename: file, firstLine: 1, params: [], flags: { module: true } };
}

/** Start `__main__` with its body function; `g` is the globals dict. */
function mainModule(file: string): { mb: ModuleBuilder; fb: FunctionBuilder; g: ValueId } {
  const mb = new ModuleBuilder({ name: '__main__', file });
  const fb = mb.createFunction('__module__', ['obj'], 'obj', moduleInfo(file));
  mb.setInit(fb.fn.id);
  const g = fb.value('func.globals', [fb.params[0]!]);
  return { mb, fb, g };
}

function str(fb: FunctionBuilder, s: string): ValueId {
  return fb.value('const.str', [], { imms: [s] });
}

function int(fb: FunctionBuilder, v: bigint): ValueId {
  return fb.value('const.int', [], { imms: [v] });
}

function print(fb: FunctionBuilder, g: ValueId, args: ValueId[], line: number): void {
  fb.loc = { line, col: 0 };
  const p = fb.value('global.get', [g, str(fb, 'print')]);
  fb.value('call', [p, ...args]);
}

function finishMain(mb: ModuleBuilder, fb: FunctionBuilder): Program {
  fb.ins('return', [fb.value('const.none')]);
  fb.finish();
  const m: Module = mb.finish();
  // Ownership is explicit in IR handed to a backend (the required refcount pass).
  new PassManager({ pipeline: [refcountPass] }).runModule(m);
  return { modules: [m], main: '__main__' };
}

function hello(): TestProgram {
  const { mb, fb, g } = mainModule('hello.py');
  print(fb, g, [str(fb, 'hello, world')], 1);
  return { name: 'hello', python: "print('hello, world')", program: finishMain(mb, fb), stdout: 'hello, world\n', exitCode: 0 };
}

function arith(): TestProgram {
  const { mb, fb, g } = mainModule('arith.py');
  // print(2 + 3 * 4, 7 // 2, -7 % 3, 1.5 * 2.0, 2**46 * 2**46, 10 < 3, 10 / 4)
  const a = fb.value('add', [int(fb, 2n), fb.value('mul', [int(fb, 3n), int(fb, 4n)])]);
  const fd = fb.value('floordiv', [int(fb, 7n), int(fb, 2n)]);
  const md = fb.value('mod', [int(fb, -7n), int(fb, 3n)]);
  const fm = fb.value('mul', [fb.value('const.float', [], { imms: [1.5] }), fb.value('const.float', [], { imms: [2.0] })]);
  const big = fb.value('mul', [int(fb, 2n ** 46n), int(fb, 2n ** 46n)]);
  const lt = fb.value('lt', [int(fb, 10n), int(fb, 3n)]);
  const td = fb.value('truediv', [int(fb, 10n), int(fb, 4n)]);
  print(fb, g, [a, fd, md, fm, big, lt, td], 1);
  // print(2**70 - 1, -(-2**47), -2.5) (a big int constant; a negation that leaves the small range)
  const n1 = fb.value('neg', [int(fb, -(2n ** 47n))]);
  const n2 = fb.value('neg', [fb.value('const.float', [], { imms: [2.5] })]);
  print(fb, g, [int(fb, 2n ** 70n - 1n), n1, n2], 2);
  return {
    name: 'arith',
    python: 'print(2 + 3 * 4, 7 // 2, -7 % 3, 1.5 * 2.0, 2**46 * 2**46, 10 < 3, 10 / 4)\nprint(2**70 - 1, -(-2**47), -2.5)',
    program: finishMain(mb, fb),
    stdout: `14 3 2 3.0 ${2n ** 92n} False 2.5\n${2n ** 70n - 1n} ${2n ** 47n} -2.5\n`,
    exitCode: 0,
  };
}

function loop(): TestProgram {
  const { mb, fb, g } = mainModule('loop.py');
  // i = 0; total = 0
  // while i < 10: total = total + i; i = i + 1
  // print(total)
  fb.declareVar('i', 'obj');
  fb.declareVar('total', 'obj');
  fb.defVar('i', int(fb, 0n));
  fb.defVar('total', int(fb, 0n));
  const header = fb.createBlock();
  const body = fb.createBlock();
  const exit = fb.createBlock();
  fb.jump(header);
  fb.switchToBlock(header);
  fb.loc = { line: 2, col: 0 };
  const cond = fb.value('truthy', [fb.value('lt', [fb.useVar('i'), int(fb, 10n)])]);
  fb.brif(cond, body, exit);
  fb.sealBlock(body);
  fb.switchToBlock(body);
  fb.defVar('total', fb.value('add', [fb.useVar('total'), fb.useVar('i')]));
  fb.defVar('i', fb.value('add', [fb.useVar('i'), int(fb, 1n)]));
  fb.jump(header);
  fb.sealBlock(header);
  fb.sealBlock(exit);
  fb.switchToBlock(exit);
  print(fb, g, [fb.useVar('total')], 4);
  return { name: 'loop', python: 'i = 0\ntotal = 0\nwhile i < 10:\n    total = total + i\n    i = i + 1\nprint(total)', program: finishMain(mb, fb), stdout: '45\n', exitCode: 0 };
}

function exception(): TestProgram {
  const { mb, fb, g } = mainModule('exc.py');
  // x = 1
  // try:
  //     x = 2
  //     print(1 // 0)
  // except ZeroDivisionError:
  //     print('caught', x)
  // print('after')
  fb.declareVar('x', 'obj');
  fb.defVar('x', int(fb, 1n));
  const handler = fb.createBlock();
  const after = fb.createBlock();
  fb.setUnwind(handler);
  const tryBody = fb.createBlock();
  fb.jump(tryBody);
  fb.sealBlock(tryBody);
  fb.switchToBlock(tryBody);
  fb.loc = { line: 3, col: 4 };
  fb.defVar('x', int(fb, 2n));
  const q = fb.value('floordiv', [int(fb, 1n), int(fb, 0n)]);
  print(fb, g, [q], 4);
  fb.setUnwind(undefined);
  fb.jump(after);
  fb.sealBlock(handler);
  fb.switchToBlock(handler);
  fb.loc = { line: 5, col: 0 };
  const exc = fb.value('exc.fetch');
  fb.ins('exc.push', [exc]);
  const matches = fb.value('exc.match', [exc, fb.value('builtin', [str(fb, 'ZeroDivisionError')])]);
  const caught = fb.createBlock();
  const reraise = fb.createBlock();
  fb.brif(matches, caught, reraise);
  fb.sealBlock(caught);
  fb.sealBlock(reraise);
  fb.switchToBlock(reraise);
  fb.ins('reraise', [exc]);
  fb.switchToBlock(caught);
  print(fb, g, [str(fb, 'caught'), fb.useVar('x')], 6);
  fb.ins('exc.pop');
  fb.jump(after);
  fb.sealBlock(after);
  fb.switchToBlock(after);
  print(fb, g, [str(fb, 'after')], 7);
  return {
    name: 'exception',
    python: "x = 1\ntry:\n    x = 2\n    print(1 // 0)\nexcept ZeroDivisionError:\n    print('caught', x)\nprint('after')",
    program: finishMain(mb, fb),
    stdout: 'caught 2\nafter\n',
    exitCode: 0,
  };
}

function uncaught(): TestProgram {
  const { mb, fb, g } = mainModule('uncaught.py');
  // print('before'); 1 // 0
  print(fb, g, [str(fb, 'before')], 1);
  fb.loc = { line: 2, col: 0 };
  fb.value('floordiv', [int(fb, 1n), int(fb, 0n)]);
  return { name: 'uncaught', python: "print('before')\n1 // 0", program: finishMain(mb, fb), stdout: 'before\n', exitCode: 1 };
}

function functions(): TestProgram {
  const mb = new ModuleBuilder({ name: '__main__', file: 'funcs.py' });
  const body = mb.createFunction('__module__', ['obj'], 'obj', moduleInfo('funcs.py'));
  mb.setInit(body.fn.id);
  // def inc(x): return x + 1   (IR function 1)
  const inc = mb.createFunction('inc', ['obj', 'obj'], 'obj', {
    name: 'inc', qualname: 'inc', filename: 'funcs.py', firstLine: 1, params: [{ name: 'x', kind: 'normal' }], flags: {},
  });
  inc.loc = { line: 2, col: 4 };
  inc.ins('return', [inc.value('add', [inc.params[1]!, inc.value('const.int', [], { imms: [1n] })])]);
  inc.finish();
  const fb = body;
  const g = fb.value('func.globals', [fb.params[0]!]);
  const none = fb.value('const.none');
  fb.loc = { line: 1, col: 0 };
  const f = fb.value('func.new', [none, none, none, none], { imms: [inc.fn.id] });
  fb.ins('global.set', [g, str(fb, 'inc'), f]);
  // print(inc(41)) through a generic call; print(inc(1)) through call.direct after guard.code
  const f1 = fb.value('global.get', [g, str(fb, 'inc')]);
  const r1 = fb.value('call', [f1, int(fb, 41n)]);
  print(fb, g, [r1], 3);
  const f2 = fb.value('global.get', [g, str(fb, 'inc')]);
  const ok = fb.value('guard.code', [f2], { imms: [inc.fn.id] });
  const direct = fb.createBlock();
  const generic = fb.createBlock();
  const join = fb.createBlock();
  const res = fb.appendBlockParam(join, 'obj');
  fb.brif(ok, direct, generic);
  fb.sealBlock(direct);
  fb.sealBlock(generic);
  fb.switchToBlock(direct);
  fb.jump(join, [fb.value('call.direct', [f2, int(fb, 1n)], { imms: [inc.fn.id] })]);
  fb.switchToBlock(generic);
  fb.jump(join, [fb.value('call', [f2, int(fb, 1n)])]);
  fb.sealBlock(join);
  fb.switchToBlock(join);
  print(fb, g, [res], 4);
  return {
    name: 'functions',
    python: 'def inc(x):\n    return x + 1\nprint(inc(41))\nprint(inc(1))',
    program: finishMain(mb, fb),
    stdout: '42\n2\n',
    exitCode: 0,
  };
}

function unboxed(): TestProgram {
  const { mb, fb, g } = mainModule('unboxed.py');
  // Unboxed i64/f64/bool ops and a switch: prints 7 (-7 // 2 * -1 + 3), 2.5, True, 'two'
  const i = (v: number): ValueId => fb.value('iconst', [], { imms: [v] });
  const q = fb.value('i64.floordiv', [i(-7), i(2)]); // -4
  const m = fb.value('i64.mod', [i(-7), i(2)]); // 1
  const x = fb.value('i64.add', [fb.value('i64.mul', [q, i(-1)]), fb.value('i64.add', [m, i(2)])]); // 4 + 3 = 7
  const f = fb.value('f64.div', [fb.value('i64.to_f64', [x]), fb.value('fconst', [], { imms: [2.8] })]);
  const fr = fb.value('f64.sub', [f, fb.value('fconst', [], { imms: [0.0] })]);
  const ovf = fb.value('i64.ovf_mul', [i(2 ** 40), i(2 ** 40)]); // true
  const big = fb.value('box.i64', [fb.value('iconst', [], { imms: [2n ** 62n] })]);
  print(fb, g, [fb.value('box.i64', [x]), fb.value('box.f64', [fr]), fb.value('box.bool', [ovf]), big], 1);
  const cases = [fb.createBlock(), fb.createBlock(), fb.createBlock(), fb.createBlock()];
  const join = fb.createBlock();
  const sel = fb.appendBlockParam(join, 'obj');
  fb.ins('switch', [i(1)], { targets: cases.map((c) => ({ block: c, args: [] })) });
  const labels = ['default', 'zero', 'one', 'two'];
  cases.forEach((c, k) => {
    fb.sealBlock(c);
    fb.switchToBlock(c);
    fb.jump(join, [str(fb, labels[k]!)]);
  });
  fb.sealBlock(join);
  fb.switchToBlock(join);
  print(fb, g, [sel], 2);
  return {
    name: 'unboxed',
    python: '(hand-written IR)',
    program: finishMain(mb, fb),
    stdout: `7 2.5 True ${2n ** 62n}\none\n`,
    exitCode: 0,
  };
}

export function testPrograms(): TestProgram[] {
  return [hello(), arith(), loop(), exception(), uncaught(), functions(), unboxed()];
}
