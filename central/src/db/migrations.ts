import type { HubDb } from './hub-db';

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

const files = import.meta.glob<string>('../../migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The hub's numbered migrations, in order (`NNNN_name.sql`). */
export function hubMigrations(): HubMigration[] {
  return Object.entries(files)
    .map(([path, sql]) => {
      const match = /\/(\d{4})_([a-z0-9_]+)\.sql$/.exec(path);
      if (!match?.[1] || !match[2]) throw new Error(`Badly named migration file: ${path}`);
      return { version: Number(match[1]), name: match[2], sql };
    })
    .sort((a, b) => a.version - b.version);
}

/** An arbitrary constant: the advisory lock that lets one of several starting instances migrate. */
const MIGRATION_LOCK = 727_001;

/**
 * Brings the hub's database to the newest migration (or to `target`). Each migration runs in its
 * own transaction with its version row; instances starting together wait for one another.
 */
export async function migrateHub(
  db: HubDb,
  migrations: HubMigration[] = hubMigrations(),
  target?: number,
): Promise<number> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS hub_migrations (
       version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  let applied = 0;
  for (const migration of migrations) {
    if (target !== undefined && migration.version > target) break;
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query('SELECT 1 FROM hub_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied += 1;
  }
  return applied;
}

export async function hubSchemaVersion(db: HubDb): Promise<number> {
  const rows = await db.query<{ version: number | null }>(
    'SELECT max(version)::int AS version FROM hub_migrations',
  );
  return rows[0]?.version ?? 0;
}

/**
 * Splits a migration into statements, so each runs through the transaction's own connection.
 * Migrations keep to plain DDL and DML: no dollar-quoted bodies, no semicolons inside strings.
 */
function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
