import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse } from '@shared/hub/protocol';
import {
  MAX_FAILED_JOINS,
  MAX_FAILED_JOINS_PER_ADDRESS,
  joinCodeSchema,
  type HelpRequest,
  type RemoteSessionRecord,
} from '@shared/hub/remote';
import { availableBackends, startTestHub, tokenOf, type TestHub } from '../testing/test-hub';

const clerk = { username: 'zhangsan', displayName: '张三', role: 'clerk' } as const;
const expert = { username: 'wang', displayName: '王专家', role: 'remote_expert' } as const;
const caseRef = {
  caseId: 9,
  reference: 'QS-2026-00009',
  matterCode: 'SC-001',
  matterName: '食品经营许可',
  department: '县市场监管局',
};
const publicKey = randomBytes(32).toString('base64url');

interface Opened {
  session: RemoteSessionRecord;
  participantId: string;
}

describe.each(availableBackends())('remote sessions on %s', (backend) => {
  let hub: TestHub;
  let township: EnrolResponse;
  let expertDesk: EnrolResponse;

  beforeAll(async () => {
    hub = await startTestHub(backend);
    township = await hub.enrol('qingshan', '青山镇便民服务窗口');
    expertDesk = await hub.enrol('county', '市场监管局远程坐席');
  });
  afterAll(async () => {
    await hub.dispose();
  });

  const post = (terminal: EnrolResponse, url: string, body?: unknown, ip = '10.0.0.1') =>
    hub.hub.app
      .inject({
        method: 'POST',
        url,
        remoteAddress: ip,
        headers: { authorization: `Bearer ${tokenOf(terminal)}` },
        ...(body === undefined ? {} : { payload: body as object }),
      })
      .then((response) => ({ status: response.statusCode, body: response.json<unknown>() }));

  async function open(): Promise<Opened> {
    const opened = await post(township, '/v1/remote-sessions', { caseRef, host: clerk, publicKey });
    expect(opened.status).toBe(200);
    return opened.body as Opened;
  }

  async function joinCode(sessionId: string): Promise<string> {
    const issued = await post(township, `/v1/remote-sessions/${sessionId}/join-codes`);
    return (issued.body as { code: string }).code;
  }

  it('issues join codes of 50 bits that work once, and only for ten minutes', async () => {
    const { session } = await open();
    const code = await joinCode(session.id);
    // Ten Crockford base32 characters: 32^10 = 2^50 codes.
    expect(joinCodeSchema.parse(code)).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const joined = await post(expertDesk, '/v1/remote-sessions/join', { code, expert, publicKey });
    expect(joined.status).toBe(200);
    expect((joined.body as Opened).session.participants.map((p) => p.role)).toEqual([
      'host',
      'expert',
    ]);
    const again = await post(
      expertDesk,
      '/v1/remote-sessions/join',
      { code, expert, publicKey },
      '10.0.0.2',
    );
    expect(again).toMatchObject({
      status: 400,
      body: { code: 'JOIN_CODE_INVALID', path: ['body', 'code'] },
    });

    const late = await joinCode(session.id);
    await hub.db.query(
      `UPDATE join_codes SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`,
    );
    const expired = await post(
      expertDesk,
      '/v1/remote-sessions/join',
      { code: late, expert, publicKey },
      '10.0.0.2',
    );
    expect(expired.body).toMatchObject({ code: 'JOIN_CODE_INVALID' });
  });

  it('lets a terminal type five wrong codes in ten minutes, then not even the right one', async () => {
    const { session } = await open();
    const code = await joinCode(session.id);
    const clumsy = await hub.enrol('county', '县人社局远程坐席');
    for (let attempt = 0; attempt < MAX_FAILED_JOINS; attempt += 1) {
      const wrong = await post(
        clumsy,
        '/v1/remote-sessions/join',
        { code: 'ABCDE-FGHJK', expert, publicKey },
        '10.0.0.9',
      );
      expect(wrong.body).toMatchObject({ code: 'JOIN_CODE_INVALID' });
    }
    const blocked = await post(
      clumsy,
      '/v1/remote-sessions/join',
      { code, expert, publicKey },
      '10.0.0.9',
    );
    expect(blocked).toMatchObject({ status: 429, body: { code: 'TRY_LATER' } });
    // A colleague behind the same address (a hall's NAT) is not held back, and the code was not
    // spent by the blocked attempt.
    const colleague = await hub.enrol('county', '县公安局远程坐席');
    const joined = await post(
      colleague,
      '/v1/remote-sessions/join',
      { code, expert, publicKey },
      '10.0.0.9',
    );
    expect(joined.status).toBe(200);
  });

  it('holds back an address whose terminals typed many wrong codes', async () => {
    const { session } = await open();
    const code = await joinCode(session.id);
    await hub.db.query(
      `INSERT INTO join_failures (address, terminal_id)
       SELECT '10.0.0.77', 'tm-' || n FROM generate_series(1, $1::int) AS n`,
      [MAX_FAILED_JOINS_PER_ADDRESS],
    );
    const fresh = await hub.enrol('county', '县税务局远程坐席');
    const blocked = await post(
      fresh,
      '/v1/remote-sessions/join',
      { code, expert, publicKey },
      '10.0.0.77',
    );
    expect(blocked).toMatchObject({ status: 429, body: { code: 'TRY_LATER' } });
  });

  it('takes only remote experts', async () => {
    const { session } = await open();
    const code = await joinCode(session.id);
    const refused = await post(
      expertDesk,
      '/v1/remote-sessions/join',
      { code, expert: clerk, publicKey },
      '10.0.0.3',
    );
    expect(refused).toMatchObject({ status: 403, body: { path: ['body', 'expert', 'role'] } });
  });

  it('lets the expert who took a help request in without a code, once the clerk opens the window', async () => {
    const raised = await post(township, '/v1/help-requests', {
      caseRef,
      question: '许可证上的经营项目怎么填？',
      urgency: 'urgent',
      requester: clerk,
    });
    const request = raised.body as HelpRequest;
    const early = await post(township, '/v1/remote-sessions', {
      caseRef,
      host: clerk,
      publicKey,
      helpRequestId: request.id,
    });
    expect(early.status).toBe(409);
    await post(expertDesk, `/v1/help-requests/${request.id}/claim`, { expert });
    const asked = await post(expertDesk, `/v1/help-requests/${request.id}/ask-session`, { expert });
    expect((asked.body as HelpRequest).sessionAskedAt).not.toBeNull();
    const notYet = await post(expertDesk, '/v1/remote-sessions/join', {
      helpRequestId: request.id,
      expert,
      publicKey,
    });
    expect(notYet.status).toBe(409);

    const opened = await post(township, '/v1/remote-sessions', {
      caseRef,
      host: clerk,
      publicKey,
      helpRequestId: request.id,
    });
    const lost = (opened.body as Opened).session;
    // Opened again (the clerk's engine restarted, and its keys died with it): a new session takes
    // the request's place, and the lost one is over.
    const twice = await post(township, '/v1/remote-sessions', {
      caseRef,
      host: clerk,
      publicKey,
      helpRequestId: request.id,
    });
    const session = (twice.body as Opened).session;
    expect(session.id).not.toBe(lost.id);
    const lostNow = await hub.call('GET', `/v1/remote-sessions/${lost.id}`, {
      token: tokenOf(township),
    });
    expect(lostNow.body).toMatchObject({ state: 'ended', endedBy: '张三' });
    const joined = await post(expertDesk, '/v1/remote-sessions/join', {
      helpRequestId: request.id,
      expert,
      publicKey,
    });
    expect((joined.body as Opened).session.id).toBe(session.id);
    const mine = await hub.call('GET', `/v1/help-requests/${request.id}`, {
      token: tokenOf(township),
    });
    expect((mine.body as HelpRequest).sessionId).toBe(session.id);

    // Either side ends it for both; the hub keeps who ended it and when.
    const ended = await post(expertDesk, `/v1/remote-sessions/${session.id}/end`, {
      participantId: (joined.body as Opened).participantId,
      actor: expert,
    });
    expect(ended.body).toMatchObject({ state: 'ended', endedBy: '王专家' });
    expect((ended.body as RemoteSessionRecord).participants.every((p) => p.leftAt !== null)).toBe(
      true,
    );
    // The request says its window ended, so nobody is offered to join it again.
    const after = await hub.call('GET', `/v1/help-requests/${request.id}`, {
      token: tokenOf(township),
    });
    expect(after.body).toMatchObject({ sessionId: session.id, sessionEnded: true });
    const code = await post(township, `/v1/remote-sessions/${session.id}/join-codes`);
    expect(code).toMatchObject({ status: 410, body: { code: 'SESSION_ENDED' } });

    // 再次打开: the request gets a new window, which its expert joins.
    const reopened = await post(township, '/v1/remote-sessions', {
      caseRef,
      host: clerk,
      publicKey,
      helpRequestId: request.id,
    });
    expect(reopened.status).toBe(200);
    const next = (reopened.body as Opened).session;
    const rejoined = await post(expertDesk, '/v1/remote-sessions/join', {
      helpRequestId: request.id,
      expert,
      publicKey,
    });
    expect((rejoined.body as Opened).session.id).toBe(next.id);
    const latest = await hub.call('GET', `/v1/help-requests/${request.id}`, {
      token: tokenOf(township),
    });
    expect(latest.body).toMatchObject({ sessionId: next.id, sessionEnded: false });
  });

  it('seats an expert who joins again once: the earlier seat is left', async () => {
    const { session } = await open();
    for (const attempt of [1, 2]) {
      const code = await joinCode(session.id);
      const joined = await post(
        expertDesk,
        '/v1/remote-sessions/join',
        { code, expert, publicKey: randomBytes(32).toString('base64url') },
        `10.0.1.${String(attempt)}`,
      );
      expect(joined.status).toBe(200);
    }
    const read = await hub.call('GET', `/v1/remote-sessions/${session.id}`, {
      token: tokenOf(township),
    });
    const experts = (read.body as RemoteSessionRecord).participants.filter(
      (p) => p.role === 'expert',
    );
    expect(experts.map((p) => p.leftAt === null)).toEqual([false, true]);
  });

  it('lists sessions for the hub’s administrator, open ones first', async () => {
    const open = await hub.call('GET', '/v1/admin/remote-sessions?open=true', {
      token: hub.adminToken,
    });
    const sessions = open.body as RemoteSessionRecord[];
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((session) => session.state === 'open')).toBe(true);
    // Each with its own participants: exactly one host apiece.
    expect(
      sessions.map((session) => session.participants.filter((p) => p.role === 'host').length),
    ).toEqual(sessions.map(() => 1));
    const ended = await hub.call('GET', '/v1/admin/remote-sessions?open=false', {
      token: hub.adminToken,
    });
    const endedByExpert = (ended.body as RemoteSessionRecord[]).find(
      (session) => session.endedBy === '王专家',
    );
    expect(endedByExpert?.participants.map((p) => [p.role, p.displayName])).toEqual([
      ['host', expect.any(String)],
      ['expert', '王专家'],
    ]);
  });

  it('shows a session only to the terminals in it', async () => {
    const { session } = await open();
    const stranger = await hub.enrol('county', '其他坐席');
    const read = await hub.call('GET', `/v1/remote-sessions/${session.id}`, {
      token: tokenOf(stranger),
    });
    expect(read.status).toBe(403);
  });
});
