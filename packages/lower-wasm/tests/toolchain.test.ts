// toolchain.test.ts — the runtime cache of release builds (toolchain.ts):
// the optimised runtime is made once and reused, a build waits for another
// one that is optimising the same runtime, and a lock left by a process that
// has gone is taken over. The "runtime" is a minimal valid module, so wasm-opt
// runs in well under a second. Each module carries a random custom section,
// so its content hash (the cache key) is new and no other build shares it.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { findWasmToolchain } from '../src/index.js';
import { optimizedRuntime } from '../src/toolchain.js';

const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const wasmOpt = findWasmToolchain().wasmOpt;

const dir = mkdtempSync(join(tmpdir(), 'molt-lower-wasm-cache-'));
const made: string[] = [];
afterAll(() => {
  for (const p of made) rmSync(p, { force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** A valid module with a custom section named by 16 random bytes (in hex). */
function runtimeFile(name: string): string {
  const tag = Buffer.from(randomBytes(16).toString('hex'));
  const section = Buffer.concat([Buffer.from([tag.length]), tag]);
  const p = join(dir, name);
  writeFileSync(p, Buffer.concat([EMPTY_MODULE, Buffer.from([0, section.length]), section]));
  return p;
}

async function optimized(rt: string, tool: string, level: string): ReturnType<typeof optimizedRuntime> {
  const r = await optimizedRuntime(rt, tool, level);
  made.push(r.path);
  return r;
}

(wasmOpt === undefined ? describe.skip : describe)('optimised runtime cache', () => {
  test('is made once, then reused without running wasm-opt', async () => {
    const rt = runtimeFile('a.wasm');
    const first = await optimized(rt, wasmOpt!, '-O1');
    expect(first.ok).toBe(true);
    expect(existsSync(first.path)).toBe(true);
    const made = statSync(first.path).mtimeMs;
    // A missing wasm-opt would fail if it ran: the cached file is returned instead.
    const second = await optimized(rt, join(dir, 'no-such-wasm-opt'), '-O1');
    expect(second).toEqual({ ok: true, stderr: '', path: first.path });
    expect(statSync(second.path).mtimeMs).toBe(made);
    const stem = basename(first.path);
    expect(readdirSync(dirname(first.path)).filter((f) => f.startsWith(stem) && f !== stem)).toEqual([]);
  });

  test('takes over a lock whose process has exited', async () => {
    const rt = runtimeFile('b.wasm');
    const probe = await optimized(rt, wasmOpt!, '-O2');
    rmSync(probe.path);
    const dead = spawnSync('true').pid;
    writeFileSync(`${probe.path}.lock`, String(dead));
    const r = await optimized(rt, wasmOpt!, '-O2');
    expect(r.ok).toBe(true);
    expect(existsSync(r.path)).toBe(true);
    expect(existsSync(`${r.path}.lock`)).toBe(false);
  });

  test('waits for a live lock holder and uses its result', async () => {
    const rt = runtimeFile('c.wasm');
    const probe = await optimized(rt, wasmOpt!, '-O3');
    const result = join(dir, 'result.wasm');
    writeFileSync(result, EMPTY_MODULE);
    rmSync(probe.path);
    // This process holds the lock (it is alive); the "other build" finishes 300 ms later.
    writeFileSync(`${probe.path}.lock`, String(process.pid));
    setTimeout(() => {
      writeFileSync(probe.path, EMPTY_MODULE);
      rmSync(`${probe.path}.lock`);
    }, 300);
    const r = await optimized(rt, join(dir, 'no-such-wasm-opt'), '-O3');
    expect(r).toEqual({ ok: true, stderr: '', path: probe.path });
  });
});
