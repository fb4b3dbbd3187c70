// memory.test.mjs — compiled programs release memory: a million reference
// cycles (freed only by the cycle collector) and ~2 million short-lived
// temporaries (freed by reference counting) must run in a small, flat peak
// resident set. The programs (tests/memory/*.py) print their result, then
// their own peak RSS (VmHWM, KiB) from /proc/self/status.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const molt = join(root, 'packages', 'cli', 'bin', 'molt.js');
const runtimeBuilt = existsSync(join(root, 'runtime-native', 'target', 'release', 'libmolt_runtime.a'));
const PEAK_LIMIT_KIB = 64 * 1024;

function buildAndRun(name) {
  const dir = mkdtempSync(join(tmpdir(), 'molt-memory-'));
  try {
    const exe = join(dir, name);
    const b = spawnSync(process.execPath, [molt, 'build', '--profile', 'release', '-o', exe, join(root, 'tests', 'memory', `${name}.py`)], { encoding: 'utf8' });
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    const r = spawnSync(exe, [], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    return { lines: lines.slice(0, -1), peakKiB: Number(lines[lines.length - 1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

(runtimeBuilt && existsSync('/proc/self/status') ? describe : describe.skip)('memory stays flat (native, release)', () => {
  test('a million reference cycles are collected', () => {
    const { lines, peakKiB } = buildAndRun('cycles');
    expect(lines).toEqual(['1000000000000', 'True']);
    expect(peakKiB).toBeGreaterThan(0);
    expect(peakKiB).toBeLessThan(PEAK_LIMIT_KIB);
  }, 120000);

  test('short-lived temporaries are freed after their last use', () => {
    const { lines, peakKiB } = buildAndRun('temporaries');
    expect(lines).toEqual(['3288890']);
    expect(peakKiB).toBeGreaterThan(0);
    expect(peakKiB).toBeLessThan(PEAK_LIMIT_KIB);
  }, 120000);
});
