import { randomBytes } from 'node:crypto';
import { appPaths, dataDirFrom } from './core/config';
import { createLogger } from './core/logger';
import { startBrowserModeServer } from './core/rpc/browser-mode-server';
import { startEngine } from './core/start-engine';

const DEFAULT_PORT = 47615;

/**
 * Browser mode: the engine under plain Node, serving the renderer and a WebSocket on 127.0.0.1.
 * Used where the Electron runtime is unavailable, by thin-client halls, and by every e2e test.
 */
async function main(): Promise<void> {
  const logger = createLogger();
  const paths = appPaths(import.meta.url);
  const dataDir = dataDirFrom(process.env);
  const gate = await startEngine({
    mode: 'browser',
    bundleUrl: import.meta.url,
    env: process.env,
    logger,
  });
  const start = (port: number): ReturnType<typeof startBrowserModeServer> =>
    startBrowserModeServer({
      engine: gate,
      rendererDir: paths.rendererDir,
      host: '127.0.0.1',
      port,
      token: randomBytes(24).toString('base64url'),
      logger,
    });
  const chosenPort = process.env.BANGBAN_PORT;
  const server = await start(Number(chosenPort ?? DEFAULT_PORT)).catch((error: unknown) => {
    // The usual port is taken (another instance?): any free one will do unless one was chosen.
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (chosenPort !== undefined || !inUse) throw error;
    return start(0);
  });
  process.stdout.write(
    `帮办台已在浏览器模式启动，请用浏览器打开 / Bangban Desk (browser mode): ${server.url}\n`,
  );
  process.stdout.write(`数据目录 / Data folder: ${dataDir}\n`);

  const stop = (): void => {
    void server.close().then(() => {
      gate.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`帮办台启动失败 / Bangban Desk failed to start: ${String(error)}\n`);
  process.exit(1);
});
