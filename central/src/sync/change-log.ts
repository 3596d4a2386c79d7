import type { Stream } from '@shared/hub/protocol';
import type { SqlExecutor } from '../db/hub-db';

/** Rows a statement: four parameters each, far below PostgreSQL's 65,535. */
const CHUNK = 2000;

export interface ChangeInput {
  stream: Stream;
  /** '*' for every hall, else the hall's id. */
  scope: string;
  key: string;
  op: 'upsert' | 'delete';
  hlc: string;
  data: unknown;
}

export interface ChangeRow {
  seq: number;
  changeId: string;
  key: string;
  op: 'upsert' | 'delete';
  hlc: string;
  data: unknown;
}

/**
 * The streams terminals pull. Writers of one stream take its advisory lock, so sequence numbers
 * of a stream commit in order even with several hub instances: a reader that saw seq N never
 * later finds a smaller one committed behind it.
 */
export class ChangeLog {
  async append(tx: SqlExecutor, change: ChangeInput): Promise<void> {
    await this.appendMany(tx, [change]);
  }

  /** Changes of one stream and scope, in order, under one lock: a publication's items. */
  async appendMany(tx: SqlExecutor, changes: readonly ChangeInput[]): Promise<void> {
    const first = changes[0];
    if (!first) return;
    if (changes.some((change) => change.stream !== first.stream || change.scope !== first.scope))
      throw new Error('appendMany takes changes of one stream and scope');
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('changes:' || $1))", [first.stream]);
    for (let start = 0; start < changes.length; start += CHUNK) {
      const chunk = changes.slice(start, start + CHUNK);
      await tx.query(
        `UPDATE changes SET superseded = true, data = NULL
          WHERE stream = $1 AND scope = $2 AND key = ANY($3::text[]) AND NOT superseded`,
        [first.stream, first.scope, chunk.map((change) => change.key)],
      );
      const values = chunk
        .map(
          (_, row) =>
            `($1, $2, $${row * 4 + 3}, $${row * 4 + 4}, $${row * 4 + 5}, $${row * 4 + 6})`,
        )
        .join(', ');
      await tx.query(`INSERT INTO changes (stream, scope, key, op, hlc, data) VALUES ${values}`, [
        first.stream,
        first.scope,
        ...chunk.flatMap((change) => [
          change.key,
          change.op,
          change.hlc,
          JSON.stringify(change.data),
        ]),
      ]);
    }
  }

  /** Whether `seq` is a change of `stream` with that id: a cursor this hub can continue from. */
  async holds(db: SqlExecutor, stream: Stream, seq: number, changeId: string): Promise<boolean> {
    const rows = await db.query(
      'SELECT 1 FROM changes WHERE seq = $1 AND stream = $2 AND change_id = $3',
      [seq, stream, changeId],
    );
    return rows.length > 0;
  }

  async after(
    db: SqlExecutor,
    stream: Stream,
    hallId: string,
    afterSeq: number,
    limit: number,
  ): Promise<ChangeRow[]> {
    // One ordered index scan per scope, merged: a single scan with `scope IN (…)` would sort
    // every remaining change of the stream for each page.
    const rows = await db.query<{
      seq: number;
      change_id: string;
      key: string;
      op: 'upsert' | 'delete';
      hlc: string;
      data: unknown;
    }>(
      `SELECT seq, change_id, key, op, hlc, data FROM (
         (SELECT seq, change_id, key, op, hlc, data FROM changes
           WHERE stream = $1 AND scope = '*' AND seq > $3 AND NOT superseded ORDER BY seq LIMIT $4)
         UNION ALL
         (SELECT seq, change_id, key, op, hlc, data FROM changes
           WHERE stream = $1 AND scope = $2 AND seq > $3 AND NOT superseded ORDER BY seq LIMIT $4)
       ) AS page ORDER BY seq LIMIT $4`,
      [stream, hallId, afterSeq, limit],
    );
    return rows.map((row) => ({
      seq: row.seq,
      changeId: row.change_id,
      key: row.key,
      op: row.op,
      hlc: row.hlc,
      data: row.data,
    }));
  }
}
