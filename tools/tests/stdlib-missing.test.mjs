// stdlib-missing.test.mjs — a public name of CPython 3.12 that a module Molt
// provides lacks gives a placeholder raising NotImplementedError that names
// it (modules/missing.rs, table from tools/stdlib-audit.mjs), on both targets;
// names CPython lacks too still raise AttributeError / ImportError /
// NameError. The expected output is hand-written (CPython prints otherwise):
// tests/stdlib-missing/not_implemented.expected.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const molt = join(root, 'packages', 'cli', 'bin', 'molt.js');
const dir = join(root, 'tests', 'stdlib-missing');
const runtimeBuilt = existsSync(join(root, 'runtime-native', 'target', 'release', 'libmolt_runtime.a'));

function run(target) {
  const r = spawnSync(process.execPath, [molt, 'run', '--target', target, '--profile', 'dev', join(dir, 'not_implemented.py')], {
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

(runtimeBuilt ? describe : describe.skip)('missing stdlib names raise NotImplementedError naming them', () => {
  const expected = readFileSync(join(dir, 'not_implemented.expected'), 'utf8');

  test('the expected output names each missing name and keeps AttributeError/ImportError for unknown ones', () => {
    expect(expected).toContain('time.clock_gettime NotImplementedError: time.clock_gettime is not implemented by Molt');
    expect(expected).toContain('from random import binomialvariate NotImplementedError: random.binomialvariate is not implemented by Molt');
    expect(expected).toContain("time.nosuch AttributeError: module 'time' has no attribute 'nosuch'");
    expect(expected).toContain("from time import nosuch ImportError: cannot import name 'nosuch' from 'time'");
  });

  test.each(['native', 'wasm'])('%s', (target) => {
    expect(run(target)).toBe(expected);
  }, 300000);
});
