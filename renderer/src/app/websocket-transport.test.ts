import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/api/errors';
import { isConnectionError, WebSocketTransport } from './websocket-transport';

type Listener = (event: { data?: unknown }) => void;

/** Just enough of a WebSocket for the transport: the test opens, answers and drops it. */
class FakeSocket {
  readonly sent: { id: number; method: string; input: unknown }[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as { id: number; method: string; input: unknown });
  }

  emit(type: string, data?: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }

  answer(id: number, output: unknown): void {
    this.emit('message', JSON.stringify({ type: 'response', id, ok: true, output }));
  }
}

describe('WebSocketTransport', () => {
  let sockets: FakeSocket[];
  let transport: WebSocketTransport;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    transport = new WebSocketTransport({
      url: 'ws://127.0.0.1:1/engine?token=t',
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
    });
    transport.start();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const socket = (index = -1): FakeSocket => {
    const found = sockets.at(index);
    if (!found) throw new Error('no socket');
    return found;
  };

  it('holds requests until the socket opens, then matches responses by id', async () => {
    const answer = transport.request('setup.status', {});
    expect(transport.getState()).toBe('connecting');
    expect(socket().sent).toHaveLength(0);
    socket().emit('open');
    await vi.waitFor(() => {
      expect(socket().sent).toHaveLength(1);
    });
    const request = socket().sent[0];
    expect(request).toMatchObject({ method: 'setup.status', input: {} });
    socket().answer(request?.id ?? -1, { needsAdmin: true, hallName: '' });
    await expect(answer).resolves.toEqual({ needsAdmin: true, hallName: '' });
  });

  it('turns an error response into an ApiError with its issues', async () => {
    socket().emit('open');
    const answer = transport.request('auth.signIn', { username: 'a', password: '' });
    await vi.waitFor(() => {
      expect(socket().sent).toHaveLength(1);
    });
    const error = {
      code: 'INVALID_INPUT',
      message: { zh: '输入内容有误', en: 'The input is invalid' },
      path: ['username'],
      issues: [{ path: ['username'], message: { zh: '太短', en: 'Too short' } }],
    };
    socket().emit(
      'message',
      JSON.stringify({ type: 'response', id: socket().sent[0]?.id, ok: false, error }),
    );
    const thrown = await answer.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ code: 'INVALID_INPUT', path: ['username'] });
    expect((thrown as ApiError).issues?.[0]?.message.zh).toBe('太短');
  });

  it('fails a request that waited 15 s for the engine with a clear message', async () => {
    const answer = transport.request('setup.status', {});
    const settled = answer.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    await vi.advanceTimersByTimeAsync(15_000);
    const error = await settled;
    expect(isConnectionError(error)).toBe(true);
    expect((error as ApiError).localized.zh).toContain('引擎未连接');
  });

  it('reconnects with backoff and re-attaches the session before waiting requests go out', async () => {
    socket().emit('open');
    const order: string[] = [];
    transport.onReconnect(async (request) => {
      order.push('hook');
      const resumed = request('auth.resume', { token: 'x'.repeat(20) });
      const resumeRequest = socket().sent.at(-1);
      socket().answer(resumeRequest?.id ?? -1, { ok: true });
      await resumed;
    });
    socket().emit('close');
    expect(transport.getState()).toBe('closed');
    const waiting = transport.request('cases.get', { id: 1 });
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
    socket().emit('open');
    await vi.waitFor(() => {
      expect(socket().sent.map((sent) => sent.method)).toEqual(['auth.resume', 'cases.get']);
    });
    order.push('flushed');
    socket().answer(socket().sent[1]?.id ?? -1, { id: 1 });
    await expect(waiting).resolves.toEqual({ id: 1 });
    expect(order).toEqual(['hook', 'flushed']);
    expect(transport.getState()).toBe('open');
  });

  it('rejects requests in flight when the socket drops (their result is unknown)', async () => {
    socket().emit('open');
    const answer = transport.request('cases.setMaterialState', {});
    await vi.waitFor(() => {
      expect(socket().sent).toHaveLength(1);
    });
    socket().emit('close');
    const error = await answer.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isConnectionError(error)).toBe(true);
  });

  it('backs off up to 5 s between attempts', async () => {
    for (let attempt = 0; attempt < 6; attempt += 1) {
      socket().emit('close');
      await vi.advanceTimersByTimeAsync(5_000);
    }
    const before = sockets.length;
    socket().emit('close');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sockets).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(before + 1);
  });

  it('hands valid events to subscribers and drops malformed ones', () => {
    socket().emit('open');
    const seen: unknown[] = [];
    transport.subscribe('auth.sessionEnded', (payload) => seen.push(payload));
    socket().emit(
      'message',
      JSON.stringify({ type: 'event', event: 'auth.sessionEnded', payload: { reason: 'idle' } }),
    );
    socket().emit(
      'message',
      JSON.stringify({ type: 'event', event: 'auth.sessionEnded', payload: { reason: 'x' } }),
    );
    expect(seen).toEqual([{ reason: 'idle' }]);
  });
});
