import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageImportResult } from '@shared/hub/admin';
import { TestHubDatabases } from '../../central/src/testing/test-hub';
import type { HubDb } from '../../central/src/db/hub-db';
import { ADMIN, openTestEngine, type TestEngine } from '../support/engine-harness';
import {
  adminCall,
  enrolmentCode,
  listenHub,
  publishMatter,
  writeGaps,
  type ListeningHub,
} from '../support/sync-fixtures';

/**
 * The hub's other channels to a terminal: the offline package carried on a USB stick (with the
 * same exactly-once guarantee as the network), holiday arrangements, and model files served
 * with resumable downloads.
 */
let databases: TestHubDatabases;
let db: HubDb;
let hub: ListeningHub;
let terminal: TestEngine;
let terminalId = '';

beforeAll(async () => {
  databases = new TestHubDatabases();
  db = await databases.open();
  hub = await listenHub(db);
  await adminCall(hub, 'POST', '/v1/admin/halls', { id: 'qingshan', name: '青山县政务服务中心' });
  terminal = openTestEngine({ sync: { auto: false } });
  await terminal.engine.syncReady;
  await terminal.ok('setup.createAdmin', { hallName: '青山县', ...ADMIN });
  const status = await terminal.ok('sync.enrol', {
    hubUrl: hub.url,
    code: await enrolmentCode(hub, 'qingshan'),
    terminalName: '山区便民点',
  });
  terminalId = status.terminal?.id ?? '';
});
afterAll(async () => {
  terminal.close();
  await hub.close();
  await db.close();
  await databases.dispose();
});

async function heldOnHub(): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM mutations WHERE terminal_id = $1',
    [terminalId],
  );
  return rows[0]?.n ?? -1;
}

describe('offline package', () => {
  it('carries the outbox to the hub and the hub’s updates back, exactly once', async () => {
    // The hall loses its network for good: from now on sync goes by USB stick.
    await terminal.ok('sync.setHubUrl', { hubUrl: 'http://127.0.0.1:9' });
    writeGaps(terminal.engine.db, 6);
    await terminal.ok('users.create', {
      username: 'wangwu',
      displayName: '王五',
      role: 'clerk',
      password: 'Mountain#2026',
    });
    await publishMatter(hub, 'PKG-001');
    const before = await heldOnHub();

    const exported = await terminal.ok('sync.exportPackage', {});
    expect(exported.mutations).toBe(7);
    expect(exported.fileName).toMatch(/^bangban-package-t_[a-z0-9]+-\d{14}\.json$/);

    const result = (await adminCall(hub, 'POST', '/v1/admin/packages', {
      content: exported.content,
    })) as PackageImportResult;
    expect(result).toMatchObject({ mutations: 7, applied: 7, duplicates: 0, needsResend: false });
    expect(await heldOnHub()).toBe(before + 7);

    // The same stick imported twice: nothing is applied twice.
    const again = (await adminCall(hub, 'POST', '/v1/admin/packages', {
      content: exported.content,
    })) as PackageImportResult;
    expect(again).toMatchObject({ applied: 0, duplicates: 7 });
    expect(await heldOnHub()).toBe(before + 7);

    const imported = await terminal.ok('sync.importPackage', {
      fileName: result.replyFileName,
      content: result.reply,
    });
    expect(imported.acknowledged).toBe(7);
    expect(imported.pulled).toBeGreaterThan(0);
    expect((await terminal.ok('sync.status', {})).pending).toBe(0);
    expect(
      terminal.engine.db.prepare("SELECT count(*) AS n FROM matters WHERE code = 'PKG-001'").get(),
    ).toEqual({ n: 1 });
    // An older reply carried back later changes nothing: every stream is already past it.
    const stale = await terminal.ok('sync.importPackage', {
      fileName: result.replyFileName,
      content: again.reply,
    });
    expect(stale.pulled).toBe(0);
    const history = await terminal.ok('sync.history', { limit: 5 });
    expect(history.slice(0, 3).map((run) => run.trigger)).toEqual([
      'package',
      'package',
      'package',
    ]);
  });

  it('refuses a package that was changed on the way, at either end', async () => {
    const exported = await terminal.ok('sync.exportPackage', {});
    const refused = await hub.hub.app.inject({
      method: 'POST',
      url: '/v1/admin/packages',
      headers: { authorization: `Bearer ${hub.adminToken}` },
      payload: {
        content: JSON.stringify({
          ...JSON.parse(exported.content),
          terminalId: 't_forged00000000000000',
        }),
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'PACKAGE_INVALID' });
    const edited = JSON.parse(exported.content) as { body: { ackedSeq: number } };
    edited.body.ackedSeq += 1;
    const badSignature = await hub.hub.app.inject({
      method: 'POST',
      url: '/v1/admin/packages',
      headers: { authorization: `Bearer ${hub.adminToken}` },
      payload: { content: JSON.stringify(edited) },
    });
    expect(badSignature.json()).toMatchObject({ code: 'PACKAGE_INVALID' });

    const reply = (await adminCall(hub, 'POST', '/v1/admin/packages', {
      content: exported.content,
    })) as PackageImportResult;
    const forged = JSON.parse(reply.reply) as { body: { lastSeq: number } };
    forged.body.lastSeq = 0;
    const response = await terminal.call('sync.importPackage', {
      fileName: 'reply.json',
      content: JSON.stringify(forged),
    });
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['content'] },
    });
    await terminal.ok('sync.setHubUrl', { hubUrl: hub.url });
  });
});

describe('holiday arrangements from the hub', () => {
  it('arrive and count as working days at once, without a restart', async () => {
    const arrangement = {
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
      publishedAt: '2026-11-10',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      makeUpWorkdays: [],
    };
    const published = await adminCall(hub, 'POST', '/v1/admin/calendar', { arrangement });
    expect(published).toMatchObject({ year: 2027, holidays: 1 });
    const calendarBefore = terminal.engine.db
      .prepare('SELECT count(*) AS n FROM calendar_years')
      .get();
    expect(calendarBefore).toEqual({ n: 0 });
    expect(await terminal.ok('sync.now', {})).toMatchObject({ outcome: 'ok' });
    expect(terminal.engine.db.prepare('SELECT year FROM calendar_years').all()).toEqual([
      { year: 2027 },
    ]);
    const status = await terminal.ok('system.status', {});
    expect(status.network).toMatchObject({ state: 'online', pending: 0 });
  });
});

describe('model files from the hub', () => {
  it('are offered, downloaded with a resume after a cut, and checked against their sha256', async () => {
    const folder = join(tmpdir(), `hub-model-${Date.now()}`);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'tiny-test-q8_0.gguf');
    // Any bytes do: what is tested is transport and integrity, not inference.
    const bytes = Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(300_000, 7)]);
    writeFileSync(file, bytes);
    const model = await hub.hub.models.add(file, {
      id: 'tiny-test-q8_0',
      name: '测试模型',
      fileName: 'tiny-test-q8_0.gguf',
      purpose: 'chat',
      licence: 'MIT',
      minimumRamGiB: 1,
      contextLength: 512,
    });
    expect(model.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    await terminal.ok('sync.now', {});
    const offered = await terminal.ok('models.status', {});
    expect(offered.hubOffers).toEqual([
      expect.objectContaining({ id: 'tiny-test-q8_0', sizeBytes: bytes.length, installed: false }),
    ]);

    // A download cut off halfway left its first part behind: only the rest is fetched.
    const modelsDir = join(terminal.dataDir, 'models');
    mkdirSync(modelsDir, { recursive: true });
    writeFileSync(join(modelsDir, '.tiny-test-q8_0.gguf.download'), bytes.subarray(0, 100_000));
    const installed = await terminal.ok('models.installFromHub', { id: 'tiny-test-q8_0' });
    expect(installed.hubOffers[0]?.installed).toBe(true);
    expect(readFileSync(join(modelsDir, 'tiny-test-q8_0.gguf')).equals(bytes)).toBe(true);
    // Progress starts where the partial file ended: the hub answered the Range request.
    const progress = terminal.events
      .filter((event) => event.event === 'models.progress')
      .map((event) => (event.payload as { progress: number }).progress);
    expect(progress[0]).toBeGreaterThanOrEqual(100_000 / bytes.length);
    expect(progress.at(-1)).toBe(1);

    // Without the terminal's credentials the hub gives nothing out.
    const anonymous = await fetch(`${hub.url}/v1/models/tiny-test-q8_0/file`);
    expect(anonymous.status).toBe(401);
    rmSync(folder, { recursive: true, force: true });
  });
});
