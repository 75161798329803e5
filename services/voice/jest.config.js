module.exports = { ...require('../../jest.preset.js'), displayName: 'voice', rootDir: __dirname };
