import { inTransaction, type Db } from './connection';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const files = import.meta.glob<string>('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The numbered migrations shipped with the engine, in order (`NNNN_name.sql`). */
export function bundledMigrations(): Migration[] {
  return Object.entries(files)
    .map(([path, sql]) => {
      const match = /\/(\d{4})_([a-z0-9_]+)\.sql$/.exec(path);
      if (!match?.[1] || !match[2]) throw new Error(`Badly named migration file: ${path}`);
      return { version: Number(match[1]), name: match[2], sql };
    })
    .sort((a, b) => a.version - b.version);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** An existing store that this engine will change: worth a backup first. A new one is not. */
export function needsUpgrade(db: Db, migrations: Migration[] = bundledMigrations()): boolean {
  const current = schemaVersion(db);
  return current > 0 && current < (migrations.at(-1)?.version ?? 0);
}

/**
 * Brings the database up to the newest migration (or to `target`). Each migration runs in its own
 * transaction together with the version bump, so a crash leaves the database at a whole version.
 */
export function migrate(
  db: Db,
  migrations: Migration[] = bundledMigrations(),
  target?: number,
): number {
  assertContiguous(migrations);
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `The database is at schema version ${current}, newer than this engine (${newest}); update the app.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    if (target !== undefined && migration.version > target) break;
    // Rebuilding a table others point at (SQLite's 12-step ALTER) needs foreign keys off for the
    // swap, which only a pragma outside the transaction can do; the keys are checked before commit.
    const rebuild = REBUILD_MARK.test(migration.sql);
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      inTransaction(db, () => {
        db.exec(migration.sql);
        if (rebuild) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0)
            throw new Error(
              `Migration ${migration.version} left ${broken.length} broken references`,
            );
        }
        db.pragma(`user_version = ${migration.version}`);
      });
    } finally {
      if (rebuild) db.pragma('foreign_keys = ON');
    }
  }
  return schemaVersion(db);
}

/** First line of a migration that rebuilds a table other tables reference. */
const REBUILD_MARK = /^-- bangban:rebuilds-referenced-table$/m;

function assertContiguous(migrations: Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 0001, 0002, … without gaps (${migration.name})`);
    }
  });
}
