import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Connection } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RELAY_MAX_FRAME_BYTES, RELAY_PATH } from '@shared/hub/remote';
import { inspectFrame } from './relay-frames';
import { TokenBucket } from './token-bucket';
import type { RelayAdmission, RemoteSessions } from './remote-sessions';

export interface RelayOptions {
  sessions: RemoteSessions;
  logger: FastifyBaseLogger;
  /**
   * Browser origins allowed to open the relay. Terminals connect from their engine, which sends
   * no Origin; a browser always does, so any page elsewhere is refused unless listed here.
   */
  allowedOrigins: readonly string[];
  limits?: Partial<RelayLimits>;
}

export interface RelayLimits {
  /** Frames per second a connection may send on average, and in a burst. */
  framesPerSecond: number;
  frameBurst: number;
  /** Bytes per second on average, and in a burst. */
  bytesPerSecond: number;
  byteBurst: number;
}

const DEFAULT_LIMITS: RelayLimits = {
  // Pointer moves arrive at up to 20 a second; typing and drawing add a few dozen more.
  framesPerSecond: 100,
  frameBurst: 400,
  bytesPerSecond: 512 * 1024,
  byteBurst: 4 * RELAY_MAX_FRAME_BYTES,
};

/** WebSocket close codes the relay uses (RFC 6455 §7.4.1). */
const CLOSE = {
  unsupportedData: { code: 1003, reason: 'malformed frame' },
  policy: { code: 1008, reason: 'rate limit' },
  otherDocument: { code: 1008, reason: 'one document per connection' },
  ended: { code: 4410, reason: 'session ended' },
} as const;

interface RelayContext {
  admission?: RelayAdmission;
}

export interface RelayCounters {
  connections: number;
  refusedFrames: number;
  rateLimited: number;
  refusedUpgrades: number;
  /** Frame bytes received from and sent to clients, since the start. */
  bytesIn: number;
  bytesOut: number;
}

/**
 * The co-browsing relay: a hocuspocus instance behind the hub's own HTTP server, at RELAY_PATH.
 * Every connection is admitted by a one-time token for exactly one session's document; every
 * frame is read whole before hocuspocus sees it, held to 1 MiB and to a rate per connection.
 * Documents live in memory only while someone is connected: nothing shared is stored or logged.
 */
export class Relay {
  readonly hocuspocus: Hocuspocus<RelayContext>;
  readonly counters: RelayCounters = {
    connections: 0,
    refusedFrames: 0,
    rateLimited: 0,
    refusedUpgrades: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  private readonly sockets = new WebSocketServer({
    noServer: true,
    maxPayload: RELAY_MAX_FRAME_BYTES,
  });
  private readonly limits: RelayLimits;
  private readonly log: FastifyBaseLogger;

  constructor(private readonly options: RelayOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.log = options.logger.child({ component: 'relay' });
    const sessions = options.sessions;
    this.hocuspocus = new Hocuspocus<RelayContext>({
      name: 'bangban-relay',
      quiet: true,
      timeout: 30_000,
      unloadImmediately: true,
      // Edits by one side are never taken back by garbage collection on the other's behalf.
      yDocOptions: { gc: true, gcFilter: () => true },
      onAuthenticate: async ({ token, documentName }) => {
        const admission = await sessions.admit(token, documentName);
        if (!admission) throw new Error('relay token refused');
        return { admission };
      },
      connected: async ({ context }) => {
        if (context.admission) await sessions.connected(context.admission.participantId, 1);
      },
      onDisconnect: async ({ context }) => {
        if (context.admission) await sessions.connected(context.admission.participantId, -1);
      },
      onStateless: ({ connection, document, payload }) => {
        // Signalling (WebRTC offers, answers, candidates) goes to the session's other sockets.
        document.broadcastStateless(payload, (other: Connection) => other !== connection);
        return Promise.resolve();
      },
    });
  }

  /** Takes the upgrades for RELAY_PATH on the hub's HTTP server. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://relay.invalid');
      if (url.pathname !== RELAY_PATH) {
        refuse(socket, 404, 'Not Found');
        return;
      }
      const origin = request.headers.origin;
      if (origin !== undefined && !this.options.allowedOrigins.includes(origin)) {
        this.counters.refusedUpgrades += 1;
        this.log.warn({ origin }, 'relay upgrade refused: origin not allowed');
        refuse(socket, 403, 'Forbidden');
        return;
      }
      this.sockets.handleUpgrade(request, socket, head, (websocket) => {
        this.serve(websocket, request);
      });
    });
  }

  /** Closes every connection to a session's document (it ended). */
  closeSession(documentName: string): void {
    this.hocuspocus.closeConnections(documentName);
  }

  async close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    await new Promise<void>((resolve) => {
      this.sockets.close(() => {
        resolve();
      });
    });
  }

  private serve(websocket: WebSocket, request: IncomingMessage): void {
    this.counters.connections += 1;
    const counters = this.counters;
    const send = websocket.send.bind(websocket);
    // What hocuspocus sends goes through here: counted for /metrics and the benchmarks.
    websocket.send = ((data: Uint8Array, ...rest: unknown[]) => {
      counters.bytesOut += data.byteLength;
      (send as (...args: unknown[]) => void)(data, ...rest);
    }) as typeof websocket.send;
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    const client = this.hocuspocus.handleConnection(
      websocket,
      new Request(`http://relay.invalid${request.url ?? RELAY_PATH}`, { headers }),
      {},
    );
    const frames = new TokenBucket(this.limits.framesPerSecond, this.limits.frameBurst);
    const bytes = new TokenBucket(this.limits.bytesPerSecond, this.limits.byteBurst);
    let pinned: string | undefined;
    const refuse = (close: { code: number; reason: string }): void => {
      websocket.close(close.code, close.reason);
    };

    websocket.on('message', (data: RawData, isBinary: boolean) => {
      if (websocket.readyState !== websocket.OPEN) return;
      const frame = toBytes(data);
      this.counters.bytesIn += frame.byteLength;
      if (!frames.take(1) || !bytes.take(frame.byteLength)) {
        this.counters.rateLimited += 1;
        refuse(CLOSE.policy);
        return;
      }
      const verdict = isBinary ? inspectFrame(frame) : { ok: false as const, reason: 'text frame' };
      if (!verdict.ok) {
        this.counters.refusedFrames += 1;
        this.log.debug({ reason: verdict.reason }, 'relay frame refused');
        refuse(CLOSE.unsupportedData);
        return;
      }
      pinned ??= verdict.documentName;
      if (verdict.documentName !== pinned) {
        refuse(CLOSE.otherDocument);
        return;
      }
      client.handleMessage(frame);
    });
    websocket.on('close', (code: number, reason: Buffer) => {
      this.counters.connections -= 1;
      client.handleClose({ code, reason: reason.toString() });
    });
    websocket.on('error', (error: Error) => {
      // Oversized frames end here (ws closes with 1009); nothing else to do but note it.
      this.log.debug({ err: error.message }, 'relay socket error');
    });
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(
    `HTTP/1.1 ${String(status)} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}
