import { ApiError } from '@shared/api';
import type { CallContext, Handlers } from '../rpc/dispatcher';
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
  onUserDisabled: (userId: number) => void,
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
      await auth.changePassword(signedIn(context), input.currentPassword, input.newPassword);
      return { ok: true };
    },
    'users.list': () => auth.listUsers(),
    'users.create': (input) => auth.createUser(input),
    'users.update': (input) => {
      const user = auth.updateUser(input);
      if (input.disabled === true) onUserDisabled(user.id);
      return user;
    },
    'users.resetPassword': (input) => auth.resetPassword(input.id, input.newPassword),
    'settings.get': () => settings.read(),
    'settings.update': (input) => {
      inTransaction(db, () => {
        settings.write(input);
      });
      return settings.read();
    },
  };
}
