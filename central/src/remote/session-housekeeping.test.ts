import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse } from '@shared/hub/protocol';
import { startTestHub, tokenOf, type TestHub } from '../testing/test-hub';
import { SessionHousekeeping } from './session-housekeeping';

const clerk = { username: 'zhangsan', displayName: '张三', role: 'clerk' } as const;
const caseRef = {
  caseId: 5,
  reference: 'QS-2026-00005',
  matterCode: 'SC-001',
  matterName: '食品经营许可',
  department: '县市场监管局',
};

describe('remote session housekeeping', () => {
  let hub: TestHub;
  let township: EnrolResponse;

  beforeAll(async () => {
    hub = await startTestHub();
    township = await hub.enrol('qingshan', '青山镇窗口');
  });
  afterAll(async () => {
    await hub.dispose();
  });

  const open = async (): Promise<{ id: string; participantId: string }> => {
    const opened = await hub.call('POST', '/v1/remote-sessions', {
      token: tokenOf(township),
      body: { caseRef, host: clerk, publicKey: randomBytes(32).toString('base64url') },
    });
    const body = opened.body as { session: { id: string }; participantId: string };
    return { id: body.session.id, participantId: body.participantId };
  };

  it('ends sessions left for half a day with nobody connected, and clears old tokens', async () => {
    const abandoned = await open();
    const fresh = await open();
    await hub.call('POST', `/v1/remote-sessions/${abandoned.id}/relay-tokens`, {
      token: tokenOf(township),
      body: { participantId: abandoned.participantId },
    });
    await hub.db.query(
      `UPDATE remote_sessions SET created_at = now() - interval '13 hours' WHERE id = $1`,
      [abandoned.id],
    );
    await hub.db.query(`UPDATE relay_tokens SET expires_at = now() - interval '2 hours'`);
    const report = await new SessionHousekeeping(hub.db).run();
    expect(report).toEqual({ abandonedSessions: [abandoned.id], removedTokens: 1 });
    const states = await hub.db.query<{ id: string; ended_by: string | null }>(
      `SELECT id, ended_by FROM remote_sessions ORDER BY created_at`,
    );
    expect(states).toEqual([
      { id: abandoned.id, ended_by: '中心（无人连接）' },
      { id: fresh.id, ended_by: null },
    ]);
    // Running again finds nothing more to do.
    expect(await new SessionHousekeeping(hub.db).run()).toEqual({
      abandonedSessions: [],
      removedTokens: 0,
    });
  });
});
