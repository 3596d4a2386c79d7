import type { EngineTransport } from '@shared/api/client';
import { events, type EventName, type MethodName } from '@shared/api/contract';
import { eventEnvelopeSchema, responseEnvelopeSchema } from '@shared/api/envelope';
import { ApiError } from '@shared/api/errors';
import { en } from '@shared/i18n/en';
import { zhCN } from '@shared/i18n/zh-CN';
import type { ConnectionMonitor, ConnectionState } from './connection-state';

/** Requests that cannot reach the engine fail as ENGINE_UNAVAILABLE with one of these messages. */
const engineUnavailable = { zh: zhCN.errors.engineUnavailable, en: en.errors.engineUnavailable };
const connectionLost = { zh: zhCN.errors.connectionLost, en: en.errors.connectionLost };

export function isConnectionError(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'ENGINE_UNAVAILABLE';
}

interface PendingRequest {
  id: number;
  method: MethodName;
  input: unknown;
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
  /** Sent on the current socket; a drop then leaves its result unknown. */
  sent: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

type DirectRequest = (method: MethodName, input: unknown) => Promise<unknown>;

export interface WebSocketTransportOptions {
  url: string;
  /** How long a request waits for a connection before it fails. */
  connectWaitMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  createSocket?: (url: string) => WebSocket;
}

/**
 * The browser-mode transport: request/response envelopes over one WebSocket, reconnecting with
 * backoff when the engine goes away. Requests made while disconnected wait for the connection;
 * after a reconnect the `onReconnect` hook runs first (to re-attach the session), then they go out.
 */
export class WebSocketTransport implements EngineTransport, ConnectionMonitor {
  private readonly connectWaitMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly createSocket: (url: string) => WebSocket;
  private socket: WebSocket | undefined;
  private state: ConnectionState = 'connecting';
  /** True while the reconnect hook runs: ordinary requests still wait. */
  private resuming = false;
  private openedBefore = false;
  private backoffMs: number;
  private nextId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<() => void>();
  private reconnectHook: ((request: DirectRequest) => Promise<void>) | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WebSocketTransportOptions) {
    this.connectWaitMs = options.connectWaitMs ?? 15_000;
    this.minBackoffMs = options.minBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.backoffMs = this.minBackoffMs;
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
  }

  /** Opens the first connection. */
  start(): void {
    this.connect();
  }

  /** Runs after every reconnect (not the first connect), before waiting requests are sent. */
  onReconnect(hook: (request: DirectRequest) => Promise<void>): () => void {
    this.reconnectHook = hook;
    return () => {
      if (this.reconnectHook === hook) this.reconnectHook = undefined;
    };
  }

  getState(): ConnectionState {
    return this.state;
  }

  subscribeState(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  request(method: MethodName, input: unknown): Promise<unknown> {
    return this.enqueue(method, input, false);
  }

  subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  private enqueue(method: MethodName, input: unknown, direct: boolean): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request: PendingRequest = {
        id: this.nextId++,
        method,
        input,
        resolve,
        reject,
        sent: false,
        timer: undefined,
      };
      this.pending.set(request.id, request);
      if (this.canSend(direct)) {
        this.send(request);
      } else {
        request.timer = setTimeout(() => {
          this.fail(request, new ApiError('ENGINE_UNAVAILABLE', { message: engineUnavailable }));
        }, this.connectWaitMs);
      }
    });
  }

  private canSend(direct: boolean): boolean {
    return this.state === 'open' && (direct || !this.resuming);
  }

  private send(request: PendingRequest): void {
    if (request.timer !== undefined) clearTimeout(request.timer);
    request.timer = undefined;
    request.sent = true;
    const envelope = {
      type: 'request',
      id: request.id,
      method: request.method,
      input: request.input,
    };
    try {
      this.socket?.send(JSON.stringify(envelope));
    } catch {
      this.fail(request, new ApiError('ENGINE_UNAVAILABLE', { message: connectionLost }));
    }
  }

  private fail(request: PendingRequest, error: ApiError): void {
    if (request.timer !== undefined) clearTimeout(request.timer);
    this.pending.delete(request.id);
    request.reject(error);
  }

  private connect(): void {
    this.setState('connecting');
    let socket: WebSocket;
    try {
      socket = this.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      this.backoffMs = this.minBackoffMs;
      void this.opened();
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      if (this.socket === socket && typeof event.data === 'string') this.receive(event.data);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.dropped();
    });
  }

  private async opened(): Promise<void> {
    const reconnect = this.openedBefore;
    this.openedBefore = true;
    this.resuming = reconnect && this.reconnectHook !== undefined;
    this.setState('open');
    if (this.resuming && this.reconnectHook) {
      try {
        await this.reconnectHook((method, input) => this.enqueue(method, input, true));
      } catch {
        // The hook decides what a failed resume means (sign-in); waiting requests still go out.
      }
      this.resuming = false;
    }
    if (this.state !== 'open') return;
    for (const request of [...this.pending.values()]) {
      if (!request.sent) this.send(request);
    }
  }

  private dropped(): void {
    this.resuming = false;
    for (const request of [...this.pending.values()]) {
      if (request.sent) {
        this.fail(request, new ApiError('ENGINE_UNAVAILABLE', { message: connectionLost }));
      }
    }
    this.setState('closed');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer !== undefined) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delay);
    // Requests waiting for the connection keep their own 15-second timers.
  }

  private receive(data: string): void {
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    const response = responseEnvelopeSchema.safeParse(message);
    if (response.success) {
      const request = this.pending.get(response.data.id);
      if (!request) return;
      this.pending.delete(request.id);
      if (response.data.ok) request.resolve(response.data.output);
      else request.reject(ApiError.fromValue(response.data.error));
      return;
    }
    const event = eventEnvelopeSchema.safeParse(message);
    if (event.success) this.emit(event.data.event, event.data.payload);
  }

  private emit(name: string, payload: unknown): void {
    if (!Object.hasOwn(events, name)) return;
    const eventName = name as EventName;
    const parsed = events[eventName].safeParse(payload);
    if (!parsed.success) return;
    for (const listener of this.listeners.get(eventName) ?? []) {
      try {
        listener(parsed.data);
      } catch (error) {
        console.error(`listener for ${eventName} failed`, error);
      }
    }
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener();
  }
}
