import { systemClock } from '../../electron/core/clock';
import { openDatabaseForInspection, type Db } from '../../electron/core/db/connection';
import { DATABASE_FILE } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/logger';
import { Vault } from '../../electron/core/vault';

/** Where tests keep a data folder's key file: beside the folder, never inside it. */
export function keyFileFor(dataDir: string): string {
  return `${dataDir}.key`;
}

/** The data folder's vault as browser mode sees it with BANGBAN_KEY_FILE = keyFileFor(dataDir). */
export function testVault(dataDir: string): Vault {
  return new Vault({
    dataDir,
    databaseFile: DATABASE_FILE,
    keyFile: keyFileFor(dataDir),
    clock: systemClock,
    logger: silentLogger,
  });
}

/** The store's key, unwrapped with the key file (made on first use, as browser mode does). */
export async function storeKeyOf(dataDir: string): Promise<Buffer> {
  const key = await testVault(dataDir).openAutomatically();
  if (!key) throw new Error(`no key for ${dataDir}`);
  return key;
}

/** Opens a data folder's encrypted store directly, to check what a test's process wrote. */
export async function openTestStore(dataDir: string): Promise<Db> {
  return openDatabaseForInspection(`${dataDir}/${DATABASE_FILE}`, await storeKeyOf(dataDir));
}
