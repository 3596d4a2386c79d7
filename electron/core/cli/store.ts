import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrations';
import { DATABASE_FILE } from '../engine';

/** Opens (creating if needed) the data folder's database at the newest schema. */
export function openStore(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  migrate(db);
  return db;
}
