// ir-standalone.test.mjs — proves @molt/ir is pure TypeScript: packed with `npm pack` (after `tsc -b`) and
// installed into an empty directory with only its own dependency closure (msgpackr, ajv, … copied from this
// checkout's node_modules, nothing downloaded), it imports in a plain Node process where tree-sitter,
// llvm-bindings and binaryen cannot be resolved.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const irDir = join(root, 'packages/ir');
let work;

/** Node's lookup: <dir>/node_modules/<name>, then each parent directory's. */
function locate(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Copies the runtime dependency closure of the package at `fromDir` into `<work>/node_modules` (flat). */
function copyClosure(fromDir, seen) {
  const pkg = JSON.parse(readFileSync(join(fromDir, 'package.json'), 'utf8'));
  const required = Object.keys(pkg.dependencies ?? {});
  const optional = Object.keys(pkg.optionalDependencies ?? {});
  for (const name of [...required, ...optional]) {
    if (seen.has(name)) continue;
    const source = locate(name, fromDir);
    if (!source) {
      if (optional.includes(name)) continue;
      throw new Error(`dependency '${name}' of '${pkg.name}' is not installed`);
    }
    seen.add(name);
    cpSync(source, join(work, 'node_modules', name), { recursive: true, dereference: true });
    copyClosure(source, seen);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'molt-ir-standalone-'));
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b', 'packages/ir/tsconfig.json'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    throw new Error(`tsc -b packages/ir failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', irDir, '--pack-destination', work, '--json', '--ignore-scripts'], { cwd: work, encoding: 'utf8' }),
  );
  const target = join(work, 'node_modules/@molt/ir');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', target, '--strip-components=1']);
  copyClosure(irDir, new Set());
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function nodeIn(dir, code) {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir },
  });
}

test('the packed tarball holds dist/index.js and no sources of other packages', () => {
  expect(existsSync(join(work, 'node_modules/@molt/ir/dist/index.js'))).toBe(true);
  expect(existsSync(join(work, 'node_modules/@molt/ir/dist/index.d.ts'))).toBe(true);
  expect(existsSync(join(work, 'node_modules/@molt/ir/src'))).toBe(false);
});

test('the native addons are absent from the install', () => {
  const out = nodeIn(
    work,
    "import { createRequire } from 'node:module';\n" +
      "const require = createRequire(process.cwd() + '/');\n" +
      "for (const m of ['tree-sitter', 'tree-sitter-python', 'llvm-bindings', 'binaryen']) {\n" +
      "  try { require.resolve(m); console.log('found ' + m); } catch { console.log('absent ' + m); }\n" +
      '}\n',
  );
  expect(out.trim().split('\n')).toEqual(['absent tree-sitter', 'absent tree-sitter-python', 'absent llvm-bindings', 'absent binaryen']);
});

test("import('@molt/ir') succeeds in a plain Node process and exposes its named exports", () => {
  const out = nodeIn(work, "const ir = await import('@molt/ir'); console.log(Object.keys(ir).length > 0 ? 'ok' : 'empty');");
  expect(out.trim()).toBe('ok');
});
