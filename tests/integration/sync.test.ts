import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../central/src/testing/test-hub';
import { ADMIN, openTestEngine, type TestEngine } from '../support/engine-harness';

/**
 * Two terminals and a hub over real HTTP on loopback: enrolment, the hall's users and units
 * travelling between them, knowledge published ahead of its effective date, an unreachable hub,
 * a revoked terminal.
 */
let hub: TestHub;
let hubUrl: string;
const terminals: TestEngine[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  await hub.call('POST', '/v1/admin/halls', {
    token: hub.adminToken,
    body: { id: 'qingshan', name: '青山县政务服务中心' },
  });
  hubUrl = await hub.hub.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  for (const terminal of terminals) terminal.close();
  await hub.dispose();
});

async function issueCode(): Promise<string> {
  const issued = await hub.call('POST', '/v1/admin/enrolment-codes', {
    token: hub.adminToken,
    body: { hallId: 'qingshan' },
  });
  return (issued.body as { code: string }).code;
}

/** Syncing on its own, but with retries an hour apart: the tests drive each run. */
const slowSchedule = {
  auto: true,
  schedule: { intervalMs: 3_600_000, minBackoffMs: 3_600_000, maxBackoffMs: 3_600_000 },
};

async function enrolledTerminal(
  name: string,
  admin: { username: string; displayName: string; password: string } = ADMIN,
  sync: typeof slowSchedule = slowSchedule,
): Promise<TestEngine> {
  const terminal = openTestEngine({ sync });
  terminals.push(terminal);
  await terminal.engine.syncReady;
  await terminal.ok('setup.createAdmin', { hallName: '青山县政务服务中心', ...admin });
  const status = await terminal.ok('sync.enrol', {
    hubUrl,
    code: await issueCode(),
    terminalName: name,
  });
  expect(status).toMatchObject({ state: 'idle', pending: 0, terminal: { hallId: 'qingshan' } });
  return terminal;
}

describe('sync between terminals and a hub', () => {
  let one: TestEngine;
  let two: TestEngine;

  it('enrols with a one-time code, which then no longer works', async () => {
    one = await enrolledTerminal('1号窗口');
    two = await enrolledTerminal('2号窗口', { ...ADMIN, username: 'admin2' });
    const code = await issueCode();
    const other = openTestEngine();
    terminals.push(other);
    await other.engine.syncReady;
    await other.ok('setup.createAdmin', { hallName: '青山县', ...ADMIN });
    await other.ok('sync.enrol', { hubUrl, code, terminalName: '3号窗口' });
    // Its own "admin" met the hall's: the hall keeps its account, and says so.
    const conflicts = await hub.call('GET', '/v1/admin/conflicts?open=true', {
      token: hub.adminToken,
    });
    expect(conflicts.body).toEqual([
      expect.objectContaining({ entity: 'user', reason: 'duplicate_account', field: null }),
    ]);
    expect(JSON.stringify(conflicts.body)).not.toContain('argon2');
    // Its admin now has the hall's account, password included: signed out, and back in with it.
    expect(await other.call('sync.status', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const again = other.connect();
    await again.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    await again.ok('sync.leave', {});
    const reused = await again.call('sync.enrol', { hubUrl, code, terminalName: '3号窗口' });
    expect(reused).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', path: ['code'] } });
  });

  it('carries a user created on one terminal to the other, who signs in there', async () => {
    await one.ok('users.create', {
      username: 'zhangsan',
      displayName: '张三',
      role: 'clerk',
      password: 'Qingshan#2026',
    });
    // No "sync now": an online terminal sends a new write within seconds on its own.
    expect(
      one.events.some(
        (event) =>
          event.event === 'sync.status' && (event.payload as { pending: number }).pending > 0,
      ),
    ).toBe(true);
    await expect
      .poll(
        async () =>
          (
            await hub.db.query(
              "SELECT 1 FROM records WHERE entity = 'user' AND entity_key = 'qingshan/zhangsan'",
            )
          ).length,
        { timeout: 15_000 },
      )
      .toBe(1);
    const run = await two.ok('sync.now', {});
    expect(run).toMatchObject({ outcome: 'ok' });
    expect(run.pulled).toBeGreaterThanOrEqual(2);
    const signIn = await two.connect().ok('auth.signIn', {
      username: 'zhangsan',
      password: 'Qingshan#2026',
    });
    expect(signIn.user).toMatchObject({ username: 'zhangsan', displayName: '张三', role: 'clerk' });
  });

  it('keeps working without the hub, and sends what waited once it is back', async () => {
    await one.ok('sync.setHubUrl', { hubUrl: 'http://127.0.0.1:9' });
    await one.ok('users.create', {
      username: 'lisi',
      displayName: '李四',
      role: 'clerk',
      password: 'Qingshan#2026',
    });
    const offline = await one.ok('sync.now', {});
    expect(offline).toMatchObject({ outcome: 'offline', problem: { code: 'HUB_UNREACHABLE' } });
    const status = await one.ok('sync.status', {});
    expect(status).toMatchObject({ state: 'offline', pending: 1 });
    expect(status.problem?.message.zh).toContain('无法连接中心');
    expect(status.nextAttemptAt).not.toBeNull();

    await one.ok('sync.setHubUrl', { hubUrl });
    expect(await one.ok('sync.now', {})).toMatchObject({ outcome: 'ok', pushed: 1 });
    expect(await one.ok('sync.status', {})).toMatchObject({ state: 'idle', pending: 0 });
    const history = await one.ok('sync.history', { limit: 10 });
    expect(history.map((run) => run.outcome).slice(0, 2)).toEqual(['ok', 'offline']);
  });

  it('retries an unreachable hub on its own, still showing 离线 while it tries', async () => {
    const quick = {
      auto: true,
      schedule: { intervalMs: 3_600_000, minBackoffMs: 30, maxBackoffMs: 60 },
    };
    const three = await enrolledTerminal('3号窗口', { ...ADMIN, username: 'admin3' }, quick);
    await three.ok('sync.setHubUrl', { hubUrl: 'http://127.0.0.1:9' });
    await three.ok('sync.now', {});
    const seen = three.events.length;
    await expect
      .poll(async () => (await three.ok('sync.history', { limit: 10 })).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(5);
    const history = await three.ok('sync.history', { limit: 3 });
    expect(history.map((run) => [run.trigger, run.outcome])).toEqual([
      ['auto', 'offline'],
      ['auto', 'offline'],
      ['auto', 'offline'],
    ]);
    // Every status the background retries announced still reads 离线, never "syncing".
    const states = three.events
      .slice(seen)
      .filter((event) => event.event === 'sync.status')
      .map((event) => (event.payload as { state: string }).state);
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['offline']));

    await three.ok('sync.setHubUrl', { hubUrl });
    await expect
      .poll(async () => (await three.ok('sync.history', { limit: 1 }))[0]?.outcome, {
        timeout: 15_000,
      })
      .toBe('ok');
    expect(await three.ok('sync.status', {})).toMatchObject({ state: 'idle', problem: null });
  });

  it('locks a revoked terminal out', async () => {
    const terminalId = (await two.ok('sync.status', {})).terminal?.id ?? '';
    await hub.call('POST', `/v1/admin/terminals/${terminalId}/revoke`, { token: hub.adminToken });
    const run = await two.ok('sync.now', {});
    expect(run).toMatchObject({ outcome: 'failed', problem: { code: 'TERMINAL_REVOKED' } });
    expect(await two.ok('sync.status', {})).toMatchObject({ state: 'revoked' });
  });
  it('takes knowledge published ahead of its effective date, and applies it on that date', async () => {
    const published = await hub.call('POST', '/v1/admin/knowledge', {
      token: hub.adminToken,
      body: {
        fileName: 'new-matter.json',
        content: JSON.stringify({
          format: 'bangban-knowledge',
          formatVersion: 1,
          matters: [
            {
              code: 'QS-NEW01',
              version: 1,
              effectiveFrom: '2026-12-01',
              name: '农村宅基地使用权申请',
              department: '县农业农村局',
              level: 'county',
              subjectKind: 'person',
              promisedDays: 20,
              legalBasis: ['《土地管理法》'],
              materials: [{ code: 'M01', name: '宅基地申请表' }],
            },
          ],
        }),
      },
    });
    expect(published.body).toMatchObject({ matters: 1 });
    await one.ok('sync.now', {});
    const before = await one.ok('matters.search', { query: '宅基地' });
    expect(before).toEqual([]);
    one.clock.advanceMinutes(11 * 24 * 60);
    const later = one.connect();
    await later.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const after = await later.ok('matters.search', { query: '宅基地' });
    expect(after.map((matter) => matter.code)).toEqual(['QS-NEW01']);
  });
});
