import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens the local store with the durability settings every write relies on: WAL so readers never
 * block the writer, FULL sync so an acknowledged commit survives power loss, and foreign keys.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Opens an existing store to inspect it (`bangban doctor`): no pragmas that change the file, and
 * a missing file is an error rather than a new empty database.
 */
export function openDatabaseForInspection(file: string): Db {
  return new Database(file, { fileMustExist: true });
}

/** Runs `work` in one IMMEDIATE transaction: all of it is committed, or none of it. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}
