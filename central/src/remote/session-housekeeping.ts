import type { HubDb } from '../db/hub-db';

/** A session nobody has been connected to for this long is over. */
const ABANDONED_HOURS = 12;

export interface HousekeepingReport {
  abandonedSessions: string[];
  removedTokens: number;
}

/**
 * What the remote window leaves behind: spent and expired relay tokens and join codes, old
 * failed-join records, and sessions both sides left without ending (a PC switched off) — those
 * are ended, and their files removed. Every hub instance may run it; each step is one statement.
 */
export class SessionHousekeeping {
  constructor(private readonly db: HubDb) {}

  async run(): Promise<HousekeepingReport> {
    const tokens = await this.db.query<{ token_hash: string }>(
      `DELETE FROM relay_tokens WHERE expires_at < now() - interval '1 hour' RETURNING token_hash`,
    );
    await this.db.query(`DELETE FROM join_failures WHERE at < now() - interval '1 hour'`);
    await this.db.query(
      `DELETE FROM join_codes WHERE used_at IS NULL AND expires_at < now() - interval '1 day'`,
    );
    const abandoned = await this.db.transaction(async (tx) => {
      const ended = await tx.query<{ id: string }>(
        `UPDATE remote_sessions s SET ended_at = now(), ended_by = '中心（无人连接）'
          WHERE s.ended_at IS NULL
            AND s.created_at < now() - make_interval(hours => $1)
            AND NOT EXISTS (SELECT 1 FROM remote_participants p
                             WHERE p.session_id = s.id AND p.connections > 0)
            AND NOT EXISTS (SELECT 1 FROM relay_tokens t JOIN remote_participants p ON p.id = t.participant_id
                             WHERE p.session_id = s.id AND t.used_at > now() - make_interval(hours => $1))
          RETURNING s.id`,
        [ABANDONED_HOURS],
      );
      const ids = ended.map((row) => row.id);
      if (ids.length > 0) {
        await tx.query(
          `UPDATE remote_participants SET left_at = coalesce(left_at, now()) WHERE session_id = ANY($1::text[])`,
          [ids],
        );
        await tx.query(`DELETE FROM session_files WHERE session_id = ANY($1::text[])`, [ids]);
      }
      return ids;
    });
    return { abandonedSessions: abandoned, removedTokens: tokens.length };
  }
}
