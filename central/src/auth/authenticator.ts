import type { FastifyRequest } from 'fastify';
import type { HubDb } from '../db/hub-db';
import { HubApiError } from '../http/hub-error';
import type { Authenticator, Caller } from '../http/register-routes';
import { hashSecret, sameHash } from './secrets';

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new HubApiError('UNAUTHENTICATED');
  return match[1];
}

/**
 * Terminals present `terminalId.secret`; administrators a session token. Both are checked against
 * stored hashes on every request: a revoked terminal or an ended session stops at once, on every
 * hub instance, because nothing is cached.
 */
export class HubAuthenticator implements Authenticator {
  constructor(private readonly db: HubDb) {}

  async terminal(request: FastifyRequest): Promise<NonNullable<Caller['terminal']>> {
    const [id = '', secret = ''] = bearer(request).split('.', 2);
    const rows = await this.db.query<{
      secret_hash: string;
      revoked_at: Date | null;
      hall_id: string;
      hall_name: string;
    }>(
      `SELECT t.secret_hash, t.revoked_at, t.hall_id, h.name AS hall_name
         FROM terminals t JOIN halls h ON h.id = t.hall_id WHERE t.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row || !sameHash(row.secret_hash, hashSecret(secret)))
      throw new HubApiError('UNAUTHENTICATED');
    if (row.revoked_at !== null) throw new HubApiError('TERMINAL_REVOKED');
    return { id, hallId: row.hall_id, hallName: row.hall_name };
  }

  async admin(request: FastifyRequest): Promise<NonNullable<Caller['admin']>> {
    const tokenHash = hashSecret(bearer(request));
    const rows = await this.db.query<{ username: string }>(
      `SELECT s.username FROM hub_admin_sessions s JOIN hub_admins a ON a.username = s.username
        WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT a.disabled`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) throw new HubApiError('UNAUTHENTICATED');
    return { username: row.username, tokenHash };
  }
}
