import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { buildHub, type Hub } from '../../central/src/hub';
import type { HubDb } from '../../central/src/db/hub-db';
import { inTransaction, type Db } from '../../electron/core/db/connection';
import { appendOutbox } from '../../electron/core/db/outbox';

/** A hub listening on loopback for cross-process tests, with its administrator signed in. */
export interface ListeningHub {
  hub: Hub;
  url: string;
  adminToken: string;
  close(): Promise<void>;
}

export async function listenHub(db: HubDb, admin = true): Promise<ListeningHub> {
  const hub = buildHub({
    db,
    logger: pino({ level: 'silent' }),
    version: 'test',
    modelsDir: mkdtempSync(join(tmpdir(), 'hub-models-')),
  });
  if (admin) await hub.admins.create('root', '中心管理员', 'hub-admin-password');
  const signIn = await hub.app.inject({
    method: 'POST',
    url: '/v1/admin/sign-in',
    payload: { username: 'root', password: 'hub-admin-password' },
  });
  const url = await hub.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    hub,
    url,
    adminToken: signIn.json<{ token: string }>().token,
    close: () => hub.app.close(),
  };
}

export async function adminCall(
  hub: ListeningHub,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<unknown> {
  const response = await hub.hub.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${hub.adminToken}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  if (response.statusCode >= 400) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

export async function enrolmentCode(hub: ListeningHub, hallId: string): Promise<string> {
  const issued = (await adminCall(hub, 'POST', '/v1/admin/enrolment-codes', { hallId })) as {
    code: string;
  };
  return issued.code;
}

/** Publishes one new matter (its own code), as the hub's knowledge owner would. */
export async function publishMatter(hub: ListeningHub, code: string): Promise<void> {
  await adminCall(hub, 'POST', '/v1/admin/knowledge', {
    fileName: `${code}.json`,
    content: JSON.stringify({
      format: 'bangban-knowledge',
      formatVersion: 1,
      matters: [
        {
          code,
          version: 1,
          effectiveFrom: '2026-01-01',
          name: `测试事项 ${code}`,
          department: '县政务服务管理局',
          level: 'county',
          subjectKind: 'person',
          promisedDays: 5,
          legalBasis: ['《政务服务条例》'],
          materials: [{ code: 'M01', name: '申请表' }],
        },
      ],
    }),
  });
}

/** Local writes as the app makes them (a knowledge gap each), straight into the store. */
export function writeGaps(db: Db, count: number): void {
  inTransaction(db, () => {
    for (let index = 0; index < count; index += 1) {
      const id = randomUUID();
      appendOutbox(db, {
        entity: 'knowledge_gap',
        entityId: id,
        operation: 'raise',
        payload: { question: `未能回答的问题 ${id.slice(0, 8)}`, reason: 'no_answer' },
        at: new Date().toISOString(),
      });
    }
  });
}

/** A small deterministic generator, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
