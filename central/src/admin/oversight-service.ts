import type { ConflictRow, HubRecord } from '@shared/hub/admin';
import type { HubDb } from '../db/hub-db';
import { iso } from '../db/iso';
import { HubApiError } from '../http/hub-error';
import type { ChangeLog } from '../sync/change-log';
import { toConflictRow, type ConflictDbRow } from '../sync/conflict-log';
import type { HubClock } from '../sync/hub-clock';

/** What the halls pushed, seen from the hub: gaps, walks, rectifications, and the conflicts. */
export class OversightService {
  constructor(
    private readonly db: HubDb,
    private readonly changes: ChangeLog,
    private readonly clock: HubClock,
  ) {}

  async records(query: {
    entity: string;
    hallId?: string | undefined;
    limit: number;
  }): Promise<HubRecord[]> {
    const rows = await this.db.query<{
      entity: string;
      entity_key: string;
      hall_id: string;
      hall_name: string;
      owner_terminal: string;
      data: unknown;
      updated_at: Date;
    }>(
      `SELECT r.entity, r.entity_key, r.hall_id, h.name AS hall_name, r.owner_terminal, r.data, r.updated_at
         FROM records r JOIN halls h ON h.id = r.hall_id
        WHERE r.entity = $1 AND ($2::text IS NULL OR r.hall_id = $2)
        ORDER BY r.updated_at DESC LIMIT $3`,
      [query.entity, query.hallId ?? null, query.limit],
    );
    return rows.map((row) => ({
      entity: row.entity,
      key: row.entity_key,
      hallId: row.hall_id,
      hallName: row.hall_name,
      terminalId: row.owner_terminal,
      data: row.data as never,
      updatedAt: iso(row.updated_at),
    }));
  }

  async conflicts(query: {
    hallId?: string | undefined;
    open?: 'true' | 'false' | undefined;
  }): Promise<ConflictRow[]> {
    const rows = await this.db.query<ConflictDbRow>(
      `SELECT * FROM conflicts
        WHERE ($1::text IS NULL OR hall_id = $1)
          AND ($2::text IS NULL OR ($2 = 'true') = (resolved_at IS NULL))
        ORDER BY id DESC LIMIT 500`,
      [query.hallId ?? null, query.open ?? null],
    );
    return rows.map(toConflictRow);
  }

  /** A person settles a conflict: the hall's terminals see the resolution next time they pull. */
  async resolve(id: number, resolution: string, by: string): Promise<ConflictRow> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<ConflictDbRow>(
        `UPDATE conflicts SET resolved_at = coalesce(resolved_at, now()),
           resolved_by = coalesce(resolved_by, $2), resolution = coalesce(resolution, $3)
         WHERE id = $1 RETURNING *`,
        [id, by, resolution],
      );
      const row = rows[0];
      if (!row) throw new HubApiError('NOT_FOUND', { path: ['params', 'id'] });
      const conflict = toConflictRow(row);
      await this.changes.append(tx, {
        stream: 'conflicts',
        scope: conflict.hallId,
        key: `conflict:${conflict.id}`,
        op: 'upsert',
        hlc: this.clock.tick(),
        data: conflict,
      });
      return conflict;
    });
  }
}
