import { formatHlc, parseHlc, receiveHlc } from '@shared/hub/hlc';
import type { Mutation } from '@shared/hub/protocol';
import type { Db } from '../db/connection';

interface OutboxRow {
  seq: number;
  idempotency_key: string;
  entity: string;
  entity_id: string;
  operation: string;
  payload: string;
  hlc: string;
  created_at: string;
}

/** The outbox as sync sees it: what to send next, what the hub acknowledged, the clock. */
export class OutboxQueue {
  constructor(private readonly db: Db) {}

  /** The oldest entries not yet acknowledged, in sequence order. */
  pending(limit: number): Mutation[] {
    const rows = this.db
      .prepare(
        `SELECT seq, idempotency_key, entity, entity_id, operation, payload, hlc, created_at
           FROM outbox WHERE pushed_at IS NULL ORDER BY seq LIMIT ?`,
      )
      .all(limit) as OutboxRow[];
    return rows.map((row) => ({
      seq: row.seq,
      key: row.idempotency_key,
      entity: row.entity,
      entityId: row.entity_id,
      operation: row.operation,
      hlc: row.hlc,
      at: row.created_at,
      payload: JSON.parse(row.payload) as Mutation['payload'],
    }));
  }

  /** Grows with every local write (the next sequence number): a cheap "anything written?". */
  writeMark(): number {
    return (
      this.db.prepare('SELECT next_seq AS seq FROM sync_state WHERE id = 1').get() as {
        seq: number;
      }
    ).seq;
  }

  pendingCount(): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM outbox WHERE pushed_at IS NULL').get() as {
        n: number;
      }
    ).n;
  }

  /** Whether the entity has local writes the hub has not acknowledged yet. */
  hasPending(entity: string, entityId: string): boolean {
    return (
      this.db
        .prepare(
          'SELECT 1 FROM outbox WHERE entity = ? AND entity_id = ? AND pushed_at IS NULL LIMIT 1',
        )
        .get(entity, entityId) !== undefined
    );
  }

  ackedSeq(): number {
    return (this.db.prepare('SELECT acked_seq AS n FROM sync_state').get() as { n: number }).n;
  }

  lastSeq(): number {
    return (this.db.prepare('SELECT next_seq - 1 AS n FROM sync_state').get() as { n: number }).n;
  }

  /** Everything up to `lastSeq` is held by the hub. */
  acknowledge(lastSeq: number, at: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE outbox SET pushed_at = ? WHERE seq <= ? AND pushed_at IS NULL')
        .run(at, lastSeq);
      this.db
        .prepare('UPDATE sync_state SET acked_seq = max(acked_seq, ?) WHERE id = 1')
        .run(lastSeq);
    })();
  }

  /**
   * The hub holds less than it once acknowledged (it was restored from an older backup): what it
   * lost is marked unsent again. Returns how many entries will be sent again, and whether the
   * terminal still has every one of them.
   */
  rewind(hubLastSeq: number): { resend: number; missing: number } {
    return this.db.transaction(() => {
      const resend = this.db
        .prepare('UPDATE outbox SET pushed_at = NULL WHERE seq > ? AND pushed_at IS NOT NULL')
        .run(hubLastSeq).changes;
      this.db.prepare('UPDATE sync_state SET acked_seq = ? WHERE id = 1').run(hubLastSeq);
      const firstHeld = (
        this.db.prepare('SELECT min(seq) AS n FROM outbox WHERE seq > ?').get(hubLastSeq) as {
          n: number | null;
        }
      ).n;
      const missing = firstHeld === null ? 0 : Math.max(0, firstHeld - hubLastSeq - 1);
      return { resend, missing };
    })();
  }

  /** Hears the hub's clock: local writes from now on order after what the hub has seen. */
  receiveClock(hubHlc: string, now: number): void {
    const row = this.db.prepare('SELECT hlc FROM sync_state WHERE id = 1').get() as { hlc: string };
    const next = receiveHlc(parseHlc(row.hlc), parseHlc(hubHlc), now);
    this.db.prepare('UPDATE sync_state SET hlc = ? WHERE id = 1').run(formatHlc(next));
  }
}
