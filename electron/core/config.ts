import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_FOLDER = 'bangban-desk';

/**
 * The data folder: `BANGBAN_DATA_DIR` if set, else the OS application-data folder (the same place
 * Electron's `userData` points to, so both shells share one store on one machine).
 */
export function dataDirFrom(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  const configured = env.BANGBAN_DATA_DIR?.trim();
  if (configured) return configured;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

/**
 * Where the built files are: the engine's bundles in out/main/, the renderer in out/renderer/,
 * and resources/ beside out/ in a checkout (the desktop shell passes its own in a package).
 */
export function appPaths(
  bundleUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): {
  rendererDir: string;
  resourcesDir: string;
  modelManifestPath: string;
} {
  const outDir = fileURLToPath(new URL('..', bundleUrl));
  return {
    rendererDir: env.BANGBAN_RENDERER_DIR ?? join(outDir, 'renderer'),
    resourcesDir: env.BANGBAN_RESOURCES_DIR ?? join(outDir, '..', 'resources'),
    // A package carries the manifest among its resources; a checkout has it in models/.
    modelManifestPath:
      env.BANGBAN_MODEL_MANIFEST ??
      (env.BANGBAN_RESOURCES_DIR
        ? join(env.BANGBAN_RESOURCES_DIR, 'models', 'manifest.json')
        : join(outDir, '..', 'models', 'manifest.json')),
  };
}
