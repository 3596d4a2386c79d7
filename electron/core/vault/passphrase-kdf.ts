import { randomBytes } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import type { KdfParameters } from './key-store';

/**
 * Argon2id at 64 MiB and 3 passes: a guess costs a GPU real memory, and unlocking once a day
 * costs a window PC well under a second. Stored with each slot, so the cost can grow later.
 */
export const DEFAULT_KDF_COST = { memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;
export type KdfCost = { memoryCost: number; timeCost: number; parallelism: number };

export function newKdfParameters(cost: KdfCost = DEFAULT_KDF_COST): KdfParameters {
  return { algorithm: 'argon2id', salt: randomBytes(16).toString('base64'), ...cost };
}

/** The key-encryption key for a passphrase slot (Argon2id is the library's default). */
export function deriveKek(passphrase: string, parameters: KdfParameters): Promise<Buffer> {
  return hashRaw(passphrase.normalize('NFC'), {
    salt: Buffer.from(parameters.salt, 'base64'),
    memoryCost: parameters.memoryCost,
    timeCost: parameters.timeCost,
    parallelism: parameters.parallelism,
    outputLen: 32,
  });
}
