import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { fileURLToPath } from 'node:url';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

/**
 * One build for every entry: the Electron main process, the engine (run as a utility process on
 * the desktop, or under plain Node by browser mode and the CLI), the preload and the renderer.
 */
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: 'electron/main/index.ts',
          engine: 'electron/core/utility-process.ts',
          web: 'electron/web.ts',
          cli: 'electron/core/cli/index.ts',
          // The model's own process (forked by the engine): a llama.cpp crash stays in there.
          'model-worker': 'electron/core/model/model-worker.ts',
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require `electron`: bundle everything else into one file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Window PCs are weak: ship the renderer minified, with a source map for support.
      minify: true,
      sourcemap: true,
      rollupOptions: { input: 'renderer/index.html' },
    },
  },
});
