// release.test.mjs — proves the nx release configuration is real: `nx release patch --dry-run` plans a new
// version for each of the six npm packages and each Rust runtime crate (through tools/nx/cargo-version-actions.cjs),
// writes nothing, and the Cargo.toml/Cargo.lock rewriting keeps every other version untouched.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const { readPackageField, writePackageVersion, writeLockVersion } = require('../nx/cargo.cjs');

const packages = ['ir', 'frontend', 'lower-native', 'lower-wasm', 'runtime-feedback', 'cli'];
const crates = ['runtime-native', 'runtime-wasm'].filter((dir) => existsSync(join(root, dir, 'Cargo.toml')));
const manifests = [...packages.map((p) => `packages/${p}/package.json`), ...crates.map((c) => `${c}/Cargo.toml`)];

function bumpPatch(version) {
  const [major, minor, patch] = version.split('.').map(Number);
  return `${major}.${minor}.${patch + 1}`;
}

function currentVersion(manifest) {
  const text = readFileSync(join(root, manifest), 'utf8');
  return manifest.endsWith('.json') ? JSON.parse(text).version : readPackageField(text, 'version');
}

describe('nx release', () => {
  test('a dry run plans a patch version for every package and crate and writes nothing', () => {
    const before = manifests.map((m) => readFileSync(join(root, m), 'utf8'));
    const run = spawnSync('npx', ['nx', 'release', 'patch', '--dry-run', '--skip-publish'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    const out = `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    expect({ status: run.status, out }).toEqual({ status: 0, out: expect.stringContaining('Running release version') });
    for (const manifest of manifests) {
      expect(out).toContain(`New version ${bumpPatch(currentVersion(manifest))} written to manifest: ${manifest}`);
    }
    expect(manifests.map((m) => readFileSync(join(root, m), 'utf8'))).toEqual(before);
  });
});

describe('Cargo manifest helpers', () => {
  const toml = [
    '[package]',
    'name = "molt-runtime"',
    'version = "0.1.0"',
    '',
    '[dependencies]',
    'other = { version = "0.1.0" }',
    '',
  ].join('\n');

  test('writePackageVersion rewrites only [package] version', () => {
    const out = writePackageVersion(toml, '0.2.0');
    expect(readPackageField(out, 'version')).toBe('0.2.0');
    expect(out).toContain('other = { version = "0.1.0" }');
  });

  test('writePackageVersion throws when there is no [package] version', () => {
    expect(() => writePackageVersion('[workspace]\nmembers = []\n', '1.0.0')).toThrow('no [package] version');
  });

  test('writeLockVersion rewrites only the named crate', () => {
    const lock = 'version = 3\n\n[[package]]\nname = "molt-runtime"\nversion = "0.1.0"\n\n[[package]]\nname = "libc"\nversion = "0.1.0"\n';
    const out = writeLockVersion(lock, 'molt-runtime', '0.1.1');
    expect(out).toBe(lock.replace('name = "molt-runtime"\nversion = "0.1.0"', 'name = "molt-runtime"\nversion = "0.1.1"'));
  });
});
