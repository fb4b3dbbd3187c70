// golden.test.ts — the `.ll` text of each hand-built program against
// tests/fixtures/<name>.ll (MOLT_BLESS=1 rewrites them). lowerToLlvmText
// verifies the module, so every case is also an LLVM verification test.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lowerToLlvmText } from '../src/index.js';
import { testPrograms } from './programs.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const bless = process.env['MOLT_BLESS'] === '1';

describe('golden .ll', () => {
  for (const t of testPrograms()) {
    it(`lowers '${t.name}' to the expected LLVM IR`, () => {
      const text = lowerToLlvmText(t.program);
      const file = join(fixtures, `${t.name}.ll`);
      if (bless || !existsSync(file)) {
        mkdirSync(fixtures, { recursive: true });
        writeFileSync(file, text);
      }
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('is deterministic', () => {
    const [a, b] = [testPrograms(), testPrograms()];
    a.forEach((t, i) => expect(lowerToLlvmText(t.program)).toBe(lowerToLlvmText(b[i]!.program)));
  });
});
