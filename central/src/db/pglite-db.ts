import { PGlite } from '@electric-sql/pglite';
import type { HubDb, SqlExecutor } from './hub-db';

export interface PgliteHubDb extends HubDb {
  /** The whole database as a tarball: a backup, restored with `loadDataDir`. */
  dump(): Promise<File | Blob>;
}

/** Embedded PostgreSQL in a folder: a single connection, so transactions queue one after another. */
export async function openPgliteDb(
  dataDir: string | undefined,
  loadDataDir?: File | Blob,
): Promise<PgliteHubDb> {
  const pglite = await PGlite.create({
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(loadDataDir === undefined ? {} : { loadDataDir }),
  });
  const executor = (target: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    ...executor(pglite),
    transaction: (work) => pglite.transaction((tx) => work(executor(tx))),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    close: () => pglite.close(),
    dump: () => pglite.dumpDataDir('none'),
  };
}
