// jest.config.js — unit and golden tests of @molt/cli (ESM TypeScript through ts-jest).
export default {
  displayName: 'cli',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }] },
  moduleNameMapper: {
    '^@molt/([a-z-]+)$': '<rootDir>/../$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/src/**/*.spec.ts'],
  testTimeout: 600000,
};
