// stats-backend.test.mjs — the custom backend example reports what the IR holds.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileProgram } from '@molt/frontend';
import { PassManager } from '@molt/ir';
import { statsBackend } from './stats-backend.mjs';

test('reports functions, raising instructions and runtime calls of a program', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'molt-stats-'));
  const src = join(dir, 'p.py');
  writeFileSync(src, 'def add(a, b):\n    return a + b\n\nprint(add(2, 3))\n');
  const { program, diagnostics } = compileProgram(src);
  expect(diagnostics).toEqual([]);
  new PassManager({ profile: 'dev' }).runProgram(program);
  const out = join(dir, 'report.md');
  const r = await statsBackend.build(program, { profile: 'dev', outFile: out, workDir: dir, emitText: true });
  expect(r.ok).toBe(true);
  const text = readFileSync(out, 'utf8');
  expect(r.text).toBe(text);
  expect(text).toContain('| __main__ | add |');
  expect(text).toContain('`molt_add`: 1');
  expect(text).toMatch(/\| __main__ \| <module> \| \d+ \| \d+ \| \d+ \| [1-9]\d* \|/);
});

test('refuses invalid IR with verifier diagnostics', async () => {
  const { program } = compileProgram(join(process.cwd(), 'examples', 'hello.py'));
  const fn = program.modules[0].functions[0];
  fn.blocks[fn.layout[0]].insts.pop(); // drop the entry block's terminator
  const r = await statsBackend.build(program, { profile: 'dev', outFile: '/nonexistent/x', workDir: '.' });
  expect(r.ok).toBe(false);
  expect(r.diagnostics.some((d) => d.code.startsWith('MOLT30'))).toBe(true);
});
