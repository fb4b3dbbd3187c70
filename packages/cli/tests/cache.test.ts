// The build cache stays within its size limit: least recently used entries go first.

import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildCache, cacheMaxBytes, DEFAULT_CACHE_MAX_MB } from '../src/index.js';
import { scratch } from './helpers.js';

const KB = 1024;

describe('build cache size limit', () => {
  it('reads MOLT_CACHE_MAX_MB, ignoring values that are not positive numbers', () => {
    expect(cacheMaxBytes({ MOLT_CACHE_MAX_MB: '5' })).toBe(5 * 1024 * 1024);
    for (const bad of [undefined, '', '0', '-3', 'lots']) expect(cacheMaxBytes({ MOLT_CACHE_MAX_MB: bad })).toBe(DEFAULT_CACHE_MAX_MB * 1024 * 1024);
  });

  it('evicts the least recently used entries when a store goes over the limit, never the new one', () => {
    const dir = scratch({ 'artifact.bin': 'x'.repeat(40 * KB), 'src.py': 'print(1)\n' });
    const cache = new BuildCache(join(dir, 'cache'), 110 * KB); // prunes down to 88 KB
    const key = (i: number): string => `${String(i).padStart(2, '0')}${'a'.repeat(62)}`;
    const artifact = join(dir, 'artifact.bin');
    const src = join(dir, 'src.py');
    // Two entries (80 KB and their manifests) fit; give them distinct ages: entry 0 older than entry 1.
    cache.store(key(0), artifact, 'program', [src]);
    cache.store(key(1), artifact, 'program', [src]);
    utimesSync(join(cache.entryDir(key(0)), 'manifest.json'), new Date(1000_000), new Date(1000_000));
    utimesSync(join(cache.entryDir(key(1)), 'manifest.json'), new Date(2000_000), new Date(2000_000));
    // A hit makes entry 0 the most recently used one.
    expect(cache.lookup(key(0))).toBeDefined();
    // The third entry (120 KB in all) goes over the limit: entry 1, the least recently used, goes.
    cache.store(key(2), artifact, 'program', [src]);
    expect(existsSync(cache.entryDir(key(0)))).toBe(true);
    expect(existsSync(cache.entryDir(key(1)))).toBe(false);
    expect(existsSync(cache.entryDir(key(2)))).toBe(true);
    expect(cache.lookup(key(2))).toBeDefined();
    // Under the limit nothing is removed.
    expect(cache.prune()).toBe(0);
  });

  it('keeps the entry just stored even when it alone is over the limit', () => {
    const dir = scratch({ 'big.bin': 'y'.repeat(64 * KB), 'src.py': 'print(2)\n' });
    writeFileSync(join(dir, 'other.bin'), 'z');
    const cache = new BuildCache(join(dir, 'cache'), 16 * KB);
    const k = 'ff'.padEnd(64, 'b');
    cache.store(k, join(dir, 'big.bin'), 'program', [join(dir, 'src.py')]);
    expect(cache.lookup(k)).toBeDefined();
  });
});
