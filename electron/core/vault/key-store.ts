import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { KeyProtection } from '@shared/api';
import { writeFileAtomically } from '../db/durable-files';

/** The store key: 32 random bytes, the raw SQLCipher key. Never written anywhere unwrapped. */
export const STORE_KEY_BYTES = 32;

export const KEY_STORE_FILE = 'keystore.json';
/** Written before a rekey touches the database, so a crash mid-rotation keeps both keys. */
export const NEXT_KEY_STORE_FILE = 'keystore.next.json';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const sealedSchema = z.object({ iv: base64, ciphertext: base64, tag: base64 });
type Sealed = z.infer<typeof sealedSchema>;

export const kdfParametersSchema = z.object({
  algorithm: z.literal('argon2id'),
  salt: base64,
  /** KiB of memory, passes, lanes. */
  memoryCost: z.number().int().min(8).max(4_194_304),
  timeCost: z.number().int().min(1).max(100),
  parallelism: z.number().int().min(1).max(16),
});
export type KdfParameters = z.infer<typeof kdfParametersSchema>;

const slotSchema = z.discriminatedUnion('kind', [
  /** Wrapped by the operating system (Electron safeStorage: DPAPI, Keychain, libsecret). */
  z.object({ kind: z.literal('safeStorage'), blob: base64, addedAt: z.string() }),
  /** Wrapped with a key derived from the administrator's passphrase. */
  z.object({
    kind: z.literal('passphrase'),
    kdf: kdfParametersSchema,
    sealed: sealedSchema,
    addedAt: z.string(),
  }),
  /** Wrapped with the 32 bytes of a key file only its owner may read. */
  z.object({ kind: z.literal('keyFile'), sealed: sealedSchema, addedAt: z.string() }),
]);
export type KeySlot = z.infer<typeof slotSchema>;

const keyStoreSchema = z.object({
  formatVersion: z.literal(1),
  cipher: z.literal('sqlcipher4'),
  /** A fingerprint of the key (HMAC, not the key): tells which key a backup was made with. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  createdAt: z.string(),
  slots: z.array(slotSchema).min(1),
  /**
   * Set when the key was made for a plaintext store of an earlier version, until it is
   * encrypted: any other plaintext file in the store's place is a foreign file, never adopted.
   */
  encryptingPlaintext: z.literal(true).optional(),
});
export type KeyStore = z.infer<typeof keyStoreSchema>;

export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('bangban store key id').digest('hex').slice(0, 16);
}

export function newStoreKey(): Buffer {
  return randomBytes(STORE_KEY_BYTES);
}

/** AES-256-GCM under a key-encryption key; the slot kind is bound in as associated data. */
export function seal(kek: Buffer, key: Buffer, kind: KeyProtection): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`bangban-keystore-v1:${kind}`));
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The key, or undefined when `kek` is not the one it was sealed with (or the slot was edited). */
export function unseal(kek: Buffer, sealed: Sealed, kind: KeyProtection): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(`bangban-keystore-v1:${kind}`));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const key = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]);
    return key.length === STORE_KEY_BYTES ? key : undefined;
  } catch {
    return undefined;
  }
}

export class KeyStoreUnreadable extends Error {
  constructor(file: string, cause: unknown) {
    super(`key store ${file} is unreadable: ${String(cause)}`);
    this.name = 'KeyStoreUnreadable';
  }
}

export function readKeyStore(file: string): KeyStore {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KeyStoreUnreadable(file, error);
  }
  const result = keyStoreSchema.safeParse(parsed);
  if (!result.success) throw new KeyStoreUnreadable(file, result.error.message);
  return result.data;
}

/** Writes the key store atomically (see writeFileAtomically), owner-only. */
export function writeKeyStore(file: string, store: KeyStore): void {
  writeFileAtomically(file, `${JSON.stringify(keyStoreSchema.parse(store), null, 2)}\n`);
}
