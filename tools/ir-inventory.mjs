#!/usr/bin/env node
// ir-inventory.mjs — the IR inventory gate. For every op of the op table it
// proves (a) the frontend, or the release pass pipeline, emits it for at
// least one test program; (b) both backends lower it (each op's function of
// @molt/ir's opSampleProgram(), lowered alone, gives no diagnostic); (c) a
// program that contains it passes on both targets (from the conformance
// runs' JSON results). It prints a coverage table and fails on any gap that
// is not recorded in tools/ir-inventory-gaps.json — a list that may only
// shrink: a recorded gap that is now covered must be removed (`--update`).
// The `profile.*` ops exist only in instrumented builds (and `method.func`
// only in profile-guided ones): they count as emitted when the pipeline of
// `--instrument --feedback <wrong profile>` emits them, and as executed when a program containing them passes the
// instrumented wrong-profile conformance run (conformance-feedback-native.json;
// the wasm lowering is executed by tools/tests/feedback.test.mjs).
//
//   node tools/ir-inventory.mjs [--results DIR] [--update] [--markdown FILE]

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (n, d) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const resultsDir = resolve(opt('results', join(root, '.molt-results')));
const gapsFile = join(root, 'tools', 'ir-inventory-gaps.json');

const ir = await import('@molt/ir');
const fb = await import('@molt/runtime-feedback');
const fe = await import('@molt/frontend');
const native = await import('@molt/lower-native');
const wasm = await import('@molt/lower-wasm');

function corpusPrograms() {
  const list = [];
  const add = (label, dir) => {
    const m = join(dir, 'MANIFEST.tsv');
    if (!existsSync(m)) return;
    for (const l of readFileSync(m, 'utf8').split('\n').slice(1)) if (l.trim()) list.push({ id: `${label}/${l.split('\t')[0]}`, file: join(dir, l.split('\t')[0]) });
  };
  add('conformance', process.env.MOLT_CONFORMANCE_DIR ?? join(root, '..', 'shared', 'conformance'));
  add('differential', join(root, 'tests', 'differential'));
  const bench = join(process.env.MOLT_BENCH_DIR ?? join(root, '..', 'shared', 'bench'), 'python');
  if (existsSync(bench)) for (const f of readdirSync(bench).sort()) if (f.endsWith('.py')) list.push({ id: `bench/${f}`, file: join(bench, f) });
  return list;
}

function opsOf(program, into) {
  for (const m of program.modules) for (const fn of m.functions) for (const b of fn.layout) for (const i of fn.blocks[b].insts) into.add(fn.insts[i].op);
}

// (a) emission
// Ops only a profile-guided build emits (passes/profileGuided.ts), proven like the `profile.*` ops.
const PGO_ONLY = new Set(['method.func']);
const emittedBy = new Map();
const programOps = new Map();
const instrumentedOps = new Map();
for (const p of corpusPrograms()) {
  const r = fe.compileProgram(p.file);
  if (!r.program) continue;
  const ops = new Set();
  opsOf(r.program, ops);
  new ir.PassManager({ profile: 'release' }).runProgram(r.program);
  opsOf(r.program, ops);
  programOps.set(p.id, ops);
  for (const op of ops) if (!emittedBy.has(op)) emittedBy.set(op, p.id);
  // The instrumented pipeline, with a wrong profile so that failure paths count deopts too.
  const again = fe.compileProgram(p.file);
  if (!again.program) continue;
  const identity = fb.programIdentity(again.program, new Map(), 'inventory');
  new ir.PassManager({ profile: 'release', instrument: true, runtimeProfile: fb.wrongProfile(again.program, identity) }).runProgram(again.program);
  const instrumented = new Set();
  opsOf(again.program, instrumented);
  for (const op of instrumented) {
    if (!op.startsWith('profile.') && !PGO_ONLY.has(op)) continue;
    instrumentedOps.set(p.id, (instrumentedOps.get(p.id) ?? new Set()).add(op));
    if (!emittedBy.has(op)) emittedBy.set(op, `${p.id} (instrumented)`);
  }
}

// (b) lowering, op by op
const sample = ir.opSampleProgram();
const sampleModule = sample.modules[0];
function only(op) {
  const keep = new Set([0, 1, sampleModule.functions.findIndex((f) => f.name === ir.opSampleFunctionName(op))]);
  const fns = sampleModule.functions.filter((f) => keep.has(f.id)).map((f, i) => ({ ...f, id: i }));
  return { modules: [{ ...sampleModule, functions: fns, init: 1 }], main: sample.main };
}
function lowersNative(op) {
  try {
    native.lowerToLlvmText(only(op));
    return true;
  } catch {
    return false;
  }
}
async function lowersWasm(op) {
  try {
    return (await wasm.lowerToWasm(only(op))).diagnostics.length === 0;
  } catch {
    return false;
  }
}

// (c) execution: programs that pass on both targets
function passing(target) {
  const f = join(resultsDir, `conformance-${target}.json`);
  if (!existsSync(f)) return new Set();
  return new Set(JSON.parse(readFileSync(f, 'utf8')).results.filter((r) => r.ok).map((r) => r.id));
}
const passNative = passing('native');
const passWasm = passing('wasm');
const passFeedback = passing('feedback-native');

const rows = [];
for (const spec of ir.OPS) {
  const op = spec.name;
  let executedBy;
  for (const [id, ops] of programOps) if (ops.has(op) && passNative.has(id) && passWasm.has(id)) { executedBy = id; break; }
  if (spec.family === 'profile' || PGO_ONLY.has(op)) for (const [id, ops] of instrumentedOps) if (ops.has(op) && passFeedback.has(id)) { executedBy = `${id} (instrumented)`; break; }
  rows.push({ op, emitted: emittedBy.get(op), native: lowersNative(op), wasm: await lowersWasm(op), executed: executedBy });
}
const gapsOf = (r) => [!r.emitted && 'emitted', !r.native && 'native', !r.wasm && 'wasm', !r.executed && 'executed'].filter(Boolean);
const known = existsSync(gapsFile) ? JSON.parse(readFileSync(gapsFile, 'utf8')).gaps : {};
const newGaps = [];
const closed = [];
for (const r of rows) {
  const g = gapsOf(r);
  const k = known[r.op] ?? [];
  for (const x of g) if (!k.includes(x)) newGaps.push(`${r.op}: ${x}`);
  for (const x of k) if (!g.includes(x)) closed.push(`${r.op}: ${x}`);
}
const count = (f) => rows.filter(f).length;
const table = [
  '| op | emitted by | native | wasm | executed (passes on both) |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| \`${r.op}\` | ${r.emitted ?? '—'} | ${r.native ? 'yes' : 'NO'} | ${r.wasm ? 'yes' : 'NO'} | ${r.executed ?? '—'} |`),
].join('\n');
console.log(`IR inventory: ${rows.length} ops; emitted ${count((r) => r.emitted)}, lowered native ${count((r) => r.native)}, lowered wasm ${count((r) => r.wasm)}, executed on both ${count((r) => r.executed)}`);
if (opt('markdown', undefined)) writeFileSync(opt('markdown'), table + '\n');
if (args.includes('--table')) console.log(table);
if (args.includes('--update')) {
  const gaps = Object.fromEntries(rows.map((r) => [r.op, gapsOf(r)]).filter(([, g]) => g.length > 0));
  writeFileSync(gapsFile, JSON.stringify({ note: 'Known IR inventory gaps (op → missing proofs). This list may only shrink; tools/ir-inventory.mjs fails on a gap not listed here.', gaps }, null, 2) + '\n');
  console.log(`wrote ${gapsFile.slice(root.length + 1)} (${Object.keys(gaps).length} ops with gaps)`);
} else {
  for (const g of newGaps) console.log(`NEW GAP ${g}`);
  for (const c of closed) console.log(`closed (remove from ir-inventory-gaps.json with --update): ${c}`);
  const covered = rows.length - new Set(newGaps.map((g) => g.split(':')[0])).size;
  console.log(`${covered} passed, ${new Set(newGaps.map((g) => g.split(':')[0])).size} failed`);
  process.exitCode = newGaps.length > 0 ? 1 : 0;
}
