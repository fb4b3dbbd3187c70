// programs.ts — hand-built IR programs shared by the golden and end-to-end
// tests of @molt/lower-wasm (built with @molt/ir's ModuleBuilder).

import { ModuleBuilder, PassManager, refcountPass, type FunctionBuilder, type Program, type ValueId } from '@molt/ir';

function single(build: (mb: ModuleBuilder) => void): Program {
  const mb = new ModuleBuilder({ name: '__main__', file: 'main.py' });
  build(mb);
  const m = mb.finish();
  // Ownership is explicit in IR handed to a backend (the required refcount pass).
  new PassManager({ pipeline: [refcountPass] }).runModule(m);
  return { modules: [m], main: '__main__' };
}

function initFn(mb: ModuleBuilder): FunctionBuilder {
  const f = mb.createFunction('__main__', ['obj'], 'obj', { name: '<module>', qualname: '<module>', filename: 'main.py', firstLine: 1, params: [], flags: { module: true } });
  mb.setInit(f.fn.id);
  return f;
}

function print(f: FunctionBuilder, ...args: ValueId[]): void {
  const g = f.value('func.globals', [f.params[0]!]);
  const p = f.value('global.get', [g, f.value('const.str', [], { imms: ['print'] })]);
  f.value('call', [p, ...args]);
}

function returnNone(f: FunctionBuilder): void {
  f.ins('return', [f.value('const.none')]);
}

/** `print('hello, world')` */
export function helloProgram(): Program {
  return single((mb) => {
    const f = initFn(mb);
    f.loc = { line: 1, col: 0 };
    print(f, f.value('const.str', [], { imms: ['hello, world'] }));
    returnNone(f);
    f.finish();
  });
}

/** `print(2 + 3 * 4, 7 - 10, 2**60 + 1)` with big-int and float constants. */
export function arithmeticProgram(): Program {
  return single((mb) => {
    const f = initFn(mb);
    f.loc = { line: 1, col: 0 };
    const c = (v: bigint): ValueId => f.value('const.int', [], { imms: [v] });
    const a = f.value('add', [c(2n), f.value('mul', [c(3n), c(4n)])]);
    const b = f.value('sub', [c(7n), c(10n)]);
    const big = f.value('add', [c(1n << 60n), c(1n)]);
    const fl = f.value('const.float', [], { imms: [1.5] });
    print(f, a, b, big, fl);
    returnNone(f);
    f.finish();
  });
}

/**
 * try: raise ValueError('boom')
 * except: print('caught')
 */
export function exceptionProgram(): Program {
  return single((mb) => {
    const f = initFn(mb);
    f.loc = { line: 1, col: 0 };
    const handler = f.createBlock();
    f.setUnwind(handler);
    const body = f.createBlock();
    f.jump(body);
    f.switchToBlock(body);
    f.sealBlock(body);
    const g = f.value('func.globals', [f.params[0]!]);
    const ve = f.value('global.get', [g, f.value('const.str', [], { imms: ['ValueError'] })]);
    const exc = f.value('call', [ve, f.value('const.str', [], { imms: ['boom'] })]);
    f.ins('raise', [exc, f.value('const.unbound')]);
    f.setUnwind(undefined);
    f.switchToBlock(handler);
    f.sealBlock(handler);
    const e = f.value('exc.fetch');
    f.ins('exc.push', [e]);
    print(f, f.value('const.str', [], { imms: ['caught'] }));
    f.ins('exc.pop');
    returnNone(f);
    f.finish();
  });
}

/**
 * i = 0
 * while i < 5: print(i); i = i + 1
 */
export function loopProgram(): Program {
  return single((mb) => {
    const f = initFn(mb);
    f.loc = { line: 1, col: 0 };
    f.declareVar('i', 'obj');
    f.defVar('i', f.value('const.int', [], { imms: [0n] }));
    const head = f.createBlock();
    const body = f.createBlock();
    const exit = f.createBlock();
    f.jump(head);
    f.switchToBlock(head);
    const cond = f.value('truthy', [f.value('lt', [f.useVar('i'), f.value('const.int', [], { imms: [5n] })])]);
    f.brif(cond, body, exit);
    f.switchToBlock(body);
    f.sealBlock(body);
    print(f, f.useVar('i'));
    f.defVar('i', f.value('add', [f.useVar('i'), f.value('const.int', [], { imms: [1n] })]));
    f.jump(head);
    f.sealBlock(head);
    f.switchToBlock(exit);
    f.sealBlock(exit);
    returnNone(f);
    f.finish();
  });
}

/**
 * def add(a, b): return a + b
 * print(add(40, 2))     (guard.code → call.direct, else call)
 * print(add(1, 2))      (call: the runtime goes through molt_dispatch)
 */
export function callProgram(): Program {
  return single((mb) => {
    const init = initFn(mb);
    const add = mb.createFunction('add', ['obj', 'obj', 'obj'], 'obj', { name: 'add', qualname: 'add', filename: 'main.py', firstLine: 1, params: [{ name: 'a', kind: 'normal' }, { name: 'b', kind: 'normal' }], flags: {} });
    add.loc = { line: 1, col: 0 };
    add.ins('return', [add.value('add', [add.params[1]!, add.params[2]!])]);
    add.finish();
    init.loc = { line: 2, col: 0 };
    const none = init.value('const.none');
    const fobj = init.value('func.new', [none, none, none, none], { imms: [add.fn.id] });
    const forty = init.value('const.int', [], { imms: [40n] });
    const two = init.value('const.int', [], { imms: [2n] });
    const ok = init.value('guard.code', [fobj], { imms: [add.fn.id] });
    const fast = init.createBlock();
    const slow = init.createBlock();
    const join = init.createBlock();
    const r = init.appendBlockParam(join, 'obj');
    init.brif(ok, fast, slow);
    init.switchToBlock(fast);
    init.sealBlock(fast);
    init.jump(join, [init.value('call.direct', [fobj, forty, two], { imms: [add.fn.id] })]);
    init.switchToBlock(slow);
    init.sealBlock(slow);
    init.jump(join, [init.value('call', [fobj, forty, two])]);
    init.switchToBlock(join);
    init.sealBlock(join);
    print(init, r);
    print(init, init.value('call', [fobj, init.value('const.int', [], { imms: [1n] }), two]));
    returnNone(init);
    init.finish();
  });
}

/** A function using unboxed arithmetic, overflow checks and a switch (golden only). */
export function unboxedProgram(): Program {
  return single((mb) => {
    const f = initFn(mb);
    const x = f.value('unbox.i64', [f.value('const.int', [], { imms: [7n] })]);
    const y = f.value('iconst', [], { imms: [3n] });
    const q = f.value('i64.floordiv', [x, y]);
    const r = f.value('i64.mod', [x, y]);
    const ovf = f.value('i64.ovf_mul', [q, r]);
    const a = f.createBlock();
    const b = f.createBlock();
    const c = f.createBlock();
    f.brif(ovf, a, b);
    f.switchToBlock(a);
    f.sealBlock(a);
    f.ins('return', [f.value('box.i64', [q])]);
    f.switchToBlock(b);
    f.sealBlock(b);
    f.ins('switch', [r], { targets: [{ block: c, args: [] }, { block: a, args: [] }, { block: c, args: [] }] });
    f.switchToBlock(c);
    f.sealBlock(c);
    f.ins('return', [f.value('box.f64', [f.value('i64.to_f64', [r])])]);
    f.finish();
  });
}

/** `print(undefined_name)`: an uncaught NameError (exit status 1). */
export function uncaughtProgram(): Program {
  return single((mb) => {
    const f = initFn(mb);
    f.loc = { line: 3, col: 0 };
    const g = f.value('func.globals', [f.params[0]!]);
    print(f, f.value('global.get', [g, f.value('const.str', [], { imms: ['undefined_name'] })]));
    returnNone(f);
    f.finish();
  });
}
