import { join } from 'node:path';
import { appPaths, dataDirFrom } from './config';
import { systemClock } from './clock';
import { DATABASE_FILE, Engine } from './engine';
import { EngineGate } from './engine-gate';
import type { Logger } from './logger';
import { forkWorkerLauncher, modelWorkerPath, type WorkerLauncher } from './model';
import { Vault, type OsKeyProtection } from './vault';
import { ENGINE_VERSION } from './version';

export interface EngineStart {
  mode: 'desktop' | 'browser';
  /** The bundle's own URL (import.meta.url), to find the renderer, resources and model worker. */
  bundleUrl: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Desktop with a working OS keyring. */
  osProtection?: OsKeyProtection | undefined;
  /** How model workers start; a forked Node child unless the shell runs them. */
  modelLauncher?: WorkerLauncher | undefined;
}

/**
 * Both shells start the engine the same way: the vault for the data folder (OS protection on the
 * desktop, the key file named by BANGBAN_KEY_FILE, else a passphrase), then the gate, which opens
 * the engine as soon as the key is there.
 */
export function startEngine(start: EngineStart): Promise<EngineGate> {
  const paths = appPaths(start.bundleUrl, start.env);
  const dataDir = dataDirFrom(start.env);
  const vault = new Vault({
    dataDir,
    databaseFile: DATABASE_FILE,
    osProtection: start.osProtection,
    keyFile: start.env.BANGBAN_KEY_FILE?.trim() || undefined,
    clock: systemClock,
    logger: start.logger,
  });
  const openEngine = (storeKey: Buffer): Engine =>
    Engine.open({
      dataDir,
      storeKey,
      vault,
      mode: start.mode,
      version: ENGINE_VERSION,
      seedKnowledgeDir: join(paths.resourcesDir, 'knowledge'),
      calendarDir: join(paths.resourcesDir, 'calendar'),
      templatesDir: join(paths.resourcesDir, 'templates'),
      modelLauncher: start.modelLauncher ?? forkWorkerLauncher(modelWorkerPath(start.bundleUrl)),
      modelManifestPath: paths.modelManifestPath,
      logger: start.logger,
      checkOutputs: start.env.BANGBAN_CHECK_OUTPUTS === '1',
      osProtection: start.osProtection,
    });
  return EngineGate.start(vault, openEngine, start.logger);
}
