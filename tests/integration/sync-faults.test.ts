import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availableBackends,
  postgresTestUrl,
  TestHubDatabases,
  type HubBackend,
} from '../../central/src/testing/test-hub';
import type { HubDb } from '../../central/src/db/hub-db';
import { openDatabase, type Db } from '../../electron/core/db/connection';
import { DATABASE_FILE } from '../../electron/core/engine';
import { ADMIN, openTestEngine } from '../support/engine-harness';
import { FaultProxy, type ProxyAction } from '../support/fault-proxy';
import {
  adminCall,
  enrolmentCode,
  listenHub,
  publishMatter,
  seededRandom,
  writeGaps,
  type ListeningHub,
} from '../support/sync-fixtures';
import { keyFileFor, storeKeyOf } from '../support/test-store';

/**
 * Sync under faults, on loopback, against each hub database this environment has (PGlite always;
 * PostgreSQL when HUB_TEST_DATABASE_URL names a server, as .ci/run arranges): the terminal's
 * engine is SIGKILLed at random points of push and pull, a hub is restored from an older backup,
 * three terminals sync through connections that drop. Nothing may be lost or applied twice.
 */
const cli = join(import.meta.dirname, '../../out/main/cli.js');
const RUNS = 100;
const seed = Number(process.env.SYNC_FAULT_SEED ?? Date.now() % 1_000_000);

if (!postgresTestUrl)
  process.stderr.write(
    'sync fault suite: PostgreSQL skipped here (HUB_TEST_DATABASE_URL is not set; .ci/run sets it)\n',
  );

const killPoints = [
  'before-send',
  'push-in-flight',
  'push-committed',
  'push-ack-lost',
  'pull-in-flight',
  'pull-applying',
] as const;
type KillPoint = (typeof killPoints)[number];

describe.each(['pglite', 'postgres'] as HubBackend[])('sync under faults (%s)', (backend) => {
  const runs = availableBackends().includes(backend);
  let databases: TestHubDatabases;
  let db: HubDb;
  let hub: ListeningHub;
  let proxy: FaultProxy;
  let proxyUrl: string;
  const folders: string[] = [];

  beforeAll(async () => {
    if (!runs) return;
    if (!existsSync(cli)) throw new Error('out/main/cli.js is missing: run `npm run build` first');
    databases = new TestHubDatabases(backend);
    db = await databases.open();
    hub = await listenHub(db);
    await adminCall(hub, 'POST', '/v1/admin/halls', { id: 'qingshan', name: '青山县政务服务中心' });
    proxy = new FaultProxy(hub.url);
    proxyUrl = await proxy.start();
  });
  afterAll(async () => {
    if (!runs) return;
    await proxy.close();
    await hub.close();
    await db.close();
    await databases.dispose();
    for (const folder of folders) {
      rmSync(folder, { recursive: true, force: true });
      rmSync(keyFileFor(folder), { force: true });
    }
  });

  /** A terminal enrolled through the proxy, closed again: its data folder and key. */
  async function enrolledTerminal(name: string): Promise<{ dir: string; key: Buffer; id: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'bangban-fault-'));
    folders.push(dir);
    const key = await storeKeyOf(dir);
    const terminal = openTestEngine({ dataDir: dir, storeKey: key });
    await terminal.engine.syncReady;
    await terminal.ok('setup.createAdmin', {
      hallName: '青山县',
      ...ADMIN,
      username: `admin-${folders.length}`,
    });
    const status = await terminal.ok('sync.enrol', {
      hubUrl: proxyUrl,
      code: await enrolmentCode(hub, 'qingshan'),
      terminalName: name,
    });
    terminal.engine.close();
    return { dir, key, id: status.terminal?.id ?? '' };
  }

  function local<T>(terminal: { dir: string; key: Buffer }, read: (store: Db) => T): T {
    const store = openDatabase(join(terminal.dir, DATABASE_FILE), terminal.key);
    try {
      return read(store);
    } finally {
      store.close();
    }
  }

  async function hubKeys(terminalId: string): Promise<string[]> {
    const rows = await db.query<{ key: string }>(
      'SELECT idempotency_key::text AS key FROM mutations WHERE terminal_id = $1 ORDER BY seq',
      [terminalId],
    );
    return rows.map((row) => row.key);
  }

  /** Runs `bangban sync now` and SIGKILLs it at `point` (if it gets that far). */
  async function syncKilledAt(dir: string, point: KillPoint, random: () => number): Promise<void> {
    const pushes = (path: string): boolean => path.startsWith('/v1/sync/push');
    const knowledgePull = (path: string): boolean => path.includes('stream=knowledge');
    const policies: Record<KillPoint, (path: string) => ProxyAction> = {
      'before-send': () => 'forward',
      'push-in-flight': (path) => (pushes(path) ? 'hold-request' : 'forward'),
      'push-committed': (path) => (pushes(path) ? 'hold-response' : 'forward'),
      'push-ack-lost': (path) => (pushes(path) ? 'drop-response' : 'forward'),
      'pull-in-flight': (path) => (knowledgePull(path) ? 'hold-request' : 'forward'),
      'pull-applying': () => 'forward',
    };
    proxy.policy = ({ path }) => policies[point](path);
    const child = spawn(process.execPath, [cli, 'sync', 'now'], {
      env: { ...process.env, BANGBAN_DATA_DIR: dir, BANGBAN_KEY_FILE: keyFileFor(dir) },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    const trigger: Promise<unknown> =
      point === 'before-send'
        ? delay(Math.floor(random() * 700))
        : point === 'push-ack-lost'
          ? new Promise(() => undefined)
          : point === 'pull-applying'
            ? proxy
                .next((event) => event.what === 'answered' && knowledgePull(event.path))
                .then(() => delay(Math.floor(random() * 15)))
            : proxy.next((event) => event.what === 'held');
    await Promise.race([
      trigger.then(() => child.kill('SIGKILL')),
      exited,
      delay(15_000).then(() => child.kill('SIGKILL')),
    ]);
    await exited;
    proxy.policy = () => 'forward';
  }

  it.skipIf(!runs)(
    `loses and doubles nothing when the engine is killed at any point of push and pull (${RUNS} runs, seed ${seed})`,
    async () => {
      const random = seededRandom(seed);
      const terminal = await enrolledTerminal('窗口-甲');
      const count: Record<string, number> = {};
      let published = 0;
      for (let run = 0; run < RUNS; run += 1) {
        const point = killPoints[run % killPoints.length] ?? 'before-send';
        count[point] = (count[point] ?? 0) + 1;
        local(terminal, (store) => {
          writeGaps(store, 1 + Math.floor(random() * 12));
        });
        if (point.startsWith('pull')) await publishMatter(hub, `F${backend[0]}${(published += 1)}`);
        await syncKilledAt(terminal.dir, point, random);
        // After every kill: what the hub holds is exactly a prefix of what the terminal wrote.
        const keys = await hubKeys(terminal.id);
        const written = local(terminal, (store) =>
          (
            store.prepare('SELECT idempotency_key AS key FROM outbox ORDER BY seq').all() as {
              key: string;
            }[]
          ).map((row) => row.key),
        );
        expect(keys, `run ${run} (${point})`).toEqual(written.slice(0, keys.length));
      }
      expect(Object.values(count).every((n) => n >= 15)).toBe(true);

      // Once the link is good, one run brings both sides level.
      await syncKilledAt(terminal.dir, 'push-ack-lost', random).catch(() => undefined);
      const clean = spawn(process.execPath, [cli, 'sync', 'now'], {
        env: {
          ...process.env,
          BANGBAN_DATA_DIR: terminal.dir,
          BANGBAN_KEY_FILE: keyFileFor(terminal.dir),
        },
        stdio: 'ignore',
      });
      const code = await new Promise<number | null>((resolve) => clean.once('exit', resolve));
      expect(code).toBe(0);

      const outbox = local(terminal, (store) => ({
        rows: store
          .prepare(
            'SELECT idempotency_key AS key, payload, pushed_at AS pushedAt FROM outbox ORDER BY seq',
          )
          .all() as { key: string; payload: string; pushedAt: string | null }[],
        matters: (
          store.prepare("SELECT code || '@' || version AS key FROM matters").all() as {
            key: string;
          }[]
        ).map((row) => `matter:${row.key}`),
        acked: store
          .prepare('SELECT acked_seq AS n, next_seq - 1 AS last FROM sync_state')
          .get() as {
          n: number;
          last: number;
        },
      }));
      const held = await db.query<{ key: string; payload: unknown }>(
        'SELECT idempotency_key::text AS key, payload FROM mutations WHERE terminal_id = $1 ORDER BY seq',
        [terminal.id],
      );
      expect(held.map((row) => row.key)).toEqual(outbox.rows.map((row) => row.key));
      expect(held.map((row) => row.payload)).toEqual(
        outbox.rows.map((row) => JSON.parse(row.payload) as unknown),
      );
      expect(outbox.rows.every((row) => row.pushedAt !== null)).toBe(true);
      expect(outbox.acked.n).toBe(outbox.acked.last);
      const onHub = await db.query<{ key: string }>(
        "SELECT key FROM changes WHERE stream = 'knowledge' AND NOT superseded",
      );
      expect(onHub).toHaveLength(published);
      expect(outbox.matters).toEqual(expect.arrayContaining(onHub.map((row) => row.key)));
    },
    900_000,
  );

  it.skipIf(!runs)(
    'notices a hub restored from an older backup and sends again what it lost',
    async () => {
      const terminal = openTestEngine({ sync: { auto: false } });
      try {
        await terminal.engine.syncReady;
        await terminal.ok('setup.createAdmin', {
          hallName: '青山县',
          ...ADMIN,
          username: 'admin-r',
        });
        await terminal.ok('sync.enrol', {
          hubUrl: proxyUrl,
          code: await enrolmentCode(hub, 'qingshan'),
          terminalName: '恢复测试',
        });
        const terminalId = (await terminal.ok('sync.status', {})).terminal?.id ?? '';
        writeGaps(terminal.engine.db, 5);
        expect(await terminal.ok('sync.now', {})).toMatchObject({ outcome: 'ok' });

        // The nightly backup…
        await hub.close();
        const backup = await databases.snapshot(db);
        db = backup.db;
        hub = await listenHub(db, false);
        proxy.upstream = hub.url;
        // …then a day's work the hub will lose: pushes, and knowledge the terminal pulls.
        writeGaps(terminal.engine.db, 7);
        await publishMatter(hub, `R${backend[0]}-LOST`);
        expect(await terminal.ok('sync.now', {})).toMatchObject({ outcome: 'ok' });
        const lostCursor = terminal.engine.db
          .prepare("SELECT cursor FROM sync_cursors WHERE stream = 'knowledge'")
          .get() as { cursor: string };

        // The hub's disk fails; it comes back from last night's backup.
        await hub.close();
        await db.close();
        db = await databases.open(backup.snapshot);
        hub = await listenHub(db, false);
        proxy.upstream = hub.url;
        await publishMatter(hub, `R${backend[0]}-AFTER`);
        writeGaps(terminal.engine.db, 2);

        expect(await terminal.ok('sync.now', {})).toMatchObject({ outcome: 'ok' });
        const held = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM mutations WHERE terminal_id = $1',
          [terminalId],
        );
        const written = terminal.engine.db.prepare('SELECT count(*) AS n FROM outbox').get() as {
          n: number;
        };
        expect(held[0]?.n).toBe(written.n);
        // The knowledge cursor named a change the restored hub never had: it started over.
        const cursor = terminal.engine.db
          .prepare("SELECT cursor FROM sync_cursors WHERE stream = 'knowledge'")
          .get() as { cursor: string };
        expect(cursor.cursor).not.toBe(lostCursor.cursor);
        const codes = (
          terminal.engine.db.prepare("SELECT code FROM matters WHERE code LIKE 'R%'").all() as {
            code: string;
          }[]
        ).map((row) => row.code);
        expect(codes.sort()).toEqual([`R${backend[0]}-AFTER`, `R${backend[0]}-LOST`]);
      } finally {
        terminal.close();
      }
    },
    120_000,
  );

  it.skipIf(!runs)(
    'brings three terminals to the same state through connections that drop at random',
    async () => {
      const random = seededRandom(seed + 1);
      const terminals = await Promise.all(
        [0, 1, 2].map(async (index) => {
          const link = new FaultProxy(hub.url);
          const url = await link.start();
          const terminal = openTestEngine({ sync: { auto: false } });
          await terminal.engine.syncReady;
          await terminal.ok('setup.createAdmin', {
            hallName: '青山县',
            ...ADMIN,
            username: `admin-c${index}`,
          });
          await terminal.ok('sync.enrol', {
            hubUrl: url,
            code: await enrolmentCode(hub, 'qingshan'),
            terminalName: `${index + 1}号窗口`,
          });
          return { terminal, link };
        }),
      );
      const actions: ProxyAction[] = ['forward', 'forward', 'drop-request', 'drop-response'];
      for (const { link } of terminals)
        link.policy = () => actions[Math.floor(random() * actions.length)] ?? 'forward';
      try {
        let failed = 0;
        for (let round = 0; round < 12; round += 1) {
          for (const [index, { terminal }] of terminals.entries()) {
            await terminal.ok('users.create', {
              username: `clerk-${round}-${index}`,
              displayName: `窗口人员 ${round}-${index}`,
              role: 'clerk',
              password: 'Qingshan#2026',
            });
            writeGaps(terminal.engine.db, 1 + Math.floor(random() * 3));
            if ((await terminal.ok('sync.now', {})).outcome !== 'ok') failed += 1;
          }
          if (round % 4 === 0) await publishMatter(hub, `C${backend[0]}${round}`);
        }
        expect(failed).toBeGreaterThan(0);

        for (const { link } of terminals) link.policy = () => 'forward';
        for (let pass = 0; pass < 2; pass += 1)
          for (const { terminal } of terminals)
            expect(await terminal.ok('sync.now', {})).toMatchObject({ outcome: 'ok' });

        const views = [];
        for (const { terminal } of terminals)
          views.push({
            users: (
              terminal.engine.db.prepare('SELECT username FROM users ORDER BY username').all() as {
                username: string;
              }[]
            ).map((row) => row.username),
            matters: (
              terminal.engine.db
                .prepare("SELECT code FROM matters WHERE code LIKE 'C%' ORDER BY code")
                .all() as {
                code: string;
              }[]
            ).map((row) => row.code),
            pending: (await terminal.ok('sync.status', {})).pending,
          });
        const created = [0, 1, 2].flatMap((index) => [
          `admin-c${index}`,
          ...Array.from({ length: 12 }, (_, round) => `clerk-${round}-${index}`),
        ]);
        expect(views[0]?.users).toEqual(expect.arrayContaining(created));
        expect(views[1]).toEqual(views[0]);
        expect(views[2]).toEqual(views[0]);
        expect(views[0]?.matters).toHaveLength(3);
        expect(views.map((view) => view.pending)).toEqual([0, 0, 0]);
        for (const { terminal } of terminals) {
          const id = (await terminal.ok('sync.status', {})).terminal?.id ?? '';
          const held = await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM mutations WHERE terminal_id = $1',
            [id],
          );
          const written = terminal.engine.db.prepare('SELECT count(*) AS n FROM outbox').get() as {
            n: number;
          };
          expect(held[0]?.n).toBe(written.n);
        }
      } finally {
        for (const { terminal, link } of terminals) {
          terminal.close();
          await link.close();
        }
      }
    },
    300_000,
  );
});
