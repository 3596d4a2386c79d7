import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The hub's administrator console: a static single-page app the hub serves under /console/
 * (central/src/console-static.ts). Built after the hub, into its output folder.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  resolve: { alias: { '@shared': fileURLToPath(new URL('../../shared', import.meta.url)) } },
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../out/hub/console', import.meta.url)),
    // The folder sits outside this root: vite empties it only when told to.
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    // antd alone is larger than vite's default warning threshold; the console loads once.
    chunkSizeWarningLimit: 2048,
  },
});
