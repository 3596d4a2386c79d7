import { utilityProcess, type UtilityProcess } from 'electron';

/** What the engine asks of the main process about model workers. */
interface WorkerCommand {
  type: 'modelWorker';
  op: 'start' | 'send' | 'kill';
  id: number;
  message?: unknown;
}

/**
 * Runs the engine's model workers as utility processes (the packaged binary cannot run as Node)
 * and relays messages both ways; it reads none of them. Workers end with the engine.
 */
export class ModelWorkers {
  private readonly workers = new Map<number, UtilityProcess>();

  constructor(
    private readonly workerPath: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Handles one engine message; false when it was not about model workers. */
  handle(engine: UtilityProcess, message: unknown): boolean {
    if (!isWorkerCommand(message)) return false;
    const { id } = message;
    if (message.op === 'start') this.start(engine, id);
    else if (message.op === 'send') this.workers.get(id)?.postMessage(message.message);
    else this.workers.get(id)?.kill();
    return true;
  }

  stopAll(): void {
    for (const worker of this.workers.values()) worker.kill();
    this.workers.clear();
  }

  private start(engine: UtilityProcess, id: number): void {
    const worker = utilityProcess.fork(this.workerPath, [], {
      serviceName: 'Bangban Desk model',
      env: this.env,
      stdio: 'pipe',
    });
    this.workers.set(id, worker);
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    worker.stdout?.on('data', keep);
    worker.stderr?.on('data', keep);
    worker.on('spawn', () => {
      engine.postMessage({ type: 'modelWorker', op: 'started', id, pid: worker.pid ?? 0 });
    });
    worker.on('message', (message: unknown) => {
      engine.postMessage({ type: 'modelWorker', op: 'message', id, message });
    });
    worker.once('exit', (code) => {
      this.workers.delete(id);
      engine.postMessage({ type: 'modelWorker', op: 'exit', id, code, output });
    });
  }
}

function isWorkerCommand(message: unknown): message is WorkerCommand {
  if (typeof message !== 'object' || message === null) return false;
  const command = message as Record<string, unknown>;
  return (
    command.type === 'modelWorker' &&
    typeof command.id === 'number' &&
    (command.op === 'start' || command.op === 'send' || command.op === 'kill')
  );
}
