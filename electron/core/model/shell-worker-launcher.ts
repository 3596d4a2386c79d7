import type { WorkerHandle, WorkerLauncher } from './model-process';

/** The engine's side of the desktop shell: messages to and from the Electron main process. */
export interface ShellPort {
  postMessage(message: unknown): void;
}

/** What the main process tells the engine about one model worker it runs. */
export type ShellWorkerNotice =
  | { type: 'modelWorker'; op: 'message'; id: number; message: unknown }
  | { type: 'modelWorker'; op: 'started'; id: number; pid: number }
  | { type: 'modelWorker'; op: 'exit'; id: number; code: number | null; output: string };

/**
 * Model workers for the packaged desktop app. Its Electron binary has the RunAsNode fuse off, so
 * the engine cannot fork Electron as Node; the main process starts each worker as a utility
 * process instead and relays its messages. `receive` takes the main process's notices.
 */
export class ShellWorkerLaunchers {
  private nextId = 1;
  private readonly workers = new Map<
    number,
    { hooks: Parameters<WorkerLauncher>[0]; pid: number | undefined }
  >();

  constructor(private readonly shell: ShellPort) {}

  readonly launcher: WorkerLauncher = (hooks) => {
    const id = this.nextId++;
    const worker = { hooks, pid: undefined as number | undefined };
    this.workers.set(id, worker);
    this.shell.postMessage({ type: 'modelWorker', op: 'start', id });
    const handle: WorkerHandle = {
      get pid() {
        return worker.pid;
      },
      send: (request) => {
        this.shell.postMessage({ type: 'modelWorker', op: 'send', id, message: request });
      },
      kill: () => {
        this.shell.postMessage({ type: 'modelWorker', op: 'kill', id });
      },
    };
    return handle;
  };

  receive(notice: ShellWorkerNotice): void {
    const worker = this.workers.get(notice.id);
    if (!worker) return;
    if (notice.op === 'message') worker.hooks.onMessage(notice.message);
    else if (notice.op === 'started') worker.pid = notice.pid;
    else {
      this.workers.delete(notice.id);
      worker.hooks.onExit({ code: notice.code, signal: null, output: notice.output });
    }
  }
}

export function isShellWorkerNotice(data: unknown): data is ShellWorkerNotice {
  if (typeof data !== 'object' || data === null) return false;
  const notice = data as Record<string, unknown>;
  return (
    notice.type === 'modelWorker' &&
    typeof notice.id === 'number' &&
    (notice.op === 'message' || notice.op === 'started' || notice.op === 'exit')
  );
}
