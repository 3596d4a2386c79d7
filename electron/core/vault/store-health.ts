import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError, type LocalizedText } from '@shared/api';
import { openDatabaseForInspection } from '../db/connection';
import { storeFileKind } from './store-file';

export interface StoreDamage {
  code: 'walMissing' | 'notOpenable' | 'corrupt';
  message: LocalizedText;
}

/**
 * A log that vanished after a crash. SQLite removes the log and the shared-memory file at a
 * clean close and leaves both after a crash, so the shared memory alone means the log, and the
 * commits in it, were deleted. Must be asked before anything opens the file: the first close
 * tidies the evidence away.
 */
export function missingLog(file: string): StoreDamage | undefined {
  if (!existsSync(`${file}-shm`) || existsSync(`${file}-wal`)) return undefined;
  return {
    code: 'walMissing',
    message: {
      zh: '数据库的预写日志（bangban.db-wal）在上次异常退出后丢失，其中已保存的最新操作无法找回',
      en: 'The store’s write-ahead log (bangban.db-wal) went missing after a crash; its latest commits are lost',
    },
  };
}

/**
 * Checks the store before the engine trusts it, with a key known to be right: a file the key
 * cannot open (cut short, overwritten, another file) or pages that fail SQLite's check.
 * Undefined when the store is sound (or not made yet).
 */
export function checkStoreHealth(file: string, key: Buffer): StoreDamage | undefined {
  if (!existsSync(file)) return undefined;
  if (storeFileKind(file) === 'plaintext') {
    return {
      code: 'notOpenable',
      message: {
        zh: '数据库位置上是一个未加密的其他数据库文件，不是本机的加密数据库',
        en: 'An unencrypted, foreign database file sits where the encrypted store should be',
      },
    };
  }
  let db: Database.Database;
  try {
    db = openDatabaseForInspection(file, key);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'STORE_KEY_INVALID') {
      return {
        code: 'notOpenable',
        message: {
          zh: '数据库文件无法用本机密钥打开：文件可能被截断、覆盖，或被换成了其他文件',
          en: 'The key does not open the database file: it may be cut short, overwritten or replaced',
        },
      };
    }
    return corrupt(error);
  }
  try {
    const result = db.pragma('quick_check', { simple: true });
    return result === 'ok' ? undefined : corrupt(result);
  } catch (error) {
    return corrupt(error);
  } finally {
    db.close();
  }
}

/** Damage SQLite itself reported (a bad page, a file cut short), in its own words. */
export function corrupt(detail: unknown): StoreDamage {
  const text = detail instanceof Error ? detail.message : String(detail);
  return {
    code: 'corrupt',
    message: {
      zh: `数据库文件已损坏（${text}）`,
      en: `The database file is damaged (${text})`,
    },
  };
}
