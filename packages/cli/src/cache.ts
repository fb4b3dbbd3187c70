// cache.ts — the build cache of `molt run`: a program is rebuilt only when
// its sources, the options or the compiler changed. An entry holds the
// artifact and a manifest with the hash of every source file the build read
// and of the artifact itself; anything that does not match is rebuilt,
// never trusted. Neighbours: pipeline.ts, toolchain.ts.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

export class BuildCache {
  constructor(readonly root: string) {}

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
    return join(dir, artifactName);
  }
}
