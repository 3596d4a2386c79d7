import { ApiError } from '@shared/api';
import type { CallContext, Connection, Handlers } from '../rpc/dispatcher';
import type { SettingsStore } from '../settings/settings-store';
import { inTransaction, type Db } from '../db/connection';
import type { AuthService, SignedInUser } from './auth-service';

export { AuthService, type SignedInUser } from './auth-service';
export { createArgon2Hasher, type PasswordHasher } from './password-hasher';
export { UserRepository } from './user-repository';

type AuthMethods =
  | 'setup.status'
  | 'setup.createAdmin'
  | 'auth.signIn'
  | 'auth.resume'
  | 'auth.signOut'
  | 'auth.touch'
  | 'auth.changePassword'
  | 'users.list'
  | 'users.directory'
  | 'users.create'
  | 'users.update'
  | 'users.resetPassword'
  | 'settings.get'
  | 'settings.update';

export function signedIn(context: CallContext): SignedInUser {
  if (!context.user) throw new ApiError('UNAUTHENTICATED');
  return context.user;
}

/** Sign-in, sessions, users and terminal settings. `onUserDisabled` lets the engine notify. */
export function authHandlers(
  auth: AuthService,
  settings: SettingsStore,
  db: Db,
  /** Tells the user's open windows (but `except`) that their session is over. */
  onSessionsEnded: (
    userId: number,
    reason: 'disabled' | 'passwordChanged',
    except?: Connection,
  ) => void,
): Pick<Handlers, AuthMethods> {
  return {
    'setup.status': () => auth.setupStatus(),
    'setup.createAdmin': async (input, { connection }) => {
      const session = await auth.createAdmin(input);
      connection.session = { token: session.token, userId: session.user.id };
      return session;
    },
    'auth.signIn': async (input, { connection }) => {
      const session = await auth.signIn(input.username, input.password);
      connection.session = { token: session.token, userId: session.user.id };
      return session;
    },
    'auth.resume': (input, { connection }) => {
      const session = auth.resume(input.token);
      connection.session = { token: session.token, userId: session.user.id };
      return session;
    },
    'auth.signOut': (_input, context) => {
      auth.signOut(signedIn(context));
      context.connection.session = undefined;
      return { ok: true };
    },
    'auth.touch': (_input, context) => auth.touch(signedIn(context)),
    'auth.changePassword': async (input, context) => {
      const user = signedIn(context);
      await auth.changePassword(user, input.currentPassword, input.newPassword);
      onSessionsEnded(user.id, 'passwordChanged', context.connection);
      return { ok: true };
    },
    'users.list': () => auth.listUsers(),
    'users.directory': () =>
      auth
        .listUsers()
        .filter((user) => !user.disabled)
        .map(({ id, displayName, role }) => ({ id, displayName, role })),
    'users.create': (input) => auth.createUser(input),
    'users.update': (input) => {
      const user = auth.updateUser(input);
      if (input.disabled === true) onSessionsEnded(user.id, 'disabled');
      return user;
    },
    'users.resetPassword': async (input) => {
      const user = await auth.resetPassword(input.id, input.newPassword);
      onSessionsEnded(user.id, 'passwordChanged');
      return user;
    },
    'settings.get': () => settings.read(),
    'settings.update': (input) => {
      inTransaction(db, () => {
        settings.write(input);
      });
      return settings.read();
    },
  };
}
