module.exports = { ...require('../../jest.preset.js'), displayName: 'unified', rootDir: __dirname };
