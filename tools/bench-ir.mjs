#!/usr/bin/env node
// bench-ir.mjs — throughput of @molt/ir on synthetic programs (not a test).
// Builds modules of ~10,000 and ~50,000 instructions, then times verify,
// print, parse, writeBinary, readBinary, toJson and the release pass pipeline.
// Usage: npx tsc -b packages/ir && node tools/bench-ir.mjs [instructions...]

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'packages/ir/dist/index.js');
if (!existsSync(DIST)) {
  console.error('bench-ir: packages/ir/dist is missing; run `npx tsc -b packages/ir` first.');
  process.exit(1);
}
const ir = await import(pathToFileURL(DIST).href);

/** One function: a counting loop whose body is `width` chained generic ops, plus a try-style unwind edge. */
function buildFunction(mb, name, width) {
  const fb = mb.createFunction(name, ['obj', 'obj']);
  const n = fb.params[1];
  fb.declareVar('i', 'obj');
  fb.declareVar('acc', 'obj');
  fb.defVar('i', fb.value('const.int', [], { imms: [0n] }));
  fb.defVar('acc', fb.value('const.float', [], { imms: [0.5] }));
  const header = fb.createBlock();
  const body = fb.createBlock();
  const exit = fb.createBlock();
  fb.jump(header);
  fb.switchToBlock(header);
  const c = fb.value('truthy', [fb.value('lt', [fb.useVar('i'), n])]);
  fb.brif(c, body, exit);
  fb.sealBlock(body);
  fb.switchToBlock(body);
  let acc = fb.useVar('acc');
  for (let k = 0; k < width; k++) {
    fb.loc = { line: 10 + k, col: 4 };
    const kk = fb.value('const.int', [], { imms: [BigInt(k)] });
    acc = fb.value(k % 3 === 0 ? 'add' : k % 3 === 1 ? 'mul' : 'sub', [acc, kk]);
    if (k % 7 === 0) fb.value('const.str', [], { imms: [`name_${k}`] });
  }
  fb.defVar('acc', acc);
  fb.defVar('i', fb.value('iadd', [fb.useVar('i'), fb.value('const.int', [], { imms: [1n] })]));
  fb.jump(header);
  fb.sealBlock(header);
  fb.sealBlock(exit);
  fb.switchToBlock(exit);
  fb.ins('return', [fb.useVar('acc')]);
  return fb.finish();
}

function buildProgram(targetInsts) {
  const mb = new ir.ModuleBuilder({ name: '__main__', file: 'bench.py' });
  const width = 60;
  let count = 0;
  let i = 0;
  while (count < targetInsts) {
    const fn = buildFunction(mb, `f${i++}`, width);
    count += fn.layout.reduce((s, b) => s + fn.blocks[b].insts.length, 0);
  }
  mb.setInit(0);
  return { program: { modules: [mb.finish()], main: '__main__' }, count };
}

function time(label, f) {
  const t0 = performance.now();
  const r = f();
  const ms = performance.now() - t0;
  return { label, ms, r };
}

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
for (const size of sizes.length > 0 ? sizes : [10_000, 50_000]) {
  const build = time('build', () => buildProgram(size));
  const { program, count } = build.r;
  const rows = [build];
  rows.push(time('verify', () => ir.verifyProgram(program)));
  if (rows[1].r.length !== 0) throw new Error(`bench program is invalid: ${rows[1].r[0].message}`);
  const printed = time('print', () => ir.printProgram(program));
  rows.push(printed);
  const parsed = time('parse', () => ir.parseProgram(printed.r));
  rows.push(parsed);
  if (parsed.r.diagnostics.length > 0) throw new Error(parsed.r.diagnostics[0].message);
  const bin = time('writeBinary', () => ir.writeBinary(program));
  rows.push(bin);
  const back = time('readBinary', () => ir.readBinary(bin.r));
  rows.push(back);
  if (back.r.diagnostics.length > 0) throw new Error(back.r.diagnostics[0].message);
  rows.push(time('toJson', () => ir.toJson(program)));
  rows.push(time('passes (release)', () => new ir.PassManager({ profile: 'release' }).runProgram(program)));
  console.log(`\n${count} instructions, ${program.modules[0].functions.length} functions; text ${(printed.r.length / 1024).toFixed(0)} KiB, binary ${(bin.r.length / 1024).toFixed(0)} KiB`);
  for (const r of rows) console.log(`  ${r.label.padEnd(18)} ${r.ms.toFixed(1).padStart(9)} ms   ${((count / r.ms) * 1000 / 1e6).toFixed(2).padStart(7)} M inst/s`);
}
