// boundaries.test.mjs — proves eslint.config.js enforces the package graph: a file in packages/ir importing
// '@molt/frontend', a phase importing another phase, a deep '@molt/ir/src/...' import and a native addon in
// @molt/ir all fail lint, while the allowed direction (phase -> @molt/ir) passes.
// The probe files are linted as virtual files at their real paths (lintText + filePath), so nothing is written.
import { describe, expect, test } from '@jest/globals';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

process.env.NX_DAEMON = 'false';
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function lint(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries', () => {
  test('@molt/ir importing @molt/frontend fails lint', async () => {
    const errors = await lint('packages/ir/src/__probe.ts', "import * as f from '@molt/frontend';\nexport const g = f;\n");
    expect(errors.some((e) => e.startsWith('@nx/enforce-module-boundaries:'))).toBe(true);
  });

  test('a phase importing another phase fails with the tag rule', async () => {
    const errors = await lint('packages/lower-wasm/src/__probe.ts', "import * as f from '@molt/frontend';\nexport const g = f;\n");
    expect(errors).toContain(
      '@nx/enforce-module-boundaries: A project tagged with "scope:phase" can only depend on libs tagged with "scope:ir"',
    );
  });

  test('a deep import into another package fails', async () => {
    const errors = await lint('packages/cli/src/__probe.ts', "import * as t from '@molt/ir/src/types.js';\nexport const g = t;\n");
    expect(errors.some((e) => e.startsWith('no-restricted-imports:'))).toBe(true);
  });

  test('a relative import across packages fails', async () => {
    const errors = await lint('packages/frontend/src/__probe.ts', "import * as t from '../../ir/src/types.js';\nexport const g = t;\n");
    expect(errors.some((e) => e.startsWith('@nx/enforce-module-boundaries:'))).toBe(true);
  });

  test('@molt/ir importing a native addon fails', async () => {
    const errors = await lint('packages/ir/src/__probe.ts', "import * as b from 'binaryen';\nexport const g = b;\n");
    expect(errors).toContain('@nx/enforce-module-boundaries: A project tagged with "scope:ir" is not allowed to import "binaryen"');
  });

  test('a test may import its own package by name, but not a package its own may not depend on', async () => {
    expect(await lint('packages/frontend/tests/__probe.test.ts', "import * as f from '@molt/frontend';\nexport const g = f;\n")).toEqual([]);
    const errors = await lint('packages/ir/tests/__probe.test.ts', "import * as f from '@molt/lower-wasm';\nexport const g = f;\n");
    expect(errors.some((e) => e.startsWith('@nx/enforce-module-boundaries:'))).toBe(true);
  });

  test('a phase importing @molt/ir and the cli importing a phase pass', async () => {
    expect(await lint('packages/lower-wasm/src/__probe.ts', "import * as ir from '@molt/ir';\nexport const g = ir;\n")).toEqual([]);
    expect(await lint('packages/cli/src/__probe.ts', "import * as f from '@molt/frontend';\nexport const g = f;\n")).toEqual([]);
  });
});
