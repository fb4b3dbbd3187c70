// jest.config.js — tests of the monorepo foundation itself (lint boundaries, @molt/ir standalone import,
// nx release plan). Plain ESM (.mjs), no transform. Run by `node tools/gates.mjs` in the unit-tests gate.
export default {
  displayName: 'tools',
  testEnvironment: 'node',
  transform: {},
  rootDir: '..',
  testMatch: ['<rootDir>/tools/tests/**/*.test.mjs', '<rootDir>/examples/**/*.test.mjs'],
  testTimeout: 300000,
};
