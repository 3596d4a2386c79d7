import pg from 'pg';
import type { HubDb, SqlExecutor } from './hub-db';

export interface PostgresHubDb extends HubDb {
  /** The database's name on its server. */
  readonly database: string;
}

const INT8 = 20;

function int8AsNumber(oid: number, format: 'text' | 'binary' = 'text'): (value: string) => unknown {
  if (oid === INT8) return Number;
  const defaults = pg.types.getTypeParser as (
    id: number,
    format: 'text' | 'binary',
  ) => (value: string) => unknown;
  return defaults(oid, format);
}

/** A PostgreSQL server through a connection pool; several hub instances may share it. */
export function openPostgresDb(
  connectionString: string,
  options: { maxConnections?: number; onIdleError?: (error: Error) => void } = {},
): PostgresHubDb {
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    // Sequence numbers are bigint: they stay far below 2^53, so numbers are safe and simpler.
    types: { getTypeParser: int8AsNumber as typeof pg.types.getTypeParser },
  });
  // A server restart or an administrator ending sessions breaks idle connections: the pool
  // replaces them, and the hub must not fall over because nobody listened.
  pool.on('error', (error) => {
    options.onIdleError?.(error);
  });
  const executor = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query(sql, [...params]);
      return result.rows as Row[];
    },
  });
  return {
    kind: 'postgres',
    database: new URL(connectionString).pathname.slice(1),
    ...executor(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
