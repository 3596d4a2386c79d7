import { z } from 'zod';
import { timestampSchema } from './common';
import { localizedTextSchema } from './errors';
import { bilingual } from './validation';

/**
 * How the store's key is protected: by the operating system (Electron safeStorage, desktop), by
 * an administrator's passphrase (memory-hard KDF), or by a key file only its owner can read.
 */
export const keyProtectionSchema = z.enum(['safeStorage', 'passphrase', 'keyFile']);
export type KeyProtection = z.infer<typeof keyProtectionSchema>;

/** Shortest store passphrase: it guards every citizen record on the terminal. */
export const MIN_STORE_PASSPHRASE_LENGTH = 12;

export const storePassphraseSchema = z
  .string()
  .min(
    MIN_STORE_PASSPHRASE_LENGTH,
    bilingual(
      `数据库口令至少 ${MIN_STORE_PASSPHRASE_LENGTH} 位`,
      `At least ${MIN_STORE_PASSPHRASE_LENGTH} characters`,
    ),
  )
  .max(256);

/** One encrypted backup of the store, in `<data>/backups/`. */
export const backupSummarySchema = z.object({
  id: z.string(),
  createdAt: timestampSchema,
  reason: z.enum(['scheduled', 'manual', 'beforeUpgrade', 'beforeRestore']),
  sizeBytes: z.number().int().min(0),
  schemaVersion: z.number().int(),
});
export type BackupSummary = z.infer<typeof backupSummarySchema>;

export const vaultStatusSchema = z.object({
  /**
   * `needsSetup`: no key yet, an administrator chooses the store passphrase; `locked`: the key
   * exists but must be unlocked with the passphrase; `damaged`: the key is right but the
   * database is not (bad page, cut short, another file, its log gone): restore a backup;
   * `open`: the engine is serving.
   */
  state: z.enum(['needsSetup', 'locked', 'damaged', 'open']),
  /** The ways this terminal's key is protected, in the order they are tried. */
  protections: z.array(keyProtectionSchema),
  /** Why the store is locked or cannot open, with the way to recover, in plain words. */
  problem: z
    .object({ code: z.string(), message: localizedTextSchema, recovery: localizedTextSchema })
    .nullable(),
  /** Seconds to wait before the next unlock attempt (after repeated wrong passphrases). */
  retryAfterSeconds: z.number().int().min(0),
  /** When the key was last rotated (or created); null while there is none. */
  keyCreatedAt: timestampSchema.nullable(),
  /** The backups there are to restore, newest first. */
  backups: z.array(backupSummarySchema),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

export const setUpVaultInputSchema = z.object({ passphrase: storePassphraseSchema }).strict();
export const unlockVaultInputSchema = z.object({ passphrase: z.string().min(1).max(256) }).strict();

export const rekeyVaultInputSchema = z
  .object({
    /** Required when the key is protected by a passphrase: the new key is wrapped with it. */
    passphrase: z.string().min(1).max(256).optional(),
  })
  .strict();

export const setVaultPassphraseInputSchema = z
  .object({
    /** The passphrase now in use, when there is one. */
    currentPassphrase: z.string().min(1).max(256).optional(),
    newPassphrase: storePassphraseSchema,
  })
  .strict();

export const restoreBackupInputSchema = z
  .object({ backupId: z.string().regex(/^bangban-[0-9TZ]+-[A-Za-z]+$/) })
  .strict();
