import { hostname, userInfo } from 'node:os';
import { ApiError } from '@shared/api';
import { AuditLog } from '../audit';
import { systemClock } from '../clock';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrations';
import { DATABASE_FILE } from '../engine';
import { silentLogger } from '../logger';
import { Vault } from '../vault';
import { promptPassphrase } from './passphrase-prompt';

export interface Store {
  db: Db;
  vault: Vault;
  /** The unlocked store key. */
  key: Buffer;
  audit: AuditLog;
  /** Writes one entry for this command, as `cli:<OS user>`. */
  record(
    action: string,
    subject: string,
    detail?: Record<string, unknown>,
    outcome?: 'success' | 'failure',
  ): void;
  close(): void;
}

/** The data folder's vault, with the key file named by BANGBAN_KEY_FILE if any. */
export function cliVault(dataDir: string, env: NodeJS.ProcessEnv = process.env): Vault {
  return new Vault({
    dataDir,
    databaseFile: DATABASE_FILE,
    keyFile: env.BANGBAN_KEY_FILE?.trim() || undefined,
    clock: systemClock,
    logger: silentLogger,
  });
}

/**
 * Unlocks the vault the way a command line can: the key file, else the passphrase typed at the
 * terminal. The OS keyring of the desktop app is out of reach here, which the error says.
 */
export async function unlockForCli(vault: Vault): Promise<Buffer> {
  const automatic = await vault.openAutomatically();
  if (automatic) return automatic;
  const status = vault.status();
  if (status.state === 'needsSetup') {
    throw new ApiError('STORE_LOCKED', {
      message: {
        zh: '数据库尚未设置密钥：请先启动程序设置数据库口令，或设置 BANGBAN_KEY_FILE 指向密钥文件',
        en: 'The store has no key yet: start the app and set the passphrase, or set BANGBAN_KEY_FILE',
      },
    });
  }
  if (status.problem && !status.protections.includes('passphrase')) {
    // The key file or key store is there but does not do its job: a real fault, not a lock.
    const code =
      status.problem.code === 'STORE_KEY_MISSING' ? 'STORE_KEY_MISSING' : 'STORE_KEY_INVALID';
    throw new ApiError(code, { message: status.problem.message });
  }
  if (!status.protections.includes('passphrase')) {
    throw new ApiError('STORE_LOCKED', {
      message: {
        zh: '此终端的数据库密钥由系统密钥环或密钥文件保护，命令行无法解开：请在“安全”页设置恢复口令，或设置 BANGBAN_KEY_FILE',
        en: 'The key is protected by the OS keyring or a key file: set a recovery passphrase in the app, or set BANGBAN_KEY_FILE',
      },
    });
  }
  const passphrase = await promptPassphrase('数据库口令 / store passphrase: ');
  if (passphrase === undefined) {
    throw new ApiError('STORE_LOCKED', {
      message: {
        zh: '数据库已加密：请在终端中运行以输入口令，或设置 BANGBAN_KEY_FILE',
        en: 'The store is encrypted: run this in a terminal to type the passphrase, or set BANGBAN_KEY_FILE',
      },
    });
  }
  return vault.unlock(passphrase);
}

/** Opens (creating if needed) the data folder's encrypted database at the newest schema. */
async function openStore(dataDir: string): Promise<Store> {
  const vault = cliVault(dataDir);
  const key = await unlockForCli(vault);
  const db = openDatabase(vault.databasePath, key);
  migrate(db);
  const audit = new AuditLog(db, systemClock, hostname());
  return {
    db,
    vault,
    key,
    audit,
    record: (action, subject, detail, outcome = 'success') => {
      audit.append({
        userId: null,
        actor: `cli:${userInfo().username}`,
        action,
        subject,
        outcome,
        ...(detail ? { detail } : {}),
      });
    },
    close: () => db.close(),
  };
}

/** Runs one command against the opened store, and closes it whatever happens. */
export async function withStore<T>(
  dataDir: string,
  work: (store: Store) => T | Promise<T>,
): Promise<T> {
  const store = await openStore(dataDir);
  try {
    return await work(store);
  } finally {
    store.close();
  }
}
