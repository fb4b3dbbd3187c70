// index.ts — the public API of @molt/cli: the `molt` command as a library.
export { main, commandHelp, type Command } from './main.js';
export { processIo, spawnProcess, type Io, type SpawnOptions, type SpawnResult } from './io.js';
export { formatDiagnostic, formatDiagnostics } from './report.js';
export { compile, optimize, buildArtifact, Timings, type CompileOutcome, type ArtifactOptions, type ArtifactOutcome } from './pipeline.js';
export { findOracle, runOracle, type Oracle } from './oracle.js';
export { unifiedDiff } from './diff.js';
export { BuildCache, cacheMaxBytes, cacheRoot, DEFAULT_CACHE_MAX_MB } from './cache.js';
export { MOLT_VERSION, compilerId, type Target } from './toolchain.js';
