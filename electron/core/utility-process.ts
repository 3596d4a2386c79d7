import { createLogger } from './logger';
import { isShellWorkerNotice, ShellWorkerLaunchers } from './model';
import { startEngine } from './start-engine';
import type { OsKeyProtection } from './vault';

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
const host: ParentPortLike = parentPort;
const logger = createLogger();

/** Replies of the main process to our safeStorage requests, by request id. */
const pending = new Map<number, (reply: { ok: boolean; data: string }) => void>();
let nextRequest = 1;

/**
 * safeStorage lives in the main process: the engine sends it the bytes to wrap or unwrap and
 * waits for the answer. The main process says at fork time whether the OS keyring is real.
 */
function osProtectionThroughShell(): OsKeyProtection | undefined {
  if (process.env.BANGBAN_OS_KEY_PROTECTION !== 'safeStorage') return undefined;
  const ask = (op: 'wrap' | 'unwrap', data: Buffer): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const id = nextRequest++;
      pending.set(id, (reply) => {
        if (reply.ok) resolve(Buffer.from(reply.data, 'base64'));
        else reject(new Error(`safeStorage ${op} failed: ${reply.data}`));
      });
      host.postMessage({ type: 'safeStorage', id, op, data: data.toString('base64') });
    });
  return { wrap: (key) => ask('wrap', key), unwrap: (blob) => ask('unwrap', blob) };
}

// In the packaged app Electron cannot run as Node (the RunAsNode fuse is off): the main process
// runs the model workers as utility processes and relays their messages.
const modelWorkers = new ShellWorkerLaunchers(host);

host.on('message', ({ data }) => {
  if (isShellWorkerNotice(data)) {
    modelWorkers.receive(data);
    return;
  }
  if (!isSafeStorageReply(data)) return;
  pending.get(data.id)?.(data);
  pending.delete(data.id);
});

const gate = await startEngine({
  mode: 'desktop',
  bundleUrl: import.meta.url,
  env: process.env,
  logger,
  osProtection: osProtectionThroughShell(),
  modelLauncher: modelWorkers.launcher,
});

// The main process hands over one MessagePort per window; each becomes one engine connection.
host.on('message', ({ data, ports }) => {
  if (isSafeStorageReply(data) || isShellWorkerNotice(data)) return;
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
  const connection = gate.connect((message) => {
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

// Only now may the shell hand over windows: the store is open (or locked, awaiting its passphrase).
host.postMessage({ type: 'ready' });

function isSafeStorageReply(
  data: unknown,
): data is { type: 'safeStorage'; id: number; ok: boolean; data: string } {
  return (
    typeof data === 'object' &&
    data !== null &&
    'type' in data &&
    data.type === 'safeStorage' &&
    'id' in data &&
    typeof data.id === 'number' &&
    'ok' in data &&
    typeof data.ok === 'boolean' &&
    'data' in data &&
    typeof data.data === 'string'
  );
}
