#!/usr/bin/env node
// setup.mjs — brings a checkout to a buildable state, idempotently: Debian packages, npm ci, tsc -b, the native
// and wasm Rust runtimes. Each step is skipped quickly when its inputs are unchanged since it last succeeded
// (sha256 stamp files under .setup-stamps/, gitignored). Node builtins only. One short line per step.
// Neighbours: tools/gates.mjs (runs after this in `npm test`), runtime-native/DESIGN.md (runtime build commands).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampDir = join(root, '.setup-stamps');
const verbose = process.argv.includes('--verbose');
const force = process.argv.includes('--force');

/** Files under `dir` (recursively, sorted), skipping build outputs and dependencies. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (['node_modules', 'dist', 'target', '.git', 'coverage'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** sha256 over the relative paths and contents of every input file, plus any extra strings. */
function hashInputs(paths, extra = []) {
  const hash = createHash('sha256');
  for (const file of paths.flatMap((p) => listFiles(join(root, p)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const value of extra) hash.update(value).update('\0');
  return hash.digest('hex');
}

function stampPath(step) {
  return join(stampDir, `${step}.sha256`);
}

function stampMatches(step, hash) {
  return !force && existsSync(stampPath(step)) && readFileSync(stampPath(step), 'utf8').trim() === hash;
}

function writeStamp(step, hash) {
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stampPath(step), `${hash}\n`);
}

/** Runs a command; output is shown only on failure (or with --verbose). Returns true on success. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    stdio: verbose ? 'inherit' : 'pipe',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0 && !verbose) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (result.error) process.stderr.write(`${result.error.message}\n`);
  }
  return result.status === 0;
}

function commandOutput(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
}

let failed = false;
let blocked = false;

/**
 * One step: `body` returns 'done…' | 'skipped: <why>' | 'failed: <why>'. Prints one line with its duration.
 * A failed `blocking` step (packages, npm ci) stops the rest; other failures let later steps run, and exit 1.
 */
function step(name, body, blocking = false) {
  if (blocked) {
    console.log(`setup: ${name.padEnd(16)} not run`);
    return;
  }
  const start = performance.now();
  let outcome;
  try {
    outcome = body();
  } catch (error) {
    outcome = `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  console.log(`setup: ${name.padEnd(16)} ${outcome} (${seconds}s)`);
  if (outcome.startsWith('failed')) {
    failed = true;
    blocked = blocking;
  }
}

// 1. Debian packages: the system Rust 1.63 with the wasm32-wasi std (the wasm runtime's toolchain), LLVM 14
// (opt/llc, and llvm-config for building llvm-bindings) and cmake (llvm-bindings' build).
step('debian packages', () => {
  const wanted = [
    ['/usr/bin/rustc', 'rustc'],
    ['/usr/bin/cargo', 'cargo'],
    ['/usr/lib/rustlib/wasm32-wasi/lib', 'libstd-rust-dev-wasm32'],
    ['/usr/bin/llvm-config-14', 'llvm-14-dev'],
    ['/usr/bin/llc-14', 'llvm-14'],
    ['/usr/bin/cmake', 'cmake'],
  ];
  const missing = [...new Set(wanted.filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return 'skipped: installed';
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...args) => (sudo.length ? run('sudo', ['apt-get', ...args], { env }) : run('apt-get', args, { env }));
  if (!apt('update', '-qq') || !apt('install', '-y', '-qq', ...missing)) return `failed: apt-get install ${missing.join(' ')}`;
  return `done: installed ${missing.join(' ')}`;
}, true);

/** True when node_modules/.package-lock.json (npm's record of the installed tree) matches package-lock.json. */
function installedTreeMatchesLock() {
  const hiddenPath = join(root, 'node_modules/.package-lock.json');
  if (!existsSync(hiddenPath)) return false;
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(hiddenPath, 'utf8')).packages ?? {};
  for (const [key, entry] of Object.entries(lock)) {
    if (key === '' || !key.includes('node_modules/')) continue;
    const have = installed[key];
    if (!have) {
      if (entry.optional || entry.peer) continue;
      return false;
    }
    if (have.version !== entry.version) return false;
  }
  return true;
}

const nativeAddons = [
  'node_modules/llvm-bindings/build/Release/llvm-bindings.node',
  'node_modules/tree-sitter/build/Release/tree_sitter_runtime_binding.node',
];

// 2. npm ci when node_modules is missing or package-lock.json changed since the last install.
step('npm ci', () => {
  const hash = hashInputs(['package-lock.json'], [process.version]);
  const addonsBuilt = nativeAddons.every((path) => existsSync(join(root, path)));
  if (existsSync(join(root, 'node_modules')) && addonsBuilt) {
    if (stampMatches('npm-ci', hash)) return 'skipped: package-lock.json unchanged';
    if (!force && installedTreeMatchesLock()) {
      writeStamp('npm-ci', hash);
      return 'skipped: node_modules matches package-lock.json';
    }
  }
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) return 'failed: npm ci';
  const unbuilt = nativeAddons.filter((path) => !existsSync(join(root, path)));
  if (unbuilt.length > 0) return `failed: native addon not built: ${unbuilt.join(', ')}`;
  writeStamp('npm-ci', hash);
  return 'done';
}, true);

// 2b. Workspace bins (`npx molt`): npm links them at install time only, so a bin added since is linked here.
step('bin links', () => {
  const unlinked = [];
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const bins = typeof pkg.bin === 'string' ? { [pkg.name.split('/').pop()]: pkg.bin } : (pkg.bin ?? {});
    const missing = Object.entries(bins).filter(([name, file]) => existsSync(join(root, 'packages', dir, file)) && !existsSync(join(root, 'node_modules/.bin', name)));
    if (missing.length > 0) unlinked.push(pkg.name);
  }
  if (unlinked.length === 0) return 'skipped: linked';
  if (!run('npm', ['rebuild', ...unlinked, '--ignore-scripts'])) return `failed: npm rebuild ${unlinked.join(' ')}`;
  return `done: ${unlinked.join(' ')}`;
});

// 3. TypeScript project build (every package's dist/), incremental through tsc -b.
step('tsc -b', () => {
  const all = readdirSync(join(root, 'packages')).filter((p) => existsSync(join(root, 'packages', p, 'package.json')));
  const packages = all.filter((p) => existsSync(join(root, 'packages', p, 'src/index.ts')));
  const inputs = ['tsconfig.base.json', 'tsconfig.build.json', ...all.flatMap((p) => [`packages/${p}/src`, `packages/${p}/tsconfig.json`, `packages/${p}/package.json`])];
  const hash = hashInputs(inputs);
  const built = packages.every((p) => existsSync(join(root, 'packages', p, 'dist/index.js')));
  if (built && stampMatches('tsc', hash)) return 'skipped: sources unchanged';
  if (!run(join(root, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'])) return 'failed: type errors (above)';
  writeStamp('tsc', hash);
  return `done: ${packages.length} packages`;
});

/** The cargo features runtime-native/DESIGN.md names for the release build (a line like `--features a,b`). */
function nativeFeatures() {
  const design = join(root, 'runtime-native/DESIGN.md');
  if (!existsSync(design)) return [];
  const match = /cargo build --release --locked(?: --features[ =]"?([\w,-]+)"?)?/.exec(readFileSync(design, 'utf8'));
  return match?.[1] ? ['--features', match[1]] : [];
}

/** Builds one Rust crate in `dir` unless its sources, lock file and toolchain are unchanged since the last build. */
function cargoStep(stamp, dir, cargo, args, env, inputs) {
  if (!existsSync(join(root, dir, 'Cargo.toml'))) return `skipped: no ${dir}/Cargo.toml yet`;
  if (!existsSync(join(root, dir, 'src/lib.rs')) && !/^\s*path\s*=/m.test(readFileSync(join(root, dir, 'Cargo.toml'), 'utf8'))) {
    return `skipped: no ${dir}/src/lib.rs yet`;
  }
  if (!existsSync(join(root, dir, 'Cargo.lock'))) return `failed: ${dir}/Cargo.lock is missing (--locked needs it; run cargo generate-lockfile there and commit it)`;
  const toolchain = commandOutput(env.RUSTC ?? 'rustc', ['--version']);
  const hash = hashInputs(inputs, [toolchain, args.join(' ')]);
  const targetDir = join(root, dir, 'target');
  if (existsSync(targetDir) && stampMatches(stamp, hash)) return 'skipped: sources unchanged';
  if (!run(cargo, args, { cwd: join(root, dir), env })) return `failed: ${cargo} ${args.join(' ')}`;
  writeStamp(stamp, hash);
  return `done: ${toolchain}`;
}

// 4. The native runtime (static library linked into every native executable), with the rustup toolchain.
step('runtime-native', () => {
  const args = ['build', '--release', '--locked', ...nativeFeatures()];
  return cargoStep('runtime-native', 'runtime-native', 'cargo', args, {}, ['runtime-native']);
});

// 5. The wasm runtime: the same Rust source built for wasm32-wasi with Debian's Rust 1.63.
step('runtime-wasm', () => {
  const args = ['build', '--release', '--locked', '--target', 'wasm32-wasi'];
  return cargoStep('runtime-wasm', 'runtime-wasm', '/usr/bin/cargo', args, { RUSTC: '/usr/bin/rustc' }, ['runtime-wasm', 'runtime-native/src', 'runtime-native/Cargo.toml']);
});

process.exitCode = failed ? 1 : 0;
