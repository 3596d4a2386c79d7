import { randomUUID } from 'node:crypto';
import { formatHlc, parseHlc, tickHlc } from '@shared/hub/hlc';
import type { Db } from './connection';

export interface OutboxEntry {
  entity: string;
  entityId: string | number;
  operation: string;
  payload: unknown;
  at: string;
}

/**
 * Appends a mutation for the hub. Callers invoke it inside the transaction of the write it
 * describes (transactional outbox), so the two are committed or lost together. The entry takes
 * the next number of the terminal's gap-free sequence and a tick of its hybrid logical clock,
 * in that same transaction.
 */
export function appendOutbox(db: Db, entry: OutboxEntry): void {
  const state = db
    .prepare('SELECT node, hlc, next_seq AS seq FROM sync_state WHERE id = 1')
    .get() as { node: string; hlc: string; seq: number } | undefined;
  if (!state) throw new Error('sync_state is missing: the store is not migrated');
  const hlc = formatHlc(tickHlc(parseHlc(state.hlc), Date.parse(entry.at), state.node));
  db.prepare('UPDATE sync_state SET hlc = ?, next_seq = next_seq + 1 WHERE id = 1').run(hlc);
  db.prepare(
    `INSERT INTO outbox (seq, idempotency_key, entity, entity_id, operation, payload, hlc, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    state.seq,
    randomUUID(),
    entry.entity,
    String(entry.entityId),
    entry.operation,
    JSON.stringify(entry.payload),
    hlc,
    entry.at,
  );
}
