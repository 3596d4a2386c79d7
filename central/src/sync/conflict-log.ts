import type { ConflictRow } from '@shared/hub/admin';
import type { SqlExecutor } from '../db/hub-db';
import { iso, isoOrNull } from '../db/iso';
import type { ChangeLog } from './change-log';

export interface ConflictInput {
  hallId: string;
  entity: string;
  entityKey: string;
  terminalId: string;
  seq: number;
  field: string | null;
  /** Why the write could not simply win: `owned_by_other_terminal`, `stale_action`, `other_hall`. */
  reason: string;
  theirs: unknown;
  ours: unknown;
  hlc: string;
}

/** Records a true conflict for a person to settle, and tells the hall's terminals about it. */
export class ConflictLog {
  constructor(private readonly changes: ChangeLog) {}

  async record(tx: SqlExecutor, conflict: ConflictInput): Promise<void> {
    const rows = await tx.query<ConflictDbRow>(
      `INSERT INTO conflicts (hall_id, entity, entity_key, terminal_id, seq, field, reason, theirs, ours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        conflict.hallId,
        conflict.entity,
        conflict.entityKey,
        conflict.terminalId,
        conflict.seq,
        conflict.field,
        conflict.reason,
        JSON.stringify(conflict.theirs ?? null),
        JSON.stringify(conflict.ours ?? null),
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('conflict not recorded');
    const recorded = toConflictRow(row);
    await this.changes.append(tx, {
      stream: 'conflicts',
      scope: conflict.hallId,
      key: `conflict:${recorded.id}`,
      op: 'upsert',
      hlc: conflict.hlc,
      data: recorded,
    });
  }
}

export interface ConflictDbRow {
  id: number;
  hall_id: string;
  entity: string;
  entity_key: string;
  terminal_id: string;
  field: string | null;
  reason: string;
  theirs: unknown;
  ours: unknown;
  detected_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
}

export function toConflictRow(row: ConflictDbRow): ConflictRow {
  return {
    id: row.id,
    hallId: row.hall_id,
    entity: row.entity,
    entityKey: row.entity_key,
    terminalId: row.terminal_id,
    field: row.field,
    reason: row.reason,
    theirs: (row.theirs ?? null) as never,
    ours: (row.ours ?? null) as never,
    detectedAt: iso(row.detected_at),
    resolvedAt: isoOrNull(row.resolved_at),
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
  };
}
