import { createHash, randomBytes } from 'node:crypto';
import { ApiError, type ParsedInput, type Role, type Session, type User } from '@shared/api';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import { appendOutbox } from '../db/outbox';
import type { DirectoryUser } from '@shared/hub/protocol';
import type { SettingsStore } from '../settings/settings-store';
import type { PasswordHasher } from './password-hasher';
import type { StoredUser, UserRepository } from './user-repository';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export interface SignedInUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  tokenHash: string;
}

/** One answer for a wrong password and an unknown user, so neither reveals which it was. */
function badCredentials(): ApiError {
  return new ApiError('BAD_CREDENTIALS', {
    message: {
      zh: `用户名或密码错误；连续 ${MAX_FAILED_SIGN_INS} 次错误将锁定账号 ${LOCKOUT_MINUTES} 分钟`,
      en: `Wrong user name or password; ${MAX_FAILED_SIGN_INS} failures in a row lock the account for ${LOCKOUT_MINUTES} minutes`,
    },
  });
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function publicUser(user: StoredUser): User {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
  };
}

/** Local users, sign-in with lockout, and sessions that end after the configured idle time. */
export class AuthService {
  /** A real hash to verify against for unknown user names, so timing does not reveal them. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly users: UserRepository,
    private readonly settings: SettingsStore,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  setupStatus(): { needsAdmin: boolean; hallName: string } {
    return { needsAdmin: this.users.count() === 0, hallName: this.settings.read().hallName };
  }

  async createAdmin(input: ParsedInput<'setup.createAdmin'>): Promise<Session> {
    if (this.users.count() > 0) throw new ApiError('SETUP_DONE');
    const passwordHash = await this.hasher.hash(input.password);
    const at = this.now();
    const token = randomBytes(32).toString('base64url');
    const userId = inTransaction(this.db, () => {
      // Checked again inside the transaction: two setup screens must not both create an admin.
      if (this.users.count() > 0) throw new ApiError('SETUP_DONE');
      this.settings.write({ hallName: input.hallName });
      const id = this.users.insert({ ...input, role: 'admin', passwordHash, at });
      this.shareUser(id, 'create', at);
      this.users.recordSignIn(id, at);
      this.users.insertSession(hashToken(token), id, at);
      return id;
    });
    return this.session(token, this.requireUser(userId));
  }

  async signIn(username: string, password: string): Promise<Session> {
    if (this.users.count() === 0) throw new ApiError('SETUP_REQUIRED');
    const user = this.users.byUsername(username);
    if (!user) {
      await this.hasher.verify(await this.decoy(), password);
      throw badCredentials();
    }
    this.throwIfLocked(user.id, this.clock.now());
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      this.recordFailure(user.id, this.clock.now());
    }
    if (user.disabled) throw new ApiError('ACCOUNT_DISABLED');
    const token = randomBytes(32).toString('base64url');
    inTransaction(this.db, () => {
      // Parallel attempts may have locked the account while this password was being checked.
      const now = this.clock.now();
      this.throwIfLocked(user.id, now);
      this.users.recordSignIn(user.id, now.toISOString());
      this.users.insertSession(hashToken(token), user.id, now.toISOString());
    });
    return this.session(token, this.requireUser(user.id));
  }

  /** Re-attaches a live session to a new connection; ends it if it has been idle too long. */
  resume(token: string): Session {
    const user = this.authenticate(token);
    return this.session(token, this.requireUser(user.id));
  }

  touch(signedIn: SignedInUser): Session {
    const at = this.now();
    inTransaction(this.db, () => {
      this.users.touchSession(signedIn.tokenHash, at);
    });
    return this.sessionByHash(signedIn.tokenHash, this.requireUser(signedIn.id));
  }

  signOut(signedIn: SignedInUser): void {
    inTransaction(this.db, () => {
      this.users.endSession(signedIn.tokenHash, 'signedOut', this.now());
    });
  }

  /** The user behind a session token, or a typed error saying why there is none. */
  authenticate(token: string): SignedInUser {
    const tokenHash = hashToken(token);
    const session = this.users.session(tokenHash);
    if (!session || session.ended_at !== null) throw new ApiError('UNAUTHENTICATED');
    const idleLimitMs = this.settings.read().idleTimeoutMinutes * 60_000;
    if (this.clock.now().getTime() - new Date(session.last_seen_at).getTime() > idleLimitMs) {
      inTransaction(this.db, () => {
        this.users.endSession(tokenHash, 'idle', this.now());
      });
      throw new ApiError('SESSION_EXPIRED');
    }
    const user = this.requireUser(session.user_id);
    if (user.disabled) throw new ApiError('ACCOUNT_DISABLED');
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      tokenHash,
    };
  }

  async changePassword(signedIn: SignedInUser, current: string, next: string): Promise<void> {
    const user = this.requireUser(signedIn.id);
    if (!(await this.hasher.verify(user.passwordHash, current))) {
      throw new ApiError('BAD_CREDENTIALS', {
        message: { zh: '当前密码不正确', en: 'The current password is wrong' },
        path: ['currentPassword'],
      });
    }
    const passwordHash = await this.hasher.hash(next);
    inTransaction(this.db, () => {
      const at = this.now();
      this.users.setPassword(user.id, passwordHash, at);
      this.shareUser(user.id, 'password', at);
      // Whoever knew the old password is signed out everywhere but here.
      this.users.endSessionsOf(user.id, 'passwordChanged', at, signedIn.tokenHash);
    });
  }

  listUsers(): User[] {
    return this.users.list().map(publicUser);
  }

  async createUser(input: ParsedInput<'users.create'>): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    const id = inTransaction(this.db, () => {
      if (this.users.byUsername(input.username)) {
        throw new ApiError('CONFLICT', {
          message: { zh: '该用户名已存在', en: 'This user name is taken' },
          path: ['username'],
        });
      }
      const at = this.now();
      const created = this.users.insert({ ...input, passwordHash, at });
      this.shareUser(created, 'create', at);
      return created;
    });
    return publicUser(this.requireUser(id));
  }

  /** Disabling a user also ends their sessions; the last active admin cannot be removed. */
  updateUser(input: ParsedInput<'users.update'>): User {
    inTransaction(this.db, () => {
      const user = this.requireUser(input.id);
      const losesAdmin =
        user.role === 'admin' &&
        !user.disabled &&
        (input.disabled === true || (input.role !== undefined && input.role !== 'admin'));
      if (losesAdmin && this.activeAdminCount() <= 1) {
        throw new ApiError('CONFLICT', {
          message: {
            zh: '至少要保留一个可用的管理员账号',
            en: 'At least one active administrator must remain',
          },
          path: [input.disabled === true ? 'disabled' : 'role'],
        });
      }
      const at = this.now();
      this.users.update(user.id, input, at);
      this.shareUser(user.id, 'update', at);
      if (input.disabled === true) this.users.endSessionsOf(user.id, 'disabled', at);
    });
    return publicUser(this.requireUser(input.id));
  }

  async resetPassword(id: number, newPassword: string): Promise<User> {
    this.requireUser(id);
    const passwordHash = await this.hasher.hash(newPassword);
    inTransaction(this.db, () => {
      const at = this.now();
      this.users.setPassword(id, passwordHash, at);
      this.shareUser(id, 'password', at);
      this.users.endSessionsOf(id, 'passwordChanged', at);
    });
    return publicUser(this.requireUser(id));
  }

  /**
   * The hall's other terminals learn the account through the hub, password hash included, so a
   * clerk signs in at any window of the hall, also offline.
   */
  private shareUser(id: number, operation: string, at: string): void {
    const user = this.requireUser(id);
    const entry: DirectoryUser = {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      passwordHash: user.passwordHash,
      disabled: user.disabled,
    };
    appendOutbox(this.db, {
      entity: 'user',
      entityId: user.username.toLowerCase(),
      operation,
      payload: entry,
      at,
    });
  }

  /** Counts a failure atomically; the fifth in a row locks the account. */
  private recordFailure(userId: number, now: Date): never {
    const lockedUntil = inTransaction(this.db, () => {
      this.throwIfLocked(userId, now);
      const failures = this.users.countFailure(userId, now.toISOString());
      if (failures < MAX_FAILED_SIGN_INS) return null;
      const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
      this.users.lock(userId, until, now.toISOString());
      return until;
    });
    if (lockedUntil) throw this.lockedError(lockedUntil);
    throw badCredentials();
  }

  private throwIfLocked(userId: number, now: Date): void {
    const lockedUntil = this.requireUser(userId).lockedUntil;
    if (lockedUntil !== null && new Date(lockedUntil) > now) throw this.lockedError(lockedUntil);
  }

  private lockedError(lockedUntil: string): ApiError {
    const until = new Date(lockedUntil);
    const time = `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;
    return new ApiError('ACCOUNT_LOCKED', {
      message: {
        zh: `连续 ${MAX_FAILED_SIGN_INS} 次登录失败，账号已锁定至 ${time}；管理员可重置密码解锁`,
        en: `${MAX_FAILED_SIGN_INS} failed sign-ins: locked until ${time}; an administrator can unlock it`,
      },
    });
  }

  private activeAdminCount(): number {
    return this.users.list().filter((user) => user.role === 'admin' && !user.disabled).length;
  }

  private requireUser(id: number): StoredUser {
    const user = this.users.byId(id);
    if (!user) throw new ApiError('NOT_FOUND', { path: ['id'] });
    return user;
  }

  private session(token: string, user: StoredUser): Session {
    return { ...this.sessionByHash(hashToken(token), user), token };
  }

  private sessionByHash(tokenHash: string, user: StoredUser): Session {
    const session = this.users.session(tokenHash);
    const idleTimeoutMinutes = this.settings.read().idleTimeoutMinutes;
    const lastSeen = new Date(session?.last_seen_at ?? this.now()).getTime();
    return {
      token: '',
      user: publicUser(user),
      idleTimeoutMinutes,
      expiresAt: new Date(lastSeen + idleTimeoutMinutes * 60_000).toISOString(),
    };
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
    return this.decoyHash;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
