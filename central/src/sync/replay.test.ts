import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse, Mutation } from '@shared/hub/protocol';
import type { HubDb } from '../db/hub-db';
import { mutation, startTestHub, tokenOf, type TestHub } from '../testing/test-hub';

/**
 * Exactly once, whatever the network does: every push replayed three times and in random order
 * leaves a hub in the same state as the pushes sent once, in order.
 */
let inOrder: TestHub;
let replayed: TestHub;
let terminal: EnrolResponse;

beforeAll(async () => {
  inOrder = await startTestHub();
  replayed = await startTestHub();
  terminal = await inOrder.enrol();
  // The same terminal on both hubs: its row (and so its credentials) copied across.
  await replayed.db.query(
    "INSERT INTO halls (id, name) VALUES ('qingshan', 'qingshan 政务服务中心')",
  );
  const [row] = await inOrder.db.query(
    'SELECT id, hall_id, name, hostname, app_version, secret_hash, package_key, enrolled_at FROM terminals',
  );
  if (!row) throw new Error('no terminal');
  await replayed.db.query(
    `INSERT INTO terminals (id, hall_id, name, hostname, app_version, secret_hash, package_key, enrolled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    Object.values(row),
  );
});
afterAll(async () => {
  await inOrder.dispose();
  await replayed.dispose();
});

/** A day at a window: gaps, a unit, a walk, a finding with its rectification through its states. */
function batches(): Mutation[][] {
  let seq = 0;
  const next = (entity: string, id: string, operation: string, payload: Record<string, unknown>) =>
    mutation((seq += 1), entity, id, operation, payload);
  const unit = {
    uid: 'u-1',
    name: '县市场监管局',
    kind: 'department',
    department: '市场',
    leaders: [],
    matters: [],
  };
  const rect = (state: string, extra: Record<string, unknown> = {}) => ({
    uid: 'r-1',
    finding: 'f-1',
    action: '精简材料',
    ownerUnit: 'u-1',
    ownerPerson: '张三',
    dueDate: '2026-12-01',
    state,
    closedAt: null,
    ...extra,
  });
  return [
    [next('unit', 'u-1', 'create', unit), next('knowledge_gap', '1', 'raise', { question: '甲' })],
    [next('walk', 'w-1', 'start', { uid: 'w-1', status: 'in_progress' })],
    [
      next('finding', 'f-1', 'create', { uid: 'f-1', walk: 'w-1', category: 'long_wait' }),
      next('rectification', 'r-1', 'create', rect('pending')),
    ],
    [next('rectification', 'r-1', 'progress', rect('in_progress', { note: '已着手' }))],
    [next('unit', 'u-1', 'update', { ...unit, name: '县市场监督管理局' })],
    [
      next('rectification', 'r-1', 'submit', rect('to_verify', { note: '已完成' })),
      next('walk', 'w-1', 'finish', { uid: 'w-1', status: 'finished' }),
    ],
    [next('rectification', 'r-1', 'verify', rect('closed', { closedAt: '2026-11-21T09:00:00Z' }))],
    // A stale action: progress on what is already closed becomes a recorded conflict.
    [next('rectification', 'r-1', 'progress', rect('in_progress', { note: '迟到的进展' }))],
    [
      next('knowledge_gap', '2', 'raise', { question: '乙' }),
      next('user', 'zhang', 'create', {
        username: 'zhang',
        displayName: '张',
        role: 'clerk',
        passwordHash: 'h',
        disabled: false,
      }),
    ],
  ];
}

async function state(db: HubDb): Promise<unknown> {
  return {
    records: await db.query(
      'SELECT entity, entity_key, hall_id, owner_terminal, hlc, field_hlcs, data FROM records ORDER BY entity, entity_key',
    ),
    mutations: await db.query(
      'SELECT seq, idempotency_key, payload_hash, outcome FROM mutations ORDER BY seq',
    ),
    changes: await db.query(
      `SELECT stream, scope, key, op, hlc, data FROM changes WHERE NOT superseded
        AND stream <> 'conflicts' ORDER BY stream, key`,
    ),
    conflicts: await db.query(
      'SELECT entity, entity_key, field, reason, theirs, ours FROM conflicts ORDER BY seq',
    ),
    lastSeq: await db.query('SELECT last_seq FROM terminals'),
  };
}

describe('replayed pushes', () => {
  it('three times over and out of order leave the hub as one in-order push does', async () => {
    const all = batches();
    for (const batch of all) {
      const response = await inOrder.call('POST', '/v1/sync/push', {
        token: tokenOf(terminal),
        body: { mutations: batch },
      });
      expect(response.status).toBe(200);
    }

    const copies = [...all, ...all, ...all];
    let random = 20261121;
    const shuffled = copies
      .map((batch) => ({ batch, order: (random = (random * 48271) % 2147483647) }))
      .sort((a, b) => a.order - b.order)
      .map(({ batch }) => batch);
    const total = all.flat().length;
    let refused = 0;
    for (let pass = 0; pass < all.length; pass += 1)
      for (const batch of shuffled) {
        const response = await replayed.call('POST', '/v1/sync/push', {
          token: tokenOf(terminal),
          body: { mutations: batch },
        });
        if (response.status !== 200) {
          expect(response.body).toMatchObject({ code: 'SEQUENCE_GAP' });
          refused += 1;
        }
      }
    expect(refused).toBeGreaterThan(0);
    const replayedState = await state(replayed.db);
    expect(replayedState).toMatchObject({ lastSeq: [{ last_seq: total }] });
    expect(replayedState).toEqual(await state(inOrder.db));
    expect((replayedState as { conflicts: unknown[] }).conflicts).toHaveLength(1);
  });
});
