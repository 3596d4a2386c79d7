import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, it } from 'vitest';
import { openDatabase } from '../electron/core/db/connection';
import type { BenchResult } from './bench-result';

/**
 * What encryption at rest costs: the same writes, scans and opens on the encrypted store
 * (SQLCipher 4 through our own openDatabase) and on a plain SQLite file with the same pragmas.
 */
const work = mkdtempSync(join(tmpdir(), 'bangban-bench-cipher-'));
const results: BenchResult[] = [];
const row = JSON.stringify({ name: '欧阳明月', note: '材料齐全，当场受理'.repeat(8) });

afterAll(() => {
  const dir = process.env.BANGBAN_BENCH_DIR ?? join(import.meta.dirname, 'tmp/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'encryption.json'), JSON.stringify({ results }, null, 2));
  rmSync(work, { recursive: true, force: true });
});

function plain(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  return db;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

const key = randomBytes(32);
const encryptedFile = (name: string): string => join(work, `${name}-encrypted.db`);
const plainFile = (name: string): string => join(work, `${name}-plain.db`);

function fill(db: Database.Database, rows: number, perTransaction: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  const batch = db.transaction((count: number) => {
    for (let i = 0; i < count; i++) insert.run(row);
  });
  for (let done = 0; done < rows; done += perTransaction) batch(perTransaction);
}

describe('encryption at rest', () => {
  it('single-row commits (an acknowledged write each)', () => {
    const ours: number[] = [];
    const base: number[] = [];
    for (let run = 0; run < 5; run++) {
      const encrypted = openDatabase(encryptedFile(`commit${run}`), key);
      ours.push(
        time(() => {
          fill(encrypted, 1_000, 1);
        }) / 1_000,
      );
      encrypted.close();
      const bare = plain(plainFile(`commit${run}`));
      base.push(
        time(() => {
          fill(bare, 1_000, 1);
        }) / 1_000,
      );
      bare.close();
    }
    results.push({
      name: 'one committed write (INSERT, WAL, synchronous=FULL)',
      ours: `${median(ours).toFixed(3)} ms (SQLCipher)`,
      baseline: `${median(base).toFixed(3)} ms (plain SQLite, same pragmas)`,
      note: '1,000 single-row transactions × 5 runs; includes fsync',
    });
  });

  it('bulk insert and full scan of 50,000 rows', () => {
    const insertOurs: number[] = [];
    const insertBase: number[] = [];
    const scanOurs: number[] = [];
    const scanBase: number[] = [];
    for (let run = 0; run < 5; run++) {
      const encrypted = openDatabase(encryptedFile(`bulk${run}`), key);
      insertOurs.push(
        time(() => {
          fill(encrypted, 50_000, 5_000);
        }),
      );
      scanOurs.push(time(() => encrypted.prepare('SELECT body FROM t').all()));
      encrypted.close();
      const bare = plain(plainFile(`bulk${run}`));
      insertBase.push(
        time(() => {
          fill(bare, 50_000, 5_000);
        }),
      );
      scanBase.push(time(() => bare.prepare('SELECT body FROM t').all()));
      bare.close();
    }
    results.push({
      name: 'insert 50,000 rows (10 transactions)',
      ours: `${median(insertOurs).toFixed(0)} ms (SQLCipher)`,
      baseline: `${median(insertBase).toFixed(0)} ms (plain SQLite)`,
      note: 'median of 5',
    });
    results.push({
      name: 'read all 50,000 rows (larger than the page cache)',
      ours: `${median(scanOurs).toFixed(0)} ms (SQLCipher)`,
      baseline: `${median(scanBase).toFixed(0)} ms (plain SQLite)`,
      note: 'median of 5; every page read from the file is decrypted and its HMAC checked',
    });
  });

  it('open, key and first query', () => {
    const ours: number[] = [];
    const base: number[] = [];
    for (let run = 0; run < 9; run++) {
      ours.push(
        time(() => {
          const db = openDatabase(encryptedFile('bulk0'), key);
          db.prepare('SELECT count(*) FROM t').get();
          db.close();
        }),
      );
      base.push(
        time(() => {
          const db = plain(plainFile('bulk0'));
          db.prepare('SELECT count(*) FROM t').get();
          db.close();
        }),
      );
    }
    results.push({
      name: 'open the store and count 50,000 rows',
      ours: `${median(ours).toFixed(1)} ms (raw 256-bit key, no KDF)`,
      baseline: `${median(base).toFixed(1)} ms (plain SQLite)`,
      note: 'median of 9; a passphrase adds one Argon2id derivation at unlock only',
    });
  });
});
