import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../logger';
import type { Logger } from '../logger';
import { MODEL_PROTOCOL_VERSION, workerEvent } from './model-protocol';
import type {
  ChatTurn,
  GenerationTiming,
  GpuProbe,
  JsonSchemaObject,
  ModelErrorCode,
  ModelInfo,
  WorkerEvent,
  WorkerRequest,
} from './model-protocol';

/** A failed model request, with a code the engine maps to its typed API errors. */
export class ModelProcessError extends Error {
  override readonly name = 'ModelProcessError';
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---- starting the worker ---------------------------------------------------------------------

export interface WorkerExit {
  code: number | null;
  signal: string | null;
  /** The last lines the worker wrote (llama.cpp's own messages), for the crash log. */
  output: string;
}

export interface WorkerHooks {
  onMessage(message: unknown): void;
  /** Called once, when the worker has gone (exited, killed, or failed to start). */
  onExit(exit: WorkerExit): void;
}

export interface WorkerHandle {
  readonly pid: number | undefined;
  send(request: WorkerRequest): void;
  kill(): void;
}

/** Starts one worker process. Injected, so the desktop shell can use an Electron utilityProcess. */
export type WorkerLauncher = (hooks: WorkerHooks) => WorkerHandle;

/** Where the built worker is: beside the engine's own bundle in out/main/. */
export function modelWorkerPath(bundleUrl: string): string {
  return fileURLToPath(new URL('./model-worker.js', bundleUrl));
}

/** Forks `workerPath` (the built model-worker.js) as a Node child with an IPC channel. */
export function forkWorkerLauncher(
  workerPath: string,
  env: NodeJS.ProcessEnv = process.env,
): WorkerLauncher {
  return (hooks) => {
    const child = fork(workerPath, [], {
      // Not the parent's flags (a test runner's loaders, an inspector port): plain Node.
      execArgv: [],
      // Inside Electron, process.execPath is Electron itself: make it behave as Node.
      env: process.versions.electron ? { ...env, ELECTRON_RUN_AS_NODE: '1' } : env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let exited = false;
    const exit = (code: number | null, signal: string | null): void => {
      if (exited) return;
      exited = true;
      hooks.onExit({ code, signal, output });
    };
    child.on('message', (message) => {
      hooks.onMessage(message);
    });
    child.on('exit', exit);
    // A spawn failure emits only 'error'; an error after spawning is followed by 'exit'.
    child.on('error', (error) => {
      output += `\n${error.message}`;
      if (child.pid === undefined) exit(null, null);
    });
    return {
      pid: child.pid,
      send: (request) => {
        if (child.connected) child.send(request);
      },
      kill: () => {
        child.kill();
      },
    };
  };
}

// ---- the model process ----------------------------------------------------------------------

export type ModelState =
  | { kind: 'none' }
  | { kind: 'loading'; path: string; progress: number }
  | { kind: 'ready'; model: ModelInfo }
  /** The worker died; it is restarted (and the model re-loaded) after `retryInMs`. */
  | { kind: 'crashed'; crashes: number; retryInMs: number; exit: WorkerExit }
  | { kind: 'error'; code: ModelErrorCode; message: string };

export interface LoadOptions {
  path: string;
  contextSize: number;
  /** See `recommendedThreads` in hardware.ts. */
  threads: number;
  /** 'embedding' for `embed` only; chat by default. */
  purpose?: 'chat' | 'embedding';
}

export interface Embeddings {
  /** One vector per text, in order. */
  vectors: number[][];
  /** How many texts were cut to fit the model's context. */
  truncated: number;
}

export interface JsonCompletionRequest {
  system?: string;
  prompt: string;
  jsonSchema: JsonSchemaObject;
  maxTokens: number;
  temperature?: number;
  seed?: number;
}

export interface JsonCompletion {
  /** Parsed JSON; its shape follows the schema (the grammar allows nothing else). */
  json: unknown;
  text: string;
  timing: GenerationTiming;
}

export interface ChatStreamRequest {
  system?: string;
  history?: ChatTurn[];
  prompt: string;
  maxTokens: number;
  temperature?: number;
  seed?: number;
}

export type ChatStreamEvent =
  { type: 'token'; text: string } | { type: 'done'; text: string; timing: GenerationTiming };

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ModelProcessOptions {
  launcher: WorkerLauncher;
  onState?: (state: ModelState) => void;
  logger?: Logger;
  /** Runs `run` after `delayMs`; returns a cancel function. Tests pass one without a clock. */
  schedule?: (delayMs: number, run: () => void) => () => void;
  /** Delay before restart number `crashes` (1, 2, …). */
  restartDelayMs?: (crashes: number) => number;
  /** Crashes in a row (without a successful request between) before giving up. */
  maxConsecutiveCrashes?: number;
  newRequestId?: () => string;
}

interface Pending {
  onEvent(event: WorkerEvent): void;
  fail(error: ModelProcessError): void;
}

interface Worker {
  handle: WorkerHandle;
  exited: Promise<void>;
}

const defaultSchedule = (delayMs: number, run: () => void): (() => void) => {
  const timer = setTimeout(run, delayMs);
  return () => {
    clearTimeout(timer);
  };
};

/**
 * The engine's handle on the model worker: starts it, sends requests, turns answers into promises
 * and streams, and restarts it when it dies — re-loading the model that was loaded, with a
 * growing delay, and giving up after several crashes in a row (a model too big for the RAM would
 * otherwise crash forever).
 */
export class ModelProcess {
  private worker: Worker | undefined;
  private current: ModelState = { kind: 'none' };
  /** What should be loaded: survives a crash, cleared by unload() and by a failed load. */
  private wanted: LoadOptions | undefined;
  private loadGeneration = 0;
  private consecutiveCrashes = 0;
  private cancelRestart: (() => void) | undefined;
  private disposed = false;
  private readonly pending = new Map<string, Pending>();
  private readyWaiters: { resolve: () => void; reject: (error: ModelProcessError) => void }[] = [];
  private readonly logger: Logger;
  private readonly schedule: NonNullable<ModelProcessOptions['schedule']>;
  private readonly restartDelayMs: NonNullable<ModelProcessOptions['restartDelayMs']>;
  private readonly maxConsecutiveCrashes: number;
  private readonly newRequestId: () => string;

  constructor(private readonly options: ModelProcessOptions) {
    this.logger = options.logger ?? silentLogger;
    this.schedule = options.schedule ?? defaultSchedule;
    this.restartDelayMs =
      options.restartDelayMs ?? ((crashes) => Math.min(30_000, 500 * 2 ** (crashes - 1)));
    this.maxConsecutiveCrashes = options.maxConsecutiveCrashes ?? 5;
    this.newRequestId = options.newRequestId ?? randomUUID;
  }

  get state(): ModelState {
    return this.current;
  }

  /** The worker's process id, while one runs. */
  get pid(): number | undefined {
    return this.worker?.handle.pid;
  }

  /** Loads a model (replacing any loaded one); resolves when it is ready. */
  load(options: LoadOptions): Promise<ModelInfo> {
    if (this.disposed) return Promise.reject(disposedError());
    this.wanted = options;
    this.consecutiveCrashes = 0;
    this.cancelRestart?.();
    this.cancelRestart = undefined;
    return this.startLoad(options);
  }

  async unload(): Promise<void> {
    this.wanted = undefined;
    this.loadGeneration++;
    this.cancelRestart?.();
    this.cancelRestart = undefined;
    if (this.worker) {
      await new Promise<void>((resolve, reject) => {
        this.send(
          { type: 'unload', requestId: this.newRequestId() },
          {
            onEvent: (event) => {
              if (event.type === 'unloaded') resolve();
              else if (event.type === 'error')
                reject(new ModelProcessError(event.code, event.message));
            },
            fail: reject,
          },
        );
      });
    }
    this.setState({ kind: 'none' });
  }

  /** A completion constrained by `jsonSchema` (node-llama-cpp grammar): always that shape. */
  async completeJson(
    request: JsonCompletionRequest,
    options: RequestOptions = {},
  ): Promise<JsonCompletion> {
    await this.whenReady();
    if (options.signal?.aborted) throw cancelledError();
    const requestId = this.newRequestId();
    const onAbort = (): void => {
      this.worker?.handle.send({ type: 'cancel', requestId });
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise<JsonCompletion>((resolve, reject) => {
        this.send(
          { type: 'completeJson', requestId, ...request },
          {
            onEvent: (event) => {
              if (event.type === 'jsonResult') {
                this.consecutiveCrashes = 0;
                resolve({ json: event.json, text: event.text, timing: event.timing });
              } else if (event.type === 'error') {
                reject(new ModelProcessError(event.code, event.message));
              }
            },
            fail: reject,
          },
        );
      });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * A streamed chat answer: `token` events, then one `done` with the timing. Aborting the signal,
   * or leaving the loop early, cancels the generation in the worker.
   */
  async *chat(
    request: ChatStreamRequest,
    options: RequestOptions = {},
  ): AsyncGenerator<ChatStreamEvent, void, undefined> {
    await this.whenReady();
    // Aborted before it was sent: a cancelled stream is an empty one.
    if (options.signal?.aborted) return;
    const requestId = this.newRequestId();
    const events = new EventQueue<ChatStreamEvent>();
    const cancel = (): void => {
      this.worker?.handle.send({ type: 'cancel', requestId });
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    this.send(
      { type: 'chat', requestId, ...request },
      {
        onEvent: (event) => {
          if (event.type === 'token') events.push({ type: 'token', text: event.text });
          else if (event.type === 'done') {
            this.consecutiveCrashes = 0;
            events.push({ type: 'done', text: event.text, timing: event.timing });
            events.end();
          } else if (event.type === 'error') {
            events.fail(new ModelProcessError(event.code, event.message));
          }
        },
        fail: (error) => {
          events.fail(error);
        },
      },
    );
    let finished = false;
    try {
      for await (const event of events) {
        if (event.type === 'done') finished = true;
        yield event;
      }
      finished = true;
    } finally {
      options.signal?.removeEventListener('abort', cancel);
      if (!finished) cancel();
    }
  }

  /** Embedding vectors for `texts` (at most MAX_EMBED_TEXTS), from a model loaded for embeddings. */
  async embed(texts: string[]): Promise<Embeddings> {
    await this.whenReady();
    return new Promise((resolve, reject) => {
      this.send(
        { type: 'embed', requestId: this.newRequestId(), texts },
        {
          onEvent: (event) => {
            if (event.type === 'embeddings') {
              this.consecutiveCrashes = 0;
              resolve({ vectors: event.vectors, truncated: event.truncated });
            } else if (event.type === 'error') {
              reject(new ModelProcessError(event.code, event.message));
            }
          },
          fail: reject,
        },
      );
    });
  }

  /** What llama.cpp sees of the GPUs (the worker loads the GPU backend, not the engine). */
  probe(): Promise<GpuProbe> {
    if (this.disposed) return Promise.reject(disposedError());
    return new Promise((resolve, reject) => {
      this.send(
        { type: 'probe', requestId: this.newRequestId() },
        {
          onEvent: (event) => {
            if (event.type === 'probeResult') resolve(event.probe);
            else if (event.type === 'error')
              reject(new ModelProcessError(event.code, event.message));
          },
          fail: reject,
        },
      );
    });
  }

  /** Stops the worker; every open request fails with `disposed`. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.wanted = undefined;
    this.cancelRestart?.();
    this.rejectWaiters(disposedError());
    const worker = this.worker;
    if (worker) {
      worker.handle.kill();
      await worker.exited;
    }
    this.setState({ kind: 'none' });
  }

  // ---- internals -----------------------------------------------------------------------------

  private startLoad(options: LoadOptions): Promise<ModelInfo> {
    const generation = ++this.loadGeneration;
    this.setState({ kind: 'loading', path: options.path, progress: 0 });
    return new Promise((resolve, reject) => {
      this.send(
        {
          type: 'load',
          requestId: this.newRequestId(),
          path: options.path,
          contextSize: options.contextSize,
          threads: options.threads,
          gpu: false,
          purpose: options.purpose ?? 'chat',
        },
        {
          onEvent: (event) => {
            // A newer load (or an unload) has taken over: only its events move the state.
            const latest = generation === this.loadGeneration;
            if (event.type === 'loadProgress') {
              if (latest)
                this.setState({ kind: 'loading', path: options.path, progress: event.progress });
            } else if (event.type === 'loaded') {
              if (latest) this.setState({ kind: 'ready', model: event.model });
              resolve(event.model);
            } else if (event.type === 'error') {
              const error = new ModelProcessError(event.code, event.message);
              if (latest) {
                this.wanted = undefined;
                this.setState({ kind: 'error', code: event.code, message: event.message });
              }
              reject(error);
            }
          },
          fail: reject,
        },
      );
    });
  }

  private send(request: WorkerRequest, pending: Pending): void {
    if (this.disposed) {
      pending.fail(disposedError());
      return;
    }
    const worker = this.ensureWorker();
    this.pending.set(request.requestId, pending);
    worker.handle.send(request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    let markExited: () => void = () => undefined;
    const exited = new Promise<void>((resolve) => {
      markExited = resolve;
    });
    const handle = this.options.launcher({
      onMessage: (message) => {
        this.receive(message);
      },
      onExit: (exit) => {
        markExited();
        if (this.worker?.handle === handle) this.onWorkerExit(exit);
      },
    });
    this.worker = { handle, exited };
    return this.worker;
  }

  private receive(message: unknown): void {
    const parsed = workerEvent.safeParse(message);
    if (!parsed.success) {
      this.logger.warn('model worker sent an unreadable message', { issue: parsed.error.message });
      return;
    }
    const event = parsed.data;
    if (event.type === 'ready') {
      if (event.protocolVersion !== MODEL_PROTOCOL_VERSION)
        this.logger.error('model worker speaks another protocol version', undefined, {
          expected: MODEL_PROTOCOL_VERSION,
          actual: event.protocolVersion,
        });
      return;
    }
    if (event.type === 'error' && event.requestId === null) {
      this.logger.warn('model worker reported an error', { code: event.code });
      return;
    }
    if (event.requestId === null) return;
    const pending = this.pending.get(event.requestId);
    if (!pending) return; // a request whose caller has gone (e.g. a cancelled stream)
    const final = event.type !== 'loadProgress' && event.type !== 'token';
    if (final) this.pending.delete(event.requestId);
    pending.onEvent(event);
  }

  private onWorkerExit(exit: WorkerExit): void {
    this.worker = undefined;
    const open = [...this.pending.values()];
    this.pending.clear();
    if (this.disposed) {
      for (const request of open) request.fail(disposedError());
      return;
    }
    const reason = `the model worker exited (${exit.signal ?? `code ${String(exit.code)}`})`;
    for (const request of open) request.fail(new ModelProcessError('crashed', reason));
    this.logger.error('model worker exited', undefined, {
      code: exit.code,
      signal: exit.signal,
      output: exit.output.slice(-1000),
    });
    const wanted = this.wanted;
    if (!wanted) {
      // Nothing was loaded: the next request starts a fresh worker.
      this.setState({ kind: 'none' });
      return;
    }
    this.consecutiveCrashes++;
    if (this.consecutiveCrashes > this.maxConsecutiveCrashes) {
      this.wanted = undefined;
      this.setState({
        kind: 'error',
        code: 'crash_loop',
        message: `${reason}; it crashed ${this.consecutiveCrashes} times in a row`,
      });
      return;
    }
    const retryInMs = this.restartDelayMs(this.consecutiveCrashes);
    this.setState({ kind: 'crashed', crashes: this.consecutiveCrashes, retryInMs, exit });
    this.cancelRestart = this.schedule(retryInMs, () => {
      this.cancelRestart = undefined;
      if (this.disposed || this.wanted !== wanted) return;
      // Failures show in the state (and reject whoever waits for it).
      this.startLoad(wanted).catch(() => undefined);
    });
  }

  /** Waits while a model loads or re-loads after a crash; fails when none is (or will be) ready. */
  private whenReady(): Promise<void> {
    if (this.disposed) return Promise.reject(disposedError());
    const state = this.current;
    if (state.kind === 'ready') return Promise.resolve();
    if (state.kind === 'loading' || state.kind === 'crashed')
      return new Promise((resolve, reject) => {
        this.readyWaiters.push({ resolve, reject });
      });
    if (state.kind === 'error')
      return Promise.reject(new ModelProcessError(state.code, state.message));
    return Promise.reject(new ModelProcessError('not_loaded', 'no model is loaded'));
  }

  private setState(state: ModelState): void {
    this.current = state;
    if (state.kind === 'ready') {
      const waiters = this.readyWaiters;
      this.readyWaiters = [];
      for (const waiter of waiters) waiter.resolve();
    } else if (state.kind === 'none') {
      this.rejectWaiters(new ModelProcessError('not_loaded', 'no model is loaded'));
    } else if (state.kind === 'error') {
      this.rejectWaiters(new ModelProcessError(state.code, state.message));
    }
    this.options.onState?.(state);
  }

  private rejectWaiters(error: ModelProcessError): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}

const cancelledError = (): ModelProcessError =>
  new ModelProcessError('cancelled', 'the request was cancelled');

const disposedError = (): ModelProcessError =>
  new ModelProcessError('disposed', 'the model process was disposed');

/** A push-to-pull queue: the worker's events in, an async iterator out. */
class EventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  fail(error: Error): void {
    this.error = error;
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.error) throw this.error;
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
