import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BackupSummary } from '@shared/api';
import { openDatabaseForInspection, type Db } from '../db/connection';
import { schemaVersion } from '../db/migrations';
import { flushFile, syncFolder, writeFileAtomically } from '../db/durable-files';
import { KEY_STORE_FILE, keyIdOf } from '../vault/key-store';

export const BACKUP_FOLDER = 'backups';
/** The attachments folder (see attachments/attachment-store.ts), named here to avoid a cycle. */
const ATTACHMENTS = 'attachments';
export const QUARANTINE_FOLDER = 'quarantine';
/** Backups kept: with one a day, a week and a half to notice a problem and go back. */
const BACKUPS_KEPT = 10;

const backupMetaSchema = z.object({
  createdAt: z.string(),
  reason: z.enum(['scheduled', 'manual', 'beforeUpgrade', 'beforeRestore']),
  keyId: z.string(),
  schemaVersion: z.number().int(),
  sizeBytes: z.number().int(),
  /**
   * The key store as it was: a backup made under an older key is restored with it. Empty where
   * the caller manages the key itself (tests, evaluation runs).
   */
  keyStore: z.string(),
});
type BackupMeta = z.infer<typeof backupMetaSchema>;
export type BackupReason = BackupMeta['reason'];

/**
 * Encrypted copies of the store in `<data>/backups/`: `VACUUM INTO` writes a compact copy under
 * the same key (SQLCipher never writes a plaintext copy), checked before it counts, with a
 * sidecar holding its key store. Newest first; the oldest beyond `keep` are removed.
 */
export class BackupStore {
  constructor(
    private readonly dataDir: string,
    private readonly keep: number = BACKUPS_KEPT,
  ) {}

  private get folder(): string {
    return join(this.dataDir, BACKUP_FOLDER);
  }

  create(db: Db, key: Buffer, reason: BackupReason, now: Date): BackupSummary {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    const id = `bangban-${stamp(now)}-${reason}`;
    const file = join(this.folder, `${id}.db`);
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    // The target is a bound parameter: no path ever becomes SQL text.
    db.prepare('VACUUM INTO ?').run(partial);
    const check = openDatabaseForInspection(partial, key);
    try {
      const result = check.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new Error(`the new backup failed its check: ${String(result)}`);
    } finally {
      check.close();
    }
    flushFile(partial);
    const meta: BackupMeta = {
      createdAt: now.toISOString(),
      reason,
      keyId: keyIdOf(key),
      schemaVersion: schemaVersion(db),
      sizeBytes: statSync(partial).size,
      keyStore: readKeyStoreText(this.dataDir),
    };
    // Attachments are encrypted files that never change once written: hard links keep them
    // with the backup at no cost in space (a copy where links are not possible).
    linkFolder(join(this.dataDir, ATTACHMENTS), join(this.folder, `${id}.attachments`));
    writeFileAtomically(`${join(this.folder, id)}.json`, `${JSON.stringify(meta, null, 2)}\n`);
    renameSync(partial, file);
    syncFolder(this.folder);
    this.prune();
    return summaryOf(id, meta);
  }

  /** Whether the newest backup is a day old, or there is none. */
  isDue(now: Date): boolean {
    const newest = this.list()[0];
    return !newest || now.getTime() - Date.parse(newest.createdAt) >= 24 * 60 * 60_000;
  }

  list(): BackupSummary[] {
    if (!existsSync(this.folder)) return [];
    return readdirSync(this.folder)
      .filter((name) => name.endsWith('.db'))
      .map((name) => name.slice(0, -3))
      .flatMap((id) => {
        const meta = this.meta(id);
        return meta ? [summaryOf(id, meta)] : [];
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * Puts a backup in place of the store: the current files go to `quarantine/<time>/` (kept,
   * never deleted), the backup is copied in and its key store restored beside it.
   */
  restore(id: string, now: Date): { quarantinedTo: string } {
    const meta = this.meta(id);
    const source = join(this.folder, `${id}.db`);
    if (!meta || !existsSync(source)) throw new Error(`no backup ${id}`);
    const quarantinedTo = quarantineStore(this.dataDir, now);
    const target = join(this.dataDir, 'bangban.db');
    const restoring = `${target}.restoring`;
    copyFileSync(source, restoring);
    flushFile(restoring);
    renameSync(restoring, target);
    linkFolder(join(this.folder, `${id}.attachments`), join(this.dataDir, ATTACHMENTS));
    if (meta.keyStore !== '')
      writeFileAtomically(join(this.dataDir, KEY_STORE_FILE), meta.keyStore);
    syncFolder(this.dataDir);
    return { quarantinedTo };
  }

  private meta(id: string): BackupMeta | undefined {
    try {
      return backupMetaSchema.parse(
        JSON.parse(readFileSync(join(this.folder, `${id}.json`), 'utf8')),
      );
    } catch {
      return undefined;
    }
  }

  private prune(): void {
    for (const old of this.list().slice(this.keep)) {
      rmSync(join(this.folder, `${old.id}.db`), { force: true });
      rmSync(join(this.folder, `${old.id}.json`), { force: true });
      rmSync(join(this.folder, `${old.id}.attachments`), { recursive: true, force: true });
    }
  }
}

function linkFolder(from: string, to: string): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(from)) {
    if (!name.endsWith('.bin')) continue;
    try {
      linkSync(join(from, name), join(to, name));
    } catch {
      copyFileSync(join(from, name), join(to, name));
    }
  }
}

function readKeyStoreText(dataDir: string): string {
  const file = join(dataDir, KEY_STORE_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Moves the store's files (database, WAL, shared memory) aside, keeping them for inspection. */
export function quarantineStore(dataDir: string, now: Date): string {
  const folder = join(dataDir, QUARANTINE_FOLDER, stamp(now));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  for (const name of [
    'bangban.db',
    'bangban.db-wal',
    'bangban.db-shm',
    KEY_STORE_FILE,
    ATTACHMENTS,
  ]) {
    const file = join(dataDir, name);
    if (existsSync(file)) renameSync(file, join(folder, name));
  }
  syncFolder(dataDir);
  return folder;
}

function summaryOf(id: string, meta: BackupMeta): BackupSummary {
  return {
    id,
    createdAt: meta.createdAt,
    reason: meta.reason,
    sizeBytes: meta.sizeBytes,
    schemaVersion: meta.schemaVersion,
  };
}

/** `20261120T093015123Z`: sortable, safe in every file system. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}
