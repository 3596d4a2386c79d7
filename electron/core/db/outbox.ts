import { randomUUID } from 'node:crypto';
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
 * describes (transactional outbox), so the two are committed or lost together.
 */
export function appendOutbox(db: Db, entry: OutboxEntry): void {
  db.prepare(
    `INSERT INTO outbox (idempotency_key, entity, entity_id, operation, payload, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    randomUUID(),
    entry.entity,
    String(entry.entityId),
    entry.operation,
    JSON.stringify(entry.payload),
    entry.at,
  );
}
