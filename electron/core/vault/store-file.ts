import {
  closeSync,
  copyFileSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyCipherScheme, rekeyDatabase } from '../db/connection';
import { flushFile, syncFolder } from '../db/durable-files';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * What a database file is, judged by its first bytes: a plaintext SQLite file (from a version
 * before encryption, or a foreign one), an encrypted one (random-looking bytes), or nothing yet.
 */
export type StoreFileKind = 'missing' | 'plaintext' | 'encrypted';

export function storeFileKind(file: string): StoreFileKind {
  if (!existsSync(file)) return 'missing';
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).size === 0) return 'missing';
    const header = Buffer.alloc(SQLITE_HEADER.length);
    readSync(fd, header, 0, header.length, 0);
    return header.equals(SQLITE_HEADER) ? 'plaintext' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

/**
 * Encrypts a plaintext store from an earlier version, once, crash-safely: the plaintext is copied,
 * the copy encrypted and checked, then swapped in by rename; only then is the plaintext
 * overwritten and removed. An interrupted run is finished or redone by `finishPlaintextMigration`.
 */
export function encryptPlaintextStore(file: string, key: Buffer): void {
  const encrypting = `${file}.encrypting`;
  rmSync(encrypting, { force: true });
  // Fold the plaintext WAL into the main file, so the copy holds every committed write.
  const plain = new Database(file);
  plain.pragma('wal_checkpoint(TRUNCATE)');
  plain.close();
  copyFileSync(file, encrypting);

  const copy = new Database(encrypting);
  try {
    applyCipherScheme(copy);
    rekeyDatabase(copy, key);
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new Error(`encrypted copy failed its check: ${String(integrity)}`);
  } finally {
    copy.close();
  }
  flushFile(encrypting);

  renameSync(file, `${file}.plaintext`);
  renameSync(encrypting, file);
  syncFolder(dirname(file));
  finishPlaintextMigration(file);
}

/**
 * Completes a migration cut short: a leftover plaintext copy is shredded once the encrypted
 * store is in place, or put back when the swap never happened (the migration then reruns).
 */
export function finishPlaintextMigration(file: string): void {
  const leftover = `${file}.plaintext`;
  if (existsSync(leftover)) {
    if (storeFileKind(file) === 'encrypted') shred(leftover);
    else {
      rmSync(file, { force: true });
      renameSync(leftover, file);
    }
  }
  rmSync(`${file}.encrypting`, { force: true });
  for (const suffix of ['-wal', '-shm', '-journal']) {
    const companion = `${leftover}${suffix}`;
    if (existsSync(companion)) shred(companion);
  }
}

/**
 * Overwrites a file with zeros before unlinking it. On an SSD or a copy-on-write file system the
 * old blocks may survive anyway; docs/security.md says so.
 */
export function shred(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let offset = 0; offset < size; offset += zeros.length) {
      writeSync(fd, zeros, 0, Math.min(zeros.length, size - offset), offset);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(file);
}
