// The studio's unit and component tests: jsdom, TSX through SWC (React's automatic runtime).
// An ES module, as web/ is ("type": "module"); the shared preset is CommonJS.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const preset = require('../jest.preset.js');

const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

export default {
  ...preset,
  displayName: 'web',
  rootDir: import.meta.dirname,
  testEnvironment: '<rootDir>/src/test/jsdom-environment.js',
  // @dawg/* from their sources, as in the other projects; then the browser builds of packages.
  testEnvironmentOptions: { customExportConditions: ['@dawg/source', 'browser', 'require', 'default'] },
  transform: {
    '^.+\\.tsx$': swc(true),
    '^.+\\.ts$': swc(false),
    '^.+\\.m?js$': preset.transform['^.+\\.m?js$'],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test/style-stub.ts', '^(.+)\\?url$': '<rootDir>/src/test/url-stub.ts' },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
};
