import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api';
import type { Clock } from '../clock';
import { openDatabase, openDatabaseForInspection, rekeyDatabase } from '../db/connection';
import { silentLogger } from '../logger';
import { KEY_STORE_FILE, NEXT_KEY_STORE_FILE, readKeyStore } from './key-store';
import { storeFileKind } from './store-file';
import { Vault, type OsKeyProtection, type VaultOptions } from './vault';

const CHEAP_KDF = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const MARKER = '110101199003070011-张三丰';

class TestClock implements Clock {
  current = new Date('2026-11-20T02:00:00.000Z');
  now(): Date {
    return new Date(this.current);
  }
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function workFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'bangban-vault-'));
  folders.push(folder);
  return folder;
}

function vaultIn(dataDir: string, options: Partial<VaultOptions> = {}): Vault {
  return new Vault({
    dataDir,
    databaseFile: 'bangban.db',
    kdfCost: CHEAP_KDF,
    clock: new TestClock(),
    logger: silentLogger,
    ...options,
  });
}

/** Writes a row holding the marker, through the store opened with `key`. */
function writeMarker(dataDir: string, key: Buffer): void {
  const db = openDatabase(join(dataDir, 'bangban.db'), key);
  db.exec('CREATE TABLE IF NOT EXISTS people (name TEXT NOT NULL) STRICT');
  db.prepare('INSERT INTO people (name) VALUES (?)').run(MARKER);
  db.close();
}

function readMarkers(dataDir: string, key: Buffer): string[] {
  const db = openDatabaseForInspection(join(dataDir, 'bangban.db'), key);
  try {
    return (db.prepare('SELECT name FROM people').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

/** Every file in the folder that holds the marker's bytes in the clear. */
function plaintextHits(folder: string): string[] {
  const needle = Buffer.from(MARKER);
  return readdirSync(folder).filter((name) => readFileSync(join(folder, name)).includes(needle));
}

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

/**
 * A fake of Electron's safeStorage (which needs the Electron runtime, unavailable here): it
 * wraps with an AES key that stands for one OS account's keyring.
 */
function fakeOsKeyring(account = randomBytes(32)): OsKeyProtection {
  return {
    wrap: (key) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', account, iv);
      const body = Buffer.concat([cipher.update(key), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    unwrap: (blob) => {
      const decipher = createDecipheriv('aes-256-gcm', account, blob.subarray(0, 12));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Promise.resolve(Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]));
    },
  };
}

describe('a key file (browser mode, CLI)', () => {
  it('is made owner-only on first start, and the store it opens is unreadable without it', async () => {
    const work = workFolder();
    const dataDir = join(work, 'data');
    const keyFile = join(work, 'bangban.key');
    const key = await vaultIn(dataDir, { keyFile }).openAutomatically();
    expect(key).toBeDefined();
    if (!key) return;
    if (process.platform !== 'win32') {
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, KEY_STORE_FILE)).mode & 0o777).toBe(0o600);
    }
    writeMarker(dataDir, key);

    expect(storeFileKind(join(dataDir, 'bangban.db'))).toBe('encrypted');
    expect(plaintextHits(dataDir)).toEqual([]);
    // Neither plain SQLite nor another key reads it.
    expect(() =>
      new Database(join(dataDir, 'bangban.db')).prepare('SELECT 1 FROM people').get(),
    ).toThrow(/not a database/);
    expect(() => openDatabaseForInspection(join(dataDir, 'bangban.db'), randomBytes(32))).toThrow(
      ApiError,
    );

    const again = await vaultIn(dataDir, { keyFile }).openAutomatically();
    expect(again?.equals(key)).toBe(true);
    expect(readMarkers(dataDir, key)).toEqual([MARKER]);
  });

  it('is refused when others may read it, and a different key file does not open the store', async () => {
    const work = workFolder();
    const dataDir = join(work, 'data');
    const keyFile = join(work, 'bangban.key');
    await vaultIn(dataDir, { keyFile }).openAutomatically();
    if (process.platform !== 'win32') {
      chmodSync(keyFile, 0o644);
      const loose = vaultIn(dataDir, { keyFile });
      expect(await loose.openAutomatically()).toBeUndefined();
      expect(loose.status()).toMatchObject({
        state: 'locked',
        problem: { code: 'STORE_KEY_INVALID' },
      });
      expect(loose.status().problem?.message.zh).toContain('chmod 600');
      chmodSync(keyFile, 0o600);
    }
    writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const wrong = vaultIn(dataDir, { keyFile });
    expect(await wrong.openAutomatically()).toBeUndefined();
    expect(wrong.status().state).toBe('locked');

    rmSync(keyFile);
    const missing = vaultIn(dataDir, { keyFile });
    expect(await missing.openAutomatically()).toBeUndefined();
    // A lost key file never leads to a new key over the old store.
    expect(existsSync(keyFile)).toBe(false);
    expect(missing.status().problem?.code).toBe('STORE_KEY_MISSING');
  });
});

describe('a passphrase', () => {
  it('sets up the store, unlocks it, and slows down guessing', async () => {
    const dataDir = join(workFolder(), 'data');
    const first = vaultIn(dataDir);
    expect(await first.openAutomatically()).toBeUndefined();
    expect(first.status()).toMatchObject({ state: 'needsSetup', protections: [] });
    const key = await first.setUp('县中心数据库口令-2026');
    writeMarker(dataDir, key);
    expect(first.status()).toMatchObject({ state: 'open', protections: ['passphrase'] });
    await expect(first.setUp('another passphrase')).rejects.toThrow(/SETUP_DONE/);

    const clock = new TestClock();
    const later = vaultIn(dataDir, { clock });
    expect(await later.openAutomatically()).toBeUndefined();
    expect(later.status().state).toBe('locked');
    for (let attempt = 1; attempt <= 5; attempt++)
      expect((await apiErrorOf(later.unlock(`wrong ${attempt}`))).code).toBe('STORE_KEY_INVALID');
    // The fifth miss starts a wait: even the right passphrase must wait it out.
    expect(later.status().retryAfterSeconds).toBe(30);
    expect((await apiErrorOf(later.unlock('县中心数据库口令-2026'))).code).toBe('TRY_LATER');
    clock.current = new Date(clock.current.getTime() + 31_000);
    const unlocked = await later.unlock('县中心数据库口令-2026');
    expect(readMarkers(dataDir, unlocked)).toEqual([MARKER]);
  });

  it('is a recovery path beside a key file, changed only with the current one', async () => {
    const work = workFolder();
    const dataDir = join(work, 'data');
    const keyFile = join(work, 'bangban.key');
    const vault = vaultIn(dataDir, { keyFile });
    const key = await vault.openAutomatically();
    if (!key) throw new Error('no key');
    writeMarker(dataDir, key);
    await vault.setPassphrase(undefined, '恢复口令-recovery-1');
    expect(vault.status().protections).toEqual(['keyFile', 'passphrase']);
    await expect(vault.setPassphrase('not it', '恢复口令-recovery-2')).rejects.toThrow(
      /STORE_KEY_INVALID/,
    );
    await vault.setPassphrase('恢复口令-recovery-1', '恢复口令-recovery-2');

    rmSync(keyFile);
    const recovering = vaultIn(dataDir, { keyFile });
    expect(await recovering.openAutomatically()).toBeUndefined();
    const recovered = await recovering.unlock('恢复口令-recovery-2');
    expect(readMarkers(dataDir, recovered)).toEqual([MARKER]);
  });
});

describe('OS key protection (desktop)', () => {
  it('opens with no one typing, and asks for the passphrase under another OS account', async () => {
    const dataDir = join(workFolder(), 'data');
    const keyring = fakeOsKeyring();
    const desktop = vaultIn(dataDir, { osProtection: keyring });
    const key = await desktop.openAutomatically();
    if (!key) throw new Error('no key');
    writeMarker(dataDir, key);
    await desktop.setPassphrase(undefined, '恢复口令-recovery-1');
    expect(
      (await vaultIn(dataDir, { osProtection: keyring }).openAutomatically())?.equals(key),
    ).toBe(true);

    const otherAccount = vaultIn(dataDir, { osProtection: fakeOsKeyring() });
    expect(await otherAccount.openAutomatically()).toBeUndefined();
    expect(otherAccount.status()).toMatchObject({ state: 'locked' });
    expect(otherAccount.status().problem?.message.zh).toContain('系统密钥保护无法解开');
    expect(readMarkers(dataDir, await otherAccount.unlock('恢复口令-recovery-1'))).toEqual([
      MARKER,
    ]);
  });
});

describe('an encrypted store without its key store', () => {
  it('stays locked with the recovery path, and is never replaced by a new store', async () => {
    const work = workFolder();
    const dataDir = join(work, 'data');
    const keyFile = join(work, 'bangban.key');
    const key = await vaultIn(dataDir, { keyFile }).openAutomatically();
    if (!key) throw new Error('no key');
    writeMarker(dataDir, key);
    rmSync(join(dataDir, KEY_STORE_FILE));
    const before = readFileSync(join(dataDir, 'bangban.db'));

    const vault = vaultIn(dataDir, { keyFile });
    expect(await vault.openAutomatically()).toBeUndefined();
    expect(vault.status()).toMatchObject({
      state: 'locked',
      problem: { code: 'STORE_KEY_MISSING' },
    });
    expect(vault.status().problem?.recovery.zh).toContain('bangban restore');
    expect((await apiErrorOf(vault.setUp('a new passphrase here'))).code).toBe('STORE_KEY_MISSING');
    expect(readFileSync(join(dataDir, 'bangban.db')).equals(before)).toBe(true);
  });
});

describe('a plaintext store of an earlier version', () => {
  function writePlaintextStore(dataDir: string): void {
    const db = new Database(join(dataDir, 'bangban.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE people (name TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO people (name) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run(MARKER);
    // Left open-ish: the last rows sit in the WAL, as after a crash of the old version.
    db.pragma('wal_autocheckpoint = 0');
    insert.run(MARKER);
    db.close();
  }

  it('is encrypted once, keeps every row, and leaves no plaintext behind', async () => {
    const work = workFolder();
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    writePlaintextStore(dataDir);
    expect(plaintextHits(dataDir)).not.toEqual([]);

    const key = await vaultIn(dataDir, { keyFile: join(work, 'k.key') }).openAutomatically();
    if (!key) throw new Error('no key');
    expect(storeFileKind(join(dataDir, 'bangban.db'))).toBe('encrypted');
    expect(readMarkers(dataDir, key)).toHaveLength(201);
    expect(readdirSync(dataDir).sort()).toEqual(['bangban.db', KEY_STORE_FILE]);
    expect(plaintextHits(dataDir)).toEqual([]);
  });

  it('survives a crash between the two renames: the plaintext is put back and encrypted again', async () => {
    const work = workFolder();
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    writePlaintextStore(dataDir);
    // The state after `rename(db, db.plaintext)` and before the encrypted copy moved in.
    renameSync(join(dataDir, 'bangban.db'), join(dataDir, 'bangban.db.plaintext'));
    writeFileSync(join(dataDir, 'bangban.db.encrypting'), 'half-written');

    const key = await vaultIn(dataDir, { keyFile: join(work, 'k.key') }).openAutomatically();
    if (!key) throw new Error('no key');
    expect(readMarkers(dataDir, key)).toHaveLength(201);
    expect(plaintextHits(dataDir)).toEqual([]);
    expect(readdirSync(dataDir).sort()).toEqual(['bangban.db', KEY_STORE_FILE]);
  });
});

describe('key rotation', () => {
  it('re-encrypts the store under a new key and rewraps every slot', async () => {
    const work = workFolder();
    const dataDir = join(work, 'data');
    const keyFile = join(work, 'bangban.key');
    const vault = vaultIn(dataDir, { keyFile });
    const oldKey = await vault.openAutomatically();
    if (!oldKey) throw new Error('no key');
    writeMarker(dataDir, oldKey);
    await vault.setPassphrase(undefined, '恢复口令-recovery-1');
    const oldStore = readKeyStore(join(dataDir, KEY_STORE_FILE));

    const db = openDatabase(join(dataDir, 'bangban.db'), oldKey);
    expect((await apiErrorOf(vault.rekey(db, undefined))).path).toEqual(['passphrase']);
    expect((await apiErrorOf(vault.rekey(db, 'wrong one'))).code).toBe('STORE_KEY_INVALID');
    await vault.rekey(db, '恢复口令-recovery-1');
    db.close();

    const newKey = vault.storeKey;
    expect(newKey?.equals(oldKey)).toBe(false);
    expect(readKeyStore(join(dataDir, KEY_STORE_FILE)).keyId).not.toBe(oldStore.keyId);
    expect(existsSync(join(dataDir, NEXT_KEY_STORE_FILE))).toBe(false);
    expect(() => openDatabaseForInspection(join(dataDir, 'bangban.db'), oldKey)).toThrow(ApiError);
    expect(
      (await vaultIn(dataDir, { keyFile }).openAutomatically())?.equals(newKey ?? oldKey),
    ).toBe(true);
    rmSync(keyFile);
    const byPassphrase = await vaultIn(dataDir, { keyFile }).unlock('恢复口令-recovery-1');
    expect(readMarkers(dataDir, byPassphrase)).toEqual([MARKER]);
  });

  it('keeps a key that opens the store when it crashes before or after re-encrypting', async () => {
    const work = workFolder();
    const dataDir = join(work, 'data');
    const keyFile = join(work, 'bangban.key');
    const vault = vaultIn(dataDir, { keyFile });
    const key = await vault.openAutomatically();
    if (!key) throw new Error('no key');
    writeMarker(dataDir, key);
    const store = join(dataDir, KEY_STORE_FILE);
    const next = join(dataDir, NEXT_KEY_STORE_FILE);

    // A rotation that completes, with the key stores saved as they were midway.
    const original = readFileSync(store);
    const db = openDatabase(join(dataDir, 'bangban.db'), key);
    await vault.rekey(db, undefined);
    db.close();
    const rotated = readFileSync(store);

    // Crash after writing the next key store, before re-encrypting: old store + next of another key.
    writeFileSync(store, original);
    writeFileSync(next, rotated);
    const database = readFileSync(join(dataDir, 'bangban.db'));
    const rekeyedKey = vault.storeKey;
    if (!rekeyedKey) throw new Error('no key');
    // The database here is already rotated: the next key store must win and be promoted.
    const afterRekey = await vaultIn(dataDir, { keyFile }).openAutomatically();
    expect(afterRekey?.equals(rekeyedKey)).toBe(true);
    expect(existsSync(next)).toBe(false);
    expect(readFileSync(store).equals(rotated)).toBe(true);

    // Crash before the database was touched: the old key store is right, the next one discarded.
    const before = openDatabase(join(dataDir, 'bangban.db'), rekeyedKey);
    rekeyDatabase(before, key);
    before.close();
    writeFileSync(store, original);
    writeFileSync(next, rotated);
    const beforeRekey = await vaultIn(dataDir, { keyFile }).openAutomatically();
    expect(beforeRekey?.equals(key)).toBe(true);
    expect(existsSync(next)).toBe(false);
    expect(readMarkers(dataDir, key)).toEqual([MARKER]);
    expect(database.length).toBeGreaterThan(0);
  });
});
