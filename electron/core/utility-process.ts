import { join } from 'node:path';
import { appPaths, dataDirFrom } from './config';
import { forkWorkerLauncher, modelWorkerPath } from './model';
import { Engine } from './engine';
import { createLogger } from './logger';
import { ENGINE_VERSION } from './version';

/**
 * The engine inside Electron's utilityProcess. The engine never imports `electron`, so the two
 * objects it uses from the host are described here by their shape only.
 */
interface PortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
}

interface ParentPortLike {
  on(event: 'message', listener: (message: { data: unknown; ports: PortLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) {
  process.stderr.write(
    'This entry runs inside the desktop app; use `npm run web` for browser mode.\n',
  );
  process.exit(1);
}

const logger = createLogger();
const paths = appPaths(import.meta.url);
const engine = Engine.open({
  dataDir: dataDirFrom(process.env),
  mode: 'desktop',
  version: ENGINE_VERSION,
  seedKnowledgeDir: join(paths.resourcesDir, 'knowledge'),
  calendarDir: join(paths.resourcesDir, 'calendar'),
  templatesDir: join(paths.resourcesDir, 'templates'),
  modelLauncher: forkWorkerLauncher(modelWorkerPath(import.meta.url)),
  modelManifestPath: paths.modelManifestPath,
  logger,
});

// The main process hands over one MessagePort per window; each becomes one engine connection.
parentPort.on('message', ({ data, ports }) => {
  const port = ports[0];
  if (
    typeof data !== 'object' ||
    data === null ||
    !('type' in data) ||
    data.type !== 'connect' ||
    !port
  ) {
    logger.warn('ignored a message from the main process');
    return;
  }
  const connection = engine.connect((message) => {
    port.postMessage(message);
  });
  port.on('message', ({ data: message }) => {
    void connection.receive(message);
  });
  port.on('close', () => {
    connection.close();
  });
  port.start();
});

// Only now may the shell hand over windows: the store is open and migrated.
parentPort.postMessage({ type: 'ready' });
