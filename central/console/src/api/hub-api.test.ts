import { describe, expect, it } from 'vitest';
import { HubApi, HubCallError } from './hub-api';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A hub that answers every request with one canned response, and remembers what it was sent. */
function fakeHub(status: number, answer: unknown, token = 'tok') {
  const sent: Sent[] = [];
  let lost = 0;
  const api = new HubApi({
    baseUrl: 'http://hub.test',
    token: () => token,
    onSessionLost: () => {
      lost += 1;
    },
    fetch: (input, init) => {
      sent.push({
        url: input instanceof URL ? input.href : typeof input === 'string' ? input : input.url,
        method: init?.method ?? 'GET',
        headers: (init?.headers ?? {}) as Record<string, string>,
        body: typeof init?.body === 'string' ? init.body : undefined,
      });
      return Promise.resolve(
        new Response(answer === undefined ? '' : JSON.stringify(answer), { status }),
      );
    },
  });
  return { api, sent, lost: () => lost };
}

const terminal = {
  id: 't_abcdefghij12',
  hallId: 'qingshan-county',
  hallName: '青山县政务服务中心',
  name: '一楼 3 号窗口',
  hostname: 'win-03',
  appVersion: '0.1.0',
  enrolledAt: '2026-05-03T08:00:00.000Z',
  revokedAt: '2026-05-04T08:00:00.000Z',
  revokedBy: 'root',
  lastSeq: 12,
  lastSeenAt: null,
};

describe('HubApi', () => {
  it('fills path parameters, sends the bearer token and no body where the route has none', async () => {
    const hub = fakeHub(200, terminal);
    const row = await hub.api.call('revokeTerminal', { params: { id: terminal.id } });
    expect(row.revokedBy).toBe('root');
    expect(hub.sent[0]).toMatchObject({
      url: `http://hub.test/v1/admin/terminals/${terminal.id}/revoke`,
      method: 'POST',
      body: undefined,
    });
    expect(hub.sent[0]?.headers.authorization).toBe('Bearer tok');
    expect(hub.sent[0]?.headers['content-type']).toBeUndefined();
  });

  it('puts the query in the address, leaving out what is not given', async () => {
    const hub = fakeHub(200, []);
    await hub.api.call('records', { query: { entity: 'walk' } });
    await hub.api.call('conflicts', { query: { open: 'false' } });
    await hub.api.call('conflicts', {});
    expect(hub.sent.map((request) => request.url)).toEqual([
      'http://hub.test/v1/admin/records?entity=walk&limit=200',
      'http://hub.test/v1/admin/conflicts?open=false',
      'http://hub.test/v1/admin/conflicts',
    ]);
  });

  it('sends a body as JSON after the route schema applied its defaults', async () => {
    const hub = fakeHub(200, {
      code: 'ABCDE-FGHJK',
      hallId: 'qingshan-county',
      expiresAt: '2026-05-04T08:00:00.000Z',
    });
    await hub.api.call('createEnrolmentCode', { body: { hallId: 'qingshan-county' } });
    expect(JSON.parse(hub.sent[0]?.body ?? '')).toEqual({
      hallId: 'qingshan-county',
      note: '',
      validHours: 24,
    });
    expect(hub.sent[0]?.headers['content-type']).toBe('application/json');
  });

  it('refuses bad input before sending, with the field path', async () => {
    const hub = fakeHub(200, {});
    const error = await hub.api
      .call('createHall', { body: { id: 'Not A Hall Id', name: '青山' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubCallError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', path: ['body', 'id'] });
    expect(hub.sent).toHaveLength(0);
  });

  it("raises the hub's typed error with its message and path", async () => {
    const hub = fakeHub(400, {
      code: 'INVALID_INPUT',
      message: { zh: '事项编码重复', en: 'Duplicate matter code' },
      path: ['body', 'content', 'matters', 1, 'code'],
    });
    const error = await hub.api
      .call('publishKnowledge', { body: { fileName: 'a.yaml', content: 'x: 1' } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      status: 400,
      localized: { zh: '事项编码重复', en: 'Duplicate matter code' },
      path: ['body', 'content', 'matters', 1, 'code'],
    });
    expect(hub.lost()).toBe(0);
  });

  it('ends the session when the hub no longer takes the token, but not for a failed sign-in', async () => {
    const refusal = {
      code: 'UNAUTHENTICATED',
      message: { zh: '未认证', en: 'Not authenticated' },
      path: [],
    };
    const hub = fakeHub(401, refusal);
    await expect(hub.api.call('halls', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(hub.lost()).toBe(1);
    await expect(
      hub.api.call('adminSignIn', { body: { username: 'root', password: 'wrong' } }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(hub.lost()).toBe(1);
  });

  it('refuses an answer the route table does not allow', async () => {
    const hub = fakeHub(200, [{ id: 'qingshan-county' }]);
    await expect(hub.api.call('halls', {})).rejects.toMatchObject({ code: 'BAD_ANSWER' });
  });

  it('says so when the hub cannot be reached or answers with no error body', async () => {
    const offline = new HubApi({
      baseUrl: 'http://hub.test',
      token: () => undefined,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(offline.call('health', {})).rejects.toMatchObject({ code: 'UNREACHABLE' });
    const proxy = fakeHub(502, undefined);
    await expect(proxy.api.call('halls', {})).rejects.toMatchObject({
      code: 'INTERNAL',
      status: 502,
    });
  });

  it('types each route: its required parts must be given', () => {
    const { api } = fakeHub(200, []);
    const calls = [
      // @ts-expect-error the records route needs its entity
      () => api.call('records', {}),
      // @ts-expect-error revoking needs the terminal's id
      () => api.call('revokeTerminal', {}),
      // @ts-expect-error halls takes no body
      () => api.call('halls', { body: { id: 'x' } }),
    ];
    expect(calls).toHaveLength(3);
  });
});
