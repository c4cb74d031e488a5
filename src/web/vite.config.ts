import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built by scripts/web/build.ts into dist/web (served by src/plugins/web-app.ts). Every asset name
// carries a content hash, so the server lets browsers cache /assets/* for a year.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: new URL('../../dist/web', import.meta.url).pathname,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
