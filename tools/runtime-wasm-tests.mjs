#!/usr/bin/env node
// runtime-wasm-tests.mjs — the runtime's unit tests (runtime-native/src/tests)
// built for wasm32-wasi by Debian's Rust 1.63 and run under node:wasi, so the
// shared runtime source is tested on the second target too. libtest runs on
// one thread there, and a failed assertion aborts the whole run (panic=abort).
//
//   node tools/runtime-wasm-tests.mjs            (run by the runtime-tests gate)
//
// Needs /usr/bin/rustc and /usr/bin/cargo with the wasm32-wasi std
// (`apt-get install rustc cargo libstd-rust-dev-wasm32`); without them it
// says so and exits 1.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWasi } from '@molt/lower-wasm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = join(root, 'runtime-wasm', 'target', 'unit-tests');

/** Tests of host facts WASI does not give a command module (cwd, pid, the temp directory). */
const SKIP = [
  'tests::os_prims::molt_os_environ_and_cwd',
  'tests::os_prims::molt_os_primitives_roundtrip',
  'tests::os_prims::open_write_read_roundtrip',
];

if (!existsSync('/usr/bin/cargo') || !existsSync('/usr/bin/rustc')) {
  console.error('runtime-wasm-tests: /usr/bin/cargo and /usr/bin/rustc (Debian Rust with wasm32-wasi) are missing');
  console.error('  hint: sudo apt-get install rustc cargo libstd-rust-dev-wasm32 (npm run quickstart does it)');
  process.exit(1);
}
const build = spawnSync('/usr/bin/cargo', ['test', '--release', '--no-run', '--target', 'wasm32-wasi'], {
  cwd: join(root, 'runtime-native'),
  env: { ...process.env, RUSTC: '/usr/bin/rustc', CARGO_TARGET_DIR: targetDir },
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);

const deps = join(targetDir, 'wasm32-wasi', 'release', 'deps');
const wasm = readdirSync(deps)
  .filter((f) => /^molt_runtime-[0-9a-f]+\.wasm$/.test(f))
  .map((f) => join(deps, f))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (wasm === undefined) {
  console.error(`runtime-wasm-tests: no test module in ${deps}`);
  process.exit(1);
}

let code;
try {
  ({ exitCode: code } = await runWasi(wasm, {
    args: ['molt_runtime_tests', '--test-threads=1', ...SKIP.flatMap((t) => ['--skip', t])],
    preopens: { '/tmp': tmpdir() },
  }));
} catch (e) {
  console.error(`runtime-wasm-tests: a test aborted the run (${e.message}); the last 'test …' line above names it`);
  code = 1;
}
process.exitCode = code;
