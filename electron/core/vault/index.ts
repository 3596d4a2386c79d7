import { ApiError, contract, type MethodName, type VaultStatus } from '@shared/api';
import type { Db } from '../db/connection';
import type { Handlers } from '../rpc/dispatcher';
import type { Vault } from './vault';

export { Vault, type OsKeyProtection, type VaultOptions } from './vault';
export { storeFileKind } from './store-file';
export { KEY_STORE_FILE } from './key-store';
export { checkStoreHealth, corrupt, missingLog, type StoreDamage } from './store-health';

type VaultMethods = Extract<MethodName, `vault.${string}`>;

/**
 * The vault methods of an open engine. Without a vault (an evaluation run, a benchmark) the
 * caller supplied the key itself, and there is nothing to rotate here.
 */
export function vaultHandlers(
  vault: Vault | undefined,
  db: Db,
  onChange: (status: VaultStatus) => void,
): Pick<Handlers, VaultMethods> {
  const status = (): VaultStatus =>
    vault?.status() ?? {
      state: 'open',
      protections: [],
      problem: null,
      retryAfterSeconds: 0,
      keyCreatedAt: null,
      backups: [],
    };
  const requireVault = (): Vault => {
    if (vault) return vault;
    throw new ApiError('FORBIDDEN', {
      message: {
        zh: '本进程的数据库密钥由启动它的程序提供，不能在此更换',
        en: 'This process was given its store key by its caller; it cannot be changed here',
      },
    });
  };
  const changed = (): VaultStatus => {
    const now = status();
    onChange(now);
    return now;
  };
  return {
    'vault.status': status,
    'vault.setUp': () => {
      throw new ApiError('SETUP_DONE');
    },
    'vault.unlock': status,
    // An open engine's store is sound: the vault refuses the restore and says how to force it.
    'vault.restoreBackup': ({ backupId }) => {
      requireVault().restoreBackup(backupId);
      return status();
    },
    'vault.rekey': async ({ passphrase }) => {
      await requireVault().rekey(db, passphrase);
      return changed();
    },
    'vault.setPassphrase': async ({ currentPassphrase, newPassphrase }) => {
      await requireVault().setPassphrase(currentPassphrase, newPassphrase);
      return changed();
    },
  };
}

/**
 * What a locked engine answers: the vault's own status, set-up and unlock; every other method
 * says the store is locked. `onOpen` starts the real engine with the key.
 */
export function lockedHandlers(
  vault: Vault,
  onOpen: (key: Buffer) => void,
  /** After a restore: unlock again the way the terminal does by itself, if it can. */
  reopen: () => Promise<void>,
): Handlers {
  const refuse = (): never => {
    throw new ApiError('STORE_LOCKED');
  };
  const refusals = Object.fromEntries(
    Object.keys(contract).map((method) => [method, refuse]),
  ) as unknown as Handlers;
  const opened = (key: Buffer): VaultStatus => {
    onOpen(key);
    return vault.status();
  };
  return {
    ...refusals,
    'vault.status': () => vault.status(),
    'vault.setUp': async ({ passphrase }) => opened(await vault.setUp(passphrase)),
    'vault.unlock': async ({ passphrase }) => opened(await vault.unlock(passphrase)),
    'vault.restoreBackup': async ({ backupId }) => {
      if (!vault.backups.list().some((backup) => backup.id === backupId))
        throw new ApiError('NOT_FOUND', { path: ['backupId'] });
      vault.restoreBackup(backupId);
      await reopen();
      return vault.status();
    },
  };
}
