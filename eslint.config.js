// eslint.config.js — lint for the whole monorepo (ESLint 9 flat config).
// Enforces the package dependency graph with nx module-boundary tags (packages/*/package.json `nx.tags`):
//   scope:ir    depends on no other @molt package (and on no native addon),
//   scope:phase depends only on scope:ir,
//   scope:cli   may depend on everything.
// Packages meet only at their index: deep imports such as '@molt/ir/src/x.js' are errors.
// tools/tests/boundaries.test.mjs proves a violation fails this config.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const nativeAddons = ['tree-sitter', 'tree-sitter-python', 'llvm-bindings', 'binaryen'];

/** Options of @nx/enforce-module-boundaries: the tag constraints of the package graph. */
function boundaries({ testsMayImportOwnPackage }) {
  return {
    enforceBuildableLibDependency: false,
    allowCircularSelfDependency: testsMayImportOwnPackage,
    // Node has no code splitting: the CLI may both lazy-load a phase and import its types statically.
    checkDynamicDependenciesExceptions: ['@molt/*'],
    depConstraints: [
      { sourceTag: 'scope:ir', onlyDependOnLibsWithTags: ['scope:ir'], bannedExternalImports: nativeAddons },
      { sourceTag: 'scope:phase', onlyDependOnLibsWithTags: ['scope:ir'] },
      { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:ir', 'scope:phase', 'scope:cli'] },
    ],
  };
}

const noDeepImports = [
  'error',
  {
    patterns: [
      {
        group: ['@molt/*/*', '!@molt/*/package.json'],
        message: "Packages meet only at their index: import from '@molt/<name>', not a path inside it.",
      },
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/tests/fixtures/**',
      '**/.*',
      '.nx/**',
      '.setup-stamps/**',
      '.molt-cache/**',
      'bench-results/**',
      'runtime-native/**',
      'runtime-wasm/**',
    ],
  },
  ...nx.configs['flat/base'],
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommended],
    rules: {
      // Style findings are warnings (reported, not gating); the package-graph rules below are errors.
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-this-alias': 'warn',
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/tests/**/*.ts', 'packages/*/bin/**/*.js'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ testsMayImportOwnPackage: false })], 'no-restricted-imports': noDeepImports },
  },
  {
    // Tests exercise their own package through its public entry point ('@molt/frontend' in packages/frontend/tests).
    files: ['packages/*/tests/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ testsMayImportOwnPackage: true })] },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', require: 'readonly', module: 'writable',
        __dirname: 'readonly', performance: 'readonly',
      },
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
