import type { SyncConflict } from '@shared/api';
import type { ConflictRow } from '@shared/hub/admin';
import type { Db } from '../db/connection';

interface ConflictDbRow {
  id: number;
  entity: string;
  entity_key: string;
  field: string | null;
  reason: string;
  theirs: string;
  ours: string;
  detected_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

/** The hall's conflicts as the hub last described them: kept here to show them offline too. */
export class SyncConflicts {
  constructor(private readonly db: Db) {}

  /** Stores conflicts as the hub sends them; `reset` first forgets every one it sent before. */
  upsert(conflicts: ConflictRow[], reset: boolean): void {
    if (reset) this.db.prepare('DELETE FROM sync_conflicts').run();
    const upsert = this.db.prepare(
      `INSERT INTO sync_conflicts (id, entity, entity_key, terminal_id, field, reason, theirs, ours,
         detected_at, resolved_at, resolved_by, resolution)
       VALUES (@id, @entity, @entityKey, @terminalId, @field, @reason, @theirs, @ours, @detectedAt,
         @resolvedAt, @resolvedBy, @resolution)
       ON CONFLICT (id) DO UPDATE SET resolved_at = excluded.resolved_at,
         resolved_by = excluded.resolved_by, resolution = excluded.resolution`,
    );
    for (const conflict of conflicts)
      upsert.run({
        ...conflict,
        theirs: JSON.stringify(conflict.theirs),
        ours: JSON.stringify(conflict.ours),
      });
  }

  /** Open ones first, then the newest. */
  list(limit = 500): SyncConflict[] {
    const rows = this.db
      .prepare('SELECT * FROM sync_conflicts ORDER BY resolved_at IS NOT NULL, id DESC LIMIT ?')
      .all(limit) as ConflictDbRow[];
    return rows.map((row) => ({
      id: row.id,
      entity: row.entity,
      entityKey: row.entity_key,
      field: row.field,
      reason: row.reason,
      theirs: JSON.parse(row.theirs) as unknown,
      ours: JSON.parse(row.ours) as unknown,
      detectedAt: row.detected_at,
      resolvedAt: row.resolved_at,
      resolvedBy: row.resolved_by,
      resolution: row.resolution,
    }));
  }

  openCount(): number {
    return (
      this.db
        .prepare('SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL')
        .get() as {
        n: number;
      }
    ).n;
  }
}
