import type { Role, User } from '@shared/api';
import type { Db } from '../db/connection';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface StoredUser extends User {
  passwordHash: string;
  failedAttempts: number;
}

export interface SessionRow {
  token_hash: string;
  user_id: number;
  last_seen_at: string;
  ended_at: string | null;
}

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    passwordHash: row.password_hash,
    failedAttempts: row.failed_attempts,
  };
}

/** SQL for users and sessions; callers own the transactions. */
export class UserRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): StoredUser[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[]).map(toUser);
  }

  byId(id: number): StoredUser | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  byUsername(username: string): StoredUser | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
      UserRow | undefined;
    return row && toUser(row);
  }

  insert(user: {
    username: string;
    displayName: string;
    role: Role;
    passwordHash: string;
    at: string;
  }): number {
    const result = this.db
      .prepare(
        `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(user.username, user.displayName, user.role, user.passwordHash, user.at, user.at);
    return Number(result.lastInsertRowid);
  }

  update(
    id: number,
    changes: {
      displayName?: string | undefined;
      role?: Role | undefined;
      disabled?: boolean | undefined;
    },
    at: string,
  ): void {
    this.db
      .prepare(
        `UPDATE users SET
           display_name = coalesce(?, display_name),
           role = coalesce(?, role),
           disabled = coalesce(?, disabled),
           updated_at = ?
         WHERE id = ?`,
      )
      .run(
        changes.displayName ?? null,
        changes.role ?? null,
        changes.disabled === undefined ? null : Number(changes.disabled),
        at,
        id,
      );
  }

  setPassword(id: number, passwordHash: string, at: string): void {
    this.db
      .prepare(
        `UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ?
         WHERE id = ?`,
      )
      .run(passwordHash, at, id);
  }

  /** Counts one more failed sign-in in the database itself, so parallel attempts all count. */
  countFailure(id: number, at: string): number {
    const row = this.db
      .prepare(
        `UPDATE users SET failed_attempts = failed_attempts + 1, updated_at = ? WHERE id = ?
         RETURNING failed_attempts`,
      )
      .get(at, id) as { failed_attempts: number };
    return row.failed_attempts;
  }

  lock(id: number, lockedUntil: string, at: string): void {
    this.db
      .prepare(
        'UPDATE users SET failed_attempts = 0, locked_until = ?, updated_at = ? WHERE id = ?',
      )
      .run(lockedUntil, at, id);
  }

  recordSignIn(id: number, at: string): void {
    this.db
      .prepare(
        `UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(at, at, id);
  }

  insertSession(tokenHash: string, userId: number, at: string): void {
    this.db
      .prepare(
        'INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)',
      )
      .run(tokenHash, userId, at, at);
  }

  session(tokenHash: string): SessionRow | undefined {
    return this.db
      .prepare(
        'SELECT token_hash, user_id, last_seen_at, ended_at FROM sessions WHERE token_hash = ?',
      )
      .get(tokenHash) as SessionRow | undefined;
  }

  touchSession(tokenHash: string, at: string): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
  }

  endSession(tokenHash: string, reason: string, at: string): void {
    this.db
      .prepare(
        'UPDATE sessions SET ended_at = ?, end_reason = ? WHERE token_hash = ? AND ended_at IS NULL',
      )
      .run(at, reason, tokenHash);
  }

  /** Ends every live session of a user, except the one whose token hash is `keep`. */
  endSessionsOf(userId: number, reason: string, at: string, keep: string | null = null): void {
    this.db
      .prepare(
        `UPDATE sessions SET ended_at = ?, end_reason = ?
         WHERE user_id = ? AND ended_at IS NULL AND token_hash IS NOT ?`,
      )
      .run(at, reason, userId, keep);
  }
}
