#!/usr/bin/env node
// gates.mjs — the CI gate sequence, in order, stopping at the first failure (exit 1). Each gate is named and
// timed; a gate whose tool does not exist yet is reported as skipped, not failed. Ends with `N passed, N failed`.
// Usage: node tools/gates.mjs [--only <gate>[,<gate>…]] [--list]
// Neighbours: tools/setup.mjs (runs first in `npm test`), .github/workflows/ci.yml (one step per gate),
// specs/testing-ci.md (what each gate proves).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const bin = (name) => join(root, 'node_modules/.bin', name);
const exists = (path) => existsSync(join(root, path));

/** A command to run from the repository root (or `cwd`), or a reason the command does not apply yet. */
const cmd = (command, args, options = {}) => ({ command, args, ...options });
const skip = (reason) => ({ skip: reason });

/** runtime-native can be tested once it has a library root and a lock file (`--locked`). */
function runtimeNativeTests() {
  if (!exists('runtime-native/Cargo.toml') || !exists('runtime-native/src/lib.rs')) return [skip('runtime-native/src/lib.rs not written yet')];
  const steps = [cmd('cargo', ['test', '--locked'], { cwd: 'runtime-native' })];
  // The same unit tests built for wasm32-wasi (Debian's Rust) and run under node:wasi.
  if (exists('tools/runtime-wasm-tests.mjs')) steps.push(cmd(process.execPath, ['--no-warnings', 'tools/runtime-wasm-tests.mjs']));
  return steps;
}

const gates = [
  {
    id: 'typecheck-lint',
    title: 'typecheck+lint',
    steps: () => [
      cmd(bin('tsc'), ['-b', 'tsconfig.build.json']),
      exists('tools/gen-ir.mjs') ? cmd(process.execPath, ['tools/gen-ir.mjs', '--check']) : undefined,
      exists('tools/stdlib-audit.mjs') ? cmd(process.execPath, ['tools/stdlib-audit.mjs', '--check']) : undefined,
      cmd(bin('eslint'), ['.']),
    ],
  },
  {
    id: 'unit-tests',
    title: 'unit tests',
    steps: () => [
      cmd(bin('nx'), ['run-many', '-t', 'test', '--outputStyle=stream', '--', '--passWithNoTests']),
      cmd(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '-c', 'tools/jest.config.js']),
    ],
  },
  { id: 'runtime-tests', title: 'runtime tests', steps: runtimeNativeTests },
  {
    id: 'conformance-native',
    title: 'conformance native',
    // The dev profile (required passes only), then release (every optimisation, as `molt build` does by default).
    steps: () => exists('tools/conformance.mjs')
      ? [
          cmd(process.execPath, ['tools/conformance.mjs', '--target', 'native', '--gate', '--json', '.molt-results/conformance-native.json']),
          // Release builds verify the IR after every pass, and a transformation that bails out on an unexpected shape fails the build.
          cmd(process.execPath, ['tools/conformance.mjs', '--target', 'native', '--profile', 'release', '--gate', '--json', '.molt-results/conformance-native-release.json'], { env: { MOLT_VERIFY_EACH: '1', MOLT_DEBUG_SPECIALIZE: '1' } }),
        ]
      : [skip('tools/conformance.mjs not written yet')],
  },
  {
    id: 'conformance-wasm',
    title: 'conformance wasm',
    steps: () => exists('tools/conformance.mjs')
      ? [
          cmd(process.execPath, ['tools/conformance.mjs', '--target', 'wasm', '--gate', '--json', '.molt-results/conformance-wasm.json']),
          // Release wasm has its own lowering decisions (loop functions at -O2, call.direct depth checks on release IR).
          cmd(process.execPath, ['tools/conformance.mjs', '--target', 'wasm', '--profile', 'release', '--gate', '--json', '.molt-results/conformance-wasm-release.json']),
        ]
      : [skip('tools/conformance.mjs not written yet')],
  },
  {
    id: 'feedback-wrong',
    title: 'wrong runtime profiles (native)',
    steps: () => [cmd(process.execPath, ['tools/conformance.mjs', '--target', 'native', '--feedback-mode', 'wrong', '--gate', '--json', '.molt-results/conformance-feedback-native.json'])],
  },
  {
    id: 'ir-inventory',
    title: 'IR inventory gate',
    steps: () => [cmd(process.execPath, ['tools/ir-inventory.mjs']), cmd(process.execPath, ['tools/must-pass-matrix.mjs', '--check'])],
  },
  {
    id: 'bench-smoke',
    title: 'benchmark smoke',
    steps: () => [exists('tools/bench/run.mjs') ? cmd(process.execPath, ['tools/bench/run.mjs', '--smoke']) : skip('tools/bench/run.mjs not written yet')],
  },
];

function parseArgs(argv) {
  const only = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--list') return { list: true, only };
    if (arg === '--only' && argv[i + 1]) only.push(...argv[++i].split(','));
    else if (arg.startsWith('--only=')) only.push(...arg.slice('--only='.length).split(','));
    else return { error: `unknown argument '${arg}'` };
  }
  const known = new Set(gates.flatMap((g) => [g.id, g.title]));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) return { error: `unknown gate '${unknown[0]}' (gates: ${gates.map((g) => g.id).join(', ')})` };
  return { list: false, only };
}

/** Runs one gate's steps in order; returns 'passed' | 'failed' | 'skipped: <why>'. */
function runGate(gate) {
  const steps = gate.steps().filter((s) => s !== undefined);
  const skipped = steps.filter((s) => 'skip' in s);
  const commands = steps.filter((s) => !('skip' in s));
  if (commands.length === 0) return `skipped: ${skipped.map((s) => s.skip).join('; ')}`;
  for (const step of commands) {
    const shown = step.command === process.execPath ? 'node' : step.command.replace(root, '');
    console.log(`$ ${[shown, ...step.args].join(' ')}${step.cwd ? `   (in ${step.cwd})` : ''}`);
    const result = spawnSync(step.command, step.args, { cwd: join(root, step.cwd ?? ''), env: { ...env, ...(step.env ?? {}) }, stdio: 'inherit' });
    if (result.error) console.log(`gates: ${result.error.message}`);
    if (result.status !== 0) return 'failed';
  }
  return 'passed';
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.error) {
    console.error(`gates: ${args.error}`);
    return 2;
  }
  if (args.list) {
    for (const gate of gates) console.log(`${gate.id.padEnd(20)} ${gate.title}`);
    return 0;
  }
  const selected = args.only.length > 0 ? gates.filter((g) => args.only.includes(g.id) || args.only.includes(g.title)) : gates;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const lines = [];
  for (const [index, gate] of selected.entries()) {
    console.log(`\n=== gate ${index + 1}/${selected.length}: ${gate.title}`);
    const start = performance.now();
    const outcome = runGate(gate);
    const line = `gate ${gate.title}: ${outcome} (${((performance.now() - start) / 1000).toFixed(1)}s)`;
    console.log(line);
    lines.push(line);
    counts[outcome.startsWith('skipped') ? 'skipped' : outcome] += 1;
    if (outcome === 'failed') {
      for (const rest of selected.slice(index + 1)) lines.push(`gate ${rest.title}: not run`);
      break;
    }
  }
  console.log(`\n${lines.join('\n')}`);
  console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  return counts.failed > 0 ? 1 : 0;
}

process.exitCode = main();
