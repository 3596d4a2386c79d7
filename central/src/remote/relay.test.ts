import { randomBytes } from 'node:crypto';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { EnrolResponse } from '@shared/hub/protocol';
import {
  RELAY_MAX_FRAME_BYTES,
  RELAY_PATH,
  sessionDocumentName,
  type RelayToken,
  type RemoteSessionRecord,
} from '@shared/hub/remote';
import { startTestHub, tokenOf, type TestHub } from '../testing/test-hub';

/**
 * The co-browsing relay over real WebSockets on loopback, with stock hocuspocus providers as the
 * clients: sharing, the handshake's token rules, origins, frame size and rate limits, and 10,000
 * malformed frames after which it still serves.
 */
const clerk = { username: 'zhangsan', displayName: '张三', role: 'clerk' } as const;
const expert = { username: 'wang', displayName: '王专家', role: 'remote_expert' } as const;
const caseRef = {
  caseId: 7,
  reference: 'QS-2026-00007',
  matterCode: 'SC-001',
  matterName: '食品经营许可',
  department: '县市场监管局',
};
const publicKey = randomBytes(32).toString('base64url');

let hub: TestHub;
let relayUrl: string;
let township: EnrolResponse;
let expertDesk: EnrolResponse;

beforeAll(async () => {
  hub = await startTestHub(undefined, {
    relayOrigins: ['https://console.hall.example'],
    relayLimits: { framesPerSecond: 200, frameBurst: 300 },
  });
  township = await hub.enrol('qingshan', '青山镇便民服务窗口');
  expertDesk = await hub.enrol('county', '市场监管局远程坐席');
  const address = await hub.hub.app.listen({ host: '127.0.0.1', port: 0 });
  relayUrl = `${address.replace(/^http/, 'ws')}${RELAY_PATH}`;
});
afterAll(async () => {
  await hub.dispose();
});

async function post<T>(terminal: EnrolResponse, url: string, body?: unknown): Promise<T> {
  const response = await hub.call('POST', url, { token: tokenOf(terminal), body });
  if (response.status !== 200) throw new Error(`${url}: ${JSON.stringify(response.body)}`);
  return response.body as T;
}

interface OpenSession {
  id: string;
  documentName: string;
  hostId: string;
  expertId: string;
}

async function openSession(): Promise<OpenSession> {
  const opened = await post<{ session: RemoteSessionRecord; participantId: string }>(
    township,
    '/v1/remote-sessions',
    { caseRef, host: clerk, publicKey },
  );
  const { code } = await post<{ code: string }>(
    township,
    `/v1/remote-sessions/${opened.session.id}/join-codes`,
  );
  const joined = await post<{ participantId: string }>(expertDesk, '/v1/remote-sessions/join', {
    code,
    expert,
    publicKey,
  });
  return {
    id: opened.session.id,
    documentName: sessionDocumentName(opened.session.id),
    hostId: opened.participantId,
    expertId: joined.participantId,
  };
}

async function relayToken(
  terminal: EnrolResponse,
  session: OpenSession,
  participantId: string,
): Promise<string> {
  const issued = await post<RelayToken>(
    terminal,
    `/v1/remote-sessions/${session.id}/relay-tokens`,
    { participantId },
  );
  return issued.token;
}

interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves true once synced, false when the relay refused the token. */
  outcome: Promise<boolean>;
  closed: Promise<number>;
  destroy(): void;
}

/** A stock hocuspocus provider in Node, the way any Yjs client would connect. */
function connect(documentName: string, token: () => Promise<string>): Client {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: relayUrl,
    WebSocketPolyfill: WebSocket,
    maxAttempts: 1,
  });
  let settle: (value: boolean) => void = () => undefined;
  let closedWith: (code: number) => void = () => undefined;
  const outcome = new Promise<boolean>((resolve) => (settle = resolve));
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    token,
    onSynced: () => {
      settle(true);
    },
    onAuthenticationFailed: () => {
      settle(false);
    },
    onClose: ({ event }) => {
      closedWith(event.code);
    },
  });
  provider.attach();
  return {
    doc,
    provider,
    outcome,
    closed,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (condition()) {
        resolve();
        return;
      }
      if (Date.now() - started > timeoutMs) {
        reject(new Error('timed out'));
        return;
      }
      setTimeout(check, 10);
    };
    check();
  });
}

/** A raw WebSocket to the relay, for what no well-behaved client would send. */
function rawSocket(headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(relayUrl, { headers });
    socket.once('open', () => {
      resolve(socket);
    });
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`HTTP ${String(response.statusCode)}`));
    });
  });
}

function closeCodeOf(socket: WebSocket): Promise<number> {
  return new Promise((resolve) =>
    socket.once('close', (code) => {
      resolve(code);
    }),
  );
}

describe('the co-browsing relay', () => {
  it('shares one document between a stock provider on each side, and shows who is there', async () => {
    const session = await openSession();
    const host = connect(session.documentName, () => relayToken(township, session, session.hostId));
    const guest = connect(session.documentName, () =>
      relayToken(expertDesk, session, session.expertId),
    );
    expect(await host.outcome).toBe(true);
    expect(await guest.outcome).toBe(true);
    host.doc.getMap('fields').set('applicant.name', '李*明');
    await until(() => guest.doc.getMap('fields').get('applicant.name') === '李*明');
    guest.doc.getArray('chat').push([{ text: '请出示营业场所证明' }]);
    await until(() => host.doc.getArray('chat').length === 1);
    host.provider.setAwarenessField('user', { name: '张三' });
    await until(() =>
      [...(guest.provider.awareness?.getStates().values() ?? [])].some(
        (state) => (state as { user?: { name?: string } }).user?.name === '张三',
      ),
    );
    const record = await hub.call('GET', `/v1/remote-sessions/${session.id}`, {
      token: tokenOf(township),
    });
    expect(
      (record.body as RemoteSessionRecord).participants.map((p) => [p.role, p.connected]),
    ).toEqual([
      ['host', true],
      ['expert', true],
    ]);
    host.destroy();
    guest.destroy();
  });

  it('refuses a replayed token, an expired one, and one for another session', async () => {
    const session = await openSession();
    const other = await openSession();
    const token = await relayToken(township, session, session.hostId);
    const first = connect(session.documentName, () => Promise.resolve(token));
    expect(await first.outcome).toBe(true);
    const replay = connect(session.documentName, () => Promise.resolve(token));
    expect(await replay.outcome).toBe(false);

    const stale = await relayToken(township, session, session.hostId);
    await hub.db.query(`UPDATE relay_tokens SET expires_at = now() - interval '1 second'`);
    const expired = connect(session.documentName, () => Promise.resolve(stale));
    expect(await expired.outcome).toBe(false);

    const elsewhere = await relayToken(township, other, other.hostId);
    const crossed = connect(session.documentName, () => Promise.resolve(elsewhere));
    expect(await crossed.outcome).toBe(false);
    // Nor may one terminal ask for a token in another terminal's name.
    const stolen = await hub.call('POST', `/v1/remote-sessions/${session.id}/relay-tokens`, {
      token: tokenOf(expertDesk),
      body: { participantId: session.hostId },
    });
    expect(stolen.status).toBe(403);
    for (const client of [first, replay, expired, crossed]) client.destroy();
  });

  it('refuses a page from an origin it does not know, and takes a listed one', async () => {
    await expect(rawSocket({ origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    const listed = await rawSocket({ origin: 'https://console.hall.example' });
    listed.close();
    expect(hub.hub.relay.counters.refusedUpgrades).toBeGreaterThanOrEqual(1);
  });

  it('closes a connection that sends a frame over 1 MiB, and goes on serving', async () => {
    const socket = await rawSocket();
    const closed = closeCodeOf(socket);
    socket.send(randomBytes(RELAY_MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    const health = await hub.call('GET', '/v1/health');
    expect(health.status).toBe(200);
  });

  it('closes a connection that floods it (policy violation)', async () => {
    const socket = await rawSocket();
    const closed = closeCodeOf(socket);
    const ping = frame(sessionDocumentName('s_00000000000000000000'), 9);
    for (let index = 0; index < 1000 && socket.readyState === WebSocket.OPEN; index += 1)
      socket.send(ping);
    expect(await closed).toBe(1008);
    expect(hub.hub.relay.counters.rateLimited).toBeGreaterThanOrEqual(1);
  });

  it('closes every connection when the session ends, and issues no more tokens', async () => {
    const session = await openSession();
    const host = connect(session.documentName, () => relayToken(township, session, session.hostId));
    expect(await host.outcome).toBe(true);
    await post(expertDesk, `/v1/remote-sessions/${session.id}/end`, {
      participantId: session.expertId,
      actor: expert,
    });
    await host.closed;
    const refused = await hub.call('POST', `/v1/remote-sessions/${session.id}/relay-tokens`, {
      token: tokenOf(township),
      body: { participantId: session.hostId },
    });
    expect(refused).toMatchObject({ status: 410, body: { code: 'SESSION_ENDED' } });
    host.destroy();
  });

  it('takes 10,000 malformed frames, closing each sender, and still serves', async () => {
    const malformed = malformedFrames(10_000);
    const refusedBefore = hub.hub.relay.counters.refusedFrames;
    const codes = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < malformed.length) {
        const payload = malformed[next++];
        if (payload === undefined) return;
        const socket = await rawSocket();
        const closed = closeCodeOf(socket);
        socket.send(payload.bytes, { binary: payload.binary });
        const code = await closed;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(Object.fromEntries(codes)).toEqual({ 1003: 10_000 });
    expect(hub.hub.relay.counters.refusedFrames - refusedBefore).toBe(10_000);

    const session = await openSession();
    const host = connect(session.documentName, () => relayToken(township, session, session.hostId));
    const guest = connect(session.documentName, () =>
      relayToken(expertDesk, session, session.expertId),
    );
    expect(await host.outcome).toBe(true);
    expect(await guest.outcome).toBe(true);
    host.doc.getMap('fields').set('note', 'still serving');
    await until(() => guest.doc.getMap('fields').get('note') === 'still serving');
    host.destroy();
    guest.destroy();
  }, 120_000);
});

/** A hocuspocus frame: the document address, the message type, then its body. */
function frame(documentName: string, type: number, body?: (encoder: encoding.Encoder) => void) {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, type);
  body?.(encoder);
  return encoding.toUint8Array(encoder);
}

/** Frames a client could really send, to be broken below. */
function wellFormed(documentName: string): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap('fields').set('applicant.phone', '138****5678');
  const update = Y.encodeStateAsUpdate(doc);
  const awareness = encoding.createEncoder();
  encoding.writeVarUint(awareness, 1);
  encoding.writeVarUint(awareness, 42);
  encoding.writeVarUint(awareness, 3);
  encoding.writeVarString(awareness, JSON.stringify({ pointer: { x: 10, y: 20 } }));
  return [
    frame(documentName, 0, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
    }),
    frame(documentName, 0, (e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    }),
    frame(documentName, 1, (e) => {
      encoding.writeVarUint8Array(e, encoding.toUint8Array(awareness));
    }),
    frame(documentName, 5, (e) => {
      encoding.writeVarString(e, JSON.stringify({ kind: 'offer', sdp: 'v=0' }));
    }),
  ];
}

/**
 * Frames broken by construction, each of a kind the relay must refuse: cut short inside the
 * body, trailing garbage, a type no client may send, a sync step that does not exist, awareness
 * states that are not JSON, text frames and empty frames.
 */
function malformedFrames(count: number): { bytes: Uint8Array | string; binary: boolean }[] {
  const documentName = sessionDocumentName('s_00000000000000000000');
  const valid = wellFormed(documentName);
  const headerLength = frame(documentName, 0).length;
  const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;
  const kinds: (() => { bytes: Uint8Array | string; binary: boolean })[] = [
    () => {
      const whole = pick(valid);
      const cut = headerLength + 1 + Math.floor(Math.random() * (whole.length - headerLength - 2));
      return { bytes: whole.slice(0, cut), binary: true };
    },
    () => ({
      bytes: new Uint8Array([...pick(valid), ...randomBytes(1 + Math.floor(Math.random() * 16))]),
      binary: true,
    }),
    () => ({ bytes: frame(documentName, pick([6, 8, 11, 12, 50, 127, 200])), binary: true }),
    () => ({
      bytes: frame(documentName, 0, (e) => {
        encoding.writeVarUint(e, 3 + Math.floor(Math.random() * 100));
        encoding.writeVarUint8Array(e, randomBytes(8));
      }),
      binary: true,
    }),
    () => ({
      bytes: frame(documentName, 1, (e) => {
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, 7);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, `{"pointer": ${randomBytes(4).toString('hex')}`);
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      }),
      binary: true,
    }),
    () => ({ bytes: `{"type":"sync","garbage":${String(Math.random())}}`, binary: false }),
    () => ({ bytes: new Uint8Array(0), binary: true }),
  ];
  return Array.from({ length: count }, () => pick(kinds)());
}
