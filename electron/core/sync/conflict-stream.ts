import { conflictRowSchema } from '@shared/hub/admin';
import type { Change } from '@shared/hub/protocol';
import type { StreamApplier } from './stream-applier';
import type { SyncConflicts } from './sync-conflicts';

/** Conflicts the hub recorded for this hall, kept as it last described them. */
export class ConflictStream implements StreamApplier {
  readonly stream = 'conflicts' as const;

  constructor(private readonly conflicts: SyncConflicts) {}

  apply(changes: Change[], reset: boolean): void {
    this.conflicts.upsert(
      changes.map((change) => conflictRowSchema.parse(change.data)),
      reset,
    );
  }
}
