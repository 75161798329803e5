module.exports = { ...require('../../jest.preset.js'), displayName: 'ai-brain', rootDir: __dirname };
