import {
  MessageChannelMain,
  utilityProcess,
  type UtilityProcess,
  type WebContents,
} from 'electron';

/**
 * Starts the engine in a utility process, restarts it when it dies (with a growing delay), and
 * gives every window a fresh MessagePort to it — again after each restart.
 */
export class EngineHost {
  private child: UtilityProcess | undefined;
  private readonly windows = new Set<WebContents>();
  private restarts = 0;
  private stopping = false;

  constructor(
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    const child = utilityProcess.fork(this.entry, [], {
      serviceName: 'Bangban Desk engine',
      env: this.env,
      stdio: 'inherit',
    });
    this.child = child;
    child.once('spawn', () => {
      this.restarts = 0;
      for (const contents of this.windows) this.connect(contents);
    });
    child.once('exit', (code) => {
      if (this.stopping) return;
      const delay = Math.min(30_000, 500 * 2 ** this.restarts);
      this.restarts += 1;
      console.error(`engine exited with code ${code}; restarting in ${delay} ms`);
      setTimeout(() => {
        this.start();
      }, delay);
    });
  }

  /** Hands `contents` a port to the engine now, and after every engine restart. */
  attach(contents: WebContents): void {
    this.windows.add(contents);
    contents.once('destroyed', () => this.windows.delete(contents));
    this.connect(contents);
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill();
  }

  private connect(contents: WebContents): void {
    if (!this.child?.pid || contents.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect' }, [port1]);
    contents.postMessage('bangban:engine-port', null, [port2]);
  }
}
