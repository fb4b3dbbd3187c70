#!/usr/bin/env node
// stats-backend.mjs — a complete custom Molt backend in one file: it
// implements @molt/ir's `Backend` interface and, instead of machine code,
// emits a Markdown report of the program: per-function instruction and
// block counts, how many instructions may raise, the runtime functions the
// program would call, and a histogram of op families. It shows what a
// backend receives (verified IR after the pass pipeline) and how to walk it
// (layout order, block parameters, op-table lookups).
//
//   node examples/custom-backend/stats-backend.mjs prog.py [-o report.md] [--profile dev|release]

import { writeFileSync } from 'node:fs';
import { PassManager, opSpec, verifyProgram } from '@molt/ir';

/** @type {import('@molt/ir').Backend} */
export const statsBackend = {
  name: 'stats',
  async build(program, options) {
    const errors = verifyProgram(program);
    if (errors.length > 0) return { ok: false, diagnostics: errors };
    const families = new Map();
    const runtime = new Map();
    const rows = [];
    for (const m of program.modules) {
      for (const fn of m.functions) {
        let insts = 0;
        let raising = 0;
        let params = 0;
        for (const b of fn.layout) {
          const block = fn.blocks[b];
          params += block.params.length;
          for (const i of block.insts) {
            const spec = opSpec(fn.insts[i].op);
            insts++;
            if (spec.effects.includes('may-raise')) raising++;
            families.set(spec.family, (families.get(spec.family) ?? 0) + 1);
            if (spec.runtime) runtime.set(spec.runtime, (runtime.get(spec.runtime) ?? 0) + 1);
          }
        }
        rows.push({ module: m.name, name: fn.py?.qualname ?? fn.name, blocks: fn.layout.length, params, insts, raising });
      }
    }
    const total = rows.reduce((s, r) => s + r.insts, 0);
    const text = [
      `# Molt program report (${options.profile} pipeline)`,
      '',
      `${program.modules.length} module(s), ${rows.length} function(s), ${total} instructions.`,
      '',
      '| module | function | blocks | block params | instructions | may raise |',
      '|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.module} | ${r.name} | ${r.blocks} | ${r.params} | ${r.insts} | ${r.raising} |`),
      '',
      '## Op families',
      '',
      ...[...families].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f, n]) => `- ${f}: ${n}`),
      '',
      '## Runtime functions called',
      '',
      ...[...runtime].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f, n]) => `- \`${f}\`: ${n}`),
      '',
    ].join('\n');
    writeFileSync(options.outFile, text);
    return { ok: true, diagnostics: [], text: options.emitText ? text : undefined };
  },
};

async function cli(argv) {
  const file = argv.find((a) => a.endsWith('.py'));
  if (!file) {
    console.error('usage: stats-backend.mjs prog.py [-o report.md] [--profile dev|release]');
    return 2;
  }
  const out = argv.includes('-o') ? argv[argv.indexOf('-o') + 1] : file.replace(/\.py$/, '.report.md');
  const profile = argv.includes('--profile') ? argv[argv.indexOf('--profile') + 1] : 'release';
  const { compileProgram } = await import('@molt/frontend');
  const { program, diagnostics } = compileProgram(file);
  for (const d of diagnostics) console.error(`${d.file}:${d.line}:${d.column}: ${d.severity}[${d.code}]: ${d.message}`);
  if (!program) return 1;
  new PassManager({ profile }).runProgram(program);
  const r = await statsBackend.build(program, { profile, outFile: out, workDir: '.' });
  for (const d of r.diagnostics) console.error(`${d.severity}[${d.code}]: ${d.message}`);
  if (r.ok) console.error(`wrote ${out}`);
  return r.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await cli(process.argv.slice(2));
