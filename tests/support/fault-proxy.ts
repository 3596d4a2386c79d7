import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with one request:
 * - `forward`: pass it on and the answer back;
 * - `drop-request`: cut the connection before the hub sees anything;
 * - `hold-request`: keep the request from the hub, and the client waiting, for good;
 * - `hold-response`: let the hub handle (and commit) it, then keep the answer back for good;
 * - `drop-response`: let the hub commit, then cut the connection: the acknowledgement is lost.
 */
export type ProxyAction =
  'forward' | 'drop-request' | 'hold-request' | 'hold-response' | 'drop-response';

export interface ProxiedRequest {
  method: string;
  path: string;
}

export interface ProxyEvent extends ProxiedRequest {
  /** `held` once a request or answer is being kept back; `answered` after one went back. */
  what: 'held' | 'answered' | 'dropped';
  status?: number;
}

/**
 * A loopback HTTP proxy between a terminal and the hub that breaks the link on purpose, as a bad
 * county network does (a named fake: it stands in for the network, the one thing tests cannot
 * cut for real).
 */
export class FaultProxy {
  policy: (request: ProxiedRequest) => ProxyAction = () => 'forward';
  private listeners: ((event: ProxyEvent) => void)[] = [];
  private server: Server | undefined;

  constructor(public upstream: string) {}

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Resolves with the first event that matches. */
  next(match: (event: ProxyEvent) => boolean): Promise<ProxyEvent> {
    return new Promise((resolve) => {
      const listener = (event: ProxyEvent): void => {
        if (!match(event)) return;
        this.listeners = this.listeners.filter((other) => other !== listener);
        resolve(event);
      };
      this.listeners.push(listener);
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  }

  private emit(event: ProxyEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const proxied = { method: request.method ?? 'GET', path: request.url ?? '/' };
    const action = this.policy(proxied);
    if (action === 'drop-request') {
      request.socket.destroy();
      this.emit({ ...proxied, what: 'dropped' });
      return;
    }
    if (action === 'hold-request') {
      this.emit({ ...proxied, what: 'held' });
      return;
    }
    let status: number;
    let body: string;
    try {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept'])
        if (typeof request.headers[name] === 'string') headers[name] = request.headers[name];
      const upstream = await fetch(new URL(proxied.path, this.upstream), {
        method: proxied.method,
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      status = upstream.status;
      body = await upstream.text();
    } catch {
      request.socket.destroy();
      this.emit({ ...proxied, what: 'dropped' });
      return;
    }
    if (action === 'hold-response') {
      this.emit({ ...proxied, what: 'held', status });
      return;
    }
    if (action === 'drop-response') {
      request.socket.destroy();
      this.emit({ ...proxied, what: 'dropped', status });
      return;
    }
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
    this.emit({ ...proxied, what: 'answered', status });
  }
}
