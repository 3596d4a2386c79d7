import Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '@shared/api';

export type Db = Database.Database;

/**
 * Applies the store key: SQLCipher 4's format with a raw 256-bit key (no passphrase KDF at
 * every open: the key is already random). Must run before anything else touches the file.
 */
export function applyStoreKey(db: Db, key: Buffer): void {
  applyCipherScheme(db);
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/**
 * Re-encrypts the whole database under `key` (or encrypts a plaintext one that has only the
 * cipher scheme applied). SQLite3 Multiple Ciphers rekeys under a rollback journal only, so a
 * WAL database is checkpointed, taken out of WAL for the rekey, and put back.
 */
export function rekeyDatabase(db: Db, key: Buffer): void {
  const wal = db.pragma('journal_mode', { simple: true }) === 'wal';
  if (wal) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  }
  try {
    db.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    if (wal) db.pragma('journal_mode = WAL');
  }
}

/** The cipher alone, for a connection that will encrypt a plaintext file with `rekey`. */
export function applyCipherScheme(db: Db): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
}

/**
 * Opens the encrypted local store with the durability settings every write relies on: WAL so
 * readers never block the writer, FULL sync so an acknowledged commit survives power loss,
 * foreign keys, and secure_delete so deleted records are overwritten, not left in free pages.
 * A key that does not open the file is a typed error, never a new empty database.
 */
export function openDatabase(file: string, key: Buffer): Db {
  const db = new Database(file);
  try {
    applyStoreKey(db, key);
    assertKeyOpens(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens an existing store to inspect it (`bangban doctor`): no pragmas that change the file, and
 * a missing file is an error rather than a new empty database.
 */
export function openDatabaseForInspection(file: string, key: Buffer): Db {
  const db = new Database(file, { fileMustExist: true });
  try {
    applyStoreKey(db, key);
    assertKeyOpens(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** SQLite answers "not a database" when the key is wrong: say that in the user's words. */
function assertKeyOpens(db: Db): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_NOTADB') {
      throw new ApiError('STORE_KEY_INVALID', {
        message: {
          zh: '数据库密钥不正确，或数据库文件不是帮办台的数据库',
          en: 'The key does not open the store, or the file is not a Bangban store',
        },
      });
    }
    throw error;
  }
}

/** Runs `work` in one IMMEDIATE transaction: all of it is committed, or none of it. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}
