// cache.ts — the build cache of `molt run`: a program is rebuilt only when
// its sources, the options or the compiler changed. An entry holds the
// artifact and a manifest with the hash of every source file the build read
// and of the artifact itself; anything that does not match is rebuilt,
// never trusted. The cache is bounded: a hit marks its entry used, and a
// store prunes the least recently used entries when the total size is over
// the limit (`MOLT_CACHE_MAX_MB`, default 2048). Neighbours: pipeline.ts,
// toolchain.ts.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CacheManifest {
  readonly key: string;
  readonly artifact: string;
  readonly artifactSha256: string;
  readonly sources: readonly { readonly path: string; readonly sha256: string }[];
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function fileSha256(path: string): string | undefined {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

export function cacheRoot(env: Readonly<Record<string, string | undefined>>): string {
  return resolve(env.MOLT_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'molt'));
}

/** Default size limit of the build cache, in MiB. */
export const DEFAULT_CACHE_MAX_MB = 2048;

/** The cache size limit in bytes from `MOLT_CACHE_MAX_MB` (a positive number), else the default. */
export function cacheMaxBytes(env: Readonly<Record<string, string | undefined>>): number {
  const mb = Number(env.MOLT_CACHE_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_CACHE_MAX_MB) * 1024 * 1024;
}

interface EntryUse {
  readonly dir: string;
  readonly bytes: number;
  readonly used: number;
}

export class BuildCache {
  constructor(
    readonly root: string,
    readonly maxBytes: number = DEFAULT_CACHE_MAX_MB * 1024 * 1024,
  ) {}

  entryDir(key: string): string {
    return join(this.root, key.slice(0, 2), key);
  }

  /** The artifact path of a valid entry, or undefined (a corrupt entry is removed). */
  lookup(key: string): string | undefined {
    const dir = this.entryDir(key);
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath)) return undefined;
    let m: CacheManifest;
    try {
      m = JSON.parse(readFileSync(manifestPath, 'utf8')) as CacheManifest;
    } catch {
      rmSync(dir, { recursive: true, force: true });
      return undefined;
    }
    const artifact = join(dir, m.artifact);
    const valid = m.key === key && fileSha256(artifact) === m.artifactSha256 && m.sources.every((s) => fileSha256(s.path) === s.sha256);
    if (!valid) {
      rmSync(dir, { recursive: true, force: true });
      return undefined;
    }
    const now = new Date();
    utimesSync(manifestPath, now, now); // most recently used: pruned last
    return artifact;
  }

  /** Store a built artifact; returns its path inside the cache. */
  store(key: string, builtFile: string, artifactName: string, sources: readonly string[]): string {
    const dir = this.entryDir(key);
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const artifact = join(tmp, artifactName);
    copyFileSync(builtFile, artifact);
    const manifest: CacheManifest = {
      key,
      artifact: artifactName,
      artifactSha256: fileSha256(artifact)!,
      sources: sources.map((p) => ({ path: resolve(p), sha256: fileSha256(p) ?? '' })),
    };
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    this.prune(key);
    return join(dir, artifactName);
  }

  /**
   * Remove least recently used entries (by manifest mtime) until the cache
   * is within 80% of its limit, when it is over the limit. `keep` (the entry
   * just stored) is never removed. Returns the number of entries removed.
   */
  prune(keep?: string): number {
    const entries: EntryUse[] = [];
    let total = 0;
    for (const shard of safeList(this.root)) {
      if (shard.length !== 2) continue;
      for (const name of safeList(join(this.root, shard))) {
        if (name.includes('.tmp-')) continue;
        const dir = join(this.root, shard, name);
        let bytes = 0;
        let used = 0;
        for (const f of safeList(dir)) {
          try {
            const st = statSync(join(dir, f));
            bytes += st.size;
            if (f === 'manifest.json') used = st.mtimeMs;
          } catch {
            // removed concurrently
          }
        }
        if (name !== keep) entries.push({ dir, bytes, used });
        total += bytes;
      }
    }
    if (total <= this.maxBytes) return 0;
    entries.sort((a, b) => a.used - b.used);
    let removed = 0;
    for (const e of entries) {
      if (total <= this.maxBytes * 0.8) break;
      rmSync(e.dir, { recursive: true, force: true });
      total -= e.bytes;
      removed++;
    }
    return removed;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
