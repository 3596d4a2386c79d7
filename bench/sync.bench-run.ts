import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Mutation } from '@shared/hub/protocol';
import type { HubDb } from '../central/src/db/hub-db';
import {
  availableBackends,
  TestHubDatabases,
  type HubBackend,
} from '../central/src/testing/test-hub';
import { Engine } from '../electron/core/engine';
import { silentLogger } from '../electron/core/logger';
import { HubClient } from '../electron/core/sync';
import { CALENDARS, ManualClock } from '../tests/support/engine-harness';
import { generateEntryFiles } from '../tests/support/entry-generator';
import { adminCall, enrolmentCode, listenHub, writeGaps } from '../tests/support/sync-fixtures';
import type { BenchResult } from './bench-result';
import { engineCaller, quantile } from './engine-connection';

/**
 * Issue 6's benchmarks, on loopback, for each hub database here (PGlite; PostgreSQL when
 * HUB_TEST_DATABASE_URL names one): a push of 10,000 mutations and a pull of 100,000 knowledge
 * entries through the real engine and hub, each beside a bare batched INSERT of the same rows
 * into the same database; 200 simulated terminals syncing at once beside the same number of
 * requests to the hub's lightest route.
 */
const PUSHED = Number(process.env.BANGBAN_BENCH_PUSHED ?? 10_000);
const ENTRIES = Number(process.env.BANGBAN_BENCH_ENTRIES ?? 100_000);
const TERMINALS = 200;
const ADMIN = { username: 'admin', displayName: '管理员', password: 'Bench#Admin2026' };

const work = mkdtempSync(join(tmpdir(), 'bangban-bench-sync-'));
const results: BenchResult[] = [];

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  const dir = process.env.BANGBAN_BENCH_DIR ?? join(import.meta.dirname, 'tmp/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sync.json'), JSON.stringify({ results }, null, 2));
});

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function openTerminal(): Engine {
  return Engine.open({
    dataDir: mkdtempSync(join(work, 'terminal-')),
    storeKey: randomBytes(32),
    mode: 'browser',
    version: 'bench',
    calendarDir: CALENDARS,
    clock: new ManualClock(),
    logger: silentLogger,
    sync: { auto: false },
  });
}

async function enrolled(hubUrl: string, code: string): Promise<Engine> {
  const engine = openTerminal();
  await engine.syncReady;
  const call = engineCaller(engine);
  await call('setup.createAdmin', { hallName: '基准测试大厅', ...ADMIN });
  await call('sync.enrol', { hubUrl, code, terminalName: '基准终端' });
  return engine;
}

/** Baseline: the same rows as one multi-row INSERT per batch, each batch one transaction. */
async function bareInsert(
  db: HubDb,
  rows: unknown[][],
  columns: string,
  batch: number,
): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const width = slice[0]?.length ?? 0;
    const values = slice
      .map(
        (_, row) =>
          `(${Array.from({ length: width }, (_, col) => `$${row * width + col + 1}`).join(', ')})`,
      )
      .join(', ');
    await db.transaction((tx) =>
      tx.query(`INSERT INTO bench_rows (${columns}) VALUES ${values}`, slice.flat()),
    );
  }
  return performance.now() - started;
}

describe.each(['pglite', 'postgres'] as HubBackend[])('sync benchmarks (%s)', (backend) => {
  const runs = availableBackends().includes(backend);
  const label = backend === 'pglite' ? 'PGlite' : 'PostgreSQL 15';

  it.skipIf(!runs)(
    `push of ${PUSHED.toLocaleString('en')} mutations`,
    async () => {
      const databases = new TestHubDatabases(backend);
      const db = await databases.open();
      const hub = await listenHub(db);
      await adminCall(hub, 'POST', '/v1/admin/halls', { id: 'bench', name: '基准大厅' });
      const engine = await enrolled(hub.url, await enrolmentCode(hub, 'bench'));
      writeGaps(engine.db, PUSHED);
      const started = performance.now();
      const run = await engine.sync.syncNow('manual');
      const ours = performance.now() - started;
      expect(run).toMatchObject({ outcome: 'ok', pushed: PUSHED });

      const held = await db.query<{
        terminal_id: string;
        seq: number;
        idempotency_key: string;
        payload_hash: string;
        entity: string;
        entity_id: string;
        operation: string;
        hlc: string;
        at: Date;
        payload: unknown;
      }>(
        'SELECT terminal_id, seq, idempotency_key, payload_hash, entity, entity_id, operation, hlc, at, payload FROM mutations ORDER BY seq',
      );
      await db.query('CREATE TABLE bench_rows (LIKE mutations INCLUDING ALL)');
      await db.query(
        "ALTER TABLE bench_rows ALTER COLUMN outcome SET DEFAULT 'applied', ALTER COLUMN via SET DEFAULT 'network'",
      );
      const rows = held
        .filter((row) => row.entity === 'knowledge_gap')
        .map((row) => [
          row.terminal_id,
          row.seq,
          row.idempotency_key,
          row.payload_hash,
          row.entity,
          row.entity_id,
          row.operation,
          row.hlc,
          row.at,
          JSON.stringify(row.payload),
        ]);
      const baseline = await bareInsert(
        db,
        rows,
        'terminal_id, seq, idempotency_key, payload_hash, entity, entity_id, operation, hlc, at, payload',
        200,
      );
      results.push({
        name: `Sync push of ${PUSHED.toLocaleString('en')} mutations, terminal → hub on loopback (${label})`,
        ours: `${seconds(ours)} (${Math.round(PUSHED / (ours / 1000))} mutations/s)`,
        baseline: `${seconds(baseline)} (bare multi-row INSERT of the same rows into the hub's database, 200 a transaction)`,
        note: `sync.now from the engine: outbox read, HTTP+JSON, zod validation, per-mutation idempotency check, merge into records and the idempotency log, acknowledgement written back; batches of 200; then the pull of 6 (empty) streams`,
      });
      engine.close();
      await hub.close();
      await db.close();
      await databases.dispose();
    },
    900_000,
  );

  it.skipIf(!runs)(
    `pull of ${ENTRIES.toLocaleString('en')} knowledge entries`,
    async () => {
      const databases = new TestHubDatabases(backend);
      const db = await databases.open();
      const hub = await listenHub(db);
      await adminCall(hub, 'POST', '/v1/admin/halls', { id: 'bench', name: '基准大厅' });

      // Enrolled first: enrolment syncs once, and the pull measured must be the whole catalogue.
      const engine = await enrolled(hub.url, await enrolmentCode(hub, 'bench'));
      const files = generateEntryFiles(ENTRIES, 10_000, []);
      const publishStarted = performance.now();
      for (const file of files)
        await hub.hub.publishing.publish(file.fileName, file.content, 'bench');
      const published = performance.now() - publishStarted;

      const started = performance.now();
      const run = await engine.sync.syncNow('manual');
      const ours = performance.now() - started;
      expect(run.outcome).toBe('ok');
      expect(run.pulled).toBeGreaterThanOrEqual(ENTRIES);
      const local = engine.db.prepare('SELECT count(*) AS n FROM knowledge_entries').get() as {
        n: number;
      };
      expect(local.n).toBeGreaterThanOrEqual(ENTRIES);

      // Baseline: the same entries, as JSON text, into the terminal's own store in batches of 1,000.
      const entries = files.flatMap((file) => {
        const parsed = JSON.parse(file.content) as {
          policies: { id: string }[];
          qa: { id: string }[];
        };
        return [...parsed.policies, ...parsed.qa].map((entry) => [entry.id, JSON.stringify(entry)]);
      });
      engine.db.exec('CREATE TABLE bench_entries (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT');
      const insert = engine.db.prepare('INSERT INTO bench_entries (id, body) VALUES (?, ?)');
      const bareStarted = performance.now();
      for (let start = 0; start < entries.length; start += 1000)
        engine.db.transaction(() => {
          for (const entry of entries.slice(start, start + 1000)) insert.run(...entry);
        })();
      const baseline = performance.now() - bareStarted;
      results.push({
        name: `Sync pull of ${ENTRIES.toLocaleString('en')} knowledge entries, hub → new terminal on loopback (${label})`,
        ours: `${seconds(ours)} (${Math.round(ENTRIES / (ours / 1000))} entries/s)`,
        baseline: `${seconds(baseline)} (bare INSERT of the same entries as JSON into the terminal's store, 1,000 a transaction)`,
        note: `pages of 1,000, each imported (validation, versions, jieba segmentation, FTS5) with its cursor in one transaction; publishing the ${files.length} files at the hub took ${seconds(published)}`,
      });
      engine.close();
      await hub.close();
      await db.close();
      await databases.dispose();
    },
    1_800_000,
  );

  it.skipIf(!runs)(
    `${TERMINALS} terminals syncing at once`,
    async () => {
      const databases = new TestHubDatabases(backend);
      const db = await databases.open();
      const hub = await listenHub(db);
      await adminCall(hub, 'POST', '/v1/admin/halls', { id: 'bench', name: '基准大厅' });
      await hub.hub.publishing.publish(
        generateEntryFiles(200, 200, [])[0]?.fileName ?? 'x.json',
        generateEntryFiles(200, 200, [])[0]?.content ?? '',
        'bench',
      );
      const tokens: string[] = [];
      for (let index = 0; index < TERMINALS; index += 1) {
        const issued = await hub.hub.enrolment.issueCode(
          { hallId: 'bench', note: '', validHours: 1 },
          'bench',
        );
        const terminal = await hub.hub.enrolment.enrol({
          code: issued.code.replace('-', ''),
          terminalName: `终端 ${index}`,
          hostname: '',
          appVersion: 'bench',
        });
        tokens.push(`${terminal.terminalId}.${terminal.secret}`);
      }
      const streams = [
        'directory',
        'knowledge',
        'calendar',
        'rectifications',
        'conflicts',
        'models',
      ] as const;
      const at = new Date().toISOString();
      const oneTerminal = async (token: string): Promise<number> => {
        const client = new HubClient(hub.url, token);
        const started = performance.now();
        await client.call('state');
        const mutations: Mutation[] = Array.from({ length: 50 }, (_, index) => ({
          seq: index + 1,
          key: crypto.randomUUID(),
          entity: 'knowledge_gap',
          entityId: String(index),
          operation: 'raise',
          hlc: `${String(Date.now()).padStart(15, '0')}-${String(index).padStart(5, '0')}-bench`,
          at,
          payload: { question: `问题 ${index}` },
        }));
        await client.call('push', { body: { mutations } });
        for (const stream of streams)
          await client.call('pull', { query: { stream, cursor: '', limit: 1000 } });
        return performance.now() - started;
      };
      const started = performance.now();
      const times = await Promise.all(tokens.map(oneTerminal));
      const wall = performance.now() - started;

      const health = async (): Promise<number> => {
        const client = new HubClient(hub.url, undefined);
        const begun = performance.now();
        for (let request = 0; request < 8; request += 1) await client.call('health');
        return performance.now() - begun;
      };
      const baselineStarted = performance.now();
      const baselineTimes = await Promise.all(tokens.map(health));
      const baselineWall = performance.now() - baselineStarted;
      const held = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mutations');
      expect(held[0]?.n).toBe(TERMINALS * 50);
      results.push({
        name: `${TERMINALS} terminals syncing at once against one hub (${label})`,
        ours: `all done in ${seconds(wall)}; per terminal p50 ${ms(quantile(times, 0.5))} / p95 ${ms(quantile(times, 0.95))}`,
        baseline: `${seconds(baselineWall)}; p50 ${ms(quantile(baselineTimes, 0.5))} / p95 ${ms(quantile(baselineTimes, 0.95))} (the same 8 requests each to GET /v1/health)`,
        note: `each terminal: state, a push of 50 mutations, a pull of all 6 streams (200 knowledge entries); ${TERMINALS * 50} mutations applied in all; one hub process, clients in the same process`,
      });
      await hub.close();
      await db.close();
      await databases.dispose();
    },
    900_000,
  );
});
