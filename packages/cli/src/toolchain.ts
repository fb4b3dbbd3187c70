// toolchain.ts — loads the compiler phases lazily (so a cached `molt run`
// never loads tree-sitter, LLVM or binaryen) and identifies the compiler
// for the build cache. Neighbours: pipeline.ts, cache.ts.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Target = 'native' | 'wasm';

export const MOLT_VERSION = '0.1.0';

/** The repository (or install) root that holds packages/ and the runtimes. */
export function moltRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

export const loadFrontend = () => import('@molt/frontend');
export const loadIr = () => import('@molt/ir');
export const loadNative = () => import('@molt/lower-native');
export const loadWasm = () => import('@molt/lower-wasm');

function hashTree(h: ReturnType<typeof createHash>, dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) hashTree(h, p);
    else if (name.endsWith('.js')) {
      h.update(p);
      h.update(readFileSync(p));
    }
  }
}

function statStamp(h: ReturnType<typeof createHash>, path: string): void {
  try {
    const st = statSync(path);
    h.update(`${path}:${st.size}:${st.mtimeMs}`);
  } catch {
    h.update(`${path}:absent`);
  }
}

let cachedId: string | undefined;

/**
 * A hash identifying this compiler build: its version, the compiled code of
 * every phase and the runtime artifacts it links (the default ones, or those
 * named by MOLT_RUNTIME_LIB / MOLT_RUNTIME_WASM). A changed compiler never
 * reuses a cached program.
 */
export function compilerId(): string {
  if (cachedId !== undefined) return cachedId;
  const root = moltRoot();
  const h = createHash('sha256');
  h.update(MOLT_VERSION);
  for (const pkg of ['ir', 'frontend', 'lower-native', 'lower-wasm', 'cli']) hashTree(h, join(root, 'packages', pkg, 'dist'));
  statStamp(h, join(root, 'runtime-native', 'target', 'release', 'libmolt_runtime.a'));
  statStamp(h, join(root, 'runtime-wasm', 'target', 'wasm32-wasi', 'release', 'molt_runtime.wasm'));
  // The backends link these instead when they are set (and cc's flags may differ with MOLT_CC).
  for (const name of ['MOLT_RUNTIME_LIB', 'MOLT_RUNTIME_WASM', 'MOLT_CC', 'MOLT_KEEP_SYMBOLS']) {
    const v = process.env[name];
    if (v !== undefined && v !== '') {
      h.update(`${name}=${v}`);
      if (name.startsWith('MOLT_RUNTIME')) statStamp(h, resolve(v));
    }
  }
  cachedId = h.digest('hex').slice(0, 32);
  return cachedId;
}
