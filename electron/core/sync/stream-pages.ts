import type { Change, Stream } from '@shared/hub/protocol';
import { inTransaction, type Db } from '../db/connection';
import type { StreamApplier } from './stream-applier';

/**
 * Where each pulled stream stands, and the one way a page of it is applied: the changes and the
 * new cursor in one transaction, so a crash leaves the cursor with the data it covers.
 */
export class StreamPages {
  constructor(
    private readonly db: Db,
    /** In pull order: a stream may rely on those before it (units need the users). */
    readonly appliers: readonly StreamApplier[],
    private readonly now: () => string,
  ) {}

  cursor(stream: Stream): string {
    const row = this.db.prepare('SELECT cursor FROM sync_cursors WHERE stream = ?').get(stream) as
      { cursor: string } | undefined;
    return row?.cursor ?? '';
  }

  cursors(): Partial<Record<Stream, string>> {
    return Object.fromEntries(this.appliers.map(({ stream }) => [stream, this.cursor(stream)]));
  }

  /** `alsoInside` runs in the same transaction (the clock heard from the hub). */
  apply(
    applier: StreamApplier,
    page: { changes: Change[]; reset: boolean; cursor: string },
    alsoInside: () => void = () => undefined,
  ): void {
    inTransaction(this.db, () => {
      applier.apply(page.changes, page.reset);
      this.db
        .prepare(
          `INSERT INTO sync_cursors (stream, cursor, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
        )
        .run(applier.stream, page.cursor, this.now());
      alsoInside();
    });
  }
}
