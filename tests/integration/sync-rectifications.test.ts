import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHubDatabases } from '../../central/src/testing/test-hub';
import type { HubDb } from '../../central/src/db/hub-db';
import {
  ADMIN,
  openTestEngine,
  type TestConnection,
  type TestEngine,
} from '../support/engine-harness';
import { adminCall, enrolmentCode, listenHub, type ListeningHub } from '../support/sync-fixtures';

/**
 * A rectification raised at one window and worked on at another: the leader raises it on
 * terminal A for a clerk who works at terminal B; her progress reaches A through the hub; an
 * action taken on a stale copy becomes a conflict both the hub and the hall's terminals show.
 */
const PASSWORD = 'Rectify#2026ok';
let databases: TestHubDatabases;
let db: HubDb;
let hub: ListeningHub;
let a: TestEngine;
let b: TestEngine;

async function terminal(name: string, adminName: string): Promise<TestEngine> {
  const t = openTestEngine({ sync: { auto: false } });
  await t.engine.syncReady;
  await t.ok('setup.createAdmin', { hallName: '青山县', ...ADMIN, username: adminName });
  await t.ok('settings.update', { idleTimeoutMinutes: 240 });
  await t.ok('sync.enrol', {
    hubUrl: hub.url,
    code: await enrolmentCode(hub, 'qingshan'),
    terminalName: name,
  });
  return t;
}

async function signIn(t: TestEngine, username: string): Promise<TestConnection> {
  const connection = t.connect();
  await connection.ok('auth.signIn', { username, password: PASSWORD });
  return connection;
}

beforeAll(async () => {
  databases = new TestHubDatabases();
  db = await databases.open();
  hub = await listenHub(db);
  await adminCall(hub, 'POST', '/v1/admin/halls', { id: 'qingshan', name: '青山县政务服务中心' });
  a = await terminal('局长办公室', 'admin-a');
  b = await terminal('3号窗口', 'admin-b');
});
afterAll(async () => {
  a.close();
  b.close();
  await hub.close();
  await db.close();
  await databases.dispose();
});

describe('rectifications across terminals', () => {
  it('travel to the owner’s window and her progress back to the leader’s', async () => {
    const leader = await a.ok('users.create', {
      username: 'wang',
      displayName: '王局长',
      role: 'leader',
      password: PASSWORD,
    });
    const clerk = await a.ok('users.create', {
      username: 'zhao',
      displayName: '赵窗口',
      role: 'clerk',
      password: PASSWORD,
    });
    const unit = await a.ok('units.save', {
      name: '县市场监督管理局',
      kind: 'department',
      department: '县市场监督管理局',
      leaders: [{ userId: leader.id, title: '局长' }],
    });
    const wang = await signIn(a, 'wang');
    const walk = await wang.ok('walks.start', {
      unitId: unit.id,
      matterCode: 'T-GTSL',
      hall: '县政务服务中心一楼',
    });
    const withFinding = await wang.ok('walks.addFinding', {
      walkId: walk.id,
      stage: 'consult',
      category: 'repeated_submission',
      severity: 'medium',
      description: '营业执照复印件已在系统中，仍要求群众再交一份',
    });
    const findingId = withFinding.findings[0]?.id ?? 0;
    const raised = await wang.ok('rectifications.create', {
      findingId,
      action: '打通两个系统的数据接口',
      ownerUnitId: unit.id,
      ownerPerson: '赵窗口',
      ownerUserId: clerk.id,
      dueWorkingDays: 5,
    });
    expect((await a.ok('sync.now', {})).outcome).toBe('ok');

    // At window 3 the clerk finds it among hers and reports progress.
    expect((await b.ok('sync.now', {})).outcome).toBe('ok');
    const zhao = await signIn(b, 'zhao');
    const mine = await zhao.ok('rectifications.list', {});
    expect(mine.map((item) => [item.action, item.status])).toEqual([
      ['打通两个系统的数据接口', 'pending'],
    ]);
    const there = mine[0];
    if (!there) throw new Error('no rectification at window 3');
    await zhao.ok('rectifications.report', {
      id: there.id,
      kind: 'progress',
      text: '已联系信息中心',
    });
    expect((await b.ok('sync.now', {})).outcome).toBe('ok');

    expect((await a.ok('sync.now', {})).outcome).toBe('ok');
    const back = await wang.ok('rectifications.get', { id: raised.id });
    expect(back.status).toBe('in_progress');
    expect(back.notes.map((note) => [note.kind, note.text, note.author])).toContainEqual([
      'progress',
      '已联系信息中心',
      '赵窗口',
    ]);
  });

  it('records an action taken on a stale copy as a conflict, shown to the hall', async () => {
    const wang = await signIn(a, 'wang');
    const zhao = await signIn(b, 'zhao');
    const [atA] = await wang.ok('rectifications.list', {});
    const [atB] = await zhao.ok('rectifications.list', {});
    if (!atA || !atB) throw new Error('rectification missing');
    // Both offline: the clerk submits the fix at window 3 …
    await zhao.ok('rectifications.report', { id: atB.id, kind: 'submit', text: '接口已上线' });
    // … while at A someone still reports progress on the copy that says "in progress".
    const admin = a.connect();
    await admin.ok('auth.signIn', { username: 'admin-a', password: ADMIN.password });
    await admin.ok('rectifications.report', { id: atA.id, kind: 'progress', text: '仍在联调' });

    expect((await b.ok('sync.now', {})).outcome).toBe('ok');
    expect((await a.ok('sync.now', {})).outcome).toBe('ok');

    const conflicts = await a.ok('sync.conflicts', {});
    expect(conflicts).toEqual([
      expect.objectContaining({
        entity: 'rectification',
        field: 'state',
        reason: 'stale_action',
        resolvedAt: null,
      }),
    ]);
    expect((await a.ok('sync.status', {})).openConflicts).toBe(1);
    // The hub kept the submission; A now shows it too, awaiting the leader's verification.
    expect((await wang.ok('rectifications.get', { id: atA.id })).status).toBe('to_verify');

    const [open] = (await adminCall(hub, 'GET', '/v1/admin/conflicts?open=true')) as {
      id: number;
    }[];
    await adminCall(hub, 'POST', `/v1/admin/conflicts/${open?.id ?? 0}/resolve`, {
      resolution: '以窗口提交为准，联调意见转告责任人',
    });
    await a.ok('sync.now', {});
    expect((await a.ok('sync.status', {})).openConflicts).toBe(0);
    expect((await a.ok('sync.conflicts', {}))[0]?.resolution).toBe(
      '以窗口提交为准，联调意见转告责任人',
    );
  });
});
