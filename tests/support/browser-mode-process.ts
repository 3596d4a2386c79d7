import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { keyFileFor } from './test-store';

const webEntry = join(import.meta.dirname, '../../out/main/web.js');

export interface BrowserModeProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL, as a crash or a pulled plug would end it. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `out/main/web.js` (the real browser-mode entry) on a free port and waits for its URL. */
export function startBrowserMode(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<BrowserModeProcess> {
  if (!existsSync(webEntry))
    throw new Error('out/main/web.js is missing: run `npm run build` first (npm test does)');
  const child = spawn(process.execPath, [webEntry], {
    env: {
      ...process.env,
      BANGBAN_DATA_DIR: dataDir,
      BANGBAN_KEY_FILE: keyFileFor(dataDir),
      BANGBAN_PORT: '0',
      BANGBAN_CHECK_OUTPUTS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`browser mode did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[0],
        origin: match[1],
        child,
        output: () => output,
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited (${code}):\n${output}`));
    });
  });
}
