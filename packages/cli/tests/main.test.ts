// main.test.ts — every CLI command and error path, driven in memory through
// main(argv, io) (commands that compile and run use the real toolchain).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/index.js';
import { memoryIo, scratch } from './helpers.js';

const HELLO = 'import sys\nprint("hello", 6 * 7)\nprint(sys.argv[1:])\nsys.exit(3)\n';

describe('usage', () => {
  it('prints help and the version', async () => {
    const io = memoryIo(scratch({}));
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdoutText()).toContain('Usage: molt <command>');
    const v = memoryIo(scratch({}));
    expect(await main(['--version'], v)).toBe(0);
    expect(v.stdoutText()).toMatch(/^molt \d+\.\d+\.\d+\n$/);
  });

  it('has --help for every command', async () => {
    for (const c of ['build', 'run', 'compare', 'ir', 'doctor']) {
      const io = memoryIo(scratch({}));
      expect(await main([c, '--help'], io)).toBe(0);
      expect(io.stdoutText()).toContain(`molt ${c}`);
    }
  });

  it('rejects unknown commands and options with status 2', async () => {
    const io = memoryIo(scratch({}));
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderrText()).toContain("error[MOLT5001]: unknown command 'frobnicate'");
    const o = memoryIo(scratch({}));
    expect(await main(['build', '--frob', 'x.py'], o)).toBe(2);
    expect(o.stderrText()).toContain("unknown option '--frob'");
    const t = memoryIo(scratch({}));
    expect(await main(['build', '--target', 'jvm', 'x.py'], t)).toBe(2);
    expect(t.stderrText()).toContain("must be one of 'native', 'wasm'");
    const m = memoryIo(scratch({}));
    expect(await main(['build'], m)).toBe(2);
    expect(m.stderrText()).toContain('needs a Python file');
  });
});

describe('input errors', () => {
  it('reports a missing file and a directory', async () => {
    const dir = scratch({});
    const io = memoryIo(dir);
    expect(await main(['build', 'nope.py'], io)).toBe(1);
    expect(io.stderrText()).toContain('error[MOLT5002]');
    mkdirSync(join(dir, 'pkg'));
    const d = memoryIo(dir);
    expect(await main(['run', 'pkg'], d)).toBe(1);
    expect(d.stderrText()).toContain('error[MOLT5003]');
  });

  it('reports a syntax error with the source line and a caret, status 1', async () => {
    const dir = scratch({ 'bad.py': 'x = 1\ndef f(:\n    pass\n' });
    const io = memoryIo(dir);
    expect(await main(['build', 'bad.py'], io)).toBe(1);
    const err = io.stderrText();
    expect(err).toMatch(/bad\.py:2:\d+: error\[MOLT1\d{3}\]/);
    expect(err).toContain('2 | def f(:');
    expect(err).toContain('^');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
    expect(io.stdoutText()).toBe('');
  });

  it('reports an unsupported construct', async () => {
    const dir = scratch({ 'ev.py': 'print(eval("1 + 1"))\n' });
    const io = memoryIo(dir);
    expect(await main(['build', 'ev.py'], io)).toBe(1);
    expect(io.stderrText()).toMatch(/error\[MOLT2\d{3}\].*eval/);
  });

  it('refuses an unwritable output path', async () => {
    const dir = scratch({ 'a.py': 'print(1)\n' });
    const io = memoryIo(dir);
    expect(await main(['build', 'a.py', '-o', join(dir, 'missing-dir', 'a')], io)).toBe(1);
    expect(io.stderrText()).toContain('error[MOLT5004]');
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    if (process.getuid?.() !== 0) {
      const r = memoryIo(dir);
      expect(await main(['build', 'a.py', '-o', join(ro, 'a')], r)).toBe(1);
      expect(r.stderrText()).toContain('not writable');
    }
    const asDir = memoryIo(dir);
    expect(await main(['build', 'a.py', '-o', ro], asDir)).toBe(1);
    expect(asDir.stderrText()).toContain('is a directory');
  });

  it('reports a missing toolchain piece with a hint (simulated)', async () => {
    const dir = scratch({ 'a.py': 'print(1)\n' });
    const saved = process.env.MOLT_RUNTIME_LIB;
    process.env.MOLT_RUNTIME_LIB = '/nonexistent/libmolt_runtime.a';
    try {
      const io = memoryIo(dir);
      expect(await main(['build', 'a.py'], io)).toBe(1);
      expect(io.stderrText()).toMatch(/error\[MOLT4\d{3}\]/);
      expect(io.stderrText()).toContain('hint:');
      expect(existsSync(join(dir, 'a'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.MOLT_RUNTIME_LIB;
      else process.env.MOLT_RUNTIME_LIB = saved;
    }
  });
});

describe('build and run (native)', () => {
  const dir = scratch({ 'hello.py': HELLO });
  const cache = join(dir, '.cache');

  it('builds an executable named after the file and emits IR and LLVM text', async () => {
    const io = memoryIo(dir);
    expect(await main(['build', 'hello.py', '--profile', 'dev', '--emit', 'ir', '--emit', 'llvm', '--timings'], io)).toBe(0);
    expect(existsSync(join(dir, 'hello'))).toBe(true);
    expect(readFileSync(join(dir, 'hello.moltir'), 'utf8')).toContain('module "__main__"');
    expect(readFileSync(join(dir, 'hello.ll'), 'utf8')).toContain('define i64 @molt_main');
    expect(io.stderrText()).toContain('molt build timings:');
    expect(io.stdoutText()).toBe('');
  });

  it('runs a program, passing arguments and the exit status through; the cache is reused and a corrupt entry is rebuilt', async () => {
    const run = async () => {
      const io = memoryIo(dir, { MOLT_CACHE_DIR: cache });
      const status = await main(['run', 'hello.py', '--timings', '--', 'a', 'b c'], io);
      return { status, io };
    };
    const first = await run();
    expect(first.status).toBe(3);
    expect(first.io.stdoutText()).toBe("hello 42\n['a', 'b c']\n");
    expect(first.io.stderrText()).toContain('frontend');
    // Words after the file are the program's, options included (as with python).
    const plain = memoryIo(dir, { MOLT_CACHE_DIR: cache });
    expect(await main(['run', 'hello.py', 'x', '--y'], plain)).toBe(3);
    expect(plain.stdoutText()).toBe("hello 42\n['x', '--y']\n");
    const second = await run();
    expect(second.status).toBe(3);
    expect(second.io.stderrText()).toContain('cache lookup');
    expect(second.io.stderrText()).not.toContain('frontend');
    // Corrupt the cached executable: it must be rebuilt, not run.
    const entries = readdirSync(cache, { recursive: true }) as string[];
    const exe = entries.find((e) => e.endsWith('program'));
    expect(exe).toBeDefined();
    writeFileSync(join(cache, exe!), 'corrupt');
    const third = await run();
    expect(third.status).toBe(3);
    expect(third.io.stderrText()).toContain('frontend');
  });
});

describe('release build of a big module (native)', () => {
  // Eight float/int loop functions: their optimized bitcode passes lower-native's SPLIT_MIN_BYTES.
  // The expected output is CPython 3.12's.
  const funcs = Array.from({ length: 8 }, (_, k) =>
    [
      `def f${k}(n):`,
      '    s = 0.0',
      `    t = ${k}`,
      '    for i in range(n):',
      `        s += (i * 0.5 + ${k}) / (i + 1)`,
      '        t = (t * 31 + i) % 1000003',
      `        if t % 7 == ${k % 7}:`,
      '            s -= t / 3.0',
      '    return round(s, 6), t',
      '',
    ].join('\n'),
  );
  const source = `${funcs.join('\n')}\nfor g in [${funcs.map((_, k) => `f${k}`).join(', ')}]:\n    print(g.__name__, g(300))\n`;
  const expected = [
    'f0 (-5917865.474665, 730778)',
    'f1 (-7187282.525335, 438005)',
    'f2 (-6188295.576004, 145232)',
    'f3 (-5923552.626674, 852462)',
    'f4 (-8585006.34401, 559689)',
    'f5 (-7876554.728013, 266916)',
    'f6 (-8463406.778682, 974146)',
    'f7 (-6759975.162685, 681373)',
  ].join('\n');

  it('is split for two parallel llc runs, reproducibly, and runs the same as one llc run', async () => {
    const dir = scratch({ 'big.py': source });
    const build = async (out: string, env: Record<string, string | undefined>): Promise<string> => {
      const saved = process.env.MOLT_LLVM_SPLIT;
      if (env.MOLT_LLVM_SPLIT === undefined) delete process.env.MOLT_LLVM_SPLIT;
      else process.env.MOLT_LLVM_SPLIT = env.MOLT_LLVM_SPLIT;
      try {
        const io = memoryIo(dir);
        expect(await main(['build', 'big.py', '--profile', 'release', '--timings', '-o', out], io)).toBe(0);
        return io.stderrText();
      } finally {
        if (saved === undefined) delete process.env.MOLT_LLVM_SPLIT;
        else process.env.MOLT_LLVM_SPLIT = saved;
      }
    };
    const run = (exe: string): string => spawnSync(join(dir, exe), [], { encoding: 'utf8' }).stdout;
    expect(await build('a', {})).toMatch(/\n\s+split\s/);
    expect(await build('b', {})).toMatch(/\n\s+split\s/);
    expect(readFileSync(join(dir, 'a')).equals(readFileSync(join(dir, 'b')))).toBe(true);
    expect(await build('whole', { MOLT_LLVM_SPLIT: 'none' })).not.toMatch(/\n\s+split\s/);
    expect(run('a')).toBe(`${expected}\n`);
    expect(run('whole')).toBe(`${expected}\n`);
  });
});

describe('ir', () => {
  it('prints text and json, and after a named pass', async () => {
    const dir = scratch({ 'p.py': 'def f(x):\n    return x + 1\nprint(f(2))\n' });
    const t = memoryIo(dir);
    expect(await main(['ir', 'p.py'], t)).toBe(0);
    expect(t.stdoutText()).toContain('function f1 "f"');
    const j = memoryIo(dir);
    expect(await main(['ir', 'p.py', '--format', 'json'], j)).toBe(0);
    expect(() => JSON.parse(j.stdoutText())).not.toThrow();
    const a = memoryIo(dir);
    expect(await main(['ir', 'p.py', '--after', 'const-fold'], a)).toBe(0);
    const bad = memoryIo(dir);
    expect(await main(['ir', 'p.py', '--after', 'no-such-pass'], bad)).toBe(2);
    expect(bad.stderrText()).toContain("no pass 'no-such-pass'");
  });
});

describe('doctor', () => {
  it('checks the toolchain and reports a simulated missing piece', async () => {
    const ok = memoryIo(scratch({}));
    expect(await main(['doctor'], ok)).toBe(0);
    expect(ok.stderrText()).toContain('everything Molt needs is here');
    const saved = process.env.MOLT_RUNTIME_LIB;
    process.env.MOLT_RUNTIME_LIB = '/nonexistent/libmolt_runtime.a';
    try {
      const bad = memoryIo(scratch({}));
      expect(await main(['doctor'], bad)).toBe(1);
      expect(bad.stderrText()).toContain('FAIL');
      expect(bad.stderrText()).toContain('fix:');
    } finally {
      if (saved === undefined) delete process.env.MOLT_RUNTIME_LIB;
      else process.env.MOLT_RUNTIME_LIB = saved;
    }
  });
});

describe('compare', () => {
  const prog = 'print("same")\nfor i in range(3):\n    print(i * i)\n';
  it('exits 0 when Molt and CPython 3.12 agree', async () => {
    const dir = scratch({ 'p.py': prog });
    const io = memoryIo(dir, { MOLT_CACHE_DIR: join(dir, '.cache') });
    expect(await main(['compare', 'p.py'], io)).toBe(0);
    expect(io.stderrText()).toContain('outputs match');
  });

  it('gives both programs the same standard input', async () => {
    const reader = [
      'import sys',
      'print(repr(input()), repr(sys.stdin.read(4)), repr(sys.stdin.readline()), repr(sys.stdin.readline(2)))',
      'for line in sys.stdin:',
      '    if line.startswith("stop"):',
      '        break',
      '    print("line", repr(line))',
      'print(sys.stdin.readlines(), sys.stdin.readable(), sys.stdout.writable())',
      'nums = [int(w) for w in sys.stdin.read().split()]',
      'print(len(nums), sum(nums), repr(sys.stdin.readline()))',
      '',
    ].join('\n');
    for (const target of ['native', 'wasm']) {
      const dir = scratch({ 'r.py': reader });
      const io = memoryIo(dir, { MOLT_CACHE_DIR: join(dir, '.cache') }, 'first\nabcdefgh\nxyz\nl1\r\nl2\nstop\n3 4\n5\n');
      expect(await main(['compare', 'r.py', '--target', target], io)).toBe(0);
      expect(io.stderrText()).toContain('outputs match');
    }
    // Both really get it: a stand-in Python that echoes its input agrees only then.
    const dir = scratch({ 'e.py': 'import sys\nsys.stdout.write(sys.stdin.read() or "nothing")\n', 'catpy': '#!/bin/sh\ncat\n' });
    chmodSync(join(dir, 'catpy'), 0o755);
    const io = memoryIo(dir, { MOLT_CACHE_DIR: join(dir, '.cache') }, 'line one\nline two\n');
    expect(await main(['compare', 'e.py', '--python', join(dir, 'catpy')], io)).toBe(0);
  });

  it('shows a unified diff and exits 1 when they differ', async () => {
    const dir = scratch({ 'p.py': prog, 'fakepy': '#!/bin/sh\nprintf "same\\n0\\n2\\n4\\n"\nexit 5\n' });
    chmodSync(join(dir, 'fakepy'), 0o755);
    const io = memoryIo(dir, { MOLT_CACHE_DIR: join(dir, '.cache') });
    expect(await main(['compare', 'p.py', '--python', join(dir, 'fakepy')], io)).toBe(1);
    const err = io.stderrText();
    expect(err).toContain('-2');
    expect(err).toContain('+1');
    expect(err).toContain('exit status: cpython 5, molt 0');
  });
});

describe('wasm', () => {
  it('builds a .wasm and runs it directly and from source', async () => {
    const dir = scratch({ 'w.py': HELLO });
    const b = memoryIo(dir);
    expect(await main(['build', 'w.py', '--target', 'wasm', '--profile', 'dev'], b)).toBe(0);
    expect(readFileSync(join(dir, 'w.wasm')).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    // Run in a child process: many wasm instances inside jest's sandbox can crash the test process.
    const bin = join(process.cwd().endsWith('cli') ? process.cwd() : join(process.cwd(), 'packages', 'cli'), 'bin', 'molt.js');
    const direct = spawnSync(process.execPath, [bin, 'run', 'w.wasm', '--', 'x'], { cwd: dir, encoding: 'utf8' });
    expect(direct.stdout).toBe("hello 42\n['x']\n");
    expect(direct.status).toBe(3);
    const fromSource = spawnSync(process.execPath, [bin, 'run', '--target', 'wasm', 'w.py', '--', 'y'], { cwd: dir, encoding: 'utf8', env: { ...process.env, MOLT_CACHE_DIR: join(dir, '.cache') } });
    expect(fromSource.stdout).toBe("hello 42\n['y']\n");
    expect(fromSource.status).toBe(3);
  });

  it('reports a corrupt .wasm without a stack trace', async () => {
    const dir = scratch({ 'bad.wasm': 'not wasm at all' });
    const io = memoryIo(dir);
    expect(await main(['run', 'bad.wasm'], io)).toBe(1);
    expect(io.stderrText()).toContain('not a runnable Molt WASI module');
    expect(io.stderrText()).not.toContain('    at ');
  });
});

describe('feedback', () => {
  const fixtures = join(process.cwd(), '..', 'runtime-feedback', 'tests', 'fixtures');
  const fx = (...p: string[]) => (existsSync(join(fixtures, ...p)) ? join(fixtures, ...p) : join(process.cwd(), 'packages', 'runtime-feedback', 'tests', 'fixtures', ...p));

  it('checks a valid file and rejects an impossible one', async () => {
    const ok = memoryIo(scratch({}));
    expect(await main(['feedback', 'check', fx('valid', 'single-run.json')], ok)).toBe(0);
    expect(ok.stderrText()).toContain('the file is valid');
    const bad = memoryIo(scratch({}));
    expect(await main(['feedback', 'check', fx('invalid', 'branch-sum.json')], bad)).toBe(1);
    expect(bad.stderrText()).toContain('error[MOLT6005]');
  });

  it('ignores a stale profile with a warning and still builds', async () => {
    const dir = scratch({ 'p.py': 'print(sum(i * i for i in range(10)))\n' });
    const io = memoryIo(dir);
    expect(await main(['build', 'p.py', '--profile', 'dev', '--feedback', fx('valid', 'single-run.json')], io)).toBe(0);
    expect(io.stderrText()).toContain('warning[MOLT6010]');
    expect(existsSync(join(dir, 'p'))).toBe(true);
  });
});
