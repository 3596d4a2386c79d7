import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import type { EnrolResponse, Mutation } from '@shared/hub/protocol';
import type { HubDb } from '../db/hub-db';
import { migrateHub } from '../db/migrations';
import { openPgliteDb } from '../db/pglite-db';
import { openPostgresDb } from '../db/postgres-db';
import { buildHub, type Hub } from '../hub';

/**
 * A fresh, migrated hub database for one test file: in-memory PGlite, or, when
 * HUB_TEST_DATABASE_URL names a PostgreSQL server (CI), a new database on it, dropped afterwards.
 */
export async function openTestHubDb(): Promise<{ db: HubDb; dispose: () => Promise<void> }> {
  const serverUrl = process.env.HUB_TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await openPgliteDb(undefined);
    await migrateHub(db);
    return { db, dispose: () => db.close() };
  }
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openPostgresDb(url.toString());
  await migrateHub(db);
  return {
    db,
    dispose: async () => {
      await db.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface TestHub {
  hub: Hub;
  db: HubDb;
  adminToken: string;
  /** Calls the hub over its real HTTP handling (Fastify inject), as JSON. */
  call(
    method: 'GET' | 'POST',
    url: string,
    options?: { body?: unknown; token?: string },
  ): Promise<{ status: number; body: unknown }>;
  enrol(hallId?: string, name?: string): Promise<EnrolResponse>;
  dispose(): Promise<void>;
}

export async function startTestHub(): Promise<TestHub> {
  const { db, dispose } = await openTestHubDb();
  const hub = buildHub({ db, logger: pino({ level: 'silent' }), version: 'test' });
  await hub.admins.create('root', '中心管理员', 'hub-admin-password');
  const call: TestHub['call'] = async (method, url, options = {}) => {
    const response = await hub.app.inject({
      method,
      url,
      ...(options.body === undefined ? {} : { payload: options.body as object }),
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
    return { status: response.statusCode, body: response.json() };
  };
  const signIn = await call('POST', '/v1/admin/sign-in', {
    body: { username: 'root', password: 'hub-admin-password' },
  });
  const adminToken = (signIn.body as { token: string }).token;
  const halls = new Set<string>();
  return {
    hub,
    db,
    adminToken,
    call,
    async enrol(hallId = 'qingshan', name = '1号窗口') {
      if (!halls.has(hallId)) {
        await call('POST', '/v1/admin/halls', {
          token: adminToken,
          body: { id: hallId, name: `${hallId} 政务服务中心` },
        });
        halls.add(hallId);
      }
      const issued = await call('POST', '/v1/admin/enrolment-codes', {
        token: adminToken,
        body: { hallId },
      });
      const code = (issued.body as { code: string }).code;
      const enrolled = await call('POST', '/v1/terminals/enrol', {
        body: { code, terminalName: name, appVersion: 'test' },
      });
      if (enrolled.status !== 200) throw new Error(JSON.stringify(enrolled.body));
      return enrolled.body as EnrolResponse;
    },
    async dispose() {
      await hub.app.close();
      await dispose();
    },
  };
}

export function tokenOf(terminal: EnrolResponse): string {
  return `${terminal.terminalId}.${terminal.secret}`;
}

let clockWall = Date.UTC(2026, 10, 21, 8);

/** A mutation as a terminal's outbox would send it. */
export function mutation(
  seq: number,
  entity: string,
  entityId: string,
  operation: string,
  payload: Record<string, unknown>,
  options: { hlc?: string; key?: string } = {},
): Mutation {
  clockWall += 1000;
  return {
    seq,
    key: options.key ?? crypto.randomUUID(),
    entity,
    entityId,
    operation,
    hlc: options.hlc ?? `${String(clockWall).padStart(15, '0')}-00000-test`,
    at: new Date(clockWall).toISOString(),
    payload: payload as Mutation['payload'],
  };
}
