import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ResponseEnvelope } from '@shared/api';
import { silentLogger } from '../../electron/core/logger';
import {
  resolveStaticPath,
  startBrowserModeServer,
  type BrowserModeServer,
} from '../../electron/core/rpc/browser-mode-server';
import { ADMIN, openTestEngine, type TestEngine } from '../support/engine-harness';

/** The engine driven over a real WebSocket, as the renderer drives it in browser mode. */
let t: TestEngine;
let server: BrowserModeServer;
let rendererDir: string;
const token = 'test-token-0123456789abcdef';

beforeAll(async () => {
  t = openTestEngine();
  const parent = mkdtempSync(join(tmpdir(), 'bangban-renderer-'));
  // A file beside the renderer folder that no request may ever read.
  writeFileSync(join(parent, 'secret.txt'), 'TOP-SECRET');
  rendererDir = join(parent, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>帮办台</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startBrowserModeServer({
    engine: t.engine,
    rendererDir,
    host: '127.0.0.1',
    port: 0,
    token,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await server.close();
  t.close();
  rmSync(join(rendererDir, '..'), { recursive: true, force: true });
});

const origin = (): string => `http://127.0.0.1:${server.port}`;

function open(options: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const socket = new WebSocket(
    `ws://127.0.0.1:${server.port}/engine?token=${options.token ?? token}`,
    {
      origin: options.origin ?? origin(),
    },
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      resolve(socket);
    });
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(String(response.statusCode)));
    });
    socket.once('error', reject);
  });
}

/** Sends raw bytes to the server and returns what it answers (fetch would normalise paths). */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(bytes);
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => {
      resolve(answer);
    });
    socket.on('error', () => {
      resolve(answer);
    });
    setTimeout(() => socket.end(), 500);
  });
}

function rpc(socket: WebSocket) {
  let id = 0;
  const events: unknown[] = [];
  const waiting = new Map<number, (response: ResponseEnvelope) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse((data as Buffer).toString('utf8')) as
      ResponseEnvelope | { type: 'event' };
    if (message.type === 'event') events.push(message);
    else waiting.get(message.id)?.(message);
  });
  return {
    events,
    raw: (text: string): Promise<ResponseEnvelope> =>
      new Promise((resolve) => {
        waiting.set(0, resolve);
        socket.send(text);
      }),
    call: (method: string, input: unknown): Promise<ResponseEnvelope> =>
      new Promise((resolve) => {
        id += 1;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ type: 'request', id, method, input }));
      }),
  };
}

describe('browser mode', () => {
  it('refuses sockets without the start token or from another origin', async () => {
    await expect(open({ token: 'wrong-token-0123456789abcdef' })).rejects.toThrow('401');
    await expect(open({ origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(open({ origin: `http://127.0.0.1.evil.example:${server.port}` })).rejects.toThrow(
      '403',
    );
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const page = await fetch(`${origin()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect((await fetch(`${origin()}/assets/app.js`)).headers.get('content-type')).toMatch(
      /javascript/,
    );
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
    ]) {
      const answer = await raw(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      );
      expect(answer, path).toMatch(/^HTTP\/1\.1 404/);
      expect(answer, path).not.toContain('TOP-SECRET');
    }
    expect(resolveStaticPath(rendererDir, '/../../etc/passwd')).toBeUndefined();
    expect(resolveStaticPath(rendererDir, '/%2e%2e%2fetc%2fpasswd')).toBeUndefined();
    expect(resolveStaticPath(rendererDir, '/assets/app.js\0.html')).toBeUndefined();
    expect((await fetch(`${origin()}/`, { method: 'POST' })).status).toBe(405);
  });

  it('survives malformed requests and broken frames, from anyone', async () => {
    expect(await raw('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    const upgrade = await raw(
      'GET http://[ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 400/);
    const socket = await open();
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    // A frame with a reserved opcode (0x3) is a protocol violation.
    (socket as unknown as { _socket: { write(data: Buffer): void } })._socket.write(
      Buffer.from([0x83, 0x80, 1, 2, 3, 4]),
    );
    expect(await closed).toBeGreaterThan(1000);
    expect((await fetch(`${origin()}/`)).status).toBe(200);
  });

  it('carries a whole clerk flow over the socket', async () => {
    const socket = await open();
    const client = rpc(socket);
    const status = await client.call('system.status', {});
    expect(status).toMatchObject({
      ok: true,
      output: { engine: { mode: 'browser' }, database: { ok: true } },
    });
    expect(await client.raw('{not json')).toMatchObject({
      ok: false,
      error: { code: 'MALFORMED_REQUEST' },
    });
    const setup = await client.call('setup.createAdmin', { hallName: '测试大厅', ...ADMIN });
    expect(setup.ok).toBe(true);
    const [matter] = (
      (await client.call('matters.search', { query: 'spjy' })) as { output: { id: number }[] }
    ).output;
    const created = await client.call('cases.create', {
      matterId: matter?.id,
      applicant: {
        kind: 'enterprise',
        name: '某某餐饮管理有限公司',
        uscc: '91350100M000100Y43',
        legalRepresentative: '李四',
        address: '某路 1 号',
      },
    });
    expect(created).toMatchObject({ ok: true, output: { matter: { name: '食品经营许可' } } });
    await client.call('knowledge.import', {
      fileName: 'empty.yaml',
      content: 'format: bangban-knowledge\nformatVersion: 1\n',
    });
    expect(client.events).toContainEqual(
      expect.objectContaining({ event: 'knowledge.importProgress' }),
    );
    socket.close();
  });
});
