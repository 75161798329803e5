const path = require('node:path');
const preset = require('../../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'audio-analysis',
  rootDir: __dirname,
  // lamejs's "require" entry is a browser IIFE that exports nothing; the test encoder uses its ES module build.
  moduleNameMapper: {
    '^@breezystack/lamejs$': path.join(path.dirname(require.resolve('@breezystack/lamejs')), 'lamejs.js'),
  },
};
