import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HubConfig } from './config';
import type { HubDb } from './db/hub-db';
import { migrateHub } from './db/migrations';
import { openPgliteDb } from './db/pglite-db';
import { openPostgresDb } from './db/postgres-db';

const LOCK_FILE = 'hub.lock';

/** The configured database, migrated to this hub's schema. */
export async function openHubDb(
  config: Pick<HubConfig, 'dataDir' | 'databaseUrl'>,
  onIdleError?: (error: Error) => void,
): Promise<HubDb> {
  if (config.databaseUrl) {
    const db = openPostgresDb(config.databaseUrl, onIdleError ? { onIdleError } : {});
    await migrateHub(db);
    return db;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const release = lockDataDir(config.dataDir);
  try {
    const db = await openPgliteDb(join(config.dataDir, 'pg'));
    await migrateHub(db);
    return {
      ...db,
      close: async () => {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * The folder is locked for as long as the database is open; a lock left by a dead process is taken
 * over.
 */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(path, 'utf8'));
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder))
      throw new Error(
        `中心数据目录正被进程 ${holder} 使用（中心正在运行？请在管理控制台操作）/ ` +
          `The hub's data folder is in use by process ${holder} (is the hub running? use the console)`,
      );
    writeFileSync(path, String(process.pid));
  }
  return () => {
    rmSync(path, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
