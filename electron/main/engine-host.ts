import {
  dialog,
  MessageChannelMain,
  safeStorage,
  utilityProcess,
  type UtilityProcess,
  type WebContents,
} from 'electron';
import { ModelWorkers } from './model-workers';
import { isAppNavigation } from './navigation-guard';

/** Engine starts that fail in a row before the shell stops trying and says so. */
const MAX_FAILED_STARTS = 5;

/**
 * Starts the engine in a utility process and restarts it when it dies, waiting longer after
 * each failed start. Windows get a fresh MessagePort once the engine reports `ready`, again after
 * each restart; an engine that cannot start at all is reported to the user, not retried forever.
 */
export class EngineHost {
  private child: UtilityProcess | undefined;
  private ready = false;
  private readonly windows = new Set<WebContents>();
  private failedStarts = 0;
  private stopping = false;

  private readonly modelWorkers: ModelWorkers;

  constructor(
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    modelWorkerEntry: string,
  ) {
    this.modelWorkers = new ModelWorkers(modelWorkerEntry, env);
  }

  start(): void {
    this.ready = false;
    const child = utilityProcess.fork(this.entry, [], {
      serviceName: 'Bangban Desk engine',
      env: this.env,
      stdio: 'inherit',
    });
    this.child = child;
    child.on('message', (message: unknown) => {
      if (this.modelWorkers.handle(child, message)) return;
      if (isSafeStorageRequest(message)) {
        void answerSafeStorage(message).then((reply) => {
          child.postMessage(reply);
        });
        return;
      }
      if (!isReady(message)) return;
      this.ready = true;
      this.failedStarts = 0;
      for (const contents of this.windows) this.connect(contents);
    });
    child.once('exit', (code) => {
      // A model worker never outlives the engine that asked for it.
      this.modelWorkers.stopAll();
      if (this.stopping) return;
      if (!this.ready) this.failedStarts += 1;
      if (this.failedStarts >= MAX_FAILED_STARTS) {
        dialog.showErrorBox(
          '帮办台引擎无法启动 / The engine cannot start',
          `引擎连续 ${MAX_FAILED_STARTS} 次启动失败（退出码 ${code}）。请运行 "bangban doctor" 检查数据目录和数据库，或联系管理员。\n` +
            `The engine failed to start ${MAX_FAILED_STARTS} times in a row (exit code ${code}). Run "bangban doctor" or call your administrator.`,
        );
        return;
      }
      const delay = Math.min(30_000, 500 * 2 ** this.failedStarts);
      console.error(`engine exited with code ${code}; restarting in ${delay} ms`);
      setTimeout(() => {
        this.start();
      }, delay);
    });
  }

  /** Hands `contents` a port to the engine when it is ready, and after every engine restart. */
  attach(contents: WebContents): void {
    this.windows.add(contents);
    contents.once('destroyed', () => this.windows.delete(contents));
    if (this.ready) this.connect(contents);
  }

  stop(): void {
    this.stopping = true;
    this.modelWorkers.stopAll();
    this.child?.kill();
  }

  private connect(contents: WebContents): void {
    if (!this.child || contents.isDestroyed()) return;
    // Only the app's own page gets a port to the engine, never a page it was steered to.
    if (!isAppNavigation(contents.getURL())) return;
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect' }, [port1]);
    contents.postMessage('bangban:engine-port', null, [port2]);
  }
}

/**
 * Whether safeStorage really protects keys here: on Linux without a keyring it falls back to
 * `basic_text`, a fixed password, which is no protection; the engine then asks for a passphrase.
 */
export async function osKeyProtectionAvailable(): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  if (process.platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

interface SafeStorageRequest {
  type: 'safeStorage';
  id: number;
  op: 'wrap' | 'unwrap';
  data: string;
}

/** The engine's key goes through here only to be wrapped or unwrapped by the OS keyring. */
async function answerSafeStorage(request: SafeStorageRequest): Promise<{
  type: 'safeStorage';
  id: number;
  ok: boolean;
  data: string;
}> {
  try {
    const bytes = Buffer.from(request.data, 'base64');
    const data =
      request.op === 'wrap'
        ? (await safeStorage.encryptStringAsync(bytes.toString('base64'))).toString('base64')
        : Buffer.from((await safeStorage.decryptStringAsync(bytes)).result, 'base64').toString(
            'base64',
          );
    return { type: 'safeStorage', id: request.id, ok: true, data };
  } catch (error) {
    return { type: 'safeStorage', id: request.id, ok: false, data: String(error) };
  }
}

function isSafeStorageRequest(message: unknown): message is SafeStorageRequest {
  return (
    typeof message === 'object' &&
    message !== null &&
    'type' in message &&
    message.type === 'safeStorage' &&
    'id' in message &&
    typeof message.id === 'number' &&
    'op' in message &&
    (message.op === 'wrap' || message.op === 'unwrap') &&
    'data' in message &&
    typeof message.data === 'string'
  );
}

function isReady(message: unknown): boolean {
  return (
    typeof message === 'object' && message !== null && 'type' in message && message.type === 'ready'
  );
}
