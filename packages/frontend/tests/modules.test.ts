// modules.test.ts — the module graph: user files, then the shipped
// stdlib/ directory, then runtime-provided modules; missing modules are
// diagnosed (MOLT2004) with their import chain.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileProgram, defaultStdlibDir, RUNTIME_MODULES } from '@molt/frontend';

/** A virtual file system for compileProgram. */
function vfs(files: Record<string, string>): (p: string) => string | undefined {
  return (p) => files[path.normalize(p)];
}

const STD = '/std';

describe('module resolution', () => {
  it('finds user modules first, then the stdlib directory (files, packages, submodules)', () => {
    const read = vfs({
      '/app/main.py': 'import util\nimport heapq\nimport coll.sub\nfrom bisect import insort\n',
      '/app/util.py': 'import bisect\n',
      '/app/heapq.py': 'X = 1\n',
      '/std/heapq.py': 'raise Exception\n',
      '/std/bisect.py': 'def insort(a, x): pass\n',
      '/std/coll/__init__.py': '',
      '/std/coll/sub.py': 'import sys\n',
    });
    const r = compileProgram('/app/main.py', { readFile: read, stdlibDir: STD });
    expect(r.diagnostics).toEqual([]);
    const mods = r.program!.modules.map((m) => [m.name, m.file, m.isPackage]);
    expect(mods).toEqual([
      ['__main__', '/app/main.py', false],
      ['util', '/app/util.py', false],
      ['heapq', '/app/heapq.py', false],
      ['coll', '/std/coll/__init__.py', true],
      ['coll.sub', '/std/coll/sub.py', false],
      ['bisect', '/std/bisect.py', false],
    ]);
  });

  it('leaves runtime modules to the runtime and diagnoses unknown ones with the import chain', () => {
    const read = vfs({
      '/app/main.py': 'import sys, math\nimport time\n\nimport util\n',
      '/app/util.py': 'import gc\nimport nosuchmod\n',
    });
    const r = compileProgram('/app/main.py', { readFile: read, stdlibDir: STD });
    expect(r.program).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line, d.message])).toEqual([
      ['MOLT2004', '/app/util.py', 2, "module 'nosuchmod' not found (imported from main.py:4 → util.py:2)"],
    ]);
  });

  it('diagnoses a missing submodule of a runtime module and a missing from-import base', () => {
    const read = vfs({ '/app/main.py': 'import sys.nothing\nfrom pkgx.inner import y\n' });
    const r = compileProgram('/app/main.py', { readFile: read, stdlibDir: STD });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "module 'sys.nothing' not found (imported from main.py:1)",
      "module 'pkgx' not found (imported from main.py:2)",
    ]);
  });

  it('does not diagnose imports guarded by try/except (the program handles ImportError)', () => {
    const read = vfs({ '/app/main.py': 'try:\n    import numpy\nexcept ImportError:\n    numpy = None\n' });
    const r = compileProgram('/app/main.py', { readFile: read, stdlibDir: STD });
    expect(r.diagnostics).toEqual([]);
    expect(r.program).toBeDefined();
  });

  it('follows relative imports and from-imports of submodules; star imports resolve their module', () => {
    const read = vfs({
      '/app/main.py': 'from pkg import mod\nfrom pkg.mod import *\n',
      '/app/pkg/__init__.py': 'from . import helper\nfrom .mod import VALUE\n',
      '/app/pkg/helper.py': '',
      '/app/pkg/mod.py': '__all__ = ["VALUE"]\nVALUE = 1\n',
    });
    const r = compileProgram('/app/main.py', { readFile: read, stdlibDir: STD });
    expect(r.diagnostics).toEqual([]);
    expect(r.program!.modules.map((m) => m.name).sort()).toEqual(['__main__', 'pkg', 'pkg.helper', 'pkg.mod']);
  });

  it('handles import cycles (each module compiled once)', () => {
    const read = vfs({ '/app/main.py': 'import a\n', '/app/a.py': 'import b\n', '/app/b.py': 'import a\nimport __main__\n' });
    const r = compileProgram('/app/main.py', { readFile: read, stdlibDir: STD });
    expect(r.diagnostics).toEqual([]);
    expect(r.program!.modules.map((m) => m.name)).toEqual(['__main__', 'a', 'b']);
  });

  it('accepts extra runtime module names', () => {
    const read = vfs({ '/app/main.py': 'import _fastthing\n' });
    expect(compileProgram('/app/main.py', { readFile: read, stdlibDir: STD }).diagnostics[0]?.code).toBe('MOLT2004');
    expect(compileProgram('/app/main.py', { readFile: read, stdlibDir: STD, runtimeModules: [...RUNTIME_MODULES, '_fastthing'] }).diagnostics).toEqual([]);
  });

  it('exports the runtime module list and locates the shipped stdlib directory', () => {
    for (const m of ['sys', 'math', 'time', 'gc', 'builtins', '_molt']) expect(RUNTIME_MODULES).toContain(m);
    // Written in Python under stdlib/, so not left to the runtime:
    for (const m of ['itertools', 're', 'json', 'struct', 'hashlib', 'base64', 'os', 'os.path', 'typing']) expect(RUNTIME_MODULES).not.toContain(m);
    const dir = defaultStdlibDir();
    expect(dir.endsWith(path.join('packages', 'frontend', 'stdlib'))).toBe(true);
    expect(fs.existsSync(dir)).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, '..', 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('stdlib');
  });
});
