import type { SqlExecutor } from '../db/hub-db';

export interface HubRecordRow {
  entity: string;
  key: string;
  hallId: string;
  ownerTerminal: string;
  hlc: string;
  fieldHlcs: Record<string, string>;
  data: Record<string, unknown>;
}

/** The hub's merged view of each entity terminals push. */
export class RecordStore {
  /** The record, locked for the rest of the transaction (FOR UPDATE). */
  async lock(tx: SqlExecutor, entity: string, key: string): Promise<HubRecordRow | undefined> {
    const rows = await tx.query<{
      hall_id: string;
      owner_terminal: string;
      hlc: string;
      field_hlcs: Record<string, string>;
      data: Record<string, unknown>;
    }>(
      `SELECT hall_id, owner_terminal, hlc, field_hlcs, data FROM records
        WHERE entity = $1 AND entity_key = $2 FOR UPDATE`,
      [entity, key],
    );
    const row = rows[0];
    return row
      ? {
          entity,
          key,
          hallId: row.hall_id,
          ownerTerminal: row.owner_terminal,
          hlc: row.hlc,
          fieldHlcs: row.field_hlcs,
          data: row.data,
        }
      : undefined;
  }

  async save(tx: SqlExecutor, record: HubRecordRow): Promise<void> {
    await tx.query(
      `INSERT INTO records (entity, entity_key, hall_id, owner_terminal, hlc, field_hlcs, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (entity, entity_key) DO UPDATE SET
         hall_id = excluded.hall_id, hlc = excluded.hlc, field_hlcs = excluded.field_hlcs,
         data = excluded.data, updated_at = now()`,
      [
        record.entity,
        record.key,
        record.hallId,
        record.ownerTerminal,
        record.hlc,
        JSON.stringify(record.fieldHlcs),
        JSON.stringify(record.data),
      ],
    );
  }
}
