import type { EnrolmentCodeRow, Hall, TerminalRow } from '@shared/hub/admin';
import type { EnrolRequest, EnrolResponse } from '@shared/hub/protocol';
import type { HubDb } from '../db/hub-db';
import { iso, isoOrNull } from '../db/iso';
import { HubApiError } from '../http/hub-error';
import { packageKeyOf } from '../auth/package-key';
import { groupCode, hashSecret, newHubId, newOneTimeCode, newSecret } from '../auth/secrets';
import type { HubClock } from '../sync/hub-clock';

interface TerminalDbRow {
  id: string;
  hall_id: string;
  hall_name: string;
  name: string;
  hostname: string;
  app_version: string;
  enrolled_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_seq: number;
  last_seen_at: Date | null;
}

const TERMINAL_COLUMNS = `t.id, t.hall_id, h.name AS hall_name, t.name, t.hostname, t.app_version,
  t.enrolled_at, t.revoked_at, t.revoked_by, t.last_seq, t.last_seen_at`;

/** Halls, one-time enrolment codes and the terminals enrolled with them. */
export class EnrolmentService {
  constructor(
    private readonly db: HubDb,
    private readonly clock: HubClock,
  ) {}

  async halls(): Promise<Hall[]> {
    const rows = await this.db.query<{
      id: string;
      name: string;
      created_at: Date;
      terminals: number;
    }>(
      `SELECT h.id, h.name, h.created_at,
              (SELECT count(*)::int FROM terminals t WHERE t.hall_id = h.id AND t.revoked_at IS NULL) AS terminals
         FROM halls h ORDER BY h.name`,
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      terminals: row.terminals,
      createdAt: iso(row.created_at),
    }));
  }

  async createHall(hall: { id: string; name: string }): Promise<Hall> {
    const rows = await this.db.query<{ created_at: Date }>(
      `INSERT INTO halls (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING created_at`,
      [hall.id, hall.name],
    );
    const row = rows[0];
    if (!row)
      throw new HubApiError('CONFLICT', {
        message: { zh: '已有同编号或同名的大厅', en: 'A hall with that id or name exists' },
        path: ['body', 'id'],
      });
    return { ...hall, terminals: 0, createdAt: iso(row.created_at) };
  }

  async issueCode(
    request: { hallId: string; note: string; validHours: number },
    createdBy: string,
  ): Promise<{ code: string; hallId: string; expiresAt: string }> {
    await this.requireHall(request.hallId);
    const code = newOneTimeCode();
    const expiresAt = new Date(Date.now() + request.validHours * 3600_000).toISOString();
    await this.db.query(
      `INSERT INTO enrolment_codes (code_hash, hall_id, note, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, now(), $5)`,
      [hashSecret(code), request.hallId, request.note, createdBy, expiresAt],
    );
    return { code: groupCode(code), hallId: request.hallId, expiresAt };
  }

  async codes(): Promise<EnrolmentCodeRow[]> {
    const rows = await this.db.query<{
      hall_id: string;
      note: string;
      created_by: string;
      created_at: Date;
      expires_at: Date;
      used_at: Date | null;
      used_by_terminal: string | null;
    }>(
      `SELECT hall_id, note, created_by, created_at, expires_at, used_at, used_by_terminal
         FROM enrolment_codes ORDER BY created_at DESC LIMIT 500`,
    );
    const now = Date.now();
    return rows.map((row) => ({
      hallId: row.hall_id,
      note: row.note,
      createdBy: row.created_by,
      createdAt: iso(row.created_at),
      expiresAt: iso(row.expires_at),
      usedAt: isoOrNull(row.used_at),
      usedByTerminal: row.used_by_terminal,
      state:
        row.used_at !== null
          ? 'used'
          : new Date(row.expires_at).getTime() <= now
            ? 'expired'
            : 'open',
    }));
  }

  /** Spends the code (once, even when two terminals race for it) and issues credentials. */
  async enrol(request: EnrolRequest & { code: string }): Promise<EnrolResponse> {
    const terminalId = newHubId('t');
    const secret = newSecret();
    const hall = await this.db.transaction(async (tx) => {
      const spent = await tx.query<{ hall_id: string }>(
        `UPDATE enrolment_codes SET used_at = now(), used_by_terminal = $2
          WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING hall_id`,
        [hashSecret(request.code), terminalId],
      );
      const hallId = spent[0]?.hall_id;
      if (hallId === undefined)
        throw new HubApiError('ENROLMENT_CODE_INVALID', { path: ['body', 'code'] });
      await tx.query(
        `INSERT INTO terminals (id, hall_id, name, hostname, app_version, secret_hash, package_key,
           enrolled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
        [
          terminalId,
          hallId,
          request.terminalName,
          request.hostname ?? '',
          request.appVersion,
          hashSecret(secret),
          packageKeyOf(secret),
        ],
      );
      const halls = await tx.query<{ name: string }>('SELECT name FROM halls WHERE id = $1', [
        hallId,
      ]);
      return { id: hallId, name: halls[0]?.name ?? hallId };
    });
    return { terminalId, secret, hall, hubHlc: this.clock.tick() };
  }

  async terminals(): Promise<TerminalRow[]> {
    const rows = await this.db.query<TerminalDbRow>(
      `SELECT ${TERMINAL_COLUMNS} FROM terminals t JOIN halls h ON h.id = t.hall_id
        ORDER BY h.name, t.name`,
    );
    return rows.map(toTerminalRow);
  }

  async terminal(id: string): Promise<TerminalRow> {
    const rows = await this.db.query<TerminalDbRow>(
      `SELECT ${TERMINAL_COLUMNS} FROM terminals t JOIN halls h ON h.id = t.hall_id WHERE t.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new HubApiError('NOT_FOUND', { path: ['params', 'id'] });
    return toTerminalRow(row);
  }

  async revoke(id: string, by: string): Promise<TerminalRow> {
    await this.db.query(
      'UPDATE terminals SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2) WHERE id = $1',
      [id, by],
    );
    return this.terminal(id);
  }

  async touch(id: string): Promise<void> {
    await this.db.query('UPDATE terminals SET last_seen_at = now() WHERE id = $1', [id]);
  }

  private async requireHall(id: string): Promise<void> {
    const rows = await this.db.query('SELECT 1 FROM halls WHERE id = $1', [id]);
    if (rows.length === 0) throw new HubApiError('NOT_FOUND', { path: ['body', 'hallId'] });
  }
}

function toTerminalRow(row: TerminalDbRow): TerminalRow {
  return {
    id: row.id,
    hallId: row.hall_id,
    hallName: row.hall_name,
    name: row.name,
    hostname: row.hostname,
    appVersion: row.app_version,
    enrolledAt: iso(row.enrolled_at),
    revokedAt: isoOrNull(row.revoked_at),
    revokedBy: row.revoked_by,
    lastSeq: row.last_seq,
    lastSeenAt: isoOrNull(row.last_seen_at),
  };
}
