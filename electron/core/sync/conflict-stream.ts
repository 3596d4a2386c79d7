import { conflictRowSchema } from '@shared/hub/admin';
import type { Change } from '@shared/hub/protocol';
import type { Db } from '../db/connection';
import type { StreamApplier } from './stream-applier';

/** Conflicts the hub recorded for this hall, kept as it last described them. */
export class ConflictStream implements StreamApplier {
  readonly stream = 'conflicts' as const;

  constructor(private readonly db: Db) {}

  apply(changes: Change[], reset: boolean): void {
    if (reset) this.db.prepare('DELETE FROM sync_conflicts').run();
    const upsert = this.db.prepare(
      `INSERT INTO sync_conflicts (id, entity, entity_key, terminal_id, field, reason, theirs, ours,
         detected_at, resolved_at, resolved_by, resolution)
       VALUES (@id, @entity, @entityKey, @terminalId, @field, @reason, @theirs, @ours, @detectedAt,
         @resolvedAt, @resolvedBy, @resolution)
       ON CONFLICT (id) DO UPDATE SET resolved_at = excluded.resolved_at,
         resolved_by = excluded.resolved_by, resolution = excluded.resolution`,
    );
    for (const change of changes) {
      const conflict = conflictRowSchema.parse(change.data);
      upsert.run({
        ...conflict,
        theirs: JSON.stringify(conflict.theirs),
        ours: JSON.stringify(conflict.ours),
      });
    }
  }
}
