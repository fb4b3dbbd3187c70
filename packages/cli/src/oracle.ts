// oracle.ts — CPython 3.12 as the reference for `molt compare`: a native
// CPython 3.12 when one is found, else the embedded Pyodide (CPython 3.12
// compiled to wasm, from the `pyodide` package). Neighbours: commands/compare.ts.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import type { Io, SpawnResult } from './io.js';

export type Oracle = { kind: 'native'; exe: string } | { kind: 'pyodide' };

function onPath(name: string, env: Io['env']): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir !== '' && existsSync(p)) return p;
  }
  return undefined;
}

/** Find CPython 3.12: MOLT_PYTHON, python3.12 on PATH, pyenv's 3.12.x, else Pyodide. */
export function findOracle(env: Io['env'], explicit?: string): Oracle {
  if (explicit !== undefined) return { kind: 'native', exe: explicit };
  if (env.MOLT_PYTHON !== undefined && env.MOLT_PYTHON !== '') return { kind: 'native', exe: env.MOLT_PYTHON };
  const pyenvRoot = env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  try {
    const versions = readdirSync(join(pyenvRoot, 'versions')).filter((v) => /^3\.12\.\d+$/.test(v)).sort((a, b) => Number(b.split('.')[2]) - Number(a.split('.')[2]));
    for (const v of versions) {
      const exe = join(pyenvRoot, 'versions', v, 'bin', 'python3');
      if (existsSync(exe)) return { kind: 'native', exe };
    }
  } catch {
    // no pyenv
  }
  const onpath = onPath('python3.12', env);
  if (onpath !== undefined && !onpath.includes('/shims/')) return { kind: 'native', exe: onpath };
  return { kind: 'pyodide' };
}

export function describeOracle(o: Oracle): string {
  return o.kind === 'native' ? o.exe : 'pyodide (CPython 3.12 in wasm)';
}

/** Run a program under the oracle, capturing stdout and stderr. */
export async function runOracle(o: Oracle, file: string, args: readonly string[], io: Io, input?: Buffer): Promise<SpawnResult> {
  if (o.kind === 'native') return io.spawn(o.exe, [file, ...args], { cwd: io.cwd, capture: true, env: { ...io.env, PYTHONIOENCODING: 'utf-8', PYTHONHASHSEED: io.env.PYTHONHASHSEED ?? '0' }, ...(input === undefined ? {} : { input }) });
  return runPyodide(file, args, io.cwd, input);
}

interface PyodideApi {
  setStdin(o: { read?: (b: Uint8Array) => number }): void;
  setStdout(o: { batched?: (s: string) => void; write?: (b: Uint8Array) => number }): void;
  setStderr(o: { batched?: (s: string) => void; write?: (b: Uint8Array) => number }): void;
  runPython(code: string, opts?: { globals?: unknown }): unknown;
  globals: { set(k: string, v: unknown): void };
  FS: { mkdirTree(p: string): void; writeFile(p: string, d: string | Uint8Array): void; chdir(p: string): void };
}

async function runPyodide(file: string, args: readonly string[], cwd: string, input?: Buffer): Promise<SpawnResult> {
  const mod = (await import('pyodide')) as unknown as { loadPyodide(o?: object): Promise<PyodideApi> };
  const py = await mod.loadPyodide();
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  py.setStdout({ write: (b) => (out.push(b.slice()), b.length) });
  py.setStderr({ write: (b) => (err.push(b.slice()), b.length) });
  let unread = input ?? Buffer.alloc(0);
  py.setStdin({
    read: (buf) => {
      const n = Math.min(buf.length, unread.length);
      buf.set(unread.subarray(0, n));
      unread = unread.subarray(n);
      return n;
    },
  });
  // Mirror the program's folder (its own .py files) so its modules import.
  const root = dirname(file);
  py.FS.mkdirTree('/work');
  let count = 0;
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules' || ++count > 5000) continue;
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        py.FS.mkdirTree(`/work/${r}`);
        walk(r);
      } else if (e.name.endsWith('.py') || e.name.endsWith('.txt') || e.name.endsWith('.json') || e.name.endsWith('.csv')) {
        py.FS.writeFile(`/work/${r}`, readFileSync(join(root, r)));
      }
    }
  };
  walk('');
  py.FS.chdir('/work');
  py.globals.set('_molt_file', basename(file));
  py.globals.set('_molt_args', [file, ...args]);
  void cwd;
  const status = py.runPython(`
import sys, runpy, traceback
sys.argv = list(_molt_args)
sys.path.insert(0, '/work')
_status = 0
try:
    runpy.run_path(_molt_file, run_name='__main__')
except SystemExit as e:
    c = e.code
    _status = 0 if c is None else c if isinstance(c, int) else (print(c, file=sys.stderr) or 1)
except BaseException:
    traceback.print_exc()
    _status = 1
sys.stdout.flush()
_status
`) as number;
  const dec = (bs: Uint8Array[]) => Buffer.concat(bs.map((b) => Buffer.from(b))).toString('utf8');
  return { status, stdout: dec(out), stderr: dec(err) };
}
