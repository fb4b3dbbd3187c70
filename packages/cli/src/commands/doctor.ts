// doctor.ts — `molt doctor`: check every tool Molt needs and print the fix
// for anything missing. Neighbours: toolchain.ts.

import type { OptionSpec, Parsed } from '../args.js';
import type { Io } from '../io.js';
import { loadFrontend, loadNative, loadWasm } from '../toolchain.js';

export const DOCTOR_OPTIONS: readonly OptionSpec[] = [];

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly fix?: string;
}

export async function doctorCommand(_p: Parsed, io: Io): Promise<number> {
  const checks: Check[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({ name: `node ${process.versions.node}`, ok: major >= 20, fix: 'install Node.js 20 or newer' });
  try {
    await loadFrontend();
    checks.push({ name: 'frontend (tree-sitter-python)', ok: true });
  } catch (e) {
    checks.push({ name: 'frontend (tree-sitter-python)', ok: false, fix: `run 'npm ci' (${(e as Error).message.split('\n')[0]})` });
  }
  try {
    const native = await loadNative();
    const tc = native.findNativeToolchain();
    checks.push({ name: 'native backend (llvm-bindings)', ok: true });
    for (const m of tc.missing) checks.push({ name: m.tool, ok: false, fix: m.hint });
    if (tc.ok) checks.push({ name: 'native toolchain (opt, llc, cc, runtime library)', ok: true });
  } catch (e) {
    checks.push({ name: 'native backend (llvm-bindings)', ok: false, fix: `run 'npm ci' so llvm-bindings builds against LLVM 14 (${(e as Error).message.split('\n')[0]})` });
  }
  try {
    const wasm = await loadWasm();
    const tc = wasm.findWasmToolchain();
    checks.push({ name: 'wasm backend (binaryen)', ok: true });
    for (const d of tc.diagnostics) checks.push({ name: d.message, ok: false, fix: d.hint });
    if (tc.diagnostics.length === 0) checks.push({ name: 'wasm toolchain (wasm-merge, wasm-opt, runtime module)', ok: true });
  } catch (e) {
    checks.push({ name: 'wasm backend (binaryen)', ok: false, fix: `run 'npm ci' (${(e as Error).message.split('\n')[0]})` });
  }
  const color = io.isTty && io.env.NO_COLOR === undefined;
  for (const c of checks) {
    const mark = c.ok ? (color ? '\x1b[32mok\x1b[0m  ' : 'ok  ') : color ? '\x1b[31mFAIL\x1b[0m' : 'FAIL';
    io.stderr(`${mark} ${c.name}\n`);
    if (!c.ok && c.fix !== undefined) io.stderr(`     fix: ${c.fix}\n`);
  }
  const bad = checks.filter((c) => !c.ok).length;
  io.stderr(bad === 0 ? 'molt doctor: everything Molt needs is here\n' : `molt doctor: ${bad} problem(s) found\n`);
  return bad === 0 ? 0 : 1;
}
