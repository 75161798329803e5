/**
 * Packages that ship only as ES modules (the WASM audio decoders behind
 * @dawg/audio-analysis, and a test encoder). Node loads them natively at run
 * time; Jest's CommonJS runtime needs them compiled like our sources, in every
 * project whose code can reach them.
 */
const esmPackages = ['mpg123-decoder', 'opus-decoder', '@wasm-audio-decoders', 'codec-parser', '@eshaz', '@breezystack'];

/** Shared Jest settings for every project in the workspace. */
module.exports = {
  testEnvironment: 'node',
  // Resolve @dawg/* packages to their TypeScript sources: tests never need a build of a library.
  testEnvironmentOptions: { customExportConditions: ['@dawg/source', 'node', 'node-addons'] },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
    '^.+\\.m?js$': ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
