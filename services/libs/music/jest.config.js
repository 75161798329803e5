module.exports = { ...require('../../../jest.preset.js'), displayName: 'music', rootDir: __dirname };
