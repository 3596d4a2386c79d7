import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { RELAY_PATH, sessionDocumentName } from '@shared/hub/remote';
import type { EnrolResponse } from '@shared/hub/protocol';
import { startTestHub, tokenOf, type TestHub } from '../central/src/testing/test-hub';
import { openRemoteTerminals, type RemoteTerminals } from '../tests/support/remote-fixtures';
import type { BenchResult } from './bench-result';
import { quantile } from './engine-connection';

/**
 * Issue 7's benchmarks on loopback: how fast a field edit reaches the other side through the
 * hub's relay (stock Yjs providers), beside a raw WebSocket echo on the same loopback; the same
 * under 100 sessions at once on one hub; and the bytes a minute of a session costs without
 * video (two real engines, pointer moving, chat, a suggestion), beside the same events sent as
 * bare JSON over a WebSocket.
 */
const EDITS = 1000;
const SESSIONS = 100;
const EDITS_PER_SESSION = 50;
const MINUTE_MS = Number(process.env.BANGBAN_BENCH_SESSION_MS ?? 60_000);

const results: BenchResult[] = [];
let hub: TestHub;
let relayUrl: string;
let hubUrl: string;
let township: EnrolResponse;
let expertDesk: EnrolResponse;
const clerk = { username: 'zhangsan', displayName: '张三', role: 'clerk' } as const;
const expert = { username: 'wang', displayName: '王专家', role: 'remote_expert' } as const;

beforeAll(async () => {
  // The bench drives far more than a clerk would: no rate limit gets in the way of measuring.
  hub = await startTestHub(undefined, {
    relayLimits: { framesPerSecond: 1e6, frameBurst: 1e6, bytesPerSecond: 1e9, byteBurst: 1e9 },
  });
  township = await hub.enrol('qingshan', '青山镇窗口');
  expertDesk = await hub.enrol('county', '县远程坐席');
  hubUrl = await hub.hub.app.listen({ host: '127.0.0.1', port: 0 });
  relayUrl = `${hubUrl.replace(/^http/, 'ws')}${RELAY_PATH}`;
});

afterAll(async () => {
  await hub.dispose();
  const dir = process.env.BANGBAN_BENCH_DIR ?? join(import.meta.dirname, 'tmp/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'remote.json'), JSON.stringify({ results }, null, 2));
});

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

async function post<T>(terminal: EnrolResponse, url: string, body?: unknown): Promise<T> {
  const response = await hub.call('POST', url, { token: tokenOf(terminal), body });
  if (response.status !== 200) throw new Error(`${url}: ${JSON.stringify(response.body)}`);
  return response.body as T;
}

interface Pair {
  host: Y.Doc;
  guest: Y.Doc;
  close(): void;
}

/** A session with a stock provider on each side, both synced. */
async function pair(): Promise<Pair> {
  const caseRef = {
    caseId: 1,
    reference: 'BENCH-1',
    matterCode: 'T-GTSL',
    matterName: '个体工商户设立登记',
    department: '县市场监督管理局',
  };
  const publicKey = randomBytes(32).toString('base64url');
  const opened = await post<{ session: { id: string }; participantId: string }>(
    township,
    '/v1/remote-sessions',
    { caseRef, host: clerk, publicKey },
  );
  const sessionId = opened.session.id;
  const { code } = await post<{ code: string }>(
    township,
    `/v1/remote-sessions/${sessionId}/join-codes`,
  );
  const joined = await post<{ participantId: string }>(expertDesk, '/v1/remote-sessions/join', {
    code,
    expert,
    publicKey,
  });
  const side = async (terminal: EnrolResponse, participantId: string) => {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: relayUrl, WebSocketPolyfill: WebSocket });
    const synced = new Promise<void>((resolve) => {
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: sessionDocumentName(sessionId),
        document: doc,
        token: async () =>
          (
            await post<{ token: string }>(
              terminal,
              `/v1/remote-sessions/${sessionId}/relay-tokens`,
              { participantId },
            )
          ).token,
        onSynced: () => {
          resolve();
        },
      });
      provider.attach();
      closers.push(() => {
        provider.destroy();
        socket.destroy();
      });
    });
    await synced;
    return doc;
  };
  const closers: (() => void)[] = [];
  const [host, guest] = await Promise.all([
    side(township, opened.participantId),
    side(expertDesk, joined.participantId),
  ]);
  return {
    host,
    guest,
    close: () => {
      for (const close of closers) close();
    },
  };
}

/** Sets a field on the host, resolves with the time until the guest sees it. */
function propagate(session: Pair, value: string): Promise<number> {
  const fields = session.guest.getMap('fields');
  return new Promise((resolve) => {
    const started = performance.now();
    const seen = (): void => {
      if (fields.get('applicant.phone') !== value) return;
      fields.unobserve(seen);
      resolve(performance.now() - started);
    };
    fields.observe(seen);
    session.host.getMap('fields').set('applicant.phone', value);
  });
}

/** A bare WebSocket echo server on the same loopback, and one client of it. */
async function echo(): Promise<{ roundTrip(payload: string): Promise<number>; close(): void }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      socket.send(data, { binary: isBinary });
    });
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address() as { port: number };
  const client = new WebSocket(`ws://127.0.0.1:${String(address.port)}`);
  await new Promise((resolve) => client.once('open', resolve));
  return {
    roundTrip: (payload) =>
      new Promise((resolve) => {
        const started = performance.now();
        client.once('message', () => {
          resolve(performance.now() - started);
        });
        client.send(payload);
      }),
    close: () => {
      client.close();
      server.close();
    },
  };
}

describe('remote window', () => {
  it('field-edit propagation between two clients through the hub', async () => {
    const session = await pair();
    const echoes = await echo();
    const relay: number[] = [];
    const bare: number[] = [];
    for (let index = 0; index < EDITS; index += 1) {
      relay.push(await propagate(session, `1380013${String(index).padStart(4, '0')}`));
      bare.push(await echoes.roundTrip(JSON.stringify({ key: 'applicant.phone', value: index })));
    }
    session.close();
    echoes.close();
    results.push({
      name: `Field edit to the other side through the relay (${String(EDITS)} edits, one session)`,
      ours: `p50 ${ms(quantile(relay, 0.5))}, p95 ${ms(quantile(relay, 0.95))}`,
      baseline: `raw WebSocket echo round trip: p50 ${ms(quantile(bare, 0.5))}, p95 ${ms(quantile(bare, 0.95))}`,
      note: 'stock hocuspocus providers; token handshake, frame check, Yjs merge',
    });
    expect(relay).toHaveLength(EDITS);
  });

  it(`${String(SESSIONS)} concurrent sessions on one hub`, async () => {
    const sessions: Pair[] = [];
    const openStarted = performance.now();
    for (let index = 0; index < SESSIONS; index += 1) sessions.push(await pair());
    const openMs = performance.now() - openStarted;
    const heapBefore = process.memoryUsage().rss;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      sessions.map(async (session, index) => {
        for (let edit = 0; edit < EDITS_PER_SESSION; edit += 1)
          latencies.push(await propagate(session, `${String(index)}-${String(edit)}`));
      }),
    );
    const elapsed = performance.now() - started;

    // The same number of round trips, all at once, through bare echo servers.
    const echoes = await Promise.all(sessions.map(() => echo()));
    const bare: number[] = [];
    const bareStarted = performance.now();
    await Promise.all(
      echoes.map(async (server, index) => {
        for (let edit = 0; edit < EDITS_PER_SESSION; edit += 1)
          bare.push(await server.roundTrip(`${String(index)}-${String(edit)}`));
      }),
    );
    const bareElapsed = performance.now() - bareStarted;
    const rss = process.memoryUsage().rss;
    for (const session of sessions) session.close();
    for (const server of echoes) server.close();
    results.push({
      name: `${String(SESSIONS)} sessions at once, ${String(EDITS_PER_SESSION)} edits each (${String(SESSIONS * 2)} connections)`,
      ours: `p50 ${ms(quantile(latencies, 0.5))}, p95 ${ms(quantile(latencies, 0.95))}; ${(elapsed / 1000).toFixed(1)} s for all`,
      baseline: `bare echo, same concurrency: p50 ${ms(quantile(bare, 0.5))}, p95 ${ms(quantile(bare, 0.95))}; ${(bareElapsed / 1000).toFixed(1)} s`,
      note: `opening all sessions took ${(openMs / 1000).toFixed(1)} s; hub and clients in one process: RSS ${(heapBefore / 2 ** 20).toFixed(0)} MiB with the sessions open, ${(rss / 2 ** 20).toFixed(0)} MiB after the edits`,
    });
    expect(latencies).toHaveLength(SESSIONS * EDITS_PER_SESSION);
  }, 600_000);

  describe('a minute of a session without video', () => {
    let terminals: RemoteTerminals;

    beforeAll(async () => {
      for (const [id, name] of [
        ['qingshan-b', '青山镇便民服务中心'],
        ['county-b', '县政务服务中心'],
      ] as const)
        await hub.call('POST', '/v1/admin/halls', { token: hub.adminToken, body: { id, name } });
      terminals = await openRemoteTerminals({
        url: hubUrl,
        enrolmentCode: async (hallId) => {
          const issued = await hub.call('POST', '/v1/admin/enrolment-codes', {
            token: hub.adminToken,
            body: { hallId: `${hallId}-b` },
          });
          return (issued.body as { code: string }).code;
        },
      });
    });
    afterAll(() => {
      terminals.close();
    });

    it('bytes through the relay for one minute of co-browsing', async () => {
      const { township: host, expert: guest, caseId } = terminals;
      const view = await host.ok('remote.open', { caseId });
      const sessionId = view.sessionId;
      await guest.ok('remote.join', { code: view.joinCode?.code ?? '' });
      for (;;) {
        const seen = await guest.ok('remote.get', { sessionId });
        if (seen.workspace && seen.link.state === 'live') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const counters = hub.hub.relay.counters;
      const before = counters.bytesIn + counters.bytesOut;
      // The bare baseline: the same events as JSON over one WebSocket, echoed to the other side.
      const echoes = await echo();
      let bareBytes = 0;
      const bare = (event: unknown): void => {
        const text = JSON.stringify(event);
        bareBytes += 2 * Buffer.byteLength(text);
        void echoes.roundTrip(text);
      };
      const started = Date.now();
      let tick = 0;
      // The expert's pointer moves 10 times a second; a chat line every 15 s; one suggestion.
      while (Date.now() - started < MINUTE_MS) {
        const pointer = { x: (tick % 100) / 100, y: ((tick * 7) % 100) / 100 };
        await guest.ok('remote.presence', { sessionId, pointer, focus: 'material.M02' });
        bare({ sessionId, pointer, focus: 'material.M02' });
        if (tick % 150 === 0) {
          const text = `第 ${String(tick / 150 + 1)} 条：请核对经营场所证明`;
          await guest.ok('remote.chat', { sessionId, text });
          bare({ sessionId, text });
        }
        if (tick === 300) {
          const change = { kind: 'material', materialCode: 'M02', state: 'received' } as const;
          await guest.ok('remote.suggest', { sessionId, change });
          bare({ sessionId, change });
        }
        tick += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const minutes = (Date.now() - started) / 60_000;
      const relayed = counters.bytesIn + counters.bytesOut - before;
      await host.ok('remote.end', { sessionId, outcome: 'bench' });
      echoes.close();
      results.push({
        name: 'Bytes of one minute of a session, no video (pointer 10/s, chat, a suggestion)',
        ours: `${(relayed / minutes / 1024).toFixed(1)} KiB/min through the relay (in + out)`,
        baseline: `same events as bare JSON, sent and echoed: ${(bareBytes / minutes / 1024).toFixed(1)} KiB/min`,
        note: 'two real engines; includes Yjs sync, awareness and the host re-projecting the case',
      });
      expect(relayed).toBeGreaterThan(0);
    }, 600_000);
  });
});
