import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** The api (npm start's unified process) during `npm run dev -w web`: REST and Socket.IO on one origin. */
const API = process.env.DAWG_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  // @dawg/contracts is bundled from its TypeScript source, like the services' tests use it.
  resolve: { conditions: ['@dawg/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Assets get content hashes: unified serves them as immutable, index.html as no-cache.
    assetsDir: 'assets',
    // The audio worklet must stay a file of our origin: the CSP (script-src 'self') refuses data: URLs.
    assetsInlineLimit: (file: string) => (file.endsWith('.worklet.js') ? false : undefined),
  },
  server: {
    proxy: {
      '/api': API,
      '/socket.io': { target: API, ws: true },
      '/ai-brain/socket.io': { target: API, ws: true },
      '/voice/socket.io': { target: API, ws: true },
    },
  },
});
