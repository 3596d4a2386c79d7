import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse, PushResponse } from '@shared/hub/protocol';
import { mutation, startTestHub, tokenOf, type TestHub } from '../testing/test-hub';

let hub: TestHub;
let terminal: EnrolResponse;

beforeAll(async () => {
  hub = await startTestHub();
  terminal = await hub.enrol();
});
afterAll(async () => {
  await hub.dispose();
});

const push = (mutations: unknown[], as: EnrolResponse = terminal) =>
  hub.call('POST', '/v1/sync/push', { token: tokenOf(as), body: { mutations } });

async function mutationCount(terminalId: string): Promise<number> {
  const rows = await hub.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM mutations WHERE terminal_id = $1',
    [terminalId],
  );
  return rows[0]?.n ?? -1;
}

describe('push', () => {
  it('applies a batch in order once, and acknowledges its replay without applying it again', async () => {
    const batch = [
      mutation(1, 'knowledge_gap', '7', 'raise', { question: '营业执照遗失怎么补办？' }),
      mutation(2, 'knowledge_gap', '7', 'close', { resolution: '已补充问答' }),
      mutation(3, 'walk', 'w-1', 'start', { uid: 'w-1', status: 'in_progress' }),
    ];
    const first = await push(batch);
    expect(first.status).toBe(200);
    expect((first.body as PushResponse).lastSeq).toBe(3);
    expect((first.body as PushResponse).results.map((r) => r.outcome)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);

    const replay = await push(batch);
    expect(replay.status).toBe(200);
    expect((replay.body as PushResponse).results.map((r) => r.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(await mutationCount(terminal.terminalId)).toBe(3);
    const gap = await hub.db.query<{ data: { question: string; resolution: string } }>(
      "SELECT data FROM records WHERE entity = 'knowledge_gap' AND entity_key = $1",
      [`${terminal.terminalId}/7`],
    );
    expect(gap[0]?.data).toMatchObject({
      question: '营业执照遗失怎么补办？',
      resolution: '已补充问答',
    });
  });

  it('accepts a batch that overlaps what was applied and continues it', async () => {
    const before = await mutationCount(terminal.terminalId);
    const rows = await hub.db.query<{ seq: number; idempotency_key: string; payload: never }>(
      'SELECT seq, idempotency_key, payload FROM mutations WHERE terminal_id = $1 AND seq = 3',
      [terminal.terminalId],
    );
    expect(rows).toHaveLength(1);
    // The terminal lost the acknowledgement of seq 3: it sends 3 again with 4.
    const three = await hub.db.query<{
      hlc: string;
      at: Date;
      entity: string;
      entity_id: string;
      operation: string;
    }>(
      'SELECT hlc, at, entity, entity_id, operation FROM mutations WHERE terminal_id = $1 AND seq = 3',
      [terminal.terminalId],
    );
    const row = three[0];
    if (!row || !rows[0]) throw new Error('seq 3 missing');
    const resend = {
      seq: 3,
      key: rows[0].idempotency_key,
      entity: row.entity,
      entityId: row.entity_id,
      operation: row.operation,
      hlc: row.hlc,
      at: new Date(row.at).toISOString(),
      payload: rows[0].payload,
    };
    const response = await push([
      resend,
      mutation(4, 'walk', 'w-1', 'finish', { status: 'finished' }),
    ]);
    expect(response.status).toBe(200);
    expect((response.body as PushResponse).results.map((r) => r.outcome)).toEqual([
      'duplicate',
      'applied',
    ]);
    expect(await mutationCount(terminal.terminalId)).toBe(before + 1);
  });

  it('refuses a reused key with another payload, and applies nothing of that batch', async () => {
    const first = mutation(5, 'knowledge_gap', '8', 'raise', { question: 'A' });
    expect((await push([first])).status).toBe(200);
    const tampered = { ...first, payload: { question: 'B' } };
    const response = await push([
      tampered,
      mutation(6, 'knowledge_gap', '9', 'raise', { question: 'C' }),
    ]);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      path: ['body', 'mutations', 0],
    });
    expect(await mutationCount(terminal.terminalId)).toBe(5);
  });

  it('refuses the same key under a new number', async () => {
    const reused = mutation(6, 'knowledge_gap', '8', 'raise', { question: 'A' });
    const original = await hub.db.query<{ idempotency_key: string }>(
      'SELECT idempotency_key FROM mutations WHERE terminal_id = $1 AND seq = 5',
      [terminal.terminalId],
    );
    const response = await push([{ ...reused, key: original[0]?.idempotency_key }]);
    expect(response.body).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });

  it('refuses a gap in the sequence and says where to resume', async () => {
    const response = await push([mutation(9, 'knowledge_gap', '10', 'raise', { question: 'D' })]);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'SEQUENCE_GAP', expectedSeq: 6 });
  });

  it('answers malformed batches with a typed error and a field path', async () => {
    const response = await push([{ seq: 0, key: 'nope' }]);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_INPUT' });
    expect((response.body as { path: unknown[] }).path.slice(0, 3)).toEqual([
      'body',
      'mutations',
      0,
    ]);
    const notConsecutive = await push([
      mutation(6, 'knowledge_gap', '1', 'raise', {}),
      mutation(8, 'knowledge_gap', '2', 'raise', {}),
    ]);
    expect(notConsecutive.body).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['body', 'mutations', 1, 'seq'],
    });
  });

  it('keeps each terminal to its own records: another terminal writing a walk is a conflict', async () => {
    const other = await hub.enrol('qingshan', '2号窗口');
    const response = await push(
      [mutation(1, 'walk', 'w-1', 'finish', { status: 'abandoned' })],
      other,
    );
    expect((response.body as PushResponse).results[0]?.outcome).toBe('conflict');
    const walk = await hub.db.query<{ data: { status: string } }>(
      "SELECT data FROM records WHERE entity = 'walk' AND entity_key = 'w-1'",
    );
    expect(walk[0]?.data.status).toBe('finished');
    const conflicts = await hub.call('GET', '/v1/admin/conflicts?open=true', {
      token: hub.adminToken,
    });
    expect(conflicts.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entity: 'walk',
          entityKey: 'w-1',
          reason: 'owned_by_other_terminal',
        }),
      ]),
    );
  });
});
