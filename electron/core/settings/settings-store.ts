import type { Settings } from '@shared/api';
import type { Db } from '../db/connection';

const defaults: Settings = {
  hallName: '',
  hallContact: '',
  idleTimeoutMinutes: 15,
  correctionDays: 10,
  retentionMonths: 36,
  activeModel: null,
  activeEmbeddingModel: null,
};

/** Terminal settings, one row per key, each value JSON. */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  read(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as {
      key: string;
      value: string;
    }[];
    const stored = Object.fromEntries(
      rows.map((row) => [row.key, JSON.parse(row.value) as unknown]),
    );
    return { ...defaults, ...(stored as Partial<Settings>) };
  }

  /** Writes the given keys; the caller owns the transaction. */
  write(changes: { [K in keyof Settings]?: Settings[K] | undefined }): void {
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    for (const key of Object.keys(changes) as (keyof Settings)[]) {
      const value = changes[key];
      // An explicit `undefined` (possible through a structured clone) means "leave as is".
      if (value !== undefined) upsert.run(key, JSON.stringify(value));
    }
  }
}
