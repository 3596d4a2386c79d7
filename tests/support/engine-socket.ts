import WebSocket from 'ws';
import type { ResponseEnvelope } from '@shared/api';
import type { BrowserModeProcess } from './browser-mode-process';

export interface EngineSocket {
  /** Resolves once the socket is open. */
  opened: Promise<void>;
  /** Sends one request; the envelope as the engine answered it. */
  send: (method: string, input: unknown) => Promise<ResponseEnvelope>;
  /** Sends one request and returns its output, throwing on an error answer. */
  call: (method: string, input: unknown) => Promise<unknown>;
  socket: WebSocket;
}

/**
 * A client of a running browser-mode engine over its real WebSocket, with the start's token and
 * its own origin, as the renderer connects. Requests cut off by a kill never settle.
 */
export function connectEngineSocket(engine: BrowserModeProcess): EngineSocket {
  const url = new URL(engine.url);
  const socket = new WebSocket(
    `ws://${url.host}/engine?token=${url.searchParams.get('token') ?? ''}`,
    { origin: engine.origin },
  );
  const waiting = new Map<number, (response: ResponseEnvelope) => void>();
  let nextId = 1;
  socket.on('message', (data) => {
    const message = JSON.parse((data as Buffer).toString('utf8')) as
      ResponseEnvelope | { type: 'event' };
    if (message.type === 'response') {
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    }
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => {
      resolve();
    });
    socket.once('error', reject);
  });
  const send = (method: string, input: unknown): Promise<ResponseEnvelope> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ type: 'request', id, method, input }));
    });
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const response = await send(method, input);
    if (!response.ok) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
    return response.output;
  };
  return { opened, send, call, socket };
}
