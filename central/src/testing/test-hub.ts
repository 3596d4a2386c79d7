import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import type { EnrolResponse, Mutation } from '@shared/hub/protocol';
import type { HubDb } from '../db/hub-db';
import { migrateHub } from '../db/migrations';
import { openPgliteDb, type PgliteHubDb } from '../db/pglite-db';
import { openPostgresDb, type PostgresHubDb } from '../db/postgres-db';
import { buildHub, type Hub, type HubOptions } from '../hub';

export type HubBackend = 'pglite' | 'postgres';

/** Tests drop their databases with FORCE, which ends idle pooled connections: expected. */
const quietly = { onIdleError: () => undefined };

/** The PostgreSQL server tests may use (CI starts one); PGlite only when absent. */
export const postgresTestUrl = process.env.HUB_TEST_DATABASE_URL;

/** What the environment offers: PGlite always, a PostgreSQL server when HUB_TEST_DATABASE_URL names one. */
export function availableBackends(): HubBackend[] {
  return postgresTestUrl ? ['pglite', 'postgres'] : ['pglite'];
}

/** A copy of a hub database at one moment, to restore a hub from (a backup). */
export type HubSnapshot =
  { backend: 'pglite'; data: File | Blob } | { backend: 'postgres'; database: string };

/**
 * Fresh, migrated hub databases for tests: in-memory PGlite, or new databases on the PostgreSQL
 * server named by HUB_TEST_DATABASE_URL, dropped at the end.
 */
export class TestHubDatabases {
  private readonly created: string[] = [];
  private admin: pg.Client | undefined;

  constructor(readonly backend: HubBackend = postgresTestUrl ? 'postgres' : 'pglite') {}

  async open(from?: HubSnapshot): Promise<HubDb> {
    if (this.backend === 'pglite') {
      const db = await openPgliteDb(undefined, from?.backend === 'pglite' ? from.data : undefined);
      await migrateHub(db);
      return db;
    }
    const name = await this.createDatabase(
      from?.backend === 'postgres' ? from.database : undefined,
    );
    const db = openPostgresDb(this.urlOf(name), quietly);
    await migrateHub(db);
    return db;
  }

  /** Copies the database as it is now. A PostgreSQL copy needs it closed: it is reopened. */
  async snapshot(db: HubDb): Promise<{ snapshot: HubSnapshot; db: HubDb }> {
    if (this.backend === 'pglite') {
      const data = await (db as PgliteHubDb).dump();
      return { snapshot: { backend: 'pglite', data }, db };
    }
    const current = (db as Partial<PostgresHubDb>).database;
    if (!current) throw new Error('not a test database');
    await db.close();
    const copy = await this.createDatabase(current);
    return {
      snapshot: { backend: 'postgres', database: copy },
      db: openPostgresDb(this.urlOf(current), quietly),
    };
  }

  async dispose(): Promise<void> {
    if (!this.admin) return;
    for (const name of this.created.reverse()) await this.drop(name);
    await this.admin.end();
  }

  /**
   * A database just written to heavily may have an autovacuum worker in it, which a role
   * without superuser cannot end: wait for it a little, then leave the database to the server.
   */
  private async drop(name: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        return;
      } catch (error) {
        if (attempt === 10) {
          process.stderr.write(`test database ${name} left behind: ${String(error)}\n`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async createDatabase(template?: string): Promise<string> {
    if (!postgresTestUrl) throw new Error('HUB_TEST_DATABASE_URL is not set');
    if (!this.admin) {
      this.admin = new pg.Client({ connectionString: postgresTestUrl });
      await this.admin.connect();
    }
    const name = `hub_test_${randomBytes(6).toString('hex')}`;
    await this.admin.query(
      template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`,
    );
    this.created.push(name);
    return name;
  }

  private urlOf(name: string): string {
    const url = new URL(postgresTestUrl ?? '');
    url.pathname = `/${name}`;
    return url.toString();
  }
}

/** A fresh, migrated hub database for one test file (the environment's backend). */
export async function openTestHubDb(
  backend?: HubBackend,
): Promise<{ db: HubDb; dispose: () => Promise<void> }> {
  const databases = new TestHubDatabases(backend);
  const db = await databases.open();
  return {
    db,
    dispose: async () => {
      await db.close();
      await databases.dispose();
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

export async function startTestHub(
  backend?: HubBackend,
  options: Partial<Pick<HubOptions, 'relayLimits' | 'relayOrigins' | 'iceServers' | 'logger'>> = {},
): Promise<TestHub> {
  const { db, dispose } = await openTestHubDb(backend);
  const hub = buildHub({
    logger: pino({ level: 'silent' }),
    ...options,
    db,
    version: 'test',
    modelsDir: mkdtempSync(join(tmpdir(), 'hub-models-')),
  });
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
