import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { writeTinyModel } from '../../../scripts/models/write-gguf.mjs';

/**
 * Test helpers for the model tests (not part of the engine bundle: nothing but tests imports it).
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A fresh tiny GGUF from the project's own writer (a few hundred KB, written in milliseconds). */
export function tinyModelFixture(): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bangban-tiny-model-'));
  const path = join(dir, 'tiny.gguf');
  writeTinyModel(path);
  return {
    path,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Builds model-worker.ts into a runnable file. Vitest runs TypeScript in its own process only, and
 * a forked child is plain Node (20: no type stripping), so the worker has to be bundled. Bundling
 * from source here — rather than using out/main/model-worker.js — means the test always runs the
 * code under test, never a stale build. The bundle goes under node_modules/.cache so that Node
 * resolves its external imports (node-llama-cpp, zod) from the project's node_modules; `.mjs`
 * because no package.json above it declares ESM.
 */
export async function buildModelWorkerForTests(): Promise<{ path: string; cleanup: () => void }> {
  const outDir = join(
    repoRoot,
    'node_modules',
    '.cache',
    'bangban-model-worker',
    String(process.pid),
  );
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    build: {
      ssr: join(repoRoot, 'electron/core/model/model-worker.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        output: { format: 'es', entryFileNames: 'model-worker.mjs', chunkFileNames: '[name].mjs' },
      },
    },
  });
  return {
    path: join(outDir, 'model-worker.mjs'),
    cleanup: () => {
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
