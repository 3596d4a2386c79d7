import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestEngine, type TestEngine } from '../../../tests/support/engine-harness';

let t: TestEngine;
afterEach(() => {
  t.close();
});

async function withClerk(): Promise<void> {
  await t.setupAdmin();
  await t.ok('users.create', {
    username: 'clerk1',
    displayName: '王窗口',
    role: 'clerk',
    password: 'Window#12345',
  });
  await t.ok('auth.signOut', {});
}

describe('first-start setup', () => {
  it('creates the admin once, signs them in, and refuses a second setup', async () => {
    t = openTestEngine();
    expect(await t.ok('setup.status', {})).toEqual({ needsAdmin: true, hallName: '' });
    const session = await t.setupAdmin();
    expect(session.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(session.token.length).toBeGreaterThanOrEqual(32);
    expect(await t.ok('setup.status', {})).toEqual({
      needsAdmin: false,
      hallName: '测试县政务服务中心',
    });
    const again = await t.call('setup.createAdmin', { hallName: 'x', ...ADMIN, username: 'other' });
    expect(again).toMatchObject({ ok: false, error: { code: 'SETUP_DONE' } });
  });

  it('refuses a weak admin password, naming the field in both languages', async () => {
    t = openTestEngine();
    const response = await t.call('setup.createAdmin', {
      hallName: '大厅',
      username: 'admin',
      displayName: '管理员',
      password: 'password',
    });
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.code).toBe('INVALID_INPUT');
    expect(response.error.path).toEqual(['password']);
    expect(response.error.message.zh).toMatch(/密码/);
    expect(response.error.message.en).toMatch(/characters|three/);
    expect(await t.ok('setup.status', {})).toMatchObject({ needsAdmin: true });
  });

  it('stores an Argon2id hash, never the password', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const row = t.engine.db.prepare('SELECT password_hash FROM users').get() as {
      password_hash: string;
    };
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(ADMIN.password);
  });
});

describe('sign-in', () => {
  it('locks the account after 5 failures, even for the right password, until the lockout ends', async () => {
    t = openTestEngine();
    await withClerk();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const response = await t.call('auth.signIn', {
        username: 'clerk1',
        password: 'wrong-password',
      });
      expect(response).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
      if (!response.ok) expect(response.error.message.zh).toContain('连续 5 次错误将锁定账号');
    }
    expect(
      await t.call('auth.signIn', { username: 'clerk1', password: 'wrong-password' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    expect(
      await t.call('auth.signIn', { username: 'clerk1', password: 'Window#12345' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    t.clock.advanceMinutes(16);
    const session = await t.ok('auth.signIn', { username: 'clerk1', password: 'Window#12345' });
    expect(session.user.role).toBe('clerk');
  });

  it('lets an admin unlock by resetting the password', async () => {
    t = openTestEngine();
    await withClerk();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await t.call('auth.signIn', { username: 'clerk1', password: 'nope-nope' });
    }
    await t.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const clerk = (await t.ok('users.list', {})).find((user) => user.username === 'clerk1');
    expect(clerk?.lockedUntil).not.toBeNull();
    const reset = await t.ok('users.resetPassword', {
      id: clerk?.id ?? 0,
      newPassword: 'Fresh#Pass99',
    });
    expect(reset.lockedUntil).toBeNull();
    await t.ok('auth.signOut', {});
    await t.ok('auth.signIn', { username: 'clerk1', password: 'Fresh#Pass99' });
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    t = openTestEngine();
    await withClerk();
    const unknown = await t.call('auth.signIn', { username: 'ghost', password: 'whatever-1' });
    const wrong = await t.call('auth.signIn', { username: 'clerk1', password: 'whatever-1' });
    expect(unknown.ok).toBe(false);
    if (unknown.ok || wrong.ok) return;
    expect(unknown.error).toEqual(wrong.error);
  });

  it('locks the account even when wrong passwords arrive all at once', async () => {
    t = openTestEngine();
    await withClerk();
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.call('auth.signIn', { username: 'clerk1', password: 'wrong-password' }),
      ),
    );
    const codes = attempts.map((response) => (response.ok ? 'OK' : response.error.code));
    expect(codes.filter((code) => code === 'BAD_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((code) => code === 'ACCOUNT_LOCKED')).toHaveLength(16);
    expect(
      await t.call('auth.signIn', { username: 'clerk1', password: 'Window#12345' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
  });

  it('refuses sign-in before setup', async () => {
    t = openTestEngine();
    expect(await t.call('auth.signIn', { username: 'admin', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'SETUP_REQUIRED' },
    });
  });
});

describe('sessions', () => {
  it('end after the idle timeout unless touched, and can be resumed on a new connection', async () => {
    t = openTestEngine();
    const session = await t.setupAdmin();
    t.clock.advanceMinutes(14);
    await t.ok('auth.touch', {});
    t.clock.advanceMinutes(14);
    await t.ok('users.list', {});
    t = t.reopen();
    const resumed = await t.ok('auth.resume', { token: session.token });
    expect(resumed.user.username).toBe('admin');
    t.clock.advanceMinutes(16);
    expect(await t.call('users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'SESSION_EXPIRED' },
    });
    expect(await t.call('auth.resume', { token: session.token })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('follows a changed idle timeout', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    await t.ok('settings.update', { idleTimeoutMinutes: 5 });
    t.clock.advanceMinutes(6);
    expect(await t.call('cases.list', {})).toMatchObject({
      ok: false,
      error: { code: 'SESSION_EXPIRED' },
    });
  });

  it('end at once for a disabled user, whose open window is told so', async () => {
    t = openTestEngine();
    await withClerk();
    const clerkWindow = t.connect();
    await clerkWindow.ok('auth.signIn', { username: 'clerk1', password: 'Window#12345' });
    await t.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const clerk = (await t.ok('users.list', {})).find((user) => user.username === 'clerk1');
    await t.ok('users.update', { id: clerk?.id ?? 0, disabled: true });
    expect(clerkWindow.events).toContainEqual({
      type: 'event',
      event: 'auth.sessionEnded',
      payload: { reason: 'disabled' },
    });
    expect(t.events).toEqual([]);
    expect(await clerkWindow.call('cases.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(
      await clerkWindow.call('auth.signIn', { username: 'clerk1', password: 'Window#12345' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_DISABLED' },
    });
  });
});

describe('password changes', () => {
  it('sign out every other window of the user, and a reset signs out all of them', async () => {
    t = openTestEngine();
    await withClerk();
    const desk = t.connect();
    const laptop = t.connect();
    await desk.ok('auth.signIn', { username: 'clerk1', password: 'Window#12345' });
    await laptop.ok('auth.signIn', { username: 'clerk1', password: 'Window#12345' });
    await desk.ok('auth.changePassword', {
      currentPassword: 'Window#12345',
      newPassword: 'Changed#2026a',
    });
    expect(laptop.events).toContainEqual(
      expect.objectContaining({ payload: { reason: 'passwordChanged' } }),
    );
    expect(await laptop.call('cases.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(desk.events).toEqual([]);
    await desk.ok('cases.list', {});

    await t.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const clerk = (await t.ok('users.list', {})).find((user) => user.username === 'clerk1');
    await t.ok('users.resetPassword', { id: clerk?.id ?? 0, newPassword: 'Reset#2026abc' });
    expect(desk.events).toContainEqual(
      expect.objectContaining({ payload: { reason: 'passwordChanged' } }),
    );
    expect(await desk.call('cases.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('roles', () => {
  it('keeps admin screens from clerks', async () => {
    t = openTestEngine();
    await withClerk();
    await t.ok('auth.signIn', { username: 'clerk1', password: 'Window#12345' });
    expect(await t.call('users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await t.call('knowledge.imports', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await t.ok('matters.search', { query: '' })).not.toHaveLength(0);
  });

  it('never leaves the terminal without an active admin', async () => {
    t = openTestEngine();
    const session = await t.setupAdmin();
    const response = await t.call('users.update', { id: session.user.id, role: 'clerk' });
    expect(response).toMatchObject({ ok: false, error: { code: 'CONFLICT', path: ['role'] } });
    expect(await t.call('users.update', { id: session.user.id, disabled: true })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', path: ['disabled'] },
    });
  });

  it('lets the role of a disabled admin change while another admin is active', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const second = await t.ok('users.create', {
      username: 'admin2',
      displayName: '二号',
      role: 'admin',
      password: 'Admin2#2026x',
    });
    await t.ok('users.update', { id: second.id, disabled: true });
    expect((await t.ok('users.update', { id: second.id, role: 'clerk' })).role).toBe('clerk');
  });

  it('rejects a duplicate user name on the field', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const response = await t.call('users.create', {
      username: 'ADMIN',
      displayName: 'x',
      role: 'clerk',
      password: 'Window#12345',
    });
    expect(response).toMatchObject({ ok: false, error: { code: 'CONFLICT', path: ['username'] } });
  });
});
