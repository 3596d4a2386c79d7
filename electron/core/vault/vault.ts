import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, type KeyProtection, type VaultStatus } from '@shared/api';
import type { Clock } from '../clock';
import { openDatabaseForInspection, rekeyDatabase, type Db } from '../db/connection';
import { syncFolder } from '../db/durable-files';
import type { Logger } from '../logger';
import { createKeyFile, readKeyFile } from './key-file';
import {
  KEY_STORE_FILE,
  keyIdOf,
  KeyStoreUnreadable,
  newStoreKey,
  NEXT_KEY_STORE_FILE,
  readKeyStore,
  seal,
  unseal,
  writeKeyStore,
  type KeySlot,
  type KeyStore,
} from './key-store';
import { DEFAULT_KDF_COST, deriveKek, newKdfParameters, type KdfCost } from './passphrase-kdf';
import { BackupStore } from '../backup/backup-store';
import { encryptPlaintextStore, finishPlaintextMigration, storeFileKind } from './store-file';
import type { StoreDamage } from './store-health';

/** The operating system's key protection (Electron safeStorage), reached through the shell. */
export interface OsKeyProtection {
  wrap(key: Buffer): Promise<Buffer>;
  unwrap(blob: Buffer): Promise<Buffer>;
}

export interface VaultOptions {
  dataDir: string;
  /** The database file inside dataDir. */
  databaseFile: string;
  /** Desktop with a real OS keyring; absent in browser mode and where safeStorage is weak. */
  osProtection?: OsKeyProtection | undefined;
  /** A key file (BANGBAN_KEY_FILE): created on first start when there is no key yet. */
  keyFile?: string | undefined;
  kdfCost?: KdfCost;
  clock: Clock;
  logger: Logger;
}

/** The secret one slot needs, as the caller has it. */
type Secret =
  | { kind: 'safeStorage' }
  | { kind: 'keyFile'; kek: Buffer }
  | { kind: 'passphrase'; passphrase: string };

type Problem = NonNullable<VaultStatus['problem']>;

/** Wrong passphrases allowed before each wait, and the first wait (doubling, capped). */
const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/**
 * Keeps the store's key: makes it on first start, unwraps it (OS protection, key file or
 * passphrase), rotates it, and prepares the database file for it (finishing an interrupted
 * rotation, encrypting a plaintext store from an earlier version). It never opens or creates a
 * database without the key.
 */
export class Vault {
  private key: Buffer | undefined;
  private problem: Problem | null = null;
  private failedAttempts = 0;
  private waitUntil = 0;
  private damage: StoreDamage | undefined;
  readonly backups: BackupStore;

  constructor(private readonly options: VaultOptions) {
    this.backups = new BackupStore(options.dataDir);
  }

  get databasePath(): string {
    return join(this.options.dataDir, this.options.databaseFile);
  }

  private get keyStorePath(): string {
    return join(this.options.dataDir, KEY_STORE_FILE);
  }

  private get nextKeyStorePath(): string {
    return join(this.options.dataDir, NEXT_KEY_STORE_FILE);
  }

  /** The unlocked key; only the engine's own store and backups use it. */
  get storeKey(): Buffer | undefined {
    return this.key;
  }

  status(): VaultStatus {
    const store = this.readStoreOrUndefined();
    const waitMs = Math.max(0, this.waitUntil - this.options.clock.now().getTime());
    const known = {
      protections: store ? store.slots.map((slot) => slot.kind) : [],
      keyCreatedAt: store?.createdAt ?? null,
      backups: this.backups.list(),
    };
    if (this.damage) {
      return {
        ...known,
        state: 'damaged',
        problem: { code: this.damage.code, message: this.damage.message, recovery: RESTORE },
        retryAfterSeconds: 0,
      };
    }
    return {
      ...known,
      state: this.key ? 'open' : store || this.missingKeyProblem() ? 'locked' : 'needsSetup',
      problem: this.key ? null : (this.problem ?? this.missingKeyProblem()),
      retryAfterSeconds: Math.ceil(waitMs / 1000),
    };
  }

  /** The key is right but the database is not: the engine stays closed until a restore. */
  reportDamage(damage: StoreDamage): void {
    this.damage = damage;
    this.key = undefined;
    this.options.logger.error('store damaged', undefined, { damage: damage.code });
  }

  /**
   * Only while damaged: the damaged files go to quarantine and the backup takes their place,
   * with the key store it was made under. The store must then be unlocked again.
   */
  restoreBackup(backupId: string): { quarantinedTo: string } {
    if (!this.damage) {
      throw new ApiError('CONFLICT', {
        message: {
          zh: '数据库完好，无需从备份恢复；如确需恢复，请关闭程序后运行 bangban restore',
          en: 'The store is sound; to restore anyway, close the app and run bangban restore',
        },
      });
    }
    const result = this.backups.restore(backupId, this.options.clock.now());
    this.options.logger.warn('store restored from a backup', { backupId });
    this.damage = undefined;
    this.problem = null;
    return result;
  }

  /**
   * Unlocks without anyone typing: through the OS protection or the key file, making the key on
   * first start when one of them is there. Undefined when a person must set up or unlock.
   */
  async openAutomatically(): Promise<Buffer | undefined> {
    const store = this.readStoreOrUndefined();
    if (!store) {
      if (this.missingKeyProblem()) return undefined;
      if (this.options.osProtection) return this.create({ kind: 'safeStorage' });
      if (this.options.keyFile) {
        const kek = existsSync(this.options.keyFile)
          ? readKeyFile(this.options.keyFile)
          : createKeyFile(this.options.keyFile);
        return this.create({ kind: 'keyFile', kek });
      }
      return undefined;
    }
    for (const slot of store.slots) {
      try {
        if (slot.kind === 'safeStorage' && this.options.osProtection)
          return await this.unlockWith({ kind: 'safeStorage' });
        if (slot.kind === 'keyFile' && this.options.keyFile)
          return await this.unlockWith({ kind: 'keyFile', kek: readKeyFile(this.options.keyFile) });
      } catch (error) {
        this.problem = problemOf(error, slot.kind);
        this.options.logger.warn('automatic unlock failed', { slot: slot.kind });
      }
    }
    return undefined;
  }

  /** First start without OS protection or key file: the administrator's passphrase guards the key. */
  async setUp(passphrase: string): Promise<Buffer> {
    if (this.key || this.readStoreOrUndefined()) throw new ApiError('SETUP_DONE');
    if (this.missingKeyProblem()) throw new ApiError('STORE_KEY_MISSING');
    return this.create({ kind: 'passphrase', passphrase });
  }

  async unlock(passphrase: string): Promise<Buffer> {
    if (this.key) return this.key;
    const now = this.options.clock.now().getTime();
    if (now < this.waitUntil) {
      throw new ApiError('TRY_LATER', {
        message: {
          zh: `口令错误次数过多，请 ${Math.ceil((this.waitUntil - now) / 1000)} 秒后再试`,
          en: `Too many wrong passphrases; try again in ${Math.ceil((this.waitUntil - now) / 1000)} s`,
        },
      });
    }
    try {
      const key = await this.unlockWith({ kind: 'passphrase', passphrase });
      this.failedAttempts = 0;
      return key;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STORE_KEY_INVALID') {
        this.failedAttempts += 1;
        if (this.failedAttempts >= FREE_ATTEMPTS) {
          const wait = FIRST_WAIT_MS * 2 ** (this.failedAttempts - FREE_ATTEMPTS);
          this.waitUntil = now + Math.min(wait, LONGEST_WAIT_MS);
        }
      }
      throw error;
    }
  }

  /**
   * Rotates the key: the new key is wrapped in every slot and written beside the key store
   * first, then the database is re-encrypted, then the new key store replaces the old. A crash
   * at any point leaves a key that opens the database (see `unlockWith`).
   */
  async rekey(db: Db, passphrase: string | undefined): Promise<void> {
    const current = this.requireKey();
    const store = this.requireStore();
    const next = newStoreKey();
    const slots: KeySlot[] = [];
    for (const slot of store.slots) {
      if (slot.kind === 'passphrase') {
        if (passphrase === undefined)
          throw new ApiError('INVALID_INPUT', {
            path: ['passphrase'],
            message: {
              zh: '请输入当前数据库口令：新密钥要用它重新保护',
              en: 'Enter the current store passphrase: the new key is wrapped with it',
            },
          });
        await this.checkPassphrase(store, passphrase, current);
      }
      slots.push(await this.slotFor(this.secretFor(slot.kind, passphrase), next));
    }
    writeKeyStore(this.nextKeyStorePath, this.storeFor(next, slots));
    rekeyDatabase(db, next);
    this.promoteNextKeyStore();
    this.key = next;
    this.options.logger.info('store key rotated', { keyId: keyIdOf(next) });
  }

  /** Adds the passphrase slot, or replaces it after checking the current passphrase. */
  async setPassphrase(currentPassphrase: string | undefined, newPassphrase: string): Promise<void> {
    const key = this.requireKey();
    const store = this.requireStore();
    if (store.slots.some((slot) => slot.kind === 'passphrase')) {
      if (currentPassphrase === undefined)
        throw new ApiError('INVALID_INPUT', { path: ['currentPassphrase'] });
      await this.checkPassphrase(store, currentPassphrase, key);
    }
    const slot = await this.slotFor({ kind: 'passphrase', passphrase: newPassphrase }, key);
    writeKeyStore(this.keyStorePath, {
      ...store,
      slots: [...store.slots.filter((existing) => existing.kind !== 'passphrase'), slot],
    });
  }

  private async create(secret: Secret): Promise<Buffer> {
    // Owner-only, like the key store in it: other accounts on a shared PC have no business here.
    mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 });
    // A migration cut short puts the plaintext back first, so it is recognised below.
    finishPlaintextMigration(this.databasePath);
    const key = newStoreKey();
    const store = this.storeFor(key, [await this.slotFor(secret, key)]);
    if (storeFileKind(this.databasePath) === 'plaintext') store.encryptingPlaintext = true;
    writeKeyStore(this.keyStorePath, store);
    this.options.logger.info('store key created', { protection: secret.kind });
    this.prepareStore(key);
    this.key = key;
    this.problem = null;
    return key;
  }

  /**
   * Unwraps the key with `secret` and proves it opens the database. After a crash mid-rotation
   * the next key store is tried too: whichever key opens the database is the one kept.
   */
  private async unlockWith(secret: Secret): Promise<Buffer> {
    finishPlaintextMigration(this.databasePath);
    const candidates: { store: KeyStore; next: boolean }[] = [
      { store: this.requireStore(), next: false },
    ];
    if (existsSync(this.nextKeyStorePath)) {
      try {
        candidates.push({ store: readKeyStore(this.nextKeyStorePath), next: true });
      } catch {
        // A next key store cut short by a crash was never used: the rotation did not start.
      }
    }
    let failure: unknown = new ApiError('STORE_KEY_INVALID');
    let rightKey: Buffer | undefined;
    for (const candidate of candidates) {
      let key: Buffer;
      try {
        key = await this.unwrap(candidate.store, secret);
      } catch (error) {
        failure = error;
        continue;
      }
      if (!candidate.next) rightKey = key;
      if (!this.keyOpensStore(key)) continue;
      if (candidate.next) this.promoteNextKeyStore();
      else rmSync(this.nextKeyStorePath, { force: true });
      return this.accept(key);
    }
    // The key store's own key unwrapped, yet opens nothing: the database is what is wrong, which
    // the gate's health check then says. Never a reason to doubt the passphrase.
    if (rightKey) return this.accept(rightKey);
    throw failure;
  }

  private accept(key: Buffer): Buffer {
    this.prepareStore(key);
    this.key = key;
    this.problem = null;
    return key;
  }

  private async unwrap(store: KeyStore, secret: Secret): Promise<Buffer> {
    const slot = store.slots.find((candidate) => candidate.kind === secret.kind);
    if (!slot) throw new ApiError('STORE_KEY_INVALID');
    let key: Buffer | undefined;
    if (slot.kind === 'safeStorage') {
      const protection = this.options.osProtection;
      if (!protection) throw new ApiError('STORE_KEY_INVALID');
      key = await protection.unwrap(Buffer.from(slot.blob, 'base64'));
    } else if (slot.kind === 'keyFile' && secret.kind === 'keyFile') {
      key = unseal(secret.kek, slot.sealed, 'keyFile');
    } else if (slot.kind === 'passphrase' && secret.kind === 'passphrase') {
      key = unseal(await deriveKek(secret.passphrase, slot.kdf), slot.sealed, 'passphrase');
    }
    if (!key || keyIdOf(key) !== store.keyId) throw new ApiError('STORE_KEY_INVALID');
    return key;
  }

  private async slotFor(secret: Secret, key: Buffer): Promise<KeySlot> {
    const addedAt = this.options.clock.now().toISOString();
    switch (secret.kind) {
      case 'safeStorage': {
        const protection = this.options.osProtection;
        if (!protection) throw new Error('no OS key protection on this terminal');
        return {
          kind: 'safeStorage',
          blob: (await protection.wrap(key)).toString('base64'),
          addedAt,
        };
      }
      case 'keyFile':
        return { kind: 'keyFile', sealed: seal(secret.kek, key, 'keyFile'), addedAt };
      case 'passphrase': {
        const kdf = newKdfParameters(this.options.kdfCost ?? DEFAULT_KDF_COST);
        const kek = await deriveKek(secret.passphrase, kdf);
        return { kind: 'passphrase', kdf, sealed: seal(kek, key, 'passphrase'), addedAt };
      }
    }
  }

  private secretFor(kind: KeyProtection, passphrase: string | undefined): Secret {
    if (kind === 'safeStorage') return { kind };
    if (kind === 'passphrase') return { kind, passphrase: passphrase ?? '' };
    if (!this.options.keyFile) throw new ApiError('STORE_KEY_MISSING');
    return { kind, kek: readKeyFile(this.options.keyFile) };
  }

  private async checkPassphrase(store: KeyStore, passphrase: string, key: Buffer): Promise<void> {
    const unwrapped = await this.unwrap(store, { kind: 'passphrase', passphrase });
    if (!unwrapped.equals(key)) throw new ApiError('STORE_KEY_INVALID');
  }

  private storeFor(key: Buffer, slots: KeySlot[]): KeyStore {
    return {
      formatVersion: 1,
      cipher: 'sqlcipher4',
      keyId: keyIdOf(key),
      createdAt: this.options.clock.now().toISOString(),
      slots,
    };
  }

  /** Readies the database file for the key: an earlier version's plaintext store is encrypted. */
  private prepareStore(key: Buffer): void {
    finishPlaintextMigration(this.databasePath);
    const store = this.readStoreOrUndefined();
    if (!store?.encryptingPlaintext) return;
    if (storeFileKind(this.databasePath) === 'plaintext') {
      this.options.logger.info('encrypting the plaintext store of an earlier version');
      encryptPlaintextStore(this.databasePath, key);
    }
    const { encryptingPlaintext: _done, ...rest } = store;
    writeKeyStore(this.keyStorePath, rest);
  }

  private keyOpensStore(key: Buffer): boolean {
    if (storeFileKind(this.databasePath) !== 'encrypted') return true;
    try {
      openDatabaseForInspection(this.databasePath, key).close();
      return true;
    } catch {
      return false;
    }
  }

  private promoteNextKeyStore(): void {
    renameSync(this.nextKeyStorePath, this.keyStorePath);
    syncFolder(this.options.dataDir);
  }

  /** An encrypted store with no key store beside it: nothing here can open it. */
  private missingKeyProblem(): Problem | null {
    if (existsSync(this.keyStorePath) || storeFileKind(this.databasePath) !== 'encrypted')
      return null;
    return {
      code: 'STORE_KEY_MISSING',
      message: {
        zh: `数据库已加密，但找不到密钥库文件 ${KEY_STORE_FILE}`,
        en: `The store is encrypted but its key store ${KEY_STORE_FILE} is missing`,
      },
      recovery: RECOVERY,
    };
  }

  private readStoreOrUndefined(): KeyStore | undefined {
    if (!existsSync(this.keyStorePath)) return undefined;
    try {
      return readKeyStore(this.keyStorePath);
    } catch (error) {
      this.problem = problemOf(error, undefined);
      return undefined;
    }
  }

  private requireStore(): KeyStore {
    try {
      return readKeyStore(this.keyStorePath);
    } catch {
      throw new ApiError('STORE_KEY_MISSING', {
        message: {
          zh: `密钥库文件 ${KEY_STORE_FILE} 缺失或损坏`,
          en: `The key store ${KEY_STORE_FILE} is missing or damaged`,
        },
      });
    }
  }

  private requireKey(): Buffer {
    if (!this.key) throw new ApiError('STORE_LOCKED');
    return this.key;
  }
}

const RESTORE = {
  zh: '损坏的文件会移到数据目录的 quarantine 文件夹中保留，然后用所选的备份恢复；备份之后的操作需要重新录入，或从中心重新同步。',
  en: 'The damaged files are kept in the quarantine folder, then the chosen backup takes their place; work done after it must be entered again or synced from the hub.',
};

const RECOVERY = {
  zh: '从本机备份恢复密钥库文件（keystore.json），或用 bangban restore 从备份恢复数据，或从中心重新同步本窗口的数据。切勿删除数据库文件。',
  en: 'Restore keystore.json from a backup, or restore the data with `bangban restore` or from the hub. Do not delete the database file.',
};

function problemOf(error: unknown, slot: KeyProtection | undefined): Problem {
  if (error instanceof ApiError)
    return { code: error.code, message: error.localized, recovery: RECOVERY };
  if (error instanceof KeyStoreUnreadable)
    return {
      code: 'STORE_KEY_MISSING',
      message: {
        zh: `密钥库文件 ${KEY_STORE_FILE} 已损坏`,
        en: `The key store ${KEY_STORE_FILE} is damaged`,
      },
      recovery: RECOVERY,
    };
  return {
    code: 'STORE_KEY_INVALID',
    message:
      slot === 'safeStorage'
        ? {
            zh: '系统密钥保护无法解开数据库密钥（可能更换了系统账户），请输入数据库口令',
            en: 'The OS key protection cannot unwrap the key (another OS account?); enter the passphrase',
          }
        : { zh: '数据库密钥无法解开', en: 'The store key cannot be unwrapped' },
    recovery: RECOVERY,
  };
}
