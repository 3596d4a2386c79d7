import { ApiError, createUserInputSchema, parseOrThrow, roleSchema, type User } from '@shared/api';
import { newPasswordSchema } from '@shared/api/auth';
import { AuthService, createArgon2Hasher, UserRepository } from '../auth';
import { systemClock } from '../clock';
import type { Db } from '../db/connection';
import { SettingsStore } from '../settings/settings-store';

function authService(db: Db): AuthService {
  return new AuthService(
    db,
    new UserRepository(db),
    new SettingsStore(db),
    createArgon2Hasher(),
    systemClock,
  );
}

const roleNames: Record<User['role'], string> = {
  clerk: '窗口人员',
  remote_expert: '远程坐席',
  leader: '领导干部',
  admin: '管理员',
};

function describe(user: User): string {
  const state = user.disabled
    ? '已停用 disabled'
    : user.lockedUntil
      ? `锁定至 locked until ${user.lockedUntil}`
      : '正常 active';
  return `${String(user.id).padStart(4)}  ${user.username.padEnd(20)} ${user.displayName.padEnd(12)} ${roleNames[user.role]}(${user.role})  ${state}`;
}

function findUser(service: AuthService, username: string): User {
  const user = service
    .listUsers()
    .find((candidate) => candidate.username.toLowerCase() === username.toLowerCase());
  if (!user)
    throw new ApiError('NOT_FOUND', {
      message: { zh: `没有用户 ${username}`, en: `No user ${username}` },
    });
  return user;
}

/** `bangban users …`: list, create, reset a password (also unlocks), disable and enable. */
export async function usersCommand(
  db: Db,
  action: 'list' | 'create' | 'reset-password' | 'disable' | 'enable',
  options: { username?: string; displayName?: string; role?: string; password?: string },
  out: (line: string) => void,
): Promise<number> {
  const service = authService(db);
  if (action === 'list') {
    for (const user of service.listUsers()) out(describe(user));
    return 0;
  }
  const username = options.username ?? '';
  if (action === 'create') {
    const input = parseOrThrow(createUserInputSchema, {
      username,
      displayName: options.displayName ?? username,
      role: roleSchema.parse(options.role ?? 'clerk'),
      password: options.password,
    });
    out(describe(await service.createUser(input)));
    return 0;
  }
  const user = findUser(service, username);
  if (action === 'reset-password') {
    const password = parseOrThrow(newPasswordSchema, options.password);
    out(describe(await service.resetPassword(user.id, password)));
    return 0;
  }
  out(describe(service.updateUser({ id: user.id, disabled: action === 'disable' })));
  return 0;
}
