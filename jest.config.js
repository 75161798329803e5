/**
 * One Jest run over every project. The global setup finds or starts the real
 * PostgreSQL and Redis, migrates a template database for this run, and the
 * teardown drops every database the run made.
 */
module.exports = {
  projects: [
    '<rootDir>/services/libs/*/jest.config.js',
    '<rootDir>/services/*/jest.config.js',
    '<rootDir>/tests/jest.config.js',
    '<rootDir>/web/jest.config.js',
  ],
  globalSetup: '<rootDir>/tools/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.mjs',
  // Integration tests boot real processes and servers; a project-level value would be ignored.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.js'],
};
