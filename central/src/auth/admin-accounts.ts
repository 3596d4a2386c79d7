import { hash, verify } from '@node-rs/argon2';
import type { AdminSession } from '@shared/hub/admin';
import type { HubDb } from '../db/hub-db';
import { HubApiError } from '../http/hub-error';
import { hashSecret, newSecret } from './secrets';

const SESSION_HOURS = 12;

/** The hub's administrators: created from the command line, signed in from the console. */
export class AdminAccounts {
  constructor(private readonly db: HubDb) {}

  async create(username: string, displayName: string, password: string): Promise<void> {
    if (password.length < 10)
      throw new HubApiError('INVALID_INPUT', {
        message: { zh: '密码至少 10 位', en: 'Use at least 10 characters' },
        path: ['password'],
      });
    await this.db.query(
      `INSERT INTO hub_admins (username, display_name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,
         display_name = excluded.display_name, disabled = false`,
      [username, displayName, await hash(password)],
    );
  }

  async signIn(username: string, password: string): Promise<AdminSession> {
    const rows = await this.db.query<{ display_name: string; password_hash: string }>(
      'SELECT display_name, password_hash FROM hub_admins WHERE username = $1 AND NOT disabled',
      [username],
    );
    const row = rows[0];
    if (!row || !(await verify(row.password_hash, password)))
      throw new HubApiError('UNAUTHENTICATED', {
        message: { zh: '用户名或密码错误', en: 'Wrong username or password' },
      });
    const token = newSecret();
    const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString();
    await this.db.query(
      `INSERT INTO hub_admin_sessions (token_hash, username, created_at, expires_at)
       VALUES ($1, $2, now(), $3)`,
      [hashSecret(token), username, expiresAt],
    );
    return { token, username, displayName: row.display_name, expiresAt };
  }

  async signOut(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM hub_admin_sessions WHERE token_hash = $1', [tokenHash]);
  }
}
