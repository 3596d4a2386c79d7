import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse } from '@shared/hub/protocol';
import {
  SESSION_FILE_CHUNK_BYTES,
  SESSION_FILE_MAX_BYTES,
  type SessionFileState,
} from '@shared/hub/remote';
import { startTestHub, tokenOf, type TestHub } from '../testing/test-hub';

const clerk = { username: 'zhangsan', displayName: '张三', role: 'clerk' } as const;
const expert = { username: 'wang', displayName: '王专家', role: 'remote_expert' } as const;
const caseRef = {
  caseId: 3,
  reference: 'QS-2026-00003',
  matterCode: 'SC-001',
  matterName: '食品经营许可',
  department: '县市场监管局',
};
const publicKey = randomBytes(32).toString('base64url');

describe('files shared in a remote session', () => {
  let hub: TestHub;
  let township: EnrolResponse;
  let expertDesk: EnrolResponse;
  let sessionId: string;
  let hostId: string;

  const call = async (
    terminal: EnrolResponse,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ) => hub.call(method, url, { token: tokenOf(terminal), body });

  beforeAll(async () => {
    hub = await startTestHub();
    township = await hub.enrol('qingshan', '青山镇窗口');
    expertDesk = await hub.enrol('county', '县远程坐席');
    const opened = await call(township, 'POST', '/v1/remote-sessions', {
      caseRef,
      host: clerk,
      publicKey,
    });
    ({ participantId: hostId } = opened.body as { participantId: string });
    sessionId = (opened.body as { session: { id: string } }).session.id;
    const code = (await call(township, 'POST', `/v1/remote-sessions/${sessionId}/join-codes`))
      .body as {
      code: string;
    };
    await call(expertDesk, 'POST', '/v1/remote-sessions/join', {
      code: code.code,
      expert,
      publicKey,
    });
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('resumes an upload where the hub stopped, and hands the same bytes back', async () => {
    const content = randomBytes(SESSION_FILE_CHUNK_BYTES * 2 + 1000);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const created = await call(township, 'POST', `/v1/remote-sessions/${sessionId}/files`, {
      participantId: hostId,
      size: content.length,
      sha256,
    });
    const file = created.body as SessionFileState;
    expect(file).toMatchObject({ received: 0, complete: false });
    const url = `/v1/remote-sessions/${sessionId}/files/${file.fileId}`;
    const put = (offset: number) =>
      call(township, 'POST', `${url}/chunks`, {
        participantId: hostId,
        offset,
        data: content.subarray(offset, offset + SESSION_FILE_CHUNK_BYTES).toString('base64'),
      });
    await put(0);
    // The link dropped: the terminal asks where to go on from, and a repeated chunk is harmless.
    const state = (await call(township, 'GET', url)).body as SessionFileState;
    expect(state.received).toBe(SESSION_FILE_CHUNK_BYTES);
    expect((await put(0)).body).toMatchObject({ received: SESSION_FILE_CHUNK_BYTES });
    const gap = await put(SESSION_FILE_CHUNK_BYTES * 2);
    expect(gap).toMatchObject({ status: 409, body: { path: ['body', 'offset'] } });
    // Not readable until whole.
    expect((await call(expertDesk, 'GET', `${url}/chunks?offset=0`)).status).toBe(409);
    await put(SESSION_FILE_CHUNK_BYTES);
    const done = await put(SESSION_FILE_CHUNK_BYTES * 2);
    expect(done.body).toMatchObject({ complete: true, received: content.length });

    const parts: Buffer[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const chunk = (await call(expertDesk, 'GET', `${url}/chunks?offset=${String(offset)}`))
        .body as { data: string; next: number | null };
      parts.push(Buffer.from(chunk.data, 'base64'));
      offset = chunk.next;
    }
    expect(Buffer.concat(parts).equals(content)).toBe(true);
  });

  it('refuses a file that does not match its hash, one too large, and strangers', async () => {
    const content = randomBytes(1000);
    const created = await call(township, 'POST', `/v1/remote-sessions/${sessionId}/files`, {
      participantId: hostId,
      size: content.length,
      sha256: 'a'.repeat(64),
    });
    const fileId = (created.body as SessionFileState).fileId;
    const bad = await call(
      township,
      'POST',
      `/v1/remote-sessions/${sessionId}/files/${fileId}/chunks`,
      {
        participantId: hostId,
        offset: 0,
        data: content.toString('base64'),
      },
    );
    expect(bad).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
    const huge = await call(township, 'POST', `/v1/remote-sessions/${sessionId}/files`, {
      participantId: hostId,
      size: SESSION_FILE_MAX_BYTES + 1,
      sha256: 'a'.repeat(64),
    });
    expect(huge).toMatchObject({ status: 400, body: { path: ['body', 'size'] } });
    const stranger = await hub.enrol('county', '其他坐席');
    const read = await call(stranger, 'GET', `/v1/remote-sessions/${sessionId}/files/${fileId}`);
    expect(read.status).toBe(403);
    // Nor may the expert's terminal upload in the host's name.
    const impostor = await call(expertDesk, 'POST', `/v1/remote-sessions/${sessionId}/files`, {
      participantId: hostId,
      size: 10,
      sha256: 'a'.repeat(64),
    });
    expect(impostor.status).toBe(403);
  });

  it('keeps nothing once the session ends', async () => {
    await call(township, 'POST', `/v1/remote-sessions/${sessionId}/end`, {
      participantId: hostId,
      actor: clerk,
    });
    expect(await hub.db.query('SELECT 1 FROM session_files')).toEqual([]);
    expect(await hub.db.query('SELECT 1 FROM session_file_chunks')).toEqual([]);
  });
});
