module.exports = { ...require('../../jest.preset.js'), displayName: 'generation', rootDir: __dirname };
