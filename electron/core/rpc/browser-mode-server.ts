import { timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '@shared/security/content-security-policy';
import type { EngineConnection } from '../engine';
import type { Logger } from '../logger';

export interface BrowserModeOptions {
  /** The engine, or the gate in front of it while the store is locked. */
  engine: { connect(send: (message: unknown) => void): EngineConnection };
  rendererDir: string;
  host: string;
  port: number;
  token: string;
  logger: Logger;
}

export interface BrowserModeServer {
  /** The address to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The request's URL, or undefined when a client sent something no URL parser accepts. */
function requestUrl(request: IncomingMessage, origin: string): URL | undefined {
  try {
    return new URL(request.url ?? '/', origin);
  } catch {
    return undefined;
  }
}

function sameToken(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Resolves a URL path inside `root`, or undefined when it would escape it or does not exist. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const file = resolve(join(base, decoded === '/' ? 'index.html' : decoded));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/**
 * Browser mode: serves the built renderer and carries the engine's envelopes over a WebSocket on
 * the loopback interface. Only a page from this very origin holding this start's token may connect.
 */
export function startBrowserModeServer(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const { engine, logger } = options;
  let origin = '';

  const serveStatic = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const url = requestUrl(request, origin);
    if (!url) {
      response.writeHead(400).end();
      return;
    }
    const file = resolveStaticPath(options.rendererDir, url.pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy({
        socketOrigin: origin.replace(/^http/, 'ws'),
      }),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('index.html')
        ? 'no-store'
        : 'public, max-age=31536000, immutable',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  };

  const server = createServer(serveStatic);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 32 * 1024 * 1024 });

  server.on('upgrade', (request, socket, head) => {
    // A peer that resets mid-handshake must not take the server down.
    socket.on('error', (error) => {
      logger.warn('engine socket error', { error: error.message });
    });
    const url = requestUrl(request, origin);
    const allowedOrigins = [origin, origin.replace('127.0.0.1', 'localhost')];
    const refusal = !url
      ? '400 Bad Request'
      : url.pathname !== '/engine'
        ? '404 Not Found'
        : !allowedOrigins.includes(request.headers.origin ?? '')
          ? '403 Forbidden'
          : !sameToken(url.searchParams.get('token'), options.token)
            ? '401 Unauthorized'
            : undefined;
    if (refusal) {
      logger.warn('engine socket refused', { refusal, origin: request.headers.origin ?? null });
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      attach(ws);
    });
  });

  const attach = (ws: WebSocket): void => {
    const connection = engine.connect((message) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    });
    ws.on('message', (data) => {
      let message: unknown;
      try {
        // ws hands over a Buffer, or its fragments, or an ArrayBuffer (binaryType decides).
        const text = Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.isBuffer(data)
            ? data
            : Buffer.from(new Uint8Array(data));
        message = JSON.parse(text.toString('utf8'));
      } catch {
        message = undefined;
      }
      void connection.receive(message);
    });
    ws.on('close', () => {
      connection.close();
    });
    // ws reports protocol violations (bad frames, oversize messages) here, then closes.
    ws.on('error', (error) => {
      logger.warn('engine socket protocol error', { error: error.message });
    });
  };

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      origin = `http://${options.host}:${port}`;
      resolvePromise({
        url: `${origin}/?token=${options.token}`,
        port,
        close: () =>
          new Promise((done) => {
            for (const client of sockets.clients) client.terminate();
            sockets.close();
            server.close(() => {
              done();
            });
          }),
      });
    });
  });
}
