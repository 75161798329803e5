module.exports = { ...require('../../../jest.preset.js'), displayName: 'audio-analysis', rootDir: __dirname };
