// Vite's '?url' imports (the audio worklet's file) resolve to a placeholder URL under Jest.
export default '/test-asset.js';
